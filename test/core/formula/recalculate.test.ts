// Recalculating the formulas a write reaches: dependency order, chains across sheets, what is stale
// (not evaluable, reading a stale formula, on a cycle, with references not known), and what is left alone.
import { FormulaGraph } from '../../../src/core/formula';
import { setCell, sheetFromRows } from '../../../src/core/grid/sheet';
import type { Cell, Scalar, Workbook } from '../../../src/core/grid/types';

const f = (formula: string, v: Scalar): Cell => ({ v, f: formula });

/** S: A1:A3 inputs; B1 = SUM(A1:A3); C1 = B1*2 (chained); D1 = ROUND(C1/7,2); E1 = SUM(G:G); other sheet reads B1. */
function book(): Workbook {
  return {
    sheets: [
      sheetFromRows('S', [
        [1, f('SUM(A1:A3)', 6), f('B1*2', 12), f('ROUND(C1/7,2)', 1.71), f('SUM(G:G)', 0)],
        [2, f('VLOOKUP(A1,A1:A3,1,FALSE)', 1), f('B2+1', 2), f('A2*2', 4)],
        [3, f('C3+1', 0), f('B3+1', 0), f('单价*A1', 0), f('INDIRECT("A1")', 1)],
        [null, f('NOW()', 46000), f('SUM(F1:F2)', 0)],
      ]),
      sheetFromRows('汇总 表', [[f("S!B1+'s'!A1", 7), f('A1', 7), f("SUM(S!A1:B1)", 7)]]),
    ],
  };
}

function write(wb: Workbook, sheet: string, row: number, col: number, v: Scalar) {
  setCell(wb.sheets.find((s) => s.name === sheet)!, row, col, { v });
  return { sheet, row, col };
}

const at = (x: { sheet: { name: string }; row: number; col: number }) => `${x.sheet.name}!${String.fromCharCode(65 + x.col)}${x.row + 1}`;

describe('FormulaGraph.recalculate', () => {
  test('a write reaches its formulas and theirs, in dependency order, on every sheet', () => {
    const wb = book();
    const g = new FormulaGraph(wb);
    const w = write(wb, 'S', 0, 0, 10); // A1: 1 → 10
    const r = g.recalculate([w]);
    expect(r.updated.map((u) => [at(u), u.before, u.value])).toEqual([
      ['S!B1', 6, 15],
      ['S!C1', 12, 30],
      ['S!D1', 1.71, 4.29],
      ['汇总 表!A1', 7, 25],
      ['汇总 表!B1', 7, 25],
      ['汇总 表!C1', 7, 25],
    ]);
    // VLOOKUP reads A1 and is not evaluated; B2+1 reads it; the name and INDIRECT may read anything.
    expect(r.stale.map(at)).toEqual(['S!B2', 'S!C2', 'S!D3', 'S!E3']);
  });

  test('formulas the write does not reach are left alone (E1, D2, NOW())', () => {
    const wb = book();
    const r = new FormulaGraph(wb).recalculate([write(wb, 'S', 1, 0, 5)]); // A2
    const touched = [...r.updated.map(at), ...r.stale.map(at)];
    expect(touched).toContain('S!D2');
    for (const cell of ['S!E1', 'S!B4']) expect(touched).not.toContain(cell);
  });

  test('a cycle the write reaches is stale, with what reads it; nothing is updated', () => {
    // B1 = A1+C1 and C1 = B1+1: a cycle; D1 reads it.
    const wb2: Workbook = { sheets: [sheetFromRows('S', [[1, f('A1+C1', 0), f('B1+1', 0), f('C1*2', 0)]])] };
    const r = new FormulaGraph(wb2).recalculate([write(wb2, 'S', 0, 0, 2)]);
    expect(r.updated).toEqual([]);
    expect(r.stale.map(at)).toEqual(['S!B1', 'S!C1', 'S!D1']);
  });

  test('a formula reading its own cell through a range is stale', () => {
    const wb: Workbook = { sheets: [sheetFromRows('S', [[1], [2], [f('SUM(A1:A3)', 3)]])] };
    const r = new FormulaGraph(wb).recalculate([write(wb, 'S', 0, 0, 5)]);
    expect(r.stale.map(at)).toEqual(['S!A3']);
  });

  test('a result equal to the cached one at 15 digits is no update', () => {
    const wb: Workbook = { sheets: [sheetFromRows('S', [[0.1, 0.2, f('A1+B1', 0.30000000000000004), f('C1*10', 3)]])] };
    const r = new FormulaGraph(wb).recalculate([write(wb, 'S', 0, 0, 0.1)]);
    expect(r).toEqual({ updated: [], stale: [] });
  });

  test('a sheet named in another case, a quoted name, and a written cell on an unknown sheet', () => {
    const wb: Workbook = {
      sheets: [sheetFromRows('附件 3', [[1]]), sheetFromRows('T', [[f("'附件 3'!A1*2", 2), f('附件 3!A1', 0)]])],
    };
    const g = new FormulaGraph(wb);
    expect(g.recalculate([{ sheet: '无此表', row: 0, col: 0 }])).toEqual({ updated: [], stale: [] });
    const r = g.recalculate([write(wb, '附件 3', 0, 0, 4)]);
    expect(r.updated.map((u) => [at(u), u.value])).toEqual([['T!A1', 8]]);
  });

  test('large ranges (whole columns) are found without listing their cells', () => {
    const wb: Workbook = { sheets: [sheetFromRows('S', [[f('SUM(B:B)', 0), 1], [f('SUM(B2:Z999)', 0), 2]])] };
    const r = new FormulaGraph(wb).recalculate([write(wb, 'S', 500, 1, 10)]);
    expect(r.updated.map((u) => [at(u), u.value])).toEqual([['S!A1', 13], ['S!A2', 12]]);
  });

  test('a written formula cell is evaluated itself; an override computes first', () => {
    const wb: Workbook = { sheets: [sheetFromRows('S', [[2, f('A1*3', null), f('B1+1', 0)]])] };
    const g = new FormulaGraph(wb);
    const r = g.recalculate([{ sheet: 'S', row: 0, col: 1 }], (fc) => (fc.col === 2 ? 100 : undefined));
    expect(r.updated.map((u) => [at(u), u.value])).toEqual([['S!B1', 6], ['S!C1', 100]]);
  });

  test('a formula found stale stays stale in a later round', () => {
    const wb: Workbook = { sheets: [sheetFromRows('S', [[1, f('MAX(A1,0)', 1), f('B1+A1', 2)]])] };
    const g = new FormulaGraph(wb);
    expect(g.recalculate([write(wb, 'S', 0, 0, 2)]).stale.map(at)).toEqual(['S!B1', 'S!C1']);
    // C1 reads A1 (evaluable) and B1 (stale): still not evaluated from B1's old result.
    expect(g.recalculate([write(wb, 'S', 0, 0, 3)]).stale.map(at)).toEqual(['S!B1', 'S!C1']);
  });
});

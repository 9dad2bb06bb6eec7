// The comparisons the lossless properties rely on are not blind: each kind of change to a workbook
// (through a file, as the properties see them) is reported, and nothing is reported without one.
import * as ExcelJS from 'exceljs';
import { makeChange } from '../../src/core/changes/changeset';
import type { Workbook } from '../../src/core/grid/types';
import { buildSample } from '../hosts/xlsx/helpers';
import { diffGrids } from './grid-compare';
import { diffWorkbooks } from './xlsx-compare';

function sample(): ExcelJS.Workbook {
  const wb = buildSample();
  const ws = wb.getWorksheet('主表')!;
  ws.getCell('B3').note = '核对';
  ws.getCell('C4').border = { top: { style: 'thin' } };
  ws.getCell('C5').alignment = { horizontal: 'center', wrapText: true };
  ws.getRow(4).height = 30;
  wb.definedNames.add("'主表'!$B$3:$C$5", 'amounts');
  return wb;
}

/** Written and read back by ExcelJS, as saveXlsxAtomic writes (page numbering kept automatic). */
async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const setups = wb.worksheets.map((ws) => ws.pageSetup as unknown as { useFirstPageNumber?: boolean; firstPageNumber?: number });
  const first = setups.map((ps) => ps.firstPageNumber);
  for (const ps of setups) if (ps.useFirstPageNumber === false) ps.firstPageNumber = undefined;
  const buf = await wb.xlsx.writeBuffer();
  setups.forEach((ps, i) => (ps.firstPageNumber = first[i]));
  const out = new ExcelJS.Workbook();
  await out.xlsx.load(buf);
  return out;
}

const main = (wb: ExcelJS.Workbook) => wb.getWorksheet('主表')!;

const MUTATIONS: [string, (wb: ExcelJS.Workbook) => void, RegExp][] = [
  ['a value', (wb) => (main(wb).getCell('B4').value = 51), /主表!B4 changed/],
  ['a formula', (wb) => (main(wb).getCell('D3').value = { formula: 'C3/B4', result: 0.8 } as ExcelJS.CellFormulaValue), /主表!D3 changed/],
  ['a cached result', (wb) => (main(wb).getCell('D3').value = { formula: 'C3/B3', result: 0.81 } as ExcelJS.CellFormulaValue), /主表!D3 changed/],
  [
    'a shared formula’s master (its dependent evaluates another formula)',
    (wb) => (main(wb).getCell('E3').value = { formula: 'D3*20', result: 16, shareType: 'shared', ref: 'E3:E4' } as unknown as ExcelJS.CellValue),
    /主表!E4 changed/,
  ],
  ['rich text runs', (wb) => (main(wb).getCell('A6').value = { richText: [{ text: '产出指标' }] }), /主表!A6 changed/],
  ['a number format', (wb) => (main(wb).getCell('D4').numFmt = '0.0%'), /主表!D4 changed/],
  ['a font', (wb) => (main(wb).getCell('B5').font = { bold: true, name: 'Arial', size: 12 }), /主表!B5 changed/],
  ['a fill', (wb) => (main(wb).getCell('C3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } }), /主表!C3 changed/],
  ['a border', (wb) => (main(wb).getCell('C4').border = { top: { style: 'thick' } }), /主表!C4 changed/],
  ['an alignment', (wb) => (main(wb).getCell('C5').alignment = { horizontal: 'left' }), /主表!C5 changed/],
  ['a note', (wb) => (main(wb).getCell('B3').note = '已核对'), /主表!B3 changed/],
  ['a merge', (wb) => main(wb).unMergeCells('A7:A9'), /主表 merges/],
  ['a column width', (wb) => (main(wb).getColumn(4).width = 13), /主表 cols/],
  ['a row height', (wb) => (main(wb).getRow(4).height = 31), /主表 row 4/],
  ['a sheet state', (wb) => (wb.getWorksheet('深藏')!.state = 'hidden'), /workbook sheets/],
  ['the sheet order', (wb) => ((wb.getWorksheet('主表') as unknown as { orderNo: number }).orderNo = 99), /workbook sheets/],
  ['a defined name', (wb) => wb.definedNames.remove("'主表'!$B$3", 'amounts'), /workbook definedNames/],
];

describe('diffWorkbooks', () => {
  test('reports nothing for a file written back unchanged', async () => {
    const a = await roundTrip(sample());
    expect(diffWorkbooks(a, await roundTrip(a))).toEqual([]);
  });

  test.each(MUTATIONS)('reports %s', async (_what, mutate, where) => {
    const a = await roundTrip(sample());
    const b = await roundTrip(a);
    mutate(b);
    const diffs = diffWorkbooks(a, await roundTrip(b));
    expect(diffs.join('\n')).toMatch(where);
  });

  test('a written cell must hold its `after` value and number format, and keep its style', async () => {
    const a = await roundTrip(sample());
    const grid: Workbook = { sheets: [{ name: '主表', rows: [[], [], [undefined, { v: 100 }]], merges: [] }] };
    const cs = { changes: [makeChange(grid, '主表', 2, 1, { v: 0.5, fmt: '0.00%' }, 'test')] };
    const written = async (f: (c: ExcelJS.Cell) => void) => {
      const b = await roundTrip(a);
      f(main(b).getCell('B3'));
      return diffWorkbooks(a, await roundTrip(b), cs).join('\n');
    };
    expect(await written((c) => ((c.value = 0.5), (c.style = { ...c.style, numFmt: '0.00%' })))).toBe('');
    expect(await written((c) => (c.value = 0.5))).toMatch(/B3 \(written\) has another number format/);
    expect(await written((c) => ((c.value = 0.51), (c.style = { ...c.style, numFmt: '0.00%' })))).toMatch(/B3 \(written\) has another value/);
    expect(await written((c) => ((c.value = 0.5), (c.style = { numFmt: '0.00%' })))).toMatch(/B3 \(written\) lost its style/);
  });
});

describe('diffGrids', () => {
  const grid = (): Workbook => ({ sheets: [{ name: 'S', rows: [[{ v: 1 }, { v: 'a', fmt: '@' }], [undefined, { v: null, fmt: '0%' }]], merges: [] }] });

  test('reports a changed cell unless the change set wrote it, and a written cell without its `after`', () => {
    const a = grid();
    const b = grid();
    b.sheets[0].rows[1][1] = { v: 0.5, fmt: '0%' };
    expect(diffGrids(a, b)).toHaveLength(1);
    const cs = { changes: [makeChange(a, 'S', 1, 1, { v: 0.5, fmt: '0%' }, 'test')] };
    expect(diffGrids(a, b, cs)).toEqual([]);
    const wrong = { changes: [makeChange(a, 'S', 1, 1, { v: 0.5 }, 'test')] };
    expect(diffGrids(a, b, wrong)).toHaveLength(1);
  });

  test('reports a format lost from a blank cell, a merge, a hidden sheet', () => {
    const a = grid();
    const b = grid();
    b.sheets[0].rows[1][1] = undefined;
    expect(diffGrids(a, b)).toHaveLength(1);
    const c = grid();
    c.sheets[0].merges.push({ r0: 0, c0: 0, r1: 0, c1: 1 });
    expect(diffGrids(a, c)).toHaveLength(1);
    const d = grid();
    d.sheets[0].hidden = true;
    expect(diffGrids(a, d)).toHaveLength(1);
  });
});

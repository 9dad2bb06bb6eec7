// The emulated Excel calculates: formulas a write reaches get their results recomputed with the core's
// evaluator (same sync, before any read), across sheets; what it cannot evaluate keeps its cached
// result; undo restores the results; and after 应用 a user's =SUM total shows the new total.
import { recalc } from '../../../src/core/engine';
import { cellAt, cloneWorkbook, sheetFromRows } from '../../../src/core/grid/sheet';
import type { Cell, Scalar, Workbook } from '../../../src/core/grid/types';
import { createEmulatedHost } from '../../../src/hosts/emulated/emulated-host';
import { createExcelNamespace, EmulatedWorkbook, type ExcelLike } from '../../../src/hosts/emulated/excel-emulation';
import { Session } from '../../../src/taskpane/session';
import { projectSheet } from '../../core/template';

const f = (formula: string, v: Scalar): Cell => ({ v, f: formula });

/** 表: A1:A3 inputs; B1 = SUM(A1:A3); C1 = B1*2; D1 a VLOOKUP; E1 = D1+1; 汇总!A1 = ROUND(表!B1/7,2). */
function small(): Workbook {
  return {
    sheets: [
      sheetFromRows('表', [[1, f('SUM(A1:A3)', 6), f('B1*2', 12), f('VLOOKUP(2,A1:A3,1,FALSE)', 2), f('D1+1', 3)], [2], [3]]),
      sheetFromRows('汇总', [[f('ROUND(表!B1/7,2)', 0.86)]]),
    ],
  };
}

function setup(wb: Workbook, apiVersion = '1.13') {
  const book = new EmulatedWorkbook(wb);
  return { book, Excel: createExcelNamespace(book, { apiVersion }) };
}

const v = (book: EmulatedWorkbook, sheet: string, row: number, col: number) => cellAt(book.sheet(sheet)!, row, col)?.v;

async function setValue(Excel: ExcelLike, sheet: string, address: string, value: unknown, opts: { mergeUndoGroup?: boolean } = {}) {
  await Excel.run(opts, async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).values = [[value]];
    await context.sync();
  });
}

describe('the emulation recalculates the formulas a write reaches', () => {
  test('a written value updates its formulas and theirs, on every sheet; a VLOOKUP keeps its result', async () => {
    const { book, Excel } = setup(small());
    await setValue(Excel, '表', 'A1', 10);
    expect([v(book, '表', 0, 1), v(book, '表', 0, 2), v(book, '汇总', 0, 0)]).toEqual([15, 30, 2.14]);
    expect([v(book, '表', 0, 3), v(book, '表', 0, 4)]).toEqual([2, 3]);
  });

  test('a read in the same sync sees the new results', async () => {
    const { Excel } = setup(small());
    const got = await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem('表');
      s.getRange('A2').values = [[20]];
      const r = s.getRange('B1:C1');
      r.load('values');
      await context.sync();
      return r.values;
    });
    expect(got).toEqual([[24, 48]]);
  });

  test('a formula written over a blank gets its result; text typed into a referenced cell leaves SUM to skip it', async () => {
    const { book, Excel } = setup(small());
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem('表');
      s.getRange('F1').formulas = [['=SUM(A1:A3)*10%']];
      s.getRange('A3').values = [['备注']];
      await context.sync();
    });
    expect([v(book, '表', 0, 5), v(book, '表', 0, 1)]).toEqual([0.3, 3]);
  });

  test('undo (ExcelApi 1.20) restores the results with the value', async () => {
    const { book, Excel } = setup(small(), '1.20');
    await setValue(Excel, '表', 'A1', 10, { mergeUndoGroup: true });
    expect(v(book, '表', 0, 1)).toBe(15);
    expect(book.undo()).toBe(true);
    expect([v(book, '表', 0, 0), v(book, '表', 0, 1), v(book, '表', 0, 2), v(book, '汇总', 0, 0)]).toEqual([1, 6, 12, 0.86]);
  });
});

describe('after 应用 in the workbench, a user\'s =SUM total shows the new total', () => {
  // 附件3 with its 总分 得分 (H15) a kept =SUM(H4,H9:H14), a score that recalculation fixes (H9: 1次 of
  // ≥2次 scores 10, not 20) and another sheet summing the indicator scores.
  function workbook(): Workbook {
    const indicators = [
      { l1: '产出指标（50分）', l2: '数量指标', l3: '召开会议', target: '≥2次', actual: '1次', weight: 20, score: 20, reason: '减少' },
      { l2: '质量指标', l3: '完成率', target: '≥95%', actual: '100%', weight: 10, score: 10 },
      { l2: '时效指标', l3: '完成时间', target: '12月31日前', actual: '按时', weight: 10, score: 10 },
      { l2: '成本指标', l3: '会议成本', target: '≤10万元', actual: '9.5万元', weight: 10, score: 10 },
      { l1: '效益指标（30分）', l2: '社会效益指标', l3: '履职能力', target: '明显提升', actual: '有效提升', weight: 30, score: 28, reason: '部分代表未参训' },
      { l1: '满意度指标（10分）', l2: '服务对象满意度指标', l3: '代表满意度', target: '≥90%', actual: '95%', weight: 10, score: 10 },
    ];
    return {
      sheets: [
        projectSheet({ indicators, total: { score: f('SUM(H4,H9:H14)', 95.5) } }),
        sheetFromRows('汇总', [['指标得分', f('SUM(附件3!H9:H14)', 88)]]),
      ],
    };
  }

  test('the task pane previews what recalc writes (formula results included); after 应用 the =SUM cells show the new totals, and undo brings them back', async () => {
    const book = new EmulatedWorkbook(workbook());
    const session = new Session(createEmulatedHost(book));
    const cs = await session.preview();
    expect(cs.changes.map((c) => [c.cell, c.after.v, c.reason])).toEqual([
      ['H9', 10, 'fix'],
      ['H15', 85.5, 'formula'],
      ['B1', 78, 'formula'],
    ]);
    await session.apply(cs);
    expect([v(book, '附件3', 14, 7), v(book, '汇总', 0, 1)]).toEqual([85.5, 78]);
    await session.undo();
    expect([v(book, '附件3', 14, 7), v(book, '汇总', 0, 1)]).toEqual([95.5, 88]);
  });

  test('applying recalc\'s change set (formula results included) leaves the workbook as recalc\'s copy', async () => {
    const wb = workbook();
    const r = recalc(wb);
    expect(r.changes.changes.map((c) => [c.sheet, c.cell, c.after.v, c.reason])).toEqual([
      ['附件3', 'H9', 10, 'fix'],
      ['附件3', 'H15', 85.5, 'formula'],
      ['汇总', 'B1', 78, 'formula'],
    ]);
    const book = new EmulatedWorkbook(cloneWorkbook(wb));
    await createEmulatedHost(book).applyChanges(r.changes);
    for (const ch of r.changes.changes) expect(cellAt(book.sheet(ch.sheet)!, ch.row, ch.col)).toEqual(ch.after);
  });
});

// Rules over the basic-data, execution and summary tables, and across tables.
import { analyze, recalc } from '../../../src/core/engine';
import { sheetFromRows } from '../../../src/core/grid/sheet';
import type { Cell, Scalar } from '../../../src/core/grid/types';
import { projectSheet, workbook } from '../template';
import { cellsOf } from './helpers';

type R = (Scalar | Cell)[];
const pct = (v: number): Cell => ({ v, fmt: '0.00%' });

function basicData(rows: R[], staff: R = [null, 21, 35, pct(1.6667)]) {
  return sheetFromRows('附件2', [
    ['2023年度部门（单位）整体支出绩效评价基础数据表'],
    ['财政供养人员情况（人）', '编制数', '2023年实际在职人数', '控制率'],
    staff,
    ['经费控制情况（万元）', '2022年决算数', '2023年预算数', '2023年决算数'],
    ...rows,
  ]);
}

describe('basic-data hierarchy (§1.2)', () => {
  test.each<[string, R[], string[]]>([
    ['numbered children add up', [['三公经费', 3, 3, 3], ['1、公务用车', 1, 1, 1], ['2、出国经费', 2, 2, 2]], []],
    ['numbered children do not add up', [['三公经费', 3, 4, 3], ['1、公务用车', 1, 1, 1], ['2、出国经费', 2, 2, 2]], ['附件2!C5']],
    ['其中 rows within the parent', [['公用经费', 99.41, 116.8, 74.46], ['其中：办公经费', 8.93, 23.5, 9.43], ['水费、电费', 0.06, 1, 4.52]], []],
    ['其中 rows exceed the parent', [['公用经费', 10, 116.8, 74.46], ['其中：办公经费', 8.93, 23.5, 9.43], ['水费、电费', 2, 1, 4.52]], ['附件2!B5']],
    [
      'one line per item rows sum to their numbered row',
      [['项目支出', 30, 30, 30], ['1、业务工作经费', 10, 10, 10], ['2、专项资金（一个专项一行）', 20, 20, 20], ['代表履职', 12, 12, 12], ['全会经费', 8, 8, 9], ['……', null, null, null]],
      ['附件2!D7'],
    ],
    ['placeholder rows are ignored', [['项目支出', 10, 10, 10], ['1、业务工作经费', 10, 10, 10], ['……', null, null, null], ['3、市级专项资金（一个专项一行）', null, null, null], ['……', null, null, null]], []],
    ['decimal sums have no drift', [['三公经费', 0.3, 0.3, 0.3], ['1、公务用车', 0.1, 0.1, 0.1], ['2、出国经费', 0.2, 0.2, 0.2]], []],
  ])('%s', (_n, rows, cells) => {
    expect(cellsOf(workbook(basicData(rows)), 'SUBTOTAL_MISMATCH')).toEqual(cells);
  });

  test('控制率 is computed and headcount over quota reported', () => {
    const wb = workbook(basicData([], [null, 21, 35, pct(0.6)]));
    expect(cellsOf(wb, 'RATE_MISMATCH')).toEqual(['附件2!D3']);
    expect(cellsOf(wb, 'HEADCOUNT_OVER_QUOTA')).toEqual(['附件2!C3']);
    const r = recalc(wb);
    expect(r.changes.changes.map((c) => [c.cell, c.after.v, c.after.fmt])).toEqual([['D3', 1.6667, '0.00%']]);
  });

  test('building control rates', () => {
    const sheet = sheetFromRows('附件2', [
      ['财政供养人员情况', '编制数', '实际在职人数', '控制率'],
      [null, 10, 9, pct(0.9)],
      ['经费控制情况（万元）', '上年决算数', '本年预算数', '本年决算数'],
      ['三公经费', 0, 0, 0],
      ['楼堂馆所控制情况', '批复规模（㎡）', '实际规模（㎡）', '规模控制率', '预算投资（万元）', '实际投资（万元）', '投资概算控制率'],
      [null, 1000, 1100, pct(1), 500, 450, pct(0.9)],
      ['厉行节约保障措施', '严格执行八项规定'],
    ]);
    expect(cellsOf(workbook(sheet), 'RATE_MISMATCH')).toEqual(['附件2!D6']);
    const r = recalc(workbook(sheet));
    expect(r.changes.changes.map((c) => [c.cell, c.after.v])).toEqual([['D6', 1.1]]);
  });
});

function execution(rows: R[], rateFmt = true) {
  return sheetFromRows('执行情况', [
    ['绩效项目预算指标年度执行情况'],
    ['预算项目', '年初预算指标', '已用指标', '剩余指标', '预算执行率'],
    ...rows.map((r) => (rateFmt && typeof r[4] === 'number' ? [...r.slice(0, 4), pct(r[4] as number)] : r)),
  ]);
}

describe('execution table', () => {
  const good: R[] = [
    ['小计2项', 730000, 513495.7, 216504.3, 0.7034],
    ['360313238888030001704-人代会议', 480000, 340025, 139975, 0.7084],
    ['360313238888030001927-人大宣传工作经费', 250000, 173470.7, 76529.3, 0.6939],
  ];
  test('a clean table', () => {
    const a = analyze(workbook(execution(good)));
    expect(a.tables.map((t) => t.kind)).toEqual(['budget-execution']);
    expect(a.tables[0].moneyUnit).toBe('元');
    expect(a.findings).toEqual([]);
  });
  test.each<[string, number, number, string, string[]]>([
    ['小计 wrong (and its 剩余指标 with it)', 0, 1, 'SUBTOTAL_MISMATCH', ['执行情况!D3', '执行情况!B3']],
    ['剩余指标 wrong (and the 小计 of that column)', 1, 3, 'SUBTOTAL_MISMATCH', ['执行情况!D4', '执行情况!D3']],
    ['执行率 wrong', 2, 4, 'RATE_MISMATCH', ['执行情况!E5']],
  ])('%s', (_n, row, col, code, cells) => {
    const rows = good.map((r) => r.slice());
    rows[row][col] = (rows[row][col] as number) + 1;
    expect(cellsOf(workbook(execution(rows)), code as never)).toEqual(cells);
  });
  test('recalc writes 剩余指标 without drift and rates as fractions', () => {
    const rows = good.map((r) => r.slice());
    rows[2][3] = null;
    rows[2][4] = null;
    const r = recalc(workbook(execution(rows)));
    expect(r.changes.changes.map((c) => [c.cell, c.after.v, c.after.fmt])).toEqual([
      ['D5', 76529.3, undefined],
      ['E5', 0.6939, '0.00%'],
    ]);
  });
});

function summary(rows: R[]) {
  return sheetFromRows('汇总', [
    ['2023年项目绩效自评表'],
    ['序号', '名称', '年初预算数', '当年预算数', '全年执行数', '预算执行率', '得分', '自评结论'],
    ...rows,
  ]);
}

describe('summary table', () => {
  test('percent units are detected and kept', () => {
    const wb = workbook(summary([[1, '人代会议', 48, 34, 34, 100, 100, '优'], [2, '人大宣传工作经费', 25, 17.35, 15, 90, 95, '优']]));
    expect(cellsOf(wb, 'RATE_MISMATCH')).toEqual(['汇总!F4']);
    const r = recalc(wb);
    expect(r.changes.changes.map((c) => [c.cell, c.after.v])).toEqual([['F4', 86.46]]);
  });
  test('grade follows the score', () => {
    const wb = workbook(summary([[1, '人代会议', 48, 34, 34, 100, 85, '优']]));
    expect(cellsOf(wb, 'GRADE_MISMATCH')).toEqual(['汇总!H3']);
    expect(recalc(wb).changes.changes.map((c) => [c.cell, c.after.v])).toEqual([['H3', '良']]);
  });
  test('score above the full mark', () => {
    expect(cellsOf(workbook(summary([[1, '人代会议', 48, 34, 34, 100, 105, '优']])), 'SCORE_EXCEEDS_WEIGHT')).toEqual(['汇总!G3']);
  });
});

describe('cross-sheet comparison', () => {
  const exec = () => execution([['360313238888030001704-人代会议', 480000, 340025, 139975, 0.7084]]);
  test('元 against 万元 at the coarser precision agrees', () => {
    const wb = workbook(exec(), summary([[1, '人代会议', 48, 34, 34, 100, 95.5, '优']]));
    expect(cellsOf(wb, 'CROSS_SHEET_MISMATCH')).toEqual([]);
  });
  test('a differing amount is reported in the table read second', () => {
    const wb = workbook(exec(), summary([[1, '人代会议', 48, 35, 35, 100, 95.5, '优']]));
    expect(cellsOf(wb, 'CROSS_SHEET_MISMATCH')).toEqual(['汇总!E3']);
  });
  test('summary against the project table: amounts and score', () => {
    const wb = workbook(summary([[1, '人代会议', 50, 48, 36, 75, 90, '优']]), projectSheet({ name: '人代会议' }));
    // The project table's total is 95.5; the summary says 90.
    expect(cellsOf(wb, 'CROSS_SHEET_MISMATCH')).toEqual(['附件3!H15']);
  });
  test('basic data against the project table', () => {
    const bd = basicData([['项目支出', 137.46, 48, 30], ['1、人代会议', 137.46, 48, 30]]);
    const wb = workbook(bd, projectSheet({ name: '人代会议' }));
    expect(cellsOf(wb, 'CROSS_SHEET_MISMATCH')).toEqual(['附件3!E4']);
  });
});

test('a sheet of notes is not recognised, an empty one is ignored', () => {
  const wb = workbook(sheetFromRows('说明', [['填报说明：请按财政局模板填写']]), sheetFromRows('空白', []), projectSheet());
  expect(cellsOf(wb, 'TABLE_NOT_RECOGNIZED')).toEqual(['说明!A1']);
});

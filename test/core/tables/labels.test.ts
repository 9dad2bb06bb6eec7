// The synonyms of SPEC §1.2 are read, and the pre-checks detection makes before matching a row never
// turn one away (each label kind is pre-checked by characters every one of its synonyms contains).
import { sheetFromRows } from '../../../src/core/grid/sheet';
import { headerColumns, matchColumns } from '../../../src/core/tables/header';
import { LABEL_HINTS } from '../../../src/core/tables/self-eval';
import { indicatorColumns, scanSelfEval } from '../../../src/core/tables/self-eval-headers';
import { hintsOf, SheetView } from '../../../src/core/tables/sheet-view';
import { DEFAULT_VOCABULARY, FOOTER_LABELS, SCORED_ROW_LABELS, TOTAL_LABELS } from '../../../src/core/vocabulary';

test.each([
  ['total', [...TOTAL_LABELS, ...SCORED_ROW_LABELS]],
  ['footer', FOOTER_LABELS],
  ['titleOrName', ['项目支出绩效自评表', '部门（单位）整体支出绩效自评情况表', '项目名称', '部门（单位）名称', '预算部门名称']],
  ['goals', ['年度总体目标', '预期目标']],
] as const)('every %s label passes its pre-check', (kind, labels) => {
  expect(labels.filter((l) => (hintsOf(l) & LABEL_HINTS[kind]) === 0)).toEqual([]);
});

const view = (rows: (string | null)[][]) => new SheetView(sheetFromRows('S', rows), 0);

test.each([
  ['initial', ['年初预算数', '年初预算', '年初数', '年初预算（万元）']],
  ['annual', ['全年预算数', '调整后预算数', '调整后预算', '预算数', '当年预算数', '全年预算数A', '全年预算数（A）']],
  ['executed', ['全年执行数', '预算执行数', '执行数', '实际支出', '全年执行数B', '全年执行数(B)']],
  ['rate', ['执行率', '预算执行率', '执行率B/A', '执行率（B/A）', '执行率%']],
  ['weight', ['分值', '权重', '指标分值']],
  ['score', ['得分', '自评得分', '指标得分']],
] as const)('budget field %s: every provincial caption', (field, captions) => {
  for (const c of captions) {
    const v = view([['项目资金', c]]);
    expect({ c, col: (matchColumns(headerColumns(v, 0, 0), DEFAULT_VOCABULARY.patterns.budget) as Record<string, number>)[field] }).toEqual({ c, col: 1 });
  }
});

test.each([
  ['l3', ['三级指标', '指标内容', '指标名称']],
  ['target', ['年度指标值', '年度指标', '年度目标值', '指标值', '年度指标值（A）']],
  ['actual', ['实际完成值', '实际完成值（B）', '完成值', '全年实际完成值']],
  ['weight', ['分值', '权重', '指标分值']],
  ['score', ['得分', '指标得分', '自评得分']],
  ['nature', ['指标性质', '指标方向', '符号', '比较符']],
  ['adjusted', ['调整后指标值']],
] as const)('indicator field %s: every provincial caption', (field, captions) => {
  for (const c of captions) {
    const v = view([['一级指标', c]]);
    expect({ c, col: (indicatorColumns(headerColumns(v, 0, 0)) as Record<string, number>)[field] }).toEqual({ c, col: 1 });
  }
});

test('a split target under 年度指标值, and 实际完成值 with its own unit column', () => {
  const rows = [
    ['一级指标', '二级指标', '三级指标', '年度指标值', null, null, '实际完成值', null, '分值', '得分'],
    [null, null, null, '指标性质', '指标值', '度量单位', '完成值', '度量单位', null, null],
  ];
  const v = new SheetView(sheetFromRows('S', rows, [{ r0: 0, c0: 3, r1: 0, c1: 5 }, { r0: 0, c0: 6, r1: 0, c1: 7 }]), 0);
  expect(indicatorColumns(headerColumns(v, 0, 1))).toEqual({ l1: 0, l2: 1, l3: 2, nature: 3, target: 4, targetUnit: 5, actual: 6, actualUnit: 7, weight: 8, score: 9 });
});

test.each([
  [['序号', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '评分标准', '偏差原因分析及改进措施']],
  [['一级\n指标', '二级\n指标', '三级指标', '年度\n指标值', '实际\n完成值', '分 值', '得 分', '扣分原因', '数据来源']],
  [['一级指标', '二级指标', '指标名称', '年度指标值（A）', '实际完成值（B）', '权重', '指标得分']],
])('an indicator header with columns no one reads, or broken captions, is found: %j', (header) => {
  const v = view([header, ['产出指标', '数量指标', '召开会议', '≥2次', '2次', '20', '20']]);
  expect(scanSelfEval(v).indicatorHeaders.map((h) => [h.row, h.bottom])).toEqual([[0, 0]]);
});

test('a goals row or a data row is not a header', () => {
  const v = view([
    ['年度总体目标', '预期目标', '实际完成情况'],
    ['产出指标', '数量指标', '召开会议', '≥2次', '2次', '20', '20', '得分'],
  ]);
  expect(scanSelfEval(v)).toEqual({ indicatorHeaders: [], budgetHeaders: [] });
});

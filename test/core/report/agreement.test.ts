// SPEC §6 "The report agrees with the workbook": the report never states what its tables contradict.
// One case per class of contradiction seen in generated reports (issue 11): each builds the tables
// that gave it and checks the class, not the one sentence.
import { analyze } from '../../../src/core/engine';
import { sheetFromRows } from '../../../src/core/grid/sheet';
import type { Cell, Rect, Scalar, Sheet } from '../../../src/core/grid/types';
import { buildReports, blockText, type Report } from '../../../src/core/report';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { GOOD_INDICATORS, projectSheet, workbook, type IndRow } from '../template';

const text = (r: Report) => r.blocks.map(blockText).join('\n');
const reportsOf = (...sheets: Sheet[]) => buildReports(analyze(workbook(...sheets)), DEFAULT_SETTINGS);
const projectReport = (...sheets: Sheet[]) => reportsOf(...sheets).find((r) => r.kind === 'project') as Report;
/** The text of a report's section: from its 一、 heading to the next. */
function section(r: Report, prefix: string): string {
  const at = r.blocks.findIndex((b) => b.kind === 'heading' && b.level === 1 && b.text.startsWith(prefix));
  const end = r.blocks.findIndex((b, i) => i > at && b.kind === 'heading' && b.level === 1);
  return r.blocks.slice(at, end < 0 ? undefined : end).map(blockText).join('\n');
}
const sentences = (t: string) => t.split(/\n|(?<=。)/);

/** Every indicator full marks on its own (quantitative targets met), scores as given. */
const QUANT: IndRow[] = [
  { l1: '产出指标', l2: '数量指标', l3: '召开会议', target: '≥2次', actual: '2次', weight: 40, score: 40 },
  { l2: '质量指标', l3: '完成率', target: '≥95%', actual: '100%', weight: 20, score: 20 },
  { l1: '效益指标', l2: '社会效益指标', l3: '参会代表人数', target: '≥180人', actual: '180人', weight: 20, score: 20 },
  { l1: '满意度指标', l2: '服务对象满意度指标', l3: '代表满意度', target: '≥90%', actual: '95%', weight: 10, score: 10 },
];
const FULL_BUDGET = { executed: 48, rate: { v: 1, fmt: '0.00%' }, score: 10, total: { score: 100 } };

/**
 * A 预算管理一体化 export: 年度指标值 split into 指标性质 · 指标值 · 度量单位 under a two-row header, the
 * 主管部门 and 实施单位 in the header block, a project name ending in 项目.
 */
function splitTable(sheetName: string, name: string, dept = '某县人力资源和社会保障局'): Sheet {
  const rows: (Scalar | Cell)[][] = [
    ['2023年度项目支出绩效自评表'],
    ['项目名称', name],
    ['主管部门', dept, null, null, null, '实施单位', '某县就业服务中心'],
    ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', 40, 40, 40, 10, { v: 1, fmt: '0.00%' }, 10],
    ['年度总体目标', '预期目标', null, null, null, '实际完成情况'],
    [null, '开展职业技能培训。', null, null, null, '完成全年培训任务。'],
    ['一级指标', '二级指标', '三级指标', '年度指标值', null, null, '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    [null, null, null, '指标性质', '指标值', '度量单位'],
    ['产出指标', '数量指标', '培训人次', '≥', 735, '人次', 760, 50, 50],
    ['效益指标', '社会效益指标', '就业能力', '定性', '明显提升', null, '明显提升', 20, 20],
    ['满意度指标', '服务对象满意度指标', '学员满意度', '≥', 90, '%', 95, 20, 20],
    ['总分', null, null, null, null, null, null, 100, 100],
  ];
  const down = (c: number): Rect => ({ r0: 7, c0: c, r1: 8, c1: c });
  return sheetFromRows(sheetName, rows, [{ r0: 7, c0: 3, r1: 7, c1: 5 }, ...[0, 1, 2, 6, 7, 8, 9].map(down)]);
}

describe('scores that are blank are not full marks', () => {
  test('quantitative rows with blank scores: no 均得满分, no total, no "nothing deviated"; the scores are asked for', () => {
    const r = projectReport(projectSheet({ ...FULL_BUDGET, score: null, indicators: QUANT.map((x) => ({ ...x, score: null })), total: { score: null } }));
    const t = text(r);
    expect(t).not.toMatch(/满分|未发现偏离|已完成/);
    expect(t).not.toMatch(/自评总分\d/);
    expect(section(r, '三、')).toContain('【待填写：自评总分和等级】');
    expect(section(r, '四、')).toContain('得分未填写');
    expect(section(r, '四、')).toContain('【待填写：上述指标的得分及偏差原因】');
    // Section 二's group sums: no 得0分 for scores not filled in.
    expect(t).not.toMatch(/得0分/);
    expect(t).toContain('产出指标共2项，分值60分，其中2项得分未填写');
  });

  test('a qualitative row with its score blank: section 四 does not say that nothing deviated', () => {
    const r = projectReport(projectSheet({ ...FULL_BUDGET, indicators: QUANT.map((x, i) => (i === 2 ? { ...x, target: '明显提升', actual: '明显提升', score: null } : x)) }));
    expect(section(r, '四、')).not.toContain('未发现偏离');
    expect(section(r, '四、')).toContain('参会代表人数的得分未填写');
  });
});

test.each<[string, Partial<IndRow>]>([
  ['三级指标 and 年度指标值 are ---', { l3: '---', target: '---', actual: '---' }],
  ['三级指标 blank', { l3: null, target: '≥180人', actual: '180人' }],
  ['年度指标值 blank', { l3: '参会代表人数', target: null, actual: '180人' }],
])('a placeholder row (%s) is not 已完成: it is marked for the user to fill', (_n, patch) => {
  const r = projectReport(projectSheet({ ...FULL_BUDGET, indicators: QUANT.map((x, i) => (i === 2 ? { ...x, ...patch } : x)) }));
  const row = sentences(section(r, '二、')).filter((s) => s.includes('第11行') || s.includes('---') || s.includes('（社会效益指标）'));
  expect(row.length).toBeGreaterThan(0);
  for (const s of row) expect(s).not.toMatch(/已完成|得分20分/);
  expect(section(r, '二、')).toMatch(/【待填写：第11行指标的(三级指标|年度指标值)(和年度指标值)?及完成情况】/);
  expect(section(r, '四、')).not.toContain('未发现偏离');
});

test('section 四 lists every deduction section 三 lists (a stated 执行率 score kept as a formula)', () => {
  const r = projectReport(projectSheet({ ...FULL_BUDGET, score: { v: 8, f: 'H4*0.8' }, indicators: QUANT, total: { score: 98 } }));
  expect(section(r, '三、')).toContain('扣分项共1项：预算执行率扣2分');
  expect(section(r, '四、')).not.toContain('未发现偏离');
  expect(section(r, '四、')).toContain('预算执行率得分扣2分');
});

test('section 四 lists a deduction, 执行率 below 100 % and an overachieved target, and says nothing deviated only when none is', () => {
  const r = projectReport(projectSheet({ indicators: QUANT.map((x, i) => (i === 0 ? { ...x, actual: '3次' } : i === 1 ? { ...x, actual: '90%', score: 18.95 } : x)), total: { score: 96.45 } }));
  const four = section(r, '四、');
  expect(four).toContain('预算执行率为75.00%');
  expect(four).toContain('完成率扣1.05分');
  expect(four).toContain('召开会议实际完成值“3次”达到年度指标值“≥2次”的1.3倍以上');
  expect(four).not.toContain('未发现偏离');
  expect(section(projectReport(projectSheet({ ...FULL_BUDGET, indicators: QUANT })), '四、')).toContain('本项目各项绩效目标均已完成，未发现偏离绩效目标的情况');
});

test('a 一级指标 the table repeats in two separate runs of rows gets one section', () => {
  const rows: IndRow[] = [QUANT[0], QUANT[2], { ...QUANT[1], l1: '产出指标' }, QUANT[3]];
  const r = projectReport(projectSheet({ ...FULL_BUDGET, indicators: rows }));
  const two = r.blocks.slice(r.blocks.findIndex((b) => blockText(b) === '二、绩效目标完成情况'));
  const heads = two.filter((b) => b.kind === 'heading' && b.level === 2).map(blockText);
  expect(heads.filter((h) => h.includes('产出指标完成情况'))).toHaveLength(1);
  expect(heads).toEqual(['（一）年度总体目标', '（二）产出指标完成情况', '（三）效益指标完成情况', '（四）满意度指标完成情况']);
  expect(text(r)).toContain('产出指标共2项，分值60分，得60分');
});

test('a split target is quoted as the table states it, operator and unit included', () => {
  const t = text(projectReport(splitTable('项目自评', '职业技能培训')));
  expect(t).toContain('年度指标值为“≥735人次”，实际完成值为“760人次”');
  expect(t).toContain('年度指标值为“≥90%”，实际完成值为“95%”');
  expect(t).not.toMatch(/“735”|“90”/);
});

test.each([
  ['1.1、', '1.1、对区管委5个职能部门开展工作评议', '对区管委5个职能部门开展工作评议'],
  ['4.1.', '4.1.开展专题调研', '开展专题调研'],
  ['（2）', '（2）召开会议', '召开会议'],
  ['一、', '一、召开会议', '召开会议'],
  ['none: a number that is no numbering stays', '65岁及以上老年人健康管理人数', '65岁及以上老年人健康管理人数'],
])('the table’s own numbering (%s) is not doubled by ours', (_n, l3, shown) => {
  const r = projectReport(projectSheet({ ...FULL_BUDGET, indicators: QUANT.map((x, i) => (i === 0 ? { ...x, l3 } : x)) }));
  expect(text(r).split('\n')).toContainEqual(expect.stringMatching(new RegExp(`^1\\.${shown.replace(/[.()（）]/g, '\\$&')}（数量指标）：`)));
});

test('a project name ending in 项目 is not doubled in the title or the text', () => {
  const [r] = reportsOf(projectSheet({ name: '委托业务项目' }));
  expect(r.title).toBe('2023年度委托业务项目支出绩效自评报告');
  expect(text(r)).not.toContain('项目项目');
});

test('the unit the tables name (主管部门) is the 总报告’s subject, not a placeholder', () => {
  const reports = reportsOf(splitTable('A', '职业技能培训'), splitTable('B', '创业培训'));
  const summary = reports[0];
  expect(summary.kind).toBe('summary');
  expect(text(summary)).toContain('某县人力资源和社会保障局对纳入2023年度预算的2个项目开展了绩效自评');
  expect(text(summary)).not.toContain('【待填写：单位名称】');
  // The project report says who runs it, from the same header block.
  expect(text(reports[1])).toContain('主管部门为某县人力资源和社会保障局，实施单位为某县就业服务中心');
  // Tables that name different units: the placeholder stays.
  expect(text(reportsOf(splitTable('A', '职业技能培训'), splitTable('B', '创业培训', '某县教育局'))[0])).toContain('【待填写：单位名称】');
});

describe('no total above totalWeight, and no 满分 where the weights or scores do not allow it', () => {
  test.each<[string, IndRow[]]>([
    ['weights that add up to 110', QUANT.map((x, i) => (i === 0 ? { ...x, weight: 50, score: 50 } : x))],
    ['blank scores', QUANT.map((x) => ({ ...x, score: null }))],
  ])('%s', (_n, indicators) => {
    const t = text(projectReport(projectSheet({ ...FULL_BUDGET, indicators })));
    expect(t).not.toContain('满分');
    expect(t).not.toMatch(/自评总分\d/);
  });

  test('a 汇总表 score above the full score is not reported, nor averaged', () => {
    const summary = sheetFromRows('汇总', [
      ['2023年度项目绩效自评汇总表'],
      ['序号', '项目名称', '年初预算数', '全年预算数', '全年执行数', '预算执行率', '自评得分', '自评结论'],
      [1, '甲项目', 10, 10, 10, { v: 1, fmt: '0.00%' }, 105, '优'],
      [2, '乙项目', 20, 20, 20, { v: 1, fmt: '0.00%' }, 95, '优'],
    ]);
    const [r] = reportsOf(summary);
    const table = r.blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && table.rows.map((x) => x[5])).toEqual(['—', '95']);
    expect(text(r)).not.toContain('105');
    expect(text(r)).toContain('已评分的1个项目平均得分95分');
  });

  test('a 汇总表 row whose project has its own table takes that table’s total, as recalculation writes it', () => {
    const summary = sheetFromRows('汇总', [
      ['2023年度项目绩效自评汇总表'],
      ['序号', '项目名称', '年初预算数', '全年预算数', '全年执行数', '预算执行率', '自评得分', '自评结论'],
      [1, '人代会议', 50, 48, 36, { v: 0.75, fmt: '0.00%' }, 100, '优'],
    ]);
    const [r] = reportsOf(summary, projectSheet());
    const table = r.blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && table.rows[0][5]).toBe('95.5');
  });
});

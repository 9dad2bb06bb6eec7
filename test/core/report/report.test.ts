// The report model (SPEC §6): sections, figures from cells formatted as reports write them,
// placeholders where the tables hold no facts, and the deviation section.
import { analyze } from '../../../src/core/engine';
import { sheetFromRows } from '../../../src/core/grid/sheet';
import { buildReports, blockText, type Report } from '../../../src/core/report';
import { toMarkdown } from '../../../src/core/report/markdown';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { GOOD_INDICATORS, projectSheet, workbook, type IndRow } from '../template';

const text = (r: Report) => r.blocks.map(blockText).join('\n');
const headings = (r: Report) => r.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map(blockText);
const ind = (i: number, patch: Partial<IndRow>): IndRow[] => GOOD_INDICATORS.map((r, k) => (k === i ? { ...r, ...patch } : r));

function reportsOf(...sheets: ReturnType<typeof projectSheet>[]) {
  return buildReports(analyze(workbook(...sheets)), DEFAULT_SETTINGS);
}

test('a project report has the five sections of §6 and the figures of its table', () => {
  const [r] = reportsOf(projectSheet({ title: '2023年度项目支出绩效自评表', initial: 50, annual: 48, executed: 36 }));
  expect(r.kind).toBe('project');
  expect(r.title).toBe('2023年度人代会议项目支出绩效自评报告');
  expect(headings(r)).toEqual(['一、基本情况', '二、绩效目标完成情况', '三、自评结论', '四、偏离绩效目标的原因和改进措施', '五、绩效自评结果拟应用和公开情况']);
  const t = text(r);
  expect(t).toContain('年初预算数50.00万元，全年预算数48.00万元，全年执行数36.00万元，预算执行率75.00%');
  expect(t).toContain('本项目绩效自评总分95.5分，自评等级为“优”');
  expect(t).toContain('扣分项共2项：预算执行率扣2.5分；履职能力扣2分');
  expect(t).toContain('（二）产出指标完成情况');
  expect(t).toContain('年度指标值为“≥2次”，实际完成值为“2次”，已完成，得分20分（分值20分）');
  // Deviation: execution below 100 % with the money left, and the reason from the 偏差原因 column.
  expect(t).toContain('预算执行率为75.00%，尚有12.00万元未支出');
  expect(t).toContain('履职能力扣2分。原因及改进措施：部分代表未参训。');
});

test('facts the tables do not hold are marked placeholders, never invented', () => {
  const [r] = reportsOf(projectSheet({ indicators: ind(4, { reason: null }) }));
  const placeholders = r.blocks.flatMap((b) => (b.kind === 'paragraph' ? b.runs.filter((x) => x.placeholder).map((x) => x.text) : []));
  expect(placeholders).toEqual(
    expect.arrayContaining(['【待填写：项目立项依据、主要内容和实施情况】', '【待填写：履职能力的偏差原因及改进措施】', '【待填写：资金未全部支出的原因及改进措施】']),
  );
});

test('overachieved indicators are named in the deviation section', () => {
  const [r] = reportsOf(projectSheet({ indicators: ind(0, { actual: '3次' }) }));
  expect(text(r)).toContain('召开会议实际完成值“3次”达到年度指标值“≥2次”的1.3倍以上，年初指标值可能设置偏低');
});

test('several project tables give a 总报告 first, with each project and the totals', () => {
  const reports = reportsOf(projectSheet({ sheetName: 'A', name: '人代会议' }), projectSheet({ sheetName: 'B', name: '代表培训', executed: 48, rate: { v: 1, fmt: '0.00%' }, score: 10, total: { score: 98 } }));
  expect(reports.map((r) => r.kind)).toEqual(['summary', 'project', 'project']);
  const s = reports[0];
  const table = s.blocks.find((b) => b.kind === 'table');
  expect(table && table.kind === 'table' && table.rows).toEqual([
    ['1', '人代会议', '48.00', '36.00', '75.00%', '95.5', '优'],
    ['2', '代表培训', '48.00', '48.00', '100.00%', '98', '优'],
  ]);
  expect(text(s)).toContain('涉及全年预算96.00万元，全年执行84.00万元，总体预算执行率87.50%');
  expect(text(s)).toContain('2个项目平均得分96.75分');
});

test('a department report has the ten sections of §6 and uses the basic-data table', () => {
  const dept = projectSheet({ title: '2023年度部门（单位）整体支出绩效自评表', sheetName: '附件3' });
  dept.rows[1] = [{ v: '部门（单位）名称' }, { v: '某区人大常委会' }];
  const basic = sheetFromRows('附件2', [
    ['财政供养人员情况（人）', '编制数', '实际在职人数', '控制率'],
    [null, 21, 35, { v: 1.6667, fmt: '0.00%' }],
    ['经费控制情况（万元）', '2022年决算数', '2023年预算数', '2023年决算数'],
    ['三公经费', 1, 1.2, 0.8],
    ['公用经费', 99.41, 116.8, 74.46],
  ]);
  const [r] = buildReports(analyze(workbook(basic, dept)), DEFAULT_SETTINGS);
  expect(r.kind).toBe('dept');
  expect(headings(r)).toEqual([
    '一、部门（单位）基本情况', '二、一般公共预算支出情况', '三、政府性基金预算支出情况', '四、国有资本经营预算支出情况', '五、社会保险基金预算支出情况',
    '六、部门整体支出绩效情况', '七、存在的问题及原因分析', '八、下一步改进措施', '九、绩效自评结果拟应用和公开情况', '十、其他需要说明的情况',
  ]);
  const t = text(r);
  expect(t).toContain('本部门编制数21人，实际在职人数35人，控制率166.67%，实际在职人数超过编制数14人');
  expect(t).toContain('“三公”经费本年决算0.80万元，本年预算1.20万元，上年决算1.00万元，比上年减少0.20万元，为预算的66.67%');
  expect(t).toContain('公用经费本年决算74.46万元');
  expect(t).toMatch(/三、政府性基金预算支出情况\n无。/);
});

test('settings: money in 元', () => {
  const [r] = buildReports(analyze(workbook(projectSheet())), { ...DEFAULT_SETTINGS, moneyUnit: '元' });
  expect(text(r)).toContain('全年预算数480000.00元');
});

test('Markdown escapes cell text so it stays text', () => {
  const md = toMarkdown(reportsOf(projectSheet({ name: '<img src=x onerror=alert(1)> *项目* [链接](http://x)' })));
  expect(md).not.toMatch(/(^|[^\\])<img/);
  // Escaped only where CommonMark would read markup: a tag, emphasis, a link; `(1)` and `>` are text.
  expect(md).toContain('\\<imgsrc=xonerror=alert(1)>\\*项目\\*\\[链接\\](http://x)');
});

test.each([
  ['weights that add up to 110', ind(0, { weight: 30, score: 30 }), '各项分值合计为 110，应为 100，请先核对分值'],
  ['a blank score', ind(4, { score: null }), '表中有分值或得分为空或不是数字，总分无法计算'],
])('the report states no total where it is not certain: %s', (_, indicators, why) => {
  const [r] = reportsOf(projectSheet({ indicators }));
  const t = text(r);
  expect(t).not.toMatch(/自评总分\d/);
  expect(t).toContain(why);
  expect(t).toContain('【待填写：自评总分和等级】');
});

// NARRATIVE_MISMATCH: every figure a report ties to a project or the department is compared with the
// tables; a correct report gives nothing, one written with deliberate errors gives each of them.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/engine';
import { buildReports } from '../../../src/core/report';
import { toPlainText } from '../../../src/core/report/plain';
import { checkNarrative } from '../../../src/core/report/narrative';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { projectSheet, workbook } from '../template';

const wb = workbook(projectSheet({ sheetName: 'A', name: '人代会议' }), projectSheet({ sheetName: 'B', name: '代表培训', executed: 48, rate: { v: 1, fmt: '0.00%' }, score: 10, total: { score: 98 } }));
const a = analyze(wb);
const check = (text: string) => checkNarrative(text, a, DEFAULT_SETTINGS);
const generated = toPlainText(buildReports(a, DEFAULT_SETTINGS));

test('the generated report agrees with its tables', () => {
  expect(check(generated)).toEqual([]);
});

test.each<[string, string, string, string]>([
  ['an amount of a named project', '人代会议项目全年执行数为38万元。', 'A!E4', '全年执行数'],
  ['an amount in 元', '人代会议项目年初预算480000元。', 'A!C4', '年初预算数'],
  ['a rate', '人代会议项目预算执行率为80%。', 'A!G4', '执行率'],
  ['a score', '代表培训项目自评得分为95分。', 'B!H15', '总得分'],
  ['本项目 after a heading names it', '代表培训项目支出绩效自评报告\n本项目全年预算数40.00万元，全年执行数48.00万元。', 'B!D4', '全年预算数'],
  ['money left unspent', '人代会议项目结余15万元。', 'A!E4', '结余'],
])('%s is flagged', (_n, text, cell, label) => {
  const f = check(text);
  expect(f).toHaveLength(1);
  expect(f[0]).toMatchObject({ code: 'NARRATIVE_MISMATCH', severity: 'error' });
  expect(`${f[0].sheet}!${f[0].cell}`).toBe(cell);
  expect(f[0].message).toContain(label);
  expect(f[0].message).toContain(text.split('\n').pop()!.slice(0, 10));
});

test('every deliberate error in a written report is found, and only those', () => {
  const wrong = generated
    .replace('全年执行数36.00万元', '全年执行数38.00万元')
    .replace('预算执行率75.00%', '预算执行率57.00%')
    .replace('本项目绩效自评总分98分', '本项目绩效自评总分99分')
    .replace('全年执行84.00万元', '全年执行84.00万元');
  const f = check(wrong);
  expect(f.map((x) => `${x.sheet}!${x.cell} ${x.actual}→${x.expected}`)).toEqual(['A!E4 38→36', 'A!G4 57→75', 'B!H15 99→98']);
  expect(f[0].message).toMatch(/报告中“2023年，本项目年初预算数50.00万元，全年预算数48.00万元，全年执行数38.00万元.*”写的人代会议全年执行数为38.00万元，表中为36.00万元。/);
});

test.each([
  ['a year', '人代会议项目2023年全年执行。'],
  ['a threshold', '人代会议项目单笔支出超过5000元须审批。'],
  ['a bound', '人代会议项目预算执行率不低于90%。'],
  ['a share', '人代会议项目支出占部门预算的30%。'],
  ['a count', '人代会议项目共召开会议3次，参会代表180人。'],
  ['a change', '人代会议项目全年执行数比上年增加5万元。'],
  ['agreeing at the stated precision', '人代会议项目全年执行数约36万元，全年预算数48万元，预算执行率75%。'],
  ['a figure with no subject', '全年执行数38万元。'],
  ['a project the tables do not hold', '代表履职经费全年执行数50.31万元。'],
])('%s is not flagged', (_n, text) => {
  expect(check(text)).toEqual([]);
});

// A figure is compared with the field its words name (SPEC §6): 年初预算数 50, 全年预算数 60, 全年执行数 52.
const meeting = analyze(workbook(projectSheet({ sheetName: 'C', name: '会议保障', initial: 50, annual: 60, executed: 52, rate: { v: 52 / 60, fmt: '0.00%' } })));
const checkMeeting = (text: string) => checkNarrative(text, meeting, DEFAULT_SETTINGS);

test.each([
  ['应支出 names a budget', '本项目全年应支出会议费 60 万元，实际支出 52 万元。'],
  ['a bare budget may be the initial one', '会议保障项目预算50万元，已支出52万元。'],
  ['下达 names a budget', '2023年度财政下达会议保障项目资金60万元，实际支出52万元。'],
  ['计划 and 安排 name a budget', '会议保障项目计划安排资金60万元，计划支出50万元。'],
  ['按计划支出 is spending', '会议保障项目按计划支出52万元。'],
  ['预算执行 is an execution', '会议保障项目预算执行52万元，预算执行率86.67%。'],
  ['执行 of a rate', '会议保障项目执行率86.67%。'],
  ['资金使用 is an execution', '会议保障项目资金使用52万元。'],
  ['未使用 is what is left', '会议保障项目未使用8万元，结余8万元。'],
  ['a published phrasing', '会议保障项目年初预算资金50万元，项目年中执行调增10万元，实际支出52万元，结余结转8万元。'],
  ['an amount whose field is unclear', '会议保障项目共涉及资金99万元，到位资金99万元，拨付99万元。'],
])('%s: agrees, or is not a claim', (_n, text) => {
  expect(checkMeeting(text)).toEqual([]);
});

test.each<[string, string, string, string, number]>([
  ['实际支出 that disagrees', '本项目全年应支出会议费 60 万元，实际支出 55 万元。', 'C!E4', '全年执行数', 55],
  ['应支出 that disagrees with both budgets', '会议保障项目全年应支出会议费70万元。', 'C!D4', '全年预算数', 70],
  ['下达 that disagrees', '财政下达会议保障项目资金70万元。', 'C!D4', '全年预算数', 70],
  ['年初预算 names only the initial budget', '会议保障项目年初预算60万元。', 'C!C4', '年初预算数', 60],
  ['预算执行 that disagrees', '会议保障项目预算执行55万元。', 'C!E4', '全年执行数', 55],
  ['资金使用 that disagrees', '会议保障项目资金使用55万元。', 'C!E4', '全年执行数', 55],
  ['未使用 that disagrees', '会议保障项目未使用9万元。', 'C!E4', '结余', 9],
  ['预算执行率 that disagrees', '会议保障项目预算执行率80%。', 'C!G4', '执行率', 80],
])('%s is flagged against its own field', (_n, text, cell, label, stated) => {
  const f = checkMeeting(text);
  expect(f).toHaveLength(1);
  expect(`${f[0].sheet}!${f[0].cell}`).toBe(cell);
  expect(f[0].message).toContain(label);
  expect(f[0].actual).toBe(stated);
});

const seeds = join(__dirname, '../../../../shared');
(existsSync(join(seeds, 'seeds')) ? test : test.skip)('published reports agree with their own workbooks', async () => {
  const { loadXlsx } = await import('../../../src/hosts/xlsx/read');
  for (const [book, report] of [
    ['samples/lusong-2023.xlsx', 'seeds/lusong-2023-dept-report.txt'],
    ['samples/xiangdong-2023.xlsx', 'seeds/xiangdong-2023-project-report.txt'],
  ]) {
    const { workbook: w } = await loadXlsx(join(seeds, book));
    const an = analyze(w);
    expect(checkNarrative(readFileSync(join(seeds, report), 'utf8'), an, DEFAULT_SETTINGS)).toEqual([]);
    // And with one figure changed, the change is found.
    const changed = readFileSync(join(seeds, report), 'utf8').replace('实际支出70.27万元', '实际支出72.27万元').replace('绩效管理自评得分100分', '绩效管理自评得分100分');
    if (changed.includes('72.27')) expect(checkNarrative(changed, an, DEFAULT_SETTINGS).map((x) => x.actual)).toEqual([72.27]);
  }
});

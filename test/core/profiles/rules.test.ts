// The findings each profile changes or adds (SPEC §8), at the published edges, beside national.
import { analyze } from '../../../src/core/engine';
import { reportBasis } from '../../../src/core/report-basis';
import { checkNarrative } from '../../../src/core/report/narrative';
import { toPlainText } from '../../../src/core/report';
import { GOOD_INDICATORS, projectSheet, workbook, type IndRow } from '../template';
import { atRate, findingsOf, under, written } from './helpers';

const ind = (i: number, patch: Partial<IndRow>): IndRow[] => GOOD_INDICATORS.map((r, j) => (j === i ? { ...r, ...patch } : r));
const codes = (fs: { code: string; severity: string }[], code: string) => fs.filter((f) => f.code === code).map((f) => f.severity);

describe('广西: overachievement needs a 偏差原因 (an error when blank)', () => {
  // Row 0: ≥2次 with weight 20; 2 × 1.3 = 2.6.
  test.each([
    // actual, reason, guangxi, national
    ['2.6次', '', ['error'], ['warning']],
    ['2.59次', '', [], []],
    ['3次', '', ['error'], ['warning']],
    ['3次', '会议需要增加', [], ['warning']],
  ])('完成值 %s, 偏差原因 「%s」: 广西 %j, national %j', (actual, reason, gx, nat) => {
    const o = { indicators: ind(0, { actual, reason }) };
    expect(codes(findingsOf(o, under('guangxi')), 'OVERACHIEVED')).toEqual(gx);
    expect(codes(findingsOf(o, under('national')), 'OVERACHIEVED')).toEqual(nat);
  });
  test('the message says 超计划较大 and names 广西', () => {
    const [f] = findingsOf({ indicators: ind(0, { actual: '3次' }) }, under('guangxi'), 'OVERACHIEVED');
    expect(f.message).toContain('超计划较大');
    expect(f.message).toContain('广西');
  });
  test('a target of 0: overachieved from 30 on', () => {
    const o = (actual: string) => ({ indicators: ind(0, { target: '≥0次', actual }) });
    expect(codes(findingsOf(o('30次'), under('national')), 'OVERACHIEVED')).toEqual(['warning']);
    expect(codes(findingsOf(o('29次'), under('national')), 'OVERACHIEVED')).toEqual([]);
  });
});

describe('广西: a budget adjusted by 30% or more with a total above 90 needs a reason', () => {
  // Indicators 88 + 执行率 score; 执行数 = 全年预算数 so the score is 10 and the total 98.
  const o = (initial: number, annual: number, indicators = GOOD_INDICATORS) => ({ initial, annual, executed: annual, rate: null, score: null, indicators });
  test.each([
    [100, 130, 1],
    [100, 70, 1],
    [100, 129.99, 0],
    [100, 100, 0],
  ])('年初 %s, 全年 %s: %s finding(s) under 广西, none under national', (initial, annual, n) => {
    expect(findingsOf(o(initial, annual), under('guangxi'), 'BUDGET_ADJUSTMENT_REASON')).toHaveLength(n);
    expect(findingsOf(o(initial, annual), under('national'), 'BUDGET_ADJUSTMENT_REASON')).toHaveLength(0);
  });
  test('a total of exactly 90 is not above 90', () => {
    // 效益 row scored 20 instead of 28: 80 + 10 = 90.
    expect(findingsOf(o(100, 130, ind(4, { score: 20 })), under('guangxi'), 'BUDGET_ADJUSTMENT_REASON')).toHaveLength(0);
    expect(findingsOf(o(100, 130, ind(4, { score: 20.01 })), under('guangxi'), 'BUDGET_ADJUSTMENT_REASON')).toHaveLength(1);
  });
});

describe('浙江: 执行率 above 100% is allowed', () => {
  test.each([
    ['zhejiang', 0],
    ['national', 1],
  ])('%s: %s EXECUTION_OVER_BUDGET', (profile, n) => {
    expect(findingsOf(atRate(101), under(profile), 'EXECUTION_OVER_BUDGET')).toHaveLength(n);
    expect(findingsOf(atRate(100), under(profile), 'EXECUTION_OVER_BUDGET')).toHaveLength(0);
  });
});

describe('湖北: the 执行率 row weighs 20 where the table states no 分值 for it', () => {
  // A budget block without 分值: its weight is the profile's. Indicators weigh 80.
  const sheet = () => {
    const s = projectSheet({ indicators: ind(4, { weight: 20, score: 20 }), total: { weight: 100, score: null } });
    return s;
  };
  test('the weights add up to 100 under 湖北 only', () => {
    const wb = workbook(sheet());
    // Blank out the 分值 header and cell of the budget block (row 3, column F).
    wb.sheets[0].rows[2][5] = undefined;
    wb.sheets[0].rows[3][5] = undefined;
    const hubei = analyze(wb, under('hubei')).findings.filter((f) => f.code === 'WEIGHT_SUM');
    const national = analyze(wb, under('national')).findings.filter((f) => f.code === 'WEIGHT_SUM');
    expect(hubei).toHaveLength(0);
    expect(national).toHaveLength(1);
  });
});

describe('湖北: a stated 执行率 weight other than 20 is questioned', () => {
  test.each([
    ['hubei', 10, ['warning']],
    ['hubei', 20, []],
    ['national', 10, []],
    ['national', 20, []],
  ])('%s, weight %s: %j', (profile, weight, expected) => {
    expect(codes(findingsOf({ weight }, under(profile)), 'RATE_WEIGHT_MISMATCH')).toEqual(expected);
  });
});

describe('宁夏: a total below 80 requires 存在的问题 and 整改措施 in the report', () => {
  // 效益 row scored down: total = 10 + 60 + x.
  const wbAt = (score: number) => workbook(projectSheet({ initial: 48, annual: 48, executed: 48, rate: null, score: null, indicators: ind(4, { score, reason: '部分未完成' }), total: { score: null } }));
  test.each([
    [9.99, 1], // total 79.99
    [10, 0], // total 80
  ])('效益 scored %s: %s LOW_TOTAL_SECTIONS under 宁夏, none under national', (score, n) => {
    expect(reportBasis(wbAt(score), under('ningxia')).required.map((f) => f.code)).toEqual(n ? ['LOW_TOTAL_SECTIONS'] : []);
    expect(reportBasis(wbAt(score), under('national')).required).toEqual([]);
  });
  test('the generated report has the two sections to fill; a narrative is checked for them', () => {
    const s = under('ningxia');
    const basis = reportBasis(wbAt(9.99), s);
    const text = toPlainText(basis.reports);
    expect(text).toContain('存在的问题');
    expect(text).toContain('整改措施');
    expect(text).toContain('宁夏规则');
    const a = analyze(wbAt(9.99), s);
    expect(checkNarrative('本项目总分79.99分。\n一、存在的问题\n【待填写：存在的问题】\n二、整改措施\n', a, s).map((f) => f.code)).toEqual(['LOW_TOTAL_SECTIONS']);
    expect(checkNarrative('本项目总分79.99分。\n一、存在的问题\n部分代表因公务未能参训，培训覆盖不足。\n二、整改措施\n下一年度分批次组织培训，确保全员参训。\n', a, s)).toEqual([]);
    expect(checkNarrative('一、存在的问题\n培训覆盖面不足，部分代表未参加。\n', a, s)[0]?.message).toContain('整改措施尚未填写');
  });
});

describe('qualitative scores outside their band (national bands)', () => {
  // Row 4: 明显提升 (qualitative), weight 30.
  test.each([
    ['基本完成', 30, 1], // 部分达成 scored 100%
    ['基本完成', 20, 0], // 66.67%: in [60%, 80%)
    ['基本完成', 24, 1], // 80%: not below 80%
    ['已完成', 24, 0], // 达成 at 80%
    ['已完成', 23.99, 1],
    ['未完成', 17.99, 0],
    ['未完成', 18, 1],
    ['有效提升', 5, 0], // names no band; 16.67% is in 未达成
  ])('「%s」 scored %s: %s finding(s)', (actual, score, n) => {
    expect(findingsOf({ indicators: ind(4, { actual, score, reason: '说明' }) }, under('national'), 'QUALITATIVE_SCORE_BAND')).toHaveLength(n);
  });
});

describe('山西: the adjusted target counts (as SPEC §1.2 reads two target columns)', () => {
  test('the profile says so', () => expect(under('shanxi').profile).toBe('shanxi'));
  test('written scores are the same under 山西 and national on a one-column table', () => {
    expect(written(atRate(85), under('shanxi'), 'H4')).toBe(written(atRate(85), under('national'), 'H4'));
  });
});

describe('浙江: 执行数 includes 全年执行数（其他）', () => {
  const wb = () => {
    const s = projectSheet({ initial: 48, annual: 48, executed: 36, rate: null, score: null });
    s.rows[2][8] = { v: '全年执行数（其他）' };
    s.rows[3][8] = { v: 4 };
    return workbook(s);
  };
  test.each([
    ['zhejiang', 0.8333, 8.33],
    ['national', 0.75, 7.5],
  ])('%s: 执行率 %s, 得分 %s', (profile, rate, score) => {
    const a = analyze(wb(), under(profile));
    const se = a.evals[0].selfEval!;
    expect(se.table.budget?.executedOther?.parse).toMatchObject({ kind: 'number', value: 4 });
    expect(Math.round((se.rate ?? 0) * 10000) / 10000).toBe(rate);
  });
  test('the explanation adds the two', async () => {
    const { recalc } = await import('../../../src/core/engine');
    const c = recalc(wb(), under('zhejiang')).changes.changes.find((x) => x.cell === 'H4')!;
    expect(c.after.v).toBe(8.33);
    expect(c.explain?.arithmetic).toBe('10 × (36 + 4) ÷ 48');
  });
});

describe("a profile's own column names", () => {
  test('资金支出数 read as 全年执行数 only under the profile that names it', async () => {
    const { parseProfile } = await import('../../../src/core/profiles');
    const r = parseProfile({ id: 'words', name: '某省', source: '某省模板', vocabulary: { budget: { executed: ['资金支出数'] } } });
    if (!r.ok) throw new Error(r.message);
    const s = projectSheet({ executed: 36 });
    s.rows[2][4] = { v: '资金支出数' };
    const mine = analyze(workbook(s), under(r.profile));
    const national = analyze(workbook(s), under('national'));
    expect(mine.evals[0]?.selfEval?.rate).toBe(0.75);
    expect(national.evals[0]?.selfEval?.rate ?? null).toBeNull();
  });
  test('a vocabulary of an unknown header kind is refused', async () => {
    const { parseProfile } = await import('../../../src/core/profiles');
    const r = parseProfile({ id: 'w', name: '某省', source: 's', vocabulary: { footer: { x: ['y'] } } });
    expect(r.ok).toBe(false);
  });
});

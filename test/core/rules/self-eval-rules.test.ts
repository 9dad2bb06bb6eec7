// Table-driven cases for the rules over self-evaluation tables: each case changes the clean
// template and names the cells where a code must be reported (none: the code must not appear).
import type { FindingCode } from '../../../src/core/findings';
import { GOOD_INDICATORS, projectSheet, workbook, type IndRow, type ProjectOpts } from '../template';
import { cellsOf, findingsOf } from './helpers';

const ind = (i: number, patch: Partial<IndRow>): IndRow[] => GOOD_INDICATORS.map((r, k) => (k === i ? { ...r, ...patch } : r));

type Case = [string, ProjectOpts, FindingCode, string[]];

const cases: Case[] = [
  // RATE_MISMATCH: 36 / 48 = 75%
  ['rate agrees', {}, 'RATE_MISMATCH', []],
  ['rate wrong', { rate: { v: 0.7, fmt: '0.00%' } }, 'RATE_MISMATCH', ['附件3!G4']],
  ['rate as percent text agrees', { rate: '75%' }, 'RATE_MISMATCH', []],
  ['rate truncated agrees', { executed: 35.65, rate: { v: 0.7427, fmt: '0.00%' } }, 'RATE_MISMATCH', []], // 74.2708%
  ['rate falls back to 年初 when 全年 blank', { annual: null, rate: { v: 0.72, fmt: '0.00%' }, score: 7.2 }, 'RATE_MISMATCH', []],
  ['rate in percent units agrees', { rate: 75 }, 'RATE_MISMATCH', []],
  // SCORE_MISMATCH
  ['rate score agrees', {}, 'SCORE_MISMATCH', []],
  ['rate score wrong', { score: 9 }, 'SCORE_MISMATCH', ['附件3!H4']],
  ['rate score capped at weight', { executed: 60, rate: { v: 1.25, fmt: '0.00%' }, score: 10, total: { score: 98 } }, 'SCORE_MISMATCH', []],
  ['indicator score wrong (≥2次, 1次 → 10)', { indicators: ind(0, { actual: '1次', score: 20, reason: '会议减少' }) }, 'SCORE_MISMATCH', ['附件3!H9']],
  ['reverse indicator linear (≤10万元, 12万元 → 8)', { indicators: ind(3, { actual: '12万元', score: 8, reason: '超支' }), total: { score: 93.5 } }, 'SCORE_MISMATCH', []],
  ['reverse indicator stated 10 disagrees with 8', { indicators: ind(3, { actual: '12万元', score: 10, reason: '超支' }) }, 'SCORE_MISMATCH', ['附件3!H12']],
  ['qualitative score not computed', { indicators: ind(4, { score: 5 }) }, 'SCORE_MISMATCH', []],
  // SCORE_EXCEEDS_WEIGHT
  ['score above weight', { indicators: ind(4, { score: 35 }) }, 'SCORE_EXCEEDS_WEIGHT', ['附件3!H13']],
  ['budget score above weight', { score: 98 }, 'SCORE_EXCEEDS_WEIGHT', ['附件3!H4']],
  // WEIGHT_SUM and TOTAL_MISMATCH
  ['weights sum to 110', { indicators: ind(4, { weight: 40 }), total: { weight: 110 } }, 'WEIGHT_SUM', ['附件3!G15']],
  ['weights sum to 100', {}, 'WEIGHT_SUM', []],
  ['total weight disagrees', { total: { weight: 90 } }, 'TOTAL_MISMATCH', ['附件3!G15']],
  ['total score disagrees', { total: { score: 90 } }, 'TOTAL_MISMATCH', ['附件3!H15']],
  ['total score agrees at 0 decimals', { total: { score: 96 } }, 'TOTAL_MISMATCH', []],
  // LEVEL1_WEIGHT: 产出指标（50分） over 20+10+10+10
  ['declared level-1 weight agrees', {}, 'LEVEL1_WEIGHT', []],
  ['declared level-1 weight disagrees', { indicators: ind(0, { l1: '产出指标（60分）' }) }, 'LEVEL1_WEIGHT', ['附件3!B9']],
  // GRADE_MISMATCH
  ['grade agrees', { total: { grade: '优' } }, 'GRADE_MISMATCH', []],
  ['grade synonym agrees', { total: { grade: '优秀' } }, 'GRADE_MISMATCH', []],
  ['grade wrong', { total: { grade: '良' } }, 'GRADE_MISMATCH', ['附件3!J15']],
  // EMPTY_INDICATOR
  ['blank target with weight', { indicators: ind(1, { target: '/' }) }, 'EMPTY_INDICATOR', ['附件3!E10']],
  ['blank 三级指标 with weight', { indicators: ind(1, { l3: null }) }, 'EMPTY_INDICATOR', ['附件3!D10']],
  ['placeholder row with weight 0', { indicators: [...GOOD_INDICATORS, { l2: '生态效益指标', l3: '/', target: '/', actual: '/', weight: 0, score: 0 }] }, 'EMPTY_INDICATOR', []],
  // MISSING_VALUE
  ['blank actual', { indicators: ind(1, { actual: null }) }, 'MISSING_VALUE', ['附件3!F10']],
  ['blank qualitative score', { indicators: ind(4, { score: null }) }, 'MISSING_VALUE', ['附件3!H13']],
  ['blank computed score', { indicators: ind(0, { score: null }) }, 'MISSING_VALUE', ['附件3!H9']],
  ['blank 全年执行数', { executed: null, rate: null, score: null }, 'MISSING_VALUE', ['附件3!E4', '附件3!H4']],
  // DEVIATION_REASON_MISSING
  ['lost points with a reason', {}, 'DEVIATION_REASON_MISSING', []],
  ['lost points without a reason', { indicators: ind(4, { reason: null }) }, 'DEVIATION_REASON_MISSING', ['附件3!I13']],
  ['computed score below weight without a reason', { indicators: ind(0, { actual: '1次', score: 10 }) }, 'DEVIATION_REASON_MISSING', ['附件3!I9']],
  // OVERACHIEVED: ≥2次 with 3次 = 1.5 × A
  ['overachieved', { indicators: ind(0, { actual: '3次' }) }, 'OVERACHIEVED', ['附件3!F9']],
  ['exactly 1.3 × A is overachieved (decimal)', { indicators: ind(0, { target: '≥200人', actual: '260人' }) }, 'OVERACHIEVED', ['附件3!F9']],
  ['below 1.3 × A', { indicators: ind(0, { target: '≥200人', actual: '259人' }) }, 'OVERACHIEVED', []],
  // TARGET_NOT_QUANTIFIED / ACTUAL_NOT_QUANTIFIED
  ['qualitative quantity target', { indicators: ind(0, { target: '按要求召开' }) }, 'TARGET_NOT_QUANTIFIED', ['附件3!E9']],
  ['qualitative social-benefit target is fine', {}, 'TARGET_NOT_QUANTIFIED', []],
  ['qualitative actual of a number target', { indicators: ind(0, { actual: '已全部完成' }) }, 'ACTUAL_NOT_QUANTIFIED', ['附件3!F9']],
  // UNIT_MISMATCH
  ['次 vs 个', { indicators: ind(0, { actual: '2个' }) }, 'UNIT_MISMATCH', ['附件3!F9']],
  ['万元 vs 元 convert', { indicators: ind(3, { actual: '95000元' }) }, 'UNIT_MISMATCH', []],
  // MULTI_INDICATOR_CELL
  ['two indicators in a cell', { indicators: ind(0, { target: '1、会议≥2次\n2、培训≥1次' }) }, 'MULTI_INDICATOR_CELL', ['附件3!E9']],
  // COST_TARGET_VS_BUDGET: 全年预算数 48 万元
  ['cost cap above budget', { indicators: ind(3, { target: '≤60万元', actual: '9.5万元' }) }, 'COST_TARGET_VS_BUDGET', ['附件3!E12']],
  ['cost cap in 元 within budget', { indicators: ind(3, { target: '≤100000元', actual: '95000元' }) }, 'COST_TARGET_VS_BUDGET', []],
  // SUSPICIOUS_DIRECTION
  ['quantity with an upper bound', { indicators: ind(0, { target: '≤2次' }) }, 'SUSPICIOUS_DIRECTION', ['附件3!E9']],
  ['quantity with a lower bound', {}, 'SUSPICIOUS_DIRECTION', []],
  // NOT_A_NUMBER
  ['error value in 全年执行数', { executed: { error: '#DIV/0!' } }, 'NOT_A_NUMBER', ['附件3!E4']],
  ['text weight', { indicators: ind(1, { weight: '约十' }) }, 'NOT_A_NUMBER', ['附件3!G10']],
  ['text number with unit is a number', { executed: '36万元' }, 'NOT_A_NUMBER', []],
  ['breakdown rows are never NOT_A_NUMBER', {}, 'NOT_A_NUMBER', []],
];

describe.each(cases)('%s', (_name, opts, code, cells) => {
  test(`${code} at ${cells.join(', ') || 'no cell'}`, () => {
    expect(cellsOf(workbook(projectSheet(opts)), code)).toEqual(cells);
  });
});

test('messages state the right value', () => {
  const [f] = findingsOf(workbook(projectSheet({ rate: { v: 0.7, fmt: '0.00%' } })), 'RATE_MISMATCH');
  expect(f.message).toContain('75.00%');
  expect(f.expected).toBe(0.75);
  expect(f.actual).toBe(0.7);
  const [s] = findingsOf(workbook(projectSheet({ indicators: ind(3, { actual: '12万元', score: 10, reason: '超支' }) })), 'SCORE_MISMATCH');
  expect(s.message).toMatch(/应为 8/);
});

test('settings: ratio scoring of reverse indicators', () => {
  // ≤10万元 with 12万元: ratio 10 × 10/12 = 8.33
  const wb = workbook(projectSheet({ indicators: ind(3, { actual: '12万元', score: 8.33, reason: '超支' }), total: { score: 93.83 } }));
  expect(cellsOf(wb, 'SCORE_MISMATCH', { reverseScoring: 'ratio' })).toEqual([]);
  expect(cellsOf(wb, 'SCORE_MISMATCH')).toEqual(['附件3!H12']);
});

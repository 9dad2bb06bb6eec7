// 小计 rows inside the indicator block: not indicators, and their sums are checked (SPEC §5).
import { analyze, recalc } from '../../../src/core/engine';
import { GOOD_INDICATORS, projectSheet, workbook, type IndRow } from '../template';

const subtotal = (weight: number, score: number): IndRow => ({ l2: '小计', l3: null, target: null, actual: null, weight, score });

test.each([
  ['it agrees', 50, 50, []],
  ['a weight subtotal that is off', 55, 50, ['SUBTOTAL_MISMATCH G13']],
  ['a score subtotal that is off', 50, 49, ['SUBTOTAL_MISMATCH H13']],
] as const)('产出 rows, then a 小计: %s', (_, w, sc, expected) => {
  // The four 产出 rows weigh 20 + 10 + 10 + 10 = 50 and score 50.
  const indicators = [...GOOD_INDICATORS.slice(0, 4), subtotal(w, sc), ...GOOD_INDICATORS.slice(4)];
  const wb = workbook(projectSheet({ indicators }));
  const a = analyze(wb);
  expect(a.evals[0].selfEval!.indicators).toHaveLength(6);
  expect(a.evals[0].selfEval!.weightSum).toBe(100);
  expect(a.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.cell}`)).toEqual(expected);
  expect(recalc(wb).changes.changes).toEqual([]);
});

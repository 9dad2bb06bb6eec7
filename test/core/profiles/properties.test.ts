// Under every shipped profile (and a user profile with caps): recalculation is idempotent, never writes
// a total above the full score or the cap, and every change's explanation, evaluated, gives what it writes.
import Big from 'big.js';
import fc from 'fast-check';
import { analyze, recalc } from '../../../src/core/engine';
import { parseProfile, PROFILES, type Profile } from '../../../src/core/profiles';
import type { Workbook } from '../../../src/core/grid/types';
import { under } from './helpers';
import { projectSheet, type IndRow } from '../template';

const RUNS = Number(process.env.FC_RUNS ?? 150);

const capped = parseProfile({
  id: 'caps',
  name: '封顶',
  source: '测试',
  extends: 'jiangxi',
  totalCaps: [{ below: 0.8, cap: 89 }, { below: 0.7, cap: 79 }, { below: 0.6, cap: 69 }, { below: 0.5, cap: 59 }],
  grades: { bands: [90, 80, 60], labels: ['好', '较好', '一般', '差'] },
}) as { ok: true; profile: Profile };

const PROFILE_CASES: [string, Profile][] = [...PROFILES.map((p): [string, Profile] => [p.id, p]), ['caps (user)', capped.profile]];

// ---- an evaluator of explain.arithmetic: numbers, + − × ÷, parentheses and min(a, b), exactly (big.js).
type B = ReturnType<typeof Big>;
function evaluate(text: string): B {
  const tokens = text.match(/min|\d+(?:\.\d+)?(?:e[-+]?\d+)?|[-+×÷−(),]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const take = (t?: string) => {
    const x = tokens[i++];
    if (t !== undefined && x !== t) throw new Error(`expected ${t} at ${i} in ${text}`);
    return x;
  };
  const atom = (): B => {
    const t = take();
    if (t === '(') {
      const v = expr();
      take(')');
      return v;
    }
    if (t === 'min') {
      take('(');
      const a = expr();
      take(',');
      const b = expr();
      take(')');
      return (a as unknown as { lt(x: B): boolean }).lt(b) ? a : b;
    }
    if (t === '-' || t === '−') return (Big(0) as unknown as { minus(x: B): B }).minus(atom());
    return Big(t);
  };
  const term = (): B => {
    let v = atom();
    while (peek() === '×' || peek() === '÷') {
      const op = take();
      const r = atom();
      const x = v as unknown as { times(x: B): B; div(x: B): B };
      v = op === '×' ? x.times(r) : x.div(r);
    }
    return v;
  };
  const expr = (): B => {
    let v = term();
    while (peek() === '+' || peek() === '-' || peek() === '−') {
      const op = take();
      const r = term();
      const x = v as unknown as { plus(x: B): B; minus(x: B): B };
      v = op === '+' ? x.plus(r) : x.minus(r);
    }
    return v;
  };
  const v = expr();
  if (i !== tokens.length) throw new Error(`unread tokens in ${text}`);
  return v;
}


// ---- workbooks: the template with random amounts, actuals, weights and stated values.
const stated = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 30, noNaN: true }).map((x) => Math.round(x * 100) / 100));
const amount = fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 5_000_000 }).map((x) => x / 100));

const rows = fc
  .record({
    count: fc.integer({ min: 0, max: 40 }),
    rate: fc.integer({ min: 50, max: 120 }),
    cost: fc.integer({ min: 1, max: 300 }).map((x) => x / 10),
    sat: fc.integer({ min: 60, max: 100 }),
    weights: fc.constantFrom([20, 10, 10, 10, 30, 10], [30, 10, 10, 10, 20, 10], [20, 20, 10, 10, 20, 10], [20, 10, 10, 10, 30, 15]),
    scores: fc.array(stated, { minLength: 6, maxLength: 6 }),
    qualitative: fc.constantFrom('达成', '部分达成', '未达成', '明显提升'),
  })
  .map(({ count, rate, cost, sat, weights, scores, qualitative }): IndRow[] => [
    { l1: '产出指标', l2: '数量指标', l3: '召开会议', target: '≥20次', actual: `${count}次`, weight: weights[0], score: scores[0] },
    { l2: '质量指标', l3: '完成率', target: '≥95%', actual: `${rate}%`, weight: weights[1], score: scores[1] },
    { l2: '时效指标', l3: '完成时间', target: '12月31日前', actual: '按时', weight: weights[2], score: scores[2] },
    { l2: '成本指标', l3: '会议成本', target: '≤10万元', actual: `${cost}万元`, weight: weights[3], score: scores[3] },
    { l1: '效益指标', l2: '社会效益指标', l3: '履职能力', target: '明显提升', actual: qualitative, weight: weights[4], score: scores[4] },
    { l1: '满意度指标', l2: '服务对象满意度指标', l3: '代表满意度', target: '≥90%', actual: `${sat}%`, weight: weights[5], score: scores[5] },
  ]);

const workbookArb: fc.Arbitrary<Workbook> = fc
  .record({ initial: amount, annual: fc.oneof(amount, fc.constant(null)), executed: amount, score: stated, rate: fc.constantFrom(null, 0.5, '80%'), indicators: rows, total: stated, grade: fc.constantFrom(undefined, '优', '', '较好') })
  .map(({ initial, annual, executed, score, rate, indicators, total, grade }) => ({
    sheets: [projectSheet({ initial, annual, executed, score, rate: rate === null ? null : typeof rate === 'number' ? { v: rate, fmt: '0.00%' } : rate, indicators, total: { score: total, ...(grade === undefined ? {} : { grade }) } })],
  }));

describe.each(PROFILE_CASES)('under %s', (_id, profile) => {
  const s = under(profile);
  test('recalc is idempotent, totals within the full score and the cap, every change explained exactly', () => {
    let checked = 0;
    fc.assert(
      fc.property(workbookArb, (wb) => {
        const r = recalc(wb, s);
        for (const c of r.changes.changes) {
          const at = `${c.sheet}!${c.cell} ${c.field}`;
          expect({ at, explained: !!c.explain?.text && !!c.explain.rule }).toEqual({ at, explained: true });
          expect({ at, named: c.reason === 'formula' || c.explain!.rule.startsWith(`${profile.name}：`) }).toEqual({ at, named: true });
          if (typeof c.after.v !== 'number') continue;
          if (c.field.startsWith('总得分')) expect({ at, above: c.after.v > s.totalWeight }).toEqual({ at, above: false });
          const arithmetic = c.explain!.arithmetic;
          expect({ at, arithmetic: typeof arithmetic }).toEqual({ at, arithmetic: 'string' });
          // Written rounded once: rates (a fraction in a % cell) to 4 decimals, scores to the precision.
          const d = c.after.fmt?.includes('%') ? 4 : s.precision;
          checked++;
          const value = Number(evaluate(arithmetic!).round(d, 1).toString());
          expect({ at, arithmetic, value }).toEqual({ at, arithmetic, value: c.after.v });
        }
        // The cap: the total written (or left) never exceeds what 执行率 allows.
        for (const e of r.analysis.evals) {
          const se = e.selfEval;
          if (se?.cap && se.table.total?.score?.parse.kind === 'number' && se.totalCertain) expect(se.table.total.score.parse.value).toBeLessThanOrEqual(se.cap.cap);
        }
        expect(recalc(r.result, s).changes.changes.map((c) => `${c.cell}=${String(c.after.v)}`)).toEqual([]);
        analyze(r.result, s);
      }),
      { numRuns: RUNS },
    );
    // The property is about something: most workbooks have numbers to write.
    expect(checked).toBeGreaterThan(RUNS);
  });
});

// §4: the score of a quantitative indicator from its target A and actual B.
import type { IndicatorValue } from '../parse/indicator';
import { toBaseUnit, unitsCompatible } from '../parse/indicator';
import { clean, div, mul, sub } from '../num/decimal';

export type ReverseScoring = 'linear' | 'ratio';

// A and B in one unit, set by compare() when they can be compared: the target's bounds and the actual
// (module variables rather than an object: hot, every indicator row of every analysis).
let cmpLo = 0;
let cmpHi = 0;
let cmpActual = 0;

function compare(a: IndicatorValue, b: IndicatorValue): boolean {
  if ((a.kind !== 'number' && a.kind !== 'range') || b.kind !== 'number') return false;
  if (!unitsCompatible(a.unit, b.unit)) return false;
  const unitA = a.unit || b.unit;
  const unitB = b.unit || a.unit;
  const lo = toBaseUnit(a.value, unitA);
  const hi = a.kind === 'range' && a.hi !== undefined ? toBaseUnit(a.hi, unitA) : lo;
  cmpLo = clean(lo);
  cmpHi = clean(hi);
  cmpActual = clean(toBaseUnit(b.value, unitB));
  return true;
}

/** How a value was computed: the arithmetic with the cell values (evaluable), and the rule in words. */
export interface Why {
  arithmetic?: string;
  rule: string;
}

/** What a sum of scores reads of an indicator row. */
export interface IndicatorEvalLike {
  effective: number | null;
}

/** A number in arithmetic: its 15-digit form, no grouping. */
export function n(x: number): string {
  return String(clean(x));
}

/**
 * Unrounded score, or null when §4 computes none (not quantitative, units differ, no weight). With `why`,
 * fills in how (the arithmetic in A's and B's units after conversion to one unit).
 */
export function indicatorScore(w: number, a: IndicatorValue, b: IndicatorValue, reverse: ReverseScoring, why?: Why): number | null {
  if (!(w > 0)) return null;
  if (!compare(a, b)) return null;
  const lo = cmpLo;
  const hi = cmpHi;
  const actual = cmpActual < 0 ? 0 : cmpActual;
  const negative = cmpActual < 0;
  const say = (arithmetic: string, rule: string) => {
    why!.arithmetic = arithmetic;
    why!.rule = negative ? `${rule}（完成值为负，按 0 计）` : rule;
  };
  if (a.kind === 'range') {
    if (actual >= lo && actual <= hi) return why && say(n(w), `完成值 ${n(actual)} 在区间 [${n(lo)}, ${n(hi)}] 内，得满分`), w;
    if (actual < lo) {
      if (!(lo > 0)) return why && say('0', `区间下限不大于 0，完成值低于下限，得 0 分`), 0;
      why && say(`${n(w)} × ${n(actual)} ÷ ${n(lo)}`, `完成值低于区间下限：得分 = 分值 × 完成值 ÷ 下限`);
      return div(mul(w, actual), lo);
    }
    if (!(actual > 0)) return why && say(n(w), '得满分'), w;
    why && say(`${n(w)} × ${n(hi)} ÷ ${n(actual)}`, `完成值高于区间上限：得分 = 分值 × 上限 ÷ 完成值`);
    return div(mul(w, hi), actual);
  }
  const target = lo;
  switch (a.op) {
    case '>=':
    case '>':
    case '=':
      if (target > 0) {
        if (actual >= target) return why && say(n(w), `完成值 ${n(actual)} 达到指标值 ${n(target)}，得满分`), w;
        why && say(`${n(w)} × ${n(actual)} ÷ ${n(target)}`, `正向指标未达到指标值：得分 = 分值 × 完成值 ÷ 指标值`);
        return div(mul(w, actual), target);
      }
      if (target === 0) {
        if (a.op === '=') return actual === 0 ? (why && say(n(w), '指标值为 0，完成值为 0，得满分'), w) : (why && say('0', '指标值为 0，完成值不为 0，得 0 分'), 0);
        if (a.op === '>') return actual > 0 ? (why && say(n(w), '完成值大于 0，得满分'), w) : (why && say('0', '完成值不大于 0，得 0 分'), 0);
        return why && say(n(w), '指标值为 0，得满分'), w;
      }
      return why && say(n(w), '指标值为负，总能达到，得满分'), w; // a negative lower bound is always met
    case '<=':
    case '<':
      if (actual <= target) return why && say(n(w), `完成值 ${n(actual)} 不超过指标值 ${n(target)}，得满分`), w;
      if (target <= 0) return why && say('0', '指标值不大于 0 而完成值超过它，得 0 分'), 0;
      if (reverse === 'ratio') {
        why && say(`${n(w)} × ${n(target)} ÷ ${n(actual)}`, '反向指标超过指标值（比值计分）：得分 = 分值 × 指标值 ÷ 完成值');
        return div(mul(w, target), actual);
      }
      {
        const left = Math.max(0, sub(1, div(sub(actual, target), target)));
        if (left === 0) return why && say('0', '反向指标完成值达到指标值的 2 倍及以上，得 0 分'), 0;
        why && say(`${n(w)} × (1 − (${n(actual)} − ${n(target)}) ÷ ${n(target)})`, '反向指标超过指标值（线性扣分）：得分 = 分值 × (1 − 超出部分 ÷ 指标值)');
        return mul(w, left);
      }
  }
}

/** B ≥ ratio × A for a `>=` indicator: the target may have been set too low. */
export function isOverachieved(a: IndicatorValue, b: IndicatorValue, ratio: number, zeroTargetAt = Infinity): boolean {
  if (a.kind !== 'number' || a.op !== '>=') return false;
  if (!compare(a, b)) return false;
  // A target of 0 is overachieved from an absolute figure on (SPEC §8: B ≥ 30 when A = 0).
  if (cmpLo === 0) return cmpActual >= zeroTargetAt;
  if (!(cmpLo > 0)) return false;
  return cmpActual >= mul(ratio, cmpLo);
}

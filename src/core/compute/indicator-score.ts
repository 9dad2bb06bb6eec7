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

/** Unrounded score, or null when §4 computes none (not quantitative, units differ, no weight). */
export function indicatorScore(w: number, a: IndicatorValue, b: IndicatorValue, reverse: ReverseScoring): number | null {
  if (!(w > 0)) return null;
  if (!compare(a, b)) return null;
  const lo = cmpLo;
  const hi = cmpHi;
  const actual = cmpActual < 0 ? 0 : cmpActual;
  if (a.kind === 'range') {
    if (actual >= lo && actual <= hi) return w;
    if (actual < lo) return lo > 0 ? div(mul(w, actual), lo) : 0;
    return actual > 0 ? div(mul(w, hi), actual) : w;
  }
  const target = lo;
  switch (a.op) {
    case '>=':
    case '>':
    case '=':
      if (target > 0) return actual >= target ? w : div(mul(w, actual), target);
      if (target === 0) {
        if (a.op === '=') return actual === 0 ? w : 0;
        if (a.op === '>') return actual > 0 ? w : 0;
        return w;
      }
      return w; // a negative lower bound is always met
    case '<=':
    case '<':
      if (actual <= target) return w;
      if (target <= 0) return 0;
      if (reverse === 'ratio') return div(mul(w, target), actual);
      return mul(w, Math.max(0, sub(1, div(sub(actual, target), target))));
  }
}

/** B ≥ ratio × A for a `>=` indicator: the target may have been set too low. */
export function isOverachieved(a: IndicatorValue, b: IndicatorValue, ratio: number): boolean {
  if (a.kind !== 'number' || a.op !== '>=') return false;
  if (!compare(a, b) || !(cmpLo > 0)) return false;
  return cmpActual >= mul(ratio, cmpLo);
}

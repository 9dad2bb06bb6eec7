// How figures appear in messages and reports: 151.77万元, 79.33%, 98分.
import { clean, round } from './compute/decimal';

/** A number without trailing zeros, at most `max` decimals: 19.380 → "19.38". */
export function fmtNum(x: number, max = 4): string {
  const r = round(x, max);
  return String(clean(r));
}

/** A fraction as a percentage with two decimals: 0.79328 → "79.33%". */
export function fmtPct(fraction: number): string {
  return `${round(fraction * 100, 2).toFixed(2)}%`;
}

/** An amount with two decimals: 151.7699 → "151.77". */
export function fmtAmount(x: number): string {
  const r = round(x, 2);
  return r.toFixed(2);
}

// Figures as reports write them: 151.77万元, 79.33%, 98分.
import { clean, round, sub } from '../compute/decimal';
import { fmtNum, fmtPct } from '../format';
import type { MoneyUnit } from '../tables/model';

const TO_YUAN: Record<MoneyUnit, number> = { 万元: 10000, 元: 1 };

/** An amount of a table in `from` units, written in `to` units with two decimals: 151.77万元. */
export function money(x: number, from: MoneyUnit, to: MoneyUnit): string {
  const v = clean((x * TO_YUAN[from]) / TO_YUAN[to]);
  return `${round(v, 2).toFixed(2)}${to}`;
}

export function pct(fraction: number): string {
  return fmtPct(fraction);
}

export function score(x: number): string {
  return `${fmtNum(x, 2)}分`;
}

export function diff(a: number, b: number): number {
  return sub(a, b);
}

/** The year a title names: "2023年度…" → "2023". */
export function yearOf(...texts: string[]): string | null {
  for (const t of texts) {
    const m = /(20\d{2})\s*年/.exec(t);
    if (m) return m[1];
  }
  return null;
}

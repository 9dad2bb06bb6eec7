// Labels as patterns, money units and rate styles of the tables read (the words: ../vocabulary.ts).
import { SCORED_ROW_LABELS, TOTAL_LABELS } from '../vocabulary';
import type { MoneyUnit, RateStyle } from './model';
import type { SheetView } from './sheet-view';

export const TOTAL_LABEL = new RegExp(`^(${TOTAL_LABELS.join('|')})$`);
export const SCORED_ROW = new RegExp(SCORED_ROW_LABELS.join('|'));

/** What a table's texts say about its money unit: some text says 万元; some says 元 as a unit. */
export interface UnitStated {
  wan: boolean;
  yuan: boolean;
}

// On the text as written: half-width conversion changes neither 万元 nor these patterns, which accept
// both widths of their brackets and colons.
const YUAN_STATED = /[(（]元[)）]|单位[:：]?元|金额[:：]?元/;

export function unitStatedInto(text: string, into: UnitStated): void {
  if (!into.wan && text.includes('万元')) into.wan = true;
  else if (!into.yuan && text.includes('元') && YUAN_STATED.test(text)) into.yuan = true;
}

export function unitStated(text: string): UnitStated {
  const out = { wan: false, yuan: false };
  unitStatedInto(text, out);
  return out;
}

/** Money unit a table states, else by magnitude: mostly ≥ 10,000 means 元 (a budget-system export). */
export function moneyUnitFrom(said: UnitStated, amounts: readonly number[]): MoneyUnit {
  if (said.wan) return '万元';
  if (said.yuan) return '元';
  let nonZero = 0;
  let big = 0;
  for (const a of amounts) {
    if (a === 0 || !Number.isFinite(a)) continue;
    nonZero++;
    if (Math.abs(a) >= 10000) big++;
  }
  if (nonZero === 0) return '万元';
  return big * 2 > nonZero ? '元' : '万元';
}

/** Money unit a table states, else by magnitude: mostly ≥ 10,000 means 元 (a budget-system export). */
export function moneyUnitOf(texts: string[], amounts: number[]): MoneyUnit {
  const said = { wan: false, yuan: false };
  for (const t of texts) unitStatedInto(t, said);
  return moneyUnitFrom(said, amounts);
}

/**
 * A rate column's convention: a % format on any of its cells means fractions;
 * a header with % or values mostly > 1.5 mean percent units.
 */
export function rateStyleOf(view: SheetView, headerRow: number, col: number, rows: number[]): RateStyle {
  let formatted = 0;
  let big = 0;
  let numbers = 0;
  for (const r of rows) {
    const c = view.cell(r, col);
    if (!c || typeof c.v !== 'number') continue;
    numbers++;
    if (c.fmt && c.fmt.includes('%')) formatted++;
    else if (Math.abs(c.v) > 1.5) big++;
  }
  if (formatted > 0) return 'fraction';
  if (view.info(headerRow, col).percent) return 'percent-units';
  return numbers > 0 && big * 2 > numbers ? 'percent-units' : 'fraction';
}

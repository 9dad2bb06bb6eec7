// A computed field: a cell recalculation writes (§4), with the stated value it is checked against.
import type { FindingCode } from '../findings';
import type { Cell } from '../grid/types';
import type { NumField, RateStyle, Table } from '../tables/model';
import { agrees, round } from '../num/decimal';
import type { Why } from './indicator-score';
import { explainText, type Explain } from '../explain';
import { showCell } from '../format';

const PERCENT_SIGN = /[%％]/;

export type ComputedKind = 'rate' | 'score' | 'amount' | 'grade';

export interface ComputedField {
  table: Table;
  row: number;
  col: number;
  kind: ComputedKind;
  /** What the cell is, for messages and previews: "执行率", "「代表培训」得分"… */
  label: string;
  /** Unrounded result (a fraction for rates); a grade's text. */
  exact: number | string;
  /** The cell as it is now. */
  cell: Cell | undefined;
  /** The stated value, parsed (numbers only). */
  stated: NumField | null;
  /** For rates: how the column shows them. */
  rateStyle?: RateStyle;
  /** Decimals written: rates 4 (of the fraction), scores per settings, amounts 2. */
  decimals: number;
  /** The finding a disagreement gives. */
  mismatch: FindingCode;
  /** Why recalculation leaves this cell alone although it computes it (SPEC §4 "Write only what is certain"). */
  withheld?: string;
  /** Taken from another table (a summary row from its project's table): the change's reason is `sync`. */
  sync?: boolean;
  /** How the value is computed (made only when asked: a change or a finding explains it). */
  why?: () => Why;
}


/** A rate written in percent units (92.5 for 92.5%): the column holds them so. */
function inPercentUnits(f: ComputedField): boolean {
  return f.kind === 'rate' && f.rateStyle === 'percent-units' && !isPercentCell(f);
}

/** The value recalculation writes, in the cell's own convention. */
export function writtenValue(f: ComputedField): number | string {
  if (typeof f.exact === 'string') return f.exact;
  if (inPercentUnits(f)) return round(f.exact * 100, f.decimals - 2);
  return round(f.exact, f.decimals);
}

/** The rule (naming the profile) and arithmetic behind the value written (SPEC §8); undefined where the field has none. */
export function explainField(f: ComputedField, profileName: string): Explain | undefined {
  if (!f.why) return undefined;
  const why = f.why();
  // The rule names the profile it was scored under (SPEC §8), once.
  if (!why.rule.startsWith(`${profileName}：`)) why.rule = `${profileName}：${why.rule}`;
  const v = writtenValue(f);
  const arithmetic = why.arithmetic !== undefined && inPercentUnits(f) ? `(${why.arithmetic}) × 100` : why.arithmetic;
  const result = typeof v === 'string' ? v : showCell(v, writtenFormat(f));
  const e = arithmetic !== undefined ? { rule: why.rule, arithmetic, result } : { rule: why.rule, result };
  return { ...e, text: explainText(f.label, e) };
}

/** Number format written: rates get 0.00% unless the cell already shows percents or uses percent units. */
export function writtenFormat(f: ComputedField): string | undefined {
  const own = f.cell?.fmt;
  if (f.kind === 'rate') {
    if (f.rateStyle === 'percent-units' && !isPercentCell(f)) return own;
    return own && own.includes('%') ? own : '0.00%';
  }
  if (typeof f.cell?.v === 'string' && f.kind !== 'grade') return undefined; // text number becomes a number in General
  return own;
}

function isPercentCell(f: ComputedField): boolean {
  const c = f.cell;
  if (!c) return false;
  if (c.fmt && c.fmt.includes('%')) return true;
  return typeof c.v === 'string' && PERCENT_SIGN.test(c.v);
}

/** Compares a stated number with the exact one in the units the user sees; null when there is nothing to compare. */
export function statedShown(f: ComputedField): { stated: number; computed: number; decimals: number } | null {
  if (!f.stated || f.stated.parse.kind !== 'number' || typeof f.exact !== 'number') return null;
  const p = f.stated.parse;
  if (f.kind === 'rate') {
    // Compare in percent units: 89.12% against 89.125%.
    const statedPct = p.percent ? p.value * 100 : f.rateStyle === 'percent-units' ? p.value : p.value * 100;
    const decimals = p.percent || f.rateStyle === 'percent-units' ? p.decimals : Math.max(0, p.decimals - 2);
    return { stated: Number(statedPct.toPrecision(15)), computed: Number((f.exact * 100).toPrecision(15)), decimals };
  }
  return { stated: p.value, computed: f.exact, decimals: p.decimals };
}

/** Whether the stated number agrees with the computed one at its own precision (SPEC §5); false without one. */
export function statedAgrees(f: ComputedField): boolean {
  const s = statedShown(f);
  return s !== null && agrees(s.computed, s.stated, s.decimals);
}

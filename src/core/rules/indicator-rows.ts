// Iteration over indicator rows, shared by the per-row rules.
import type { IndicatorEval, SelfEvalEval } from '../compute/evaluate';
import type { Finding } from '../findings';
import { cellText } from '../parse/text';
import type { RuleContext } from './rule';
import { selfEvals } from './rule';

export function eachIndicator(ctx: RuleContext, fn: (i: IndicatorEval, e: SelfEvalEval) => Finding | Finding[] | null): Finding[] {
  const out: Finding[] = [];
  for (const e of selfEvals(ctx)) {
    for (const i of e.indicators) {
      const r = fn(i, e);
      if (Array.isArray(r)) out.push(...r);
      else if (r) out.push(r);
    }
  }
  return out;
}

/** Text of a cell of the indicator's row. */
export function textAt(e: SelfEvalEval, row: number, col: number | null): string {
  if (col === null) return '';
  const r = e.table.sheet.rows[row];
  return cellText(r?.[col]?.v ?? null).trim();
}

/** Rows that take part in scoring: a weight above zero. */
export function isScored(i: IndicatorEval): boolean {
  return i.weight !== null && i.weight > 0;
}

export function isQuantitative(i: IndicatorEval): boolean {
  return i.target.kind === 'number' || i.target.kind === 'range';
}

export function short(text: string, n = 30): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > n ? t.slice(0, n) + '…' : t;
}

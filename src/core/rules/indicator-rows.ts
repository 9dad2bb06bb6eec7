// Helpers for the rules over indicator rows.
import type { IndicatorEval, SelfEvalEval } from '../compute/evaluate';
import type { Finding } from '../findings';
import { cellText, hasWhiteSpace, isPlaceholder } from '../parse/text';
import { selfEvals, type RuleContext } from './rule';

/** Text of a cell of the indicator's row. */
export function textAt(e: SelfEvalEval, row: number, col: number | null): string {
  if (col === null) return '';
  const r = e.table.sheet.rows[row];
  return cellText(r?.[col]?.v ?? null).trim();
}

/** isPlaceholder(textAt(e, row, col)), without making the text of a number (never a placeholder). */
export function isPlaceholderAt(e: SelfEvalEval, row: number, col: number | null): boolean {
  if (col === null) return isPlaceholder('');
  const v = e.table.sheet.rows[row]?.[col]?.v ?? null;
  if (typeof v === 'number' || typeof v === 'boolean') return false;
  // Text longer than 3 without white space is its own trimmed form and no placeholder.
  if (typeof v === 'string' && v.length > 3 && !hasWhiteSpace(v)) return false;
  return isPlaceholder(cellText(v).trim());
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

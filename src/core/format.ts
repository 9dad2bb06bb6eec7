// How figures appear in messages and reports: 151.77万元, 79.33%, 98分.
import { clean, round } from './num/decimal';

/** A number without trailing zeros, at most `max` decimals: 19.380 → "19.38". */
export function fmtNum(x: number, max = 4): string {
  const r = round(x, max);
  return String(clean(r));
}

/** A fraction as a percentage with two decimals: 0.79328 → "79.33%". */
export function fmtPct(fraction: number): string {
  return `${round(fraction * 100, 2).toFixed(2)}%`;
}

/**
 * A cell as the sheet shows it, for previews and messages: a number in its format's decimals (`0.00%`
 * → 92.50%), text in 「」 (so text `92.5%` and the number 92.50% look different), a blank as （空）.
 */
export function showCell(v: unknown, fmt?: string): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'string') return `「${v}」`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object' && 'error' in v) return String((v as { error: string }).error);
  if (typeof v !== 'number') return String(v);
  const section = (fmt ?? '').split(';')[0].replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  const percent = section.includes('%');
  const x = percent ? v * 100 : v;
  const m = /\.([0#]+)/.exec(section);
  const digits = m ? m[1].length : /[0#]/.test(section) ? 0 : -1;
  const text = digits >= 0 ? round(x, digits).toFixed(digits) : fmtNum(x, 10);
  return percent ? `${text}%` : text;
}

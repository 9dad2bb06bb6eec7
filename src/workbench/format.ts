// How the grid view shows a cell: close to what Excel shows for common formats.
import type { Cell } from '../core/grid/types';

function decimalsOf(fmt: string): number {
  const m = /\.([0#]+)/.exec(fmt.split(';')[0]);
  return m ? m[1].length : 0;
}

export function displayCell(c: Cell | undefined): string {
  if (!c || c.v === null) return '';
  const v = c.v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') return v.error;
  if (typeof v === 'string') return v;
  const fmt = c.fmt;
  if (fmt && fmt.includes('%')) return `${(v * 100).toFixed(decimalsOf(fmt))}%`;
  if (fmt && /[0#]/.test(fmt)) {
    const d = decimalsOf(fmt);
    const s = v.toFixed(d);
    return fmt.includes(',') ? Number(s).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : s;
  }
  return String(Number(v.toPrecision(11)));
}

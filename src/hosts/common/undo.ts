// The add-in's own undo (撤销 after 重算) in a workbook the user keeps editing: a cell is put back only
// while it still holds what the add-in wrote (value, formula and number format as written); a cell
// changed since is left alone and listed. Any add-in host reads the cells, then asks this.
import type { CellState } from '../../core/grid/types';
import { isErrorValue } from '../../core/grid/types';

/** A cell as an add-in host reads it (Excel's values / formulas / numberFormat of one cell). */
export interface ReadCell {
  value: unknown;
  formula: unknown;
  format: unknown;
}

/** Whether the cell holds `s`: the same number format, and the same formula or value. */
export function holdsState(r: ReadCell, s: CellState): boolean {
  if ((s.fmt ?? 'General') !== r.format) return false;
  const f = r.formula;
  if (s.f !== undefined) return f === `=${s.f}`;
  if (typeof f === 'string' && f.startsWith('=')) return false;
  const v = r.value;
  if (s.v === null) return v === '';
  if (isErrorValue(s.v)) return v === s.v.error;
  return v === s.v;
}

/** The changes whose cells still hold their `after` state (to revert) and those changed since (left alone). */
export function splitUndo<T extends { after: CellState }>(changes: readonly T[], reads: readonly ReadCell[]): { revert: T[]; changedSince: T[] } {
  const revert: T[] = [];
  const changedSince: T[] = [];
  changes.forEach((c, i) => (holdsState(reads[i], c.after) ? revert : changedSince).push(c));
  return { revert, changedSince };
}

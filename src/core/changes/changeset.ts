// Change sets: the cells a recalculation writes, each with its state before and after,
// so that applying a set and its inverse restores a workbook exactly.
import type { Explain } from '../explain';
import { address } from '../grid/address';
import { cellAt, setCell } from '../grid/sheet';
import type { CellState, Workbook } from '../grid/types';

/** Why a cell is written (SPEC §4): shown in the preview and in `--json`. */
export type ChangeReason = 'fix' | 'fill' | 'precision' | 'type' | 'sync' | 'formula';

export const REASON_LABEL: Record<ChangeReason, string> = {
  fix: '修正',
  fill: '补填',
  precision: '提高精度',
  type: '文本转数值',
  sync: '同步',
  formula: '公式结果',
};

export interface Change {
  sheet: string;
  row: number;
  col: number;
  /** A1 address of the cell. */
  cell: string;
  before: CellState;
  after: CellState;
  /** What was computed, for previews: "执行率", "得分", "总分"… */
  field: string;
  /** Why it is written; absent for changes that are not a recalculation's (an undo, a report sheet). */
  reason?: ChangeReason;
  /** How the written value was computed (a recalculation's changes). */
  explain?: Explain;
}

export interface ChangeSet {
  changes: Change[];
}

export function stateOf(wb: Workbook, sheet: string, row: number, col: number): CellState {
  const s = wb.sheets.find((x) => x.name === sheet);
  const c = s ? cellAt(s, row, col) : undefined;
  if (!c) return { v: null };
  const out: CellState = { v: c.v };
  if (c.f !== undefined) out.f = c.f;
  if (c.fmt !== undefined) out.fmt = c.fmt;
  return out;
}

export function makeChange(
  wb: Workbook,
  sheet: string,
  row: number,
  col: number,
  after: CellState,
  field: string,
): Change {
  return { sheet, row, col, cell: address(row, col), before: stateOf(wb, sheet, row, col), after, field };
}

/** Writes every change's `after` state into the workbook (in place). */
export function applyChangeSet(wb: Workbook, cs: ChangeSet): void {
  const byName = new Map(wb.sheets.map((s) => [s.name, s]));
  for (const ch of cs.changes) {
    const s = byName.get(ch.sheet);
    if (!s) throw new Error(`工作表不存在：${ch.sheet}`);
    const st = ch.after;
    const blank = st.v === null && st.f === undefined && st.fmt === undefined;
    setCell(s, ch.row, ch.col, blank ? undefined : { ...st });
  }
}

/** The change set that undoes `cs`: before and after swapped, in reverse order. */
export function invertChangeSet(cs: ChangeSet): ChangeSet {
  return {
    changes: cs.changes
      .slice()
      .reverse()
      .map((c) => ({ ...c, before: c.after, after: c.before })),
  };
}

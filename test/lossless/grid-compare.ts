// Compares grid-model workbooks cell by cell: which cells differ, and whether those of a change set
// hold exactly their `after` state.
import { isDeepStrictEqual } from 'node:util';
import { stateOf, type ChangeSet } from '../../src/core/changes/changeset';
import { cellAt } from '../../src/core/grid/sheet';
import type { CellState, Workbook } from '../../src/core/grid/types';
import { norm } from './xlsx-compare';

/**
 * Excel has no -0: it stores 0 where the engine computed -0 (a rate of a tiny negative amount, rounded).
 * Written states compare with the two alike.
 */
function noNegativeZero(st: CellState): CellState {
  return Object.is(st.v, -0) ? { ...st, v: 0 } : st;
}

/** Cells of `b` that differ from `a`: those of `cs` must hold their `after` state, no other may differ. */
export function diffGrids(a: Workbook, b: Workbook, cs: ChangeSet = { changes: [] }): string[] {
  const out: string[] = [];
  const names = (w: Workbook) => w.sheets.map((s) => `${s.name}${s.hidden ? ' (hidden)' : ''}`);
  if (!isDeepStrictEqual(names(a), names(b))) out.push(`sheets ${JSON.stringify(names(a))} → ${JSON.stringify(names(b))}`);
  const written = new Map(cs.changes.map((c) => [`${c.sheet}!${c.row},${c.col}`, c]));
  for (const sa of a.sheets) {
    const sb = b.sheets.find((s) => s.name === sa.name);
    if (!sb) continue;
    if (!isDeepStrictEqual(sa.merges, sb.merges)) out.push(`${sa.name} merges ${JSON.stringify(sa.merges)} → ${JSON.stringify(sb.merges)}`);
    const rows = Math.max(sa.rows.length, sb.rows.length);
    for (let r = 0; r < rows; r++) {
      const cols = Math.max(sa.rows[r]?.length ?? 0, sb.rows[r]?.length ?? 0);
      for (let c = 0; c < cols; c++) {
        const ca = cellAt(sa, r, c);
        const cb = cellAt(sb, r, c);
        const ch = written.get(`${sa.name}!${r},${c}`);
        if (ch) {
          const got = stateOf(b, sa.name, r, c);
          if (!isDeepStrictEqual(norm(noNegativeZero(got)), norm(noNegativeZero(ch.after)))) out.push(`${sa.name}!${ch.cell} (written) holds ${JSON.stringify(got)}, not ${JSON.stringify(ch.after)}`);
          // A state with nothing in it is no cell at all.
          if (cb && cb.v === null && cb.f === undefined && cb.fmt === undefined) out.push(`${sa.name}!${ch.cell} (written) is an empty cell object`);
        } else if (!isDeepStrictEqual(ca, cb)) {
          out.push(`${sa.name}!r${r}c${c} changed but is not in the change set: ${JSON.stringify(ca)} → ${JSON.stringify(cb)}`);
        }
      }
    }
  }
  return out;
}

/** Rows and cells past the last cell, which a write may leave behind: not part of what a workbook holds. */
export function trimmed(wb: Workbook): Workbook {
  return {
    sheets: wb.sheets.map((s) => {
      const rows = s.rows.map((r) => {
        const row = Array.from(r ?? [], (c) => c);
        while (row.length && row[row.length - 1] === undefined) row.pop();
        return row;
      });
      while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
      return { ...s, rows };
    }),
  };
}


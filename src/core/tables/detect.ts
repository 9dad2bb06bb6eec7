// Finds every table of SPEC §1 by content: any sheet name, any offset, several per sheet.
import { cellKey } from '../grid/sheet';
import type { Sheet, Workbook } from '../grid/types';
import { findBasicDataTables } from './basic-data';
import { findListTables } from './list-tables';
import type { Table } from './model';
import {
  findSelfEvalTables,
  rescanSelfEval,
  scanSelfEval,
  type RowSet,
  type SelfEvalScan,
  type SelfEvalTrace,
} from './self-eval';
import { SheetView } from './sheet-view';

export interface Detection {
  tables: Table[];
  /** Names of non-empty sheets holding no table. */
  unrecognized: string[];
}

/** The cells written on a sheet (see cellKey) and the rows whose reading they can change. */
export interface SheetChanges {
  cells: Set<number>;
  rows: RowSet;
}

/** What detecting a workbook saw, sheet by sheet, so that detecting it again after writes can reuse it. */
export interface DetectionTrace {
  sheets: SheetTrace[];
}

interface SheetTrace {
  view: SheetView;
  scan: SelfEvalScan;
  selfEval: Map<number, SelfEvalTrace>;
  tables: Table[];
  unrecognized: boolean;
}

export function detectTables(wb: Workbook): Detection {
  return detectTablesTraced(wb).detection;
}

export function detectTablesTraced(wb: Workbook): { detection: Detection; trace: DetectionTrace } {
  const tables: Table[] = [];
  const unrecognized: string[] = [];
  const sheets: SheetTrace[] = [];
  wb.sheets.forEach((sheet, index) => {
    const view = new SheetView(sheet, index);
    const scan = scanSelfEval(view);
    const selfEval = new Map<number, SelfEvalTrace>();
    const found = detectSheet(view, findSelfEvalTables(view, scan, undefined, selfEval));
    tables.push(...found);
    const empty = found.length === 0 && !isEmptySheet(sheet);
    if (empty) unrecognized.push(sheet.name);
    sheets.push({ view, scan, selfEval, tables: found, unrecognized: empty });
  });
  return { detection: { tables, unrecognized }, trace: { sheets } };
}

/** The other kinds of tables of a sheet, after its self-evaluation tables; all in row order. */
function detectSheet(view: SheetView, selfEval: Table[]): Table[] {
  const found: Table[] = [...selfEval, ...findBasicDataTables(view)];
  // Rows owned by the tables found so far (findListTables asks only about rows < rowCount).
  const owned = new Uint8Array(view.rowCount);
  for (const t of found) for (let r = t.range.r0; r <= t.range.r1; r++) owned[r] = 1;
  found.push(...findListTables(view, (r) => owned[r] === 1));
  found.sort((a, b) => a.range.r0 - b.range.r0);
  return found;
}

function isEmptySheet(sheet: Sheet): boolean {
  return !sheet.rows.some((r) => r && r.some((c) => c && c.v !== null && c.v !== ''));
}

/**
 * Detection of `result`, a copy of the traced workbook (same sheets, same merges) in which exactly the
 * cells `changes` name were written: what detectTables(result) finds, reusing what the trace saw where
 * the rows it read did not change (see findSelfEvalTables). Sheets without changes keep their tables.
 */
export function redetectTables(
  trace: DetectionTrace,
  result: Workbook,
  changes: readonly { sheet: string; row: number; col: number }[],
): Detection & { changed: Map<number, SheetChanges> | null } {
  // Detected afresh (nothing reused): `changed` is null.
  const afresh = () => ({ ...detectTables(result), changed: null });
  if (result.sheets.length !== trace.sheets.length) return afresh();
  // Changed cells by sheet index (a change names its sheet, as applyChangeSet finds it: the last of the name).
  const byName = new Map(result.sheets.map((s, i) => [s.name, i]));
  const changed = new Map<number, { row: number; col: number }[]>();
  for (const ch of changes) {
    const i = byName.get(ch.sheet);
    if (i === undefined) return afresh();
    if (!(ch.row >= 0 && ch.row < 0x40000000 && ch.col >= 0 && ch.col < 0x200000)) return afresh();
    let list = changed.get(i);
    if (!list) changed.set(i, (list = []));
    list.push(ch);
  }
  const tables: Table[] = [];
  const unrecognized: string[] = [];
  const changedSheets = new Map<number, SheetChanges>();
  result.sheets.forEach((sheet, index) => {
    const st = trace.sheets[index];
    const cells = changed.get(index);
    if (!cells) {
      for (const t of st.tables) tables.push({ ...t, sheet });
      if (st.unrecognized) unrecognized.push(sheet.name);
      return;
    }
    const keys = new Set<number>();
    for (const c of cells) keys.add(cellKey(c.row, c.col));
    const rows = rowSet(sheet, sheet.rows.length, cells);
    changedSheets.set(index, { cells: keys, rows });
    const view = new SheetView(sheet, index, { view: st.view, rows: rows.rows });
    const scan = rescanSelfEval(view, st.scan, rows);
    const selfEval = findSelfEvalTables(view, scan, { before: st.view, traces: st.selfEval, changed: rows, changedCells: keys });
    const found = detectSheet(view, selfEval);
    tables.push(...found);
    if (found.length === 0 && !isEmptySheet(sheet)) unrecognized.push(sheet.name);
  });
  return { tables, unrecognized, changed: changedSheets };
}

/**
 * The rows whose reading the changed cells can change: each cell's row, and every row of a merged area
 * whose top-left cell is a changed cell (a read anywhere in that area resolves to the cell; merged areas
 * may overlap, so every area with that top-left cell counts, whichever the cell itself lies in).
 */
function rowSet(sheet: Sheet, rowCount: number, cells: readonly { row: number; col: number }[]): RowSet {
  const flags = new Uint8Array(rowCount + 1);
  const mark = (r: number) => {
    if (r >= 0 && r < flags.length - 1) flags[r] = 1;
  };
  const changedCells = new Set<number>();
  for (const { row, col } of cells) {
    mark(row);
    changedCells.add(cellKey(row, col));
  }
  for (const m of sheet.merges) {
    if (m.r0 < 0 || m.c0 < 0 || m.c0 >= 0x200000 || m.r0 >= 0x40000000 || !changedCells.has(cellKey(m.r0, m.c0))) continue;
    for (let r = m.r0; r <= m.r1 && r < flags.length - 1; r++) mark(r);
  }
  const rows: number[] = [];
  const before = new Int32Array(flags.length + 1); // before[r]: changed rows < r
  for (let r = 0; r < flags.length; r++) {
    before[r + 1] = before[r] + flags[r];
    if (flags[r]) rows.push(r);
  }
  return {
    rows,
    has: (r) => r >= 0 && r < flags.length && flags[r] === 1,
    any: (r0, r1) => {
      const a = Math.max(0, r0);
      const b = Math.min(flags.length - 1, r1);
      return a <= b && before[b + 1] - before[a] > 0;
    },
  };
}

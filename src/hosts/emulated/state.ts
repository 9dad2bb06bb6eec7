// The emulated Excel's state: a grid-model Workbook (the same object the workbench renders and
// the core reads) plus what Excel keeps beside the cells.
import { parseAddress } from '../../core/grid/address';
import { setCell } from '../../core/grid/sheet';
import type { Cell, Rect, Sheet, Workbook } from '../../core/grid/types';
import { isEmptyCell } from './cells';

export interface EmulationStats {
  /** Every context.sync(), including empty and failed ones (and Excel.run's closing sync). */
  syncs: number;
  /** One entry per sync: UTF-8 bytes of the request JSON and its queued operation count. */
  requests: { bytes: number; ops: number }[];
  maxRequestBytes: number;
  /** One entry per sync: UTF-8 bytes of the loaded data returned (0 when the sync failed). */
  responseBytes: number[];
}

/** Computes a formula's value for the cached result; undefined = cannot (the default rules apply). */
export type FormulaEvaluator = (
  formula: string,
  at: { sheet: string; row: number; col: number },
  book: EmulatedWorkbook,
) => Cell['v'] | undefined;

/** One Excel undo step: the states before the writes of one mergeUndoGroup run. */
export interface UndoGroup {
  cells: { sheet: string; row: number; col: number; before: Cell | undefined }[];
  fills: { key: string; before: string | undefined }[];
}

export class EmulatedWorkbook {
  readonly workbook: Workbook;
  /** "Sheet!A1" (sheet name unquoted) → "#RRGGBB"; absent = no fill. */
  fills = new Map<string, string>();
  /** Address without sheet prefix, e.g. 'B3' or 'B3:D5'; null until something selects. */
  selection: { sheet: string; address: string } | null = null;
  activeSheet: string;
  /** Writes (values, formulas, numberFormat, fill) to these fail with AccessDenied. */
  protectedSheets = new Set<string>();
  payloadLimitBytes = 5 * 1024 * 1024;
  /** Simulated round-trip time of a sync, in ms (0: resolve on the next tick). */
  latencyMs = 0;
  /** Office document settings as saved by settings.saveAsync(): name → JSON text. */
  documentSettings = new Map<string, string>();
  /** Optional calculation for written formulas; without it formula results are not computed. */
  formulaEvaluator: FormulaEvaluator | null = null;
  /** Undo steps recorded by Excel.run({ mergeUndoGroup: true }) at ExcelApi ≥ 1.20; see undo(). */
  readonly undoStack: UndoGroup[] = [];
  readonly stats: EmulationStats = { syncs: 0, requests: [], maxRequestBytes: 0, responseBytes: [] };

  private editMode = false;
  private editModeWaiters: (() => void)[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly sheetIds = new WeakMap<Sheet, string>();
  private nextSheetId = 1;

  constructor(wb: Workbook) {
    this.workbook = wb;
    const first = wb.sheets.find((s) => !s.hidden) ?? wb.sheets[0];
    this.activeSheet = first ? first.name : '';
  }

  /** While true every sync fails with InvalidOperationInCellEditMode (or waits, with delayForCellEdit). */
  get cellEditMode(): boolean {
    return this.editMode;
  }
  set cellEditMode(on: boolean) {
    this.editMode = on;
    if (!on) {
      const waiters = this.editModeWaiters;
      this.editModeWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** @internal Resolves when cell-edit mode ends (Excel.run's delayForCellEdit). */
  whenNotEditing(): Promise<void> {
    return this.editMode ? new Promise((res) => this.editModeWaiters.push(res)) : Promise.resolve();
  }

  resetStats(): void {
    // In place, so a reference to `stats` stays live.
    this.stats.syncs = 0;
    this.stats.requests = [];
    this.stats.maxRequestBytes = 0;
    this.stats.responseBytes = [];
  }

  /** Called after each sync that changed cells, fills, selection or active sheet; returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Tells the listeners the state changed: for edits made directly on `workbook` (the grid view's own). */
  notifyChange(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // A broken view must not fail the sync that triggered it.
      }
    }
  }

  /** Case-insensitive, as Excel looks sheets up. */
  sheet(name: string): Sheet | undefined {
    const exact = this.workbook.sheets.find((s) => s.name === name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    return this.workbook.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** @internal A stable id per sheet, shaped like Excel's worksheet ids. */
  sheetId(sheet: Sheet): string {
    let id = this.sheetIds.get(sheet);
    if (!id) {
      const n = (this.nextSheetId++).toString(16).toUpperCase().padStart(12, '0');
      id = `{00000000-0001-0000-0000-${n}}`;
      this.sheetIds.set(sheet, id);
    }
    return id;
  }

  /** Fill keys of one sheet with their cell positions. */
  fillsOf(sheetName: string): { key: string; row: number; col: number; colour: string }[] {
    const out: { key: string; row: number; col: number; colour: string }[] = [];
    const prefix = `${sheetName}!`;
    for (const [key, colour] of this.fills) {
      if (!key.startsWith(prefix)) continue;
      const ref = key.slice(prefix.length);
      if (ref.includes('!')) continue; // a sheet whose name extends this one with '!…'
      const { row, col } = parseAddress(ref);
      out.push({ key, row, col, colour });
    }
    return out;
  }

  /**
   * Undoes the most recent mergeUndoGroup run (what Ctrl+Z would do in Excel ≥ 1.20).
   * Returns false when there is nothing to undo.
   */
  undo(): boolean {
    const g = this.undoStack.pop();
    if (!g) return false;
    for (let i = g.cells.length - 1; i >= 0; i--) {
      const { sheet: name, row, col, before } = g.cells[i];
      const sheet = this.sheet(name);
      if (sheet) writeModelCell(sheet, row, col, before);
    }
    for (let i = g.fills.length - 1; i >= 0; i--) {
      const { key, before } = g.fills[i];
      if (before === undefined) this.fills.delete(key);
      else this.fills.set(key, before);
    }
    this.notifyChange();
    return true;
  }
}

/** setCell without growing rows for a cell that stays blank. */
export function writeModelCell(sheet: Sheet, row: number, col: number, cell: Cell | undefined): void {
  if (cell === undefined && (!sheet.rows[row] || sheet.rows[row][col] === undefined)) return;
  setCell(sheet, row, col, cell === undefined || (isEmptyCell(cell) && cell.fmt === undefined) ? undefined : cell);
}

/** The used range: value or formula cells, and unless valuesOnly, number-formatted cells, fills and merged areas. */
export function usedRect(book: EmulatedWorkbook, sheet: Sheet, valuesOnly: boolean): Rect | null {
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = -1;
  let c1 = -1;
  const add = (ra: number, ca: number, rb = ra, cb = ca) => {
    if (ra < r0) r0 = ra;
    if (ca < c0) c0 = ca;
    if (rb > r1) r1 = rb;
    if (cb > c1) c1 = cb;
  };
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    row.forEach((cell, c) => {
      if (!cell) return;
      if (!isEmptyCell(cell) || (!valuesOnly && cell.fmt !== undefined)) add(r, c);
    });
  });
  if (!valuesOnly) {
    for (const m of sheet.merges) add(m.r0, m.c0, m.r1, m.c1);
    for (const f of book.fillsOf(sheet.name)) add(f.row, f.col);
  }
  return r1 < 0 ? null : { r0, c0, r1, c1 };
}

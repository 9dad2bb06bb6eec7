// The emulated Excel's state: a grid-model Workbook (the same object the workbench renders and
// the core reads) plus what Excel keeps beside the cells.
import { address, parseAddress } from '../../core/grid/address';
import { setCell } from '../../core/grid/sheet';
import type { Cell, Rect, Sheet, Workbook } from '../../core/grid/types';
import { isEmptyCell } from './cells';
import { keyOfSheet, type CellFormat, type FontDefaults } from './formats';

export interface EmulationStats {
  /** Every context.sync(), including empty and failed ones (and Excel.run's closing sync). */
  syncs: number;
  /** One entry per sync: UTF-8 bytes of the request JSON and its queued operation count. */
  requests: { bytes: number; ops: number }[];
  maxRequestBytes: number;
  /** One entry per sync: UTF-8 bytes of the loaded data returned (0 when the sync failed). */
  responseBytes: number[];
}

/**
 * Computes a formula's value for its cached result, before the built-in evaluator (calc.ts): a value,
 * null for "cannot" (the cached result stays), undefined for "use the built-in evaluator".
 */
export type FormulaEvaluator = (
  formula: string,
  at: { sheet: string; row: number; col: number },
  book: EmulatedWorkbook,
) => Cell['v'] | undefined;

/** Everything Excel keeps of a sheet, taken when it is deleted so that undo can bring it back. */
export interface SheetSnapshot {
  /** The model sheet itself: nothing can reach it while it is out of the workbook. */
  sheet: Sheet;
  position: number;
  fills: [string, string][];
  formats: [string, CellFormat][];
  columnWidths: [string, number][];
  rowHeights: [string, number][];
  protected: boolean;
}

/** Where the user was, restored when undo takes away or brings back a sheet. */
export interface ViewState {
  activeSheet: string;
  selection: { sheet: string; address: string } | null;
}

/** One recorded change; undo() reverts a group's steps last to first. */
export type UndoStep =
  | { kind: 'cell'; sheet: string; row: number; col: number; before: Cell | undefined }
  | { kind: 'fill'; key: string; before: string | undefined }
  | { kind: 'format'; key: string; before: CellFormat | undefined }
  | { kind: 'columnWidth'; key: string; before: number | undefined }
  | { kind: 'rowHeight'; key: string; before: number | undefined }
  | { kind: 'addSheet'; sheet: Sheet; view: ViewState }
  | { kind: 'deleteSheet'; snapshot: SheetSnapshot; view: ViewState };

/**
 * One Excel undo step: the changes of one mergeUndoGroup run, in the order they were made. A cell
 * or format key is recorded at its first change in the run only (its state before the run).
 */
export interface UndoGroup {
  steps: UndoStep[];
}

export class EmulatedWorkbook {
  readonly workbook: Workbook;
  /** "Sheet!A1" (sheet name unquoted) → the cell's fill as fill.ts encodes it ("#RRGGBB" when solid); absent = no fill. */
  fills = new Map<string, string>();
  /** "Sheet!A1" → font, wrap and alignment where they differ from the defaults; absent = all default. */
  formats = new Map<string, CellFormat>();
  /** "Sheet!A" → column width in points; absent = standardColumnWidth. */
  columnWidths = new Map<string, number>();
  /** "Sheet!3" (1-based row) → row height in points; absent = standardRowHeight. */
  rowHeights = new Map<string, number>();
  /** The Normal style's font: what an unformatted cell's font reads as (Excel's en-US default). */
  defaultFont: FontDefaults = { name: 'Calibri', size: 11, color: '#000000' };
  /** Points; 8.43 characters of Calibri 11, Excel's default. */
  standardColumnWidth = 48;
  /** Points; Excel's default for Calibri 11. */
  standardRowHeight = 15;
  /** Address without sheet prefix, e.g. 'B3' or 'B3:D5'; null until something selects. */
  selection: { sheet: string; address: string } | null = null;
  activeSheet: string;
  /** Writes (values, formulas, numberFormat, fill, font, alignment, sizes) to these fail with AccessDenied. */
  protectedSheets = new Set<string>();
  payloadLimitBytes = 5 * 1024 * 1024;
  /** Simulated round-trip time of a sync, in ms (0: resolve on the next tick). */
  latencyMs = 0;
  /** Office document settings as saved by settings.saveAsync(): name → JSON text. */
  documentSettings = new Map<string, string>();
  /** Optional calculation of formulas, asked before the built-in evaluator (see FormulaEvaluator). */
  formulaEvaluator: FormulaEvaluator | null = null;
  /** Undo steps recorded by Excel.run({ mergeUndoGroup: true }) at ExcelApi ≥ 1.20; see undo(). */
  readonly undoStack: UndoGroup[] = [];
  readonly stats: EmulationStats = { syncs: 0, requests: [], maxRequestBytes: 0, responseBytes: [] };

  private editMode = false;
  private editModeWaiters: (() => void)[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly sheetIds = new WeakMap<Sheet, string>();
  private nextSheetId = 1;
  /** The highest N of a "SheetN" that worksheets.add() has named: Excel does not reuse them. */
  private lastDefaultSheetNumber = 0;

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

  /**
   * Called after each sync that changed cells, fills, formats, sizes, sheets, selection or active
   * sheet, and after undo(); returns an unsubscribe.
   */
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
    return cellEntries(this.fills, sheetName).map(({ key, row, col, value }) => ({ key, row, col, colour: value }));
  }

  /** Format entries of one sheet with their cell positions. */
  formatsOf(sheetName: string): { key: string; row: number; col: number; format: CellFormat }[] {
    return cellEntries(this.formats, sheetName).map(({ key, row, col, value }) => ({ key, row, col, format: value }));
  }

  /** For the grid view: the format of one cell ('B3') where it differs from the default, else undefined. */
  cellFormat(sheetName: string, cellAddress: string): Readonly<CellFormat> | undefined {
    const name = this.sheet(sheetName)?.name ?? sheetName;
    let ref: string;
    try {
      const { row, col } = parseAddress(cellAddress);
      ref = address(row, col);
    } catch {
      return undefined;
    }
    return this.formats.get(`${name}!${ref}`);
  }

  /** For the grid view: a column's width in points ('B'), or undefined where it has the standard width. */
  columnWidth(sheetName: string, columnLetter: string): number | undefined {
    const name = this.sheet(sheetName)?.name ?? sheetName;
    return this.columnWidths.get(`${name}!${columnLetter.trim().toUpperCase()}`);
  }

  /** For the grid view: a row's height in points (1-based row), or undefined where it has the standard height. */
  rowHeight(sheetName: string, rowNumber: number): number | undefined {
    const name = this.sheet(sheetName)?.name ?? sheetName;
    return this.rowHeights.get(`${name}!${rowNumber}`);
  }

  /** @internal The name worksheets.add() gives when none is passed: Sheet1, Sheet2… (one past the highest). */
  nextDefaultSheetName(): string {
    let n = this.lastDefaultSheetNumber;
    for (const s of this.workbook.sheets) {
      const m = /^sheet(\d{1,9})$/i.exec(s.name);
      if (m) n = Math.max(n, Number(m[1]));
    }
    let name: string;
    do name = `Sheet${++n}`;
    while (this.sheet(name));
    this.lastDefaultSheetNumber = n;
    return name;
  }

  /** @internal Adds a sheet at the end (as worksheets.add). */
  appendSheet(name: string): Sheet {
    const sheet: Sheet = { name, rows: [], merges: [] };
    this.workbook.sheets.push(sheet);
    return sheet;
  }

  /**
   * @internal Takes a sheet out of the workbook with its fills, formats, sizes and protection, and
   * moves the active sheet off it (to the next visible sheet, else the previous one, as Excel).
   */
  detachSheet(sheet: Sheet): SheetSnapshot {
    const sheets = this.workbook.sheets;
    const position = sheets.indexOf(sheet);
    const snapshot: SheetSnapshot = {
      sheet,
      position,
      fills: takeEntries(this.fills, sheet.name),
      formats: takeEntries(this.formats, sheet.name),
      columnWidths: takeEntries(this.columnWidths, sheet.name),
      rowHeights: takeEntries(this.rowHeights, sheet.name),
      protected: this.protectedSheets.delete(sheet.name),
    };
    sheets.splice(position, 1);
    if (this.activeSheet === sheet.name) {
      const next =
        sheets.slice(position).find((s) => !s.hidden) ?? [...sheets.slice(0, position)].reverse().find((s) => !s.hidden);
      this.activeSheet = next ? next.name : '';
      this.selection = next ? { sheet: next.name, address: 'A1' } : null;
    } else if (this.selection?.sheet === sheet.name) {
      this.selection = null;
    }
    return snapshot;
  }

  /** @internal Puts a detached sheet back where it was, with everything detachSheet took. */
  reattachSheet(snap: SheetSnapshot): void {
    const sheets = this.workbook.sheets;
    sheets.splice(Math.min(snap.position, sheets.length), 0, snap.sheet);
    const name = snap.sheet.name;
    for (const [k, v] of snap.fills) this.fills.set(k, v);
    for (const [k, v] of snap.formats) this.formats.set(k, v);
    for (const [k, v] of snap.columnWidths) this.columnWidths.set(k, v);
    for (const [k, v] of snap.rowHeights) this.rowHeights.set(k, v);
    if (snap.protected) this.protectedSheets.add(name);
  }

  /** @internal */
  viewState(): ViewState {
    return { activeSheet: this.activeSheet, selection: this.selection ? { ...this.selection } : null };
  }

  /**
   * Undoes the most recent mergeUndoGroup run (what Ctrl+Z would do in Excel ≥ 1.20): its steps
   * last to first, sheets added taken away and sheets deleted put back whole. Returns false when
   * there is nothing to undo.
   */
  undo(): boolean {
    const g = this.undoStack.pop();
    if (!g) return false;
    for (let i = g.steps.length - 1; i >= 0; i--) this.revert(g.steps[i]);
    this.notifyChange();
    return true;
  }

  private revert(step: UndoStep): void {
    switch (step.kind) {
      case 'cell': {
        const sheet = this.sheet(step.sheet);
        if (sheet) writeModelCell(sheet, step.row, step.col, step.before);
        return;
      }
      case 'fill':
        return restoreEntry(this.fills, step.key, step.before);
      case 'format':
        return restoreEntry(this.formats, step.key, step.before);
      case 'columnWidth':
        return restoreEntry(this.columnWidths, step.key, step.before);
      case 'rowHeight':
        return restoreEntry(this.rowHeights, step.key, step.before);
      case 'addSheet': {
        if (!this.workbook.sheets.includes(step.sheet)) return;
        const wasActive = this.activeSheet === step.sheet.name;
        this.detachSheet(step.sheet);
        // Activated after it was added: back to where the user was before.
        if (wasActive) this.restoreView(step.view);
        return;
      }
      case 'deleteSheet': {
        if (this.workbook.sheets.includes(step.snapshot.sheet)) return;
        this.reattachSheet(step.snapshot);
        // Deleting it had moved the user off it: back onto it.
        if (step.view.activeSheet === step.snapshot.sheet.name) this.restoreView(step.view);
        return;
      }
    }
  }

  private restoreView(view: ViewState): void {
    if (!this.sheet(view.activeSheet)) return;
    this.activeSheet = view.activeSheet;
    this.selection = view.selection && this.sheet(view.selection.sheet) ? { ...view.selection } : null;
  }
}

function restoreEntry<T>(map: Map<string, T>, key: string, before: T | undefined): void {
  if (before === undefined) map.delete(key);
  else map.set(key, before);
}

/** Entries of a "Sheet!A1"-keyed map that belong to one sheet, with their cell positions. */
function cellEntries<T>(map: Map<string, T>, sheetName: string): { key: string; row: number; col: number; value: T }[] {
  const out: { key: string; row: number; col: number; value: T }[] = [];
  for (const [key, value] of map) {
    if (!keyOfSheet(key, sheetName)) continue;
    const { row, col } = parseAddress(key.slice(sheetName.length + 1));
    out.push({ key, row, col, value });
  }
  return out;
}

/** Removes and returns one sheet's entries of a "Sheet!…"-keyed map. */
function takeEntries<T>(map: Map<string, T>, sheetName: string): [string, T][] {
  const out: [string, T][] = [];
  for (const [key, value] of map) if (keyOfSheet(key, sheetName)) out.push([key, value]);
  for (const [key] of out) map.delete(key);
  return out;
}

/** setCell without growing rows for a cell that stays blank. */
export function writeModelCell(sheet: Sheet, row: number, col: number, cell: Cell | undefined): void {
  if (cell === undefined && (!sheet.rows[row] || sheet.rows[row][col] === undefined)) return;
  setCell(sheet, row, col, cell === undefined || (isEmptyCell(cell) && cell.fmt === undefined) ? undefined : cell);
}

/** The used range: value or formula cells, and unless valuesOnly, formatted cells, fills and merged areas. */
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
    for (const f of book.formatsOf(sheet.name)) add(f.row, f.col);
  }
  return r1 < 0 ? null : { r0, c0, r1, c1 };
}

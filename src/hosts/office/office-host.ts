// The add-in's host: the Excel JavaScript API. The same code runs in Excel and, in the workbench
// and browser tests, against an emulation of that API. Reads take 3 syncs whatever the number of
// sheets; a change set is written in one sync (chunked only past ~4 MB) and rolled back on failure.
import type { Change, ChangeSet } from '../../core/changes/changeset';
import { invertChangeSet } from '../../core/changes/changeset';
import { address, columnName, parseAddress } from '../../core/grid/address';
import type { Cell, CellState, Rect, Scalar, Sheet, Workbook } from '../../core/grid/types';
import { isErrorValue } from '../../core/grid/types';
import type { ReportLine } from '../../core/report/lines';
import { decodeSavedFills, encodeSavedFills, HIGHLIGHTS_KEY, ownFill, type OwnFill, type SavedFill } from '../common/saved-fills';
import type { Host } from '../host';
import { protectedSheetMessage, sheetsOf } from '../common/protection';
import { holdsState, splitUndo } from '../common/undo';
import { explainOfficeError, HostError } from './errors';

/** What the host needs of the `Excel` namespace: `Excel.run` (real or emulated). */
export interface ExcelNamespace {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** The document settings store (`Office.context.document.settings`). */
export interface SettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void;
}

/** A cell's mark: the severity of its most severe finding, or 'written' for a cell 重算 wrote. */
export type Mark = 'error' | 'warning' | 'info' | 'written';

export interface HighlightCell {
  sheet: string;
  cell: string;
  severity: Mark;
}

/** What generating the report sheet did, so it can be undone. */
export interface ReportSheetRecord {
  name: string;
  /** Values of an earlier report sheet this one replaced. */
  previous: string[][] | null;
  /**
   * Whether Ctrl+Z takes the whole write back: false when an earlier sheet was deleted (not undoable),
   * the write had to run outside an undo group, or the host has no undo groups.
   */
  undoable?: boolean;
}

/** Chunks of the report sheet written so far, of how many. */
export type ReportProgress = (done: number, total: number) => void;

/** The add-in's host: reading and writing, plus what only a live workbook can do. */
export interface AddinHost extends Host {
  /**
   * Writes the report to its own sheet (replacing the add-in's earlier one), a paragraph per row, in
   * as many requests as the size limit takes; `progress` after each.
   */
  writeReportSheet(name: string, lines: ReportLine[], progress?: ReportProgress): Promise<ReportSheetRecord>;
  /**
   * The add-in's own undo of `cs` (a write it made): puts `before` back only in cells that still hold
   * `after`; the cells changed since are left alone and returned.
   */
  revertChanges(cs: ChangeSet): Promise<{ reverted: Change[]; changedSince: Change[] }>;
  /** Removes the report sheet, bringing back the one it replaced. A sheet delete is never undoable by Ctrl+Z. */
  removeReportSheet(record: ReportSheetRecord): Promise<void>;
  select(sheet: string, cell: string): Promise<void>;
  /** Fills the cells in their mark's colour, keeping each cell's own fill to restore; a marked cell takes the new mark. */
  highlight(cells: HighlightCell[]): Promise<void>;
  /** Restores the own fills of the marked cells: all of them, or only those with the given mark. */
  clearHighlights(only?: Mark): Promise<void>;
  readonly highlighted: number;
  loadSettings(): unknown;
  /**
   * Stores the settings in the document; true when they were saved (settings.saveAsync ends Excel's
   * undo history), false when the document held them already.
   */
  saveSettings(value: unknown): Promise<boolean>;
  /** ExcelApi 1.20: a write is one undo group, so Ctrl+Z undoes it too. */
  readonly supportsUndoGroup: boolean;
}

export const SETTINGS_KEY = 'jixiao.settings';
/** The name of the report sheet the add-in made, so it never replaces a user's sheet of that name. */
export const REPORT_SHEET_KEY = 'jixiao.reportSheet';
const REPORT_STYLE: Record<ReportLine['style'], { bold: boolean; size: number }> = {
  title: { bold: true, size: 16 },
  h1: { bold: true, size: 13 },
  h2: { bold: true, size: 12 },
  body: { bold: false, size: 12 },
  table: { bold: false, size: 11 },
};
/** A request is refused past 5 MB on Excel on the web; stay well below. */
export const MAX_REQUEST_BYTES = 4_000_000;
/** What a chunk is filled to, by our estimate: headroom for the request envelope Excel adds. */
const CHUNK_BYTES = 3_500_000;

/** What a chunk of the report sheet is filled to, by our estimate. */
const REPORT_CHUNK_BYTES = CHUNK_BYTES;
/** Our estimate of what a run of formatted lines (a range and its font) adds to a request. */
const FORMAT_RUN_BYTES = 1_000;

/** Failures after which Excel applied nothing of the request. */
const NOTHING_APPLIED = new Set(['InvalidOperationInCellEditMode', 'RequestPayloadSizeLimitExceeded', 'PayloadTooLarge']);

/** Excel's 差 / 适中 / note blue for findings; its 好 green for the cells 重算 wrote. */
const FILL: Record<Mark, string> = { error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7', written: '#C6EFCE' };
const MARKS = Object.keys(FILL) as Mark[];

const ERROR_TEXT = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

export interface OfficeHostOptions {
  excel: ExcelNamespace;
  settings?: SettingsStore;
  /** `Office.context.requirements.isSetSupported('ExcelApi', '1.20')`. */
  supportsUndoGroup?: boolean;
}

export class OfficeHost implements AddinHost {
  private readonly excel: ExcelNamespace;
  private readonly settings?: SettingsStore;
  readonly supportsUndoGroup: boolean;
  /**
   * Marked cells: "Sheet!A1" → the cell's own fill (null for none) and its mark. Kept in the document's
   * settings too (HIGHLIGHTS_KEY), so a task pane opened again can still clear the marks.
   */
  private fills = new Map<string, SavedFill<Mark>>();

  constructor(o: OfficeHostOptions) {
    this.excel = o.excel;
    this.settings = o.settings;
    this.supportsUndoGroup = !!o.supportsUndoGroup;
    for (const s of decodeSavedFills(this.settings?.get(HIGHLIGHTS_KEY), MARKS)) this.fills.set(key(s), s);
  }

  get highlighted(): number {
    return this.fills.size;
  }

  /**
   * 3 syncs for any workbook up to CELLS_PER_READ cells: sheet names, used-range sizes, then values,
   * formulas, formats and merged areas (per block of rows) of every sheet at once. Larger workbooks take one more sync per
   * CELLS_PER_READ cells, since Excel on the web refuses a response past 5 MB; a read whose response
   * is refused all the same (long texts) is made again in halves.
   */
  async readWorkbook(): Promise<Workbook> {
    try {
      return await this.excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/visibility');
        await context.sync();
        const used = sheets.items.map((ws) => {
          const r = ws.getUsedRangeOrNullObject();
          r.load('rowIndex,columnIndex,rowCount,columnCount');
          return r;
        });
        await context.sync();
        const grids: Sheet[] = sheets.items.map((ws) => ({ name: ws.name, rows: [], merges: [], ...(ws.visibility !== 'Visible' ? { hidden: true } : {}) }));
        const reads = planReads(used.map((r) => (r.isNullObject ? null : r)));
        while (reads.length) {
          const read = reads.shift()!;
          const loaded = read.map((b) => {
            const range = sheets.items[b.sheet].getRange(`${address(b.r0, b.c0)}:${address(b.r1, b.c1)}`);
            range.load('values,formulas,numberFormat');
            // Each block (a band of rows) reads its own merged areas: Excel returns only the areas whose
            // top-left cell lies in the range (office-js issue #3611), so no area is counted twice and
            // one running into the next band is found once.
            const merged = range.getMergedAreasOrNullObject();
            merged.load('areas/items/address');
            return { b, range, merged };
          });
          try {
            await context.sync();
          } catch (e) {
            // Long texts (a report sheet's paragraphs) can take a response past 5 MB, and past 512 merged
            // areas in a range getMergedAreasOrNullObject fails (API reference, no error code named):
            // read it in halves, down to a single row.
            const halves = splitsOnFailure((e as { code?: string })?.code) ? halve(read) : null;
            if (!halves) throw e;
            reads.unshift(...halves);
            continue;
          }
          for (const { b, range, merged } of loaded) {
            fillSheet(grids[b.sheet], b.r0, b.c0, range);
            if (!merged.isNullObject) for (const area of merged.areas.items) grids[b.sheet].merges.push(rectOf(area.address));
          }
        }
        for (const g of grids) {
          dropMergedBlanks(g);
          for (let r = 0; r < g.rows.length; r++) g.rows[r] ??= [];
        }
        return { sheets: grids };
      });
    } catch (e) {
      throw explainOfficeError(e, 'read');
    }
  }

  async applyChanges(cs: ChangeSet): Promise<void> {
    if (cs.changes.length === 0) return;
    await this.refuseProtected(sheetsOf(cs.changes), 'write');
    const chunks = chunk(cs);
    let done = 0;
    try {
      for (const part of chunks) {
        await this.run(async (context) => {
          writeStates(context, part.map((c) => ({ sheet: c.sheet, cell: c.cell, state: c.after })));
          await context.sync();
        });
        done++;
      }
    } catch (e) {
      // Excel keeps what it applied before the failing operation: put back what changed.
      // (A refused request, or one made during cell editing, applied nothing of its own.)
      const code = (e as { code?: string })?.code ?? '';
      const failedWhole = NOTHING_APPLIED.has(code);
      const touched = chunks.slice(0, failedWhole ? done : done + 1).flat();
      if (!touched.length) throw explainOfficeError(e, 'write', true);
      const rollback = await this.restore(touched.map((c) => ({ sheet: c.sheet, cell: c.cell, state: c.before }))).then(
        () => true,
        () => false,
      );
      throw explainOfficeError(e, 'write', rollback);
    }
  }

  async revertChanges(cs: ChangeSet): Promise<{ reverted: Change[]; changedSince: Change[] }> {
    if (!cs.changes.length) return { reverted: [], changedSince: [] };
    let reads;
    try {
      reads = await this.excel.run(async (context) => {
        const ranges = cs.changes.map((c) => {
          const r = context.workbook.worksheets.getItem(c.sheet).getRange(c.cell);
          r.load('values,formulas,numberFormat');
          return r;
        });
        await context.sync();
        return ranges.map((r) => ({ value: r.values[0][0], formula: r.formulas[0][0], format: r.numberFormat[0][0] }));
      });
    } catch (e) {
      throw explainOfficeError(e, 'read');
    }
    const { revert, changedSince } = splitUndo(cs.changes, reads);
    await this.applyChanges(invertChangeSet({ changes: revert }));
    return { reverted: revert, changedSince };
  }

  /** Writes `state` back wherever a cell no longer holds it (one sync to read, one to write). */
  private async restore(cells: { sheet: string; cell: string; state: CellState }[]): Promise<void> {
    await this.run(async (context) => {
      const ranges = cells.map((c) => {
        const r = context.workbook.worksheets.getItem(c.sheet).getRange(c.cell);
        r.load('values,formulas,numberFormat');
        return r;
      });
      await context.sync();
      const differ = cells.filter((c, i) => !sameState(ranges[i], c.state));
      writeStates(context, differ);
      await context.sync();
    });
  }

  /**
   * Refuses, before anything is written, a write into a protected sheet, naming it (one sync).
   * `worksheet.protection.protected`: ExcelApi 1.2.
   */
  private async refuseProtected(sheets: string[], action: 'write' | 'highlight'): Promise<void> {
    if (!sheets.length) return;
    let locked: string | undefined;
    try {
      locked = await this.excel.run(async (context) => {
        const items = sheets.map((name) => {
          const p = context.workbook.worksheets.getItem(name).protection;
          p.load('protected');
          return p;
        });
        await context.sync();
        return sheets.find((_, i) => items[i].protected);
      });
    } catch (e) {
      throw explainOfficeError(e, action, true);
    }
    if (locked !== undefined) throw new HostError(protectedSheetMessage(locked), 'AccessDenied');
  }

  private run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.supportsUndoGroup ? this.excel.run({ mergeUndoGroup: true }, batch) : this.excel.run(batch);
  }

  /**
   * Writes the report into a new sheet, in requests that each stay under MAX_REQUEST_BYTES (one sync
   * per chunk of lines: a 1,000-table report is about 10 MB). The sheet the add-in made before is
   * read first (in blocks, each response under the limit) so undo can bring it back. A chunk that
   * fails takes the whole new sheet away again and puts the earlier one back.
   */
  async writeReportSheet(base: string, lines: ReportLine[], progress?: ReportProgress): Promise<ReportSheetRecord> {
    const ours = this.settings?.get(REPORT_SHEET_KEY);
    const chunks = planChunks(lines.map(lineBytes), REPORT_CHUNK_BYTES);
    let record: ReportSheetRecord | null = null;
    let added = false;
    let deleted = false;
    try {
      // Replace only the sheet this add-in made; never a user's sheet that happens to share the name.
      const { name, replace } = await this.excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await context.sync();
        const names = new Set(sheets.items.map((w) => w.name.toLowerCase()));
        const mine = typeof ours === 'string' ? ours.toLowerCase() : null;
        // 自评报告, else 自评报告2, 3…: the first name that is free or the add-in's own.
        for (let i = 1; ; i++) {
          const name = i === 1 ? base : `${base}${i}`;
          if (!names.has(name.toLowerCase())) return { name, replace: false };
          if (mine === name.toLowerCase()) return { name, replace: true };
        }
      });
      const previous = replace ? await this.readSheetText(name) : null;
      record = { name, previous };
      // The record is saved once, before the write, and only when it changes: saving settings ends
      // the undo history (OfficeDev/office-js#3141), which would take the write's own undo step away.
      if (this.settings && (typeof ours !== 'string' || ours !== name)) {
        this.settings.set(REPORT_SHEET_KEY, name);
        await saveStore(this.settings);
      }
      // Worksheet.delete is not undoable and fails inside an undo group (UndoNotSupported):
      // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities
      if (replace) await deleteSheet(this.excel, name);
      deleted = replace;
      let grouped = this.supportsUndoGroup && !replace;
      const write = async (context: Excel.RequestContext) => {
        const sheets = context.workbook.worksheets;
        const ws = sheets.add(name);
        ws.getRange('A1').format.columnWidth = 520;
        if (!lines.length) ws.getRange('A1').values = [['']];
        for (let k = 0; k < chunks.length; k++) {
          writeReportLines(ws, lines, chunks[k].from, chunks[k].to);
          if (k === chunks.length - 1) ws.activate();
          await context.sync();
          added = true;
          progress?.(k + 1, chunks.length);
        }
        if (!chunks.length) {
          ws.activate();
          await context.sync();
          added = true;
        }
      };
      try {
        await (this.supportsUndoGroup ? this.excel.run({ mergeUndoGroup: true }, write) : this.excel.run(write));
      } catch (e) {
        if (!isUndoNotSupported(e)) throw e;
        // Something in the write cannot be grouped: write it again outside the group (not undoable).
        await deleteSheet(this.excel, name);
        added = false;
        grouped = false;
        await this.excel.run(write);
      }
      return { ...record, undoable: grouped };
    } catch (e) {
      // A refused first chunk applied nothing (the old sheet is still there); anything later is undone.
      const code = (e as { code?: string })?.code ?? '';
      if (record && (added || deleted || !NOTHING_APPLIED.has(code))) await this.dropReportSheet(record).catch(() => undefined);
      throw explainOfficeError(e, 'report');
    }
  }

  /** A sheet's text from A1 to its last used cell, read in row blocks whose responses stay under the limit. */
  private async readSheetText(name: string): Promise<string[][]> {
    return this.excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(name);
      const used = ws.getUsedRangeOrNullObject(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      await context.sync();
      if (used.isNullObject) return [];
      const rows = used.rowIndex + used.rowCount;
      const cols = used.columnIndex + used.columnCount;
      const out: string[][] = [];
      let step = Math.max(1, Math.floor(CELLS_PER_READ / cols / 4));
      for (let r = 0; r < rows; ) {
        const n = Math.min(step, rows - r);
        const block = ws.getRange(`A${r + 1}:${columnName(cols - 1)}${r + n}`);
        block.load('values');
        try {
          await context.sync();
        } catch (e) {
          // Long paragraphs: a smaller block, down to a single row.
          if ((e as { code?: string })?.code === 'ResponsePayloadSizeLimitExceeded' && n > 1) {
            step = Math.max(1, Math.floor(n / 2));
            continue;
          }
          throw e;
        }
        for (const row of block.values) out.push(row.map((v) => String(v)));
        r += n;
      }
      return out;
    });
  }

  async removeReportSheet(record: ReportSheetRecord): Promise<void> {
    try {
      await this.dropReportSheet(record);
      if (!record.previous && this.settings && this.settings.get(REPORT_SHEET_KEY) !== null) {
        this.settings.set(REPORT_SHEET_KEY, null);
        await saveStore(this.settings);
      }
    } catch (e) {
      throw explainOfficeError(e, 'report');
    }
  }

  /** Deletes the report sheet and writes back the text of the one it replaced, in chunks under the limit. */
  private async dropReportSheet(record: ReportSheetRecord): Promise<void> {
    // (After a write that failed part-way the sheet may not be there.) The delete is not undoable
    // and cannot be grouped (UndoNotSupported), so nothing of this runs in an undo group.
    await deleteSheet(this.excel, record.name);
    await this.excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const previous = record.previous;
      if (previous && previous.length) {
        const ws = sheets.add(record.name);
        const cols = previous.reduce((n, r) => Math.max(n, r.length), 1);
        const chunks = planChunks(previous.map((r) => r.reduce((n, v) => n + textBytes(v), 8)), REPORT_CHUNK_BYTES);
        for (const { from, to } of chunks) {
          const values = previous.slice(from, to).map((r) => Array.from({ length: cols }, (_, j) => excelValue(r[j] ?? '')));
          ws.getRange(`A${from + 1}:${columnName(cols - 1)}${to}`).values = values;
          await context.sync();
        }
      }
      await context.sync();
    });
  }

  async select(sheet: string, cell: string): Promise<void> {
    try {
      await this.excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await context.sync();
      });
    } catch (e) {
      throw explainOfficeError(e, 'select');
    }
  }

  async highlight(cells: HighlightCell[]): Promise<void> {
    const wanted = dedupe(cells).filter((c) => this.fills.get(key(c))?.mark !== c.severity);
    if (!wanted.length) return;
    // Cells marked already keep the own fill saved when they were first marked: they are only recoloured.
    const fresh = wanted.filter((c) => !this.fills.has(key(c)));
    const recolour = wanted.filter((c) => this.fills.has(key(c)));
    await this.refuseProtected(sheetsOf(wanted), 'highlight');
    try {
      await this.excel.run(async (context) => {
        const fills = fresh.map((c) => {
          const f = context.workbook.worksheets.getItem(c.sheet).getRange(c.cell).format.fill;
          f.load('color,tintAndShade,pattern,patternColor');
          return f;
        });
        if (fresh.length) await context.sync();
        fresh.forEach((c, i) => {
          const own = ownFill(fills[i]);
          this.fills.set(key(c), { sheet: c.sheet, cell: c.cell, fill: own, mark: c.severity });
          markFill(fills[i], c.severity, own);
        });
        for (const c of recolour) {
          context.workbook.worksheets.getItem(c.sheet).getRange(c.cell).format.fill.color = FILL[c.severity];
          this.fills.get(key(c))!.mark = c.severity;
        }
        await context.sync();
      });
    } catch (e) {
      throw explainOfficeError(e, 'highlight');
    }
    await this.saveHighlights();
  }

  async clearHighlights(only?: Mark): Promise<void> {
    const saved = [...this.fills.values()].filter((s) => only === undefined || s.mark === only);
    if (!saved.length) return;
    try {
      await this.excel.run(async (context) => {
        for (const s of saved) restoreFill(context.workbook.worksheets.getItem(s.sheet).getRange(s.cell).format.fill, s.fill);
        await context.sync();
      });
      for (const s of saved) this.fills.delete(key(s));
    } catch (e) {
      throw explainOfficeError(e, 'highlight');
    }
    await this.saveHighlights();
  }

  /**
   * The record of marked cells into the document: once per 标记 or 清除, never per cell, since every
   * settings.saveAsync wipes Excel's undo stack (issue 13 §1.5). A failed save leaves the marks in
   * place and clearable while the pane stays open.
   */
  private saveHighlights(): Promise<void> {
    const store = this.settings;
    if (!store) return Promise.resolve();
    if (this.fills.size) store.set(HIGHLIGHTS_KEY, encodeSavedFills(this.fills.values()));
    else if (store.get(HIGHLIGHTS_KEY) === null || store.get(HIGHLIGHTS_KEY) === undefined) return Promise.resolve();
    else store.set(HIGHLIGHTS_KEY, encodeSavedFills([]));
    return new Promise((resolve) => store.saveAsync(() => resolve()));
  }

  loadSettings(): unknown {
    const raw = this.settings?.get(SETTINGS_KEY);
    if (typeof raw !== 'string') return raw ?? null;
    try {
      return JSON.parse(raw);
    } catch {
      return null;
    }
  }

  async saveSettings(value: unknown): Promise<boolean> {
    const store = this.settings;
    if (!store) throw new HostError('当前环境无法保存设置。');
    const json = JSON.stringify(value);
    // Saving ends Excel's undo history (OfficeDev/office-js#3141): not when nothing changed.
    if (store.get(SETTINGS_KEY) === json) return false;
    store.set(SETTINGS_KEY, json);
    await saveStore(store);
    return true;
  }
}

/** A mark's fill: solid, untinted, whatever pattern the cell had. */
function markFill(fill: Excel.RangeFill, mark: Mark, own: OwnFill | null): void {
  fill.color = FILL[mark];
  if (own && own.pattern !== 'Solid') fill.pattern = 'Solid';
  if (own && own.tintAndShade !== 0) fill.tintAndShade = 0;
}

/** A cell's own fill back: colour, pattern, pattern colour, then tint (a colour set resets it); none by clear(). */
function restoreFill(fill: Excel.RangeFill, own: OwnFill | null): void {
  if (own === null) {
    fill.clear();
    return;
  }
  fill.color = own.color;
  fill.pattern = own.pattern as Excel.FillPattern;
  fill.patternColor = own.patternColor;
  fill.tintAndShade = own.tintAndShade;
}

/**
 * settings.saveAsync, as a promise. It disables undo in Excel (open issue
 * https://github.com/OfficeDev/office-js/issues/3141): call it only when a value changed.
 */
function saveStore(store: SettingsStore): Promise<void> {
  return new Promise((resolve, reject) =>
    store.saveAsync((r) => (r.status === 'succeeded' ? resolve() : reject(new HostError(`设置保存失败：${r.error?.message ?? '未知原因'}。`)))),
  );
}

/** Deletes a sheet if it is there, in a run of its own outside any undo group (Worksheet.delete cannot be grouped). */
async function deleteSheet(excel: ExcelNamespace, name: string): Promise<void> {
  await excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(name);
    await context.sync();
    if (ws.isNullObject) return;
    ws.delete();
    await context.sync();
  });
}

/** Excel refused an API inside a mergeUndoGroup run: https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities */
function isUndoNotSupported(e: unknown): boolean {
  return (e as { code?: string })?.code === 'UndoNotSupported';
}

function key(c: { sheet: string; cell: string }): string {
  return `${c.sheet}!${c.cell}`;
}

/** One mark per cell: 'written' over any finding's, else the most severe. */
function dedupe(cells: HighlightCell[]): HighlightCell[] {
  const rank: Record<Mark, number> = { written: -1, error: 0, warning: 1, info: 2 };
  const best = new Map<string, HighlightCell>();
  for (const c of cells) {
    const k = key(c);
    const cur = best.get(k);
    if (!cur || rank[c.severity] < rank[cur.severity]) best.set(k, c);
  }
  return [...best.values()];
}

/**
 * Text as Excel would keep it: anything Excel might parse gets an apostrophe (which Excel drops).
 * Excel trims and reads case-insensitively, and takes "(12.5)", "1/2", "12:30", "1月5日", "¥35" as
 * numbers, fractions, times and dates: any text with a digit in it is written literally.
 */
function literalText(s: string): string {
  if (s === '') return s;
  const t = s.trim().toUpperCase();
  if (/^[=+\-@']/.test(s) || ERROR_TEXT.test(t) || t === 'TRUE' || t === 'FALSE' || /[0-9０-９]/.test(s)) return `'${s}`;
  return s;
}

function excelValue(v: Scalar): string | number | boolean {
  if (v === null) return '';
  if (typeof v === 'string') return literalText(v);
  if (isErrorValue(v)) return v.error;
  return v;
}

function writeStates(context: Excel.RequestContext, cells: { sheet: string; cell: string; state: CellState }[]): void {
  for (const c of cells) {
    const r = context.workbook.worksheets.getItem(c.sheet).getRange(c.cell);
    const fmt = c.state.fmt ?? 'General';
    // Format first, so a text format keeps the value written next as text; but a formula or an error
    // value would turn into text in a text ("@") cell: it is written in General, then formatted.
    const typed = fmt === '@' && (c.state.f !== undefined || isErrorValue(c.state.v));
    r.numberFormat = [[typed ? 'General' : fmt]];
    if (c.state.f !== undefined) r.formulas = [[`=${c.state.f}`]];
    else r.values = [[excelValue(c.state.v)]];
    if (typed) r.numberFormat = [[fmt]];
  }
}

function sameState(r: Excel.Range, s: CellState): boolean {
  return holdsState({ value: r.values[0][0], formula: r.formulas[0][0], format: r.numberFormat[0][0] }, s);
}

/** Splits a change set into requests that stay under MAX_REQUEST_BYTES. */
function chunk(cs: ChangeSet) {
  const out: (typeof cs.changes)[] = [[]];
  let bytes = 0;
  for (const c of cs.changes) {
    const size = 120 + new TextEncoder().encode(JSON.stringify([c.sheet, c.cell, c.after])).length;
    if (bytes + size > CHUNK_BYTES && out[out.length - 1].length) {
      out.push([]);
      bytes = 0;
    }
    out[out.length - 1].push(c);
    bytes += size;
  }
  return out;
}

/** UTF-8 bytes of a text as JSON carries it. */
function textBytes(s: string): number {
  return new TextEncoder().encode(JSON.stringify(s)).length;
}

/** Our estimate of a report line's share of a request: its text, and the font of a heading or table row. */
function lineBytes(l: ReportLine, i: number, lines: ReportLine[]): number {
  const startsRun = l.style !== 'body' && (i === 0 || lines[i - 1].style !== l.style);
  return textBytes(excelValue(l.text) as string) + 4 + (startsRun ? FORMAT_RUN_BYTES : 0);
}

/** Consecutive [from, to) index ranges whose estimated sizes add up to at most `budget` (at least one item each). */
export function planChunks(sizes: number[], budget: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from = 0;
  let bytes = 4_000; // the range, its formats and the envelope
  for (let i = 0; i < sizes.length; i++) {
    if (i > from && bytes + sizes[i] > budget) {
      out.push({ from, to: i });
      from = i;
      bytes = 4_000;
    }
    bytes += sizes[i];
  }
  if (from < sizes.length) out.push({ from, to: sizes.length });
  return out;
}

/** Lines [from, to) into rows from+1…to of column A, with their fonts: one range per run of a style. */
function writeReportLines(ws: Excel.Worksheet, lines: ReportLine[], from: number, to: number): void {
  const range = ws.getRange(`A${from + 1}:A${to}`);
  range.values = lines.slice(from, to).map((l) => [excelValue(l.text)]);
  range.format.wrapText = true;
  range.format.verticalAlignment = 'Top';
  range.format.font.size = REPORT_STYLE.body.size;
  for (let i = from; i < to; ) {
    let j = i + 1;
    while (j < to && lines[j].style === lines[i].style) j++;
    if (lines[i].style !== 'body') {
      const f = ws.getRange(`A${i + 1}:A${j}`).format.font;
      f.bold = REPORT_STYLE[lines[i].style].bold;
      f.size = REPORT_STYLE[lines[i].style].size;
    }
    i = j;
  }
  range.format.autofitRows();
}

/** Cells read in one response: values, formulas and formats stay well under Excel on the web's 5 MB. */
export const CELLS_PER_READ = 60_000;

interface Block {
  sheet: number;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/**
 * Failures of a read that a smaller read may not meet: a response past 5 MB, or (no code is documented
 * for it) more than 512 merged areas in a block. Failures that no split cures are thrown at once.
 */
function splitsOnFailure(code: string | undefined): boolean {
  return !code || !UNSPLITTABLE.has(code);
}
const UNSPLITTABLE = new Set(['ItemNotFound', 'InvalidOperationInCellEditMode', 'ApiNotFound', 'AccessDenied', 'InvalidRequestContext']);

/** Row blocks of every used range, packed into reads of at most CELLS_PER_READ cells. */
export function planReads(used: ({ rowIndex: number; columnIndex: number; rowCount: number; columnCount: number } | null)[]): Block[][] {
  const reads: Block[][] = [];
  let current: Block[] = [];
  let cells = 0;
  used.forEach((u, sheet) => {
    if (!u) return;
    const rowsPer = Math.max(1, Math.floor(CELLS_PER_READ / u.columnCount));
    for (let r = 0; r < u.rowCount; r += rowsPer) {
      const rows = Math.min(rowsPer, u.rowCount - r);
      const size = rows * u.columnCount;
      if (cells + size > CELLS_PER_READ && current.length) {
        reads.push(current);
        current = [];
        cells = 0;
      }
      current.push({ sheet, r0: u.rowIndex + r, c0: u.columnIndex, r1: u.rowIndex + r + rows - 1, c1: u.columnIndex + u.columnCount - 1 });
      cells += size;
    }
  });
  if (current.length) reads.push(current);
  return reads;
}

/** A read in two (its blocks, else a block's rows), or null for a single row, which cannot be split. */
export function halve(read: Block[]): [Block[], Block[]] | null {
  if (read.length > 1) {
    const mid = Math.ceil(read.length / 2);
    return [read.slice(0, mid), read.slice(mid)];
  }
  const b = read[0];
  if (!b || b.r1 <= b.r0) return null;
  const mid = b.r0 + Math.floor((b.r1 - b.r0) / 2);
  return [[{ ...b, r1: mid }], [{ ...b, r0: mid + 1 }]];
}

/** Office.js values as the grid model holds them: '' is blank, error texts are error values. */
function fillSheet(sheet: Sheet, r0: number, c0: number, range: Excel.Range): void {
  const values = range.values;
  const formulas = range.formulas;
  const formats = range.numberFormat;
  for (let i = 0; i < values.length; i++) {
    let row = sheet.rows[r0 + i];
    for (let j = 0; j < values[i].length; j++) {
      const formula = formulas[i][j];
      const isFormula = typeof formula === 'string' && formula.startsWith('=');
      const raw = values[i][j];
      const fmt = formats[i][j];
      const formatted = typeof fmt === 'string' && fmt !== 'General';
      if (raw === '' && !isFormula) {
        // A blank cell is kept only for its number format: what a value written into it shows as,
        // and what undoing that write must put back.
        if (formatted) {
          row ??= sheet.rows[r0 + i] = [];
          row[c0 + j] = { v: null, fmt };
        }
        continue;
      }
      let v: Scalar;
      if (raw === '' || raw === null || raw === undefined) v = null;
      else if (typeof raw === 'number' || typeof raw === 'boolean') v = raw;
      else if (ERROR_TEXT.test(String(raw))) v = { error: String(raw) };
      else v = String(raw);
      const cell: Cell = { v };
      if (isFormula) cell.f = (formula as string).slice(1);
      if (formatted) cell.fmt = fmt;
      row ??= sheet.rows[r0 + i] = [];
      row[c0 + j] = cell;
    }
  }
}

/**
 * A merged area's value is in its top-left cell only: the other cells, blank but for a number format
 * (fillSheet keeps those), are not cells of the model, as the .xlsx reader leaves them out too.
 */
function dropMergedBlanks(sheet: Sheet): void {
  for (const m of sheet.merges) {
    for (let r = m.r0; r <= Math.min(m.r1, sheet.rows.length - 1); r++) {
      const row = sheet.rows[r];
      if (!row) continue;
      for (let c = m.c0; c <= Math.min(m.c1, row.length - 1); c++) {
        const cell = row[c];
        if (cell && (r !== m.r0 || c !== m.c0) && cell.v === null && cell.f === undefined) row[c] = undefined;
      }
    }
  }
}

/** "附件3!A1:I1" or "'Sheet 1'!B2" → 0-based rectangle. */
export function rectOf(address: string): Rect {
  const local = address.slice(address.lastIndexOf('!') + 1);
  const [a, b = a] = local.split(':');
  const p = parseAddress(a);
  const q = parseAddress(b);
  return { r0: Math.min(p.row, q.row), c0: Math.min(p.col, q.col), r1: Math.max(p.row, q.row), c1: Math.max(p.col, q.col) };
}

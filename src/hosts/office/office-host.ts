// The add-in's host: the Excel JavaScript API. The same code runs in Excel and, in the workbench
// and browser tests, against an emulation of that API. Reads take 3 syncs whatever the number of
// sheets; a change set is written in one sync (chunked only past ~4 MB) and rolled back on failure.
import type { ChangeSet } from '../../core/changes/changeset';
import { address, columnName, parseAddress } from '../../core/grid/address';
import type { Cell, CellState, Rect, Scalar, Sheet, Workbook } from '../../core/grid/types';
import { isErrorValue } from '../../core/grid/types';
import type { ReportLine } from '../../core/report/lines';
import type { Host } from '../host';
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
}

/** The add-in's host: reading and writing, plus what only a live workbook can do. */
export interface AddinHost extends Host {
  /** Writes the report to its own sheet (replacing the add-in's earlier one), a paragraph per row. */
  writeReportSheet(name: string, lines: ReportLine[]): Promise<ReportSheetRecord>;
  /** Removes the report sheet, bringing back the one it replaced. */
  removeReportSheet(record: ReportSheetRecord): Promise<void>;
  select(sheet: string, cell: string): Promise<void>;
  /** Fills the cells in their mark's colour, keeping each cell's own fill to restore; a marked cell takes the new mark. */
  highlight(cells: HighlightCell[]): Promise<void>;
  /** Restores the own fills of the marked cells: all of them, or only those with the given mark. */
  clearHighlights(only?: Mark): Promise<void>;
  readonly highlighted: number;
  loadSettings(): unknown;
  saveSettings(value: unknown): Promise<void>;
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

/** Failures after which Excel applied nothing of the request. */
const NOTHING_APPLIED = new Set(['InvalidOperationInCellEditMode', 'RequestPayloadSizeLimitExceeded', 'PayloadTooLarge']);

/** Excel's 差 / 适中 / note blue for findings; its 好 green for the cells 重算 wrote. */
const FILL: Record<Mark, string> = { error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7', written: '#C6EFCE' };

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
  /** Marked cells: "Sheet!A1" → the cell's own fill colour (null for none) and its mark. */
  private fills = new Map<string, { sheet: string; cell: string; color: string | null; mark: Mark }>();

  constructor(o: OfficeHostOptions) {
    this.excel = o.excel;
    this.settings = o.settings;
    this.supportsUndoGroup = !!o.supportsUndoGroup;
  }

  get highlighted(): number {
    return this.fills.size;
  }

  /**
   * 3 syncs for any workbook up to CELLS_PER_READ cells: sheet names, used-range sizes, then values,
   * formulas, formats and merged areas of every sheet at once. Larger workbooks take one more sync per
   * CELLS_PER_READ cells, since Excel on the web refuses a response past 5 MB.
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
        for (const read of planReads(used.map((r) => (r.isNullObject ? null : r)))) {
          const loaded = read.map((b) => {
            const range = sheets.items[b.sheet].getRange(`${address(b.r0, b.c0)}:${address(b.r1, b.c1)}`);
            range.load('values,formulas,numberFormat');
            let merged: Excel.RangeAreas | null = null;
            if (b.first) {
              merged = used[b.sheet].getMergedAreasOrNullObject();
              merged.load('areas/items/address');
            }
            return { b, range, merged };
          });
          await context.sync();
          for (const { b, range, merged } of loaded) {
            fillSheet(grids[b.sheet], b.r0, b.c0, range);
            if (merged && !merged.isNullObject) for (const area of merged.areas.items) grids[b.sheet].merges.push(rectOf(area.address));
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

  private run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.supportsUndoGroup ? this.excel.run({ mergeUndoGroup: true }, batch) : this.excel.run(batch);
  }

  async writeReportSheet(base: string, lines: ReportLine[]): Promise<ReportSheetRecord> {
    const ours = this.settings?.get(REPORT_SHEET_KEY);
    try {
      const record = await this.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await context.sync();
        const names = new Set(sheets.items.map((w) => w.name.toLowerCase()));
        // Replace only the sheet this add-in made; never a user's sheet that happens to share the name.
        let name = base;
        let previous: string[][] | null = null;
        if (names.has(base.toLowerCase())) {
          if (ours === base) {
            const old = sheets.getItem(base);
            const used = old.getUsedRangeOrNullObject(true);
            used.load('values');
            await context.sync();
            previous = used.isNullObject ? [] : used.values.map((r) => r.map((v) => String(v)));
            old.delete();
          } else {
            let i = 2;
            while (names.has(`${base}${i}`.toLowerCase())) i++;
            name = `${base}${i}`;
          }
        }
        const ws = sheets.add(name);
        const n = Math.max(1, lines.length);
        const all = ws.getRange(`A1:A${n}`);
        all.values = lines.map((l) => [excelValue(l.text)]);
        all.format.wrapText = true;
        all.format.verticalAlignment = 'Top';
        all.format.font.size = REPORT_STYLE.body.size;
        ws.getRange('A1').format.columnWidth = 520;
        lines.forEach((l, i) => {
          if (l.style === 'body') return;
          const f = ws.getRange(`A${i + 1}`).format.font;
          f.bold = REPORT_STYLE[l.style].bold;
          f.size = REPORT_STYLE[l.style].size;
        });
        all.format.autofitRows();
        ws.activate();
        await context.sync();
        return { name, previous };
      });
      this.settings?.set(REPORT_SHEET_KEY, record.name);
      this.settings?.saveAsync();
      return record;
    } catch (e) {
      throw explainOfficeError(e, 'report');
    }
  }

  async removeReportSheet(record: ReportSheetRecord): Promise<void> {
    try {
      await this.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.getItem(record.name).delete();
        if (record.previous && record.previous.length) {
          const ws = sheets.add(record.name);
          const rows = record.previous.length;
          const cols = Math.max(...record.previous.map((r) => r.length));
          const values = record.previous.map((r) => Array.from({ length: cols }, (_, j) => excelValue(r[j] ?? '')));
          ws.getRange(`A1:${columnName(cols - 1)}${rows}`).values = values;
        }
        await context.sync();
      });
      if (!record.previous) {
        this.settings?.set(REPORT_SHEET_KEY, null);
        this.settings?.saveAsync();
      }
    } catch (e) {
      throw explainOfficeError(e, 'report');
    }
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
    try {
      await this.excel.run(async (context) => {
        const fills = fresh.map((c) => {
          const f = context.workbook.worksheets.getItem(c.sheet).getRange(c.cell).format.fill;
          f.load('color');
          return f;
        });
        if (fresh.length) await context.sync();
        fresh.forEach((c, i) => {
          const color = fills[i].color;
          // Excel reports no fill as white; restoring it as "no fill" looks the same.
          this.fills.set(key(c), { sheet: c.sheet, cell: c.cell, color: !color || /^#FFFFFF$/i.test(color) ? null : color, mark: c.severity });
          fills[i].color = FILL[c.severity];
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
  }

  async clearHighlights(only?: Mark): Promise<void> {
    const saved = [...this.fills.values()].filter((s) => only === undefined || s.mark === only);
    if (!saved.length) return;
    try {
      await this.excel.run(async (context) => {
        for (const s of saved) {
          const fill = context.workbook.worksheets.getItem(s.sheet).getRange(s.cell).format.fill;
          if (s.color === null) fill.clear();
          else fill.color = s.color;
        }
        await context.sync();
      });
      for (const s of saved) this.fills.delete(key(s));
    } catch (e) {
      throw explainOfficeError(e, 'highlight');
    }
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

  saveSettings(value: unknown): Promise<void> {
    const store = this.settings;
    if (!store) return Promise.reject(new HostError('当前环境无法保存设置。'));
    store.set(SETTINGS_KEY, JSON.stringify(value));
    return new Promise((resolve, reject) =>
      store.saveAsync((r) => (r.status === 'succeeded' ? resolve() : reject(new HostError(`设置保存失败：${r.error?.message ?? '未知原因'}。`)))),
    );
  }
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
  const fmt = r.numberFormat[0][0] as string;
  if ((s.fmt ?? 'General') !== fmt) return false;
  const f = r.formulas[0][0];
  if (s.f !== undefined) return f === `=${s.f}`;
  if (typeof f === 'string' && f.startsWith('=')) return false;
  const v = r.values[0][0];
  if (s.v === null) return v === '';
  if (isErrorValue(s.v)) return v === s.v.error;
  return v === s.v;
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

/** Cells read in one response: values, formulas and formats stay well under Excel on the web's 5 MB. */
export const CELLS_PER_READ = 60_000;

interface Block {
  sheet: number;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  /** The sheet's first block reads its merged areas too. */
  first: boolean;
}

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
      current.push({ sheet, r0: u.rowIndex + r, c0: u.columnIndex, r1: u.rowIndex + r + rows - 1, c1: u.columnIndex + u.columnCount - 1, first: r === 0 });
      cells += size;
    }
  });
  if (current.length) reads.push(current);
  return reads;
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

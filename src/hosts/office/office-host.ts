// The add-in's host: the Excel JavaScript API. The same code runs in Excel and, in the workbench
// and browser tests, against an emulation of that API. Reads take 3 syncs whatever the number of
// sheets; a change set is written in one sync (chunked only past ~4 MB) and rolled back on failure.
import type { ChangeSet } from '../../core/changes/changeset';
import { parseAddress } from '../../core/grid/address';
import type { Cell, CellState, Rect, Scalar, Sheet, Workbook } from '../../core/grid/types';
import { isErrorValue } from '../../core/grid/types';
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

export interface HighlightCell {
  sheet: string;
  cell: string;
  severity: 'error' | 'warning' | 'info';
}

/** The add-in's host: reading and writing, plus what only a live workbook can do. */
export interface AddinHost extends Host {
  select(sheet: string, cell: string): Promise<void>;
  highlight(cells: HighlightCell[]): Promise<void>;
  clearHighlights(): Promise<void>;
  readonly highlighted: number;
  loadSettings(): unknown;
  saveSettings(value: unknown): Promise<void>;
  /** ExcelApi 1.20: a write is one undo group, so Ctrl+Z undoes it too. */
  readonly supportsUndoGroup: boolean;
}

export const SETTINGS_KEY = 'jixiao.settings';
/** A request is refused past 5 MB on Excel on the web; stay well below. */
export const MAX_REQUEST_BYTES = 4_000_000;
/** What a chunk is filled to, by our estimate: headroom for the request envelope Excel adds. */
const CHUNK_BYTES = 3_500_000;

/** Failures after which Excel applied nothing of the request. */
const NOTHING_APPLIED = new Set(['InvalidOperationInCellEditMode', 'RequestPayloadSizeLimitExceeded', 'PayloadTooLarge']);

const FILL: Record<HighlightCell['severity'], string> = { error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7' };

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
  /** Original fills of highlighted cells: "Sheet!A1" → colour, or null for none. */
  private fills = new Map<string, { sheet: string; cell: string; color: string | null }>();

  constructor(o: OfficeHostOptions) {
    this.excel = o.excel;
    this.settings = o.settings;
    this.supportsUndoGroup = !!o.supportsUndoGroup;
  }

  get highlighted(): number {
    return this.fills.size;
  }

  async readWorkbook(): Promise<Workbook> {
    try {
      return await this.excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/visibility');
        await context.sync();
        const used = sheets.items.map((ws) => {
          const r = ws.getUsedRangeOrNullObject();
          r.load('address,rowIndex,columnIndex,values,valueTypes,formulas,numberFormat');
          return r;
        });
        await context.sync();
        const merged = used.map((r) => {
          if (r.isNullObject) return null;
          const m = r.getMergedAreasOrNullObject();
          m.load('areas/items/address');
          return m;
        });
        await context.sync();
        return {
          sheets: sheets.items.map((ws, i) =>
            toSheet(ws.name, ws.visibility !== 'Visible', used[i].isNullObject ? null : used[i], merged[i]),
          ),
        };
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
    const fresh = dedupe(cells).filter((c) => !this.fills.has(key(c)));
    if (!fresh.length) return;
    try {
      await this.excel.run(async (context) => {
        const fills = fresh.map((c) => {
          const f = context.workbook.worksheets.getItem(c.sheet).getRange(c.cell).format.fill;
          f.load('color');
          return f;
        });
        await context.sync();
        fresh.forEach((c, i) => {
          const color = fills[i].color;
          // Excel reports no fill as white; restoring it as "no fill" looks the same.
          this.fills.set(key(c), { sheet: c.sheet, cell: c.cell, color: !color || /^#FFFFFF$/i.test(color) ? null : color });
          fills[i].color = FILL[c.severity];
        });
        await context.sync();
      });
    } catch (e) {
      throw explainOfficeError(e, 'highlight');
    }
  }

  async clearHighlights(): Promise<void> {
    if (!this.fills.size) return;
    const saved = [...this.fills.values()];
    try {
      await this.excel.run(async (context) => {
        for (const s of saved) {
          const fill = context.workbook.worksheets.getItem(s.sheet).getRange(s.cell).format.fill;
          if (s.color === null) fill.clear();
          else fill.color = s.color;
        }
        await context.sync();
      });
      this.fills.clear();
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

function dedupe(cells: HighlightCell[]): HighlightCell[] {
  const rank = { error: 0, warning: 1, info: 2 };
  const best = new Map<string, HighlightCell>();
  for (const c of cells) {
    const k = key(c);
    const cur = best.get(k);
    if (!cur || rank[c.severity] < rank[cur.severity]) best.set(k, c);
  }
  return [...best.values()];
}

/** Text as Excel would keep it: anything Excel would parse (numbers, dates, formulas) gets an apostrophe. */
function literalText(s: string): string {
  if (s === '') return s;
  if (/^[=+\-@']/.test(s) || ERROR_TEXT.test(s) || /^(TRUE|FALSE)$/i.test(s)) return `'${s}`;
  if (!Number.isNaN(Number(s.replace(/[,%¥$\s]/g, ''))) && /\d/.test(s)) return `'${s}`;
  if (/^\d{1,4}[-/年.]\d{1,2}/.test(s)) return `'${s}`;
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
    // Format first, so a text format keeps the value written next as text.
    r.numberFormat = [[c.state.fmt ?? 'General']];
    if (c.state.f !== undefined) r.formulas = [[`=${c.state.f}`]];
    else r.values = [[excelValue(c.state.v)]];
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

function toSheet(name: string, hidden: boolean, used: Excel.Range | null, merged: Excel.RangeAreas | null): Sheet {
  const sheet: Sheet = { name, rows: [], merges: [] };
  if (hidden) sheet.hidden = true;
  if (!used) return sheet;
  const r0 = used.rowIndex;
  const c0 = used.columnIndex;
  const values = used.values;
  const types = used.valueTypes;
  const formulas = used.formulas;
  const formats = used.numberFormat;
  for (let i = 0; i < values.length; i++) {
    let row: (Cell | undefined)[] | undefined;
    for (let j = 0; j < values[i].length; j++) {
      const type = types[i][j];
      const formula = formulas[i][j];
      const isFormula = typeof formula === 'string' && formula.startsWith('=');
      if (type === 'Empty' && !isFormula) continue;
      const raw = values[i][j];
      let v: Scalar;
      if (type === 'Empty') v = null;
      else if (type === 'Error') v = { error: String(raw) };
      else if (type === 'Boolean') v = Boolean(raw);
      else if (type === 'Double' || type === 'Integer') v = Number(raw);
      else v = String(raw);
      const cell: Cell = { v };
      if (isFormula) cell.f = (formula as string).slice(1);
      const fmt = formats[i][j];
      if (typeof fmt === 'string' && fmt !== 'General') cell.fmt = fmt;
      row ??= [];
      row[c0 + j] = cell;
    }
    if (row) sheet.rows[r0 + i] = row;
  }
  for (let r = 0; r < sheet.rows.length; r++) sheet.rows[r] ??= [];
  if (merged && !merged.isNullObject) {
    for (const area of merged.areas.items) sheet.merges.push(rectOf(area.address));
  }
  return sheet;
}

/** "附件3!A1:I1" or "'Sheet 1'!B2" → 0-based rectangle. */
export function rectOf(address: string): Rect {
  const local = address.slice(address.lastIndexOf('!') + 1);
  const [a, b = a] = local.split(':');
  const p = parseAddress(a);
  const q = parseAddress(b);
  return { r0: Math.min(p.row, q.row), c0: Math.min(p.col, q.col), r1: Math.max(p.row, q.row), c1: Math.max(p.col, q.col) };
}

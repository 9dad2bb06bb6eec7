// ExcelJS workbook → grid model, with Excel's view of merged cells. No file access: the workbench
// (browser) uses it too.
import type * as ExcelJS from 'exceljs';
import { parseAddress } from '../../core/grid/address';
import type { Cell, Rect, Scalar, Sheet, Workbook } from '../../core/grid/types';

const T_NULL = 0;
const T_MERGE = 1;
const T_NUMBER = 2;
const T_STRING = 3;
const T_DATE = 4;
const T_HYPERLINK = 5;
const T_FORMULA = 6;
const T_SHARED_STRING = 7;
const T_RICH_TEXT = 8;
const T_BOOLEAN = 9;
const T_ERROR = 10;

const MS_PER_DAY = 86_400_000;

/** A JS Date (as ExcelJS reads it, UTC) to Excel's serial number: what Office.js returns. */
export function excelSerial(d: Date, date1904 = false): number {
  // Same arithmetic as ExcelJS's writer, so a serial read and written back is unchanged.
  return 25569 + d.getTime() / MS_PER_DAY - (date1904 ? 1462 : 0);
}

/** Converts a loaded ExcelJS workbook into the grid model (sheet order kept). */
export function excelToGrid(excel: ExcelJS.Workbook): Workbook {
  const date1904 = Boolean((excel.properties as { date1904?: boolean } | undefined)?.date1904);
  const sheets: Sheet[] = [];
  for (const ws of excel.worksheets) sheets.push(sheetToGrid(ws, date1904));
  return { sheets };
}

function sheetToGrid(ws: ExcelJS.Worksheet, date1904: boolean): Sheet {
  const rows: (Cell | undefined)[][] = [];
  // Blank cells too (eachRow and eachCell skip them): one with a number format is kept.
  const internal = (ws as unknown as { _rows?: (ExcelJS.Row | undefined)[] })._rows;
  const eachRow = (f: (row: ExcelJS.Row, rowNumber: number) => void) =>
    Array.isArray(internal) ? internal.forEach((row, i) => row && f(row, i + 1)) : ws.eachRow(f);
  eachRow((row, rowNumber) => {
    const r = rowNumber - 1;
    let out: (Cell | undefined)[] | undefined;
    const visit = (cell: ExcelJS.Cell, colNumber: number) => {
      const c = toCell(cell, date1904);
      if (!c) return;
      if (!out) {
        // Created on the first kept cell, so rows holding only merged-away cells stay absent.
        while (rows.length < r) rows.push([]);
        out = rows[r] = [];
      }
      out[colNumber - 1] = c;
    };
    const cells = (row as unknown as { _cells?: (ExcelJS.Cell | undefined)[] })._cells;
    if (Array.isArray(cells)) cells.forEach((cell, i) => cell && visit(cell, i + 1));
    else row.eachCell(visit);
  });
  const sheet: Sheet = { name: ws.name, rows, merges: mergesOf(ws) };
  if (ws.state === 'hidden' || ws.state === 'veryHidden') sheet.hidden = true;
  return sheet;
}

function toCell(cell: ExcelJS.Cell, date1904: boolean): Cell | undefined {
  const type = cell.type as number;
  // A merged area's other cells report the master's value in ExcelJS; Excel shows them empty.
  if (type === T_MERGE) return undefined;
  const style = cell.style;
  const numFmt = style ? style.numFmt : undefined;
  const fmt = numFmt && numFmt !== 'General' ? numFmt : undefined;
  // A blank cell is kept only for its number format: what a value written into it shows as, and
  // what undoing that write must put back.
  const blank = (): Cell | undefined => (fmt !== undefined ? { v: null, fmt } : undefined);
  if (type === T_NULL) return blank();
  let v: Scalar;
  let f: string | undefined;
  if (type === T_FORMULA) {
    // cell.formula also translates a shared formula's dependents; cell.result keeps 0/false (cell.value drops them).
    const text = cell.formula;
    f = text && text.charCodeAt(0) === 61 /* = */ ? text.slice(1) : text;
    v = scalarOf(cell.result, date1904);
    if (!f) {
      // A shared-formula dependent whose master is missing: keep only its cached value.
      f = undefined;
      if (v === null || v === '') return blank();
    }
  } else {
    v = valueOf(type, cell.value, date1904);
    if (v === null || v === '') return blank();
  }
  const out: Cell = { v };
  if (f !== undefined) out.f = f;
  if (fmt !== undefined) out.fmt = fmt;
  return out;
}

function valueOf(type: number, value: unknown, date1904: boolean): Scalar {
  switch (type) {
    case T_NUMBER:
      return typeof value === 'number' ? value : null;
    case T_STRING:
    case T_SHARED_STRING:
      return typeof value === 'string' ? value : scalarOf(value, date1904);
    case T_BOOLEAN:
      return Boolean(value);
    case T_DATE:
      return value instanceof Date ? excelSerial(value, date1904) : null;
    case T_RICH_TEXT:
      return richText(value);
    case T_HYPERLINK: {
      const text = (value as { text?: unknown }).text;
      return typeof text === 'string' ? text : richText(text);
    }
    case T_ERROR:
      return { error: String((value as { error: unknown }).error) };
    default:
      return scalarOf(value, date1904);
  }
}

/** A formula result, or any value whose ExcelJS type is not known up front. */
function scalarOf(value: unknown, date1904: boolean): Scalar {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
      return value;
  }
  if (value instanceof Date) return excelSerial(value, date1904);
  if (typeof value === 'object') {
    const o = value as { error?: unknown; richText?: unknown; text?: unknown };
    if (o.error !== undefined) return { error: String(o.error) };
    if (o.richText !== undefined) return richText(o);
    if (o.text !== undefined) return typeof o.text === 'string' ? o.text : richText(o.text);
  }
  return null;
}

function richText(value: unknown): string {
  const runs = (value as { richText?: { text?: unknown }[] } | null)?.richText;
  if (!Array.isArray(runs)) return '';
  let s = '';
  for (const run of runs) if (run && typeof run.text === 'string') s += run.text;
  return s;
}

function mergesOf(ws: ExcelJS.Worksheet): Rect[] {
  // ws.model would rebuild every row's model just to list merges; the merge index is cheap.
  const index = (ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges;
  const out: Rect[] = [];
  if (index && typeof index === 'object') {
    for (const key of Object.keys(index)) {
      const m = index[key];
      if (m) out.push({ r0: m.top - 1, c0: m.left - 1, r1: m.bottom - 1, c1: m.right - 1 });
    }
    return out;
  }
  for (const range of (ws.model as { merges?: string[] }).merges ?? []) {
    const [a, b = a] = range.split(':');
    const p = parseAddress(a);
    const q = parseAddress(b);
    out.push({ r0: p.row, c0: p.col, r1: q.row, c1: q.col });
  }
  return out;
}

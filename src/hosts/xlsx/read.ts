// Reads an .xlsx file into the grid model, with Excel's (and Office.js's) view of the cells:
// merged areas hold their value in the top-left cell only, dates are serial numbers.
// Bad input becomes a WorkbookReadError whose message is one Chinese sentence for the user.
import { promises as fsp } from 'node:fs';
import * as ExcelJS from 'exceljs';
import { parseAddress } from '../../core/grid/address';
import type { Cell, Rect, Scalar, Sheet, Workbook } from '../../core/grid/types';

export type ReadFailureReason =
  | 'not-found'
  | 'directory'
  | 'unreadable'
  | 'empty'
  | 'encrypted'
  | 'xls'
  | 'not-xlsx'
  | 'xlsb'
  | 'not-workbook'
  | 'corrupt'
  | 'no-sheets';

export class WorkbookReadError extends Error {
  readonly reason: ReadFailureReason;
  /** The file concerned, when read from disk. */
  readonly path?: string;
  constructor(reason: ReadFailureReason, message: string, opts: { path?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'WorkbookReadError';
    this.reason = reason;
    if (opts.path !== undefined) this.path = opts.path;
  }
}

export const READ_MESSAGES = {
  empty: '文件为空（0 字节），请确认文件已完整保存后再试',
  encrypted: '工作簿受密码保护，请先在 Excel 中取消密码后再试',
  xls: '这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再试',
  notXlsx: '这不是有效的 .xlsx 文件，请在 Excel 中另存为 .xlsx 后再试',
  xlsb: '这是 .xlsb 二进制工作簿，请在 Excel 中另存为 .xlsx 后再试',
  notWorkbook: '这不是 Excel 工作簿：文件中没有 xl/workbook.xml',
  word: '这是 Word 文档，不是 Excel 工作簿',
  powerpoint: '这是 PowerPoint 演示文稿，不是 Excel 工作簿',
  ods: '这是 OpenDocument 表格（.ods），不是 Excel 工作簿，请在 Excel 中另存为 .xlsx 后再试',
  corrupt: '文件已损坏，无法读取，可在 Excel 中打开修复后另存为 .xlsx 再试',
  noSheets: '工作簿中没有工作表',
} as const;

export interface LoadedXlsx {
  workbook: Workbook;
  excel: ExcelJS.Workbook;
}

export async function loadXlsx(path: string): Promise<LoadedXlsx> {
  let buf: Buffer;
  try {
    const st = await fsp.stat(path);
    if (st.isDirectory()) throw new WorkbookReadError('directory', `这是文件夹，不是 .xlsx 文件：${path}`, { path });
    buf = await fsp.readFile(path);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new WorkbookReadError('not-found', `找不到文件：${path}`, { path, cause: e });
    if (code === 'EISDIR') throw new WorkbookReadError('directory', `这是文件夹，不是 .xlsx 文件：${path}`, { path, cause: e });
    if (code === 'EACCES' || code === 'EPERM') {
      throw new WorkbookReadError('unreadable', `没有读取权限，无法打开文件：${path}`, { path, cause: e });
    }
    if (code === 'EBUSY') throw new WorkbookReadError('unreadable', `文件正被其他程序占用，无法读取：${path}`, { path, cause: e });
    throw new WorkbookReadError('unreadable', `无法读取文件：${path}`, { path, cause: e });
  }
  return load(buf, path);
}

export async function loadXlsxBuffer(buf: Buffer): Promise<LoadedXlsx> {
  return load(buf, undefined);
}

async function load(buf: Buffer, path: string | undefined): Promise<LoadedXlsx> {
  const fail = (reason: ReadFailureReason, message: string, cause?: unknown): never => {
    throw new WorkbookReadError(reason, message, { path, cause });
  };
  sniff(buf, fail);
  const excel = new ExcelJS.Workbook();
  try {
    // ExcelJS types its Buffer as an ArrayBuffer; at run time it takes a Node Buffer.
    await excel.xlsx.load(buf as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch (e) {
    fail('corrupt', READ_MESSAGES.corrupt, e);
  }
  let workbook: Workbook;
  try {
    workbook = excelToGrid(excel);
  } catch (e) {
    return fail('corrupt', READ_MESSAGES.corrupt, e);
  }
  if (workbook.sheets.length === 0) fail('no-sheets', READ_MESSAGES.noSheets);
  return { workbook, excel };
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// An encrypted .xlsx is an OLE container whose directory names this stream (UTF-16LE).
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** Decides by content, before ExcelJS sees the bytes, what kind of file this is. */
function sniff(buf: Buffer, fail: (reason: ReadFailureReason, message: string) => never): void {
  if (buf.length === 0) fail('empty', READ_MESSAGES.empty);
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_MAGIC)) {
    if (buf.indexOf(ENCRYPTED_PACKAGE) >= 0) fail('encrypted', READ_MESSAGES.encrypted);
    fail('xls', READ_MESSAGES.xls);
  }
  // Local file header "PK\3\4", or "PK\5\6" for an empty archive.
  const isZip = buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b &&
    ((buf[2] === 3 && buf[3] === 4) || (buf[2] === 5 && buf[3] === 6));
  if (!isZip) fail('not-xlsx', READ_MESSAGES.notXlsx);
  const names = zipEntryNames(buf);
  if (names === 'corrupt') fail('corrupt', READ_MESSAGES.corrupt);
  if (names === 'unknown') return; // e.g. ZIP64: let ExcelJS judge
  // ExcelJS only recognises exactly this part name (a leading "/" dropped).
  if (names.has('xl/workbook.xml')) return;
  if (names.has('xl/workbook.bin')) fail('xlsb', READ_MESSAGES.xlsb);
  if (names.has('word/document.xml')) fail('not-workbook', READ_MESSAGES.word);
  if (names.has('ppt/presentation.xml')) fail('not-workbook', READ_MESSAGES.powerpoint);
  if (names.has('mimetype') && buf.indexOf('opendocument.spreadsheet') >= 0) fail('not-workbook', READ_MESSAGES.ods);
  fail('not-workbook', READ_MESSAGES.notWorkbook);
}

/** Entry names from the zip's central directory, without inflating anything. */
function zipEntryNames(buf: Buffer): Set<string> | 'corrupt' | 'unknown' {
  // End-of-central-directory record: 22 bytes plus a comment of up to 65,535 bytes.
  let eocd = -1;
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf[i] === 0x50 && buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'corrupt';
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff || size === 0xffffffff) return 'unknown';
  if (offset + size > eocd) return 'corrupt';
  const names = new Set<string>();
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) return 'corrupt';
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (name.startsWith('/')) name = name.slice(1);
    names.add(name);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

// ExcelJS's ValueType enum, as plain numbers (an ambient enum is unsafe under isolatedModules).
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
  ws.eachRow((row, rowNumber) => {
    const r = rowNumber - 1;
    let out: (Cell | undefined)[] | undefined;
    row.eachCell((cell, colNumber) => {
      const c = toCell(cell, date1904);
      if (!c) return;
      if (!out) {
        // Created on the first kept cell, so rows holding only merged-away cells stay absent.
        while (rows.length < r) rows.push([]);
        out = rows[r] = [];
      }
      out[colNumber - 1] = c;
    });
  });
  const sheet: Sheet = { name: ws.name, rows, merges: mergesOf(ws) };
  if (ws.state === 'hidden' || ws.state === 'veryHidden') sheet.hidden = true;
  return sheet;
}

function toCell(cell: ExcelJS.Cell, date1904: boolean): Cell | undefined {
  const type = cell.type as number;
  // A merged area's other cells report the master's value in ExcelJS; Excel shows them empty.
  if (type === T_MERGE || type === T_NULL) return undefined;
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
      if (v === null || v === '') return undefined;
    }
  } else {
    v = valueOf(type, cell.value, date1904);
    if (v === null || v === '') return undefined;
  }
  const style = cell.style;
  const numFmt = style ? style.numFmt : undefined;
  const out: Cell = { v };
  if (f !== undefined) out.f = f;
  if (numFmt && numFmt !== 'General') out.fmt = numFmt;
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

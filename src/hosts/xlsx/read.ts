// Reads an .xlsx file into the grid model, with Excel's (and Office.js's) view of the cells:
// merged areas hold their value in the top-left cell only, dates are serial numbers.
// Bad input becomes a WorkbookReadError whose message is one Chinese sentence for the user.
import { promises as fsp } from 'node:fs';
import * as ExcelJS from 'exceljs';
import type { Workbook } from '../../core/grid/types';
import { excelToGrid } from './convert';

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

export { excelSerial, excelToGrid } from './convert';

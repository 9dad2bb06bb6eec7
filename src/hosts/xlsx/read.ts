// Reads an .xlsx file into the grid model, with Excel's (and Office.js's) view of the cells:
// merged areas hold their value in the top-left cell only, dates are serial numbers.
// Bad input becomes a WorkbookReadError whose message is one Chinese sentence for the user.
// Hostile input (docs/HOSTILE-INPUT.md): the file's size, the zip's declared sizes and compression
// ratios, and the real inflated sizes are checked before ExcelJS inflates anything (zip-guard.ts);
// overlapping merges, odd sheet names and huge merge lists are handled around ExcelJS (excel-guard.ts).
import { promises as fsp } from 'node:fs';
import { extname } from 'node:path';
import type * as ExcelJS from 'exceljs';
import type { Workbook } from '../../core/grid/types';
import { excelToGrid } from './convert';
import { ExcelGuardError, guardExcelLoad, printable } from './excel-guard';
import { readPackage, type PackageRead } from './package/read';
import { EntryTooLargeError, nodeParts } from './package/zip-node';
import { NoWorkbookPartError } from './package/parts';
import { DamagedPartError } from './package/xml';
import {
  declaredProblem,
  inflationProblem,
  MAX_COMPRESSION_RATIO,
  MAX_FILE_BYTES,
  MAX_UNCOMPRESSED_BYTES,
  MAX_ZIP_ENTRIES,
  zipEntries,
  type ZipProblem,
} from './zip-guard';

export { MAX_COMPRESSION_RATIO, MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES, MAX_ZIP_ENTRIES, RATIO_CHECK_MIN_BYTES } from './zip-guard';
export { MAX_MERGED_CELLS } from './excel-guard';

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
  | 'no-sheets'
  /** A WPS 表格 .et file (OLE, or not an .xlsx inside). */
  | 'wps'
  /** Past a size limit: the file, the unpacked total, the entry count or the merged cells. */
  | 'too-large'
  /** A zip bomb: an implausible compression ratio, or an entry inflating past its declared size. */
  | 'zip-bomb';

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
  /** A note, not a refusal: said on stderr by check and report (recalc refuses such a package with its reason). */
  readByExcelJs: '此文件的结构本工具不能直接读取（如行或单元格未按顺序存放、ZIP64 压缩格式、文档类型定义），已改用兼容方式（ExcelJS）读取，检查结果照常',
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
  wps: '这是 WPS 表格（.et）文件，无法直接读取，请在 WPS 中另存为 .xlsx（Excel 工作簿）后再试',
  csv: '这是 CSV 文本文件，不是 Excel 工作簿，请在 Excel 中打开它并另存为 .xlsx 后再试',
  notRegular: '这不是普通文件（可能是设备或管道），无法作为 .xlsx 读取',
} as const;

const MB = 1024 * 1024;

/** The message for a file over MAX_FILE_BYTES. */
export function tooLargeMessage(bytes: number): string {
  return `文件过大（${Math.ceil(bytes / MB)} MB，上限为 ${MAX_FILE_BYTES / MB} MB），不像是自评表工作簿，请确认是否选错了文件`;
}

function zipProblemMessage(p: Exclude<ZipProblem, { kind: 'corrupt' }>): string {
  switch (p.kind) {
    case 'too-many-entries':
      return `文件内部的部件过多（超过 ${MAX_ZIP_ENTRIES} 个），无法安全读取，请确认文件来源后另存为 .xlsx 再试`;
    case 'too-large':
      return `文件解压后过大（声明为 ${Math.ceil(p.total / MB)} MB，上限为 ${MAX_UNCOMPRESSED_BYTES / MB} MB），无法安全读取，请删除多余内容后另存为 .xlsx 再试`;
    case 'ratio':
      return `文件中的「${printable(p.name)}」压缩比异常（约 ${Math.round(p.ratio)} 倍，上限为 ${MAX_COMPRESSION_RATIO} 倍），疑似压缩炸弹，已拒绝读取`;
    case 'lying-size':
      return `文件中的「${printable(p.name)}」解压后超过其声明的大小，文件已损坏或被篡改，已拒绝读取`;
  }
}

/** A damaged part, for the user: what is wrong and where, and what to do. */
function damagedMessage(e: DamagedPartError): string {
  return `${e.message}，可在 Excel 中打开修复后另存为 .xlsx 再试`;
}

export interface LoadedXlsx {
  workbook: Workbook;
  /** The workbook as ExcelJS reads it, loaded afresh on each call: only the whole-file writer needs it. */
  excel(): Promise<ExcelJS.Workbook>;
  /** Who read the grid: the package reader, or ExcelJS for a package it does not follow (ZIP64…). */
  reader: 'package' | 'exceljs';
  /** What was repaired while reading (e.g. overlapping merged areas dropped): one Chinese sentence each. */
  notes: string[];
  /** The file's bytes, which saving edits in place. */
  source: Buffer;
  /** Sheets whose merged areas were repaired: the areas kept, which a saved file keeps alone. */
  mergeRepairs: Map<string, string[]>;
}

export async function loadXlsx(path: string): Promise<LoadedXlsx> {
  let buf: Buffer;
  try {
    const st = await fsp.stat(path);
    if (st.isDirectory()) throw new WorkbookReadError('directory', `这是文件夹，不是 .xlsx 文件：${path}`, { path });
    // A device or pipe (/dev/zero) would be read without end; a huge file is refused unread.
    if (!st.isFile()) throw new WorkbookReadError('unreadable', `${READ_MESSAGES.notRegular}：${path}`, { path });
    if (st.size > MAX_FILE_BYTES) throw new WorkbookReadError('too-large', tooLargeMessage(st.size), { path });
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
  const ext = path === undefined ? '' : extname(path).toLowerCase();
  const fail = (reason: ReadFailureReason, message: string, cause?: unknown): never => {
    // Named .et and not readable as an .xlsx: a WPS file, whatever the container.
    if (ext === '.et' && (reason === 'xls' || reason === 'not-xlsx' || reason === 'not-workbook' || reason === 'xlsb' || reason === 'corrupt')) {
      throw new WorkbookReadError('wps', READ_MESSAGES.wps, { path, cause });
    }
    if (ext === '.csv' && reason === 'not-xlsx') throw new WorkbookReadError('not-xlsx', READ_MESSAGES.csv, { path, cause });
    throw new WorkbookReadError(reason, message, { path, cause });
  };
  if (buf.length > MAX_FILE_BYTES) fail('too-large', tooLargeMessage(buf.length));
  const entries = sniff(buf, fail);
  const declared = declaredProblem(entries);
  if (declared) fail(declared.kind === 'ratio' ? 'zip-bomb' : 'too-large', zipProblemMessage(declared as Exclude<ZipProblem, { kind: 'corrupt' }>));
  // The package reader inflates the parts it reads, each within its declared size; the guard then
  // inflates the others (all of them, before ExcelJS is given the package), so each entry is inflated once.
  const checked = new Set<string>();
  let read: PackageRead | undefined;
  try {
    read = readPackage(nodeParts(buf, checked));
  } catch (e) {
    if (e instanceof EntryTooLargeError) fail('zip-bomb', zipProblemMessage({ kind: 'lying-size', name: e.entry, declared: e.declared }), e);
    if (e instanceof ExcelGuardError) fail(e.reason === 'merges-too-large' ? 'too-large' : 'corrupt', e.message, e);
    // A part that is not well-formed (or holds what Excel would repair): damaged, whoever reads it.
    if (e instanceof DamagedPartError) fail('corrupt', damagedMessage(e), e);
    if (e instanceof NoWorkbookPartError) fail('not-workbook', READ_MESSAGES.notWorkbook, e);
    // Anything else (a package the reader does not follow: ZIP64, a DTD): ExcelJS reads it, or says why not.
  }
  const inflated = await inflationProblem(buf, entries, checked);
  if (inflated) {
    if (inflated.kind === 'corrupt') fail('corrupt', READ_MESSAGES.corrupt);
    else fail('zip-bomb', zipProblemMessage(inflated));
  }
  const excel = async () => (await loadExcel(buf, fail)).excel;
  if (read) {
    if (read.workbook.sheets.length === 0) fail('no-sheets', READ_MESSAGES.noSheets);
    return { ...read, excel, reader: 'package', source: buf };
  }
  const loaded = await loadExcel(buf, fail);
  let workbook: Workbook;
  try {
    workbook = excelToGrid(loaded.excel);
  } catch (e) {
    return fail('corrupt', READ_MESSAGES.corrupt, e);
  }
  if (workbook.sheets.length === 0) fail('no-sheets', READ_MESSAGES.noSheets);
  return { workbook, excel, reader: 'exceljs', notes: loaded.notes, source: buf, mergeRepairs: loaded.mergeRepairs };
}

/** ExcelJS's reading of the package, guarded (excel-guard.ts); failures as WorkbookReadError through `fail`. */
async function loadExcel(
  buf: Buffer,
  fail: (reason: ReadFailureReason, message: string, cause?: unknown) => never,
): Promise<{ excel: ExcelJS.Workbook; notes: string[]; mergeRepairs: Map<string, string[]> }> {
  // Loaded on demand: most workbooks never need it, and it takes 0.2 s to load (per batch worker too).
  const { Workbook: ExcelWorkbook } = await import('exceljs');
  const excel = new ExcelWorkbook();
  try {
    const finish = guardExcelLoad(excel);
    // ExcelJS types its Buffer as an ArrayBuffer; at run time it takes a Node Buffer.
    await excel.xlsx.load(buf as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    return { excel, ...finish() };
  } catch (e) {
    if (e instanceof ExcelGuardError) fail(e.reason === 'merges-too-large' ? 'too-large' : 'corrupt', e.message, e);
    return fail('corrupt', READ_MESSAGES.corrupt, e);
  }
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// An encrypted .xlsx is an OLE container whose directory names this stream (UTF-16LE).
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** Decides by content, before ExcelJS sees the bytes, what kind of file this is; returns the zip's entries. */
function sniff(buf: Buffer, fail: (reason: ReadFailureReason, message: string) => never): ZipEntryList {
  if (buf.length === 0) fail('empty', READ_MESSAGES.empty);
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_MAGIC)) {
    if (buf.indexOf(ENCRYPTED_PACKAGE) >= 0) fail('encrypted', READ_MESSAGES.encrypted);
    fail('xls', READ_MESSAGES.xls);
  }
  // Local file header "PK\3\4", or "PK\5\6" for an empty archive.
  const isZip = buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b &&
    ((buf[2] === 3 && buf[3] === 4) || (buf[2] === 5 && buf[3] === 6));
  if (!isZip) fail('not-xlsx', READ_MESSAGES.notXlsx);
  const entries = zipEntries(buf);
  if (entries === 'corrupt') return fail('corrupt', READ_MESSAGES.corrupt);
  const names = new Set<string>();
  for (const e of entries) names.add(e.name.startsWith('/') ? e.name.slice(1) : e.name);
  // The usual place of the workbook part (the only one ExcelJS knows, a leading "/" dropped).
  if (names.has('xl/workbook.xml')) return entries;
  if (names.has('xl/workbook.bin')) fail('xlsb', READ_MESSAGES.xlsb);
  if (names.has('word/document.xml')) fail('not-workbook', READ_MESSAGES.word);
  if (names.has('ppt/presentation.xml')) fail('not-workbook', READ_MESSAGES.powerpoint);
  if (names.has('mimetype') && buf.indexOf('opendocument.spreadsheet') >= 0) fail('not-workbook', READ_MESSAGES.ods);
  // Elsewhere: _rels/.rels says where (the package reader follows it, or finds no workbook part).
  if ([...names].some((n) => n.toLowerCase() === '_rels/.rels')) return entries;
  return fail('not-workbook', READ_MESSAGES.notWorkbook);
}

type ZipEntryList = Exclude<ReturnType<typeof zipEntries>, 'corrupt'>;

// ExcelJS's ValueType enum, as plain numbers (an ambient enum is unsafe under isolatedModules).

export { excelSerial, excelToGrid } from './convert';

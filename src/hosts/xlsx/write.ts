// Saves files without ever leaving a half-written one, and says in Chinese why a file was not written.
// The only way a workbook is written is by editing its own package in place (package/edit.ts): there is
// no whole-file rewrite to fall back on, since one drops what it does not know (charts, drawings,
// printer settings, macros) and writes parts Excel repairs.
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';
import type { Change } from '../../core/changes/changeset';
import { PatchUnsupportedError } from './package/xml';
import { readZip } from './package/zip';
import { entryData } from './package/zip-node';

/** Why a change cannot be written (checked by XlsxHost on its grid before anything is written). */
export const CHANGE_REFUSED = {
  noSheet: (ch: Change) => new Error(`工作表不存在：${ch.sheet}`),
  nonFinite: (ch: Change) => new Error(`不能写入非有限数值（${String(ch.after.v)}）：${ch.sheet}!${ch.cell}`),
  hiddenByMerge: (ch: Change) => new Error(`不能写入合并单元格中非左上角的单元格：${ch.sheet}!${ch.cell}`),
};

/** A value Excel cannot hold (an overflowed total). */
export function checkState(ch: Change): void {
  const v = ch.after.v;
  if (typeof v === 'number' && !Number.isFinite(v)) throw CHANGE_REFUSED.nonFinite(ch);
}

export type WriteFailureReason =
  | 'same-as-input'
  | 'dir-not-found'
  | 'is-directory'
  | 'no-permission'
  | 'busy'
  | 'write-failed'
  /** The package editor cannot follow the file's structure: refused rather than written lossily. */
  | 'unsupported-package'
  /** The output's extension is not the one of the workbook's kind (an .xlsm saved as .xlsx). */
  | 'wrong-extension';

export class WorkbookWriteError extends Error {
  readonly reason: WriteFailureReason;
  readonly path: string;
  constructor(reason: WriteFailureReason, message: string, path: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'WorkbookWriteError';
    this.reason = reason;
    this.path = path;
  }
}

/**
 * Checks outPath, makes the file's bytes, writes them to a temporary file beside outPath and renames it
 * over outPath, so a crash or a full disk never leaves a truncated workbook. Refuses to overwrite
 * `inputPath`. A PatchUnsupportedError from `produce` is passed on as it is (see unsupportedPackageError).
 */
export async function saveBytesAtomic(produce: () => Promise<Buffer>, outPath: string, opts: { inputPath?: string } = {}): Promise<void> {
  const out = nodePath.resolve(outPath);
  if (opts.inputPath !== undefined && (await sameFile(opts.inputPath, out))) {
    throw new WorkbookWriteError('same-as-input', `输出文件不能与输入文件相同，请另选一个文件名：${outPath}`, outPath);
  }
  const dir = nodePath.dirname(out);
  const dirStat = await fsp.stat(dir).catch(() => undefined);
  if (!dirStat || !dirStat.isDirectory()) {
    throw new WorkbookWriteError('dir-not-found', `输出文件夹不存在：${dir}`, outPath);
  }
  const outStat = await fsp.stat(out).catch(() => undefined);
  if (outStat?.isDirectory()) {
    throw new WorkbookWriteError('is-directory', `输出路径是一个文件夹，请指定文件名：${outPath}`, outPath);
  }

  let data: Buffer;
  try {
    data = await produce();
  } catch (e) {
    if (e instanceof PatchUnsupportedError) throw e;
    throw new WorkbookWriteError('write-failed', `无法生成 .xlsx 文件内容：${outPath}`, outPath, e);
  }

  const tmp = nodePath.join(dir, `.${nodePath.basename(out)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fh = await fsp.open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, out);
  } catch (e) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      // On Windows a file open in Excel fails the rename with EPERM.
      throw new WorkbookWriteError('no-permission', `没有写入权限，或文件正被 Excel 打开：${outPath}`, outPath, e);
    }
    if (code === 'EBUSY') throw new WorkbookWriteError('busy', `文件正被其他程序占用，无法写入：${outPath}`, outPath, e);
    if (code === 'ENOSPC') throw new WorkbookWriteError('write-failed', `磁盘空间不足，无法写入：${outPath}`, outPath, e);
    throw new WorkbookWriteError('write-failed', `无法写入文件：${outPath}`, outPath, e);
  }
}

/** Same path after resolving, or the same file on disk (symlinks, hard links, case-insensitive names). */
async function sameFile(inputPath: string, out: string): Promise<boolean> {
  const input = nodePath.resolve(inputPath);
  if (input === out) return true;
  const [a, b] = await Promise.all([fsp.stat(input).catch(() => undefined), fsp.stat(out).catch(() => undefined)]);
  return Boolean(a && b && a.dev === b.dev && a.ino === b.ino && a.ino !== 0);
}

/**
 * What the package editor could not follow, in words for the user. The editor's reasons are terse
 * English (package/xml.ts, zip.ts, sheet-xml.ts, …); one it has not been taught here is given as it is.
 * `sheet`: a reason found inside one worksheet's part, said after 工作表「…」中的.
 */
const UNSUPPORTED: { re: RegExp; sheet?: true; say: (m: RegExpExecArray) => string }[] = [
  { re: /^ZIP64$/, say: () => '文件是 ZIP64 格式的压缩包' },
  { re: /^data before the archive/, say: () => '压缩包之前或部件之间有多余的数据' },
  { re: /^(no end of central directory|bad central directory|bad local header|entry overlaps the directory|entry count differs from the directory)$/, say: () => '压缩包的目录结构异常' },
  { re: /^encrypted entry$/, say: () => '压缩包中有加密的条目' },
  { re: /^compression method (\d+)$/, say: (m) => `压缩包使用了不支持的压缩方式（${m[1]}）` },
  { re: /^missing part (.+)$/, say: (m) => `缺少部件「${m[1]}」` },
  { re: /^UTF-16 part (.+)$/, say: (m) => `部件「${m[1]}」使用 UTF-16 编码` },
  { re: /^DTD in (.+)$/, say: (m) => `部件「${m[1]}」含有 DTD 声明` },
  { re: /^sheet (.+) not found$/, say: (m) => `找不到工作表「${m[1]}」的部件` },
  { re: /^no styles part$/, say: () => '缺少样式部件（styles.xml），无法写入新的数字格式' },
  { re: /^no cell formats$/, say: () => '样式部件中没有单元格格式（cellXfs）' },
  { re: /^no styleSheet$/, say: () => '样式部件中没有 styleSheet 元素' },
  { re: /^no workbook element$/, say: () => '工作簿部件中没有 workbook 元素' },
  { re: /^no sheets$/, say: () => '工作簿部件中没有 sheets 元素' },
  { re: /^not well-formed/, say: () => '部件的 XML 格式不正确' },
  { re: /^(unterminated markup|unterminated processing instruction|unterminated tag|bad tag|'<' inside the tag)/, say: () => '部件中有不完整的 XML 标记' },
  { re: /^undeclared entity (.+)$/, say: (m) => `部件中有未声明的实体 ${m[1]}` },
  { re: /^rows out of order$/, sheet: true, say: () => '行没有按行号顺序存放' },
  { re: /^cells out of order$/, sheet: true, say: () => '单元格没有按列的顺序存放' },
  { re: /^cell (\S+) in row (\d+)$/, sheet: true, say: (m) => `单元格 ${m[1]} 存放在第 ${m[2]} 行中` },
  { re: /^bad cell reference (.*)$/, sheet: true, say: (m) => `单元格引用「${m[1]}」无效` },
  { re: /^unexpected <(.+)> in (sheetData|row)$/, sheet: true, say: (m) => `<${m[1]}> 元素出现在不应出现的位置` },
  { re: /^unexpected end tag in row$/, sheet: true, say: () => '行有多余的结束标记' },
  { re: /^sheetData not closed$/, sheet: true, say: () => '单元格数据（sheetData）没有结束标记' },
  { re: /^<(.+)> (?:is )?not closed$/, sheet: true, say: (m) => `<${m[1]}> 元素没有结束标记` },
  { re: /^no sheetData$/, sheet: true, say: () => '单元格数据（sheetData）缺失' },
  { re: /^overlapping edits$/, sheet: true, say: () => '单元格的修改位置相互重叠' },
];

/** Whether the editor's reason lies inside a worksheet's part (so that naming the sheet helps). */
export function isSheetLevel(e: PatchUnsupportedError): boolean {
  return UNSUPPORTED.some((u) => u.sheet && u.re.test(e.message));
}

/** The editor's reason in Chinese; `sheet`: the worksheet whose part it could not edit, when known. */
export function unsupportedReason(e: PatchUnsupportedError, sheet?: string): string {
  const where = sheet === undefined ? '' : `工作表「${sheet}」中的`;
  for (const u of UNSUPPORTED) {
    const m = u.re.exec(e.message);
    if (m) return (u.sheet ? where : '') + u.say(m);
  }
  return sheet === undefined ? `文件的结构无法识别（${e.message}）` : `工作表「${sheet}」的结构无法识别（${e.message}）`;
}

/**
 * The refusal of a package the editor cannot follow: what it could not follow, and that nothing was
 * written (rewriting the whole file would lose charts, drawings, printer settings and macros).
 */
export function unsupportedPackageError(e: PatchUnsupportedError, outPath: string, sheet?: string): WorkbookWriteError {
  return new WorkbookWriteError(
    'unsupported-package',
    `无法原样修改此文件（${unsupportedReason(e, sheet)}），为免丢失图表、宏、打印设置等内容，未写入任何文件（输出文件：${outPath}）。可在 Excel 中打开并另存后再试`,
    outPath,
    e,
  );
}

/**
 * The kind of a workbook package, from its workbook part's content type. The package editor copies
 * the content type (and vbaProject.bin) as they are, so the output must carry this kind's extension:
 * Excel refuses a file whose extension does not match its content type.
 */
export type WorkbookKind = 'xlsx' | 'xlsm' | 'xltx' | 'xltm' | 'xlam';

export const KIND_EXTENSION: Record<WorkbookKind, string> = { xlsx: '.xlsx', xlsm: '.xlsm', xltx: '.xltx', xltm: '.xltm', xlam: '.xlam' };
export const KIND_NAME: Record<WorkbookKind, string> = {
  xlsx: 'Excel 工作簿',
  xlsm: '启用宏的工作簿',
  xltx: 'Excel 模板',
  xltm: '启用宏的模板',
  xlam: 'Excel 加载宏',
};

const MAIN_CONTENT_TYPES: [RegExp, WorkbookKind][] = [
  [/^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet\.main\+xml$/i, 'xlsx'],
  [/^application\/vnd\.ms-excel\.sheet\.macroEnabled\.main\+xml$/i, 'xlsm'],
  [/^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.template\.main\+xml$/i, 'xltx'],
  [/^application\/vnd\.ms-excel\.template\.macroEnabled\.main\+xml$/i, 'xltm'],
  [/^application\/vnd\.ms-excel\.addin\.macroEnabled\.main\+xml$/i, 'xlam'],
];

/** [Content_Types].xml lists one line per part: a few hundred KB for 20,000 parts. Larger is not read. */
const MAX_CONTENT_TYPES_BYTES = 4 * 1024 * 1024;

/**
 * The kind of the workbook package in `buf`, from [Content_Types].xml; undefined when the package
 * cannot be read this way (not a zip, ZIP64, no content types, none of a workbook).
 */
export function packageKind(buf: Uint8Array): WorkbookKind | undefined {
  try {
    const zip = readZip(buf);
    const item = zip.items.find((i) => i.name.replace(/^\//, '').toLowerCase() === '[content_types].xml');
    if (!item || item.uncompressedSize > MAX_CONTENT_TYPES_BYTES) return undefined;
    const xml = new TextDecoder('utf-8').decode(entryData(zip, item));
    for (const m of xml.matchAll(/ContentType\s*=\s*(["'])(.*?)\1/g)) {
      for (const [re, kind] of MAIN_CONTENT_TYPES) if (re.test(m[2].trim())) return kind;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** The kind a file's name claims (.xlsm, .xltx, …); an .xlsx for any other name (.xlsx, .et, .xls, .csv). */
export function kindOfName(path: string): WorkbookKind {
  const ext = nodePath.extname(path).toLowerCase();
  return (Object.keys(KIND_EXTENSION) as WorkbookKind[]).find((k) => KIND_EXTENSION[k] === ext) ?? 'xlsx';
}

/** A refusal when `outPath` does not end with the extension of `kind` (compared without regard to case). */
export function extensionProblem(kind: WorkbookKind, outPath: string): WorkbookWriteError | undefined {
  const want = KIND_EXTENSION[kind];
  const ext = nodePath.extname(outPath);
  if (ext.toLowerCase() === want) return undefined;
  const suggested = outPath.slice(0, outPath.length - ext.length) + want;
  return new WorkbookWriteError(
    'wrong-extension',
    `输出文件的扩展名与工作簿的类型不符：输入是${KIND_NAME[kind]}（${want}），输出文件也须以 ${want} 结尾，例如「${suggested}」，否则 Excel 无法打开；未写入任何文件：${outPath}`,
    outPath,
  );
}

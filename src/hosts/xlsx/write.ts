// Writes change sets into an ExcelJS workbook, and saves files without ever leaving a half-written one.
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';
import type * as ExcelJS from 'exceljs';
import type { Change, ChangeSet } from '../../core/changes/changeset';
import type { CellState, Scalar } from '../../core/grid/types';
import { isErrorValue } from '../../core/grid/types';
import { slideReferences } from './package/formula';
import { PatchUnsupportedError } from './package/xml';

const T_MERGE = 1;
const T_FORMULA = 6;

/**
 * Writes each change's `after` state (value, formula with its cached result, number format).
 * Every change is checked first, so a bad change set leaves the workbook untouched.
 * Fonts, fills, borders and alignment of the cells are kept.
 */
export function applyToExcel(excel: ExcelJS.Workbook, cs: ChangeSet): void {
  const sheets = new Map<string, ExcelJS.Worksheet>();
  for (const ws of excel.worksheets) sheets.set(ws.name, ws);
  const targets: ExcelJS.Cell[] = [];
  for (const ch of cs.changes) {
    const ws = sheets.get(ch.sheet);
    if (!ws) throw CHANGE_REFUSED.noSheet(ch);
    checkState(ch);
    const cell = ws.getCell(ch.row + 1, ch.col + 1);
    // ExcelJS would silently redirect such a write to the merged area's top-left cell.
    if ((cell.type as number) === T_MERGE) throw CHANGE_REFUSED.hiddenByMerge(ch);
    targets.push(cell);
  }
  detachSharedFormulas(sheets, cs.changes, targets);
  cs.changes.forEach((ch, i) => writeCell(targets[i], ch));
}

/** Why a change cannot be written (applyToExcel here, XlsxHost on its grid). */
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

/**
 * A shared formula's dependents are stored relative to its master cell; once the master is
 * overwritten they would be lost (or take the new formula), so give them their own formula first.
 */
function detachSharedFormulas(sheets: Map<string, ExcelJS.Worksheet>, changes: Change[], targets: ExcelJS.Cell[]): void {
  const masters = new Map<string, Set<string>>();
  targets.forEach((cell, i) => {
    if ((cell.type as number) !== T_FORMULA) return;
    const model = (cell as unknown as { _value: { model: { shareType?: string } } })._value.model;
    if (model.shareType !== 'shared') return;
    const name = changes[i].sheet;
    let set = masters.get(name);
    if (!set) masters.set(name, (set = new Set()));
    set.add(cell.address);
  });
  for (const [name, addrs] of masters) {
    const ws = sheets.get(name)!;
    const dependents: { cell: ExcelJS.Cell; formula: string; result: unknown }[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if ((cell.type as number) !== T_FORMULA) return;
        const model = (cell as unknown as { _value: { model: { sharedFormula?: string } } })._value.model;
        if (model.sharedFormula && addrs.has(model.sharedFormula)) {
          // Translate while the master still holds the original formula; string literals stay as they are.
          const formula = slideReferences(ws.getCell(model.sharedFormula).formula, model.sharedFormula, cell.address);
          dependents.push({ cell, formula, result: cell.result });
        }
      }),
    );
    for (const d of dependents) d.cell.value = { formula: d.formula, result: d.result } as ExcelJS.CellFormulaValue;
  }
}

function writeCell(cell: ExcelJS.Cell, ch: Change): void {
  const st: CellState = ch.after;
  if (st.f !== undefined) {
    const result = st.v === null ? undefined : toExcelValue(st.v);
    cell.value = { formula: st.f.replace(/^=/, ''), result } as ExcelJS.CellFormulaValue;
  } else {
    cell.value = toExcelValue(st.v) as ExcelJS.CellValue;
  }
  if (st.fmt !== undefined) setNumFmt(cell, st.fmt);
  else if (ch.before.fmt !== undefined) setNumFmt(cell, undefined);
}

function toExcelValue(v: Scalar): ExcelJS.CellValue | ExcelJS.CellErrorValue {
  if (isErrorValue(v)) return { error: v.error } as ExcelJS.CellErrorValue;
  return v;
}

/** ExcelJS shares one style object between all cells of a style: replace it, never mutate it. */
function setNumFmt(cell: ExcelJS.Cell, fmt: string | undefined): void {
  const style = { ...(cell.style ?? {}) } as Partial<ExcelJS.Style>;
  if (fmt === undefined || fmt === 'General') delete style.numFmt;
  else style.numFmt = fmt;
  cell.style = style;
}

export type WriteFailureReason = 'same-as-input' | 'dir-not-found' | 'is-directory' | 'no-permission' | 'busy' | 'write-failed';

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
 * Writes the workbook (as ExcelJS writes it) to outPath atomically; refuses to overwrite `inputPath`.
 * The CLI saves through saveBytesAtomic with the input package edited in place (package/edit.ts);
 * this whole rewrite is its fallback.
 */
export async function saveXlsxAtomic(
  excel: ExcelJS.Workbook,
  outPath: string,
  opts: { inputPath?: string } = {},
): Promise<void> {
  await saveBytesAtomic(async () => Buffer.from(await withPageSetupKept(excel, () => excel.xlsx.writeBuffer())), outPath, opts);
}

/**
 * Checks outPath, makes the file's bytes, writes them to a temporary file beside outPath and renames it
 * over outPath, so a crash or a full disk never leaves a truncated workbook. Refuses to overwrite
 * `inputPath`. A PatchUnsupportedError from `produce` is passed on as it is, for the caller's fallback.
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

/**
 * ExcelJS writes useFirstPageNumber="1" whenever firstPageNumber is set, and sets it (to 1) on every
 * sheet it reads: pages numbered automatically (continuing from sheet to sheet) would come out
 * restarting at 1 on every sheet. Adjusted for the write only.
 */
async function withPageSetupKept<T>(excel: ExcelJS.Workbook, write: () => Promise<T>): Promise<T> {
  const undo: (() => void)[] = [];
  for (const ws of excel.worksheets) {
    const ps = ws.pageSetup as unknown as { useFirstPageNumber?: boolean; firstPageNumber?: number } | undefined;
    if (!ps) continue;
    if (ps.useFirstPageNumber === false && ps.firstPageNumber !== undefined) {
      const n = ps.firstPageNumber;
      ps.firstPageNumber = undefined;
      undo.push(() => (ps.firstPageNumber = n));
    }
  }
  try {
    return await write();
  } finally {
    for (const u of undo) u();
  }
}

/** Same path after resolving, or the same file on disk (symlinks, hard links, case-insensitive names). */
async function sameFile(inputPath: string, out: string): Promise<boolean> {
  const input = nodePath.resolve(inputPath);
  if (input === out) return true;
  const [a, b] = await Promise.all([fsp.stat(input).catch(() => undefined), fsp.stat(out).catch(() => undefined)]);
  return Boolean(a && b && a.dev === b.dev && a.ino === b.ino && a.ino !== 0);
}

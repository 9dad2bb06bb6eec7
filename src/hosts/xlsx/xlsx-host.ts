// The CLI's host: an .xlsx file read into the grid model, kept in step with every write. Saving edits
// the file's own package (package/edit.ts), so what no library reads or writes is kept.
import type * as ExcelJS from 'exceljs';
import { applyChangeSet, type Change, type ChangeSet } from '../../core/changes/changeset';
import { MergeIndex } from '../../core/grid/sheet';
import type { Workbook } from '../../core/grid/types';
import type { Host } from '../host';
import { patchPackage } from './package/edit';
import { PatchUnsupportedError } from './package/xml';
import { loadXlsx, loadXlsxBuffer, type LoadedXlsx } from './read';
import { applyToExcel, CHANGE_REFUSED, checkState, saveBytesAtomic, saveXlsxAtomic } from './write';

/** Said (on stderr, and in a batch's summary) when the file had to be written by ExcelJS instead. */
export const REWRITE_NOTE = '此文件的结构无法原样保留，已整体重新生成：单元格的值、公式和格式不变，个别 Excel 专有设置（如默认字体、局部名称）可能丢失';

export class XlsxHost implements Host {
  /** Every change written since opening, in order. */
  private readonly written: Change[] = [];
  private readonly saveNotes: string[] = [];
  private readonly grid: Workbook;

  private constructor(
    /** The file it was opened from, if any: save() refuses to overwrite it. */
    readonly path: string | undefined,
    private readonly loaded: LoadedXlsx,
  ) {
    this.grid = loaded.workbook;
  }

  /** Throws WorkbookReadError with a Chinese message for a missing, encrypted, .xls or broken file. */
  static async open(path: string): Promise<XlsxHost> {
    return new XlsxHost(path, await loadXlsx(path));
  }

  static async fromBuffer(buf: Buffer): Promise<XlsxHost> {
    return new XlsxHost(undefined, await loadXlsxBuffer(buf));
  }

  /** What was repaired while reading (e.g. overlapping merged areas dropped), then anything saving had to give up: one Chinese sentence each. */
  get notes(): readonly string[] {
    return [...this.loaded.notes, ...this.saveNotes];
  }

  /** The workbook as ExcelJS reads it, with every change written so far (loaded on each call). */
  async excel(): Promise<ExcelJS.Workbook> {
    const excel = await this.loaded.excel();
    applyToExcel(excel, { changes: this.written });
    return excel;
  }

  /** The grid model read at open time, updated by applyChanges (the same object each call). */
  async readWorkbook(): Promise<Workbook> {
    return this.grid;
  }

  /** Checks the whole set first, so a rejected set changes nothing. */
  async applyChanges(cs: ChangeSet): Promise<void> {
    checkChanges(this.grid, cs);
    applyChangeSet(this.grid, cs);
    this.written.push(...cs.changes);
  }

  /**
   * Atomic write to outPath; never over the file this host was opened from. The input package is
   * edited in place; a package that cannot be (see PatchUnsupportedError) is written whole by ExcelJS.
   */
  async save(outPath: string): Promise<void> {
    try {
      await saveBytesAtomic(() => patchPackage(this.loaded.source, this.written, { mergeRepairs: this.loaded.mergeRepairs }), outPath, { inputPath: this.path });
    } catch (e) {
      if (!(e instanceof PatchUnsupportedError)) throw e;
      await saveXlsxAtomic(await this.excel(), outPath, { inputPath: this.path });
      if (!this.saveNotes.includes(REWRITE_NOTE)) this.saveNotes.push(REWRITE_NOTE);
    }
  }
}

/** What applyToExcel refuses, checked on the grid: an unknown sheet, a non-finite number, a cell a merged area hides. */
function checkChanges(grid: Workbook, cs: ChangeSet): void {
  const merges = new Map<string, MergeIndex>();
  for (const ch of cs.changes) {
    const sheet = grid.sheets.find((s) => s.name === ch.sheet);
    if (!sheet) throw CHANGE_REFUSED.noSheet(ch);
    checkState(ch);
    let index = merges.get(sheet.name);
    if (!index) merges.set(sheet.name, (index = new MergeIndex(sheet.merges)));
    const area = index.areaOf(ch.row, ch.col);
    if (area && (area.r0 !== ch.row || area.c0 !== ch.col)) throw CHANGE_REFUSED.hiddenByMerge(ch);
  }
}

// The CLI's host: an .xlsx file loaded with ExcelJS, its grid model kept in step with every write.
// Saving edits the file's own package (patch/package.ts), so what ExcelJS cannot read or write is kept.
import type * as ExcelJS from 'exceljs';
import { applyChangeSet, type Change, type ChangeSet } from '../../core/changes/changeset';
import type { Workbook } from '../../core/grid/types';
import type { Host } from '../host';
import { patchPackage } from './patch/package';
import { PatchUnsupportedError } from './patch/xml';
import { loadXlsx, loadXlsxBuffer, type LoadedXlsx } from './read';
import { applyToExcel, saveBytesAtomic, saveXlsxAtomic } from './write';

/** Said (on stderr, and in a batch's summary) when the file had to be written by ExcelJS instead. */
export const REWRITE_NOTE = '此文件的结构无法原样保留，已整体重新生成：单元格的值、公式和格式不变，个别 Excel 专有设置（如默认字体、局部名称）可能丢失';

export class XlsxHost implements Host {
  /** Every change written since opening, in order. */
  private readonly written: Change[] = [];
  private readonly readNotes: string[];
  private readonly saveNotes: string[] = [];

  private constructor(
    /** The file it was opened from, if any: save() refuses to overwrite it. */
    readonly path: string | undefined,
    loaded: LoadedXlsx,
  ) {
    this.excel = loaded.excel;
    this.grid = loaded.workbook;
    this.source = loaded.source;
    this.readNotes = loaded.notes;
    this.mergeRepairs = loaded.mergeRepairs;
  }

  readonly excel: ExcelJS.Workbook;
  private readonly grid: Workbook;
  private readonly source: Buffer;
  private readonly mergeRepairs: Map<string, string[]>;

  /** Throws WorkbookReadError with a Chinese message for a missing, encrypted, .xls or broken file. */
  static async open(path: string): Promise<XlsxHost> {
    return new XlsxHost(path, await loadXlsx(path));
  }

  static async fromBuffer(buf: Buffer): Promise<XlsxHost> {
    return new XlsxHost(undefined, await loadXlsxBuffer(buf));
  }

  /** What was repaired while reading (e.g. overlapping merged areas dropped), then anything saving had to give up: one Chinese sentence each. */
  get notes(): readonly string[] {
    return [...this.readNotes, ...this.saveNotes];
  }

  /** The grid model read at open time, updated by applyChanges (the same object each call). */
  async readWorkbook(): Promise<Workbook> {
    return this.grid;
  }

  async applyChanges(cs: ChangeSet): Promise<void> {
    // applyToExcel checks the whole set before writing, so a rejected set changes neither side.
    applyToExcel(this.excel, cs);
    applyChangeSet(this.grid, cs);
    this.written.push(...cs.changes);
  }

  /**
   * Atomic write to outPath; never over the file this host was opened from. The input package is
   * edited in place; a package that cannot be (see PatchUnsupportedError) is written whole by ExcelJS.
   */
  async save(outPath: string): Promise<void> {
    try {
      await saveBytesAtomic(() => patchPackage(this.source, this.written, { mergeRepairs: this.mergeRepairs }), outPath, { inputPath: this.path });
    } catch (e) {
      if (!(e instanceof PatchUnsupportedError)) throw e;
      await saveXlsxAtomic(this.excel, outPath, { inputPath: this.path });
      if (!this.saveNotes.includes(REWRITE_NOTE)) this.saveNotes.push(REWRITE_NOTE);
    }
  }
}

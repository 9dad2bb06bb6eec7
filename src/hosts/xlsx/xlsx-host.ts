// The CLI's host: an .xlsx file loaded with ExcelJS, its grid model kept in step with every write.
import type * as ExcelJS from 'exceljs';
import { applyChangeSet, type ChangeSet } from '../../core/changes/changeset';
import type { Workbook } from '../../core/grid/types';
import type { Host } from '../host';
import { loadXlsx, loadXlsxBuffer } from './read';
import { applyToExcel, saveXlsxAtomic } from './write';

export class XlsxHost implements Host {
  private constructor(
    /** The file it was opened from, if any: save() refuses to overwrite it. */
    readonly path: string | undefined,
    readonly excel: ExcelJS.Workbook,
    private readonly grid: Workbook,
    /** What was repaired while reading (e.g. overlapping merged areas dropped): one Chinese sentence each. */
    readonly notes: readonly string[] = [],
  ) {}

  /** Throws WorkbookReadError with a Chinese message for a missing, encrypted, .xls or broken file. */
  static async open(path: string): Promise<XlsxHost> {
    const { workbook, excel, notes } = await loadXlsx(path);
    return new XlsxHost(path, excel, workbook, notes);
  }

  static async fromBuffer(buf: Buffer): Promise<XlsxHost> {
    const { workbook, excel, notes } = await loadXlsxBuffer(buf);
    return new XlsxHost(undefined, excel, workbook, notes);
  }

  /** The grid model read at open time, updated by applyChanges (the same object each call). */
  async readWorkbook(): Promise<Workbook> {
    return this.grid;
  }

  async applyChanges(cs: ChangeSet): Promise<void> {
    // applyToExcel checks the whole set before writing, so a rejected set changes neither side.
    applyToExcel(this.excel, cs);
    applyChangeSet(this.grid, cs);
  }

  /** Atomic write to outPath; never over the file this host was opened from. */
  async save(outPath: string): Promise<void> {
    await saveXlsxAtomic(this.excel, outPath, { inputPath: this.path });
  }
}

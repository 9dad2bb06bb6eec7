// The CLI's host: an .xlsx file read into the grid model, kept in step with every write. Saving edits
// the file's own package (package/edit.ts), so what no library reads or writes is kept; a package the
// editor cannot follow is refused, never rewritten whole.
import { applyChangeSet, type Change, type ChangeSet } from '../../core/changes/changeset';
import { MergeIndex } from '../../core/grid/sheet';
import type { Workbook } from '../../core/grid/types';
import type { Host } from '../host';
import { patchPackage } from './package/edit';
import { PatchUnsupportedError } from './package/xml';
import { loadXlsx, loadXlsxBuffer, type LoadedXlsx } from './read';
import { CHANGE_REFUSED, checkState, extensionProblem, isSheetLevel, packageKind, saveBytesAtomic, unsupportedPackageError, type WorkbookKind } from './write';

export class XlsxHost implements Host {
  /** Every change written since opening, in order. */
  private readonly written: Change[] = [];
  private readonly grid: Workbook;
  private kindRead = false;
  private kindFound: WorkbookKind | undefined;

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

  /** What was repaired while reading (e.g. overlapping merged areas dropped): one Chinese sentence each. */
  get notes(): readonly string[] {
    return this.loaded.notes;
  }

  /** Read by ExcelJS, as the package reader does not follow the package (ZIP64, a DTD): the CLI says so. */
  get readByExcelJs(): boolean {
    return this.loaded.reader === 'exceljs';
  }

  /**
   * The package's kind from its content type (.xlsx, .xlsm, …), which a saved copy keeps; undefined
   * when the package does not say (then save() does not check the output's extension).
   */
  get kind(): WorkbookKind | undefined {
    if (!this.kindRead) {
      this.kindFound = packageKind(this.loaded.source);
      this.kindRead = true;
    }
    return this.kindFound;
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
   * edited in place. A package the editor cannot follow (PatchUnsupportedError) is refused with a
   * WorkbookWriteError ('unsupported-package') naming what it could not follow; an outPath whose
   * extension is not the package's kind's ('wrong-extension') too. Nothing is written then.
   */
  async save(outPath: string): Promise<void> {
    const kind = this.kind;
    const wrong = kind && extensionProblem(kind, outPath);
    if (wrong) throw wrong;
    const patch = (changes: readonly Change[], mergeRepairs: ReadonlyMap<string, readonly string[]> = this.loaded.mergeRepairs) => patchPackage(this.loaded.source, changes, { mergeRepairs });
    try {
      await saveBytesAtomic(() => patch(this.written), outPath, { inputPath: this.path });
    } catch (e) {
      if (!(e instanceof PatchUnsupportedError)) throw e;
      throw unsupportedPackageError(e, outPath, isSheetLevel(e) ? await this.sheetRefused(patch) : undefined);
    }
  }

  /** The first sheet whose own changes the editor refuses (only asked once saving has failed). */
  private async sheetRefused(patch: (changes: readonly Change[], repairs: ReadonlyMap<string, readonly string[]>) => Promise<Buffer>): Promise<string | undefined> {
    const repairs = this.loaded.mergeRepairs;
    const names = [...new Set([...this.written.map((c) => c.sheet), ...repairs.keys()])];
    for (const name of names) {
      const kept = repairs.get(name);
      try {
        await patch(this.written.filter((c) => c.sheet === name), kept ? new Map([[name, kept]]) : new Map());
      } catch (e) {
        if (e instanceof PatchUnsupportedError) return name;
      }
    }
    return undefined;
  }
}

/** What cannot be written, checked on the grid before anything is: an unknown sheet, a non-finite number, a cell a merged area hides. */
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

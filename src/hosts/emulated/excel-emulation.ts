// An in-memory emulation of the part of the Excel JavaScript API (and window.Office) the add-in's
// Office host uses, held over a grid-model Workbook: the workbench and browser tests run the same
// host code as production. No DOM, no Node: plain TypeScript for jest and the browser.
//
// Semantics worth knowing (each as real Excel, unless marked "emulation"):
// - Proxies queue; context.sync() runs the queue in order. A failing operation leaves the earlier
//   ones applied; payload limit and cell-edit mode reject before anything runs. Loaded values of a
//   failed sync are not delivered. Excel.run syncs whatever the batch left queued.
// - Methods returning objects (getItem, getRange, getUsedRangeOrNullObject…) are instantiated at
//   their place in the queue: getItem('missing') alone fails the sync with ItemNotFound.
// - isNullObject: readable after a sync that used the object (emulation: PropertyNotLoaded before).
//   Properties of a null object read as null; writes and methods on it fail with ItemNotFound.
// - fill.color reads '#FFFFFF' for no fill and null for a mixed range; every format property
//   (font, wrapText, alignments, columnWidth, rowHeight) reads null over cells that differ.
// - worksheets.add() appends (ItemAlreadyExists for a taken name); worksheet.delete() refuses the
//   last visible sheet; objects on a deleted sheet fail with ItemNotFound.
// - autofitRows() estimates heights from font size, wrap and column width (emulation).
// - Calculation is automatic: the formulas a write reaches are recomputed before the next read and at
//   the end of the sync, with the core's exact evaluator; one it cannot evaluate keeps its cached
//   result (emulation: Excel would compute it). See calc.ts and formulaEvaluator.
// - mergeUndoGroup (ExcelApi ≥ 1.20): the run's writes (cells, fills, formats, sizes, sheets
//   added or deleted) become one EmulatedWorkbook.undoStack entry; below 1.20 the option is
//   ignored. Writes outside a group clear the undo stack.
import { EmulatedOfficeError, ErrorCodes, officeError } from './errors';
import { createOfficeNamespace, type OfficeLike, type OfficeNamespaceOptions } from './office';
import { EmulatedClientObject, EmulatedRequestContext } from './proxies';
import type { EmulatedWorkbook } from './state';
import { versionAtLeast } from './util';

export { EmulatedOfficeError, ErrorCodes, type OfficeErrorDebugInfo } from './errors';
export {
  EmulatedWorkbook,
  type EmulationStats,
  type FormulaEvaluator,
  type SheetSnapshot,
  type UndoGroup,
  type UndoStep,
  type ViewState,
} from './state';
export type { CellFormat, FontDefaults, HorizontalAlignment, VerticalAlignment } from './formats';
export {
  EmulatedClientObject,
  EmulatedRequestContext,
  CollectionProxy,
  RangeAreasProxy,
  RangeCollectionProxy,
  RangeFillProxy,
  RangeFontProxy,
  RangeFormatProxy,
  RangeProxy,
  WorkbookProxy,
  WorksheetCollectionProxy,
  WorksheetProtectionProxy,
  WorksheetProxy,
  type LoadSpec,
  type SheetVisibility,
} from './proxies';
export type { ExcelScalar, ValueType } from './cells';
export { createOfficeNamespace, type OfficeLike, type OfficeNamespaceOptions, type SettingsLike, type AsyncResult } from './office';

/** Excel.RunOptions. */
export interface RunOptions {
  /** ExcelApi 1.11: wait for cell-edit mode to end instead of failing the sync. */
  delayForCellEdit?: boolean;
  /** ExcelApi 1.20: the run's writes become one undo step (EmulatedWorkbook.undo()). */
  mergeUndoGroup?: boolean;
  /** Run on the context of these objects (as Excel.run(object, batch)). */
  previousObjects?: EmulatedClientObject | EmulatedClientObject[] | EmulatedRequestContext;
}

export type Batch<T> = (context: EmulatedRequestContext) => Promise<T>;

export interface ExcelLike {
  run<T>(batch: Batch<T>): Promise<T>;
  run<T>(options: RunOptions, batch: Batch<T>): Promise<T>;
  run<T>(object: EmulatedClientObject | EmulatedClientObject[] | EmulatedRequestContext, batch: Batch<T>): Promise<T>;
  readonly ErrorCodes: typeof ErrorCodes;
  readonly SheetVisibility: { readonly visible: 'Visible'; readonly hidden: 'Hidden'; readonly veryHidden: 'VeryHidden' };
  readonly VerticalAlignment: {
    readonly top: 'Top';
    readonly center: 'Center';
    readonly bottom: 'Bottom';
    readonly justify: 'Justify';
    readonly distributed: 'Distributed';
  };
  readonly HorizontalAlignment: {
    readonly general: 'General';
    readonly left: 'Left';
    readonly center: 'Center';
    readonly right: 'Right';
    readonly fill: 'Fill';
    readonly justify: 'Justify';
    readonly centerAcrossSelection: 'CenterAcrossSelection';
    readonly distributed: 'Distributed';
  };
  readonly RangeValueType: {
    readonly unknown: 'Unknown';
    readonly empty: 'Empty';
    readonly string: 'String';
    readonly integer: 'Integer';
    readonly double: 'Double';
    readonly boolean: 'Boolean';
    readonly error: 'Error';
    readonly richValue: 'RichValue';
  };
}

export interface ExcelNamespaceOptions {
  /** ExcelApi version of the emulated host; default '1.13'. Gates RunOptions and newer methods. */
  apiVersion?: string;
}

function contextOf(o: unknown): EmulatedRequestContext | null {
  if (o instanceof EmulatedRequestContext) return o;
  if (o instanceof EmulatedClientObject) return o.context;
  if (Array.isArray(o) && o.length > 0 && o[0] instanceof EmulatedClientObject) return o[0].context;
  return null;
}

export function createExcelNamespace(book: EmulatedWorkbook, opts: ExcelNamespaceOptions = {}): ExcelLike {
  const apiVersion = opts.apiVersion ?? '1.13';

  async function run(first: unknown, second?: unknown): Promise<unknown> {
    const batch = (second === undefined ? first : second) as unknown;
    if (typeof batch !== 'function') throw officeError(ErrorCodes.invalidArgument, 'Excel.run');
    let ctx = second === undefined ? null : contextOf(first);
    if (!ctx) {
      const options = (second === undefined ? {} : (first ?? {})) as RunOptions;
      ctx = contextOf(options.previousObjects);
      if (!ctx) {
        ctx = new EmulatedRequestContext(book, {
          apiVersion,
          // Hosts older than 1.20 do not know the option and ignore it: no undo group.
          mergeUndoGroup: options.mergeUndoGroup === true && versionAtLeast(apiVersion, '1.20'),
          delayForCellEdit: options.delayForCellEdit === true && versionAtLeast(apiVersion, '1.11'),
        });
      }
    }
    const pending = (batch as (c: EmulatedRequestContext) => unknown)(ctx);
    if (!pending || typeof (pending as Promise<unknown>).then !== 'function') {
      throw officeError(ErrorCodes.runMustReturnPromise, 'Excel.run');
    }
    const result = await pending;
    // Office.js sends whatever the batch queued but did not sync.
    if (ctx._queue.length > 0) await ctx.sync();
    return result;
  }

  return {
    run: run as ExcelLike['run'],
    ErrorCodes,
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    VerticalAlignment: { top: 'Top', center: 'Center', bottom: 'Bottom', justify: 'Justify', distributed: 'Distributed' },
    HorizontalAlignment: {
      general: 'General',
      left: 'Left',
      center: 'Center',
      right: 'Right',
      fill: 'Fill',
      justify: 'Justify',
      centerAcrossSelection: 'CenterAcrossSelection',
      distributed: 'Distributed',
    },
    RangeValueType: {
      unknown: 'Unknown',
      empty: 'Empty',
      string: 'String',
      integer: 'Integer',
      double: 'Double',
      boolean: 'Boolean',
      error: 'Error',
      richValue: 'RichValue',
    },
  };
}

/** Sets target.Excel, target.Office and target.OfficeExtension (e.g. on window or globalThis). */
export function install(
  target: object,
  book: EmulatedWorkbook,
  opts: OfficeNamespaceOptions = {},
): { Excel: ExcelLike; Office: OfficeLike } {
  const Excel = createExcelNamespace(book, { apiVersion: opts.apiVersion });
  const Office = createOfficeNamespace(book, opts);
  const t = target as Record<string, unknown>;
  t.Excel = Excel;
  t.Office = Office;
  t.OfficeExtension = { Error: EmulatedOfficeError, ErrorCodes };
  return { Excel, Office };
}

// The request context and proxy objects of the emulated Excel JS API. As in Office.js, proxies
// only queue work: loads, property sets and method calls run in order at context.sync(), and a
// loaded property is readable only after the sync that loaded it.
import { cellAt } from '../../core/grid/sheet';
import type { Cell, Rect, Sheet } from '../../core/grid/types';
import { MergeIndex } from '../../core/grid/sheet';
import {
  CELL_LIMIT,
  InputError,
  MAX_COLS,
  MAX_ROWS,
  SKIP,
  cellCount,
  cellFromFormat,
  cellFromInput,
  contains,
  fillKey,
  fullAddress,
  normaliseColour,
  parseA1Range,
  readFormula,
  readNumberFormat,
  readValue,
  readValueType,
  splitSheetPrefix,
  type ExcelScalar,
  type ValueType,
} from './cells';
import { EmulatedOfficeError, ErrorCodes, officeError, propertyNotLoaded } from './errors';
import {
  HORIZONTAL_ALIGNMENTS,
  VERTICAL_ALIGNMENTS,
  checkBoolean,
  checkColumnWidth,
  checkEnum,
  checkFontName,
  checkFontSize,
  checkRowHeight,
  formatDefault,
  keyOfSheet,
  lineCount,
  lineHeight,
  rowKey,
  sameFormat,
  sheetNameProblem,
  withFormat,
  MAX_ROW_HEIGHT,
  type CellFormat,
  type FormatProp,
  type HorizontalAlignment,
  type VerticalAlignment,
} from './formats';
import { calculate, type WrittenAt } from './calc';
import { readFillProperty, withFillProperty, type FillProperty } from './fill';
import { usedRect, writeModelCell, type EmulatedWorkbook, type UndoGroup, type UndoStep } from './state';
import { utf8Length, versionAtLeast } from './util';
import { columnName, rangeAddress } from '../../core/grid/address';

// ---- what a proxy stands for, once Excel has found it ----

type SheetTarget = { kind: 'sheet'; sheet: Sheet };
type RangeTarget = { kind: 'range'; sheet: Sheet; rect: Rect };
type AreasTarget = { kind: 'areas'; sheet: Sheet; rects: Rect[] };
export type Target = { kind: 'book' } | { kind: 'sheets' } | SheetTarget | RangeTarget | AreasTarget;
/** null: a null object (an *OrNullObject method found nothing, or its parent is one). */
type Resolved = Target | null;

function sheetOf(t: Target): Sheet {
  if (t.kind === 'sheet' || t.kind === 'range' || t.kind === 'areas') return t.sheet;
  throw officeError(ErrorCodes.generalException, undefined, `Not a sheet-bound object: ${t.kind}`);
}

function rangeOf(t: Target): RangeTarget {
  if (t.kind === 'range') return t;
  throw officeError(ErrorCodes.generalException, undefined, `Not a range: ${t.kind}`);
}

// ---- load specifications ----

interface LoadTree {
  all: boolean;
  props: Set<string>;
  nav: Map<string, LoadTree>;
}

/** What load() accepts: 'a,b/c', ['a', 'b/c'], { a: true, b: { c: true } }, or nothing (all scalars). */
export type LoadSpec = string | string[] | { [key: string]: unknown } | undefined;

function emptyTree(): LoadTree {
  return { all: false, props: new Set(), nav: new Map() };
}

function addPath(tree: LoadTree, path: string): void {
  const parts = path.split('/').map((p) => p.trim());
  if (parts.some((p) => p === '')) throw officeError(ErrorCodes.invalidArgument, 'ClientObject.load', `Bad load path '${path}'.`);
  let t = tree;
  for (let i = 0; i < parts.length - 1; i++) {
    let sub = t.nav.get(parts[i]);
    if (!sub) t.nav.set(parts[i], (sub = emptyTree()));
    t = sub;
  }
  const last = parts[parts.length - 1];
  if (last === '$all') t.all = true;
  else t.props.add(last);
}

function parseLoadSpec(spec: unknown): LoadTree {
  const tree = emptyTree();
  if (spec === undefined || spec === null) {
    tree.all = true;
  } else if (typeof spec === 'string' || Array.isArray(spec)) {
    const list = typeof spec === 'string' ? [spec] : spec;
    for (const item of list) {
      if (typeof item !== 'string') throw officeError(ErrorCodes.invalidArgument, 'ClientObject.load');
      for (const p of item.split(',')) if (p.trim() !== '') addPath(tree, p);
    }
    if (tree.props.size === 0 && tree.nav.size === 0) tree.all = true;
  } else if (typeof spec === 'object') {
    const o = spec as Record<string, unknown>;
    if (typeof o.select === 'string' || typeof o.expand === 'string') {
      // The older { select, expand } form.
      if (typeof o.select === 'string') for (const p of o.select.split(',')) if (p.trim()) addPath(tree, p);
      if (typeof o.expand === 'string') for (const p of o.expand.split(',')) if (p.trim()) tree.nav.set(p.trim(), { ...emptyTree(), all: true });
    } else {
      for (const [k, v] of Object.entries(o)) {
        if (k === '$all') tree.all = v === true;
        else if (k.startsWith('$')) continue; // $top / $skip: paging is not emulated
        else if (v === true) tree.props.add(k);
        else if (v && typeof v === 'object') tree.nav.set(k, parseLoadSpec(v));
      }
    }
  } else {
    throw officeError(ErrorCodes.invalidArgument, 'ClientObject.load');
  }
  return tree;
}

function collectionItemTree(tree: LoadTree): LoadTree {
  const given = tree.nav.get('items');
  const it: LoadTree = given ? { all: given.all, props: new Set(given.props), nav: new Map(given.nav) } : emptyTree();
  if (tree.all || tree.props.has('items')) it.all = true;
  // On a collection, load('name') means items/name, as in Office.js.
  for (const p of tree.props) if (p !== 'items') it.props.add(p);
  for (const [k, v] of tree.nav) if (k !== 'items') it.nav.set(k, v);
  if (!it.all && it.props.size === 0 && it.nav.size === 0) it.all = true;
  return it;
}

// ---- one sync's execution ----

interface Op {
  /** What goes over the wire (its JSON size is the request size). */
  wire: unknown;
  /** For debugInfo.statement. */
  desc: string;
  exec(x: Exec): void;
}

/** @internal The state of one sync while its operations run. */
export class Exec {
  readonly resolved = new Map<EmulatedClientObject, Resolved>();
  /** Loaded values, handed to the proxies only if the whole sync succeeds. */
  readonly staged: (() => void)[] = [];
  readonly responses: unknown[] = [];
  changed = false;
  /** Cells written by values or formulas since the last calculation. */
  private uncalculated: WrittenAt[] = [];
  constructor(readonly ctx: EmulatedRequestContext) {}

  /** A cell's contents written: the formulas it reaches are recalculated before the next read. */
  noteContents(sheet: Sheet, row: number, col: number): void {
    this.uncalculated.push({ sheet, row, col });
  }

  /** Excel's automatic calculation: run before anything is read and when the sync ends (see calc.ts). */
  calculate(): void {
    if (!this.uncalculated.length) return;
    const written = this.uncalculated;
    this.uncalculated = [];
    calculate(this.book, written, (sheet, row, col, cell) => this.writeCell(sheet, row, col, cell));
  }

  get book(): EmulatedWorkbook {
    return this.ctx._book;
  }

  resolve(obj: EmulatedClientObject): Resolved {
    let r: Resolved;
    if (obj._cache !== undefined) r = obj._cache;
    else if (this.resolved.has(obj)) r = this.resolved.get(obj) as Resolved;
    else {
      r = obj._compute(this);
      this.resolved.set(obj, r);
    }
    // An object on a deleted sheet is gone: everything that uses it fails.
    if (r !== null && 'sheet' in r && !this.book.workbook.sheets.includes(r.sheet)) {
      throw officeError(ErrorCodes.itemNotFound, obj._type, `The worksheet '${r.sheet.name}' was deleted.`);
    }
    return r;
  }

  requireApi(version: string, location: string): void {
    if (!versionAtLeast(this.ctx._opts.apiVersion, version)) throw officeError(ErrorCodes.apiNotFound, location);
  }

  /**
   * Every write goes through here: inside an undo group the step is recorded (a keyed one only at
   * its first change in the run); outside one, the undo history ends.
   */
  private record(seenKey: string | null, step: () => UndoStep): void {
    const undo = this.ctx._undoRecorder();
    if (!undo) return;
    if (seenKey !== null) {
      if (undo.seen.has(seenKey)) return;
      undo.seen.add(seenKey);
    }
    undo.group.steps.push(step());
  }

  /** A write that may turn out to change nothing: still a write for the undo history. */
  noteWrite(): void {
    this.ctx._undoRecorder();
  }

  writeCell(sheet: Sheet, row: number, col: number, cell: Cell | undefined): void {
    this.record(`cell\u0000${sheet.name}\u0000${row}\u0000${col}`, () => ({
      kind: 'cell',
      sheet: sheet.name,
      row,
      col,
      before: cellAt(sheet, row, col),
    }));
    writeModelCell(sheet, row, col, cell);
    this.changed = true;
  }

  writeFill(key: string, colour: string | undefined): void {
    const fills = this.book.fills;
    this.record(`fill\u0000${key}`, () => ({ kind: 'fill', key, before: fills.get(key) }));
    setEntry(fills, key, colour);
    this.changed = true;
  }

  writeFormat(key: string, format: CellFormat | undefined): void {
    const formats = this.book.formats;
    if (sameFormat(formats.get(key), format)) return;
    this.record(`format\u0000${key}`, () => ({ kind: 'format', key, before: formats.get(key) }));
    setEntry(formats, key, format);
    this.changed = true;
  }

  /** undefined: the standard width. */
  writeColumnWidth(key: string, width: number | undefined): void {
    const widths = this.book.columnWidths;
    if (widths.get(key) === width) return;
    this.record(`columnWidth\u0000${key}`, () => ({ kind: 'columnWidth', key, before: widths.get(key) }));
    setEntry(widths, key, width);
    this.changed = true;
  }

  /** undefined: the standard height. */
  writeRowHeight(key: string, height: number | undefined): void {
    const heights = this.book.rowHeights;
    if (heights.get(key) === height) return;
    this.record(`rowHeight\u0000${key}`, () => ({ kind: 'rowHeight', key, before: heights.get(key) }));
    setEntry(heights, key, height);
    this.changed = true;
  }

  addSheet(name: string): Sheet {
    const view = this.book.viewState();
    const sheet = this.book.appendSheet(name);
    this.record(null, () => ({ kind: 'addSheet', sheet, view }));
    this.changed = true;
    return sheet;
  }

  deleteSheet(sheet: Sheet): void {
    const view = this.book.viewState();
    const snapshot = this.book.detachSheet(sheet);
    this.record(null, () => ({ kind: 'deleteSheet', snapshot, view }));
    this.changed = true;
  }
}

function setEntry<T>(map: Map<string, T>, key: string, value: T | undefined): void {
  if (value === undefined) map.delete(key);
  else map.set(key, value);
}

function asOfficeError(e: unknown, op: Op): EmulatedOfficeError {
  const err =
    e instanceof EmulatedOfficeError
      ? e
      : new EmulatedOfficeError(ErrorCodes.generalException, undefined, undefined, e);
  if (!err.debugInfo.statement) err.debugInfo.statement = op.desc;
  return err;
}

function loadInto(obj: EmulatedClientObject, tree: LoadTree, x: Exec): Record<string, unknown> {
  const t = x.resolve(obj);
  if (obj instanceof CollectionProxy) return obj._loadItems(collectionItemTree(tree), t, x);
  const out: Record<string, unknown> = {};
  const scalars = obj._scalarProps();
  for (const name of tree.all ? scalars : [...tree.props]) {
    if (name === 'isNullObject') continue;
    if (!scalars.includes(name)) {
      // load('format') on a range: a navigation property named like a scalar loads its scalars.
      const nav = obj._navByName(name);
      if (!nav) throw unknownProperty(obj, name);
      out[name] = loadInto(nav, { ...emptyTree(), all: true }, x);
      continue;
    }
    const v = t === null ? null : obj._read(name, t, x);
    out[name] = v;
    x.staged.push(() => obj._loaded.set(name, v));
  }
  for (const [name, sub] of tree.nav) {
    const nav = obj._navByName(name);
    if (!nav) throw unknownProperty(obj, name);
    out[name] = loadInto(nav, sub, x);
  }
  return out;
}

function unknownProperty(obj: EmulatedClientObject, name: string): EmulatedOfficeError {
  return officeError(ErrorCodes.invalidArgument, `${obj._type}.load`, `The property '${name}' does not exist on ${obj._type}.`);
}

// ---- the request context ----

export interface ContextOptions {
  apiVersion: string;
  /** Effective only at ExcelApi ≥ 1.20 (Excel.run already dropped it below). */
  mergeUndoGroup: boolean;
  delayForCellEdit: boolean;
}

export class EmulatedRequestContext {
  readonly workbook: WorkbookProxy;
  /** Accepted for compatibility; the emulation needs no tracking. */
  readonly trackedObjects = { add(_o: unknown): void {}, remove(_o: unknown): void {} };
  /** @internal */ _queue: Op[] = [];
  private undoState: { group: UndoGroup; seen: Set<string> } | null = null;

  constructor(
    /** @internal */ readonly _book: EmulatedWorkbook,
    /** @internal */ readonly _opts: ContextOptions,
  ) {
    this.workbook = new WorkbookProxy(this);
  }

  /** context.load(object, props): the older spelling of object.load(props). */
  load<T extends EmulatedClientObject>(obj: T, spec?: LoadSpec): T {
    if (obj.context !== this) throw officeError(ErrorCodes.invalidRequestContext, 'RequestContext.load');
    return obj.load(spec);
  }

  /**
   * Sends the queued operations and runs them in order. A failing operation leaves the earlier
   * ones applied and rejects with its error; the payload limit and cell-edit mode reject before
   * anything runs. Loaded values become readable only when the whole sync succeeds.
   */
  async sync(): Promise<void> {
    const ops = this._queue;
    this._queue = [];
    const book = this._book;
    const stats = book.stats;
    stats.syncs += 1;
    const bytes = utf8Length(JSON.stringify(ops.map((o) => o.wire)));
    stats.requests.push({ bytes, ops: ops.length });
    stats.maxRequestBytes = Math.max(stats.maxRequestBytes, bytes);
    let responseBytes = 0;
    try {
      // A round trip: never resolve synchronously.
      await (book.latencyMs > 0 ? new Promise((r) => setTimeout(r, book.latencyMs)) : Promise.resolve());
      if (book.cellEditMode) {
        if (!this._opts.delayForCellEdit) throw officeError(ErrorCodes.invalidOperationInCellEditMode);
        await book.whenNotEditing();
      }
      if (bytes > book.payloadLimitBytes) throw officeError(ErrorCodes.requestPayloadSizeLimitExceeded);
      const x = new Exec(this);
      let failure: EmulatedOfficeError | undefined;
      for (const op of ops) {
        try {
          op.exec(x);
        } catch (e) {
          failure = asOfficeError(e, op);
          break;
        }
      }
      // The writes that ran are calculated, as Excel does after each one.
      x.calculate();
      if (x.changed) book.notifyChange();
      if (failure) throw failure;
      responseBytes = utf8Length(JSON.stringify(x.responses));
      if (responseBytes > book.payloadLimitBytes) throw officeError(ErrorCodes.responsePayloadSizeLimitExceeded);
      for (const [obj, r] of x.resolved) {
        obj._cache = r;
        obj._isNull = r === null;
      }
      for (const s of x.staged) s();
    } finally {
      stats.responseBytes.push(responseBytes);
    }
  }

  /** @internal Where writes record their before-states: one group per mergeUndoGroup run. */
  _undoRecorder(): { group: UndoGroup; seen: Set<string> } | null {
    if (!this._opts.mergeUndoGroup) {
      // API writes outside an undo group cannot be undone and end the undo history, as before 1.20.
      this._book.undoStack.length = 0;
      return null;
    }
    if (!this.undoState) {
      this.undoState = { group: { steps: [] }, seen: new Set() };
      this._book.undoStack.push(this.undoState.group);
    }
    return this.undoState;
  }
}

// ---- proxies ----

type Compute = (x: Exec) => Resolved;

function argList(args: unknown[]): string {
  return args.map((a) => JSON.stringify(a ?? null)).join(',');
}

export abstract class EmulatedClientObject {
  /** @internal Committed resolution (after the first successful sync that used it). */
  _cache: Resolved | undefined = undefined;
  /** @internal */ _isNull: boolean | undefined = undefined;
  /** @internal */ readonly _loaded = new Map<string, unknown>();
  private readonly navs = new Map<string, EmulatedClientObject>();

  constructor(
    readonly context: EmulatedRequestContext,
    /** @internal */ readonly _path: string,
    /** @internal Excel's type name, for error locations. */ readonly _type: string,
    private readonly compute: Compute,
  ) {}

  /** True if Excel found nothing (an *OrNullObject method); readable after a sync that used the object. */
  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded(this._type, 'isNullObject');
    return this._isNull;
  }

  load(spec?: LoadSpec): this {
    const tree = parseLoadSpec(spec);
    this.context._queue.push({
      wire: { A: 'Query', O: this._path, Q: spec ?? null },
      desc: `${this._path}.load(${JSON.stringify(spec ?? null)})`,
      exec: (x) => {
        x.calculate();
        x.responses.push(loadInto(this, tree, x));
      },
    });
    return this;
  }

  /** The loaded scalar properties, as Office.js proxies serialise. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this._loaded) out[k] = v;
    return out;
  }

  /** @internal */
  _compute(x: Exec): Resolved {
    return this.compute(x);
  }
  /** @internal Scalar properties load() without arguments returns. */
  _scalarProps(): readonly string[] {
    return [];
  }
  /** @internal */
  _read(name: string, _t: Target, _x: Exec): unknown {
    throw officeError(ErrorCodes.invalidArgument, `${this._type}.${name}`);
  }
  /** @internal */
  _navByName(_name: string): EmulatedClientObject | undefined {
    return undefined;
  }

  protected nav<T extends EmulatedClientObject>(name: string, make: () => T): T {
    let n = this.navs.get(name);
    if (!n) this.navs.set(name, (n = make()));
    return n as T;
  }

  protected get<T>(name: string): T {
    if (this._loaded.has(name)) return this._loaded.get(name) as T;
    if (this._isNull === true) return null as T;
    throw propertyNotLoaded(this._type, name);
  }

  /** A method returning an object: queued as an instantiation, so a bad argument fails at sync. */
  protected child<T extends EmulatedClientObject>(obj: T): T {
    this.context._queue.push({
      wire: { A: 'Instantiate', O: obj._path },
      desc: obj._path,
      exec: (x) => {
        x.resolve(obj);
      },
    });
    return obj;
  }

  protected childPath(method: string, args: unknown[]): string {
    return `${this._path}.${method}(${argList(args)})`;
  }

  /** A property set: kept locally (reading it back returns what was set, as in Office.js) and queued. */
  protected queueSet(name: string, value: unknown, apply: (t: Target, x: Exec) => void): void {
    this._loaded.set(name, value);
    this.queueAction('SetProperty', name, value, `${this._path}.${name} = …`, apply);
  }

  protected queueMethod(name: string, args: unknown[], apply: (t: Target, x: Exec) => void): void {
    this.queueAction('Method', name, args, `${this._path}.${name}(${argList(args)})`, apply);
  }

  private queueAction(kind: string, name: string, payload: unknown, desc: string, apply: (t: Target, x: Exec) => void) {
    const location = `${this._type}.${name}`;
    this.context._queue.push({
      wire: { A: kind, O: this._path, N: name, V: payload },
      desc,
      exec: (x) => {
        const t = x.resolve(this);
        if (t === null) throw officeError(ErrorCodes.itemNotFound, location);
        try {
          apply(t, x);
        } catch (e) {
          if (e instanceof InputError) {
            throw officeError(
              e.kind === 'operation' ? ErrorCodes.invalidOperation : ErrorCodes.invalidArgument,
              location,
              e.message,
            );
          }
          throw e;
        }
      },
    });
  }
}

export abstract class CollectionProxy<T extends EmulatedClientObject> extends EmulatedClientObject {
  get items(): T[] {
    return this.get<T[]>('items');
  }
  /** @internal */
  abstract _itemTargets(t: Target, x: Exec): Target[];
  /** @internal */
  abstract _makeItem(t: Target, index: number): T;

  /** @internal */
  _loadItems(itemTree: LoadTree, t: Resolved, x: Exec): Record<string, unknown> {
    if (t === null) {
      x.staged.push(() => this._loaded.set('items', []));
      return { items: [] };
    }
    const items = this._itemTargets(t, x).map((tt, i) => {
      const p = this._makeItem(tt, i);
      p._cache = tt; // found by the load itself
      p._isNull = false;
      return p;
    });
    const data = items.map((p) => loadInto(p, itemTree, x));
    x.staged.push(() => this._loaded.set('items', items));
    return { items: data };
  }
}

/** Excel.Workbook */
export class WorkbookProxy extends EmulatedClientObject {
  constructor(ctx: EmulatedRequestContext) {
    super(ctx, 'workbook', 'Workbook', () => ({ kind: 'book' }));
  }

  get worksheets(): WorksheetCollectionProxy {
    return this.nav('worksheets', () => new WorksheetCollectionProxy(this.context, `${this._path}.worksheets`));
  }

  /** The selection, or A1 of the active sheet when nothing was selected yet. */
  getSelectedRange(): RangeProxy {
    const path = this.childPath('getSelectedRange', []);
    return this.child(
      new RangeProxy(this.context, path, (x) => {
        const sel = x.book.selection ?? { sheet: x.book.activeSheet, address: 'A1' };
        const sheet = x.book.sheet(sel.sheet);
        const rect = parseA1Range(sel.address);
        if (!sheet || !rect) throw officeError(ErrorCodes.itemNotFound, 'Workbook.getSelectedRange');
        return { kind: 'range', sheet, rect };
      }),
    );
  }

  override _navByName(name: string): EmulatedClientObject | undefined {
    return name === 'worksheets' ? this.worksheets : undefined;
  }
}

export type SheetVisibility = 'Visible' | 'Hidden' | 'VeryHidden';

/** Excel.WorksheetCollection */
export class WorksheetCollectionProxy extends CollectionProxy<WorksheetProxy> {
  constructor(ctx: EmulatedRequestContext, path: string) {
    super(ctx, path, 'WorksheetCollection', () => ({ kind: 'sheets' }));
  }

  /** Case-insensitive, as Excel; fails with ItemNotFound at sync when there is no such sheet. */
  getItem(name: string): WorksheetProxy {
    return this.child(
      new WorksheetProxy(this.context, this.childPath('getItem', [name]), (x) => {
        const sheet = typeof name === 'string' ? x.book.sheet(name) : undefined;
        if (!sheet) throw officeError(ErrorCodes.itemNotFound, 'WorksheetCollection.getItem');
        return { kind: 'sheet', sheet };
      }),
    );
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return this.child(
      new WorksheetProxy(this.context, this.childPath('getItemOrNullObject', [name]), (x) => {
        x.requireApi('1.4', 'WorksheetCollection.getItemOrNullObject');
        const sheet = typeof name === 'string' ? x.book.sheet(name) : undefined;
        return sheet ? { kind: 'sheet', sheet } : null;
      }),
    );
  }

  /**
   * Adds a sheet after the last one (hidden ones included), as Excel; it is not activated. Without
   * a name Excel picks one: Sheet1, Sheet2… (one past the highest, never reusing one it gave).
   * Fails at sync with ItemAlreadyExists for a taken name (case-insensitive), InvalidArgument for
   * one Excel refuses (blank, over 31 characters, : \\ / ? * [ ], an apostrophe at either end).
   */
  add(name?: string): WorksheetProxy {
    let added: Sheet | undefined;
    return this.child(
      new WorksheetProxy(this.context, this.childPath('add', name === undefined ? [] : [name]), (x) => {
        // Added once, even when a later sync uses the proxy again (a failed sync does not commit it).
        if (added) return { kind: 'sheet', sheet: added };
        const location = 'WorksheetCollection.add';
        let sheetName: string;
        if (name === undefined || name === null) {
          sheetName = x.book.nextDefaultSheetName();
        } else {
          if (typeof name !== 'string') throw officeError(ErrorCodes.invalidArgument, location, 'A sheet name must be text.');
          const problem = sheetNameProblem(name);
          if (problem) throw officeError(ErrorCodes.invalidArgument, location, problem);
          if (x.book.sheet(name)) throw officeError(ErrorCodes.itemAlreadyExists, location);
          sheetName = name;
        }
        added = x.addSheet(sheetName);
        return { kind: 'sheet', sheet: added };
      }),
    );
  }

  getActiveWorksheet(): WorksheetProxy {
    return this.child(
      new WorksheetProxy(this.context, this.childPath('getActiveWorksheet', []), (x) => {
        const sheet = x.book.sheet(x.book.activeSheet);
        if (!sheet) throw officeError(ErrorCodes.itemNotFound, 'WorksheetCollection.getActiveWorksheet');
        return { kind: 'sheet', sheet };
      }),
    );
  }

  override _itemTargets(_t: Target, x: Exec): Target[] {
    return x.book.workbook.sheets.map((sheet) => ({ kind: 'sheet', sheet }));
  }

  override _makeItem(t: Target, _i: number): WorksheetProxy {
    const sheet = sheetOf(t);
    return new WorksheetProxy(this.context, `${this._path}.getItem(${JSON.stringify(sheet.name)})`, () => t);
  }
}

/** Excel.Worksheet */
export class WorksheetProxy extends EmulatedClientObject {
  constructor(ctx: EmulatedRequestContext, path: string, compute: Compute) {
    super(ctx, path, 'Worksheet', compute);
  }

  get id(): string {
    return this.get('id');
  }
  get name(): string {
    return this.get('name');
  }
  get position(): number {
    return this.get('position');
  }
  /** From Sheet.hidden: 'Visible' or 'Hidden' (the grid model has no very-hidden). */
  get visibility(): SheetVisibility {
    return this.get('visibility');
  }

  get protection(): WorksheetProtectionProxy {
    return this.nav(
      'protection',
      () =>
        new WorksheetProtectionProxy(this.context, `${this._path}.protection`, (x) => {
          x.requireApi('1.2', 'Worksheet.protection');
          return x.resolve(this);
        }),
    );
  }

  /** A1 or A1:C3 (an optional prefix naming this sheet is accepted); no address: the whole sheet. */
  getRange(address?: string): RangeProxy {
    return this.child(
      new RangeProxy(this.context, this.childPath('getRange', address === undefined ? [] : [address]), (x) => {
        const p = x.resolve(this);
        if (p === null) return null;
        const sheet = sheetOf(p);
        if (address === undefined || address === '') {
          return { kind: 'range', sheet, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } };
        }
        const split = typeof address === 'string' ? splitSheetPrefix(address) : null;
        const rect = split ? parseA1Range(split.ref) : null;
        const sameSheet = !split?.sheet || x.book.sheet(split.sheet) === sheet;
        if (!rect || !sameSheet) {
          throw officeError(ErrorCodes.invalidArgument, 'Worksheet.getRange', `Invalid address: ${String(address)}`);
        }
        return { kind: 'range', sheet, rect };
      }),
    );
  }

  /** 0-based, as Excel: getRangeByIndexes(startRow, startColumn, rowCount, columnCount). */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    const args = [startRow, startColumn, rowCount, columnCount];
    return this.child(
      new RangeProxy(this.context, this.childPath('getRangeByIndexes', args), (x) => {
        x.requireApi('1.7', 'Worksheet.getRangeByIndexes');
        const p = x.resolve(this);
        if (p === null) return null;
        const ok =
          args.every((n) => Number.isInteger(n)) &&
          startRow >= 0 &&
          startColumn >= 0 &&
          rowCount >= 1 &&
          columnCount >= 1 &&
          startRow + rowCount <= MAX_ROWS &&
          startColumn + columnCount <= MAX_COLS;
        if (!ok) throw officeError(ErrorCodes.invalidArgument, 'Worksheet.getRangeByIndexes');
        const rect = { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 };
        return { kind: 'range', sheet: sheetOf(p), rect };
      }),
    );
  }

  getCell(row: number, column: number): RangeProxy {
    return this.child(
      new RangeProxy(this.context, this.childPath('getCell', [row, column]), (x) => {
        const p = x.resolve(this);
        if (p === null) return null;
        if (!validCell(row, column)) throw officeError(ErrorCodes.invalidArgument, 'Worksheet.getCell');
        return { kind: 'range', sheet: sheetOf(p), rect: { r0: row, c0: column, r1: row, c1: column } };
      }),
    );
  }

  /**
   * The used range, fixed when the sync reaches this call: value and formula cells, and unless
   * valuesOnly also number-formatted cells, fills and merged areas. Null object for an empty sheet.
   */
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return this.child(
      new RangeProxy(this.context, this.childPath('getUsedRangeOrNullObject', [valuesOnly]), (x) => {
        x.requireApi('1.4', 'Worksheet.getUsedRangeOrNullObject');
        const p = x.resolve(this);
        if (p === null) return null;
        const sheet = sheetOf(p);
        const rect = usedRect(x.book, sheet, valuesOnly === true);
        return rect ? { kind: 'range', sheet, rect } : null;
      }),
    );
  }

  /** As getUsedRangeOrNullObject, but A1 for an empty sheet (as Excel). */
  getUsedRange(valuesOnly = false): RangeProxy {
    return this.child(
      new RangeProxy(this.context, this.childPath('getUsedRange', [valuesOnly]), (x) => {
        const p = x.resolve(this);
        if (p === null) return null;
        const sheet = sheetOf(p);
        const rect = usedRect(x.book, sheet, valuesOnly === true) ?? { r0: 0, c0: 0, r1: 0, c1: 0 };
        return { kind: 'range', sheet, rect };
      }),
    );
  }

  /**
   * Removes the sheet with its fills, formats, sizes and protection; objects on it fail with
   * ItemNotFound afterwards. The last visible sheet cannot go (InvalidOperation). Deleting the
   * active sheet activates the next visible one (else the previous one), as Excel.
   */
  delete(): void {
    this.queueMethod('delete', [], (t, x) => {
      // Worksheet.delete is not undoable on any platform, and an unsupported API inside a
      // mergeUndoGroup run throws UndoNotSupported: "Undo capabilities with the Excel JavaScript API",
      // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities
      if (x.ctx._opts.mergeUndoGroup) throw officeError(ErrorCodes.undoNotSupported, 'Worksheet.delete');
      const sheet = sheetOf(t);
      const otherVisible = x.book.workbook.sheets.some((s) => s !== sheet && !s.hidden);
      if (!sheet.hidden && !otherVisible) {
        throw new InputError('operation', 'A workbook must contain at least one visible worksheet.');
      }
      x.deleteSheet(sheet);
    });
  }

  /** Makes this the active sheet; a hidden sheet cannot be activated (InvalidOperation). */
  activate(): void {
    this.queueMethod('activate', [], (t, x) => {
      const sheet = sheetOf(t);
      if (sheet.hidden) throw new InputError('operation', 'A hidden sheet cannot be activated.');
      const book = x.book;
      if (book.activeSheet !== sheet.name) {
        book.activeSheet = sheet.name;
        x.changed = true;
      }
      if (book.selection?.sheet !== sheet.name) {
        book.selection = { sheet: sheet.name, address: 'A1' };
        x.changed = true;
      }
    });
  }

  override _scalarProps(): readonly string[] {
    return ['id', 'name', 'position', 'visibility'];
  }

  override _read(name: string, t: Target, x: Exec): unknown {
    const sheet = sheetOf(t);
    switch (name) {
      case 'id':
        return x.book.sheetId(sheet);
      case 'name':
        return sheet.name;
      case 'position':
        return x.book.workbook.sheets.indexOf(sheet);
      case 'visibility':
        return sheet.hidden ? 'Hidden' : 'Visible';
    }
    return super._read(name, t, x);
  }

  override _navByName(name: string): EmulatedClientObject | undefined {
    return name === 'protection' ? this.protection : undefined;
  }
}

/** Excel.WorksheetProtection (only `protected`, from EmulatedWorkbook.protectedSheets). */
export class WorksheetProtectionProxy extends EmulatedClientObject {
  constructor(ctx: EmulatedRequestContext, path: string, compute: Compute) {
    super(ctx, path, 'WorksheetProtection', compute);
  }
  get protected(): boolean {
    return this.get('protected');
  }
  override _scalarProps(): readonly string[] {
    return ['protected'];
  }
  override _read(name: string, t: Target, x: Exec): unknown {
    if (name === 'protected') return x.book.protectedSheets.has(sheetOf(t).name);
    return super._read(name, t, x);
  }
}

function validCell(row: number, col: number): boolean {
  return Number.isInteger(row) && Number.isInteger(col) && row >= 0 && col >= 0 && row < MAX_ROWS && col < MAX_COLS;
}

/**
 * Excel refuses a write to a protected sheet with AccessDenied ("You cannot perform the requested
 * operation."), as reported for the same service in microsoftgraph/microsoft-graph-docs#4546.
 */
function checkWritable(x: Exec, sheet: Sheet, location: string): void {
  if (x.book.protectedSheets.has(sheet.name)) throw officeError(ErrorCodes.accessDenied, location);
}

function checkCellLimit(rect: Rect, location: string): void {
  if (cellCount(rect) > CELL_LIMIT) throw officeError(ErrorCodes.rangeExceedsLimit, location);
}

function grid<T>(t: RangeTarget, location: string, read: (c: Cell | undefined) => T): T[][] {
  const { sheet, rect } = t;
  checkCellLimit(rect, location);
  const out: T[][] = [];
  for (let r = rect.r0; r <= rect.r1; r++) {
    const row = sheet.rows[r];
    const line: T[] = [];
    for (let c = rect.c0; c <= rect.c1; c++) line.push(read(row ? row[c] : undefined));
    out.push(line);
  }
  return out;
}

function checkDimensions(input: unknown, rect: Rect): input is unknown[][] {
  const rows = rect.r1 - rect.r0 + 1;
  const cols = rect.c1 - rect.c0 + 1;
  return (
    Array.isArray(input) &&
    input.length === rows &&
    input.every((line) => Array.isArray(line) && line.length === cols)
  );
}

/** Range.getMergedAreasOrNullObject fails past this many areas (API reference). */
export const MAX_MERGED_AREAS = 512;

const DIMENSION_MESSAGE =
  "The number of rows or columns in the input array doesn't match the size or dimensions of the range.";

/** Range.values / Range.formulas: checked whole, then applied, so a rejected write changes nothing. */
function writeContents(t: RangeTarget, input: unknown, x: Exec, location: string): void {
  const { sheet, rect } = t;
  checkWritable(x, sheet, location);
  checkCellLimit(rect, location);
  if (!checkDimensions(input, rect)) throw officeError(ErrorCodes.invalidArgument, location, DIMENSION_MESSAGE);
  const merges = new MergeIndex(sheet.merges);
  const plan: { r: number; c: number; cell: Cell | undefined }[] = [];
  for (let r = rect.r0; r <= rect.r1; r++) {
    for (let c = rect.c0; c <= rect.c1; c++) {
      const value = input[r - rect.r0][c - rect.c0];
      if (!merges.isMaster(r, c)) {
        // Blank entries over a merged area's hidden cells are what a read returned: let them pass.
        if (value === null || value === undefined || value === '') continue;
        throw new InputError('operation', 'Cannot change part of a merged cell.');
      }
      const w = cellFromInput(value, cellAt(sheet, r, c));
      if (w !== SKIP) plan.push({ r, c, cell: w.cell });
    }
  }
  for (const p of plan) {
    x.writeCell(sheet, p.r, p.c, p.cell);
    x.noteContents(sheet, p.r, p.c);
  }
}

function writeFormats(t: RangeTarget, input: unknown, x: Exec, location: string): void {
  const { sheet, rect } = t;
  checkWritable(x, sheet, location);
  checkCellLimit(rect, location);
  if (!checkDimensions(input, rect)) throw officeError(ErrorCodes.invalidArgument, location, DIMENSION_MESSAGE);
  const plan: { r: number; c: number; cell: Cell | undefined }[] = [];
  for (let r = rect.r0; r <= rect.r1; r++) {
    for (let c = rect.c0; c <= rect.c1; c++) {
      const prev = cellAt(sheet, r, c);
      const next = cellFromFormat(input[r - rect.r0][c - rect.c0], prev);
      if (next !== SKIP && next !== prev) plan.push({ r, c, cell: next });
    }
  }
  for (const p of plan) x.writeCell(sheet, p.r, p.c, p.cell);
}

/** Excel.Range */
export class RangeProxy extends EmulatedClientObject {
  constructor(ctx: EmulatedRequestContext, path: string, compute: Compute) {
    super(ctx, path, 'Range', compute);
  }

  /** With sheet prefix, quoted when Excel would: "'附件 3'!A1:C3", "附件3!B2". */
  get address(): string {
    return this.get('address');
  }
  get addressLocal(): string {
    return this.get('addressLocal');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get cellCount(): number {
    return this.get('cellCount');
  }
  get valueTypes(): ValueType[][] {
    return this.get('valueTypes');
  }

  /** '' for blank, numbers, booleans, strings; error values as their text ('#DIV/0!'). */
  get values(): ExcelScalar[][] {
    return this.get('values');
  }
  /** Entries: number/boolean/string as typed; '' leaves the value blank; null leaves the cell as it is. */
  set values(v: unknown[][]) {
    this.queueSet('values', v, (t, x) => writeContents(rangeOf(t), v, x, 'Range.values'));
  }

  /** '=A1*2' for formula cells, otherwise as values. */
  get formulas(): ExcelScalar[][] {
    return this.get('formulas');
  }
  set formulas(v: unknown[][]) {
    this.queueSet('formulas', v, (t, x) => writeContents(rangeOf(t), v, x, 'Range.formulas'));
  }

  /** 'General' where the cell has no format. */
  get numberFormat(): string[][] {
    return this.get('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.queueSet('numberFormat', v, (t, x) => writeFormats(rangeOf(t), v, x, 'Range.numberFormat'));
  }

  get format(): RangeFormatProxy {
    return this.nav(
      'format',
      () => new RangeFormatProxy(this.context, `${this._path}.format`, (x) => x.resolve(this)),
    );
  }

  get worksheet(): WorksheetProxy {
    return this.nav(
      'worksheet',
      () =>
        new WorksheetProxy(this.context, `${this._path}.worksheet`, (x) => {
          const p = x.resolve(this);
          return p === null ? null : { kind: 'sheet', sheet: sheetOf(p) };
        }),
    );
  }

  /** Relative to this range's top-left cell; may lie outside it, within the sheet. */
  getCell(row: number, column: number): RangeProxy {
    return this.child(
      new RangeProxy(this.context, this.childPath('getCell', [row, column]), (x) => {
        const p = x.resolve(this);
        if (p === null) return null;
        const { sheet, rect } = rangeOf(p);
        const r = rect.r0 + row;
        const c = rect.c0 + column;
        if (!validCell(r, c)) throw officeError(ErrorCodes.invalidArgument, 'Range.getCell');
        return { kind: 'range', sheet, rect: { r0: r, c0: c, r1: r, c1: c } };
      }),
    );
  }

  /**
   * Whole merged areas whose top-left cell lies in this range, top to bottom then left to right;
   * null object if none. An area that only overlaps the range from above or the left is not
   * returned (https://github.com/OfficeDev/office-js/issues/3611, #1590). Past 512 areas the
   * method fails: the API reference (Excel.Range.getMergedAreasOrNullObject, "if the merged areas
   * count in this range is more than 512, then this method will fail to return the result") names
   * no error code; we raise InvalidArgument, the code the one public report of a >512-area failure
   * shows (https://github.com/OfficeDev/office-js/issues/5198, Worksheet.getRanges).
   */
  getMergedAreasOrNullObject(): RangeAreasProxy {
    return this.child(
      new RangeAreasProxy(this.context, this.childPath('getMergedAreasOrNullObject', []), (x) => {
        x.requireApi('1.13', 'Range.getMergedAreasOrNullObject');
        const p = x.resolve(this);
        if (p === null) return null;
        const { sheet, rect } = rangeOf(p);
        const rects = sheet.merges
          .filter((m) => contains(rect, m.r0, m.c0))
          .map((m) => ({ ...m }))
          .sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
        if (rects.length > MAX_MERGED_AREAS) throw officeError(ErrorCodes.invalidArgument, 'Range.getMergedAreasOrNullObject');
        return rects.length ? { kind: 'areas', sheet, rects } : null;
      }),
    );
  }

  /** Selects this range and activates its sheet; fails (InvalidOperation) on a hidden sheet. */
  select(): void {
    this.queueMethod('select', [], (t, x) => {
      const { sheet, rect } = rangeOf(t);
      if (sheet.hidden) throw new InputError('operation', 'Cannot select a range on a hidden sheet.');
      const book = x.book;
      const address = rangeAddress(rect);
      if (book.selection?.sheet !== sheet.name || book.selection.address !== address || book.activeSheet !== sheet.name) {
        book.selection = { sheet: sheet.name, address };
        book.activeSheet = sheet.name;
        x.changed = true;
      }
    });
  }

  override _scalarProps(): readonly string[] {
    return [
      'address',
      'addressLocal',
      'cellCount',
      'columnCount',
      'columnIndex',
      'formulas',
      'numberFormat',
      'rowCount',
      'rowIndex',
      'valueTypes',
      'values',
    ];
  }

  override _read(name: string, t: Target, x: Exec): unknown {
    const r = rangeOf(t);
    const { rect } = r;
    switch (name) {
      case 'address':
      case 'addressLocal':
        return fullAddress(r.sheet.name, rect);
      case 'rowIndex':
        return rect.r0;
      case 'columnIndex':
        return rect.c0;
      case 'rowCount':
        return rect.r1 - rect.r0 + 1;
      case 'columnCount':
        return rect.c1 - rect.c0 + 1;
      case 'cellCount':
        return cellCount(rect);
      case 'values':
        return grid(r, 'Range.values', readValue);
      case 'formulas':
        return grid(r, 'Range.formulas', readFormula);
      case 'numberFormat':
        return grid(r, 'Range.numberFormat', readNumberFormat);
      case 'valueTypes':
        return grid(r, 'Range.valueTypes', readValueType);
    }
    return super._read(name, t, x);
  }

  override _navByName(name: string): EmulatedClientObject | undefined {
    if (name === 'format') return this.format;
    if (name === 'worksheet') return this.worksheet;
    return undefined;
  }
}

/** The one value of a format property over a range, or null where its cells differ (as Excel). */
function uniformFormat(x: Exec, t: Target, prop: FormatProp): unknown {
  const { sheet, rect } = rangeOf(t);
  const fallback = formatDefault(prop, x.book.defaultFont);
  const seen = new Set<unknown>();
  let formatted = 0;
  for (const f of x.book.formatsOf(sheet.name)) {
    if (!contains(rect, f.row, f.col)) continue;
    formatted++;
    const v = f.format[prop];
    seen.add(v === undefined ? fallback : v);
    if (seen.size > 1) return null;
  }
  if (formatted < cellCount(rect)) seen.add(fallback);
  return seen.size === 1 ? [...seen][0] : null;
}

/** Sets one format property on every cell of the range. */
function setFormat<K extends FormatProp>(t: Target, x: Exec, location: string, prop: K, check: () => CellFormat[K]): void {
  const { sheet, rect } = rangeOf(t);
  checkWritable(x, sheet, location);
  const value = check();
  checkCellLimit(rect, location);
  x.noteWrite();
  const book = x.book;
  if (value === formatDefault(prop, book.defaultFont)) {
    // Back to the default: only cells that have a format can change.
    for (const f of book.formatsOf(sheet.name)) {
      if (contains(rect, f.row, f.col)) x.writeFormat(f.key, withFormat(f.format, prop, value, book.defaultFont));
    }
    return;
  }
  for (let r = rect.r0; r <= rect.r1; r++) {
    for (let c = rect.c0; c <= rect.c1; c++) {
      const key = fillKey(sheet.name, r, c);
      x.writeFormat(key, withFormat(book.formats.get(key), prop, value, book.defaultFont));
    }
  }
}

/** Entries of a "Sheet!…"-keyed size map for one sheet, by the index parse() reads off the key. */
function sizeEntries(map: Map<string, number>, sheetName: string, parse: (ref: string) => number): SizeEntry[] {
  const out: SizeEntry[] = [];
  for (const [key, size] of map) {
    if (keyOfSheet(key, sheetName)) out.push({ index: parse(key.slice(sheetName.length + 1)), key, size });
  }
  return out;
}

interface SizeEntry {
  /** 0-based column or row. */
  index: number;
  key: string;
  size: number;
}

const rowIndexOf = (ref: string): number => Number(ref) - 1;

function columnIndexOf(letters: string): number {
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** The one size of the columns (or rows) lo..hi, or null where they differ. */
function uniformSize(entries: { index: number; size: number }[], lo: number, hi: number, standard: number): number | null {
  const seen = new Set<number>();
  let custom = 0;
  for (const e of entries) {
    if (e.index < lo || e.index > hi) continue;
    custom++;
    seen.add(e.size);
    if (seen.size > 1) return null;
  }
  if (custom < hi - lo + 1) seen.add(standard);
  return seen.size === 1 ? [...seen][0] : null;
}

/** Displayed text of a cell, roughly (number formats are not applied): for autofit. */
function cellText(c: Cell | undefined): string {
  const v = readValue(c);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/**
 * Range.format.autofitRows (emulation: an estimate). Each row of the range gets the height of its
 * tallest cell within the range: font size, and with wrap the lines its text takes at the column's
 * width. Cells in merged areas are ignored, as Excel does. A row that fits the standard height
 * goes back to it.
 */
function autofitRows(t: Target, x: Exec): void {
  const { sheet, rect } = rangeOf(t);
  const book = x.book;
  x.noteWrite();
  const font = book.defaultFont;
  const merges = new MergeIndex(sheet.merges);
  const formats = new Map<number, { col: number; format: CellFormat }[]>();
  for (const f of book.formatsOf(sheet.name)) {
    if (!contains(rect, f.row, f.col)) continue;
    const list = formats.get(f.row);
    if (list) list.push(f);
    else formats.set(f.row, [f]);
  }
  const rows = new Set<number>(formats.keys());
  for (let r = rect.r0; r <= Math.min(rect.r1, sheet.rows.length - 1); r++) if (sheet.rows[r]) rows.add(r);
  for (const e of sizeEntries(book.rowHeights, sheet.name, rowIndexOf)) {
    if (e.index >= rect.r0 && e.index <= rect.r1) rows.add(e.index);
  }
  const widthOf = (c: number) => book.columnWidths.get(`${sheet.name}!${columnName(c)}`) ?? book.standardColumnWidth;
  const width = rect.c1 - rect.c0 + 1;
  for (const r of rows) {
    const byCol = new Map<number, CellFormat>();
    for (const f of formats.get(r) ?? []) byCol.set(f.col, f.format);
    const cols = new Set<number>(byCol.keys());
    (sheet.rows[r] ?? []).forEach((cell, c) => {
      if (cell && c >= rect.c0 && c <= rect.c1) cols.add(c);
    });
    // Blank, unformatted cells in the row take one line of the default font.
    let height = cols.size < width ? lineHeight(font.size) : 0;
    for (const c of cols) {
      if (merges.areaOf(r, c)) continue;
      const format = byCol.get(c);
      const size = format?.size ?? font.size;
      const lines = lineCount(cellText(cellAt(sheet, r, c)), size, format?.wrap === true, widthOf(c));
      height = Math.max(height, lines * lineHeight(size));
    }
    if (height === 0) height = lineHeight(font.size);
    height = Math.min(height, MAX_ROW_HEIGHT);
    x.writeRowHeight(rowKey(sheet.name, r), height === book.standardRowHeight ? undefined : height);
  }
}

/**
 * Excel.RangeFormat: fill and font, wrapText, alignments, column width and row height (points).
 * A property over cells that differ reads as null; setting one applies it to every cell.
 */
export class RangeFormatProxy extends EmulatedClientObject {
  constructor(ctx: EmulatedRequestContext, path: string, compute: Compute) {
    super(ctx, path, 'RangeFormat', compute);
  }
  get fill(): RangeFillProxy {
    return this.nav('fill', () => new RangeFillProxy(this.context, `${this._path}.fill`, (x) => x.resolve(this)));
  }
  get font(): RangeFontProxy {
    return this.nav('font', () => new RangeFontProxy(this.context, `${this._path}.font`, (x) => x.resolve(this)));
  }

  get wrapText(): boolean | null {
    return this.get('wrapText');
  }
  set wrapText(v: boolean | null) {
    this.queueSet('wrapText', v, (t, x) => setFormat(t, x, 'RangeFormat.wrapText', 'wrap', () => checkBoolean(v, 'wrapText')));
  }

  /** 'Bottom' where not set. */
  get verticalAlignment(): VerticalAlignment | null {
    return this.get('verticalAlignment');
  }
  set verticalAlignment(v: VerticalAlignment | null) {
    this.queueSet('verticalAlignment', v, (t, x) =>
      setFormat(t, x, 'RangeFormat.verticalAlignment', 'verticalAlignment', () =>
        checkEnum(v, VERTICAL_ALIGNMENTS, 'vertical alignment'),
      ),
    );
  }

  /** 'General' where not set. */
  get horizontalAlignment(): HorizontalAlignment | null {
    return this.get('horizontalAlignment');
  }
  set horizontalAlignment(v: HorizontalAlignment | null) {
    this.queueSet('horizontalAlignment', v, (t, x) =>
      setFormat(t, x, 'RangeFormat.horizontalAlignment', 'horizontalAlignment', () =>
        checkEnum(v, HORIZONTAL_ALIGNMENTS, 'horizontal alignment'),
      ),
    );
  }

  /** Points (ExcelApi 1.2); setting it on a range of several columns sets each of them. */
  get columnWidth(): number | null {
    return this.get('columnWidth');
  }
  set columnWidth(v: number | null) {
    this.queueSet('columnWidth', v, (t, x) => {
      x.requireApi('1.2', 'RangeFormat.columnWidth');
      const { sheet, rect } = rangeOf(t);
      checkWritable(x, sheet, 'RangeFormat.columnWidth');
      const width = checkColumnWidth(v);
      x.noteWrite();
      for (let c = rect.c0; c <= rect.c1; c++) {
        x.writeColumnWidth(`${sheet.name}!${columnName(c)}`, width === x.book.standardColumnWidth ? undefined : width);
      }
    });
  }

  /** Points (ExcelApi 1.2); setting it on a range of several rows sets each of them. */
  get rowHeight(): number | null {
    return this.get('rowHeight');
  }
  set rowHeight(v: number | null) {
    this.queueSet('rowHeight', v, (t, x) => {
      x.requireApi('1.2', 'RangeFormat.rowHeight');
      const { sheet, rect } = rangeOf(t);
      checkWritable(x, sheet, 'RangeFormat.rowHeight');
      const height = checkRowHeight(v);
      x.noteWrite();
      const book = x.book;
      if (height === book.standardRowHeight) {
        for (const e of sizeEntries(book.rowHeights, sheet.name, rowIndexOf)) {
          if (e.index >= rect.r0 && e.index <= rect.r1) x.writeRowHeight(e.key, undefined);
        }
        return;
      }
      for (let r = rect.r0; r <= rect.r1; r++) x.writeRowHeight(rowKey(sheet.name, r), height);
    });
  }

  /** Fits the rows' heights to their contents (ExcelApi 1.2; emulation: estimated, see autofitRows). */
  autofitRows(): void {
    this.queueMethod('autofitRows', [], (t, x) => {
      x.requireApi('1.2', 'RangeFormat.autofitRows');
      checkWritable(x, rangeOf(t).sheet, 'RangeFormat.autofitRows');
      autofitRows(t, x);
    });
  }

  override _scalarProps(): readonly string[] {
    // columnWidth and rowHeight came with ExcelApi 1.2: an older host's load() does not return them.
    return versionAtLeast(this.context._opts.apiVersion, '1.2')
      ? ['columnWidth', 'horizontalAlignment', 'rowHeight', 'verticalAlignment', 'wrapText']
      : ['horizontalAlignment', 'verticalAlignment', 'wrapText'];
  }

  override _read(name: string, t: Target, x: Exec): unknown {
    switch (name) {
      case 'wrapText':
        return uniformFormat(x, t, 'wrap');
      case 'verticalAlignment':
        return uniformFormat(x, t, 'verticalAlignment');
      case 'horizontalAlignment':
        return uniformFormat(x, t, 'horizontalAlignment');
      case 'columnWidth': {
        x.requireApi('1.2', 'RangeFormat.columnWidth');
        const { sheet, rect } = rangeOf(t);
        const entries = sizeEntries(x.book.columnWidths, sheet.name, columnIndexOf);
        return uniformSize(entries, rect.c0, rect.c1, x.book.standardColumnWidth);
      }
      case 'rowHeight': {
        x.requireApi('1.2', 'RangeFormat.rowHeight');
        const { sheet, rect } = rangeOf(t);
        const entries = sizeEntries(x.book.rowHeights, sheet.name, rowIndexOf);
        return uniformSize(entries, rect.r0, rect.r1, x.book.standardRowHeight);
      }
    }
    return super._read(name, t, x);
  }

  override _navByName(name: string): EmulatedClientObject | undefined {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    return undefined;
  }
}

/** Excel.RangeFont: bold, size, name, color. Unformatted cells read as EmulatedWorkbook.defaultFont. */
export class RangeFontProxy extends EmulatedClientObject {
  constructor(ctx: EmulatedRequestContext, path: string, compute: Compute) {
    super(ctx, path, 'RangeFont', compute);
  }

  get bold(): boolean | null {
    return this.get('bold');
  }
  set bold(v: boolean | null) {
    this.queueSet('bold', v, (t, x) => setFormat(t, x, 'RangeFont.bold', 'bold', () => checkBoolean(v, 'bold')));
  }

  /** Points, 1 to 409. */
  get size(): number | null {
    return this.get('size');
  }
  set size(v: number | null) {
    this.queueSet('size', v, (t, x) => setFormat(t, x, 'RangeFont.size', 'size', () => checkFontSize(v)));
  }

  /** At most 31 characters. */
  get name(): string | null {
    return this.get('name');
  }
  set name(v: string | null) {
    this.queueSet('name', v, (t, x) => setFormat(t, x, 'RangeFont.name', 'fontName', () => checkFontName(v)));
  }

  /** '#RRGGBB' ('#000000' where not set); setting accepts '#rrggbb' or an HTML colour name. */
  get color(): string | null {
    return this.get('color');
  }
  set color(v: string | null) {
    this.queueSet('color', v, (t, x) =>
      setFormat(t, x, 'RangeFont.color', 'fontColor', () => {
        const colour = normaliseColour(v);
        if (!colour) throw new InputError('argument', `Invalid colour: ${String(v)}`);
        return colour;
      }),
    );
  }

  override _scalarProps(): readonly string[] {
    return ['bold', 'color', 'name', 'size'];
  }

  override _read(name: string, t: Target, x: Exec): unknown {
    switch (name) {
      case 'bold':
        return uniformFormat(x, t, 'bold');
      case 'size':
        return uniformFormat(x, t, 'size');
      case 'name':
        return uniformFormat(x, t, 'fontName');
      case 'color':
        return uniformFormat(x, t, 'fontColor');
    }
    return super._read(name, t, x);
  }
}

/** Excel.RangeFill: color, tintAndShade, pattern, patternColor and clear(), as fill.ts describes. */
export class RangeFillProxy extends EmulatedClientObject {
  constructor(ctx: EmulatedRequestContext, path: string, compute: Compute) {
    super(ctx, path, 'RangeFill', compute);
  }

  /**
   * '#RRGGBB'. As Excel: '#FFFFFF' where there is no fill, null for a range whose cells differ.
   * Setting accepts '#rrggbb' or an HTML colour name (stored upper-case hex).
   */
  get color(): string | null {
    return this.get('color');
  }
  set color(v: string | null) {
    this.setFill('color', v);
  }
  /** -1 … 1; null for no fill (office-js issue #4900) or where the cells differ. */
  get tintAndShade(): number | null {
    return this.get('tintAndShade');
  }
  set tintAndShade(v: number | null) {
    this.setFill('tintAndShade', v);
  }
  /** Excel.FillPattern; 'None' for no fill, and setting 'None' removes the fill. */
  get pattern(): string | null {
    return this.get('pattern');
  }
  set pattern(v: string | null) {
    this.setFill('pattern', v);
  }
  get patternColor(): string | null {
    return this.get('patternColor');
  }
  set patternColor(v: string | null) {
    this.setFill('patternColor', v);
  }

  private setFill(name: FillProperty, v: unknown): void {
    this.queueSet(name, v, (t, x) => {
      const { sheet, rect } = rangeOf(t);
      checkWritable(x, sheet, `RangeFill.${name}`);
      withFillProperty(undefined, name, v); // the argument is checked before any cell changes
      checkCellLimit(rect, `RangeFill.${name}`);
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          const key = fillKey(sheet.name, r, c);
          x.writeFill(key, withFillProperty(x.book.fills.get(key), name, v));
        }
      }
    });
  }

  /** Removes the fill ('no fill'). */
  clear(): void {
    this.queueMethod('clear', [], (t, x) => {
      const { sheet, rect } = rangeOf(t);
      checkWritable(x, sheet, 'RangeFill.clear');
      for (const f of x.book.fillsOf(sheet.name)) if (contains(rect, f.row, f.col)) x.writeFill(f.key, undefined);
    });
  }

  override _scalarProps(): readonly string[] {
    return ['color', 'tintAndShade', 'pattern', 'patternColor'];
  }

  override _read(name: string, t: Target, x: Exec): unknown {
    if (name !== 'color' && name !== 'tintAndShade' && name !== 'pattern' && name !== 'patternColor') return super._read(name, t, x);
    const { sheet, rect } = rangeOf(t);
    let filled = 0;
    const values = new Set<string | number | null>();
    for (const f of x.book.fillsOf(sheet.name)) {
      if (!contains(rect, f.row, f.col)) continue;
      filled++;
      values.add(readFillProperty(f.colour, name));
    }
    if (filled < cellCount(rect)) values.add(readFillProperty(undefined, name));
    return values.size === 1 ? [...values][0] : null;
  }
}

/** Excel.RangeAreas (what getMergedAreasOrNullObject returns). */
export class RangeAreasProxy extends EmulatedClientObject {
  constructor(ctx: EmulatedRequestContext, path: string, compute: Compute) {
    super(ctx, path, 'RangeAreas', compute);
  }
  /** Each area with its sheet prefix, joined by ',' without spaces: "附件3!A1:I1,附件3!B2:I2". */
  get address(): string {
    return this.get('address');
  }
  get addressLocal(): string {
    return this.get('addressLocal');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }
  get cellCount(): number {
    return this.get('cellCount');
  }
  get areas(): RangeCollectionProxy {
    return this.nav('areas', () => new RangeCollectionProxy(this.context, `${this._path}.areas`, (x) => x.resolve(this)));
  }

  override _scalarProps(): readonly string[] {
    return ['address', 'addressLocal', 'areaCount', 'cellCount'];
  }
  override _read(name: string, t: Target, x: Exec): unknown {
    if (t.kind !== 'areas') return super._read(name, t, x);
    switch (name) {
      case 'address':
      case 'addressLocal':
        return t.rects.map((r) => fullAddress(t.sheet.name, r)).join(',');
      case 'areaCount':
        return t.rects.length;
      case 'cellCount':
        return t.rects.reduce((n, r) => n + cellCount(r), 0);
    }
    return super._read(name, t, x);
  }
  override _navByName(name: string): EmulatedClientObject | undefined {
    return name === 'areas' ? this.areas : undefined;
  }
}

/** Excel.RangeCollection (RangeAreas.areas). */
export class RangeCollectionProxy extends CollectionProxy<RangeProxy> {
  constructor(ctx: EmulatedRequestContext, path: string, compute: Compute) {
    super(ctx, path, 'RangeCollection', compute);
  }
  override _itemTargets(t: Target): Target[] {
    if (t.kind !== 'areas') return [];
    return t.rects.map((rect) => ({ kind: 'range', sheet: t.sheet, rect }));
  }
  override _makeItem(t: Target, i: number): RangeProxy {
    return new RangeProxy(this.context, `${this._path}.getItemAt(${i})`, () => t);
  }
}

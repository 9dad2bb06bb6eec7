// Recalculation of the formulas that depend on written cells: the formula cells a write reaches,
// directly or through other formulas, evaluated in dependency order. One that cannot be evaluated
// exactly (or reads one that could not, or is on a cycle) keeps its cached result and is reported as
// stale: Excel recalculates it when the file is opened (fullCalcOnLoad).
import { clean } from '../num/decimal';
import { cellKey } from '../grid/sheet';
import type { Scalar, Sheet, Workbook } from '../grid/types';
import { evaluateExpr, UNKNOWN, type CellSource } from './evaluate';
import { parseFormula, type ParsedFormula, type Ref } from './parse';

/** One formula cell of the workbook. */
export interface FormulaCell {
  sheet: Sheet;
  row: number;
  col: number;
  /** The formula as stored (no leading "="). */
  formula: string;
  parsed: ParsedFormula;
}

/** A formula whose cached result a recalculation changes. */
export interface FormulaUpdate extends FormulaCell {
  /** The cached result before. */
  before: Scalar;
  /** The new result. */
  value: Scalar;
}

export interface FormulaRecalc {
  /** The formulas whose result changes, in sheet order, then by row and column. */
  updated: FormulaUpdate[];
  /** The formulas the writes reach that could not be evaluated: their cached results may be stale. */
  stale: FormulaCell[];
}

/** A written cell: its sheet, by object or by name. */
export interface WrittenCell {
  sheet: Sheet | string;
  row: number;
  col: number;
}

/**
 * Lets a caller compute some formulas itself (the Excel emulation's hook): a value, null for "cannot",
 * undefined for "use the evaluator".
 */
export type FormulaOverride = (cell: FormulaCell) => Scalar | undefined;

/** A range of more cells than this is checked by scanning, not listed cell by cell. */
const LISTED_RANGE_CELLS = 256;

/**
 * The formula cells of a workbook and what each reads, built once; `recalculate` may be called again
 * after the new results are written (a formula found stale stays stale).
 */
export class FormulaGraph {
  readonly cells: FormulaCell[] = [];
  private readonly sheets: Sheet[];
  private readonly order = new Map<Sheet, number>();
  /** Formula cells by position. */
  private readonly at = new Map<Sheet, Map<number, FormulaCell>>();
  /** Each cell to the formulas that name it (single references and small ranges). */
  private readonly readers = new Map<Sheet, Map<number, FormulaCell[]>>();
  /** Large ranges (H:H, 3:5, A1:Z999) with the formula that names them. */
  private readonly wide = new Map<Sheet, { ref: Ref; cell: FormulaCell }[]>();
  /** Formulas whose references are not all known (names, INDIRECT…): any write may reach them. */
  private readonly dynamic: FormulaCell[] = [];
  private readonly names = new Map<string, Sheet | undefined>();
  /** Found stale by an earlier recalculation. */
  private readonly unknown = new Set<FormulaCell>();

  constructor(wb: Workbook) {
    this.sheets = wb.sheets;
    wb.sheets.forEach((s, i) => {
      if (!this.order.has(s)) this.order.set(s, i);
    });
    for (const s of wb.sheets) {
      const rows = s.rows;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        if (!row) continue;
        for (let c = 0; c < row.length; c++) {
          const cell = row[c];
          if (!cell || cell.f === undefined) continue;
          const fc: FormulaCell = { sheet: s, row: r, col: c, formula: cell.f, parsed: parseFormula(cell.f) };
          this.cells.push(fc);
          mapOf(this.at, s).set(cellKey(r, c), fc);
        }
      }
    }
    for (const fc of this.cells) {
      if (fc.parsed.dynamic) this.dynamic.push(fc);
      for (const ref of fc.parsed.refs) {
        const s = ref.sheet === null ? fc.sheet : this.sheet(ref.sheet);
        if (!s) continue; // #REF!: reads nothing
        const n = (ref.r1 - ref.r0 + 1) * (ref.c1 - ref.c0 + 1);
        if (n > LISTED_RANGE_CELLS) {
          listOf(this.wide, s).push({ ref, cell: fc });
          continue;
        }
        const readers = mapOf(this.readers, s);
        for (let r = ref.r0; r <= ref.r1; r++) {
          for (let c = ref.c0; c <= ref.c1; c++) {
            const k = cellKey(r, c);
            const list = readers.get(k);
            if (!list) readers.set(k, [fc]);
            else if (list[list.length - 1] !== fc) list.push(fc);
          }
        }
      }
    }
  }

  /** A sheet by name: the exact name first, else case-insensitively (as Excel resolves references). */
  sheet(name: string): Sheet | undefined {
    if (this.names.has(name)) return this.names.get(name);
    const s = sheetNamed(this.sheets, name);
    this.names.set(name, s);
    return s;
  }

  /** The formula cell at a position, if any. */
  formulaAt(sheet: Sheet, row: number, col: number): FormulaCell | undefined {
    return this.at.get(sheet)?.get(cellKey(row, col));
  }

  /** The formulas that read a cell. */
  private readersOf(sheet: Sheet, row: number, col: number, out: (fc: FormulaCell) => void): void {
    const list = this.readers.get(sheet)?.get(cellKey(row, col));
    if (list) for (const fc of list) out(fc);
    const wide = this.wide.get(sheet);
    if (wide) for (const w of wide) if (row >= w.ref.r0 && row <= w.ref.r1 && col >= w.ref.c0 && col <= w.ref.c1) out(w.cell);
  }

  /**
   * Evaluates every formula the written cells reach (a written cell that holds a formula included), in
   * dependency order, reading the workbook as it now is. Nothing is written: the caller writes the
   * updates' values.
   */
  recalculate(written: Iterable<WrittenCell>, override?: FormulaOverride): FormulaRecalc {
    // The formulas reached, and for each the reached formulas it reads (edges of the order).
    const dirty = new Set<FormulaCell>();
    const next = new Map<FormulaCell, FormulaCell[]>();
    const waiting = new Map<FormulaCell, number>();
    const queue: { sheet: Sheet; row: number; col: number; fc?: FormulaCell }[] = [];
    const seen = new Map<Sheet, Set<number>>();
    const visit = (sheet: Sheet, row: number, col: number) => {
      const k = cellKey(row, col);
      let s = seen.get(sheet);
      if (!s) seen.set(sheet, (s = new Set()));
      if (s.has(k)) return;
      s.add(k);
      const fc = this.formulaAt(sheet, row, col);
      if (fc) reach(fc);
      queue.push({ sheet, row, col, fc });
    };
    const reach = (fc: FormulaCell) => {
      if (dirty.has(fc)) return;
      dirty.add(fc);
      waiting.set(fc, 0);
    };
    let any = false;
    for (const w of written) {
      const sheet = typeof w.sheet === 'string' ? this.sheet(w.sheet) : w.sheet;
      if (!sheet) continue;
      any = true;
      visit(sheet, w.row, w.col);
    }
    if (!any) return { updated: [], stale: [] };
    for (const fc of this.dynamic) visit(fc.sheet, fc.row, fc.col);
    for (let qi = 0; qi < queue.length; qi++) {
      const { sheet, row, col, fc: from } = queue[qi];
      this.readersOf(sheet, row, col, (to) => {
        if (from) {
          // `to` waits for `from` (a formula reached itself: recorded, so that its cycle never runs).
          let list = next.get(from);
          if (!list) next.set(from, (list = []));
          list.push(to);
          reach(to);
          waiting.set(to, (waiting.get(to) ?? 0) + 1);
        }
        visit(to.sheet, to.row, to.col);
      });
    }

    // Kahn's order: a formula is evaluated once every reached formula it reads has been.
    const values = new Map<FormulaCell, Scalar | typeof UNKNOWN>();
    const src: CellSource = {
      sheet: (name) => this.sheet(name),
      override: (sheet, row, col) => {
        const fc = this.formulaAt(sheet, row, col);
        if (!fc) return undefined;
        const v = values.get(fc);
        if (v !== undefined) return v;
        // Reached but not yet evaluated (a cycle), or stale from before: not known.
        return dirty.has(fc) || this.unknown.has(fc) ? UNKNOWN : undefined;
      },
    };
    const updated: FormulaUpdate[] = [];
    const stale: FormulaCell[] = [];
    const ready: FormulaCell[] = [];
    for (const fc of dirty) if (waiting.get(fc) === 0) ready.push(fc);
    for (let i = 0; i < ready.length; i++) {
      const fc = ready[i];
      let v: Scalar | undefined = this.unknown.has(fc) ? null : override ? override(fc) : undefined;
      if (v === undefined) v = fc.parsed.expr ? evaluateExpr(fc.parsed.expr, fc, src) : null;
      if (v === null) {
        values.set(fc, UNKNOWN);
        this.unknown.add(fc);
        stale.push(fc);
      } else {
        values.set(fc, v);
        const before = fc.sheet.rows[fc.row]?.[fc.col]?.v ?? null;
        if (!sameValue(before, v)) updated.push({ ...fc, before, value: v });
      }
      for (const to of next.get(fc) ?? []) {
        const n = (waiting.get(to) ?? 0) - 1;
        waiting.set(to, n);
        if (n === 0) ready.push(to);
      }
    }
    // What never became ready is on a cycle or reads one.
    for (const fc of dirty) {
      if (values.has(fc)) continue;
      this.unknown.add(fc);
      stale.push(fc);
    }
    const byPlace = (a: FormulaCell, b: FormulaCell) => (this.order.get(a.sheet) ?? 0) - (this.order.get(b.sheet) ?? 0) || a.row - b.row || a.col - b.col;
    return { updated: updated.sort(byPlace), stale: stale.sort(byPlace) };
  }
}

/** A sheet by name: the exact name first, else case-insensitively (as Excel resolves references). */
export function sheetNamed(sheets: readonly Sheet[], name: string): Sheet | undefined {
  const exact = sheets.find((s) => s.name === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  return sheets.find((s) => s.name.toLowerCase() === lower);
}

/** Equal as Excel shows them: numbers to 15 significant digits (a cached 98.38000000000001 is 98.38). */
export function sameValue(a: Scalar, b: Scalar): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || clean(a) === clean(b);
  return a === b;
}

function mapOf<K, V>(m: Map<Sheet, Map<K, V>>, s: Sheet): Map<K, V> {
  let x = m.get(s);
  if (!x) m.set(s, (x = new Map()));
  return x;
}

function listOf<V>(m: Map<Sheet, V[]>, s: Sheet): V[] {
  let x = m.get(s);
  if (!x) m.set(s, (x = []));
  return x;
}

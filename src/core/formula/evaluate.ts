// Evaluates the formulas parse.ts reads, exactly, with the project's decimal arithmetic (each
// operation's result shown to 15 significant digits, ROUND half away from zero on the decimal value),
// or says it cannot: null, never a guess.
//
// Excel's behaviour followed:
// - A blank cell reads as 0 (a merged area's other cells are blank: its value is in its top-left cell).
// - In arithmetic (+ − × ÷, unary −, %, ROUND's arguments) a referenced cell must hold a number:
//   text (even "35"), a logical value or an error makes the formula not evaluable. (Excel would coerce
//   "35" and TRUE, or give #VALUE!; the evaluator keeps to numbers.)
// - SUM over a reference (a range or a single cell, as Excel treats both) adds its numbers and skips
//   blanks, text and logical values; an error value in it makes the formula not evaluable (Excel's
//   result is that error). A SUM argument that is not a reference is a number as in arithmetic.
// - A formula that is only a reference (=A1, =+Sheet!B2, =(A1)) shows the cell's value as it is: a
//   number, a text, a logical value; a blank one shows 0. An error value is not evaluated.
// - ROUND(x, n): n truncated toward zero (ROUND(x, 2.7) is ROUND(x, 2)); n below 0 rounds to tens, hundreds….
// - Division by 0, a result beyond a double, a reference to a sheet the workbook does not have, a range
//   where one value is wanted (=A1:A3 * 2) and a reference to the formula's own cell: not evaluable.
// - A formula cell read without a cached value (v null: never calculated, or a "" result) is unknown.
import { add, div, mul, round, sub } from '../num/decimal';
import type { Scalar, Sheet } from '../grid/types';
import { isErrorValue } from '../grid/types';
import type { Expr, Ref } from './parse';

/** A cell whose value is not known (a formula that could not be recalculated): what reads it cannot be evaluated. */
export const UNKNOWN: unique symbol = Symbol('unknown');

/** Where a formula reads its cells. */
export interface CellSource {
  /** The sheet a reference names (case-insensitive, as Excel), or undefined when there is none. */
  sheet(name: string): Sheet | undefined;
  /**
   * For a formula cell: the value that stands in for its stored one (its new result in a
   * recalculation), or UNKNOWN; undefined: the stored value counts.
   */
  override?(sheet: Sheet, row: number, col: number): Scalar | typeof UNKNOWN | undefined;
}

/** The cell holding the formula. */
export interface FormulaSite {
  sheet: Sheet;
  row: number;
  col: number;
}

/** Thrown inside an evaluation that cannot go on. */
class NotEvaluable extends Error {}
const STOP = new NotEvaluable();

/** The formula's value, or null when it cannot be computed exactly. */
export function evaluateExpr(expr: Expr, at: FormulaSite, src: CellSource): number | string | boolean | null {
  try {
    const bare = bareRef(expr);
    if (bare) {
      const v = read(bare, bare.r0, bare.c0, at, src);
      if (v === null) return 0;
      if (isErrorValue(v)) return null;
      return v;
    }
    const v = num(expr, at, src);
    return v === 0 ? 0 : v; // no -0
  } catch (e) {
    if (e instanceof NotEvaluable) return null;
    throw e;
  }
}

/** The single-cell reference a formula is, unary pluses and parentheses aside. */
function bareRef(e: Expr): Ref | null {
  while (e.k === 'pos') e = e.x;
  return e.k === 'ref' && !e.ref.area ? e.ref : null;
}

function sheetOf(ref: Ref, at: FormulaSite, src: CellSource): Sheet {
  if (ref.sheet === null) return at.sheet;
  const s = src.sheet(ref.sheet);
  if (!s) throw STOP; // #REF!
  return s;
}

/** A referenced cell's value (null: blank); throws for an unknown one and for the formula's own cell. */
function readIn(s: Sheet, row: number, col: number, at: FormulaSite, src: CellSource): Scalar {
  if (s === at.sheet && row === at.row && col === at.col) throw STOP; // circular
  const r = s.rows[row];
  const c = r ? r[col] : undefined;
  if (!c) return null;
  if (c.f !== undefined) {
    const o = src.override ? src.override(s, row, col) : undefined;
    if (o === UNKNOWN) throw STOP;
    if (o !== undefined) return o;
    if (c.v === null) throw STOP; // never calculated
  }
  return c.v;
}

function read(ref: Ref, row: number, col: number, at: FormulaSite, src: CellSource): Scalar {
  return readIn(sheetOf(ref, at, src), row, col, at, src);
}

function finite(x: number): number {
  if (!Number.isFinite(x)) throw STOP;
  return x;
}

function num(e: Expr, at: FormulaSite, src: CellSource): number {
  switch (e.k) {
    case 'num':
      return finite(e.v);
    case 'ref': {
      if (e.ref.area) throw STOP; // a range where one value is wanted
      const v = read(e.ref, e.ref.r0, e.ref.c0, at, src);
      if (v === null) return 0;
      if (typeof v !== 'number') throw STOP;
      return v;
    }
    case 'pos':
      return num(e.x, at, src);
    case 'neg': {
      const v = num(e.x, at, src);
      return v === 0 ? 0 : -v;
    }
    case 'pct':
      return div(num(e.x, at, src), 100);
    case 'bin': {
      const a = num(e.a, at, src);
      const b = num(e.b, at, src);
      switch (e.op) {
        case '+':
          return finite(add(a, b));
        case '-':
          return finite(sub(a, b));
        case '*':
          return finite(mul(a, b));
        case '/':
          if (b === 0) throw STOP; // #DIV/0!
          return finite(div(a, b));
      }
      break;
    }
    case 'sum': {
      let s = 0;
      for (const arg of e.args) {
        const ref = refOf(arg);
        if (ref) s = sumRange(ref, s, at, src);
        else s = finite(add(s, num(arg, at, src)));
      }
      return s;
    }
    case 'round': {
      const x = num(e.x, at, src);
      const n = Math.trunc(num(e.n, at, src));
      return finite(round(x, n));
    }
  }
  throw STOP;
}

/** A SUM argument that is a reference (SUM(A1), SUM(A1:B3), SUM((A1:B3))). */
function refOf(e: Expr): Ref | null {
  return e.k === 'ref' ? e.ref : null;
}

/** Adds a referenced area's numbers to `s`: blanks, text and logical values skipped, an error stops. */
function sumRange(ref: Ref, s: number, at: FormulaSite, src: CellSource): number {
  const sheet = sheetOf(ref, at, src);
  // Only the rows and cells the sheet has: H:H reads what is there, not a million blanks.
  const r1 = Math.min(ref.r1, sheet.rows.length - 1);
  for (let r = ref.r0; r <= r1; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    const c1 = Math.min(ref.c1, row.length - 1);
    for (let c = ref.c0; c <= c1; c++) {
      if (!row[c]) continue;
      const v = readIn(sheet, r, c, at, src);
      if (typeof v === 'number') s = finite(add(s, v));
      else if (isErrorValue(v)) throw STOP;
    }
  }
  return s;
}

// The workbook model every host reads into and the core works on: Excel's view of cells.
// Rows and columns are 0-based here; addresses (A1) are what users and findings see.

/** An Excel error value such as #DIV/0! or #REF!. */
export interface ErrorValue {
  readonly error: string;
}

export type Scalar = number | string | boolean | ErrorValue | null;

/** One cell as Excel shows it: a merged area's value lives in its top-left cell only. */
export interface Cell {
  /** The value (for a formula cell, its last computed result). */
  v: Scalar;
  /** Formula text without the leading "=". */
  f?: string;
  /** Number format, e.g. "0.00%"; absent means General. */
  fmt?: string;
}

/** Inclusive rectangle, 0-based. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export interface Sheet {
  name: string;
  /** rows[r][c]; missing rows or cells are blank. */
  rows: (Cell | undefined)[][];
  merges: Rect[];
  hidden?: boolean;
}

export interface Workbook {
  sheets: Sheet[];
}

/** What a cell holds before or after a write: enough to restore it exactly. */
export interface CellState {
  v: Scalar;
  f?: string;
  fmt?: string;
}

export function isErrorValue(v: unknown): v is ErrorValue {
  return typeof v === 'object' && v !== null && typeof (v as ErrorValue).error === 'string';
}

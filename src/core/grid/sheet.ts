// Reading helpers over a Sheet, and a small builder used by hosts and tests.
import type { Cell, Rect, Scalar, Sheet, Workbook } from './types';

export function cellAt(sheet: Sheet, row: number, col: number): Cell | undefined {
  const r = sheet.rows[row];
  return r ? r[col] : undefined;
}

export function valueAt(sheet: Sheet, row: number, col: number): Scalar {
  const c = cellAt(sheet, row, col);
  return c ? c.v : null;
}

/**
 * A number for a cell, for sets of cells (one per cell for rows below 2³⁰ and columns below 2²¹): a small
 * whole number below 2³¹ for Excel's 16,384 columns and rows below 131,072 (cheap to hash), else
 * 2³¹ + row × 2²¹ + col.
 */
export function cellKey(row: number, col: number): number {
  return col < 0x4000 && row < 0x20000 ? row * 0x4000 + col : 0x80000000 + row * 0x200000 + col;
}

export function setCell(sheet: Sheet, row: number, col: number, cell: Cell | undefined): void {
  while (sheet.rows.length <= row) sheet.rows.push([]);
  let r = sheet.rows[row];
  if (!r) r = sheet.rows[row] = [];
  r[col] = cell;
}

/** Guard against absurd areas: only index what a table could use. */
function indexed(m: Rect): boolean {
  return (m.r1 - m.r0 + 1) * (m.c1 - m.c0 + 1) <= 100_000;
}

/** Maps every cell of a merged area to that area, for O(1) look-ups. */
export class MergeIndex {
  // The areas on each row (an area is listed on every row it spans; a row holds few, so a scan is
  // quick), as one flat list: the areas of row r are areas[at[r]] … areas[at[r + 1] - 1], in the order
  // the merges list them. A map of every merged cell, then an array per row, were hot allocations on
  // sheets with many tables.
  private readonly merges: Rect[];
  private readonly rows: number;
  private readonly at: Int32Array;
  private readonly areas: Int32Array;
  constructor(merges: Rect[]) {
    this.merges = merges;
    // (Rows below 0 are never asked about.)
    let rows = 0;
    let spans = 0;
    for (const m of merges) {
      if (!indexed(m) || m.r1 < Math.max(0, m.r0)) continue;
      if (m.r1 + 1 > rows) rows = m.r1 + 1;
      spans += m.r1 - Math.max(0, m.r0) + 1;
    }
    this.rows = rows;
    // One buffer: the row starts, then the areas, then the fill positions (a sheet has many indexes).
    const buf = new Int32Array(rows + 1 + spans + rows);
    const at = buf.subarray(0, rows + 1);
    const areas = buf.subarray(rows + 1, rows + 1 + spans);
    const fill = buf.subarray(rows + 1 + spans);
    for (const m of merges) if (indexed(m)) for (let r = Math.max(0, m.r0); r <= m.r1; r++) at[r + 1]++;
    for (let r = 0; r < rows; r++) at[r + 1] += at[r];
    fill.set(at.subarray(0, rows));
    for (let i = 0; i < merges.length; i++) {
      const m = merges[i];
      if (indexed(m)) for (let r = Math.max(0, m.r0); r <= m.r1; r++) areas[fill[r]++] = i;
    }
    this.at = at;
    this.areas = areas;
  }
  areaOf(row: number, col: number): Rect | undefined {
    if (row >= 0 && row < this.rows) {
      // Last listed first: where areas overlap, the later one wins, as it always has.
      for (let i = this.at[row + 1] - 1; i >= this.at[row]; i--) {
        const m = this.merges[this.areas[i]];
        if (col >= m.c0 && col <= m.c1) return m;
      }
    }
    return undefined;
  }
  /** The top-left cell of the merged area holding (row, col), or the cell itself. */
  masterOf(row: number, col: number): { row: number; col: number } {
    const m = this.areaOf(row, col);
    return m ? { row: m.r0, col: m.c0 } : { row, col };
  }
  isMaster(row: number, col: number): boolean {
    const m = this.areaOf(row, col);
    return !m || (m.r0 === row && m.c0 === col);
  }
}

/** Builds a sheet from a 2-D array of literals: numbers, strings, null; `{ v, f, fmt }` objects pass through. */
export function sheetFromRows(
  name: string,
  rows: (Scalar | Cell | undefined)[][],
  merges: Rect[] = [],
): Sheet {
  const out: (Cell | undefined)[][] = rows.map((r) =>
    r.map((x) => {
      if (x === undefined || x === null || x === '') return undefined;
      if (typeof x === 'object' && 'v' in (x as Cell)) return x as Cell;
      return { v: x as Scalar };
    }),
  );
  return { name, rows: out, merges };
}

/**
 * A copy of the workbook to write into with setCell: its own sheets and rows, sharing the cell objects
 * (cells are values: every write replaces a cell, none changes one in place).
 */
export function copyForWrites(wb: Workbook): Workbook {
  return {
    sheets: wb.sheets.map((s) => ({
      ...s,
      rows: s.rows.map(copyRow),
      merges: s.merges.map((m) => ({ ...m })),
    })),
  };
}

/** A row's own copy (a blank cell as undefined, as cloneWorkbook makes it). */
function copyRow(r: (Cell | undefined)[]): (Cell | undefined)[] {
  if (!r) return r;
  const out = r.slice();
  for (let i = 0; i < out.length; i++) if (out[i] === null) out[i] = undefined;
  return out;
}

export function cloneWorkbook(wb: Workbook): Workbook {
  return {
    sheets: wb.sheets.map((s) => ({
      ...s,
      rows: s.rows.map((r) => (r ? r.map((c) => (c ? { ...c } : undefined)) : r)),
      merges: s.merges.map((m) => ({ ...m })),
    })),
  };
}

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

export function isBlankValue(v: Scalar): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** Number of rows that may hold cells. */
export function rowCount(sheet: Sheet): number {
  return sheet.rows.length;
}

export function colCount(sheet: Sheet): number {
  let n = 0;
  for (const r of sheet.rows) if (r && r.length > n) n = r.length;
  return n;
}

export function setCell(sheet: Sheet, row: number, col: number, cell: Cell | undefined): void {
  while (sheet.rows.length <= row) sheet.rows.push([]);
  let r = sheet.rows[row];
  if (!r) r = sheet.rows[row] = [];
  r[col] = cell;
}

/** Maps every cell of a merged area to that area, for O(1) look-ups. */
export class MergeIndex {
  // The areas on each row (an area is listed on every row it spans; a row holds few, so a scan is
  // quick). A map of every merged cell was a hot allocation on sheets with many tables.
  private readonly byRow: (Rect[] | undefined)[] = [];
  constructor(merges: Rect[]) {
    for (const m of merges) {
      // Guard against absurd areas: only index what a table could use.
      const cells = (m.r1 - m.r0 + 1) * (m.c1 - m.c0 + 1);
      if (cells > 100_000) continue;
      for (let r = m.r0; r <= m.r1; r++) {
        const list = this.byRow[r];
        if (list) list.push(m);
        else this.byRow[r] = [m];
      }
    }
  }
  areaOf(row: number, col: number): Rect | undefined {
    const list = this.byRow[row];
    if (list) {
      // Last listed first: where areas overlap, the later one wins, as it always has.
      for (let i = list.length - 1; i >= 0; i--) {
        const m = list[i];
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

export function cloneWorkbook(wb: Workbook): Workbook {
  return {
    sheets: wb.sheets.map((s) => ({
      ...s,
      rows: s.rows.map((r) => (r ? r.map((c) => (c ? { ...c } : undefined)) : r)),
      merges: s.merges.map((m) => ({ ...m })),
    })),
  };
}

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
  private readonly byCell = new Map<number, Rect>();
  constructor(merges: Rect[]) {
    for (const m of merges) {
      // Guard against absurd areas: only index what a table could use.
      const cells = (m.r1 - m.r0 + 1) * (m.c1 - m.c0 + 1);
      if (cells > 100_000) continue;
      for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) this.byCell.set(r * 20000 + c, m);
    }
  }
  areaOf(row: number, col: number): Rect | undefined {
    return this.byCell.get(row * 20000 + col);
  }
  /** The top-left cell of the merged area holding (row, col), or the cell itself. */
  masterOf(row: number, col: number): { row: number; col: number } {
    const m = this.byCell.get(row * 20000 + col);
    return m ? { row: m.r0, col: m.c0 } : { row, col };
  }
  isMaster(row: number, col: number): boolean {
    const m = this.byCell.get(row * 20000 + col);
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

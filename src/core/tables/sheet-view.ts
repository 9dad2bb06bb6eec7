// A read-only view of a sheet for detection: normalised header keys computed once, merges indexed.
import { MergeIndex } from '../grid/sheet';
import type { Cell, Sheet } from '../grid/types';
import { headerInfo, type HeaderInfo } from '../parse/text';

export class SheetView {
  readonly merges: MergeIndex;
  readonly rowCount: number;
  readonly colCount: number;
  private readonly infos = new Map<number, HeaderInfo>();

  constructor(readonly sheet: Sheet, readonly index: number) {
    this.merges = new MergeIndex(sheet.merges);
    this.rowCount = sheet.rows.length;
    let cols = 0;
    for (const r of sheet.rows) if (r && r.length > cols) cols = r.length;
    this.colCount = cols;
  }

  cell(row: number, col: number): Cell | undefined {
    const r = this.sheet.rows[row];
    return r ? r[col] : undefined;
  }

  /** The cell as Excel shows it at (row, col): inside a merged area, its master. */
  shown(row: number, col: number): Cell | undefined {
    const m = this.merges.masterOf(row, col);
    return this.cell(m.row, m.col);
  }

  text(row: number, col: number): string {
    const v = this.cell(row, col)?.v;
    return typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v);
  }

  info(row: number, col: number): HeaderInfo {
    const k = row * 20000 + col;
    let i = this.infos.get(k);
    if (!i) {
      const v = this.cell(row, col)?.v;
      i = typeof v === 'string' ? headerInfo(v) : { key: '', percent: false };
      this.infos.set(k, i);
    }
    return i;
  }

  key(row: number, col: number): string {
    return this.info(row, col).key;
  }

  /** Columns of the row that hold a value (masters only). */
  filledCols(row: number): number[] {
    const r = this.sheet.rows[row];
    const out: number[] = [];
    if (!r) return out;
    for (let c = 0; c < r.length; c++) {
      const cell = r[c];
      if (cell && cell.v !== null && !(typeof cell.v === 'string' && cell.v.trim() === '')) out.push(c);
    }
    return out;
  }

  isBlankRow(row: number): boolean {
    return this.filledCols(row).length === 0;
  }

  /** First filled cell to the right of col in the row (skipping the rest of a merged area). */
  nextFilled(row: number, col: number, limit = this.colCount): number | null {
    const area = this.merges.areaOf(row, col);
    const start = area ? area.c1 + 1 : col + 1;
    for (let c = start; c < limit; c++) {
      const v = this.cell(row, c)?.v;
      if (v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) return c;
    }
    return null;
  }
}

/** Matches a row's header cells against field patterns; first match per field wins. */
export function matchHeaderRow<F extends string>(
  view: SheetView,
  row: number,
  fields: Record<F, RegExp>,
): Partial<Record<F, number>> {
  const out: Partial<Record<F, number>> = {};
  for (const c of view.filledCols(row)) {
    const key = view.key(row, c);
    if (!key) continue;
    for (const f of Object.keys(fields) as F[]) {
      if (out[f] === undefined && fields[f].test(key)) {
        out[f] = c;
        break;
      }
    }
  }
  return out;
}

// A read-only view of a sheet for detection: normalised header keys computed once, merges indexed.
import { MergeIndex } from '../grid/sheet';
import type { Cell, Sheet } from '../grid/types';
import { headerInfo, type HeaderInfo } from '../parse/text';

export class SheetView {
  readonly merges: MergeIndex;
  readonly rowCount: number;
  readonly colCount: number;
  private readonly filled: (number[] | undefined)[] = [];

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
    const v = this.cell(row, col)?.v;
    if (typeof v !== 'string') return NO_INFO;
    // Keyed by the text: the same header or label text recurs across rows, tables and analyses.
    let i = HEADER_INFOS.get(v);
    if (!i) {
      if (HEADER_INFOS.size >= CACHE_LIMIT) HEADER_INFOS.clear();
      i = headerInfo(v);
      HEADER_INFOS.set(v, i);
    }
    return i;
  }

  key(row: number, col: number): string {
    return this.info(row, col).key;
  }

  /** Columns of the row that hold a value (masters only). */
  filledCols(row: number): readonly number[] {
    // Computed once per row: detection asks for the same rows many times. Callers never mutate it.
    const known = this.filled[row];
    if (known) return known;
    const r = this.sheet.rows[row];
    const filled = (cell: Cell | undefined) => cell && cell.v !== null && !(typeof cell.v === 'string' && cell.v.trim() === '');
    // Counted first so the array has its exact size (one per row of every sheet, every analysis).
    let n = 0;
    if (r) for (let c = 0; c < r.length; c++) if (filled(r[c])) n++;
    const out = new Array<number>(n);
    if (r) for (let c = 0, i = 0; i < n; c++) if (filled(r[c])) out[i++] = c;
    this.filled[row] = out;
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
  let byKey = MATCHES.get(fields) as Map<string, F[]> | undefined;
  if (!byKey) MATCHES.set(fields, (byKey = new Map()));
  for (const c of view.filledCols(row)) {
    const key = view.key(row, c);
    if (!key) continue;
    // The fields a key matches, in field order, tested once per distinct key.
    let matching = byKey.get(key);
    if (!matching) {
      if (byKey.size >= CACHE_LIMIT) byKey.clear();
      matching = (Object.keys(fields) as F[]).filter((f) => fields[f].test(key));
      byKey.set(key, matching);
    }
    for (const f of matching) {
      if (out[f] === undefined) {
        out[f] = c;
        break;
      }
    }
  }
  return out;
}

const NO_INFO: HeaderInfo = { key: '', percent: false };
/** Bound on the text-keyed caches below (a long-lived task pane analyses many workbooks). */
const CACHE_LIMIT = 50_000;
const HEADER_INFOS = new Map<string, HeaderInfo>();
const MATCHES = new WeakMap<object, Map<string, string[]>>();

// A read-only view of a sheet for detection: the filled cells of every row found in one pass,
// normalised header keys computed once per text, merges indexed.
import { MergeIndex } from '../grid/sheet';
import type { Cell, Sheet } from '../grid/types';
import { headerInfo, type HeaderInfo } from '../parse/text';

/** A cell detection counts as filled: a value other than null and blank text. */
function isFilled(cell: Cell | undefined): boolean {
  if (!cell) return false;
  const v = cell.v;
  if (v === null) return false;
  if (typeof v !== 'string') return true;
  // Exact shortcut for trim() === '': printable ASCII and U+3001–U+FEFE are never white space.
  const c0 = v.charCodeAt(0);
  if ((c0 > 0x20 && c0 < 0x7f) || (c0 >= 0x3001 && c0 <= 0xfefe)) return true;
  return v.trim() !== '';
}

/**
 * Characters detection looks for before matching a row's text (exact pre-checks: normalising a text
 * keeps its CJK characters), each for labels that all contain it: 总/合 (总分, 合计, 资金总额), 填/单/说/
 * 注/审/联/财 (a footer's first character: 填表人, 单位负责人, 说明, 注, 审核人, 联系电话, 财务负责人),
 * 财/经/楼/厉 (the 基础数据表 anchors), 目 (预期目标, 年度总体目标), 评/称 (自评表, 名称). Headers are not
 * pre-checked: their synonyms share no character (三级指标, 指标内容).
 */
export const HINT = {
  总: 1 << 0,
  合: 1 << 1,
  填: 1 << 2,
  单: 1 << 3,
  说: 1 << 4,
  财: 1 << 5,
  经: 1 << 6,
  楼: 1 << 7,
  厉: 1 << 8,
  目: 1 << 9,
  评: 1 << 10,
  称: 1 << 11,
  注: 1 << 12,
  审: 1 << 13,
  联: 1 << 14,
} as const;

const HINT_OF = new Int32Array(0x10000);
for (const [ch, bit] of Object.entries(HINT)) HINT_OF[ch.charCodeAt(0)] = bit;

/** The HINT characters a text contains. */
export function hintsOf(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) m |= HINT_OF[s.charCodeAt(i)];
  return m;
}

/** Appends the row's filled columns to cols at k and notes its hints; returns the next k. */
function scanRow(row: (Cell | undefined)[] | undefined, cols: Int32Array, k: number, hints: Int32Array, r: number): number {
  if (!row) return k;
  let h = 0;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (!isFilled(cell)) continue;
    cols[k++] = c;
    const v = (cell as Cell).v;
    if (typeof v === 'string') h |= hintsOf(v);
  }
  hints[r] = h;
  return k;
}

/** A view's arrays, in one buffer (one allocation per sheet). */
function buffers(n: number, cells: number): { start: Int32Array; cols: Int32Array; hints: Int32Array } {
  const buf = new Int32Array(n + 1 + n + cells);
  return { start: buf.subarray(0, n + 1), hints: buf.subarray(n + 1, n + 1 + n), cols: buf.subarray(n + 1 + n) };
}

export class SheetView {
  readonly merges: MergeIndex;
  readonly rowCount: number;
  readonly colCount: number;
  /** Filled columns of row r: cols[start[r]] … cols[start[r + 1] - 1], ascending (one flat array per sheet). */
  private readonly start: Int32Array;
  private readonly cols: Int32Array;
  /** The HINT characters the row's filled text cells contain. */
  private readonly hints: Int32Array;

  constructor(readonly sheet: Sheet, readonly index: number) {
    const rows = sheet.rows;
    const n = rows.length;
    this.rowCount = n;
    this.merges = new MergeIndex(sheet.merges);
    let width = 0;
    let cells = 0;
    for (let r = 0; r < n; r++) {
      const row = rows[r];
      if (row) {
        cells += row.length;
        if (row.length > width) width = row.length;
      }
    }
    this.colCount = width;
    const { start, cols, hints } = buffers(n, cells);
    let k = 0;
    for (let r = 0; r < n; r++) {
      start[r] = k;
      k = scanRow(rows[r], cols, k, hints, r);
    }
    start[n] = k;
    this.start = start;
    this.cols = cols;
    this.hints = hints;
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

  /** The cell's value when it is text (for the exact pre-checks that look for a character). */
  str(row: number, col: number): string | undefined {
    const r = this.sheet.rows[row];
    const v = r ? r[col]?.v : undefined;
    return typeof v === 'string' ? v : undefined;
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

  /** Whether some filled text cell of the row contains one of the HINT characters of `mask`. */
  mentions(row: number, mask: number): boolean {
    return row >= 0 && row < this.rowCount && (this.hints[row] & mask) !== 0;
  }

  /** Number of filled cells of the row (masters only). */
  filledCount(row: number): number {
    return row >= 0 && row < this.rowCount ? this.start[row + 1] - this.start[row] : 0;
  }

  /** Column of the row's i-th filled cell (0 ≤ i < filledCount(row)). */
  filledCol(row: number, i: number): number {
    return this.cols[this.start[row] + i];
  }

  /** Column of the row's first filled cell, or -1. */
  firstFilled(row: number): number {
    return this.filledCount(row) > 0 ? this.cols[this.start[row]] : -1;
  }

  /** Column of the row's last filled cell, or -1. */
  lastFilled(row: number): number {
    return this.filledCount(row) > 0 ? this.cols[this.start[row + 1] - 1] : -1;
  }

  /** Columns of the row that hold a value (masters only); a copy. */
  filledCols(row: number): number[] {
    const n = this.filledCount(row);
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.cols[this.start[row] + i];
    return out;
  }

  isBlankRow(row: number): boolean {
    return this.filledCount(row) === 0;
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
  // Made on the first match: most rows asked about match nothing (callers only read the result).
  let out: Partial<Record<F, number>> = NO_MATCH as Partial<Record<F, number>>;
  let byKey = MATCHES.get(fields) as Map<string, F[]> | undefined;
  if (!byKey) MATCHES.set(fields, (byKey = new Map()));
  const n = view.filledCount(row);
  for (let i = 0; i < n; i++) {
    const c = view.filledCol(row, i);
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
        if (out === NO_MATCH) out = {};
        out[f] = c;
        break;
      }
    }
  }
  return out;
}

const NO_INFO: HeaderInfo = { key: '', percent: false };
const NO_MATCH: Readonly<Record<string, number>> = Object.freeze({});
/** Bound on the text-keyed caches below (a long-lived task pane analyses many workbooks). */
const CACHE_LIMIT = 50_000;
const HEADER_INFOS = new Map<string, HeaderInfo>();
const MATCHES = new WeakMap<object, Map<string, string[]>>();

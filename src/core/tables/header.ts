// Headers that span up to three rows (SPEC §1.2): a group caption merged across its sub-columns, the
// other captions merged down. A column's caption is the union of the header cells above it, top-down.
import type { SheetView } from './sheet-view';

/** The deepest header rows: a header is its first row and at most two more. */
const MAX_DEPTH = 3;

/**
 * The last row of the header that starts at `top`: the rows below it continue the header while every
 * filled cell of theirs is text that `isCaption` accepts (data rows hold numbers, names and sentences).
 */
export function headerBottom(view: SheetView, top: number, isCaption: (key: string) => boolean): number {
  let bottom = top;
  for (let x = top + 1; x < top + MAX_DEPTH && x < view.rowCount; x++) {
    const n = view.filledCount(x);
    if (n === 0) break;
    for (let i = 0; i < n; i++) {
      const c = view.filledCol(x, i);
      if (view.str(x, c) === undefined || !isCaption(view.key(x, c))) return bottom;
    }
    bottom = x;
  }
  return bottom;
}

/** A column of a header: its caption parts, top-down (merged cells count in every column they span). */
export interface HeaderColumn {
  col: number;
  parts: string[];
}

/** The columns of the header rows top..bottom that have a caption, left to right. */
export function headerColumns(view: SheetView, top: number, bottom: number): HeaderColumn[] {
  let c0 = Infinity;
  let c1 = -1;
  for (let r = top; r <= bottom; r++) {
    const n = view.filledCount(r);
    if (n === 0) continue;
    c0 = Math.min(c0, view.filledCol(r, 0));
    const last = view.filledCol(r, n - 1);
    const area = view.merges.areaOf(r, last);
    c1 = Math.max(c1, area ? area.c1 : last);
  }
  const out: HeaderColumn[] = [];
  for (let c = Number.isFinite(c0) ? c0 : 0; c <= c1; c++) {
    const parts: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const m = view.merges.areaOf(r, c);
      const key = m ? view.key(m.r0, m.c0) : view.key(r, c);
      if (key && parts[parts.length - 1] !== key) parts.push(key);
    }
    if (parts.length) out.push({ col: c, parts });
  }
  return out;
}

/**
 * Assigns columns to fields: a column takes the first field its deepest caption matches, else the first
 * an upper (group) caption matches; the first column per field wins.
 */
export function matchColumns<F extends string>(columns: readonly HeaderColumn[], fields: Record<F, RegExp>): Partial<Record<F, number>> {
  const out: Partial<Record<F, number>> = {};
  const names = Object.keys(fields) as F[];
  for (const { col, parts } of columns) {
    for (let p = parts.length - 1; p >= 0; p--) {
      const f = names.find((n) => fields[n].test(parts[p]));
      if (f === undefined) continue;
      if (out[f] === undefined) out[f] = col;
      break;
    }
  }
  return out;
}

/** A predicate for `headerBottom`: the key matches one of the field patterns or a group caption. */
export function captionTest(patterns: readonly RegExp[]): (key: string) => boolean {
  const seen = new Map<string, boolean>();
  return (key) => {
    let ok = seen.get(key);
    if (ok === undefined) {
      ok = patterns.some((re) => re.test(key));
      if (seen.size < 10_000) seen.set(key, ok);
    }
    return ok;
  };
}

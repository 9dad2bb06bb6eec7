// The rows and cells of a worksheet part, in order, as the package reader and editor both walk them.
// Only what Excel and the other producers write: rows and cells in increasing order, a cell's
// reference (when it has one) naming its own row; anything else is PatchUnsupportedError.
import { nextTag, PatchUnsupportedError, refAttribute, type Tag } from './xml';

/** Calls `f` with each row of <sheetData> (`data`): its number (1-based), start tag and end (just past it). */
export function forEachRow(xml: string, data: Tag, f: (r: number, open: Tag, end: number) => void): void {
  if (data.selfClosing) return;
  const limit = xml.indexOf(`</${data.qname}>`, data.end);
  if (limit === -1) throw new PatchUnsupportedError('sheetData not closed');
  let prev = 0;
  for (let t = nextTag(xml, data.end, limit); t && t.start < limit; ) {
    if (t.closing || t.local !== 'row') throw new PatchUnsupportedError(`unexpected <${t.qname}> in sheetData`);
    const rAttr = refAttribute(xml, t);
    const r = rAttr === undefined ? prev + 1 : Number(rAttr);
    if (!Number.isInteger(r) || r <= prev) throw new PatchUnsupportedError('rows out of order');
    const end = endOf(xml, t, limit);
    f(r, t, end);
    prev = r;
    t = nextTag(xml, end, limit);
  }
}

/**
 * Calls `f` with each cell of row `r` (its start tag `open`, ending at `end`): its column (0-based),
 * start tag and end. Returns where a cell after the last one goes (before the row's extLst, if any).
 */
export function forEachCell(xml: string, r: number, open: Tag, end: number, f: (col: number, open: Tag, end: number) => void): number {
  const limit = end - open.qname.length - 3;
  let tail = limit;
  let prev = -1;
  for (let t = nextTag(xml, open.end, limit); t && t.start < limit; ) {
    if (t.closing) throw new PatchUnsupportedError('unexpected end tag in row');
    const cellEnd = endOf(xml, t, limit);
    if (t.local === 'c') {
      const ref = refAttribute(xml, t);
      const col = ref === undefined ? prev + 1 : columnInRow(ref, r);
      if (col <= prev) throw new PatchUnsupportedError('cells out of order');
      f(col, t, cellEnd);
      prev = col;
    } else if (t.local === 'extLst') {
      tail = Math.min(tail, t.start);
    } else {
      throw new PatchUnsupportedError(`unexpected <${t.qname}> in row`);
    }
    t = nextTag(xml, cellEnd, limit);
  }
  return tail;
}

/** Just past the element opened by `t` (rows and cells do not nest in themselves). */
function endOf(xml: string, t: Tag, limit: number): number {
  if (t.selfClosing) return t.end;
  const close = xml.indexOf(`</${t.qname}>`, t.end);
  if (close === -1 || close > limit) throw new PatchUnsupportedError(`<${t.qname}> not closed`);
  return close + t.qname.length + 3;
}

/** The column of a reference such as "AB12" in row 12 (0-based), read by hand: this runs on every cell. */
function columnInRow(ref: string, r: number): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~0x20; // upper case
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  let row = 0;
  const digits = i;
  for (; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    row = row * 10 + d;
  }
  if (col === 0 || col > 16_384 || i === digits || i !== ref.length) throw new PatchUnsupportedError(`bad cell reference ${ref}`);
  if (row !== r) throw new PatchUnsupportedError(`cell ${ref} in row ${r}`);
  return col - 1;
}

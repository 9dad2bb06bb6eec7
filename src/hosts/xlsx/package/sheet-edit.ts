// Writes cells into a worksheet part in place: the <c> elements written are replaced or inserted in
// row and column order, and every other byte of the part is kept.
import { address, parseAddress as parseStrict } from '../../../core/grid/address';
import { slideReferences } from './formula';
import { forEachCell, forEachRow } from './sheet-xml';
import type { CellState, Scalar } from '../../../core/grid/types';
import { isErrorValue } from '../../../core/grid/types';
import type { StyleBook } from './styles';
import { attributes, closeOf, findTag, nextTag, PatchUnsupportedError, refAttribute, setAttribute, startTag, type Tag, xstring, escapeXml } from './xml';

/** One cell's final state, 0-based. */
export interface CellWrite {
  row: number;
  col: number;
  state: CellState;
  /** The cell's formula as the file holds it, where it has one. */
  storedFormula?: string;
  /** The write keeps that formula and updates only its cached result. */
  keepsFormula?: boolean;
}

export interface SheetPatch {
  xml: string;
  /** A formula was written or overwritten: the workbook's calculation chain is out of date. */
  formulasTouched: boolean;
}

interface RowInfo {
  /** 1-based. */
  r: number;
  open: Tag;
  /** Just past </row> (or the self-closing tag). */
  end: number;
}

interface CellInfo {
  /** 0-based. */
  col: number;
  open: Tag;
  end: number;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function patchSheet(xml: string, writes: CellWrite[], styles: StyleBook): SheetPatch {
  if (!writes.length) return { xml, formulasTouched: false };
  const data = findTag(xml, 'sheetData');
  if (!data) throw new PatchUnsupportedError('no sheetData');
  const sorted = writes.slice().sort((a, b) => a.row - b.row || a.col - b.col);

  // A written shared-formula master would take its dependents' formula with it: give them their own
  // first (a master whose formula is kept keeps them).
  const detached = detachSharedDependents(xml, data, sorted.filter((w) => !w.keepsFormula));
  if (detached !== xml) return patchSheet(detached, writes, styles);

  const prefix = data.qname.slice(0, data.qname.length - 'sheetData'.length);
  const rows = data.selfClosing ? [] : scanRows(xml, data);
  const dataClose = data.selfClosing ? data.end : closeOf(xml, data);
  const colStyles = columnStyles(xml);
  const edits: Edit[] = [];
  let formulasTouched = false;
  let bounds = dimensionOf(xml);

  let ri = 0;
  for (let wi = 0; wi < sorted.length; ) {
    const r = sorted[wi].row + 1;
    let wj = wi;
    while (wj < sorted.length && sorted[wj].row + 1 === r) wj++;
    const rowWrites = sorted.slice(wi, wj);
    wi = wj;
    while (ri < rows.length && rows[ri].r < r) ri++;
    const row = ri < rows.length && rows[ri].r === r ? rows[ri] : undefined;
    const rowStyle = row ? rowStyleOf(xml, row.open) : undefined;

    const cells = row && !row.open.selfClosing ? scanCells(xml, row) : Object.assign([] as CellInfo[], { tail: -1 });
    const pieces: { at: number; end: number; text: string }[] = [];
    let ci = 0;
    const insertAt = cells.tail;
    /** The new text of each existing cell written, by its index in `cells` ('' removes it). */
    const replaced = new Map<number, string>();
    for (const w of rowWrites) {
      while (ci < cells.length && cells[ci].col < w.col) ci++;
      const cell = ci < cells.length && cells[ci].col === w.col ? cells[ci] : undefined;
      const ref = address(w.row, w.col);
      if (cell) {
        const a = attributes(xml, cell.open);
        const inner = cell.open.selfClosing ? '' : xml.slice(cell.open.end, cell.end);
        const s = Number(a.get('s') ?? 0) || 0;
        const kept = w.keepsFormula && !cell.open.selfClosing ? formulaOf(xml, cell) : null;
        if (!kept && (/<(\w+:)?f[\s/>]/.test(inner) || w.state.f !== undefined)) formulasTouched = true;
        const text = kept ? cellWithFormula(prefix, ref, a, s, xml.slice(kept.tag.start, kept.end), w.state, styles) : cellXml(prefix, ref, a, s, w.state, styles);
        replaced.set(ci, text);
        pieces.push({ at: cell.open.start, end: cell.end, text });
      } else {
        if (w.state.f !== undefined) formulasTouched = true;
        const s = rowStyle ?? colStyles(w.col);
        const text = cellXml(prefix, ref, new Map(), s, w.state, styles);
        if (!text) continue;
        const at = ci < cells.length ? cells[ci].open.start : insertAt;
        pieces.push({ at, end: at, text });
      }
      bounds = grow(bounds, w.row, w.col);
    }
    if (!pieces.length) continue;
    // A cell without r sits one column after the cell before it: when that one is removed, it says where it is.
    let removedBefore = false;
    cells.forEach((c, i) => {
      const text = replaced.get(i);
      if (text !== undefined) removedBefore = text === '';
      else {
        if (removedBefore && refAttribute(xml, c.open) === undefined) {
          pieces.push({ at: c.open.start, end: c.open.end, text: setAttribute(xml.slice(c.open.start, c.open.end), 'r', address(r - 1, c.col)) });
        }
        removedBefore = false;
      }
    });

    if (row && !row.open.selfClosing) {
      for (const p of pieces) edits.push({ start: p.at, end: p.end, text: p.text });
      const open = xml.slice(row.open.start, row.open.end);
      const wider = widenSpans(open, rowWrites);
      if (wider !== open) edits.push({ start: row.open.start, end: row.open.end, text: wider });
    } else if (row) {
      // <row r="5" .../> becomes <row r="5" ...>cells</row>.
      const tag = widenSpans(xml.slice(row.open.start, row.open.end - 2) + '>', rowWrites);
      edits.push({ start: row.open.start, end: row.open.end, text: tag + pieces.map((p) => p.text).join('') + `</${row.open.qname}>` });
    } else {
      const at = ri < rows.length ? rows[ri].open.start : dataClose;
      edits.push({ start: at, end: at, text: `<${prefix}row r="${r}">${pieces.map((p) => p.text).join('')}</${prefix}row>` });
    }
  }

  let out: string;
  if (data.selfClosing) {
    const open = xml.slice(data.start, data.end - 2) + '>';
    out = xml.slice(0, data.start) + open + edits.map((e) => e.text).join('') + `</${data.qname}>` + xml.slice(data.end);
  } else {
    out = splice(xml, edits);
  }
  return { xml: setDimension(out, bounds), formulasTouched };
}

function splice(xml: string, edits: Edit[]): string {
  // Stable by position: insertions at one offset keep their order.
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  const parts: string[] = [];
  let pos = 0;
  for (const { e } of sorted) {
    if (e.start < pos) throw new PatchUnsupportedError('overlapping edits');
    parts.push(xml.slice(pos, e.start), e.text);
    pos = e.end;
  }
  parts.push(xml.slice(pos));
  return parts.join('');
}

function scanRows(xml: string, data: Tag): RowInfo[] {
  const rows: RowInfo[] = [];
  forEachRow(xml, data, (r, open, end) => rows.push({ r, open, end }));
  return rows;
}

/** The row's cells; `tail`: where a cell after the last one goes (before the row's extLst, if any). */
function scanCells(xml: string, row: RowInfo): CellInfo[] & { tail: number } {
  const cells: CellInfo[] = [];
  const tail = forEachCell(xml, row.r, row.open, row.end, (col, open, end) => cells.push({ col, open, end }));
  return Object.assign(cells, { tail });
}

function parseAddress(a: string): { row: number; col: number } | undefined {
  try {
    return parseStrict(a);
  } catch {
    return undefined;
  }
}


/** The row's own format, for new cells, when it has one (customFormat). */
function rowStyleOf(xml: string, open: Tag): number | undefined {
  const a = attributes(xml, open);
  const custom = a.get('customFormat');
  if (custom !== '1' && custom !== 'true') return undefined;
  return Number(a.get('s') ?? 0) || 0;
}

/** The column formats of <cols>, for new cells in rows without a format of their own. */
function columnStyles(xml: string): (col: number) => number {
  const cols = findTag(xml, 'cols');
  if (!cols || cols.selfClosing) return () => 0;
  const close = closeOf(xml, cols);
  const ranges: { min: number; max: number; style: number }[] = [];
  for (let t = nextTag(xml, cols.end, close); t && t.start < close; t = nextTag(xml, t.end, close)) {
    if (t.closing || t.local !== 'col') continue;
    const a = attributes(xml, t);
    const style = Number(a.get('style') ?? 0) || 0;
    if (style) ranges.push({ min: Number(a.get('min')), max: Number(a.get('max')), style });
  }
  return (col) => ranges.find((g) => col + 1 >= g.min && col + 1 <= g.max)?.style ?? 0;
}

const DROPPED = new Set(['r', 's', 't', 'cm', 'vm']);

/** The <c> element for a cell's new state; '' for a blank cell with nothing to keep. */
function cellXml(prefix: string, ref: string, kept: Map<string, string>, s: number, st: CellState, styles: StyleBook): string {
  const style = styles.withNumFmt(s, st.fmt);
  const attrs: [string, string | undefined][] = [
    ['r', ref],
    ['s', style ? String(style) : undefined],
  ];
  for (const [k, v] of kept) if (!DROPPED.has(k)) attrs.push([k, v]);
  const q = `${prefix}c`;
  let t: string | undefined;
  let body = '';
  if (st.f !== undefined) {
    body = `<${prefix}f>${escapeXml(st.f.replace(/^=/, ''))}</${prefix}f>`;
    if (st.v !== null) {
      const v = valueXml(st.v, true);
      t = v.t;
      body += `<${prefix}v>${v.text}</${prefix}v>`;
    }
  } else if (typeof st.v === 'string') {
    t = 'inlineStr';
    const space = /^\s|\s$/.test(st.v) ? ' xml:space="preserve"' : '';
    body = `<${prefix}is><${prefix}t${space}>${xstring(st.v)}</${prefix}t></${prefix}is>`;
  } else if (st.v !== null) {
    const v = valueXml(st.v, false);
    t = v.t;
    body = `<${prefix}v>${v.text}</${prefix}v>`;
  }
  if (t !== undefined) attrs.splice(2, 0, ['t', t]);
  if (!body) {
    // Excel keeps no element for an empty cell without a format.
    if (attrs.every(([k, v]) => k === 'r' || v === undefined)) return '';
    return startTag(q, attrs, true);
  }
  return startTag(q, attrs) + body + `</${q}>`;
}

/** A formula cell whose <f> element (as stored: shared, array, ca…) stays, with a new cached result. */
function cellWithFormula(prefix: string, ref: string, kept: Map<string, string>, s: number, f: string, st: CellState, styles: StyleBook): string {
  const style = styles.withNumFmt(s, st.fmt);
  const attrs: [string, string | undefined][] = [
    ['r', ref],
    ['s', style ? String(style) : undefined],
  ];
  let body = f;
  if (st.v !== null) {
    const v = valueXml(st.v, true);
    if (v.t !== undefined) attrs.push(['t', v.t]);
    body += `<${prefix}v>${v.text}</${prefix}v>`;
  }
  // cm (cell metadata: a dynamic array) belongs to the formula and stays with it.
  for (const [k, v] of kept) if (k !== 'r' && k !== 's' && k !== 't' && k !== 'vm') attrs.push([k, v]);
  return startTag(`${prefix}c`, attrs) + body + `</${prefix}c>`;
}

function valueXml(v: Exclude<Scalar, null>, formula: boolean): { t?: string; text: string } {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new PatchUnsupportedError(`non-finite number ${v}`);
    return { text: String(v) };
  }
  if (typeof v === 'boolean') return { t: 'b', text: v ? '1' : '0' };
  if (isErrorValue(v)) return { t: 'e', text: escapeXml(v.error) };
  // A formula's text result.
  if (formula) return { t: 'str', text: xstring(v) };
  throw new PatchUnsupportedError('string value outside a formula');
}

/**
 * Shared formulas: a master <f t="shared" ref=".." si="n">text</f> and dependents <f t="shared" si="n"/>
 * whose formula is the master's moved to their position. Each dependent of a master being written
 * gets that formula spelled out.
 */
function detachSharedDependents(xml: string, data: Tag, sorted: CellWrite[]): string {
  if (data.selfClosing || !/<(\w+:)?f\b[^>]*t\s*=\s*["']shared["']/.test(xml)) return xml;
  const written = new Set(sorted.map((w) => `${w.row},${w.col}`));
  const rows = scanRows(xml, data);
  const byRow = new Map(rows.map((r) => [r.r, r]));
  const masters = new Map<string, { formula: string; ref: string }>();
  for (const w of sorted) {
    const row = byRow.get(w.row + 1);
    if (!row || row.open.selfClosing) continue;
    const cell = scanCells(xml, row).find((c) => c.col === w.col);
    if (!cell || cell.open.selfClosing) continue;
    const f = formulaOf(xml, cell);
    if (f && f.attrs.get('t') === 'shared' && f.attrs.has('ref') && f.attrs.has('si') && f.text) {
      masters.set(f.attrs.get('si')!, { formula: f.text, ref: address(w.row, w.col) });
    }
  }
  if (!masters.size) return xml;
  const edits: Edit[] = [];
  for (const row of rows) {
    if (row.open.selfClosing) continue;
    for (const cell of scanCells(xml, row)) {
      if (cell.open.selfClosing || written.has(`${row.r - 1},${cell.col}`)) continue;
      const f = formulaOf(xml, cell);
      if (!f || f.attrs.get('t') !== 'shared' || f.text) continue;
      const master = masters.get(f.attrs.get('si') ?? '');
      if (!master) continue;
      const q = f.tag.qname;
      const moved = slideReferences(master.formula, master.ref, address(row.r - 1, cell.col));
      edits.push({ start: f.tag.start, end: f.end, text: `<${q}>${escapeXml(moved)}</${q}>` });
    }
  }
  return splice(xml, edits);
}

function formulaOf(xml: string, cell: CellInfo): { tag: Tag; end: number; attrs: Map<string, string>; text: string } | null {
  const f = findTag(xml, 'f', cell.open.end, cell.end);
  if (!f) return null;
  let end = f.end;
  let text = '';
  if (!f.selfClosing) {
    const close = closeOf(xml, f, cell.end);
    text = xml.slice(f.end, close);
    end = close + f.qname.length + 3;
  }
  return { tag: f, end, attrs: attributes(xml, f), text: unescapeText(text) };
}

function unescapeText(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** A row's start tag with its spans hint ("1:8") widened to the columns written. */
function widenSpans(open: string, writes: CellWrite[]): string {
  const m = /\sspans\s*=\s*["'](\d+):(\d+)["']/.exec(open);
  if (!m) return open;
  let lo = Number(m[1]);
  let hi = Number(m[2]);
  for (const w of writes) {
    lo = Math.min(lo, w.col + 1);
    hi = Math.max(hi, w.col + 1);
  }
  return setAttribute(open, 'spans', `${lo}:${hi}`);
}

interface Bounds {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  changed: boolean;
}

function dimensionOf(xml: string): Bounds | undefined {
  const dim = findTag(xml, 'dimension');
  if (!dim) return undefined;
  const ref = attributes(xml, dim).get('ref') ?? '';
  const [a, b = a] = ref.split(':');
  const p = parseAddress(a);
  const q = parseAddress(b);
  if (!p || !q) return undefined;
  return { r0: p.row, c0: p.col, r1: q.row, c1: q.col, changed: false };
}

function grow(b: Bounds | undefined, row: number, col: number): Bounds | undefined {
  if (!b) return b;
  if (row >= b.r0 && row <= b.r1 && col >= b.c0 && col <= b.c1) return b;
  return { r0: Math.min(b.r0, row), c0: Math.min(b.c0, col), r1: Math.max(b.r1, row), c1: Math.max(b.c1, col), changed: true };
}

function setDimension(xml: string, b: Bounds | undefined): string {
  if (!b || !b.changed) return xml;
  const dim = findTag(xml, 'dimension')!;
  const ref = b.r0 === b.r1 && b.c0 === b.c1 ? address(b.r0, b.c0) : `${address(b.r0, b.c0)}:${address(b.r1, b.c1)}`;
  return xml.slice(0, dim.start) + setAttribute(xml.slice(dim.start, dim.end), 'ref', ref) + xml.slice(dim.end);
}

/**
 * The sheet's merged areas replaced by `kept` (the reader's repair of overlapping or invalid areas),
 * so the file saved is the one the user was told about, and Excel has nothing to repair in it.
 */
export function repairMerges(xml: string, kept: readonly string[]): string {
  const merges = findTag(xml, 'mergeCells');
  if (!merges) return xml;
  const end = merges.selfClosing ? merges.end : closeOf(xml, merges) + merges.qname.length + 3;
  if (!kept.length) return xml.slice(0, merges.start) + xml.slice(end); // CT_MergeCells needs one area at least
  const prefix = merges.qname.slice(0, merges.qname.length - 'mergeCells'.length);
  const items = kept.map((ref) => `<${prefix}mergeCell ref="${escapeXml(ref, true)}"/>`).join('');
  return xml.slice(0, merges.start) + `<${merges.qname} count="${kept.length}">${items}</${merges.qname}>` + xml.slice(end);
}

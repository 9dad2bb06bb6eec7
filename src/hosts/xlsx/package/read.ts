// Reads the grid model straight from the package's XML, as convert.ts reads it from ExcelJS (the same
// values, formulas, formats, merged areas and repairs), in a fraction of ExcelJS's time and memory.
// A package it does not follow (PatchUnsupportedError) is read by ExcelJS instead.
import { address } from '../../../core/grid/address';
import type { Cell, Rect, Scalar, Sheet, Workbook } from '../../../core/grid/types';
import { duplicateSheet, MAX_MERGED_CELLS, resolveMerges } from '../excel-guard';
import { slideReferences } from './formula';
import { forEachCell, forEachRow } from './sheet-xml';
import { StyleBook } from './styles';
import { attributes, closeOf, DamagedPartError, findTag, nextTag, PatchUnsupportedError, type Tag, unescapeXml } from './xml';
import { CONTENT_TYPES, type PackageParts, REL_SHARED_STRINGS, REL_STYLES } from './parts';

export interface PackageRead {
  workbook: Workbook;
  /** What was repaired, for the user: one Chinese sentence each (as excel-guard.ts words them). */
  notes: string[];
  /** Sheets whose merged areas were repaired: the areas kept, in file order. */
  mergeRepairs: Map<string, string[]>;
}

const MS_PER_DAY = 86_400_000;

/**
 * The grid of a package: `parts` from zip-node.ts's nodeParts (Node) or the workbench's own (a browser).
 * Every part read is checked well-formed first (PackageParts.text): a damaged one is a
 * DamagedPartError naming it; NoWorkbookPartError when the package has no workbook part.
 */
export function readPackage(zip: PackageParts): PackageRead {
  // Not read here, but edited when saving, and Excel opens nothing without it: damaged, it is refused now.
  if (zip.has(CONTENT_TYPES)) zip.text(CONTENT_TYPES);
  const workbookPath = zip.workbookPath();
  const book = zip.text(workbookPath);
  const rels = zip.relationships(workbookPath);
  const stylesRel = rels.find((r) => !r.external && REL_STYLES.test(r.type));
  const styles = new StyleBook(stylesRel && zip.has(stylesRel.path) ? zip.text(stylesRel.path) : undefined);
  const stringsRel = rels.find((r) => !r.external && REL_SHARED_STRINGS.test(r.type));
  const strings = stringsRel && zip.has(stringsRel.path) ? sharedStrings(zip.text(stringsRel.path)) : [];
  const pr = findTag(book, 'workbookPr');
  const date1904Attr = pr ? attributes(book, pr).get('date1904') : undefined;
  const date1904 = date1904Attr === '1' || date1904Attr === 'true';

  const notes: string[] = [];
  const mergeRepairs = new Map<string, string[]>();
  const budget = { left: MAX_MERGED_CELLS };
  const seen = new Set<string>();
  const sheets: Sheet[] = [];
  for (const { name, path, state } of zip.worksheets(book, rels)) {
    const key = name.toLowerCase();
    if (seen.has(key)) throw duplicateSheet(name);
    seen.add(key);
    // A sheet whose part is missing: Excel repairs the file by dropping the sheet, so would its check.
    if (!zip.has(path)) throw new DamagedPartError(path, `不存在，工作表「${name}」的内容缺失`);
    const xml = zip.text(path);
    let sheet: Sheet;
    try {
      sheet = readSheet(xml, name, { strings, styles, date1904, budget, notes, mergeRepairs });
    } catch (e) {
      // A value no producer writes: the scan does not know the part's name.
      if (e instanceof DamagedPartError && !e.part) throw new DamagedPartError(path, e.detail);
      throw e;
    }
    if (state === 'hidden' || state === 'veryHidden') sheet.hidden = true;
    sheets.push(sheet);
  }
  return { workbook: { sheets }, notes, mergeRepairs };
}

/** The text of an element's <t> children (a plain string, or the runs of rich text), phonetic runs left out. */
function stringItem(xml: string, from: number, to: number): string {
  let s = '';
  for (let t = nextTag(xml, from, to); t && t.start < to; ) {
    if (t.closing || t.selfClosing || (t.local !== 't' && t.local !== 'rPh')) {
      t = nextTag(xml, t.end, to);
      continue;
    }
    const close = closeOf(xml, t, to);
    // rPh holds a phonetic reading (its own <t>): skipped whole.
    if (t.local === 't') s += decodeXstring(unescapeXml(xml.slice(t.end, close)));
    t = nextTag(xml, close + t.qname.length + 3, to);
  }
  return s;
}

/** The items of a shared string table, in order. */
export function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  let pos = 0;
  for (let t = findTag(xml, 'si', pos); t; t = findTag(xml, 'si', pos)) {
    if (t.selfClosing) {
      out.push('');
      pos = t.end;
      continue;
    }
    const close = closeOf(xml, t);
    out.push(stringItem(xml, t.end, close));
    pos = close + t.qname.length + 3;
  }
  return out;
}

/** ST_Xstring: _xHHHH_ is the character HHHH (so _x005F_ is a literal underscore). */
function decodeXstring(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

interface SheetContext {
  strings: string[];
  styles: StyleBook;
  date1904: boolean;
  budget: { left: number };
  notes: string[];
  mergeRepairs: Map<string, string[]>;
}

const DATE_CODES = new Map<string, boolean>();

/** ExcelJS's test for a date format (a number in such a cell is read as a date, then as its serial). */
function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  let d = DATE_CODES.get(fmt);
  if (d === undefined) {
    d = /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
    DATE_CODES.set(fmt, d);
  }
  return d;
}

/** A date-formatted number as it comes back through a JS Date (to the millisecond), as ExcelJS reads it. */
function viaDate(v: number, date1904: boolean): number {
  // The same operations in the same order as ExcelJS's excelToDate and convert.ts's excelSerial.
  const ms = Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  return 25569 + ms / MS_PER_DAY - (date1904 ? 1462 : 0);
}

function readSheet(xml: string, name: string, ctx: SheetContext): Sheet {
  const rows: (Cell | undefined)[][] = [];
  const data = findTag(xml, 'sheetData');
  const masters = new Map<string, { formula: string; ref: string }>();
  if (data) {
    forEachRow(xml, data, (r, open, end) => {
      if (!open.selfClosing) readRow(xml, open, end, r - 1, rows, masters, ctx);
    });
  }
  // mergeCells comes after sheetData: search from there, not through every cell again.
  const merges = readMerges(xml, data ? (data.selfClosing ? data.end : closeOf(xml, data)) : 0, name, rows, ctx);
  // As convert.ts builds them: rows before the last kept one present (empty when they hold nothing).
  let last = rows.length - 1;
  while (last >= 0 && !rows[last]?.some(Boolean)) last--;
  rows.length = last + 1;
  for (let r = 0; r <= last; r++) {
    const row = rows[r];
    if (!row || !row.some(Boolean)) rows[r] = [];
    else {
      let end = row.length;
      while (end > 0 && !row[end - 1]) end--;
      row.length = end;
    }
  }
  return { name, rows, merges };
}


function readRow(
  xml: string,
  open: Tag,
  end: number,
  row: number,
  rows: (Cell | undefined)[][],
  masters: Map<string, { formula: string; ref: string }>,
  ctx: SheetContext,
): void {
  forEachCell(xml, row + 1, open, end, (col, c, cellEnd) => {
    const cell = readCell(xml, c, cellEnd, cellAttributes(xml, c), row, col, masters, ctx);
    if (cell) (rows[row] ??= [])[col] = cell;
  });
}

interface CellAttributes {
  s?: string;
  t?: string;
}

/** A cell's s and t, scanned without a regular expression or a map (this runs on every cell). */
function cellAttributes(xml: string, tag: Tag): CellAttributes {
  const out: CellAttributes = {};
  const end = tag.end - (tag.selfClosing ? 2 : 1);
  let i = tag.start + 1 + tag.qname.length;
  while (i < end) {
    const eq = xml.indexOf('=', i);
    if (eq === -1 || eq >= end) break;
    let q = eq + 1;
    while (q < end && xml.charCodeAt(q) <= 0x20) q++;
    const quote = xml[q];
    if (quote !== '"' && quote !== "'") throw new PatchUnsupportedError('bad attribute');
    const close = xml.indexOf(quote, q + 1);
    if (close === -1 || close >= end) throw new PatchUnsupportedError('bad attribute');
    let n = eq;
    while (n > i && xml.charCodeAt(n - 1) <= 0x20) n--;
    let b = n;
    while (b > i && xml.charCodeAt(b - 1) > 0x20) b--;
    const name = xml.slice(b, n);
    if (name === 's' || name === 't') {
      const v = xml.slice(q + 1, close);
      out[name] = v.includes('&') ? unescapeXml(v) : v;
    }
    i = close + 1;
  }
  return out;
}

/** One <c>, as ExcelJS reads it and convert.ts turns it into a grid cell. */
function readCell(
  xml: string,
  open: Tag,
  end: number,
  a: CellAttributes,
  row: number,
  col: number,
  masters: Map<string, { formula: string; ref: string }>,
  ctx: SheetContext,
): Cell | undefined {
  const s = Number(a.s ?? 0) || 0;
  const fmt = s ? ctx.styles.numFmtOf(s) : undefined;
  const blank = (): Cell | undefined => (fmt !== undefined ? { v: null, fmt } : undefined);
  const t = a.t;
  let formula: string | undefined;
  let shareType: string | undefined;
  let valueText: string | undefined;
  let inline: string | undefined;
  const innerEnd = end - open.qname.length - 3;
  // Most cells are <c …><v>value</v></c>: read without tokenizing.
  const plainValue =
    !open.selfClosing && open.qname === 'c' && xml.startsWith('<v>', open.end) && xml.indexOf('<', open.end + 3) === innerEnd - 4 && xml.startsWith('</v>', innerEnd - 4);
  if (plainValue) {
    const raw = xml.slice(open.end + 3, innerEnd - 4);
    valueText = raw.includes('&') ? unescapeXml(raw) : raw;
  } else if (!open.selfClosing) {
    for (let x = nextTag(xml, open.end, innerEnd); x && x.start < innerEnd; ) {
      if (x.closing) {
        x = nextTag(xml, x.end, innerEnd);
        continue;
      }
      const close = x.selfClosing ? x.end : closeOf(xml, x, innerEnd);
      const next = x.selfClosing ? x.end : close + x.qname.length + 3;
      if (x.local === 'f') {
        const fa = attributes(xml, x);
        shareType = fa.get('t') === 'shared' ? 'shared' : undefined;
        const text = x.selfClosing ? '' : unescapeXml(xml.slice(x.end, close));
        formula = text;
        if (shareType && fa.has('ref') && text) masters.set(fa.get('si') ?? '', { formula: text, ref: address(row, col) });
        else if (shareType && !text) {
          const m = masters.get(fa.get('si') ?? '');
          formula = m ? slideReferences(m.formula, m.ref, address(row, col)) : '';
        }
      } else if (x.local === 'v') {
        valueText = x.selfClosing ? '' : unescapeXml(xml.slice(x.end, close));
      } else if (x.local === 'is') {
        inline = x.selfClosing ? '' : stringItem(xml, x.end, close);
      }
      x = nextTag(xml, next, innerEnd);
    }
  }
  if (formula || shareType) {
    let v: Scalar = null;
    if (valueText) {
      if (t === 'str') v = valueText;
      else if (t === 'b') v = parseInt(valueText, 10) !== 0;
      else if (t === 'e') v = { error: valueText };
      else if (t === 'd') v = isoDate(valueText, ctx.date1904);
      else v = numberValue(valueText, fmt, row, col, ctx);
    }
    if (!formula) {
      // A shared-formula dependent whose master is missing: keep only its cached value.
      if (v === null || v === '') return blank();
      return fmt !== undefined ? { v, fmt } : { v };
    }
    const out: Cell = { v, f: formula };
    if (fmt !== undefined) out.fmt = fmt;
    return out;
  }
  let v: Scalar;
  if (t === 'inlineStr') v = inline ?? valueText ?? null;
  else if (valueText === undefined) return blank();
  else if (t === 's') v = sharedString(valueText, row, col, ctx);
  else if (t === 'str') v = valueText;
  else if (t === 'b') v = parseInt(valueText, 10) !== 0;
  else if (t === 'e') v = { error: valueText };
  else if (t === 'd') v = isoDate(valueText, ctx.date1904);
  else if (valueText.trim() === '') return blank();
  else v = numberValue(valueText, fmt, row, col, ctx);
  if (v === null || v === '') return blank();
  return fmt !== undefined ? { v, fmt } : { v };
}

/** A number cell's value (a date-formatted one through a JS Date, as ExcelJS reads it). */
function numberValue(text: string, fmt: string | undefined, row: number, col: number, ctx: SheetContext): number {
  const n = parseFloat(text);
  if (!Number.isFinite(n)) throw new DamagedPartError('', `中单元格 ${address(row, col)} 的数值「${text.slice(0, 20)}」无效`);
  return isDateFmt(fmt) ? viaDate(n, ctx.date1904) : n;
}

/** A t="s" cell's text: the shared string it names, which must be in the table. */
function sharedString(text: string, row: number, col: number, ctx: SheetContext): string {
  const i = Number(text);
  const s = Number.isInteger(i) && i >= 0 ? ctx.strings[i] : undefined;
  if (s === undefined) {
    throw new DamagedPartError('', `中单元格 ${address(row, col)} 引用的共享字符串（第 ${text.slice(0, 12)} 项）不存在，共享字符串表只有 ${ctx.strings.length} 项`);
  }
  return s;
}

const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?\s*$/;
const ISO_TIME = /^\s*T?(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?\s*$/;

/**
 * A t="d" cell (ISO 8601, as Strict files and some producers write dates): Excel's serial number of
 * the date and time as written (a zone designator is not applied: Excel has none). A time alone is
 * its fraction of a day. A text that is no such date, or a date before the date system's first day,
 * stays text.
 */
export function isoDate(text: string, date1904: boolean): Scalar {
  const d = ISO_DATE.exec(text);
  let day = 0;
  let h: string | undefined;
  let m: string | undefined;
  let sec: string | undefined;
  let frac: string | undefined;
  if (d) {
    const [y, mo, dd] = [Number(d[1]), Number(d[2]), Number(d[3])];
    const utc = Date.UTC(y, mo - 1, dd);
    const check = new Date(utc);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== dd) return text;
    if (date1904) {
      day = (utc - Date.UTC(1904, 0, 1)) / MS_PER_DAY;
      if (day < 0) return text;
    } else {
      day = (utc - Date.UTC(1899, 11, 30)) / MS_PER_DAY;
      if (day < 2) return text; // before 1900-01-01
      if (day < 61) day -= 1; // before Excel's fictitious 1900-02-29 (serial 60)
    }
    [h, m, sec, frac] = [d[4], d[5], d[6], d[7]];
  } else {
    const tm = ISO_TIME.exec(text);
    if (!tm) return text;
    [h, m, sec, frac] = [tm[1], tm[2], tm[3], tm[4]];
  }
  if (h === undefined) return day;
  const seconds = Number(h) * 3600 + Number(m) * 60 + Number(sec ?? 0) + Number(frac ?? 0);
  if (Number(h) > 24 || Number(m) > 59 || Number(sec ?? 0) > 60) return text;
  return day + seconds / 86_400;
}

/** The merged areas, repaired as excel-guard.ts repairs them; the cells they hide are dropped. */
function readMerges(xml: string, from: number, name: string, rows: (Cell | undefined)[][], ctx: SheetContext): Rect[] {
  const list: string[] = [];
  const mc = findTag(xml, 'mergeCells', from);
  if (mc && !mc.selfClosing) {
    const close = closeOf(xml, mc);
    for (let t = nextTag(xml, mc.end, close); t && t.start < close; t = nextTag(xml, t.end, close)) {
      if (!t.closing && t.local === 'mergeCell') list.push(attributes(xml, t).get('ref') ?? '');
    }
  }
  if (!list.length) return [];
  const before = ctx.notes.length;
  const kept = resolveMerges(list, name, ctx.budget, ctx.notes);
  if (ctx.notes.length > before) ctx.mergeRepairs.set(name, kept.map((k) => k.ref));
  const out: Rect[] = [];
  for (const k of kept) {
    const m = { r0: k.top - 1, c0: k.left - 1, r1: k.bottom - 1, c1: k.right - 1 };
    out.push(m);
    for (let r = m.r0; r <= m.r1 && r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = m.c0; c <= m.c1 && c < row.length; c++) if ((r !== m.r0 || c !== m.c0) && row[c]) row[c] = undefined;
    }
  }
  return out;
}

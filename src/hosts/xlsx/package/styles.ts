// The cell formats (cellXfs) and number formats of xl/styles.xml, as far as writing a number format
// needs: a cell keeps its font, fill, border and alignment, and only its number format changes.
import { attributes, closeOf, elements, escapeXml, findTag, PatchUnsupportedError, setAttribute } from './xml';

/** Excel's built-in number formats that ExcelJS (and so the grid) names by their code. */
const BUILTIN: Record<number, string> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};
const BUILTIN_ID = new Map(Object.entries(BUILTIN).map(([id, code]) => [code, Number(id)]));
const FIRST_CUSTOM_ID = 164;

interface Xf {
  /** The element as written, start tag and children. */
  tag: string;
  rest: string;
  numFmtId: number;
}

export class StyleBook {
  private readonly custom = new Map<number, string>();
  private readonly xfs: Xf[] = [];
  /** Formats added by this edit, in order. */
  private readonly addedFmts: [number, string][] = [];
  private readonly addedXfs: Xf[] = [];
  /** An xf's look without its number format → number format id → index, to reuse formats. */
  private readonly byLook = new Map<string, Map<number, number>>();

  private readonly xml: string;

  /**
   * `xml` undefined: a package without a styles part (every cell is General); a number format
   * written makes toXml() the minimal styles part with it, in the Strict namespace for a Strict workbook.
   */
  constructor(xml: string | undefined, opts: { strict?: boolean } = {}) {
    // An empty <styleSheet/> (XlsxWriter writes one) says no more than a missing part.
    if (xml !== undefined && isEmptyStyleSheet(xml)) xml = undefined;
    this.xml = xml ?? minimalStyles(opts.strict ? STRICT_MAIN : TRANSITIONAL_MAIN);
    xml = this.xml;
    const fmts = findTag(xml, 'numFmts');
    if (fmts) {
      for (const { open } of elements(xml, 'numFmt', fmts.end, fmts.selfClosing ? fmts.end : closeOf(xml, fmts))) {
        const a = attributes(xml, open);
        const id = Number(a.get('numFmtId'));
        if (Number.isInteger(id) && !this.custom.has(id)) this.custom.set(id, a.get('formatCode') ?? '');
      }
    }
    const cellXfs = findTag(xml, 'cellXfs');
    if (!cellXfs) return;
    const limit = cellXfs.selfClosing ? cellXfs.end : closeOf(xml, cellXfs);
    for (const { open, end } of elements(xml, 'xf', cellXfs.end, limit)) {
      const xf = { tag: xml.slice(open.start, open.end), rest: xml.slice(open.end, end), numFmtId: Number(attributes(xml, open).get('numFmtId') ?? 0) || 0 };
      this.remember(xf, this.xfs.length);
      this.xfs.push(xf);
    }
  }

  get changed(): boolean {
    return this.addedXfs.length > 0;
  }

  /** The cell format's number format as the grid has it (undefined for General or an unknown id). */
  numFmtOf(s: number): string | undefined {
    const xf = this.xfs[s] ?? this.addedXfs[s - this.xfs.length];
    if (!xf || xf.numFmtId === 0) return undefined;
    const code = this.custom.get(xf.numFmtId) ?? this.addedFmt(xf.numFmtId) ?? BUILTIN[xf.numFmtId];
    return code === 'General' ? undefined : code;
  }

  /** A cell format like `s` but with number format `fmt` (undefined: General): `s` itself when it already is. */
  withNumFmt(s: number, fmt: string | undefined): number {
    if (this.numFmtOf(s) === fmt) return s;
    const base = this.xfs[s] ?? this.addedXfs[s - this.xfs.length] ?? this.xfs[0];
    if (!base) throw new PatchUnsupportedError('no cell formats');
    const id = this.idOf(fmt);
    const known = this.byLook.get(lookOf(base))?.get(id);
    if (known !== undefined) return known;
    const tag = setAttribute(setAttribute(base.tag, 'numFmtId', String(id)), 'applyNumberFormat', '1');
    const xf = { tag, rest: base.rest, numFmtId: id };
    const index = this.xfs.length + this.addedXfs.length;
    this.addedXfs.push(xf);
    this.remember(xf, index);
    return index;
  }

  /** styles.xml with the added formats. */
  toXml(): string {
    let xml = this.xml;
    if (!this.changed) return xml;
    // cellXfs comes after numFmts: edit it first so numFmts' offsets stay valid.
    const cellXfs = findTag(xml, 'cellXfs')!;
    const added = this.addedXfs.map((x) => x.tag + x.rest).join('');
    const total = this.xfs.length + this.addedXfs.length;
    if (cellXfs.selfClosing) {
      const q = cellXfs.qname;
      xml = xml.slice(0, cellXfs.start) + `${setAttribute(xml.slice(cellXfs.start, cellXfs.end - 2) + '>', 'count', String(total))}${added}</${q}>` + xml.slice(cellXfs.end);
    } else {
      const close = closeOf(xml, cellXfs);
      xml = xml.slice(0, cellXfs.start) + setAttribute(xml.slice(cellXfs.start, cellXfs.end), 'count', String(total)) + xml.slice(cellXfs.end, close) + added + xml.slice(close);
    }
    if (this.addedFmts.length) {
      const prefix = cellXfs.qname.slice(0, cellXfs.qname.length - 'cellXfs'.length);
      const items = this.addedFmts.map(([id, code]) => `<${prefix}numFmt numFmtId="${id}" formatCode="${escapeXml(code, true)}"/>`).join('');
      const count = this.custom.size + this.addedFmts.length;
      const fmts = findTag(xml, 'numFmts');
      if (!fmts) {
        const sheet = findTag(xml, 'styleSheet');
        if (!sheet || sheet.selfClosing) throw new PatchUnsupportedError('no styleSheet');
        // numFmts is the first child of styleSheet.
        xml = xml.slice(0, sheet.end) + `<${prefix}numFmts count="${count}">${items}</${prefix}numFmts>` + xml.slice(sheet.end);
      } else if (fmts.selfClosing) {
        xml = xml.slice(0, fmts.start) + `${setAttribute(xml.slice(fmts.start, fmts.end - 2) + '>', 'count', String(count))}${items}</${fmts.qname}>` + xml.slice(fmts.end);
      } else {
        const close = closeOf(xml, fmts);
        xml = xml.slice(0, fmts.start) + setAttribute(xml.slice(fmts.start, fmts.end), 'count', String(count)) + xml.slice(fmts.end, close) + items + xml.slice(close);
      }
    }
    return xml;
  }

  private idOf(fmt: string | undefined): number {
    if (fmt === undefined || fmt === 'General') return 0;
    const builtin = BUILTIN_ID.get(fmt);
    if (builtin !== undefined) return builtin;
    for (const [id, code] of this.custom) if (code === fmt) return id;
    for (const [id, code] of this.addedFmts) if (code === fmt) return id;
    let next = FIRST_CUSTOM_ID;
    for (const id of this.custom.keys()) next = Math.max(next, id + 1);
    for (const [id] of this.addedFmts) next = Math.max(next, id + 1);
    this.addedFmts.push([next, fmt]);
    return next;
  }

  private addedFmt(id: number): string | undefined {
    for (const [i, code] of this.addedFmts) if (i === id) return code;
    return undefined;
  }

  private remember(xf: Xf, index: number): void {
    const look = lookOf(xf);
    let ids = this.byLook.get(look);
    if (!ids) this.byLook.set(look, (ids = new Map()));
    if (!ids.has(xf.numFmtId)) ids.set(xf.numFmtId, index);
  }
}

export const TRANSITIONAL_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** SpreadsheetML's namespace in Strict files (ISO/IEC 29500 Strict). */
export const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';

/**
 * The smallest styles part Excel opens without repair: one font, the two fills Excel reserves, one
 * border, the Normal cell style and one cell format (General), as Excel writes them for a new
 * workbook (its default font, Calibri 11, since the package names none).
 */
export function minimalStyles(ns: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<styleSheet xmlns="${ns}">` +
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '<dxfs count="0"/><tableStyles count="0"/>' +
    '</styleSheet>'
  );
}

/** A styles part whose root element holds nothing. */
function isEmptyStyleSheet(xml: string): boolean {
  const root = findTag(xml, 'styleSheet');
  if (!root) return false;
  if (root.selfClosing) return true;
  return xml.slice(root.end, closeOf(xml, root)).trim() === '';
}

/** A format without its number format: what the cell looks like otherwise. */
function lookOf(xf: Xf): string {
  return setAttribute(setAttribute(xf.tag, 'numFmtId', undefined), 'applyNumberFormat', undefined) + xf.rest;
}

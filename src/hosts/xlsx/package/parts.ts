// The parts of an .xlsx package (read on demand from its zip), their relationships, and the edits made
// to them: what the package reader and the package editor share. No Node API: the workbench uses it too.
import { attributes, checkWellFormed, elementEnd, findTag, nextTag, PatchUnsupportedError, unescapeXml } from './xml';
import type { ZipArchive, ZipItem } from './zip';

const UTF8 = new TextDecoder('utf-8');
const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');

export const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
export const REL_WORKSHEET = /\/worksheet$/;
export const REL_STYLES = /\/styles$/;
export const REL_SHARED_STRINGS = /\/sharedStrings$/;
export const REL_CALC_CHAIN = /\/calcChain$/;
export const CONTENT_TYPES = '[Content_Types].xml';

export interface Relationship {
  id: string;
  type: string;
  /** Package path without a leading '/' (the target as written when external). */
  path: string;
  external: boolean;
}

/** The package has no workbook part: no officeDocument relationship, and nothing at xl/workbook.xml. */
export class NoWorkbookPartError extends Error {
  constructor() {
    super('no workbook part');
    this.name = 'NoWorkbookPartError';
  }
}

export class PackageParts {
  /** Entries by name, and by name in lower case (OPC part names are case-insensitive). */
  private readonly byName: Map<string, ZipItem>;
  private readonly byLowerName = new Map<string, ZipItem>();
  /** New contents by part path (the entry's own name when it exists); null: the part removed. */
  readonly edits = new Map<string, Uint8Array | null>();
  /**
   * `data`: an entry's uncompressed bytes (zip-node.ts inflates with zlib; the workbench has them
   * inflated already). `checked`: the parts of this very archive found well-formed before (a part is
   * checked the first time it is read; the editor reads again the parts the reader checked).
   */
  constructor(
    readonly zip: ZipArchive,
    private readonly data: (item: ZipItem) => Uint8Array,
    private readonly checked = new Set<string>(),
  ) {
    this.byName = new Map(this.zip.items.map((i) => [i.name, i]));
    for (const i of this.zip.items) {
      // A leading '/' is not part of a part name; the first of two names differing in case wins.
      const key = (i.name.startsWith('/') ? i.name.slice(1) : i.name).toLowerCase();
      if (!this.byLowerName.has(key)) this.byLowerName.set(key, i);
    }
  }

  /**
   * The package's name for `path`: the zip entry's own spelling when one matches it, exactly or
   * ignoring case (OPC part names are case-insensitive: a relationship may spell its target
   * otherwise than the zip entry); `path` itself when no entry matches (a new part).
   */
  name(path: string): string {
    if (this.byName.has(path) || this.edits.has(path)) return path;
    return this.byLowerName.get(path.toLowerCase())?.name ?? path;
  }

  has(path: string): boolean {
    const name = this.name(path);
    const edited = this.edits.get(name);
    return edited !== undefined ? edited !== null : this.byName.has(name);
  }

  /** Parts stored in UTF-16 (with a byte-order mark, or without one as XML's appendix F detects): written back so. */
  private readonly utf16 = new Map<string, { order: 'le' | 'be'; bom: boolean }>();

  /**
   * A part's XML, checked well-formed the first time it is read (DamagedPartError naming the part
   * otherwise). UTF-8 or UTF-16 (allowed by OPC, and Excel reads it; never written by Excel). DTDs
   * (not allowed) are left to ExcelJS.
   */
  text(path: string): string {
    const name = this.name(path);
    const edited = this.edits.get(name);
    const item = this.byName.get(name);
    if (edited === null || (!edited && !item)) throw new PatchUnsupportedError(`missing part ${path}`);
    const bytes = edited ?? this.data(item!);
    let xml: string;
    const utf16 = utf16Of(bytes);
    if (utf16) {
      xml = (utf16.order === 'le' ? UTF16LE : UTF16BE).decode(bytes);
      if (!edited) this.utf16.set(name, utf16);
    } else {
      xml = UTF8.decode(bytes);
    }
    if (xml.includes('<!DOCTYPE')) throw new PatchUnsupportedError(`DTD in ${path}`);
    // Parts written here are well-formed by construction.
    if (!edited && !this.checked.has(name)) {
      checkWellFormed(xml, name);
      this.checked.add(name);
    }
    return xml;
  }

  /** A part's new XML, in the encoding the part had (UTF-8 for a new part). */
  set(path: string, xml: string): void {
    const name = this.name(path);
    const utf16 = this.utf16.get(name);
    this.edits.set(name, utf16 ? encodeUtf16(xml, utf16.order, utf16.bom) : new TextEncoder().encode(xml));
  }

  remove(path: string): void {
    this.edits.set(this.name(path), null);
  }

  /** The relationships of a part ('' for the package's own), targets resolved to package paths. */
  relationships(source: string): Relationship[] {
    const relsPath = relsPathOf(source);
    if (!this.has(relsPath)) return [];
    const xml = this.text(relsPath);
    const base = source.slice(0, source.lastIndexOf('/') + 1);
    const out: Relationship[] = [];
    for (let t = nextTag(xml, 0); t; t = nextTag(xml, t.end)) {
      if (t.closing || t.local !== 'Relationship') continue;
      const a = attributes(xml, t);
      const target = a.get('Target') ?? '';
      const external = a.get('TargetMode') === 'External';
      out.push({ id: a.get('Id') ?? '', type: a.get('Type') ?? '', path: external ? target : resolvePath(base, target), external });
    }
    return out;
  }

  /** The worksheets of `workbook` (given with its relationships) in order, chart and dialog sheets left out. */
  worksheets(workbook: string, rels: readonly Relationship[]): { name: string; path: string; state: string | undefined }[] {
    const relById = new Map(rels.map((r) => [r.id, r]));
    const list = findTag(workbook, 'sheets');
    if (!list || list.selfClosing) throw new PatchUnsupportedError('no sheets');
    const listEnd = elementEnd(workbook, list);
    const out: { name: string; path: string; state: string | undefined }[] = [];
    for (let t = nextTag(workbook, list.end, listEnd); t && t.start < listEnd; t = nextTag(workbook, t.end, listEnd)) {
      if (t.closing || t.local !== 'sheet') continue;
      const a = attributes(workbook, t);
      const rid = [...a].find(([k]) => k.endsWith(':id'))?.[1];
      const rel = rid === undefined ? undefined : relById.get(rid);
      if (rel && !rel.external && REL_WORKSHEET.test(rel.type)) out.push({ name: a.get('name') ?? '', path: this.name(rel.path), state: a.get('state') });
    }
    return out;
  }

  /**
   * The workbook part's path: the target of the package's officeDocument relationship (_rels/.rels),
   * which need not be xl/workbook.xml; xl/workbook.xml when the package has no such relationship.
   * NoWorkbookPartError when neither is in the package.
   */
  workbookPath(): string {
    const rel = this.relationships('').find((r) => !r.external && REL_OFFICE_DOCUMENT.test(r.type) && this.has(r.path));
    if (rel) return this.name(rel.path);
    if (this.has('xl/workbook.xml')) return this.name('xl/workbook.xml');
    throw new NoWorkbookPartError();
  }
}

/** A part's UTF-16 byte order: by its byte-order mark, else by `<?` or `<` spelt in two bytes (XML 1.0, appendix F). */
function utf16Of(b: Uint8Array): { order: 'le' | 'be'; bom: boolean } | null {
  if (b.length < 2) return null;
  if (b[0] === 0xff && b[1] === 0xfe) return { order: 'le', bom: true };
  if (b[0] === 0xfe && b[1] === 0xff) return { order: 'be', bom: true };
  if (b.length >= 4 && b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00) return { order: 'be', bom: false };
  if (b.length >= 4 && b[0] === 0x3c && b[1] === 0x00 && b[3] === 0x00) return { order: 'le', bom: false };
  return null;
}

/** `xml` in UTF-16, with a byte-order mark where the part had one. */
function encodeUtf16(xml: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const start = bom ? 2 : 0;
  const out = new Uint8Array(start + xml.length * 2);
  const view = new DataView(out.buffer);
  if (bom) view.setUint16(0, 0xfeff, order === 'le');
  for (let i = 0; i < xml.length; i++) view.setUint16(start + 2 * i, xml.charCodeAt(i), order === 'le');
  return out;
}

/** Where a part's relationships are: xl/workbook.xml → xl/_rels/workbook.xml.rels; '' → _rels/.rels. */
export function relsPathOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return `${path.slice(0, slash + 1)}_rels/${path.slice(slash + 1)}.rels`;
}

function resolvePath(base: string, target: string): string {
  const out: string[] = [];
  for (const p of (target.startsWith('/') ? target.slice(1) : base + target).split('/')) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.map((p) => unescapeXml(decodeUri(p))).join('/');
}

function decodeUri(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

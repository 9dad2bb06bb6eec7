// Packages built and altered part by part, with the project's own zip writer (no other zip library):
// a package from its parts' texts, one part of a real package edited, and real packages rewritten
// into the forms other producers use (x:-prefixed elements, no styles part, Strict namespaces, the
// workbook part elsewhere).
import { readZip, type ZipArchive } from '../../../src/hosts/xlsx/package/zip';
import { entryData, writeZip } from '../../../src/hosts/xlsx/package/zip-node';

const EMPTY: ZipArchive = { buf: new Uint8Array(0), items: [], comment: new Uint8Array(0) };

/** A zip holding `parts` (name → text or bytes), in order. */
export function zipOf(parts: Iterable<[string, string | Uint8Array]>): Promise<Buffer> {
  return writeZip(EMPTY, new Map([...parts].map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v, 'utf8') : v])));
}

/** Every entry of a zip: name → bytes, in order. */
export function entriesOf(buf: Buffer): Map<string, Buffer> {
  const zip = readZip(buf);
  return new Map(zip.items.filter((i) => !i.name.endsWith('/')).map((i) => [i.name, entryData(zip, i)]));
}

export type PartEdit = (xml: string) => string | Uint8Array | null;

/**
 * `buf` with parts edited (a text is stored in UTF-8, bytes as they are; null removes the part; an
 * edit of a part that does not exist creates it from ''), others copied byte for byte; `rename` moves entries to new names (at the end).
 */
export async function withParts(buf: Buffer, edits: Record<string, PartEdit>, rename: Record<string, string> = {}): Promise<Buffer> {
  const zip = readZip(buf);
  const replaced = new Map<string, Uint8Array | null>();
  for (const [name, f] of Object.entries(edits)) {
    const item = zip.items.find((i) => i.name === name);
    const out = f(item ? entryData(zip, item).toString('utf8') : '');
    replaced.set(name, out === null ? null : typeof out === 'string' ? Buffer.from(out, 'utf8') : out);
  }
  for (const [from, to] of Object.entries(rename)) {
    const item = zip.items.find((i) => i.name === from)!;
    const data = replaced.get(from) ?? entryData(zip, item);
    replaced.set(from, null);
    replaced.set(to, data);
  }
  return writeZip(zip, replaced);
}

export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
export const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const STRICT_RELS = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

/** The SpreadsheetML parts (workbook, worksheets, shared strings, styles) of a package. */
export function spreadsheetParts(buf: Buffer): string[] {
  return [...entriesOf(buf).keys()].filter((n) => /^xl\/(workbook\.xml|worksheets\/[^/]+\.xml|sharedStrings\.xml|styles\.xml)$/.test(n));
}

/** Every element of the main namespace written with the prefix x: (as some producers write them). */
export function prefixed(xml: string): string {
  return xml
    .replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s/>])/g, '<$1x:$2')
    .replace(` xmlns="${MAIN}"`, ` xmlns:x="${MAIN}"`);
}

/** `buf` with its SpreadsheetML parts x:-prefixed. */
export async function prefixedPackage(buf: Buffer): Promise<Buffer> {
  return withParts(buf, Object.fromEntries(spreadsheetParts(buf).map((n) => [n, prefixed])));
}

/** `buf` without a styles part: the part, its relationship and content type, and every cell and row format gone. */
export async function withoutStyles(buf: Buffer): Promise<Buffer> {
  const sheets = spreadsheetParts(buf).filter((n) => n.startsWith('xl/worksheets/'));
  const noFormats = (xml: string) => xml.replace(/(<(?:\w+:)?(?:c|row|col)\b[^>]*?)\s(?:s|style)="\d+"/g, '$1').replace(/\scustomFormat="(?:1|true)"/g, '');
  return withParts(buf, {
    'xl/styles.xml': () => null,
    'xl/_rels/workbook.xml.rels': (x) => x.replace(/<Relationship [^>]*\/styles"[^>]*\/>/, ''),
    '[Content_Types].xml': (x) => x.replace(/<Override PartName="\/xl\/styles.xml"[^>]*\/>/, ''),
    ...Object.fromEntries(sheets.map((n) => [n, noFormats])),
  });
}

/** `buf` in Strict form: the Strict SpreadsheetML and relationship namespaces (and relationship types). */
export async function strictPackage(buf: Buffer): Promise<Buffer> {
  const strict = (xml: string) => xml.split(MAIN).join(STRICT_MAIN).split(RELS).join(STRICT_RELS);
  const names = [...entriesOf(buf).keys()].filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
  return withParts(buf, Object.fromEntries(names.map((n) => [n, strict])));
}

/** `xml` in UTF-16 with a byte-order mark and a declaration saying so. */
export function utf16(xml: string, order: 'le' | 'be', bom = true): Buffer {
  const text = (bom ? '\ufeff' : '') + xml.replace(/^<\?xml[^?]*\?>/, '<?xml version="1.0" encoding="UTF-16" standalone="yes"?>');
  const le = Buffer.from(text, 'utf16le');
  return order === 'le' ? le : le.swap16();
}

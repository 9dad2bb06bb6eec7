// Writes a change set into the .xlsx package it was read from, editing only the parts it must: the
// worksheets written, styles.xml when a number format is new, and workbook.xml's calcPr (so Excel
// recalculates formulas that depend on the cells written). Every other part (defined names, notes,
// drawings, print settings, the default font, parts ExcelJS does not know) is copied as it was.
import type { Change } from '../../../core/changes/changeset';
import type { CellState } from '../../../core/grid/types';
import { patchSheet, repairMerges, type CellWrite } from './sheet-edit';
import { StyleBook } from './styles';
import { entryData, readZip, writeZip, type ZipArchive } from './zip';
import { attributes, elementEnd, elements, findTag, nextTag, PatchUnsupportedError, setAttribute, startTag, unescapeXml } from './xml';

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_STYLES = /\/styles$/;
const REL_CALC_CHAIN = /\/calcChain$/;

interface Relationship {
  id: string;
  type: string;
  /** Package path without a leading '/'. */
  path: string;
  external: boolean;
}

export interface PatchOptions {
  /** Sheets whose merged areas the reader repaired: the areas to keep (see excel-guard.ts). */
  mergeRepairs?: ReadonlyMap<string, readonly string[]>;
}

/** The parts of a package, read on demand, and the edits to them. */
class Parts {
  private readonly byName: Map<string, ZipArchive['items'][number]>;
  readonly edits = new Map<string, Buffer | null>();
  constructor(readonly zip: ZipArchive) {
    this.byName = new Map(zip.items.map((i) => [i.name, i]));
  }
  has(path: string): boolean {
    return this.byName.has(path) && this.edits.get(path) !== null;
  }
  bytes(path: string): Buffer {
    const edited = this.edits.get(path);
    if (edited) return edited;
    const item = this.byName.get(path);
    if (!item || edited === null) throw new PatchUnsupportedError(`missing part ${path}`);
    return entryData(this.zip, item);
  }
  set(path: string, xml: string): void {
    this.edits.set(path, Buffer.from(xml, 'utf8'));
  }
  remove(path: string): void {
    this.edits.set(path, null);
  }
}

/** The package with every change's `after` state written; `source` itself when there is nothing to do. */
export async function patchPackage(source: Buffer, changes: readonly Change[], opts: PatchOptions = {}): Promise<Buffer> {
  const repairs = opts.mergeRepairs ?? new Map<string, readonly string[]>();
  if (!changes.length && !repairs.size) return source;
  const zip = new Parts(readZip(source));
  const workbookPath = relationships(zip, '').find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.path ?? 'xl/workbook.xml';
  const workbook = part(zip, workbookPath);
  const rels = relationships(zip, workbookPath);
  const relById = new Map(rels.map((r) => [r.id, r]));

  const sheetPaths = new Map<string, string>();
  const sheets = findTag(workbook, 'sheets');
  if (!sheets) throw new PatchUnsupportedError('no sheets');
  for (const { open } of elements(workbook, 'sheet', sheets.end, sheets.selfClosing ? sheets.end : workbook.length)) {
    const a = attributes(workbook, open);
    const name = a.get('name');
    const rid = [...a].find(([k]) => k.endsWith(':id'))?.[1];
    const rel = rid === undefined ? undefined : relById.get(rid);
    if (name !== undefined && rel && !rel.external && !sheetPaths.has(name)) sheetPaths.set(name, rel.path);
  }

  const stylesRel = rels.find((r) => REL_STYLES.test(r.type));
  const stylesXml = stylesRel && zip.has(stylesRel.path) ? part(zip, stylesRel.path) : undefined;
  const styles = new StyleBook(stylesXml);

  let formulasTouched = false;
  const writes = finalStates(changes);
  for (const name of new Set([...writes.keys(), ...repairs.keys()])) {
    const path = sheetPaths.get(name);
    if (path === undefined) throw new PatchUnsupportedError(`sheet ${name} not found`);
    const patched = patchSheet(part(zip, path), writes.get(name) ?? [], styles);
    const kept = repairs.get(name);
    zip.set(path, kept ? repairMerges(patched.xml, kept) : patched.xml);
    formulasTouched ||= patched.formulasTouched;
  }
  if (styles.changed && stylesRel) zip.set(stylesRel.path, styles.toXml());

  // The calculation chain lists the formula cells; one that no longer matches makes Excel repair the file.
  const chain = rels.find((r) => REL_CALC_CHAIN.test(r.type));
  if (formulasTouched && chain) {
    zip.remove(chain.path);
    editPart(zip, relsPathOf(workbookPath), (xml) => removeElement(xml, 'Relationship', (a) => a.get('Id') === chain.id));
    editPart(zip, '[Content_Types].xml', (xml) => removeElement(xml, 'Override', (a) => a.get('PartName') === `/${chain.path}`));
  }
  if (changes.length) zip.set(workbookPath, fullCalcOnLoad(workbook));
  return await writeZip(zip.zip, zip.edits);
}

/** Per sheet, each cell's last written state (a later change set wins over an earlier one). */
function finalStates(changes: readonly Change[]): Map<string, CellWrite[]> {
  const bySheet = new Map<string, Map<string, CellWrite>>();
  for (const ch of changes) {
    let cells = bySheet.get(ch.sheet);
    if (!cells) bySheet.set(ch.sheet, (cells = new Map()));
    const state: CellState = { ...ch.after };
    cells.set(`${ch.row},${ch.col}`, { row: ch.row, col: ch.col, state });
  }
  return new Map([...bySheet].map(([name, cells]) => [name, [...cells.values()]]));
}

function part(zip: Parts, path: string): string {
  const bytes = zip.bytes(path);
  // UTF-16 parts (allowed, never written by Excel) are left to the other writer.
  if (bytes.length >= 2 && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))) {
    throw new PatchUnsupportedError(`UTF-16 part ${path}`);
  }
  return bytes.toString('utf8');
}

function editPart(zip: Parts, path: string, f: (xml: string) => string): void {
  if (zip.has(path)) zip.set(path, f(part(zip, path)));
}

function relsPathOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return `${path.slice(0, slash + 1)}_rels/${path.slice(slash + 1)}.rels`;
}

/** The relationships of a part ('' for the package's own), with targets resolved to package paths. */
function relationships(zip: Parts, source: string): Relationship[] {
  const relsPath = source === '' ? '_rels/.rels' : relsPathOf(source);
  if (!zip.has(relsPath)) return [];
  const xml = part(zip, relsPath);
  const base = source.slice(0, source.lastIndexOf('/') + 1);
  return elements(xml, 'Relationship', 0, xml.length).map(({ open }) => {
    const a = attributes(xml, open);
    const target = a.get('Target') ?? '';
    const external = a.get('TargetMode') === 'External';
    return { id: a.get('Id') ?? '', type: a.get('Type') ?? '', path: external ? target : resolvePath(base, target), external };
  });
}

function resolvePath(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.map((p) => unescapeXml(decodeURIComponentSafe(p))).join('/');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function removeElement(xml: string, local: string, match: (a: Map<string, string>) => boolean): string {
  for (const { open, end } of elements(xml, local, 0, xml.length)) {
    if (match(attributes(xml, open))) return xml.slice(0, open.start) + xml.slice(end);
  }
  return xml;
}

/** Elements that follow calcPr in a workbook part (ECMA-376 CT_Workbook), to place a new one. */
const AFTER_CALC_PR = ['oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];

/** Asks Excel to recalculate every formula on open: cached results that depend on written cells are stale. */
function fullCalcOnLoad(workbook: string): string {
  const calc = findTag(workbook, 'calcPr');
  if (calc) {
    return workbook.slice(0, calc.start) + setAttribute(workbook.slice(calc.start, calc.end), 'fullCalcOnLoad', '1') + workbook.slice(calc.end);
  }
  const root = findTag(workbook, 'workbook');
  if (!root || root.selfClosing) throw new PatchUnsupportedError('no workbook element');
  const prefix = root.qname.slice(0, root.qname.length - 'workbook'.length);
  let at = workbook.lastIndexOf(`</${root.qname}>`);
  // The first child of <workbook> that must come after calcPr, if any.
  for (let t = nextTag(workbook, root.end); t && t.start < at; t = nextTag(workbook, elementEnd(workbook, t))) {
    if (t.closing) break;
    if (AFTER_CALC_PR.includes(t.local)) {
      at = t.start;
      break;
    }
  }
  return workbook.slice(0, at) + startTag(`${prefix}calcPr`, [['fullCalcOnLoad', '1']], true) + workbook.slice(at);
}

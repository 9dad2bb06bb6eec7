// Writes a change set into the .xlsx package it was read from, editing only the parts it must: the
// worksheets written, styles.xml when a number format is new, and workbook.xml's calcPr (so Excel
// recalculates formulas that depend on the cells written). Every other part (defined names, notes,
// drawings, print settings, the default font, parts ExcelJS does not know) is copied as it was.
import type { Change } from '../../../core/changes/changeset';
import { patchSheet, repairMerges, type CellWrite } from './sheet-edit';
import { STRICT_MAIN, StyleBook } from './styles';
import { CONTENT_TYPES, type PackageParts, REL_CALC_CHAIN, REL_STYLES, REL_WORKSHEET, type Relationship, relsPathOf } from './parts';
import { nodeParts, writeZip } from './zip-node';
import { attributes, elementEnd, elements, findTag, nextTag, PatchUnsupportedError, setAttribute, startTag } from './xml';

export interface PatchOptions {
  /** Sheets whose merged areas the reader repaired: the areas to keep (see excel-guard.ts). */
  mergeRepairs?: ReadonlyMap<string, readonly string[]>;
}

/** The package with every change's `after` state written; `source` itself when there is nothing to do. */
export async function patchPackage(source: Buffer, changes: readonly Change[], opts: PatchOptions = {}): Promise<Buffer> {
  const repairs = opts.mergeRepairs ?? new Map<string, readonly string[]>();
  if (!changes.length && !repairs.size) return source;
  const zip = nodeParts(source);
  const workbookPath = zip.workbookPath();
  const workbook = zip.text(workbookPath);
  const rels = zip.relationships(workbookPath);
  const sheetPaths = new Map<string, string>();
  for (const { name, path } of zip.worksheets(workbook, rels)) if (!sheetPaths.has(name)) sheetPaths.set(name, path);

  const stylesRel = rels.find((r) => !r.external && REL_STYLES.test(r.type));
  const stylesXml = stylesRel && zip.has(stylesRel.path) ? zip.text(stylesRel.path) : undefined;
  // A package without a styles part (allowed: every cell is General) gets the minimal one when a
  // number format must be written.
  const styles = new StyleBook(stylesXml, { strict: isStrict(workbook) });

  let formulasTouched = false;
  const writes = finalStates(changes);
  for (const name of new Set([...writes.keys(), ...repairs.keys()])) {
    const path = sheetPaths.get(name);
    if (path === undefined) throw new PatchUnsupportedError(`sheet ${name} not found`);
    const patched = patchSheet(zip.text(path), writes.get(name) ?? [], styles);
    const kept = repairs.get(name);
    zip.set(path, kept ? repairMerges(patched.xml, kept) : patched.xml);
    formulasTouched ||= patched.formulasTouched;
  }
  if (styles.changed) {
    if (stylesXml !== undefined) zip.set(stylesRel!.path, styles.toXml());
    else if (stylesRel) addStylesPart(zip, stylesRel.path, styles.toXml());
    else addStylesPart(zip, newStylesPath(zip, workbookPath, rels), styles.toXml());
  }

  // The calculation chain lists the formula cells; one that no longer matches makes Excel repair the file.
  const chain = rels.find((r) => !r.external && REL_CALC_CHAIN.test(r.type));
  if (formulasTouched && chain) {
    zip.remove(chain.path);
    editPart(zip, relsPathOf(workbookPath), (xml) => removeElement(xml, 'Relationship', (a) => a.get('Id') === chain.id));
    editPart(zip, CONTENT_TYPES, (xml) => removeElement(xml, 'Override', (a) => samePart(a.get('PartName'), chain.path)));
  }
  if (changes.length) zip.set(workbookPath, fullCalcOnLoad(workbook));
  return await writeZip(zip.zip, zip.edits);
}

const TRANSITIONAL_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const STYLES_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

/** A part name of [Content_Types].xml ("/xl/styles.xml") naming `path`: OPC part names ignore case. */
function samePart(partName: string | undefined, path: string): boolean {
  return partName !== undefined && partName.replace(/^\//, '').toLowerCase() === path.toLowerCase();
}

/** Strict SpreadsheetML (ISO/IEC 29500 Strict) rather than Transitional: the workbook's namespace says. */
function isStrict(workbook: string): boolean {
  const root = findTag(workbook, 'workbook');
  return root !== null && [...attributes(workbook, root).values()].includes(STRICT_MAIN);
}

/**
 * A name for a new styles part beside the workbook part (styles.xml, or styles2.xml… when that name
 * is taken), and its relationship from the workbook: of the same family, Transitional or Strict, as
 * the workbook's other relationships.
 */
function newStylesPath(zip: PackageParts, workbookPath: string, rels: readonly Relationship[]): string {
  const dir = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  let path = `${dir}styles.xml`;
  for (let k = 2; zip.has(path) || zip.name(path) !== path; k++) path = `${dir}styles${k}.xml`;
  const relsPath = relsPathOf(workbookPath);
  if (!zip.has(relsPath)) throw new PatchUnsupportedError('no workbook relationships');
  const family = rels.find((r) => REL_WORKSHEET.test(r.type))?.type.replace(/\/worksheet$/, '') ?? TRANSITIONAL_RELS;
  const ids = new Set(rels.map((r) => r.id));
  let n = rels.length + 1;
  while (ids.has(`rId${n}`)) n++;
  const target = path.slice(dir.length);
  editPart(zip, relsPath, (rx) => appendChild(rx, 'Relationships', 'Relationship', [['Id', `rId${n}`], ['Type', `${family}/styles`], ['Target', target]]));
  return path;
}

/** The styles part written at `path`, with its content type (unless [Content_Types].xml names it already). */
function addStylesPart(zip: PackageParts, path: string, xml: string): void {
  if (!zip.has(CONTENT_TYPES)) throw new PatchUnsupportedError('no content types');
  zip.set(path, xml);
  editPart(zip, CONTENT_TYPES, (ct) =>
    elements(ct, 'Override', 0, ct.length).some(({ open }) => samePart(attributes(ct, open).get('PartName'), path))
      ? ct
      : appendChild(ct, 'Types', 'Override', [['PartName', `/${path}`], ['ContentType', STYLES_CONTENT_TYPE]]),
  );
}

/** `xml` with a new empty element `local` (with `attrs`) as the last child of its root element `root`. */
function appendChild(xml: string, root: string, local: string, attrs: [string, string][]): string {
  const open = findTag(xml, root);
  if (!open) throw new PatchUnsupportedError(`no ${root} element`);
  const prefix = open.qname.slice(0, open.qname.length - root.length);
  const tag = startTag(`${prefix}${local}`, attrs, true);
  if (open.selfClosing) return xml.slice(0, open.start) + xml.slice(open.start, open.end - 2) + '>' + tag + `</${open.qname}>` + xml.slice(open.end);
  const close = xml.lastIndexOf(`</${open.qname}>`);
  if (close < open.end) throw new PatchUnsupportedError(`${root} not closed`);
  return xml.slice(0, close) + tag + xml.slice(close);
}

/** Per sheet, each cell's last written state (a later change set wins over an earlier one). */
function finalStates(changes: readonly Change[]): Map<string, CellWrite[]> {
  const bySheet = new Map<string, Map<string, CellWrite>>();
  for (const ch of changes) {
    let cells = bySheet.get(ch.sheet);
    if (!cells) bySheet.set(ch.sheet, (cells = new Map()));
    const key = `${ch.row},${ch.col}`;
    // The formula as the file holds it (the first change's before state): a write that keeps it only
    // updates the cached result, and the cell keeps its own <f> element (shared, array, ca…).
    const stored = cells.get(key)?.storedFormula ?? ch.before.f;
    const keepsFormula = stored !== undefined && ch.after.f === stored;
    cells.set(key, { row: ch.row, col: ch.col, state: ch.after, storedFormula: stored, keepsFormula });
  }
  return new Map([...bySheet].map(([name, cells]) => [name, [...cells.values()]]));
}

function editPart(zip: PackageParts, path: string, f: (xml: string) => string): void {
  if (zip.has(path)) zip.set(path, f(zip.text(path)));
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
  if (at < root.end) throw new PatchUnsupportedError('workbook element not closed');
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

// Valid packages in the forms other producers write them read as the plain sample reads, and recalc
// edits them in place: the workbook part found through _rels/.rels wherever it is, part names
// matched ignoring case (OPC), x:-prefixed elements, Strict namespaces, no styles part, t="d" and
// t="e" cells.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, recalc } from '../../../src/core/engine';
import type { Workbook } from '../../../src/core/grid/types';
import type { Change } from '../../../src/core/changes/changeset';
import { patchPackage } from '../../../src/hosts/xlsx/package/edit';
import { readPackage } from '../../../src/hosts/xlsx/package/read';
import { nodeParts } from '../../../src/hosts/xlsx/package/zip-node';
import { loadXlsxBuffer } from '../../../src/hosts/xlsx/read';
import { XlsxHost } from '../../../src/hosts/xlsx/xlsx-host';
import { expectWellFormed, tempDir } from './helpers';
import { entriesOf, MAIN, prefixedPackage, RELS, strictPackage, STRICT_MAIN, utf16, withoutStyles, withParts, zipOf } from './package-builder';

const SAMPLE = readFileSync(join(__dirname, '../../../../shared/samples/lusong-2023.xlsx'));
const t = tempDir();
afterAll(() => t.cleanup());

const gridOf = (buf: Buffer): Workbook => readPackage(nodeParts(buf)).workbook;
const values = (wb: Workbook) => wb.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.map((c) => c?.v ?? null)) }));

/** recalc through XlsxHost, as the CLI saves; the output's entries and the grid read back. */
async function recalcAndReread(input: Buffer, name: string): Promise<{ changes: number; out: Map<string, Buffer>; reread: Workbook; written: Buffer }> {
  const host = await XlsxHost.fromBuffer(input);
  expect((await loadXlsxBuffer(input)).reader).toBe('package');
  const r = recalc(await host.readWorkbook());
  await host.applyChanges(r.changes);
  const file = join(t.dir, name);
  await host.save(file);
  const written = readFileSync(file);
  const reread = gridOf(written);
  // What was written reads back as the recalculated grid.
  for (const ch of r.changes.changes) {
    const cell = reread.sheets.find((s) => s.name === ch.sheet)!.rows[ch.row]?.[ch.col];
    expect({ at: `${ch.sheet}!${ch.cell}`, v: cell?.v ?? null, fmt: cell?.fmt }).toEqual({ at: `${ch.sheet}!${ch.cell}`, v: ch.after.v, fmt: ch.after.fmt });
  }
  return { changes: r.changes.changes.length, out: entriesOf(written), reread, written };
}

/** Entries of `out` equal to those of `input` except `changed` (compared uncompressed). */
function expectOnlyChanged(input: Buffer, out: Map<string, Buffer>, changed: string[]): void {
  const before = entriesOf(input);
  const differ = [...out.keys()].filter((k) => !before.get(k)?.equals(out.get(k)!));
  expect(differ.sort()).toEqual([...changed].sort());
  for (const k of differ) expectWellFormed(out.get(k)!.toString('utf8'), true);
}

describe('the workbook part is found through _rels/.rels', () => {
  let moved: Buffer;
  beforeAll(async () => {
    moved = await withParts(
      SAMPLE,
      {
        '_rels/.rels': (x) => x.replace('Target="xl/workbook.xml"', 'Target="/book/main.xml"'),
        '[Content_Types].xml': (x) => x.replace('PartName="/xl/workbook.xml"', 'PartName="/book/main.xml"'),
        'xl/_rels/workbook.xml.rels': (x) => x.replace(/Target="/g, 'Target="../xl/'),
      },
      { 'xl/workbook.xml': 'book/main.xml', 'xl/_rels/workbook.xml.rels': 'book/_rels/main.xml.rels' },
    );
  });

  test('a workbook part at /book/main.xml reads as at xl/workbook.xml (it was refused as not a workbook)', async () => {
    expect(entriesOf(moved).has('xl/workbook.xml')).toBe(false);
    const loaded = await loadXlsxBuffer(moved);
    expect(loaded.reader).toBe('package');
    expect(loaded.workbook).toEqual(gridOf(SAMPLE));
  });

  test('recalc edits it there', async () => {
    const { changes, out } = await recalcAndReread(moved, 'moved.xlsx');
    expect(changes).toBeGreaterThan(0);
    expect(out.get('book/main.xml')!.toString()).toContain('fullCalcOnLoad="1"');
    expect(out.has('xl/workbook.xml')).toBe(false);
  });

  test('a package whose officeDocument relationship names no part, and no xl/workbook.xml, is not a workbook', async () => {
    const none = await withParts(moved, { '_rels/.rels': (x) => x.replace('Target="/book/main.xml"', 'Target="/book/nothing.xml"') });
    await expect(loadXlsxBuffer(none)).rejects.toMatchObject({ reason: 'not-workbook' });
  });
});

describe('part names are matched ignoring case (OPC)', () => {
  test('a relationship target spelt otherwise than the zip entry keeps its sheet (it was dropped from the check)', async () => {
    const odd = await withParts(SAMPLE, {
      'xl/_rels/workbook.xml.rels': (x) => x.replace('Target="worksheets/sheet2.xml"', 'Target="Worksheets/SHEET2.xml"').replace('Target="sharedStrings.xml"', 'Target="SharedStrings.XML"'),
    });
    const wb = (await loadXlsxBuffer(odd)).workbook;
    expect(wb).toEqual(gridOf(SAMPLE));
    expect(analyze(wb).tables.length).toBe(analyze(gridOf(SAMPLE)).tables.length);
    // recalc writes into the entry as the zip names it.
    const { out, reread } = await recalcAndReread(odd, 'case.xlsx');
    expect([...out.keys()].filter((k) => /sheet2/i.test(k))).toEqual(['xl/worksheets/sheet2.xml']);
    expect(reread.sheets.map((s) => s.name)).toEqual(['附件2', '附件3']);
  });

  test('the calculation chain found in another case is dropped with its relationship and content type', async () => {
    const withChain = await withParts(SAMPLE, {
      'xl/calcChain.xml': () => `<?xml version="1.0" encoding="UTF-8"?><calcChain xmlns="${MAIN}"><c r="H24" i="2"/></calcChain>`,
      'xl/_rels/workbook.xml.rels': (x) => x.replace('</Relationships>', `<Relationship Id="rId9" Type="${RELS}/calcChain" Target="CalcChain.xml"/></Relationships>`),
      '[Content_Types].xml': (x) => x.replace('</Types>', '<Override PartName="/XL/calcchain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'),
      'xl/worksheets/sheet2.xml': (x) => x.replace('<c r="H24"><v>10</v></c>', '<c r="H24"><f>5+5</f><v>10</v></c>'),
    });
    const change: Change = { sheet: '附件3', cell: 'H24', row: 23, col: 7, before: { v: 10, f: '5+5' }, after: { v: 11 }, field: '测试' } as Change;
    const out = entriesOf(await patchPackage(withChain, [change]));
    expect(out.has('xl/calcChain.xml')).toBe(false);
    expect(out.get('xl/_rels/workbook.xml.rels')!.toString()).not.toMatch(/calcChain/i);
    expect(out.get('[Content_Types].xml')!.toString()).not.toMatch(/calcchain/i);
  });
});

describe('x:-prefixed parts', () => {
  test('read as the unprefixed sample reads', async () => {
    const x = await prefixedPackage(SAMPLE);
    expect(entriesOf(x).get('xl/worksheets/sheet1.xml')!.toString()).toContain('<x:sheetData>');
    expect(gridOf(x)).toEqual(gridOf(SAMPLE));
  });

  test('recalc keeps the prefix in what it writes', async () => {
    const x = await prefixedPackage(SAMPLE);
    const { out } = await recalcAndReread(x, 'prefixed.xlsx');
    const sheet = out.get('xl/worksheets/sheet2.xml')!.toString();
    expect(sheet).not.toMatch(/<c[\s>]/);
    expect(out.get('xl/workbook.xml')!.toString()).toContain('<x:calcPr');
  });
});

describe('no styles part', () => {
  test('reads its values as the sample’s, every cell General', async () => {
    const plain = await withoutStyles(SAMPLE);
    expect(entriesOf(plain).has('xl/styles.xml')).toBe(false);
    const wb = gridOf(plain);
    expect(values(wb)).toEqual(values(gridOf(SAMPLE)));
    expect(wb.sheets.flatMap((s) => s.rows.flat()).some((c) => c?.fmt !== undefined)).toBe(false);
  });

  test.each([
    ['plain', (b: Buffer) => withoutStyles(b)],
    ['x:-prefixed', async (b: Buffer) => prefixedPackage(await withoutStyles(b))],
  ])('%s: recalc writing a number format creates the minimal styles part, its relationship and content type (it was refused, or rewritten by ExcelJS)', async (_, make) => {
    const input = await make(SAMPLE);
    const { out, reread } = await recalcAndReread(input, `no-styles-${_}.xlsx`);
    const styles = out.get('xl/styles.xml')!.toString();
    expectWellFormed(styles, true);
    expect(styles).toContain(`<styleSheet xmlns="${MAIN}">`);
    expect(out.get('xl/_rels/workbook.xml.rels')!.toString()).toContain(`Type="${RELS}/styles" Target="styles.xml"`);
    expect(out.get('[Content_Types].xml')!.toString()).toContain('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>');
    expect(reread.sheets.flatMap((s) => s.rows.flat()).some((c) => c?.fmt === '0.00%')).toBe(true);
    // Everything else as it was.
    expectOnlyChanged(input, out, ['xl/styles.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
  });
});

describe('Strict namespaces', () => {
  test('a Strict package reads as its Transitional original', async () => {
    const strict = await strictPackage(SAMPLE);
    expect(entriesOf(strict).get('_rels/.rels')!.toString()).toContain('http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument');
    expect(gridOf(strict)).toEqual(gridOf(SAMPLE));
  });

  test('without styles, recalc creates a Strict styles part with a Strict relationship', async () => {
    const strict = await strictPackage(await withoutStyles(SAMPLE));
    const { out } = await recalcAndReread(strict, 'strict.xlsx');
    expect(out.get('xl/styles.xml')!.toString()).toContain(`<styleSheet xmlns="${STRICT_MAIN}">`);
    expect(out.get('xl/_rels/workbook.xml.rels')!.toString()).toContain('Type="http://purl.oclc.org/ooxml/officeDocument/relationships/styles"');
  });
});

describe('UTF-16 parts', () => {
  let input: Buffer;
  beforeAll(async () => {
    input = await withParts(SAMPLE, {
      'xl/sharedStrings.xml': (x) => utf16(x, 'le'),
      'xl/worksheets/sheet2.xml': (x) => utf16(x, 'le'),
      'xl/workbook.xml': (x) => utf16(x, 'be'),
    });
  });

  test('read as their UTF-8 originals (they went to ExcelJS, which refused them as corrupt)', async () => {
    expect(entriesOf(input).get('xl/workbook.xml')!.subarray(0, 2)).toEqual(Buffer.from([0xfe, 0xff]));
    const loaded = await loadXlsxBuffer(input);
    expect(loaded.reader).toBe('package');
    expect(loaded.workbook).toEqual(gridOf(SAMPLE));
  });

  test('recalc writes them back in UTF-16, with their byte-order mark', async () => {
    const { out } = await recalcAndReread(input, 'utf16.xlsx');
    const sheet = out.get('xl/worksheets/sheet2.xml')!;
    expect(sheet.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(sheet.subarray(2).toString('utf16le')).toMatch(/^<\?xml version="1\.0" encoding="UTF-16"/);
    const book = out.get('xl/workbook.xml')!;
    expect(book.subarray(0, 2)).toEqual(Buffer.from([0xfe, 0xff]));
    expect(Buffer.from(book.subarray(2)).swap16().toString('utf16le')).toContain('fullCalcOnLoad="1"');
  });
});

describe('UTF-16 parts without a byte-order mark (XML 1.0 appendix F: `<?` spelt in two bytes)', () => {
  test('read as their UTF-8 originals, and written back in UTF-16 without a mark', async () => {
    const input = await withParts(SAMPLE, {
      'xl/workbook.xml': (x) => utf16(x, 'be', false),
      'xl/worksheets/sheet2.xml': (x) => utf16(x, 'le', false),
    });
    expect(entriesOf(input).get('xl/workbook.xml')!.subarray(0, 2)).toEqual(Buffer.from([0x00, 0x3c]));
    const loaded = await loadXlsxBuffer(input);
    expect(loaded.reader).toBe('package');
    expect(loaded.workbook).toEqual(gridOf(SAMPLE));
    const { out } = await recalcAndReread(input, 'utf16-nobom.xlsx');
    const book = out.get('xl/workbook.xml')!;
    expect(book.subarray(0, 2)).toEqual(Buffer.from([0x00, 0x3c]));
    expect(Buffer.from(book).swap16().toString('utf16le')).toContain('fullCalcOnLoad="1"');
  });
});

/** A one-sheet package from a sheetData's rows (no shared strings, no styles). */
function oneSheet(rows: string, opts: { date1904?: boolean } = {}): Promise<Buffer> {
  return zipOf([
    ['[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'],
    ['_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${RELS}">${opts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
    ['xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`],
  ]);
}

describe('cell types', () => {
  test('t="d": an ISO 8601 date reads as Excel’s serial number (2023-12-31 read as 2023)', async () => {
    const wb = gridOf(
      await oneSheet(
        '<row r="1"><c r="A1" t="d"><v>2023-12-31</v></c><c r="B1" t="d"><v>2023-12-31T12:00:00</v></c><c r="C1" t="d"><v>1900-02-28</v></c><c r="D1" t="d"><v>1900-03-01T06:00:00.000Z</v></c>' +
          '<c r="E1" t="d"><v>18:00:00</v></c><c r="F1" t="d"><v>2023-02-30</v></c><c r="G1" t="d"><f>DATE(2024,1,1)</f><v>2024-01-01</v></c></row>',
      ),
    );
    expect(wb.sheets[0].rows[0].map((c) => c?.v)).toEqual([45291, 45291.5, 59, 61.25, 0.75, '2023-02-30', 45292]);
    expect(wb.sheets[0].rows[0][6]).toEqual({ v: 45292, f: 'DATE(2024,1,1)' });
  });

  test('t="d" in the 1904 date system', async () => {
    const wb = gridOf(await oneSheet('<row r="1"><c r="A1" t="d"><v>2023-12-31</v></c></row>', { date1904: true }));
    expect(wb.sheets[0].rows[0][0]).toEqual({ v: 45291 - 1462 });
  });

  test('t="e": error values, stored or a formula’s result', async () => {
    const wb = gridOf(await oneSheet('<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'));
    expect(wb.sheets[0].rows[0]).toEqual([{ v: { error: '#N/A' } }, { v: { error: '#DIV/0!' }, f: '1/0' }]);
  });

  test('an empty <v> is a blank cell, not NaN', async () => {
    const wb = gridOf(await oneSheet('<row r="1"><c r="A1"><v></v></c><c r="B1"><v>5</v></c></row>'));
    expect(wb.sheets[0].rows[0]).toEqual([undefined, { v: 5 }]);
  });
});

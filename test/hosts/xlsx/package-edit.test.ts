// Saving edits the input package in place: the parts not written are the input's, byte for byte; the
// parts written stay well-formed; a package the editor cannot handle is refused, and nothing is written.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { recalc } from '../../../src/core/engine';
import { run } from '../../../src/cli/main';
import { patchPackage } from '../../../src/hosts/xlsx/package/edit';
import { readZip } from '../../../src/hosts/xlsx/package/zip';
import { XlsxHost } from '../../../src/hosts/xlsx/xlsx-host';
import { expectWellFormed } from './helpers';

const SAMPLES = join(__dirname, '../../../../shared/samples');
const dir = mkdtempSync(join(tmpdir(), 'jixiao-patch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function parts(buf: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(buf);
  const out = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async('nodebuffer'));
  return out;
}

const wellFormed = (xml: string) => expectWellFormed(xml, true);

describe.each(['lusong-2023.xlsx'])('recalc of the sample %s', (file) => {
  test('changes only the sheets written, styles (when a format is new) and calcPr', async () => {
    const input = readFileSync(join(SAMPLES, file));
    const host = await XlsxHost.fromBuffer(input);
    const r = recalc(await host.readWorkbook());
    expect(r.changes.changes.length).toBeGreaterThan(0);
    await host.applyChanges(r.changes);
    const out = join(dir, `out-${file}`);
    await host.save(out);
    expect(host.notes).toEqual([]);

    const before = await parts(input);
    const after = await parts(readFileSync(out));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...before.keys()].filter((k) => !before.get(k)!.equals(after.get(k)!)).sort();
    const sheetsWritten = new Set(r.changes.changes.map((c) => c.sheet));
    const wbXml = before.get('xl/workbook.xml')!.toString('utf8');
    const sheetParts = [...sheetsWritten].map((name) => {
      const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="(rId\\d+)"`).exec(wbXml)![1];
      const rels = before.get('xl/_rels/workbook.xml.rels')!.toString('utf8');
      return 'xl/' + new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)!.slice(1).find(Boolean)!;
    });
    for (const k of changed) expect(['xl/workbook.xml', 'xl/styles.xml', ...sheetParts]).toContain(k);
    for (const k of changed) wellFormed(after.get(k)!.toString('utf8'));
    // Unchanged parts are copied as stored: the same compressed bytes, headers and all.
    const zin = readZip(input);
    const zout = readZip(readFileSync(out));
    for (const a of zin.items.filter((i) => !changed.includes(i.name))) {
      const b = zout.items.find((i) => i.name === a.name)!;
      expect(readFileSync(out).subarray(b.local, b.local + b.span).equals(input.subarray(a.local, a.local + a.span))).toBe(true);
    }
    // workbook.xml: only the calculation flag.
    expect(after.get('xl/workbook.xml')!.toString('utf8').replace(' fullCalcOnLoad="1"', '')).toBe(wbXml);

    // And it reads back with the change set's values.
    const back = await XlsxHost.open(out);
    const grid = await back.readWorkbook();
    for (const c of r.changes.changes) {
      const sheet = grid.sheets.find((s) => s.name === c.sheet)!;
      const cell = sheet.rows[c.row]?.[c.col];
      expect({ at: `${c.sheet}!${c.cell}`, v: cell?.v ?? null, fmt: cell?.fmt }).toEqual({ at: `${c.sheet}!${c.cell}`, v: c.after.v, fmt: c.after.fmt });
    }
  });
});

/** A small workbook as Excel lays it out: shared strings, a calculation chain, no calcPr. */
async function excelLike(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  ws.getCell('A1').value = 1;
  ws.getCell('B1').value = { formula: 'A1*2', result: 2 };
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  zip.file('xl/calcChain.xml', '<?xml version="1.0" encoding="UTF-8"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B1" i="1"/></calcChain>');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  zip.file(
    'xl/_rels/workbook.xml.rels',
    rels.replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'),
  );
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file(
    '[Content_Types].xml',
    types.replace('</Types>', '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'),
  );
  const book = await zip.file('xl/workbook.xml')!.async('string');
  zip.file('xl/workbook.xml', book.replace(/<calcPr[^>]*\/>/, '').replace('</workbook>', '<extLst><ext uri="{x}"/></extLst></workbook>'));
  return zip.generateAsync({ type: 'nodebuffer' });
}

const change = (cell: string, row: number, col: number, after: { v: number | null; f?: string }) => ({
  sheet: '表',
  row,
  col,
  cell,
  before: { v: null },
  after,
  field: '测试',
});

describe('patchPackage', () => {
  test('nothing to write: the very same bytes', async () => {
    const input = await excelLike();
    expect(await patchPackage(input, [])).toBe(input);
  });

  test('a value over a formula drops the calculation chain, its relationship and content type', async () => {
    const out = await parts(await patchPackage(await excelLike(), [change('B1', 0, 1, { v: 5 })]));
    expect(out.has('xl/calcChain.xml')).toBe(false);
    expect(out.get('xl/_rels/workbook.xml.rels')!.toString()).not.toContain('calcChain');
    expect(out.get('[Content_Types].xml')!.toString()).not.toContain('calcChain');
    for (const k of ['xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/workbook.xml']) wellFormed(out.get(k)!.toString());
  });

  test('values only: the calculation chain stays', async () => {
    const out = await parts(await patchPackage(await excelLike(), [change('A1', 0, 0, { v: 5 })]));
    expect(out.has('xl/calcChain.xml')).toBe(true);
  });

  test('calcPr is added where the schema puts it (before extLst) when the file has none', async () => {
    const out = await parts(await patchPackage(await excelLike(), [change('A1', 0, 0, { v: 5 })]));
    const book = out.get('xl/workbook.xml')!.toString();
    expect(book).toContain('<calcPr fullCalcOnLoad="1"/><extLst>');
    wellFormed(book);
  });

  test('a package it cannot edit is refused: exit 2, the reason named, no file written', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(SAMPLES, 'lusong-2023.xlsx')));
    // Rows stored out of order: ExcelJS reads them by number; the editor does not insert into such a list.
    for (const p of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) {
      const xml = await zip.file(p)!.async('string');
      const rows = [...xml.matchAll(/<row [^>]*>.*?<\/row>/gs)].map((m) => m[0]);
      zip.file(p, xml.replace(rows[0] + rows[1], rows[1] + rows[0]));
    }
    const input = join(dir, 'unordered.xlsx');
    writeFileSync(input, await zip.generateAsync({ type: 'nodebuffer' }));
    let stderr = '';
    const code = await run(['recalc', input, '-o', join(dir, 'unordered-out.xlsx')], () => undefined, (s) => (stderr += s));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^无法原样修改此文件（工作表「附件\d」中的行没有按行号顺序存放），.*未写入任何文件/);
    expect(existsSync(join(dir, 'unordered-out.xlsx'))).toBe(false);
  });
});

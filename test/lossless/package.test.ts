// "Nothing lost", in the parts of an .xlsx package that only Excel writes (the random workbooks of
// xlsx.test.ts are written by ExcelJS, which reads its own output back the same): Excel-made XML
// patched into a workbook, `jixiao recalc` run on it, the output package inspected.
//
// Each case below was lost while the CLI wrote its output through ExcelJS (its reader or writer); they
// are kept since the output is the input package edited in place (src/hosts/xlsx/package).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { recalc } from '../../src/core/engine';
import { XlsxHost } from '../../src/hosts/xlsx/xlsx-host';
import { templateWorkbook } from './xlsx-recipes';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** The template table (sheet 附件3) with a wrong stated score, so recalc writes; and a second sheet. */
function workbook(second = '说明'): ExcelJS.Workbook {
  const wb = templateWorkbook({ score: 9 });
  wb.addWorksheet(second).getCell('A1').value = '填报说明';
  return wb;
}

/** Writes `wb`, lets `patch` edit its parts as Excel would have written them, runs recalc; the output's parts. */
async function throughCli(wb: ExcelJS.Workbook, patch: (zip: JSZip) => Promise<void>): Promise<JSZip> {
  const id = ++n;
  const input = join(dir, `in-${id}.xlsx`);
  const output = join(dir, `out-${id}.xlsx`);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  await patch(zip);
  writeFileSync(input, await zip.generateAsync({ type: 'nodebuffer' }));
  // What `jixiao recalc in.xlsx -o out.xlsx` does.
  const host = await XlsxHost.open(input);
  const r = recalc(await host.readWorkbook());
  expect(r.changes.changes.length).toBeGreaterThan(0);
  await host.applyChanges(r.changes);
  await host.save(output);
  return JSZip.loadAsync(readFileSync(output));
}

async function edit(zip: JSZip, part: string, f: (xml: string) => string): Promise<void> {
  const xml = await zip.file(part)!.async('string');
  const next = f(xml);
  if (next === xml) throw new Error(`nothing patched in ${part}`);
  zip.file(part, next);
}

const text = (zip: JSZip, part: string) => zip.file(part)!.async('string');
const definedNames = async (zip: JSZip) => (await text(zip, 'xl/workbook.xml')).match(/<definedNames>.*<\/definedNames>/s)?.[0] ?? '';
const unescape = (s: string) => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');

describe('page setup', () => {
  test('automatic page numbers stay automatic (ExcelJS would number every sheet from 1)', async () => {
    const out = await throughCli(workbook(), (zip) =>
      edit(zip, 'xl/worksheets/sheet1.xml', (x) => x.replace(/<pageSetup[^>]*\/>/, '<pageSetup paperSize="9" orientation="landscape"/>')),
    );
    const setup = (await text(out, 'xl/worksheets/sheet1.xml')).match(/<pageSetup[^>]*\/>/)?.[0] ?? '';
    expect(setup).toContain('paperSize="9"');
    expect(setup).toContain('orientation="landscape"');
    expect(setup).not.toContain('useFirstPageNumber');
  });

  test('a first page number set by the user is kept', async () => {
    const out = await throughCli(workbook(), (zip) =>
      edit(zip, 'xl/worksheets/sheet1.xml', (x) => x.replace(/<pageSetup[^>]*\/>/, '<pageSetup paperSize="9" firstPageNumber="3" useFirstPageNumber="1"/>')),
    );
    const setup = (await text(out, 'xl/worksheets/sheet1.xml')).match(/<pageSetup[^>]*\/>/)?.[0] ?? '';
    expect(setup).toContain('firstPageNumber="3"');
    expect(setup).toContain('useFirstPageNumber="1"');
  });
});

describe('what ExcelJS alone would lose', () => {
  test('comments printed as displayed stay so', async () => {
    const out = await throughCli(workbook(), (zip) =>
      edit(zip, 'xl/worksheets/sheet1.xml', (x) => x.replace(/<pageSetup[^>]*\/>/, '<pageSetup paperSize="9" cellComments="asDisplayed"/>')),
    );
    // ExcelJS writes the setting only in its own misspelling ("asDisplyed", which Excel would refuse)
    // and so drops what it read from Excel.
    const setup = (await text(out, 'xl/worksheets/sheet1.xml')).match(/<pageSetup[^>]*\/>/)?.[0] ?? '';
    expect(setup).toContain('cellComments="asDisplayed"');
  });

  test('the workbook’s default font (the Normal style’s, font 0) is kept', async () => {
    // Excel (zh-CN) writes its default font first; cells without a style of their own show in it.
    const out = await throughCli(workbook(), (zip) =>
      edit(zip, 'xl/styles.xml', (x) => x.replace(/<font>.*?<\/font>/s, '<font><sz val="12"/><name val="宋体"/><family val="3"/><charset val="134"/></font>')),
    );
    const first = (await text(out, 'xl/styles.xml')).match(/<fonts[^>]*>\s*<font>(.*?)<\/font>/s)?.[1] ?? '';
    // ExcelJS writes Calibri 11 as font 0 whatever the file had.
    expect(first).toContain('<name val="宋体"/>');
    expect(first).toContain('<sz val="12"/>');
  });

  test('defined names keep their scope, and names of constants and formulas are kept', async () => {
    const names =
      '<definedNames>' +
      `<definedName name="数据" localSheetId="0">附件3!$C$4:$E$4</definedName>` +
      `<definedName name="数据" localSheetId="1">说明!$A$1</definedName>` +
      '<definedName name="税率">0.03</definedName>' +
      '<definedName name="动态" hidden="1">OFFSET(附件3!$A$1,0,0,COUNTA(附件3!$A:$A),1)</definedName>' +
      '</definedNames>';
    const out = await throughCli(workbook(), (zip) =>
      edit(zip, 'xl/workbook.xml', (x) => x.replace(/<definedNames>.*<\/definedNames>/s, '').replace('</sheets>', `</sheets>${names}`)),
    );
    const got = unescape(await definedNames(out));
    // ExcelJS keeps one 数据 (global), drops 税率, and mangles 动态 into 'OFFSET(附件3'!$A$1.
    expect(got).toContain('<definedName name="数据" localSheetId="0">附件3!$C$4:$E$4</definedName>');
    expect(got).toContain('<definedName name="数据" localSheetId="1">说明!$A$1</definedName>');
    expect(got).toContain('<definedName name="税率">0.03</definedName>');
    expect(got).toContain('OFFSET(附件3!$A$1,0,0,COUNTA(附件3!$A:$A),1)');
  });

  test('a print area of two ranges keeps both', async () => {
    const names = '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">附件3!$A$1:$H$4,附件3!$A$6:$H$8</definedName></definedNames>';
    const out = await throughCli(workbook(), (zip) =>
      edit(zip, 'xl/workbook.xml', (x) => x.replace(/<definedNames>.*<\/definedNames>/s, '').replace('</sheets>', `</sheets>${names}`)),
    );
    // ExcelJS keeps the first range only (and writes it as $A1:$H4).
    expect(unescape(await definedNames(out))).toMatch(/\$A\$?6:\$H\$?8/);
  });

  test('a print area on a sheet named with an apostrophe stays a valid reference', async () => {
    const names = `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">'O''Brien'!$A$1:$D$9</definedName></definedNames>`;
    const out = await throughCli(workbook("O'Brien"), (zip) =>
      edit(zip, 'xl/workbook.xml', (x) => x.replace(/<definedNames>.*<\/definedNames>/s, '').replace('</sheets>', `</sheets>${names}`)),
    );
    // ExcelJS writes 'O'Brien'!$A1:$D9: a name Excel repairs away, and a file ExcelJS cannot read back.
    expect(unescape(await definedNames(out))).toContain(`'O''Brien'!$A`);
  });

  test('a note on an empty cell is kept', async () => {
    const wb = workbook();
    wb.getWorksheet('说明')!.getCell('C3').value = 'x';
    wb.getWorksheet('说明')!.getCell('C3').note = '请核对';
    const out = await throughCli(wb, (zip) =>
      // Excel writes no <c> for an empty cell without a style, note or not.
      edit(zip, 'xl/worksheets/sheet2.xml', (x) => x.replace(/<c r="C3"[^>]*>.*?<\/c>/s, '')),
    );
    const comments = Object.keys(out.files).filter((f) => /^xl\/comments\d*\.xml$/.test(f));
    const all = (await Promise.all(comments.map((f) => text(out, f)))).join('');
    // ExcelJS attaches notes to the cells it reads: one on a cell it has no <c> for is dropped.
    expect(all).toContain('请核对');
  });
});

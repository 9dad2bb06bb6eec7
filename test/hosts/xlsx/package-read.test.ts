// The package reader against ExcelJS: on every workbook of the corpus (the real samples, the layout
// variants, random workbooks of the lossless recipes) it reads the same grid, notes and merge repairs
// as ExcelJS + convert.ts, except where ExcelJS is wrong, which is listed and checked here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readPackage } from '../../../src/hosts/xlsx/package/read';
import { nodeParts } from '../../../src/hosts/xlsx/package/zip-node';
import { PatchUnsupportedError } from '../../../src/hosts/xlsx/package/xml';
import { loadXlsxBuffer } from '../../../src/hosts/xlsx/read';
import { demoWorkbook, VARIANTS } from '../../fixtures/workbooks';
import { buildWorkbook, recipeArb } from '../../lossless/xlsx-recipes';
import * as ExcelJSModule from 'exceljs';
import { expectSameRead } from './read-compare';

const SAMPLES = join(__dirname, '../../../../shared/samples');
const NUM_RUNS = Number(process.env.FC_RUNS ?? 40);

const bufferOf = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

describe('reads what ExcelJS reads', () => {
  test.each(['lusong-2023.xlsx', 'xiangdong-2023.xlsx'])('the sample %s', async (file) => {
    await expectSameRead(readFileSync(join(SAMPLES, file)));
  });

  test('the demo workbook', async () => {
    await expectSameRead(await bufferOf(demoWorkbook()));
  });

  test.each(VARIANTS.map((v) => [v.name, v] as const))('the variant %s', async (_, v) => {
    await expectSameRead(await bufferOf(v.build()));
  });

  test('random workbooks of the lossless recipes (shared and array formulas, merges, styles, every value type)', async () => {
    await fc.assert(
      fc.asyncProperty(recipeArb, async (recipe) => {
        await expectSameRead(await bufferOf(buildWorkbook(recipe)));
      }),
      { numRuns: NUM_RUNS },
    );
  }, 120_000);
});

describe('where it reads better than ExcelJS', () => {
  test('a date-formatted formula keeps a text, logical or error result', async () => {
    const wb = new ExcelJSModule.Workbook();
    const ws = wb.addWorksheet('表');
    ws.getCell('A1').value = { formula: 'IF(B1,"无","")', result: '无' } as ExcelJS.CellValue;
    ws.getCell('A2').value = { formula: 'B1>0', result: false } as ExcelJS.CellValue;
    for (const a of ['A1', 'A2']) ws.getCell(a).numFmt = 'yyyy-mm-dd';
    const ours = readPackage(nodeParts(await bufferOf(wb))).workbook.sheets[0];
    expect(ours.rows[0][0]).toEqual({ v: '无', f: 'IF(B1,"无","")', fmt: 'yyyy-mm-dd' });
    expect(ours.rows[1][0]).toEqual({ v: false, f: 'B1>0', fmt: 'yyyy-mm-dd' });
  });

  test('a shared formula’s dependent keeps the text of its string literals', async () => {
    const wb = new ExcelJSModule.Workbook();
    const ws = wb.addWorksheet('表');
    ws.getCell('A1').value = { formula: 'IF(B1>0,"B1","")', result: '', shareType: 'shared', ref: 'A1:A2' } as unknown as ExcelJS.CellValue;
    ws.getCell('A2').value = { sharedFormula: 'A1', result: 'B1' } as ExcelJS.CellValue;
    expect(readPackage(nodeParts(await bufferOf(wb))).workbook.sheets[0].rows[1][0]).toEqual({ v: 'B1', f: 'IF(B2>0,"B1","")' });
  });
});

describe('what it leaves to ExcelJS', () => {
  test('a DTD (an entity bomb) or an undeclared entity: ExcelJS reads it, or refuses it as corrupt', async () => {
    const wb = new ExcelJSModule.Workbook();
    wb.addWorksheet('表').getCell('A1').value = '人代会议';
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(await bufferOf(wb));
    const ss = await zip.file('xl/sharedStrings.xml')!.async('string');
    zip.file('xl/sharedStrings.xml', ss.replace('<sst', '<!DOCTYPE sst [<!ENTITY a "lol">]><sst').replace('人代会议', '&a;'));
    const buf = await zip.generateAsync({ type: 'nodebuffer' });
    expect(() => readPackage(nodeParts(buf))).toThrow(PatchUnsupportedError);
    await expect(loadXlsxBuffer(buf)).rejects.toMatchObject({ reason: 'corrupt' });
  });

  test('the samples are read by the package reader, not ExcelJS', async () => {
    expect((await loadXlsxBuffer(readFileSync(join(SAMPLES, 'lusong-2023.xlsx')))).reader).toBe('package');
  });
});

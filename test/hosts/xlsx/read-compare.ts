// Compares the package reader with ExcelJS + convert.ts on one package (shared by the reader's tests).
import type * as ExcelJS from 'exceljs';
import * as ExcelJSModule from 'exceljs';
import type { Cell, Workbook } from '../../../src/core/grid/types';
import { excelToGrid } from '../../../src/hosts/xlsx/convert';
import { guardExcelLoad } from '../../../src/hosts/xlsx/excel-guard';
import { readPackage } from '../../../src/hosts/xlsx/package/read';
import { nodeParts } from '../../../src/hosts/xlsx/package/zip-node';

async function viaExcelJs(buf: Buffer): Promise<{ workbook: Workbook; notes: string[]; mergeRepairs: Map<string, string[]> }> {
  const excel = new ExcelJSModule.Workbook();
  const finish = guardExcelLoad(excel);
  await excel.xlsx.load(buf as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  const { notes, mergeRepairs } = finish();
  return { workbook: excelToGrid(excel), notes, mergeRepairs };
}

const DATE_FMT = /[ymdhMsb]/;
const isDateFmt = (fmt: string | undefined) => !!fmt && DATE_FMT.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/**
 * Where ExcelJS reads wrong and the package reader does not. ExcelJS turns the cached result of a
 * date-formatted formula into a date whatever its type: false becomes 0, a text or an error NaN.
 * And a date-formatted number beyond what a JS Date holds (±100,000,000 days from 1970) becomes NaN.
 */
function asExcelJsReadsIt(wb: Workbook): Workbook {
  for (const s of wb.sheets) {
    for (const row of s.rows) {
      row?.forEach((c: Cell | undefined, i) => {
        if (!c || !isDateFmt(c.fmt) || c.v === null) return;
        if (typeof c.v === 'number') {
          if (Math.abs(c.v - 25569) >= 1e8) row[i] = { ...c, v: NaN };
          return;
        }
        if (c.f === undefined) return;
        // JavaScript's coercion, as ExcelJS subtracts from the result: false 0, ' ' 0, '12' 12, an error NaN.
        const n = typeof c.v === 'object' ? NaN : Number(c.v);
        row[i] = { ...c, v: Number.isNaN(n) ? NaN : 25569 + Math.round((n - 25569) * 24 * 3600 * 1000) / 86_400_000 };
      });
    }
  }
  return wb;
}

export async function expectSameRead(buf: Buffer): Promise<void> {
  const theirs = await viaExcelJs(buf);
  const ours = readPackage(nodeParts(buf));
  expect(JSON.parse(JSON.stringify(asExcelJsReadsIt(ours.workbook)))).toEqual(JSON.parse(JSON.stringify(theirs.workbook)));
  expect(ours.notes).toEqual(theirs.notes);
  expect([...ours.mergeRepairs]).toEqual([...theirs.mergeRepairs]);
}


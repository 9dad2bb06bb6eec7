import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { cellAt, valueAt } from '../../../src/core/grid/sheet';
import type { Sheet, Workbook } from '../../../src/core/grid/types';
import { excelSerial, loadXlsx, loadXlsxBuffer } from '../../../src/hosts/xlsx/read';
import { tempDir, writeSample } from './helpers';

const SAMPLES = '/work/shared/samples';

function sheet(wb: Workbook, name: string): Sheet {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

describe('loadXlsx: values in Excel’s view', () => {
  const t = tempDir();
  let wb: Workbook;
  let main: Sheet;
  beforeAll(async () => {
    const file = join(t.dir, 'sample.xlsx');
    await writeSample(file);
    wb = (await loadXlsx(file)).workbook;
    main = sheet(wb, '主表');
  });
  afterAll(() => t.cleanup());

  test('keeps sheet order and hidden state', () => {
    expect(wb.sheets.map((s) => s.name)).toEqual(['主表', '隐藏', '深藏']);
    expect(main.hidden).toBeUndefined();
    expect(sheet(wb, '隐藏').hidden).toBe(true);
    expect(sheet(wb, '深藏').hidden).toBe(true);
  });

  test('a merged area holds its value in the top-left cell only', () => {
    expect(valueAt(main, 0, 0)).toBe('2023年度项目支出绩效自评表');
    for (let c = 1; c <= 4; c++) expect(cellAt(main, 0, c)).toBeUndefined();
    expect(valueAt(main, 6, 0)).toBe('产出指标\n\n(40分)');
    expect(cellAt(main, 7, 0)).toBeUndefined();
    expect(cellAt(main, 8, 0)).toBeUndefined();
    expect(main.merges).toEqual(
      expect.arrayContaining([
        { r0: 0, c0: 0, r1: 0, c1: 4 },
        { r0: 6, c0: 0, r1: 8, c1: 0 },
      ]),
    );
    expect(main.merges).toHaveLength(2);
  });

  test('numbers, text, number formats', () => {
    expect(cellAt(main, 2, 0)).toEqual({ v: '会议费' });
    expect(cellAt(main, 2, 1)).toEqual({ v: 100 });
    expect(cellAt(main, 2, 3)).toEqual({ v: 0.8, f: 'C3/B3', fmt: '0.00%' });
  });

  test('formulas: cached results, errors, shared formulas translated, 0 kept, no result → null', () => {
    expect(cellAt(main, 4, 3)).toEqual({ v: { error: '#DIV/0!' }, f: 'C5/B5', fmt: '0.00%' });
    expect(cellAt(main, 2, 4)).toEqual({ v: 8, f: 'D3*10' });
    expect(cellAt(main, 3, 4)).toEqual({ v: 10, f: 'D4*10' });
    expect(cellAt(main, 5, 4)).toEqual({ v: 0, f: 'B4-B4' });
    expect(cellAt(main, 6, 1)).toEqual({ v: null, f: 'SUM(B3:B5)' });
  });

  test('error values, rich text, hyperlinks, booleans, dates as serial numbers', () => {
    expect(cellAt(main, 4, 4)).toEqual({ v: { error: '#N/A' } });
    expect(cellAt(main, 5, 0)).toEqual({ v: '产出指标' });
    expect(cellAt(main, 5, 1)).toEqual({ v: '财政局网站' });
    expect(cellAt(main, 5, 2)).toEqual({ v: true });
    expect(cellAt(main, 5, 3)).toEqual({ v: 45291, fmt: 'yyyy-mm-dd' });
  });

  test('empty strings and fill-only cells are not stored, a blank cell’s number format is; no trailing blanks', () => {
    expect(cellAt(main, 6, 2)).toBeUndefined();
    // What a value written into D7 shows as, and what undoing that write puts back (test/lossless).
    expect(cellAt(main, 6, 3)).toEqual({ v: null, fmt: '0.00' });
    // H20 has only a fill: the sheet ends at row 9 (the merge's last row holds nothing either).
    expect(main.rows.length).toBe(7);
    for (const row of main.rows) {
      expect(Array.isArray(row)).toBe(true);
      if (row.length) expect(row[row.length - 1]).toBeDefined();
    }
  });

  test('loadXlsxBuffer gives the same model', async () => {
    const again = await loadXlsxBuffer(readFileSync(join(t.dir, 'sample.xlsx')));
    expect(again.workbook).toEqual(wb);
    expect((await again.excel()).worksheets).toHaveLength(3);
  });
});

describe('dates', () => {
  test('serial numbers match Excel’s 1900 and 1904 systems', () => {
    expect(excelSerial(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
    expect(excelSerial(new Date(Date.UTC(2024, 0, 1, 12)))).toBe(45292.5);
    expect(excelSerial(new Date(Date.UTC(2024, 0, 1)), true)).toBe(45292 - 1462);
  });

  test('a date-formatted formula result reads as its serial', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = { formula: 'DATE(2024,1,1)', result: new Date(Date.UTC(2024, 0, 1)) };
    ws.getCell('A1').numFmt = 'yyyy/m/d';
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const { workbook } = await loadXlsxBuffer(buf);
    expect(cellAt(workbook.sheets[0], 0, 0)).toEqual({ v: 45292, f: 'DATE(2024,1,1)', fmt: 'yyyy/m/d' });
  });

  test('a 1904-system workbook reads the serial stored in the file', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = new Date(Date.UTC(2024, 0, 1));
    ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const { workbook } = await loadXlsxBuffer(buf);
    expect(cellAt(workbook.sheets[0], 0, 0)).toEqual({ v: 45292 - 1462, fmt: 'yyyy-mm-dd' });
  });
});

describe('real samples', () => {
  test('lusong-2023.xlsx', async () => {
    const { workbook } = await loadXlsx(join(SAMPLES, 'lusong-2023.xlsx'));
    expect(workbook.sheets.map((s) => s.name)).toEqual(['附件2', '附件3']);
    const s3 = sheet(workbook, '附件3');
    expect(cellAt(s3, 3, 6)).toEqual({ v: 0.9996, fmt: '0.00%' });
    expect(valueAt(s3, 12, 1)).toBe('产出指标\n\n(40分)');
    for (let r = 13; r <= 18; r++) expect(cellAt(s3, r, 1)).toBeUndefined();
    expect(s3.merges).toContainEqual({ r0: 12, c0: 1, r1: 18, c1: 1 });
    expect(valueAt(s3, 3, 7)).toBe(98);
    expect(valueAt(sheet(workbook, '附件2'), 2, 3)).toBe(0.6);
  });

  test('xiangdong-2023.xlsx', async () => {
    const { workbook } = await loadXlsx(join(SAMPLES, 'xiangdong-2023.xlsx'));
    expect(workbook.sheets.map((s) => s.name)).toEqual(['预算执行情况', '项目自评表']);
    const s = sheet(workbook, '预算执行情况');
    expect(valueAt(s, 2, 0)).toBe('小计7项');
    expect(cellAt(s, 2, 4)).toEqual({ v: 0.7933, fmt: '0.00%' });
    expect(s.merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 4 }]);
    expect(cellAt(s, 0, 1)).toBeUndefined();
  });
});

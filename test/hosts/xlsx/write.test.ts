// Saving through the package editor (XlsxHost.save) and the atomic write beneath it (saveBytesAtomic).
// There is no whole-file writer any more: ExcelJS only reads here, to check what was written.
import { promises as fsp, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ExcelJS from 'exceljs';
import { invertChangeSet, makeChange, type ChangeSet } from '../../../src/core/changes/changeset';
import { cellAt } from '../../../src/core/grid/sheet';
import type { CellState, Workbook } from '../../../src/core/grid/types';
import { loadXlsx } from '../../../src/hosts/xlsx/read';
import { saveBytesAtomic, WorkbookWriteError } from '../../../src/hosts/xlsx/write';
import { XlsxHost } from '../../../src/hosts/xlsx/xlsx-host';
import { tempDir, writeSample } from './helpers';

const t = tempDir();
afterAll(() => t.cleanup());
const p = (name: string) => join(t.dir, name);
let n = 0;
const fresh = () => p(`out-${++n}.xlsx`);

beforeAll(async () => {
  await writeSample(p('in.xlsx'));
});

function change(wb: Workbook, sheet: string, row: number, col: number, after: CellState) {
  return makeChange(wb, sheet, row, col, after, 'test');
}

/** The grid as the CLI reads it, and the main sheet as ExcelJS reads it (for styles and layout). */
async function reload(path: string) {
  const loaded = await loadXlsx(path);
  const excel = await loaded.excel();
  return { ...loaded, excel, ws: excel.getWorksheet('主表')! };
}

/** `cs` written into `input` through the package editor, saved to a fresh file. */
async function written(input: string, cs: (wb: Workbook) => ChangeSet): Promise<string> {
  const host = await XlsxHost.open(input);
  await host.applyChanges(cs(await host.readWorkbook()));
  const out = fresh();
  await host.save(out);
  return out;
}

describe('XlsxHost.save', () => {
  test('a new number format does not leak to cells sharing the style; font, fill, border and alignment kept', async () => {
    const out = await written(p('in.xlsx'), (wb) => ({ changes: [change(wb, '主表', 3, 1, { v: 0.5, fmt: '0.00%' }), change(wb, '主表', 2, 3, { v: 0.75 })] }));
    const { ws } = await reload(out);
    expect(ws.getCell('B4').numFmt).toBe('0.00%');
    expect(ws.getCell('B4').font).toMatchObject({ bold: true });
    expect(ws.getCell('B3').numFmt).toBeUndefined();
    expect(ws.getCell('B5').numFmt).toBeUndefined();
    expect(ws.getCell('B3').font).toMatchObject({ bold: true });
    expect(ws.getCell('D3').value).toBe(0.75);
    expect(ws.getCell('D3').numFmt).toBeUndefined();
    expect(ws.getCell('D4').numFmt).toBe('0.00%');
  });

  test('a bad change set is rejected before anything is written', async () => {
    const host = await XlsxHost.open(p('in.xlsx'));
    const wb = await host.readWorkbook();
    const good = change(wb, '主表', 2, 1, { v: 999 });
    await expect(host.applyChanges({ changes: [good, { ...good, sheet: '不存在' }] })).rejects.toThrow('工作表不存在：不存在');
    await expect(host.applyChanges({ changes: [good, change(wb, '主表', 0, 2, { v: 'x' })] })).rejects.toThrow('不能写入合并单元格中非左上角的单元格：主表!C1');
    await expect(host.applyChanges({ changes: [good, change(wb, '主表', 2, 2, { v: NaN })] })).rejects.toThrow(/非有限数值/);
    const out = fresh();
    await host.save(out);
    expect(readFileSync(out).equals(readFileSync(p('in.xlsx')))).toBe(true);
  });

  test('overwriting a shared formula’s master keeps its dependents’ formulas', async () => {
    const out = await written(p('in.xlsx'), (wb) => ({ changes: [change(wb, '主表', 2, 4, { v: 7 })] }));
    const again = (await loadXlsx(out)).workbook.sheets[0];
    expect(cellAt(again, 2, 4)).toEqual({ v: 7 });
    expect(cellAt(again, 3, 4)).toEqual({ v: 10, f: 'D4*10' });
  });

  test('a dependent spelled out keeps the text of its string literals', async () => {
    const src = new ExcelJS.Workbook();
    const ws = src.addWorksheet('表');
    ws.getCell('A1').value = { formula: 'IF(B1>0,"B1","")', result: '', shareType: 'shared', ref: 'A1:A2' } as ExcelJS.CellValue;
    ws.getCell('A2').value = { sharedFormula: 'A1', result: 'B1' } as ExcelJS.CellValue;
    const input = fresh();
    await src.xlsx.writeFile(input);
    const out = await written(input, (wb) => ({ changes: [change(wb, '表', 0, 0, { v: 7 })] }));
    expect(cellAt((await loadXlsx(out)).workbook.sheets[0], 1, 0)).toEqual({ v: 'B1', f: 'IF(B2>0,"B1","")' });
  });
});

describe('round trip: load → apply → save → reload → apply inverse', () => {
  test('changed cells take the new state; everything else survives; the inverse restores the original', async () => {
    const input = p('in.xlsx');
    const orig = await reload(input);
    const wb = orig.workbook;
    const cs: ChangeSet = {
      changes: [
        change(wb, '主表', 2, 3, { v: 0.81, fmt: '0.0%' }), // value and format of a formula cell → plain value
        change(wb, '主表', 3, 4, { v: 5, f: 'D4*5' }), // a shared formula's dependent gets its own formula
        change(wb, '主表', 2, 1, { v: 120 }), // bold, shared style
        change(wb, '主表', 4, 3, { v: { error: '#VALUE!' }, f: 'C5/B5', fmt: '0.00%' }), // formula with an error result
        change(wb, '主表', 2, 2, { v: { error: '#N/A' } }), // error value, fill kept
        change(wb, '主表', 9, 5, { v: 'new', fmt: '@' }), // a blank cell
        change(wb, '主表', 5, 3, { v: 45292 }), // date cell: fmt reset to General
        change(wb, '主表', 5, 2, { v: null }), // cleared
        change(wb, '主表', 6, 1, { v: 150, f: 'SUM(B3:B5)' }), // gains a cached result
        change(wb, '隐藏', 1, 1, { v: false }),
      ],
    };
    const host = await XlsxHost.open(input);
    await host.applyChanges(cs);
    const out = fresh();
    await host.save(out);

    const after = await reload(out);
    const changed = new Set(cs.changes.map((c) => `${c.sheet}!${c.row},${c.col}`));
    for (const c of cs.changes) {
      const s = after.workbook.sheets.find((x) => x.name === c.sheet)!;
      const expected = c.after.v === null && c.after.f === undefined ? undefined : c.after;
      expect([c.cell, cellAt(s, c.row, c.col)]).toEqual([c.cell, expected]);
    }
    // Every other cell: same value, formula and format.
    for (const s of wb.sheets) {
      const s2 = after.workbook.sheets.find((x) => x.name === s.name)!;
      s.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!changed.has(`${s.name}!${r},${c}`)) expect([s.name, r, c, cellAt(s2, r, c)]).toEqual([s.name, r, c, cell]);
        }),
      );
    }
    // Sheets, order, hidden state, merges.
    expect(after.workbook.sheets.map((s) => [s.name, s.hidden, s.merges])).toEqual(wb.sheets.map((s) => [s.name, s.hidden, s.merges]));
    // Styles and layout.
    const ws = after.ws;
    expect(ws.getCell('A1').font).toMatchObject({ bold: true });
    expect(ws.getCell('A1').fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
    expect(ws.getCell('B3').font).toMatchObject({ bold: true }); // changed
    expect(ws.getCell('B4').font).toMatchObject({ bold: true }); // unchanged
    expect(ws.getCell('C3').fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } }); // changed
    expect(ws.getCell('C4').fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
    expect(ws.getCell('A2').font).toMatchObject({ bold: true });
    expect(ws.getColumn(1).width).toBe(30);
    expect(ws.getColumn(4).width).toBe(12.5);
    expect(ws.getCell('H20').fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
    expect(after.excel.getWorksheet('深藏')!.state).toBe('veryHidden');
    expect(after.excel.getWorksheet('隐藏')!.state).toBe('hidden');

    // The inverse, applied to the reloaded file, restores every value, formula and format.
    const back = await XlsxHost.open(out);
    await back.applyChanges(invertChangeSet(cs));
    const out2 = fresh();
    await back.save(out2);
    const restored = await reload(out2);
    expect(restored.workbook).toEqual(wb);
    expect(restored.ws.getCell('D6').numFmt).toBe('yyyy-mm-dd');
    expect(restored.ws.getCell('D6').value).toEqual(new Date(Date.UTC(2023, 11, 31)));
    expect(restored.ws.getCell('C3').fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
    expect(restored.ws.getColumn(1).width).toBe(30);
  });
});

describe('saveBytesAtomic', () => {
  const bytes = () => readFileSync(p('in.xlsx'));
  const produce = async () => bytes();

  const tmpLeft = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

  test('writes a loadable file and leaves no temp file; replaces an existing file', async () => {
    const dir = p('save1');
    mkdirSync(dir);
    const out = join(dir, 'out.xlsx');
    writeFileSync(out, 'old content');
    await saveBytesAtomic(produce, out);
    expect(readFileSync(out).equals(bytes())).toBe(true);
    expect((await loadXlsx(out)).workbook.sheets).toHaveLength(3);
    expect(tmpLeft(dir)).toEqual([]);
  });

  test('refuses to overwrite the input: same path, relative path, symlink, hard link', async () => {
    const input = p('in.xlsx');
    const before = readFileSync(input);
    symlinkSync(input, p('link.xlsx'));
    linkSync(input, p('hard.xlsx'));
    for (const out of [input, relative(process.cwd(), input), p('./sub/../in.xlsx'), p('link.xlsx'), p('hard.xlsx')]) {
      const e = await saveBytesAtomic(produce, out, { inputPath: input }).catch((x) => x);
      expect(e).toBeInstanceOf(WorkbookWriteError);
      expect(e.reason).toBe('same-as-input');
      expect(e.message).toBe(`输出文件不能与输入文件相同，请另选一个文件名：${out}`);
    }
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  test('a missing folder or a folder as output', async () => {
    await expect(saveBytesAtomic(produce, p('no/such/dir/out.xlsx'))).rejects.toMatchObject({
      reason: 'dir-not-found',
      message: `输出文件夹不存在：${p('no/such/dir')}`,
    });
    mkdirSync(p('a-folder'));
    await expect(saveBytesAtomic(produce, p('a-folder'))).rejects.toMatchObject({ reason: 'is-directory' });
  });

  test('a failed rename removes the temp file and keeps the old output', async () => {
    const dir = p('save2');
    mkdirSync(dir);
    const out = join(dir, 'out.xlsx');
    writeFileSync(out, 'old content');
    const spy = jest
      .spyOn(fsp, 'rename')
      .mockRejectedValueOnce(Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' }));
    try {
      await expect(saveBytesAtomic(produce, out)).rejects.toMatchObject({
        reason: 'busy',
        message: `文件正被其他程序占用，无法写入：${out}`,
      });
    } finally {
      spy.mockRestore();
    }
    expect(readFileSync(out, 'utf8')).toBe('old content');
    expect(tmpLeft(dir)).toEqual([]);
  });

  test('bytes that cannot be made fail cleanly, leaving nothing behind', async () => {
    const dir = p('save3');
    mkdirSync(dir);
    await expect(saveBytesAtomic(() => Promise.reject(new Error('boom')), join(dir, 'x.xlsx'))).rejects.toMatchObject({ reason: 'write-failed' });
    expect(readdirSync(dir)).toEqual([]);
  });
});

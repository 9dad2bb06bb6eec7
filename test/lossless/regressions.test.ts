// The losses the lossless properties found, pinned as plain examples (each failed before its fix).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { invertChangeSet, type ChangeSet } from '../../src/core/changes/changeset';
import { recalc } from '../../src/core/engine';
import { cellAt, setCell } from '../../src/core/grid/sheet';
import type { Cell } from '../../src/core/grid/types';
import { createEmulatedHost } from '../../src/hosts/emulated/emulated-host';
import { EmulatedWorkbook } from '../../src/hosts/emulated/excel-emulation';
import { XlsxHost } from '../../src/hosts/xlsx/xlsx-host';
import { Session } from '../../src/taskpane/session';
import { projectSheet } from '../core/template';
import { deepClone } from './grid-arbitraries';
import { diffGrids } from './grid-compare';
import { diffWorkbooks } from './xlsx-compare';
import { templateWorkbook } from './xlsx-recipes';
import { parseScalar } from '../../src/core/parse/number';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-regress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readExcel(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

describe('CLI: a blank computed cell with a number format', () => {
  // 执行率 G4 blank in 0.0%, 得分 H4 blank in 0.00: the reader used to drop both cells.
  test('keeps its format when written, and gets it back from the inverse', async () => {
    const wb = templateWorkbook({ rate: null, score: null });
    const ws = wb.worksheets[0];
    ws.getCell('G4').numFmt = '0.0%';
    ws.getCell('H4').numFmt = '0.00';
    const input = join(dir, 'blank-in.xlsx');
    writeFileSync(input, Buffer.from(await wb.xlsx.writeBuffer()));

    const host = await XlsxHost.open(input);
    const r = recalc(await host.readWorkbook());
    const at = (cell: string) => r.changes.changes.find((c) => c.cell === cell);
    expect(at('G4')).toMatchObject({ before: { v: null, fmt: '0.0%' }, after: { v: 0.75, fmt: '0.0%' } });
    expect(at('H4')).toMatchObject({ before: { v: null, fmt: '0.00' }, after: { v: 7.5, fmt: '0.00' } });
    await host.applyChanges(r.changes);
    await host.save(join(dir, 'blank-out.xlsx'));
    const back = await XlsxHost.open(join(dir, 'blank-out.xlsx'));
    await back.applyChanges(invertChangeSet(r.changes));
    await back.save(join(dir, 'blank-back.xlsx'));

    const original = await readExcel(input);
    expect(diffWorkbooks(original, await readExcel(join(dir, 'blank-out.xlsx')), r.changes)).toEqual([]);
    expect(diffWorkbooks(original, await readExcel(join(dir, 'blank-back.xlsx')))).toEqual([]);
  });
});

describe('add-in: undo gives back exactly what the cells held', () => {
  async function applyAndUndo(cells: [number, number, Cell | undefined][], apiVersion = '1.13') {
    const sheet = projectSheet();
    for (const [r, c, cell] of cells) setCell(sheet, r, c, cell);
    const book = new EmulatedWorkbook({ sheets: [sheet] });
    const original = deepClone(book.workbook);
    const session = new Session(createEmulatedHost(book, { apiVersion }));
    const cs: ChangeSet = await session.preview();
    await session.apply(cs);
    expect(diffGrids(original, book.workbook, cs)).toEqual([]);
    await session.undo();
    return { book, original, cs };
  }

  test.each([['(12.5)'], [' TRUE'], ['#n/a'], [' 2024-01-05'], ['1/2'], ['12:30'], ['１２']])(
    'text Excel would parse (%p) stays text',
    async (text) => {
      // 得分 H4 holds the text. Recalculation writes 7.5 over a number in another spelling (１２) and
      // leaves any other text alone, as an input (SPEC §4); either way the cell ends as it was.
      const { book, original, cs } = await applyAndUndo([[3, 7, { v: text }]]);
      expect(cs.changes.some((c) => c.cell === 'H4')).toBe(parseScalar(text).kind === 'number');
      expect(cellAt(book.workbook.sheets[0], 3, 7)).toEqual({ v: text });
      expect(diffGrids(original, book.workbook)).toEqual([]);
    },
  );

  test('an error value in a text-formatted cell stays an error', async () => {
    const { book, original } = await applyAndUndo([[3, 7, { v: { error: '#DIV/0!' }, fmt: '@' }]]);
    expect(cellAt(book.workbook.sheets[0], 3, 7)).toEqual({ v: { error: '#DIV/0!' }, fmt: '@' });
    expect(diffGrids(original, book.workbook)).toEqual([]);
  });

  test('a blank cell keeps its number format, through Session.undo and Excel’s own undo', async () => {
    const cells: [number, number, Cell][] = [
      [3, 6, { v: null, fmt: '0.0%' }],
      [3, 7, { v: null, fmt: '0.00' }],
    ];
    const { book, original, cs } = await applyAndUndo(cells);
    expect(cs.changes.find((c) => c.cell === 'G4')?.after).toEqual({ v: 0.75, fmt: '0.0%' });
    expect(cs.changes.find((c) => c.cell === 'H4')?.after).toEqual({ v: 7.5, fmt: '0.00' });
    expect(diffGrids(original, book.workbook)).toEqual([]);

    const sheet = projectSheet();
    for (const [r, c, cell] of cells) setCell(sheet, r, c, cell);
    const excel = new EmulatedWorkbook({ sheets: [sheet] });
    const s = new Session(createEmulatedHost(excel, { apiVersion: '1.20' }));
    await s.apply(await s.preview());
    excel.undo();
    expect(diffGrids(original, excel.workbook)).toEqual([]);
  });

  test('the add-in reads a blank formatted cell with its format, not the blank cells of a merged area', async () => {
    const sheet = projectSheet();
    setCell(sheet, 3, 6, { v: null, fmt: '0.0%' });
    setCell(sheet, 20, 0, { v: 'x', fmt: '0.00' });
    setCell(sheet, 20, 1, { v: null, fmt: '0.00' });
    sheet.merges.push({ r0: 20, c0: 0, r1: 20, c1: 1 });
    const book = new EmulatedWorkbook({ sheets: [sheet] });
    const wb = await createEmulatedHost(book).readWorkbook();
    expect(cellAt(wb.sheets[0], 3, 6)).toEqual({ v: null, fmt: '0.0%' });
    expect(cellAt(wb.sheets[0], 20, 0)).toEqual({ v: 'x', fmt: '0.00' });
    expect(cellAt(wb.sheets[0], 20, 1)).toBeUndefined();
  });
});

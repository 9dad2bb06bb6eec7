// "Nothing lost", add-in path (node, no browser): over random workbooks in the Excel emulation, with
// random fills, fonts and alignment (book.formats), column widths, row heights and document settings,
// the task pane's recalculation (Session.preview → apply) changes exactly the change set's cells;
// Session.undo gives back the original workbook, fills, formats and sizes; at ExcelApi 1.20 Excel's own
// undo (book.undo(), Ctrl+Z) does too.
// Reproduce a failure with FC_SEED=<seed> (and FC_PATH=<path>) from fast-check's report.
import fc from 'fast-check';
import { changeSetOf, analyze } from '../../src/core/engine';
import { columnName } from '../../src/core/grid/address';
import type { Workbook } from '../../src/core/grid/types';
import type { Settings } from '../../src/core/settings';
import { createEmulatedHost } from '../../src/hosts/emulated/emulated-host';
import { EmulatedWorkbook, type CellFormat } from '../../src/hosts/emulated/excel-emulation';
import { SETTINGS_KEY } from '../../src/hosts/office/office-host';
import { Session } from '../../src/taskpane/session';
import { deepClone, gridWorkbook, settingsArb } from './grid-arbitraries';
import { diffGrids, trimmed } from './grid-compare';

const NUM_RUNS = Number(process.env.FC_RUNS ?? 150);
const fcParams = (): fc.Parameters<unknown> => ({
  numRuns: NUM_RUNS,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {}),
});

const colour = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).toUpperCase().padStart(6, '0')}`);

/** A format as the emulation stores it: only what differs from the defaults (Calibri 11, black, no wrap, Bottom, General). */
const cellFormat: fc.Arbitrary<CellFormat> = fc
  .record(
    {
      bold: fc.constant(true),
      size: fc.constantFrom(9, 12, 14, 16),
      fontName: fc.constantFrom('宋体', '仿宋_GB2312', 'Arial'),
      fontColor: colour.filter((c) => c !== '#000000'),
      wrap: fc.constant(true),
      verticalAlignment: fc.constantFrom('Top' as const, 'Center' as const, 'Justify' as const),
      horizontalAlignment: fc.constantFrom('Left' as const, 'Center' as const, 'Right' as const, 'Distributed' as const),
    },
    { requiredKeys: [] },
  )
  .filter((f) => Object.keys(f).length > 0);

interface Decor {
  /** Styles for the cells recalculation will write (the i-th written cell takes the i-th, cyclically). */
  written: { fill?: string; format?: CellFormat }[];
  /** Styles anywhere else. */
  cells: { sheet: number; row: number; col: number; fill?: string; format?: CellFormat }[];
  widths: { sheet: number; col: number; width: number }[];
  heights: { sheet: number; row: number; height: number }[];
  settings: Settings | null;
  others: [string, string][];
  apiVersion: '1.13' | '1.20';
}

const styleBits = fc.record({ fill: colour, format: cellFormat }, { requiredKeys: [] });

const decorArb: fc.Arbitrary<Decor> = fc.record({
  written: fc.array(styleBits, { maxLength: 5 }),
  cells: fc.array(
    fc.record({ sheet: fc.nat(3), row: fc.nat(25), col: fc.nat(11), fill: colour, format: cellFormat }, { requiredKeys: ['sheet', 'row', 'col'] }),
    { maxLength: 10 },
  ),
  widths: fc.array(fc.record({ sheet: fc.nat(3), col: fc.nat(11), width: fc.integer({ min: 0, max: 600 }).map((n) => n * 0.75) }), { maxLength: 4 }),
  heights: fc.array(fc.record({ sheet: fc.nat(3), row: fc.nat(25), height: fc.integer({ min: 0, max: 100 }).map((n) => n * 1.5) }), { maxLength: 4 }),
  settings: fc.option(settingsArb, { nil: null }),
  others: fc.array(fc.tuple(fc.constantFrom('other.addin.state', 'jixiao.reportSheet', 'theme'), fc.constantFrom('{"x":1}', '"自评报告"', '[1,2]', 'null')), {
    maxLength: 2,
  }),
  apiVersion: fc.constantFrom('1.13' as const, '1.20' as const),
});

/** The emulated workbook a case starts from: grid, side maps and document settings. */
function makeBook(grid: Workbook, d: Decor): EmulatedWorkbook {
  const book = new EmulatedWorkbook(deepClone(grid));
  const sheets = book.workbook.sheets;
  const key = (sheet: string, row: number, col: number) => `${sheet}!${columnName(col)}${row + 1}`;
  const style = (k: string, s: { fill?: string; format?: CellFormat }) => {
    if (s.fill) book.fills.set(k, s.fill);
    if (s.format) book.formats.set(k, { ...s.format });
  };
  for (const c of d.cells) style(key(sheets[c.sheet % sheets.length].name, c.row, c.col), c);
  if (d.written.length) {
    // The very cells a recalculation of this workbook writes.
    changeSetOf(grid, analyze(grid, d.settings ?? undefined)).changes.forEach((ch, i) => style(key(ch.sheet, ch.row, ch.col), d.written[i % d.written.length]));
  }
  for (const w of d.widths) book.columnWidths.set(`${sheets[w.sheet % sheets.length].name}!${columnName(w.col)}`, w.width);
  for (const h of d.heights) book.rowHeights.set(`${sheets[h.sheet % sheets.length].name}!${h.row + 1}`, h.height);
  for (const [k, v] of d.others) book.documentSettings.set(k, v);
  // As OfficeHost.saveSettings stores them: JSON text, kept by Office as a string setting.
  if (d.settings) book.documentSettings.set(SETTINGS_KEY, JSON.stringify(JSON.stringify(d.settings)));
  return book;
}

interface Snapshot {
  workbook: Workbook;
  fills: [string, string][];
  formats: [string, CellFormat][];
  columnWidths: [string, number][];
  rowHeights: [string, number][];
  documentSettings: [string, string][];
}

function snapshot(book: EmulatedWorkbook): Snapshot {
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].map(([k, v]) => [k, deepClone(v)] as [string, T]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    workbook: deepClone(book.workbook),
    fills: sorted(book.fills),
    formats: sorted(book.formats),
    columnWidths: sorted(book.columnWidths),
    rowHeights: sorted(book.rowHeights),
    documentSettings: sorted(book.documentSettings),
  };
}

/** Everything but the cells equal; the cells compared by diffGrids (written ones to their `after`). */
function expectSame(before: Snapshot, book: EmulatedWorkbook, written?: Parameters<typeof diffGrids>[2]): void {
  const now = snapshot(book);
  const { workbook: wa, ...restA } = before;
  const { workbook: wb, ...restB } = now;
  expect(diffGrids(wa, wb, written)).toEqual([]);
  expect(restB).toStrictEqual(restA);
  if (!written) expect(trimmed(wb)).toStrictEqual(trimmed(wa));
}

test('preview → apply changes exactly the change set; undo (and Excel’s own at 1.20) restores everything', async () => {
  const stats = { runs: 0, writing: 0, cells: 0, excelUndo: 0 };
  await fc.assert(
    fc.asyncProperty(gridWorkbook, decorArb, async (grid, decor) => {
      const book = makeBook(grid, decor);
      const original = snapshot(book);
      const session = new Session(createEmulatedHost(book, { apiVersion: decor.apiVersion }));
      expect(session.settingsProblem).toBeNull();
      if (decor.settings) expect(session.settings).toEqual(decor.settings);

      const cs = await session.preview();
      await session.apply(cs);
      expectSame(original, book, cs);
      expect(await session.undo()).toEqual({ restored: cs.changes.length, changedSince: [] });
      expectSame(original, book);

      if (decor.apiVersion === '1.20' && cs.changes.length) {
        // Excel's undo (Ctrl+Z) after the add-in's write: one step, everything back.
        const again = makeBook(grid, decor);
        const s2 = new Session(createEmulatedHost(again, { apiVersion: '1.20' }));
        await s2.apply(await s2.preview());
        expect(again.undoStack).toHaveLength(1);
        expect(again.undo()).toBe(true);
        expectSame(original, again);
        stats.excelUndo++;
      }
      stats.runs++;
      if (cs.changes.length) stats.writing++;
      stats.cells += cs.changes.length;
    }),
    fcParams(),
  );
  expect(stats.writing).toBeGreaterThanOrEqual(Math.ceil(stats.runs * 0.7));
  if (process.env.FC_RUNS) console.log(`lossless add-in: ${stats.runs} runs, ${stats.writing} wrote cells (${stats.cells} cells), ${stats.excelUndo} undone by Excel`);
}, 60_000);

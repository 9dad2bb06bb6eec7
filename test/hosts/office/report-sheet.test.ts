// The report sheet on a report past Excel's request limit (Excel on the web: 5 MB): written in chunks,
// each request under the limit, with progress per chunk; replacing the add-in's earlier sheet reads it
// back in blocks under the response limit; undo (and a failure part-way) takes the whole sheet away
// and brings the earlier one back; a workbook holding such a sheet is still read.
import { cloneWorkbook } from '../../../src/core/grid/sheet';
import type { Workbook } from '../../../src/core/grid/types';
import type { ReportLine } from '../../../src/core/report/lines';
import { createEmulatedHost } from '../../../src/hosts/emulated/emulated-host';
import { EmulatedWorkbook } from '../../../src/hosts/emulated/state';
import { halve, planChunks, REPORT_SHEET_KEY } from '../../../src/hosts/office/office-host';
import { GOOD_INDICATORS, projectSheet } from '../../core/template';

const LIMIT = 5 * 1024 * 1024;

function setup() {
  const wb: Workbook = { sheets: [projectSheet({ sheetName: '附件3', name: '人代会议', indicators: GOOD_INDICATORS })] };
  const book = new EmulatedWorkbook(cloneWorkbook(wb));
  return { book, host: createEmulatedHost(book) };
}

/** About 11 MB of report: titles, headings, table rows and long paragraphs, as a 1,000-table report. */
function bigReport(tag = ''): ReportLine[] {
  const lines: ReportLine[] = [];
  for (let r = 0; r < 1000; r++) {
    if (r > 0) lines.push({ text: '', style: 'body' });
    lines.push({ text: `${tag}项目${r}绩效自评报告`, style: 'title' });
    lines.push({ text: '一、基本情况', style: 'h1' });
    lines.push({ text: `本项目全年预算${r}万元。`.repeat(120), style: 'body' });
    for (let k = 0; k < 8; k++) lines.push({ text: `指标${k}　≥95%　98%　10　10`, style: 'table' });
    lines.push({ text: '（一）产出', style: 'h2' });
  }
  return lines;
}

const column = (book: EmulatedWorkbook, name: string) => book.sheet(name)?.rows.map((r) => String(r?.[0]?.v ?? ''));

test('planChunks: consecutive ranges within the budget, at least one item each', () => {
  expect(planChunks([], 100)).toEqual([]);
  expect(planChunks([10, 10, 10], 100_000)).toEqual([{ from: 0, to: 3 }]);
  const sizes = Array.from({ length: 10 }, () => 1_000_000);
  const chunks = planChunks(sizes, 3_500_000);
  expect(chunks.map((c) => c.to - c.from)).toEqual([3, 3, 3, 1]);
  expect(planChunks([9_000_000, 1], 3_500_000)).toEqual([{ from: 0, to: 1 }, { from: 1, to: 2 }]);
});

test('halve: a read in two by its blocks, else by a block\'s rows; a single row cannot be', () => {
  const b = (r0: number, r1: number) => ({ sheet: 0, r0, c0: 0, r1, c1: 3 });
  expect(halve([b(0, 9), b(10, 19), b(20, 29)])).toEqual([[b(0, 9), b(10, 19)], [b(20, 29)]]);
  expect(halve([b(0, 9)])).toEqual([[b(0, 4)], [b(5, 9)]]);
  expect(halve([b(3, 3)])).toBeNull();
});

test('a report past the limit is written in chunks, each under it, progress per chunk; headings keep their fonts', async () => {
  const { book, host } = setup();
  const lines = bigReport();
  const progress: [number, number][] = [];
  book.resetStats();
  const record = await host.writeReportSheet('自评报告', lines, (done, total) => progress.push([done, total]));
  expect(record).toEqual({ name: '自评报告', previous: null, undoable: false });
  const sent = book.stats.requests.reduce((n, r) => n + r.bytes, 0);
  expect(sent).toBeGreaterThan(LIMIT);
  expect(book.stats.maxRequestBytes).toBeLessThan(LIMIT);
  const n = progress[0][1];
  expect(n).toBeGreaterThanOrEqual(3);
  expect(progress).toEqual(Array.from({ length: n }, (_, i) => [i + 1, n]));
  expect(column(book, '自评报告')).toEqual(lines.map((l) => l.text));
  expect(book.cellFormat('自评报告', 'A1')).toEqual({ bold: true, size: 16, wrap: true, verticalAlignment: 'Top' });
  expect(book.cellFormat('自评报告', 'A2')).toEqual({ bold: true, size: 13, wrap: true, verticalAlignment: 'Top' });
  expect(book.cellFormat('自评报告', 'A3')).toEqual({ size: 12, wrap: true, verticalAlignment: 'Top' });
  // A table row: 11 pt, not bold, which is Excel's default font (the emulation lists what differs from it).
  expect(book.cellFormat('自评报告', 'A4')).toEqual({ wrap: true, verticalAlignment: 'Top' });
  expect(book.cellFormat('自评报告', `A${lines.length}`)).toEqual({ bold: true, size: 12, wrap: true, verticalAlignment: 'Top' });
  expect(book.activeSheet).toBe('自评报告');

  // Undo takes the whole sheet away.
  await host.removeReportSheet(record);
  expect(book.sheet('自评报告')).toBeUndefined();
});

test('replacing the earlier report sheet: read back in blocks under the response limit; undo brings it back whole', async () => {
  const { book, host } = setup();
  const first = bigReport('旧');
  await host.writeReportSheet('自评报告', first);
  book.sheet('自评报告')!.rows[2] = [{ v: '用户改写的段落' }];
  book.resetStats();
  const record = await host.writeReportSheet('自评报告', bigReport('新'));
  expect(Math.max(...book.stats.responseBytes)).toBeLessThan(LIMIT);
  expect(book.stats.maxRequestBytes).toBeLessThan(LIMIT);
  expect(record.name).toBe('自评报告');
  expect(record.previous).toHaveLength(first.length);
  expect(column(book, '自评报告')![0]).toBe('新项目0绩效自评报告');

  book.resetStats();
  await host.removeReportSheet(record);
  expect(book.stats.maxRequestBytes).toBeLessThan(LIMIT);
  const back = column(book, '自评报告')!;
  expect(back[0]).toBe('旧项目0绩效自评报告');
  expect(back[2]).toBe('用户改写的段落');
  expect(back).toHaveLength(first.length);
});

test('a user\'s own 自评报告 is left alone: the report goes to 自评报告2, and next time replaces that one', async () => {
  const { book, host } = setup();
  book.appendSheet('自评报告').rows[0] = [{ v: '我的笔记' }];
  const a = await host.writeReportSheet('自评报告', [{ text: '报告一', style: 'title' }]);
  expect(a.name).toBe('自评报告2');
  const b = await host.writeReportSheet('自评报告', [{ text: '报告二', style: 'title' }]);
  expect(b).toEqual({ name: '自评报告2', previous: [['报告一']], undoable: false });
  expect(column(book, '自评报告')).toEqual(['我的笔记']);
  expect(column(book, '自评报告2')).toEqual(['报告二']);
  expect(book.workbook.sheets.map((s) => s.name)).not.toContain('自评报告3');
});

test('a chunk that fails part-way takes the new sheet away and puts the earlier one back', async () => {
  const { book, host } = setup();
  const earlier = await host.writeReportSheet('自评报告', [{ text: '早先的报告', style: 'title' }]);
  await new Promise((r) => setTimeout(r, 0));
  expect(earlier.name).toBe('自评报告');
  // The write's second chunk is refused (a cell in edit mode, as Excel refuses it): requests 1–3 read
  // the sheet names and the earlier sheet, 4–5 delete it (outside the undo group), 6 is the first
  // chunk; from request 8 (the undoing) it is over.
  const original = book.stats.requests.push.bind(book.stats.requests);
  let seen = 0;
  book.stats.requests.push = (...items) => {
    seen++;
    book.cellEditMode = seen === 7;
    return original(...items);
  };
  await expect(host.writeReportSheet('自评报告', bigReport())).rejects.toThrow(/生成报告工作表失败：有单元格正处于编辑状态/);
  expect(seen).toBeGreaterThan(7);
  expect(column(book, '自评报告')).toEqual(['早先的报告']);
  expect(book.workbook.sheets.filter((s) => s.name.startsWith('自评报告'))).toHaveLength(1);
  await new Promise((r) => setTimeout(r, 0)); // settings are saved asynchronously
  expect(book.documentSettings.get(REPORT_SHEET_KEY)).toBe('"自评报告"');
});

test('a workbook holding a report sheet past 5 MB is still read (reads halved until each response fits)', async () => {
  const { book, host } = setup();
  const lines = bigReport();
  await host.writeReportSheet('自评报告', lines);
  book.resetStats();
  const wb = await host.readWorkbook();
  // (A refused response counts its size too: it is one that had to be halved.)
  expect(book.stats.responseBytes.some((b) => b > LIMIT)).toBe(true);
  expect(book.stats.syncs).toBeGreaterThan(3);
  expect(wb.sheets.find((s) => s.name === '自评报告')!.rows.map((r) => String(r?.[0]?.v ?? ''))).toEqual(lines.map((l) => l.text));
});

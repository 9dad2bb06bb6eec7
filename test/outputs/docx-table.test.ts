// Tables in the .docx (SPEC §6): columns sized to their content within the GB/T 9704 text width
// (156 mm), figures right-aligned, the header row repeated on each page. Read back from document.xml.
import { analyze } from '../../src/core/engine';
import { buildReports, type Report } from '../../src/core/report';
import { columnUnits, textUnits } from '../../src/core/report/table-layout';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { reportsToDocx, TEXT_WIDTH } from '../../src/outputs/docx';
import { projectSheet, workbook } from '../core/template';
import { documentXml, readWordXml, type WordTable } from './word-xml';

const LONG = '乡村振兴、扫黑除恶党建及创建等中心工作';

async function summaryTable(names: string[]): Promise<{ table: WordTable; report: Report }> {
  const sheets = names.map((name, i) => projectSheet({ sheetName: `S${i}`, name, executed: i === 0 ? 48 : 36, rate: { v: i === 0 ? 1 : 0.75, fmt: '0.00%' }, score: i === 0 ? 10 : 7.5, total: { score: i === 0 ? 98 : 95.5 } }));
  const reports = buildReports(analyze(workbook(...sheets)), DEFAULT_SETTINGS);
  const doc = readWordXml(await documentXml(await reportsToDocx(reports)));
  expect(doc.tables).toHaveLength(1);
  return { table: doc.tables[0], report: reports[0] };
}

test('column widths differ and follow the content, filling the 156 mm text width', async () => {
  const { table } = await summaryTable([LONG, '人代会议']);
  const g = table.grid;
  expect(TEXT_WIDTH).toBe(Math.round(156 * 56.7));
  expect(g).toHaveLength(7);
  expect(g.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
  expect(new Set(g).size).toBeGreaterThan(2);
  // 序号 narrow, 项目名称 (the longest text) widest.
  expect(Math.max(...g)).toBe(g[1]);
  expect(g[0]).toBe(Math.min(...g));
  // Every figure fits its column on one line: its width in half-ems of 小四 (120 twips) plus the margins.
  const cells = table.rows.slice(1).map((r) => r.cells.map((c) => c.text));
  for (const c of [2, 3, 4, 5]) expect(g[c]).toBeGreaterThanOrEqual(Math.max(...cells.map((r) => textUnits(r[c]))) * 120 + 216);
  expect(table.rows[0].cells.map((c) => c.text)).toEqual(['序号', '项目名称', '全年预算数（万元）', '全年执行数（万元）', '预算执行率', '自评得分', '自评等级']);
});

test('a longer name widens its column; short names leave the room to the others', async () => {
  const long = (await summaryTable([LONG, '人代会议'])).table.grid;
  const short = (await summaryTable(['会议', '培训'])).table.grid;
  expect(long[1]).toBeGreaterThan(short[1]);
  expect(short[1]).toBeLessThan(Math.max(...short.slice(2)) * 1.5);
});

test('figures are right-aligned, a grade centred, text left; the header row is centred and repeated on each page', async () => {
  const { table } = await summaryTable([LONG, '人代会议']);
  expect(table.rows.map((r) => r.header)).toEqual([true, false, false]);
  expect(table.rows[0].cells.map((c) => c.jc)).toEqual(Array(7).fill('center'));
  for (const r of table.rows.slice(1)) expect(r.cells.map((c) => c.jc)).toEqual(['right', 'left', 'right', 'right', 'right', 'right', 'center']);
  expect(table.rows[1].cells.map((c) => c.text)).toEqual(['1', LONG, '48.00', '48.00', '100.00%', '98', '优']);
});

test('columnUnits: figures keep their width when the names cannot fit; nothing is below two characters', () => {
  const header = ['序号', '名称', '金额'];
  const rows = [['1', '很长的名称'.repeat(10), '1,913,200.00']];
  const u = columnUnits(header, rows, 40);
  expect(u.reduce((a, b) => a + b, 0)).toBeCloseTo(40);
  expect(u[2]).toBeGreaterThanOrEqual(textUnits('1,913,200.00'));
  expect(u[0]).toBeGreaterThanOrEqual(4);
  expect(u[1]).toBeCloseTo(40 - u[0] - u[2]);
});

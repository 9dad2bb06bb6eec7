// Readable but extreme workbooks (docs/HOSTILE-INPUT.md): the last row and column in use, 32,767-character
// cells in every kind of field, thousands of merged areas. Read and checked within a stated time and
// memory, with no catastrophic regular-expression backtracking on long texts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { analyze } from '../../src/core/engine';
import type { Workbook } from '../../src/core/grid/types';
import { parseIndicator } from '../../src/core/parse/indicator';
import { labelledFigure, parseNumberText } from '../../src/core/parse/number';
import { compact, headerInfo, tidy } from '../../src/core/parse/text';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { loadXlsx } from '../../src/hosts/xlsx/read';
import { cli, DEMO, editDemo, listing, sheetPart, tempDir } from './helpers';

jest.setTimeout(30_000);

/** Bounds stated in docs/HOSTILE-INPUT.md. */
const MAX_MS = 5_000;
const MAX_RSS_MB = 500;
const MAX_CELL_MS = 50;
const LONG = 32_767;

const t = tempDir('large');
const IN = join(t.dir, 'in');
const OUT = join(t.dir, 'out');
const p = (name: string) => join(IN, name);
afterAll(() => t.cleanup());

async function demo(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(DEMO);
  return wb;
}

/** `s` repeated to exactly n characters. */
const fill = (s: string, n = LONG) => s.repeat(Math.ceil(n / s.length)).slice(0, n);

/** Texts built to make a backtracking regular expression go quadratic, each 32,767 characters. */
const NASTY = [
  fill('1'),
  fill('１'),
  '≥' + fill('9', LONG - 1),
  fill('9', LONG - 2) + '项目',
  fill('，'),
  fill('。', LONG - 1) + 'x',
  fill('；', LONG - 2) + '项目',
  fill('：', LONG - 1) + 'x',
  ':' + fill('1', LONG - 2) + 'x',
  '：' + fill('1', LONG - 3) + '元x',
  fill('(含'),
  fill('(1)'),
  fill('以上'),
  fill('2023年'),
  fill('1.'),
  fill('1,'),
  fill(' 1'),
  fill('\u3000'),
  fill('一十'),
  fill('万'),
  fill('大于'),
  fill('-'),
  '34.' + fill('0', LONG - 3),
];

let demoFindings: { code: string; sheet: string; cell: string }[];

beforeAll(async () => {
  mkdirSync(IN);
  mkdirSync(OUT);
  demoFindings = JSON.parse((await cli('check', DEMO, '--json')).out).findings;

  // The last row and the last column in use, beside the normal tables.
  const big = await demo();
  const ws = big.getWorksheet('附件3-人代会议')!;
  ws.getCell('A1048576').value = '末行';
  ws.getCell('XFD1').value = '末列';
  ws.getCell('XFD1048576').value = 1;
  await big.xlsx.writeFile(p('last-cell.xlsx'));

  // 32,767 characters in every kind of field of a project table: title, name, goals, numbers as
  // text, weights and scores as text, indicator targets and actuals, reasons.
  const long = await demo();
  const s = long.getWorksheet('附件3-人代会议')!;
  s.getCell('A1').value = '项目支出绩效自评表' + fill('：', LONG - 9);
  s.getCell('B2').value = '人代会议' + fill(' ', LONG - 4);
  s.getCell('B8').value = fill('召开会议，');
  s.getCell('F8').value = fill('会议于2023年2月顺利召开。');
  s.getCell('C4').value = fill('3'); // a number as text, too large for a double
  s.getCell('D4').value = '34.' + fill('0', LONG - 3); // reads as 34
  s.getCell('E4').value = fill('1,');
  s.getCell('G10').value = '10' + fill(' ', LONG - 2);
  s.getCell('H10').value = fill('9');
  let k = 0;
  for (let r = 10; r <= 16; r++) {
    for (const c of ['D', 'E', 'F', 'I']) s.getCell(`${c}${r}`).value = NASTY[k++ % NASTY.length];
  }
  // Header cells made long: trailing colons and spaces still match their field.
  const h = long.addWorksheet('长表头');
  const headers = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  headers.forEach((label, i) => {
    h.getCell(1, i + 1).value = label + fill('：', LONG - label.length);
    h.getCell(2, i + 1).value = NASTY[i];
  });
  await long.xlsx.writeFile(p('long-cells.xlsx'));

  // 30,000 merged areas on one sheet: ExcelJS alone checks each against all before it (~2 min).
  writeFileSync(
    p('many-merges.xlsx'),
    await editDemo(async (zip) => {
      const part = await sheetPart(zip, '执行情况');
      const xml = await zip.file(part)!.async('string');
      const extra = Array.from({ length: 30_000 }, (_, i) => `<mergeCell ref="A${101 + i}:B${101 + i}"/>`).join('');
      zip.file(part, xml.replace(/<mergeCells count="(\d+)">/, (_m, n) => `<mergeCells count="${Number(n) + 30_000}">`).replace('</mergeCells>', `${extra}</mergeCells>`));
    }),
  );
});

describe('cells at A1048576 and XFD1 beside the tables', () => {
  test('check: the tables are read and checked as without them, within the bounds', async () => {
    const r = await cli('check', p('last-cell.xlsx'), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.tables).toHaveLength(4);
    expect(j.findings.map((f: { code: string; cell: string }) => `${f.code}@${f.cell}`)).toEqual(demoFindings.map((f) => `${f.code}@${f.cell}`));
    expect(r.ms).toBeLessThan(MAX_MS);
    expect(r.peakMb).toBeLessThan(MAX_RSS_MB);
  });

  test('recalc writes the same changes and keeps the far cells', async () => {
    const out = join(OUT, 'last-cell.xlsx');
    const r = await cli('recalc', p('last-cell.xlsx'), '-o', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).changes.map((c: { cell: string }) => c.cell)).toEqual(['H3', 'G4', 'H11', 'H14', 'H17']);
    expect(r.ms).toBeLessThan(MAX_MS);
    expect(r.peakMb).toBeLessThan(MAX_RSS_MB);
    const back = (await loadXlsx(out)).workbook.sheets.find((s) => s.name === '附件3-人代会议')!;
    expect(back.rows[1_048_575][0]?.v).toBe('末行');
    expect(back.rows[0][16_383]?.v).toBe('末列');
    expect(back.rows[10][7]?.v).toBe(9.78);
    expect(listing(OUT)).toEqual(['last-cell.xlsx']);
  });

  test('report', async () => {
    const r = await cli('report', p('last-cell.xlsx'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/人代会议/);
    expect(r.ms).toBeLessThan(MAX_MS);
    expect(r.peakMb).toBeLessThan(MAX_RSS_MB);
  });
});

describe('32,767-character cells', () => {
  test('each parser stays linear: well under 50 ms a cell', () => {
    const fns: [string, (s: string) => unknown][] = [
      ['parseIndicator', (s) => parseIndicator(s)],
      ['parseIndicator (cost)', (s) => parseIndicator(s, { isCost: true })],
      ['parseNumberText', parseNumberText],
      ['labelledFigure', labelledFigure],
      ['headerInfo', headerInfo],
      ['compact', compact],
      ['tidy', tidy],
    ];
    for (const s of NASTY) parseIndicator(s.slice(0, 100) + 'w'); // compile the expressions first
    const slow: string[] = [];
    let nonce = 0;
    for (const [name, fn] of fns) {
      for (const text of NASTY) {
        // The best of three runs, each on a fresh text (the parsers remember results by text): a
        // quadratic parser takes seconds every time, while a busy machine only slows one run now and then.
        let ms = Infinity;
        let s = '';
        for (let run = 0; run < 3 && ms > MAX_CELL_MS; run++) {
          s = text.slice(0, LONG - 2) + String(nonce++ % 100).padStart(2, '0');
          const t0 = performance.now();
          fn(s);
          ms = Math.min(ms, performance.now() - t0);
        }
        if (ms > MAX_CELL_MS) slow.push(`${name}(${JSON.stringify(s.slice(0, 8))}…) ${ms.toFixed(0)} ms`);
      }
    }
    expect(slow).toEqual([]);
  });

  test('a sheet of long cells analyses quickly (header matching and detection)', () => {
    const rows = Array.from({ length: 20 }, (_, r) => Array.from({ length: 10 }, (_, c) => ({ v: NASTY[(r * 10 + c) % NASTY.length] + String(r * 10 + c) })));
    const wb: Workbook = { sheets: [{ name: '长文本', rows, merges: [] }] };
    const t0 = performance.now();
    const a = analyze(wb, DEFAULT_SETTINGS);
    expect(performance.now() - t0).toBeLessThan(200 * MAX_CELL_MS);
    expect(a.findings.map((f) => f.code)).toEqual(['TABLE_NOT_RECOGNIZED']);
  });

  test('check, recalc and report of a workbook with long cells everywhere', async () => {
    const c = await cli('check', p('long-cells.xlsx'), '--json');
    expect(c.err).toBe('');
    expect([0, 1]).toContain(c.code);
    const j = JSON.parse(c.out);
    expect(j.tables.length).toBeGreaterThanOrEqual(4);
    expect(j.findings.length).toBeGreaterThan(0);
    expect(c.ms).toBeLessThan(MAX_MS);
    const out = join(OUT, 'long-cells.xlsx');
    const r = await cli('recalc', p('long-cells.xlsx'), '-o', out);
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(MAX_MS);
    const rep = await cli('report', p('long-cells.xlsx'), '--md', join(OUT, 'long-cells.md'));
    expect(rep.code).toBe(0);
    expect(rep.ms).toBeLessThan(MAX_MS);
    expect(listing(OUT)).toEqual(expect.arrayContaining(['long-cells.md', 'long-cells.xlsx']));
  });
});

test('30,000 merged areas on one sheet are read in seconds, not minutes', async () => {
  const r = await cli('check', p('many-merges.xlsx'), '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(1);
  expect(JSON.parse(r.out).tables).toHaveLength(4);
  expect(r.ms).toBeLessThan(MAX_MS);
  expect(r.peakMb).toBeLessThan(MAX_RSS_MB);
  const sheet = (await loadXlsx(p('many-merges.xlsx'))).workbook.sheets.find((s) => s.name === '执行情况')!;
  expect(sheet.merges).toHaveLength(30_001);
});

// SPEC §5, last paragraph: a workbook in which no table is recognised is not "free of errors". check,
// recalc and report say what its sheets seemed to hold on stderr, exit 2 and write nothing; a folder
// reports such a file as 未识别到自评表, counts it apart and writes nothing for it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { cli } from './helpers';

const ROOT = join(__dirname, '../..');
const DEMO = join(ROOT, 'samples/示例-项目支出自评.xlsx');
const BUILT = join(ROOT, 'dist/cli/main.js');
let dir: string;
const p = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-none-'));
  const list = new ExcelJS.Workbook();
  const ws = list.addWorksheet('Sheet1');
  ws.addRow(['2023年各单位经费明细']);
  ws.addRow(['序号', '单位', '金额', '备注', '经办人']);
  for (let i = 1; i <= 10; i++) ws.addRow([i, `单位${i}`, 1000 + i, '', '张三']);
  list.addWorksheet('Sheet2');
  await list.xlsx.writeFile(p('明细.xlsx'));
  const empty = new ExcelJS.Workbook();
  empty.addWorksheet('Sheet1');
  empty.addWorksheet('Sheet2');
  await empty.xlsx.writeFile(p('空白.xlsx'));
  writeFileSync(p('报告.txt'), '本项目全年预算数 10 万元。');
  mkdirSync(p('out'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LIST_LINES = ['  · 工作表「Sheet1」：12 行 × 5 列，第 2 行为「序号、单位、金额、备注、经办人」', '  · 工作表「Sheet2」：空'];

describe.each([
  ['check', ['check', '明细.xlsx'], []],
  ['check --json', ['check', '明细.xlsx', '--json'], []],
  ['recalc -o', ['recalc', '明细.xlsx', '-o', 'out/重算.xlsx'], ['out/重算.xlsx']],
  ['recalc -o --json', ['recalc', '明细.xlsx', '-o', 'out/重算.xlsx', '--json'], ['out/重算.xlsx']],
  ['report (Markdown on stdout)', ['report', '明细.xlsx'], []],
  ['report --docx --md', ['report', '明细.xlsx', '--docx', 'out/报告.docx', '--md', 'out/报告.md'], ['out/报告.docx', 'out/报告.md']],
  ['report --check-narrative', ['report', '明细.xlsx', '--check-narrative', '报告.txt', '--json'], []],
])('%s on a workbook with no table', (_name, args, outputs) => {
  test('exit 2, nothing on stdout, the explanation on stderr, no output file', async () => {
    const r = await cli(...args.map((a) => (a.endsWith('.xlsx') || a.endsWith('.txt') || a.startsWith('out/') ? p(a) : a)));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^未识别到自评表：工作簿中没有识别到.*自评表.*不表示表格没有问题/);
    expect(lines.slice(1, 3)).toEqual(LIST_LINES);
    expect(lines[3]).toMatch(/^本工具按表头文字识别表格.*年初预算数.*一级指标.*编制数/);
    expect(lines).toHaveLength(4);
    for (const f of outputs) expect(existsSync(p(f))).toBe(false);
    expect(readdirSync(p('out'))).toEqual([]);
  });
});

test('an empty workbook: every sheet is said empty', async () => {
  const r = await cli('check', p('空白.xlsx'));
  expect(r.code).toBe(2);
  expect(r.err.split('\n').slice(0, 3)).toEqual(['未识别到自评表：工作簿的 2 张工作表都是空的，没有可检查的内容。', '  · 工作表「Sheet1」：空', '  · 工作表「Sheet2」：空']);
});

test('a workbook with a table still checks and recalculates (exit 1 / 0, the file written)', async () => {
  expect((await cli('check', DEMO)).code).toBe(1);
  const out = p('out/demo.xlsx');
  expect((await cli('recalc', DEMO, '-o', out)).code).toBe(0);
  expect(existsSync(out)).toBe(true);
  rmSync(out);
});

describe('a folder', () => {
  let folder: string;
  beforeAll(() => {
    folder = p('folder');
    mkdirSync(folder);
    copyFileSync(p('明细.xlsx'), join(folder, '明细.xlsx'));
    copyFileSync(p('空白.xlsx'), join(folder, '空白.xlsx'));
    copyFileSync(DEMO, join(folder, '单位.xlsx'));
    writeFileSync(join(folder, '损坏.xlsx'), 'PK\x03\x04 not really');
  });

  // Through the built CLI with 1 and 2 workers (a worker thread sends the result back as a message).
  const built = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BUILT, ...args], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  test.each([1, 2])('check with %i worker(s): 未识别到自评表 per file with the reason, counted apart, exit 1', (workers) => {
    const r = built('check', folder, '--workers', String(workers));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/明细\.xlsx\s+0\s+0\s+0\s+0\s+未识别到自评表\n/);
    expect(r.out).toMatch(/空白\.xlsx\s+0\s+0\s+0\s+0\s+未识别到自评表\n/);
    expect(r.out).toMatch(/单位\.xlsx\s+4\s+6\s+1\s+0\s+有错误\n/);
    expect(r.out).toMatch(/损坏\.xlsx.*无法处理：/);
    expect(r.out).toContain('共 4 个文件：0 个通过，1 个有错误，2 个未识别到自评表，1 个无法处理。\n');
    expect(r.out).toContain('未识别到自评表：明细.xlsx：工作表「Sheet1」：12 行 × 5 列，第 2 行为「序号、单位、金额、备注、经办人」；工作表「Sheet2」：空。\n');
    expect(r.out).toContain('未识别到自评表：空白.xlsx：工作表「Sheet1」：空；工作表「Sheet2」：空。\n');
    expect(r.out).toMatch(/\n本工具按表头文字识别表格/);
  });

  test('check --json: ok false, the reason, the sheets', () => {
    const r = built('check', folder, '--json');
    expect(r.code).toBe(1);
    const files = JSON.parse(r.out).files as { file: string }[];
    expect(files.find((f) => f.file === '明细.xlsx')).toEqual({
      file: '明细.xlsx',
      ok: false,
      error: '未识别到自评表：工作表「Sheet1」：12 行 × 5 列，第 2 行为「序号、单位、金额、备注、经办人」；工作表「Sheet2」：空',
      tables: 0,
      errors: 0,
      warnings: 0,
      infos: 0,
      findings: [],
      unrecognised: {
        reason: '工作表「Sheet1」：12 行 × 5 列，第 2 行为「序号、单位、金额、备注、经办人」；工作表「Sheet2」：空',
        sheets: [
          { name: 'Sheet1', rows: 12, cols: 5, sample: '序号、单位、金额、备注、经办人' },
          { name: 'Sheet2', rows: 0, cols: 0, sample: '' },
        ],
      },
    });
  });

  test('recalc -o: no output for a file with nothing recognised; the others written', () => {
    const out = p('folder-out');
    const r = built('recalc', folder, '-o', out, '--workers', '2');
    expect(r.code).toBe(1);
    expect(readdirSync(out)).toEqual(['单位.xlsx']);
    expect(r.out).toMatch(/明细\.xlsx\s+0\s+0\s+0\s+0\s+0\s+未识别到自评表\n/);
    expect(r.out).toContain('共 4 个文件：1 个通过，0 个有错误，2 个未识别到自评表，1 个无法处理。\n');
  });

  test('no file with nothing recognised: the summary line is as before', () => {
    const only = p('only');
    mkdirSync(only);
    copyFileSync(DEMO, join(only, '单位.xlsx'));
    expect(built('check', only).out).toContain('共 1 个文件：0 个通过，1 个有错误，0 个无法处理。\n');
  });
});

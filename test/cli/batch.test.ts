// jixiao check DIR / recalc DIR -o OUTDIR over a folder, with worker threads (the built CLI, as users run it).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli/main.js');
const DEMO = join(ROOT, 'samples/示例-项目支出自评.xlsx');
let dir: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/batch-worker.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });
  dir = mkdtempSync(join(tmpdir(), 'jixiao-batch-'));
  mkdirSync(join(dir, 'in'));
  for (let i = 1; i <= 5; i++) copyFileSync(DEMO, join(dir, 'in', `单位${i}.xlsx`));
  writeFileSync(join(dir, 'in', '损坏.xlsx'), 'PK\x03\x04 not really');
  writeFileSync(join(dir, 'in', '说明.txt'), '不是工作簿，不在批量范围内');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test.each([1, 2])('check DIR with %i worker(s): every file, one unreadable file reported, a summary table', (workers) => {
  const r = cli('check', join(dir, 'in'), '--workers', String(workers));
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/^文件\s+表格\s+错误\s+警告\s+提示\s+状态/);
  for (let i = 1; i <= 5; i++) expect(r.out).toMatch(new RegExp(`单位${i}\\.xlsx\\s+4\\s+6\\s+1\\s+0\\s+有错误`));
  expect(r.out).toMatch(/损坏\.xlsx.*无法处理：文件已损坏/);
  expect(r.out).not.toMatch(/说明\.txt/);
  expect(r.out).toMatch(/共 6 个文件：0 个通过，5 个有错误，1 个无法处理。/);
});

test('check DIR --json gives each file with its findings', () => {
  const r = cli('check', join(dir, 'in'), '--json');
  const j = JSON.parse(r.out);
  expect(j.files).toHaveLength(6);
  const one = j.files.find((f: { file: string }) => f.file === '单位1.xlsx');
  expect(one).toMatchObject({ ok: true, tables: 4, errors: 6, warnings: 1 });
  expect(one.findings[0]).toHaveProperty('code');
  expect(j.files.find((f: { file: string }) => f.file === '损坏.xlsx')).toMatchObject({ ok: false, error: expect.stringMatching(/损坏/) });
});

test('recalc DIR -o OUTDIR writes each workbook and never into the input folder', () => {
  const out = join(dir, 'out');
  const r = cli('recalc', join(dir, 'in'), '-o', out);
  expect(r.code).toBe(1);
  expect(readdirSync(out).sort()).toEqual(['单位1.xlsx', '单位2.xlsx', '单位3.xlsx', '单位4.xlsx', '单位5.xlsx']);
  // Recalculation fixes every error of the demo workbook (the summary row takes its project's total).
  expect(r.out).toMatch(/单位1\.xlsx\s+4\s+0\s+1\s+0\s+5\s+通过/);
  const again = cli('check', out);
  expect(again.out).toMatch(/共 5 个文件：5 个通过，0 个有错误，0 个无法处理。/);
  expect(cli('recalc', join(dir, 'in'), '-o', join(dir, 'in')).err).toMatch(/输出文件夹不能与输入文件夹相同/);
});

test('a folder without workbooks, or no folder: exit 2', () => {
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  expect(cli('check', empty)).toMatchObject({ code: 2, err: expect.stringMatching(/没有 \.xlsx 工作簿/) });
  expect(cli('check', join(dir, 'in'), '--workers', '0')).toMatchObject({ code: 2, err: expect.stringMatching(/--workers/) });
});

test('a file the package editor cannot follow is not processed (never rewritten whole); the others are written', async () => {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(readFileSync(DEMO));
  // Rows stored out of order in every sheet: read as usual, not edited in place.
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))) {
    const xml = await zip.file(name)!.async('string');
    const rows = [...xml.matchAll(/<row [^>]*>.*?<\/row>/gs)].map((m) => m[0]);
    if (rows.length >= 2) zip.file(name, xml.replace(rows[0] + rows[1], rows[1] + rows[0]));
  }
  const odd = join(dir, 'odd');
  mkdirSync(odd);
  writeFileSync(join(odd, '单位.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
  copyFileSync(DEMO, join(odd, '正常.xlsx'));
  const r = cli('recalc', odd, '-o', join(dir, 'odd-out'), '--workers', '2');
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/单位\.xlsx\s+0\s+0\s+0\s+0\s+0\s+无法处理：无法原样修改此文件（工作表「.+」中的行没有按行号顺序存放）.*未写入任何文件/);
  expect(r.out).toMatch(/正常\.xlsx\s+4\s+0\s+1\s+0\s+5\s+通过/);
  expect(r.out).not.toContain('已整体重新生成');
  expect(readdirSync(join(dir, 'odd-out'))).toEqual(['正常.xlsx']);
});

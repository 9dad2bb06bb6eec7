// The CLI makes no network request: every command runs with all network entry points refused.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli/main.js');
const DEMO = join(ROOT, 'samples/示例-项目支出自评.xlsx');
let dir: string;
beforeAll(() => {
  if (!existsSync(CLI)) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });
  dir = mkdtempSync(join(tmpdir(), 'jixiao-offline-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each([
  ['check', ['check', DEMO, '--json'], 1],
  ['recalc', ['recalc', DEMO, '-o', 'OUT/r.xlsx', '--json'], 0],
  ['report', ['report', DEMO, '--docx', 'OUT/r.docx', '--md', 'OUT/r.md'], 0],
  ['batch', ['check', join(ROOT, 'samples'), '--workers', '2'], 1],
])('%s runs with the network refused', (_n, args, code) => {
  const r = spawnSync(process.execPath, ['--require', join(__dirname, 'no-network-guard.cjs'), CLI, ...args.map((a) => a.replace('OUT', dir))], { encoding: 'utf8' });
  expect(r.stderr).not.toMatch(/NETWORK ATTEMPT/);
  expect(r.status).toBe(code);
});

test('the guard does catch a network attempt', () => {
  const r = spawnSync(process.execPath, ['--require', join(__dirname, 'no-network-guard.cjs'), '-e', "require('node:http').get('http://127.0.0.1:9/')"], { encoding: 'utf8' });
  expect(r.stderr).toMatch(/NETWORK ATTEMPT: http.request/);
});

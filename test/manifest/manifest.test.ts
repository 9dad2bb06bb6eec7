// manifest.xml: valid against Microsoft's schemas (offline), ReadWriteDocument only, zh-CN with an
// en-US override, ExcelApi 1.13, and every icon it names exists at its size.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const MANIFEST = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const VALIDATE = join(ROOT, '../shared/schemas/office-addin-manifest/validate.sh');

(existsSync(VALIDATE) ? test : test.skip)('validates offline against the Office add-in manifest schemas', () => {
  const r = spawnSync('bash', [VALIDATE, join(ROOT, 'manifest.xml')], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toMatch(/validates/);
  expect(r.status).toBe(0);
});

test('asks for ReadWriteDocument only', () => {
  expect([...MANIFEST.matchAll(/<Permissions>([^<]*)<\/Permissions>/g)].map((m) => m[1])).toEqual(['ReadWriteDocument']);
});

test('zh-CN by default, with en-US overrides for the name and description', () => {
  expect(MANIFEST).toMatch(/<DefaultLocale>zh-CN<\/DefaultLocale>/);
  expect(MANIFEST).toMatch(/<DisplayName DefaultValue="绩效自评助手">\s*<Override Locale="en-US" Value="[^"]+"\/>/);
  expect(MANIFEST).toMatch(/<Description DefaultValue="[^"]+">\s*<Override Locale="en-US" Value="[^"]+"\/>/);
});

test('an Excel task pane needing ExcelApi 1.13, with a button on the Home tab', () => {
  expect(MANIFEST).toMatch(/xsi:type="TaskPaneApp"/);
  expect(MANIFEST).toMatch(/<Host Name="Workbook"\/>/);
  expect(MANIFEST).toMatch(/<Set Name="ExcelApi" MinVersion="1\.13"\/>/);
  expect(MANIFEST).toMatch(/<OfficeTab id="TabHome">/);
  expect(MANIFEST).toMatch(/<Action xsi:type="ShowTaskpane">/);
});

function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  expect(b.subarray(1, 4).toString()).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

test('every icon it names exists in assets/ at its size', () => {
  const icons = [...MANIFEST.matchAll(/https:\/\/localhost:3000\/assets\/icon-(\d+)\.png/g)];
  expect(icons.length).toBeGreaterThanOrEqual(5);
  for (const [, size] of icons) expect(pngSize(join(ROOT, `assets/icon-${size}.png`))).toEqual({ width: Number(size), height: Number(size) });
  for (const size of [16, 32, 64, 80, 128]) expect(pngSize(join(ROOT, `assets/icon-${size}.png`)).width).toBe(size);
});

test('every address starts with the development URL the production build replaces, and each page exists', () => {
  const urls = [...MANIFEST.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(5);
  for (const u of urls) expect(u.startsWith('https://localhost:3000/')).toBe(true);
  const pages = new Set(urls.filter((u) => u.endsWith('.html')).map((u) => u.replace('https://localhost:3000/', '')));
  const sources: Record<string, string> = { 'taskpane.html': 'src/taskpane/taskpane.html', 'commands.html': 'src/taskpane/commands.html', 'help.html': 'src/taskpane/help.html' };
  for (const p of pages) expect(existsSync(join(ROOT, sources[p] ?? `missing:${p}`))).toBe(true);
});

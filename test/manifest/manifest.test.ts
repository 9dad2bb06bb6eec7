// The add-in manifest: valid against Microsoft's schemas (offline, when ../shared has them), and the facts the
// add-in depends on: permissions, locales, the ExcelApi requirement, icons that exist at their stated sizes,
// and every address under the dev prefix the production build rewrites.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const MANIFEST = join(ROOT, 'manifest.xml');
const VALIDATE = join(ROOT, '../shared/schemas/office-addin-manifest/validate.sh');
const PREFIX = 'https://localhost:3000/';

const xml = readFileSync(MANIFEST, 'utf8').replace(/<!--[\s\S]*?-->/g, '');

/** Attributes of every element named `tag` (namespace prefix included, e.g. "bt:Image"). */
function elements(tag: string): Record<string, string>[] {
  const re = new RegExp(`<${tag}(\\s[^>]*?)?\\s*/?>`, 'g');
  return [...xml.matchAll(re)].map((m) => Object.fromEntries([...(m[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
}

/** The inner text or markup of every element named `tag`. */
function contents(tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(buf.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Checks that `url` names assets/icon-N.png, that the file exists and is N×N; returns N. */
function expectIcon(url: string, size?: number): number {
  expect(url.startsWith(PREFIX)).toBe(true);
  const m = /^assets\/icon-(\d+)\.png$/.exec(url.slice(PREFIX.length));
  if (!m) throw new Error(`not an assets/icon-N.png address: ${url}`);
  const n = Number(m[1]);
  if (size !== undefined) expect(n).toBe(size);
  const file = join(ROOT, 'assets', `icon-${n}.png`);
  expect(existsSync(file)).toBe(true);
  expect(pngSize(file)).toEqual({ width: n, height: n });
  return n;
}

if (existsSync(VALIDATE)) {
  test('validate.sh (Microsoft schemas, offline) accepts manifest.xml', () => {
    const r = spawnSync('bash', [VALIDATE, MANIFEST], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`validate.sh exited ${r.status}:\n${r.stdout}${r.stderr}`);
    expect(r.status).toBe(0);
  });
} else {
  test.skip('validate.sh: ../shared/schemas/office-addin-manifest not found beside the project; schema check skipped', () => undefined);
}

test('an Excel task-pane add-in that reads and writes the document, nothing more', () => {
  expect(elements('OfficeApp')[0]['xsi:type']).toBe('TaskPaneApp');
  expect(contents('Id')[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  expect(elements('Host').filter((h) => h.Name).map((h) => h.Name)).toEqual(['Workbook']);
  expect(contents('Permissions').map((p) => p.trim())).toEqual(['ReadWriteDocument']);
});

test('zh-CN by default, with en-US overrides for the display name and description', () => {
  expect(contents('DefaultLocale').map((s) => s.trim())).toEqual(['zh-CN']);
  expect(elements('DisplayName')[0].DefaultValue).toBe('绩效自评助手');
  for (const tag of ['DisplayName', 'Description']) {
    const body = contents(tag).find((c) => c.includes('<Override'));
    expect(body).toBeDefined();
    expect(body).toMatch(/<Override\s+Locale="en-US"\s+Value="[^"]+"\s*\/>/);
  }
  // Every ribbon string has an English override too.
  const strings = contents('bt:String');
  expect(strings.length).toBe(elements('bt:String').length);
  for (const body of strings) expect(body).toMatch(/<bt:Override\s+Locale="en-US"\s+Value="[^"]+"\s*\/>/);
});

test('requires ExcelApi 1.13 (Range.getMergedAreasOrNullObject)', () => {
  expect(elements('Set').filter((s) => s.Name === 'ExcelApi').map((s) => s.MinVersion)).toEqual(['1.13']);
});

test('every icon is an assets/icon-N.png that exists at N×N pixels', () => {
  expectIcon(elements('IconUrl')[0].DefaultValue, 32);
  expectIcon(elements('HighResolutionIconUrl')[0].DefaultValue, 64);
  const images = new Map(elements('bt:Image').filter((i) => i.id).map((i) => [i.id, i.DefaultValue]));
  expect(images.size).toBeGreaterThanOrEqual(4);
  for (const [id, url] of images) {
    const n = expectIcon(url);
    expect(id).toBe(`Icon.${n}x${n}`);
  }
  // The ribbon's icon references name a resource of the size they ask for.
  const refs = elements('bt:Image').filter((i) => i.resid);
  expect(refs.length).toBeGreaterThan(0);
  for (const ref of refs) {
    const url = images.get(ref.resid);
    if (!url) throw new Error(`unknown image resource ${ref.resid}`);
    expectIcon(url, Number(ref.size));
  }
  expect(existsSync(join(ROOT, 'assets/icon-128.png'))).toBe(true);
  expect(pngSize(join(ROOT, 'assets/icon-128.png'))).toEqual({ width: 128, height: 128 });
});

test('every address starts with https://localhost:3000/ (the build replaces that prefix)', () => {
  const urls = [...xml.matchAll(/\s(?:DefaultValue|Value)="([a-z][a-z0-9+.-]*:[^"]*)"/gi)].map((m) => m[1]);
  urls.push(...contents('AppDomain').map((s) => s.trim()));
  expect(urls.length).toBeGreaterThanOrEqual(10);
  for (const url of urls) expect(url.startsWith(PREFIX) ? url : `${url} (outside ${PREFIX})`).toBe(url);
  // The addresses the host loads are among them.
  expect(elements('SourceLocation').find((s) => s.DefaultValue)?.DefaultValue).toBe(`${PREFIX}taskpane.html`);
  const urlResources = new Map(elements('bt:Url').map((u) => [u.id, u.DefaultValue]));
  const functionFile = elements('FunctionFile')[0].resid;
  expect(urlResources.get(functionFile)).toBe(`${PREFIX}commands.html`);
  expect(existsSync(join(ROOT, 'src/taskpane/commands.html'))).toBe(true);
});

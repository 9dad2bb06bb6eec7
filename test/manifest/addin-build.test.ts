// The add-in as deployed (npm run build:addin): the task pane alone, office.js from Microsoft's CDN,
// and none of the workbench's code, in particular not ExcelJS's browser build with its old crypto
// libraries (docs/DEPENDENCY-AUDIT.md). Built here into a temporary folder with webpack's API.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpack from 'webpack';

const ROOT = join(__dirname, '../..');
const makeConfig = require(join(ROOT, 'webpack.config.js')) as (env: object, argv: object) => Promise<webpack.Configuration>;

const out = mkdtempSync(join(tmpdir(), 'jixiao-addin-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('the production add-in build has the task pane and nothing of the workbench', async () => {
  const saved = process.env.ADDIN_URL;
  process.env.ADDIN_URL = 'https://example.com/jixiao'; // required (test/manifest/dev-build.test.ts)
  const config = await makeConfig({}, { mode: 'production' }).finally(() => {
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
  });
  config.output = { ...config.output, path: out };
  const stats = await new Promise<webpack.Stats>((ok, fail) => webpack(config, (e, s) => (e || !s ? fail(e) : ok(s))));
  expect(stats.hasErrors()).toBe(false);
  const files = readdirSync(out);
  expect(files).toContain('taskpane.html');
  expect(files).not.toContain('index.html');
  expect(files.filter((f) => f.startsWith('workbench'))).toEqual([]);
  expect(files).not.toContain('samples');
  const scripts = files.filter((f) => f.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  for (const f of scripts) {
    const js = readFileSync(join(out, f), 'utf8');
    expect({ f, elliptic: js.includes('name:"elliptic"'), exceljs: /exceljs/i.test(js) }).toEqual({ f, elliptic: false, exceljs: false });
  }
  expect(readFileSync(join(out, 'taskpane.html'), 'utf8')).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
  expect(readFileSync(join(out, 'taskpane.html'), 'utf8')).toContain('frame-src https://appsforoffice.microsoft.com');
  expect(files).not.toContain('office'); // npm's office.js is not shipped
  const manifest = readFileSync(join(out, 'manifest.xml'), 'utf8');
  expect(manifest).toContain('https://example.com/jixiao/');
  expect(manifest).not.toContain('localhost');
}, 180_000);

test('the local build (npm start, the browser tests) keeps the workbench', async () => {
  const config = await makeConfig({ localOffice: true }, { mode: 'production' });
  expect(Object.keys(config.entry as object)).toEqual(['taskpane', 'workbench']);
});

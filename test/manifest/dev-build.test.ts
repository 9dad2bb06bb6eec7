// The webpack config's choices, read without building: where the task pane's office.js comes from
// in each build, the task pane's Content-Security-Policy, and the production build's ADDIN_URL.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type webpack from 'webpack';

const ROOT = join(__dirname, '../..');
const makeConfig = require(join(ROOT, 'webpack.config.js')) as (env: object, argv: object) => Promise<webpack.Configuration>;
const CDN_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

type Placeholders = { '%OFFICE_JS%': string; '%CSP%': string };
/** What taskpane.html's %OFFICE_JS% and %CSP% become in this configuration. */
function placeholders(config: webpack.Configuration): Placeholders {
  const plugin = config.plugins?.find((p) => p && 'placeholders' in p) as unknown as { placeholders: Placeholders } | undefined;
  if (!plugin) throw new Error('no Placeholders plugin');
  return plugin.placeholders;
}
/** Where the copy plugin puts files (its `to`s). */
function copiedTo(config: webpack.Configuration): string[] {
  const copy = config.plugins?.find((p) => p?.constructor?.name === 'CopyPlugin') as unknown as { patterns: { to?: string }[] };
  return copy.patterns.map((p) => String(p.to));
}

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.ADDIN_URL;
  delete process.env.ADDIN_URL;
});
afterEach(() => {
  if (saved === undefined) delete process.env.ADDIN_URL;
  else process.env.ADDIN_URL = saved;
});

test('the development build (npm run dev-server) loads office.js from the CDN, not npm\'s copy', async () => {
  // npm's office.js 1.1.110 lacks mergeUndoGroup and is not supported for hosting
  // (https://www.npmjs.com/package/@microsoft/office-js).
  const config = await makeConfig({}, { mode: 'development' });
  expect(placeholders(config)['%OFFICE_JS%']).toBe(CDN_OFFICE_JS);
  expect(copiedTo(config).filter((to) => to.startsWith('office/'))).toEqual([]);
  // Development still builds the workbench beside the task pane.
  expect(Object.keys(config.entry as object)).toEqual(['taskpane', 'workbench']);
});

test('the offline workbench build (build:web --env localOffice) keeps npm\'s office.js, served beside the page', async () => {
  const config = await makeConfig({ localOffice: true }, { mode: 'production' });
  expect(placeholders(config)['%OFFICE_JS%']).toBe('office/office.js');
  expect(copiedTo(config)).toEqual(expect.arrayContaining(['office/office.js', 'office/o15apptofilemappingtable.js']));
  // Offline: no frame allowed, so office.js's telemetry frame stays blocked (test/browser/security.test.ts).
  expect(placeholders(config)['%CSP%']).not.toContain('frame-src');
  expect(placeholders(config)['%CSP%']).toContain("script-src 'self';");
});

test.each([
  ['development', {}],
  ['production', {}],
])('the task pane\'s CSP lets office.js from the CDN frame its own pages (%s)', async (mode, env) => {
  process.env.ADDIN_URL = 'https://example.com/jixiao';
  const csp = placeholders(await makeConfig(env, { mode }))['%CSP%'];
  expect(csp.split('; ')).toEqual(expect.arrayContaining(["script-src 'self' https://appsforoffice.microsoft.com", 'frame-src https://appsforoffice.microsoft.com']));
  expect(csp).toContain("default-src 'self'");
});

test('the production add-in build without ADDIN_URL fails, naming ADDIN_URL with an example', async () => {
  await expect(makeConfig({}, { mode: 'production' })).rejects.toThrow(/未设置 ADDIN_URL.*例如 ADDIN_URL=https:\/\/your\.host\/path npm run build:addin/);
  process.env.ADDIN_URL = 'http://example.com/jixiao';
  await expect(makeConfig({}, { mode: 'production' })).rejects.toThrow(/ADDIN_URL（http:\/\/example\.com\/jixiao）不是 https 地址/);
  process.env.ADDIN_URL = 'https://example.com/jixiao/';
  await expect(makeConfig({}, { mode: 'production' })).resolves.toBeDefined();
  // Neither development nor the offline build needs it.
  delete process.env.ADDIN_URL;
  await expect(makeConfig({}, { mode: 'development' })).resolves.toBeDefined();
  await expect(makeConfig({ localOffice: true }, { mode: 'production' })).resolves.toBeDefined();
});

test('npm run build:addin without ADDIN_URL exits non-zero with that message, before building', () => {
  const env = { ...process.env };
  delete env.ADDIN_URL;
  const r = spawnSync(process.execPath, [require.resolve('webpack/bin/webpack.js'), '--mode', 'production'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  expect(r.status).not.toBe(0);
  expect(r.stdout + r.stderr).toContain('未设置 ADDIN_URL');
}, 60_000);

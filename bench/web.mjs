// The add-in's web figures: the task pane's first-load JavaScript (gzipped) and the workbench's time
// from page load to the first findings on the 1,000-table workbook. Merges the "web" key into results.json.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'dist/web');
const resultsPath = join(root, 'bench/results.json');

// 1. First-load JavaScript of the task pane: the scripts its page loads (office.js is Microsoft's CDN's).
const html = readFileSync(join(web, 'taskpane.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]).filter((s) => !/office\.js$/.test(s) && !/^https?:/.test(s));
const firstLoadGz = scripts.reduce((n, s) => n + gzipSync(readFileSync(join(web, s.replace(/^\.\//, '')))).length, 0);

// 2. The workbench on the 1,000-table workbook: page load → first findings listed.
const book = join(root, 'bench/out/tables-1000.xlsx');
if (!existsSync(book)) execFileSync(process.execPath, [join(root, 'bench/generate.mjs'), '1000'], { stdio: 'inherit' });
const served = join(web, 'samples/bench-1000.xlsx');
copyFileSync(book, served);
const server = spawn(process.execPath, [join(root, 'scripts/serve.mjs')], { cwd: root, env: { ...process.env, PORT: '0' } });
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => {
    const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(d));
    if (m) resolve(m[0]);
  });
  server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
});
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const runs = [];
let syncs = 0;
try {
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const t0 = Date.now();
    await page.goto(`${url}?sample=bench-1000.xlsx`);
    await page.waitForFunction(() => window.__workbench?.name === 'bench-1000.xlsx', null, { timeout: 120000 });
    const loaded = Date.now();
    await page.click('[data-testid=check]');
    await page.waitForSelector('[data-testid=finding]', { timeout: 120000 });
    const t1 = Date.now();
    syncs = await page.evaluate(() => window.__workbench.stats().syncs);
    runs.push({ total: t1 - t0, open: loaded - t0, check: t1 - loaded });
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(served, { force: true });
}
runs.sort((a, b) => a.total - b.total);
const median = runs[Math.floor(runs.length / 2)];
const webResult = {
  taskpaneFirstLoadGzKb: Math.round(firstLoadGz / 102.4) / 10,
  taskpaneFirstLoadScripts: scripts,
  workbench1000Tables: { pageLoadToFirstFindingsMs: median.total, openXlsxMs: median.open, checkMs: median.check, syncsForCheck: syncs, runs: runs.length },
  targets: { taskpaneFirstLoadGzKb: 300 },
  met: { taskpaneUnder300Kb: firstLoadGz <= 300 * 1024 },
};
const results = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
results.web = webResult;
writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
console.log(`task pane first-load JS: ${webResult.taskpaneFirstLoadGzKb} KB gzipped (target ≤ 300)`);
console.log(`workbench, 1,000 tables: page load → first findings ${median.total} ms (open .xlsx ${median.open} ms, check ${median.check} ms, ${syncs} syncs)`);

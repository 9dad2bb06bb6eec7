// 报告 in the workbench: the warning before a report of a workbook with errors or values not yet
// recalculated (先重算 / 仍然生成 / 取消), the download wording of each platform, the localised file
// picker, and the 1,000-table workbook: the report sheet written in chunks under Excel's request limit
// (and undone whole), the .docx built in a Web Worker with the progress bar moving while the page
// stays free (longest main-thread task measured, and the page-thread fallback where there is no Worker).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { run } from '../../src/cli/main';
import { ROOT, SHOTS, workbenchSuite } from './browser';

jest.setTimeout(300_000);

const SAMPLE = '示例-项目支出自评.xlsx';
const BIG = join(ROOT, 'bench/out/tables-1000.xlsx');
const OUT = join(ROOT, 'test-output');

const suite = workbenchSuite();
const pageErrors: string[] = [];
const measures: Record<string, unknown> = {};

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  if (Object.keys(measures).length) writeFileSync(join(OUT, 'report-panel-measures.json'), JSON.stringify(measures, null, 2) + '\n');
});

async function open(query = '', init?: () => void): Promise<Page> {
  const page = await suite.browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  if (init) await page.addInitScript(init);
  await page.goto(`${suite.url}?sample=${encodeURIComponent(SAMPLE)}${query}`);
  await page.waitForSelector('[data-testid=grid] td[data-addr=A1]');
  await page.click('[data-testid=tab-report]');
  return page;
}

async function openBig(init?: () => void): Promise<Page> {
  if (!existsSync(BIG)) execFileSync(process.execPath, [join(ROOT, 'bench/generate.mjs'), '1000'], { stdio: 'ignore' });
  const page = await open('', init);
  await page.setInputFiles('[data-testid=open-file]', BIG);
  await page.waitForFunction(() => (window as any).__workbench?.name === 'tables-1000.xlsx', null, { timeout: 120_000 });
  await page.click('[data-testid=tab-report]');
  return page;
}

const sheetNames = (page: Page) => page.evaluate(() => (window as any).__workbench.book.workbook.sheets.map((s: any) => s.name) as string[]);
const sheetText = (page: Page, name: string) =>
  page.evaluate((n) => (window as any).__workbench.book.workbook.sheets.find((s: any) => s.name === n)?.rows.map((r: any) => String(r?.[0]?.v ?? '')) as string[] | undefined, name);

/** Every step and fraction the progress bar shows, with when (ms). */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as any;
    w.__steps = [];
    new MutationObserver(() => {
      const step = document.querySelector('[data-testid=progress-step]')?.textContent ?? null;
      const value = document.querySelector('[data-testid=progress-bar]')?.getAttribute('data-value') ?? null;
      const last = w.__steps[w.__steps.length - 1];
      if (step !== null && (!last || last.step !== step || last.value !== value)) w.__steps.push({ step, value, at: performance.now() });
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}
const steps = (page: Page) => page.evaluate(() => (window as any).__steps as { step: string; value: string; at: number }[]);

/** Long tasks (PerformanceObserver 'longtask') and the longest gap between animation frames, from now. */
async function watchMainThread(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as any;
    w.__long = [];
    w.__gap = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const frame = (t: number) => {
      w.__gap = Math.max(w.__gap, t - last);
      last = t;
      if (!w.__stopFrames) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}
const mainThread = (page: Page) =>
  page.evaluate(() => {
    const w = window as any;
    w.__stopFrames = true;
    const long: number[] = w.__long;
    return { longestTaskMs: long.length ? Math.max(...long) : 0, longTasks: long.length, longestFrameGapMs: Math.round(w.__gap) };
  });

test('a workbook with errors and values not yet recalculated: a warning first, with 取消, 先重算 and 仍然生成', async () => {
  const page = await open();
  await page.click('[data-testid=report-sheet]');
  const warning = page.locator('[data-testid=report-warning]');
  await warning.waitFor();
  const text = await page.locator('[data-testid=report-warning-text]').innerText();
  expect(text).toMatch(/工作簿中还有 6 个错误，5 处计算值尚未重算写入/);
  expect(await page.locator('[data-testid=report-recalc-first]').innerText()).toBe('先重算（5 处）');
  await page.locator('[data-testid=taskpane]').screenshot({ path: join(SHOTS, '11-pre-report-warning.png') });
  // Nothing was generated yet.
  expect(await sheetNames(page)).not.toContain('自评报告');

  await page.click('[data-testid=report-cancel]');
  expect(await warning.count()).toBe(0);
  expect(await sheetNames(page)).not.toContain('自评报告');

  // 先重算: the recalculation is written (as 重算 would), then the report is generated from it.
  await page.click('[data-testid=report-sheet]');
  await page.click('[data-testid=report-recalc-first]');
  await page.waitForSelector('[data-testid=notice] >> text=已生成工作表「自评报告」', { timeout: 60_000 });
  const h17 = await page.evaluate(() => (window as any).__workbench.cell('附件3-人代会议', 16, 7));
  expect(h17.v).toBe(99.16);
  expect((await sheetText(page, '自评报告'))?.join('\n')).toContain('预算执行率85.31%');
  // …and it is undone from 重算 like any recalculation.
  await page.click('[data-testid=tab-recalc]');
  await page.click('[data-testid=undo]');
  await page.waitForSelector('[data-testid=notice] >> text=已撤销上次重算，恢复了 5 个单元格');
  expect((await page.evaluate(() => (window as any).__workbench.cell('附件3-人代会议', 16, 7))).v).toBe(100);
  await page.close();
});

test('仍然生成: the .docx is downloaded from the figures as recalculated, the workbook left as it is', async () => {
  const page = await open();
  await page.click('[data-testid=report-docx]');
  await page.waitForSelector('[data-testid=report-warning]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=report-anyway]')]);
  expect(download.suggestedFilename()).toBe('绩效自评报告.docx');
  const xml = await (await JSZip.loadAsync(readFileSync((await download.path())!))).file('word/document.xml')!.async('string');
  expect(xml).toContain('人代会议项目支出绩效自评报告');
  await page.waitForSelector('[data-testid=notice] >> text=已生成 Word 文档');
  expect((await page.evaluate(() => (window as any).__workbench.cell('附件3-人代会议', 16, 7))).v).toBe(100);
  await page.close();
});

describe('after 下载 Word the pane says what is true where it runs', () => {
  test.each([
    ['the workbench (a browser page)', '', /文件由浏览器下载到默认的下载位置/, /Excel/],
    ['Excel on the web', '&platform=OfficeOnline', /文件由浏览器下载；若没有开始下载，请查看浏览器是否拦截了本页的下载/, /桌面/],
    ['Excel for Windows', '&platform=PC', /若 Excel 没有提示保存文件，请改用「复制文本」/, /浏览器/],
    ['Excel for Mac', '&platform=Mac', /若 Excel 没有提示保存文件，请改用「复制文本」/, /浏览器/],
  ])('%s', async (_, query, says, never) => {
    const page = await open(query);
    await page.click('[data-testid=report-docx]');
    await Promise.all([page.waitForEvent('download'), page.click('[data-testid=report-anyway]')]);
    const notice = await page.locator('[data-testid=notice]').innerText();
    expect(notice).toMatch(says);
    expect(notice).not.toMatch(never);
    await page.close();
  });
});

test('复制文本 puts HTML and plain text on the clipboard, never Markdown', async () => {
  const page = await open();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(suite.url).origin });
  await page.click('[data-testid=report-copy]');
  await page.click('[data-testid=report-anyway]');
  await page.waitForSelector('[data-testid=report-text]');
  const got = await page.evaluate(async () => {
    const out: Record<string, string> = {};
    for (const item of await navigator.clipboard.read()) for (const type of item.types) out[type] = await (await item.getType(type)).text();
    return out;
  });
  expect(Object.keys(got).sort()).toEqual(['text/html', 'text/plain']);
  expect(got['text/html']).toMatch(/<h1[^>]*>[^<]*项目支出绩效自评总报告<\/h1>/);
  expect(got['text/html']).toMatch(/<table[^]*<th[^>]*>[^<]*项目名称[^]*99\.16/);
  expect(got['text/html']).toMatch(/<strong[^>]*>[^<]*待填写/);
  expect(got['text/plain']).toContain('人代会议项目支出绩效自评报告');
  // No Markdown syntax in what is pasted: no heading marks, bold marks, table rules or escapes.
  expect(got['text/plain']).not.toMatch(/^#|\*\*|\| ---|\\/m);
  await page.close();
});

test('核对: the .docx is chosen with a Chinese 「选择文件…」 button; the chosen name is shown', async () => {
  const docx = join(OUT, '核对用报告.docx');
  expect(await run(['report', join(ROOT, 'samples', SAMPLE), '--docx', docx], () => {}, () => {})).toBe(0);
  const page = await open();
  const input = page.locator('input[data-testid=narrative-file]');
  expect(await input.isVisible()).toBe(false);
  expect(await page.locator('[data-testid=narrative-file-button]').innerText()).toBe('选择文件…');
  expect(await page.locator('[data-testid=narrative-file-name]').innerText()).toBe('未选择文件');
  // The button opens the file chooser of the hidden input.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid=narrative-file-button]')]);
  await chooser.setFiles(docx);
  await page.waitForSelector('[data-testid=narrative-ok], [data-testid=finding]');
  expect(await page.locator('[data-testid=narrative-file-name]').innerText()).toBe('核对用报告.docx');
  await page.close();
});

describe('the 1,000-table workbook', () => {

  test('生成报告工作表 writes in chunks under the request limit, with progress per chunk; undo takes the whole sheet away', async () => {
    const page = await openBig();
    const limit = await page.evaluate(() => (window as any).__workbench.book.payloadLimitBytes as number);
    // Each sync a round trip, as to Excel (the emulation answers at once otherwise, and the page would
    // not paint between chunks).
    await page.evaluate(() => ((window as any).__workbench.book.latencyMs = 5));
    const generate = async () => {
      await page.click('[data-testid=report-sheet]');
      await page.waitForSelector('[data-testid=report-anyway]', { timeout: 120_000 });
      const before = await page.evaluate(() => (window as any).__workbench.stats().requests.length as number);
      await watchProgress(page);
      await page.click('[data-testid=report-anyway]');
      // The warning goes in the render that shows the progress; the progress goes when it is done.
      await page.waitForSelector('[data-testid=report-warning]', { state: 'detached' });
      await page.waitForSelector('[data-testid=progress]', { state: 'detached', timeout: 180_000 });
      await page.waitForSelector('[data-testid=notice] >> text=已生成工作表');
      const requests = await page.evaluate((n) => (window as any).__workbench.stats().requests.slice(n) as { bytes: number }[], before);
      return { requests, steps: await steps(page) };
    };

    const first = await generate();
    const text = await sheetText(page, '自评报告');
    expect(text!.length).toBeGreaterThan(50_000);
    const total = first.requests.reduce((n, r) => n + r.bytes, 0);
    expect(total).toBeGreaterThan(limit); // one request would have been refused
    expect(Math.max(...first.requests.map((r) => r.bytes))).toBeLessThan(limit);
    const chunks = first.steps.map((s) => /第 (\d+)\/(\d+) 批/.exec(s.step)).filter(Boolean) as RegExpExecArray[];
    const n = Number(chunks[0][2]);
    expect(n).toBeGreaterThanOrEqual(3);
    // Chunk by chunk (the last one's step is replaced by 完成 in the same task, before a paint).
    const ks = chunks.map((m) => Number(m[1]));
    expect(ks[0]).toBe(1);
    expect(ks).toEqual([...new Set(ks)].sort((a, b) => a - b));
    expect(ks.length).toBeGreaterThanOrEqual(n - 1);
    expect(first.requests.filter((r) => r.bytes > 100_000).length).toBe(n);
    const values = first.steps.filter((s) => /批/.test(s.step)).map((s) => Number(s.value));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    measures.reportSheet = { lines: text!.length, requests: first.requests.length, chunks: n, bytes: total, largestRequest: Math.max(...first.requests.map((r) => r.bytes)), limit };

    // Again: the sheet made before (read back in blocks whose responses stay under the limit) is replaced…
    await page.evaluate(() => {
      const b = (window as any).__workbench.book;
      b.workbook.sheets.find((s: any) => s.name === '自评报告').rows[1] = [{ v: '用户的补充' }];
    });
    await generate();
    expect((await sheetText(page, '自评报告'))![1]).not.toBe('用户的补充');
    // …and undo brings it back whole, with the user's line.
    await page.click('[data-testid=report-undo]');
    await page.waitForSelector('[data-testid=notice] >> text=已撤销报告工作表', { timeout: 120_000 });
    const back = await sheetText(page, '自评报告');
    expect(back!.length).toBe(text!.length);
    expect(back![1]).toBe('用户的补充');
    expect(back![back!.length - 1]).toBe(text![text!.length - 1]);
    await page.close();
  });

  test('下载 Word builds the .docx in a Web Worker: the bar moves report by report, the page is never blocked long', async () => {
    const workers: string[] = [];
    const page = await openBig();
    page.on('worker', (w) => workers.push(w.url()));
    await page.click('[data-testid=report-docx]');
    await page.waitForSelector('[data-testid=report-warning]', { timeout: 120_000 });
    await watchProgress(page);
    await watchMainThread(page);
    const t0 = Date.now();
    const downloaded = page.waitForEvent('download', { timeout: 180_000 });
    await page.click('[data-testid=report-anyway]');
    // Half-way, as a person sees it: the bar where docx is laying out the reports.
    await page.waitForSelector('[data-testid=progress-step] >> text=排版第', { timeout: 120_000 });
    await page.locator('[data-testid=taskpane]').screenshot({ path: join(SHOTS, '11-docx-progress.png') });
    const download = await downloaded;
    const ms = Date.now() - t0;
    const main = await mainThread(page);
    const seen = await steps(page);

    expect(workers.some((u) => /\/docx\.[0-9a-f]+\.js$/.test(u))).toBe(true);
    const fractions = seen.map((s) => s.value).filter((v) => v !== '').map(Number);
    expect(new Set(fractions).size).toBeGreaterThan(20);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    // Report by report through each phase (the page may paint only some of the steps).
    for (const phase of ['整理', '排版', '写出']) {
      const done = seen.map((s) => new RegExp(`${phase}第 (\\d+)/1001 份报告`).exec(s.step)).filter(Boolean).map((m) => Number(m![1]));
      expect(done.length).toBeGreaterThan(3);
      expect(Math.max(...done)).toBeGreaterThan(800);
    }
    expect(Math.min(...fractions)).toBeLessThan(0.05);
    expect(Math.max(...fractions)).toBeGreaterThanOrEqual(0.7);
    expect(seen.some((s) => s.step.includes('压缩') && s.value === '')).toBe(true);
    // The page's own thread stays free: no task near the seconds the build takes.
    expect(main.longestTaskMs).toBeLessThan(500);

    const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml.split('<w:br w:type="page"/>').length - 1).toBe(1000);
    measures.docxWorker = { reports: 1001, ms, ...main, progressUpdates: seen.length, distinctFractions: new Set(fractions).size };
    await page.close();
  });

  test('where the page has no Worker, the .docx is built on the page thread (the fallback), and still downloads', async () => {
    const workers: string[] = [];
    const page = await openBig(() => {
      (window as any).Worker = undefined;
    });
    page.on('worker', (w) => workers.push(w.url()));
    await page.click('[data-testid=report-docx]');
    await page.waitForSelector('[data-testid=report-warning]', { timeout: 120_000 });
    await watchMainThread(page);
    const t0 = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.click('[data-testid=report-anyway]')]);
    const ms = Date.now() - t0;
    const main = await mainThread(page);
    expect(workers).toEqual([]);
    expect((await download.path()) && download.suggestedFilename()).toBe('绩效自评报告.docx');
    measures.docxPageThread = { reports: 1001, ms, ...main };
    await page.close();
  });
});

test('the pages raise no script error', () => {
  expect(pageErrors).toEqual([]);
});

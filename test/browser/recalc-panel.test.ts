// 重算 in the workbench, as a person reviews it: the preview grouped by table and reason with counts
// and checkboxes, before → after as the sheet shows them, a click selects the cell; 应用 writes only
// the ticked changes, which stay listed (已写入 N 处) and are marked in the grid; 撤销 restores exactly
// those, and 清除标记 takes the marks off.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { shotAtUsualSize, SHOTS, workbenchSuite } from './browser';
import { multiTableWorkbook } from './multi-table';
import { overflowing, setPaneWidth } from './pane-width';

jest.setTimeout(60_000);

const suite = workbenchSuite();
let page: Page;
const pageErrors: string[] = [];
let book: Buffer;

beforeAll(async () => {
  book = await multiTableWorkbook();
});
beforeEach(async () => {
  // Tall enough for the whole preview (the list renders what is near the view).
  page = await suite.browser.newPage({ viewport: { width: 1400, height: 1500 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterEach(async () => {
  await page.close();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const shot = (name: string) => shotAtUsualSize(page, name, 1500);
const GREEN = 'rgb(198, 239, 206)';

async function preview() {
  await page.goto(suite.url);
  await page.waitForSelector('[data-testid=grid] td[data-addr=A1]');
  await page.setInputFiles('[data-testid=open-file]', { name: '多项目示例.xlsx', mimeType: XLSX, buffer: book });
  await page.waitForFunction(() => (window as any).__workbench?.name === '多项目示例.xlsx');
  await page.click('[data-testid=tab-recalc]');
  await page.click('[data-testid=preview]');
  await page.waitForSelector('[data-testid=change]');
}

/** The preview as shown: table headers, reason headers with their counts, rows with before → after. */
function listing(): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid=preview-table] [data-testid=change-table], [data-testid=preview-table] [data-testid=change-group], [data-testid=preview-table] [data-testid=change]')).map((e) => {
      const t = e.getAttribute('data-testid');
      if (t === 'change-table') return `# ${(e.querySelector('[data-testid=change-table-label]') as HTMLElement).innerText.replace(/\s+/g, ' ').trim()}`;
      if (t === 'change-group') return `  ${e.querySelector('[data-testid=reason]')!.textContent}`;
      return `    ${e.getAttribute('data-cell')} ${e.querySelector('[data-testid=change-values]')!.textContent}`;
    }),
  );
}

const model = (sheet: string, cell: string) =>
  page.evaluate(([s, c]) => {
    const m = /^([A-Z]+)(\d+)$/.exec(c)!;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return (window as any).__workbench.cell(s, Number(m[2]) - 1, col);
  }, [sheet, cell] as const);
/** The emulated workbook's sheets, a blank cell written back as null counting as the blank it was. */
const workbook = () =>
  page.evaluate(() =>
    (window as any).__workbench.book.workbook.sheets.map((s: any) => ({
      ...s,
      rows: s.rows.map((r: any[] | undefined) => {
        const row = (r ?? []).slice();
        while (row.length && (row[row.length - 1] === null || row[row.length - 1] === undefined)) row.pop();
        return row;
      }),
    })),
  );
const fill = (addr: string) => page.locator(`[data-testid=grid] td[data-addr=${addr}]`).evaluate((e) => getComputedStyle(e).backgroundColor);
const applyLabel = () => page.locator('[data-testid=apply]').innerText();

test('the preview is grouped by table, then by reason, with counts; before → after as the sheet shows them', async () => {
  await preview();
  expect(await listing()).toEqual([
    '# 某县人大常委会2023年度项目绩效自评汇总表 · 汇总表!A1:I7 5 处',
    '  修正（1）',
    '    汇总表!G4 90.00% → 85.31%',
    '  同步（4）',
    '    汇总表!H3 100 → 99.16',
    '    汇总表!H4 96.5 → 96.53',
    '    汇总表!H6 96 → 92',
    '    汇总表!H7 98 → 99',
    '# 人代会议 · 项目支出绩效自评表 · 项目1!A1:I18 3 处',
    '  修正（3）',
    '    项目1!H11 12 → 9.78',
    '    项目1!H14 10 → 9.38',
    '    项目1!H17 100 → 99.16',
    '# 代表培训 · 项目支出绩效自评表 · 项目2!A1:I17 2 处',
    '  提高精度（2）',
    '    项目2!H4 8.5 → 8.53',
    '    项目2!H16 96.5 → 96.53',
    '# 人大监督费 · 项目支出绩效自评表 · 项目3!A1:I17 2 处',
    '  补填（1）',
    '    项目3!H11 （空） → 10',
    '  文本转数值（1）',
    // Text becoming a number reads as such: 「100%」 (text) → 100.00% (a number formatted 0.00%).
    '    项目3!G4 「100%」 → 100.00%',
    '# 人大宣传工作经费 · 项目支出绩效自评表 · 项目4-5!A1:I17 2 处',
    '  修正（2）',
    '    项目4-5!H10 20 → 16',
    '    项目4-5!H16 96 → 92',
    '# 代表活动阵地建设 · 项目支出绩效自评表 · 项目4-5!A24:I40 3 处',
    '  修正（3）',
    '    项目4-5!G27 80.00% → 90.00%',
    '    项目4-5!H27 8 → 9',
    '    项目4-5!H39 98 → 99',
  ]);
  await expect(applyLabel()).resolves.toBe('应用（17 处）');
});

test('a group or a single row can be unticked; the button counts what is ticked', async () => {
  await preview();
  const sync = page.locator('[data-testid=change-group][data-reason=sync]');
  await sync.locator('input[type=checkbox]').click();
  await expect(sync.getAttribute('data-ticked')).resolves.toBe('false');
  expect(await page.locator('[data-testid=change][data-reason=sync][data-ticked=false]').count()).toBe(4);
  await expect(applyLabel()).resolves.toBe('应用（13 处）');
  // The table's box is now partly ticked, and says so.
  const summaryTable = page.locator('[data-testid=change-table]', { hasText: '汇总表!A1:I7' });
  await expect(summaryTable.innerText()).resolves.toMatch(/已勾选 1\/5 处/);
  await expect(summaryTable.locator('input[type=checkbox]').evaluate((e: HTMLInputElement) => e.indeterminate || e.getAttribute('aria-checked'))).resolves.toBeTruthy();
  await expect(page.locator('[data-testid=preview-count]').innerText()).resolves.toMatch(/共 17 处修改，已勾选 13 处/);
  await shot('11-preview-grouped.png');

  // One row back on; a row off in another table.
  await page.locator('[data-testid=change][data-cell="汇总表!H3"] input[type=checkbox]').click();
  await expect(sync.getAttribute('data-ticked')).resolves.toBe('mixed');
  await page.locator('[data-testid=change][data-cell="项目2!H4"] input[type=checkbox]').click();
  await expect(applyLabel()).resolves.toBe('应用（13 处）');
  // Unticking everything leaves nothing to apply.
  for (const t of await page.locator('[data-testid=change-table] input[type=checkbox]').all()) {
    if ((await t.isChecked()) || (await t.evaluate((e: HTMLInputElement) => e.indeterminate))) {
      await t.click();
      if (await t.isChecked()) await t.click(); // a mixed box ticks everything first
    }
  }
  await expect(applyLabel()).resolves.toBe('应用（0 处）');
  await expect(page.locator('[data-testid=apply]').isDisabled()).resolves.toBe(true);
});

test('a click on a row selects its cell', async () => {
  await preview();
  await page.click('[data-testid=change][data-cell="项目4-5!H27"] [data-testid=change-values]');
  await page.waitForSelector('[data-testid=grid][data-sheet="项目4-5"] td.sel[data-addr=H27]');
  await page.click('[data-testid=change][data-cell="汇总表!H6"]');
  await page.waitForSelector('[data-testid=grid][data-sheet="汇总表"] td.sel[data-addr=H6]');
});

test('应用 writes only the ticked changes, lists them (已写入 N 处) and marks them; 撤销 restores exactly those', async () => {
  await preview();
  const original = await workbook();
  await page.locator('[data-testid=change-group][data-reason=sync] input[type=checkbox]').click(); // 同步 off
  await page.locator('[data-testid=change][data-cell="项目1!H14"] input[type=checkbox]').click(); // one row off
  await expect(applyLabel()).resolves.toBe('应用（12 处）');
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=applied]');

  await expect(page.locator('[data-testid=applied-head]').innerText()).resolves.toBe('已写入 12 处');
  await expect(page.locator('[data-testid=applied-note]').innerText()).resolves.toBe('写入的单元格已在表中标为绿色。撤销只恢复这 12 处。');
  const applied = await page.locator('[data-testid=applied-list] [data-testid=change]').evaluateAll((e) => e.map((x) => x.getAttribute('data-cell')));
  expect(applied).toHaveLength(12);
  expect(applied).not.toContain('汇总表!H3');
  expect(applied).not.toContain('项目1!H14');
  // Written: the ticked ones. Not written: the unticked ones.
  expect((await model('项目1', 'H11'))?.v).toBe(9.78);
  expect((await model('项目1', 'H17'))?.v).toBe(99.16);
  expect((await model('项目3', 'G4'))).toEqual({ v: 1, fmt: '0.00%' });
  expect((await model('项目1', 'H14'))?.v).toBe(10);
  expect((await model('汇总表', 'H3'))?.v).toBe(100);
  expect((await model('汇总表', 'H7'))?.v).toBe(98);

  // The written cells are marked in the grid in their own colour; the others are not.
  await page.locator('[data-testid=sheet-tab]', { hasText: '项目1' }).click();
  await expect(fill('H11')).resolves.toBe(GREEN);
  await expect(fill('H17')).resolves.toBe(GREEN);
  await expect(fill('H14')).resolves.toBe('rgba(0, 0, 0, 0)');
  expect(await page.evaluate(() => (window as any).__workbench.book.fills.size)).toBe(12);
  await shot('11-applied-marked.png');

  // The list's rows still select their cells.
  await page.click('[data-testid=applied-list] [data-testid=change][data-cell="项目3!H11"]');
  await page.waitForSelector('[data-testid=grid][data-sheet="项目3"] td.sel[data-addr=H11]');

  // 撤销: every cell back as it was (values, formats), marks gone, the list gone.
  await page.click('[data-testid=undo]');
  await page.waitForSelector('[data-testid=notice] >> text=已撤销上次重算，恢复了 12 个单元格');
  expect(await workbook()).toEqual(original);
  expect(await page.evaluate(() => (window as any).__workbench.book.fills.size)).toBe(0);
  expect(await page.locator('[data-testid=applied]').count()).toBe(0);
});

test('清除标记 takes the written cells’ marks off, as it does the findings’; the list and 撤销 stay', async () => {
  await preview();
  // A finding's mark first, on a cell 重算 then writes: the written mark replaces it, and clearing
  // brings back the cell's own fill (none), not the finding's colour.
  await page.click('[data-testid=tab-check]');
  await page.click('[data-testid=check]');
  await page.waitForSelector('[data-testid=finding]');
  await page.click('[data-testid=highlight]');
  await page.waitForFunction(() => (window as any).__workbench.book.fills.size > 0);
  await page.click('[data-testid=tab-recalc]');
  await page.click('[data-testid=preview]');
  await page.waitForSelector('[data-testid=change]');
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=applied]');
  await page.locator('[data-testid=sheet-tab]', { hasText: '项目1' }).click();
  await expect(fill('H11')).resolves.toBe(GREEN);
  await expect(fill('I14')).resolves.toBe('rgb(255, 235, 156)'); // a warning's mark, not written

  await page.click('[data-testid=clear-written]');
  await page.waitForFunction(() => (window as any).__workbench.book.fills.size === 0);
  await expect(fill('H11')).resolves.toBe('rgba(0, 0, 0, 0)');
  expect(await page.locator('[data-testid=applied]').count()).toBe(1);
  await expect(page.locator('[data-testid=applied-note]').innerText()).resolves.not.toMatch(/绿色/);
  await page.click('[data-testid=undo]');
  await page.waitForSelector('[data-testid=notice] >> text=已撤销上次重算');
  expect((await model('项目1', 'H11'))?.v).toBe(12);

  // The 检查 tab's 清除标记 clears written marks too.
  await page.click('[data-testid=preview]');
  await page.waitForSelector('[data-testid=change]');
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=applied]');
  await page.click('[data-testid=tab-check]');
  await page.click('[data-testid=clear-highlight]');
  await page.waitForFunction(() => (window as any).__workbench.book.fills.size === 0);
});

test('at 320 and 350 px wide the preview and the applied list do not overflow sideways', async () => {
  await preview();
  for (const width of [320, 350]) {
    await setPaneWidth(page, width);
    await page.waitForTimeout(100);
    const pane = await overflowing(page);
    expect(pane.width).toBe(width);
    expect(pane.scrollWidth).toBeLessThanOrEqual(width);
    expect(pane.wide).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `11-preview-${width}px.png`) });
  }
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=applied]');
  const pane = await overflowing(page);
  expect(pane.scrollWidth).toBeLessThanOrEqual(350);
  expect(pane.wide).toEqual([]);
});

test('no script error on any page above', () => {
  expect(pageErrors).toEqual([]);
});

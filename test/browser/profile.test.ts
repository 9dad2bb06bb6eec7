// Scoring profiles in the workbench (SPEC §8), as a person uses them: 设置 lists the profiles by name with
// the source of the one picked; 江西 saved and the workbook checked again, 代表培训's 执行率 85.31% scores
// 7 rather than 8.53, the finding says how (计算依据, naming 江西), and the 重算 preview opens a row's
// 计算依据 by mouse or keyboard, in a long (windowed) preview too. 广西 makes an overachieved indicator
// without a reason an error. Nothing is wider than the pane.
import { join } from 'node:path';
import type * as ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { selfEval, pct } from '../fixtures/workbooks';
import { shotAtUsualSize, SHOTS, workbenchSuite } from './browser';
import { multiTableWorkbook } from './multi-table';
import { overflowing, setPaneWidth } from './pane-width';

jest.setTimeout(90_000);

const suite = workbenchSuite();
let page: Page;
const pageErrors: string[] = [];
let book: Buffer;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PROFILE = 'select[data-testid=setting-profile], [data-testid=setting-profile] select';

/**
 * `n` project tables, each with 执行率 85% (34 of 40) and its score stated as 全国通用 gives it (8.5);
 * `overdone`: the first indicator done 1.5 times over (450 of ≥300 人次), no reason given.
 */
async function manyTables(n: number, overdone = false): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  for (let i = 1; i <= n; i++) {
    selfEval(wb.addWorksheet(`项目${i}`), 'A1', {
      name: `培训项目${i}`,
      budget: [40, 40, 34, 10, pct(0.85), 8.5],
      breakdown: [['其中：当年财政拨款', 40, 40, 34]],
      indicators: [
        ['产出指标（50分）', '数量指标', '培训人次', '≥300人次', overdone ? '450人次' : '312人次', 30, 30],
        ['', '质量指标', '培训合格率', '≥95%', '97%', 20, 20],
        ['效益指标（30分）', '社会效益指标', '履职能力提升', '明显提升', '明显提升', 30, 30],
        ['满意度指标（10分）', '服务对象满意度指标', '参训满意度', '≥90%', '95%', 10, 10],
      ],
      sum: [100, 98.5],
      grade: '优',
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  book = await multiTableWorkbook();
});
beforeEach(async () => {
  // Tall enough for the whole preview of the sample (the list renders what is near the view).
  page = await suite.browser.newPage({ viewport: { width: 1400, height: 1500 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterEach(async () => {
  await page.close();
});

const shot = (name: string) => shotAtUsualSize(page, name, 1500);

/** A screenshot at the workbench's usual size with `target` in the middle of the pane. */
async function shotOf(name: string, target: Locator): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 900 });
  await target.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SHOTS, name) });
  await page.setViewportSize({ width: 1400, height: 1500 });
}

async function open(file: Buffer, name = '多项目示例.xlsx', query = '') {
  await page.goto(`${suite.url}${query}`);
  await page.waitForSelector('[data-testid=grid] td[data-addr=A1]');
  await page.setInputFiles('[data-testid=open-file]', { name, mimeType: XLSX, buffer: file });
  await page.waitForFunction((n) => (window as any).__workbench?.name === n, name);
}

async function check() {
  await page.click('[data-testid=tab-check]');
  await page.click('[data-testid=check]');
  await page.waitForSelector('[data-testid=summary]');
}

async function pickProfile(id: string) {
  await page.click('[data-testid=tab-settings]');
  await page.selectOption(PROFILE, id);
  await page.click('[data-testid=save-settings]');
  await page.waitForSelector('[data-testid=notice] >> text=设置已保存');
}

async function preview() {
  await page.click('[data-testid=tab-recalc]');
  await page.click('[data-testid=preview]');
  await page.waitForSelector('[data-testid=change]');
}

const finding = (cell: string) => page.locator(`[data-testid=finding][data-cell="${cell}"]`);
const change = (cell: string) => page.locator(`[data-testid=preview-table] [data-testid=change][data-cell="${cell}"]`);
const values = (cell: string) => change(cell).locator('[data-testid=change-values]').innerText();

test('设置 lists every profile by name, the source of the one picked under it', async () => {
  await open(book);
  await page.click('[data-testid=tab-settings]');
  const select = page.locator(PROFILE);
  await expect(select.locator('option').allInnerTexts()).resolves.toEqual(['全国通用', '江西', '湖北', '浙江（2024 年起）', '广西', '宁夏', '山西']);
  await expect(select.inputValue()).resolves.toBe('national');
  const field = page.locator('[data-testid=settings-profile-field]');
  await expect(field.innerText()).resolves.toContain('来源：财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）');
  await select.selectOption('jiangxi');
  await expect(field.innerText()).resolves.toContain('来源：某商用预算管理一体化系统（源码公开）自评模块的省份规则：执行率得分按区间');
  // The fields a profile gives show its values (江西's are 全国通用's).
  await expect(page.locator('input[data-testid=setting-gradeBands], [data-testid=setting-gradeBands] input').inputValue()).resolves.toBe('90, 80, 60');
  for (const width of [320, 350]) {
    await setPaneWidth(page, width);
    const { scrollWidth, wide } = await overflowing(page);
    expect(wide).toEqual([]);
    expect(scrollWidth).toBeLessThanOrEqual(width);
  }
  await page.click('[data-testid=save-settings]');
  await page.waitForSelector('[data-testid=notice] >> text=设置已保存');
  // Stored small: the id, without the values the profile gives.
  const stored = await page.evaluate(() => JSON.parse(JSON.parse((window as any).__workbench.book.documentSettings.get('jixiao.settings'))));
  expect(stored).toEqual({ profile: 'jiangxi', precision: 2, totalWeight: 100, moneyUnit: '万元' });
  await shot('profile-picker.png');
});

test('江西 saved: the check and the preview score 执行率 85.31% as 7, and say why', async () => {
  await open(book);
  await check();
  // 全国通用: 10 × 85.31% = 8.53, stated as 8.5: only a precision to raise (no finding).
  expect(await finding('项目2!H4').count()).toBe(0);
  await expect(page.locator('[data-testid=finding-explain]').allInnerTexts()).resolves.not.toContainEqual(expect.stringContaining('江西'));
  await preview();
  await expect(values('项目2!H4')).resolves.toBe('8.5 → 8.53');

  await pickProfile('jiangxi');
  // The check and the preview made under 全国通用 are gone.
  await page.click('[data-testid=tab-recalc]');
  expect(await page.locator('[data-testid=change]').count()).toBe(0);
  await check();
  const h4 = finding('项目2!H4');
  await expect(h4.getAttribute('data-severity')).resolves.toBe('error');
  await expect(h4.getAttribute('data-code')).resolves.toContain('SCORE_MISMATCH');
  // (How many digits of 30.2 ÷ 35.4 the rule shows is the core's to say.)
  await expect(h4.locator('[data-testid=finding-explain]').innerText()).resolves.toMatch(
    /^计算依据：执行率得分 = 10 × 0\.7 = 7（江西：执行率 85\.31% 在 \[80%, 100%\) 区间，得分 = 分值 × 0\.7）$/,
  );
  // 合计不符 and 跨表不一致 on one 总分 cell explain the same value: said once.
  const h16 = finding('项目2!H16');
  await expect(h16.getAttribute('data-code')).resolves.toBe('TOTAL_MISMATCH CROSS_SHEET_MISMATCH');
  await expect(h16.locator('[data-testid=finding-explain]').allInnerTexts()).resolves.toEqual([expect.stringMatching(/^计算依据：总得分 = 7 \+ .* = 95（江西：/)]);
  await shotOf('findings-explain.png', h4);

  await preview();
  await expect(values('项目2!H4')).resolves.toBe('8.5 → 7');
  const row = change('项目2!H4');
  const toggle = row.locator('[data-testid=explain-toggle]');
  await expect(toggle.innerText()).resolves.toMatch(/^计算依据/);
  await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
  const selection = () => page.evaluate(() => JSON.stringify((window as any).__workbench.book.selection));
  const before = await selection();
  await toggle.click();
  const explain = page.locator('[data-testid=change-explain][data-cell="项目2!H4"]');
  await expect(explain.innerText()).resolves.toMatch(/^算式\s+执行率得分 = 10 × 0\.7 = 7\s+规则\s+江西：执行率 85\.31% 在 \[80%, 100%\) 区间，得分 = 分值 × 0\.7$/);
  await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
  await expect(toggle.getAttribute('aria-controls')).resolves.toBe(await explain.getAttribute('id'));
  // The toggle is not a click on the row: the cell is not selected.
  await expect(selection()).resolves.toBe(before);
  // The row below starts under the explanation (the list makes room for it).
  const below = page.locator('[data-testid=preview-table] [data-testid=change-group]').nth(5);
  const [a, b] = [await explain.boundingBox(), await below.boundingBox()];
  expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.height - 1);

  // By keyboard: Enter closes it, Space opens it again.
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(explain.count()).resolves.toBe(0);
  await page.keyboard.press('Space');
  await expect(explain.count()).resolves.toBe(1);
  await page.keyboard.press('Space');
  await expect(explain.count()).resolves.toBe(0);

  // Open two (one of them a 汇总表 row synchronised from its table) and look at them at the pane's width.
  await toggle.click();
  await change('项目4-5!H27').locator('[data-testid=explain-toggle]').click();
  await expect(page.locator('[data-testid=change-explain][data-cell="项目4-5!H27"]').innerText()).resolves.toContain('江西：执行率 90.00% 在 [80%, 100%) 区间');
  for (const width of [320, 350]) {
    await setPaneWidth(page, width);
    const { scrollWidth, wide } = await overflowing(page);
    expect(wide).toEqual([]);
    expect(scrollWidth).toBeLessThanOrEqual(width);
  }
  await shotOf('preview-explain.png', row);
});

test('广西 saved: an indicator done 1.5 times over with no reason given is an error (全国通用: a warning)', async () => {
  await open(await manyTables(1, true), '超额完成.xlsx');
  await check();
  const f9 = finding('项目1!F9');
  await expect(f9.getAttribute('data-code')).resolves.toContain('OVERACHIEVED');
  await expect(f9.getAttribute('data-severity')).resolves.toBe('warning');
  await pickProfile('guangxi');
  await check();
  await expect(f9.getAttribute('data-code')).resolves.toContain('OVERACHIEVED');
  await expect(f9.getAttribute('data-severity')).resolves.toBe('error');
  await expect(page.locator('[data-testid=summary]').innerText()).resolves.toMatch(/错误/);
});

test('dark theme: the picker and an open 计算依据 read well', async () => {
  await open(book, '多项目示例.xlsx', '?theme=dark');
  await page.click('[data-testid=tab-settings]');
  await page.selectOption(PROFILE, 'jiangxi');
  await shot('profile-picker-dark.png');
  await page.click('[data-testid=save-settings]');
  await page.waitForSelector('[data-testid=notice] >> text=设置已保存');
  await preview();
  await change('项目2!H4').locator('[data-testid=explain-toggle]').click();
  await page.waitForSelector('[data-testid=change-explain]');
  await shotOf('preview-explain-dark.png', change('项目2!H4'));
});

test('a long preview is windowed: a row far down opens its 计算依据, which stays open when scrolled away and back', async () => {
  await open(await manyTables(80), '八十个项目.xlsx');
  await pickProfile('jiangxi');
  await page.setViewportSize({ width: 1400, height: 900 });
  await preview();
  const list = page.locator('[data-testid=preview-table]');
  const rows = Number(await list.getAttribute('data-rows'));
  expect(rows).toBeGreaterThanOrEqual(80 * 4); // a table row, a reason row, two changes per table
  expect(await page.locator('[data-testid=change]').count()).toBeLessThan(rows / 2);

  const scrollTo = (y: number | 'end') =>
    page.evaluate(async (to) => {
      const pane = document.querySelector('[data-testid=taskpane]') as HTMLElement;
      pane.scrollTop = to === 'end' ? pane.scrollHeight : to;
      for (let i = 0; i < 4; i++) await new Promise((r) => requestAnimationFrame(r));
    }, y);
  await scrollTo('end');
  const last = change('项目80!H4');
  await last.waitFor();
  await last.locator('[data-testid=explain-toggle]').click();
  const explain = page.locator('[data-testid=change-explain][data-cell="项目80!H4"]');
  await expect(explain.innerText()).resolves.toContain('江西：执行率 85.00% 在 [80%, 100%) 区间');
  await scrollTo('end');
  // Nothing overlaps it: the next row (the table's 总得分) starts below it.
  const next = change('项目80!H13');
  const [a, b] = [await explain.boundingBox(), await next.boundingBox()];
  expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.height - 1);

  await scrollTo(0);
  await expect(explain.count()).resolves.toBe(0); // not rendered up here
  await scrollTo('end');
  await expect(explain.innerText()).resolves.toContain('江西');
  await expect(last.locator('[data-testid=explain-toggle]').getAttribute('aria-expanded')).resolves.toBe('true');
  await page.screenshot({ path: join(SHOTS, 'preview-explain-long.png') });
});

test('no script error on any page above', () => {
  expect(pageErrors).toEqual([]);
});

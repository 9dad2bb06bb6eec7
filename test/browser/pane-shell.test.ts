// The task pane's shell in the workbench: the first-run panel (dismissed and remembered, back from
// 帮助, its link to help.html), the Office theme followed (light, dark, a change while open), nothing
// wider than the pane at 320 and 350 px in either theme, and settings errors said once, by label.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SHOTS, workbenchSuite } from './browser';

jest.setTimeout(120_000);

const suite = workbenchSuite();
const pageErrors: string[] = [];


async function open(query = '', viewport = { width: 1400, height: 860 }): Promise<Page> {
  const page = await suite.browser.newPage({ viewport });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${suite.url}?sample=${encodeURIComponent('示例-项目支出自评.xlsx')}${query}`);
  await page.waitForSelector('[data-testid=grid] td[data-addr=A1]');
  await page.waitForSelector('[data-testid=pane-root]');
  return page;
}

/** The pane at a width, as Excel sizes its task pane. */
async function paneWidth(page: Page, px: number): Promise<void> {
  await page.evaluate((w) => {
    const pane = document.querySelector('[data-testid=taskpane]') as HTMLElement;
    pane.style.width = `${w}px`;
    pane.style.flex = `0 0 ${w}px`;
  }, px);
}

/** What sticks out of the pane: its scroll widths, and any element whose box ends right of it. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector('[data-testid=taskpane]') as HTMLElement;
    const root = document.querySelector('[data-testid=pane-root]') as HTMLElement;
    const right = pane.getBoundingClientRect().right;
    const wide = Array.from(root.querySelectorAll('*'))
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > right + 0.5;
      })
      .map((e) => `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''} ${Math.round(e.getBoundingClientRect().right - right)}px`);
    return { root: root.scrollWidth - root.clientWidth, pane: pane.scrollWidth - pane.clientWidth, wide: wide.slice(0, 5) };
  });
}

const rgb = (s: string) => (s.match(/\d+/g) ?? []).slice(0, 3).map(Number);
const dark = (s: string) => {
  const [r, g, b] = rgb(s);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 100;
};

test('first run: what it does, the three steps and a link to help; dismissed, remembered, back from 帮助', async () => {
  const page = await open();
  const panel = page.locator('[data-testid=first-run]');
  await panel.waitFor();
  const text = await panel.innerText();
  expect(text).toContain('检查预算绩效自评表中的错误');
  for (const step of ['检查', '重算', '报告']) expect(text).toContain(step);
  // The three steps, in order, each taking you to its tab.
  expect(await panel.locator('li').allInnerTexts()).toEqual([
    expect.stringMatching(/^检查：/),
    expect.stringMatching(/^重算：/),
    expect.stringMatching(/^报告：/),
  ]);
  await page.locator('[data-testid=taskpane]').screenshot({ path: join(SHOTS, '11-first-run.png') });

  // The help page opens from it (a normal link in the workbench).
  const link = page.locator('[data-testid=help-link]');
  expect(await link.getAttribute('href')).toBe('help.html');
  const [help] = await Promise.all([page.waitForEvent('popup'), link.click()]);
  await help.waitForLoadState();
  expect(await help.title()).toBe('绩效自评助手 · 使用说明');
  expect(await help.locator('body').innerText()).toContain('先重算');
  await help.close();

  await page.click('[data-testid=first-run-go-recalc]');
  await page.waitForSelector('[data-testid=preview]');
  expect(await panel.count()).toBe(0);
  await page.click('[data-testid=tab-check]');
  await panel.waitFor();

  // Dismissed: gone, and still gone after the pane is opened again.
  await page.click('[data-testid=first-run-close]');
  expect(await panel.count()).toBe(0);
  await page.reload();
  await page.waitForSelector('[data-testid=check]');
  await page.waitForTimeout(200);
  expect(await panel.count()).toBe(0);
  // 帮助 brings it back, on any tab.
  await page.click('[data-testid=tab-settings]');
  await page.click('[data-testid=help]');
  await panel.waitFor();
  expect(await page.locator('[data-testid=save-settings]').count()).toBe(1);
  await page.close();
});

test('the pane follows the Office theme: light by default, dark with ?theme=dark, and a change while open', async () => {
  const light = await open();
  const root = light.locator('[data-testid=pane-root]');
  expect(await root.getAttribute('data-theme')).toBe('light');
  expect(dark(await root.evaluate((e) => getComputedStyle(e).backgroundColor))).toBe(false);
  // The user picks Office's Black theme: the pane reads it again when it comes back into focus.
  await light.evaluate(() => (window as any).__workbench.setOfficeTheme('dark'));
  await light.waitForSelector('[data-testid=pane-root][data-theme=dark]');
  expect(dark(await root.evaluate((e) => getComputedStyle(e).backgroundColor))).toBe(true);
  await light.close();

  const page = await open('&theme=dark');
  const r = page.locator('[data-testid=pane-root]');
  expect(await r.getAttribute('data-theme')).toBe('dark');
  const colours = await r.evaluate((e) => ({ bg: getComputedStyle(e).backgroundColor, fg: getComputedStyle(e).color }));
  expect(dark(colours.bg)).toBe(true);
  expect(dark(colours.fg)).toBe(false);
  // Text in the panels is light on the dark background too (tokens, not fixed colours).
  await page.click('[data-testid=check]');
  await page.waitForSelector('[data-testid=finding]');
  const finding = await page.locator('[data-testid=finding]').first().evaluate((e) => getComputedStyle(e).color);
  expect(dark(finding)).toBe(false);
  await page.close();
});

describe.each([
  ['light', ''],
  ['dark', '&theme=dark'],
])('nothing is wider than the pane (%s theme)', (theme, query) => {
  test.each([320, 350])('at %i px, on every tab', async (px) => {
    const page = await open(query);
    await paneWidth(page, px);
    const seen: Record<string, Awaited<ReturnType<typeof overflow>>> = {};
    seen['first run'] = await overflow(page);

    await page.click('[data-testid=check]');
    await page.waitForSelector('[data-testid=finding]');
    seen['检查'] = await overflow(page);

    await page.click('[data-testid=tab-recalc]');
    await page.click('[data-testid=preview]');
    await page.waitForSelector('[data-testid=change]');
    seen['重算'] = await overflow(page);

    await page.click('[data-testid=tab-report]');
    await page.click('[data-testid=report-sheet]');
    await page.waitForSelector('[data-testid=report-warning]');
    seen['报告'] = await overflow(page);

    await page.click('[data-testid=tab-settings]');
    await page.fill('input[data-testid=setting-precision]', '9');
    await page.click('[data-testid=save-settings]');
    await page.waitForSelector('[data-testid=settings-error-precision]');
    seen['设置'] = await overflow(page);
    if (theme === 'dark' && px === 320) await page.locator('[data-testid=taskpane]').screenshot({ path: join(SHOTS, '11-dark-320.png') });

    for (const [where, o] of Object.entries(seen)) {
      expect({ where, ...o }).toEqual({ where, root: expect.any(Number), pane: expect.any(Number), wide: [] });
      expect(o.root).toBeLessThanOrEqual(0);
      expect(o.pane).toBeLessThanOrEqual(0);
    }
    await page.close();
  });
});

test('设置: an invalid value is said once, beside its field, by its label (not the JSON key)', async () => {
  const page = await open();
  await page.click('[data-testid=tab-settings]');
  // The 反向指标 list names the methods briefly; the rule of the one chosen is under it.
  expect(await page.locator('[data-testid=setting-reverseScoring] option').allInnerTexts()).toEqual(['线性扣分', '比值计分']);
  expect(await page.locator('[data-testid=pane-root]').innerText()).toContain('达到指标值的 2 倍时得 0 分');

  await page.fill('input[data-testid=setting-precision]', '9');
  await page.click('[data-testid=save-settings]');
  const message = page.locator('[data-testid=settings-error-precision]');
  await message.waitFor();
  expect(await message.innerText()).toBe('得分小数位数必须是 0 到 4 的整数。');
  const pane = await page.locator('[data-testid=pane-root]').innerText();
  expect(pane.split('必须是 0 到 4 的整数').length - 1).toBe(1);
  expect(pane).not.toContain('precision');
  // Beside its field: inside the field that holds the input.
  const sameField = await page.evaluate(() => {
    const input = document.querySelector('input[data-testid=setting-precision]')!;
    const msg = document.querySelector('[data-testid=settings-error-precision]')!;
    let field: Element | null = input;
    while (field && !field.contains(msg)) field = field.parentElement;
    return field?.querySelectorAll('input').length;
  });
  expect(sameField).toBe(1);
  await page.screenshot({ path: join(SHOTS, '11-settings-error.png') });

  await page.fill('input[data-testid=setting-precision]', '1');
  await page.click('[data-testid=save-settings]');
  await page.waitForSelector('[data-testid=notice] >> text=设置已保存');
  expect(await message.count()).toBe(0);
  await page.close();
});

test('the pages raise no script error', () => {
  expect(pageErrors).toEqual([]);
});

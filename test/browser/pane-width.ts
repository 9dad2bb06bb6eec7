// Whether the task pane fits its width: no horizontal scroll, and no row, header or button (nor
// anything in one) reaching past the pane's right edge or clipping its own content sideways.
import type { Page } from 'playwright-core';

export async function setPaneWidth(page: Page, width: number): Promise<void> {
  await page.addStyleTag({ content: `.pane { width: ${width}px !important; }` });
}

export function overflowing(page: Page): Promise<{ width: number; scrollWidth: number; wide: string[] }> {
  return page.evaluate(() => {
    const pane = document.querySelector('[data-testid=taskpane]') as HTMLElement;
    const right = pane.getBoundingClientRect().left + pane.clientWidth + 0.5;
    const rows = pane.querySelectorAll(
      'button, [role=tab], [data-testid=summary], [data-testid=finding], [data-testid=finding] *, [data-testid=finding-group], [data-testid=table-item], [data-testid=change], [data-testid=change] *, [data-testid=change-explain], [data-testid=change-explain] *, select, [data-testid=change-group], [data-testid=change-table], [data-testid=preview-count], [data-testid=applied-head], [data-testid=search]',
    );
    const wide = Array.from(rows)
      .filter((e) => e.getBoundingClientRect().width > 0 && (e.getBoundingClientRect().right > right || e.scrollWidth > e.clientWidth + 1))
      .map((e) => `${e.getAttribute('data-testid') ?? e.tagName}: ${(e as HTMLElement).innerText?.slice(0, 40)}`);
    return { width: pane.clientWidth, scrollWidth: pane.scrollWidth, wide };
  });
}

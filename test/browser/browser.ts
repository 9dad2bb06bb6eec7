// Headless Chromium (Debian's) driven by playwright-core, and the built pages served on 127.0.0.1.
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = join(__dirname, '../..');
export const SHOTS = join(ROOT, 'test-output/screenshots');

export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export async function launch(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('找不到 Chromium：请运行 apt-get install -y chromium fonts-noto-cjk（npm test 会自动安装）。');
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Builds the pages if they are missing (npm test builds them first). */
export function ensureBuilt(): void {
  if (!existsSync(join(ROOT, 'dist/web/index.html'))) {
    execFileSync('npx', ['webpack', '--mode', 'production', '--env', 'localOffice'], { cwd: ROOT, stdio: 'ignore' });
  }
}

export async function serve(): Promise<{ url: string; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs'], { cwd: ROOT, env: { ...process.env, PORT: '0' } });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.stderr?.on('data', (d) => reject(new Error(String(d))));
    child.on('exit', (code) => reject(new Error(`服务器退出：${code}`)));
  });
  return { url, stop: () => child.kill() };
}

/** The built pages served and Chromium launched for a test file, both closed after it. */
export interface WorkbenchSuite {
  readonly browser: Browser;
  /** The served pages' base URL, ending in "/". */
  readonly url: string;
}

/** Registers beforeAll/afterAll that build (if needed), serve and launch; call at the top of a test file. */
export function workbenchSuite(): WorkbenchSuite {
  let browser: Browser | undefined;
  let server: { url: string; stop: () => void } | undefined;
  beforeAll(async () => {
    ensureBuilt();
    server = await serve();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium 尚未启动');
      return browser;
    },
    get url() {
      if (!server) throw new Error('页面服务尚未启动');
      return server.url;
    },
  };
}

/** A screenshot at the workbench's usual size, for tests that run taller so that whole lists render. */
export async function shotAtUsualSize(page: Page, name: string, tallHeight: number): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.waitForTimeout(100);
  await page.screenshot({ path: join(SHOTS, name) });
  await page.setViewportSize({ width: 1400, height: tallHeight });
}

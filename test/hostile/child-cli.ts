// The built CLI (dist/) in a child process, bounded in time and heap, with its wall time and peak
// memory: for inputs that could hang or exhaust memory, which an in-process run could not survive.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../..');
export const CLI = join(ROOT, 'dist/cli/main.js');
const PRELOAD = join(__dirname, 'max-rss.cjs');

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/ (tsc) when it is missing or older than src/; one build at a time across jest workers. */
export function ensureBuilt(): void {
  const stale = () => !existsSync(CLI) || statSync(CLI).mtimeMs < newestMtime(join(ROOT, 'src'));
  if (!stale()) return;
  const lock = join(tmpdir(), `jixiao-build-${Buffer.from(ROOT).toString('hex').slice(-40)}.lock`);
  const t0 = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker builds: wait for it (a lock older than 5 minutes is left over from a crash).
      if (Date.now() - t0 > 300_000) rmSync(lock, { recursive: true, force: true });
      execFileSync(process.execPath, ['-e', 'setTimeout(() => {}, 500)']);
    }
  }
  try {
    if (stale()) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    rmdirSync(lock);
  }
}

export interface ChildRun {
  /** Exit code; null when killed (timed out, or the heap limit aborted it). */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the child, in MB (process.resourceUsage().maxRSS at exit); NaN when it did not exit normally. */
  maxRssMb: number;
}

/** `node --max-old-space-size=<heapMb> dist/cli/main.js ...args`, killed after `timeoutMs`. */
export function runChild(args: string[], opts: { timeoutMs: number; heapMb: number; cwd?: string }): Promise<ChildRun> {
  const rssFile = join(tmpdir(), `jixiao-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [`--max-old-space-size=${opts.heapMb}`, '--require', PRELOAD, CLI, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, JIXIAO_RSS_FILE: rssFile, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      let maxRssMb = NaN;
      if (existsSync(rssFile)) {
        maxRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
        rmSync(rssFile, { force: true });
      }
      resolve({ code, signal, timedOut, stdout, stderr, ms, maxRssMb });
    });
  });
}

/** Runs `jobs` with at most `parallel` at a time, results in order. */
export async function pooled<T>(jobs: (() => Promise<T>)[], parallel: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]();
      }
    }),
  );
  return out;
}

/**
 * SPEC §5's explanation of a readable workbook in which no table was recognised (a mutation may leave
 * one): 未识别到自评表：…, one line per sheet, the header words looked for; no stack trace.
 */
export function isNothingRecognised(stderr: string): boolean {
  const lines = stderr.trim().split('\n').filter((l) => !l.startsWith('注意：'));
  return (
    lines.length >= 2 &&
    /^未识别到自评表：/.test(lines[0]) &&
    lines.slice(1, -1).every((l) => l.startsWith('  · ')) &&
    /^本工具按表头文字识别表格/.test(lines[lines.length - 1]) &&
    !/\bat \S+ \(|\bat node:|Error:|TypeError|RangeError|\[object|FATAL/.test(stderr)
  );
}

/** A message for the user: Chinese, one line, no stack trace or library text in English. */
export function isChineseSentence(stderr: string): boolean {
  const text = stderr.trim();
  return (
    text.split('\n').length === 1 &&
    /[\u4e00-\u9fff]/.test(text) &&
    !/\bat \S+ \(|\bat node:|Error:|TypeError|RangeError|undefined|\[object|FATAL|heap/i.test(text)
  );
}

// jixiao check DIR / recalc DIR -o OUTDIR: every workbook of a folder (a finance bureau reviewing each
// unit's filing), in-process or spread over worker threads where that pays (defaultWorkers); one
// unreadable file is reported and the others go on.
import { promises as fsp } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname, join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SEVERITY_LABEL } from '../core/labels';
import { EXPECTED_HEADERS, NOTHING_RECOGNISED } from '../core/recognition';
import type { Settings } from '../core/settings';
import { MAX_FILE_BYTES } from '../hosts/xlsx/limits';
import { KIND_EXTENSION, KIND_NAME, kindOfName, packageKind, type WorkbookKind } from '../hosts/xlsx/write';
import { runJob, type Job, type JobResult } from './job';

export class BatchError extends Error {}

export interface BatchOptions {
  dir: string;
  mode: 'check' | 'recalc';
  outDir?: string;
  settings: Settings;
  workers?: number;
  /** Called after each file, for the progress bar. */
  progress?: (done: number, total: number, file: string) => void;
}

/** Files a batch looks at: the folder's own files (not sub-folders), spreadsheets by name. */
const CANDIDATE = /\.(xlsx|xlsm|xls|et|csv)$/i;

export async function listWorkbooks(dir: string): Promise<string[]> {
  let names: string[];
  try {
    const st = await fsp.stat(dir);
    if (!st.isDirectory()) throw new BatchError(`不是文件夹：${dir}`);
    names = await fsp.readdir(dir);
  } catch (e) {
    if (e instanceof BatchError) throw e;
    throw new BatchError(`无法读取文件夹：${dir}`);
  }
  const files = names.filter((n) => CANDIDATE.test(n) && !n.startsWith('~$') && !n.startsWith('.')).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  if (!files.length) throw new BatchError(`文件夹中没有 .xlsx 工作簿：${dir}`);
  return files.map((n) => join(dir, n));
}

// How many worker threads a folder gets without --workers, from measurements (`node bench/batch.mjs`;
// figures and method in bench/README.md, "How many workers") on the 2-core VM (Node 20, AMD EPYC):
// - A worker is not free. It loads the code again (0.14–0.2 s) and its isolate compiles it again: a
//   fresh worker takes 15 ms a file (check) or 45 ms (recalc) for its first 10 sample-sized workbooks,
//   7 / 16 ms up to the 50th, 5.4 / 12 ms up to the 200th, then 4.8 / 9.6 ms; 0.4 s (check) to 1.0 s
//   (recalc) more than the warm rate in all. Two workers cost 0.5 s more CPU than one in-process run
//   at 10 files and 1.5–3.3 s more at 1,000.
// - So on 2 cores two workers were no faster than one in-process run at any size measured: 10, 50, 200
//   and 1,000 files, check and recalc, sample-sized and 5-table workbooks: 0.42–1.01× over two runs
//   (the issue saw 1.5 s against 2.2 s at 200 files). The second isolate's compiling and collecting
//   take the CPU the second worker was to use; the gap narrows with more and heavier files (recalc
//   of 1,000 files: 0.81–1.01×) but never turns into a gain.
// - With spare cores the warm-ups run side by side: by the warm-up curve, 2–3 workers break even with
//   one at about 40–60 files and gain ~0.3 s (1.3–1.4×) at 100; below that the gain is nothing a user
//   sees, and other load on the machine turns it into a loss (as here).
// Hence: in-process below PARALLEL_MIN_FILES files or PARALLEL_MIN_CORES cores (3 cores would give 2
// workers and leave V8's compiler and collector threads one core, close to the case measured here);
// else one worker per core but one (left to the main thread and V8's threads), each with at least
// FILES_PER_WORKER files (past the steep part of its warm-up), at most MAX_DEFAULT_WORKERS (a worker
// adds ~60 MB of peak RSS: 136 → 195 MB for one → two at 1,000 files). --workers N overrides this.
export const PARALLEL_MIN_CORES = 4;
export const PARALLEL_MIN_FILES = 100;
export const FILES_PER_WORKER = 50;
export const MAX_DEFAULT_WORKERS = 8;

/** Worker threads for a folder of `files` workbooks when --workers is not given; 1 means in-process. */
export function defaultWorkers(files: number, cores: number = availableParallelism()): number {
  if (cores < PARALLEL_MIN_CORES || files < PARALLEL_MIN_FILES) return 1;
  return Math.max(1, Math.min(cores - 1, Math.floor(files / FILES_PER_WORKER), MAX_DEFAULT_WORKERS));
}

function workerCount(requested: number | undefined, files: number): number {
  return Math.max(1, Math.min(requested ?? defaultWorkers(files), files));
}

export async function runBatch(o: BatchOptions): Promise<JobResult[]> {
  const files = await listWorkbooks(o.dir);
  if (o.mode === 'recalc') {
    if (!o.outDir) throw new BatchError('批量重算需要用 -o 指定输出文件夹。');
    if (resolve(o.outDir) === resolve(o.dir)) throw new BatchError('输出文件夹不能与输入文件夹相同，以免覆盖原文件。');
    await fsp.mkdir(o.outDir, { recursive: true }).catch(() => {
      throw new BatchError(`无法创建输出文件夹：${o.outDir}`);
    });
  }
  const outputs = o.mode === 'recalc' && o.outDir ? await outputNames(files) : undefined;
  const jobs: Job[] = files.map((file, i) => ({
    file,
    mode: o.mode,
    settings: o.settings,
    out: outputs ? join(o.outDir!, outputs[i].name) : undefined,
  }));
  const results: JobResult[] = new Array(jobs.length);
  let done = 0;
  const finish = (i: number, r: JobResult) => {
    const named = r.ok && outputs ? { output: jobs[i].out, ...withNotes(r.notes, outputs[i].note) } : {};
    results[i] = { ...r, file: relative(o.dir, jobs[i].file) || basename(jobs[i].file), ...named };
    o.progress?.(++done, jobs.length, results[i].file);
  };
  const n = workerCount(o.workers, jobs.length);
  if (n === 1) {
    for (let i = 0; i < jobs.length; i++) finish(i, await runJob(jobs[i]));
    return results;
  }
  let next = 0;
  const script = join(__dirname, 'batch-worker.js');
  await Promise.all(
    Array.from({ length: n }, async () => {
      // A no-op 'error' listener: an error between jobs must not become an uncaught exception.
      const spawn = () => new Worker(script).on('error', () => undefined);
      let worker = spawn();
      try {
        while (next < jobs.length) {
          const i = next++;
          // A worker that fails (e.g. runs out of memory on one file) reports that file and is
          // replaced, so the remaining files never wait on a dead worker.
          let dead = false;
          const r = await new Promise<JobResult>((ok) => {
            const failed = (why: string): JobResult => ({ file: jobs[i].file, ok: false, error: `处理失败：${why}`, tables: 0, errors: 0, warnings: 0, infos: 0, findings: [] });
            const off = () => {
              worker.off('message', onMessage);
              worker.off('error', onError);
              worker.off('exit', onExit);
            };
            const onMessage = (m: JobResult) => {
              off();
              ok(m);
            };
            const onError = (e: Error) => {
              off();
              dead = true;
              const oom = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
              ok(failed(oom ? '内存不足，文件过大或过于复杂，无法处理' : e.message));
            };
            const onExit = (code: number) => {
              off();
              dead = true;
              ok(failed(`工作线程意外退出（代码 ${code}）`));
            };
            worker.on('message', onMessage);
            worker.on('error', onError);
            worker.on('exit', onExit);
            worker.postMessage(jobs[i]);
          });
          finish(i, r);
          if (dead && next < jobs.length) {
            await worker.terminate();
            worker = spawn();
          }
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  return results;
}

function withNotes(notes: string[] | undefined, note: string | undefined): { notes?: string[] } {
  const all = [...(notes ?? []), ...(note ? [note] : [])];
  return all.length ? { notes: all } : {};
}

/**
 * The kind of the workbook in `file` by its content ([Content_Types].xml), else by its name. Only a
 * regular file within the size limit is read (a pipe or a huge file is left to the job to refuse).
 */
async function kindOfFile(file: string): Promise<WorkbookKind> {
  try {
    const st = await fsp.stat(file);
    if (st.isFile() && st.size > 0 && st.size <= MAX_FILE_BYTES) {
      const kind = packageKind(await fsp.readFile(file));
      if (kind) return kind;
    }
  } catch {
    // Unreadable: the job says why.
  }
  return kindOfName(file);
}

/** How file systems compare names: Windows and macOS ignore case, macOS normalises Unicode. */
const nameKey = (name: string) => name.normalize('NFC').toLowerCase();

/**
 * Each input's output name in the output folder: its own name with the extension of its kind (an
 * .xlsm stays .xlsm, an .xlsx named .et becomes .xlsx). Names that would be one file on a
 * case-insensitive file system get a suffix, " (2)", " (3)", …: files that keep their own name claim
 * theirs first, then in folder order; a suffix never takes a name another file would have.
 */
async function outputNames(files: string[]): Promise<{ name: string; note?: string }[]> {
  const wanted: { input: string; name: string; kind: WorkbookKind }[] = [];
  for (const file of files) {
    const kind = await kindOfFile(file);
    wanted.push({ input: basename(file), name: basename(file, extname(file)) + KIND_EXTENSION[kind], kind });
  }
  const natural = new Set(wanted.map((w) => nameKey(w.name)));
  const claimedBy = new Map<string, string>();
  const result: { name: string; note?: string }[] = new Array(files.length);
  const keepsOwn = (i: number) => wanted[i].name === wanted[i].input;
  const order = [...files.keys()].sort((a, b) => Number(keepsOwn(b)) - Number(keepsOwn(a)) || a - b);
  for (const i of order) {
    const w = wanted[i];
    const owner = claimedBy.get(nameKey(w.name));
    if (owner === undefined) {
      claimedBy.set(nameKey(w.name), w.input);
      result[i] = { name: w.name, note: keepsOwn(i) ? undefined : `内容是${KIND_NAME[w.kind]}，输出为「${w.name}」` };
      continue;
    }
    const stem = basename(w.name, extname(w.name));
    const ext = extname(w.name);
    let n = 2;
    while (claimedBy.has(nameKey(`${stem} (${n})${ext}`)) || natural.has(nameKey(`${stem} (${n})${ext}`))) n++;
    const name = `${stem} (${n})${ext}`;
    claimedBy.set(nameKey(name), w.input);
    const otherOwn = wanted.find((x) => x.input === owner)!;
    const caseOnly = otherOwn.name !== w.name ? '（不区分大小写）' : '';
    result[i] = { name, note: `输出文件名与「${owner}」的相同${caseOnly}，已改为「${name}」` };
  }
  return result;
}

/** A progress bar on a terminal: "[██████······] 12/200 某单位.xlsx". */
export function progressBar(write: (s: string) => void): (done: number, total: number, file: string) => void {
  return (done, total, file) => {
    const width = 24;
    const filled = Math.round((done / total) * width);
    const name = file.length > 30 ? `…${file.slice(-29)}` : file;
    write(`\r[${'█'.repeat(filled)}${'·'.repeat(width - filled)}] ${done}/${total} ${name}\x1b[K${done === total ? '\n' : ''}`);
  };
}

function pad(s: string, width: number): string {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return s + ' '.repeat(Math.max(0, width - w));
}

export function summaryTable(results: JobResult[], mode: 'check' | 'recalc'): string {
  const head = ['文件', '表格', SEVERITY_LABEL.error, SEVERITY_LABEL.warning, SEVERITY_LABEL.info, ...(mode === 'recalc' ? ['写入'] : []), '状态'];
  const rows = results.map((r) => [
    r.file,
    String(r.tables),
    String(r.errors),
    String(r.warnings),
    String(r.infos),
    ...(mode === 'recalc' ? [String(r.changes ?? 0)] : []),
    r.ok ? (r.errors ? '有错误' : '通过') : r.unrecognised ? NOTHING_RECOGNISED : `无法处理：${r.error}`,
  ]);
  const widths = head.map((h, i) => Math.min(40, Math.max(...[h, ...rows.map((r) => r[i])].map((x) => pad(x, 0).length + (x.match(/[\u1100-\uffff]/g)?.length ?? 0)))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]))).join('  ');
  const unrecognised = results.filter((r) => r.unrecognised);
  const failed = results.filter((r) => !r.ok && !r.unrecognised).length;
  const withErrors = results.filter((r) => r.ok && r.errors > 0).length;
  const passed = results.length - failed - withErrors - unrecognised.length;
  const total = `共 ${results.length} 个文件：${passed} 个通过，${withErrors} 个有错误，${unrecognised.length ? `${unrecognised.length} 个${NOTHING_RECOGNISED}，` : ''}${failed} 个无法处理。`;
  // Why each file had nothing recognised: what its sheets held (the table has room for a word only).
  const why = unrecognised.map((r) => `${NOTHING_RECOGNISED}：${r.file}：${r.unrecognised!.reason}。`);
  if (why.length) why.push(EXPECTED_HEADERS);
  const notes = results.flatMap((r) => (r.notes ?? []).map((n) => `注意：${r.file}：${n}。`));
  return [line(head), ...rows.map(line), total, ...why, ...notes].join('\n') + '\n';
}

// Batch figures: `jixiao check DIR` and `jixiao recalc DIR -o OUT` (the built CLI, as users run it) on
// folders of 10, 50, 200 and 1,000 workbooks, with 1 worker, 2, all cores, and the default (no
// --workers: src/cli/batch.ts defaultWorkers). Wall time, best of a few runs. Prints, per folder, the
// speed-up of each setting over 1 worker, and merges the "batch" key into results.json.
//
//   node bench/batch.mjs [--files 10,50,200,1000] [--kinds sample,tables-5] [--modes check,recalc]
//                        [--workers 1,2,4] [--reps N] [--curve 300]
//
// First, a fresh worker's warm-up curve (--curve files, 0 to skip): code load time and ms a file by
// position, the cost a worker adds beyond its share of the files. Then the folders; last, per kind and
// mode, a line through (files, ms) for each setting: fixed cost, cost a file, and the break-even.
//
// Kinds: `sample` = the three real workbooks (../shared/samples/lusong-2023.xlsx, xiangdong-2023.xlsx and
// samples/示例-项目支出自评.xlsx, 8–12 KB, 2–4 tables: what one unit files) in turn; `tables-5` = the
// generated out/tables-5.xlsx (17 KB, 5 tables of 25 indicator rows). Folders go to out/batch-KIND-N/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { generate, OUT_DIR, workbookPath } from './generate.mjs';

const root = join(OUT_DIR, '..', '..');
const cli = join(root, 'dist/cli/main.js');
const { values } = parseArgs({
  options: { files: { type: 'string', default: '10,50,200,1000' }, kinds: { type: 'string', default: 'sample,tables-5' }, modes: { type: 'string', default: 'check,recalc' }, workers: { type: 'string' }, reps: { type: 'string' }, curve: { type: 'string' } },
});
const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);
const COUNTS = list(values.files).map(Number);
const KINDS = list(values.kinds);
const MODES = list(values.modes);
const cores = availableParallelism();
const WORKERS = values.workers ? list(values.workers).map(Number) : [...new Set([1, 2, cores])];
const { defaultWorkers } = createRequire(import.meta.url)(join(root, 'dist/cli/batch.js'));

async function sources(kind) {
  if (kind === 'sample') {
    const files = [join(root, '../shared/samples/lusong-2023.xlsx'), join(root, '../shared/samples/xiangdong-2023.xlsx'), join(root, 'samples/示例-项目支出自评.xlsx')];
    return files.filter(existsSync);
  }
  const m = /^tables-(\d+)$/.exec(kind);
  if (!m) throw new Error(`unknown kind ${kind}`);
  const path = workbookPath(Number(m[1]));
  if (!existsSync(path)) await generate(Number(m[1]));
  return [path];
}

async function folder(kind, n) {
  const dir = join(OUT_DIR, `batch-${kind}-${n}`);
  const src = await sources(kind);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const f = join(dir, `单位${String(i + 1).padStart(4, '0')}.xlsx`);
    if (!existsSync(f)) copyFileSync(src[i % src.length], f);
  }
  return dir;
}

// The CLI's own CPU time (all its threads) and peak RSS, written by a preloaded script as it exits:
// CPU time hardly moves when other processes share the machine, wall time does.
const usageFile = join(OUT_DIR, 'batch-usage.json');
const preload = join(OUT_DIR, 'batch-usage.cjs');
writeFileSync(
  preload,
  `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMb: u.maxRSS / 1024 })); });\n`,
);

/** One CLI run: wall time, CPU time and peak RSS; `workers` undefined = the default. */
function time(dir, n, mode, workers) {
  const out = `${dir}-out`;
  rmSync(out, { recursive: true, force: true });
  rmSync(usageFile, { force: true });
  const args = mode === 'check' ? ['check', dir] : ['recalc', dir, '-o', out];
  if (workers !== undefined) args.push('--workers', String(workers));
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', preload, cli, ...args, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const files = JSON.parse(r.stdout).files;
  if (files.length !== n || files.some((f) => !f.ok)) throw new Error(`batch run failed: ${r.stderr}`);
  return { ms, ...JSON.parse(readFileSync(usageFile, 'utf8')) };
}

const reps = (n) => Number(values.reps ?? (n <= 50 ? 5 : n <= 200 ? 3 : 2));
const round2 = (x) => Math.round(x * 100) / 100;

// A fresh worker's warm-up: one worker thread (a new isolate, as a batch worker is) runs `CURVE` jobs one
// after another on the sample workbooks; ms a file by position. What a worker costs beyond its files.
async function warmUpCurve(mode) {
  const files = await sources('sample');
  const outDir = join(OUT_DIR, 'batch-curve-out');
  mkdirSync(outDir, { recursive: true });
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const t0 = performance.now();
    const { runJob } = require(workerData.job);
    const { DEFAULT_SETTINGS } = require(workerData.settings);
    const loadMs = performance.now() - t0;
    (async () => {
      const ms = [];
      for (let i = 0; i < workerData.n; i++) {
        const t = performance.now();
        await runJob({ file: workerData.files[i % workerData.files.length], mode: workerData.mode, settings: DEFAULT_SETTINGS, out: workerData.out + '/' + (i % 3) + '.xlsx' });
        ms.push(performance.now() - t);
      }
      parentPort.postMessage({ loadMs, ms });
    })();`;
  const { Worker } = await import('node:worker_threads');
  const w = new Worker(code, { eval: true, workerData: { job: join(root, 'dist/cli/job.js'), settings: join(root, 'dist/core/settings.js'), files, mode, n: CURVE, out: outDir } });
  const r = await new Promise((ok, fail) => w.once('message', ok).once('error', fail));
  await w.terminate();
  const bands = [[0, 10], [10, 50], [50, 100], [100, 200], [200, CURVE]].filter(([a, b]) => b <= CURVE && a < b);
  const avg = (a, b) => r.ms.slice(a, b).reduce((x, y) => x + y, 0) / (b - a);
  const warm = avg(CURVE - 100, CURVE);
  const curve = {
    mode,
    loadMs: Math.round(r.loadMs),
    bands: bands.map(([a, b]) => ({ files: `${a + 1}-${b}`, msPerFile: round2(avg(a, b)) })),
    warmMsPerFile: round2(warm),
    warmUpExcessMs: Math.round(r.ms.slice(0, CURVE - 100).reduce((x, y) => x + y, 0) - (CURVE - 100) * warm),
  };
  console.log(`warm-up ${mode.padEnd(6)} in a fresh worker: code load ${curve.loadMs} ms; ${curve.bands.map((b) => `files ${b.files}: ${b.msPerFile} ms`).join(', ')}; excess over the warm rate ${curve.warmUpExcessMs} ms; load ${Math.round(loadavg()[0] * 10) / 10}`);
  return curve;
}

const CURVE = Number(values.curve ?? 300);
const curves = [];
if (CURVE > 100) for (const mode of MODES) curves.push(await warmUpCurve(mode));

const rows = [];
for (const kind of KINDS) {
  for (const n of COUNTS) {
    const dir = await folder(kind, n);
    for (const mode of MODES) {
      const byWorkers = {};
      // Interleaved (1, 2, …, default, 1, 2, …) so a slow spell of the VM hits every setting alike.
      const samples = Object.fromEntries([...WORKERS.map(String), 'default'].map((k) => [k, []]));
      for (let i = 0; i < reps(n); i++) {
        for (const w of WORKERS) samples[String(w)].push(time(dir, n, mode, w));
        samples.default.push(time(dir, n, mode, undefined));
      }
      const cpuMs = {};
      const maxRssMb = {};
      for (const k of Object.keys(samples)) {
        byWorkers[k] = Math.round(Math.min(...samples[k].map((x) => x.ms)));
        cpuMs[k] = Math.round(Math.min(...samples[k].map((x) => x.cpuMs)));
        maxRssMb[k] = Math.round(Math.max(...samples[k].map((x) => x.maxRssMb)));
      }
      const one = byWorkers['1'];
      const row = {
        kind,
        mode,
        files: n,
        defaultWorkers: defaultWorkers(n),
        load: Math.round(loadavg()[0] * 10) / 10,
        wallMs: byWorkers,
        cpuMs,
        maxRssMb,
        speedup: Object.fromEntries(Object.entries(byWorkers).filter(([k]) => k !== '1').map(([k, ms]) => [k, round2(one / ms)])),
      };
      rows.push(row);
      const cells = Object.entries(byWorkers).map(([k, ms]) => `${k === 'default' ? `default (${row.defaultWorkers})` : `${k} worker${k === '1' ? '' : 's'}`} ${ms} ms${k === '1' ? '' : ` (${row.speedup[k]}×)`} [cpu ${cpuMs[k]}]`);
      console.log(`${mode.padEnd(6)} ${kind.padEnd(8)} ${String(n).padStart(5)} files: ${cells.join(', ')}; load ${row.load}`);
    }
  }
}

// Per setting, a least-squares line through (files, ms): the fixed cost (process and worker start-up)
// and the cost per file. Parallel pays from (fixed_n - fixed_1) / (perFile_1 - perFile_n) files, when
// perFile_n < perFile_1.
const fits = [];
for (const kind of KINDS) {
  for (const mode of MODES) {
    const rs = rows.filter((r) => r.kind === kind && r.mode === mode);
    if (rs.length < 2) continue;
    const line = (k) => {
      const xs = rs.map((r) => r.files);
      const ys = rs.map((r) => r.wallMs[k]);
      const mx = xs.reduce((a, b) => a + b) / xs.length;
      const my = ys.reduce((a, b) => a + b) / ys.length;
      const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
      return { fixedMs: Math.round(my - slope * mx), perFileMs: round2(slope) };
    };
    const byWorkers = Object.fromEntries(WORKERS.map((w) => [w, line(String(w))]));
    const one = byWorkers[1];
    const breakEven = Object.fromEntries(
      WORKERS.filter((w) => w !== 1).map((w) => {
        const b = byWorkers[w];
        return [w, b.perFileMs < one.perFileMs ? Math.max(0, Math.round((b.fixedMs - one.fixedMs) / (one.perFileMs - b.perFileMs))) : null];
      }),
    );
    fits.push({ kind, mode, byWorkers, breakEvenFiles: breakEven });
    console.log(`${mode.padEnd(6)} ${kind.padEnd(8)} fit: ${WORKERS.map((w) => `${w} worker${w === 1 ? '' : 's'} ${byWorkers[w].fixedMs} ms + ${byWorkers[w].perFileMs} ms/file`).join('; ')}; parallel pays from ${WORKERS.filter((w) => w !== 1).map((w) => `${breakEven[w] ?? 'never'} files (${w})`).join(', ')}`);
  }
}

const path = join(root, 'bench/results.json');
const results = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
results.batch = { cores, date: new Date().toISOString(), note: 'wall ms, best of 2-5 runs; speedup = ms with 1 worker / ms with the setting', curves, rows, fits };
writeFileSync(path, JSON.stringify(results, null, 2) + '\n');

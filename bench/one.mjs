// Measures one workbook size in this (fresh) process, so the peak memory is this size's own.
//   node --expose-gc bench/one.mjs SIZE [--reps N] [--only engine|excel|e2e]
//   BENCH_DIST=/abs/path/dist node --expose-gc bench/one.mjs SIZE    (another build, for before/after)
// Prints one JSON line: engine time on the loaded grid, ExcelJS read + write of the same file,
// end-to-end recalc (XlsxHost open + recalc + applyChanges + save, what `jixiao recalc` does: the
// input package edited in place),
// peak RSS and heap used after gc. Times are medians over the repetitions, after one warm-up run of
// each that is not counted.
// Engine: "check" is analyze(wb), what `jixiao check` runs; "recalc" is recalc(wb), what `jixiao recalc`
// runs (it analyses the workbook itself, before and after writing); engineMs = check + recalc, what a
// user who runs both commands pays. recalcReuseMs is recalc(wb, settings, analysis) given the check's
// analysis (a session that has just checked, e.g. the task pane); engineReuseMs = check + that.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workbookPath } from './generate.mjs';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs');
// BENCH_DIST: measure another build of the project (e.g. before a change); default ../dist.
const dist = process.env.BENCH_DIST ?? '../dist';
const { analyze, recalc } = require(`${dist}/core/engine.js`);
const { loadXlsx } = require(`${dist}/hosts/xlsx/read.js`);
const { XlsxHost } = require(`${dist}/hosts/xlsx/xlsx-host.js`);

const args = process.argv.slice(2);
const size = Number(args[0]);
if (!Number.isInteger(size) || size <= 0) {
  console.error('usage: node --expose-gc bench/one.mjs SIZE [--reps N] [--only engine|excel|e2e]');
  process.exit(2);
}
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const reps = Number(opt('--reps') ?? (size >= 1000 ? 5 : size >= 100 ? 7 : 11));
const only = opt('--only');
const gc = globalThis.gc ?? (() => {});
if (!globalThis.gc) console.error('warning: run with --expose-gc for stable timings and heap figures');

const file = workbookPath(size);
const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => Math.round(x * 10) / 10;

async function time(fn) {
  gc();
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function excelReadWrite(i) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  await wb.xlsx.writeFile(join(dir, `exceljs-${i}.xlsx`));
}

let lastChanges = 0;
async function endToEnd(i) {
  const host = await XlsxHost.open(file);
  const r = recalc(await host.readWorkbook());
  await host.applyChanges(r.changes);
  await host.save(join(dir, `recalc-${i}.xlsx`));
  lastChanges = r.changes.changes.length;
}

try {
  const out = { tables: size, file, fileKb: Math.round(statSync(file).size / 1024), reps };

  // Engine: check (analyze) and recalc, on a grid loaded once (no file I/O).
  const { workbook } = await loadXlsx(file);
  let cells = 0;
  for (const s of workbook.sheets) for (const row of s.rows) if (row) for (const c of row) if (c) cells++;
  out.sheets = workbook.sheets.length;
  out.cells = cells;
  if (!only || only === 'engine') {
    const first = analyze(workbook);
    const firstRecalc = recalc(workbook);
    out.tablesFound = first.tables.length;
    out.indicatorRows = first.tables.reduce((n, t) => n + (t.indicators ? t.indicators.length : 0), 0);
    out.findings = first.findings.length;
    out.errors = first.findings.filter((f) => f.severity === 'error').length;
    out.changes = firstRecalc.changes.changes.length;
    out.findingsAfterRecalc = firstRecalc.findings.length;
    const a = [];
    const rc = [];
    const both = [];
    // Back to back after one gc: a forced gc before each repetition leaves V8 with a shrunken young
    // generation and makes the next run slower than any real one.
    gc();
    for (let i = 0; i < Math.max(reps, 5); i++) {
      const t0 = performance.now();
      analyze(workbook);
      const t1 = performance.now();
      recalc(workbook);
      const t2 = performance.now();
      a.push(t1 - t0);
      rc.push(t2 - t1);
      both.push(t2 - t0);
    }
    out.analyzeMs = ms(median(a));
    out.recalcMs = ms(median(rc));
    out.engineMs = ms(median(both));
    // A session that checks, then recalculates reusing the check's analysis (separately, so that its
    // garbage does not land in the figures above).
    const rr = [];
    const bothReuse = [];
    gc();
    for (let i = 0; i < Math.max(reps, 5); i++) {
      const t0 = performance.now();
      const checked = analyze(workbook);
      const t1 = performance.now();
      recalc(workbook, undefined, checked);
      const t2 = performance.now();
      rr.push(t2 - t1);
      bothReuse.push(t2 - t0);
    }
    out.recalcReuseMs = ms(median(rr));
    out.engineReuseMs = ms(median(bothReuse));
  }

  // ExcelJS read + write and end-to-end recalc, alternated so drift affects both alike.
  if (!only || only === 'excel' || only === 'e2e') {
    const rw = [];
    const e2e = [];
    if (only !== 'e2e') await excelReadWrite('warm');
    if (only !== 'excel') await endToEnd('warm');
    for (let i = 0; i < reps; i++) {
      if (only !== 'e2e') rw.push(await time(() => excelReadWrite(i)));
      if (only !== 'excel') e2e.push(await time(() => endToEnd(i)));
      rmSync(join(dir, `exceljs-${i}.xlsx`), { force: true });
      rmSync(join(dir, `recalc-${i}.xlsx`), { force: true });
    }
    if (rw.length) out.excelReadWriteMs = ms(median(rw));
    if (e2e.length) out.endToEndMs = ms(median(e2e));
    if (rw.length && e2e.length) out.ratio = Math.round((out.endToEndMs / out.excelReadWriteMs) * 1000) / 1000;
    if (e2e.length) out.changesWritten = lastChanges;
  }

  // Heap used after gc while a recalculation's state is alive (what `jixiao recalc` holds: the host with
  // its grid and the package's bytes, and the result).
  {
    const host = await XlsxHost.open(file);
    const r = recalc(await host.readWorkbook());
    await host.applyChanges(r.changes);
    gc();
    gc();
    out.heapUsedMb = Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10;
    // Keep the objects reachable until after the measurement.
    if (!host || !r.result) throw new Error('unreachable');
  }
  // maxRSS is in kilobytes: the process's high-water mark over everything above.
  out.peakRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
  console.log(JSON.stringify(out));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The engine benchmark: `npm run bench` (builds, then runs this with --expose-gc).
//   node --expose-gc bench/run.mjs [SIZE ...] [--reps N] [--regen]
// For each size (default 10, 100 and 1,000 项目支出绩效自评表 tables), generates the workbook into
// bench/out/ if needed (bench/generate.mjs), then measures it in a fresh child process
// (bench/one.mjs), so that each size's peak memory is its own. Prints a table and writes the figures
// to bench/results.json under the key "engine", merging with the file's other sections.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { HERE, workbookPath } from './generate.mjs';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, v !== undefined && !v.startsWith('--') ? 2 : 1);
  return v;
};
const regen = args.includes('--regen');
if (regen) args.splice(args.indexOf('--regen'), 1);
const reps = flag('--reps');
const sizes = args.length ? args.map(Number) : [10, 100, 1000];

// Issue 9: 100 tables is the largest real unit; 1,000 is measured for scale only.
const TARGETS = {
  engineMsAt100Tables: 50,
  endToEndOverExcelReadWrite: 0.5,
};

function ensureWorkbook(size) {
  const path = workbookPath(size);
  const generator = join(HERE, 'generate.mjs');
  if (!regen && existsSync(path) && statSync(path).mtimeMs >= statSync(generator).mtimeMs) return;
  process.stdout.write(`generating ${size} tables… `);
  const r = spawnSync(process.execPath, [generator, String(size)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench/generate.mjs ${size} failed`);
  process.stdout.write(r.stdout.split('\n')[0].replace(/^.*?: /, '') + '\n');
}

function measure(size) {
  const childArgs = ['--expose-gc', join(HERE, 'one.mjs'), String(size)];
  if (reps) childArgs.push('--reps', reps);
  process.stdout.write(`measuring ${size} tables… `);
  const r = spawnSync(process.execPath, childArgs, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench/one.mjs ${size} failed (exit ${r.status})`);
  const line = r.stdout.trim().split('\n').pop();
  const res = JSON.parse(line);
  process.stdout.write('done\n');
  return res;
}

function pad(s, n, right = true) {
  s = String(s);
  return right ? s.padStart(n) : s.padEnd(n);
}

function table(rows) {
  const cols = [
    ['tables', 'tables'],
    ['indicatorRows', 'ind. rows'],
    ['cells', 'cells'],
    ['engineMs', 'engine ms'],
    ['analyzeMs', '(check)'],
    ['recalcMs', '(recalc)'],
    ['engineReuseMs', 'reusing ms'],
    ['excelReadWriteMs', 'ExcelJS r+w ms'],
    ['endToEndMs', 'end-to-end ms'],
    ['ratio', 'ratio'],
    ['peakRssMb', 'peak RSS MB'],
    ['heapUsedMb', 'heap MB'],
    ['findings', 'findings'],
    ['changes', 'writes'],
  ];
  const widths = cols.map(([k, h]) => Math.max(h.length, ...rows.map((r) => String(r[k] ?? '').length)));
  const line = (cells) => cells.map((c, i) => pad(c, widths[i])).join('  ');
  return [line(cols.map(([, h]) => h)), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map(([k]) => r[k] ?? '')))].join('\n');
}

const results = [];
for (const size of sizes) {
  ensureWorkbook(size);
  results.push(measure(size));
}

const engine = results.map((r) => ({
  tables: r.tables,
  indicatorRows: r.indicatorRows,
  cells: r.cells,
  engineMs: r.engineMs,
  excelReadWriteMs: r.excelReadWriteMs,
  endToEndMs: r.endToEndMs,
  ratio: r.ratio,
  peakRssMb: r.peakRssMb,
  heapUsedMb: r.heapUsedMb,
  // Detail: check and recalc separately, what the engine found and wrote, the workload.
  analyzeMs: r.analyzeMs,
  recalcMs: r.recalcMs,
  // recalc(wb, settings, analysis) given the check's analysis, and check + that (a session that checks, then recalculates).
  recalcReuseMs: r.recalcReuseMs,
  engineReuseMs: r.engineReuseMs,
  sheets: r.sheets,
  fileKb: r.fileKb,
  tablesFound: r.tablesFound,
  findings: r.findings,
  changes: r.changes,
  reps: r.reps,
}));

console.log('\n' + table(engine));
console.log(
  '\nengine = check + recalc on the loaded grid, as the CLI runs them: analyze(wb), then recalc(wb) (which analyses ' +
    'the workbook itself); reusing = check + recalc(wb, settings, the check\'s analysis); ' +
    'end-to-end = XlsxHost.open + recalc + applyChanges + save (the input package edited in place); ratio = end-to-end / ExcelJS read+write; medians.',
);

// Merge into bench/results.json: other sections (bundle size, workbench, batch…) keep their keys, and
// sizes not measured this time keep their last figures.
const resultsPath = join(HERE, 'results.json');
let doc = {};
if (existsSync(resultsPath)) {
  try {
    doc = JSON.parse(readFileSync(resultsPath, 'utf8'));
  } catch {
    console.error('bench/results.json was not valid JSON; starting a new one');
  }
}
const measured = new Set(engine.map((r) => r.tables));
const merged = [...(Array.isArray(doc.engine) ? doc.engine.filter((r) => !measured.has(r.tables)) : []), ...engine].sort((a, b) => a.tables - b.tables);

const at100 = merged.find((r) => r.tables === 100);
const met = {
  engine100Under50Ms: at100 ? at100.engineMs < TARGETS.engineMsAt100Tables : null,
  endToEndRatioUnder0_5: merged.every((r) => r.ratio === undefined || r.ratio <= TARGETS.endToEndOverExcelReadWrite),
};
console.log(
  `\ntargets: engine at 100 tables < ${TARGETS.engineMsAt100Tables} ms: ${at100 ? `${at100.engineMs} ms → ${met.engine100Under50Ms ? 'met' : 'MISSED'}` : 'not measured'}; ` +
    `end-to-end ≤ ${TARGETS.endToEndOverExcelReadWrite} × ExcelJS read+write: ${merged.map((r) => r.ratio).join(' / ')} → ${met.endToEndRatioUnder0_5 ? 'met' : 'MISSED'}`,
);

doc.engine = merged;
doc.machine = { ...(doc.machine ?? {}), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', date: new Date().toISOString() };
doc.targets = { ...(doc.targets ?? {}), ...TARGETS };
doc.met = { ...(doc.met ?? {}), ...met };
writeFileSync(resultsPath, JSON.stringify(doc, null, 2) + '\n');
console.log(`\nwritten: ${resultsPath}`);

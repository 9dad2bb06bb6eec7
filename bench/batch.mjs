// Batch figures: 200 workbooks of 5 tables each, `jixiao check DIR` and `jixiao recalc DIR -o OUT` on
// 1 worker and on all cores (wall time, best of two, the CLI as users run it). Merges the "batch" key into results.json.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { generate, OUT_DIR, workbookPath } from './generate.mjs';

const root = join(OUT_DIR, '..', '..');
const FILES = 200;
const dir = join(OUT_DIR, `batch-${FILES}`);
const one = workbookPath(5);
if (!existsSync(one)) await generate(5);
mkdirSync(dir, { recursive: true });
for (let i = 0; i < FILES; i++) {
  const f = join(dir, `单位${String(i + 1).padStart(3, '0')}.xlsx`);
  if (!existsSync(f)) copyFileSync(one, f);
}
const cli = join(root, 'dist/cli/main.js');
const outDir = join(OUT_DIR, `batch-${FILES}-out`);
mkdirSync(outDir, { recursive: true });
function time(workers, mode = 'check') {
  const args = mode === 'check' ? ['check', dir] : ['recalc', dir, '-o', outDir];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args, '--json', '--workers', String(workers)], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const files = JSON.parse(r.stdout).files;
  if (files.length !== FILES || files.some((f) => !f.ok)) throw new Error('batch run failed');
  return Math.round(ms);
}
const cores = availableParallelism();
const runs = [1, cores].map((w) => ({ workers: w, wallMs: Math.min(time(w), time(w)) }));
const recalcRuns = [1, cores].map((w) => ({ workers: w, wallMs: Math.min(time(w, 'recalc'), time(w, 'recalc')) }));
const speedup = (rs) => Math.round((rs[0].wallMs / rs[1].wallMs) * 100) / 100;
const result = { files: readdirSync(dir).length, tablesPerFile: 5, runs, speedup: speedup(runs), recalc: { runs: recalcRuns, speedup: speedup(recalcRuns) } };
const path = join(root, 'bench/results.json');
const results = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
results.batch = result;
writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
for (const r of runs) console.log(`batch check, ${FILES} files × 5 tables, ${r.workers} worker(s): ${r.wallMs} ms`);
console.log(`check speed-up on ${cores} cores: ${result.speedup}×`);
for (const r of recalcRuns) console.log(`batch recalc, ${FILES} files × 5 tables, ${r.workers} worker(s): ${r.wallMs} ms`);
console.log(`recalc speed-up on ${cores} cores: ${result.recalc.speedup}×`);

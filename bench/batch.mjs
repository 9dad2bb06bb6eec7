// Batch figures: 200 workbooks of 5 tables each, `jixiao check DIR` on 1 worker and on all cores
// (wall time, the CLI as users run it). Merges the "batch" key into results.json.
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
function time(workers) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'check', dir, '--json', '--workers', String(workers)], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const files = JSON.parse(r.stdout).files;
  if (files.length !== FILES || files.some((f) => !f.ok)) throw new Error('batch run failed');
  return Math.round(ms);
}
const cores = availableParallelism();
const runs = [1, cores].map((w) => ({ workers: w, wallMs: Math.min(time(w), time(w)) }));
const result = { files: readdirSync(dir).length, tablesPerFile: 5, runs, speedup: Math.round((runs[0].wallMs / runs[1].wallMs) * 100) / 100 };
const path = join(root, 'bench/results.json');
const results = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
results.batch = result;
writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
for (const r of runs) console.log(`batch check, ${FILES} files × 5 tables, ${r.workers} worker(s): ${r.wallMs} ms`);
console.log(`speed-up on ${cores} cores: ${result.speedup}×`);

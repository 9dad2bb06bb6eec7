// How many worker threads a folder gets: in-process by default below the measured bounds
// (src/cli/batch.ts, bench/README.md), one per core but one above them; --workers N overrides.
import { EventEmitter } from 'node:events';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultWorkers, FILES_PER_WORKER, MAX_DEFAULT_WORKERS, PARALLEL_MIN_CORES, PARALLEL_MIN_FILES, runBatch } from '../../src/cli/batch';
import { runJob, type Job } from '../../src/cli/job';
import { DEFAULT_SETTINGS } from '../../src/core/settings';

// A stand-in for worker_threads' Worker that runs each job in-process, counting the workers made.
const made: string[] = [];
jest.mock('node:worker_threads', () => ({
  Worker: class extends EventEmitter {
    constructor(script: string) {
      super();
      made.push(script);
    }
    postMessage(job: Job) {
      void runJob(job).then((r) => this.emit('message', r));
    }
    terminate() {
      return Promise.resolve(0);
    }
  },
}));

test('the measured bounds', () => {
  expect({ PARALLEL_MIN_CORES, PARALLEL_MIN_FILES, FILES_PER_WORKER, MAX_DEFAULT_WORKERS }).toEqual({ PARALLEL_MIN_CORES: 4, PARALLEL_MIN_FILES: 100, FILES_PER_WORKER: 50, MAX_DEFAULT_WORKERS: 8 });
});

test.each([
  // [files, cores, workers]
  // 1 or 2 cores (this VM): in-process at every size; measured slower with 2 workers at 10–1,000 files.
  [1, 1, 1],
  [1000, 1, 1],
  [10, 2, 1],
  [200, 2, 1],
  [1000, 2, 1],
  [100000, 2, 1],
  // 3 cores: 2 workers would leave no core to V8's compiler and collector threads.
  [1000, 3, 1],
  // 4 cores and more: in-process below 100 files…
  [1, 4, 1],
  [99, 4, 1],
  [99, 64, 1],
  // …then one worker per 50 files, up to cores - 1, at most 8.
  [100, 4, 2],
  [149, 4, 2],
  [150, 4, 3],
  [1000, 4, 3],
  [100, 8, 2],
  [300, 8, 6],
  [350, 8, 7],
  [1000, 8, 7],
  [1000, 16, 8],
  [100000, 64, 8],
])('%i files on %i cores: %i worker(s)', (files, cores, workers) => {
  expect(defaultWorkers(files, cores)).toBe(workers);
});

describe('runBatch', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-workers-'));
    for (let i = 1; i <= 4; i++) copyFileSync(join(__dirname, '../../samples/示例-项目支出自评.xlsx'), join(dir, `单位${i}.xlsx`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => (made.length = 0));

  test('by default a small folder runs in-process: no worker thread', async () => {
    const results = await runBatch({ dir, mode: 'check', settings: DEFAULT_SETTINGS });
    expect(results.map((r) => [r.file, r.ok, r.tables])).toEqual([1, 2, 3, 4].map((i) => [`单位${i}.xlsx`, true, 4]));
    expect(made).toEqual([]);
  });

  test.each([
    [2, 2],
    [3, 3],
    [64, 4], // never more workers than files
  ])('--workers %i overrides: %i worker threads', async (requested, threads) => {
    const results = await runBatch({ dir, mode: 'check', settings: DEFAULT_SETTINGS, workers: requested });
    expect(results.map((r) => [r.file, r.ok, r.tables])).toEqual([1, 2, 3, 4].map((i) => [`单位${i}.xlsx`, true, 4]));
    expect(made).toHaveLength(threads);
    expect(made.every((s) => s.endsWith('batch-worker.js'))).toBe(true);
  });

  test('--workers 1 runs in-process', async () => {
    await runBatch({ dir, mode: 'check', settings: DEFAULT_SETTINGS, workers: 1 });
    expect(made).toEqual([]);
  });
});

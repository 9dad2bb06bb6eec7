// "Nothing lost", grid model in memory: applying recalc's change set changes exactly its cells (to
// their `after` state), and applying its inverse gives back a deep-equal workbook.
// Reproduce a failure with FC_SEED=<seed> (and FC_PATH=<path>) from fast-check's report.
import fc from 'fast-check';
import { applyChangeSet, invertChangeSet } from '../../src/core/changes/changeset';
import { recalc } from '../../src/core/engine';
import { deepClone, gridWorkbook, settingsArb } from './grid-arbitraries';
import { diffGrids, trimmed } from './grid-compare';

const NUM_RUNS = Number(process.env.FC_RUNS ?? 300);
const fcParams = (): fc.Parameters<unknown> => ({
  numRuns: NUM_RUNS,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {}),
});

test('applying recalc’s change set changes exactly its cells; the inverse restores the workbook', () => {
  const stats = { runs: 0, writing: 0, cells: 0 };
  fc.assert(
    fc.property(gridWorkbook, settingsArb, (wb, settings) => {
      const original = deepClone(wb);
      const r = recalc(wb, settings);
      // recalc leaves its input alone.
      expect(wb).toStrictEqual(original);

      const work = deepClone(wb);
      applyChangeSet(work, r.changes);
      expect(diffGrids(original, work, r.changes)).toEqual([]);
      // The recalculated copy recalc returns is this same workbook.
      expect(diffGrids(work, r.result)).toEqual([]);

      applyChangeSet(work, invertChangeSet(r.changes));
      expect(diffGrids(original, work)).toEqual([]);
      // Deep-equal once trailing blanks are cut (and holes read as blanks): a write past the end of a
      // row leaves that row longer after the inverse (an `undefined` last cell), which is blank.
      expect(trimmed(work)).toStrictEqual(trimmed(original));

      stats.runs++;
      if (r.changes.changes.length) stats.writing++;
      stats.cells += r.changes.changes.length;
    }),
    fcParams(),
  );
  expect(stats.writing).toBeGreaterThanOrEqual(Math.ceil(stats.runs * 0.7));
  if (process.env.FC_RUNS) console.log(`lossless grid: ${stats.runs} runs, ${stats.writing} wrote cells, ${stats.cells} cells in all`);
});

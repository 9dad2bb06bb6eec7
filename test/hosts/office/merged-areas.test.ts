// Issue 13 §1.3: Range.getMergedAreasOrNullObject fails past 512 areas and returns only areas whose
// top-left cell is in the range, so the host reads merged areas per band of rows, splitting a band
// that fails.
import { sheetFromRows } from '../../../src/core/grid/sheet';
import type { Rect } from '../../../src/core/grid/types';
import { createEmulatedHost } from '../../../src/hosts/emulated/emulated-host';
import { EmulatedWorkbook } from '../../../src/hosts/emulated/state';

const byPosition = (a: Rect, b: Rect) => a.r0 - b.r0 || a.c0 - b.c0;

test('a sheet with 600 merged areas, some across every band boundary, reads back exactly its merges', async () => {
  // Column A merges rows 1-2, 3-4, …; column B rows 0-1, 2-3, …: any split between two rows cuts one.
  const merges: Rect[] = [];
  for (let r = 0; r < 600; r += 2) merges.push({ r0: r, c0: 1, r1: r + 1, c1: 1 }, { r0: r + 1, c0: 0, r1: r + 2, c1: 0 });
  const rows = Array.from({ length: 601 }, (_, r) => [r % 2 ? `a${r}` : null, r % 2 ? null : `b${r}`, r]);
  const book = new EmulatedWorkbook({ sheets: [sheetFromRows('合并', rows, merges), sheetFromRows('其他', [[1, 2]], [{ r0: 0, c0: 0, r1: 0, c1: 1 }])] });
  const wb = await createEmulatedHost(book).readWorkbook();
  expect(merges).toHaveLength(600);
  expect([...wb.sheets[0].merges].sort(byPosition)).toEqual([...merges].sort(byPosition));
  expect(wb.sheets[1].merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 1 }]);
  expect(wb.sheets[0].rows[1][0]).toEqual({ v: 'a1' });
  expect(wb.sheets[0].rows[600][2]).toEqual({ v: 600 });
});

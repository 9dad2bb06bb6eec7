import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { invertChangeSet, makeChange } from '../../../src/core/changes/changeset';
import { cellAt, cloneWorkbook } from '../../../src/core/grid/sheet';
import type { Host } from '../../../src/hosts/host';
import { WorkbookReadError } from '../../../src/hosts/xlsx/read';
import { WorkbookWriteError } from '../../../src/hosts/xlsx/write';
import { XlsxHost } from '../../../src/hosts/xlsx/xlsx-host';
import { tempDir } from './helpers';

const LUSONG = '/work/shared/samples/lusong-2023.xlsx';
const t = tempDir();
afterAll(() => t.cleanup());

test('open → read (cached) → apply → save → reopen, and the inverse restores the file', async () => {
  const host = await XlsxHost.open(LUSONG);
  const asHost: Host = host;
  const wb = await asHost.readWorkbook();
  expect(await host.readWorkbook()).toBe(wb);
  const original = cloneWorkbook(wb);

  const cs = {
    changes: [
      makeChange(wb, '附件3', 3, 7, { v: 10 }, '得分'),
      makeChange(wb, '附件2', 2, 3, { v: 1.6667, fmt: '0.00%' }, '控制率'),
    ],
  };
  await host.applyChanges(cs);
  // The cached grid follows the write.
  expect(cellAt(wb.sheets[1], 3, 7)).toEqual({ v: 10 });

  const out = join(t.dir, 'lusong-out.xlsx');
  await host.save(out);
  const reopened = await XlsxHost.open(out);
  const wb2 = await reopened.readWorkbook();
  expect(wb2).toEqual(wb);
  expect(cellAt(wb2.sheets[0], 2, 3)).toEqual({ v: 1.6667, fmt: '0.00%' });

  await reopened.applyChanges(invertChangeSet(cs));
  const out2 = join(t.dir, 'lusong-back.xlsx');
  await reopened.save(out2);
  expect(await (await XlsxHost.open(out2)).readWorkbook()).toEqual(original);
});

test('save refuses the file the host was opened from', async () => {
  const host = await XlsxHost.open(LUSONG);
  await expect(host.save(LUSONG)).rejects.toBeInstanceOf(WorkbookWriteError);
});

test('a rejected change set changes neither the grid nor the workbook', async () => {
  const host = await XlsxHost.open(LUSONG);
  const wb = await host.readWorkbook();
  const before = cloneWorkbook(wb);
  const good = makeChange(wb, '附件3', 3, 7, { v: 10 }, '得分');
  await expect(host.applyChanges({ changes: [good, { ...good, sheet: '附件9' }] })).rejects.toThrow('工作表不存在');
  expect(wb).toEqual(before);
  // Nothing of the rejected set reaches the file either.
  const out = join(t.dir, 'rejected.xlsx');
  await host.save(out);
  expect(readFileSync(out).equals(readFileSync(LUSONG))).toBe(true);
});

test('open reports bad files as WorkbookReadError; fromBuffer reads the same model', async () => {
  await expect(XlsxHost.open(join(t.dir, 'missing.xlsx'))).rejects.toBeInstanceOf(WorkbookReadError);
  const a = await (await XlsxHost.open(LUSONG)).readWorkbook();
  const b = await (await XlsxHost.fromBuffer(readFileSync(LUSONG))).readWorkbook();
  expect(b).toEqual(a);
});

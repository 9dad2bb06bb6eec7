// The workbench's reader (src/workbench/load.ts), run here on Node's own DecompressionStream: the grid
// the CLI reads, ExcelJS for unusual packages, and refusals before anything is inflated without bound.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadXlsxBuffer } from '../../src/hosts/xlsx/read';
import { readXlsx } from '../../src/workbench/load';
import { bombs, demoParts, oleFile, rawZip } from '../hostile/helpers';

const SAMPLES = join(__dirname, '../../../shared/samples');
const arrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

test.each(['lusong-2023.xlsx', 'xiangdong-2023.xlsx'])('%s: the grid the CLI reads', async (file) => {
  const buf = readFileSync(join(SAMPLES, file));
  expect(await readXlsx(arrayBuffer(buf))).toEqual((await loadXlsxBuffer(buf)).workbook);
});

test('a ZIP64 package is read by ExcelJS, to the same grid', async () => {
  const parts = await demoParts();
  const plain = await readXlsx(arrayBuffer(rawZip(parts)));
  expect(await readXlsx(arrayBuffer(rawZip(parts, { zip64: true })))).toEqual(plain);
  expect(plain.sheets.length).toBeGreaterThan(0);
});

test('a zip bomb whose entries lie about their size is stopped, not handed to ExcelJS', async () => {
  const b = bombs(await demoParts());
  await expect(readXlsx(arrayBuffer(b.lying))).rejects.toThrow(/比它声明的大小更大|已损坏/);
  await expect(readXlsx(arrayBuffer(b.declared))).rejects.toThrow(/解压后超过 150 MB/);
});

test('not a workbook: one Chinese sentence', async () => {
  await expect(readXlsx(new ArrayBuffer(0))).rejects.toThrow('文件为空');
  await expect(readXlsx(arrayBuffer(oleFile(['Workbook'])))).rejects.toThrow(/旧版 \.xls/);
  await expect(readXlsx(arrayBuffer(Buffer.from('PK\x03\x04 not really')))).rejects.toThrow('文件已损坏或不是 Excel 工作簿');
});

test('a damaged part is refused by name, as in the CLI, not handed to ExcelJS', async () => {
  // The last shared string left unclosed: the CLI's reader once looped on it until memory ran out.
  const parts = (await demoParts()).map((e) =>
    e.name === 'xl/sharedStrings.xml' ? { ...e, data: Buffer.from(e.data!.toString('utf8').replace(/<\/si>(\s*<\/sst>\s*)$/, '$1'), 'utf8') } : e,
  );
  await expect(readXlsx(arrayBuffer(rawZip(parts)))).rejects.toThrow(/文件已损坏：部件「xl\/sharedStrings\.xml」/);
});

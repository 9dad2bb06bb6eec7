// The zip rewriter: entries not replaced are copied byte for byte, replaced ones read back exactly,
// archives it does not handle are refused (for the whole-file writer).
import * as zlib from 'node:zlib';
import JSZip from 'jszip';
import { readZip } from '../../../src/hosts/xlsx/package/zip';
import { crc32ForTest, entryData, writeZip } from '../../../src/hosts/xlsx/package/zip-node';
import { PatchUnsupportedError } from '../../../src/hosts/xlsx/package/xml';

async function archive(streamFiles: boolean): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('xl/workbook.xml', '<workbook>' + 'x'.repeat(5000) + '</workbook>');
  zip.file('xl/worksheets/sheet1.xml', '<worksheet>工作表</worksheet>');
  zip.file('docProps/stored.bin', Buffer.from([1, 2, 3]), { compression: 'STORE' });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles, comment: '注释' });
}

const files = (z: ReturnType<typeof readZip>) => z.items.map((i) => i.name).filter((n) => !n.endsWith('/'));
const item = (z: ReturnType<typeof readZip>, name: string) => z.items.find((i) => i.name === name)!;

describe.each([false, true])('with data descriptors: %s', (streamFiles) => {
  test('reads every entry', async () => {
    const z = readZip(await archive(streamFiles));
    expect(files(z)).toEqual(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'docProps/stored.bin']);
    expect(entryData(z, item(z, 'xl/worksheets/sheet1.xml')).toString()).toBe('<worksheet>工作表</worksheet>');
    expect([...entryData(z, item(z, 'docProps/stored.bin'))]).toEqual([1, 2, 3]);
  });

  test('replaces one entry, removes another, copies the rest byte for byte', async () => {
    const input = await archive(streamFiles);
    const z = readZip(input);
    const out = await writeZip(z, new Map<string, Buffer | null>([['xl/worksheets/sheet1.xml', Buffer.from('<worksheet>新</worksheet>')], ['docProps/stored.bin', null]]));
    const back = readZip(out);
    expect(files(back)).toEqual(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(back.items.length).toBe(z.items.length - 1);
    for (const name of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/']) {
      const a = item(z, name);
      const b = item(back, name);
      expect(out.subarray(b.local, b.local + b.span).equals(input.subarray(a.local, a.local + a.span))).toBe(true);
    }
    expect(back.comment.toString()).toBe('注释');
    // Another reader agrees (names, contents, checksums).
    const j = await JSZip.loadAsync(out, { checkCRC32: true });
    expect(await j.file('xl/worksheets/sheet1.xml')!.async('string')).toBe('<worksheet>新</worksheet>');
    expect(await j.file('xl/workbook.xml')!.async('string')).toContain('x'.repeat(5000));
    expect(j.file('docProps/stored.bin')).toBeNull();
  });
});

test('a name not in the archive is a new entry, at the end (a styles part a package lacked)', async () => {
  const input = await archive(false);
  const out = await writeZip(readZip(input), new Map([['xl/styles.xml', Buffer.from('<styleSheet>样式</styleSheet>')], ['xl/工作表.xml', Buffer.from('<a/>')]]));
  const back = readZip(out);
  expect(files(back).slice(-2)).toEqual(['xl/styles.xml', 'xl/工作表.xml']);
  expect(entryData(back, item(back, 'xl/styles.xml')).toString()).toBe('<styleSheet>样式</styleSheet>');
  const j = await JSZip.loadAsync(out, { checkCRC32: true });
  expect(await j.file('xl/styles.xml')!.async('string')).toBe('<styleSheet>样式</styleSheet>');
  expect(await j.file('xl/工作表.xml')!.async('string')).toBe('<a/>');
  expect(await j.file('xl/workbook.xml')!.async('string')).toContain('x'.repeat(5000));
});

test('nothing replaced: the same bytes', async () => {
  const input = await archive(false);
  expect((await writeZip(readZip(input), new Map())).equals(input)).toBe(true);
});

test.each([
  ['bytes before the archive (a self-extractor stub)', (b: Buffer) => Buffer.concat([Buffer.from('MZ stub'), b])],
  ['no end record', (b: Buffer) => b.subarray(0, b.length - 30)],
])('refuses %s', async (_, spoil) => {
  const input = await archive(false);
  expect(() => readZip(spoil(input))).toThrow(PatchUnsupportedError);
});

test('the table CRC-32 (Node before 20.15) agrees with zlib', () => {
  const z = zlib as unknown as { crc32?: (b: Buffer) => number };
  for (const s of ['', 'a', '工作表', 'x'.repeat(10_000)]) {
    const b = Buffer.from(s);
    if (z.crc32) expect(crc32ForTest(b)).toBe(z.crc32(b));
  }
  expect(crc32ForTest(Buffer.from('123456789'))).toBe(0xcbf43926); // the standard check value
});

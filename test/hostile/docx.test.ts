// Hostile reports given to `report --check-narrative` (issue 10): a .docx is read through the project's
// own zip reader with the workbook limits (docs/HOSTILE-INPUT.md), never through JSZip, never inflated
// past what it declares. Before: a 408 KB .docx holding 400 MB of spaces ran 15 s at 963 MB and exit 0.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { MAX_FILE_BYTES } from '../../src/hosts/xlsx/limits';
import { MAX_ZIP_ENTRIES } from '../../src/hosts/xlsx/zip-guard';
import { cli, DEMO, expectRefused, listing, rawZip, tempDir, type RawEntry } from './helpers';

jest.setTimeout(30_000);

const t = tempDir('docx');
const IN = join(t.dir, 'in');
const p = (name: string) => join(IN, name);
afterAll(() => t.cleanup());

const CONTENT_TYPES = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
);
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const documentXml = (text: string, filler = '') => `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${filler}<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;

/** A .docx of the given entries after its content types. */
const docx = (...entries: RawEntry[]) => rawZip([{ name: '[Content_Types].xml', data: CONTENT_TYPES }, ...entries]);

/** `mb` MB of spaces inside <w:body>, deflated as a stream (never held whole): ~1 KB a MB. */
async function spaces(mb: number): Promise<{ compressed: Buffer; size: number }> {
  const head = Buffer.from(documentXml('').split('<w:p>')[0]);
  const tail = Buffer.from(documentXml('').slice(head.length));
  const chunk = Buffer.alloc(1 << 20, 0x20);
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((ok) => z.on('end', ok));
  z.write(head);
  for (let i = 0; i < mb; i++) if (!z.write(chunk)) await new Promise((ok) => z.once('drain', ok));
  z.end(tail);
  await done;
  return { compressed: Buffer.concat(out), size: head.length + mb * chunk.length + tail.length };
}

const narrative = (file: string) => cli('report', DEMO, '--check-narrative', file);

beforeAll(async () => {
  mkdirSync(IN);
  // The case of the issue: 408 KB on disk, 400 MB of spaces in word/document.xml, declared truthfully.
  const s400 = await spaces(400);
  writeFileSync(p('spaces-400mb.docx'), docx({ name: 'word/document.xml', compressed: s400.compressed, declaredSize: s400.size, crc: 0 }));
  // Within the total limit, but ~1,000x: a bomb by its ratio.
  const s100 = await spaces(100);
  writeFileSync(p('spaces-100mb.docx'), docx({ name: 'word/document.xml', compressed: s100.compressed, declaredSize: s100.size, crc: 0 }));
  // Declares 1 KB, inflates to 50 MB.
  writeFileSync(p('lying.docx'), docx({ name: 'word/document.xml', compressed: deflateRawSync(Buffer.alloc(50 << 20, 0x20)), declaredSize: 1000, crc: 0 }));
  const many: RawEntry[] = Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({ name: `customXml/item${i}.xml`, data: Buffer.from('<a/>'), method: 0 }));
  writeFileSync(p('many-entries.docx'), docx({ name: 'word/document.xml', data: Buffer.from(documentXml('x')) }, ...many));
  writeFileSync(p('huge.docx'), '');
  truncateSync(p('huge.docx'), MAX_FILE_BYTES + 1);
  // A damaged deflate stream.
  writeFileSync(p('damaged.docx'), docx({ name: 'word/document.xml', compressed: Buffer.from('not deflate data at all'), declaredSize: 100, crc: 0 }));
  // Stored (not deflated), and a figure the demo's tables contradict.
  writeFileSync(p('stored.docx'), docx({ name: 'word/document.xml', data: Buffer.from(documentXml('人代会议项目预算执行率为99%。')), method: 0 }));
  writeFileSync(p('no-document.docx'), docx({ name: 'word/other.xml', data: Buffer.from('<a/>') }));
});

describe('refused: exit 2, one sentence naming the report, bounded in time and memory', () => {
  test.each([
    ['spaces-400mb.docx', /解压后过大（声明为 40\d MB，上限为 150 MB）/],
    ['spaces-100mb.docx', /「word\/document\.xml」压缩比异常（约 \d+ 倍，上限为 200 倍），疑似压缩炸弹/],
    ['lying.docx', /「word\/document\.xml」解压后超过其声明的大小/],
    ['many-entries.docx', /部件过多（超过 20000 个）/],
    ['huge.docx', /过大（101 MB，上限为 100 MB）/],
    ['damaged.docx', /文件已损坏/],
    ['no-document.docx', /缺少 word\/document\.xml/],
  ])('%s', async (file, why) => {
    const was = listing(IN);
    const load = jest.spyOn(JSZip, 'loadAsync');
    try {
      const r = await narrative(p(file));
      expectRefused(r, why);
      expect(r.err).toContain(`无法读取报告「${p(file)}」`);
      expect(load).not.toHaveBeenCalled();
      expect(r.ms).toBeLessThan(3_000);
      expect(r.peakMb).toBeLessThan(100);
    } finally {
      load.mockRestore();
    }
    expect(listing(IN)).toEqual(was);
  });
});

test('a device is not read without end (run as its own process, so a regression cannot hang the suite)', () => {
  const main = join(__dirname, '../../dist/cli/main.js');
  if (!existsSync(main)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: join(__dirname, '../..') });
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', main, 'report', DEMO, '--check-narrative', '/dev/zero'], { encoding: 'utf8', timeout: 20_000 });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^报告「\/dev\/zero」不是普通文件（可能是设备或管道），无法读取。\n$/);
});

test('a stored (not deflated) document.xml is read, and its figures are checked', async () => {
  const load = jest.spyOn(JSZip, 'loadAsync');
  try {
    const r = await narrative(p('stored.docx'));
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/99%/);
    expect(load).not.toHaveBeenCalled();
  } finally {
    load.mockRestore();
  }
});

test('a report written by `report --docx` checks clean through the same reader', async () => {
  const out = join(t.dir, 'demo.docx');
  expect((await cli('report', DEMO, '--docx', out)).code).toBe(0);
  const r = await narrative(out);
  expect([r.code, r.err]).toEqual([0, '']);
  expect(r.out).toMatch(/一致/);
  expect(readFileSync(out).length).toBeGreaterThan(1000);
});

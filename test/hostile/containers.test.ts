// Hostile and broken containers (docs/HOSTILE-INPUT.md): each unreadable file gets exit 2, one Chinese
// sentence, no output or temp file, within a time and memory bound; zip bombs are refused before
// anything is inflated. Readable oddities (ZIP64, an .xlsx named .et) are checked; a ZIP64 one is not rewritten.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import {
  MAX_COMPRESSION_RATIO,
  MAX_FILE_BYTES,
  MAX_UNCOMPRESSED_BYTES,
  MAX_ZIP_ENTRIES,
  READ_MESSAGES,
} from '../../src/hosts/xlsx/read';
import * as zipGuard from '../../src/hosts/xlsx/zip-guard';
import { BOMB_ZEROS, bombs, cli, DEMO, demoParts, editDemo, expectRefused, listing, oleFile, randomBytes, rawZip, tempDir, type RawEntry } from './helpers';

jest.setTimeout(20_000);

const t = tempDir('containers');
const IN = join(t.dir, 'in');
const OUT = join(t.dir, 'out');
const p = (name: string) => join(IN, name);
afterAll(() => t.cleanup());

let bombBytes = 0;

beforeAll(async () => {
  mkdirSync(IN);
  mkdirSync(OUT);
  const parts = await demoParts();
  writeFileSync(p('empty.xlsx'), '');
  for (const n of [1, 7, 64, 4096, 1 << 20]) writeFileSync(p(`random-${n}.xlsx`), randomBytes(n, n));
  writeFileSync(p('pk-random.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(4096, 9)]));
  writeFileSync(p('ole-random.xls'), Buffer.concat([oleFile([]).subarray(0, 8), randomBytes(4096, 11)]));
  writeFileSync(p('not-workbook.xlsx'), await new JSZip().file('readme.txt', '说明').generateAsync({ type: 'nodebuffer' }));
  const b = bombs(parts);
  bombBytes = b.ratio.length;
  writeFileSync(p('bomb-ratio.xlsx'), b.ratio);
  writeFileSync(p('bomb-declared.xlsx'), b.declared);
  writeFileSync(p('bomb-zip64.xlsx'), b.declared64);
  writeFileSync(p('lying.xlsx'), b.lying);
  const many: RawEntry[] = Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({ name: `customXml/item${i}.xml`, data: Buffer.from('<a/>'), method: 0 }));
  writeFileSync(p('many-entries.xlsx'), rawZip([...parts, ...many]));
  // Past the file-size limit without writing 100 MB: a sparse file.
  writeFileSync(p('huge.xlsx'), '');
  truncateSync(p('huge.xlsx'), MAX_FILE_BYTES + 1);
  writeFileSync(p('encrypted.xlsx'), oleFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']));
  writeFileSync(p('old.xls'), oleFile(['Workbook', '\u0005SummaryInformation']));
  writeFileSync(p('wps.et'), oleFile(['Workbook', 'WpsCustomData']));
  writeFileSync(p('wps-zip.et'), await new JSZip().file('content.xml', '<et/>').generateAsync({ type: 'nodebuffer' }));
  writeFileSync(p('data.csv'), '项目名称,年初预算数,全年预算数\n人代会议,48,34\n');
  // An XML entity bomb ("billion laughs") in sharedStrings.xml: the XML parser expands no entities.
  writeFileSync(
    p('xml-bomb.xlsx'),
    await editDemo(async (zip) => {
      let ents = '<!ENTITY a0 "lollollollollollollollollollol">';
      for (let i = 1; i < 10; i++) ents += `<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`;
      const ss = await zip.file('xl/sharedStrings.xml')!.async('string');
      zip.file('xl/sharedStrings.xml', ss.replace('<sst', `<!DOCTYPE sst [${ents}]><sst`).replace('<t>人代会议</t>', '<t>&a9;</t>'));
    }),
  );
  // Readable oddities.
  writeFileSync(p('zip64-good.xlsx'), rawZip(parts, { zip64: true }));
  copyFileSync(DEMO, p('real-xlsx.et'));
});

const UNREADABLE: [string, RegExp][] = [
  ['empty.xlsx', /文件为空（0 字节）/],
  ['random-1.xlsx', /不是有效的 \.xlsx 文件/],
  ['random-7.xlsx', /不是有效的 \.xlsx 文件/],
  ['random-64.xlsx', /不是有效的 \.xlsx 文件/],
  ['random-4096.xlsx', /不是有效的 \.xlsx 文件/],
  ['random-1048576.xlsx', /不是有效的 \.xlsx 文件/],
  ['pk-random.xlsx', /文件已损坏/],
  ['ole-random.xls', /旧版 \.xls/],
  ['not-workbook.xlsx', /不是 Excel 工作簿：文件中没有 xl\/workbook\.xml/],
  ['bomb-ratio.xlsx', new RegExp(`「xl/media/zeros\\.bin」压缩比异常（约 10\\d\\d 倍，上限为 ${MAX_COMPRESSION_RATIO} 倍），疑似压缩炸弹`)],
  ['bomb-declared.xlsx', new RegExp(`解压后过大（声明为 409\\d MB，上限为 ${MAX_UNCOMPRESSED_BYTES / 2 ** 20} MB）`)],
  ['bomb-zip64.xlsx', /解压后过大（声明为 10485\d\d MB/],
  ['lying.xlsx', /「xl\/media\/image1\.png」解压后超过其声明的大小，文件已损坏或被篡改/],
  ['many-entries.xlsx', new RegExp(`部件过多（超过 ${MAX_ZIP_ENTRIES} 个）`)],
  ['huge.xlsx', /文件过大（101 MB，上限为 100 MB）/],
  ['xml-bomb.xlsx', /文件已损坏，无法读取/],
  ['encrypted.xlsx', /受密码保护/],
  ['old.xls', /旧版 \.xls 文件，请在 Excel 中另存为 \.xlsx/],
  ['wps.et', /WPS 表格（\.et）文件.*请在 WPS 中另存为 \.xlsx/],
  ['wps-zip.et', /WPS 表格（\.et）文件/],
  ['data.csv', /CSV 文本文件.*请在 Excel 中打开它并另存为 \.xlsx/],
];

describe.each(UNREADABLE)('%s', (file, message) => {
  const before = () => [listing(IN), listing(OUT)];
  test.each([
    ['check', (f: string) => ['check', f]],
    ['recalc', (f: string) => ['recalc', f, '-o', join(OUT, 'out.xlsx')]],
    ['report', (f: string) => ['report', f, '--docx', join(OUT, 'out.docx'), '--md', join(OUT, 'out.md')]],
  ])('%s: exit 2, one sentence, no output, bounded', async (_cmd, args) => {
    const was = before();
    const r = await cli(...args(p(file)));
    expectRefused(r, message);
    expect(r.err).toContain(p(file)); // names the file
    expect([listing(IN), listing(OUT)]).toEqual(was); // no output file, no temp file
    // Refused from the bytes on hand: nothing inflated, nothing large allocated.
    expect(r.ms).toBeLessThan(2_000);
    expect(r.peakMb).toBeLessThan(100);
  });
});

test('the ratio bomb is ~1,000× and refused without inflating anything', async () => {
  expect(BOMB_ZEROS / bombBytes).toBeGreaterThan(500); // the archive is tiny next to what it unpacks to
  // Node's zlib exports are read-only: watch the guard's inflating pass and JSZip (ExcelJS's unzipper).
  const inflate = jest.spyOn(zipGuard, 'inflationProblem');
  const load = jest.spyOn(JSZip, 'loadAsync');
  try {
    const r = await cli('check', p('bomb-ratio.xlsx'));
    expectRefused(r, /疑似压缩炸弹/);
    expect(inflate).not.toHaveBeenCalled();
    expect(load).not.toHaveBeenCalled();
  } finally {
    inflate.mockRestore();
    load.mockRestore();
  }
});

test('the lying zip is inflated only up to its declared size, then refused before JSZip sees it', async () => {
  const load = jest.spyOn(JSZip, 'loadAsync');
  const inflate = jest.spyOn(zipGuard, 'inflationProblem');
  try {
    const r = await cli('check', p('lying.xlsx'));
    expectRefused(r, /解压后超过其声明的大小/);
    expect(load).not.toHaveBeenCalled();
    expect(inflate).toHaveBeenCalledTimes(1);
    expect(r.peakMb).toBeLessThan(50); // 50 MB would show if it had been inflated whole
  } finally {
    load.mockRestore();
    inflate.mockRestore();
  }
});

test('a sheet part that inflates past its declared size is stopped by the package reader, within that size', async () => {
  const parts = await demoParts();
  const sheet = parts.find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))!;
  const lying = rawZip(parts.map((e) => (e === sheet ? { ...e, declaredSize: 100 } : e)));
  const file = p('lying-sheet.xlsx');
  writeFileSync(file, lying);
  const r = await cli('check', file);
  expectRefused(r, new RegExp(`「${sheet.name.replace(/\//g, '\\/')}」解压后超过其声明的大小`));
});

test('a device is not read without end', async () => {
  const r = await cli('check', '/dev/zero');
  expectRefused(r, /不是普通文件/);
});

test('messages are the documented ones', () => {
  expect(READ_MESSAGES.csv).toMatch(/在 Excel 中打开它并另存为 \.xlsx/);
  expect(READ_MESSAGES.wps).toMatch(/WPS/);
});

describe('readable oddities are processed', () => {
  let demo: string;
  beforeAll(async () => {
    demo = (await cli('check', DEMO)).out;
  });

  test('a ZIP64 workbook (sizes in ZIP64 fields) reads like the original', async () => {
    const r = await cli('check', p('zip64-good.xlsx'));
    // Read by ExcelJS (the package reader does not follow ZIP64), and said so (issue 10).
    expect(r.err).toBe(`注意：${READ_MESSAGES.readByExcelJs}。\n`);
    expect(r.code).toBe(1);
    expect(r.out).toBe(demo);
  });

  test('an .xlsx named .et reads by its content', async () => {
    const r = await cli('check', p('real-xlsx.et'));
    expect(r.code).toBe(1);
    expect(r.out).toBe(demo);
  });

  test('recalc of a ZIP64 workbook is refused (the package editor does not write ZIP64), nothing written', async () => {
    const out = join(OUT, 'zip64-out.xlsx');
    const r = await cli('recalc', p('zip64-good.xlsx'), '-o', out);
    expectRefused(r, /无法原样修改此文件（文件是 ZIP64 格式的压缩包）.*未写入任何文件/);
    expect(listing(OUT)).toEqual([]);
  });
});

describe('the limits never refuse genuine large workbooks', () => {
  async function guard(buf: Buffer) {
    const entries = zipGuard.zipEntries(buf);
    if (entries === 'corrupt') throw new Error('corrupt');
    return { declared: zipGuard.declaredProblem(entries), inflated: await zipGuard.inflationProblem(buf, entries) };
  }

  test('the most repetitive genuine sheet XML (24 MB of styled empty cells, ~14x) passes', async () => {
    const row = (r: number) => `<row r="${r}" s="1" customFormat="1">${['A', 'B', 'C'].map((c) => `<c r="${c}${r}" s="1"/>`).join('')}</row>`;
    const xml = Buffer.from(Array.from({ length: 200_000 }, (_, i) => row(i + 1)).join(''));
    const zip = rawZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }, { name: 'xl/worksheets/sheet1.xml', data: xml }]);
    expect(xml.length).toBeGreaterThan(zipGuard.RATIO_CHECK_MIN_BYTES);
    expect(xml.length / zip.length).toBeLessThan(30);
    expect(await guard(zip)).toEqual({ declared: undefined, inflated: undefined });
  });

  const afterAllCleanups: (() => void)[] = [];
  afterAll(() => afterAllCleanups.forEach((f) => f()));
  test('bench tables-1000.xlsx (1,000 tables, 13 MB unpacked) passes, its check costs ~0.2 s', async () => {
    // The bench's output is not in the repository: a fresh checkout generates it (about 5 s).
    let file = join(__dirname, '../../bench/out/tables-1000.xlsx');
    if (!existsSync(file)) {
      const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
      afterAllCleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      file = join(dir, 'tables-1000.xlsx');
      const gen = `import(${JSON.stringify(pathToFileURL(join(__dirname, '../../bench/generate.mjs')).href)}).then((m) => m.generate(1000, ${JSON.stringify(file)}))`;
      const r = spawnSync(process.execPath, ['-e', gen], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(existsSync(file)).toBe(true);
    }
    const t0 = performance.now();
    expect(await guard(readFileSync(file))).toEqual({ declared: undefined, inflated: undefined });
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});

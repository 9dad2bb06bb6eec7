// No lossy write path (issue 10): a package the in-place editor cannot follow is refused, never
// rewritten whole by another library (which dropped charts, drawings, printer settings and macros and
// wrote parts Excel repairs). Exit 2, one Chinese sentence naming what could not be followed and saying
// that nothing was written, no output and no temporary file; in a batch the file is reported as not
// processed and the others are written.
import { READ_MESSAGES } from '../../src/hosts/xlsx/read';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, DEMO, demoParts, editDemo, expectRefused, rawZip, sheetPart, tempDir } from '../hostile/helpers';

jest.setTimeout(30_000);

const t = tempDir('no-lossy');
const IN = join(t.dir, 'in');
const p = (name: string) => join(IN, name);
afterAll(() => t.cleanup());

/** A fresh, empty output folder for one test. */
let outs = 0;
function outDir(): string {
  const dir = join(t.dir, `out-${++outs}`);
  mkdirSync(dir);
  return dir;
}

beforeAll(async () => {
  mkdirSync(IN);
  // Rows stored out of order on the sheet recalculation writes to: read as usual, not editable in place.
  writeFileSync(
    p('rows-out-of-order.xlsx'),
    await editDemo(async (zip) => {
      const part = await sheetPart(zip, '附件3-人代会议');
      const xml = await zip.file(part)!.async('string');
      const rows = [...xml.matchAll(/<row [^>]*>.*?<\/row>/gs)].map((m) => m[0]);
      zip.file(part, xml.replace(rows[0] + rows[1], rows[1] + rows[0]));
    }),
  );
  // Two cells of a row written to stored right to left.
  writeFileSync(
    p('cells-out-of-order.xlsx'),
    await editDemo(async (zip) => {
      const part = await sheetPart(zip, '附件3-人代会议');
      const xml = await zip.file(part)!.async('string');
      const row = /<row r="11"[^>]*>.*?<\/row>/s.exec(xml)![0];
      const cells = [...row.matchAll(/<c [^>]*?(?:\/>|>.*?<\/c>)/gs)].map((m) => m[0]);
      zip.file(part, xml.replace(row, row.replace(cells[0] + cells[1], cells[1] + cells[0])));
    }),
  );
  writeFileSync(p('zip64.xlsx'), rawZip(await demoParts(), { zip64: true }));
});

const NOT_WRITTEN = /未写入任何文件/;

describe('recalc FILE -o OUT refuses a package the editor cannot follow', () => {
  test.each([
    ['rows-out-of-order.xlsx', /工作表「附件3-人代会议」中的行没有按行号顺序存放/],
    ['zip64.xlsx', /ZIP64/],
    ['cells-out-of-order.xlsx', /工作表「附件3-人代会议」中的单元格没有按列的顺序存放/],
  ])('%s: exit 2, the reason named, nothing written', async (file, why) => {
    const dir = outDir();
    const out = join(dir, 'out.xlsx');
    const r = await cli('recalc', p(file), '-o', out);
    expectRefused(r, why);
    expect(r.err).toMatch(NOT_WRITTEN);
    expect(r.err).toContain(out);
    expect(r.err).not.toMatch(/已整体重新生成/);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('check still reads each of them (only writing is refused)', async () => {
    const demo = (await cli('check', DEMO)).out;
    for (const file of ['rows-out-of-order.xlsx', 'cells-out-of-order.xlsx', 'zip64.xlsx']) {
      const r = await cli('check', p(file));
      // Each goes to ExcelJS for reading, which check says (issue 10).
      expect([file, r.code, r.err]).toEqual([file, 1, `注意：${READ_MESSAGES.readByExcelJs}。\n`]);
      expect(r.out).toBe(demo);
    }
  });

  test('--json: the refusal is the same one sentence on stderr, nothing on stdout', async () => {
    const dir = outDir();
    const r = await cli('recalc', p('rows-out-of-order.xlsx'), '-o', join(dir, 'out.xlsx'), '--json');
    expectRefused(r, NOT_WRITTEN);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('recalc DIR -o OUT', () => {
  test('reports such a file as not processed and writes the others', async () => {
    const dir = join(t.dir, 'batch');
    mkdirSync(dir);
    copyFileSync(DEMO, join(dir, '单位甲.xlsx'));
    copyFileSync(p('rows-out-of-order.xlsx'), join(dir, '单位乙.xlsx'));
    copyFileSync(DEMO, join(dir, '单位丙.xlsx'));
    const out = join(t.dir, 'batch-out');
    const r = await cli('recalc', dir, '-o', out, '--workers', '1');
    expect(r.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['单位丙.xlsx', '单位甲.xlsx']);
    expect(r.out).toMatch(/单位乙\.xlsx\s+0\s+0\s+0\s+0\s+0\s+无法处理：.*行没有按行号顺序存放.*未写入任何文件/);
    expect(r.out).toMatch(/共 3 个文件：2 个通过，0 个有错误，1 个无法处理。/);
    expect(r.out).not.toMatch(/已整体重新生成/);
    const json = JSON.parse((await cli('recalc', dir, '-o', out, '--workers', '1', '--json')).out);
    expect(json.files.find((f: { file: string }) => f.file === '单位乙.xlsx')).toMatchObject({ ok: false, error: expect.stringMatching(NOT_WRITTEN) });
    // The written ones are edited in place as always: the demo's own parts, a few cells changed.
    expect(readFileSync(join(out, '单位甲.xlsx')).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  });
});

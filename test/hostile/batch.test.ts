// A folder of hostile files and one good workbook, checked and recalculated as a batch (in-process,
// one worker): the good one is processed, each bad one is reported with its reason, exit 1, and the
// output folder holds only the readable workbooks (no temp files).
import { copyFileSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { MAX_FILE_BYTES } from '../../src/hosts/xlsx/read';
import { bombs, cli, DEMO, demoParts, editDemo, listing, oleFile, randomBytes, sheetPart, tempDir } from './helpers';

jest.setTimeout(20_000);

const t = tempDir('batch');
const IN = join(t.dir, 'in');
const OUT = join(t.dir, 'out');
const p = (name: string) => join(IN, name);
afterAll(() => t.cleanup());

/** Each unreadable file and the reason the batch must give. */
const BAD: Record<string, RegExp> = {
  '0-empty.xlsx': /文件为空/,
  '1-random.xlsx': /不是有效的 \.xlsx 文件/,
  '2-zip.xlsx': /不是 Excel 工作簿/,
  '3-bomb.xlsx': /疑似压缩炸弹/,
  '4-declared.xlsx': /解压后过大/,
  '5-lying.xlsx': /解压后超过其声明的大小/,
  '6-huge.xlsx': /文件过大/,
  '7-locked.xlsx': /受密码保护/,
  '8-old.xls': /旧版 \.xls/,
  '9-wps.et': /WPS 表格/,
  'a-data.csv': /CSV 文本文件/,
  'b-merges.xlsx': /合并单元格的范围过大/,
};

beforeAll(async () => {
  mkdirSync(IN);
  const b = bombs(await demoParts());
  copyFileSync(DEMO, p('good.xlsx'));
  writeFileSync(p('0-empty.xlsx'), '');
  writeFileSync(p('1-random.xlsx'), randomBytes(10_000, 7));
  writeFileSync(p('2-zip.xlsx'), await new JSZip().file('readme.txt', 'x').generateAsync({ type: 'nodebuffer' }));
  writeFileSync(p('3-bomb.xlsx'), b.ratio);
  writeFileSync(p('4-declared.xlsx'), b.declared);
  writeFileSync(p('5-lying.xlsx'), b.lying);
  writeFileSync(p('6-huge.xlsx'), '');
  truncateSync(p('6-huge.xlsx'), MAX_FILE_BYTES + 1);
  writeFileSync(p('7-locked.xlsx'), oleFile(['EncryptionInfo', 'EncryptedPackage']));
  writeFileSync(p('8-old.xls'), oleFile(['Workbook']));
  writeFileSync(p('9-wps.et'), oleFile(['Workbook']));
  writeFileSync(p('a-data.csv'), '项目,金额\n会议,1\n');
  writeFileSync(
    p('b-merges.xlsx'),
    await editDemo(async (zip) => {
      const part = await sheetPart(zip, '执行情况');
      zip.file(part, (await zip.file(part)!.async('string')).replace('</mergeCells>', '<mergeCell ref="A100:XFD1048576"/></mergeCells>'));
    }),
  );
  // Readable with a repair note.
  writeFileSync(
    p('overlap.xlsx'),
    await editDemo(async (zip) => {
      const part = await sheetPart(zip, '附件3-人代会议');
      zip.file(part, (await zip.file(part)!.async('string')).replace('</mergeCells>', '<mergeCell ref="A1:B2"/></mergeCells>'));
    }),
  );
});

test('check DIR: the good workbooks are checked, every bad file is reported, exit 1', async () => {
  const r = await cli('check', IN, '--json', '--workers', '1');
  expect(r.code).toBe(1);
  const files: { file: string; ok: boolean; error?: string; tables: number; notes?: string[] }[] = JSON.parse(r.out).files;
  expect(files.map((f) => f.file).sort()).toEqual([...Object.keys(BAD), 'good.xlsx', 'overlap.xlsx'].sort());
  for (const f of files) {
    if (f.file === 'good.xlsx' || f.file === 'overlap.xlsx') {
      expect(f).toMatchObject({ ok: true, tables: 4 });
      continue;
    }
    expect(f.ok).toBe(false);
    expect(f.error).toMatch(BAD[f.file]);
    expect(f.error).not.toMatch(/\n|Error:|\bat \S+ \(/);
  }
  expect(files.find((f) => f.file === 'overlap.xlsx')!.notes).toEqual([expect.stringMatching(/合并区域与前面的合并区域重叠（A1:B2 与 A1:I1）/)]);
  expect(r.ms).toBeLessThan(10_000);
  expect(r.peakMb).toBeLessThan(300);
});

test('check DIR as a table: one line per file, the reasons, the total, the repair note', async () => {
  const r = await cli('check', IN, '--workers', '1');
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/good\.xlsx\s+4\s+6\s+1\s+0\s+有错误/);
  for (const [file, why] of Object.entries(BAD)) {
    expect(r.out).toMatch(new RegExp(`${file.replace('.', '\\.')}\\s+0\\s+0\\s+0\\s+0\\s+无法处理：.*${why.source}`));
  }
  expect(r.out).toMatch(/共 14 个文件：0 个通过，2 个有错误，12 个无法处理。/);
  expect(r.out).toMatch(/注意：overlap\.xlsx：工作表「附件3-人代会议」中有 1 处合并区域/);
});

test('recalc DIR -o OUT writes only the readable workbooks, and no temp file', async () => {
  const r = await cli('recalc', IN, '-o', OUT, '--workers', '1');
  expect(r.code).toBe(1);
  expect(listing(OUT)).toEqual(['good.xlsx', 'overlap.xlsx']);
  expect(r.out).toMatch(/共 14 个文件：2 个通过，0 个有错误，12 个无法处理。/);
});

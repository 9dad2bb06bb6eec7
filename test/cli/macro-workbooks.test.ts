// Macro workbooks and output names (issue 10): the package is copied with its content type and
// vbaProject.bin, so the output must carry the extension of the input's kind (.xlsm stays .xlsm):
// Excel refuses a macro workbook named .xlsx. Single file: -o with another extension is refused.
// Batch: each output keeps its kind's extension, and names that would collide (on a case-insensitive
// file system too) get a suffix that the summary states.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { cli, DEMO, editDemo, expectRefused, tempDir } from '../hostile/helpers';

jest.setTimeout(30_000);

const t = tempDir('macro');
const IN = join(t.dir, 'in');
const p = (name: string) => join(IN, name);
afterAll(() => t.cleanup());

const MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
const MACRO_MAIN = 'application/vnd.ms-excel.sheet.macroEnabled.main+xml';
const VBA = Buffer.from('\xd0\xcf\x11\xe0 not really a VBA project, but kept byte for byte', 'latin1');

/** The demo workbook as Excel saves it with macros: the macro content type and a vbaProject.bin. */
function asMacroWorkbook(): Promise<Buffer> {
  return editDemo(async (zip) => {
    const types = await zip.file('[Content_Types].xml')!.async('string');
    zip.file('[Content_Types].xml', types.replace(MAIN, MACRO_MAIN).replace('<Default Extension="xml"', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="xml"'));
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file('xl/_rels/workbook.xml.rels', rels.replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'));
    zip.file('xl/vbaProject.bin', VBA);
  });
}

let outs = 0;
function outDir(): string {
  const dir = join(t.dir, `out-${++outs}`);
  mkdirSync(dir);
  return dir;
}

async function contentTypes(file: string): Promise<string> {
  return (await JSZip.loadAsync(readFileSync(file))).file('[Content_Types].xml')!.async('string');
}

beforeAll(async () => {
  mkdirSync(IN);
  writeFileSync(p('预算.xlsm'), await asMacroWorkbook());
  copyFileSync(DEMO, p('预算.xlsx'));
});

describe('recalc FILE -o OUT', () => {
  test('x.xlsm -o y.xlsm: written, the macro content type and vbaProject.bin kept', async () => {
    const out = join(outDir(), '重算.xlsm');
    const r = await cli('recalc', p('预算.xlsm'), '-o', out);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(await contentTypes(out)).toContain(MACRO_MAIN);
    const vba = await (await JSZip.loadAsync(readFileSync(out))).file('xl/vbaProject.bin')!.async('nodebuffer');
    expect(vba.equals(VBA)).toBe(true);
  });

  test('the extension is compared without regard to case', async () => {
    const out = join(outDir(), '重算.XLSM');
    expect((await cli('recalc', p('预算.xlsm'), '-o', out)).code).toBe(0);
  });

  test.each([
    ['预算.xlsm', '重算.xlsx', /启用宏的工作簿（\.xlsm）.*须以 \.xlsm 结尾.*重算\.xlsm/],
    ['预算.xlsx', '重算.xlsm', /Excel 工作簿（\.xlsx）.*须以 \.xlsx 结尾.*重算\.xlsx/],
    ['预算.xlsm', '重算', /须以 \.xlsm 结尾/],
  ])('%s -o %s: refused, exit 2, nothing written', async (input, name, why) => {
    const dir = outDir();
    const r = await cli('recalc', p(input), '-o', join(dir, name));
    expectRefused(r, why);
    expect(r.err).toMatch(/未写入任何文件/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('recalc DIR -o OUT', () => {
  test('预算.xlsm and 预算.xlsx keep their extensions: two outputs, no suffix, each of its kind', async () => {
    const out = join(t.dir, 'kinds-out');
    const r = await cli('recalc', IN, '-o', out, '--workers', '1');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['预算.xlsm', '预算.xlsx']);
    expect(r.out).not.toMatch(/已改为/);
    expect(await contentTypes(join(out, '预算.xlsm'))).toContain(MACRO_MAIN);
    expect(await contentTypes(join(out, '预算.xlsx'))).toContain(MAIN);
    const json = JSON.parse((await cli('recalc', IN, '-o', out, '--workers', '1', '--json')).out);
    expect(json.files.map((f: { file: string; output: string }) => [f.file, f.output])).toEqual([
      ['预算.xlsm', join(out, '预算.xlsm')],
      ['预算.xlsx', join(out, '预算.xlsx')],
    ]);
  });

  test('A.xlsx and a.xlsx (one file on a case-insensitive file system): the second gets a suffix, said in the summary', async () => {
    const dir = join(t.dir, 'case');
    mkdirSync(dir);
    copyFileSync(DEMO, join(dir, 'A.xlsx'));
    copyFileSync(DEMO, join(dir, 'a.xlsx'));
    // A name the suffix must not take over.
    copyFileSync(DEMO, join(dir, 'a (2).xlsx'));
    const out = join(t.dir, 'case-out');
    const r = await cli('recalc', dir, '-o', out, '--workers', '1', '--json');
    expect(r.code).toBe(0);
    const files: { file: string; output: string; notes?: string[] }[] = JSON.parse(r.out).files;
    const name = (f: { output: string }) => f.output.slice(out.length + 1);
    // One of A.xlsx and a.xlsx keeps its name; the other takes the first free suffix, (3).
    const kept = files.find((f) => f.file !== 'a (2).xlsx' && name(f) === f.file)!;
    const moved = files.find((f) => f.file !== 'a (2).xlsx' && f !== kept)!;
    expect(name(files.find((f) => f.file === 'a (2).xlsx')!)).toBe('a (2).xlsx');
    expect(name(moved)).toBe(`${moved.file.slice(0, 1)} (3).xlsx`);
    expect(readdirSync(out).sort()).toEqual(files.map(name).sort());
    expect(moved.notes).toEqual([`输出文件名与「${kept.file}」的相同（不区分大小写），已改为「${name(moved)}」`]);
    expect(kept.notes).toBeUndefined();
    const table = (await cli('recalc', dir, '-o', out, '--workers', '1')).out;
    expect(table).toContain(`注意：${moved.file}：输出文件名与「${kept.file}」的相同（不区分大小写），已改为「${name(moved)}」。`);
  });

  test('a macro workbook named .xlsx, and an .xlsx named .et: named by their content, said in the summary', async () => {
    const dir = join(t.dir, 'misnamed');
    mkdirSync(dir);
    writeFileSync(join(dir, '宏.xlsx'), await asMacroWorkbook());
    copyFileSync(DEMO, join(dir, '表格.et'));
    copyFileSync(DEMO, join(dir, '表格.xlsx'));
    const out = join(t.dir, 'misnamed-out');
    const r = await cli('recalc', dir, '-o', out, '--workers', '1');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['宏.xlsm', '表格 (2).xlsx', '表格.xlsx'].sort());
    expect(r.out).toContain('注意：宏.xlsx：内容是启用宏的工作簿，输出为「宏.xlsm」。');
    // The file that keeps its own name has the first claim on it.
    expect(r.out).toContain('注意：表格.et：输出文件名与「表格.xlsx」的相同，已改为「表格 (2).xlsx」。');
    expect(r.out).not.toMatch(/注意：表格\.xlsx：/);
    expect(existsSync(join(out, '宏.xlsx'))).toBe(false);
  });
});

// Readable but odd workbooks (docs/HOSTILE-INPUT.md): error values in every cell, overlapping merged
// areas (read, the later ones dropped, and said so), merged areas past the limit (refused), and sheet
// names with quotes, brackets, spaces and exclamation marks (named exactly; recalc writes the right sheet).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { loadXlsx, MAX_MERGED_CELLS } from '../../src/hosts/xlsx/read';
import { cli, DEMO, editDemo, expectRefused, listing, sheetPart, tempDir } from './helpers';

jest.setTimeout(20_000);

const t = tempDir('odd');
const IN = join(t.dir, 'in');
const OUT = join(t.dir, 'out');
const p = (name: string) => join(IN, name);
afterAll(() => t.cleanup());

const ERRORS = ['#DIV/0!', '#N/A', '#REF!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!'];
/** The demo's sheets, renamed: a quote inside, brackets (Excel forbids them; other tools write them), spaces, "!". */
const RENAMED: Record<string, string> = {
  汇总表: '项目 (2)',
  执行情况: 'a!b',
  '附件3-人代会议': "附件3'修订",
  '附件3-代表培训': 'Sheet [1]',
};
/** Past Excel's 31 characters (LibreOffice writes such names) and starting with a quote. */
const LONG_NAME = "'由其他软件生成的工作表名称超过了三十一个字符的限制（备注）";

let demoFindings: { code: string; sheet: string; cell: string }[];

beforeAll(async () => {
  mkdirSync(IN);
  mkdirSync(OUT);
  demoFindings = JSON.parse((await cli('check', DEMO, '--json')).out).findings;

  // Every number, formula, indicator value and conclusion an error value; plus a sheet of nothing else.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(DEMO);
  let k = 0;
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        const isValue = typeof v === 'number' || (typeof v === 'object' && v !== null && 'formula' in v) || (Number(cell.row) >= 10 && 'EFI'.includes(cell.address[0])) || (ws.name === '汇总表' && Number(cell.row) >= 3);
        if (isValue && !cell.isMerged) cell.value = { error: ERRORS[k++ % ERRORS.length] } as ExcelJS.CellErrorValue;
      }),
    );
  }
  const all = wb.addWorksheet('全是错误值');
  for (let r = 1; r <= 20; r++) for (let c = 1; c <= 9; c++) all.getCell(r, c).value = { error: ERRORS[(r + c) % ERRORS.length] } as ExcelJS.CellErrorValue;
  await wb.xlsx.writeFile(p('errors.xlsx'));

  // Overlapping merged areas (Excel repairs such a file by dropping them), one unrelated merge, one bad reference.
  writeFileSync(
    p('overlap.xlsx'),
    await editDemo(async (zip) => {
      const part = await sheetPart(zip, '附件3-人代会议');
      const xml = await zip.file(part)!.async('string');
      const extra = ['A1:B2', 'K1:L2', 'H17:I18', 'L2:M3', 'not-a-range'].map((r) => `<mergeCell ref="${r}"/>`).join('');
      zip.file(part, xml.replace(/<mergeCells count="(\d+)">/, (_m, n) => `<mergeCells count="${Number(n) + 5}">`).replace('</mergeCells>', `${extra}</mergeCells>`));
    }),
  );
  writeFileSync(
    p('merge-everything.xlsx'),
    await editDemo(async (zip) => {
      const part = await sheetPart(zip, '执行情况');
      const xml = await zip.file(part)!.async('string');
      zip.file(part, xml.replace('</mergeCells>', '<mergeCell ref="K1:XFD1048576"/></mergeCells>'));
    }),
  );

  // Two sheets whose names differ only in case: Excel treats them as one name.
  writeFileSync(
    p('same-names.xlsx'),
    await editDemo(async (zip) => {
      const book = await zip.file('xl/workbook.xml')!.async('string');
      zip.file('xl/workbook.xml', book.replace('name="汇总表"', 'name="Data"').replace('name="执行情况"', 'name="DATA"'));
    }),
  );

  // Odd sheet names, written into workbook.xml as other tools do (ExcelJS refuses some of them).
  const named = new ExcelJS.Workbook();
  await named.xlsx.readFile(DEMO);
  named.addWorksheet('备注').getCell('A1').value = '填报说明';
  const zip = await JSZip.loadAsync(await named.xlsx.writeBuffer());
  let book = await zip.file('xl/workbook.xml')!.async('string');
  for (const [from, to] of Object.entries({ ...RENAMED, 备注: LONG_NAME })) {
    const attr = to.replace(/'/g, '&apos;');
    expect(book).toContain(`name="${from}"`);
    book = book.replace(`name="${from}"`, `name="${attr}"`);
  }
  zip.file('xl/workbook.xml', book);
  writeFileSync(p('names.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
});

describe('error values in every cell', () => {
  test('check: findings, no crash', async () => {
    const r = await cli('check', p('errors.xlsx'), '--json');
    expect(r.err).toBe('');
    expect([0, 1]).toContain(r.code);
    const j = JSON.parse(r.out);
    expect(j.tables.length).toBeGreaterThanOrEqual(4);
    const codes = new Set(j.findings.map((f: { code: string }) => f.code));
    expect(codes.size).toBeGreaterThan(1);
    expect(j.findings).toContainEqual(expect.objectContaining({ code: 'TABLE_NOT_RECOGNIZED', sheet: '全是错误值', cell: 'A1' }));
    for (const f of j.findings) {
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      expect(f.message).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  test('text output names the error values', async () => {
    const r = await cli('check', p('errors.xlsx'));
    expect(r.out).toMatch(/#DIV\/0!|#N\/A|#REF!|#VALUE!/);
  });

  test('recalc and report: no crash, an output file', async () => {
    const out = join(OUT, 'errors.xlsx');
    const r = await cli('recalc', p('errors.xlsx'), '-o', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(listing(OUT)).toContain('errors.xlsx');
    const rep = await cli('report', p('errors.xlsx'));
    // Only the pre-report warning: errors 重算 cannot fix, and no suggestion to recalculate.
    expect(rep.err).toMatch(/^注意：工作簿中还有 \d+ 个错误。其中 \d+ 个错误重算无法修正，需要人工改正，报告中涉及的数字请核对。\n$/);
    expect(rep.code).toBe(0);
    expect(rep.out).not.toMatch(/undefined|NaN|\[object/);
  });
});

describe('overlapping merged areas', () => {
  test('check reads the file, keeps the first of overlapping areas and says so on stderr', async () => {
    const r = await cli('check', p('overlap.xlsx'), '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings).toEqual(demoFindings);
    const notes = r.err.trim().split('\n');
    expect(notes).toEqual([
      '注意：工作表「附件3-人代会议」中有 3 处合并区域与前面的合并区域重叠（A1:B2 与 A1:I1、H17:I18 与 G18:I18、L2:M3 与 K1:L2），已按前一个读取并忽略后者，重算写出的文件也不再保留它们。',
      '注意：工作表「附件3-人代会议」中有 1 处无效的合并区域，已忽略。',
    ]);
  });

  test('recalc writes a repaired file: the kept merges, not the dropped ones', async () => {
    const out = join(OUT, 'overlap.xlsx');
    const r = await cli('recalc', p('overlap.xlsx'), '-o', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).changes.map((c: { cell: string }) => c.cell)).toEqual(['H3', 'G4', 'H11', 'H14', 'H17']);
    const back = await loadXlsx(out);
    expect(back.notes).toEqual([]);
    const ranges = back.workbook.sheets.find((s) => s.name === '附件3-人代会议')!.merges.map((m) => `${m.r0},${m.c0}:${m.r1},${m.c1}`);
    expect(ranges).toContain('0,0:0,8'); // A1:I1 kept
    expect(ranges).toContain('0,10:1,11'); // K1:L2 kept
    expect(ranges).not.toContain('0,0:1,1'); // A1:B2 dropped
    expect(ranges).not.toContain('1,11:2,12'); // L2:M3 dropped
    expect(ranges).toHaveLength(15);
  });

  test('report works and says so too', async () => {
    const r = await cli('report', p('overlap.xlsx'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^注意：/);
  });

  test(`merged areas past ${MAX_MERGED_CELLS} cells are refused, quickly`, async () => {
    const before = listing(OUT);
    for (const args of [['check', p('merge-everything.xlsx')], ['recalc', p('merge-everything.xlsx'), '-o', join(OUT, 'm.xlsx')]]) {
      const r = await cli(...args);
      expectRefused(r, /合并单元格的范围过大（合计超过 50 万个单元格）/);
      expect(r.ms).toBeLessThan(2_000);
      expect(r.peakMb).toBeLessThan(100);
    }
    expect(listing(OUT)).toEqual(before);
  });
});

describe('sheet names with quotes, brackets, spaces and "!"', () => {
  const warn = jest.spyOn(console, 'warn');
  afterAll(() => warn.mockRestore());

  test('findings name each sheet exactly', async () => {
    const r = await cli('check', p('names.xlsx'), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.tables.map((x: { sheet: string }) => x.sheet)).toEqual(Object.values(RENAMED));
    expect(j.findings.map((f: { sheet: string; cell: string; code: string }) => `${f.sheet}!${f.cell} ${f.code}`)).toEqual([
      ...demoFindings.map((f) => `${RENAMED[f.sheet]}!${f.cell} ${f.code}`),
      `${LONG_NAME}!A1 TABLE_NOT_RECOGNIZED`,
    ]);
    expect(warn).not.toHaveBeenCalled(); // ExcelJS would warn and cut the long name
    const text = await cli('check', p('names.xlsx'));
    expect(text.out).toContain("附件3'修订!H11");
  });

  test('recalc writes each change into the right sheet and keeps every name', async () => {
    const out = join(OUT, 'names.xlsx');
    const r = await cli('recalc', p('names.xlsx'), '-o', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).changes.map((c: { sheet: string; cell: string }) => `${c.sheet}!${c.cell}`)).toEqual([
      '项目 (2)!H3',
      '项目 (2)!G4',
      "附件3'修订!H11",
      "附件3'修订!H14",
      "附件3'修订!H17",
    ]);
    const back = await loadXlsx(out);
    expect(back.workbook.sheets.map((s) => s.name)).toEqual([...Object.values(RENAMED), LONG_NAME]);
    const sheet = (name: string) => back.workbook.sheets.find((s) => s.name === name)!;
    expect(sheet('项目 (2)').rows[3][6]?.v).toBe(0.8531);
    expect(sheet("附件3'修订").rows[10][7]?.v).toBe(9.78);
    expect(sheet("附件3'修订").rows[16][7]?.v).toBe(99.16);
    expect(sheet('Sheet [1]').rows[15][7]?.v).toBe(96.53); // untouched
    const book = await (await JSZip.loadAsync(readFileSync(out))).file('xl/workbook.xml')!.async('string');
    expect(book).toContain('name="Sheet [1]"');
    const again = await cli('check', out, '--json');
    // The summary row took its project's total, so only the deviation warning and the notes sheet remain.
    expect(JSON.parse(again.out).findings.map((f: { sheet: string }) => f.sheet)).toEqual(["附件3'修订", LONG_NAME]);
  });
});

test('two sheets with the same name (ignoring case) are refused', async () => {
  const r = await cli('check', p('same-names.xlsx'));
  expectRefused(r, /工作簿中有两个同名的工作表「DATA」/);
});

// Formulas that read written cells (issue 10): evaluated ones get their cached result written (reason
// `formula`, the formula kept); the others are listed, in the readable output and in --json.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoWorkbook, fx, put } from '../fixtures/workbooks';
import { cellsOf, cli } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-formulas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('recalc writes a =SUM over a written cell and lists a VLOOKUP it cannot evaluate', async () => {
  const wb = demoWorkbook();
  // 附件3-人代会议!H11 is written (12 → 9.78): one formula sums it, another looks it up.
  put(wb.addWorksheet('引用'), 'A1', [
    ['合计', fx("SUM('附件3-人代会议'!H11:H12)", 22)],
    ['查找', fx("VLOOKUP(\"参会代表人数\",'附件3-人代会议'!D11:H11,5,FALSE)", 12)],
  ]);
  const file = join(dir, 'in.xlsx');
  await wb.xlsx.writeFile(file);
  const out = join(dir, 'out.xlsx');
  const r = await cli('recalc', file, '-o', out, '--json');
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out);
  const sum = j.changes.find((c: { sheet: string; cell: string }) => c.sheet === '引用' && c.cell === 'B1');
  expect(sum).toMatchObject({ reason: 'formula', before: 22 });
  expect(j.staleFormulas).toEqual([{ sheet: '引用', cell: 'B2', formula: "=VLOOKUP(\"参会代表人数\",'附件3-人代会议'!D11:H11,5,FALSE)" }]);
  const cells = await cellsOf(out);
  expect(cells.get('引用!B1')?.value).toEqual({ formula: "SUM('附件3-人代会议'!H11:H12)", result: sum.after });
  const text = await cli('recalc', file, '-o', join(dir, 'out2.xlsx'));
  expect(text.out).toContain('公式结果');
  expect(text.out).toMatch(/以下 1 个公式引用了写入的单元格，本工具无法重算[^\n]*\n\s+引用!B2  =VLOOKUP/);
});

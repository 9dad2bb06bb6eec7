// Issue 11, "done when": `jixiao report` on a workbook whose weights sum to more than 100, or whose scores
// are blank, states no total above 100 and no 满分; its Markdown has no stray backslashes; the CLI says on
// stderr what is left to do before the report can be trusted (SPEC §6), and `check` says what 重算 fixes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAMILIES } from '../fixtures/families';
import { cli } from './helpers';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'jixiao-report-story-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DEMO = join(__dirname, '../../samples/示例-项目支出自评.xlsx');

test.each(['06-weights-110', '07-all-scores-blank'])('%s: no total above 100, no 满分, no stray backslash', async (name) => {
  const fam = FAMILIES.find((f) => f.name === name)!;
  const file = join(dir, `${name}.xlsx`);
  await fam.build().xlsx.writeFile(file);
  const md = join(dir, `${name}.md`);
  const r = await cli('report', file, '--md', md);
  expect(r.code).toBe(0);
  const text = readFileSync(md, 'utf8');
  expect(text).not.toMatch(/满分/);
  for (const m of text.matchAll(/(?:总分|总得分|得分)为?\s*(\d+(?:\.\d+)?)\s*分/g)) expect(Number(m[1])).toBeLessThanOrEqual(100);
  // A backslash only before ASCII punctuation (a CommonMark escape), never before a digit or a letter.
  expect(text).not.toMatch(/\\[^!-/:-@[-`{-~]/);
});

test('report warns on stderr when errors remain or computed cells are not written, and reports the recalculated figures', async () => {
  const r = await cli('report', DEMO);
  expect(r.code).toBe(0);
  expect(r.err).toMatch(/^注意：工作簿中还有 6 个错误，5 处计算值尚未重算写入。/);
  expect(r.err).toContain('jixiao recalc');
  // The 总报告 and the project's own section agree: 99.16 (as 重算 writes it), not the 汇总表's 100.
  expect(r.out).toMatch(/\| 人代会议 \|[^\n]*\| 99\.16 \|/);
  expect(r.out).toContain('本项目绩效自评总分99.16分');
});

test('a recalculated workbook gets no warning', async () => {
  const out = join(dir, 'demo-recalc.xlsx');
  expect((await cli('recalc', DEMO, '-o', out)).code).toBe(0);
  const r = await cli('report', out);
  expect(r.code).toBe(0);
  expect(r.err).toBe('');
});

test('check says which findings 重算 fixes and what it writes', async () => {
  const r = await cli('check', DEMO);
  expect(r.out).toMatch(/H11 {2}「参会代表人数」得分应为 9\.78，表中为 12。 {2}\(SCORE_MISMATCH\) {2}重算可修正：将写入 9\.78（修正）/);
  // The cross-table finding: the 汇总表's cell named first, and 重算 writes that one (同步).
  expect(r.out).toMatch(/两表不一致：汇总表!H3 [^\n]*重算可修正：将写入 汇总表!H3 99\.16（同步）/);
  // A finding a person must fix is not marked.
  expect(r.out).toMatch(/\(DEVIATION_REASON_MISSING\)\n/);
});

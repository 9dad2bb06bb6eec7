// The CLI on every layout variant of test/fixtures/workbooks.ts, run in-process through run():
// tables found, findings at their cells, no stray errors, exit codes, --json shape, values written,
// nothing else touched, recalculation idempotent, and no computed mismatch left after it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as ExcelJS from 'exceljs';
import { analyze } from '../../src/core/engine';
import type { Finding, FindingCode } from '../../src/core/findings';
import { SEVERITY } from '../../src/core/rules';
import { isSelfEval } from '../../src/core/tables/model';
import { XlsxHost } from '../../src/hosts/xlsx/xlsx-host';
import { FAMILIES } from '../fixtures/families';
import { PROBES } from '../fixtures/probe';
import { DEMO_FILE, VARIANTS, demoWorkbook, type At, type Variant } from '../fixtures/workbooks';
import { cellsOf, cli, plain, sameValue, type Change, type Cli } from './helpers';

jest.setTimeout(30_000);

const dir = mkdtempSync(join(tmpdir(), 'jixiao-variants-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const matches = (f: Finding, e: Partial<At>) =>
  (!e.code || f.code === e.code) && (!e.sheet || f.sheet === e.sheet) && (!e.cell || f.cell === e.cell);
const where = (f: Finding) => `${f.code} ${f.sheet}!${f.cell}`;
const MISMATCH = /^(RATE|SCORE|TOTAL|GRADE)_MISMATCH$/;

describe.each(VARIANTS.map((v) => [v.name, v] as [string, Variant]))('%s', (name, v) => {
  const file = join(dir, `${name}.xlsx`);
  const out1 = join(dir, `${name}-1.xlsx`);
  const out2 = join(dir, `${name}-2.xlsx`);
  let check: Cli;
  let checked: { tables: { sheet: string; kind: string; range: string; title: string }[]; findings: Finding[] };
  let recalc: Cli;
  let changes: Change[];
  let again: Cli;
  let afterCheck: { findings: Finding[] };

  beforeAll(async () => {
    await v.build().xlsx.writeFile(file);
    check = await cli('check', file, '--json');
    checked = JSON.parse(check.out);
    recalc = await cli('recalc', file, '-o', out1, '--json');
    changes = JSON.parse(recalc.out).changes;
    again = await cli('recalc', out1, '-o', out2, '--json');
    afterCheck = JSON.parse((await cli('check', out1, '--json')).out);
  });

  test('finds its tables', () => {
    for (const t of v.expect.tables) {
      const n = checked.tables.filter((x) => x.sheet === t.sheet && x.kind === t.kind).length;
      expect({ ...t, found: n }).toEqual({ ...t, found: t.count ?? 1 });
    }
  });

  test('reports each expected finding at its cell', () => {
    const missing = v.expect.must.filter((e) => !checked.findings.some((f) => matches(f, e)));
    expect(missing).toEqual([]);
  });

  test('reports nothing it must not, and no error beyond the expected ones', () => {
    const wrong = (v.expect.mustNot ?? []).flatMap((e) => checked.findings.filter((f) => matches(f, e)).map(where));
    expect(wrong).toEqual([]);
    const stray = checked.findings.filter((f) => f.severity === 'error' && !v.expect.must.some((e) => matches(f, e)));
    expect(stray.map(where)).toEqual([]);
  });

  test('exit codes: check 1 with errors, else 0; recalc 0', () => {
    const errors = v.expect.must.some((e) => SEVERITY[e.code] === 'error');
    expect(check.code).toBe(errors ? 1 : 0);
    expect(check.err).toBe('');
    expect(recalc.code).toBe(0);
    expect(recalc.err).toBe('');
  });

  test('--json has the documented shape', () => {
    expect(Object.keys(checked).sort()).toEqual(['findings', 'tables']);
    for (const t of checked.tables) {
      expect(Object.keys(t).sort()).toEqual(['kind', 'range', 'sheet', 'title']);
      expect(t.kind).toMatch(/^(project-self-eval|dept-self-eval|basic-data|budget-execution|project-summary)$/);
      expect(t.range).toMatch(/^[A-Z]+\d+(:[A-Z]+\d+)?$/);
      expect(typeof t.sheet).toBe('string');
      expect(typeof t.title).toBe('string');
    }
    for (const f of checked.findings) {
      // SPEC §5's shape, and §8's explanation of a computed value.
      for (const k of Object.keys(f)) expect(['code', 'severity', 'sheet', 'cell', 'message', 'expected', 'actual', 'explain']).toContain(k);
      if ('explain' in f) {
        const e = (f as unknown as { explain: Record<string, unknown> }).explain;
        for (const k of Object.keys(e)) expect(['rule', 'arithmetic', 'result', 'text']).toContain(k);
        for (const k of ['rule', 'result', 'text']) expect(typeof e[k]).toBe('string');
      }
      expect(SEVERITY[f.code as FindingCode]).toBe(f.severity);
      expect(f.cell).toMatch(/^[A-Z]+\d+$/);
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      for (const k of ['expected', 'actual'] as const) if (k in f) expect(['number', 'string']).toContain(typeof f[k]);
    }
  });

  test('writes the expected values, and each change as listed', async () => {
    const after = await cellsOf(out1);
    for (const w of v.expect.writes) {
      const got = after.get(`${w.sheet}!${w.cell}`);
      expect({ at: `${w.sheet}!${w.cell}`, ok: sameValue(plain(got?.value), w.value), value: got?.value }).toMatchObject({ ok: true });
      if (w.numFmt !== undefined) expect({ at: `${w.sheet}!${w.cell}`, numFmt: got?.numFmt }).toEqual({ at: `${w.sheet}!${w.cell}`, numFmt: w.numFmt });
    }
    for (const c of changes) {
      expect({ at: `${c.sheet}!${c.cell}`, reason: c.reason }).toEqual({ at: `${c.sheet}!${c.cell}`, reason: expect.stringMatching(/^(fix|fill|precision|type|sync)$/) });
      const got = after.get(`${c.sheet}!${c.cell}`);
      expect({ at: `${c.sheet}!${c.cell}`, ok: sameValue(got?.value, c.after), numFmt: got?.numFmt ?? null }).toEqual({
        at: `${c.sheet}!${c.cell}`,
        ok: true,
        numFmt: c.numFmt,
      });
    }
    const written = new Set(changes.map((c) => `${c.sheet}!${c.cell}`));
    const touched = (v.expect.untouched ?? []).map((u) => `${u.sheet}!${u.cell}`).filter((k) => written.has(k));
    expect(touched).toEqual([]);
  });

  test('leaves every cell not listed in changes as it was (value, formula, format)', async () => {
    const [before, after] = await Promise.all([cellsOf(file), cellsOf(out1)]);
    const written = new Set(changes.map((c) => `${c.sheet}!${c.cell}`));
    const altered: string[] = [];
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      if (written.has(key)) continue;
      if (JSON.stringify(before.get(key)) !== JSON.stringify(after.get(key))) altered.push(key);
    }
    expect(altered).toEqual([]);
  });

  test('a second recalculation changes nothing', () => {
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out).changes).toEqual([]);
  });

  test('after recalculation no computed value disagrees', () => {
    expect(afterCheck.findings.filter((f) => MISMATCH.test(f.code)).map(where)).toEqual([]);
  });
});

test('every table finding code of SPEC §5 is exercised by some variant, family or probe workbook', () => {
  const covered = new Set<string>([...VARIANTS, ...FAMILIES, ...PROBES].flatMap((v) => v.expect.must.map((m) => m.code)));
  // The findings of the scoring profiles (SPEC §8) are exercised, profile by profile, in test/core/profiles.
  const PROFILE_FINDINGS = ['NARRATIVE_MISMATCH', 'TOTAL_ABOVE_CAP', 'QUALITATIVE_SCORE_BAND', 'BUDGET_ADJUSTMENT_REASON', 'LOW_TOTAL_SECTIONS', 'RATE_WEIGHT_MISMATCH'];
  const codes = (Object.keys(SEVERITY) as FindingCode[]).filter((c) => !PROFILE_FINDINGS.includes(c));
  expect(codes.filter((c) => !covered.has(c))).toEqual([]);
});

test('dept-breakdown: figures inside breakdown text are read, not checked', async () => {
  const v = VARIANTS.find((x) => x.name === 'dept-breakdown')!;
  const host = await XlsxHost.fromBuffer(Buffer.from(await v.build().xlsx.writeBuffer()));
  const t = analyze(await host.readWorkbook()).tables.find(isSelfEval)!;
  expect(t.budget?.row).toBe(3); // 年度资金总额, 0-based
  expect(t.budget?.breakdown).toEqual(
    expect.arrayContaining([
      { label: '一般公共预算', value: 982.6 },
      { label: '基本支出', value: 911.94 },
      { label: '项目支出', value: 70.66 },
    ]),
  );
});

describe('the demo workbook', () => {
  const sample = resolve(__dirname, '../..', DEMO_FILE);

  test(`${DEMO_FILE} (scripts/make-sample.mjs) holds what demoWorkbook() builds`, async () => {
    expect(existsSync(sample)).toBe(true);
    const built = join(dir, 'demo-built.xlsx');
    await demoWorkbook().xlsx.writeFile(built);
    const [a, b] = await Promise.all([cellsOf(sample), cellsOf(built)]);
    expect(Object.fromEntries(a)).toEqual(Object.fromEntries(b));
    const merges = async (f: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f);
      return wb.worksheets.map((ws) => [ws.name, [...((ws.model as { merges?: string[] }).merges ?? [])].sort()]);
    };
    expect(await merges(sample)).toEqual(await merges(built));
  });

  test('check and recalc read well without --json', async () => {
    const c = await cli('check', sample);
    expect(c.code).toBe(1);
    expect(c.out).toContain('识别到 4 张表');
    expect(c.out).toMatch(/\[错误\] 汇总表!G4 .*85\.31%/);
    expect(c.out).toMatch(/\[警告\] 附件3-人代会议!I14 /);
    const r = await cli('recalc', sample, '-o', join(dir, 'demo-out.xlsx'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('写入 5 个单元格');
    expect(r.out).toContain('附件3-人代会议!H17  总得分：100 → 99.16（修正）');
    expect(r.out).toContain('汇总表!H3  「人代会议」得分：100 → 99.16（同步）');
    expect(r.out).toContain('已写入：');
  });
});

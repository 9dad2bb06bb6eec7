// The checks a template-family or probe workbook runs (test/fixtures/families.ts, probe.ts): tables found
// with their kind and range, findings at their cells, no stray errors, the values written with their
// reasons and nothing else written, recalculation idempotent, and after it no mismatch left that
// recalculation could have fixed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import type { Finding, Severity } from '../../src/core/findings';
import { SEVERITY } from '../../src/core/rules';
import { REASONS, inRange, type At, type Code, type Family, type Scope } from '../fixtures/families';
import { cellsOf, cli, plain, sameValue, type Change, type Cli } from './helpers';



/** SPEC §5's severity of a code (TABLE_INCOMPLETE is a warning, whether or not the engine lists it yet). */
const severity = (code: Code): Severity => (SEVERITY as Partial<Record<Code, Severity>>)[code] ?? 'warning';

const at = (f: Finding, e: At) => f.code === e.code && f.sheet === e.sheet && f.cell === e.cell;
const inScope = (f: Finding, s: Scope) =>
  (!s.code || f.code === s.code) && f.sheet === s.sheet && (!s.cell || f.cell === s.cell) && (!s.range || inRange(f.cell, s.range));
const where = (f: Finding) => `${f.code} ${f.sheet}!${f.cell}`;
/** What recalculation computes and could write: a mismatch left after it must be one it withheld. */
const FIXABLE = /^(RATE|SCORE|TOTAL|GRADE|CROSS_SHEET)_MISMATCH$/;

type Reasoned = Change & { reason?: string };

/**
 * The suite every family or probe workbook runs: the CLI in-process on the workbook, then on its
 * recalculated copy, with what its expectation lists.
 */
export function describeFamilies(families: readonly Family[], tmpPrefix: string): void {
  const dir = mkdtempSync(join(tmpdir(), tmpPrefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  describe.each(families.map((x) => [x.name, x] as [string, Family]))('%s', (name, fam) => describeFamily(dir, name, fam));
}

function describeFamily(dir: string, name: string, fam: Family): void {
  const e = fam.expect;
  const file = join(dir, `${name}.xlsx`);
  const out1 = join(dir, `${name}-1.xlsx`);
  const out2 = join(dir, `${name}-2.xlsx`);
  let check: Cli;
  let checked: { tables: { sheet: string; kind: string; range: string; title: string }[]; findings: Finding[] };
  let recalc: Cli;
  let changes: Reasoned[];
  let again: Cli;
  let afterCheck: { findings: Finding[] };

  beforeAll(async () => {
    await fam.build().xlsx.writeFile(file);
    check = await cli('check', file, '--json');
    checked = JSON.parse(check.out);
    recalc = await cli('recalc', file, '-o', out1, '--json');
    changes = recalc.code === 0 ? JSON.parse(recalc.out).changes : [];
    again = await cli('recalc', out1, '-o', out2, '--json');
    afterCheck = again.code === 0 ? JSON.parse((await cli('check', out1, '--json')).out) : { findings: [] };
  });

  test('the fixture names only cells a person can type in, inside its tables', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    // TABLE_NOT_RECOGNIZED names A1 of a sheet that holds no table.
    const named = [
      ...e.must.filter((m) => m.code !== 'TABLE_NOT_RECOGNIZED'),
      ...e.remain,
      ...e.writes,
      ...e.untouched,
      ...e.mustNot.filter((s): s is Scope & { cell: string } => !!s.cell),
    ];
    const bad: string[] = [];
    for (const n of named) {
      const ws = wb.getWorksheet(n.sheet);
      const c = ws?.getCell(n.cell);
      if (!ws || !c) bad.push(`${n.sheet}!${n.cell}: no such sheet`);
      else if (c.isMerged && c.master.address !== c.address) bad.push(`${n.sheet}!${n.cell}: hidden by the merged area of ${c.master.address}`);
      else if (!e.tables.some((t) => t.sheet === n.sheet && inRange(n.cell, t.range))) bad.push(`${n.sheet}!${n.cell}: outside every table`);
    }
    expect(bad).toEqual([]);
  });

  test('finds its tables (sheet and kind), and no others', () => {
    const kinds = (ts: { sheet: string; kind: string }[]) => ts.map((t) => `${t.sheet}: ${t.kind}`).sort();
    expect(kinds(checked.tables)).toEqual(kinds(e.tables));
  });

  test('gives each table the range a person would draw around it', () => {
    const ranges = (ts: { sheet: string; kind: string; range: string }[]) => ts.map((t) => `${t.sheet}: ${t.kind} ${t.range}`).sort();
    expect(ranges(checked.tables)).toEqual(ranges(e.tables));
  });

  test('reports each expected finding at its cell', () => {
    expect(e.must.filter((m) => !checked.findings.some((f) => at(f, m)))).toEqual([]);
  });

  test('reports nothing it must not, and no error beyond the expected ones', () => {
    const wrong = e.mustNot.flatMap((s) => checked.findings.filter((f) => inScope(f, s)).map(where));
    expect(wrong).toEqual([]);
    const stray = checked.findings.filter((f) => f.severity === 'error' && !e.must.some((m) => at(f, m)));
    expect(stray.map(where)).toEqual([]);
  });

  test('exit codes: check 1 with errors, else 0; recalc 0', () => {
    expect(check.code).toBe(e.must.some((m) => severity(m.code) === 'error') ? 1 : 0);
    expect(check.err).toBe('');
    expect(recalc.code).toBe(0);
    expect(recalc.err).toBe('');
  });

  test('writes the expected values', async () => {
    const after = await cellsOf(out1);
    const fmt = (w: { numFmt?: string | null }, numFmt: string | null | undefined) => (w.numFmt !== undefined ? { numFmt } : {});
    const got = e.writes.map((w) => {
      const cell = after.get(`${w.sheet}!${w.cell}`);
      return { at: `${w.sheet}!${w.cell}`, value: sameValue(plain(cell?.value), w.value) ? w.value : cell?.value, ...fmt(w, cell?.numFmt ?? null) };
    });
    expect(got).toEqual(e.writes.map((w) => ({ at: `${w.sheet}!${w.cell}`, value: w.value, ...fmt(w, w.numFmt) })));
  });

  test('gives each expected write its reason', () => {
    const reasonAt = (sheet: string, cell: string) => changes.find((c) => c.sheet === sheet && c.cell === cell)?.reason;
    const got = e.writes.map((w) => ({ at: `${w.sheet}!${w.cell}`, reason: reasonAt(w.sheet, w.cell) }));
    expect(got).toEqual(e.writes.map((w) => ({ at: `${w.sheet}!${w.cell}`, reason: w.reason })));
  });

  test('writes no cell beyond the expected ones, and none that must stay untouched', () => {
    const expected = new Set(e.writes.map((w) => `${w.sheet}!${w.cell}`));
    const extra = changes.filter((c) => !expected.has(`${c.sheet}!${c.cell}`)).map((c) => `${c.sheet}!${c.cell} ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`);
    expect(extra).toEqual([]);
    const written = new Set(changes.map((c) => `${c.sheet}!${c.cell}`));
    expect(e.untouched.map((u) => `${u.sheet}!${u.cell}`).filter((k) => written.has(k))).toEqual([]);
  });

  test('every change carries a reason of SPEC §4', () => {
    const bad = changes.filter((c) => !REASONS.includes(c.reason as never));
    expect(bad.map((c) => `${c.sheet}!${c.cell} reason ${String(c.reason)}`)).toEqual([]);
  });

  test('every change holds in the written file what it says', async () => {
    const after = await cellsOf(out1);
    for (const c of changes) {
      const got = after.get(`${c.sheet}!${c.cell}`);
      expect({ at: `${c.sheet}!${c.cell}`, ok: sameValue(got?.value, c.after), numFmt: got?.numFmt ?? null }).toEqual({
        at: `${c.sheet}!${c.cell}`,
        ok: true,
        numFmt: c.numFmt,
      });
    }
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

  test('after recalculation no mismatch is left that recalculation could have fixed', () => {
    const left = afterCheck.findings.filter((f) => FIXABLE.test(f.code) && !e.remain.some((r) => at(f, r)));
    expect(left.map(where)).toEqual([]);
    // What it withheld still speaks.
    expect(e.remain.filter((r) => !afterCheck.findings.some((f) => at(f, r)))).toEqual([]);
  });
}

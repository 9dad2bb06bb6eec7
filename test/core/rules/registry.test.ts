// The rules declare their codes (severity, Chinese label, scope); the registry, runRules, the CLI's
// output and the task pane's labels come from those declarations, and SPEC §5 is what they declare.
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { printFindings } from '../../../src/cli/print';
import { analyze } from '../../../src/core/engine';
import type { Finding, FindingCode, Severity } from '../../../src/core/findings';
import { SEVERITY_LABEL } from '../../../src/core/labels';
import { narrativeCodes } from '../../../src/core/rules/report-codes';
import { CODE_LABEL, CODES, DECLARATIONS, RULES, runRules, SEVERITY } from '../../../src/core/rules';
import { selfEvals, type RuleContext } from '../../../src/core/rules/rule';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import type { Workbook } from '../../../src/core/grid/types';
import { XlsxHost } from '../../../src/hosts/xlsx/xlsx-host';
import { filterGroups, groupFindings } from '../../../src/taskpane/group';
import { CODE_LABEL as PANE_CODE_LABEL } from '../../../src/taskpane/labels';
import { GOOD_INDICATORS, projectSheet, workbook, type IndRow } from '../template';

const SPEC = resolve(__dirname, '../../../../shared/SPEC.md');
const SAMPLES = resolve(__dirname, '../../../../shared/samples');
const RULES_DIR = resolve(__dirname, '../../../src/core/rules');

/** SPEC §5's table: `| \`CODE\` | severity | when |`; and NARRATIVE_MISMATCH's severity from §6. */
function specCodes(): [FindingCode, Severity][] {
  const text = readFileSync(SPEC, 'utf8');
  const s5 = text.slice(text.indexOf('\n## 5.'), text.indexOf('\n## 6.'));
  const rows = [...s5.matchAll(/^\| `([A-Z0-9_]+)` \| (error|warning|info) \|/gm)].map((m) => [m[1], m[2]] as [FindingCode, Severity]);
  const narrative = /`NARRATIVE_MISMATCH` \((error|warning|info)\)/.exec(text.slice(text.indexOf('\n## 6.')));
  if (narrative) rows.push(['NARRATIVE_MISMATCH', narrative[1] as Severity]);
  return rows;
}

const withSpec = existsSync(SPEC) ? describe : describe.skip;

withSpec('SPEC §5: every code is declared once, with its severity and a Chinese label', () => {
  const spec = existsSync(SPEC) ? specCodes() : [];

  test('SPEC lists the codes (the table was read)', () => {
    expect(spec.length).toBeGreaterThanOrEqual(26);
    expect(spec.map(([c]) => c)).toContain('NARRATIVE_MISMATCH');
  });

  test.each(spec)('%s: declared once, %s, with a label', (code, severity) => {
    const declaring = DECLARATIONS.filter((d) => code in d.codes);
    expect(declaring).toHaveLength(1);
    expect(CODES[code].severity).toBe(severity);
    expect(SEVERITY[code]).toBe(severity);
    expect(SEVERITY[code]).toBe(severity);
    expect(CODES[code].label).toMatch(/^[\u4e00-\u9fff（）、]+$/);
    expect(CODE_LABEL[code]).toBe(CODES[code].label);
  });

  test('nothing is declared that SPEC does not list, but the findings SPEC §8 asks for without naming a code', () => {
    // SPEC §8 (and issue 12) require these findings of the scoring profiles but give them no code.
    const profileCodes: [string, string][] = [
      ['TOTAL_ABOVE_CAP', 'error'], // a total above the cap its 执行率 allows
      ['QUALITATIVE_SCORE_BAND', 'warning'], // a stated qualitative score outside every band
      ['BUDGET_ADJUSTMENT_REASON', 'warning'], // 广西: a large budget adjustment with a high total
      ['LOW_TOTAL_SECTIONS', 'error'], // 宁夏: "an error when blank"
      ['RATE_WEIGHT_MISMATCH', 'warning'], // 湖北: the 执行率 row weighs 20
    ];
    for (const [code, severity] of profileCodes) expect([code, CODES[code as FindingCode].severity]).toEqual([code, severity]);
    expect(Object.keys(CODES).sort()).toEqual([...spec.map(([c]) => c), ...profileCodes.map(([c]) => c)].sort());
  });
});

describe('declarations and dispatch', () => {
  test('each rule declares its scope and what that scope needs', () => {
    for (const rule of RULES) {
      expect(['table', 'workbook', 'indicator-row']).toContain(rule.scope);
      if (rule.scope === 'indicator-row') expect(typeof rule.row).toBe('function');
      else expect(typeof rule.run).toBe('function');
    }
    expect(narrativeCodes.scope).toBe('narrative');
    expect(CODES.NARRATIVE_MISMATCH.scope).toBe('narrative');
    expect(CODES.OVERACHIEVED.scope).toBe('indicator-row');
    expect(CODES.CROSS_SHEET_MISMATCH.scope).toBe('workbook');
    expect(CODES.RATE_MISMATCH.scope).toBe('table');
  });

  test('a code a module reports by name is declared by its rule or a rule it names (alsoReports)', () => {
    for (const file of readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !['index.ts', 'rule.ts', 'indicator-rows.ts', 'report-codes.ts'].includes(f))) {
      const reported = new Set([...readFileSync(join(RULES_DIR, file), 'utf8').matchAll(/finding\(\s*'([A-Z0-9_]+)'/g)].map((m) => m[1]));
      const mod = require(join(RULES_DIR, file)) as Record<string, unknown>;
      const rule = RULES.find((r) => Object.values(mod).includes(r));
      expect(rule).toBeDefined();
      const declared = new Set([rule!, ...(rule!.alsoReports ?? [])].flatMap((d) => Object.keys(d.codes)));
      expect({ file, undeclared: [...reported].filter((c) => !declared.has(c)) }).toEqual({ file, undeclared: [] });
    }
  });
});

function ind(i: number, patch: Partial<IndRow>): IndRow[] {
  return GOOD_INDICATORS.map((r, j) => (j === i ? { ...r, ...patch } : r));
}

/** 3次 against ≥2次 (OVERACHIEVED), a blank 执行率 (MISSING_VALUE of a computed cell), 2个 (UNIT_MISMATCH). */
const WB: Workbook = workbook(projectSheet({ rate: null, indicators: ind(0, { actual: '3次' }) }), projectSheet({ sheetName: '附件4', indicators: ind(0, { actual: '2个' }) }));

function contextOf(wb: Workbook): RuleContext {
  const a = analyze(wb);
  const ctx: RuleContext = { tables: a.tables, evals: a.evals, unrecognized: [], settings: DEFAULT_SETTINGS };
  return { ...ctx, selfEvals: selfEvals(ctx) };
}

describe('what each rule reports is what it declares', () => {
  const workbooks: [string, () => Promise<Workbook>][] = [['template', async () => WB]];
  if (existsSync(SAMPLES)) {
    for (const f of readdirSync(SAMPLES).filter((x) => x.endsWith('.xlsx'))) {
      workbooks.push([f, async () => (await XlsxHost.fromBuffer(readFileSync(join(SAMPLES, f)))).readWorkbook()]);
    }
  }
  test.each(workbooks)('%s', async (name, read) => {
    const ctx = contextOf(await read());
    let n = 0;
    for (const rule of RULES) {
      const declared = new Set([rule, ...(rule.alsoReports ?? [])].flatMap((d) => Object.keys(d.codes)));
      for (const f of rule(ctx)) {
        n++;
        expect(declared).toContain(f.code);
        expect(f.severity).toBe(SEVERITY[f.code]);
      }
    }
    if (name === 'template') expect(n).toBeGreaterThan(0);
  });
});

describe('the faces show what the declarations say', () => {
  const findings = analyze(WB).findings;
  const over = findings.find((f) => f.code === 'OVERACHIEVED')!;

  test('the workbook has the findings this block looks at', () => {
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(['OVERACHIEVED', 'MISSING_VALUE', 'UNIT_MISMATCH']));
  });

  test('the CLI: each finding with its severity’s name, as declared', () => {
    const out = printFindings(findings);
    for (const f of findings) {
      const line = out.split('\n').find((l) => l.includes(`${f.sheet}!${f.cell}  ${f.message}`))!;
      expect(line).toContain(`[${SEVERITY_LABEL[CODES[f.code].severity]}]`);
      expect(line).toContain(`(${f.code})`);
    }
    expect(out).toContain('[警告] 附件3!F9');
  });

  test('the task pane: its labels are the declared ones, and search finds a finding by its label', () => {
    for (const code of Object.keys(CODES) as FindingCode[]) expect(PANE_CODE_LABEL[code]).toBe(CODES[code].label);
    const groups = groupFindings([], findings);
    const found = filterGroups(groups, { show: { error: true, warning: true, info: true }, query: CODES.OVERACHIEVED.label });
    expect(found.flatMap((g) => g.entries.flatMap((e) => e.findings))).toEqual([over]);
  });
});

describe('severity overrides (a scoring profile’s)', () => {
  const ctx = contextOf(WB);
  const plain = runRules(ctx);

  test('RuleContext.severities changes the severity of the codes it names, and nothing else', () => {
    const severities: RuleContext['severities'] = { OVERACHIEVED: 'error', UNIT_MISMATCH: 'info' };
    const overridden = runRules({ ...ctx, severities });
    expect(overridden.map(({ severity: _, ...f }) => f)).toEqual(plain.map(({ severity: _, ...f }) => f));
    const severityOf = (f: Finding) => severities[f.code] ?? SEVERITY[f.code];
    expect(overridden.map((f) => f.severity)).toEqual(plain.map(severityOf));
    expect(overridden.filter((f) => f.code === 'OVERACHIEVED').map((f) => f.severity)).toEqual(['error']);
    expect(overridden.filter((f) => f.code === 'UNIT_MISMATCH').map((f) => f.severity)).toEqual(['info']);
    expect(plain.filter((f) => f.code === 'OVERACHIEVED').map((f) => f.severity)).toEqual(['warning']);
    // The rules called one by one agree.
    expect(RULES.flatMap((rule) => rule({ ...ctx, severities }))).toEqual(overridden);
  });

  test('the CLI prints the overriding severity', () => {
    const out = printFindings(runRules({ ...ctx, severities: { OVERACHIEVED: 'error' } }));
    expect(out).toContain('[错误] 附件3!F9');
  });

  test('without overrides, every finding has its declared severity', () => {
    for (const f of plain) expect(f.severity).toBe(CODES[f.code].severity);
  });
});

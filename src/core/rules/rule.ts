// What every rule is: tables and their evaluations in, findings out; and what it declares next to its
// code: the finding codes it reports, each with its severity (SPEC §5) and Chinese label, and its scope.
// The registry (./index) lists the rules; labels, severities and the dispatch of runRules come from here.
import type { IndicatorEval, SelfEvalEval, TableEval } from '../compute/evaluate';
import type { Finding, FindingCode, Severity } from '../findings';
import { address } from '../grid/address';
import type { Settings } from '../settings';
import type { Table } from '../tables/model';

export interface RuleContext {
  tables: Table[];
  evals: TableEval[];
  unrecognized: string[];
  settings: Settings;
  /** The self-evaluation evaluations, in order (computed once per analysis; see selfEvals). */
  selfEvals?: SelfEvalEval[];
  /**
   * Severities that replace the declared ones (a scoring profile's: 广西 makes OVERACHIEVED an error),
   * applied to every finding the rules return.
   */
  severities?: Partial<Record<FindingCode, Severity>>;
}

/** What a rule over whole tables (or the workbook) finds. */
export type Check = (ctx: RuleContext) => Finding[];

/** What a rule over indicator rows says about one row. */
export type RowCheck = (i: IndicatorEval, e: SelfEvalEval, ctx: RuleContext) => Finding | Finding[] | null;

/**
 * What a rule looks at. 'table' and 'workbook' rules `run` once over the context ('workbook': across
 * tables and sheets); 'indicator-row' rules say what they find in each indicator row (`row`, all of them
 * in one pass), after what they find about whole tables (`run`, if any); 'narrative' codes are reported
 * by the written report's check (src/core/report/narrative.ts), not by a rule.
 */
export type Scope = 'table' | 'indicator-row' | 'workbook' | 'narrative';

/** What a finding code means to a reader: how grave it is (SPEC §5) and its Chinese name. */
export interface CodeDecl {
  readonly severity: Severity;
  readonly label: string;
}

/** Codes a module declares: each code is declared once, by the module that owns it. */
export type CodeDecls<C extends FindingCode = FindingCode> = { readonly [K in C]: CodeDecl };

/** Codes declared, and the scope of what reports them: a rule, or NARRATIVE_MISMATCH's check. */
export interface Declaration<C extends FindingCode = FindingCode> {
  readonly scope: Scope;
  readonly codes: Partial<CodeDecls<C>>;
}

interface Declares<C extends FindingCode> {
  readonly codes: CodeDecls<C>;
  /** Rules whose codes (declared there) this rule reports too: MISSING_VALUE of a blank computed cell. */
  readonly alsoReports?: readonly Declaration[];
}

/** A rule as its module declares it. */
export type RuleDecl<C extends FindingCode = FindingCode> = Declares<C> &
  (
    | { readonly scope: 'table' | 'workbook'; readonly run: Check; readonly row?: undefined }
    | { readonly scope: 'indicator-row'; readonly row: RowCheck; /** Findings about whole tables, listed before the rows'. */ readonly run?: Check }
  );

/** A declared rule; called, it returns its findings alone, as runRules lists them. */
export type Rule<C extends FindingCode = FindingCode> = RuleDecl<C> & Check;

/** Severity of every declared code, for finding(): filled as the declaring modules load. */
const DECLARED: Partial<Record<FindingCode, Severity>> = {};

function declare<C extends FindingCode>(codes: CodeDecls<C>): void {
  for (const code of Object.keys(codes) as C[]) DECLARED[code] = codes[code].severity;
}

/** Codes reported other than by a rule (NARRATIVE_MISMATCH), declared beside the code that reports them. */
export function declareCodes<C extends FindingCode>(scope: Scope, codes: CodeDecls<C>): { readonly scope: Scope; readonly codes: CodeDecls<C> } {
  declare(codes);
  return { scope, codes };
}

/** A rule module's one export: its declaration, callable as the rule. */
export function defineRule<C extends FindingCode>(decl: RuleDecl<C>): Rule<C> {
  declare(decl.codes);
  const rule: Check = (ctx) => {
    const out = decl.run ? decl.run(ctx) : [];
    if (decl.scope === 'indicator-row') {
      for (const e of selfEvals(ctx)) for (const i of e.indicators) pushFindings(out, decl.row(i, e, ctx));
    }
    return overrideSeverities(out, ctx.severities);
  };
  return Object.assign(rule, decl);
}

/** The findings, with the severities of `severities` in place of the declared ones. */
export function overrideSeverities(findings: Finding[], severities: RuleContext['severities']): Finding[] {
  if (severities) {
    for (const f of findings) {
      const s = severities[f.code];
      if (s) f.severity = s;
    }
  }
  return findings;
}

export function pushFindings(out: Finding[], r: Finding | Finding[] | null): void {
  if (r === null) return;
  if (Array.isArray(r)) for (const f of r) out.push(f);
  else out.push(r);
}

export function finding(
  code: FindingCode,
  t: Table | string,
  row: number,
  col: number,
  message: string,
  expected?: number | string,
  actual?: number | string,
): Finding {
  const severity = DECLARED[code];
  if (severity === undefined) throw new Error(`${code} is not declared: the rule reporting it names the rule declaring it (alsoReports).`);
  const f: Finding = { code, severity, sheet: typeof t === 'string' ? t : t.sheet.name, cell: address(row, col), message };
  if (expected !== undefined) f.expected = expected;
  if (actual !== undefined) f.actual = actual;
  return f;
}

/** The self-evaluation evaluations of a context. */
export function selfEvals(ctx: RuleContext): SelfEvalEval[] {
  if (ctx.selfEvals) return ctx.selfEvals;
  const out: SelfEvalEval[] = [];
  for (const e of ctx.evals) if (e.selfEval) out.push(e.selfEval);
  return out;
}

/** "「代表培训」" or "第 15 行" for an indicator row in messages. */
export function rowName(level3: string, row: number): string {
  const n = level3.replace(/\s+/g, '');
  return n ? `「${n.length > 20 ? n.slice(0, 20) + '…' : n}」` : `第 ${row + 1} 行`;
}

// The registry: every rule of §5, in the order findings are listed, and every finding code with what its
// declaration says (severity, Chinese label, scope). Severities and labels everywhere come from here.
import { actualNotQuantified } from './actual-not-quantified';
import { computedMismatch } from './computed-mismatch';
import { costVsBudget } from './cost-vs-budget';
import { crossSheet } from './cross-sheet';
import { deviationReason } from './deviation-reason';
import { emptyIndicator } from './empty-indicator';
import { executionOverBudget } from './execution-over-budget';
import { headcount } from './headcount';
import { indicatorSubtotal } from './indicator-subtotal';
import { level1Weight } from './level1-weight';
import { missingValue } from './missing-value';
import { multiIndicator } from './multi-indicator';
import { notANumber } from './not-a-number';
import { overachieved } from './overachieved';
import { qualitativeBand } from './qualitative-band';
import { budgetAdjustment } from './budget-adjustment';
import { rateWeight } from './rate-weight';
import { lowTotalCodes, narrativeCodes } from './report-codes';
import type { Finding, FindingCode, Severity } from '../findings';
import { overrideSeverities, pushFindings, selfEvals, type CodeDecl, type Declaration, type RowCheck, type RuleContext, type Scope } from './rule';
import { scoreExceedsWeight } from './score-exceeds-weight';
import { subtotal } from './subtotal';
import { suspiciousDirection } from './suspicious-direction';
import { tableIncomplete } from './table-incomplete';
import { tableNotRecognized } from './table-not-recognized';
import { targetNotQuantified } from './target-not-quantified';
import { unitMismatch } from './unit-mismatch';
import { weightSum } from './weight-sum';

export const RULES = [
  notANumber,
  computedMismatch,
  scoreExceedsWeight,
  weightSum,
  rateWeight,
  level1Weight,
  subtotal,
  indicatorSubtotal,
  crossSheet,
  emptyIndicator,
  missingValue,
  deviationReason,
  overachieved,
  qualitativeBand,
  targetNotQuantified,
  actualNotQuantified,
  unitMismatch,
  multiIndicator,
  costVsBudget,
  executionOverBudget,
  budgetAdjustment,
  suspiciousDirection,
  headcount,
  tableNotRecognized,
  tableIncomplete,
] as const;

/** Every declaration of codes: the rules', then the narrative check's. */
const DECLARED = [...RULES, narrativeCodes, lowTotalCodes] as const;
export const DECLARATIONS: readonly Declaration[] = DECLARED;

type CodesOf<D> = D extends { readonly codes: infer K } ? keyof K : never;
type DeclaredCode = CodesOf<(typeof DECLARED)[number]>;
// Compile-time: every FindingCode is declared (a missing one is a property this object lacks).
const everyCodeDeclared: Record<Exclude<FindingCode, DeclaredCode>, never> = {};
void everyCodeDeclared;

/** Every finding code: its severity, Chinese label and the scope of what reports it. Each is declared once. */
export const CODES = {} as Record<FindingCode, CodeDecl & { scope: Scope }>;
for (const d of DECLARATIONS) {
  for (const [code, decl] of Object.entries(d.codes) as [FindingCode, CodeDecl][]) {
    if (code in CODES) throw new Error(`${code} is declared twice`);
    CODES[code] = { severity: decl.severity, label: decl.label, scope: d.scope };
  }
}

/** The severity of each code, as declared (a scoring profile may override it: RuleContext.severities). */
export const SEVERITY = {} as Record<FindingCode, Severity>;
/** The Chinese name of each code, as the CLI and the task pane show it. */
export const CODE_LABEL = {} as Record<FindingCode, string>;
for (const code of Object.keys(CODES) as FindingCode[]) {
  SEVERITY[code] = CODES[code].severity;
  CODE_LABEL[code] = CODES[code].label;
}

/**
 * RULES.flatMap((rule) => rule(ctx)): the same findings in the same order, each rule run as its scope
 * says: the rules over indicator rows in one pass over the rows (each still lists its findings after its
 * findings about whole tables). Severities are the declared ones unless ctx.severities overrides them.
 */
export function runRules(ctx: RuleContext): Finding[] {
  const outs: Finding[][] = [];
  const rows: { row: RowCheck; out: Finding[] }[] = [];
  for (const rule of RULES) {
    switch (rule.scope) {
      case 'indicator-row': {
        const out = rule.run ? rule.run(ctx) : [];
        rows.push({ row: rule.row, out });
        outs.push(out);
        break;
      }
      case 'table':
      case 'workbook':
        outs.push(rule.run(ctx));
        break;
    }
  }
  if (rows.length) {
    for (const e of selfEvals(ctx)) {
      for (const i of e.indicators) for (const { row, out } of rows) pushFindings(out, row(i, e, ctx));
    }
  }
  const all: Finding[] = [];
  for (const out of outs) for (const f of out) all.push(f);
  return overrideSeverities(all, ctx.severities);
}

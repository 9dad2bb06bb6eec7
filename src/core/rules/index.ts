// Every rule of §5, in the order findings are listed.
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
import { pushFindings, type RowRule } from './indicator-rows';
import type { Finding } from '../findings';
import { selfEvals, type Rule, type RuleContext } from './rule';
import { scoreExceedsWeight } from './score-exceeds-weight';
import { subtotal } from './subtotal';
import { suspiciousDirection } from './suspicious-direction';
import { tableIncomplete } from './table-incomplete';
import { tableNotRecognized } from './table-not-recognized';
import { targetNotQuantified } from './target-not-quantified';
import { unitMismatch } from './unit-mismatch';
import { weightSum } from './weight-sum';

export const RULES: Rule[] = [
  notANumber,
  computedMismatch,
  scoreExceedsWeight,
  weightSum,
  level1Weight,
  subtotal,
  indicatorSubtotal,
  crossSheet,
  emptyIndicator,
  missingValue,
  deviationReason,
  overachieved,
  targetNotQuantified,
  actualNotQuantified,
  unitMismatch,
  multiIndicator,
  costVsBudget,
  executionOverBudget,
  suspiciousDirection,
  headcount,
  tableNotRecognized,
  tableIncomplete,
];

/**
 * RULES.flatMap((rule) => rule(ctx)): the same findings in the same order, with the rules over indicator
 * rows run in one pass over the rows (each still lists its findings after its own others).
 */
export function runRules(ctx: RuleContext): Finding[] {
  const outs: Finding[][] = [];
  const rows: { row: RowRule['row']; out: Finding[] }[] = [];
  for (const rule of RULES) {
    const r = rule as Partial<RowRule>;
    if (typeof r.row === 'function') {
      const out = r.tables ? r.tables(ctx) : [];
      rows.push({ row: r.row, out });
      outs.push(out);
    } else outs.push(rule(ctx));
  }
  if (rows.length) {
    for (const e of selfEvals(ctx)) {
      for (const i of e.indicators) for (const { row, out } of rows) pushFindings(out, row(i, e, ctx));
    }
  }
  const all: Finding[] = [];
  for (const out of outs) for (const f of out) all.push(f);
  return all;
}

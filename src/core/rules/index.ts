// Every rule of §5, in the order findings are listed.
import { actualNotQuantified } from './actual-not-quantified';
import { computedMismatch } from './computed-mismatch';
import { costVsBudget } from './cost-vs-budget';
import { crossSheet } from './cross-sheet';
import { deviationReason } from './deviation-reason';
import { emptyIndicator } from './empty-indicator';
import { headcount } from './headcount';
import { level1Weight } from './level1-weight';
import { missingValue } from './missing-value';
import { multiIndicator } from './multi-indicator';
import { notANumber } from './not-a-number';
import { overachieved } from './overachieved';
import type { Rule } from './rule';
import { scoreExceedsWeight } from './score-exceeds-weight';
import { subtotal } from './subtotal';
import { suspiciousDirection } from './suspicious-direction';
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
  suspiciousDirection,
  headcount,
  tableNotRecognized,
];

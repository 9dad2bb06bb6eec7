// §5: what checking reports. Every finding names a cell to look at and says the right value.
import type { ChangeReason } from './changes/changeset';
import type { Explain } from './explain';

export type Severity = 'error' | 'warning' | 'info';

export type FindingCode =
  | 'RATE_MISMATCH'
  | 'SCORE_MISMATCH'
  | 'SCORE_EXCEEDS_WEIGHT'
  | 'WEIGHT_SUM'
  | 'LEVEL1_WEIGHT'
  | 'TOTAL_MISMATCH'
  | 'GRADE_MISMATCH'
  | 'SUBTOTAL_MISMATCH'
  | 'CROSS_SHEET_MISMATCH'
  | 'NOT_A_NUMBER'
  | 'EMPTY_INDICATOR'
  | 'MISSING_VALUE'
  | 'DEVIATION_REASON_MISSING'
  | 'OVERACHIEVED'
  | 'TARGET_NOT_QUANTIFIED'
  | 'ACTUAL_NOT_QUANTIFIED'
  | 'UNIT_MISMATCH'
  | 'MULTI_INDICATOR_CELL'
  | 'COST_TARGET_VS_BUDGET'
  | 'SUSPICIOUS_DIRECTION'
  | 'HEADCOUNT_OVER_QUOTA'
  | 'FORMULA_KEPT'
  | 'TABLE_NOT_RECOGNIZED'
  | 'TABLE_INCOMPLETE'
  | 'EXECUTION_OVER_BUDGET'
  | 'NARRATIVE_MISMATCH'
  | 'TOTAL_ABOVE_CAP'
  | 'QUALITATIVE_SCORE_BAND'
  | 'BUDGET_ADJUSTMENT_REASON'
  | 'LOW_TOTAL_SECTIONS';

export const SEVERITY: Record<FindingCode, Severity> = {
  RATE_MISMATCH: 'error',
  SCORE_MISMATCH: 'error',
  SCORE_EXCEEDS_WEIGHT: 'error',
  WEIGHT_SUM: 'error',
  LEVEL1_WEIGHT: 'warning',
  TOTAL_MISMATCH: 'error',
  GRADE_MISMATCH: 'error',
  SUBTOTAL_MISMATCH: 'error',
  CROSS_SHEET_MISMATCH: 'error',
  NOT_A_NUMBER: 'error',
  EMPTY_INDICATOR: 'error',
  MISSING_VALUE: 'warning',
  DEVIATION_REASON_MISSING: 'warning',
  OVERACHIEVED: 'warning',
  TARGET_NOT_QUANTIFIED: 'warning',
  ACTUAL_NOT_QUANTIFIED: 'warning',
  UNIT_MISMATCH: 'warning',
  MULTI_INDICATOR_CELL: 'warning',
  COST_TARGET_VS_BUDGET: 'warning',
  SUSPICIOUS_DIRECTION: 'info',
  HEADCOUNT_OVER_QUOTA: 'info',
  FORMULA_KEPT: 'info',
  TABLE_NOT_RECOGNIZED: 'info',
  TABLE_INCOMPLETE: 'warning',
  EXECUTION_OVER_BUDGET: 'warning',
  NARRATIVE_MISMATCH: 'error',
  TOTAL_ABOVE_CAP: 'error',
  QUALITATIVE_SCORE_BAND: 'warning',
  BUDGET_ADJUSTMENT_REASON: 'warning',
  LOW_TOTAL_SECTIONS: 'error',
};

export interface Finding {
  code: FindingCode;
  severity: Severity;
  sheet: string;
  /** A1 address; a merged area's top-left cell. */
  cell: string;
  message: string;
  expected?: number | string;
  actual?: number | string;
  /** The other cells the finding is about (a cross-table finding: the other table's cell). */
  related?: CellRef[];
  /**
   * Set when 重算 resolves the finding (it is gone from the recalculated workbook): what recalculation
   * writes to the finding's cell, as the sheet will show it, when it writes there.
   */
  recalc?: { writes?: { sheet: string; cell: string; shown: string; reason: ChangeReason } };
  /** For a finding about a computed value: the rule and the arithmetic that give the right value. */
  explain?: Explain;
}

export interface CellRef {
  sheet: string;
  /** A1 address. */
  cell: string;
}

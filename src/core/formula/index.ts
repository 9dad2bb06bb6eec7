// Formulas: read (parse.ts), evaluated exactly where they can be (evaluate.ts), and recalculated
// after writes in dependency order (recalculate.ts).
import type { Workbook } from '../grid/types';
import { evaluateExpr } from './evaluate';
import { parseFormula } from './parse';
import { sheetNamed } from './recalculate';

export { parseFormula, type Expr, type ParsedFormula, type Ref } from './parse';
export { evaluateExpr, UNKNOWN, type CellSource, type FormulaSite } from './evaluate';
export { FormulaGraph, sameValue, sheetNamed, type FormulaCell, type FormulaOverride, type FormulaRecalc, type FormulaUpdate, type WrittenCell } from './recalculate';

/**
 * A formula's value at a cell of the workbook, reading the other cells' stored values (a referenced
 * formula's cached result); null when it cannot be evaluated exactly (see evaluate.ts).
 */
export function evaluateFormula(formula: string, at: { sheet: string; row: number; col: number }, wb: Workbook): number | string | boolean | null {
  const sheet = sheetNamed(wb.sheets, at.sheet);
  if (!sheet) return null;
  const { expr } = parseFormula(formula);
  if (!expr) return null;
  return evaluateExpr(expr, { sheet, row: at.row, col: at.col }, { sheet: (name) => sheetNamed(wb.sheets, name) });
}

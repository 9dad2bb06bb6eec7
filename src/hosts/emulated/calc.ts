// The emulation's calculation, as Excel's automatic mode: after cells are written, every formula they
// reach (the written formulas included) gets its result recomputed, in dependency order, with the
// core's evaluator (src/core/formula): the same exact arithmetic recalculation uses. A formula it
// cannot evaluate (other functions, a cycle, one reading such a formula) keeps its cached result, as
// in manual-calculation mode; a new formula cell of that kind has none (null). EmulatedWorkbook's
// formulaEvaluator, when set, is asked first.
import { FormulaGraph, type FormulaOverride } from '../../core/formula';
import type { Cell, Sheet } from '../../core/grid/types';
import type { EmulatedWorkbook } from './state';

export interface WrittenAt {
  sheet: Sheet;
  row: number;
  col: number;
}

/** Recomputes what the written cells reach; each new result goes through `write` (so undo records it). */
export function calculate(book: EmulatedWorkbook, written: readonly WrittenAt[], write: (sheet: Sheet, row: number, col: number, cell: Cell) => void): void {
  if (!written.length) return;
  const sheets = book.workbook.sheets;
  // Cells of a sheet deleted since were written to nothing that remains.
  const live = written.filter((w) => sheets.includes(w.sheet));
  if (!live.length || !sheets.some(hasFormula)) return;
  const hook = book.formulaEvaluator;
  const override: FormulaOverride | undefined = hook
    ? (fc) => {
        const v = hook(fc.formula, { sheet: fc.sheet.name, row: fc.row, col: fc.col }, book);
        return v === undefined ? undefined : v;
      }
    : undefined;
  const { updated } = new FormulaGraph(book.workbook).recalculate(live, override);
  for (const u of updated) {
    const cell = u.sheet.rows[u.row]?.[u.col];
    if (cell) write(u.sheet, u.row, u.col, { ...cell, v: u.value });
  }
}

function hasFormula(s: Sheet): boolean {
  for (const row of s.rows) if (row) for (const c of row) if (c && c.f !== undefined) return true;
  return false;
}

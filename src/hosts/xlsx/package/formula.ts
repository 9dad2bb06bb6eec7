// Shared formulas: a dependent's formula is its master's with the references moved.
import { slideFormula } from 'exceljs/lib/utils/shared-formula';

/**
 * A shared formula moved from its master to a dependent: references move (ExcelJS's slideFormula, so
 * it reads back as ExcelJS translates it), text in "string literals" and 'quoted sheet names' does not.
 */
export function slideReferences(formula: string, from: string, to: string): string {
  let out = '';
  let plain = '';
  for (let i = 0; i < formula.length; ) {
    const q = formula[i];
    if (q !== '"' && q !== "'") {
      plain += q;
      i++;
      continue;
    }
    // To the closing quote; a doubled quote inside is the quote itself.
    let j = i + 1;
    for (; j < formula.length; j++) {
      if (formula[j] !== q) continue;
      if (formula[j + 1] === q) j++;
      else break;
    }
    out += (plain ? slideFormula(plain, from, to) : '') + formula.slice(i, j + 1);
    plain = '';
    i = j + 1;
  }
  return out + (plain ? slideFormula(plain, from, to) : '');
}

// NOT_A_NUMBER: a numeric field holding text that is not a number, or an error value.
import type { Finding } from '../findings';
import { forEachNumField } from '../tables/num-fields';
import { finding, type Rule } from './rule';

export const notANumber: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const t of ctx.tables) {
    forEachNumField(t, (f) => {
      if (f.parse.kind !== 'invalid') return;
      const shown = f.parse.shown.length > 30 ? f.parse.shown.slice(0, 30) + '…' : f.parse.shown;
      out.push(finding('NOT_A_NUMBER', t, f.row, f.col, `${f.label}应为数字，表中为「${shown}」，无法参与计算。`, undefined, f.parse.shown));
    });
  }
  return out;
};

// NOT_A_NUMBER: a numeric field holding text that is not a number, or an error value; and an error
// value (#DIV/0! from a formula) in the 实际完成值 of a quantitative indicator (SPEC §2, §5).
import type { Finding } from '../findings';
import { isErrorValue } from '../grid/types';
import { forEachNumField } from '../tables/num-fields';
import { isQuantitative } from './indicator-rows';
import { defineRule, finding, rowName, type Check } from './rule';

const numericFields: Check = (ctx) => {
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

export const notANumber = defineRule({
  scope: 'indicator-row',
  codes: { NOT_A_NUMBER: { severity: 'error', label: '不是数字' } },
  run: numericFields,
  row: (i, e) => {
    if (!isQuantitative(i)) return null;
    const v = e.table.sheet.rows[i.ind.row]?.[i.ind.actualCol]?.v;
    if (!isErrorValue(v)) return null;
    return finding('NOT_A_NUMBER', e.table, i.ind.row, i.ind.actualCol, `${rowName(i.ind.level3, i.ind.row)}的实际完成值是错误值「${v.error}」，应为数字，无法计算得分。`, undefined, v.error);
  },
});

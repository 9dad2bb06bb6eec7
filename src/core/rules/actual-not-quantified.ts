// ACTUAL_NOT_QUANTIFIED: a quantitative target whose 实际完成值 is not a number ("已全部完成").
import { isQuantitative, isScored, short } from './indicator-rows';
import { defineRule, finding, rowName } from './rule';
import { isErrorValue } from '../grid/types';

export const actualNotQuantified = defineRule({
  scope: 'indicator-row',
  codes: { ACTUAL_NOT_QUANTIFIED: { severity: 'warning', label: '完成值未量化' } },
  row: (i, e) => {
    if (!isQuantitative(i) || !isScored(i)) return null;
    const k = i.actual.kind;
    if (k === 'number' || k === 'range' || (k === 'na' && !i.actual.text)) return null; // blank: MISSING_VALUE
    if (isErrorValue(e.table.sheet.rows[i.ind.row]?.[i.ind.actualCol]?.v)) return null; // an error value: NOT_A_NUMBER
    return finding('ACTUAL_NOT_QUANTIFIED', e.table, i.ind.row, i.ind.actualCol, `${rowName(i.ind.level3, i.ind.row)}的指标值是数值（${i.target.text}），实际完成值「${short(i.actual.text)}」也应填写具体数值，才能计算得分。`);
  },
});

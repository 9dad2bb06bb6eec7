// EMPTY_INDICATOR: a scored row whose 三级指标 or 年度指标值 is blank or a placeholder.
import { hasWhiteSpace } from '../parse/text';
import { isPlaceholderAt, isScored } from './indicator-rows';
import { defineRule, finding } from './rule';

export const emptyIndicator = defineRule({
  scope: 'indicator-row',
  codes: { EMPTY_INDICATOR: { severity: 'error', label: '指标为空' } },
  row: (i, e) => {
    if (!isScored(i)) return null;
    const r = i.ind.row;
    // The 三级指标 text as detection read it is the cell's trimmed text when not empty: one longer than 3
    // without white space is no placeholder (the common case, decided without the cell).
    const l3 = i.ind.level3;
    if (!(l3.length > 3 && !hasWhiteSpace(l3)) && isPlaceholderAt(e, r, i.ind.level3Col)) {
      return finding('EMPTY_INDICATOR', e.table, r, i.ind.level3Col, `第 ${r + 1} 行分值为 ${i.weight}，但三级指标为空，请填写指标名称或将分值改为 0。`);
    }
    if (isPlaceholderAt(e, r, i.ind.targetCol)) {
      return finding('EMPTY_INDICATOR', e.table, r, i.ind.targetCol, `「${i.ind.level3}」分值为 ${i.weight}，但年度指标值为空，请填写指标值。`);
    }
    return null;
  },
});

// MULTI_INDICATOR_CELL: several indicators packed in one cell.
import { short } from './indicator-rows';
import { defineRule, finding, rowName } from './rule';

export const multiIndicator = defineRule({
  scope: 'indicator-row',
  codes: { MULTI_INDICATOR_CELL: { severity: 'warning', label: '一格多个指标' } },
  row: (i, e) => {
    if (i.target.kind !== 'multi') return null;
    return finding('MULTI_INDICATOR_CELL', e.table, i.ind.row, i.ind.targetCol, `${rowName(i.ind.level3, i.ind.row)}的年度指标值「${short(i.target.text)}」包含多个指标，请拆分为多行分别设定分值。`);
  },
});

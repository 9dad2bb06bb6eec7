// TARGET_NOT_QUANTIFIED: a 数量/质量/成本/满意度 indicator with a qualitative target.
import { short } from './indicator-rows';
import { defineRule, finding, rowName } from './rule';

const MEASURABLE = /数量|质量|成本|满意度/;

export const targetNotQuantified = defineRule({
  scope: 'indicator-row',
  codes: { TARGET_NOT_QUANTIFIED: { severity: 'warning', label: '指标值未量化' } },
  row: (i, e) => {
    if (i.target.kind !== 'qualitative') return null;
    if (!MEASURABLE.test(i.ind.level2) && !MEASURABLE.test(i.ind.level1)) return null;
    return finding('TARGET_NOT_QUANTIFIED', e.table, i.ind.row, i.ind.targetCol, `${rowName(i.ind.level3, i.ind.row)}属于${i.ind.level2 || i.ind.level1}，年度指标值「${short(i.target.text)}」未量化，应写成可衡量的数值。`);
  },
});

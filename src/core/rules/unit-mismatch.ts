// UNIT_MISMATCH: target and actual carry units that do not convert (次 vs 个).
import { unitsCompatible } from '../parse/indicator';
import { isQuantitative } from './indicator-rows';
import { defineRule, finding, rowName } from './rule';

export const unitMismatch = defineRule({
  scope: 'indicator-row',
  codes: { UNIT_MISMATCH: { severity: 'warning', label: '单位不一致' } },
  row: (i, e) => {
    if (!isQuantitative(i) || i.actual.kind !== 'number') return null;
    if (unitsCompatible(i.target.unit, i.actual.unit)) return null;
    return finding('UNIT_MISMATCH', e.table, i.ind.row, i.ind.actualCol, `${rowName(i.ind.level3, i.ind.row)}指标值单位为「${i.target.unit}」，完成值单位为「${i.actual.unit}」，无法比较，请统一单位。`);
  },
});

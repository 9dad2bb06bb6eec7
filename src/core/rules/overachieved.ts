// OVERACHIEVED: B ≥ 1.3 × A on a `>=` indicator: the target may have been set too low.
import { isOverachieved } from '../compute/indicator-score';
import { fmtNum } from '../format';
import { defineRule, finding, rowName } from './rule';

export const overachieved = defineRule({
  scope: 'indicator-row',
  codes: { OVERACHIEVED: { severity: 'warning', label: '超额完成' } },
  row: (i, e, ctx) => {
    if (!isOverachieved(i.target, i.actual, ctx.settings.overachieveRatio)) return null;
    return finding(
      'OVERACHIEVED',
      e.table,
      i.ind.row,
      i.ind.actualCol,
      `${rowName(i.ind.level3, i.ind.row)}完成值 ${i.actual.text} 达到指标值 ${i.target.text} 的 ${fmtNum(ctx.settings.overachieveRatio)} 倍以上，年初指标值可能设置偏低，请说明原因。`,
    );
  },
});

// OVERACHIEVED: B ≥ 1.3 × A on a `>=` indicator (B ≥ 30 where A = 0): the target may have been set too
// low. Where the profile requires a reason (广西), the finding is about a blank 偏差原因: "超计划较大".
import { isOverachieved } from '../compute/indicator-score';
import { fmtNum } from '../format';
import { profileOf } from '../settings';
import { textAt } from './indicator-rows';
import { defineRule, finding, rowName } from './rule';

export const overachieved = defineRule({
  scope: 'indicator-row',
  codes: { OVERACHIEVED: { severity: 'warning', label: '超额完成' } },
  row: (i, e, ctx) => {
    const p = profileOf(ctx.settings);
    if (!isOverachieved(i.target, i.actual, ctx.settings.overachieveRatio, p.overachieve.zeroTargetAt)) return null;
    if (p.overachieve.action === 'require-reason') {
      const col = i.ind.reasonCol;
      if (col !== null && textAt(e, i.ind.row, col)) return null; // the analysis is given
      const where = col !== null ? '偏差原因为空' : '表中没有偏差原因列';
      return finding(
        'OVERACHIEVED',
        e.table,
        i.ind.row,
        i.ind.actualCol,
        `${rowName(i.ind.level3, i.ind.row)}完成值 ${i.actual.text} 达到指标值 ${i.target.text} 的 ${fmtNum(ctx.settings.overachieveRatio)} 倍以上（超计划较大），${p.name}规则要求填写偏差原因，${where}。`,
      );
    }
    return finding(
      'OVERACHIEVED',
      e.table,
      i.ind.row,
      i.ind.actualCol,
      `${rowName(i.ind.level3, i.ind.row)}完成值 ${i.actual.text} 达到指标值 ${i.target.text} 的 ${fmtNum(ctx.settings.overachieveRatio)} 倍以上，年初指标值可能设置偏低，请说明原因。`,
    );
  },
});

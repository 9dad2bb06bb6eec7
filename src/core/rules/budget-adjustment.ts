// BUDGET_ADJUSTMENT_REASON: 广西 (SPEC §8): a budget adjusted by ≥ 30% of 年初预算数 in a table scoring
// above 90 needs a stated reason. The tables hold no place for it, so the finding asks for one.
import { num } from '../compute/evaluate';
import { div, round, sub } from '../num/decimal';
import type { Finding } from '../findings';
import { fmtNum } from '../format';
import { profileOf } from '../settings';
import { defineRule, finding, selfEvals } from './rule';

export const budgetAdjustment = defineRule({
  scope: 'table',
  codes: { BUDGET_ADJUSTMENT_REASON: { severity: 'warning', label: '预算调整须说明' } },
  run: (ctx) => {
    const out: Finding[] = [];
    const p = profileOf(ctx.settings);
    const rule = p.budgetAdjustment;
    if (!rule) return out;
    for (const e of selfEvals(ctx)) {
      const b = e.table.budget;
      const initial = num(b?.initial);
      const annual = num(b?.annual);
      if (!b?.annual || initial === null || annual === null || !(initial > 0)) continue;
      const change = div(Math.abs(sub(annual, initial)), initial);
      if (change < rule.ratio) continue;
      // The total as recalculation leaves it where certain, else as stated.
      const total = e.totalCertain ? round(e.scoreSum, ctx.settings.precision) : num(e.table.total?.score);
      if (total === null || !(total > rule.totalAbove)) continue;
      out.push(
        finding(
          'BUDGET_ADJUSTMENT_REASON',
          e.table,
          b.annual.row,
          b.annual.col,
          `全年预算数 ${fmtNum(annual, 6)} 较年初预算数 ${fmtNum(initial, 6)} 调整了 ${fmtNum(change * 100, 2)}%（不低于 ${fmtNum(rule.ratio * 100)}%），且总分 ${fmtNum(total)} 高于 ${fmtNum(rule.totalAbove)} 分：${p.name}规则要求说明预算调整的原因，请在报告或偏差原因中写明。`,
        ),
      );
    }
    return out;
  },
});

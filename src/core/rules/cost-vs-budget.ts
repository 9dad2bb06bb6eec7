// COST_TARGET_VS_BUDGET: a money `<=` target of a 成本 indicator above the table's 全年预算数.
import { num } from '../compute/evaluate';
import { fmtNum } from '../format';
import { defineRule, finding, rowName } from './rule';

const TO_YUAN: Record<string, number> = { 万元: 10000, 元: 1 };

export const costVsBudget = defineRule({
  scope: 'indicator-row',
  codes: { COST_TARGET_VS_BUDGET: { severity: 'warning', label: '成本指标超预算' } },
  row: (i, e) => {
    const a = i.target;
    if (!i.isCost || a.kind !== 'number' || (a.op !== '<=' && a.op !== '<') || !(a.unit in TO_YUAN)) return null;
    const b = e.table.budget;
    const budget = num(b?.annual ?? null) ?? num(b?.initial ?? null);
    if (budget === null || budget <= 0) return null;
    const targetYuan = a.value * TO_YUAN[a.unit];
    const budgetYuan = budget * TO_YUAN[e.table.moneyUnit];
    if (!(targetYuan > budgetYuan)) return null;
    return finding('COST_TARGET_VS_BUDGET', e.table, i.ind.row, i.ind.targetCol, `${rowName(i.ind.level3, i.ind.row)}的成本上限 ${a.text} 超过全年预算数 ${fmtNum(budget)}${e.table.moneyUnit}，请核对指标值。`);
  },
});

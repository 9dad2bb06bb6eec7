// WEIGHT_SUM: Σ weights (执行率 row + indicators) must equal the full score (100).
import { fmtNum } from '../format';
import type { Finding } from '../findings';
import { defineRule, finding, selfEvals } from './rule';

export const weightSum = defineRule({
  scope: 'table',
  codes: { WEIGHT_SUM: { severity: 'error', label: '分值合计不为满分' } },
  run: (ctx) => {
    const out: Finding[] = [];
    const full = ctx.settings.totalWeight;
    for (const e of selfEvals(ctx)) {
      // Σ weights includes the 执行率 row: unknown where the budget block was not read (TABLE_INCOMPLETE).
      if (!e.table.budget || e.indicators.every((i) => i.weight === null)) continue;
      if (e.weightSum === full || !e.weightsKnown) continue; // a weight that is not a number: NOT_A_NUMBER says so
      const t = e.table;
      const at = t.total && t.total.weightCol !== null ? { row: t.total.row, col: t.total.weightCol } : t.weightHeader;
      if (!at) continue;
      out.push(finding('WEIGHT_SUM', t, at.row, at.col, `各项分值（含执行率）合计为 ${fmtNum(e.weightSum)}，应为 ${fmtNum(full)}。`, full, e.weightSum));
    }
    return out;
  },
});

// RATE_WEIGHT_MISMATCH: the 执行率 row weighs what the profile prescribes (湖北: 20, SPEC §8), where the
// profile prescribes it; the stated weight is an input, so the finding asks the person to check it.
import { weightOf } from '../compute/evaluate';
import type { Finding } from '../findings';
import { fmtNum } from '../format';
import { profileOf } from '../settings';
import { defineRule, finding, selfEvals } from './rule';

export const rateWeight = defineRule({
  scope: 'table',
  codes: { RATE_WEIGHT_MISMATCH: { severity: 'warning', label: '执行率分值不符' } },
  run: (ctx) => {
    const out: Finding[] = [];
    const p = profileOf(ctx.settings);
    if (!p.rateWeightRequired) return out;
    for (const e of selfEvals(ctx)) {
      const w = e.table.budget?.weight;
      const stated = w ? weightOf(w, ctx.settings) : null;
      if (!w || stated === null || stated === p.rateWeight) continue;
      out.push(finding('RATE_WEIGHT_MISMATCH', e.table, w.row, w.col, `${p.name}规则中预算执行率的分值为 ${fmtNum(p.rateWeight)} 分，表中为 ${fmtNum(stated)} 分，请核对分值。`, p.rateWeight, stated));
    }
    return out;
  },
});

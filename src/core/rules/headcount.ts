// HEADCOUNT_OVER_QUOTA: 实际在职人数 above 编制数.
import { num } from '../compute/evaluate';
import type { Finding } from '../findings';
import { fmtNum } from '../format';
import { defineRule, finding } from './rule';

export const headcount = defineRule({
  scope: 'table',
  codes: { HEADCOUNT_OVER_QUOTA: { severity: 'info', label: '超编' } },
  run: (ctx) => {
    const out: Finding[] = [];
    for (const t of ctx.tables) {
      if (t.kind !== 'basic-data' || !t.staff || !t.staff.actual) continue;
      const quota = num(t.staff.quota);
      const actual = num(t.staff.actual);
      if (quota === null || actual === null || actual <= quota) continue;
      out.push(finding('HEADCOUNT_OVER_QUOTA', t, t.staff.actual.row, t.staff.actual.col, `实际在职人数 ${fmtNum(actual)} 超过编制数 ${fmtNum(quota)}，控制率超过 100%，请在报告中说明原因。`, quota, actual));
    }
    return out;
  },
});

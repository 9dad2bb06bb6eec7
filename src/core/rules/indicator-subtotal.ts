// SUBTOTAL_MISMATCH in the indicator block: a 小计 row's 分值 or 得分 ≠ Σ of the indicator rows since
// the 小计 before it (SPEC §5). Scores are summed as recalculation leaves them; checked, never written.
import { agrees, clean } from '../num/decimal';
import { num, weightOf } from '../compute/evaluate';
import type { Finding } from '../findings';
import { fmtNum } from '../format';
import type { NumField } from '../tables/model';
import { defineRule, finding, selfEvals } from './rule';
import { subtotal } from './subtotal';

export const indicatorSubtotal = defineRule({
  scope: 'table',
  codes: {},
  alsoReports: [subtotal],
  run: (ctx) => {
    const out: Finding[] = [];
    for (const e of selfEvals(ctx)) {
      for (const x of e.table.subtotals) {
        const rows = e.indicators.slice(x.first, x.end);
        const check = (f: NumField | null, parts: (number | null)[], what: string) => {
          const stated = what === '分值' ? weightOf(f, ctx.settings) : num(f);
          if (!f || stated === null || f.parse.kind !== 'number' || parts.some((p) => p === null)) return;
          const sum = parts.reduce<number>((a, p) => clean(a + (p as number)), 0);
          if (agrees(sum, stated, f.parse.decimals)) return;
          out.push(finding('SUBTOTAL_MISMATCH', e.table, f.row, f.col, `${what}小计为 ${fmtNum(stated, 6)}，其上各指标${what}合计为 ${fmtNum(sum, 6)}。`, sum, stated));
        };
        check(x.weight, rows.map((i) => i.weight ?? 0), '分值');
        check(x.score, rows.map((i) => (i.weight === null || i.weight === 0 ? i.effective ?? 0 : i.effective)), '得分');
      }
    }
    return out;
  },
});

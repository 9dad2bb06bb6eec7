// EXECUTION_OVER_BUDGET: 全年执行数 above 全年预算数 (or 年初预算数 where 全年 is blank), SPEC §5; the
// national profile warns (§8: some provinces allow it).
import { num } from '../compute/evaluate';
import type { Finding } from '../findings';
import { fmtNum } from '../format';
import type { NumField, Table } from '../tables/model';
import { profileOf } from '../settings';
import { defineRule, finding } from './rule';

function over(t: Table, who: string, initial: NumField | null, annual: NumField | null, executed: NumField | null, out: Finding[]): void {
  const base = annual && annual.parse.kind !== 'blank' ? annual : initial;
  const b = num(base);
  const e = num(executed);
  if (!base || !executed || b === null || e === null || b <= 0 || e <= b) return;
  out.push(
    finding('EXECUTION_OVER_BUDGET', t, executed.row, executed.col, `${who}全年执行数 ${fmtNum(e, 6)} 超过${base.label} ${fmtNum(b, 6)}，执行率超过 100%，请核对执行数或说明超支原因。`, b, e),
  );
}

export const executionOverBudget = defineRule({
  scope: 'table',
  codes: { EXECUTION_OVER_BUDGET: { severity: 'warning', label: '执行数超预算' } },
  run: (ctx) => {
    const out: Finding[] = [];
    // 浙江 (from 2024) allows 执行率 above 100% (SPEC §8).
    if (profileOf(ctx.settings).overBudget === 'allowed') return out;
    for (const t of ctx.tables) {
      if ((t.kind === 'project-self-eval' || t.kind === 'dept-self-eval') && t.budget) over(t, '', t.budget.initial, t.budget.annual, t.budget.executed, out);
      else if (t.kind === 'project-summary') for (const r of t.rows) if (!r.isSubtotal) over(t, `「${r.name}」`, r.initial, r.annual, r.executed, out);
    }
    return out;
  },
});

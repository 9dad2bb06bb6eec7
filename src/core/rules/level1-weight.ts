// LEVEL1_WEIGHT: a 一级指标 declaring "(40分)" whose rows' weights add up to something else.
import { sum } from '../compute/decimal';
import { fmtNum } from '../format';
import type { Finding } from '../findings';
import { finding, selfEvals, type Rule } from './rule';

export const level1Weight: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const e of selfEvals(ctx)) {
    e.table.level1Groups.forEach((g, gi) => {
      if (g.declared === null) return;
      if (e.indicators.some((i) => i.ind.group === gi && i.ind.weight?.parse.kind === 'invalid')) return; // NOT_A_NUMBER
      const total = sum(e.indicators.filter((i) => i.ind.group === gi && i.weight !== null).map((i) => i.weight as number));
      if (total === g.declared) return;
      out.push(finding('LEVEL1_WEIGHT', e.table, g.row, g.col, `「${g.name}」标明 ${fmtNum(g.declared)} 分，但其下各指标分值合计为 ${fmtNum(total)}。`, g.declared, total));
    });
  }
  return out;
};

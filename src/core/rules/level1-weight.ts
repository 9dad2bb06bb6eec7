// LEVEL1_WEIGHT: a 一级指标 declaring "(40分)" whose rows' weights add up to something else.
import { clean } from '../num/decimal';
import { fmtNum } from '../format';
import type { Finding } from '../findings';
import { defineRule, finding, selfEvals } from './rule';

export const level1Weight = defineRule({
  scope: 'table',
  codes: { LEVEL1_WEIGHT: { severity: 'warning', label: '一级指标分值不符' } },
  run: (ctx) => {
    const out: Finding[] = [];
    for (const e of selfEvals(ctx)) {
      const groups = e.table.level1Groups;
      for (let gi = 0; gi < groups.length; gi++) {
        const g = groups[gi];
        if (g.declared === null) continue;
        // Σ weights of the group's rows, added in row order as sum() does; unknown where one is not a number.
        let total = 0;
        let invalid = false;
        for (const i of e.indicators) {
          if (i.ind.group !== gi) continue;
          if (i.ind.weight?.parse.kind === 'invalid') invalid = true;
          if (i.weight !== null) total = clean(total + i.weight);
        }
        if (invalid) continue; // NOT_A_NUMBER
        if (total === g.declared) continue;
        out.push(finding('LEVEL1_WEIGHT', e.table, g.row, g.col, `「${g.name}」标明 ${fmtNum(g.declared)} 分，但其下各指标分值合计为 ${fmtNum(total)}。`, g.declared, total));
      }
    }
    return out;
  },
});

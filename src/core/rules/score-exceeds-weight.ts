// SCORE_EXCEEDS_WEIGHT: a stated 得分 above its 分值.
import { num, weightOf } from '../compute/evaluate';
import { fmtNum } from '../format';
import type { Finding } from '../findings';
import type { IndicatorRow, NumField } from '../tables/model';
import { defineRule, finding, rowName, selfEvals } from './rule';

export const scoreExceedsWeight = defineRule({
  scope: 'table',
  codes: { SCORE_EXCEEDS_WEIGHT: { severity: 'error', label: '得分超过分值' } },
  run: (ctx) => {
    const out: Finding[] = [];
    for (const e of selfEvals(ctx)) {
      const b = e.table.budget;
      // Names are made only for the rows reported (hot: every indicator row of every table).
      const check = (name: string | IndicatorRow, weight: NumField | null, score: NumField | null) => {
        const w = weightOf(weight, ctx.settings);
        const s = num(score);
        if (w === null || s === null || !score || s <= w) return;
        const shown = typeof name === 'string' ? name : rowName(name.level3, name.row);
        out.push(finding('SCORE_EXCEEDS_WEIGHT', e.table, score.row, score.col, `${shown}得分 ${fmtNum(s)} 超过分值 ${fmtNum(w)}，得分不能高于分值。`, w, s));
      };
      if (b) check('执行率', b.weight, b.score);
      for (const i of e.indicators) check(i.ind, i.ind.weight, i.ind.score);
    }
    for (const t of ctx.tables) {
      if (t.kind !== 'project-summary') continue;
      for (const r of t.rows) {
        const s = num(r.score);
        if (s !== null && r.score && s > ctx.settings.totalWeight) {
          out.push(finding('SCORE_EXCEEDS_WEIGHT', t, r.score.row, r.score.col, `「${r.name}」得分 ${fmtNum(s)} 超过满分 ${fmtNum(ctx.settings.totalWeight)}。`, ctx.settings.totalWeight, s));
        }
      }
    }
    return out;
  },
});

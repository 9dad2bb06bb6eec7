// SCORE_EXCEEDS_WEIGHT: a stated 得分 above its 分值.
import { num } from '../compute/evaluate';
import { fmtNum } from '../format';
import type { Finding } from '../findings';
import { finding, rowName, selfEvals, type Rule } from './rule';

export const scoreExceedsWeight: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const e of selfEvals(ctx)) {
    const b = e.table.budget;
    // Names are made only for the rows reported (hot: every indicator row of every table).
    const rows = [
      ...(b ? [{ name: () => '执行率', weight: b.weight, score: b.score }] : []),
      ...e.indicators.map((i) => ({ name: () => rowName(i.ind.level3, i.ind.row), weight: i.ind.weight, score: i.ind.score })),
    ];
    for (const r of rows) {
      const w = num(r.weight);
      const s = num(r.score);
      if (w === null || s === null || !r.score || s <= w) continue;
      out.push(finding('SCORE_EXCEEDS_WEIGHT', e.table, r.score.row, r.score.col, `${r.name()}得分 ${fmtNum(s)} 超过分值 ${fmtNum(w)}，得分不能高于分值。`, w, s));
    }
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
};

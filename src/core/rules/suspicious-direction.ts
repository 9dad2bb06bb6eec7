// SUSPICIOUS_DIRECTION: a 数量指标 counted in 次/个/人… with an upper bound.
import { eachIndicator } from './indicator-rows';
import { finding, rowName, type Rule } from './rule';

const COUNT_UNITS = new Set(['次', '个', '人', '人次', '份', '条', '篇', '件', '场', '项', '户', '家', '所']);

export const suspiciousDirection: Rule = (ctx) =>
  eachIndicator(ctx, (i, e) => {
    const a = i.target;
    if (a.kind !== 'number' || (a.op !== '<=' && a.op !== '<') || !COUNT_UNITS.has(a.unit)) return null;
    if (!/数量/.test(i.ind.level2)) return null;
    return finding('SUSPICIOUS_DIRECTION', e.table, i.ind.row, i.ind.targetCol, `${rowName(i.ind.level3, i.ind.row)}是数量指标，指标值「${a.text}」设了上限；数量指标通常应为下限（≥），请确认。`);
  });

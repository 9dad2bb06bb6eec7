// SUSPICIOUS_DIRECTION: a 数量指标 counted in 次/个/人… with an upper bound.
import { defineRule, finding, rowName } from './rule';

const COUNT_UNITS = new Set(['次', '个', '人', '人次', '份', '条', '篇', '件', '场', '项', '户', '家', '所']);

export const suspiciousDirection = defineRule({
  scope: 'indicator-row',
  codes: { SUSPICIOUS_DIRECTION: { severity: 'info', label: '指标方向存疑' } },
  row: (i, e) => {
    const a = i.target;
    if (a.kind !== 'number' || (a.op !== '<=' && a.op !== '<') || !COUNT_UNITS.has(a.unit)) return null;
    if (!i.ind.level2.includes('数量')) return null;
    return finding('SUSPICIOUS_DIRECTION', e.table, i.ind.row, i.ind.targetCol, `${rowName(i.ind.level3, i.ind.row)}是数量指标，指标值「${a.text}」设了上限；数量指标通常应为下限（≥），请确认。`);
  },
});

// TABLE_INCOMPLETE: a self-evaluation table found with one of its blocks not understood (SPEC §1.2).
import type { Finding } from '../findings';
import { isSelfEval } from '../tables/model';
import { defineRule, finding } from './rule';

const SKIPPED = {
  budget: ['预算资金', '执行率、执行率得分、分值合计、总得分和自评等级'],
  indicators: ['绩效指标', '各项指标的得分、分值合计、总得分和自评等级'],
} as const;

export const tableIncomplete = defineRule({
  scope: 'table',
  codes: { TABLE_INCOMPLETE: { severity: 'warning', label: '表格未完全识别' } },
  run: (ctx) => {
    const out: Finding[] = [];
    for (const t of ctx.tables) {
      if (!isSelfEval(t) || !t.missingBlock) continue;
      const [block, checks] = SKIPPED[t.missingBlock];
      const { row, col } = t.headerCell;
      out.push(finding('TABLE_INCOMPLETE', t, row, col, `「${t.title}」中未能识别${block}部分，已跳过${checks}的检查和重算，请核对该部分的表头。`));
    }
    return out;
  },
});

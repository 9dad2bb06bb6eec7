// DEVIATION_REASON_MISSING: a row that lost points with no 偏差原因 given.
import { num } from '../compute/evaluate';
import { fmtNum } from '../format';
import { textAt } from './indicator-rows';
import { defineRule, finding, rowName } from './rule';

export const deviationReason = defineRule({
  scope: 'indicator-row',
  codes: { DEVIATION_REASON_MISSING: { severity: 'warning', label: '缺少偏差原因' } },
  row: (i, e) => {
    const col = i.ind.reasonCol;
    if (col === null || i.weight === null || i.effective === null) return null;
    if (!(i.effective < i.weight)) return null;
    if (textAt(e, i.ind.row, col)) return null;
    return finding(
      'DEVIATION_REASON_MISSING',
      e.table,
      i.ind.row,
      col,
      `${rowName(i.ind.level3, i.ind.row)}${scoreAsShown(i.effective, i.ind.score === null ? null : num(i.ind.score))}低于分值 ${fmtNum(i.weight)}，请填写偏差原因分析及改进措施。`,
    );
  },
});

/** The score as the sheet shows it, and what recalculation writes where that differs (SPEC §5: quote the sheet). */
function scoreAsShown(effective: number, stated: number | null): string {
  if (stated === effective) return `得分 ${fmtNum(effective)} `;
  if (stated === null) return `得分未填数字（重算将填入 ${fmtNum(effective)}），`;
  return `得分表中为 ${fmtNum(stated)}（重算将写入 ${fmtNum(effective)}），`;
}

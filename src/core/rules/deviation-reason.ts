// DEVIATION_REASON_MISSING: a row that lost points with no 偏差原因 given.
import { fmtNum } from '../format';
import { rowRule, textAt } from './indicator-rows';
import { finding, rowName } from './rule';

export const deviationReason = rowRule((i, e) => {
  const col = i.ind.reasonCol;
  if (col === null || i.weight === null || i.effective === null) return null;
  if (!(i.effective < i.weight)) return null;
  if (textAt(e, i.ind.row, col)) return null;
  return finding(
    'DEVIATION_REASON_MISSING',
    e.table,
    i.ind.row,
    col,
    `${rowName(i.ind.level3, i.ind.row)}得分 ${fmtNum(i.effective)} 低于分值 ${fmtNum(i.weight)}，请填写偏差原因分析及改进措施。`,
  );
});

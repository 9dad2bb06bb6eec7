// EMPTY_INDICATOR: a scored row whose 三级指标 or 年度指标值 is blank or a placeholder.
import { isPlaceholder } from '../parse/text';
import { eachIndicator, isScored, textAt } from './indicator-rows';
import { finding, type Rule } from './rule';

export const emptyIndicator: Rule = (ctx) =>
  eachIndicator(ctx, (i, e) => {
    if (!isScored(i)) return null;
    const r = i.ind.row;
    if (isPlaceholder(textAt(e, r, i.ind.level3Col))) {
      return finding('EMPTY_INDICATOR', e.table, r, i.ind.level3Col, `第 ${r + 1} 行分值为 ${i.weight}，但三级指标为空，请填写指标名称或将分值改为 0。`);
    }
    if (isPlaceholder(textAt(e, r, i.ind.targetCol))) {
      return finding('EMPTY_INDICATOR', e.table, r, i.ind.targetCol, `「${i.ind.level3}」分值为 ${i.weight}，但年度指标值为空，请填写指标值。`);
    }
    return null;
  });

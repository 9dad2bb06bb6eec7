// Header synonyms, matched against normalised header keys (see parse/text.ts headerInfo).
import type { MoneyUnit, RateStyle } from './model';
import type { SheetView } from './sheet-view';

// One table of synonyms per field (SPEC §1.1, §1.2: the central names and the provincial ones).
export const BUDGET_FIELDS = {
  initial: /^(年初预算数?|年初数|年初预算金额|年初预算资金|年初预算安排数?)$/,
  annual: /^(全年预算数?|调整后预算数?|当年预算数?|全年预算金额|预算数|调整后预算金额|全年预算安排数?)$/,
  executed: /^(全年执行数?|预算执行数|执行数|全年实际支出数?|实际支出数?|全年支出数?|实际执行数|全年执行金额)$/,
  weight: /^(分值|权重|分数|满分|指标分值)$/,
  rate: /^(预算)?执行率$/,
  score: /^(自评)?得分$|^指标得分$/,
  name: /^(项目名称|名称|预算项目|项目)$/,
};

export const INDICATOR_FIELDS = {
  l1: /^一级指标(名称)?$/,
  l2: /^二级指标(名称)?$/,
  l3: /^(三级指标(名称)?|指标内容|指标名称|具体指标)$/,
  target: /^(年度指标值|年度指标|年度目标值|指标值|目标值|预期指标值|年初指标值|计划指标值|年度绩效指标值|绩效指标值)$/,
  /** 山西: the adjusted target, which counts where it is filled. */
  adjusted: /^调整后(年度)?指标值$/,
  actual: /^(实际完成值|全年实际值|实际值|完成值|实际完成情况|全年完成值|全年实际完成值|年度实际完成值|实际完成指标值|实际完成数)$/,
  weight: /^(分值|权重|分数|满分|指标分值)$/,
  score: /^(自评)?得分$|^指标得分$/,
  reason: /原因/,
  /** Split target columns: 指标性质 (an operator or a nature word) and 度量单位. */
  nature: /^(指标性质|指标方向|符号|比较符|运算符|指标属性)$/,
  unit: /^(度量单位|计量单位|单位)$/,
};

/** Captions that only group the columns below them (a header row of a multi-row header may hold just these). */
export const GROUP_CAPTION = /^(绩效指标|项目资金|资金情况|预算执行|预算执行情况|年度绩效指标|序号|编号|备注)$/;
/** Columns some templates add to the indicator block, read by nobody: they may stand in a header. */
export const OTHER_CAPTION = /^(评分标准|评分方法|计分方法|评分规则|评分细则|指标解释|指标说明|数据来源|佐证材料|完成情况说明|扣分原因|说明)$/;

export const SUMMARY_FIELDS = {
  name: /^(项目名称|名称|项目支出名称)$/,
  initial: /^(年初预算数?|年初数)$/,
  annual: /^(当年预算数?|全年预算数?|调整后预算数?|预算数)$/,
  executed: /^(全年执行数?|执行数|全年实际支出数?|预算执行数|实际支出数?)$/,
  rate: /^(预算)?执行率$/,
  score: /^(自评)?得分$|^(绩效)?自评得分$|^自评分数?$/,
  grade: /^(自评结论|自评等级|等级|结论|评价等级|评价结论|绩效等级)$/,
};

export const EXECUTION_FIELDS = {
  name: /^(预算项目|项目名称|项目)$/,
  initial: /^年初预算(指标|数)?$/,
  used: /^(已用(指标)?|已支付(数|指标)?|支出数|已支出(数)?|实际支出)$/,
  remaining: /^(剩余(指标)?|结余(指标|数)?|未用指标)$/,
  rate: /^(预算)?执行率$/,
};

/** Labels of the 总分 row (SPEC §1.2), and of the scored budget row (年度资金总额 or the first amount row 合计). */
export const TOTAL_LABELS = ['总分', '合计', '总计', '分值合计', '合计得分', '总得分'];
export const TOTAL_LABEL = new RegExp(`^(${TOTAL_LABELS.join('|')})$`);
export const SCORED_ROW_LABELS = ['年度资金总额', '项目资金总额', '资金总额', '资金合计', '合计', '总额', '总计'];
export const SCORED_ROW = new RegExp(SCORED_ROW_LABELS.join('|'));
export const SUBTOTAL_LABEL = /^(小计|合计|总计)/;
export const GRADE_LABEL = /(自评)?(等级|结论)$/;

/** What a table's texts say about its money unit: some text says 万元; some says 元 as a unit. */
export interface UnitStated {
  wan: boolean;
  yuan: boolean;
}

// On the text as written: half-width conversion changes neither 万元 nor these patterns, which accept
// both widths of their brackets and colons.
const YUAN_STATED = /[(（]元[)）]|单位[:：]?元|金额[:：]?元/;

export function unitStatedInto(text: string, into: UnitStated): void {
  if (!into.wan && text.includes('万元')) into.wan = true;
  else if (!into.yuan && text.includes('元') && YUAN_STATED.test(text)) into.yuan = true;
}

export function unitStated(text: string): UnitStated {
  const out = { wan: false, yuan: false };
  unitStatedInto(text, out);
  return out;
}

/** Money unit a table states, else by magnitude: mostly ≥ 10,000 means 元 (a budget-system export). */
export function moneyUnitFrom(said: UnitStated, amounts: readonly number[]): MoneyUnit {
  if (said.wan) return '万元';
  if (said.yuan) return '元';
  let nonZero = 0;
  let big = 0;
  for (const a of amounts) {
    if (a === 0 || !Number.isFinite(a)) continue;
    nonZero++;
    if (Math.abs(a) >= 10000) big++;
  }
  if (nonZero === 0) return '万元';
  return big * 2 > nonZero ? '元' : '万元';
}

/** Money unit a table states, else by magnitude: mostly ≥ 10,000 means 元 (a budget-system export). */
export function moneyUnitOf(texts: string[], amounts: number[]): MoneyUnit {
  const said = { wan: false, yuan: false };
  for (const t of texts) unitStatedInto(t, said);
  return moneyUnitFrom(said, amounts);
}

/**
 * A rate column's convention: a % format on any of its cells means fractions;
 * a header with % or values mostly > 1.5 mean percent units.
 */
export function rateStyleOf(view: SheetView, headerRow: number, col: number, rows: number[]): RateStyle {
  let formatted = 0;
  let big = 0;
  let numbers = 0;
  for (const r of rows) {
    const c = view.cell(r, col);
    if (!c || typeof c.v !== 'number') continue;
    numbers++;
    if (c.fmt && c.fmt.includes('%')) formatted++;
    else if (Math.abs(c.v) > 1.5) big++;
  }
  if (formatted > 0) return 'fraction';
  if (view.info(headerRow, col).percent) return 'percent-units';
  return numbers > 0 && big * 2 > numbers ? 'percent-units' : 'fraction';
}

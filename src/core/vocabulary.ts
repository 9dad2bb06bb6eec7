// The domain's words in one place: column captions (SPEC §1.1, §1.2: the central names and the
// provincial ones), the labels that start and end rows, the grades and their synonyms, the 成本 mark.
// Importable from every layer of the core (eslint.config.mjs): it imports nothing.
//
// Column captions are matched against normalised header keys (parse/text.ts headerInfo: half-width, no
// white space, no annotations such as （万元） or a glued `A`, no trailing colon). A scoring profile (a
// province) adds its own captions with extendVocabulary; the tables layer compiles each vocabulary once
// (tables/captions.ts).

// ---- Column captions: one pattern per field, per kind of header ----

const BUDGET = {
  initial: /^(年初预算数?|年初数|年初预算金额|年初预算资金|年初预算安排数?)$/,
  annual: /^(全年预算数?|调整后预算数?|当年预算数?|全年预算金额|预算数|调整后预算金额|全年预算安排数?)$/,
  executed: /^(全年执行数?|预算执行数|执行数|全年实际支出数?|实际支出数?|全年支出数?|实际执行数|全年执行金额)$/,
  /** 浙江: 全年执行数（其他）, added to the 执行数 where the profile says so (SPEC §8). */
  executedOther: /^((全年)?执行数?|全年实际支出数?|实际支出数?)\(其他(资金)?\)$|^其他(资金)?执行数$/,
  weight: /^(分值|权重|分数|满分|指标分值)$/,
  rate: /^(预算)?执行率$/,
  score: /^(自评)?得分$|^指标得分$/,
  name: /^(项目名称|名称|预算项目|项目)$/,
};

const INDICATOR = {
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

const SUMMARY = {
  name: /^(项目名称|名称|项目支出名称)$/,
  initial: /^(年初预算数?|年初数)$/,
  annual: /^(当年预算数?|全年预算数?|调整后预算数?|预算数)$/,
  executed: /^(全年执行数?|执行数|全年实际支出数?|预算执行数|实际支出数?)$/,
  rate: /^(预算)?执行率$/,
  score: /^(自评)?得分$|^(绩效)?自评得分$|^自评分数?$/,
  grade: /^(自评结论|自评等级|等级|结论|评价等级|评价结论|绩效等级)$/,
};

const EXECUTION = {
  name: /^(预算项目|项目名称|项目)$/,
  initial: /^年初预算(指标|数)?$/,
  used: /^(已用(指标)?|已支付(数|指标)?|支出数|已支出(数)?|实际支出)$/,
  remaining: /^(剩余(指标)?|结余(指标|数)?|未用指标)$/,
  rate: /^(预算)?执行率$/,
};

/** The 基础数据表's 财政供养人员情况 and 楼堂馆所 rows (the caption may carry a prefix: 年初编制数). */
const STAFF = { quota: /编制数$/, actual: /在职人数$|实有人数$/, rate: /控制率$/ };
const BUILDING = {
  approvedSize: /^批复规模/,
  actualSize: /^实际规模/,
  sizeRate: /^规模控制率/,
  budgetInvest: /^(预算|概算)投资/,
  actualInvest: /^实际投资/,
  investRate: /概算控制率$|投资控制率$/,
};

export type BudgetField = keyof typeof BUDGET;
export type IndicatorField = keyof typeof INDICATOR;
export type SummaryField = keyof typeof SUMMARY;
export type ExecutionField = keyof typeof EXECUTION;
export type StaffField = keyof typeof STAFF;
export type BuildingField = keyof typeof BUILDING;

/** The column captions of each kind of header, one pattern per field (field order is matching order). */
export interface CaptionPatterns {
  readonly budget: Readonly<Record<BudgetField, RegExp>>;
  readonly indicator: Readonly<Record<IndicatorField, RegExp>>;
  readonly summary: Readonly<Record<SummaryField, RegExp>>;
  readonly execution: Readonly<Record<ExecutionField, RegExp>>;
  readonly staff: Readonly<Record<StaffField, RegExp>>;
  readonly building: Readonly<Record<BuildingField, RegExp>>;
}

/** Further captions per header kind and field, as written (`{ budget: { executed: ['资金支出数'] } }`). */
export type CaptionExtra = { readonly [K in keyof CaptionPatterns]?: { readonly [F in keyof CaptionPatterns[K]]?: readonly string[] } };

export interface Vocabulary {
  readonly patterns: CaptionPatterns;
  /** Exact captions added to the patterns: a header cell whose normalised text is one of them matches. */
  readonly extra: CaptionExtra;
}

export const DEFAULT_VOCABULARY: Vocabulary = Object.freeze({
  patterns: Object.freeze({ budget: BUDGET, indicator: INDICATOR, summary: SUMMARY, execution: EXECUTION, staff: STAFF, building: BUILDING }),
  extra: Object.freeze({}),
});

/**
 * A vocabulary with further column captions: plain strings, each an exact alternative to its field's
 * pattern (compared after the normalisation header cells get). A new object: the tables layer compiles
 * each vocabulary object once, so make it once (per profile), not per call.
 */
export function extendVocabulary(base: Vocabulary, extra: CaptionExtra): Vocabulary {
  const merged: Record<string, Record<string, readonly string[]>> = {};
  for (const src of [base.extra, extra] as Record<string, Record<string, readonly string[]> | undefined>[]) {
    for (const [kind, fields] of Object.entries(src)) {
      if (!fields) continue;
      const into = (merged[kind] ??= {});
      for (const [field, captions] of Object.entries(fields)) {
        if (captions?.length) into[field] = [...new Set([...(into[field] ?? []), ...captions])];
      }
    }
  }
  return Object.freeze({ patterns: base.patterns, extra: merged as CaptionExtra });
}

/** Captions that only group the columns below them (a header row of a multi-row header may hold just these). */
export const GROUP_CAPTION = /^(绩效指标|项目资金|资金情况|预算执行|预算执行情况|年度绩效指标|序号|编号|备注)$/;
/** Group captions over a list table's amount columns. */
export const LIST_GROUP_CAPTION = /^(预算资金|资金|预算|金额|预算指标)$/;
/** Columns some templates add to the indicator block, read by nobody: they may stand in a header. */
export const OTHER_CAPTION = /^(评分标准|评分方法|计分方法|评分规则|评分细则|指标解释|指标说明|数据来源|佐证材料|完成情况说明|扣分原因|说明)$/;
/** A value caption under a 年度指标值 / 实际完成值 group: the group names the field. */
export const VALUE_CAPTION = /^(指标值|值|数值|实际值|完成值|目标值)$/;

// ---- Row labels ----

/** Labels of the 总分 row (SPEC §1.2), and of the scored budget row (年度资金总额 or the first amount row 合计). */
export const TOTAL_LABELS = ['总分', '合计', '总计', '分值合计', '合计得分', '总得分'];
export const SCORED_ROW_LABELS = ['年度资金总额', '项目资金总额', '资金总额', '资金合计', '合计', '总额', '总计'];
export const SUBTOTAL_LABEL = /^(小计|合计|总计)/;
export const GRADE_LABEL = /(自评)?(等级|结论)$/;

/**
 * The rows under a table that end it (填表人：张三, 说明：…), in every reader. A text starting with one of
 * FOOTER_LABELS is a footer; 说明 and 注 are one only as a label, alone or before a colon (说明：…, 注：…),
 * as the self-evaluation reader always had it: an indicator, budget item or project may be named
 * 说明书印制 or 注册企业数 (the 基础数据表 and list readers stopped at any 说明…, and at such a name).
 */
export const FOOTER_LABELS = ['填表人', '填报人', '单位负责人', '财务负责人', '审核人', '联系电话', '填表日期', '填报日期', '说明', '注'];
const FOOTER_NOTES = ['说明', '注'];
/** On a compacted text (half-width, no white space) or a header key (no trailing colon either). */
export const FOOTER = new RegExp(
  `^(${FOOTER_LABELS.filter((l) => !FOOTER_NOTES.includes(l)).join('|')}|(${FOOTER_NOTES.join('|')})([:：]|$))`,
);

// ---- Grades ----

export const GRADES = ['优', '良', '中', '差'] as const;
export type Grade = (typeof GRADES)[number];

/** A stated grade's words (after dropping white space, an annotation and a trailing 级): 优秀 → 优. */
export const GRADE_SYNONYMS: Readonly<Record<string, Grade>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, Grade>, {
    优: '优', 优秀: '优', 好: '优', 良: '良', 良好: '良', 较好: '良', 中: '中', 中等: '中', 合格: '中', 及格: '中', 一般: '中',
    差: '差', 较差: '差', 不合格: '差', 不及格: '差',
  }),
);

// ---- 成本 ----

/** A 成本 indicator: its 一级 or 二级 names 成本 (产出指标 › 成本指标, or 成本指标 › 经济成本指标). */
export function isCostIndicator(level1: string, level2: string): boolean {
  return level1.includes('成本') || level2.includes('成本');
}

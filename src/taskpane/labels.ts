// Chinese names the task pane shows for codes, kinds and severities.
import type { FindingCode, Severity } from '../core/findings';
import type { TableKind } from '../core/tables/model';

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** The Fluent badge colour of each severity. */
export const SEVERITY_COLOR: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

export const KIND_LABEL: Record<TableKind, string> = {
  'project-self-eval': '项目支出绩效自评表',
  'dept-self-eval': '部门整体支出绩效自评表',
  'basic-data': '基础数据表',
  'budget-execution': '预算执行情况表',
  'project-summary': '项目绩效自评汇总表',
};

export const CODE_LABEL: Record<FindingCode, string> = {
  RATE_MISMATCH: '比率不符',
  SCORE_MISMATCH: '得分不符',
  SCORE_EXCEEDS_WEIGHT: '得分超过分值',
  WEIGHT_SUM: '分值合计不为满分',
  LEVEL1_WEIGHT: '一级指标分值不符',
  TOTAL_MISMATCH: '合计不符',
  GRADE_MISMATCH: '等级不符',
  SUBTOTAL_MISMATCH: '小计不符',
  CROSS_SHEET_MISMATCH: '跨表不一致',
  NOT_A_NUMBER: '不是数字',
  EMPTY_INDICATOR: '指标为空',
  MISSING_VALUE: '缺少数据',
  DEVIATION_REASON_MISSING: '缺少偏差原因',
  OVERACHIEVED: '超额完成',
  TARGET_NOT_QUANTIFIED: '指标值未量化',
  ACTUAL_NOT_QUANTIFIED: '完成值未量化',
  UNIT_MISMATCH: '单位不一致',
  MULTI_INDICATOR_CELL: '一格多个指标',
  COST_TARGET_VS_BUDGET: '成本指标超预算',
  SUSPICIOUS_DIRECTION: '指标方向存疑',
  HEADCOUNT_OVER_QUOTA: '超编',
  FORMULA_KEPT: '保留公式',
  TABLE_NOT_RECOGNIZED: '未识别表格',
  TABLE_INCOMPLETE: '表格未完全识别',
  EXECUTION_OVER_BUDGET: '执行数超预算',
  NARRATIVE_MISMATCH: '报告与表格不符',
  TOTAL_ABOVE_CAP: '总分超过封顶分',
  QUALITATIVE_SCORE_BAND: '定性得分不在档次内',
  BUDGET_ADJUSTMENT_REASON: '预算调整须说明',
  LOW_TOTAL_SECTIONS: '低分须写明问题与整改',
};

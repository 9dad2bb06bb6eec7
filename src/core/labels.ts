// The Chinese names every face (the CLI, the task pane) shows for severities and table kinds. Codes'
// names are declared by the rules that report them: CODE_LABEL in ./rules.
import type { Severity } from './findings';
import type { TableKind } from './tables/model';

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export const KIND_LABEL: Record<TableKind, string> = {
  'project-self-eval': '项目支出绩效自评表',
  'dept-self-eval': '部门整体支出绩效自评表',
  'basic-data': '基础数据表',
  'budget-execution': '预算执行情况表',
  'project-summary': '项目绩效自评汇总表',
};

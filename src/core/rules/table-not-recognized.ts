// TABLE_NOT_RECOGNIZED: a non-empty sheet with no table of §1.
import { defineRule, finding } from './rule';

export const tableNotRecognized = defineRule({
  scope: 'workbook',
  codes: { TABLE_NOT_RECOGNIZED: { severity: 'info', label: '未识别表格' } },
  run: (ctx) =>
    ctx.unrecognized.map((name) =>
      finding('TABLE_NOT_RECOGNIZED', name, 0, 0, `工作表「${name}」中未识别到自评表、基础数据表、执行情况表或汇总表，已跳过。`),
    ),
});

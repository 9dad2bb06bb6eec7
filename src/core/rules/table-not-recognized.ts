// TABLE_NOT_RECOGNIZED: a non-empty sheet with no table of §1.
import { finding, type Rule } from './rule';

export const tableNotRecognized: Rule = (ctx) =>
  ctx.unrecognized.map((name) =>
    finding('TABLE_NOT_RECOGNIZED', name, 0, 0, `工作表「${name}」中未识别到自评表、基础数据表、执行情况表或汇总表，已跳过。`),
  );

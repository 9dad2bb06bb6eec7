// Builds grids of a standard 项目支出绩效自评表 for rule tests (no files involved).
import { sheetFromRows } from '../../src/core/grid/sheet';
import type { Cell, Scalar, Sheet, Workbook } from '../../src/core/grid/types';

export type V = Scalar | Cell;

export interface IndRow {
  l1?: string;
  l2?: string;
  l3: V;
  target: V;
  actual: V;
  weight: V;
  score: V;
  reason?: V;
}

export interface ProjectOpts {
  sheetName?: string;
  title?: string;
  name?: string;
  initial?: V;
  annual?: V;
  executed?: V;
  weight?: V;
  rate?: V;
  score?: V;
  indicators?: IndRow[];
  total?: { weight?: V; score?: V; grade?: V } | null;
}

/** Eight indicator rows that add up to 90 with a budget weight of 10; every stated value correct. */
export const GOOD_INDICATORS: IndRow[] = [
  { l1: '产出指标（50分）', l2: '数量指标', l3: '召开会议', target: '≥2次', actual: '2次', weight: 20, score: 20 },
  { l2: '质量指标', l3: '完成率', target: '≥95%', actual: '100%', weight: 10, score: 10 },
  { l2: '时效指标', l3: '完成时间', target: '12月31日前', actual: '按时', weight: 10, score: 10 },
  { l2: '成本指标', l3: '会议成本', target: '≤10万元', actual: '9.5万元', weight: 10, score: 10 },
  { l1: '效益指标（30分）', l2: '社会效益指标', l3: '履职能力', target: '明显提升', actual: '有效提升', weight: 30, score: 28, reason: '部分代表未参训' },
  { l1: '满意度指标（10分）', l2: '服务对象满意度指标', l3: '代表满意度', target: '≥90%', actual: '95%', weight: 10, score: 10 },
];

/** An option's value; an explicit null (blank) differs from an absent key (the default). */
function pick<K extends keyof ProjectOpts>(o: ProjectOpts, k: K, def: V): V {
  return k in o ? (o[k] as V) : def;
}

export const ROW0 = 8; // first indicator row (0-based), i.e. Excel row 9

export function projectSheet(o: ProjectOpts = {}): Sheet {
  const ind = o.indicators ?? GOOD_INDICATORS;
  const rows: V[][] = [
    [o.title ?? '2023年度项目支出绩效自评表'],
    ['项目名称', o.name ?? '人代会议'],
    ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', pick(o, 'initial', 50), pick(o, 'annual', 48), pick(o, 'executed', 36), pick(o, 'weight', 10), pick(o, 'rate', { v: 0.75, fmt: '0.00%' }), pick(o, 'score', 7.5)],
    [null, '其中：当年财政拨款：48', null, null, null, null, null, null],
    ['年度总体目标', '预期目标', null, null, null, '实际完成情况'],
    [null, '保障会议召开', null, null, null, '圆满召开'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ];
  for (const r of ind) rows.push([null, r.l1 ?? null, r.l2 ?? null, r.l3, r.target, r.actual, r.weight, r.score, r.reason ?? null]);
  if (o.total !== null) {
    const t = o.total ?? {};
    const totalRow: V[] = ['总分', null, null, null, null, null, t.weight ?? 100, t.score ?? 95.5];
    if (t.grade !== undefined) totalRow.push('自评等级', t.grade);
    rows.push(totalRow);
  }
  return sheetFromRows(o.sheetName ?? '附件3', rows as (Scalar | Cell)[][]);
}

export function workbook(...sheets: Sheet[]): Workbook {
  return { sheets };
}

/** Excel address of an indicator row's column: col letter + (ROW0 + i + 1). */
export function at(col: string, indicatorIndex: number): string {
  return `${col}${ROW0 + indicatorIndex + 1}`;
}

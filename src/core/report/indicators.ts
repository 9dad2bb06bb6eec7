// Indicator passages shared by the project and department reports: targets against results,
// deductions with their reasons, and targets that may have been set too low.
import type { IndicatorEval, SelfEvalEval } from '../compute/evaluate';
import { isOverachieved } from '../compute/indicator-score';
import { sub, sum } from '../compute/decimal';
import type { Settings } from '../settings';
import { cellText } from '../parse/text';
import { score } from './figures';
import { cnNumber, h2, p, placeholder, type Block, type Run } from './model';

function cell(e: SelfEvalEval, row: number, col: number | null): string {
  if (col === null) return '';
  return cellText(e.table.sheet.rows[row]?.[col]?.v ?? null).replace(/\s+/g, ' ').trim();
}

export function reasonOf(e: SelfEvalEval, i: IndicatorEval): string {
  return cell(e, i.ind.row, i.ind.reasonCol);
}

export function nameOf(i: IndicatorEval): string {
  return (i.ind.level3 || i.ind.level2 || `第${i.ind.row + 1}行指标`).replace(/\s+/g, '');
}

/** Whether a scored row met its target: full marks. */
function status(i: IndicatorEval): string {
  if (i.weight === null || i.effective === null) return '未评分';
  if (i.effective >= i.weight) return '已完成';
  return i.effective > 0 ? '部分完成' : '未完成';
}

/** 二、(…) one heading per 一级指标, one sentence per indicator: target, result, done or not. */
export function indicatorSections(e: SelfEvalEval, startAt: number): Block[] {
  const out: Block[] = [];
  const groups = e.table.level1Groups;
  let n = startAt;
  groups.forEach((g, gi) => {
    const rows = e.indicators.filter((i) => i.ind.group === gi && i.weight !== null && i.weight > 0);
    if (!rows.length) return;
    const got = sum(rows.map((i) => i.effective ?? 0));
    const full = sum(rows.map((i) => i.weight ?? 0));
    out.push(h2(`（${cnNumber(n++)}）${g.name || '绩效指标'}完成情况`));
    out.push(p(`${g.name || '绩效指标'}共${rows.length}项，分值${score(full)}，得${score(got)}。`));
    rows.forEach((i, k) => {
      const target = cell(e, i.ind.row, i.ind.targetCol) || '未填写';
      const actual = cell(e, i.ind.row, i.ind.actualCol) || '未填写';
      const runs: (string | Run)[] = [`${k + 1}.${nameOf(i)}${i.ind.level2 ? `（${i.ind.level2}）` : ''}：年度指标值为“${target}”，实际完成值为“${actual}”，${status(i)}`];
      runs.push(i.effective !== null ? `，得分${score(i.effective)}（分值${score(i.weight as number)}）。` : '，得分未填写。');
      out.push(p(...runs));
    });
  });
  return out;
}

export interface Deduction {
  name: string;
  lost: number;
  reason: string;
}

/** Every row that lost points, with the reason the table gives. */
export function deductions(e: SelfEvalEval): Deduction[] {
  const out: Deduction[] = [];
  const w = e.rateWeight;
  if (w !== null && e.rateScoreEffective !== null && e.rateScoreEffective < w) {
    out.push({ name: '预算执行率', lost: sub(w, e.rateScoreEffective), reason: '' });
  }
  for (const i of e.indicators) {
    if (i.weight === null || i.effective === null || !(i.effective < i.weight)) continue;
    out.push({ name: nameOf(i), lost: sub(i.weight, i.effective), reason: reasonOf(e, i) });
  }
  return out;
}

/** Indicators whose actual is at least `ratio` × their target. */
export function overachieved(e: SelfEvalEval, s: Settings): IndicatorEval[] {
  return e.indicators.filter((i) => isOverachieved(i.target, i.actual, s.overachieveRatio));
}

export function deductionSentence(d: Deduction[]): string {
  if (!d.length) return '各项指标均得满分，无扣分项。';
  return `扣分项共${d.length}项：${d.map((x) => `${x.name}扣${score(x.lost)}`).join('；')}。`;
}

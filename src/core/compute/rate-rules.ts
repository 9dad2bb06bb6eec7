// The profile's rules for 执行率得分, the total's cap and the grade (SPEC §8), each with how it is
// explained: the arithmetic with the cells' values and the rule in words, naming the profile.
import { fmtNum } from '../format';
import type { Profile } from '../profiles';
import { clean, mul, round } from '../num/decimal';
import { gradeOf } from './grade';
import { n, type IndicatorEvalLike, type Why } from './indicator-score';

/** 执行率得分, unrounded: linear (分值 × min(执行率, 1)) or the profile's bands of the weight. */
export function rateScoreOf(weight: number, rate: number, p: Profile): number {
  if (p.rateScore.method === 'linear') return clean(weight * Math.min(rate, 1));
  return mul(weight, bandOf(rate, p.rateScore.bands).factor);
}

type Band = { from: number; factor: number };

function bandOf(rate: number, bands: readonly Band[]): Band & { to: number | null } {
  for (let i = 0; i < bands.length; i++) if (rate >= bands[i].from) return { ...bands[i], to: i > 0 ? bands[i - 1].from : null };
  return { from: 0, factor: 0, to: bands[bands.length - 1]?.from ?? null };
}

/**
 * A rate in a rule's words, as reports show it (85.00%), with more decimals only where two would put it on
 * the other side of an edge it was compared with (79.995% is below 80%, though it rounds to 80.00%).
 */
function pct(rate: number, edges: readonly number[] = []): string {
  const shown = round(rate * 100, 2);
  const misleads = edges.some((e) => rate * 100 < e * 100 !== shown < e * 100);
  return misleads ? `${fmtNum(rate * 100, 6)}%` : `${shown.toFixed(2)}%`;
}

/** An edge of a band (80%): whole percents stay whole. */
function edge(x: number): string {
  return `${fmtNum(x * 100, 4)}%`;
}

export interface RateInputs {
  executed: number | null;
  /** 全年执行数（其他）, counted by the profile (浙江). */
  other: number | null;
  base: number | null;
  baseLabel: string;
}

/** How the 执行率 (without `score`) or the 执行率得分 is computed. */
export function rateWhy(x: RateInputs, p: Profile, score?: { weight: number; rate: number }): Why {
  const exec = x.other !== null ? `(${n(x.executed ?? 0)} + ${n(x.other)})` : n(x.executed ?? 0);
  const execName = x.other !== null ? '(全年执行数 + 全年执行数（其他）)' : '全年执行数';
  const zero = x.base === 0;
  if (!score) {
    if (zero) return { arithmetic: '1', rule: `${p.name}：预算数与执行数均为 0，执行率按 100% 计` };
    return { arithmetic: `${exec} ÷ ${n(x.base ?? 0)}`, rule: `${p.name}：执行率 = ${execName} ÷ ${x.baseLabel}` };
  }
  const { weight: w, rate } = score;
  if (p.rateScore.method === 'bands') {
    const b = bandOf(rate, p.rateScore.bands);
    const where = b.to === null ? `≥ ${edge(b.from)}` : `在 [${edge(b.from)}, ${edge(b.to)}) 区间`;
    const edges = p.rateScore.bands.map((x) => x.from);
    return { arithmetic: `${n(w)} × ${n(b.factor)}`, rule: `${p.name}：执行率 ${pct(rate, edges)} ${where}，得分 = 分值 × ${n(b.factor)}` };
  }
  if (zero) return { arithmetic: n(w), rule: `${p.name}：预算数与执行数均为 0，执行率按 100% 计，得满分` };
  if (rate >= 1) return { arithmetic: n(w), rule: `${p.name}：执行率 ${pct(rate, [1])} 达到 100%，得分 = 分值` };
  return { arithmetic: `${n(w)} × ${exec} ÷ ${n(x.base ?? 0)}`, rule: `${p.name}：得分 = 分值 × 执行率（${execName} ÷ ${x.baseLabel}）` };
}

/** The lowest cap the profile puts on the total at this 执行率; null where none applies. */
export function totalCapOf(rate: number | null, p: Profile): { cap: number; below: number } | null {
  if (rate === null) return null;
  let best: { cap: number; below: number } | null = null;
  for (const c of p.totalCaps) if (rate < c.below && (best === null || c.cap < best.cap)) best = { cap: c.cap, below: c.below };
  return best;
}

/** How the 得分 total is computed: the scores as written, summed, capped where the profile says. */
export function sumWhy(rateScore: number | null, indicators: readonly IndicatorEvalLike[], cap: { cap: number; below: number } | null, rate: number | null, p: Profile): Why {
  const parts: string[] = rateScore !== null ? [n(rateScore)] : [];
  for (const i of indicators) if (i.effective !== null) parts.push(n(i.effective));
  const sum = parts.length ? parts.join(' + ') : '0';
  if (!cap) return { arithmetic: sum, rule: `${p.name}：总得分 = 执行率得分与各项指标得分之和` };
  return {
    arithmetic: `min(${sum}, ${n(cap.cap)})`,
    rule: `${p.name}：执行率 ${pct(rate ?? 0, [cap.below])} 低于 ${edge(cap.below)}，总得分不超过 ${n(cap.cap)} 分`,
  };
}

/** How the grade follows from the total. */
export function gradeWhy(total: number, bands: readonly number[], p: Profile): Why {
  const g = gradeOf(total, bands, p.grades.labels);
  const i = p.grades.labels.indexOf(g);
  const how = i < 3 ? `≥ ${n(bands[i])}` : `< ${n(bands[2])}`;
  return { rule: `${p.name}：总分 ${n(total)} ${how} 为「${g}」（等级分数线 ${bands.map(n).join(' / ')}）` };
}

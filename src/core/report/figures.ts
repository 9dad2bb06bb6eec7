// Figures as reports write them: 151.77万元, 79.33%, 98分.
import { clean, round } from '../num/decimal';
import { fmtNum, fmtPct } from '../format';
import type { SelfEvalEval } from '../compute/evaluate';
import { profileOf, type Settings } from '../settings';
import type { MoneyUnit } from '../tables/model';

const TO_YUAN: Record<MoneyUnit, number> = { 万元: 10000, 元: 1 };

/** An amount of a table in `from` units, written in `to` units with two decimals: 151.77万元. */
export function money(x: number, from: MoneyUnit, to: MoneyUnit): string {
  const v = clean((x * TO_YUAN[from]) / TO_YUAN[to]);
  return `${round(v, 2).toFixed(2)}${to}`;
}

export function pct(fraction: number): string {
  return fmtPct(fraction);
}

export function score(x: number): string {
  return `${fmtNum(x, 2)}分`;
}

/** The year a title names: "2023年度…" → "2023". */
export function yearOf(...texts: string[]): string | null {
  for (const t of texts) {
    const m = /(20\d{2})\s*年/.exec(t);
    if (m) return m[1];
  }
  return null;
}

/** A score cell the table leaves blank where the row is scored: the total is not filled in either. */
function blankScore(e: SelfEvalEval): boolean {
  const isBlank = (f: { parse: { kind: string } } | null | undefined) => !!f && f.parse.kind === 'blank';
  if (e.rateWeight !== null && e.rateWeight > 0 && isBlank(e.table.budget?.score)) return true;
  return e.indicators.some((i) => i.weight !== null && i.weight > 0 && isBlank(i.ind.score));
}

/**
 * The total a report states: the table's total as recalculation writes it, only where it is certain
 * (SPEC §4, §6: never a total above the full score, nor one of wrong weights or blank scores); else why not.
 */
export function reportedTotal(e: SelfEvalEval, s: Settings): { total: number } | { total: null; why: string } {
  const blank = blankScore(e);
  if (e.totalCertain && !blank) return { total: round(e.scoreSum, s.precision) };
  if (!e.table.budget) return { total: null, why: '表中预算资金部分未能识别，总分无法计算：' };
  if (!e.weightsKnown || !e.scoresKnown || blank) return { total: null, why: '表中有分值或得分为空或不是数字，总分无法计算：' };
  if (e.weightSum !== s.totalWeight) return { total: null, why: `各项分值合计为 ${fmtNum(e.weightSum)}，应为 ${fmtNum(s.totalWeight)}，请先核对分值：` };
  return { total: null, why: `得分合计 ${fmtNum(round(e.scoreSum, s.precision))} 超过总分值 ${fmtNum(s.totalWeight)}，请先核对各项得分：` };
}

/** 自评结论 names the scoring rules used (SPEC §8): 「评分依据：全国通用规则（财政部…）。」 */
export function profileSentence(s: Settings): string {
  const p = profileOf(s);
  return `评分依据：${p.name}评分规则（${p.source}）。`;
}

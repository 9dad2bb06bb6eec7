// Evaluates every table: what §4 computes for each cell, and the analysis the rules read.
import { fmtNum } from '../format';
import type { Cell } from '../grid/types';
import { composeIndicator, parseIndicatorCell, withUnit, type IndicatorValue } from '../parse/indicator';
import { projectKey } from '../parse/project-key';
import { profileOf, type Settings } from '../settings';
import type { Profile } from '../profiles';
import type {
  BasicDataTable,
  ExecutionTable,
  IndicatorRow,
  NumField,
  SelfEvalTable,
  SummaryTable,
  Table,
} from '../tables/model';
import type { ComputedField } from './computed';
import { clean, div, round, sub } from '../num/decimal';
import { rateScoreOf, rateWhy, totalCapOf, gradeWhy, sumWhy } from './rate-rules';
import { gradeOf, normaliseGrade } from './grade';
import { indicatorScore, n, type Why } from './indicator-score';
import { isCostIndicator } from '../vocabulary';

export interface IndicatorEval {
  ind: IndicatorRow;
  target: IndicatorValue;
  actual: IndicatorValue;
  isCost: boolean;
  weight: number | null;
  /** Unrounded computed score, null where §4 computes none. */
  computed: number | null;
  /** The score as recalculation leaves it: computed and rounded, else the stated number. */
  effective: number | null;
}

export interface SelfEvalEval {
  table: SelfEvalTable;
  /** Unrounded 执行率, null when it cannot be computed. */
  rate: number | null;
  /** Which budget figure the rate divides by. */
  rateBase: NumField | null;
  /** The 执行率 row's weight in points (rateWeight), null where 执行率 is not scored. */
  rateWeight: number | null;
  rateScore: number | null;
  rateScoreEffective: number | null;
  indicators: IndicatorEval[];
  weightSum: number;
  /** The 得分 total as recalculation writes it: the sum of the scores, or the profile's cap where 执行率 caps it. */
  scoreSum: number;
  /** False when a weight (or a score §4 does not compute) is not a number: the totals are unknown, never summed as 0. */
  weightsKnown: boolean;
  scoresKnown: boolean;
  /** The cap 执行率 puts on the total under the profile (SPEC §8), null where none applies. */
  cap: { cap: number; below: number } | null;
  /** The 得分 total and the grade are certain (SPEC §4): weights add up to the full score, every score known, total within it. */
  totalCertain: boolean;
  grade: string;
}

export interface TableEval {
  table: Table;
  fields: ComputedField[];
  selfEval?: SelfEvalEval;
}

export function num(f: NumField | null | undefined): number | null {
  return f && f.parse.kind === 'number' ? f.parse.value : null;
}

/** A field holding text that is not a number, or an error value (NOT_A_NUMBER). */
export function isInvalid(f: NumField | null | undefined): boolean {
  return !!f && f.parse.kind === 'invalid';
}

function cellOf(t: Table, row: number, col: number): Cell | undefined {
  const r = t.sheet.rows[row];
  return r ? r[col] : undefined;
}

function field(
  t: Table,
  at: { row: number; col: number },
  kind: ComputedField['kind'],
  label: string,
  exact: number | string,
  stated: NumField | null,
  decimals: number,
  mismatch: ComputedField['mismatch'],
  rateStyle?: ComputedField['rateStyle'],
): ComputedField {
  const f: ComputedField = { table: t, row: at.row, col: at.col, kind, label, exact, cell: cellOf(t, at.row, at.col), stated, decimals, mismatch, rateStyle };
  // Text that is not a number in another spelling is an input (SPEC §4): checked elsewhere, never overwritten.
  // (An error value such as #DIV/0! is no one's input: it is replaced.)
  const v = f.cell?.v;
  if (stated && (stated.parse.kind === 'invalid' || stated.parse.kind === 'na') && (typeof v === 'string' || typeof v === 'boolean')) f.withheld = '单元格中是文字，不是数字';
  return f;
}

/**
 * The score as recalculation leaves it: the computed one (rounded) where §4 computes it, else the stated
 * number; a user's formula is never overwritten, so its result stays.
 */
function effectiveScore(t: Table, computed: number | null, stated: NumField | null, precision: number): number | null {
  const kept = stated !== null && num(stated) !== null && cellOf(t, stated.row, stated.col)?.f !== undefined;
  if (computed !== null && !kept) return round(computed, precision);
  return num(stated);
}

/** "「代表培训」得分": the same names recur across rows and analyses, so the labels are shared. */
function scoreLabel(name: string): string {
  let l = SCORE_LABELS.get(name);
  if (l === undefined) {
    l = `「${name}」得分`;
    if (SCORE_LABELS.size >= 50_000) SCORE_LABELS.clear();
    SCORE_LABELS.set(name, l);
  }
  return l;
}

const SCORE_LABELS = new Map<string, string>();

/**
 * A weight in points: a weight typed as a percentage (`10%`, a %-formatted 0.1) is that share of the
 * full score, as an accountant reads 权重 10% beside 得分 in points.
 */
export function weightOf(f: NumField | null, s: Settings): number | null {
  const w = num(f);
  return w !== null && f !== null && f.parse.kind === 'number' && f.parse.percent ? clean(w * s.totalWeight) : w;
}

/** The 执行率 row's weight: its 分值 cell, else what a caption declares, else the profile's; null when not scored. */
export function rateWeight(b: NonNullable<SelfEvalTable['budget']>, s: Settings, p: Profile = profileOf(s)): number | null {
  if (b.weight) return weightOf(b.weight, s);
  return b.score ? b.declaredWeight ?? p.rateWeight : null;
}

/** The 执行数 the rate divides: 全年执行数, plus the 其他 column where the profile counts it (浙江). */
function executedOf(b: NonNullable<SelfEvalTable['budget']>, p: Profile): { value: number | null; other: number | null } {
  const executed = num(b.executed);
  const other = p.executedWithOther ? num(b.executedOther ?? null) : null;
  return { value: executed !== null && other !== null ? clean(executed + other) : executed, other };
}

/** An indicator's target: one cell, or a split target's 指标性质 · 指标值 · 度量单位 composed (SPEC §1.2). */
function targetOf(cells: (Cell | undefined)[] | undefined, ind: IndicatorRow, isCost: boolean): IndicatorValue {
  const at = (c: number | null) => (c === null || !cells ? undefined : cells[c]);
  if (ind.targetNatureCol === null && ind.targetUnitCol === null) return parseIndicatorCell(at(ind.targetCol), isCost);
  return composeIndicator(at(ind.targetNatureCol), at(ind.targetCol), at(ind.targetUnitCol), isCost);
}

/** An indicator's actual: with its own unit column, else a bare number takes the target's unit. */
function actualOf(cells: (Cell | undefined)[] | undefined, ind: IndicatorRow, target: IndicatorValue, isCost: boolean): IndicatorValue {
  const at = (c: number | null) => (c === null || !cells ? undefined : cells[c]);
  if (ind.actualUnitCol !== null) return composeIndicator(undefined, at(ind.actualCol), at(ind.actualUnitCol), isCost);
  const actual = parseIndicatorCell(at(ind.actualCol), isCost);
  return ind.targetUnitCol !== null ? withUnit(actual, target.unit) : actual;
}

export function evaluateSelfEval(t: SelfEvalTable, s: Settings): TableEval {
  const fields: ComputedField[] = [];
  const b = t.budget;
  let rate: number | null = null;
  let rateBase: NumField | null = null;
  let rateScore: number | null = null;
  let rateScoreEffective: number | null = null;
  const p = profileOf(s);
  const rw = b ? rateWeight(b, s, p) : null;
  if (b) {
    const annual = num(b.annual);
    const initial = num(b.initial);
    // Only a blank 全年预算数 falls back to 年初预算数; one that is not a number leaves the rate unknown.
    rateBase = annual !== null ? b.annual : initial !== null && !isInvalid(b.annual) ? b.initial : null;
    const base = num(rateBase);
    const ex = executedOf(b, p);
    const executed = ex.value;
    if (base !== null && executed !== null) {
      if (base !== 0) rate = div(executed, base);
      else if (executed === 0 && p.zeroBudgetRate === 'full') rate = 1; // 浙江: 0 / 0 counts as 100%
    }
    const inputs = { executed: num(b.executed), other: ex.other, base, baseLabel: rateBase?.label ?? '全年预算数' };
    if (rate !== null && b.rate) {
      const f = field(t, b.rate, 'rate', '执行率', rate, b.rate, 4, 'RATE_MISMATCH', b.rateStyle);
      f.why = () => rateWhy(inputs, p);
      fields.push(f);
    }
    if (rate !== null && rw !== null) {
      const r = rate;
      rateScore = rateScoreOf(rw, r, p);
      if (b.score) {
        const f = field(t, b.score, 'score', '执行率得分', rateScore, b.score, s.precision, 'SCORE_MISMATCH');
        f.why = () => rateWhy(inputs, p, { weight: rw, rate: r });
        fields.push(f);
      }
    }
    rateScoreEffective = b.score ? effectiveScore(t, rateScore, b.score, s.precision) : rateScore === null ? null : round(rateScore, s.precision);
  }

  // One pass over the rows: each row's evaluation, and the weight and score totals as sum() adds them
  // (in row order, the 执行率 row first). A total is known only where every part of it is (SPEC §4).
  const indicators: IndicatorEval[] = [];
  let weightSum = rw !== null ? clean(rw) : 0;
  let scoreSum = rateScoreEffective !== null ? clean(rateScoreEffective) : 0;
  let weightsKnown = b !== null && !isInvalid(b.weight);
  let scoresKnown = b !== null && (rw === null || rw === 0 || rateScoreEffective !== null);
  for (const ind of t.indicators) {
    const isCost = isCostIndicator(ind.level1, ind.level2);
    const cells = t.sheet.rows[ind.row];
    const target = targetOf(cells, ind, isCost);
    const actual = actualOf(cells, ind, target, isCost);
    const weight = weightOf(ind.weight, s);
    const computed = weight !== null ? indicatorScore(weight, target, actual, s.reverseScoring) : null;
    const effective = effectiveScore(t, computed, ind.score, s.precision);
    if (computed !== null && ind.score) {
      const f = field(t, ind.score, 'score', scoreLabel(ind.level3 || ind.level2), computed, ind.score, s.precision, 'SCORE_MISMATCH');
      const w = weight as number;
      f.why = () => {
        const why: Why = { rule: '' };
        indicatorScore(w, target, actual, s.reverseScoring, why);
        return why;
      };
      fields.push(f);
    }
    indicators.push({ ind, target, actual, isCost, weight, computed, effective });
    if (weight !== null) weightSum = clean(weightSum + weight);
    if (effective !== null) scoreSum = clean(scoreSum + effective);
    if (isInvalid(ind.weight)) weightsKnown = false;
    if (effective === null && (weight === null ? ind.score !== null && !isBlank(ind.score) : weight !== 0)) scoresKnown = false;
  }
  // The profile's cap by 执行率 (SPEC §8): the total written never exceeds it.
  const uncapped = scoreSum;
  const cap = totalCapOf(rate, p);
  const capUnknown = p.totalCaps.length > 0 && rate === null;
  if (cap && scoreSum > cap.cap) scoreSum = cap.cap;
  const totalShown = round(scoreSum, s.precision);
  const grade = gradeOf(totalShown, s.gradeBands, p.grades.labels);
  const weightsRight = weightsKnown && weightSum === s.totalWeight;
  // Written only when certain: the weights add up to the full score, every score is known, the
  // total does not exceed the full score, and the cap (if the profile has one) is known (SPEC §4, §8).
  const totalCertain = weightsRight && scoresKnown && totalShown <= s.totalWeight && !capUnknown;
  if (t.total && b) {
    const tot = t.total;
    if (tot.weightCol !== null && weightsRight) {
      // A 分值合计 typed as a percentage (100%) is compared and written as one.
      const cell = tot.weight ? cellOf(t, tot.weight.row, tot.weight.col) : undefined;
      const asPercent = (tot.weight !== null && tot.weight.parse.kind === 'number' && tot.weight.parse.percent) || !!cell?.fmt?.includes('%');
      const exact = asPercent ? div(weightSum, s.totalWeight) : weightSum;
      const f = field(t, tot.weight ?? { row: tot.row, col: tot.weightCol }, asPercent ? 'rate' : 'score', '分值合计', exact, tot.weight, asPercent ? 4 : s.precision, 'TOTAL_MISMATCH', asPercent ? 'fraction' : undefined);
      f.why = () => {
        const w = weightParts(rw, indicators);
        return asPercent ? { arithmetic: `(${w}) ÷ ${n(s.totalWeight)}`, rule: `分值合计 = 各项分值之和 ÷ 满分 ${n(s.totalWeight)}` } : { arithmetic: w, rule: '分值合计 = 执行率与各项指标分值之和' };
      };
      fields.push(f);
    }
    if (tot.scoreCol !== null && weightsKnown && scoresKnown) {
      // At the stated cell: the top-left cell of a merged area the column runs into.
      const capped = cap !== null && uncapped > cap.cap;
      const f = field(t, tot.score ?? { row: tot.row, col: tot.scoreCol }, 'score', capped ? '总得分（按执行率封顶）' : '总得分', scoreSum, tot.score, s.precision, capped ? 'TOTAL_ABOVE_CAP' : 'TOTAL_MISMATCH');
      const rs = rateScoreEffective;
      f.why = () => sumWhy(rs, indicators, capped ? cap : null, rate, p);
      if (capUnknown) f.withheld = `${p.name}规则按执行率封顶总分，但执行率无法计算，请先核对预算执行数据`;
      else if (!weightsRight) f.withheld = `各项分值合计为 ${fmtNum(weightSum)}，不等于满分 ${fmtNum(s.totalWeight)}，请先核对分值`;
      else if (!totalCertain) f.withheld = `得分合计超过满分 ${fmtNum(s.totalWeight)}，请先核对各项得分`;
      fields.push(f);
    }
    if (tot.grade && totalCertain) {
      const f = field(t, tot.grade, 'grade', '自评等级', grade, null, 0, 'GRADE_MISMATCH');
      f.why = () => gradeWhy(totalShown, s.gradeBands, p);
      fields.push(f);
    }
  }
  return {
    table: t,
    fields,
    selfEval: { table: t, rate, rateBase, rateWeight: rw, rateScore, rateScoreEffective, indicators, weightSum, scoreSum, cap, weightsKnown, scoresKnown, totalCertain, grade },
  };
}

/** `10 + 20 + 15`: the weights a 分值合计 adds, in row order. */
function weightParts(rw: number | null, indicators: readonly IndicatorEval[]): string {
  const parts: string[] = rw !== null ? [n(rw)] : [];
  for (const i of indicators) if (i.weight !== null) parts.push(n(i.weight));
  return parts.length ? parts.join(' + ') : '0';
}

function isBlank(f: NumField): boolean {
  return f.parse.kind === 'blank';
}

function ratio(a: number | null, b: number | null): number | null {
  return a !== null && b !== null && b !== 0 ? div(a, b) : null;
}

export function evaluateBasicData(t: BasicDataTable): TableEval {
  const fields: ComputedField[] = [];
  const st = t.staff;
  if (st && st.rate) {
    const r = ratio(num(st.actual), num(st.quota));
    if (r !== null) fields.push(divided(field(t, st.rate, 'rate', '控制率', r, st.rate, 4, 'RATE_MISMATCH', st.rateStyle), num(st.actual)!, num(st.quota)!, '控制率 = 实际在职人数 ÷ 编制数'));
  }
  for (const b of t.buildings) {
    const size = ratio(num(b.actualSize), num(b.approvedSize));
    if (size !== null && b.sizeRate) fields.push(divided(field(t, b.sizeRate, 'rate', '规模控制率', size, b.sizeRate, 4, 'RATE_MISMATCH', b.sizeRateStyle), num(b.actualSize)!, num(b.approvedSize)!, '规模控制率 = 实际规模 ÷ 批复规模'));
    const inv = ratio(num(b.actualInvest), num(b.budgetInvest));
    if (inv !== null && b.investRate) fields.push(divided(field(t, b.investRate, 'rate', '投资概算控制率', inv, b.investRate, 4, 'RATE_MISMATCH', b.investRateStyle), num(b.actualInvest)!, num(b.budgetInvest)!, '投资概算控制率 = 实际投资 ÷ 预算投资'));
  }
  return { table: t, fields };
}

export function evaluateExecution(t: ExecutionTable): TableEval {
  const fields: ComputedField[] = [];
  for (const r of t.rows) {
    const initial = num(r.initial);
    const used = num(r.used);
    const label = `「${r.name}」`;
    if (initial !== null && used !== null && r.remaining) {
      const f = field(t, r.remaining, 'amount', `${label}剩余指标`, sub(initial, used), r.remaining, 2, 'SUBTOTAL_MISMATCH');
      f.why = () => ({ arithmetic: `${n(initial)} − ${n(used)}`, rule: '剩余指标 = 年初预算指标 − 已用指标' });
      fields.push(f);
    }
    const rate = ratio(used, initial);
    if (rate !== null && r.rate) fields.push(divided(field(t, r.rate, 'rate', `${label}预算执行率`, rate, r.rate, 4, 'RATE_MISMATCH', t.rateStyle), used!, initial!, '预算执行率 = 已用指标 ÷ 年初预算指标'));
  }
  return { table: t, fields };
}

/** A rate field explained as one figure divided by another. */
function divided(f: ComputedField, top: number, bottom: number, rule: string): ComputedField {
  f.why = () => ({ arithmetic: `${n(top)} ÷ ${n(bottom)}`, rule });
  return f;
}

/** The total each project's self-evaluation table holds, as recalculation writes it; null where it is not certain or the name is ambiguous. */
export type ProjectTotals = Map<string, number | null>;

export function projectTotals(evals: readonly TableEval[], s: Settings): ProjectTotals {
  const out: ProjectTotals = new Map();
  for (const e of evals) {
    const se = e.selfEval;
    if (!se || se.table.kind !== 'project-self-eval' || !se.table.name) continue;
    const k = projectKey(se.table.name);
    if (!k) continue;
    const total = se.totalCertain && se.table.total ? round(se.scoreSum, s.precision) : null;
    out.set(k, out.has(k) ? null : total);
  }
  return out;
}

export function evaluateSummary(t: SummaryTable, s: Settings, totals: ProjectTotals = new Map()): TableEval {
  const fields: ComputedField[] = [];
  for (const r of t.rows) {
    const base = isInvalid(r.annual) ? null : num(r.annual) ?? num(r.initial);
    const rate = ratio(num(r.executed), base);
    const label = `「${r.name}」`;
    const baseName = num(r.annual) !== null ? '全年预算数' : '年初预算数';
    if (rate !== null && r.rate) fields.push(divided(field(t, r.rate, 'rate', `${label}预算执行率`, rate, r.rate, 4, 'RATE_MISMATCH', t.rateStyle), num(r.executed)!, base!, `执行率 = 全年执行数 ÷ ${baseName}`));
    if (r.isSubtotal) continue;
    // A project with its own table in the workbook: its 得分 is that table's total (SPEC §4, sync).
    const synced = totals.get(projectKey(r.name)) ?? null;
    if (synced !== null && r.score) {
      const f = field(t, r.score, 'score', `${label}得分`, synced, r.score, s.precision, 'CROSS_SHEET_MISMATCH');
      f.sync = true;
      f.why = () => ({ arithmetic: n(synced), rule: `取自本工作簿中「${r.name}」自评表的总得分` });
      fields.push(f);
    }
    const score = synced ?? num(r.score);
    if (score !== null && r.grade && (!r.grade.text || normaliseGrade(r.grade.text) !== null)) {
      const shownScore = round(score, s.precision);
      const p = profileOf(s);
      const g = field(t, { row: r.row, col: r.grade.col }, 'grade', `${label}自评结论`, gradeOf(shownScore, s.gradeBands, p.grades.labels), null, 0, 'GRADE_MISMATCH');
      g.why = () => gradeWhy(shownScore, s.gradeBands, p);
      if (synced !== null) g.sync = true;
      fields.push(g);
    }
  }
  return { table: t, fields };
}

/** Every table evaluated: self-evaluation tables first, as summary rows take their totals. */
export function evaluateAll(tables: readonly Table[], s: Settings): TableEval[] {
  const evals: (TableEval | undefined)[] = tables.map((t) => (t.kind === 'project-summary' ? undefined : evaluate(t, s)));
  const totals = tables.some((t) => t.kind === 'project-summary') ? projectTotals(evals.filter((e): e is TableEval => e !== undefined), s) : new Map();
  return tables.map((t, i) => evals[i] ?? evaluateSummary(t as SummaryTable, s, totals));
}

export function evaluate(t: Table, s: Settings): TableEval {
  switch (t.kind) {
    case 'project-self-eval':
    case 'dept-self-eval':
      return evaluateSelfEval(t, s);
    case 'basic-data':
      return evaluateBasicData(t);
    case 'budget-execution':
      return evaluateExecution(t);
    case 'project-summary':
      return evaluateSummary(t, s);
  }
}

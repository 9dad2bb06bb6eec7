// Evaluates every table: what §4 computes for each cell, and the analysis the rules read.
import { cellKey } from '../grid/sheet';
import type { Cell } from '../grid/types';
import { parseIndicatorCell, type IndicatorValue } from '../parse/indicator';
import type { Settings } from '../settings';
import type {
  BasicDataTable,
  ExecutionTable,
  IndicatorRow,
  Level1Group,
  NumField,
  SelfEvalTable,
  SummaryTable,
  Table,
} from '../tables/model';
import type { ComputedField } from './computed';
import { clean, div, round, sub } from './decimal';
import { gradeOf } from './grade';
import { indicatorScore } from './indicator-score';

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
  rateScore: number | null;
  rateScoreEffective: number | null;
  indicators: IndicatorEval[];
  weightSum: number;
  scoreSum: number;
  /** False when a weight (or a score §4 does not compute) is not a number: the totals are unknown, never summed as 0. */
  weightsKnown: boolean;
  scoresKnown: boolean;
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

/** A cell's text for the indicator parser; a %-formatted number reads as percent text. */
export function indicatorInput(cell: Cell | undefined): unknown {
  if (!cell) return null;
  if (typeof cell.v === 'number' && cell.fmt && cell.fmt.includes('%')) return `${clean(cell.v * 100)}%`;
  return cell.v;
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
  return { table: t, row: at.row, col: at.col, kind, label, exact, cell: cellOf(t, at.row, at.col), stated, decimals, mismatch, rateStyle };
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
 * The evaluations of an earlier analysis of the same workbook (same settings) before some cells were
 * written: a row whose indicator (same object: same cells for its numbers) and whose 年度指标值 and
 * 实际完成值 cells did not change evaluates as before, so its evaluation is reused, and so is its
 * computed score field where the score cell is the same. Such a field names the earlier table, which
 * has the same sheet name: for the rules' findings only (recalc's analysis of its copy), never for
 * evaluations anyone else reads.
 */
export interface EvalReuse {
  /** The earlier self-evaluation evaluations, by their table's level1Groups array. */
  prev: Map<Level1Group[], TableEval>;
  /** The cells written (see cellKey) and the rows they are on, by sheet index; a sheet without writes is absent. */
  changed: Map<number, { cells: Set<number>; rows: { has(r: number): boolean } }>;
}

export function evaluateSelfEval(t: SelfEvalTable, s: Settings, reuse?: EvalReuse): TableEval {
  const fields: ComputedField[] = [];
  const b = t.budget;
  let rate: number | null = null;
  let rateBase: NumField | null = null;
  let rateScore: number | null = null;
  let rateScoreEffective: number | null = null;
  if (b) {
    const annual = num(b.annual);
    const initial = num(b.initial);
    // Only a blank 全年预算数 falls back to 年初预算数; one that is not a number leaves the rate unknown.
    rateBase = annual !== null ? b.annual : initial !== null && !isInvalid(b.annual) ? b.initial : null;
    const base = num(rateBase);
    const executed = num(b.executed);
    if (base !== null && base !== 0 && executed !== null) rate = div(executed, base);
    if (rate !== null && b.rate) fields.push(field(t, b.rate, 'rate', '执行率', rate, b.rate, 4, 'RATE_MISMATCH', b.rateStyle));
    const w = num(b.weight);
    if (rate !== null && w !== null && b.score) {
      rateScore = clean(w * Math.min(rate, 1));
      fields.push(field(t, b.score, 'score', '执行率得分', rateScore, b.score, s.precision, 'SCORE_MISMATCH'));
    }
    rateScoreEffective = effectiveScore(t, rateScore, b.score, s.precision);
  }

  // One pass over the rows: each row's evaluation, and the weight and score totals as sum() adds them
  // (in row order, the 执行率 row first).
  const rows = t.indicators;
  const indicators: IndicatorEval[] = [];
  const bw = num(b?.weight);
  let weightSum = bw !== null ? clean(bw) : 0;
  let scoreSum = rateScoreEffective !== null ? clean(rateScoreEffective) : 0;
  let weightsKnown = !isInvalid(b?.weight);
  let scoresKnown = !(rateScore === null && isInvalid(b?.score));
  const prevEval = reuse?.prev.get(t.level1Groups);
  const prev = prevEval?.selfEval;
  const changed = reuse?.changed.get(t.sheetIndex);
  let pf = 0; // the earlier fields, looked through in order
  for (let k = 0; k < rows.length; k++) {
    const ind = rows[k];
    const old = prev?.indicators[k];
    let ie: IndicatorEval;
    if (
      old &&
      old.ind === ind &&
      (!changed || !changed.rows.has(ind.row) || (!changed.cells.has(cellKey(ind.row, ind.targetCol)) && !changed.cells.has(cellKey(ind.row, ind.actualCol))))
    ) {
      ie = old;
    } else {
      const isCost = ind.level1.includes('成本') || ind.level2.includes('成本');
      const cells = t.sheet.rows[ind.row];
      const target = parseIndicatorCell(cells ? cells[ind.targetCol] : undefined, isCost);
      const actual = parseIndicatorCell(cells ? cells[ind.actualCol] : undefined, isCost);
      const weight = num(ind.weight);
      const computed = weight !== null ? indicatorScore(weight, target, actual, s.reverseScoring) : null;
      ie = { ind, target, actual, isCost, weight, computed, effective: effectiveScore(t, computed, ind.score, s.precision) };
    }
    const { weight, computed, effective } = ie;
    if (computed !== null && ind.score) {
      let f: ComputedField | undefined;
      if (ie === old && prevEval) {
        const earlier = prevEval.fields;
        while (pf < earlier.length && earlier[pf].stated !== ind.score) pf++;
        const e = earlier[pf];
        if (e && e.cell === cellOf(t, e.row, e.col)) f = e;
      }
      fields.push(f ?? field(t, ind.score, 'score', scoreLabel(ind.level3 || ind.level2), computed, ind.score, s.precision, 'SCORE_MISMATCH'));
    }
    indicators.push(ie);
    if (weight !== null) weightSum = clean(weightSum + weight);
    if (effective !== null) scoreSum = clean(scoreSum + effective);
    if (isInvalid(ind.weight)) weightsKnown = false;
    if (computed === null && isInvalid(ind.score)) scoresKnown = false;
  }
  const totalShown = round(scoreSum, s.precision);
  const grade = gradeOf(totalShown, s.gradeBands);
  if (t.total) {
    const tot = t.total;
    if (tot.weightCol !== null && weightsKnown) fields.push(field(t, { row: tot.row, col: tot.weightCol }, 'score', '分值合计', weightSum, tot.weight, s.precision, 'TOTAL_MISMATCH'));
    if (tot.scoreCol !== null && scoresKnown) fields.push(field(t, { row: tot.row, col: tot.scoreCol }, 'score', '总得分', scoreSum, tot.score, s.precision, 'TOTAL_MISMATCH'));
    if (tot.grade && scoresKnown) fields.push(field(t, tot.grade, 'grade', '自评等级', grade, null, 0, 'GRADE_MISMATCH'));
  }
  return {
    table: t,
    fields,
    selfEval: { table: t, rate, rateBase, rateScore, rateScoreEffective, indicators, weightSum, scoreSum, weightsKnown, scoresKnown, grade },
  };
}

function ratio(a: number | null, b: number | null): number | null {
  return a !== null && b !== null && b !== 0 ? div(a, b) : null;
}

export function evaluateBasicData(t: BasicDataTable): TableEval {
  const fields: ComputedField[] = [];
  const st = t.staff;
  if (st && st.rate) {
    const r = ratio(num(st.actual), num(st.quota));
    if (r !== null) fields.push(field(t, st.rate, 'rate', '控制率', r, st.rate, 4, 'RATE_MISMATCH', st.rateStyle));
  }
  for (const b of t.buildings) {
    const size = ratio(num(b.actualSize), num(b.approvedSize));
    if (size !== null && b.sizeRate) fields.push(field(t, b.sizeRate, 'rate', '规模控制率', size, b.sizeRate, 4, 'RATE_MISMATCH', b.sizeRateStyle));
    const inv = ratio(num(b.actualInvest), num(b.budgetInvest));
    if (inv !== null && b.investRate) fields.push(field(t, b.investRate, 'rate', '投资概算控制率', inv, b.investRate, 4, 'RATE_MISMATCH', b.investRateStyle));
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
      fields.push(field(t, r.remaining, 'amount', `${label}剩余指标`, sub(initial, used), r.remaining, 2, 'SUBTOTAL_MISMATCH'));
    }
    const rate = ratio(used, initial);
    if (rate !== null && r.rate) fields.push(field(t, r.rate, 'rate', `${label}预算执行率`, rate, r.rate, 4, 'RATE_MISMATCH', t.rateStyle));
  }
  return { table: t, fields };
}

export function evaluateSummary(t: SummaryTable, s: Settings): TableEval {
  const fields: ComputedField[] = [];
  for (const r of t.rows) {
    const base = isInvalid(r.annual) ? null : num(r.annual) ?? num(r.initial);
    const rate = ratio(num(r.executed), base);
    const label = `「${r.name}」`;
    if (rate !== null && r.rate) fields.push(field(t, r.rate, 'rate', `${label}预算执行率`, rate, r.rate, 4, 'RATE_MISMATCH', t.rateStyle));
    const score = num(r.score);
    if (score !== null && r.grade && !r.isSubtotal) {
      fields.push(field(t, { row: r.row, col: r.grade.col }, 'grade', `${label}自评结论`, gradeOf(score, s.gradeBands), null, 0, 'GRADE_MISMATCH'));
    }
  }
  return { table: t, fields };
}

export function evaluate(t: Table, s: Settings, reuse?: EvalReuse): TableEval {
  switch (t.kind) {
    case 'project-self-eval':
    case 'dept-self-eval':
      return evaluateSelfEval(t, s, reuse);
    case 'basic-data':
      return evaluateBasicData(t);
    case 'budget-execution':
      return evaluateExecution(t);
    case 'project-summary':
      return evaluateSummary(t, s);
  }
}

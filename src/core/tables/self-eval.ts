// §1.1, §1.2: 项目支出 and 部门整体支出 self-evaluation tables: a budget block above an indicator block,
// either of which may be missing (the table is then read in part and TABLE_INCOMPLETE says so).
import { normaliseGrade } from '../compute/grade';
import { labelledFigure } from '../parse/number';
import { compact, halfWidth, isPlaceholder, tidy } from '../parse/text';
import { FOOTER, FOOTER_LABELS, GRADE_LABEL } from '../vocabulary';
import type { IndicatorRow, IndicatorSubtotal, Level1Group, NumField, SelfEvalTable } from './model';
import type { Captions } from './captions';
import { SCORED_ROW, TOTAL_LABEL, moneyUnitFrom, rateStyleOf, unitStated, unitStatedInto } from './fields';
import { numField } from './num-fields';
import { scanSelfEval, type BudgetHeader, type IndicatorCols, type IndicatorHeader } from './self-eval-headers';
import { HINT, hintsOf, type SheetView } from './sheet-view';

/** The HINT characters each kind of label is pre-checked by (every synonym has one: see its test). */
// A footer's first character (填表人, 单位负责人, 说明…): every one is a HINT character.
const FOOTER_FIRST = [...new Set(FOOTER_LABELS.map((l) => l[0]))].join('');
export const LABEL_HINTS = { total: HINT.总 | HINT.合, footer: hintsOf(FOOTER_FIRST), titleOrName: HINT.评 | HINT.称, goals: HINT.目 };
const FOOTER_HINT = new RegExp(`[${FOOTER_FIRST}]`);
const ANNOTATED = /[(（].*$/;
const DECLARED_WEIGHT = /[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/;
const TITLE = /自评表|自评情况表/;
const NAME_LABEL = /名称$/;
/** A total standing above the indicators, the cell after its label (`自评得分（满分100分）`). */
const TOTAL_ABOVE = /^(自评得分|总得分|自评总分|综合得分|自评总得分)$/;
/** A subtotal row's label: 小计, 产出指标小计… */
const SUBTOTAL_ROW = /^.{0,8}小计$/;
/** A grade row's label, short: 自评等级, 评价结论… */
const GRADE_ROW = /^(自评|评价|绩效)?(等级|结论)$/;

export function findSelfEvalTables(view: SheetView, captions?: Captions): SelfEvalTable[] {
  const { indicatorHeaders, budgetHeaders } = scanSelfEval(view, captions);
  const tables: SelfEvalTable[] = [];
  const used = new Set<BudgetHeader>();
  let floor = 0;
  for (let i = 0; i < indicatorHeaders.length; i++) {
    const ih = indicatorHeaders[i];
    const nextHeader = i + 1 < indicatorHeaders.length ? indicatorHeaders[i + 1].row : view.rowCount;
    // The last budget header above the indicator header (and below the previous table).
    let budget: BudgetHeader | null = null;
    for (const b of budgetHeaders) if (b.row >= floor && b.row < ih.row) budget = b;
    if (budget) used.add(budget);
    // The next table's budget block (if any) bounds this indicator block.
    let limit = nextHeader;
    for (const b of budgetHeaders) {
      if (b.row > ih.row && b.row < nextHeader) {
        limit = b.row;
        break;
      }
    }
    const t = readTable(view, floor, budget, ih, limit);
    tables.push(t);
    floor = t.range.r1 + 1;
  }
  // A titled budget block without an indicator block below it: read in part.
  for (const b of budgetHeaders) {
    if (used.has(b)) continue;
    const stop = nextHeaderRow(b.row, indicatorHeaders, budgetHeaders, view.rowCount);
    const above = tables.filter((t) => t.range.r1 < b.row).reduce((m, t) => Math.max(m, t.range.r1 + 1), 0);
    if (tables.some((t) => t.range.r0 <= b.row && b.row <= t.range.r1)) continue;
    if (!findTitleAndName(view, above, b.row).title) continue;
    tables.push(readTable(view, above, b, null, stop));
  }
  return tables.sort((a, b) => a.range.r0 - b.range.r0);
}

function nextHeaderRow(row: number, a: { row: number }[], b: { row: number }[], end: number): number {
  let next = end;
  for (const h of [...a, ...b]) if (h.row > row && h.row < next) next = h.row;
  return next;
}

function readTable(view: SheetView, floor: number, budgetHeader: BudgetHeader | null, ih: IndicatorHeader | null, limit: number): SelfEvalTable {
  const top = budgetHeader ? budgetHeader.row : (ih as IndicatorHeader).row;
  const head = findTitleAndName(view, floor, top);
  const budgetStop = ih ? ih.row : limit;
  const budget = budgetHeader ? readBudget(view, budgetHeader, budgetStop) : null;
  const ind = ih ? readIndicators(view, ih, limit) : null;
  const totalRow = ind?.totalRow ?? null;
  let end = Math.max(ind ? ind.end : top, budget ? budget.end : top);
  let total = totalRow === null || !ih ? null : readTotal(view, totalRow, ih.h, end);
  if (ih && (!total || total.scoreCol === null)) total = findTotalAbove(view, head.top, ih.row, budgetHeader) ?? total;
  // The 自评等级 / 评价结论 row under the 总分 row belongs to the table, whatever its cell holds.
  if (totalRow !== null && totalRow + 1 < limit && rowHasKey(view, totalRow + 1, GRADE_ROW)) end = Math.max(end, totalRow + 1);
  if (total?.grade) end = Math.max(end, total.grade.row);
  const goalsFrom = budgetHeader ? budgetHeader.bottom + 1 : top;
  const goals = ih ? readGoals(view, goalsFrom, ih.row) : { expected: '', actual: '' };

  // The money unit the title and the cells down to the indicator header state (text cells only: the
  // text of a number never says 万元 or 元).
  const said = unitStated(head.title);
  for (let r = head.top; r <= (ih ? ih.bottom : budgetStop - 1) && said.wan === false; r++) {
    const n = view.filledCount(r);
    for (let i = 0; i < n; i++) {
      const v = view.str(r, view.filledCol(r, i));
      if (v !== undefined) unitStatedInto(v, said);
    }
  }
  const amounts: number[] = [];
  if (budget) for (const f of [budget.block.initial, budget.block.annual, budget.block.executed]) if (f && f.parse.kind === 'number') amounts.push(f.parse.value);
  const dept = /整体支出/.test(head.title) || (/部门|单位/.test(head.nameLabel) && !/项目/.test(head.nameLabel));
  let c0 = Infinity;
  let c1 = 0;
  for (let r = head.top; r <= end; r++) {
    const n = view.filledCount(r);
    if (n) {
      c0 = Math.min(c0, view.filledCol(r, 0));
      // A merged cell of the table's body spans the columns it covers (a title merged across the
      // whole sheet does not widen the table).
      const last = view.filledCol(r, n - 1);
      const area = r >= top ? view.merges.areaOf(r, last) : null;
      c1 = Math.max(c1, area ? area.c1 : last);
    }
  }
  const firstHeader = budgetHeader ?? (ih as IndicatorHeader);
  const h = ih?.h;
  return {
    kind: dept ? 'dept-self-eval' : 'project-self-eval',
    sheet: view.sheet,
    sheetIndex: view.index,
    range: { r0: head.top, c0: Number.isFinite(c0) ? c0 : 0, r1: end, c1 },
    title: head.title || (dept ? '部门（单位）整体支出绩效自评表' : '项目支出绩效自评表'),
    moneyUnit: moneyUnitFrom(said, amounts),
    name: head.name,
    budget: budget ? budget.block : null,
    goals,
    missingBlock: !budget ? 'budget' : !ih ? 'indicators' : null,
    headerCell: { row: firstHeader.row, col: Math.max(0, view.firstFilled(firstHeader.row)) },
    indicatorHeaderRow: ih ? ih.row : -1,
    indicators: ind ? ind.indicators : [],
    subtotals: ind ? ind.subtotals : [],
    level1Groups: ind ? ind.groups : [],
    total,
    weightHeader: h && h.weight !== undefined ? { row: ih.row, col: h.weight } : null,
  };
}

interface TitleAndName {
  title: string;
  name: string;
  nameLabel: string;
  top: number;
}

/** Title (a cell saying 自评表) and the project/department name, between `floor` and the first header. */
function findTitleAndName(view: SheetView, floor: number, top: number): TitleAndName {
  let title = '';
  let titleRow = -1;
  let name = '';
  let nameLabel = '';
  let nameRow = -1;
  for (let r = top - 1; r >= floor && r >= top - 8; r--) {
    // A title has 评 (自评表), a name label 称 (名称).
    if (!view.mentions(r, LABEL_HINTS.titleOrName)) continue;
    const n = view.filledCount(r);
    for (let i = 0; i < n; i++) {
      const c = view.filledCol(r, i);
      const key = view.key(r, c);
      if (!title && TITLE.test(key)) {
        title = view.text(r, c).replace(/\s+/g, '');
        titleRow = r;
      } else if (!nameLabel && NAME_LABEL.test(key) && key.length <= 14) {
        nameLabel = key;
        nameRow = r;
        const vc = view.nextFilled(r, c);
        if (vc !== null) name = tidy(view.text(r, vc)).replace(/[(（]盖章[)）]$/, '');
      }
    }
    if (title) break;
  }
  let first = top;
  if (titleRow >= 0 && titleRow < first) first = titleRow;
  if (nameRow >= 0 && nameRow < first) first = nameRow;
  return { title, name, nameLabel, top: first };
}

/** An indicator block as read: its rows, 一级 groups, 总分 row and last row. */
interface IndicatorBlock {
  indicators: IndicatorRow[];
  subtotals: IndicatorSubtotal[];
  groups: Level1Group[];
  totalRow: number | null;
  end: number;
}

/** Where a 总分 label may stand: left of the target columns (else of the first data column + 1). */
function totalBeforeOf(h: IndicatorCols): number {
  const targets = [h.target, h.adjusted, h.nature].filter((c): c is number => c !== undefined);
  if (targets.length) return Math.min(...targets);
  let firstDataCol = Infinity;
  for (const c of [h.l1, h.l2, h.l3]) if (c !== undefined && c < firstDataCol) firstDataCol = c;
  return firstDataCol + 1;
}

function isFooterRow(view: SheetView, r: number): boolean {
  // An exact pre-check, as compact() keeps a footer's first character (and a number's text has none).
  if (!view.mentions(r, LABEL_HINTS.footer)) return false;
  const first = view.text(r, view.firstFilled(r));
  return FOOTER_HINT.test(first) && FOOTER.test(compact(first));
}

function ownText(view: SheetView, r: number, col: number | undefined): string {
  return col === undefined ? '' : view.text(r, col).trim();
}

function filledAt(view: SheetView, r: number, col: number | undefined): boolean {
  if (col === undefined) return false;
  const v = view.cell(r, col)?.v;
  return v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');
}

/** Whether an adjusted target (山西 调整后指标值) is stated: filled, and not a placeholder such as `/`. */
function adjustedAt(view: SheetView, r: number, col: number): boolean {
  return filledAt(view, r, col) && !isPlaceholder(view.cell(r, col)?.v);
}

function readIndicators(view: SheetView, ih: IndicatorHeader, limit: number): IndicatorBlock {
  const h = ih.h;
  const indicators: IndicatorRow[] = [];
  const subtotals: IndicatorSubtotal[] = [];
  const groups: Level1Group[] = [];
  // Normalised forms of the 一级 and 二级 texts, computed when they change rather than on every row.
  let level1 = '';
  let level2 = '';
  let totalRow: number | null = null;
  let end = ih.bottom;
  let blanks = 0;
  const totalBefore = totalBeforeOf(h);
  const l3Col = h.l3 as number;
  const valueCol = (h.target ?? h.adjusted) as number;
  const actualCol = h.actual ?? valueCol + 1;
  for (let r = ih.bottom + 1; r < limit; r++) {
    if (isTotalRow(view, r, totalBefore)) {
      totalRow = r;
      end = r;
      break;
    }
    if (view.isBlankRow(r)) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    if (isFooterRow(view, r)) break;
    if (isSubtotalRow(view, r, totalBefore)) {
      const first = subtotals.length ? subtotals[subtotals.length - 1].end : 0;
      subtotals.push({ row: r, weight: numField(view, r, h.weight, '分值小计'), score: numField(view, r, h.score, '得分小计'), first, end: indicators.length });
      end = r;
      continue;
    }
    const own1 = ownText(view, r, h.l1);
    // A 一级 repeated on every row (not merged) continues its group.
    if (own1 && compact(own1).replace(ANNOTATED, '') !== level1) {
      level1 = compact(own1).replace(ANNOTATED, '');
      level2 = '';
      const decl = DECLARED_WEIGHT.exec(halfWidth(own1));
      groups.push({ name: level1, row: r, col: h.l1 as number, declared: decl ? Number(decl[1]) : null });
    }
    const own2 = ownText(view, r, h.l2);
    if (own2) level2 = compact(own2);
    const l3 = view.text(r, l3Col).trim();
    const weight = numField(view, r, h.weight, '分值');
    // 山西: the adjusted target counts where it is filled.
    const targetCol = h.adjusted !== undefined && (h.target === undefined || adjustedAt(view, r, h.adjusted)) ? h.adjusted : valueCol;
    const hasTarget = filledAt(view, r, targetCol) || filledAt(view, r, h.nature);
    const hasWeight = weight !== null && weight.parse.kind !== 'blank';
    if (!l3 && !hasTarget && !hasWeight) continue;
    end = r;
    indicators.push({
      row: r,
      level1,
      level2,
      level3: l3,
      level3Col: l3Col,
      targetCol,
      targetNatureCol: h.nature ?? null,
      targetUnitCol: h.targetUnit ?? null,
      actualCol,
      actualUnitCol: h.actualUnit ?? null,
      weight,
      score: numField(view, r, h.score, '得分'),
      reasonCol: h.reason ?? null,
      group: Math.max(0, groups.length - 1),
    });
  }
  if (groups.length === 0 && indicators.length) groups.push({ name: '', row: indicators[0].row, col: h.l1 ?? h.l3 ?? 0, declared: null });
  return { indicators, subtotals, groups, totalRow, end };
}

/** A 小计 row of the indicator block: its label stands left of the target columns. */
function isSubtotalRow(view: SheetView, r: number, beforeCol: number): boolean {
  const n = view.filledCount(r);
  for (let i = 0; i < n; i++) {
    const c = view.filledCol(r, i);
    if (c >= beforeCol) break;
    const v = view.str(r, c);
    if (v !== undefined && v.indexOf('小') >= 0 && SUBTOTAL_ROW.test(view.key(r, c))) return true;
  }
  return false;
}

function isTotalRow(view: SheetView, r: number, beforeCol: number): boolean {
  // Every TOTAL_LABEL has 总 or 合, which normalising the text keeps.
  if (!view.mentions(r, LABEL_HINTS.total)) return false;
  const n = view.filledCount(r);
  for (let i = 0; i < n; i++) {
    const c = view.filledCol(r, i);
    if (c >= beforeCol) break;
    const v = view.str(r, c);
    if (v !== undefined && (v.indexOf('总') >= 0 || v.indexOf('合') >= 0) && TOTAL_LABEL.test(view.key(r, c))) return true;
  }
  return false;
}

type Total = NonNullable<SelfEvalTable['total']>;
type Grade = Total['grade'];

/**
 * The grade cell a label names: the cell after it, when it holds a grade or nothing (SPEC §1.2: any
 * other text, such as an instruction, makes it an input, not a grade cell); undefined when it is not.
 */
function gradeAfterLabel(view: SheetView, r: number, c: number): Grade | undefined {
  const vc = view.nextFilled(r, c);
  const area = view.merges.areaOf(r, c);
  if (vc === null) {
    // A blank grade cell: the cell after the label, or the top-left cell of the area it lies in.
    const at = view.merges.masterOf(r, area ? area.c1 + 1 : c + 1);
    return { row: at.row, col: at.col, text: '' };
  }
  const text = compact(view.text(r, vc));
  return normaliseGrade(text) !== null ? { row: r, col: vc, text } : undefined;
}

function readTotal(view: SheetView, row: number, h: IndicatorCols, end: number): Total {
  const weight = numField(view, row, h.weight, '分值合计');
  const score = numField(view, row, h.score, '总得分');
  let grade: Grade = null;
  const scoreCol = h.score ?? h.weight ?? 0;
  search: for (const r of [row, row + 1]) {
    if (r > end + 1) break;
    const n = view.filledCount(r);
    for (let i = 0; i < n; i++) {
      const c = view.filledCol(r, i);
      const key = view.key(r, c);
      if (GRADE_LABEL.test(key) && key.length <= 8) {
        grade = gradeAfterLabel(view, r, c) ?? null;
        break search;
      }
      // A grade standing in the 总分 row without a label of its own.
      if (r === row && c > scoreCol && normaliseGrade(key) !== null) {
        grade = { row: r, col: c, text: key };
        break search;
      }
    }
  }
  return { row, weight, score, weightCol: h.weight ?? null, scoreCol: h.score ?? null, grade };
}

/** A total above the indicators: `自评得分（满分100分）` or `总得分` with the score in the cell after it. */
function findTotalAbove(view: SheetView, from: number, to: number, bh: BudgetHeader | null): Total | null {
  for (let r = from; r < to; r++) {
    if (bh && r >= bh.row && r <= bh.bottom) continue;
    const n = view.filledCount(r);
    for (let i = 0; i < n; i++) {
      const c = view.filledCol(r, i);
      if (view.str(r, c) === undefined || !TOTAL_ABOVE.test(view.key(r, c))) continue;
      const area = view.merges.areaOf(r, c);
      const col = area ? area.c1 + 1 : c + 1;
      const score = numField(view, r, col, '总得分') as NumField;
      if (score.parse.kind === 'invalid') continue;
      let grade: Grade = null;
      for (let j = 0; j < n; j++) {
        const g = view.filledCol(r, j);
        const key = view.key(r, g);
        if (g > col && GRADE_LABEL.test(key) && key.length <= 8) grade = gradeAfterLabel(view, r, g) ?? null;
      }
      return { row: r, weight: null, score, weightCol: null, scoreCol: score.col, grade };
    }
  }
  return null;
}

interface BudgetBlock {
  block: NonNullable<SelfEvalTable['budget']>;
  /** The last row of the block read. */
  end: number;
}

function readBudget(view: SheetView, bh: BudgetHeader, stop: number): BudgetBlock {
  const h = bh.h;
  const first = bh.bottom + 1;
  // The scored row: labelled 年度资金总额 / 资金总额 / 总额 / 合计, else the first with an executed amount.
  let row = -1;
  for (let r = first; r < stop && r <= first + 3; r++) {
    if (view.mentions(r, LABEL_HINTS.total) && rowHasKey(view, r, SCORED_ROW)) {
      row = r;
      break;
    }
  }
  if (row < 0) {
    for (let r = first; r < stop && r <= first + 2; r++) {
      const e = h.executed !== undefined ? view.cell(r, h.executed)?.v : null;
      if (typeof e === 'number') {
        row = r;
        break;
      }
    }
  }
  if (row < 0) row = first;
  const breakdown: { label: string; value: number }[] = [];
  let end = Math.min(row, stop - 1);
  let blanks = 0;
  for (let r = row + 1; r < stop; r++) {
    if (view.mentions(r, LABEL_HINTS.goals) && rowHasKey(view, r, /年度总体目标|预期目标/)) break;
    if (view.isBlankRow(r)) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    end = r;
    const n = view.filledCount(r);
    for (let i = 0; i < n; i++) {
      const v = view.str(r, view.filledCol(r, i));
      if (v === undefined) continue;
      const x = labelledFigure(v);
      if (x !== null) breakdown.push({ label: compact(v).replace(/[:：][^:：]*$/, '').replace(/^其中[:：]/, ''), value: x });
    }
  }
  return {
    end,
    block: {
      headerRow: bh.row,
      row,
      initial: numField(view, row, h.initial, '年初预算数'),
      annual: numField(view, row, h.annual, '全年预算数'),
      executed: numField(view, row, h.executed, '全年执行数'),
      executedOther: h.executedOther !== undefined ? numField(view, row, h.executedOther, '全年执行数（其他）') : null,
      weight: numField(view, row, h.weight, '分值'),
      declaredWeight: h.weight === undefined && h.score !== undefined ? declaredRateWeight(view, bh.row, row) : null,
      rate: numField(view, row, h.rate, '执行率'),
      score: numField(view, row, h.score, '得分'),
      rateStyle: h.rate !== undefined ? rateStyleOf(view, bh.row, h.rate, [row]) : 'fraction',
      breakdown,
    },
  };
}

/** The 执行率 weight a caption of the budget block declares (`预算执行（10分）`), else null. */
function declaredRateWeight(view: SheetView, from: number, to: number): number | null {
  for (let r = from; r <= to; r++) {
    const n = view.filledCount(r);
    for (let i = 0; i < n; i++) {
      const v = view.str(r, view.filledCol(r, i));
      if (v === undefined || !/预算|资金|执行/.test(v)) continue;
      const m = DECLARED_WEIGHT.exec(halfWidth(v));
      if (m) return Number(m[1]);
    }
  }
  return null;
}

/** The first filled column of the row whose key matches. */
function colWithKey(view: SheetView, r: number, re: RegExp): number | undefined {
  const n = view.filledCount(r);
  for (let i = 0; i < n; i++) {
    const c = view.filledCol(r, i);
    if (re.test(view.key(r, c))) return c;
  }
  return undefined;
}

function rowHasKey(view: SheetView, r: number, re: RegExp): boolean {
  return colWithKey(view, r, re) !== undefined;
}

function readGoals(view: SheetView, from: number, to: number): { expected: string; actual: string } {
  for (let r = from; r < to; r++) {
    if (!view.mentions(r, LABEL_HINTS.goals)) continue;
    const ec = colWithKey(view, r, /^预期目标$|^年度目标$/);
    if (ec === undefined) continue;
    const ac = colWithKey(view, r, /^实际完成情况$|^实际完成$/);
    for (let rr = r + 1; rr < to; rr++) {
      if (view.isBlankRow(rr)) continue;
      return {
        expected: view.text(rr, ec).trim(),
        actual: ac === undefined ? '' : view.text(rr, ac).trim(),
      };
    }
  }
  for (let r = from; r < to; r++) {
    if (!view.mentions(r, LABEL_HINTS.goals)) continue;
    const n = view.filledCount(r);
    for (let i = 0; i < n; i++) {
      const c = view.filledCol(r, i);
      if (/^年度总体目标$/.test(view.key(r, c))) {
        const vc = view.nextFilled(r, c);
        if (vc !== null && !/预期目标/.test(view.key(r, vc))) return { expected: view.text(r, vc).trim(), actual: '' };
      }
    }
  }
  return { expected: '', actual: '' };
}

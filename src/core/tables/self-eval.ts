// §1.1: 项目支出 and 部门整体支出 self-evaluation tables: a budget block above an indicator block.
import { cellKey } from '../grid/sheet';
import { parseAmount, labelledFigure } from '../parse/number';
import { compact, halfWidth, tidy } from '../parse/text';
import type { IndicatorRow, Level1Group, NumField, SelfEvalTable } from './model';
import { BUDGET_FIELDS, GRADE_LABEL, INDICATOR_FIELDS, TOTAL_LABEL, moneyUnitFrom, rateStyleOf, unitStated, unitStatedInto } from './fields';
import { HINT, matchHeaderRow, type SheetView } from './sheet-view';

type Fields<T> = Partial<Record<keyof T, number>>;

export function numField(view: SheetView, row: number, col: number | null | undefined, label: string): NumField | null {
  if (col === null || col === undefined) return null;
  // areaOf rather than masterOf: no throw-away object (hot: every numeric field of every table).
  const a = view.merges.areaOf(row, col);
  const r = a ? a.r0 : row;
  const c = a ? a.c0 : col;
  return { row: r, col: c, parse: parseAmount(view.cell(r, c)), label };
}

export function isIndicatorHeader(h: Fields<typeof INDICATOR_FIELDS>): boolean {
  return h.l3 !== undefined && h.target !== undefined && (h.score !== undefined || h.weight !== undefined);
}

export function isBudgetHeader(h: Fields<typeof BUDGET_FIELDS>): boolean {
  return (
    h.name === undefined &&
    h.executed !== undefined &&
    (h.annual !== undefined || h.initial !== undefined) &&
    (h.rate !== undefined || h.score !== undefined || h.weight !== undefined)
  );
}

const FOOTER_HINT = /[填单说]/;
const FOOTER = /^填表人|^单位负责人|^说明[:：]/;
const ANNOTATED = /[(（].*$/;
const DECLARED_WEIGHT = /[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/;
const TITLE = /自评表|自评情况表/;
const NAME_LABEL = /名称$/;

type IndicatorHeader = { row: number; h: Fields<typeof INDICATOR_FIELDS> };
type BudgetHeader = { row: number; h: Fields<typeof BUDGET_FIELDS> };

/** The header rows of a sheet's self-evaluation tables, in row order. */
export interface SelfEvalScan {
  indicatorHeaders: IndicatorHeader[];
  budgetHeaders: BudgetHeader[];
}

/** Whether row r is an indicator header or a budget header: a function of the row's own cells only. */
function scanRow(view: SheetView, r: number, into: SelfEvalScan): void {
  if (view.filledCount(r) < 3) return;
  // Exact pre-checks, as this runs on every row: a header key keeps the CJK characters of its
  // cell's text, so an indicator header has a cell containing 级 (三级指标) and a budget header
  // one containing 执 or 支 (执行数, 支出数).
  if (view.mentions(r, HINT.级)) {
    const ih = matchHeaderRow(view, r, INDICATOR_FIELDS);
    if (isIndicatorHeader(ih)) {
      into.indicatorHeaders.push({ row: r, h: ih });
      return;
    }
  }
  // …and one with 预 or 初 (全年预算数, 年初数).
  if (!view.mentions(r, HINT.执 | HINT.支) || !view.mentions(r, HINT.预 | HINT.初)) return;
  const bh = matchHeaderRow(view, r, BUDGET_FIELDS);
  if (isBudgetHeader(bh)) into.budgetHeaders.push({ row: r, h: bh });
}

export function scanSelfEval(view: SheetView): SelfEvalScan {
  const scan: SelfEvalScan = { indicatorHeaders: [], budgetHeaders: [] };
  for (let r = 0; r < view.rowCount; r++) scanRow(view, r, scan);
  return scan;
}

/**
 * The scan of a sheet after some rows changed: the earlier scan's entries for the other rows (each
 * row's entry depends on that row alone) and the changed rows scanned again.
 */
export function rescanSelfEval(view: SheetView, before: SelfEvalScan, changed: RowSet): SelfEvalScan {
  const fresh: SelfEvalScan = { indicatorHeaders: [], budgetHeaders: [] };
  for (const r of changed.rows) if (r < view.rowCount) scanRow(view, r, fresh);
  const merge = <T extends { row: number }>(old: T[], add: T[]): T[] => {
    const out = old.filter((x) => !changed.has(x.row));
    if (add.length) {
      out.push(...add);
      out.sort((a, b) => a.row - b.row);
    }
    return out;
  };
  return { indicatorHeaders: merge(before.indicatorHeaders, fresh.indicatorHeaders), budgetHeaders: merge(before.budgetHeaders, fresh.budgetHeaders) };
}

/** Rows of a sheet whose cells changed (a merged area's rows where its master cell changed). */
export interface RowSet {
  /** Ascending, distinct. */
  rows: number[];
  has(r: number): boolean;
  /** Whether a changed row lies in [r0, r1]. */
  any(r0: number, r1: number): boolean;
}

/** What reading one self-evaluation table saw, so that a re-read after writes can reuse it. */
export interface SelfEvalTrace {
  floor: number;
  budgetHeader: BudgetHeader | null;
  ih: IndicatorHeader;
  limit: number;
  head: TitleAndName;
  ind: IndicatorBlock;
  budget: SelfEvalTable['budget'];
  goals: SelfEvalTable['goals'];
}

/** A re-read's reference: the earlier view of the sheet, its traces by indicator header row, the changed rows. */
export interface SelfEvalReuse {
  before: SheetView;
  traces: Map<number, SelfEvalTrace>;
  changed: RowSet;
  /** Cells whose value changed (see cellKey), for the numeric fields to read again. */
  changedCells: Set<number>;
}

/** Finds the self-evaluation tables of a sheet. */
export function findSelfEvalTables(view: SheetView, scan = scanSelfEval(view), reuse?: SelfEvalReuse, traces?: Map<number, SelfEvalTrace>): SelfEvalTable[] {
  const { indicatorHeaders, budgetHeaders } = scan;
  const tables: SelfEvalTable[] = [];
  let floor = 0;
  for (let i = 0; i < indicatorHeaders.length; i++) {
    const ih = indicatorHeaders[i];
    const nextHeader = i + 1 < indicatorHeaders.length ? indicatorHeaders[i + 1].row : view.rowCount;
    // The last budget header above the indicator header (and below the previous table).
    let budget: BudgetHeader | null = null;
    for (const b of budgetHeaders) if (b.row >= floor && b.row < ih.row) budget = b;
    // The next table's budget block (if any) bounds this indicator block.
    let limit = nextHeader;
    for (const b of budgetHeaders) {
      if (b.row > ih.row && b.row < nextHeader) {
        limit = b.row;
        break;
      }
    }
    // The earlier read of the same table, when it was read from the same headers and bounds.
    let prev = reuse?.traces.get(ih.row);
    if (prev && (prev.ih !== ih || prev.budgetHeader !== budget || prev.floor !== floor || prev.limit !== limit)) prev = undefined;
    const t = readTable(view, floor, budget, ih, limit, prev && reuse ? { prev, reuse } : undefined, traces);
    tables.push(t);
    floor = t.range.r1 + 1;
  }
  return tables;
}

function readTable(
  view: SheetView,
  floor: number,
  budgetHeader: BudgetHeader | null,
  ih: IndicatorHeader,
  limit: number,
  again: { prev: SelfEvalTrace; reuse: SelfEvalReuse } | undefined,
  traces: Map<number, SelfEvalTrace> | undefined,
): SelfEvalTable {
  const top = budgetHeader ? budgetHeader.row : ih.row;
  const changed = again?.reuse.changed;
  // Each part read again only where a row it reads changed (or the part it depends on did).
  const head = again && !changed!.any(Math.max(floor, top - 8), top - 1) ? again.prev.head : findTitleAndName(view, floor, top);
  const h = ih.h;
  const ind = (again && reuseIndicators(view, again.prev, again.reuse)) || readIndicators(view, ih.row, h, limit);
  const { indicators, groups, totalRow, end } = ind;
  const total = totalRow === null ? null : readTotal(view, totalRow, h, end);
  const budget = budgetHeader
    ? again && !changed!.any(budgetHeader.row, ih.row - 1)
      ? again.prev.budget
      : readBudget(view, budgetHeader, ih.row)
    : null;
  const goalsFrom = budgetHeader ? budgetHeader.row + 1 : top;
  const goals = again && !changed!.any(goalsFrom, ih.row - 1) ? again.prev.goals : readGoals(view, goalsFrom, ih.row);
  if (traces) traces.set(ih.row, { floor, budgetHeader, ih, limit, head, ind, budget, goals });

  // The money unit the title and the cells down to the indicator header state (text cells only: the
  // text of a number never says 万元 or 元).
  const said = unitStated(head.title);
  for (let r = head.top; r <= ih.row && said.wan === false; r++) {
    const n = view.filledCount(r);
    for (let i = 0; i < n; i++) {
      const v = view.str(r, view.filledCol(r, i));
      if (v !== undefined) unitStatedInto(v, said);
    }
  }
  const amounts: number[] = [];
  if (budget) for (const f of [budget.initial, budget.annual, budget.executed]) if (f && f.parse.kind === 'number') amounts.push(f.parse.value);
  const dept = /整体支出/.test(head.title) || (/部门|单位/.test(head.nameLabel) && !/项目/.test(head.nameLabel));
  let c0 = Infinity;
  let c1 = 0;
  for (let r = head.top; r <= Math.max(end, top); r++) {
    const n = view.filledCount(r);
    if (n) {
      c0 = Math.min(c0, view.filledCol(r, 0));
      c1 = Math.max(c1, view.filledCol(r, n - 1));
    }
  }
  return {
    kind: dept ? 'dept-self-eval' : 'project-self-eval',
    sheet: view.sheet,
    sheetIndex: view.index,
    range: { r0: head.top, c0: Number.isFinite(c0) ? c0 : 0, r1: Math.max(end, top), c1 },
    title: head.title || (dept ? '部门（单位）整体支出绩效自评表' : '项目支出绩效自评表'),
    moneyUnit: moneyUnitFrom(said, amounts),
    name: head.name,
    budget,
    goals,
    indicatorHeaderRow: ih.row,
    indicators,
    level1Groups: groups,
    total,
    weightHeader: h.weight !== undefined ? { row: ih.row, col: h.weight } : null,
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
    if (!view.mentions(r, HINT.评 | HINT.称)) continue;
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

/** An indicator block as read: its rows, 一级 groups, 总分 row, last row, and the last row looked at. */
interface IndicatorBlock {
  indicators: IndicatorRow[];
  groups: Level1Group[];
  totalRow: number | null;
  end: number;
  headerRow: number;
  /** The last row the reading loop looked at (it stops at a 总分 row, a footer, two blank rows or the limit). */
  exit: number;
}

/** Where a 总分 label may stand: left of the 年度指标值 column (else of the first data column + 1). */
function totalBeforeOf(h: Fields<typeof INDICATOR_FIELDS>): number {
  let firstDataCol = Infinity;
  for (const c of [h.l1, h.l2, h.l3]) if (c !== undefined && c < firstDataCol) firstDataCol = c;
  return h.target ?? firstDataCol + 1;
}

function isFooterRow(view: SheetView, r: number): boolean {
  // An exact pre-check, as compact() keeps the first characters 填/单/说 (and a number's text has none).
  if (!view.mentions(r, HINT.填 | HINT.单 | HINT.说)) return false;
  const first = view.text(r, view.firstFilled(r));
  return FOOTER_HINT.test(first) && FOOTER.test(compact(first));
}

function ownText(view: SheetView, r: number, col: number | undefined): string {
  return col === undefined ? '' : view.text(r, col).trim();
}

function hasTargetAt(view: SheetView, r: number, col: number | undefined): boolean {
  return col !== undefined && view.cell(r, col)?.v != null;
}

function hasWeightAt(view: SheetView, r: number, col: number | undefined): boolean {
  const weight = numField(view, r, col, '分值');
  return weight !== null && weight.parse.kind !== 'blank';
}

function readIndicators(view: SheetView, headerRow: number, h: Fields<typeof INDICATOR_FIELDS>, limit: number): IndicatorBlock {
  const indicators: IndicatorRow[] = [];
  const groups: Level1Group[] = [];
  // Normalised forms of the 一级 and 二级 texts, computed when they change rather than on every row.
  let level1 = '';
  let level2 = '';
  let totalRow: number | null = null;
  let end = headerRow;
  let blanks = 0;
  let exit = limit - 1;
  const totalBefore = totalBeforeOf(h);
  const l3Col = h.l3 as number;
  const targetCol = h.target as number;
  const actualCol = h.actual ?? (h.target as number) + 1;
  const reasonCol = h.reason ?? null;
  // What the loop reads of a row is what sameIndicatorRow compares: keep the two in step.
  for (let r = headerRow + 1; r < limit; r++) {
    if (isTotalRow(view, r, totalBefore)) {
      totalRow = r;
      end = r;
      exit = r;
      break;
    }
    if (view.isBlankRow(r)) {
      if (++blanks >= 2) {
        exit = r;
        break;
      }
      continue;
    }
    blanks = 0;
    if (isFooterRow(view, r)) {
      exit = r;
      break;
    }
    const own1 = ownText(view, r, h.l1);
    if (own1) {
      level1 = compact(own1).replace(ANNOTATED, '');
      level2 = '';
      const decl = DECLARED_WEIGHT.exec(halfWidth(own1));
      groups.push({
        name: level1,
        row: r,
        col: h.l1 as number,
        declared: decl ? Number(decl[1]) : null,
      });
    }
    const own2 = ownText(view, r, h.l2);
    if (own2) level2 = compact(own2);
    const l3 = view.text(r, l3Col).trim();
    const weight = numField(view, r, h.weight, '分值');
    const hasTarget = hasTargetAt(view, r, h.target);
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
      actualCol,
      weight,
      score: numField(view, r, h.score, '得分'),
      reasonCol,
      group: Math.max(0, groups.length - 1),
    });
  }
  if (groups.length === 0 && indicators.length) groups.push({ name: '', row: indicators[0].row, col: h.l1 ?? h.l3 ?? 0, declared: null });
  return { indicators, groups, totalRow, end, headerRow, exit };
}

/** Whether readIndicators reads row r of the two views alike (all it reads of a row, in its order). */
function sameIndicatorRow(a: SheetView, b: SheetView, r: number, h: Fields<typeof INDICATOR_FIELDS>, totalBefore: number): boolean {
  const total = isTotalRow(a, r, totalBefore);
  if (total !== isTotalRow(b, r, totalBefore)) return false;
  if (total) return true;
  const blank = a.isBlankRow(r);
  if (blank !== b.isBlankRow(r)) return false;
  if (blank) return true;
  const footer = isFooterRow(a, r);
  if (footer !== isFooterRow(b, r)) return false;
  if (footer) return true;
  return (
    ownText(a, r, h.l1) === ownText(b, r, h.l1) &&
    ownText(a, r, h.l2) === ownText(b, r, h.l2) &&
    ownText(a, r, h.l3) === ownText(b, r, h.l3) &&
    hasWeightAt(a, r, h.weight) === hasWeightAt(b, r, h.weight) &&
    hasTargetAt(a, r, h.target) === hasTargetAt(b, r, h.target)
  );
}

/**
 * The indicator block of a table read before some cells changed, when the reading loop reads every
 * changed row it looked at alike: the same rows and texts, with the numeric fields whose cell changed
 * read again. Null when a changed row reads differently (the block is read again).
 */
function reuseIndicators(view: SheetView, prev: SelfEvalTrace, reuse: SelfEvalReuse): IndicatorBlock | null {
  const block = prev.ind;
  const h = prev.ih.h;
  const totalBefore = totalBeforeOf(h);
  for (const r of reuse.changed.rows) {
    if (r <= block.headerRow) continue;
    if (r > block.exit) break;
    if (!sameIndicatorRow(reuse.before, view, r, h, totalBefore)) return null;
  }
  let indicators = block.indicators;
  for (let k = 0; k < indicators.length; k++) {
    const ind = indicators[k];
    if (!reuse.changed.has(ind.row)) continue;
    const weight = ind.weight !== null && reuse.changedCells.has(cellKey(ind.weight.row, ind.weight.col));
    const score = ind.score !== null && reuse.changedCells.has(cellKey(ind.score.row, ind.score.col));
    if (!weight && !score) continue;
    if (indicators === block.indicators) indicators = indicators.slice();
    indicators[k] = {
      ...ind,
      weight: weight ? numField(view, ind.row, h.weight, '分值') : ind.weight,
      score: score ? numField(view, ind.row, h.score, '得分') : ind.score,
    };
  }
  return indicators === block.indicators ? block : { ...block, indicators };
}

function isTotalRow(view: SheetView, r: number, beforeCol: number): boolean {
  // Every TOTAL_LABEL has 总 or 合, which normalising the text keeps.
  if (!view.mentions(r, HINT.总 | HINT.合)) return false;
  const n = view.filledCount(r);
  for (let i = 0; i < n; i++) {
    const c = view.filledCol(r, i);
    if (c >= beforeCol) break;
    const v = view.str(r, c);
    if (v !== undefined && (v.indexOf('总') >= 0 || v.indexOf('合') >= 0) && TOTAL_LABEL.test(view.key(r, c))) return true;
  }
  return false;
}

function readTotal(view: SheetView, row: number, h: Fields<typeof INDICATOR_FIELDS>, end: number) {
  const weight = numField(view, row, h.weight, '分值合计');
  const score = numField(view, row, h.score, '总得分');
  let grade: { row: number; col: number; text: string } | null = null;
  const scoreCol = h.score ?? h.weight ?? 0;
  for (const r of [row, row + 1]) {
    if (r > end + 1 || grade) break;
    const n = view.filledCount(r);
    for (let i = 0; i < n; i++) {
      const c = view.filledCol(r, i);
      const key = view.key(r, c);
      if (GRADE_LABEL.test(key) && key.length <= 8) {
        const vc = view.nextFilled(r, c);
        const area = view.merges.areaOf(r, c);
        const col = vc ?? (area ? area.c1 + 1 : c + 1);
        grade = { row: r, col, text: vc === null ? '' : compact(view.text(r, vc)) };
        break;
      }
      if (r === row && c > scoreCol && /^(优秀?|良好?|中等?|合格|差|不合格|及格)$/.test(view.key(r, c))) {
        grade = { row: r, col: c, text: view.key(r, c) };
        break;
      }
    }
  }
  return { row, weight, score, weightCol: h.weight ?? null, scoreCol: h.score ?? null, grade };
}

function readBudget(view: SheetView, bh: { row: number; h: Fields<typeof BUDGET_FIELDS> }, stop: number): SelfEvalTable['budget'] {
  const h = bh.h;
  let row = -1;
  for (let r = bh.row + 1; r < stop && r <= bh.row + 4; r++) {
    // Each label has 总 or 合.
    if (view.mentions(r, HINT.总 | HINT.合) && rowHasKey(view, r, /资金总额|资金合计|合计|总额/)) {
      row = r;
      break;
    }
  }
  if (row < 0) {
    for (let r = bh.row + 1; r < stop && r <= bh.row + 3; r++) {
      const e = h.executed !== undefined ? view.cell(r, h.executed)?.v : null;
      if (typeof e === 'number') {
        row = r;
        break;
      }
    }
  }
  if (row < 0) row = bh.row + 1;
  const breakdown: { label: string; value: number }[] = [];
  for (let r = row + 1; r < stop; r++) {
    if (view.mentions(r, HINT.目) && rowHasKey(view, r, /年度总体目标|预期目标/)) break;
    const n = view.filledCount(r);
    for (let i = 0; i < n; i++) {
      const v = view.str(r, view.filledCol(r, i));
      if (v === undefined) continue;
      const n = labelledFigure(v);
      if (n !== null) breakdown.push({ label: compact(v).replace(/[:：][^:：]*$/, '').replace(/^其中[:：]/, ''), value: n });
    }
  }
  return {
    headerRow: bh.row,
    row,
    initial: numField(view, row, h.initial, '年初预算数'),
    annual: numField(view, row, h.annual, '全年预算数'),
    executed: numField(view, row, h.executed, '全年执行数'),
    weight: numField(view, row, h.weight, '分值'),
    rate: numField(view, row, h.rate, '执行率'),
    score: numField(view, row, h.score, '得分'),
    rateStyle: h.rate !== undefined ? rateStyleOf(view, bh.row, h.rate, [row]) : 'fraction',
    breakdown,
  };
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
    if (!view.mentions(r, HINT.目)) continue;
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
    if (!view.mentions(r, HINT.目)) continue;
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

// §1.1: 项目支出 and 部门整体支出 self-evaluation tables: a budget block above an indicator block.
import { parseAmount, labelledFigure } from '../parse/number';
import { compact, halfWidth, tidy } from '../parse/text';
import type { IndicatorRow, Level1Group, NumField, SelfEvalTable } from './model';
import { BUDGET_FIELDS, GRADE_LABEL, INDICATOR_FIELDS, TOTAL_LABEL, moneyUnitOf, rateStyleOf } from './fields';
import { matchHeaderRow, type SheetView } from './sheet-view';

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

const INDICATOR_HINT = /级/;
const BUDGET_HINT = /[执支]/;
const TOTAL_HINT = /[总合]/;
const FOOTER_HINT = /[填单说]/;

/** Whether a text cell of the row contains one of the characters of `hint`. */
function rowMentions(view: SheetView, r: number, cols: readonly number[], hint: RegExp): boolean {
  for (const c of cols) {
    const v = view.cell(r, c)?.v;
    if (typeof v === 'string' && hint.test(v)) return true;
  }
  return false;
}

const DECLARED_WEIGHT = /[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/;
const TITLE = /自评表|自评情况表/;
const NAME_LABEL = /名称$/;

/** Finds the self-evaluation tables of a sheet. `taken` marks rows other tables already own. */
export function findSelfEvalTables(view: SheetView): SelfEvalTable[] {
  const indicatorHeaders: { row: number; h: Fields<typeof INDICATOR_FIELDS> }[] = [];
  const budgetHeaders: { row: number; h: Fields<typeof BUDGET_FIELDS> }[] = [];
  for (let r = 0; r < view.rowCount; r++) {
    const cols = view.filledCols(r);
    if (cols.length < 3) continue;
    // Exact pre-checks, as this runs on every row: a header key keeps the CJK characters of its
    // cell's text, so an indicator header has a cell containing 级 (三级指标) and a budget header
    // one containing 执 or 支 (执行数, 支出数).
    if (rowMentions(view, r, cols, INDICATOR_HINT)) {
      const ih = matchHeaderRow(view, r, INDICATOR_FIELDS);
      if (isIndicatorHeader(ih)) {
        indicatorHeaders.push({ row: r, h: ih });
        continue;
      }
    }
    if (!rowMentions(view, r, cols, BUDGET_HINT)) continue;
    const bh = matchHeaderRow(view, r, BUDGET_FIELDS);
    if (isBudgetHeader(bh)) budgetHeaders.push({ row: r, h: bh });
  }
  const tables: SelfEvalTable[] = [];
  let floor = 0;
  for (let i = 0; i < indicatorHeaders.length; i++) {
    const ih = indicatorHeaders[i];
    const nextHeader = i + 1 < indicatorHeaders.length ? indicatorHeaders[i + 1].row : view.rowCount;
    const budget = budgetHeaders.filter((b) => b.row >= floor && b.row < ih.row).pop() ?? null;
    // The next table's budget block (if any) bounds this indicator block.
    const nextBudget = budgetHeaders.find((b) => b.row > ih.row && b.row < nextHeader);
    const limit = nextBudget ? nextBudget.row : nextHeader;
    const t = readTable(view, floor, budget, ih, limit);
    tables.push(t);
    floor = t.range.r1 + 1;
  }
  return tables;
}

function readTable(
  view: SheetView,
  floor: number,
  budgetHeader: { row: number; h: Fields<typeof BUDGET_FIELDS> } | null,
  ih: { row: number; h: Fields<typeof INDICATOR_FIELDS> },
  limit: number,
): SelfEvalTable {
  const top = budgetHeader ? budgetHeader.row : ih.row;
  const head = findTitleAndName(view, floor, top);
  const h = ih.h;
  const { indicators, groups, totalRow, end } = readIndicators(view, ih.row, h, limit);
  const total = totalRow === null ? null : readTotal(view, totalRow, h, end);
  const budget = budgetHeader ? readBudget(view, budgetHeader, ih.row) : null;
  const goals = readGoals(view, budgetHeader ? budgetHeader.row + 1 : top, ih.row);

  const texts: string[] = [head.title];
  for (let r = head.top; r <= ih.row; r++) for (const c of view.filledCols(r)) texts.push(view.text(r, c));
  const amounts = budget ? [budget.initial, budget.annual, budget.executed].flatMap((f) => (f && f.parse.kind === 'number' ? [f.parse.value] : [])) : [];
  const dept = /整体支出/.test(head.title) || (/部门|单位/.test(head.nameLabel) && !/项目/.test(head.nameLabel));
  let c0 = Infinity;
  let c1 = 0;
  for (let r = head.top; r <= Math.max(end, top); r++) {
    const cols = view.filledCols(r);
    if (cols.length) {
      c0 = Math.min(c0, cols[0]);
      c1 = Math.max(c1, cols[cols.length - 1]);
    }
  }
  return {
    kind: dept ? 'dept-self-eval' : 'project-self-eval',
    sheet: view.sheet,
    sheetIndex: view.index,
    range: { r0: head.top, c0: Number.isFinite(c0) ? c0 : 0, r1: Math.max(end, top), c1 },
    title: head.title || (dept ? '部门（单位）整体支出绩效自评表' : '项目支出绩效自评表'),
    moneyUnit: moneyUnitOf(texts, amounts),
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

/** Title (a cell saying 自评表) and the project/department name, between `floor` and the first header. */
function findTitleAndName(view: SheetView, floor: number, top: number) {
  let title = '';
  let titleRow = -1;
  let name = '';
  let nameLabel = '';
  let nameRow = -1;
  for (let r = top - 1; r >= floor && r >= top - 8; r--) {
    for (const c of view.filledCols(r)) {
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
  const tops = [top, titleRow, nameRow].filter((r) => r >= 0);
  return { title, name, nameLabel, top: Math.min(...tops) };
}

function readIndicators(view: SheetView, headerRow: number, h: Fields<typeof INDICATOR_FIELDS>, limit: number) {
  const indicators: IndicatorRow[] = [];
  const groups: Level1Group[] = [];
  let l1 = '';
  let l2 = '';
  // Normalised forms of l1 and l2, computed when they change rather than on every row.
  let level1 = '';
  let level2 = '';
  let totalRow: number | null = null;
  let end = headerRow;
  let blanks = 0;
  const firstDataCol = Math.min(...[h.l1, h.l2, h.l3].filter((c): c is number => c !== undefined));
  for (let r = headerRow + 1; r < limit; r++) {
    if (isTotalRow(view, r, h.target ?? firstDataCol + 1)) {
      totalRow = r;
      end = r;
      break;
    }
    if (view.isBlankRow(r)) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    const text = (c: number | undefined) => (c === undefined ? '' : view.text(r, c));
    const first = view.text(r, view.filledCols(r)[0]);
    // FOOTER_HINT: an exact pre-check, compact() keeps the first characters 填/单/说.
    if (FOOTER_HINT.test(first) && /^填表人|^单位负责人|^说明[:：]/.test(compact(first))) break;
    const own1 = text(h.l1).trim();
    if (own1) {
      l1 = own1;
      l2 = '';
      level1 = compact(l1).replace(/[(（].*$/, '');
      level2 = '';
      const decl = DECLARED_WEIGHT.exec(halfWidth(own1));
      groups.push({
        name: level1,
        row: r,
        col: h.l1 as number,
        declared: decl ? Number(decl[1]) : null,
      });
    }
    const own2 = text(h.l2).trim();
    if (own2) {
      l2 = own2;
      level2 = compact(l2);
    }
    const l3 = text(h.l3).trim();
    const weight = numField(view, r, h.weight, '分值');
    const hasTarget = h.target !== undefined && view.cell(r, h.target)?.v != null;
    const hasWeight = weight !== null && weight.parse.kind !== 'blank';
    if (!l3 && !hasTarget && !hasWeight) continue;
    end = r;
    indicators.push({
      row: r,
      level1,
      level2,
      level3: l3,
      level3Col: h.l3 as number,
      targetCol: h.target as number,
      actualCol: h.actual ?? (h.target as number) + 1,
      weight,
      score: numField(view, r, h.score, '得分'),
      reasonCol: h.reason ?? null,
      group: Math.max(0, groups.length - 1),
    });
  }
  if (groups.length === 0 && indicators.length) groups.push({ name: '', row: indicators[0].row, col: h.l1 ?? h.l3 ?? 0, declared: null });
  return { indicators, groups, totalRow, end };
}

function isTotalRow(view: SheetView, r: number, beforeCol: number): boolean {
  for (const c of view.filledCols(r)) {
    if (c >= beforeCol) break;
    const v = view.cell(r, c)?.v;
    // TOTAL_HINT: every TOTAL_LABEL has 总 or 合, which normalising the text keeps.
    if (typeof v === 'string' && TOTAL_HINT.test(v) && TOTAL_LABEL.test(view.key(r, c))) return true;
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
    for (const c of view.filledCols(r)) {
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
    if (view.filledCols(r).some((c) => /资金总额|资金合计|合计|总额/.test(view.key(r, c)))) {
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
    const cols = view.filledCols(r);
    if (cols.some((c) => /年度总体目标|预期目标/.test(view.key(r, c)))) break;
    for (const c of cols) {
      const v = view.cell(r, c)?.v ?? null;
      if (typeof v !== 'string') continue;
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

function readGoals(view: SheetView, from: number, to: number): { expected: string; actual: string } {
  for (let r = from; r < to; r++) {
    const cols = view.filledCols(r);
    const ec = cols.find((c) => /^预期目标$|^年度目标$/.test(view.key(r, c)));
    if (ec === undefined) continue;
    const ac = cols.find((c) => /^实际完成情况$|^实际完成$/.test(view.key(r, c)));
    for (let rr = r + 1; rr < to; rr++) {
      if (view.isBlankRow(rr)) continue;
      return {
        expected: view.text(rr, ec).trim(),
        actual: ac === undefined ? '' : view.text(rr, ac).trim(),
      };
    }
  }
  for (let r = from; r < to; r++) {
    for (const c of view.filledCols(r)) {
      if (/^年度总体目标$/.test(view.key(r, c))) {
        const vc = view.nextFilled(r, c);
        if (vc !== null && !/预期目标/.test(view.key(r, vc))) return { expected: view.text(r, vc).trim(), actual: '' };
      }
    }
  }
  return { expected: '', actual: '' };
}

// The header rows of 项目支出 / 部门整体支出 self-evaluation tables: the budget block's and the
// indicator block's, each one to three rows deep (SPEC §1.1, §1.2).
import { BUDGET_FIELDS, GROUP_CAPTION, INDICATOR_FIELDS, OTHER_CAPTION } from './fields';
import { captionTest, headerBottom, headerColumns, matchColumns, type HeaderColumn } from './header';
import type { SheetView } from './sheet-view';

type Fields<T> = Partial<Record<keyof T, number>>;

/** Indicator columns: the fields of INDICATOR_FIELDS, and the unit column of each side of a split target. */
export type IndicatorCols = Fields<typeof INDICATOR_FIELDS> & { targetUnit?: number; actualUnit?: number };
export type BudgetCols = Fields<typeof BUDGET_FIELDS>;

export interface IndicatorHeader {
  row: number;
  /** Last header row: the data start below it. */
  bottom: number;
  h: IndicatorCols;
}

export interface BudgetHeader {
  row: number;
  bottom: number;
  h: BudgetCols;
}

/**
 * An indicator header of a self-evaluation: 三级指标, a target, and a 得分 (or a 分值 with 实际完成值). A
 * 绩效目标申报表 has targets and planned weights but nothing achieved: it is not one.
 */
export function isIndicatorHeader(h: IndicatorCols): boolean {
  return h.l3 !== undefined && (h.target !== undefined || h.adjusted !== undefined) && (h.score !== undefined || (h.weight !== undefined && h.actual !== undefined));
}

/** A budget header: amounts budgeted and executed, no item-name column (that is a list table). */
export function isBudgetHeader(h: BudgetCols): boolean {
  return h.name === undefined && h.executed !== undefined && (h.annual !== undefined || h.initial !== undefined);
}

const isIndicatorCaption = captionTest([...Object.values(INDICATOR_FIELDS), GROUP_CAPTION, OTHER_CAPTION]);
const isBudgetCaption = captionTest([...Object.values(BUDGET_FIELDS), GROUP_CAPTION]);
const isAnyCaption = (key: string) => isIndicatorCaption(key) || isBudgetCaption(key);

/**
 * Whether row r can start a header: at least two captions, more captions than other cells (a block
 * label such as 项目资金（万元）, a column no one reads). Data rows hold names, values and sentences.
 */
function mayStartHeader(view: SheetView, r: number): boolean {
  const n = view.filledCount(r);
  if (n < 2) return false;
  let captions = 0;
  for (let i = 0; i < n; i++) {
    const c = view.filledCol(r, i);
    if (view.str(r, c) !== undefined && isAnyCaption(view.key(r, c))) captions++;
    else if (2 * (i + 1 - captions) >= n) return false;
  }
  return captions >= 2;
}

const F = INDICATOR_FIELDS;
/** A value caption under a 年度指标值 / 实际完成值 group: the group names the field. */
const VALUE_CAPTION = /^(指标值|值|数值|实际值|完成值|目标值)$/;

type Role = keyof IndicatorCols | null;
// Roles by caption parts (the same header texts recur in every table of a workbook); bounded.
const ROLES = new Map<string, Role>();

function indicatorRole(parts: string[]): Role {
  const key = parts.length === 1 ? parts[0] : parts.join('\u0001');
  let role = ROLES.get(key);
  if (role === undefined) {
    role = roleOf(parts);
    if (ROLES.size >= 10_000) ROLES.clear();
    ROLES.set(key, role);
  }
  return role;
}

/** What an indicator header column holds, from its captions (deepest first, a group naming a value column). */
function roleOf(parts: string[]): Role {
  const d = parts[parts.length - 1];
  const ups = parts.slice(0, -1);
  if (F.nature.test(d)) return 'nature';
  if (F.unit.test(d)) return ups.some((u) => F.actual.test(u)) ? 'actualUnit' : ups.some((u) => F.target.test(u) || F.adjusted.test(u)) ? 'targetUnit' : 'unit';
  if (VALUE_CAPTION.test(d) || F.target.test(d) || F.actual.test(d)) {
    if (ups.some((u) => F.actual.test(u))) return 'actual';
    if (ups.some((u) => F.adjusted.test(u))) return 'adjusted';
  }
  for (let p = parts.length - 1; p >= 0; p--) {
    for (const f of Object.keys(F) as (keyof typeof F)[]) if (f !== 'unit' && f !== 'nature' && F[f].test(parts[p])) return f;
  }
  return null;
}

export function indicatorColumns(columns: readonly HeaderColumn[]): IndicatorCols {
  const h: IndicatorCols = {};
  for (const { col, parts } of columns) {
    const role = indicatorRole(parts);
    if (role === 'unit') {
      // A unit column without a group caption: the actual's when it stands right of 实际完成值.
      const side = h.actual !== undefined && col > h.actual ? 'actualUnit' : 'targetUnit';
      if (h[side] === undefined) h[side] = col;
    } else if (role && h[role] === undefined) h[role] = col;
  }
  return h;
}

/** The header rows of a sheet's self-evaluation tables, in row order. */
export interface SelfEvalScan {
  indicatorHeaders: IndicatorHeader[];
  budgetHeaders: BudgetHeader[];
}

export function scanSelfEval(view: SheetView): SelfEvalScan {
  const scan: SelfEvalScan = { indicatorHeaders: [], budgetHeaders: [] };
  for (let r = 0; r < view.rowCount; r++) {
    if (!mayStartHeader(view, r)) continue;
    const ib = headerBottom(view, r, isIndicatorCaption);
    const ih = indicatorColumns(headerColumns(view, r, ib));
    if (isIndicatorHeader(ih)) {
      scan.indicatorHeaders.push({ row: r, bottom: ib, h: ih });
      r = ib;
      continue;
    }
    const bb = headerBottom(view, r, isBudgetCaption);
    const bh = matchColumns(headerColumns(view, r, bb), BUDGET_FIELDS);
    if (isBudgetHeader(bh)) {
      scan.budgetHeaders.push({ row: r, bottom: bb, h: bh });
      r = bb;
    }
  }
  return scan;
}

// The header rows of 项目支出 / 部门整体支出 self-evaluation tables: the budget block's and the
// indicator block's, each one to three rows deep (SPEC §1.1, §1.2).
import { VALUE_CAPTION, type BudgetField, type IndicatorField } from '../vocabulary';
import { captionsOf, type Captions } from './captions';
import { headerBottom, headerColumns, matchColumns, type HeaderColumn } from './header';
import type { SheetView } from './sheet-view';

/** Indicator columns: the indicator fields, and the unit column of each side of a split target. */
export type IndicatorCols = Partial<Record<IndicatorField, number>> & { targetUnit?: number; actualUnit?: number };
export type BudgetCols = Partial<Record<BudgetField, number>>;

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

const isAnyCaption = (c: Captions, key: string) => c.isIndicatorCaption(key) || c.isBudgetCaption(key);

/**
 * Whether row r can start a header: at least two captions, more captions than other cells (a block
 * label such as 项目资金（万元）, a column no one reads). Data rows hold names, values and sentences.
 */
function mayStartHeader(view: SheetView, r: number, c: Captions): boolean {
  const n = view.filledCount(r);
  if (n < 2) return false;
  let captions = 0;
  for (let i = 0; i < n; i++) {
    const col = view.filledCol(r, i);
    if (view.str(r, col) !== undefined && isAnyCaption(c, view.key(r, col))) captions++;
    else if (2 * (i + 1 - captions) >= n) return false;
  }
  return captions >= 2;
}

type Role = keyof IndicatorCols | null;
type IndicatorPatterns = Captions['indicator'];
// Roles by caption parts, per vocabulary (the same header texts recur in every table of a workbook); bounded.
const ROLES = new WeakMap<IndicatorPatterns, Map<string, Role>>();

function indicatorRole(parts: string[], F: IndicatorPatterns): Role {
  let roles = ROLES.get(F);
  if (!roles) ROLES.set(F, (roles = new Map()));
  const key = parts.length === 1 ? parts[0] : parts.join('\u0001');
  let role = roles.get(key);
  if (role === undefined) {
    role = roleOf(parts, F);
    if (roles.size >= 10_000) roles.clear();
    roles.set(key, role);
  }
  return role;
}

/** What an indicator header column holds, from its captions (deepest first, a group naming a value column). */
function roleOf(parts: string[], F: IndicatorPatterns): Role {
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

export function indicatorColumns(columns: readonly HeaderColumn[], captions: Captions = captionsOf()): IndicatorCols {
  const h: IndicatorCols = {};
  for (const { col, parts } of columns) {
    const role = indicatorRole(parts, captions.indicator);
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

export function scanSelfEval(view: SheetView, c: Captions = captionsOf()): SelfEvalScan {
  const scan: SelfEvalScan = { indicatorHeaders: [], budgetHeaders: [] };
  for (let r = 0; r < view.rowCount; r++) {
    if (!mayStartHeader(view, r, c)) continue;
    const ib = headerBottom(view, r, c.isIndicatorCaption);
    const ih = indicatorColumns(headerColumns(view, r, ib), c);
    if (isIndicatorHeader(ih)) {
      scan.indicatorHeaders.push({ row: r, bottom: ib, h: ih });
      r = ib;
      continue;
    }
    const bb = headerBottom(view, r, c.isBudgetCaption);
    const bh = matchColumns(headerColumns(view, r, bb), c.budget);
    if (isBudgetHeader(bh)) {
      scan.budgetHeaders.push({ row: r, bottom: bb, h: bh });
      r = bb;
    }
  }
  return scan;
}

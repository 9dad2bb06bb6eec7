// What table detection finds: the five table kinds of SPEC §1, with every cell the rules need.
import type { AmountParse } from '../parse/number';
import type { Rect, Sheet } from '../grid/types';

export type TableKind = 'project-self-eval' | 'dept-self-eval' | 'basic-data' | 'budget-execution' | 'project-summary';

export type MoneyUnit = '万元' | '元';

/** A cell that must hold a number, as read. */
export interface NumField {
  row: number;
  col: number;
  parse: AmountParse;
  /** What the field is, for messages: "全年执行数", "分值"… */
  label: string;
}

/** A rate column's convention: fractions with a % format, or percent units (100 = 100%). */
export type RateStyle = 'fraction' | 'percent-units';

interface TableBase {
  sheet: Sheet;
  sheetIndex: number;
  range: Rect;
  title: string;
  moneyUnit: MoneyUnit;
}

export interface IndicatorRow {
  row: number;
  level1: string;
  level2: string;
  level3: string;
  /** Columns of the row's cells (the master cell where merged). */
  level3Col: number;
  targetCol: number;
  actualCol: number;
  weight: NumField | null;
  score: NumField | null;
  reasonCol: number | null;
  /** Index into SelfEvalTable.level1Groups. */
  group: number;
}

export interface Level1Group {
  name: string;
  row: number;
  col: number;
  /** The `(N分)` the cell declares. */
  declared: number | null;
}

export interface SelfEvalTable extends TableBase {
  kind: 'project-self-eval' | 'dept-self-eval';
  /** Project or department name. */
  name: string;
  budget: {
    headerRow: number;
    /** The 年度资金总额 row: the scored one. */
    row: number;
    initial: NumField | null;
    annual: NumField | null;
    executed: NumField | null;
    weight: NumField | null;
    rate: NumField | null;
    score: NumField | null;
    rateStyle: RateStyle;
    /** Figures of breakdown rows where they parse (按收入性质分…, 基本支出, 项目支出). */
    breakdown: { label: string; value: number }[];
  } | null;
  goals: { expected: string; actual: string };
  indicatorHeaderRow: number;
  indicators: IndicatorRow[];
  level1Groups: Level1Group[];
  total: {
    row: number;
    weight: NumField | null;
    score: NumField | null;
    /** Column of the 总分 row's 分值 / 得分 cells even when blank. */
    weightCol: number | null;
    scoreCol: number | null;
    grade: { row: number; col: number; text: string } | null;
  } | null;
  /** Column of the indicator block's 分值 header, for findings when there is no 总分 row. */
  weightHeader: { row: number; col: number } | null;
}

export interface BasicDataRow {
  row: number;
  label: string;
  /** 'top' 三公经费…, 'numbered' 1、…, 'item' one line per item under a numbered row, 'part' 其中 rows. */
  role: 'top' | 'numbered' | 'item' | 'part';
  /** Index of the parent row in `rows` (for numbered/item/part). */
  parent: number | null;
  /** Which 其中 group a 'part' row belongs to. */
  partGroup: number | null;
  /** 上年决算数, 本年预算数, 本年决算数. */
  amounts: (NumField | null)[];
}

export interface BuildingRow {
  row: number;
  approvedSize: NumField | null;
  actualSize: NumField | null;
  sizeRate: NumField | null;
  budgetInvest: NumField | null;
  actualInvest: NumField | null;
  investRate: NumField | null;
  sizeRateStyle: RateStyle;
  investRateStyle: RateStyle;
}

export interface BasicDataTable extends TableBase {
  kind: 'basic-data';
  staff: {
    quota: NumField | null;
    actual: NumField | null;
    rate: NumField | null;
    rateStyle: RateStyle;
  } | null;
  /** Labels of the three amount columns, as the header states them. */
  amountLabels: string[];
  rows: BasicDataRow[];
  buildings: BuildingRow[];
  savingMeasures: string;
}

export interface ExecutionRow {
  row: number;
  name: string;
  isSubtotal: boolean;
  initial: NumField | null;
  used: NumField | null;
  remaining: NumField | null;
  rate: NumField | null;
}

export interface ExecutionTable extends TableBase {
  kind: 'budget-execution';
  headerRow: number;
  cols: { name: number; initial: number; used: number; remaining: number | null; rate: number | null };
  rateStyle: RateStyle;
  rows: ExecutionRow[];
}

export interface SummaryRow {
  row: number;
  name: string;
  isSubtotal: boolean;
  initial: NumField | null;
  annual: NumField | null;
  executed: NumField | null;
  rate: NumField | null;
  score: NumField | null;
  grade: { col: number; text: string } | null;
}

export interface SummaryTable extends TableBase {
  kind: 'project-summary';
  headerRow: number;
  cols: { name: number; initial: number | null; annual: number | null; executed: number | null; rate: number | null; score: number | null; grade: number | null };
  rateStyle: RateStyle;
  rows: SummaryRow[];
}

export type Table = SelfEvalTable | BasicDataTable | ExecutionTable | SummaryTable;

export function isSelfEval(t: Table): t is SelfEvalTable {
  return t.kind === 'project-self-eval' || t.kind === 'dept-self-eval';
}

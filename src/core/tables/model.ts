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
  /** The target's cell: 调整后指标值 where the table has it and it is filled, else 年度指标值 (the value column of a split target). */
  targetCol: number;
  /** Split target (SPEC §1.2): 指标性质 and 度量单位 columns, composed with targetCol. */
  targetNatureCol: number | null;
  targetUnitCol: number | null;
  actualCol: number;
  /** 实际完成值's own unit column, where it has one. */
  actualUnitCol: number | null;
  weight: NumField | null;
  score: NumField | null;
  reasonCol: number | null;
  /** Index into SelfEvalTable.level1Groups. */
  group: number;
}

export interface IndicatorSubtotal {
  row: number;
  weight: NumField | null;
  score: NumField | null;
  /** The indicators it sums: indices [first, end) into SelfEvalTable.indicators. */
  first: number;
  end: number;
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
    /** 全年执行数（其他）: counted in the 执行数 where the profile says so (浙江, SPEC §8). */
    executedOther?: NumField | null;
    weight: NumField | null;
    /** The 执行率 weight where there is no 分值 column: a caption's `（10分）`, else the national 10; null when 执行率 is not scored. */
    declaredWeight: number | null;
    rate: NumField | null;
    score: NumField | null;
    rateStyle: RateStyle;
    /** Figures of breakdown rows where they parse (按收入性质分…, 基本支出, 项目支出). */
    breakdown: { label: string; value: number }[];
  } | null;
  goals: { expected: string; actual: string };
  /** The block that was not understood (SPEC §1.2, partial recognition): TABLE_INCOMPLETE names it. */
  missingBlock: 'budget' | 'indicators' | null;
  /** The table's first header cell (TABLE_INCOMPLETE's cell). */
  headerCell: { row: number; col: number };
  /** First row of the indicator header; -1 when the indicator block was not found. */
  indicatorHeaderRow: number;
  indicators: IndicatorRow[];
  /** 小计 rows inside the indicator block: not indicators; each sums the rows since the one before. */
  subtotals: IndicatorSubtotal[];
  level1Groups: Level1Group[];
  /** The 总分 row (or a 自评得分（满分100分） label row above the indicators). */
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

// One row per item: the 预算（指标）执行情况表 and the 项目绩效自评汇总表.
import { compact, tidy } from '../parse/text';
import { FOOTER, SUBTOTAL_LABEL, type ExecutionField, type SummaryField } from '../vocabulary';
import { captionsOf, type Captions } from './captions';
import type { ExecutionRow, ExecutionTable, SummaryRow, SummaryTable, TableKind } from './model';
import { moneyUnitOf, rateStyleOf } from './fields';
import { headerBottom, headerColumns, matchColumns } from './header';
import { numField } from './num-fields';
import { matchHeaderRow, type SheetView } from './sheet-view';

type SummaryCols = Partial<Record<SummaryField, number>>;
type ExecutionCols = Partial<Record<ExecutionField, number>>;

export function isSummaryHeader(h: SummaryCols): boolean {
  return h.name !== undefined && h.executed !== undefined && h.score !== undefined && (h.annual !== undefined || h.initial !== undefined);
}

export function isExecutionHeader(h: ExecutionCols): boolean {
  return h.name !== undefined && h.initial !== undefined && h.used !== undefined && (h.remaining !== undefined || h.rate !== undefined);
}

/** Rows below a header that belong to it: up to the first blank row or the next header. */
function itemRows(view: SheetView, headerRow: number, nameCol: number, isHeader: (r: number) => boolean): number[] {
  const rows: number[] = [];
  for (let r = headerRow + 1; r < view.rowCount; r++) {
    if (view.isBlankRow(r) || isHeader(r)) break;
    const first = view.firstFilled(r);
    if (first >= 0 && FOOTER.test(view.key(r, first))) break;
    if (view.text(r, nameCol).trim() === '' && view.filledCount(r) <= 1) continue;
    rows.push(r);
  }
  return rows;
}

function titleAbove(view: SheetView, headerRow: number, floor: number): { title: string; row: number } {
  for (let r = headerRow - 1; r >= Math.max(floor, headerRow - 3); r--) {
    const n = view.filledCount(r);
    const first = view.firstFilled(r);
    if (n === 1 || (n > 0 && view.merges.areaOf(r, first))) return { title: tidy(view.text(r, first)), row: r };
  }
  return { title: '', row: headerRow };
}

function colsRange(view: SheetView, r0: number, r1: number): { c0: number; c1: number } {
  let c0 = Infinity;
  let c1 = 0;
  for (let r = r0; r <= r1; r++) {
    if (view.filledCount(r)) {
      c0 = Math.min(c0, view.firstFilled(r));
      c1 = Math.max(c1, view.lastFilled(r));
    }
  }
  return { c0: Number.isFinite(c0) ? c0 : 0, c1 };
}

/** Finds list tables on a sheet, skipping rows in `taken`. */
export function findListTables(view: SheetView, taken: (r: number) => boolean, c: Captions = captionsOf()): (ExecutionTable | SummaryTable)[] {
  const out: (ExecutionTable | SummaryTable)[] = [];
  type Kind = { kind: TableKind; h: SummaryCols | ExecutionCols; bottom: number };
  const headerKind = (r: number): Kind | null => {
    const n = view.filledCount(r);
    if (n < 2) return null;
    if (n >= 4) {
      const sh = matchHeaderRow(view, r, c.summary);
      if (isSummaryHeader(sh)) return { kind: 'project-summary', h: sh, bottom: r };
      const eh = matchHeaderRow(view, r, c.execution);
      if (isExecutionHeader(eh)) return { kind: 'budget-execution', h: eh, bottom: r };
    }
    // A header over two or three rows (预算资金 merged over 年初预算数 · 全年预算数 · 全年执行数).
    let captions = 0;
    for (let i = 0; i < n && captions < 2; i++) if (c.isListCaption(view.key(r, view.filledCol(r, i)))) captions++;
    if (captions < 2) return null;
    const bottom = headerBottom(view, r, c.isListCaption);
    if (bottom === r) return null;
    const cols = headerColumns(view, r, bottom);
    const sh = matchColumns(cols, c.summary);
    if (isSummaryHeader(sh)) return { kind: 'project-summary', h: sh, bottom };
    const eh = matchColumns(cols, c.execution);
    if (isExecutionHeader(eh)) return { kind: 'budget-execution', h: eh, bottom };
    return null;
  };
  let floor = 0;
  for (let r = 0; r < view.rowCount; r++) {
    if (taken(r)) {
      floor = r + 1;
      continue;
    }
    const hk = headerKind(r);
    if (!hk) continue;
    const h = hk.h as Record<string, number | undefined>;
    const rows = itemRows(view, hk.bottom, h.name as number, (x) => headerKind(x) !== null || taken(x));
    const { title, row: top } = titleAbove(view, r, floor);
    const end = rows.length ? rows[rows.length - 1] : hk.bottom;
    const range = { r0: top, ...colsRange(view, r, end), r1: end };
    const texts = [title];
    for (let x = r; x <= hk.bottom; x++) for (const c of view.filledCols(x)) texts.push(view.text(x, c));
    if (hk.kind === 'budget-execution') out.push(readExecution(view, r, h, rows, title, range, texts));
    else out.push(readSummary(view, r, h, rows, title, range, texts));
    r = end;
    floor = end + 1;
  }
  return out;
}

function nameOf(view: SheetView, r: number, col: number): string {
  return tidy(view.text(r, col));
}

function readExecution(
  view: SheetView,
  headerRow: number,
  h: Record<string, number | undefined>,
  rowIdx: number[],
  title: string,
  range: ExecutionTable['range'],
  texts: string[],
): ExecutionTable {
  const rows: ExecutionRow[] = rowIdx.map((r) => {
    const name = nameOf(view, r, h.name as number);
    return {
      row: r,
      name,
      isSubtotal: SUBTOTAL_LABEL.test(name),
      initial: numField(view, r, h.initial, '年初预算指标'),
      used: numField(view, r, h.used, '已用指标'),
      remaining: numField(view, r, h.remaining, '剩余指标'),
      rate: numField(view, r, h.rate, '预算执行率'),
    };
  });
  const amounts = rows.flatMap((x) => [x.initial, x.used].flatMap((f) => (f && f.parse.kind === 'number' ? [f.parse.value] : [])));
  return {
    kind: 'budget-execution',
    sheet: view.sheet,
    sheetIndex: view.index,
    range,
    title: title || '预算（指标）执行情况表',
    moneyUnit: moneyUnitOf(texts, amounts),
    headerRow,
    cols: { name: h.name as number, initial: h.initial as number, used: h.used as number, remaining: h.remaining ?? null, rate: h.rate ?? null },
    rateStyle: h.rate !== undefined ? rateStyleOf(view, headerRow, h.rate, rowIdx) : 'fraction',
    rows,
  };
}

function readSummary(
  view: SheetView,
  headerRow: number,
  h: Record<string, number | undefined>,
  rowIdx: number[],
  title: string,
  range: SummaryTable['range'],
  texts: string[],
): SummaryTable {
  const rows: SummaryRow[] = rowIdx.map((r) => {
    const name = nameOf(view, r, h.name as number);
    const gradeCol = h.grade;
    return {
      row: r,
      name,
      isSubtotal: SUBTOTAL_LABEL.test(name),
      initial: numField(view, r, h.initial, '年初预算数'),
      annual: numField(view, r, h.annual, '全年预算数'),
      executed: numField(view, r, h.executed, '全年执行数'),
      rate: numField(view, r, h.rate, '预算执行率'),
      score: numField(view, r, h.score, '得分'),
      grade: gradeCol === undefined ? null : { col: gradeCol, text: compact(view.text(r, gradeCol)) },
    };
  });
  const amounts = rows.flatMap((x) => [x.initial, x.annual, x.executed].flatMap((f) => (f && f.parse.kind === 'number' ? [f.parse.value] : [])));
  return {
    kind: 'project-summary',
    sheet: view.sheet,
    sheetIndex: view.index,
    range,
    title: title || '项目绩效自评汇总表',
    moneyUnit: moneyUnitOf(texts, amounts),
    headerRow,
    cols: {
      name: h.name as number,
      initial: h.initial ?? null,
      annual: h.annual ?? null,
      executed: h.executed ?? null,
      rate: h.rate ?? null,
      score: h.score ?? null,
      grade: h.grade ?? null,
    },
    rateStyle: h.rate !== undefined ? rateStyleOf(view, headerRow, h.rate, rowIdx) : 'fraction',
    rows,
  };
}

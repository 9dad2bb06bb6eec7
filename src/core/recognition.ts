// A workbook in which no table at all is recognised (SPEC §5, last paragraph) is not "free of errors":
// every face says that nothing was recognised, what each sheet seemed to hold, and what the product
// looks for. Host-free: the CLI, the task pane and the workbench call the same function.
import type { Analysis } from './engine';
import type { Scalar, Sheet, Workbook } from './grid/types';
import { cellText } from './parse/text';

/** What one sheet seemed to hold. An empty sheet has 0 rows, 0 columns and an empty sample. */
export interface SheetGlimpse {
  name: string;
  /** Rows and columns of the rectangle holding its non-empty cells. */
  rows: number;
  cols: number;
  /** Its header-like row (the first with two or more filled cells, else the first filled one), e.g. 「序号、单位、金额…」. */
  sample: string;
}

export interface NothingRecognised {
  /** Several lines: the headline, one line per sheet, what the product looks for. */
  message: string;
  /** The sheets on one line (for a summary table): 「工作表「Sheet1」：12 行 × 5 列，首行为「…」；工作表「Sheet2」：空」. */
  reason: string;
  sheets: SheetGlimpse[];
}

/** The first line of every such message: faces and tests may look for it. */
export const NOTHING_RECOGNISED = '未识别到自评表';

/** What detection looks for (SPEC §1), in the words of the templates. */
export const EXPECTED_HEADERS =
  '本工具按表头文字识别表格（不看工作表名称），例如：' +
  '项目支出 / 部门整体支出绩效自评表需有「年初预算数、全年预算数、全年执行数、执行率、得分」和「一级指标、二级指标、三级指标、年度指标值、实际完成值、分值」；' +
  '基础数据表需有「财政供养人员情况、编制数、实际在职人数、经费控制情况」；' +
  '项目绩效自评汇总表需有「项目名称、年初预算数、全年预算数、全年执行数、预算执行率、得分」；' +
  '预算执行情况表需有「预算项目、年初预算指标、已用指标、剩余指标、执行率」。' +
  '请确认选对了文件，表头文字与模板一致。';

/** Cells of a sample row shown, and characters of each. */
const SAMPLE_CELLS = 6;
const SAMPLE_CELL_CHARS = 16;
/** Sheets the message lists one per line (`sheets` and `reason` hold them all). */
const LISTED_SHEETS = 20;
/** Rows looked at for a header-like row. */
const SAMPLE_ROWS = 30;

/**
 * null when at least one table was recognised; otherwise why the workbook was not checked: what each
 * sheet seemed to hold (its size and a header-like row) and what the product looks for.
 */
export function nothingRecognised(wb: Workbook, a: Pick<Analysis, 'tables'>): NothingRecognised | null {
  if (a.tables.length > 0) return null;
  const looked = wb.sheets.map(look);
  const sheets = looked.map((l) => l.glimpse);
  const lines = looked.map((l) => l.line);
  let headline: string;
  if (sheets.length === 0) headline = `${NOTHING_RECOGNISED}：工作簿中没有工作表。`;
  else if (sheets.every((s) => s.rows === 0)) headline = `${NOTHING_RECOGNISED}：工作簿的${sheets.length === 1 ? '工作表' : ` ${sheets.length} 张工作表都`}是空的，没有可检查的内容。`;
  else headline = `${NOTHING_RECOGNISED}：工作簿中没有识别到项目支出或部门整体支出绩效自评表、项目绩效自评汇总表、基础数据表或预算执行情况表，因此没有做任何检查（这不表示表格没有问题）。`;
  const listed = lines.length > LISTED_SHEETS ? [...lines.slice(0, LISTED_SHEETS - 1), `……另有 ${lines.length - LISTED_SHEETS + 1} 张工作表`] : lines;
  const message = [headline, ...listed.map((l) => `  · ${l}`), EXPECTED_HEADERS].join('\n');
  return { message, reason: lines.join('；') || '工作簿中没有工作表', sheets };
}

/** A sheet's size and header-like row, and the line that describes it. */
function look(sheet: Sheet): { glimpse: SheetGlimpse; line: string } {
  const name = `工作表「${sheet.name}」${sheet.hidden ? '（隐藏）' : ''}`;
  let r0 = -1;
  let r1 = -1;
  let c0 = Infinity;
  let c1 = -1;
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    row.forEach((cell, c) => {
      if (!cell || isBlank(cell.v)) return;
      if (r0 < 0) r0 = r;
      r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    });
  });
  if (r0 < 0) return { glimpse: { name: sheet.name, rows: 0, cols: 0, sample: '' }, line: `${name}：空` };
  const { first, header } = sampleRows(sheet);
  const glimpse = { name: sheet.name, rows: r1 - r0 + 1, cols: c1 - c0 + 1, sample: sampleOf(texts(sheet, header)) };
  // 首行 when the sample row is the first filled row, else its row number.
  const where = header === first ? '首行' : `第 ${header + 1} 行`;
  return { glimpse, line: `${name}：${glimpse.rows} 行 × ${glimpse.cols} 列，${glimpse.sample ? `${where}为「${glimpse.sample}」` : '没有文字'}` };
}

/** The first filled row, and the header-like row: the first of the first rows with two or more filled cells, else the first filled row. */
function sampleRows(sheet: Sheet): { first: number; header: number } {
  let first = -1;
  let seen = 0;
  for (let r = 0; r < sheet.rows.length && seen < SAMPLE_ROWS; r++) {
    const n = texts(sheet, r).length;
    if (n === 0) continue;
    if (first < 0) first = r;
    seen++;
    if (n >= 2) return { first, header: r };
  }
  return { first, header: first };
}

function texts(sheet: Sheet, r: number): string[] {
  const row = sheet.rows[r];
  if (!row) return [];
  const out: string[] = [];
  for (const cell of row) if (cell && !isBlank(cell.v)) out.push(shown(cell.v));
  return out.filter((t) => t !== '');
}

function isBlank(v: Scalar): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** A cell's text on one line, without control characters (the message goes to terminals and panes), shortened. */
function shown(v: Scalar): string {
  const t = typeof v === 'number' ? String(Number(v.toPrecision(12))) : cellText(v);
  const line = t.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length > SAMPLE_CELL_CHARS ? chars.slice(0, SAMPLE_CELL_CHARS).join('') + '…' : line;
}

function sampleOf(cells: string[]): string {
  return cells.slice(0, SAMPLE_CELLS).join('、') + (cells.length > SAMPLE_CELLS ? '…' : '');
}

// Random .xlsx workbooks for the lossless properties: a realistic self-evaluation workbook (one of
// the fixture variants, or the template table with wrong stated values, so recalculation writes
// cells) plus random extras: other sheets (visible, hidden, very hidden) in a random order, cells of
// every value type (shared formulas too), number formats, fonts, fills, borders, alignment,
// protection, notes, merges, column widths, row heights and defined names.
// A recipe is plain data (fast-check shrinks it); buildWorkbook turns it into an ExcelJS workbook.
import * as ExcelJS from 'exceljs';
import fc from 'fast-check';
import { columnName } from '../../src/core/grid/address';
import type { Cell, Scalar } from '../../src/core/grid/types';
import { isErrorValue } from '../../src/core/grid/types';
import { recalc } from '../../src/core/engine';
import { excelToGrid } from '../../src/hosts/xlsx/convert';
import { GOOD_INDICATORS, projectSheet, type IndRow, type ProjectOpts, type V } from '../core/template';
import { VARIANTS } from '../fixtures/workbooks';

// ---------------------------------------------------------------------------------------------
// Values

const WORDS = ['项目支出绩效自评表', '得分', '执行率', '全年预算数', '≥95%', '35.65万元', '优', '/', '——', '合计', '备注：见附件', ''];
const CHARS = [...'项目得分率执行数预算优良 abcXYZ0123456789.,%-+=#()\'"<>&/\\\n\t'];

const text: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...WORDS.filter(Boolean)),
  fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 12 }),
  fc.string({ minLength: 1, maxLength: 8 }),
);

const number: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.1 + 0.2, 1e-10, 123456.789, 0.9167, 94.42),
);

const argb = fc.integer({ min: 0, max: 0xffffff }).map((n) => `FF${n.toString(16).toUpperCase().padStart(6, '0')}`);

const errorValue = fc.constantFrom('#N/A', '#DIV/0!', '#REF!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!').map((error) => ({ error }) as ExcelJS.CellErrorValue);

const date = fc
  .integer({ min: Date.UTC(1901, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 })
  .map((s) => new Date(s * 1000));

const richText: fc.Arbitrary<ExcelJS.CellRichTextValue> = fc
  .array(
    fc.record(
      { text, font: fc.record({ bold: fc.boolean(), color: argb.map((a) => ({ argb: a })), size: fc.integer({ min: 8, max: 20 }) }, { requiredKeys: [] }) },
      { requiredKeys: ['text'] },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((runs) => ({ richText: runs as ExcelJS.RichText[] }));

const formulaResult = fc.option(fc.oneof(number, text, fc.boolean(), errorValue), { nil: undefined });

/** A reference or two near the cell, so dependents of a shared formula translate them. */
const formulaText = fc
  .tuple(fc.constantFrom('A1', 'B2', '$C$3', 'D$4', '$E5', 'A1:B3'), fc.constantFrom('+1', '*2', '/3', ''), fc.constantFrom('', 'SUM(', 'ROUND('))
  .map(([ref, op, fn]) => (fn === 'SUM(' ? `SUM(${ref})${op}` : fn === 'ROUND(' ? `ROUND(${ref.split(':')[0]}${op},2)` : `${ref.split(':')[0]}${op || '+0'}`));

export type ValueSpec =
  | { kind: 'value'; value: ExcelJS.CellValue }
  | { kind: 'shared'; formula: string; results: (number | undefined)[] }
  | { kind: 'array'; formula: string; result: number };

const valueSpec: fc.Arbitrary<ValueSpec> = fc.oneof(
  { weight: 3, arbitrary: number.map((value) => ({ kind: 'value' as const, value })) },
  { weight: 3, arbitrary: text.map((value) => ({ kind: 'value' as const, value })) },
  { weight: 1, arbitrary: richText.map((value) => ({ kind: 'value' as const, value })) },
  { weight: 1, arbitrary: fc.boolean().map((value) => ({ kind: 'value' as const, value })) },
  { weight: 1, arbitrary: date.map((value) => ({ kind: 'value' as const, value })) },
  { weight: 1, arbitrary: errorValue.map((value) => ({ kind: 'value' as const, value })) },
  {
    weight: 1,
    arbitrary: fc.record({ text, url: fc.constantFrom('https://example.com/', 'https://czj.example.gov.cn/a?b=1') }).map(({ text: t, url }) => ({
      kind: 'value' as const,
      value: { text: t, hyperlink: url } as ExcelJS.CellHyperlinkValue,
    })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(formulaText, formulaResult).map(([formula, result]) => ({
      kind: 'value' as const,
      value: { formula, result } as ExcelJS.CellFormulaValue,
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(formulaText, fc.array(fc.option(number, { nil: undefined }), { minLength: 2, maxLength: 5 }))
      .map(([formula, results]) => ({ kind: 'shared' as const, formula, results })),
  },
  { weight: 1, arbitrary: fc.tuple(formulaText, number).map(([formula, result]) => ({ kind: 'array' as const, formula, result })) },
);

// ---------------------------------------------------------------------------------------------
// Styles and notes

const NUM_FMTS = ['0.00%', '0%', '0.00', '#,##0', '#,##0.00', '@', 'yyyy-mm-dd', '"¥"#,##0.00', '0.0"万元"', 'General', '0.00_ ;[Red]-0.00 '];
const numFmt = fc.constantFrom(...NUM_FMTS);

const font: fc.Arbitrary<Partial<ExcelJS.Font>> = fc.record(
  {
    name: fc.constantFrom('宋体', 'Arial', 'Calibri', '仿宋_GB2312'),
    size: fc.integer({ min: 8, max: 22 }),
    bold: fc.boolean(),
    italic: fc.boolean(),
    underline: fc.constantFrom(true, 'double' as const),
    strike: fc.boolean(),
    color: argb.map((a) => ({ argb: a })),
  },
  { requiredKeys: [] },
);

const fill: fc.Arbitrary<ExcelJS.Fill> = fc.oneof(
  fc.record({
    type: fc.constant('pattern' as const),
    pattern: fc.constantFrom('solid' as const, 'darkGray' as const, 'lightGrid' as const, 'gray125' as const),
    fgColor: argb.map((a) => ({ argb: a })),
    bgColor: argb.map((a) => ({ argb: a })),
  }),
  fc.tuple(argb, argb, fc.constantFrom(0, 45, 90)).map(
    ([a, b, degree]) =>
      ({
        type: 'gradient',
        gradient: 'angle',
        degree,
        stops: [
          { position: 0, color: { argb: a } },
          { position: 1, color: { argb: b } },
        ],
      }) as ExcelJS.Fill,
  ),
);

const edge: fc.Arbitrary<Partial<ExcelJS.Border>> = fc.record(
  { style: fc.constantFrom('thin' as const, 'medium' as const, 'dashed' as const, 'double' as const, 'thick' as const), color: argb.map((a) => ({ argb: a })) },
  { requiredKeys: ['style'] },
);

const border: fc.Arbitrary<Partial<ExcelJS.Borders>> = fc.record({ top: edge, left: edge, bottom: edge, right: edge }, { requiredKeys: [] });

const alignment: fc.Arbitrary<Partial<ExcelJS.Alignment>> = fc.record(
  {
    horizontal: fc.constantFrom('left' as const, 'center' as const, 'right' as const, 'fill' as const, 'justify' as const, 'centerContinuous' as const, 'distributed' as const),
    vertical: fc.constantFrom('top' as const, 'middle' as const, 'bottom' as const, 'distributed' as const, 'justify' as const),
    wrapText: fc.boolean(),
    indent: fc.integer({ min: 0, max: 4 }),
    textRotation: fc.constantFrom(0, 45, 90, -45, 'vertical' as const),
  },
  { requiredKeys: [] },
);

const protection: fc.Arbitrary<Partial<ExcelJS.Protection>> = fc.record({ locked: fc.boolean(), hidden: fc.boolean() }, { requiredKeys: [] });

const note: fc.Arbitrary<string | ExcelJS.Comment> = fc.oneof(
  text,
  fc.array(fc.record({ text, font: fc.record({ bold: fc.boolean(), size: fc.integer({ min: 8, max: 12 }) }) }), { minLength: 1, maxLength: 2 }).map(
    (texts) => ({ texts }) as unknown as ExcelJS.Comment,
  ),
);

export interface StyleSpec {
  numFmt?: string;
  font?: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  border?: Partial<ExcelJS.Borders>;
  alignment?: Partial<ExcelJS.Alignment>;
  protection?: Partial<ExcelJS.Protection>;
  note?: string | ExcelJS.Comment;
}

const styleSpec = (withNumFmt: boolean): fc.Arbitrary<StyleSpec> =>
  fc.record(
    {
      ...(withNumFmt ? { numFmt } : {}),
      font,
      fill,
      border,
      alignment,
      protection,
      note,
    },
    { requiredKeys: [] },
  );

// ---------------------------------------------------------------------------------------------
// Recipes

export interface CellSpec {
  row: number;
  col: number;
  value?: ValueSpec;
  style: StyleSpec;
}

export interface RectSpec {
  row: number;
  col: number;
  height: number;
  width: number;
}

/** Sheet settings beside the cells: frozen panes, tab colour, print setup, validation, conditional formats. */
export interface SheetSettings {
  frozen?: { rows: number; cols: number };
  tabColor?: string;
  zoom?: number;
  pageSetup?: {
    orientation?: 'landscape' | 'portrait';
    paperSize?: number;
    scale?: number;
    fitToPage?: boolean;
    printArea?: string;
    printTitlesRow?: string;
    horizontalCentered?: boolean;
    firstPageNumber?: number;
    cellComments?: 'atEnd' | 'None';
  };
  footer?: string;
  validation?: { row: number; col: number; list: string[] };
  conditional?: { row: number; col: number; above: number; color: string };
}

export interface SheetExtras {
  settings: SheetSettings;
  cells: CellSpec[];
  merges: RectSpec[];
  widths: { col: number; width: number; hidden: boolean }[];
  heights: { row: number; height: number; hidden: boolean }[];
}

export type BaseSpec = { kind: 'variant'; index: number } | { kind: 'template'; opts: ProjectOpts };

export interface Recipe {
  base: BaseSpec;
  /** Styles, notes and number formats for the cells recalculation writes (the i-th written cell takes the i-th, cyclically). */
  writtenStyles: StyleSpec[];
  /** Styles, notes and number formats on the tables' own cells: values untouched. */
  tableStyles: { sheet: number; row: number; col: number; style: StyleSpec }[];
  /** Values and styles beside the tables (column P onwards), merges there, sizes anywhere. */
  beside: { sheet: number; extras: SheetExtras }[];
  sheets: { name: string; state: 'visible' | 'hidden' | 'veryHidden'; extras: SheetExtras }[];
  /** Hides base sheets (never all of them). */
  hideBase: ('visible' | 'hidden' | 'veryHidden')[];
  /** One sort key per sheet: the sheet order. */
  order: number[];
  /** Workbook-scoped names of ranges (ExcelJS can write no other kind: see package.test.ts). */
  names: { name: string; sheet: number; rect: RectSpec }[];
}

const cellSpec = (rows: [number, number], cols: [number, number]): fc.Arbitrary<CellSpec> =>
  fc.record({
    row: fc.integer({ min: rows[0], max: rows[1] }),
    col: fc.integer({ min: cols[0], max: cols[1] }),
    value: fc.option(valueSpec, { nil: undefined, freq: 5 }),
    style: styleSpec(true),
  });

const rectSpec = (rows: [number, number], cols: [number, number]): fc.Arbitrary<RectSpec> =>
  fc.record({
    row: fc.integer({ min: rows[0], max: rows[1] }),
    col: fc.integer({ min: cols[0], max: cols[1] }),
    height: fc.integer({ min: 1, max: 3 }),
    width: fc.integer({ min: 1, max: 3 }),
  });

const settings = (rows: [number, number], cols: [number, number]): fc.Arbitrary<SheetSettings> =>
  fc.record(
    {
      frozen: fc.record({ rows: fc.nat(3), cols: fc.nat(2) }),
      tabColor: argb,
      zoom: fc.constantFrom(50, 85, 100, 150),
      pageSetup: fc.record(
        {
          orientation: fc.constantFrom('landscape' as const, 'portrait' as const),
          paperSize: fc.constantFrom(9, 8, 11),
          scale: fc.integer({ min: 10, max: 400 }),
          fitToPage: fc.boolean(),
          printArea: fc.constantFrom('A1:I30', 'A1:D10'),
          printTitlesRow: fc.constantFrom('1:1', '1:3'),
          horizontalCentered: fc.boolean(),
          firstPageNumber: fc.integer({ min: 1, max: 9 }),
          cellComments: fc.constantFrom('atEnd' as const, 'None' as const),
        },
        { requiredKeys: [] },
      ),
      footer: fc.constantFrom('&C第 &P 页，共 &N 页', '&L&"宋体,常规"制表：&R&D'),
      validation: fc.record({
        row: fc.integer({ min: rows[0], max: rows[1] }),
        col: fc.integer({ min: cols[0], max: cols[1] }),
        list: fc.array(fc.constantFrom('优', '良', '中', '差'), { minLength: 1, maxLength: 4 }),
      }),
      conditional: fc.record({
        row: fc.integer({ min: rows[0], max: rows[1] }),
        col: fc.integer({ min: cols[0], max: cols[1] }),
        above: fc.integer({ min: 0, max: 100 }),
        color: argb,
      }),
    },
    { requiredKeys: [] },
  );

const extras = (rows: [number, number], cols: [number, number], sizeCols: [number, number]): fc.Arbitrary<SheetExtras> =>
  fc.record({
    settings: settings(rows, cols),
    cells: fc.array(cellSpec(rows, cols), { maxLength: 14 }),
    merges: fc.array(rectSpec(rows, cols), { maxLength: 3 }),
    widths: fc.array(
      fc.record({
        col: fc.integer({ min: sizeCols[0], max: sizeCols[1] }),
        width: fc.integer({ min: 200, max: 8000 }).map((n) => n / 100),
        hidden: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
    heights: fc.array(
      fc.record({ row: fc.integer({ min: 1, max: rows[1] }), height: fc.integer({ min: 6, max: 80 }).map((n) => n * 1.5), hidden: fc.boolean() }),
      { maxLength: 4 },
    ),
  });

/** Values a stated cell of the template may hold: right, wrong, text, blank, with formats. */
const stated: fc.Arbitrary<V> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 120 }),
  fc.double({ min: 0, max: 120, noNaN: true }).map((x) => Math.round(x * 1000) / 1000),
  fc.constantFrom('7.5', '95%', '约十分', '/', '９.５', '(12.5)', ' TRUE', '#n/a', '=A1', "'7"),
  fc.constantFrom('0.00%', '0.0%', '0.00', '@').map((fmt): Cell => ({ v: null, fmt })),
  fc.tuple(fc.double({ min: 0, max: 2, noNaN: true }), fc.constantFrom('0.00%', '0%', '0.0%', '0.00')).map(([v, fmt]): Cell => ({ v: Math.round(v * 1e4) / 1e4, fmt })),
);

const templateOpts: fc.Arbitrary<ProjectOpts> = fc.record(
  {
    initial: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
    annual: fc.integer({ min: 1, max: 500 }),
    executed: fc.integer({ min: 0, max: 600 }),
    weight: fc.constantFrom(10, 20, '10'),
    rate: stated,
    score: stated,
    indicators: fc.array(stated, { minLength: GOOD_INDICATORS.length, maxLength: GOOD_INDICATORS.length }).map((scores): IndRow[] =>
      GOOD_INDICATORS.map((r, i) => (scores[i] === null && i % 2 ? r : { ...r, score: scores[i] })),
    ),
    total: fc.record({ score: stated, grade: fc.constantFrom('优', '良', '中', '差', null) }, { requiredKeys: ['score'] }),
  },
  { requiredKeys: ['annual', 'executed', 'rate', 'score', 'indicators'] },
);

const baseSpec: fc.Arbitrary<BaseSpec> = fc.oneof(
  fc.nat(VARIANTS.length - 1).map((index) => ({ kind: 'variant' as const, index })),
  templateOpts.map((opts) => ({ kind: 'template' as const, opts })),
);

const SHEET_NAMES = ['说明', 'Data 1', "O'Brien", '附表(2)', 'x', '隐藏 表', 'Sheet1', '2023', '备注-附件', 'A1'];
const state = fc.constantFrom('visible' as const, 'hidden' as const, 'veryHidden' as const);

export const recipeArb: fc.Arbitrary<Recipe> = fc.record({
  base: baseSpec,
  writtenStyles: fc.array(styleSpec(true), { maxLength: 6 }),
  tableStyles: fc.array(
    fc.record({ sheet: fc.nat(4), row: fc.integer({ min: 1, max: 30 }), col: fc.integer({ min: 1, max: 12 }), style: styleSpec(true) }),
    { maxLength: 12 },
  ),
  beside: fc.array(fc.record({ sheet: fc.nat(4), extras: extras([1, 40], [16, 22], [1, 22]) }), { maxLength: 2 }),
  sheets: fc.array(
    fc.record({ name: fc.constantFrom(...SHEET_NAMES), state, extras: extras([1, 20], [1, 8], [1, 8]) }),
    { maxLength: 3 },
  ),
  hideBase: fc.array(state, { maxLength: 5 }),
  order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }),
  names: fc.array(
    fc.record({
      name: fc.stringMatching(/^[a-z]{1,6}$/).map((s) => `nm_${s}`),
      sheet: fc.nat(8),
      rect: rectSpec([1, 30], [1, 10]),
    }),
    { maxLength: 4 },
  ),
});

// ---------------------------------------------------------------------------------------------
// Building

function excelValue(v: Scalar): ExcelJS.CellValue {
  if (v === null) return null;
  if (isErrorValue(v)) return { error: v.error } as ExcelJS.CellErrorValue;
  return v;
}

/** The template table (a grid model) written into a new ExcelJS workbook. */
export function templateWorkbook(opts: ProjectOpts): ExcelJS.Workbook {
  const sheet = projectSheet(opts);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.name);
  sheet.rows.forEach((row, r) =>
    row.forEach((c, col) => {
      if (!c) return;
      const cell = ws.getCell(r + 1, col + 1);
      cell.value = c.f !== undefined ? ({ formula: c.f, result: excelValue(c.v) ?? undefined } as ExcelJS.CellFormulaValue) : excelValue(c.v);
      if (c.fmt) cell.numFmt = c.fmt;
    }),
  );
  for (const m of sheet.merges) ws.mergeCells(m.r0 + 1, m.c0 + 1, m.r1 + 1, m.c1 + 1);
  return wb;
}

function applyStyle(cell: ExcelJS.Cell, s: StyleSpec): void {
  if (s.numFmt !== undefined) cell.numFmt = s.numFmt;
  if (s.font) cell.font = s.font;
  if (s.fill) cell.fill = s.fill;
  if (s.border) cell.border = s.border;
  if (s.alignment) cell.alignment = s.alignment;
  if (s.protection) cell.protection = s.protection;
  if (s.note !== undefined) cell.note = s.note;
}

function isMerged(ws: ExcelJS.Worksheet, row: number, col: number): boolean {
  return (ws.getCell(row, col).type as number) === 1 || ws.getCell(row, col).isMerged;
}

/** Part of a shared or array formula range: left alone, so no dependent loses its master. */
function inFormulaRange(ws: ExcelJS.Worksheet, row: number, col: number): boolean {
  const v = ws.getCell(row, col).value as { sharedFormula?: string; shareType?: string } | null;
  return Boolean(v && typeof v === 'object' && (v.sharedFormula || v.shareType));
}

function applySettings(ws: ExcelJS.Worksheet, s: SheetSettings): void {
  if (s.frozen || s.zoom) {
    const view: Partial<ExcelJS.WorksheetView> = s.frozen
      ? { state: 'frozen', xSplit: s.frozen.cols, ySplit: s.frozen.rows, zoomScale: s.zoom }
      : { state: 'normal', zoomScale: s.zoom };
    ws.views = [view as ExcelJS.WorksheetView];
  }
  if (s.tabColor) ws.properties.tabColor = { argb: s.tabColor };
  if (s.pageSetup) {
    const { printArea, printTitlesRow, ...rest } = s.pageSetup;
    Object.assign(ws.pageSetup, rest);
    // ExcelJS writes a print area or titles of a sheet named with an apostrophe unescaped, a file it
    // cannot read back itself (known-losses.test.ts): no such input here.
    if (!ws.name.includes("'")) Object.assign(ws.pageSetup, { printArea, printTitlesRow });
  }
  if (s.footer) ws.headerFooter.oddFooter = s.footer;
  if (s.validation) {
    const v = s.validation;
    ws.getCell(v.row, v.col).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${v.list.join(',')}"`] };
  }
  if (s.conditional) {
    const c = s.conditional;
    const ref = `${columnName(c.col - 1)}${c.row}:${columnName(c.col)}${c.row + 2}`;
    ws.addConditionalFormatting({
      ref,
      rules: [
        {
          type: 'cellIs',
          operator: 'greaterThan',
          formulae: [String(c.above)],
          priority: 1,
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: c.color } } },
        } as ExcelJS.ConditionalFormattingRule,
      ],
    });
  }
}

function applyExtras(ws: ExcelJS.Worksheet, x: SheetExtras): void {
  applySettings(ws, x.settings);
  for (const c of x.cells) {
    if (isMerged(ws, c.row, c.col) || inFormulaRange(ws, c.row, c.col)) continue;
    const cell = ws.getCell(c.row, c.col);
    const v = c.value;
    if (v?.kind === 'value') cell.value = v.value;
    else if (v?.kind === 'array') {
      cell.value = { formula: v.formula, result: v.result, shareType: 'array', ref: cell.address } as unknown as ExcelJS.CellValue;
    } else if (v?.kind === 'shared') {
      // A master and its dependents down the column, none of them merged.
      const n = v.results.length;
      let ok = true;
      for (let i = 0; i < n; i++) if (isMerged(ws, c.row + i, c.col) || inFormulaRange(ws, c.row + i, c.col)) ok = false;
      if (ok) {
        const ref = `${cell.address}:${columnName(c.col - 1)}${c.row + n - 1}`;
        cell.value = { formula: v.formula, result: v.results[0], shareType: 'shared', ref } as unknown as ExcelJS.CellValue;
        for (let i = 1; i < n; i++) {
          ws.getCell(c.row + i, c.col).value = { sharedFormula: cell.address, result: v.results[i] } as unknown as ExcelJS.CellValue;
        }
      }
    }
    applyStyle(cell, c.style);
  }
  for (const m of x.merges) {
    if (m.height === 1 && m.width === 1) continue;
    let free = true;
    for (let r = m.row; r < m.row + m.height; r++) {
      for (let c = m.col; c < m.col + m.width; c++) {
        // Never across a shared or array formula range.
        if (ws.getCell(r, c).isMerged || inFormulaRange(ws, r, c)) free = false;
      }
    }
    if (free) ws.mergeCells(m.row, m.col, m.row + m.height - 1, m.col + m.width - 1);
  }
  for (const w of x.widths) {
    const col = ws.getColumn(w.col);
    col.width = w.width;
    if (w.hidden) col.hidden = true;
  }
  for (const h of x.heights) {
    const row = ws.getRow(h.row);
    row.height = h.height;
    if (h.hidden) row.hidden = true;
  }
}

/** A1 reference of a rectangle, sheet name always quoted. */
function rangeRef(sheet: string, r: RectSpec): string {
  const a = `$${columnName(r.col - 1)}$${r.row}`;
  const b = `$${columnName(r.col + r.width - 2)}$${r.row + r.height - 1}`;
  return `'${sheet.replace(/'/g, "''")}'!${a === b ? a : `${a}:${b}`}`;
}

export function buildWorkbook(recipe: Recipe): ExcelJS.Workbook {
  const wb = recipe.base.kind === 'variant' ? VARIANTS[recipe.base.index].build() : templateWorkbook(recipe.base.opts);
  const base = wb.worksheets.slice();
  for (const t of recipe.tableStyles) {
    const ws = base[t.sheet % base.length];
    if (isMerged(ws, t.row, t.col) && ws.getCell(t.row, t.col).master.address !== ws.getCell(t.row, t.col).address) continue;
    applyStyle(ws.getCell(t.row, t.col), t.style);
  }
  for (const b of recipe.beside) applyExtras(base[b.sheet % base.length], b.extras);
  const taken = new Set(wb.worksheets.map((w) => w.name.toLowerCase()));
  for (const s of recipe.sheets) {
    let name = s.name;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${s.name} ${i}`;
    taken.add(name.toLowerCase());
    const ws = wb.addWorksheet(name);
    applyExtras(ws, s.extras);
    ws.state = s.state;
  }
  base.forEach((ws, i) => {
    const st = recipe.hideBase[i];
    if (st && st !== 'visible') ws.state = st;
  });
  // Excel needs one visible sheet.
  if (!wb.worksheets.some((ws) => ws.state === 'visible')) base[0].state = 'visible';
  const sheets = wb.worksheets;
  const keyed = sheets.map((ws, i) => ({ ws, key: recipe.order[i % recipe.order.length] + i * 1e-9 }));
  keyed.sort((a, b) => a.key - b.key);
  // ExcelJS lists (and writes) worksheets by orderNo.
  keyed.forEach(({ ws }, i) => ((ws as unknown as { orderNo: number }).orderNo = i + 1));
  const names = new Set<string>();
  for (const n of recipe.names) {
    if (names.has(n.name)) continue;
    names.add(n.name);
    const ws = sheets[n.sheet % sheets.length];
    wb.definedNames.add(rangeRef(ws.name, n.rect), n.name);
  }
  if (recipe.writtenStyles.length) {
    // Style the very cells recalculation is going to write (as it sees this workbook now).
    recalc(excelToGrid(wb)).changes.changes.forEach((ch, i) => {
      const cell = wb.getWorksheet(ch.sheet)!.getCell(ch.row + 1, ch.col + 1);
      applyStyle(cell, recipe.writtenStyles[i % recipe.writtenStyles.length]);
    });
  }
  return wb;
}

/** Short description of a recipe for failure messages. */
export function describeBase(recipe: Recipe): string {
  return recipe.base.kind === 'variant' ? `variant ${VARIANTS[recipe.base.index].name}` : 'template table';
}

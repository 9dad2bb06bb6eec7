// Pure cell-level rules of the emulation: addresses as Excel prints them, what Range.values /
// formulas / valueTypes / numberFormat return for a model cell, and how a written value is
// turned into a cell the way Excel's typing rules would.
import { address, rangeAddress } from '../../core/grid/address';
import type { Cell, Rect, Scalar } from '../../core/grid/types';
import { isErrorValue } from '../../core/grid/types';

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
/** Excel's limit on the cells of one range read or write. */
export const CELL_LIMIT = 5_000_000;
/** Excel's limit on the characters of one cell. */
export const MAX_TEXT = 32_767;

export type ExcelScalar = string | number | boolean;
export type ValueType = 'Empty' | 'String' | 'Double' | 'Boolean' | 'Error';

// ---- addresses ----

function colIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

function parseCellRef(s: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(s);
  if (!m) return null;
  const row = Number(m[2]) - 1;
  const col = colIndex(m[1]);
  if (row < 0 || row >= MAX_ROWS || col >= MAX_COLS) return null;
  return { row, col };
}

/** 'A1', '$B$2', 'A1:C3' (corners in any order, as Excel normalises them) → Rect; null if not one. */
export function parseA1Range(text: string): Rect | null {
  const parts = text.trim().split(':');
  if (parts.length > 2) return null;
  const a = parseCellRef(parts[0]);
  const b = parts.length === 2 ? parseCellRef(parts[1]) : a;
  if (!a || !b) return null;
  return {
    r0: Math.min(a.row, b.row),
    c0: Math.min(a.col, b.col),
    r1: Math.max(a.row, b.row),
    c1: Math.max(a.col, b.col),
  };
}

/** Splits an optional sheet prefix off a reference: "'附件 3'!A1" → { sheet: '附件 3', ref: 'A1' }. */
export function splitSheetPrefix(text: string): { sheet?: string; ref: string } | null {
  const t = text.trim();
  if (t.startsWith("'")) {
    const m = /^'((?:[^']|'')+)'!(.+)$/.exec(t);
    return m ? { sheet: m[1].replace(/''/g, "'"), ref: m[2] } : null;
  }
  const i = t.lastIndexOf('!');
  return i < 0 ? { ref: t } : { sheet: t.slice(0, i), ref: t.slice(i + 1) };
}

/**
 * Excel quotes a sheet name in an address when it has anything but letters (any script), digits,
 * '_' and '.', starts with a digit, or could be read as an A1 or R1C1 reference.
 */
export function quoteSheetName(name: string): string {
  const plain =
    /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^(R\d*C?\d*|C\d*)$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function fullAddress(sheetName: string, rect: Rect): string {
  return `${quoteSheetName(sheetName)}!${rangeAddress(rect)}`;
}

export function cellCount(rect: Rect): number {
  return (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

export function contains(a: Rect, row: number, col: number): boolean {
  return row >= a.r0 && row <= a.r1 && col >= a.c0 && col <= a.c1;
}

/** Key of a cell in EmulatedWorkbook.fills and .formats: "Sheet!A1", the sheet name never quoted. */
export function fillKey(sheetName: string, row: number, col: number): string {
  return `${sheetName}!${address(row, col)}`;
}

// ---- reading ----

export function isEmptyCell(c: Cell | undefined): boolean {
  return !c || (c.f === undefined && (c.v === null || c.v === ''));
}

export function readValue(c: Cell | undefined): ExcelScalar {
  if (!c || c.v === null) return '';
  return isErrorValue(c.v) ? c.v.error : c.v;
}

export function readFormula(c: Cell | undefined): ExcelScalar {
  return c && c.f !== undefined ? `=${c.f}` : readValue(c);
}

export function readValueType(c: Cell | undefined): ValueType {
  const v = c ? c.v : null;
  if (v === null || v === '') return 'Empty';
  if (isErrorValue(v)) return 'Error';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return 'String';
}

export function readNumberFormat(c: Cell | undefined): string {
  return c?.fmt ?? 'General';
}

// ---- writing ----

export class InputError extends Error {
  constructor(
    readonly kind: 'argument' | 'operation',
    message: string,
  ) {
    super(message);
  }
}

/** Returned for a null entry: Excel leaves that cell as it is. */
export const SKIP = Symbol('skip');

const ERROR_TEXTS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
]);

function withFmt(v: Scalar, fmt: string | undefined, f?: string): Cell {
  const c: Cell = { v };
  if (f !== undefined) c.f = f;
  if (fmt !== undefined) c.fmt = fmt;
  return c;
}

/** A typed-in number as Excel recognises it, with the format Excel gives a General cell. */
export function parseTypedNumber(text: string): { value: number; fmt?: string } | null {
  let s = text.trim();
  let negate = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    s = paren[1].trim();
    negate = true;
    if (/^[+-]/.test(s)) return null;
  }
  const m = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?(%)?$/.exec(s);
  if (!m) return null;
  const [, sign = '', int = '', frac, exp, pct] = m;
  if (int === '' && !frac) return null;
  const shift = (exp ? Number(exp) : 0) - (pct ? 2 : 0);
  // Build the decimal string and let Number round once: '33.3%' → 0.333, not 0.33299999999999996.
  let value = Number(`${sign}${int.replace(/,/g, '') || '0'}.${frac || '0'}e${shift}`);
  if (!Number.isFinite(value)) return null;
  if (negate) value = -value;
  if (value === 0) value = 0; // no -0
  let fmt: string | undefined;
  if (pct) fmt = frac ? '0.00%' : '0%';
  else if (exp) fmt = '0.00E+00';
  else if (int.includes(',')) fmt = frac ? '#,##0.00' : '#,##0';
  return { value, fmt };
}

/** 'yyyy-m-d' or 'yyyy/m/d' → Excel date serial (zh-CN short date format); others stay text. */
export function parseTypedDate(text: string): number | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  const serial = Math.round((t - Date.UTC(1899, 11, 30)) / 86_400_000);
  // Before 1900-03-01 Excel's serials carry the 1900 leap-year bug: not worth emulating.
  return serial >= 61 && y <= 9999 ? serial : null;
}

/** A cheap sanity check: Excel rejects a formula with unbalanced parentheses or quotes. */
function formulaLooksValid(body: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = null; // a doubled quote closes and reopens: still balanced
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0 && quote === null && body.trim() !== '';
}

export interface WrittenCell {
  cell: Cell | undefined;
  /** Set for a formula: its text without "=". */
  formula?: string;
}

/**
 * What a cell becomes when `input` is written to it through Range.values or Range.formulas
 * (Excel applies the same typing rules to both). SKIP for null: the cell is left alone.
 */
export function cellFromInput(input: unknown, prev: Cell | undefined): WrittenCell | typeof SKIP {
  if (input === null || input === undefined) return SKIP;
  const fmt = prev?.fmt;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new InputError('argument', 'Numbers must be finite.');
    return { cell: withFmt(input === 0 ? 0 : input, fmt) };
  }
  if (typeof input === 'boolean') return { cell: withFmt(input, fmt) };
  if (typeof input !== 'string') throw new InputError('argument', `Unsupported cell value of type ${typeof input}.`);
  if (input.length > MAX_TEXT) throw new InputError('argument', `Text longer than ${MAX_TEXT} characters.`);
  if (input === '' || input === "'") return { cell: fmt !== undefined ? { v: null, fmt } : undefined };
  // The apostrophe is a prefix character whatever the format: Excel drops it and keeps text.
  if (input.startsWith("'")) return { cell: withFmt(input.slice(1), fmt) };
  // A text-formatted cell takes anything else literally, even '=…'.
  if (fmt === '@') return { cell: withFmt(input, fmt) };
  if (input.startsWith('=')) {
    const body = input.slice(1);
    if (!formulaLooksValid(body)) throw new InputError('argument', `Invalid formula: ${input}`);
    // The cached result until the sync's calculation (calc.ts) computes it: a cell that already held a
    // formula keeps its old one, a new formula cell has none (null), which is what stays where the
    // formula cannot be evaluated.
    const cached = prev && prev.f !== undefined ? prev.v : null;
    return { cell: withFmt(cached, fmt, body), formula: body };
  }
  const upper = input.trim().toUpperCase();
  if (ERROR_TEXTS.has(upper)) return { cell: withFmt({ error: upper }, fmt) };
  if (upper === 'TRUE' || upper === 'FALSE') return { cell: withFmt(upper === 'TRUE', fmt) };
  const num = parseTypedNumber(input);
  if (num) return { cell: withFmt(num.value, fmt ?? num.fmt) };
  const date = parseTypedDate(input);
  if (date !== null) return { cell: withFmt(date, fmt ?? 'yyyy/m/d') };
  return { cell: withFmt(input, fmt) };
}

/** What a cell becomes when Range.numberFormat writes `input` to it. */
export function cellFromFormat(input: unknown, prev: Cell | undefined): Cell | undefined | typeof SKIP {
  if (input === null || input === undefined) return SKIP;
  if (typeof input !== 'string') throw new InputError('argument', 'A number format must be a string.');
  const general = input === '' || input.toLowerCase() === 'general';
  if (general) {
    if (!prev || prev.fmt === undefined) return prev;
    const { fmt: _drop, ...rest } = prev;
    return isEmptyCell(rest) ? undefined : rest;
  }
  return prev ? { ...prev, fmt: input } : { v: null, fmt: input };
}

// ---- colours ----

const NAMED_COLOURS: Record<string, string> = {
  black: '#000000',
  white: '#FFFFFF',
  red: '#FF0000',
  green: '#008000',
  lime: '#00FF00',
  blue: '#0000FF',
  yellow: '#FFFF00',
  orange: '#FFA500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
  pink: '#FFC0CB',
  cyan: '#00FFFF',
  magenta: '#FF00FF',
};

/** '#ffc7ce' → '#FFC7CE'; HTML colour names too, as Excel accepts them; null if neither. */
export function normaliseColour(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const s = input.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(s)) return s.toUpperCase();
  return NAMED_COLOURS[s.toLowerCase()] ?? null;
}

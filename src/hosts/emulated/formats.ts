// Pure rules for the cell formats the emulation keeps beside the cells (EmulatedWorkbook.formats,
// columnWidths, rowHeights): sheet names Excel accepts, what each RangeFormat / RangeFont property
// accepts and reads as by default, and an estimate of Range.format.autofitRows().
import { InputError } from './cells';

export type VerticalAlignment = 'Top' | 'Center' | 'Bottom' | 'Justify' | 'Distributed';
export type HorizontalAlignment =
  | 'General'
  | 'Left'
  | 'Center'
  | 'Right'
  | 'Fill'
  | 'Justify'
  | 'CenterAcrossSelection'
  | 'Distributed';

export const VERTICAL_ALIGNMENTS: readonly VerticalAlignment[] = ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'];
export const HORIZONTAL_ALIGNMENTS: readonly HorizontalAlignment[] = [
  'General',
  'Left',
  'Center',
  'Right',
  'Fill',
  'Justify',
  'CenterAcrossSelection',
  'Distributed',
];

/**
 * One cell's format beyond its number format and fill. Only what differs from the default is
 * stored: an absent property reads as the default (EmulatedWorkbook.defaultFont, no wrap,
 * 'Bottom', 'General'), and a cell with nothing left has no entry.
 */
export interface CellFormat {
  bold?: boolean;
  /** Font size in points. */
  size?: number;
  fontName?: string;
  /** '#RRGGBB'. */
  fontColor?: string;
  wrap?: boolean;
  verticalAlignment?: VerticalAlignment;
  horizontalAlignment?: HorizontalAlignment;
}

export type FormatProp = keyof CellFormat;

export interface FontDefaults {
  name: string;
  size: number;
  /** '#RRGGBB' */
  color: string;
}

/** What an unformatted cell reads as, for each property. */
export function formatDefault(prop: FormatProp, font: FontDefaults): CellFormat[FormatProp] {
  switch (prop) {
    case 'bold':
      return false;
    case 'size':
      return font.size;
    case 'fontName':
      return font.name;
    case 'fontColor':
      return font.color;
    case 'wrap':
      return false;
    case 'verticalAlignment':
      return 'Bottom';
    case 'horizontalAlignment':
      return 'General';
  }
}

/** `prev` with `prop` set to `value`; the default removes the property; undefined when nothing is left. */
export function withFormat<K extends FormatProp>(
  prev: CellFormat | undefined,
  prop: K,
  value: CellFormat[K],
  font: FontDefaults,
): CellFormat | undefined {
  const next: CellFormat = { ...(prev ?? {}) };
  if (value === formatDefault(prop, font)) delete next[prop];
  else next[prop] = value;
  return Object.keys(next).length ? next : undefined;
}

export function sameFormat(a: CellFormat | undefined, b: CellFormat | undefined): boolean {
  const ka = a ? Object.keys(a) : [];
  const kb = b ? Object.keys(b) : [];
  if (ka.length !== kb.length) return false;
  return ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

// ---- argument checks (InputError 'argument' becomes InvalidArgument at the property) ----

export function checkBoolean(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') throw new InputError('argument', `${what} must be true or false.`);
  return v;
}

/** Excel's font sizes: 1 to 409 points. */
export function checkFontSize(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 1 || v > 409) {
    throw new InputError('argument', `Invalid font size: ${String(v)}`);
  }
  return v;
}

/** A font name: non-empty, at most 31 characters (as Excel documents). */
export function checkFontName(v: unknown): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > 31) {
    throw new InputError('argument', `Invalid font name: ${String(v)}`);
  }
  return v;
}

export function checkEnum<T extends string>(v: unknown, allowed: readonly T[], what: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new InputError('argument', `Invalid ${what}: ${String(v)}`);
  }
  return v as T;
}

/** Column width in points: 0 (hidden) up to Excel's 255 characters. */
export function checkColumnWidth(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_COLUMN_WIDTH) {
    throw new InputError('argument', `Invalid column width: ${String(v)}`);
  }
  return v;
}

/** Row height in points: 0 (hidden) to 409. */
export function checkRowHeight(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_ROW_HEIGHT) {
    throw new InputError('argument', `Invalid row height: ${String(v)}`);
  }
  return v;
}

/** 255 characters of the default font (7 px digits + 5 px padding, at 0.75 pt a pixel). */
export const MAX_COLUMN_WIDTH = (255 * 7 + 5) * 0.75;
export const MAX_ROW_HEIGHT = 409;

// ---- sheet names ----

/** Why Excel refuses a sheet name, or null if it takes it. */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === '') return 'A sheet name cannot be blank.';
  if (name.length > 31) return 'A sheet name cannot be longer than 31 characters.';
  if (/[:\\/?*[\]]/.test(name)) return 'A sheet name cannot contain : \\ / ? * [ or ].';
  if (name.startsWith("'") || name.endsWith("'")) return 'A sheet name cannot begin or end with an apostrophe.';
  return null;
}

// ---- keys of the side structures ----

/** Key of a row in EmulatedWorkbook.rowHeights: "Sheet!3" (1-based, as Excel numbers rows). */
export function rowKey(sheetName: string, row: number): string {
  return `${sheetName}!${row + 1}`;
}

/** True if `key` ("Sheet!…") belongs to that sheet, not to one whose name extends it with '!…'. */
export function keyOfSheet(key: string, sheetName: string): boolean {
  return key.startsWith(`${sheetName}!`) && !key.slice(sheetName.length + 1).includes('!');
}

// ---- autofit (emulation: an estimate, not Excel's font metrics) ----

/** Points of one line of text in a font of `size` points: Calibri 11 → 15, 12 → 15.75, 16 → 21. */
export function lineHeight(size: number): number {
  return Math.ceil((size * 1.31) / 0.75) * 0.75;
}

function charWidth(code: number, size: number): number {
  // East Asian wide characters take a full em; Latin text about half of one.
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000;
  return wide ? size : size * 0.55;
}

/** Estimated width of `text` in points. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0) as number, size);
  return w;
}

/**
 * Lines a cell's text takes: with wrap, its paragraphs broken at the column's width (less Excel's
 * cell padding); without, one line.
 */
export function lineCount(text: string, size: number, wrap: boolean, columnWidth: number): number {
  if (!wrap || text === '') return 1;
  const room = Math.max(columnWidth - 3.75, size);
  let lines = 0;
  for (const para of text.split(/\r?\n/)) lines += Math.max(1, Math.ceil(textWidth(para, size) / room - 1e-9));
  return lines;
}

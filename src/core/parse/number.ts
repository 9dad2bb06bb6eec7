// §2: numbers as they arrive in cells: numbers, or text such as "35.65万元", "1,913,200.00",
// "89.12%", "８９．１２％". A cell that must be a number and is not is reported, never read as 0.
import { decimalsOf, formatDecimals, isPercentFormat } from '../num/decimal';
import { isErrorValue, type Cell, type Scalar } from '../grid/types';
import { halfWidth, isPlaceholder } from './text';

export type AmountParse =
  | {
      kind: 'number';
      /** The number as a fraction when it is a percentage (text "89.12%" or a %-formatted cell). */
      value: number;
      /** Text with "%", or a cell with a percent number format. */
      percent: boolean;
      /** Money unit the text states. */
      money?: '万元' | '元';
      /** Decimals the user sees, in the units shown (percent units for percentages). */
      decimals: number;
      /** True when the number came from text rather than a numeric cell. */
      fromText: boolean;
    }
  | { kind: 'blank' }
  | { kind: 'na' }
  | { kind: 'invalid'; shown: string };

const NUMBER_TEXT =
  /^([+-]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(%|百分比|万元|元|人|个|次|㎡|平方米|项|份|件|户|家|天|小时|分)?$/;

// Results by text (hot: every numeric field of every table, every analysis). Shared, so frozen.
const PARSED = new Map<string, AmountParse>();
const PARSED_LIMIT = 50_000;

/** Parses text that should hold one amount. */
export function parseNumberText(raw: string): AmountParse {
  let p = PARSED.get(raw);
  if (!p) {
    p = Object.freeze(parseNumberTextOnce(raw));
    if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
    PARSED.set(raw, p);
  }
  return p;
}

function parseNumberTextOnce(raw: string): AmountParse {
  const s = halfWidth(raw).replace(/[\s\u00a0]+/g, '').replace(/^[¥￥]/, '');
  if (isPlaceholder(s)) return s === '' ? { kind: 'blank' } : { kind: 'na' };
  const m = NUMBER_TEXT.exec(s);
  if (!m) return { kind: 'invalid', shown: raw.trim() };
  const digits = m[2].replace(/,/g, '');
  let value = Number(m[1] + digits);
  if (!Number.isFinite(value)) return { kind: 'invalid', shown: raw.trim() };
  const unit = m[3];
  const decimals = digits.includes('.') ? digits.split('.')[1].length : 0;
  const percent = unit === '%' || unit === '百分比';
  if (percent) value = Number((value / 100).toPrecision(15));
  const money = unit === '万元' || unit === '元' ? unit : undefined;
  return { kind: 'number', value, percent, money, decimals, fromText: true };
}

const BLANK: AmountParse = Object.freeze({ kind: 'blank' });
const NUMBER_PARSES = new Map<string, Map<number, AmountParse>>();
const SMALL = 1024;
const SMALL_PARSES: (AmountParse | undefined)[] = new Array(SMALL).fill(undefined);
const NUMBER_PARSES_SIZE = { n: 0 };

function numberParses(fmt: string | undefined): Map<number, AmountParse> {
  const k = fmt ?? '';
  let m = NUMBER_PARSES.get(k);
  if (!m) NUMBER_PARSES.set(k, (m = new Map()));
  return m;
}

/** Parses a cell that must hold a number. */
export function parseAmount(cell: Cell | undefined): AmountParse {
  if (!cell) return BLANK;
  return parseScalar(cell.v, cell.fmt);
}

export function parseScalar(v: Scalar, fmt?: string): AmountParse {
  if (v === null) return BLANK;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'invalid', shown: String(v) };
    // Results by number format and value (hot: every numeric field of every table, every analysis):
    // small whole numbers without a format (weights, scores) in an array, others in maps. Not for 0,
    // whose sign the result keeps and a map key does not.
    const small = fmt === undefined && v >= 1 && v < SMALL && Number.isInteger(v);
    if (small) {
      const p = SMALL_PARSES[v];
      if (p) return p;
    }
    const byValue = v !== 0 && !small ? numberParses(fmt) : undefined;
    let p = byValue?.get(v);
    if (!p) {
      const percent = isPercentFormat(fmt);
      const fd = formatDecimals(fmt);
      const decimals = fd ?? (percent ? Math.max(0, decimalsOf(v) - 2) : decimalsOf(v));
      p = Object.freeze<AmountParse>({ kind: 'number', value: v, percent, decimals, fromText: false });
      if (small) SMALL_PARSES[v] = p;
      else if (byValue) {
        if (NUMBER_PARSES_SIZE.n >= PARSED_LIMIT) {
          NUMBER_PARSES.clear();
          NUMBER_PARSES_SIZE.n = 0;
        } else {
          byValue.set(v, p);
          NUMBER_PARSES_SIZE.n++;
        }
      }
    }
    return p;
  }
  if (typeof v === 'string') return parseNumberText(v);
  if (isErrorValue(v)) return { kind: 'invalid', shown: v.error };
  return { kind: 'invalid', shown: v ? 'TRUE' : 'FALSE' };
}

// Same texts as [\d,，]*\.?\d+, written so a 32k digit run after the colon is linear, not quadratic.
const LABELLED = /[:：]\s*([+-]?(?:[\d,，]*\.\d+|[\d,，]*\d))\s*(万元|元)?\s*$/;

/** A figure inside a labelled text cell, as in breakdown rows: "项目支出：70.66" → 70.66. */
export function labelledFigure(v: Scalar): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  // Results by text (breakdown labels recur in every table); bounded.
  let n = FIGURES.get(v);
  if (n === undefined) {
    n = labelledFigureOnce(v);
    if (FIGURES.size >= PARSED_LIMIT) FIGURES.clear();
    FIGURES.set(v, n);
  }
  return n;
}

const FIGURES = new Map<string, number | null>();

function labelledFigureOnce(v: string): number | null {
  const m = LABELLED.exec(halfWidth(v));
  if (!m) return null;
  const n = Number(m[1].replace(/[,，]/g, ''));
  return Number.isFinite(n) ? n : null;
}

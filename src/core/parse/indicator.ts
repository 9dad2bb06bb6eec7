// Parses 年度指标值 (A) and 实际完成值 (B) cells into comparable values (SPEC §3).
// Host-free and called ~50,000 times per run: all regexes are compiled once, here.
import { clean } from '../num/decimal';

export type IndicatorKind = 'number' | 'range' | 'time' | 'qualitative' | 'na' | 'multi';
export type Op = '>=' | '>' | '<=' | '<' | '=';
export interface IndicatorValue {
  kind: IndicatorKind;
  /** number: the operator (explicit or default); range: '='; others: '>=' (unused). */
  op: Op;
  /** number: the value; range: lo; NaN otherwise. Percent in percent units: '95%' → 95. */
  value: number;
  /** range only. */
  hi?: number;
  /** '' when none; '%' for percent; otherwise one of the known units ('平方米' → '㎡'). */
  unit: string;
  /** The text stated an operator (prefix or suffix). */
  explicitOp: boolean;
  /** Digits after the decimal point in the text's number (range: max of lo/hi). */
  decimals: number;
  /**
   * The text as the table states it: the cell's text, trimmed; composed from split columns
   * (composeIndicator: `≥95%`) or with the unit withUnit supplied (`95%`).
   */
  text: string;
}
export interface ParseOptions {
  /** Under a 成本 一级/二级 indicator: a money or % value with no operator means '<='. */
  isCost?: boolean;
}

const OPS: Record<string, Op> = {
  大于等于: '>=', 小于等于: '<=', 不少于: '>=', 不低于: '>=', 不小于: '>=', 不超过: '<=', 不高于: '<=',
  不多于: '<=', 不大于: '<=', 控制在: '<=', 至少: '>=', 达到: '>=', 超过: '>', 大于: '>', 高于: '>',
  小于: '<', 低于: '<', 等于: '=', 大于或等于: '>=', 小于或等于: '<=',
  '>=': '>=', '<=': '<=', '=>': '>=', '=<': '<=', '>': '>', '<': '<', '=': '=',
};
// Longest first, so '大于等于' wins over '大于' and '>=' over '>'.
const OP_SRC = Object.keys(OPS).sort((a, b) => b.length - a.length).join('|');
const OP_RE = new RegExp(OP_SRC);
const OP_NUM_RE = new RegExp(`(?:${OP_SRC}):?[-+]?[\\d零一二两三四五六七八九十百千]`);
const OP_NUM_G = new RegExp(OP_NUM_RE.source, 'g');
const SUFFIX_OPS: Record<string, Op> = { 以上: '>=', 以下: '<=', 以内: '<=', 之内: '<=', 内: '<=' };
// Bare '内' only at the very end: mid-text it is usually a word ('5个内容').
const SUFFIX_END = /(?:及|或)?(以上|以下|以内|之内|内)$/;
const SUFFIX_AT = /(?:及|或)?(以上|以下|以内|之内)/y;
const SUFFIX_ANY = /以上|以下|以内/;

const UNIT_RE = /平方米|百分比|人次|万元|小时|元|次|个|人|份|条|篇|天|件|场|项|户|家|所|㎡|%/y;
const NUM_RE = /[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/y;
const CN_RE = /[零一二两三四五六七八九十百千万]+/y;
const RANGE_SEP = /-|~|—|–|至/y;

// Full-width forms and look-alike symbols → ASCII (SPEC §3: '≧ ⩾ ≮' read '>=', '≦ ⩽ ≯' '<=', '＝ ﹦ ═'
// '=', small forms '﹤ ﹥' '<' '>'). '，' stays, so it never reads as a thousands separator.
const NORM_RE =
  /[\uFF01-\uFF0B\uFF0D-\uFF5E\uFF64\u3000\u00A0\u2212\u2264-\u2267\u226E\u226F\u2A7D\u2A7E\uFE64-\uFE66\uFE6A\u2550\u301C]/g;
const WS_G = /\s+/g;
const NA_RE = /^(?:[-/\\*—–―_]*|无)$/;
// '1、' is a list mark whatever follows ('1、1.2万元'); '1.' only before a non-digit or before a decimal
// ('1.1.2万元' is item 1, 1.2万元), so '1.2万元' stays a decimal. Circled and parenthesised digits: ①, ⑴, ⒈.
const NUMBERED = String.raw`\d{1,2}(?:、|\.(?=\D|\d+\.\d))`;
const LIST_MARK = String.raw`(?:${NUMBERED}|\(\d{1,2}\)|[①-⑳⑴-⒇⒈-⒛])`;
// '1、' / '2.' count only at a line or clause start; '(1)' and '①' anywhere.
const LIST_G = new RegExp(String.raw`(?:^|[\s;；，,。:])${NUMBERED}|\(\d{1,2}\)|[①-⑳⑴-⒇⒈-⒛]`, 'g');
const LIST_START = new RegExp(`^${LIST_MARK}`);
const SEG_SPLIT = /[;；，。\n]/;
// Lines and ';'-separated parts: each may hold an indicator of its own (SPEC §3 multi).
const LINE_SPLIT = /[;；\n\r]/;
const CONTAINS_G = /\(含[^)]{0,4}\)/g;
// The lookbehind starts a try only at a run's start: '。。。…x' (32k) stays linear, not quadratic.
const TRAIL_PUNCT = /(?<![。.;；，,、!?])[。.;；，,、!?]+$/;
const HAS_DIGIT = /\d/;
const FIRST_DIGIT = /[-+]?\d/;
const LABEL_BAD = /[\d，,。;；]/;

const TIME_SRC = [
  String.raw`\d{4}(?:[-/](?:0?[1-9]|1[0-2])(?:[-/]\d{1,2})?|\.(?:0?[1-9]|1[0-2])\.\d{1,2})(?!\d)`, // dates
  String.raw`(?<!\d)\d+个?(?:月份?|季度|工作日|周|星期|年)`, // 2023年, 12月, 3个月, 10个工作日 (lookbehind: a 32k digit run stays linear)
  String.raw`\d{1,2}[日号]`,
  '全年|[上下]半年|半年|年[底末初中内]|月[底末初中]|[上中下]旬|季[度末]|每[年月周季日天]',
  '按(?:时|期|月|年|季度?|周|日|天)|及时|准时|如期|限时|当[年月天日]|本年|今年|次年|期限|时限',
].join('|');
const TIME_RE = new RegExp(TIME_SRC);
const TIME_G = new RegExp(TIME_SRC, 'g');

function normChar(c: string): string {
  switch (c) {
    case '\u3000': case '\u00A0': return ' ';
    case '\u2212': return '-';
    case '≥': case '≧': case '⩾': case '≮': return '>=';
    case '≤': case '≦': case '⩽': case '≯': return '<=';
    case '﹦': case '═': return '=';
    case '﹤': return '<';
    case '﹥': return '>';
    case '､': return '、';
    case '﹪': return '%';
    case '〜': return '~';
    default: return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  }
}

function make(kind: IndicatorKind, text: string): IndicatorValue {
  return { kind, op: '>=', value: Number.NaN, unit: '', explicitOp: false, decimals: 0, text };
}

function count(re: RegExp, s: string, limit: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < limit && re.exec(s)) n++;
  return n;
}

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const MULT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export function chineseNumeral(s: string): number | null {
  if (!s) return null;
  let total = 0, section = 0, digit = -1, lastMult = Infinity;
  for (const ch of s) {
    if (ch === '零') { if (digit >= 0) return null; continue; }
    const d = DIGITS[ch];
    if (d !== undefined) {
      if (digit >= 0) return null; // '一二' is not a numeral
      digit = d;
    } else if (MULT[ch] !== undefined) {
      const m = MULT[ch];
      if (m >= lastMult) return null; // '十百'
      section += (digit < 0 ? 1 : digit) * m;
      lastMult = m;
      digit = -1;
    } else if (ch === '万') {
      if (total > 0) return null;
      total = (section + Math.max(digit, 0) || 1) * 10000;
      section = 0; digit = -1; lastMult = Infinity;
    } else return null;
  }
  return total + section + Math.max(digit, 0);
}

interface Num { value: number; decimals: number; end: number; cn: boolean }

function readNum(s: string, pos: number): Num | null {
  NUM_RE.lastIndex = pos;
  const m = NUM_RE.exec(s);
  if (m) {
    const t = m[0].replace(/,/g, '');
    const dot = t.indexOf('.');
    let value = parseFloat(t), decimals = dot < 0 ? 0 : t.length - dot - 1, end = NUM_RE.lastIndex;
    // '1.5万人次' = 15000 人次; but '5万元' keeps its unit.
    if (s.charCodeAt(end) === 0x4e07 /* 万 */ && s.charCodeAt(end + 1) !== 0x5143 /* 元 */) {
      value *= 10000; decimals = Math.max(0, decimals - 4); end++;
    }
    return { value, decimals, end, cn: false };
  }
  CN_RE.lastIndex = pos;
  const c = CN_RE.exec(s);
  if (!c) return null;
  let t = c[0];
  if (t.length > 1 && t.endsWith('万') && s[pos + t.length] === '元') t = t.slice(0, -1); // '五万元'
  const value = chineseNumeral(t);
  return value === null ? null : { value, decimals: 0, end: pos + t.length, cn: true };
}

function readUnit(s: string, pos: number): string {
  UNIT_RE.lastIndex = pos;
  const m = UNIT_RE.exec(s);
  return m ? m[0] : '';
}

function unitOf(u: string): string {
  return u === '平方米' ? '㎡' : u === '百分比' ? '%' : u;
}

function labelOk(label: string): boolean {
  return label.length <= 15 && !LABEL_BAD.test(label);
}

function isMulti(s: string, compact: string): boolean {
  if (count(LIST_G, s, 2) >= 2 || count(OP_NUM_G, compact, 2) >= 2) return true;
  if (!SEG_SPLIT.test(s)) return false;
  let n = 0;
  for (const seg of s.split(SEG_SPLIT)) {
    if (OP_NUM_RE.test(seg) || (SUFFIX_ANY.test(seg) && HAS_DIGIT.test(seg))) n++;
  }
  if (n >= 2) return true;
  // Lines each holding a value of their own ('1.12万元\n2.13万元', '满意度90%\n合格率95%').
  if (!LINE_SPLIT.test(s)) return false;
  n = 0;
  for (const seg of s.split(LINE_SPLIT)) if (HAS_DIGIT.test(seg) && ownValue(seg) && ++n >= 2) return true;
  return false;
}

/** A line of a cell that states one value: a number or range, after a list mark and a short label. */
function ownValue(line: string): boolean {
  let t = line.replace(WS_G, '').replace(CONTAINS_G, '').replace(TRAIL_PUNCT, '');
  const li = LIST_START.exec(t);
  if (li) t = t.slice(li[0].length);
  if (!t || isTime(t)) return false;
  if (quantity(t, '', false)) return true;
  const d = FIRST_DIGIT.exec(t);
  return d !== null && d.index > 0 && labelOk(t.slice(0, d.index)) && quantity(t.slice(d.index), '', false) !== null;
}

function isTime(s: string): boolean {
  if (!TIME_RE.test(s)) return false;
  // Only a time when nothing but time words and a little filler remain ('前', '完成', '发布').
  const rest = s.replace(TIME_G, '');
  return rest.length <= 12 && !HAS_DIGIT.test(rest);
}

/** A single number or range with optional label, operator and unit; null when the text is anything else. */
function quantity(s: string, text: string, isCost: boolean): IndicatorValue | null {
  let op: Op | null = null;
  let body = s;
  const m = OP_RE.exec(s);
  if (m) {
    if (!labelOk(s.slice(0, m.index))) return null; // '满意度≥90%' yes; a sentence with digits no
    op = OPS[m[0]];
    body = s.slice(m.index + m[0].length);
    if (body[0] === ':') body = body.slice(1);
  }
  const suf = SUFFIX_END.exec(body);
  if (suf) {
    body = body.slice(0, suf.index);
    op ??= SUFFIX_OPS[suf[1]];
  }
  if (!m && op) {
    // A suffix operator also states the value: allow the same short label ('满意度95%以上').
    const d = FIRST_DIGIT.exec(body);
    if (d && d.index > 0) {
      if (!labelOk(body.slice(0, d.index))) return null;
      body = body.slice(d.index);
    }
  }
  let pct = false;
  if (body.startsWith('百分比')) { pct = true; body = body.slice(3); }

  const a = readNum(body, 0);
  if (!a) return null;
  let pos = a.end;
  let unit = readUnit(body, pos);
  pos += unit.length;
  let b: Num | null = null;
  RANGE_SEP.lastIndex = pos;
  if (RANGE_SEP.exec(body) && (b = readNum(body, RANGE_SEP.lastIndex))) {
    pos = b.end;
    const u2 = readUnit(body, pos);
    pos += u2.length;
    if (unit && u2 && unitOf(unit) !== unitOf(u2)) return null;
    unit ||= u2;
  }
  SUFFIX_AT.lastIndex = pos;
  const sm = SUFFIX_AT.exec(body);
  if (sm) { op ??= SUFFIX_OPS[sm[1]]; pos = SUFFIX_AT.lastIndex; }
  // What follows the unit may be a short noun ('6个单位'), never another number.
  const tail = body.slice(pos);
  if (tail.length > 8 || HAS_DIGIT.test(tail) || ((a.cn || b?.cn) && tail)) return null;
  unit = unitOf(unit);
  if (pct) {
    if (unit && unit !== '%') return null;
    unit = '%';
  }
  if (!Number.isFinite(a.value) || (b && !Number.isFinite(b.value))) return null;
  const explicitOp = op !== null;
  if (b) {
    const lo = Math.min(a.value, b.value), hi = Math.max(a.value, b.value);
    return { kind: 'range', op: '=', value: lo, hi, unit, explicitOp, decimals: Math.max(a.decimals, b.decimals), text };
  }
  op ??= isCost && (unit === '' || unit === '元' || unit === '万元' || unit === '%') ? '<=' : '>=';
  return { kind: 'number', op, value: a.value, unit, explicitOp, decimals: a.decimals, text };
}

// Results by text (hot: two cells per indicator row, every analysis; the same texts recur across rows
// and across the analyses of one recalculation). Shared, so frozen; bounded for a long-lived task pane.
const PARSED: [Map<string, IndicatorValue>, Map<string, IndicatorValue>] = [new Map(), new Map()];
const PARSED_LIMIT = 50_000;

function parseTextCached(raw: string, isCost: boolean): IndicatorValue {
  const cache = PARSED[isCost ? 1 : 0];
  let v = cache.get(raw);
  if (!v) {
    v = Object.freeze(parseText(raw, isCost));
    if (cache.size >= PARSED_LIMIT) cache.clear();
    cache.set(raw, v);
  }
  return v;
}

function parseText(raw: string, isCost: boolean): IndicatorValue {
  const text = raw.trim();
  const s = text.replace(NORM_RE, normChar);
  const compact = s.replace(WS_G, '');
  if (NA_RE.test(compact)) return make('na', text);
  if (isMulti(s, compact)) return make('multi', text);
  let t = compact.replace(CONTAINS_G, '').replace(TRAIL_PUNCT, '');
  const li = LIST_START.exec(t);
  if (li) t = t.slice(li[0].length);
  if (isTime(t)) return make('time', text);
  return quantity(t, text, isCost) ?? make('qualitative', text);
}

function decimalsOf(n: number): number {
  const s = String(n);
  const e = s.indexOf('e');
  const mant = e < 0 ? s : s.slice(0, e);
  const dot = mant.indexOf('.');
  return Math.max(0, (dot < 0 ? 0 : mant.length - dot - 1) - (e < 0 ? 0 : Number(s.slice(e + 1))));
}

export function parseIndicator(raw: unknown, opts?: ParseOptions): IndicatorValue {
  return parseIndicatorValue(raw, opts?.isCost === true);
}

function parseIndicatorValue(raw: unknown, isCost: boolean): IndicatorValue {
  try {
    if (typeof raw === 'string') return parseTextCached(raw, isCost);
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) return make('qualitative', String(raw));
      const op: Op = isCost ? '<=' : '>=';
      return { kind: 'number', op, value: raw, unit: '', explicitOp: false, decimals: decimalsOf(raw), text: String(raw) };
    }
    if (raw === null || raw === undefined) return make('na', '');
    // exceljs reads date cells as Date.
    if (raw instanceof Date) return make('time', Number.isNaN(raw.getTime()) ? '' : raw.toISOString().slice(0, 10));
    const err = typeof raw === 'object' ? (raw as { error?: unknown }).error : undefined;
    if (typeof err === 'string') return make('qualitative', err);
    return make('qualitative', typeof raw === 'boolean' || typeof raw === 'bigint' ? String(raw) : '');
  } catch {
    return make('qualitative', '');
  }
}

/** A cell as the indicator parser reads it: a %-formatted number reads as percent text ("95%"). */
export interface IndicatorCell {
  v: unknown;
  fmt?: string;
}

/**
 * parseIndicator of a cell's input (see indicatorCellInput): a %-formatted number is
 * parsed as the text `${clean(v × 100)}%`. Results of numeric cells are remembered by value (hot: two
 * cells per indicator row, every analysis); shared, so frozen, like the results for texts.
 */
export function parseIndicatorCell(cell: IndicatorCell | undefined, isCost: boolean): IndicatorValue {
  if (!cell) return NA_BLANK;
  const v = cell.v;
  if (typeof v === 'string') return parseIndicatorValue(v, isCost);
  if (typeof v !== 'number' || v === 0) return parseIndicatorValue(indicatorCellInput(cell), isCost);
  const percent = cell.fmt !== undefined && cell.fmt.includes('%');
  const cache = NUMBER_CELLS[(isCost ? 2 : 0) + (percent ? 1 : 0)];
  let p = cache.get(v);
  if (!p) {
    p = Object.freeze(parseIndicatorValue(indicatorCellInput(cell), isCost));
    if (cache.size >= PARSED_LIMIT) cache.clear();
    cache.set(v, p);
  }
  return p;
}

/** What the parser reads from a cell: a %-formatted number becomes percent text. */
export function indicatorCellInput(cell: IndicatorCell | undefined): unknown {
  if (!cell) return null;
  if (typeof cell.v === 'number' && cell.fmt && cell.fmt.includes('%')) return `${clean(cell.v * 100)}%`;
  return cell.v;
}

const NA_BLANK: IndicatorValue = Object.freeze(make('na', ''));
// By value: [not cost, not %], [not cost, %], [cost, not %], [cost, %]. Not for 0, whose sign a
// parsed value keeps and a map key does not.
const NUMBER_CELLS: Map<number, IndicatorValue>[] = [new Map(), new Map(), new Map(), new Map()];

const MONEY = (u: string): boolean => u === '元' || u === '万元';

// '万' before a unit scales by 10,000: 万元 → 元, and a split unit column's 万人次 → 人次 (composeIndicator).
const WAN = 0x4e07;
const baseOf = (u: string): string => (u.charCodeAt(0) === WAN ? u.slice(1) : u);

/**
 * Whether two units can be compared: equal, or one of them '' (unitless number), or the same unit
 * but for a leading 万 (元/万元, convertible: 1万元 = 10000元; 人次/万人次 likewise).
 */
export function unitsCompatible(a: string, b: string): boolean {
  return a === b || a === '' || b === '' || baseOf(a) === baseOf(b);
}

/** Converts a value to a common base for comparison with another unit: 万元 → 元, 万人次 → 人次 (×10000); others unchanged. */
export function toBaseUnit(value: number, unit: string): number {
  return unit.charCodeAt(0) === WAN ? value * 10000 : value;
}

// ---- Split target columns (SPEC §1.2): 指标性质 · 指标值 · 度量单位 ----

/** What a 指标性质 cell says: an operator, no operator (定量, blank), or qualitative (定性). */
interface Nature {
  op: Op | null;
  qualitative: boolean;
}
const NATURE_QUALITATIVE: Nature = { op: null, qualitative: true };
const NATURE_NONE: Nature = { op: null, qualitative: false };
// Keys as natureOf normalises them (full-width and look-alike symbols → ASCII, no whitespace).
const NATURES = new Map<string, Nature>([
  ['正向', { op: '>=', qualitative: false }],
  ['反向', { op: '<=', qualitative: false }],
  ['定性', NATURE_QUALITATIVE],
  ['定量', NATURE_NONE],
  ...Object.entries(OPS).map(([k, op]): [string, Nature] => [k, { op, qualitative: false }]),
]);
// '正向指标', '定性指标' name the same natures.
const NATURE_SUFFIX = /指标$/;
const OP_SHOWN: Record<Op, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

const natureKey = (raw: string): string => raw.replace(NORM_RE, normChar).replace(WS_G, '').replace(NATURE_SUFFIX, '');

/** The nature a 指标性质 cell states; blank or a placeholder: no operator; unknown words: undefined. */
function natureOf(raw: string): Nature | undefined {
  if (raw.length > 24) return undefined;
  const k = natureKey(raw);
  return NA_RE.test(k) ? NATURE_NONE : NATURES.get(k);
}

/**
 * Whether a cell's text is a 指标性质 (SPEC §1.2): a nature word (正向 反向 等于 定性 定量, optionally
 * followed by 指标), an operator symbol (`≥ ＞ ＝ ≤ ＜ ≧ ≦ ﹦ ═ > < = >= <=`) or operator word (大于等于,
 * 不低于…), with or without surrounding spaces. Blank is not one.
 */
export function isNatureWord(s: string): boolean {
  return s.length <= 24 && NATURES.has(natureKey(s));
}

function cellText(cell: IndicatorCell | undefined): string {
  const v = cell?.v;
  return typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

/**
 * A unit cell's (normalised) text as a unit: the known unit it starts with ('元/人' → 元, '平方米' → ㎡,
 * '起' → ''); after a leading 万 the known unit, else the rest as written ('万人次', '万亩').
 */
function unitFromText(u: string): string {
  if (u.charCodeAt(0) !== WAN || u === '万元') return unitOf(readUnit(u, 0));
  const known = readUnit(u, 1);
  return '万' + (known ? unitOf(known) : u.slice(1));
}

const UNIT_MAX = 32;
const SUFFIX_MAX = 3; // '及以上'
// Results by the three cells' contents (hot: every row of a split-column table, every analysis).
const COMPOSED = new Map<string, IndicatorValue>();

/**
 * 指标性质 (operator or nature word), 指标值, 度量单位 cells composed into one indicator value
 * (SPEC §1.2 split target columns). 正向 → `>=`, 反向 → `<=`, 等于 → `=`, an operator symbol or word
 * as §3 reads it; 定量, blank or an unknown nature state no operator (§3's default applies); 定性
 * makes the value qualitative whatever it says. An operator the value states itself (`≥95`) wins
 * over the nature's. The unit cell supplies the unit where the value has none. `text` reads as the
 * table states the target (`≥95%`).
 */
export function composeIndicator(
  nature: IndicatorCell | undefined,
  value: IndicatorCell | undefined,
  unit: IndicatorCell | undefined,
  isCost: boolean,
): IndicatorValue {
  const v = value?.v;
  let vk: string;
  if (typeof v === 'string') vk = 's' + v;
  else if (typeof v === 'number') vk = (value?.fmt?.includes('%') ? 'p' : 'n') + (Object.is(v, -0) ? '-0' : String(v));
  else if (v === null || v === undefined) vk = 'b';
  else return Object.freeze(composeOnce(nature, value, unit, isCost)); // dates, errors: rare, not remembered
  const n = cellText(nature), u = cellText(unit);
  const key = `${isCost ? 1 : 0}${n.length}:${n}${u.length}:${u}${vk}`; // lengths: no two cells' texts collide
  let r = COMPOSED.get(key);
  if (!r) {
    r = Object.freeze(composeOnce(nature, value, unit, isCost));
    if (COMPOSED.size >= PARSED_LIMIT) COMPOSED.clear();
    COMPOSED.set(key, r);
  }
  return r;
}

function composeOnce(
  natureCell: IndicatorCell | undefined,
  valueCell: IndicatorCell | undefined,
  unitCell: IndicatorCell | undefined,
  isCost: boolean,
): IndicatorValue {
  const pv = parseIndicatorCell(valueCell, isCost);
  if (pv.kind === 'na') return pv;
  const nature = natureOf(cellText(natureCell)) ?? NATURE_NONE;
  // A unit cell longer than UNIT_MAX holds a note, not a unit.
  const unitRaw = cellText(unitCell);
  const unitShown = unitRaw.length > UNIT_MAX ? '' : unitRaw.replace(WS_G, '');
  let un = unitShown.replace(NORM_RE, normChar);
  if (NA_RE.test(un)) un = '';
  const valueText = pv.text;
  // The unit cell counts only where the value, a text or a number, has no unit of its own ('95%' with
  // '%': once). Only the value's tail is looked at: a long text costs no more than its parse.
  const vType = typeof valueCell?.v;
  const addUnit = un !== '' && pv.unit === '' && (vType === 'string' || vType === 'number') &&
    !valueText.slice(-un.length - 1).replace(NORM_RE, normChar).endsWith(un);
  // The unit goes before a suffix operator: '95以上' with '%' is '95%以上'.
  const tail = addUnit ? valueText.slice(-SUFFIX_MAX) : '';
  const suf = SUFFIX_END.exec(tail);
  const cut = valueText.length - tail.length + (suf ? suf.index : tail.length);
  const withU = (u: string): string => (addUnit ? valueText.slice(0, cut) + u + valueText.slice(cut) : valueText);
  if (nature.qualitative || pv.kind === 'qualitative') return make('qualitative', withU(unitShown));
  if (pv.kind === 'multi') return pv;
  // A value that is a time by itself ('按时完成') keeps its words; a number the unit makes a time
  // ('≤', 10, '个工作日') shows the operator, as the table states it.
  if (pv.kind === 'time') return { ...pv, text: withU(unitShown) };
  const op = nature.op !== null && !pv.explicitOp ? nature.op : null;
  const text = (op ? OP_SHOWN[op] : '') + withU(unitShown);
  // 万人次 in the unit column: the value stays as stated and the unit keeps its 万 (toBaseUnit scales),
  // so a bare 实际完成值 given the same unit (withUnit) compares in the same scale.
  if (!addUnit || un.charCodeAt(0) !== WAN || un === '万元') {
    const r = parseTextCached((op ?? '') + withU(un), isCost);
    if (r.kind === 'number' || r.kind === 'range' || r.kind === 'time') return { ...r, text };
  }
  // The composed text does not parse (a unit such as '人次/年度考核口径'): the value as parsed, with
  // the unit cell's unit.
  const u = pv.unit || (addUnit ? unitFromText(un) : '');
  const explicitOp = pv.explicitOp || op !== null;
  if (pv.kind === 'range') return { ...pv, unit: u, explicitOp, text };
  const dflt: Op = isCost && (u === '' || MONEY(u) || u === '%') ? '<=' : '>=';
  return { ...pv, op: pv.explicitOp ? pv.op : op ?? dflt, unit: u, explicitOp, text };
}

/**
 * A 实际完成值 without a unit column takes the target's unit (SPEC §1.2): v with `unit` set when v is
 * a number or range without a unit of its own (its text then shows the unit: `95` → `95%`);
 * otherwise v unchanged. `unit` may be a parsed unit ('%', '人次', '万人次') or a unit cell's text.
 */
export function withUnit(v: IndicatorValue, unit: string): IndicatorValue {
  if ((v.kind !== 'number' && v.kind !== 'range') || v.unit !== '') return v;
  let shown = unit.replace(WS_G, '');
  const u = shown.replace(NORM_RE, normChar);
  if (u === '' || NA_RE.test(u)) return v;
  const parsed = unitFromText(u);
  if (parsed === '') return v;
  if (v.text.replace(NORM_RE, normChar).endsWith(u)) shown = '';
  return Object.freeze({ ...v, unit: parsed, text: v.text + shown });
}


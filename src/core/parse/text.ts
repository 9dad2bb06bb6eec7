// Text normalisation shared by header matching and value parsing.

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;

/** Full-width ASCII → half-width, ideographic space → space; other characters unchanged. */
export function toHalfWidth(s: string): string {
  // One replace rather than a string built character by character (hot: Chinese punctuation is
  // full-width, so most labels and sentences come through here).
  return s.replace(FULL_WIDTH_G, halfWidthChar);
}

const FULL_WIDTH_G = /[\uff01-\uff5e\u3000]/g;
// Regular expressions used on hot paths are module constants: a literal makes a new object each time it runs.
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

/** /\s/.test(s), as a loop over the characters (hot: a regular expression call costs more here). */
export function hasWhiteSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 0xa0 && isWideWhiteSpace(c)) return true;
  }
  return false;
}

function isWideWhiteSpace(c: number): boolean {
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function halfWidthChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) {
    // Keep the full-width tilde: it is the customary range separator and never ambiguous.
    return code === 0xff5e ? '～' : String.fromCharCode(code - 0xfee0);
  }
  return ' '; // U+3000 ideographic space
}

/** Fast path: most cell text has no full-width characters. */
export function halfWidth(s: string): string {
  return FULL_WIDTH.test(s) ? toHalfWidth(s) : s;
}

const ANNOTATION = /[(（][^()（）]{0,12}[)）]/g;
// Annotation letters glued to a caption: 全年预算数A, 执行率B/A (SPEC §1.2).
const GLUED_LETTERS = /(?<=[\u4e00-\u9fff])[A-Za-z](?:[/÷×*+-][A-Za-z])*$/;

export interface HeaderInfo {
  /** For matching: half-width, no white space, no annotations, no trailing colon. */
  key: string;
  /** What the annotations say about units. */
  percent: boolean;
  money?: '万元' | '元';
}

/** Normalises a header cell's text for matching; notes the units its annotations state. */
export function headerInfo(raw: unknown): HeaderInfo {
  if (typeof raw !== 'string') return { key: raw === null || raw === undefined ? '' : String(raw), percent: false };
  let s = halfWidth(raw).replace(/\s+/g, '');
  const notes = s.match(ANNOTATION) ?? [];
  const percent = /%/.test(s);
  let money: '万元' | '元' | undefined;
  for (const n of notes) {
    if (n.includes('万元')) money = '万元';
    else if (/[(（]元[)）]/.test(n)) money = '元';
  }
  // An annotation naming 其他 qualifies the field (浙江's 全年执行数（其他） is another column): it stays, as (其他).
  const other = notes.some((n) => n.includes('其他'));
  s = s.replace(ANNOTATION, '').replace(/%/g, '').replace(/(?<![:：])[:：]+$/, '').replace(GLUED_LETTERS, ''); // lookbehind: linear on a 32k run of colons
  return { key: other ? `${s}(其他)` : s, percent, money };
}

/** Text of a cell value for labels and messages. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && typeof (v as { error?: unknown }).error === 'string') return (v as { error: string }).error;
  return '';
}

/** Compact label: half-width, no white space. */
export function compact(v: unknown): string {
  const t = cellText(v);
  // Results by text (labels and indicator names recur across rows and tables); bounded.
  let c = COMPACT.get(t);
  if (c === undefined) {
    c = halfWidth(t).replace(/\s+/g, '');
    if (COMPACT.size >= 50_000) COMPACT.clear();
    COMPACT.set(t, c);
  }
  return c;
}

const COMPACT = new Map<string, string>();

const PLACEHOLDERS = new Set(['', '/', '-', '—', '——', '---', '无', '*', '－', '──', '…', '……', '\\']);

/** `""`, `/`, `-`, `—`, `——`, `---`, `无`, `*`: "not applicable". */
export function isPlaceholder(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== 'string') return false;
  // Exact shortcut: without white space compact() keeps the length, and no placeholder is longer than 3.
  if (v.length > 3 && !hasWhiteSpace(v)) return false;
  return PLACEHOLDERS.has(compact(v));
}

/** Display text: as written, without white space ("（单位）" stays full-width). */
export function tidy(v: unknown): string {
  return cellText(v).replace(/\s+/g, '');
}

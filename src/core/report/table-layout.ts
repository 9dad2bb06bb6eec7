// How a report table is laid out, shared by the .docx, HTML and Markdown writers: which columns hold
// numbers (aligned right), and column widths sized to their content within the page's text width.

/** A figure as report tables write them: `2.00`, `-3`, `100.00%`, `1,913,200.00`, `98分`, `151.77万元`. */
const NUMERIC = /^[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:%|％|分|元|万元)?$/;
/** Cells that say "no value" (SPEC §2 placeholders): they take the alignment of their column. */
const EMPTY = /^(?:[-/\\*—–―－…]*|无)$/;

export function isNumericText(s: string): boolean {
  return NUMERIC.test(s.trim());
}

/** The column holds figures: every body cell that is not a dash is a number, and at least one is. */
export function numericColumns(rows: readonly (readonly string[])[], columns: number): boolean[] {
  return Array.from({ length: columns }, (_, c) => {
    let numbers = 0;
    for (const r of rows) {
      const t = (r[c] ?? '').trim();
      if (EMPTY.test(t)) continue;
      if (!isNumericText(t)) return false;
      numbers++;
    }
    return numbers > 0;
  });
}

/**
 * Width of a text in half-ems: a CJK or other wide character counts 2, an ASCII one about 1. The
 * ASCII widths are those of the widest fonts that stand in for 仿宋 where it is missing (DejaVu Sans:
 * a digit 0.64 em, `%` 0.95 em), so that a figure sized by them never wraps in Word, WPS or LibreOffice.
 */
export function textUnits(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c >= 0x30 && c <= 0x39) n += 1.3;
    else if (c === 0x25 || c === 0x40 || c === 0x4d || c === 0x57 || c === 0x6d || c === 0x77) n += 2; // % @ M W m w
    else if (c === 0x2e || c === 0x2c || c === 0x3a || c === 0x3b || c === 0x20 || c === 0x69 || c === 0x6c || c === 0x7c) n += 0.7; // . , : ; space i l |
    else if (c < 0x1100 || (c >= 0xff61 && c <= 0xffdc) || (c >= 0xffe8 && c <= 0xffee)) n += 1.2;
    else n += 2;
  }
  return n;
}

/** Where a wide text may break: widest line if it holds line breaks. */
function cellUnits(s: string): number {
  return Math.max(0, ...s.split('\n').map(textUnits));
}

/** A caption's width when it takes two lines (captions wrap; figures and short codes do not). */
function twoLines(s: string): number {
  return Math.ceil(cellUnits(s) / 4) * 2;
}

/**
 * Column widths, in half-ems, that add up to `total`. Each column gets at least its floor: a figure
 * column its widest figure whole (figures never wrap) and its caption on two lines; any column
 * `minUnits` (two CJK characters). What is left is shared in proportion to how much more each column's
 * content wants (its widest cell, its caption on two lines), so a name column takes the room and a
 * short column stays narrow; a table whose content fits is widened to `total` in the same proportion.
 * Where even the floors do not fit, all columns shrink in proportion.
 */
export function columnUnits(header: readonly string[], rows: readonly (readonly string[])[], total: number, minUnits = 4): number[] {
  const n = header.length;
  const numeric = numericColumns(rows, n);
  const widest = (c: number) => Math.max(0, ...rows.map((r) => cellUnits(r[c] ?? '')));
  const want = header.map((h, c) => Math.max(minUnits, twoLines(h), widest(c)));
  const floor = header.map((h, c) => (numeric[c] ? Math.max(minUnits, twoLines(h), widest(c)) : minUnits));
  const sumWant = want.reduce((a, b) => a + b, 0);
  if (sumWant <= total) return want.map((w) => (w * total) / sumWant);
  const sumFloor = floor.reduce((a, b) => a + b, 0);
  if (sumFloor >= total) return floor.map((f) => (f * total) / sumFloor);
  const extra = want.map((w, c) => w - floor[c]);
  const sumExtra = extra.reduce((a, b) => a + b, 0);
  return floor.map((f, c) => f + ((total - sumFloor) * extra[c]) / sumExtra);
}

export type Align = 'left' | 'center' | 'right';

/**
 * How each column's body cells align: figures right (their digits line up), short codes such as a
 * grade (优) centred, text left.
 */
export function columnAligns(rows: readonly (readonly string[])[], columns: number): Align[] {
  const numeric = numericColumns(rows, columns);
  return numeric.map((n, c) => {
    if (n) return 'right';
    const short = rows.length > 0 && rows.every((r) => cellUnits((r[c] ?? '').trim()) <= 4);
    return short ? 'center' : 'left';
  });
}

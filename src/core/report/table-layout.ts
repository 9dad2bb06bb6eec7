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
 * Width of a text in half-ems: a CJK or other wide character counts 2, an ASCII one 1 (the fonts of
 * Chinese reports set ASCII at about half the width of a CJK character).
 */
export function textUnits(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    n += c < 0x1100 || (c >= 0xff61 && c <= 0xffdc) || (c >= 0xffe8 && c <= 0xffee) ? 1 : 2;
  }
  return n;
}

/** Where a wide text may break: widest line if it holds line breaks. */
function cellUnits(s: string): number {
  return Math.max(0, ...s.split('\n').map(textUnits));
}

/**
 * Column widths, in half-ems, that add up to `total`: each column gets at least its widest number
 * (figures never wrap) and at least `minUnits` (a two-character caption such as 序号); what is left is
 * shared in proportion to how much more each column's content wants (its widest cell, captions
 * included), so a name column takes the room and a short column stays narrow. A table whose content
 * fits is widened to `total` in the same proportion. Where even the numbers do not fit, all columns
 * shrink in proportion.
 */
export function columnUnits(header: readonly string[], rows: readonly (readonly string[])[], total: number, minUnits = 4): number[] {
  const n = header.length;
  const numeric = numericColumns(rows, n);
  const want = header.map((h, c) => Math.max(minUnits, cellUnits(h), ...rows.map((r) => cellUnits(r[c] ?? ''))));
  const floor = header.map((h, c) => {
    // A number column keeps its widest number and its caption's widest word of two characters.
    const nums = numeric[c] ? Math.max(0, ...rows.map((r) => cellUnits(r[c] ?? ''))) : 0;
    return Math.max(minUnits, nums);
  });
  const sumWant = want.reduce((a, b) => a + b, 0);
  if (sumWant <= total) return want.map((w) => (w * total) / sumWant);
  const sumFloor = floor.reduce((a, b) => a + b, 0);
  if (sumFloor >= total) return floor.map((f) => (f * total) / sumFloor);
  const extra = want.map((w, c) => w - floor[c]);
  const sumExtra = extra.reduce((a, b) => a + b, 0);
  return floor.map((f, c) => f + ((total - sumFloor) * extra[c]) / sumExtra);
}

// A1 addresses <-> 0-based row/column.

export function columnName(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function address(row: number, col: number): string {
  return columnName(col) + String(row + 1);
}

export function parseAddress(a: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(a.trim());
  if (!m) throw new Error(`不是有效的单元格地址：${a}`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function rangeAddress(r: { r0: number; c0: number; r1: number; c1: number }): string {
  const a = address(r.r0, r.c0);
  const b = address(r.r1, r.c1);
  return a === b ? a : `${a}:${b}`;
}

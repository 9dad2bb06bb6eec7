// The own fills of the cells an add-in host marked, kept in the document's settings under one key so
// that 清除标记 still restores them after the task pane was closed and opened again.

/** A cell's own fill, as Excel.RangeFill reads it; null for no fill (set back with fill.clear()). */
export interface OwnFill {
  color: string;
  tintAndShade: number;
  pattern: string;
  patternColor: string;
}

export interface SavedFill<M extends string = string> {
  sheet: string;
  cell: string;
  fill: OwnFill | null;
  mark: M;
}

export const HIGHLIGHTS_KEY = 'jixiao.highlights';

/**
 * What RangeFill of one cell read, as an own fill. No fill and a white fill both read color
 * '#FFFFFF'; no fill reads tintAndShade null (Microsoft in office-js issue #4900) and pattern 'None'.
 */
export function ownFill(read: { color: string | null; tintAndShade: number | null; pattern: string | null; patternColor: string | null }): OwnFill | null {
  if (read.tintAndShade === null || read.pattern === 'None') return null;
  // The reporter of #4900 saw pattern null on single cells: a fill that reads no pattern is solid.
  return { color: read.color ?? '#FFFFFF', tintAndShade: read.tintAndShade, pattern: read.pattern ?? 'Solid', patternColor: read.patternColor ?? '#000000' };
}

/** Compact: one row per cell, [sheet, cell, mark] plus [color, tintAndShade, pattern, patternColor] for a fill. */
type Row = [string, string, string] | [string, string, string, string, number, string, string];

export function encodeSavedFills(saved: Iterable<SavedFill>): string {
  const rows: Row[] = [];
  for (const s of saved) rows.push(s.fill ? [s.sheet, s.cell, s.mark, s.fill.color, s.fill.tintAndShade, s.fill.pattern, s.fill.patternColor] : [s.sheet, s.cell, s.mark]);
  return JSON.stringify(rows);
}

/** The saved record, or [] for a missing or damaged one (with nothing to restore, clearing does nothing). */
export function decodeSavedFills<M extends string>(raw: unknown, marks: readonly M[]): SavedFill<M>[] {
  if (typeof raw !== 'string') return [];
  let rows: unknown;
  try {
    rows = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(rows)) return [];
  const out: SavedFill<M>[] = [];
  for (const r of rows) {
    if (!Array.isArray(r) || typeof r[0] !== 'string' || typeof r[1] !== 'string' || !marks.includes(r[2] as M)) continue;
    const fill = r.length >= 7 && typeof r[3] === 'string' && typeof r[4] === 'number' && typeof r[5] === 'string' && typeof r[6] === 'string' ? { color: r[3], tintAndShade: r[4], pattern: r[5], patternColor: r[6] } : null;
    out.push({ sheet: r[0], cell: r[1], mark: r[2] as M, fill });
  }
  return out;
}

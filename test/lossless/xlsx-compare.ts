// Compares two ExcelJS workbooks as Excel would see them: every cell's value, formula (a shared
// formula's dependents by the formula they evaluate), number format, font, fill, border, alignment,
// protection and note; each sheet's merges, columns, rows, state and settings; sheet order and
// defined names. The differences come back as readable lines, so a failing property says where.
import { isDeepStrictEqual } from 'node:util';
import type * as ExcelJS from 'exceljs';
import type { Change, ChangeSet } from '../../src/core/changes/changeset';
import type { CellState } from '../../src/core/grid/types';
import { isErrorValue } from '../../src/core/grid/types';
import { excelSerial } from '../../src/hosts/xlsx/convert';

const T_NULL = 0;
const T_MERGE = 1;
const T_FORMULA = 6;

/** Plain data for deep comparison: sorted keys, no undefined members, dates as times, -0 kept apart from 0. */
export function norm(x: unknown): unknown {
  if (x === undefined || x === null) return x;
  if (x instanceof Date) return { $date: x.getTime() };
  if (typeof x === 'number') return Object.is(x, -0) ? { $number: '-0' } : x;
  if (Array.isArray(x)) return x.map(norm);
  if (typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x as object).sort()) {
      const v = norm((x as Record<string, unknown>)[k]);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  return x;
}

const same = (a: unknown, b: unknown) => isDeepStrictEqual(norm(a), norm(b));
const show = (x: unknown) => JSON.stringify(norm(x));

export interface CellSnap {
  type: number;
  /** A formula cell: the formula it evaluates (shared dependents translated) and its cached result. */
  formula?: string;
  result?: unknown;
  /** How a formula is stored: master of a shared/array range, or dependent of a master. */
  sharing?: string;
  /** Any other cell: its value (rich text runs, hyperlink, error, date…). */
  value?: unknown;
  numFmt: string;
  /** Font, fill, border, alignment, protection: everything of the style but the number format. */
  style: unknown;
  note: unknown;
}

/**
 * What ExcelJS writes as a file's font 0 (the Normal style's font) and its fill 0 and border 0. A cell
 * whose style names them explicitly looks exactly like a cell with no style: they compare as absent.
 * (Every file compared here is written by ExcelJS, so font 0 is always this one.)
 */
const DEFAULT_FONT = { color: { theme: 1 }, family: 2, name: 'Calibri', scheme: 'minor', size: 11 };
const NO_FILL = { type: 'pattern', pattern: 'none' };

function visibleStyle(style: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  const out = { ...style };
  if (out.font && same(out.font, DEFAULT_FONT)) delete out.font;
  if (out.fill && same(out.fill, NO_FILL)) delete out.fill;
  if (out.border && same(out.border, {})) delete out.border;
  return out;
}

export function snapCell(cell: ExcelJS.Cell): CellSnap {
  const type = cell.type as number;
  const { numFmt, ...style } = visibleStyle((cell.style ?? {}) as Partial<ExcelJS.Style>);
  const snap: CellSnap = { type, numFmt: !numFmt ? 'General' : numFmt, style, note: cell.note };
  if (type === T_FORMULA) {
    const v = cell.value as { shareType?: string; ref?: string; sharedFormula?: string };
    snap.formula = cell.formula;
    snap.result = cell.result;
    snap.sharing = v.shareType ? `${v.shareType} ${v.ref}` : v.sharedFormula ? `dependent of ${v.sharedFormula}` : undefined;
  } else if (type === T_MERGE) {
    snap.value = `merged into ${cell.master.address}`;
  } else {
    snap.value = cell.value;
  }
  return snap;
}

/** Addresses of every cell ExcelJS holds for a sheet (values, styles, notes), by row and column. */
function cellKeys(ws: ExcelJS.Worksheet): Set<string> {
  const keys = new Set<string>();
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells = (row as unknown as { _cells: (ExcelJS.Cell | undefined)[] })._cells;
    cells.forEach((c, i) => {
      if (c) keys.add(`${r},${i + 1}`);
    });
  });
  return keys;
}

/** A sheet's settings beside its cells: state, columns, views, page setup, validations, conditional formats… */
function sheetMeta(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const { rows: _rows, merges, dimensions: _dims, id: _id, ...rest } = ws.model as unknown as Record<string, unknown>;
  // The used range may grow when a blank cell gets a value; merges compare as a set.
  return { ...rest, merges: [...((merges as string[]) ?? [])].sort() };
}

function rowMeta(row: ExcelJS.Row): unknown {
  const { height, hidden, outlineLevel, collapsed, style } = row as unknown as Record<string, unknown>;
  return { height, hidden, outlineLevel, collapsed, style };
}

/** Workbook-level data: defined names (as a set), views, calculation and document properties. */
function bookMeta(wb: ExcelJS.Workbook): Record<string, unknown> {
  const m = wb.model as unknown as Record<string, unknown>;
  const names = [...((m.definedNames as { name: string }[]) ?? [])].map((n) => norm(n)).sort((a, b) => show(a).localeCompare(show(b)));
  return {
    definedNames: names,
    views: m.views,
    properties: m.properties,
    calcProperties: m.calcProperties,
    sheets: wb.worksheets.map((ws) => `${ws.name} (${ws.state})`),
  };
}

export const cellKey = (sheet: string, row: number, col: number) => `${sheet}\u0000${row}\u0000${col}`;

/**
 * Differences between `a` and `b`. Cells in `written` (grid coordinates, 0-based) are expected in `b`
 * with exactly their `after` value and number format (the rest of their style and note as in `a`);
 * every other cell, and everything else, is expected identical.
 */
export function diffWorkbooks(a: ExcelJS.Workbook, b: ExcelJS.Workbook, written: ChangeSet = { changes: [] }): string[] {
  const out: string[] = [];
  const ma = bookMeta(a);
  const mb = bookMeta(b);
  for (const k of Object.keys(ma)) if (!same(ma[k], mb[k])) out.push(`workbook ${k}: ${show(ma[k])} → ${show(mb[k])}`);
  const expected = new Map<string, Change>();
  for (const ch of written.changes) expected.set(cellKey(ch.sheet, ch.row + 1, ch.col + 1), ch);
  const seen = new Set<string>();
  for (const wsA of a.worksheets) {
    const wsB = b.getWorksheet(wsA.name);
    if (!wsB) {
      out.push(`sheet ${wsA.name} is missing`);
      continue;
    }
    const sa = sheetMeta(wsA);
    const sb = sheetMeta(wsB);
    for (const k of new Set([...Object.keys(sa), ...Object.keys(sb)])) {
      if (!same(sa[k], sb[k])) out.push(`${wsA.name} ${k}: ${show(sa[k])} → ${show(sb[k])}`);
    }
    const rows = Math.max(wsA.rowCount, wsB.rowCount);
    for (let r = 1; r <= rows; r++) {
      const ra = rowMeta(wsA.getRow(r));
      const rb = rowMeta(wsB.getRow(r));
      if (!same(ra, rb)) out.push(`${wsA.name} row ${r}: ${show(ra)} → ${show(rb)}`);
    }
    const keys = new Set([...cellKeys(wsA), ...cellKeys(wsB)]);
    for (const ch of written.changes) if (ch.sheet === wsA.name) keys.add(`${ch.row + 1},${ch.col + 1}`);
    for (const k of keys) {
      const [r, c] = k.split(',').map(Number);
      const ca = snapCell(wsA.getCell(r, c));
      const cb = snapCell(wsB.getCell(r, c));
      const at = `${wsA.name}!${wsA.getCell(r, c).address}`;
      const key = cellKey(wsA.name, r, c);
      const ch = expected.get(key);
      seen.add(key);
      if (!ch) {
        if (!same(ca, cb)) out.push(`${at} changed but is not in the change set: ${show(ca)} → ${show(cb)}`);
        continue;
      }
      const { type: _ta, formula: _fa, result: _ra, sharing: _sa, value: _va, numFmt: _na, ...keptA } = ca;
      const { type: _tb, formula: _fb, result: _rb, sharing: _sb, value: _vb, numFmt: _nb, ...keptB } = cb;
      if (!same(keptA, keptB)) out.push(`${at} (written) lost its style or note: ${show(keptA)} → ${show(keptB)}`);
      const problem = stateMismatch(cb, ch.after);
      if (problem) out.push(`${at} (written) ${problem}: expected ${show(ch.after)}, file has ${show(cb)}`);
    }
  }
  for (const wsB of b.worksheets) if (!a.getWorksheet(wsB.name)) out.push(`sheet ${wsB.name} was added`);
  for (const [key, ch] of expected) if (!seen.has(key)) out.push(`${ch.sheet}!${ch.cell} of the change set was not found`);
  return out;
}

/** Why a cell as read back does not hold `st` (value, formula, number format), or null. */
export function stateMismatch(c: CellSnap, st: CellState): string | null {
  if ((st.fmt ?? 'General') !== c.numFmt) return 'has another number format';
  if (st.f !== undefined) {
    if (c.type !== T_FORMULA || c.formula !== st.f) return 'has another formula';
    return sameScalar(c.result, st.v) ? null : 'has another cached result';
  }
  if (c.type === T_FORMULA) return 'holds a formula';
  if (st.v === null) return c.type === T_NULL ? null : 'is not blank';
  return sameScalar(c.value, st.v) ? null : 'has another value';
}

function sameScalar(x: unknown, v: CellState['v']): boolean {
  if (v === null) return x === null || x === undefined;
  if (isErrorValue(v)) return isErrorValue(x) && x.error === v.error;
  // ExcelJS reads a number in a date format as a Date (to the millisecond).
  if (typeof v === 'number' && x instanceof Date) return Math.abs(excelSerial(x) - v) < 1e-8;
  return x === v;
}

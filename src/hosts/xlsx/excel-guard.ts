// Adjusts ExcelJS's reading of a workbook where ExcelJS would refuse, alter or crawl through input
// that Excel opens (or repairs): overlapping merged areas, sheet names ExcelJS rejects or truncates,
// and merge lists whose checking is quadratic in ExcelJS. No Node imports: usable in a browser too.
import type * as ExcelJS from 'exceljs';

/**
 * The most cells all merged areas of a workbook may cover together: 500,000. ExcelJS makes an
 * object for every cell of a merged area (~600 bytes and ~5 µs each: a full-height column merge,
 * 1,048,576 cells, costs 650 MB and 5 s), and checking overlaps walks each area once. Real tables
 * merge a few cells per title or indicator group (bench tables-1000: 23,000 areas, ~70,000 cells).
 */
export const MAX_MERGED_CELLS = 500_000;

export type ExcelGuardReason = 'merges-too-large' | 'duplicate-sheet';

export class ExcelGuardError extends Error {
  readonly reason: ExcelGuardReason;
  constructor(reason: ExcelGuardReason, message: string) {
    super(message);
    this.name = 'ExcelGuardError';
    this.reason = reason;
  }
}

interface SheetModel {
  id?: unknown;
  name?: unknown;
  mergeCells?: unknown;
}
interface BookModel {
  worksheets?: (SheetModel | undefined)[];
}
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
  ref: string;
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;
const REF = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/;

export interface GuardResult {
  /** What was repaired, for the user: one Chinese sentence each. */
  notes: string[];
  /** Sheets whose merged areas were repaired (by their own name): the areas kept, in file order. */
  mergeRepairs: Map<string, string[]>;
}

/**
 * Hooks into `excel`'s next xlsx.load (call it just before). Returns `finish`, to call after the load
 * succeeded: it applies the merged areas kept, restores the sheet names, and says what was repaired.
 * Throws ExcelGuardError from inside the load for a workbook refused outright.
 */
export function guardExcelLoad(excel: ExcelJS.Workbook): () => GuardResult {
  const xlsx = excel.xlsx as unknown as { reconcile?: (model: BookModel, options: unknown) => void };
  const reconcile = xlsx.reconcile;
  const realNames = new Map<string, string>();
  const merges = new Map<unknown, Area[]>();
  const notes: string[] = [];
  const mergeRepairs = new Map<string, string[]>();
  if (typeof reconcile !== 'function') return () => ({ notes, mergeRepairs }); // another ExcelJS: leave it be
  xlsx.reconcile = function (this: unknown, model: BookModel, options: unknown) {
    reconcile.call(this, model, options);
    const seen = new Set<string>();
    const budget = { left: MAX_MERGED_CELLS };
    (model.worksheets ?? []).forEach((ws, i) => {
      if (!ws) return;
      const name = typeof ws.name === 'string' ? ws.name : `sheet${String(ws.id)}`;
      const key = name.toLowerCase();
      if (seen.has(key)) {
        throw duplicateSheet(name);
      }
      seen.add(key);
      if (typeof ws.name === 'string' && !excelJsAcceptsName(ws.name)) {
        // ExcelJS rejects names with [ ] : * ? / \ or a quote at either end, and cuts names past 31
        // characters: load under a stand-in and give the sheet its own name back afterwards.
        const stand = `jixiao-sheet-${i + 1}`;
        realNames.set(stand, ws.name);
        ws.name = stand;
      }
      // ExcelJS checks each merge against every earlier one (quadratic) and throws on an overlap:
      // take the list over, and merge after the load.
      const list = Array.isArray(ws.mergeCells) ? (ws.mergeCells as unknown[]) : [];
      ws.mergeCells = [];
      if (!list.length) return;
      const before = notes.length;
      const kept = resolveMerges(list, name, budget, notes);
      merges.set(ws.id, kept);
      if (notes.length > before) mergeRepairs.set(name, kept.map((a) => a.ref));
    });
  };
  return () => {
    xlsx.reconcile = reconcile;
    for (const ws of excel.worksheets) {
      const real = realNames.get(ws.name);
      if (real !== undefined) (ws as unknown as { _name: string })._name = real;
      const areas = merges.get(ws.id);
      if (!areas) continue;
      // mergeCellsWithoutStyle checks the new area against every merge already indexed: merge each
      // against an empty index, then put the index together.
      const w = ws as unknown as { _merges: Record<string, unknown> };
      const all: Record<string, unknown> = {};
      for (const a of areas) {
        w._merges = {};
        ws.mergeCellsWithoutStyle(a.ref);
        Object.assign(all, w._merges);
      }
      w._merges = all;
    }
    return { notes, mergeRepairs };
  };
}

/** Two sheets of one name (case-insensitive): Excel would have to repair the file. */
export function duplicateSheet(name: string): ExcelGuardError {
  return new ExcelGuardError('duplicate-sheet', `工作簿中有两个同名的工作表「${printable(name)}」，文件已损坏，可在 Excel 中打开修复后另存为 .xlsx 再试`);
}

/** What ExcelJS's Worksheet name setter accepts unchanged. */
function excelJsAcceptsName(name: string): boolean {
  return name !== '' && name !== 'History' && name.length <= 31 && !/[*?:/\\[\]]/.test(name) && !/^'|'$/.test(name);
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseArea(ref: unknown): Area | undefined {
  if (typeof ref !== 'string') return undefined;
  const m = REF.exec(ref.trim());
  if (!m) return undefined;
  const c1 = columnNumber(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] ? columnNumber(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  const top = Math.min(r1, r2);
  const bottom = Math.max(r1, r2);
  const left = Math.min(c1, c2);
  const right = Math.max(c1, c2);
  if (top < 1 || bottom > MAX_ROW || left < 1 || right > MAX_COL) return undefined;
  return { top, left, bottom, right, ref: `${columnLetters(left)}${top}:${columnLetters(right)}${bottom}` };
}

function intersects(a: Area, b: Area): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/**
 * Merged areas in file order: the first of overlapping areas is kept and the later ones dropped, as
 * Excel's repair does; areas that are not cell ranges are dropped. Every area's cells are walked once
 * against the cells already taken, within the workbook's MAX_MERGED_CELLS.
 */
export function resolveMerges(list: unknown[], sheet: string, budget: { left: number }, notes: string[]): Area[] {
  const taken = new Set<number>();
  const kept: Area[] = [];
  const dropped: string[] = [];
  let invalid = 0;
  for (const ref of list) {
    const a = parseArea(ref);
    if (!a) {
      invalid++;
      continue;
    }
    const area = (a.bottom - a.top + 1) * (a.right - a.left + 1);
    if (area > budget.left) {
      throw new ExcelGuardError(
        'merges-too-large',
        `工作簿中合并单元格的范围过大（合计超过 ${MAX_MERGED_CELLS / 10_000} 万个单元格），无法安全读取，请取消多余的合并后另存为 .xlsx 再试`,
      );
    }
    budget.left -= area;
    let clash = false;
    scan: for (let r = a.top; r <= a.bottom; r++) {
      for (let c = a.left; c <= a.right; c++) {
        if (taken.has(r * MAX_COL + c)) {
          clash = true;
          break scan;
        }
      }
    }
    if (clash) {
      if (dropped.length < 3) {
        const first = kept.find((k) => intersects(k, a));
        dropped.push(first ? `${a.ref} 与 ${first.ref}` : a.ref);
      } else dropped.push(a.ref);
      continue;
    }
    for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) taken.add(r * MAX_COL + c);
    kept.push(a);
  }
  if (dropped.length) {
    const shown = dropped.slice(0, 3).join('、') + (dropped.length > 3 ? ` 等 ${dropped.length} 处` : '');
    notes.push(`工作表「${printable(sheet)}」中有 ${dropped.length} 处合并区域与前面的合并区域重叠（${shown}），已按前一个读取并忽略后者，重算写出的文件也不再保留它们`);
  }
  if (invalid) notes.push(`工作表「${printable(sheet)}」中有 ${invalid} 处无效的合并区域，已忽略`);
  return kept;
}

/** A name from the file, safe inside a one-line message: control characters shown as spaces, at most 60 characters. */
export function printable(s: string): string {
  const t = s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  return t.length > 60 ? `${t.slice(0, 59)}…` : t;
}

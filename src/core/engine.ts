// The engine: a workbook in; tables, findings and the change set a recalculation writes out.
import { applyChangeSet, type Change, type ChangeReason, type ChangeSet } from './changes/changeset';
import { statedAgrees, writtenFormat, writtenValue, type ComputedField } from './compute/computed';
import { evaluateAll, type SelfEvalEval, type TableEval } from './compute/evaluate';
import { normaliseGrade } from './compute/grade';
import type { Finding } from './findings';
import { address, rangeAddress } from './grid/address';
import { cellAt, copyForWrites } from './grid/sheet';
import type { CellState, Sheet, Workbook } from './grid/types';
import { runRules } from './rules';
import type { RuleContext } from './rules/rule';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { detectTables } from './tables/detect';
import type { Table, TableKind } from './tables/model';

export interface TableSummary {
  sheet: string;
  kind: TableKind;
  range: string;
  title: string;
}

export interface Analysis {
  tables: Table[];
  evals: TableEval[];
  findings: Finding[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

// The settings each analysis was made with: recalc reuses an analysis only under the same settings.
const SETTINGS_OF = new WeakMap<Analysis, { wb: Workbook; settings: Settings }>();

export function analyze(wb: Workbook, settings: Settings = DEFAULT_SETTINGS): Analysis {
  const ev = evaluated(wb, settings);
  const a: Analysis = { tables: ev.tables, evals: ev.evals, findings: findingsOf(wb, ev, settings) };
  SETTINGS_OF.set(a, { wb, settings });
  return a;
}

/** The tables of a workbook and their evaluations: an analysis without its findings. */
function evaluated(wb: Workbook, settings: Settings): Evaluated {
  const detection = detectTables(wb);
  return { tables: detection.tables, evals: evaluateAll(detection.tables, settings), unrecognized: detection.unrecognized };
}

interface Evaluated {
  tables: Table[];
  evals: TableEval[];
  unrecognized: string[];
}

function findingsOf(wb: Workbook, { tables, evals, unrecognized }: Evaluated, settings: Settings): Finding[] {
  const selfEvals: SelfEvalEval[] = [];
  for (const e of evals) if (e.selfEval) selfEvals.push(e.selfEval);
  const ctx: RuleContext = { tables, evals, unrecognized, settings, selfEvals };
  return sortFindings(wb, runRules(ctx));
}

/** Sheet order, then severity within a sheet; stable otherwise (rules list in row order). */
function sortFindings(wb: Workbook, findings: Finding[]): Finding[] {
  const sheetOrder = new Map(wb.sheets.map((s, i) => [s.name, i]));
  // A stable sort by (sheet, severity): one bucket per pair, filled in order (a finding on a sheet the
  // workbook does not have sorts as the first sheet, as it always has).
  const buckets: Finding[][] = [];
  for (const f of findings) {
    const k = (sheetOrder.get(f.sheet) ?? 0) * 3 + SEVERITY_ORDER[f.severity];
    (buckets[k] ??= []).push(f);
  }
  const out: Finding[] = [];
  for (const b of buckets) if (b) for (const f of b) out.push(f);
  return out;
}

export function summarize(t: Table): TableSummary {
  return { sheet: t.sheet.name, kind: t.kind, range: rangeAddress(t.range), title: t.title };
}

/** The cells recalculation writes: every computed field it is sure of whose written value differs; user formulas stay. */
export function changeSetOf(wb: Workbook, a: Analysis): ChangeSet {
  const changes: Change[] = [];
  // Sheets by name, the first of a name (as makeChange finds them).
  const sheets = new Map<string, Sheet>();
  for (const s of wb.sheets) if (!sheets.has(s.name)) sheets.set(s.name, s);
  // Cells already considered, by sheet name.
  const seen = new Map<string, Set<number | string>>();
  for (const e of a.evals) {
    for (const f of e.fields) {
      if (f.cell?.f || f.withheld) continue;
      const name = f.table.sheet.name;
      let cells = seen.get(name);
      if (!cells) seen.set(name, (cells = new Set()));
      // A small whole number where it can be (Excel's 16,384 columns; rows below 131,072), else text.
      const key = f.col >= 0 && f.col < 0x4000 && f.row >= 0 && f.row < 0x20000 ? f.row * 0x4000 + f.col : `${f.row},${f.col}`;
      if (cells.has(key)) continue;
      cells.add(key);
      const v = writtenValue(f);
      // Absurd inputs (a weight of 1e308) can overflow a total: Excel cannot hold it, so it is not written.
      if (typeof v === 'number' && !Number.isFinite(v)) continue;
      const fmt = writtenFormat(f);
      const cur = f.cell;
      if (cur && cur.v === v && cur.fmt === fmt) continue;
      // A grade in another spelling that agrees (优秀 for 优) is the person's wording: left alone.
      if (f.kind === 'grade' && typeof cur?.v === 'string' && normaliseGrade(cur.v) === v) continue;
      const after = fmt === undefined ? { v } : { v, fmt };
      const s = sheets.get(name);
      const c = s ? cellAt(s, f.row, f.col) : undefined;
      const before: CellState = c ? { v: c.v } : { v: null };
      if (c && c.f !== undefined) before.f = c.f;
      if (c && c.fmt !== undefined) before.fmt = c.fmt;
      changes.push({ sheet: name, row: f.row, col: f.col, cell: address(f.row, f.col), before, after, field: f.label, reason: reasonOf(f, before, after) });
    }
  }
  return { changes };
}

/** Why a computed field is written: taken from another table, blank, wrong, of another type, or more precise. */
function reasonOf(f: ComputedField, before: CellState, after: CellState): ChangeReason {
  if (f.sync) return 'sync';
  const v = before.v;
  if (v === null || (typeof v === 'string' && v.trim() === '')) return 'fill';
  if (f.kind === 'grade') return 'fix';
  if (!statedAgrees(f)) return 'fix';
  return typeof v === 'string' || (before.fmt ?? '') !== (after.fmt ?? '') ? 'type' : 'precision';
}

export interface RecalcResult {
  changes: ChangeSet;
  /** The recalculated workbook (a copy). */
  result: Workbook;
  /** Findings of the result. */
  findings: Finding[];
  tables: Table[];
}

/**
 * Recalculates a workbook: the change set of every computed field, the recalculated copy, and its findings.
 * `before`, when given, is reused if it is `analyze(wb, settings)` of this same workbook object under the
 * same settings (a check that has just run on it); otherwise the workbook is analysed here. The copy is
 * always analysed afresh.
 */
export function recalc(wb: Workbook, settings: Settings = DEFAULT_SETTINGS, before?: Analysis): RecalcResult {
  const made = before ? SETTINGS_OF.get(before) : undefined;
  const reused = before && made && made.wb === wb && sameSettings(made.settings, settings) ? before : null;
  // The workbook's own findings are not needed (recalculation reports its copy's) unless nothing is written.
  const ev = reused ?? evaluated(wb, settings);
  const changes = changeSetOf(wb, { tables: ev.tables, evals: ev.evals, findings: [] });
  const result = copyForWrites(wb);
  applyChangeSet(result, changes);
  if (!changes.changes.length) return { changes, result, findings: reused ? reused.findings : findingsOf(wb, ev as Evaluated, settings), tables: ev.tables };
  const after = analyze(result, settings);
  return { changes, result, findings: after.findings, tables: after.tables };
}

function sameSettings(a: Settings, b: Settings): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

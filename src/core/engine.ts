// The engine: a workbook in; tables, findings and the change set a recalculation writes out.
import { applyChangeSet, type Change, type ChangeSet } from './changes/changeset';
import { writtenFormat, writtenValue } from './compute/computed';
import { evaluate, type EvalReuse, type SelfEvalEval, type TableEval } from './compute/evaluate';
import type { Finding } from './findings';
import { address, rangeAddress } from './grid/address';
import { cellAt, copyForWrites } from './grid/sheet';
import type { CellState, Sheet, Workbook } from './grid/types';
import { runRules } from './rules';
import type { RuleContext } from './rules/rule';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { detectTablesTraced, redetectTables, type Detection, type DetectionTrace } from './tables/detect';
import type { Level1Group, Table, TableKind } from './tables/model';

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

// What detection saw in each analysis (and the settings it evaluated with), for recalc to analyse the
// recalculated copy incrementally.
const TRACES = new WeakMap<Analysis, { trace: DetectionTrace; settings: Settings }>();

export function analyze(wb: Workbook, settings: Settings = DEFAULT_SETTINGS): Analysis {
  const { detection, trace } = detectTablesTraced(wb);
  const ev = evaluateAll(detection, settings);
  const a: Analysis = { tables: ev.tables, evals: ev.evals, findings: findingsOf(wb, ev, settings) };
  TRACES.set(a, { trace, settings });
  return a;
}

interface Evaluated {
  tables: Table[];
  evals: TableEval[];
  unrecognized: string[];
}

function evaluateAll({ tables, unrecognized }: Detection, settings: Settings, reuse?: EvalReuse): Evaluated {
  return { tables, evals: tables.map((t) => evaluate(t, settings, reuse)), unrecognized };
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

/** The cells recalculation writes: every computed field whose written value differs; user formulas stay. */
export function changeSetOf(wb: Workbook, a: Analysis): ChangeSet {
  const changes: Change[] = [];
  // Sheets by name, the first of a name (as makeChange finds them).
  const sheets = new Map<string, Sheet>();
  for (const s of wb.sheets) if (!sheets.has(s.name)) sheets.set(s.name, s);
  // Cells already considered, by sheet name.
  const seen = new Map<string, Set<number | string>>();
  for (const e of a.evals) {
    for (const f of e.fields) {
      if (f.cell?.f) continue;
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
      const after = fmt === undefined ? { v } : { v, fmt };
      // makeChange(wb, name, f.row, f.col, after, f.label), with the sheet found once.
      const s = sheets.get(name);
      const c = s ? cellAt(s, f.row, f.col) : undefined;
      const before: CellState = c ? { v: c.v } : { v: null };
      if (c && c.f !== undefined) before.f = c.f;
      if (c && c.fmt !== undefined) before.fmt = c.fmt;
      changes.push({ sheet: name, row: f.row, col: f.col, cell: address(f.row, f.col), before, after, field: f.label });
    }
  }
  return { changes };
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
 * `before`, when given, must be `analyze(wb, settings)` of this same workbook object, unchanged since (a
 * check that has just run on it): recalculation then reuses it instead of analysing the workbook again.
 * (An analysis of another workbook object is ignored; one of this object before it changed is not detected.)
 */
export function recalc(wb: Workbook, settings: Settings = DEFAULT_SETTINGS, before?: Analysis): RecalcResult {
  // The workbook's tables and evaluations: the given analysis, else evaluated here. Its findings are
  // not needed (recalculation reports the copy's), unless nothing is written and the copy is the same.
  let prior: Evaluated & { trace?: DetectionTrace; settings?: Settings; findings: () => Finding[] };
  if (before && isAnalysisOf(before, wb)) {
    const a = before;
    const traced = TRACES.get(a);
    prior = { tables: a.tables, evals: a.evals, unrecognized: [], trace: traced?.trace, settings: traced?.settings, findings: () => a.findings };
  } else {
    const { detection, trace } = detectTablesTraced(wb);
    const ev = evaluateAll(detection, settings);
    prior = { ...ev, trace, settings, findings: () => findingsOf(wb, ev, settings) };
  }
  const changes = changeSetOf(wb, { tables: prior.tables, evals: prior.evals, findings: [] });
  const result = copyForWrites(wb);
  applyChangeSet(result, changes);
  if (!changes.changes.length) return { changes, result, findings: prior.findings(), tables: prior.tables };
  return { changes, result, ...analyzeAfter(prior, result, changes, settings) };
}

/** Whether `a` can be an analysis of `wb` (its tables on wb's sheets); not whether wb changed since. */
function isAnalysisOf(a: Analysis, wb: Workbook): boolean {
  for (const t of a.tables) if (wb.sheets[t.sheetIndex] !== t.sheet) return false;
  const traced = TRACES.get(a);
  if (traced) {
    const sheets = traced.trace.sheets;
    if (sheets.length !== wb.sheets.length) return false;
    for (let i = 0; i < sheets.length; i++) if (sheets[i].view.sheet !== wb.sheets[i]) return false;
  }
  return true;
}

/**
 * The findings and tables of the recalculated copy, which differs from the workbook in the cells written
 * only: its analysis reuses what the analysis of the workbook saw where no cell it read changed (the
 * same tables and findings as analysing the copy afresh).
 */
function analyzeAfter(
  prior: Evaluated & { trace?: DetectionTrace; settings?: Settings },
  result: Workbook,
  changes: ChangeSet,
  settings: Settings,
): { findings: Finding[]; tables: Table[] } {
  if (!prior.trace || !prior.settings) {
    const a = analyze(result, settings);
    return { findings: a.findings, tables: a.tables };
  }
  const detection = redetectTables(prior.trace, result, changes.changes);
  // Evaluations depend on these settings: reused only when the earlier analysis used the same.
  const same = prior.settings === settings || (prior.settings.precision === settings.precision && prior.settings.reverseScoring === settings.reverseScoring);
  let reuse: EvalReuse | undefined;
  if (same && detection.changed) {
    const prev = new Map<Level1Group[], TableEval>();
    for (const e of prior.evals) if (e.selfEval) prev.set(e.selfEval.table.level1Groups, e);
    reuse = { prev, changed: detection.changed };
  }
  const ev = evaluateAll(detection, settings, reuse);
  return { findings: findingsOf(result, ev, settings), tables: ev.tables };
}

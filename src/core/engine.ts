// The engine: a workbook in; tables, findings and the change set a recalculation writes out.
import { applyChangeSet, invertChangeSet, type Change, type ChangeReason, type ChangeSet } from './changes/changeset';
import { explainField, statedAgrees, writtenFormat, writtenValue, type ComputedField } from './compute/computed';
import { evaluateAll, type SelfEvalEval, type TableEval } from './compute/evaluate';
import { sameGrade } from './compute/grade';
import type { Finding } from './findings';
import { address, rangeAddress } from './grid/address';
import { cellAt, copyForWrites } from './grid/sheet';
import type { CellState, Sheet, Workbook } from './grid/types';
import { isErrorValue } from './grid/types';
import { showCell } from './format';
import { explainText } from './explain';
import { FormulaGraph, type FormulaCell, type FormulaUpdate } from './formula';
import { runRules } from './rules';
import type { RuleContext } from './rules/rule';
import { DEFAULT_SETTINGS, profileOf, type Settings } from './settings';
import { detectTables } from './tables/detect';
import { DEFAULT_VOCABULARY, extendVocabulary, type CaptionExtra, type Vocabulary } from './vocabulary';
import type { Profile } from './profiles';
import type { Table, TableKind } from './tables/model';
export { nothingRecognised, type NothingRecognised, type SheetGlimpse } from './recognition';

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
  const detection = detectTables(wb, vocabularyOf(profileOf(settings)));
  return { tables: detection.tables, evals: evaluateAll(detection.tables, settings), unrecognized: detection.unrecognized };
}

// One vocabulary per profile object (the tables layer compiles each vocabulary once).
const VOCABULARIES = new WeakMap<Profile, Vocabulary>();

/** The header vocabulary a profile reads tables with: the default, plus the province's own column names. */
function vocabularyOf(p: Profile): Vocabulary {
  if (!Object.keys(p.vocabulary).length) return DEFAULT_VOCABULARY;
  let v = VOCABULARIES.get(p);
  if (!v) VOCABULARIES.set(p, (v = extendVocabulary(DEFAULT_VOCABULARY, p.vocabulary as CaptionExtra)));
  return v;
}

interface Evaluated {
  tables: Table[];
  evals: TableEval[];
  unrecognized: string[];
}

function findingsOf(wb: Workbook, { tables, evals, unrecognized }: Evaluated, settings: Settings): Finding[] {
  const selfEvals: SelfEvalEval[] = [];
  for (const e of evals) if (e.selfEval) selfEvals.push(e.selfEval);
  const profile = profileOf(settings);
  // A profile may change a rule's severity (广西: OVERACHIEVED is an error) without touching the rule.
  const ctx: RuleContext = { tables, evals, unrecognized, settings, selfEvals, severities: profile.severities as RuleContext['severities'] };
  return sortFindings(wb, withExplains(runRules(ctx), evals, profile.name));
}

/** Findings about a computed value carry the rule and arithmetic of the right value (SPEC §8). */
const EXPLAINED = new Set<string>(['RATE_MISMATCH', 'SCORE_MISMATCH', 'TOTAL_MISMATCH', 'TOTAL_ABOVE_CAP', 'GRADE_MISMATCH', 'MISSING_VALUE', 'FORMULA_KEPT', 'CROSS_SHEET_MISMATCH', 'SUBTOTAL_MISMATCH']);

function withExplains(findings: Finding[], evals: readonly TableEval[], profileName: string): Finding[] {
  if (!findings.some((f) => EXPLAINED.has(f.code))) return findings;
  const fields = new Map<string, ComputedField>();
  for (const e of evals) for (const f of e.fields) if (f.why) fields.set(`${f.table.sheet.name}\u0000${address(f.row, f.col)}`, f);
  return findings.map((f) => {
    if (!EXPLAINED.has(f.code)) return f;
    const field = fields.get(`${f.sheet}\u0000${f.cell}`);
    const explain = field ? explainField(field, profileName) : undefined;
    return explain ? { ...f, explain } : f;
  });
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
  return { changes: computedChanges(wb, a.evals, SETTINGS_OF.get(a)?.settings ?? DEFAULT_SETTINGS).map((x) => x.change) };
}

/** The changes of changeSetOf, each with the field it writes. */
function computedChanges(wb: Workbook, evals: readonly TableEval[], settings: Settings): { change: Change; field: ComputedField }[] {
  const profileName = profileOf(settings).name;
  const changes: { change: Change; field: ComputedField }[] = [];
  // Sheets by name, the first of a name (as makeChange finds them).
  const sheets = new Map<string, Sheet>();
  for (const s of wb.sheets) if (!sheets.has(s.name)) sheets.set(s.name, s);
  // Cells already considered, by sheet name.
  const seen = new Map<string, Set<number | string>>();
  for (const e of evals) {
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
      if (f.kind === 'grade' && typeof cur?.v === 'string' && typeof v === 'string' && sameGrade(cur.v, v)) continue;
      const after = fmt === undefined ? { v } : { v, fmt };
      const s = sheets.get(name);
      const c = s ? cellAt(s, f.row, f.col) : undefined;
      const before: CellState = c ? { v: c.v } : { v: null };
      if (c && c.f !== undefined) before.f = c.f;
      if (c && c.fmt !== undefined) before.fmt = c.fmt;
      const change: Change = { sheet: name, row: f.row, col: f.col, cell: address(f.row, f.col), before, after, field: f.label, reason: reasonOf(f, before, after) };
      const explain = explainField(f, profileName);
      if (explain) change.explain = explain;
      changes.push({ change, field: f });
    }
  }
  return changes;
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
  /**
   * Formulas that depend on a written cell (directly or through other formulas) but could not be
   * evaluated exactly: their cached results (in `result` too) are the old ones, and Excel recalculates
   * them when it opens the file (fullCalcOnLoad). In sheet order, then by row and column.
   */
  staleFormulas: StaleFormula[];
  /** The analysis of `result`: what the report is written from (SPEC §6). */
  analysis: Analysis;
}

export interface StaleFormula {
  sheet: string;
  /** A1 address. */
  cell: string;
  /** The formula as Excel shows it, with its leading "=". */
  formula: string;
}

/** Rounds of formulas and computed fields that feed each other (a kept score formula → the total → a summary row). */
const MAX_PASSES = 8;

/**
 * Recalculates a workbook: the change set of every computed field, the recalculated copy, and its findings.
 * `before`, when given, is reused if it is `analyze(wb, settings)` of this same workbook object under the
 * same settings (a check that has just run on it); otherwise the workbook is analysed here. The copy is
 * always analysed afresh.
 *
 * Formula cells that depend on written cells get their cached results recalculated where the formula
 * can be evaluated exactly (src/core/formula): each is a change with reason `formula`, its formula and
 * number format kept. Where a new result changes what the engine computes (a kept score formula feeds
 * the total), the copy is evaluated again until nothing more changes, so a second recalculation writes
 * nothing.
 */
export function recalc(wb: Workbook, settings: Settings = DEFAULT_SETTINGS, before?: Analysis): RecalcResult {
  const made = before ? SETTINGS_OF.get(before) : undefined;
  const reused = before && made && made.wb === wb && sameSettings(made.settings, settings) ? before : null;
  // The workbook's own findings are not needed (recalculation reports its copy's) unless nothing is written.
  const ev = reused ?? evaluated(wb, settings);
  const first = computedChanges(wb, ev.evals, settings);
  const result = copyForWrites(wb);
  if (!first.length) {
    const changes: ChangeSet = { changes: [] };
    const same: Analysis = reused ?? { tables: ev.tables, evals: ev.evals, findings: findingsOf(wb, ev as Evaluated, settings) };
    return { changes, result, findings: same.findings, tables: same.tables, staleFormulas: [], analysis: same };
  }
  const merged = new MergedChanges();
  for (const x of first) merged.add(x.change, x.field);
  applyChangeSet(result, { changes: first.map((x) => x.change) });

  const graph = new FormulaGraph(result);
  const stale = new Set<FormulaCell>();
  let written: Change[] = first.map((x) => x.change);
  let after: Analysis | null = null;
  for (let pass = 1; written.length; pass++) {
    const fr = graph.recalculate(written);
    for (const fc of fr.stale) stale.add(fc);
    if (!fr.updated.length) break;
    if (pass === MAX_PASSES) {
      // Never seen: left to Excel rather than written half-way.
      for (const u of fr.updated) stale.add(u);
      break;
    }
    const fchanges = fr.updated.map(formulaChange);
    applyChangeSet(result, { changes: fchanges });
    for (const ch of fchanges) merged.add(ch);
    after = analyze(result, settings);
    const extra = computedChanges(result, after.evals, settings);
    written = extra.map((x) => x.change);
    if (!extra.length) break;
    applyChangeSet(result, { changes: written });
    for (const x of extra) merged.add(x.change, x.field);
    after = null;
  }
  // A result written in one round from a formula found stale in a later one is not certain: left to Excel.
  const doubted = merged.takeFormulas(stale);
  if (doubted.length) {
    applyChangeSet(result, invertChangeSet({ changes: doubted }));
    after = null;
  }
  after ??= analyze(result, settings);
  const sheetOrder = new Map(result.sheets.map((s, i) => [s, i]));
  const staleFormulas = [...stale]
    .sort((a, b) => (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) || a.row - b.row || a.col - b.col)
    .map((fc) => ({ sheet: fc.sheet.name, cell: address(fc.row, fc.col), formula: `=${fc.formula}` }));
  return { changes: { changes: merged.list() }, result, findings: after.findings, tables: after.tables, staleFormulas, analysis: after };
}

/** A formula kept, its cached result replaced by the recalculated one (SPEC §4, reason `formula`). */
function formulaChange(u: FormulaUpdate): Change {
  const c = cellAt(u.sheet, u.row, u.col);
  const before: CellState = { v: c ? c.v : null, f: u.formula };
  const after: CellState = { v: u.value, f: u.formula };
  if (c?.fmt !== undefined) before.fmt = after.fmt = c.fmt;
  const result = showCell(u.value, c?.fmt);
  const rule = `公式 =${u.formula} 按写入后的单元格重新计算`;
  const explain = { rule, result, text: explainText(formulaLabel(u.formula), { rule, result }) };
  return { sheet: u.sheet.name, row: u.row, col: u.col, cell: address(u.row, u.col), before, after, field: formulaLabel(u.formula), reason: 'formula', explain };
}

/** 公式结果（=SUM(H9:H16)）: a long formula shortened. */
function formulaLabel(formula: string): string {
  const f = formula.length > 60 ? `${formula.slice(0, 59)}…` : formula;
  return `公式结果（=${f}）`;
}

/**
 * The changes of every round, one per cell: the first round's state before, the last round's after;
 * a computed cell's reason judged on its final value against the workbook's.
 */
class MergedChanges {
  private readonly changes: Change[] = [];
  private readonly at = new Map<string, number>();
  private readonly fields = new Map<string, ComputedField>();
  private readonly dropped = new Set<number>();

  add(ch: Change, field?: ComputedField): void {
    const k = `${ch.sheet}\u0000${ch.row}\u0000${ch.col}`;
    const i = this.at.get(k);
    if (i === undefined) {
      this.at.set(k, this.changes.length);
      this.changes.push(ch);
      if (field) this.fields.set(k, field);
      return;
    }
    const prev = this.changes[i];
    const f0 = this.fields.get(k);
    const reason = f0 && field ? reasonOf({ ...f0, exact: field.exact }, prev.before, ch.after) : prev.reason;
    // The last round's value is written: its explanation goes with it.
    this.changes[i] = { ...prev, after: ch.after, reason, ...(ch.explain ? { explain: ch.explain } : {}) };
  }

  /** Takes out the formula results of these cells; returns the changes taken. */
  takeFormulas(cells: ReadonlySet<FormulaCell>): Change[] {
    const taken: Change[] = [];
    for (const fc of cells) {
      const k = `${fc.sheet.name}\u0000${fc.row}\u0000${fc.col}`;
      const i = this.at.get(k);
      if (i === undefined || this.changes[i].reason !== 'formula') continue;
      taken.push(this.changes[i]);
      this.dropped.add(i);
    }
    return taken;
  }

  /** The changes, less any taken out or whose last state is the first one again. */
  list(): Change[] {
    return this.changes.filter((c, i) => !this.dropped.has(i) && !sameState(c.before, c.after));
  }
}

function sameState(a: CellState, b: CellState): boolean {
  const v = a.v === b.v || (isErrorValue(a.v) && isErrorValue(b.v) && a.v.error === b.v.error);
  return v && a.f === b.f && a.fmt === b.fmt;
}

function sameSettings(a: Settings, b: Settings): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** A check that also says, per finding, whether 重算 resolves it (one story for 检查 and 重算). */
export interface CheckOutcome {
  analysis: Analysis;
  /** The analysis's findings, those that recalculation resolves marked with `recalc`. */
  findings: Finding[];
  /** What 重算 would write now (the preview). */
  recalc: RecalcResult;
}

export function checkWorkbook(wb: Workbook, settings: Settings = DEFAULT_SETTINGS): CheckOutcome {
  const analysis = analyze(wb, settings);
  const r = recalc(wb, settings, analysis);
  return { analysis, findings: markRecalcFixes(analysis.findings, r), recalc: r };
}

/**
 * Marks the findings recalculation resolves: those the recalculated workbook no longer has (same code
 * and cell). `writes` is the change on the finding's cell, else on a related cell, when there is one.
 */
export function markRecalcFixes(findings: readonly Finding[], r: RecalcResult): Finding[] {
  const key = (code: string, sheet: string, cell: string) => `${code}\u0000${sheet}\u0000${cell}`;
  const left = new Set(r.findings.map((f) => key(f.code, f.sheet, f.cell)));
  const written = new Map<string, Change>();
  for (const c of r.changes.changes) written.set(`${c.sheet}\u0000${c.cell}`, c);
  return findings.map((f) => {
    if (left.has(key(f.code, f.sheet, f.cell))) return f;
    // A cell taken from another table (sync) is the one a cross-table finding is about; else its own cell first.
    const candidates = [f, ...(f.related ?? [])].map((x) => written.get(`${x.sheet}\u0000${x.cell}`)).filter((c) => c !== undefined);
    const at = candidates.find((c) => c.reason === 'sync') ?? candidates[0];
    const writes = at ? { sheet: at.sheet, cell: at.cell, shown: showCell(at.after.v, at.after.fmt), reason: at.reason ?? 'fix' } : undefined;
    return { ...f, recalc: writes ? { writes } : {} };
  });
}

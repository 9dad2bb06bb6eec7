// The engine: a workbook in; tables, findings and the change set a recalculation writes out.
import { applyChangeSet, makeChange, type Change, type ChangeSet } from './changes/changeset';
import { writtenFormat, writtenValue } from './compute/computed';
import { evaluate, type TableEval } from './compute/evaluate';
import type { Finding } from './findings';
import { rangeAddress } from './grid/address';
import { cloneWorkbook } from './grid/sheet';
import type { Workbook } from './grid/types';
import { RULES } from './rules';
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

export function analyze(wb: Workbook, settings: Settings = DEFAULT_SETTINGS): Analysis {
  const { tables, unrecognized } = detectTables(wb);
  const evals = tables.map((t) => evaluate(t, settings));
  const ctx = { tables, evals, unrecognized, settings };
  const findings = RULES.flatMap((rule) => rule(ctx));
  const sheetOrder = new Map(wb.sheets.map((s, i) => [s.name, i]));
  // Sheet order, then severity within a sheet; stable otherwise (rules list in row order).
  findings.sort(
    (a, b) => (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  return { tables, evals, findings };
}

export function summarize(t: Table): TableSummary {
  return { sheet: t.sheet.name, kind: t.kind, range: rangeAddress(t.range), title: t.title };
}

/** The cells recalculation writes: every computed field whose written value differs; user formulas stay. */
export function changeSetOf(wb: Workbook, a: Analysis): ChangeSet {
  const changes: Change[] = [];
  const seen = new Set<string>();
  for (const e of a.evals) {
    for (const f of e.fields) {
      if (f.cell?.f) continue;
      const key = `${f.table.sheet.name}!${f.row},${f.col}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const v = writtenValue(f);
      const fmt = writtenFormat(f);
      const cur = f.cell;
      if (cur && cur.v === v && cur.fmt === fmt) continue;
      const after = fmt === undefined ? { v } : { v, fmt };
      changes.push(makeChange(wb, f.table.sheet.name, f.row, f.col, after, f.label));
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

export function recalc(wb: Workbook, settings: Settings = DEFAULT_SETTINGS): RecalcResult {
  const before = analyze(wb, settings);
  const changes = changeSetOf(wb, before);
  const result = cloneWorkbook(wb);
  applyChangeSet(result, changes);
  const after = changes.changes.length ? analyze(result, settings) : before;
  return { changes, result, findings: after.findings, tables: after.tables };
}

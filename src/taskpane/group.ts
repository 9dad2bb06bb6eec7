// How the task pane orders what it lists, without React (unit-tested in test/taskpane/group.test.ts):
// findings become one entry per cell, entries are grouped by the table whose range holds them and put
// in position order (row, then column); changes are grouped by table, then by reason (SPEC §4).
import { REASON_LABEL, type Change, type ChangeReason, type ChangeSet } from '../core/changes/changeset';
import type { TableSummary } from '../core/engine';
import type { CellRef, Finding, FindingCode, Severity } from '../core/findings';
import { parseAddress } from '../core/grid/address';
import { CODE_LABEL, KIND_LABEL, SEVERITY_LABEL } from './labels';

/** A recognised table as the pane names it: its summary and the project (or unit) it is about. */
export interface TableInfo extends TableSummary {
  /** 项目名称 / 部门（单位）名称 of a self-evaluation table; '' for the other kinds. */
  name: string;
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export type Counts = Record<Severity, number>;

/** The findings on one cell, the most severe first. */
export interface Entry {
  /** `sheet!cell`. */
  key: string;
  sheet: string;
  cell: string;
  row: number;
  col: number;
  findings: Finding[];
  /** The most severe of the findings. */
  severity: Severity;
}

/** The entries of one table (or, for cells outside every table, of one sheet), in position order. */
export interface FindingGroup {
  key: string;
  table: TableInfo | null;
  sheet: string;
  entries: Entry[];
  /** Findings (not entries) by severity. */
  counts: Counts;
}

// ---------------------------------------------------------------------------------------------
// Tables

/** 「人代会议 · 项目支出绩效自评表 · 项目1!A1:K30」: the project, the kind (unless the title says it), the range. */
export function tableLabel(t: TableInfo): string {
  const kind = KIND_LABEL[t.kind];
  const name = t.name || t.title;
  const parts = name && name.includes(kind) ? [name] : name ? [name, kind] : [kind];
  return [...parts, `${t.sheet}!${t.range}`].join(' · ');
}

/** The header of a group: the table's label, or the sheet for cells outside every table. */
export function groupLabel(g: { table: TableInfo | null; sheet: string }): string {
  return g.table ? tableLabel(g.table) : `${g.sheet} · 不在识别到的表格内`;
}

/** 「错误 3 警告 1」: the non-zero counts. */
export function countsText(c: Counts): string {
  return SEVERITIES.filter((s) => c[s] > 0)
    .map((s) => `${SEVERITY_LABEL[s]} ${c[s]}`)
    .join(' ');
}

/** The first cell of a range (`A1:K30` → `A1`). */
export function firstCell(range: string): string {
  return range.split(':')[0];
}

function position(cell: string): { row: number; col: number } {
  try {
    return parseAddress(cell);
  } catch {
    return { row: Number.MAX_SAFE_INTEGER, col: Number.MAX_SAFE_INTEGER };
  }
}

/** Finds the table whose range holds a cell: the tables of each sheet, their ranges parsed once. */
export class TableLocator {
  private readonly bySheet = new Map<string, { t: TableInfo; r0: number; c0: number; r1: number; c1: number }[]>();

  constructor(tables: readonly TableInfo[]) {
    for (const t of tables) {
      const [a, b = a] = t.range.split(':');
      const p = position(a);
      const q = position(b);
      let list = this.bySheet.get(t.sheet);
      if (!list) this.bySheet.set(t.sheet, (list = []));
      list.push({ t, r0: p.row, c0: p.col, r1: q.row, c1: q.col });
    }
  }

  locate(sheet: string, row: number, col: number): TableInfo | null {
    for (const x of this.bySheet.get(sheet) ?? []) if (row >= x.r0 && row <= x.r1 && col >= x.c0 && col <= x.c1) return x.t;
    return null;
  }
}

const byPosition = (a: { row: number; col: number }, b: { row: number; col: number }) => a.row - b.row || a.col - b.col;

/** Groups keyed by table (in the tables' order), then by sheet for cells outside every table (in order of appearance). */
function grouper<G>(tables: readonly TableInfo[], make: (key: string, table: TableInfo | null, sheet: string) => G) {
  const locator = new TableLocator(tables);
  const tableIndex = new Map(tables.map((t, i) => [t, i]));
  const groups = new Map<string, { order: number; g: G }>();
  let others = 0;
  return {
    at(sheet: string, row: number, col: number): G {
      const table = locator.locate(sheet, row, col);
      const key = table ? `t${tableIndex.get(table)}` : `s:${sheet}`;
      let x = groups.get(key);
      if (!x) groups.set(key, (x = { order: table ? tableIndex.get(table)! : tables.length + others++, g: make(key, table, sheet) }));
      return x.g;
    },
    all(): G[] {
      return [...groups.values()].sort((a, b) => a.order - b.order).map((x) => x.g);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Findings

export function emptyCounts(): Counts {
  return { error: 0, warning: 0, info: 0 };
}

/** One entry per cell, grouped by table, entries in position order, a cell's findings the most severe first. */
export function groupFindings(tables: readonly TableInfo[], findings: readonly Finding[]): FindingGroup[] {
  const entries = new Map<string, Entry>();
  const g = grouper<FindingGroup>(tables, (key, table, sheet) => ({ key, table, sheet, entries: [], counts: emptyCounts() }));
  for (const f of findings) {
    const key = `${f.sheet}!${f.cell}`;
    let e = entries.get(key);
    if (!e) {
      const p = position(f.cell);
      e = { key, sheet: f.sheet, cell: f.cell, row: p.row, col: p.col, findings: [], severity: f.severity };
      entries.set(key, e);
      g.at(f.sheet, p.row, p.col).entries.push(e);
    }
    e.findings.push(f);
    if (RANK[f.severity] < RANK[e.severity]) e.severity = f.severity;
  }
  const groups = g.all();
  for (const x of groups) {
    x.entries.sort(byPosition);
    for (const e of x.entries) {
      // A stable sort: findings of one severity stay in the order the engine reported them.
      e.findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
      for (const f of e.findings) x.counts[f.severity]++;
    }
  }
  return groups;
}

export interface FindingFilter {
  show: Record<Severity, boolean>;
  /** Text to search for in the message, the cell, the code's label and the table's name. */
  query: string;
}

/** Search text: full-width folded to half-width (NFKC), lower case, no spaces. */
export function normalize(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

const GROUP_TEXT = new WeakMap<FindingGroup, string>();
const FINDING_TEXT = new WeakMap<Finding, string>();

function groupText(g: FindingGroup): string {
  let t = GROUP_TEXT.get(g);
  if (t === undefined) GROUP_TEXT.set(g, (t = normalize(g.table ? `${tableLabel(g.table)} ${g.table.title}` : groupLabel(g))));
  return t;
}

function findingText(f: Finding): string {
  let t = FINDING_TEXT.get(f);
  if (t === undefined) FINDING_TEXT.set(f, (t = normalize(`${f.sheet}!${f.cell} ${f.message} ${CODE_LABEL[f.code]} ${f.code}`)));
  return t;
}

/**
 * The groups with only what the filter lets through: each entry keeps the findings of the severities
 * shown; an entry is kept when one of those matches the search (or its table does); empty groups go.
 * Counts are recounted over what is kept.
 */
export function filterGroups(groups: readonly FindingGroup[], filter: FindingFilter): FindingGroup[] {
  const q = normalize(filter.query);
  const out: FindingGroup[] = [];
  for (const g of groups) {
    const tableMatches = q !== '' && groupText(g).includes(q);
    const entries: Entry[] = [];
    const counts = emptyCounts();
    for (const e of g.entries) {
      const shown = e.findings.filter((f) => filter.show[f.severity]);
      if (!shown.length) continue;
      if (q && !tableMatches && !shown.some((f) => findingText(f).includes(q))) continue;
      for (const f of shown) counts[f.severity]++;
      entries.push(shown.length === e.findings.length ? e : { ...e, findings: shown, severity: shown[0].severity });
    }
    if (entries.length) out.push(entries.length === g.entries.length && sameCounts(counts, g.counts) ? g : { ...g, entries, counts });
  }
  return out;
}

function sameCounts(a: Counts, b: Counts): boolean {
  return a.error === b.error && a.warning === b.warning && a.info === b.info;
}

export type FindingRow = { kind: 'group'; group: FindingGroup; collapsed: boolean } | { kind: 'entry'; entry: Entry; group: FindingGroup };

/** The rows the list shows: each group's header, then its entries unless it is collapsed. */
export function findingRows(groups: readonly FindingGroup[], collapsed: ReadonlySet<string>): FindingRow[] {
  const rows: FindingRow[] = [];
  for (const group of groups) {
    const c = collapsed.has(group.key);
    rows.push({ kind: 'group', group, collapsed: c });
    if (!c) for (const entry of group.entries) rows.push({ kind: 'entry', entry, group });
  }
  return rows;
}

/**
 * The cells a finding is about, in the order its message names them (a cross-table finding names the
 * cell to correct first); cells the message does not name come last.
 */
export function cellsOf(f: Finding): CellRef[] {
  const cells: CellRef[] = [{ sheet: f.sheet, cell: f.cell }, ...(f.related ?? [])];
  const at = (c: CellRef) => {
    const i = f.message.indexOf(`${c.sheet}!${c.cell}`);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return cells.map((c, i) => ({ c, i, at: at(c) })).sort((a, b) => a.at - b.at || a.i - b.i).map((x) => x.c);
}

/** What 重算 does about an entry: whether it resolves its findings, and what it writes. */
export interface RecalcNote {
  /** Codes of the findings 重算 resolves; all of the entry's when `partial` is false. */
  codes: FindingCode[];
  partial: boolean;
  /** 「将写入 9.38（修正）」, 「将写入 汇总表!H3：100（同步）」 for a write to another cell; one per cell written. */
  writes: string[];
}

export function recalcNote(e: Entry): RecalcNote | null {
  const fixed = e.findings.filter((f) => f.recalc);
  if (!fixed.length) return null;
  const writes: string[] = [];
  const seen = new Set<string>();
  for (const f of fixed) {
    const w = f.recalc?.writes;
    if (!w || seen.has(`${w.sheet}!${w.cell}`)) continue;
    seen.add(`${w.sheet}!${w.cell}`);
    const where = w.sheet === e.sheet && w.cell === e.cell ? '' : `${w.sheet === e.sheet ? w.cell : `${w.sheet}!${w.cell}`}：`;
    writes.push(`将写入 ${where}${w.shown}（${REASON_LABEL[w.reason]}）`);
  }
  return { codes: [...new Set(fixed.map((f) => f.code))], partial: fixed.length < e.findings.length, writes };
}

// ---------------------------------------------------------------------------------------------
// Changes

/** SPEC §4's order of reasons. */
export const REASON_ORDER: readonly ChangeReason[] = ['fix', 'fill', 'precision', 'type', 'sync', 'formula'];

export interface ReasonGroup {
  key: string;
  /** null for changes without a reason (never a recalculation's). */
  reason: ChangeReason | null;
  /** Indices into the change set, in position order. */
  indices: number[];
}

export interface ChangeGroup {
  key: string;
  table: TableInfo | null;
  sheet: string;
  reasons: ReasonGroup[];
  /** Every index of the group's reasons, in the order shown. */
  indices: number[];
}

/** Changes grouped by table (cells outside every table: by sheet), then by reason, each in position order. */
export function groupChanges(tables: readonly TableInfo[], changes: readonly Change[]): ChangeGroup[] {
  const g = grouper<{ key: string; table: TableInfo | null; sheet: string; by: Map<ChangeReason | null, number[]> }>(tables, (key, table, sheet) => ({
    key,
    table,
    sheet,
    by: new Map(),
  }));
  changes.forEach((c, i) => {
    const x = g.at(c.sheet, c.row, c.col);
    const reason = c.reason ?? null;
    let list = x.by.get(reason);
    if (!list) x.by.set(reason, (list = []));
    list.push(i);
  });
  const rank = (r: ChangeReason | null) => (r === null ? REASON_ORDER.length : REASON_ORDER.indexOf(r));
  return g.all().map((x) => {
    const reasons = [...x.by.entries()]
      .sort((a, b) => rank(a[0]) - rank(b[0]))
      .map(([reason, indices]) => ({
        key: `${x.key}/${reason ?? '-'}`,
        reason,
        indices: indices.sort((a, b) => byPosition(changes[a], changes[b]) || a - b),
      }));
    return { key: x.key, table: x.table, sheet: x.sheet, reasons, indices: reasons.flatMap((r) => r.indices) };
  });
}

/** A group's tick: every change ticked, none, or some ('mixed'). */
export function tickState(indices: readonly number[], unticked: ReadonlySet<number>): boolean | 'mixed' {
  let off = 0;
  for (const i of indices) if (unticked.has(i)) off++;
  return off === 0 ? true : off === indices.length ? false : 'mixed';
}

/** The unticked set with `indices` ticked (`on`) or unticked. */
export function setTicked(unticked: ReadonlySet<number>, indices: readonly number[], on: boolean): Set<number> {
  const next = new Set(unticked);
  for (const i of indices) {
    if (on) next.delete(i);
    else next.add(i);
  }
  return next;
}

/** The ticked changes, in the change set's order (the order recalculation wrote them in). */
export function tickedChanges(cs: ChangeSet, unticked: ReadonlySet<number>): ChangeSet {
  return unticked.size ? { changes: cs.changes.filter((_, i) => !unticked.has(i)) } : cs;
}

export type ChangeRow =
  | { kind: 'table'; group: ChangeGroup }
  | { kind: 'reason'; group: ChangeGroup; reason: ReasonGroup }
  | { kind: 'change'; group: ChangeGroup; index: number };

/** The rows a change list shows: a table's header, each reason's header, its changes (unless collapsed). */
export function changeRows(groups: readonly ChangeGroup[], collapsed: ReadonlySet<string> = new Set()): ChangeRow[] {
  const rows: ChangeRow[] = [];
  for (const group of groups) {
    rows.push({ kind: 'table', group });
    if (collapsed.has(group.key)) continue;
    for (const reason of group.reasons) {
      rows.push({ kind: 'reason', group, reason });
      if (collapsed.has(reason.key)) continue;
      for (const index of reason.indices) rows.push({ kind: 'change', group, index });
    }
  }
  return rows;
}

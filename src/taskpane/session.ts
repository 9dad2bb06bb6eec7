// What the task pane does, without React: check, preview, apply, undo, select, highlight, settings.
// It reaches the workbook only through the host, and the rules only through the engine.
import type { ChangeSet } from '../core/changes/changeset';
import { invertChangeSet } from '../core/changes/changeset';
import { analyze, checkWorkbook, recalc, summarize, type TableSummary } from '../core/engine';
import { reportBasis, reportWarning, type ReportBasis } from '../core/report-basis';
import type { Finding } from '../core/findings';
import { parseAddress } from '../core/grid/address';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../core/settings';
import type { Report } from '../core/report';
import { reportLines } from '../core/report/lines';
import { toMarkdown } from '../core/report/markdown';
import { checkNarrative } from '../core/report/narrative';
import type { AddinHost, ReportSheetRecord } from '../hosts/office/office-host';
import { buildDocx, type DocxBuilt } from './docx-build';

export const REPORT_SHEET = '自评报告';
export const NO_REPORTS = '工作簿中没有识别到自评表或汇总表，无法生成报告。';

export interface CheckResult {
  tables: TableSummary[];
  findings: Finding[];
  /** Findings grouped by the table whose range holds their cell ("其他" for the rest). */
  groups: { table: TableSummary | null; findings: Finding[] }[];
}

export type Progress = (step: string, fraction: number) => void;

export class Session {
  settings: Settings = DEFAULT_SETTINGS;
  /** Set when stored settings were invalid and the defaults are in use. */
  settingsProblem: string | null = null;
  private lastApplied: ChangeSet | null = null;
  private lastReport: ReportSheetRecord | null = null;

  constructor(readonly host: AddinHost) {
    const stored = host.loadSettings();
    if (stored !== null && stored !== undefined) {
      const r = parseSettings(stored);
      if (r.ok) this.settings = r.settings;
      else this.settingsProblem = `工作簿中保存的设置无效，已使用默认设置：${r.fieldMessage}`;
    }
  }

  async check(progress: Progress = () => {}): Promise<CheckResult> {
    progress('读取工作簿…', 0.1);
    const wb = await this.host.readWorkbook();
    progress('检查中…', 0.6);
    // With what 重算 would do, so each finding it resolves says so (one story for 检查 and 重算).
    const o = checkWorkbook(wb, this.settings);
    const tables = o.analysis.tables.map(summarize);
    progress('完成', 1);
    return { tables, findings: o.findings, groups: groupByTable(tables, o.findings) };
  }

  /** The change set a recalculation would write, for the preview. */
  async preview(progress: Progress = () => {}): Promise<ChangeSet> {
    progress('读取工作簿…', 0.1);
    const wb = await this.host.readWorkbook();
    progress('计算中…', 0.6);
    // What `jixiao recalc` writes, formula results included (one story for the CLI and the pane).
    const cs = recalc(wb, this.settings).changes;
    progress('完成', 1);
    return cs;
  }

  async apply(cs: ChangeSet): Promise<void> {
    if (!cs.changes.length) return;
    await this.host.applyChanges(cs);
    this.lastApplied = cs;
  }

  get canUndo(): boolean {
    return this.lastApplied !== null;
  }

  /** Restores every cell of the last recalculation (value, formula, number format) from our own record. */
  async undo(): Promise<number> {
    const cs = this.lastApplied;
    if (!cs) return 0;
    await this.host.applyChanges(invertChangeSet(cs));
    this.lastApplied = null;
    return cs.changes.length;
  }

  /** What the report would be written from, and what is still to do first (errors, changes not applied). */
  async reportBasis(progress: Progress = () => {}): Promise<ReportBasis & { warning: string | null }> {
    progress('读取工作簿…', 0.1);
    const wb = await this.host.readWorkbook();
    progress('生成报告…', 0.3);
    const b = reportBasis(wb, this.settings);
    return { ...b, warning: reportWarning(b) };
  }

  /** The reports of the workbook, written from its figures as they stand after recalculation (SPEC §6). */
  async reports(progress: Progress = () => {}): Promise<Report[]> {
    const { reports } = await this.reportBasis(progress);
    if (!reports.length) throw new Error(NO_REPORTS);
    return reports;
  }

  /**
   * Writes the 「自评报告」 sheet (replacing the one generated before); undoReportSheet removes it.
   * `reports` are those of a reportBasis just made (else they are made now). Large reports are written
   * in several requests: progress per chunk.
   */
  async generateReportSheet(progress: Progress = () => {}, given?: Report[]): Promise<{ sheet: string; reports: Report[] }> {
    const reports = given ?? (await this.reports(progress));
    progress('写入报告工作表…', 0.5);
    const lines = reportLines(reports);
    this.lastReport = await this.host.writeReportSheet(REPORT_SHEET, lines, (done, total) =>
      progress(total > 1 ? `写入报告工作表（第 ${done}/${total} 批）…` : '写入报告工作表…', 0.5 + (0.5 * done) / total),
    );
    progress('完成', 1);
    return { sheet: this.lastReport.name, reports };
  }

  get canUndoReport(): boolean {
    return this.lastReport !== null;
  }

  async undoReportSheet(): Promise<void> {
    if (!this.lastReport) return;
    await this.host.removeReportSheet(this.lastReport);
    this.lastReport = null;
  }

  async reportMarkdown(given?: Report[]): Promise<string> {
    return toMarkdown(given ?? (await this.reports()));
  }

  /**
   * The .docx, built in a Web Worker (on the page's thread only where there is none), with progress
   * per report; a fraction of null is a step that cannot tell how far it is (the compression).
   */
  async reportDocx(progress: (step: string, fraction: number | null) => void = () => {}, given?: Report[]): Promise<DocxBuilt> {
    const reports = given ?? (await this.reports(progress));
    return buildDocx(reports, progress);
  }

  /** NARRATIVE_MISMATCH findings of a report already written: pasted text or a .docx. */
  async checkNarrative(input: string | ArrayBuffer): Promise<Finding[]> {
    let text: string;
    if (typeof input === 'string') text = input;
    else {
      const { docxText } = await import('../outputs/docx-read');
      text = await docxText(input);
    }
    const wb = await this.host.readWorkbook();
    return checkNarrative(text, analyze(wb, this.settings), this.settings);
  }

  select(f: Pick<Finding, 'sheet' | 'cell'>): Promise<void> {
    return this.host.select(f.sheet, f.cell);
  }

  highlight(findings: Finding[]): Promise<void> {
    return this.host.highlight(findings.map((f) => ({ sheet: f.sheet, cell: f.cell, severity: f.severity })));
  }

  clearHighlights(): Promise<void> {
    return this.host.clearHighlights();
  }

  /** Validates and stores settings with the workbook; the message names the field by its label. */
  async saveSettings(input: unknown): Promise<{ ok: true } | { ok: false; field: string; message: string }> {
    const r = parseSettings(input);
    // The form shows the message beside the field: its label, not the JSON key.
    if (!r.ok) return { ok: false, field: r.field, message: r.fieldMessage };
    await this.host.saveSettings(r.settings);
    this.settings = r.settings;
    this.settingsProblem = null;
    return { ok: true };
  }
}

function contains(range: string, cell: string): boolean {
  const [a, b = a] = range.split(':');
  const p = parseAddress(a);
  const q = parseAddress(b);
  const c = parseAddress(cell);
  return c.row >= p.row && c.row <= q.row && c.col >= p.col && c.col <= q.col;
}

export function groupByTable(tables: TableSummary[], findings: Finding[]): CheckResult['groups'] {
  const groups = tables.map((t) => ({ table: t as TableSummary | null, findings: [] as Finding[] }));
  const other: Finding[] = [];
  for (const f of findings) {
    const g = groups.find((x) => x.table && x.table.sheet === f.sheet && contains(x.table.range, f.cell));
    if (g) g.findings.push(f);
    else other.push(f);
  }
  const out = groups.filter((g) => g.findings.length > 0);
  if (other.length) out.push({ table: null, findings: other });
  return out;
}

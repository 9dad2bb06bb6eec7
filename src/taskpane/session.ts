// What the task pane does, without React: check, preview, apply, undo, select, highlight, settings.
// It reaches the workbook only through the host, and the rules only through the engine.
import type { ChangeSet } from '../core/changes/changeset';
import { analyze, checkWorkbook, recalc, summarize } from '../core/engine';
import { nothingRecognised } from '../core/recognition';
import { reportBasis, reportWarning, type ReportBasis } from '../core/report-basis';
import type { Finding } from '../core/findings';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../core/settings';
import type { Report } from '../core/report';
import { reportLines } from '../core/report/lines';
import { toMarkdown } from '../core/report/markdown';
import { toHtml } from '../core/report/html';
import { toPlainText } from '../core/report/plain';
import { checkNarrative } from '../core/report/narrative';
import { isSelfEval, type Table } from '../core/tables/model';
import type { AddinHost, ReportSheetRecord } from '../hosts/office/office-host';
import { groupFindings, type FindingGroup, type TableInfo } from './group';
import { buildDocx, type DocxBuilt } from './docx-build';
import { storedSettings } from './settings-form';

/** What the pane adds where Excel's Ctrl+Z cannot take a step back (a sheet deleted, settings saved). */
export const NO_CTRL_Z = '此操作无法用 Ctrl+Z 撤销。';
export const NO_CTRL_Z_PAST_SAVE = '保存设置后，此前的操作无法再用 Ctrl+Z 撤销。';

/** After 撤销: the pane's sentence for the cells left alone, or '' for none. */
export function changedSinceMessage(cells: readonly { sheet: string; cell: string }[], shown = 20): string {
  if (!cells.length) return '';
  const list = cells.slice(0, shown).map((c) => `${c.sheet}!${c.cell}`).join('、');
  return `以下 ${cells.length} 个单元格在重算后已被修改，未撤销：${list}${cells.length > shown ? ' 等' : ''}。`;
}

export const REPORT_SHEET = '自评报告';
export const NO_REPORTS = '工作簿中没有识别到自评表或汇总表，无法生成报告。';

export interface CheckResult {
  tables: TableInfo[];
  findings: Finding[];
  /** One entry per cell, grouped by the table whose range holds it (by sheet for the rest), in position order. */
  groups: FindingGroup[];
  /**
   * Set when no table at all was recognised (SPEC §5: that is not "free of errors"): what to tell the
   * person, with what each sheet seemed to hold (src/core/recognition.ts, as the CLI says it).
   */
  nothingRecognised: string | null;
}

/** What 预览重算 shows: the change set, with the tables to group its changes by. */
export interface Preview extends ChangeSet {
  tables: TableInfo[];
  /** Set when no table was recognised: then 「无需修改」 would be untrue (SPEC §5). */
  nothingRecognised: string | null;
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
    const tables = o.analysis.tables.map(tableInfo);
    progress('完成', 1);
    return { tables, findings: o.findings, groups: groupFindings(tables, o.findings), nothingRecognised: nothingRecognised(wb, o.analysis)?.message ?? null };
  }

  /** The change set a recalculation would write, for the preview, with the tables to group it by. */
  async preview(progress: Progress = () => {}): Promise<Preview> {
    progress('读取工作簿…', 0.1);
    const wb = await this.host.readWorkbook();
    progress('计算中…', 0.6);
    // What `jixiao recalc` writes, formula results included (one story for the CLI and the pane).
    const r = recalc(wb, this.settings);
    progress('完成', 1);
    // The recalculated copy's tables: the same ranges, named as the preview's groups are.
    return { changes: r.changes.changes, tables: r.tables.map(tableInfo), nothingRecognised: nothingRecognised(wb, r.analysis)?.message ?? null };
  }

  /** Writes the changes (the ticked ones of a preview) in one sync; undo restores exactly these. */
  async apply(cs: ChangeSet): Promise<void> {
    if (!cs.changes.length) return;
    await this.host.applyChanges({ changes: cs.changes });
    this.lastApplied = { changes: cs.changes };
  }

  /** Marks the cells written, in their own colour; 清除标记 and undo take the marks off. */
  markWritten(cs: ChangeSet): Promise<void> {
    return this.host.highlight(cs.changes.map((c) => ({ sheet: c.sheet, cell: c.cell, severity: 'written' as const })));
  }

  get canUndo(): boolean {
    return this.lastApplied !== null;
  }

  /** What the last 应用 wrote, until it is undone. */
  get applied(): ChangeSet | null {
    return this.lastApplied;
  }

  /**
   * Restores the cells the last 应用 wrote (value, formula, number format) from our own record, where
   * they still hold what was written; a cell changed since is left alone and listed. Takes the marks off.
   */
  async undo(): Promise<{ restored: number; changedSince: { sheet: string; cell: string }[] }> {
    const cs = this.lastApplied;
    if (!cs) return { restored: 0, changedSince: [] };
    const r = await this.host.revertChanges(cs);
    this.lastApplied = null;
    await this.host.clearHighlights('written');
    return { restored: r.reverted.length, changedSince: r.changedSince.map((c) => ({ sheet: c.sheet, cell: c.cell })) };
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
  async generateReportSheet(progress: Progress = () => {}, given?: Report[]): Promise<{ sheet: string; reports: Report[]; undoable: boolean }> {
    const reports = given ?? (await this.reports(progress));
    progress('写入报告工作表…', 0.5);
    const lines = reportLines(reports);
    this.lastReport = await this.host.writeReportSheet(REPORT_SHEET, lines, (done, total) =>
      progress(total > 1 ? `写入报告工作表（第 ${done}/${total} 批）…` : '写入报告工作表…', 0.5 + (0.5 * done) / total),
    );
    progress('完成', 1);
    return { sheet: this.lastReport.name, reports, undoable: this.lastReport.undoable === true };
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

  /** The report for the clipboard: plain text and HTML (headings, bold placeholders, tables), never Markdown. */
  async reportClipboard(given?: Report[]): Promise<{ plain: string; html: string }> {
    const reports = given ?? (await this.reports());
    return { plain: toPlainText(reports), html: toHtml(reports) };
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

  /** Marks the findings' cells, each in the colour of its most severe finding. */
  highlight(findings: Finding[]): Promise<void> {
    return this.host.highlight(findings.map((f) => ({ sheet: f.sheet, cell: f.cell, severity: f.severity })));
  }

  /** Takes every mark off (findings' and written cells'), restoring the cells' own fills. */
  clearHighlights(): Promise<void> {
    return this.host.clearHighlights();
  }

  /**
   * Validates and stores settings with the workbook; the message names the field by its label. What is
   * stored is small: a shipped profile by its id, without the values it gives (they come from it again).
   * The next check, preview and report use them.
   */
  /** `endsUndo`: the settings were written into the document, which ends Excel's undo history (Ctrl+Z). */
  async saveSettings(input: unknown): Promise<{ ok: true; endsUndo: boolean } | { ok: false; field: string; message: string }> {
    const r = parseSettings(input);
    // The form shows the message beside the field: its label, not the JSON key.
    if (!r.ok) return { ok: false, field: r.field, message: r.fieldMessage };
    const saved = await this.host.saveSettings(storedSettings(r.settings));
    this.settings = r.settings;
    this.settingsProblem = null;
    return { ok: true, endsUndo: saved };
  }
}

/** A table as the pane names it: a self-evaluation table by its project (or unit), the others by their title. */
export function tableInfo(t: Table): TableInfo {
  return { ...summarize(t), name: isSelfEval(t) ? t.name : '' };
}


// 报告: the 「自评报告」 sheet (generate, undo), a .docx download, Markdown to copy, and a check of a
// report already written against the tables. Before any of them, a workbook with errors or with
// computed values not yet written gets a warning: 「先重算」 writes the recalculation first, 「仍然生成」
// goes on (the report is written from the recalculated figures either way).
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Finding } from '../core/findings';
import type { ReportBasis } from '../core/report-basis';
import type { Report } from '../core/report';
import { FilePicker } from './FilePicker';
import { FindingList } from './FindingList';
import { downloadHint, type PaneEnv } from './office-env';
import { NO_CTRL_Z, NO_REPORTS, type Preview, type Session } from './session';
import type { RunTask, TaskProgress } from './useTask';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center', marginBottom: '8px', minWidth: 0 },
  section: { marginTop: '14px' },
  head: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, margin: '4px 0' },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, margin: '4px 0' },
  text: { width: '100%', maxWidth: '100%', boxSizing: 'border-box' },
  warning: { marginBottom: '8px' },
  // The warning's buttons go under its text: side by side they would not fit a 320 px pane.
  warningActions: { flexWrap: 'wrap', gridColumn: '1 / -1', justifySelf: 'start', paddingBottom: '8px' },
});

export interface ReportPanelProps {
  session: Session;
  env: PaneEnv;
  busy: boolean;
  run: RunTask;
  notify: (message: string) => void;
  /** 「先重算」 wrote this many cells. */
  /** 先重算 wrote this preview whole: 重算 lists it (with 撤销) as if applied there. */
  onRecalcApplied: (applied: Preview) => void;
}

type Action = 'sheet' | 'docx' | 'copy';
const WHAT: Record<Action, string> = { sheet: '报告工作表', docx: 'Word 文档', copy: '报告文本' };

const DOCX_NAME = '绩效自评报告.docx';

function download(bytes: Uint8Array, name: string): void {
  const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Basis = ReportBasis & { warning: string | null };

/**
 * Puts the report on the clipboard as HTML and plain text, so Word and WPS paste headings and tables.
 * The async Clipboard API first; an Office iframe may refuse it (permissions policy), then a selection
 * of the rendered HTML copied with execCommand, which browsers still honour for both types.
 */
async function copyReport(text: { plain: string; html: string }): Promise<boolean> {
  try {
    if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
      await navigator.clipboard.write([
        new ClipboardItem({ 'text/plain': new Blob([text.plain], { type: 'text/plain' }), 'text/html': new Blob([text.html], { type: 'text/html' }) }),
      ]);
      return true;
    }
  } catch {
    // fall through to the selection copy
  }
  const holder = document.createElement('div');
  holder.contentEditable = 'true';
  holder.style.position = 'fixed';
  holder.style.left = '-10000px';
  holder.innerHTML = new DOMParser().parseFromString(text.html, 'text/html').body.innerHTML;
  document.body.appendChild(holder);
  try {
    const range = document.createRange();
    range.selectNodeContents(holder);
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    const ok = document.execCommand('copy');
    sel?.removeAllRanges();
    return ok;
  } catch {
    return false;
  } finally {
    holder.remove();
  }
}

export function ReportPanel({ session, env, busy, run, notify, onRecalcApplied }: ReportPanelProps) {
  const s = useStyles();
  const [canUndo, setCanUndo] = useState(session.canUndoReport);
  const [markdown, setMarkdown] = useState<string | null>(null);
  const [narrative, setNarrative] = useState('');
  const [findings, setFindings] = useState<Finding[] | null>(null);
  /** An action held back by the warning, with the basis it was shown for. */
  const [held, setHeld] = useState<{ action: Action; basis: Basis } | null>(null);

  const perform = async (action: Action, reports: Report[], p: TaskProgress) => {
    setHeld(null);
    if (action === 'sheet') {
      const r = await session.generateReportSheet(p, reports);
      setCanUndo(true);
      notify(`已生成工作表「${r.sheet}」，含 ${r.reports.length} 份报告；【待填写】处请补充表格中没有的内容。${r.undoable ? '' : NO_CTRL_Z}`);
    } else if (action === 'docx') {
      const built = await session.reportDocx(p, reports);
      download(built.bytes, DOCX_NAME);
      notify(`已生成 Word 文档「${DOCX_NAME}」，含 ${reports.length} 份报告。${downloadHint(env.surface)}`);
    } else {
      p('整理报告文本…', 0.9);
      const text = await session.reportClipboard(reports);
      setMarkdown(text.plain);
      notify((await copyReport(text)) ? '报告已复制到剪贴板（带标题和表格格式），可直接粘贴到 Word 或 WPS。' : '无法直接写入剪贴板，请在下方文本框中全选复制。');
    }
  };

  /** Reads what the report would be written from; with a warning, holds the action until the user says. */
  const start = (action: Action) =>
    run(async (p) => {
      setHeld(null);
      const basis = await session.reportBasis(p);
      if (!basis.reports.length) throw new Error(NO_REPORTS);
      if (basis.warning) setHeld({ action, basis });
      else await perform(action, basis.reports, p);
    });
  const anyway = () => held && run((p) => perform(held.action, held.basis.reports, p));
  const recalcFirst = () =>
    held &&
    run(async (p) => {
      const action = held.action;
      p('重算：计算中…', 0.1);
      const cs = await session.preview(p);
      p('重算：写入中…', 0.4);
      await session.apply(cs);
      onRecalcApplied(cs);
      const basis = await session.reportBasis(p);
      // Errors that 重算 cannot correct are still there: say so again, with 「仍然生成」 only.
      if (basis.warning) setHeld({ action, basis });
      else await perform(action, basis.reports, p);
    });
  const undo = () =>
    run(async () => {
      await session.undoReportSheet();
      setCanUndo(false);
      notify(`已撤销报告工作表。${NO_CTRL_Z}`);
    });
  const check = (input: string | ArrayBuffer) =>
    run(async (p) => {
      p('核对中…', 0.5);
      setFindings(await session.checkNarrative(input));
    });

  return (
    <div>
      <div className={s.bar}>
        <Button appearance="primary" onClick={() => start('sheet')} disabled={busy} data-testid="report-sheet">
          生成报告工作表
        </Button>
        <Button onClick={undo} disabled={busy || !canUndo} data-testid="report-undo">
          撤销报告
        </Button>
        <Button onClick={() => start('docx')} disabled={busy} data-testid="report-docx">
          下载 Word
        </Button>
        <Button onClick={() => start('copy')} disabled={busy} data-testid="report-copy">
          复制文本
        </Button>
      </div>
      {held && (
        <MessageBar intent="warning" layout="multiline" className={s.warning} data-testid="report-warning">
          <MessageBarBody>
            <MessageBarTitle>生成{/^[A-Za-z]/.test(WHAT[held.action]) ? ' ' : ''}{WHAT[held.action]}前请注意</MessageBarTitle>
            <span data-testid="report-warning-text">{held.basis.warning}</span>
          </MessageBarBody>
          <MessageBarActions className={s.warningActions}>
            {held.basis.pending > 0 && (
              <Button appearance="primary" size="small" onClick={recalcFirst} disabled={busy} data-testid="report-recalc-first">
                先重算（{held.basis.pending} 处）
              </Button>
            )}
            <Button size="small" onClick={anyway} disabled={busy} data-testid="report-anyway">
              仍然生成
            </Button>
            <Button size="small" appearance="subtle" onClick={() => setHeld(null)} disabled={busy} data-testid="report-cancel">
              取消
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <div className={s.note}>报告中的金额、比率和得分全部取自表格；表格中没有的内容（如部门职能、工作过程）标为【待填写】，不会编造。</div>
      {markdown !== null && <Textarea className={s.text} value={markdown} readOnly resize="vertical" rows={8} data-testid="report-text" />}
      <section className={s.section}>
        <div className={s.head}>核对已写好的报告</div>
        <div className={s.note}>粘贴报告正文，或选择 .docx 文件；报告中与表格不一致的金额、比率、得分会逐条列出。</div>
        <Textarea className={s.text} value={narrative} onChange={(_, d) => setNarrative(d.value)} rows={5} resize="vertical" placeholder="在此粘贴报告正文…" data-testid="narrative-text" />
        <div className={s.bar}>
          <Button onClick={() => check(narrative)} disabled={busy || !narrative.trim()} data-testid="narrative-check">
            核对
          </Button>
          <FilePicker accept=".docx" disabled={busy} testId="narrative-file" onFile={(f) => void f.arrayBuffer().then(check)} />
        </div>
        {findings && findings.length === 0 && <div data-testid="narrative-ok">报告中的金额、比率和得分与表格一致。</div>}
        {findings && findings.length > 0 && <FindingList findings={findings} onSelect={(f) => run(() => session.select(f))} />}
      </section>
    </div>
  );
}

// 报告: the 「自评报告」 sheet (generate, undo), a .docx download, Markdown to copy, and a check of a
// report already written against the tables.
import { Button, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Finding } from '../core/findings';
import { FindingList } from './FindingList';
import type { Session } from './session';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '8px', flexWrap: 'wrap', marginBottom: '8px' },
  section: { marginTop: '14px' },
  head: { fontWeight: 600, fontSize: '13px', margin: '4px 0' },
  note: { fontSize: '12px', color: tokens.colorNeutralForeground3, margin: '4px 0' },
  text: { width: '100%' },
  file: { fontSize: '12px' },
});

export interface ReportPanelProps {
  session: Session;
  busy: boolean;
  run: <T>(work: (p: (s: string, f: number) => void) => Promise<T>) => Promise<T | undefined>;
  notify: (message: string) => void;
}

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

export function ReportPanel({ session, busy, run, notify }: ReportPanelProps) {
  const s = useStyles();
  const [canUndo, setCanUndo] = useState(session.canUndoReport);
  const [markdown, setMarkdown] = useState<string | null>(null);
  const [narrative, setNarrative] = useState('');
  const [findings, setFindings] = useState<Finding[] | null>(null);

  const generate = () =>
    run(async (p) => {
      const r = await session.generateReportSheet(p);
      setCanUndo(true);
      notify(`已生成工作表「${r.sheet}」，含 ${r.reports.length} 份报告；【待填写】处请补充表格中没有的内容。`);
    });
  const undo = () =>
    run(async () => {
      await session.undoReportSheet();
      setCanUndo(false);
      notify('已撤销报告工作表。');
    });
  const docx = () =>
    run(async (p) => {
      p('生成 Word 文档…', 0.5);
      download(await session.reportDocx(), '绩效自评报告.docx');
      notify('已生成 Word 文档（绩效自评报告.docx）。若未开始下载，请在 Excel 网页版或桌面版的浏览器中允许下载。');
    });
  const copy = () =>
    run(async () => {
      const md = await session.reportMarkdown();
      setMarkdown(md);
      try {
        await navigator.clipboard.writeText(md);
        notify('报告文本已复制到剪贴板。');
      } catch {
        notify('无法直接写入剪贴板，请在下方文本框中全选复制。');
      }
    });
  const check = (input: string | ArrayBuffer) =>
    run(async (p) => {
      p('核对中…', 0.5);
      setFindings(await session.checkNarrative(input));
    });

  return (
    <div>
      <div className={s.bar}>
        <Button appearance="primary" onClick={generate} disabled={busy} data-testid="report-sheet">
          生成报告工作表
        </Button>
        <Button onClick={undo} disabled={busy || !canUndo} data-testid="report-undo">
          撤销报告
        </Button>
        <Button onClick={docx} disabled={busy} data-testid="report-docx">
          下载 Word
        </Button>
        <Button onClick={copy} disabled={busy} data-testid="report-copy">
          复制文本
        </Button>
      </div>
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
          <input
            className={s.file}
            type="file"
            accept=".docx"
            data-testid="narrative-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void f.arrayBuffer().then(check);
              e.target.value = '';
            }}
          />
        </div>
        {findings && findings.length === 0 && <div data-testid="narrative-ok">报告中的金额、比率和得分与表格一致。</div>}
        {findings && findings.length > 0 && <FindingList findings={findings} onSelect={(f) => run(() => session.select(f))} />}
      </section>
    </div>
  );
}

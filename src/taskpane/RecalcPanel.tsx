// 重算: a preview grouped by table and reason, where a group or a row can be unticked; 应用 writes the
// ticked changes and marks them in the grid; the list of what was written stays, with 撤销 (which
// restores exactly those cells) and 清除标记.
import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ChangeSet } from '../core/changes/changeset';
import { ChangeList } from './ChangeGroups';
import { setTicked, tickedChanges, type TableInfo } from './group';
import { changedSinceMessage, type Preview, type Progress, type Session } from './session';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center', marginBottom: '8px' },
  note: { fontSize: '12px', color: tokens.colorNeutralForeground3, margin: '6px 0' },
  section: { marginTop: '12px' },
  head: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center', fontSize: '13px', fontWeight: 600, margin: '4px 0' },
  count: { fontSize: '12px', margin: '4px 0', color: tokens.colorNeutralForeground2 },
});

type Run = <T>(work: (p: Progress) => Promise<T>) => Promise<T | undefined>;

/** The preview, what is ticked, and what was written: kept by the App so they survive a change of tab. */
export interface RecalcState {
  preview: Preview | null;
  unticked: ReadonlySet<number>;
  applied: { changes: ChangeSet['changes']; tables: TableInfo[] } | null;
  /** Whether the cells written are marked in the grid. */
  marked: boolean;
  doPreview: () => void;
  tick: (indices: readonly number[], on: boolean) => void;
  apply: () => void;
  undo: () => void;
  /** 清除标记: every mark off (the written cells' and the findings'). */
  clearMarks: () => void;
  /** The settings changed: a preview made under the old ones is dropped (applying it would write their values). */
  discardPreview: () => void;
  /** The workbook was written elsewhere (报告's 先重算, a whole preview): listed as applied, with 撤销. */
  appliedElsewhere: (written: Preview) => void;
}

/**
 * The state of 重算. `notify` shows a notice; `onWritten` is called when the workbook changed (a check
 * made before is then stale).
 */
export function useRecalc(session: Session, run: Run, notify: (m: string) => void, onWritten: () => void): RecalcState {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [unticked, setUnticked] = useState<ReadonlySet<number>>(new Set());
  const [applied, setApplied] = useState<RecalcState['applied']>(null);
  const [marked, setMarked] = useState(false);
  return {
    preview,
    unticked,
    applied,
    marked,
    doPreview: () =>
      void run(async (p) => {
        const next = await session.preview(p);
        setPreview(next);
        setUnticked(new Set());
      }),
    tick: (indices, on) => setUnticked((u) => setTicked(u, indices, on)),
    discardPreview: () => {
      setPreview(null);
      setUnticked(new Set());
    },
    appliedElsewhere: (written) => {
      setPreview(null);
      setUnticked(new Set());
      setApplied({ changes: written.changes, tables: written.tables });
      setMarked(false);
    },
    apply: () =>
      void run(async (p) => {
        if (!preview) return;
        const cs = tickedChanges(preview, unticked);
        if (!cs.changes.length) return;
        p('写入中…', 0.4);
        await session.apply(cs);
        setApplied({ changes: cs.changes, tables: preview.tables });
        setPreview(null);
        setUnticked(new Set());
        onWritten();
        p('标记写入的单元格…', 0.8);
        let ok = true;
        try {
          await session.markWritten(cs);
        } catch {
          ok = false; // the write stands; only the colour is missing
        }
        setMarked(ok);
        notify(`已写入 ${cs.changes.length} 个单元格。${ok ? '' : '写入的单元格未能标记颜色。'}`);
      }),
    undo: () =>
      void run(async (p) => {
        p('撤销中…', 0.5);
        const r = await session.undo();
        setApplied(null);
        setMarked(false);
        setPreview(null);
        onWritten();
        notify(`已撤销上次重算，恢复了 ${r.restored} 个单元格。${changedSinceMessage(r.changedSince)}`);
      }),
    clearMarks: () =>
      void run(async () => {
        await session.clearHighlights();
        setMarked(false);
      }),
  };
}

export interface RecalcPanelProps {
  session: Session;
  busy: boolean;
  run: Run;
  state: RecalcState;
}

export function RecalcPanel({ session, busy, run, state }: RecalcPanelProps) {
  const s = useStyles();
  const { preview, unticked, applied } = state;
  const total = preview?.changes.length ?? 0;
  const ticked = total - unticked.size;
  const select = (c: { sheet: string; cell: string }) => void run(() => session.select(c));
  return (
    <div>
      <div className={s.bar}>
        <Button appearance="primary" onClick={state.doPreview} disabled={busy} data-testid="preview">
          预览重算
        </Button>
        <Button onClick={state.apply} disabled={busy || !preview || ticked === 0} data-testid="apply">
          应用（{preview ? ticked : 0} 处）
        </Button>
      </div>
      <div className={s.note}>
        只写入执行率、得分、总分等计算字段，不改动金额、指标值、分值和文字；单元格中的公式保留不动。分值合计不为满分或有得分为空时，不写总分和等级。
        取消勾选的修改不会写入。
        {session.host.supportsUndoGroup ? '本次写入也可用 Ctrl+Z 撤销。' : ''}
      </div>
      {applied && (
        <section className={s.section} data-testid="applied">
          <div className={s.head}>
            <span data-testid="applied-head">已写入 {applied.changes.length} 处</span>
            <Button size="small" onClick={state.undo} disabled={busy || !session.canUndo} data-testid="undo">
              撤销
            </Button>
            <Button size="small" onClick={state.clearMarks} disabled={busy || session.host.highlighted === 0} data-testid="clear-written">
              清除标记
            </Button>
          </div>
          <div className={s.count} data-testid="applied-note">
            {state.marked && session.host.highlighted > 0 ? '写入的单元格已在表中标为绿色。' : ''}撤销只恢复这 {applied.changes.length} 处。
          </div>
          <ChangeList changes={applied.changes} tables={applied.tables} onSelect={select} data-testid="applied-list" />
        </section>
      )}
      {preview?.nothingRecognised && (
        <MessageBar intent="warning" data-testid="no-tables">
          <MessageBarBody style={{ whiteSpace: 'pre-line' }}>{preview.nothingRecognised}</MessageBarBody>
        </MessageBar>
      )}
      {preview && preview.changes.length === 0 && !preview.nothingRecognised && <div data-testid="no-changes">无需修改：所有计算值均已正确。</div>}
      {preview && preview.changes.length > 0 && (
        <section className={s.section} data-testid="preview-list-section">
          <div className={s.count} data-testid="preview-count">
            共 {total} 处修改{ticked < total ? `，已勾选 ${ticked} 处` : ''}；点击一行可定位到单元格。
          </div>
          <ChangeList changes={preview.changes} tables={preview.tables} unticked={unticked} onTick={state.tick} onSelect={select} data-testid="preview-table" />
        </section>
      )}
    </div>
  );
}

// 重算: a preview of every change (sheet, cell, before → after), apply in one click, undo from our record.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { REASON_LABEL, type ChangeSet } from '../core/changes/changeset';
import { showState } from './labels';
import type { Session } from './session';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '8px', flexWrap: 'wrap', marginBottom: '8px' },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: '12px' },
  th: { textAlign: 'left', borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, padding: '4px' },
  td: { borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, padding: '4px', verticalAlign: 'top' },
  after: { color: tokens.colorPaletteGreenForeground1, fontWeight: 600 },
  reason: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  note: { fontSize: '12px', color: tokens.colorNeutralForeground3, margin: '6px 0' },
});

export interface RecalcPanelProps {
  session: Session;
  preview: ChangeSet | null;
  busy: boolean;
  onPreview: () => void;
  onApply: () => void;
  onUndo: () => void;
}

export function RecalcPanel({ session, preview, busy, onPreview, onApply, onUndo }: RecalcPanelProps) {
  const s = useStyles();
  return (
    <div>
      <div className={s.bar}>
        <Button appearance="primary" onClick={onPreview} disabled={busy} data-testid="preview">
          预览重算
        </Button>
        <Button onClick={onApply} disabled={busy || !preview || preview.changes.length === 0} data-testid="apply">
          应用（{preview?.changes.length ?? 0} 处）
        </Button>
        <Button onClick={onUndo} disabled={busy || !session.canUndo} data-testid="undo">
          撤销上次重算
        </Button>
      </div>
      <div className={s.note}>
        只写入执行率、得分、总分等计算字段，不改动金额、指标值、分值和文字；单元格中的公式保留不动。分值合计不为满分或有得分为空时，不写总分和等级。
        {session.host.supportsUndoGroup ? '本次写入也可用 Ctrl+Z 撤销。' : ''}
      </div>
      {preview && preview.changes.length === 0 && <div data-testid="no-changes">无需修改：所有计算值均已正确。</div>}
      {preview && preview.changes.length > 0 && (
        <table className={s.table} data-testid="preview-table">
          <thead>
            <tr>
              <th className={s.th}>单元格</th>
              <th className={s.th}>字段</th>
              <th className={s.th}>原值 → 新值</th>
              <th className={s.th}>原因</th>
            </tr>
          </thead>
          <tbody>
            {preview.changes.map((c, i) => (
              <tr key={i} data-testid="change" data-cell={`${c.sheet}!${c.cell}`}>
                <td className={s.td}>
                  {c.sheet}!{c.cell}
                </td>
                <td className={s.td}>{c.field}</td>
                <td className={s.td}>
                  {showState(c.before.v, c.before.fmt)} → <span className={s.after}>{showState(c.after.v, c.after.fmt)}</span>
                </td>
                <td className={s.td} data-testid="reason">
                  <span className={s.reason}>{c.reason ? REASON_LABEL[c.reason] : ''}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

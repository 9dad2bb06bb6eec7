// A plain list of findings, each with its sheet and cell (报告's narrative check); a click selects the cell.
// 检查 lists its findings per table and cell instead (FindingsView).
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding } from '../core/findings';
import { CODE_LABEL, SEVERITY_COLOR, SEVERITY_LABEL } from './labels';

const useStyles = makeStyles({
  item: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    background: 'none',
    border: 'none',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: '6px 2px',
    cursor: 'pointer',
    fontSize: '12px',
    lineHeight: '18px',
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  where: { fontFamily: 'Consolas, monospace', color: tokens.colorNeutralForeground3, marginRight: '6px' },
  code: { color: tokens.colorNeutralForeground3, marginLeft: '4px' },
});

export function FindingList({ findings, onSelect }: { findings: Finding[]; onSelect: (f: Finding) => void }) {
  const s = useStyles();
  return (
    <>
      {findings.map((f, i) => (
        <button
          key={i}
          type="button"
          className={s.item}
          onClick={() => onSelect(f)}
          title="点击定位到该单元格"
          data-testid="finding"
          data-cell={`${f.sheet}!${f.cell}`}
          data-code={f.code}
        >
          <Badge size="small" appearance="filled" color={SEVERITY_COLOR[f.severity]}>
            {SEVERITY_LABEL[f.severity]}
          </Badge>{' '}
          <span className={s.where}>
            {f.sheet}!{f.cell}
          </span>
          {f.message}
          <span className={s.code}>（{CODE_LABEL[f.code]}）</span>
        </button>
      ))}
    </>
  );
}

// A list of findings; a click selects the finding's cell in the workbook.
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../core/findings';
import { CODE_LABEL, SEVERITY_LABEL } from './labels';

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

const COLORS: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

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
          <Badge size="small" appearance="filled" color={COLORS[f.severity]}>
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

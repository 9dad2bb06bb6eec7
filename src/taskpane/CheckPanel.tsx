// 检查: findings grouped by table, counts, a severity filter; a click selects the cell in Excel.
import { Button, Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Finding, Severity } from '../core/findings';
import { FindingList } from './FindingList';
import { KIND_LABEL, SEVERITY_LABEL } from './labels';
import type { CheckResult, Session } from './session';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center', marginBottom: '8px' },
  group: { marginTop: '10px' },
  groupHead: { fontWeight: 600, fontSize: '13px', padding: '4px 0', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  summary: { fontSize: '13px', margin: '6px 0' },
});

export interface CheckPanelProps {
  session: Session;
  result: CheckResult | null;
  busy: boolean;
  onCheck: () => void;
  run: <T>(work: (p: (s: string, f: number) => void) => Promise<T>) => Promise<T | undefined>;
}

export function CheckPanel({ session, result, busy, onCheck, run }: CheckPanelProps) {
  const s = useStyles();
  const [show, setShow] = useState<Record<Severity, boolean>>({ error: true, warning: true, info: true });
  const [highlighted, setHighlighted] = useState(session.host.highlighted > 0);
  const counts = useMemo(() => {
    const c = { error: 0, warning: 0, info: 0 };
    for (const f of result?.findings ?? []) c[f.severity]++;
    return c;
  }, [result]);
  const visible = (f: Finding) => show[f.severity];

  return (
    <div>
      <div className={s.bar}>
        <Button appearance="primary" onClick={onCheck} disabled={busy} data-testid="check">
          检查
        </Button>
        <Button
          onClick={() => run(async () => { await session.highlight((result?.findings ?? []).filter(visible)); setHighlighted(true); })}
          disabled={busy || !result || result.findings.length === 0}
          data-testid="highlight"
        >
          标记问题单元格
        </Button>
        <Button onClick={() => run(async () => { await session.clearHighlights(); setHighlighted(false); })} disabled={busy || !highlighted} data-testid="clear-highlight">
          清除标记
        </Button>
      </div>
      {result && (
        <>
          <div className={s.summary} data-testid="summary">
            识别到 {result.tables.length} 张表，发现 {result.findings.length} 条问题：错误 {counts.error}，警告 {counts.warning}，提示 {counts.info}。
          </div>
          <div className={s.bar} role="group" aria-label="按严重程度筛选">
            {(['error', 'warning', 'info'] as Severity[]).map((sev) => (
              <Checkbox
                key={sev}
                checked={show[sev]}
                onChange={(_, d) => setShow({ ...show, [sev]: !!d.checked })}
                label={`${SEVERITY_LABEL[sev]}（${counts[sev]}）`}
                data-testid={`filter-${sev}`}
              />
            ))}
          </div>
          {result.groups.map((g, gi) => {
            const items = g.findings.filter(visible);
            if (!items.length) return null;
            return (
              <section className={s.group} key={gi} data-testid="finding-group">
                <div className={s.groupHead}>
                  {g.table ? `${g.table.sheet} · ${g.table.title || KIND_LABEL[g.table.kind]}` : '其他'}（{items.length}）
                </div>
                <FindingList findings={items} onSelect={(f) => run(() => session.select(f))} />
              </section>
            );
          })}
          {result.findings.length === 0 && <div data-testid="no-findings">未发现问题。</div>}
        </>
      )}
    </div>
  );
}

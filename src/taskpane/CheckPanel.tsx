// 检查: the tables found, then the findings one entry per cell under a header per table, with a
// severity filter and a search box; a click selects the cell in Excel.
import { Button, Checkbox, makeStyles, MessageBar, MessageBarBody, SearchBox, tokens } from '@fluentui/react-components';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { CellRef, Severity } from '../core/findings';
import { FindingsView, TableList } from './FindingsView';
import { emptyCounts, filterGroups, SEVERITIES, type Counts, type FindingGroup, type TableInfo } from './group';
import { SEVERITY_LABEL } from './labels';
import type { CheckResult, Session } from './session';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center', marginBottom: '8px' },
  filters: { display: 'flex', gap: '0 4px', flexWrap: 'wrap', alignItems: 'center', marginBottom: '4px' },
  search: { width: '100%', maxWidth: '100%', minWidth: 0, boxSizing: 'border-box', marginBottom: '4px' },
  summary: { fontSize: '13px', margin: '6px 0' },
  fold: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    background: 'none',
    border: 'none',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '4px 0',
    margin: '4px 0 0',
    fontFamily: 'inherit',
    fontSize: '13px',
    fontWeight: 600,
    cursor: 'pointer',
    color: tokens.colorNeutralForeground1,
  },
  links: { display: 'flex', gap: '8px', justifyContent: 'flex-end', fontSize: '12px' },
  link: {
    background: 'none',
    border: 'none',
    padding: 0,
    fontFamily: 'inherit',
    fontSize: '12px',
    color: tokens.colorBrandForegroundLink,
    cursor: 'pointer',
  },
  empty: { fontSize: '13px', margin: '8px 0', color: tokens.colorNeutralForeground2 },
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
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [tablesOpen, setTablesOpen] = useState(false);
  const [highlighted, setHighlighted] = useState(session.host.highlighted > 0);

  const counts = useMemo(() => {
    const c = emptyCounts();
    for (const f of result?.findings ?? []) c[f.severity]++;
    return c;
  }, [result]);
  const groups = useMemo(() => filterGroups(result?.groups ?? [], { show, query: deferredQuery }), [result, show, deferredQuery]);
  const perTable = useMemo(() => {
    const m = new Map<TableInfo, Counts>();
    for (const g of result?.groups ?? []) if (g.table) m.set(g.table, g.counts);
    return m;
  }, [result]);

  const select = useCallback((c: CellRef) => void run(() => session.select(c)), [run, session]);
  const toggle = useCallback(
    (g: FindingGroup) =>
      setCollapsed((c) => {
        const next = new Set(c);
        if (!next.delete(g.key)) next.add(g.key);
        return next;
      }),
    [],
  );
  const shownFindings = () => groups.flatMap((g) => g.entries.flatMap((e) => e.findings));

  return (
    <div>
      <div className={s.bar}>
        <Button appearance="primary" onClick={onCheck} disabled={busy} data-testid="check">
          检查
        </Button>
        <Button
          onClick={() =>
            run(async () => {
              await session.highlight(shownFindings());
              setHighlighted(true);
            })
          }
          disabled={busy || !result || groups.length === 0}
          data-testid="highlight"
        >
          标记问题单元格
        </Button>
        <Button
          onClick={() =>
            run(async () => {
              await session.clearHighlights();
              setHighlighted(false);
            })
          }
          disabled={busy || !(highlighted || session.host.highlighted > 0)}
          data-testid="clear-highlight"
        >
          清除标记
        </Button>
      </div>
      {result && (
        <>
          {result.nothingRecognised && (
            <MessageBar intent="warning" data-testid="no-tables">
              <MessageBarBody style={{ whiteSpace: 'pre-line' }}>{result.nothingRecognised}</MessageBarBody>
            </MessageBar>
          )}
          <div className={s.summary} data-testid="summary">
            识别到 {result.tables.length} 张表，发现 {result.findings.length} 条问题：错误 {counts.error}，警告 {counts.warning}，提示 {counts.info}。
          </div>
          {result.tables.length > 0 && (
            <>
              <button type="button" className={s.fold} onClick={() => setTablesOpen(!tablesOpen)} aria-expanded={tablesOpen} data-testid="tables-toggle">
                {tablesOpen ? '▾' : '▸'} 识别到的表格（{result.tables.length}）
              </button>
              {tablesOpen && <TableList tables={result.tables} counts={perTable} onSelect={select} />}
            </>
          )}
          {result.findings.length > 0 && (
            <>
              <div className={s.filters} role="group" aria-label="按严重程度筛选">
                {SEVERITIES.map((sev) => (
                  <Checkbox
                    key={sev}
                    checked={show[sev]}
                    onChange={(_, d) => setShow({ ...show, [sev]: !!d.checked })}
                    label={`${SEVERITY_LABEL[sev]}（${counts[sev]}）`}
                    data-testid={`filter-${sev}`}
                  />
                ))}
              </div>
              <SearchBox
                className={s.search}
                input={{ style: { minWidth: 0 } }}
                // Fluent's dismiss (×) sat 15 px right of the box at every pane width: cleared by hand instead.
                dismiss={null}
                size="small"
                placeholder="搜索问题、单元格或项目"
                value={query}
                onChange={(_, d) => setQuery(d.value)}
                aria-label="搜索问题"
                data-testid="search"
              />
              {result.groups.length > 1 && (
                <div className={s.links}>
                  <button type="button" className={s.link} onClick={() => setCollapsed(new Set(result.groups.map((g) => g.key)))} data-testid="collapse-all">
                    全部折叠
                  </button>
                  <button type="button" className={s.link} onClick={() => setCollapsed(new Set())} data-testid="expand-all">
                    全部展开
                  </button>
                </div>
              )}
              {groups.length > 0 ? (
                <FindingsView groups={groups} collapsed={collapsed} onToggle={toggle} onSelect={select} />
              ) : (
                <div className={s.empty} data-testid="no-match">
                  没有符合筛选条件的问题。
                </div>
              )}
            </>
          )}
          {result.findings.length === 0 && !result.nothingRecognised && <div data-testid="no-findings">未发现问题。</div>}
        </>
      )}
    </div>
  );
}

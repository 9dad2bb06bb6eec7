// 检查's list: a header per table (project, kind, range, counts; collapsible), under it one entry per
// cell in position order with all the cell's findings, what 重算 would do about them, and for a
// cross-table finding both cells as links, and for a finding about a computed value its 计算依据 (the
// rule, naming the scoring profile, and the arithmetic). Also the list of the tables found. Windowed
// (VirtualList).
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useMemo, type MouseEvent } from 'react';
import type { CellRef } from '../core/findings';
import {
  cellsOf,
  countsText,
  firstCell,
  findingRows,
  groupLabel,
  recalcNote,
  tableLabel,
  type Counts,
  type Entry,
  type FindingGroup,
  type FindingRow,
  type TableInfo,
} from './group';
import { CODE_LABEL, SEVERITY_COLOR, SEVERITY_LABEL } from './labels';
import { linesOf, VirtualList } from './VirtualList';

const LINE = 18;

const useStyles = makeStyles({
  head: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: '4px',
    width: '100%',
    boxSizing: 'border-box',
    textAlign: 'left',
    background: tokens.colorNeutralBackground2,
    border: 'none',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '5px 4px',
    cursor: 'pointer',
    fontFamily: 'inherit',
    fontSize: '12px',
    lineHeight: `${LINE}px`,
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
  },
  headWrap: { paddingTop: '8px' },
  chevron: { flexShrink: 0, width: '12px', color: tokens.colorNeutralForeground3 },
  headText: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere', fontWeight: 600 },
  counts: { fontWeight: 400, whiteSpace: 'nowrap', color: tokens.colorNeutralForeground2, marginLeft: '2px' },
  entry: {
    boxSizing: 'border-box',
    width: '100%',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: '5px 2px 5px 4px',
    cursor: 'pointer',
    fontSize: '12px',
    lineHeight: `${LINE}px`,
    color: tokens.colorNeutralForeground1,
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  cell: {
    background: 'none',
    border: 'none',
    padding: '0 2px',
    margin: '0 4px 0 2px',
    fontFamily: 'Consolas, "Courier New", monospace',
    fontSize: '12px',
    color: tokens.colorBrandForegroundLink,
    cursor: 'pointer',
    textDecorationLine: 'underline',
    ':hover': { color: tokens.colorBrandForegroundLinkHover },
  },
  more: { marginTop: '2px', paddingLeft: '10px', textIndent: '-8px' },
  sev: { color: tokens.colorNeutralForeground3, marginRight: '2px' },
  code: { color: tokens.colorNeutralForeground3, marginLeft: '2px' },
  links: { color: tokens.colorNeutralForeground3 },
  link: {
    background: 'none',
    border: 'none',
    padding: '0 2px',
    fontFamily: 'inherit',
    fontSize: '12px',
    color: tokens.colorBrandForegroundLink,
    cursor: 'pointer',
    textDecorationLine: 'underline',
    overflowWrap: 'anywhere',
    textAlign: 'left',
  },
  recalc: { marginTop: '2px', color: tokens.colorPaletteGreenForeground1 },
  explain: { marginTop: '1px', color: tokens.colorNeutralForeground2 },
  explainLabel: { color: tokens.colorNeutralForeground3 },
  fixTag: {
    display: 'inline-block',
    padding: '0 4px',
    marginRight: '4px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorPaletteGreenForeground1,
    lineHeight: '16px',
  },
  table: {
    display: 'block',
    width: '100%',
    boxSizing: 'border-box',
    textAlign: 'left',
    background: 'none',
    border: 'none',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: '4px 2px 4px 16px',
    cursor: 'pointer',
    fontFamily: 'inherit',
    fontSize: '12px',
    lineHeight: `${LINE}px`,
    color: tokens.colorNeutralForeground1,
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  muted: { color: tokens.colorNeutralForeground3, marginLeft: '6px', whiteSpace: 'nowrap' },
});

// An entry's key says how many findings it shows: the filter can change that, and with it the height.
const rowKey = (r: FindingRow) => (r.kind === 'group' ? `g:${r.group.key}` : `e:${r.entry.key}:${r.entry.findings.length}`);

/**
 * The 计算依据 to show under each of a cell's findings: the same explanation (a 合计不符 and a 跨表不一致
 * on one 总分 cell explain the same value) is shown once, under the first finding that has it.
 */
function explanations(e: Entry): (string | undefined)[] {
  const seen = new Set<string>();
  return e.findings.map((f) => {
    const t = f.explain?.text;
    if (t === undefined || seen.has(t)) return undefined;
    seen.add(t);
    return t;
  });
}

/** A row's height before it is measured: its text wrapped at the list's width. */
function estimateRow(r: FindingRow, width: number): number {
  if (r.kind === 'group') return 8 + 11 + LINE * linesOf(`${groupLabel(r.group)}　${countsText(r.group.counts)}`, width - 24);
  const e = r.entry;
  const why = explanations(e);
  let lines = 0;
  e.findings.forEach((f, i) => {
    const lead = i === 0 ? `错误 ${e.cell} ` : '[警告]';
    lines += linesOf(`${lead}${f.message}（${CODE_LABEL[f.code]}）`, width - 16);
    if (f.related?.length) lines += linesOf(`单元格：${cellsOf(f).map((c) => `${c.sheet}!${c.cell}`).join('，')}`, width - 8);
    if (why[i]) lines += linesOf(`计算依据：${why[i]}`, width - 8);
  });
  const note = recalcNote(e);
  if (note) lines += linesOf(`重算可修正 ${note.writes.join('，')}`, width - 8);
  return 11 + LINE * lines + 2 * (e.findings.length - 1);
}

export interface FindingsViewProps {
  groups: readonly FindingGroup[];
  collapsed: ReadonlySet<string>;
  onToggle: (group: FindingGroup) => void;
  onSelect: (cell: CellRef) => void;
}

export function FindingsView({ groups, collapsed, onToggle, onSelect }: FindingsViewProps) {
  const rows = useMemo(() => findingRows(groups, collapsed), [groups, collapsed]);
  const render = useCallback(
    (r: FindingRow) =>
      r.kind === 'group' ? (
        <GroupHeader group={r.group} collapsed={r.collapsed} onToggle={onToggle} />
      ) : (
        <EntryView entry={r.entry} onSelect={onSelect} />
      ),
    [onToggle, onSelect],
  );
  return <VirtualList items={rows} itemKey={rowKey} estimate={estimateRow} render={render} data-testid="findings" />;
}

function GroupHeader({ group, collapsed, onToggle }: { group: FindingGroup; collapsed: boolean; onToggle: (g: FindingGroup) => void }) {
  const s = useStyles();
  return (
    <div className={s.headWrap}>
      <button type="button" className={s.head} onClick={() => onToggle(group)} aria-expanded={!collapsed} data-testid="finding-group" data-collapsed={collapsed ? 'true' : 'false'}>
        <span className={s.chevron} aria-hidden>
          {collapsed ? '▸' : '▾'}
        </span>
        <span className={s.headText} data-testid="group-label">
          {groupLabel(group)} <CountsText counts={group.counts} className={s.counts} />
        </span>
      </button>
    </div>
  );
}

function CountsText({ counts, className }: { counts: Counts; className: string }) {
  return (
    <span className={className} data-testid="group-counts">
      {countsText(counts)}
    </span>
  );
}

function EntryView({ entry, onSelect }: { entry: Entry; onSelect: (cell: CellRef) => void }) {
  const s = useStyles();
  const note = recalcNote(entry);
  const why = explanations(entry);
  const go = (c: CellRef) => (ev: MouseEvent) => {
    ev.stopPropagation();
    onSelect(c);
  };
  return (
    <div
      className={s.entry}
      onClick={() => onSelect(entry)}
      title="点击定位到该单元格"
      data-testid="finding"
      data-cell={entry.key}
      data-code={entry.findings.map((f) => f.code).join(' ')}
      data-severity={entry.severity}
    >
      {entry.findings.map((f, i) => (
        <div key={i} className={i ? s.more : undefined} data-testid="finding-message">
          {i === 0 ? (
            <>
              <Badge size="small" appearance="filled" color={SEVERITY_COLOR[entry.severity]}>
                {SEVERITY_LABEL[entry.severity]}
              </Badge>
              <button type="button" className={s.cell} onClick={go(entry)} data-testid="finding-cell">
                {entry.cell}
              </button>
            </>
          ) : (
            <span className={s.sev}>{f.severity === entry.severity ? '·' : `[${SEVERITY_LABEL[f.severity]}]`}</span>
          )}
          {f.message}
          <span className={s.code}>（{CODE_LABEL[f.code]}）</span>
          {f.related && f.related.length > 0 && (
            <div className={s.links}>
              单元格：
              {cellsOf(f).map((c, j) => (
                <span key={j}>
                  {j > 0 && '，'}
                  <button type="button" className={s.link} onClick={go(c)} data-testid="finding-link" data-cell={`${c.sheet}!${c.cell}`}>
                    {c.sheet}!{c.cell}
                  </button>
                </span>
              ))}
            </div>
          )}
          {why[i] && (
            <div className={s.explain} data-testid="finding-explain">
              <span className={s.explainLabel}>计算依据：</span>
              {why[i]}
            </div>
          )}
        </div>
      ))}
      {note && (
        <div className={s.recalc} data-testid="recalc-note">
          <span className={s.fixTag}>重算可修正</span>
          {note.partial && `（${note.codes.map((c) => CODE_LABEL[c]).join('、')}）`}
          {note.writes.join('，')}
        </div>
      )}
    </div>
  );
}

export interface TableListProps {
  tables: readonly TableInfo[];
  /** Findings per table (by the table), for the counts; a table without any shows 无问题. */
  counts: ReadonlyMap<TableInfo, Counts>;
  onSelect: (cell: CellRef) => void;
}

const tableKey = (t: TableInfo) => `${t.sheet}!${t.range}`;

/** The tables found, each with its range and kind; a click selects the range's first cell. */
export function TableList({ tables, counts, onSelect }: TableListProps) {
  const s = useStyles();
  const render = useCallback(
    (t: TableInfo) => {
      const c = counts.get(t);
      const text = c ? countsText(c) : '';
      return (
        <button type="button" className={s.table} onClick={() => onSelect({ sheet: t.sheet, cell: firstCell(t.range) })} data-testid="table-item" data-range={tableKey(t)} data-kind={t.kind}>
          {tableLabel(t)}
          <span className={s.muted}>{text || '无问题'}</span>
        </button>
      );
    },
    [counts, onSelect, s],
  );
  const estimate = useCallback((t: TableInfo, width: number) => 9 + LINE * linesOf(`${tableLabel(t)}　无问题`, width - 20), []);
  return <VirtualList items={tables} itemKey={tableKey} estimate={estimate} render={render} data-testid="table-list" />;
}

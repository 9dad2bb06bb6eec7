// 重算's change list: grouped by table, then by reason (SPEC §4), each group with its count and a
// checkbox; a row shows the cell, the field and before → after as the sheet shows them (showCell), and
// a click on it selects the cell; 「计算依据」 under a row shows how its value was computed (the rule, with
// the profile's name, and the arithmetic). Without `onTick` it is the read-only list of what was written.
import { Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useId, useMemo, useState, type MouseEvent } from 'react';
import { REASON_LABEL, type Change, type ChangeReason } from '../core/changes/changeset';
import type { Explain } from '../core/explain';
import type { CellRef } from '../core/findings';
import { showCell } from '../core/format';
import { changeRows, groupChanges, groupLabel, tickState, type ChangeGroup, type ChangeRow, type TableInfo } from './group';
import { linesOf, VirtualList } from './VirtualList';

const LINE = 18;

/** What each reason means, beside its group's name. */
export const REASON_HINT: Record<ChangeReason, string> = {
  fix: '表中数值与计算结果不符',
  fill: '单元格为空，填入计算结果',
  precision: '表中数值按较低精度一致，写入完整精度',
  type: '文本或其他格式改为数值',
  sync: '按另一张表同步',
  formula: '公式保留，更新其计算结果',
};

const useStyles = makeStyles({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    boxSizing: 'border-box',
    width: '100%',
    fontSize: '12px',
    lineHeight: `${LINE}px`,
    color: tokens.colorNeutralForeground1,
    overflowWrap: 'anywhere',
  },
  tableRow: {
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '3px 2px',
    fontWeight: 600,
  },
  tableWrap: { paddingTop: '8px' },
  reasonRow: { padding: '2px 2px 2px 14px', borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  changeRow: {
    padding: '2px 2px 2px 28px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  off: { color: tokens.colorNeutralForeground4 },
  toggle: {
    flexShrink: 0,
    width: '16px',
    background: 'none',
    border: 'none',
    padding: 0,
    cursor: 'pointer',
    color: tokens.colorNeutralForeground3,
    fontSize: '12px',
    lineHeight: `${LINE}px`,
  },
  box: { flexShrink: 0, marginTop: '-7px', marginBottom: '-7px', marginLeft: '-6px' },
  text: { flexGrow: 1, minWidth: 0, paddingTop: '0px' },
  muted: { fontWeight: 400, color: tokens.colorNeutralForeground3, marginLeft: '2px' },
  cell: { fontFamily: 'Consolas, "Courier New", monospace', color: tokens.colorBrandForegroundLink, marginRight: '6px' },
  field: { marginRight: '6px' },
  values: { whiteSpace: 'nowrap' },
  after: { color: tokens.colorPaletteGreenForeground1, fontWeight: 600 },
  why: {
    display: 'inline-block',
    marginLeft: '8px',
    padding: '0 2px',
    background: 'none',
    border: 'none',
    fontFamily: 'inherit',
    fontSize: '12px',
    lineHeight: `${LINE}px`,
    whiteSpace: 'nowrap',
    color: tokens.colorBrandForegroundLink,
    cursor: 'pointer',
    ':hover': { color: tokens.colorBrandForegroundLinkHover, textDecorationLine: 'underline' },
  },
  explain: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    gap: '2px 8px',
    margin: 0,
    padding: '4px 6px 6px 28px',
    fontSize: '12px',
    lineHeight: `${LINE}px`,
    color: tokens.colorNeutralForeground2,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    overflowWrap: 'anywhere',
  },
  term: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  def: { margin: 0, minWidth: 0, color: tokens.colorNeutralForeground1 },
});

export interface ChangeListProps {
  changes: readonly Change[];
  tables: readonly TableInfo[];
  /** Indices of changes not to write; with onTick, the list has checkboxes. */
  unticked?: ReadonlySet<number>;
  onTick?: (indices: readonly number[], on: boolean) => void;
  onSelect: (cell: CellRef) => void;
  'data-testid'?: string;
}

const rowKey = (r: ChangeRow) => (r.kind === 'table' ? `t:${r.group.key}` : r.kind === 'reason' ? `r:${r.reason.key}` : `c:${r.index}`);

/** A before → after pair as the sheet shows each. */
export function beforeAfter(c: Change): [string, string] {
  return [showCell(c.before.v, c.before.fmt), showCell(c.after.v, c.after.fmt)];
}

/** 「计算依据」 of a change: the arithmetic with its result (or the result alone), then the rule. */
export function explainLines(field: string, e: Explain): [string, string][] {
  return [e.arithmetic !== undefined ? ['算式', `${field} = ${e.arithmetic} = ${e.result}`] : ['结果', e.result], ['规则', e.rule]];
}

const NONE: ReadonlySet<number> = new Set();

export function ChangeList({ changes, tables, unticked, onTick, onSelect, ...rest }: ChangeListProps) {
  const s = useStyles();
  const idBase = useId();
  // The rows whose 计算依据 is shown, for this list of changes (a new preview starts closed).
  const [opened, setOpened] = useState<{ of: readonly Change[]; open: ReadonlySet<number> }>({ of: changes, open: NONE });
  const open = opened.of === changes ? opened.open : NONE;
  const toggleExplain = (i: number) => (e: MouseEvent) => {
    e.stopPropagation(); // not a click on the row: the cell is not selected
    const next = new Set(open);
    if (!next.delete(i)) next.add(i);
    setOpened({ of: changes, open: next });
  };
  const groups = useMemo(() => groupChanges(tables, changes), [tables, changes]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => changeRows(groups, collapsed), [groups, collapsed]);
  const off = unticked ?? new Set<number>();
  const toggle = useCallback(
    (key: string) =>
      setCollapsed((c) => {
        const next = new Set(c);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );

  const estimate = useCallback(
    (r: ChangeRow, width: number) => {
      if (r.kind === 'table') return 8 + 7 + LINE * linesOf(`${groupLabel(r.group)} 共 99 处`, width - 40);
      if (r.kind === 'reason') return 5 + LINE * linesOf(`${REASON_LABEL[r.reason.reason ?? 'fix']}（99） ${REASON_HINT[r.reason.reason ?? 'fix']}`, width - 50);
      const c = changes[r.index];
      const [a, b] = beforeAfter(c);
      // An open 计算依据 has been rendered, so its row's height is measured rather than estimated.
      return 5 + LINE * linesOf(`${c.cell} ${c.field} ${a} → ${b}${c.explain ? ' 计算依据 ▾' : ''}`, width - 60);
    },
    [changes],
  );

  const box = (indices: readonly number[], label: string) =>
    onTick ? (
      <span className={s.box} onClick={(e: MouseEvent) => e.stopPropagation()}>
        <Checkbox size="medium" checked={tickState(indices, off)} onChange={(_, d) => onTick(indices, d.checked === true)} aria-label={label} />
      </span>
    ) : null;

  const render = (r: ChangeRow) => {
    if (r.kind === 'table') return tableRow(r.group);
    if (r.kind === 'reason') {
      const { reason, indices } = r.reason;
      const name = reason ? REASON_LABEL[reason] : '其他';
      const state = tickState(indices, off);
      return (
        <div className={`${s.row} ${s.reasonRow}`} data-testid="change-group" data-reason={reason ?? ''} data-ticked={String(state)} data-count={indices.length}>
          <button type="button" className={s.toggle} onClick={() => toggle(r.reason.key)} aria-expanded={!collapsed.has(r.reason.key)} aria-label={`${name}：展开或折叠`}>
            {collapsed.has(r.reason.key) ? '▸' : '▾'}
          </button>
          {box(indices, `${name}（${indices.length} 处）`)}
          <span className={s.text}>
            <span data-testid="reason">
              {name}（{indices.length}）
            </span>{' '}
            <span className={s.muted}>{reason ? REASON_HINT[reason] : ''}</span>
          </span>
        </div>
      );
    }
    const c = changes[r.index];
    const [a, b] = beforeAfter(c);
    const ticked = !off.has(r.index);
    const shown = c.explain !== undefined && open.has(r.index);
    const explainId = `${idBase}-explain-${r.index}`;
    const row = (
      <div
        className={`${s.row} ${s.changeRow} ${onTick && !ticked ? s.off : ''}`}
        onClick={() => onSelect(c)}
        title="点击定位到该单元格"
        data-testid="change"
        data-cell={`${c.sheet}!${c.cell}`}
        data-reason={c.reason ?? ''}
        data-ticked={String(ticked)}
      >
        {box([r.index], `${c.cell} ${c.field}`)}
        <span className={s.text}>
          <span className={s.cell}>{c.cell}</span>
          <span className={s.field}>{c.field}</span>
          <span className={s.values} data-testid="change-values">
            {a} → <span className={onTick && !ticked ? undefined : s.after}>{b}</span>
          </span>
          {c.explain && (
            <button
              type="button"
              className={s.why}
              onClick={toggleExplain(r.index)}
              aria-expanded={shown}
              aria-controls={shown ? explainId : undefined}
              aria-label={`${c.cell} ${c.field}的计算依据`}
              data-testid="explain-toggle"
            >
              计算依据 {shown ? '▴' : '▾'}
            </button>
          )}
        </span>
      </div>
    );
    if (!shown || !c.explain) return row;
    return (
      <>
        {row}
        <dl className={s.explain} id={explainId} data-testid="change-explain" data-cell={`${c.sheet}!${c.cell}`}>
          {explainLines(c.field, c.explain).map(([term, text]) => (
            <div key={term} style={{ display: 'contents' }}>
              <dt className={s.term}>{term}</dt>
              <dd className={s.def}>{text}</dd>
            </div>
          ))}
        </dl>
      </>
    );
  };

  function tableRow(group: ChangeGroup) {
    const n = group.indices.length;
    const on = n - group.indices.filter((i) => off.has(i)).length;
    return (
      <div className={s.tableWrap}>
        <div className={`${s.row} ${s.tableRow}`} data-testid="change-table" data-count={n}>
          <button type="button" className={s.toggle} onClick={() => toggle(group.key)} aria-expanded={!collapsed.has(group.key)} aria-label="展开或折叠">
            {collapsed.has(group.key) ? '▸' : '▾'}
          </button>
          {box(group.indices, `${groupLabel(group)}（${n} 处）`)}
          <span className={s.text} data-testid="change-table-label">
            {groupLabel(group)} <span className={s.muted}>{onTick && on !== n ? `已勾选 ${on}/${n} 处` : `${n} 处`}</span>
          </span>
        </div>
      </div>
    );
  }

  return <VirtualList items={rows} itemKey={rowKey} estimate={estimate} render={render} data-testid={rest['data-testid']} />;
}

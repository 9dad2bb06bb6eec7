// The task pane's grouping, as pure functions: findings into one entry per cell in position order under
// their table, filtering and search, what 重算 does about an entry; changes by table and reason, ticks.
import type { Change, ChangeReason } from '../../src/core/changes/changeset';
import type { Finding, FindingCode } from '../../src/core/findings';
import { SEVERITY } from '../../src/core/rules';
import {
  cellsOf,
  changeRows,
  countsText,
  filterGroups,
  findingRows,
  groupChanges,
  groupFindings,
  groupLabel,
  recalcNote,
  setTicked,
  tableLabel,
  tickedChanges,
  tickState,
  type TableInfo,
} from '../../src/taskpane/group';

const P1: TableInfo = { sheet: '项目1', kind: 'project-self-eval', range: 'A1:AB30', title: '项目支出绩效自评表', name: '人代会议' };
const P2: TableInfo = { sheet: '项目1', kind: 'project-self-eval', range: 'A33:K60', title: '项目支出绩效自评表', name: '代表培训' };
const SUM: TableInfo = { sheet: '汇总表', kind: 'project-summary', range: 'A1:I7', title: '某县2023年度项目绩效自评汇总表', name: '' };
const EXEC: TableInfo = { sheet: '执行情况', kind: 'budget-execution', range: 'A1:E8', title: '绩效项目预算指标年度执行情况', name: '' };
const TABLES = [SUM, EXEC, P1, P2];

function f(code: FindingCode, sheet: string, cell: string, message = `${code} at ${cell}`, extra: Partial<Finding> = {}): Finding {
  return { code, severity: SEVERITY[code], sheet, cell, message, ...extra };
}

describe('findings: one entry per cell, in position order under their table', () => {
  const findings = [
    f('DEVIATION_REASON_MISSING', '项目1', 'I14'),
    f('SCORE_EXCEEDS_WEIGHT', '项目1', 'H11'),
    f('TOTAL_MISMATCH', '项目1', 'H17'),
    f('SCORE_MISMATCH', '项目1', 'H11'),
    f('RATE_MISMATCH', '汇总表', 'G4'),
    f('OVERACHIEVED', '项目1', 'AA5'), // column AA after column H on the same row
    f('SCORE_MISMATCH', '项目1', 'H5'),
    f('SCORE_MISMATCH', '项目1', 'H40'), // the second table of the sheet
    f('TABLE_NOT_RECOGNIZED', '说明', 'A1'),
    f('HEADCOUNT_OVER_QUOTA', '项目1', 'C11'),
  ];
  const groups = groupFindings(TABLES, findings);

  test('groups follow the tables’ order; cells outside every table are grouped by sheet, last', () => {
    expect(groups.map((g) => g.table?.name || g.table?.sheet || `(${g.sheet})`)).toEqual(['汇总表', '人代会议', '代表培训', '(说明)']);
    expect(groupLabel(groups[3])).toBe('说明 · 不在识别到的表格内');
  });

  test('entries in position order (row, then column), not rule order', () => {
    expect(groups[1].entries.map((e) => e.cell)).toEqual(['H5', 'AA5', 'C11', 'H11', 'I14', 'H17']);
  });

  test('the findings on one cell are one entry, the most severe first', () => {
    const h11 = groups[1].entries.find((e) => e.cell === 'H11')!;
    expect(h11.findings.map((x) => x.code)).toEqual(['SCORE_EXCEEDS_WEIGHT', 'SCORE_MISMATCH']);
    expect(h11.severity).toBe('error');
    expect(h11.key).toBe('项目1!H11');
    const mixed = groupFindings(TABLES, [f('DEVIATION_REASON_MISSING', '项目1', 'H3'), f('HEADCOUNT_OVER_QUOTA', '项目1', 'H3'), f('SCORE_MISMATCH', '项目1', 'H3')]);
    expect(mixed[0].entries[0].findings.map((x) => x.severity)).toEqual(['error', 'warning', 'info']);
    expect(mixed[0].entries[0].severity).toBe('error');
  });

  test('counts are of findings, per table', () => {
    expect(groups[1].counts).toEqual({ error: 4, warning: 2, info: 1 });
    expect(countsText(groups[1].counts)).toBe('错误 4 警告 2 提示 1');
    expect(countsText({ error: 3, warning: 0, info: 1 })).toBe('错误 3 提示 1');
  });

  test('a header names the project, the kind and the range; a title that says the kind is not repeated', () => {
    expect(tableLabel(P1)).toBe('人代会议 · 项目支出绩效自评表 · 项目1!A1:AB30');
    expect(tableLabel(SUM)).toBe('某县2023年度项目绩效自评汇总表 · 汇总表!A1:I7');
    expect(tableLabel(EXEC)).toBe('绩效项目预算指标年度执行情况 · 预算执行情况表 · 执行情况!A1:E8');
    expect(tableLabel({ ...EXEC, title: '' })).toBe('预算执行情况表 · 执行情况!A1:E8');
  });

  test('collapsed groups show their header only', () => {
    const rows = findingRows(groups, new Set([groups[1].key]));
    expect(rows.filter((r) => r.kind === 'group')).toHaveLength(4);
    expect(rows.some((r) => r.kind === 'entry' && r.group === groups[1])).toBe(false);
    expect(rows.filter((r) => r.kind === 'entry')).toHaveLength(groups[0].entries.length + groups[2].entries.length + groups[3].entries.length);
    expect(rows.find((r) => r.kind === 'group' && r.group === groups[1])).toMatchObject({ collapsed: true });
  });
});

describe('filter and search', () => {
  const findings = [
    f('SCORE_MISMATCH', '项目1', 'H11', '「参会代表人数」得分应为 9.78，表中为 12。'),
    f('SCORE_EXCEEDS_WEIGHT', '项目1', 'H11', '「参会代表人数」得分 12 超过分值 10。'),
    f('DEVIATION_REASON_MISSING', '项目1', 'I14', '「会议总成本」得分低于分值，请填写偏差原因。'),
    f('RATE_MISMATCH', '汇总表', 'G4', '「代表培训」预算执行率应为 85.31%，表中为 90%。'),
    f('SCORE_MISMATCH', '项目1', 'H45', '「培训期数」得分应为 8，表中为 10。'),
  ];
  const groups = groupFindings(TABLES, findings);
  const all = { error: true, warning: true, info: true };
  const cells = (gs: ReturnType<typeof filterGroups>) => gs.flatMap((g) => g.entries.map((e) => e.key));

  test('the severity filter keeps an entry’s shown findings and recounts', () => {
    const errors = filterGroups(groups, { show: { error: true, warning: false, info: false }, query: '' });
    expect(cells(errors)).toEqual(['汇总表!G4', '项目1!H11', '项目1!H45']);
    const warnings = filterGroups(groups, { show: { error: false, warning: true, info: false }, query: '' });
    expect(cells(warnings)).toEqual(['项目1!I14']);
    expect(warnings[0].counts).toEqual({ error: 0, warning: 1, info: 0 });
    expect(warnings[0].entries[0].severity).toBe('warning');
  });

  test('nothing shown leaves no group (the pane then says 没有符合筛选条件的问题)', () => {
    expect(filterGroups(groups, { show: { error: false, warning: false, info: false }, query: '' })).toEqual([]);
    expect(filterGroups(groups, { show: all, query: '没有这样的文字' })).toEqual([]);
  });

  test('search matches the message, the cell, the code’s label and the project, ignoring case, spaces and full width', () => {
    expect(cells(filterGroups(groups, { show: all, query: '偏差原因' }))).toEqual(['项目1!I14']);
    expect(cells(filterGroups(groups, { show: all, query: 'h11' }))).toEqual(['项目1!H11']);
    expect(cells(filterGroups(groups, { show: all, query: 'Ｈ４５' }))).toEqual(['项目1!H45']);
    expect(cells(filterGroups(groups, { show: all, query: '比率不符' }))).toEqual(['汇总表!G4']);
    expect(cells(filterGroups(groups, { show: all, query: '得分超过 分值' }))).toEqual(['项目1!H11']);
    // The project's name matches every entry of its table, not the other project on the same sheet.
    expect(cells(filterGroups(groups, { show: all, query: '代表培训' }))).toEqual(['汇总表!G4', '项目1!H45']);
  });

  test('an unchanged group is returned as it is (the list keeps its measured rows)', () => {
    const same = filterGroups(groups, { show: all, query: '' });
    expect(same).toHaveLength(groups.length);
    same.forEach((g, i) => expect(g).toBe(groups[i]));
  });
});

describe('what 重算 does about an entry; the cells of a cross-table finding', () => {
  test('「将写入 9.38（修正）」 on the entry’s own cell; another cell is named', () => {
    const [g] = groupFindings(TABLES, [
      f('SCORE_MISMATCH', '项目1', 'H14', 'm', { recalc: { writes: { sheet: '项目1', cell: 'H14', shown: '9.38', reason: 'fix' } } }),
    ]);
    expect(recalcNote(g.entries[0])).toEqual({ codes: ['SCORE_MISMATCH'], partial: false, writes: ['将写入 9.38（修正）'] });
    const [h] = groupFindings(TABLES, [
      f('CROSS_SHEET_MISMATCH', '项目1', 'H17', 'm', { recalc: { writes: { sheet: '汇总表', cell: 'H3', shown: '99.16', reason: 'sync' } } }),
    ]);
    expect(recalcNote(h.entries[0])?.writes).toEqual(['将写入 汇总表!H3：99.16（同步）']);
  });

  test('resolved without a write, partly resolved, not resolved', () => {
    const [g] = groupFindings(TABLES, [f('DEVIATION_REASON_MISSING', '项目1', 'I14', 'm', { recalc: {} }), f('HEADCOUNT_OVER_QUOTA', '项目1', 'I14')]);
    expect(recalcNote(g.entries[0])).toEqual({ codes: ['DEVIATION_REASON_MISSING'], partial: true, writes: [] });
    const [h] = groupFindings(TABLES, [f('MISSING_VALUE', '项目1', 'F9')]);
    expect(recalcNote(h.entries[0])).toBeNull();
  });

  test('one write said once for the findings it resolves together', () => {
    const w = { writes: { sheet: '项目1', cell: 'H11', shown: '9.78', reason: 'fix' as const } };
    const [g] = groupFindings(TABLES, [f('SCORE_MISMATCH', '项目1', 'H11', 'a', { recalc: w }), f('SCORE_EXCEEDS_WEIGHT', '项目1', 'H11', 'b', { recalc: w })]);
    expect(recalcNote(g.entries[0])?.writes).toEqual(['将写入 9.78（修正）']);
  });

  test('a cross-table finding’s cells in the order its message names them (the one to correct first)', () => {
    const synced = f('CROSS_SHEET_MISMATCH', '项目1', 'H17', '「人代会议」两表不一致：汇总表!H3 得分为 100分，项目1!H17 总得分表中为 100分。', {
      related: [{ sheet: '汇总表', cell: 'H3' }],
    });
    expect(cellsOf(synced)).toEqual([
      { sheet: '汇总表', cell: 'H3' },
      { sheet: '项目1', cell: 'H17' },
    ]);
    const own = f('CROSS_SHEET_MISMATCH', '项目3', 'H16', '「人大监督费」两表不一致：项目3!H16 总得分为 90分，汇总表!H5 得分为 100分。', {
      related: [{ sheet: '汇总表', cell: 'H5' }],
    });
    expect(cellsOf(own).map((c) => c.cell)).toEqual(['H16', 'H5']);
    // A message naming neither keeps the finding's own cell first.
    expect(cellsOf({ ...own, message: '两表不一致。' }).map((c) => c.cell)).toEqual(['H16', 'H5']);
  });
});

describe('changes: by table, then by reason, with ticks', () => {
  const ch = (sheet: string, cell: string, reason: ChangeReason | undefined, row: number, col: number): Change => ({
    sheet,
    cell,
    row,
    col,
    before: { v: 1 },
    after: { v: 2 },
    field: '得分',
    ...(reason ? { reason } : {}),
  });
  const changes = [
    ch('汇总表', 'H3', 'sync', 2, 7),
    ch('汇总表', 'G4', 'fix', 3, 6),
    ch('项目1', 'H17', 'fix', 16, 7),
    ch('项目1', 'H11', 'fix', 10, 7),
    ch('项目1', 'G4', 'type', 3, 6),
    ch('项目1', 'H4', 'precision', 3, 7),
    ch('项目1', 'H9', 'fill', 8, 7),
    ch('汇总', 'B1', 'formula', 0, 1),
    ch('项目1', 'H50', 'fix', 49, 7),
  ];
  const groups = groupChanges(TABLES, changes);

  test('tables in order, reasons in SPEC §4’s order, rows in position order', () => {
    expect(groups.map((g) => g.table?.name || g.table?.sheet || `(${g.sheet})`)).toEqual(['汇总表', '人代会议', '代表培训', '(汇总)']);
    expect(groups[1].reasons.map((r) => r.reason)).toEqual(['fix', 'fill', 'precision', 'type']);
    expect(groups[1].reasons[0].indices.map((i) => changes[i].cell)).toEqual(['H11', 'H17']);
    expect(groups[0].reasons.map((r) => [r.reason, r.indices.map((i) => changes[i].cell)])).toEqual([
      ['fix', ['G4']],
      ['sync', ['H3']],
    ]);
    expect(groups[1].indices.map((i) => changes[i].cell)).toEqual(['H11', 'H17', 'H9', 'H4', 'G4']);
  });

  test('a group’s tick is all, none or mixed; ticking and unticking', () => {
    const fix = groups[1].reasons[0].indices;
    let off = setTicked(new Set(), fix, false);
    expect(tickState(fix, off)).toBe(false);
    expect(tickState(groups[1].indices, off)).toBe('mixed');
    off = setTicked(off, [fix[0]], true);
    expect(tickState(fix, off)).toBe('mixed');
    off = setTicked(off, groups[1].indices, true);
    expect(tickState(groups[1].indices, off)).toBe(true);
    expect(off.size).toBe(0);
  });

  test('only the ticked changes are written, in the change set’s order', () => {
    const cs = { changes };
    expect(tickedChanges(cs, new Set())).toBe(cs);
    const off = setTicked(new Set(), groups[0].reasons[1].indices, false); // untick 同步
    expect(tickedChanges(cs, off).changes.map((c) => `${c.sheet}!${c.cell}`)).toEqual(changes.filter((c) => c.reason !== 'sync').map((c) => `${c.sheet}!${c.cell}`));
  });

  test('rows: a table header, each reason’s header, its changes; collapsing hides them', () => {
    const rows = changeRows(groups);
    expect(rows.slice(0, 5).map((r) => (r.kind === 'change' ? changes[r.index].cell : r.kind === 'reason' ? r.reason.reason : r.kind))).toEqual(['table', 'fix', 'G4', 'sync', 'H3']);
    expect(rows.filter((r) => r.kind === 'change')).toHaveLength(changes.length);
    const folded = changeRows(groups, new Set([groups[1].key, groups[0].reasons[0].key]));
    expect(folded.filter((r) => r.kind === 'change').map((r) => (r.kind === 'change' ? changes[r.index].cell : ''))).toEqual(['H3', 'H50', 'B1']);
  });
});

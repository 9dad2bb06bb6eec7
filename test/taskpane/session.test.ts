// The session without React, against the emulated Office host: check groups findings per cell under
// their table with the project's name; 应用 of the ticked changes only, the written cells marked in their
// own colour, and undo restoring exactly those cells and taking their marks off; a scoring profile saved
// in 设置 used by the next check and preview, and stored by its id.
import { cloneWorkbook } from '../../src/core/grid/sheet';
import type { Sheet, Workbook } from '../../src/core/grid/types';
import { resolveProfile } from '../../src/core/profiles';
import { createEmulatedHost } from '../../src/hosts/emulated/emulated-host';
import { EmulatedWorkbook } from '../../src/hosts/emulated/state';
import { setTicked, tickedChanges } from '../../src/taskpane/group';
import { SETTINGS_KEY } from '../../src/hosts/office/office-host';
import { Session } from '../../src/taskpane/session';
import { GOOD_INDICATORS, projectSheet } from '../core/template';

const GREEN = '#C6EFCE';
const PINK = '#FFC7CE';

/** `n` sheets, each a project table with a wrong 执行率 (G4) and 执行率得分 (H4). */
function workbookOf(n: number): Workbook {
  const sheets: Sheet[] = [];
  for (let i = 0; i < n; i++) sheets.push(projectSheet({ sheetName: `项目${i + 1}`, name: `项目名${i + 1}`, rate: 0.5, score: 9, indicators: GOOD_INDICATORS }));
  return { sheets };
}

function setup(wb: Workbook) {
  const book = new EmulatedWorkbook(cloneWorkbook(wb));
  const host = createEmulatedHost(book);
  return { book, host, session: new Session(host) };
}

test('check: the tables carry their project’s name; findings are one entry per cell under their table', async () => {
  const { session } = setup(workbookOf(2));
  const r = await session.check();
  expect(r.tables.map((t) => [t.sheet, t.name, t.kind])).toEqual([
    ['项目1', '项目名1', 'project-self-eval'],
    ['项目2', '项目名2', 'project-self-eval'],
  ]);
  expect(r.nothingRecognised).toBeNull();
  expect(r.groups.map((g) => g.table?.name)).toEqual(['项目名1', '项目名2']);
  const cells = r.groups[0].entries.map((e) => e.cell);
  expect(new Set(cells).size).toBe(cells.length);
  expect(r.groups.flatMap((g) => g.entries.flatMap((e) => e.findings))).toHaveLength(r.findings.length);
});

test('check: a workbook with no table says so (and is not taken for a clean one)', async () => {
  const { session } = setup({ sheets: [{ name: '说明', rows: [[{ v: '填报说明' }], [{ v: '请于3月底前报送。' }]], merges: [] }] });
  const r = await session.check();
  expect(r.tables).toEqual([]);
  expect(r.nothingRecognised).toMatch(/^未识别到自评表：[^]*这不表示表格没有问题[^]*工作表「说明」/);
});

test('the preview carries the tables; 应用 writes only the ticked changes in one sync (after the protection check); undo restores exactly those', async () => {
  const { book, session } = setup(workbookOf(2));
  const original = cloneWorkbook(book.workbook);
  const preview = await session.preview();
  expect(preview.tables.map((t) => t.name)).toEqual(['项目名1', '项目名2']);
  const g4 = preview.changes.findIndex((c) => c.sheet === '项目1' && c.cell === 'G4');
  expect(g4).toBeGreaterThanOrEqual(0);
  const cs = tickedChanges(preview, setTicked(new Set(), [g4], false));
  expect(cs.changes).toHaveLength(preview.changes.length - 1);

  book.resetStats();
  await session.apply(cs);
  expect(book.stats.syncs).toBe(2);
  expect(book.workbook.sheets[0].rows[3][6]).toEqual(original.sheets[0].rows[3][6]); // unticked: untouched
  expect(book.workbook.sheets[1].rows[3][6]).toEqual(preview.changes.find((c) => c.sheet === '项目2' && c.cell === 'G4')?.after);
  expect(session.applied?.changes).toHaveLength(cs.changes.length);

  await session.markWritten(cs);
  for (const c of cs.changes) expect(book.fills.get(`${c.sheet}!${c.cell}`)).toBe(GREEN);
  expect(book.fills.has('项目1!G4')).toBe(false);

  await session.undo();
  expect(book.workbook).toEqual(original);
  expect(book.fills.size).toBe(0);
  expect(session.applied).toBeNull();
});

test('a written mark replaces a finding’s on the same cell; clearing brings back the cell’s own fill', async () => {
  const { book, host, session } = setup(workbookOf(1));
  book.fills.set('项目1!H4', '#00B050'); // the user's own fill
  const r = await session.check();
  await session.highlight(r.findings);
  expect(book.fills.get('项目1!H4')).toBe(PINK);
  const marked = host.highlighted;

  const preview = await session.preview();
  await session.apply(preview);
  await session.markWritten(preview);
  expect(book.fills.get('项目1!H4')).toBe(GREEN);
  // A finding's mark on a cell not written stays.
  const notWritten = r.findings.find((f) => !preview.changes.some((c) => c.sheet === f.sheet && c.cell === f.cell));
  if (notWritten) expect(book.fills.get(`${notWritten.sheet}!${notWritten.cell}`)).not.toBe(GREEN);

  // Clearing only the written marks (what undo does) restores the user's fill, not the finding's colour.
  await host.clearHighlights('written');
  expect(book.fills.get('项目1!H4')).toBe('#00B050');
  expect(host.highlighted).toBe(marked - preview.changes.filter((c) => r.findings.some((f) => f.cell === c.cell)).length);
  await session.clearHighlights();
  expect(new Map(book.fills)).toEqual(new Map([['项目1!H4', '#00B050']]));
  expect(host.highlighted).toBe(0);
});

// Scoring profiles (SPEC §8) through 设置: what saveSettings stores is what the next check and preview use.

/** A table with 执行率 85% (34 of 40, weight 10; 8.5 stated) and an indicator done 1.5 times over. */
function profileWorkbook(): Workbook {
  const overdone = { l3: '培训人次', target: '≥100人次', actual: '150人次', weight: 0, score: 0 };
  return {
    sheets: [projectSheet({ sheetName: '项目1', annual: 40, executed: 34, rate: { v: 0.85, fmt: '0.00%' }, score: 8.5, indicators: [...GOOD_INDICATORS, overdone] })],
  };
}

test('switching to 江西 through saveSettings: 执行率得分 7 instead of 8.5, in the check and the preview, explained', async () => {
  const { session } = setup(profileWorkbook());
  const h4 = <T extends { cell: string }>(fs: T[]) => fs.filter((f) => f.cell === 'H4');
  expect(h4((await session.check()).findings)).toEqual([]); // national: 10 × 85% = 8.5, as stated
  expect(h4((await session.preview()).changes)).toEqual([]);

  await expect(session.saveSettings({ ...session.settings, profile: 'jiangxi' })).resolves.toMatchObject({ ok: true });
  const [finding] = h4((await session.check()).findings);
  expect(finding).toMatchObject({ code: 'SCORE_MISMATCH', severity: 'error' });
  expect(finding.explain?.text).toContain('江西');
  const [change] = h4((await session.preview()).changes);
  expect(change.after.v).toBe(7);
  expect(change.explain).toMatchObject({ arithmetic: '10 × 0.7', result: '7' });
  expect(change.explain?.rule).toMatch(/^江西：执行率 85.00% 在 \[80%, 100%\) 区间/);

  // And back to 全国通用.
  await session.saveSettings({ ...session.settings, profile: 'national' });
  expect(h4((await session.preview()).changes)).toEqual([]);
});

test('switching to 广西: an overachieved indicator is an error (全国通用: a warning)', async () => {
  const { session } = setup(profileWorkbook());
  const over = async () => (await session.check()).findings.filter((f) => f.code === 'OVERACHIEVED').map((f) => [f.cell, f.severity]);
  await expect(over()).resolves.toEqual([['F15', 'warning']]);
  await session.saveSettings({ profile: 'guangxi' });
  await expect(over()).resolves.toEqual([['F15', 'error']]);
});

test('the profile is stored with the workbook by its id, and a pane opened later uses it', async () => {
  const { book, host, session } = setup(profileWorkbook());
  await session.saveSettings({ profile: 'jiangxi', precision: 1 });
  expect(host.loadSettings()).toEqual({ profile: 'jiangxi', precision: 1, totalWeight: 100, moneyUnit: '万元' });
  const later = new Session(createEmulatedHost(book));
  expect(later.settings).toMatchObject({ profile: 'jiangxi', precision: 1, gradeBands: [90, 80, 60] });
  expect((await later.preview()).changes.find((c) => c.cell === 'H4')?.after.v).toBe(7);
});

test('a profile of the user’s own stored with the workbook is used, and kept when the settings are saved', async () => {
  const { book } = setup(profileWorkbook());
  const own = { ...resolveProfile('guangxi'), id: 'my-unit', name: '本单位规则', source: '本单位办法' };
  book.documentSettings.set(SETTINGS_KEY, JSON.stringify(JSON.stringify({ profile: own })));
  const session = new Session(createEmulatedHost(book));
  expect(session.settingsProblem).toBeNull();
  expect(session.settings.profile).toEqual(own);
  expect((await session.check()).findings.find((f) => f.code === 'OVERACHIEVED')?.severity).toBe('error');
  await session.saveSettings({ ...session.settings, precision: 1 });
  expect((session.host.loadSettings() as { profile: unknown }).profile).toEqual(own);
});

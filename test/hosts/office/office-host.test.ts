// The Office host against the emulation: sync budget, chunking, rollback, undo, highlights, settings.
import { cloneWorkbook } from '../../../src/core/grid/sheet';
import type { Sheet, Workbook } from '../../../src/core/grid/types';
import { createEmulatedHost } from '../../../src/hosts/emulated/emulated-host';
import { EmulatedWorkbook } from '../../../src/hosts/emulated/state';
import { CELLS_PER_READ, MAX_REQUEST_BYTES } from '../../../src/hosts/office/office-host';
import { changedSinceMessage, Session } from '../../../src/taskpane/session';
import { GOOD_INDICATORS, projectSheet } from '../../core/template';

/** `n` sheets, each holding a project table with errors recalculation fixes. */
function workbookOf(n: number): Workbook {
  const sheets: Sheet[] = [];
  for (let i = 0; i < n; i++) {
    sheets.push(projectSheet({ sheetName: `项目${i + 1}`, name: `项目${i + 1}`, rate: 0.5, score: 9, indicators: GOOD_INDICATORS.map((r, k) => (k === 0 ? { ...r, actual: '1次', reason: '减少' } : r)) }));
  }
  return { sheets };
}

function setup(wb: Workbook, apiVersion = '1.13') {
  const book = new EmulatedWorkbook(cloneWorkbook(wb));
  const host = createEmulatedHost(book, { apiVersion });
  return { book, host, session: new Session(host) };
}

describe('sync budget: the same number of syncs whatever the number of sheets', () => {
  test.each([10, 200])('%i sheets: check reads in 3 syncs; recalculation reads in 3 and writes in 2 (protection, then the write)', async (n) => {
    const { book, session } = setup(workbookOf(n));
    const r = await session.check();
    expect(r.tables).toHaveLength(n);
    expect(book.stats.syncs).toBe(3);
    book.resetStats();
    const cs = await session.preview();
    expect(cs.changes.length).toBe(n * 4); // G4, H4, H9 and the total H15 of each sheet
    expect(book.stats.syncs).toBe(3);
    book.resetStats();
    await session.apply(cs);
    expect(book.stats.syncs).toBe(2);
    expect(book.stats.maxRequestBytes).toBeLessThan(MAX_REQUEST_BYTES);
  });

  test('a workbook past one response (Excel on the web: 5 MB) is read in more syncs, each response under 5 MB', async () => {
    const big: Workbook = workbookOf(2);
    const rows = Array.from({ length: 700 }, (_, r) => Array.from({ length: 120 }, (_, c) => ({ v: c % 7 === 0 ? `第${r}行说明文字${c}` : r * 1000 + c + 0.25 })));
    big.sheets.push({ name: '明细', rows, merges: [{ r0: 0, c0: 0, r1: 0, c1: 3 }] });
    big.sheets[2].rows[0] = [{ v: '合并标题' }];
    const { book, host } = setup(big);
    const wb = await host.readWorkbook();
    expect(rows.length * 120).toBeGreaterThan(CELLS_PER_READ);
    expect(book.stats.syncs).toBeGreaterThan(3);
    expect(Math.max(...book.stats.responseBytes)).toBeLessThan(5 * 1024 * 1024);
    expect(wb.sheets[2].rows).toEqual(big.sheets[2].rows);
    expect(wb.sheets[2].rows[0][0]).toEqual({ v: '合并标题' });
    expect(wb.sheets[2].merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 3 }]);
    expect(wb.sheets[0]).toEqual(big.sheets[0]);
  });

  test('a change set past 4 MB is written in chunks, none over 4 MB', async () => {
    const { book, host } = setup(workbookOf(1));
    const big = 'x'.repeat(30_000); // Excel's cell limit is 32,767 characters
    const changes = Array.from({ length: 150 }, (_, i) => ({
      sheet: '项目1', row: 30 + i, col: 0, cell: `A${31 + i}`, field: 't', before: { v: null }, after: { v: big },
    }));
    await host.applyChanges({ changes });
    expect(book.stats.syncs).toBeGreaterThan(1);
    expect(book.stats.maxRequestBytes).toBeLessThan(MAX_REQUEST_BYTES);
    expect(book.workbook.sheets[0].rows[179][0]?.v).toBe(big);
  });
});

describe('apply and undo restore every written cell exactly', () => {
  test('value, formula and number format come back', async () => {
    const wb = workbookOf(2);
    wb.sheets[0].rows[3][7] = { v: 9, f: 'F4*0.9' }; // a user formula: left alone
    wb.sheets[0].rows[3][6] = { v: '50%' }; // a text rate becomes a number with 0.00%
    const { book, session } = setup(wb);
    const original = cloneWorkbook(book.workbook);
    const cs = await session.preview();
    expect(cs.changes.find((c) => c.sheet === '项目1' && c.cell === 'H4')).toBeUndefined();
    expect(cs.changes.find((c) => c.sheet === '项目1' && c.cell === 'G4')?.after).toEqual({ v: 0.75, fmt: '0.00%' });
    await session.apply(cs);
    expect(book.workbook.sheets[0].rows[3][6]).toEqual({ v: 0.75, fmt: '0.00%' });
    expect(book.workbook.sheets[0].rows[3][7]).toEqual({ v: 9, f: 'F4*0.9' });
    expect(session.canUndo).toBe(true);
    await session.undo();
    expect(book.workbook).toEqual(original);
    expect(session.canUndo).toBe(false);
  });

  test('undo leaves alone, and lists, the cells the user changed since (value or number format)', async () => {
    const { book, session } = setup(workbookOf(2));
    const original = cloneWorkbook(book.workbook);
    const cs = await session.apply(await session.preview()).then(() => session.applied!);
    const g4 = cs.changes.find((c) => c.sheet === '项目1' && c.cell === 'G4')!;
    const h4 = cs.changes.find((c) => c.sheet === '项目2' && c.cell === 'H4')!;
    expect([g4.row, g4.col]).toEqual([3, 6]);
    // The user keeps editing: a new value in one written cell, another format in a second.
    book.workbook.sheets[0].rows[3][6] = { v: 0.6, fmt: '0.00%' };
    book.workbook.sheets[1].rows[3][7] = { ...book.workbook.sheets[1].rows[3][7]!, fmt: '0.0' };
    const r = await session.undo();
    expect(r.changedSince).toEqual([
      { sheet: g4.sheet, cell: g4.cell },
      { sheet: h4.sheet, cell: h4.cell },
    ]);
    expect(r.restored).toBe(cs.changes.length - 2);
    expect(book.workbook.sheets[0].rows[3][6]).toEqual({ v: 0.6, fmt: '0.00%' });
    expect(book.workbook.sheets[1].rows[3][7]?.fmt).toBe('0.0');
    // Every other written cell is back as it was.
    for (const c of cs.changes) {
      if (c === g4 || c === h4) continue;
      const sheet = book.workbook.sheets.findIndex((x) => x.name === c.sheet);
      expect(book.workbook.sheets[sheet].rows[c.row]?.[c.col] ?? { v: null }).toEqual(original.sheets[sheet].rows[c.row]?.[c.col] ?? { v: null });
    }
    expect(changedSinceMessage(r.changedSince)).toBe('以下 2 个单元格在重算后已被修改，未撤销：项目1!G4、项目2!H4。');
  });
});

describe('failures leave the workbook as it was, with a Chinese message', () => {
  test('a protected sheet: refused before anything is written, naming the sheet', async () => {
    const { book, session } = setup(workbookOf(3));
    const original = cloneWorkbook(book.workbook);
    const cs = await session.preview();
    book.protectedSheets.add('项目2');
    book.resetStats();
    await expect(session.apply(cs)).rejects.toThrow('工作表「项目2」受保护，无法写入；请先撤销工作表保护。');
    expect(book.workbook).toEqual(original);
    expect(book.stats.syncs).toBe(1); // the check only: no write, no rollback
    expect(session.canUndo).toBe(false);
  });
  test('a protected sheet: highlighting its cells is refused before any fill changes', async () => {
    const { book, host } = setup(workbookOf(2));
    book.protectedSheets.add('项目2');
    await expect(
      host.highlight([
        { sheet: '项目1', cell: 'G4', severity: 'error' },
        { sheet: '项目2', cell: 'G4', severity: 'error' },
      ]),
    ).rejects.toThrow('工作表「项目2」受保护，无法写入；请先撤销工作表保护。');
    expect(book.fills.size).toBe(0);
    expect(host.highlighted).toBe(0);
  });
  test('a cell in edit mode: nothing is written', async () => {
    const { book, session } = setup(workbookOf(2));
    const original = cloneWorkbook(book.workbook);
    const cs = await session.preview();
    book.cellEditMode = true;
    await expect(session.apply(cs)).rejects.toThrow(/编辑状态/);
    book.cellEditMode = false;
    expect(book.workbook).toEqual(original);
  });
  test('a payload the host refuses: nothing is written', async () => {
    const { book, session } = setup(workbookOf(2));
    const original = cloneWorkbook(book.workbook);
    const cs = await session.preview();
    book.payloadLimitBytes = 100;
    await expect(session.apply(cs)).rejects.toThrow(/大小限制/);
    expect(book.workbook).toEqual(original);
  });
  test('reading during cell editing', async () => {
    const { book, session } = setup(workbookOf(1));
    book.cellEditMode = true;
    await expect(session.check()).rejects.toThrow(/读取工作簿失败.*编辑状态/);
  });
});

describe('select, highlight and clear', () => {
  test('clicking a finding selects its cell on its sheet', async () => {
    const { book, session } = setup(workbookOf(3));
    const r = await session.check();
    const f = r.findings.find((x) => x.sheet === '项目3')!;
    await session.select(f);
    expect(book.selection).toEqual({ sheet: '项目3', address: f.cell });
    expect(book.activeSheet).toBe('项目3');
  });
  test('highlights colour the cells and clearing restores the original fills exactly', async () => {
    const { book, session, host } = setup(workbookOf(2));
    book.fills.set('项目1!G4', '#00B050'); // a user's own fill
    const before = new Map(book.fills);
    const r = await session.check();
    await session.highlight(r.findings);
    expect(host.highlighted).toBeGreaterThan(0);
    expect(book.fills.get('项目1!G4')).toBe('#FFC7CE');
    expect(book.fills.get('项目1!H4')).toBe('#FFC7CE');
    await session.clearHighlights();
    expect(new Map(book.fills)).toEqual(before);
    expect(host.highlighted).toBe(0);
  });
});

describe('settings are stored with the workbook', () => {
  test('saved, validated, and read back by a new session', async () => {
    const { book, session } = setup(workbookOf(1));
    expect(await session.saveSettings({ precision: 9 })).toMatchObject({ ok: false, field: 'precision' });
    expect(await session.saveSettings({ precision: 1, gradeBands: [95, 85, 70] })).toEqual({ ok: true, endsUndo: true });
    const again = new Session(createEmulatedHost(book));
    expect(again.settings.precision).toBe(1);
    expect(again.settings.gradeBands).toEqual([95, 85, 70]);
  });
  test('invalid stored settings fall back to the defaults with a message', () => {
    const { book } = setup(workbookOf(1));
    book.documentSettings.set('jixiao.settings', JSON.stringify(JSON.stringify({ precision: 'x' })));
    const s = new Session(createEmulatedHost(book));
    expect(s.settings.precision).toBe(2);
    expect(s.settingsProblem).toMatch(/得分小数位数/); // by its label, as the 设置 form says it
  });
});

test('ExcelApi 1.20: a recalculation is one undo group, so Excel undo reverts it too', async () => {
  const { book, session } = setup(workbookOf(2), '1.20');
  expect(session.host.supportsUndoGroup).toBe(true);
  const original = cloneWorkbook(book.workbook);
  await session.apply(await session.preview());
  expect(book.workbook).not.toEqual(original);
  expect(book.undo()).toBe(true);
  expect(book.workbook).toEqual(original);
});

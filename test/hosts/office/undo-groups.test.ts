// Excel's undo history and the host (issue 13 §1.1, §1.5): Worksheet.delete cannot run inside an undo
// group (UndoNotSupported, https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities),
// and settings.saveAsync ends the undo history (https://github.com/OfficeDev/office-js/issues/3141).
import { cloneWorkbook } from '../../../src/core/grid/sheet';
import type { Workbook } from '../../../src/core/grid/types';
import { createEmulatedHost } from '../../../src/hosts/emulated/emulated-host';
import { EmulatedWorkbook } from '../../../src/hosts/emulated/state';
import { createExcelNamespace, createOfficeNamespace } from '../../../src/hosts/emulated/excel-emulation';
import { OfficeHost, REPORT_SHEET_KEY, type ExcelNamespace, type SettingsStore } from '../../../src/hosts/office/office-host';
import { Session } from '../../../src/taskpane/session';
import { GOOD_INDICATORS, projectSheet } from '../../core/template';

function setup(apiVersion = '1.20') {
  const wb: Workbook = { sheets: [projectSheet({ sheetName: '附件3', name: '人代会议', indicators: GOOD_INDICATORS })] };
  const book = new EmulatedWorkbook(cloneWorkbook(wb));
  const host = createEmulatedHost(book, { apiVersion });
  return { book, host, session: new Session(host) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const names = (book: EmulatedWorkbook) => book.workbook.sheets.map((s) => s.name);

describe('report sheet on an ExcelApi 1.20 host (undo groups)', () => {
  test('a first report is one Ctrl+Z step: its record is saved before it, so the save does not wipe it', async () => {
    const { book, host } = setup();
    const r = await host.writeReportSheet('自评报告', [{ text: '报告', style: 'title' }]);
    await tick();
    expect(r.undoable).toBe(true);
    expect(book.documentSettings.get(REPORT_SHEET_KEY)).toBe('"自评报告"');
    expect(book.undo()).toBe(true);
    expect(names(book)).toEqual(['附件3']);
  });

  test('regenerating it (a sheet delete) and 撤销报告 work, and say Ctrl+Z cannot take them back', async () => {
    const { book, session } = setup();
    await session.generateReportSheet(() => {});
    const again = await session.generateReportSheet(() => {});
    expect(again.undoable).toBe(false);
    expect(names(book)).toEqual(['附件3', '自评报告']);
    await session.undoReportSheet();
    expect(names(book)).toEqual(['附件3', '自评报告']); // the first one, brought back
    const third = await session.generateReportSheet(() => {});
    expect(third.sheet).toBe('自评报告');
  });

  test('the report-sheet record is saved once, not per report', async () => {
    const { book, host } = setup();
    let saves = 0;
    const settings = (host as unknown as { settings: { saveAsync: (...a: unknown[]) => void } }).settings;
    const save = settings.saveAsync.bind(settings);
    settings.saveAsync = (...a: unknown[]) => {
      saves++;
      save(...a);
    };
    const first = await host.writeReportSheet('自评报告', [{ text: '一', style: 'title' }]);
    await host.writeReportSheet('自评报告', [{ text: '二', style: 'title' }]);
    await host.writeReportSheet('自评报告', [{ text: '三', style: 'title' }]);
    expect(saves).toBe(1);
    await host.removeReportSheet(first);
    expect(saves).toBe(2);
    await tick();
    expect(book.documentSettings.get(REPORT_SHEET_KEY)).toBe('null');
  });
});

describe('settings are saved only when they change (saving ends the undo history)', () => {
  test('saving the same settings again keeps Ctrl+Z; a change says it ends it', async () => {
    const { book, session } = setup();
    expect(await session.saveSettings({ precision: 1 })).toEqual({ ok: true, endsUndo: true });
    await tick();
    book.undoStack.push({ steps: [] });
    expect(await session.saveSettings({ precision: 1 })).toEqual({ ok: true, endsUndo: false });
    await tick();
    expect(book.undoStack).toHaveLength(1);
    expect(await session.saveSettings({ precision: 2 })).toEqual({ ok: true, endsUndo: true });
    await tick();
    expect(book.undoStack).toHaveLength(0);
  });
});

test('a write refused in its undo group (UndoNotSupported) is made again outside it, and says Ctrl+Z cannot undo it', async () => {
  const wb: Workbook = { sheets: [projectSheet({ sheetName: '附件3', name: '人代会议', indicators: GOOD_INDICATORS })] };
  const book = new EmulatedWorkbook(cloneWorkbook(wb));
  const excel = createExcelNamespace(book, { apiVersion: '1.20' }) as unknown as ExcelNamespace;
  const office = createOfficeNamespace(book, { apiVersion: '1.20' });
  let refused = 0;
  // As Excel answers an API it cannot group: the grouped run applies part of the write, then fails.
  const grouping: ExcelNamespace = {
    run: (async (a: unknown, b?: unknown) => {
      if (typeof a === 'function') return excel.run(a as never);
      const batch = b as (c: Excel.RequestContext) => Promise<unknown>;
      if (!(a as Excel.RunOptions).mergeUndoGroup) return excel.run(batch);
      refused++;
      await excel.run(batch);
      throw Object.assign(new Error('The operation is not supported in an undo group.'), { code: 'UndoNotSupported' });
    }) as ExcelNamespace['run'],
  };
  const host = new OfficeHost({ excel: grouping, settings: office.context.document.settings as unknown as SettingsStore, supportsUndoGroup: true });
  const r = await host.writeReportSheet('自评报告', [{ text: '报告', style: 'title' }]);
  expect(refused).toBe(1);
  expect(r.undoable).toBe(false);
  expect(names(book)).toEqual(['附件3', '自评报告']);
  expect(book.sheet('自评报告')!.rows[0]?.[0]).toEqual({ v: '报告' });
});

import {
  createOfficeNamespace,
  EmulatedOfficeError,
  EmulatedWorkbook,
  install,
  type AsyncResult,
  type ExcelLike,
  type OfficeLike,
} from '../../../src/hosts/emulated/excel-emulation';
import { sampleWorkbook } from './helpers';

const save = (office: OfficeLike) =>
  new Promise<AsyncResult<void>>((resolve) => office.context.document.settings.saveAsync(resolve));

describe('Office namespace', () => {
  test('onReady resolves with host and platform, and calls a callback', async () => {
    const book = new EmulatedWorkbook(sampleWorkbook());
    const seen: unknown[] = [];
    const info = await createOfficeNamespace(book).onReady((i) => seen.push(i));
    expect(info).toEqual({ host: 'Excel', platform: 'OfficeOnline' });
    expect(seen).toEqual([info]);
    await expect(createOfficeNamespace(book, { platform: 'PC' }).onReady()).resolves.toEqual({ host: 'Excel', platform: 'PC' });
    await expect(createOfficeNamespace(book, { host: null }).onReady()).resolves.toEqual({ host: null, platform: null });
  });

  test.each([
    [undefined, 'ExcelApi', '1.13', true],
    [undefined, 'ExcelApi', '1.9', true],
    [undefined, 'ExcelApi', '1.14', false],
    [undefined, 'ExcelApi', undefined, true],
    ['1.20', 'ExcelApi', '1.20', true],
    ['1.20', 'excelapi', 1.2, true],
    ['1.12', 'ExcelApi', '1.13', false],
    [undefined, 'WordApi', '1.1', false],
  ])('apiVersion %s: isSetSupported(%s, %s) is %s', (apiVersion, name, min, expected) => {
    const office = createOfficeNamespace(new EmulatedWorkbook(sampleWorkbook()), { apiVersion });
    expect(office.context.requirements.isSetSupported(name, min)).toBe(expected);
  });

  test('enums', () => {
    const office = createOfficeNamespace(new EmulatedWorkbook(sampleWorkbook()));
    expect(office.HostType.Excel).toBe('Excel');
    expect(office.AsyncResultStatus).toEqual({ Succeeded: 'succeeded', Failed: 'failed' });
  });
});

describe('document settings', () => {
  test('get/set/remove in memory; saveAsync persists into the book for the next session', async () => {
    const book = new EmulatedWorkbook(sampleWorkbook());
    const office = createOfficeNamespace(book);
    const settings = office.context.document.settings;
    expect(settings.get('jixiao.settings')).toBeNull();
    settings.set('jixiao.settings', '{"tolerance":0.01}');
    settings.set('other', { a: [1, 2] });
    expect(settings.get('jixiao.settings')).toBe('{"tolerance":0.01}');
    // Not saved yet: a new session (namespace) over the same document does not see it.
    expect(createOfficeNamespace(book).context.document.settings.get('other')).toBeNull();
    const result = await save(office);
    expect(result.status).toBe('succeeded');
    expect(book.documentSettings.get('other')).toBe('{"a":[1,2]}');
    const next = createOfficeNamespace(book).context.document.settings;
    expect(next.get('jixiao.settings')).toBe('{"tolerance":0.01}');
    expect(next.get('other')).toEqual({ a: [1, 2] });
    settings.remove('other');
    expect(settings.get('other')).toBeNull();
    await save(office);
    expect(book.documentSettings.has('other')).toBe(false);
  });

  test('saveAsync ends the undo history (OfficeDev/office-js#3141)', async () => {
    const book = new EmulatedWorkbook(sampleWorkbook());
    const office = createOfficeNamespace(book);
    book.undoStack.push({ steps: [] });
    office.context.document.settings.set('k', 1);
    await save(office);
    expect(book.undoStack).toHaveLength(0);
  });

  test('saveAsync(options, callback) passes asyncContext back', async () => {
    const office = createOfficeNamespace(new EmulatedWorkbook(sampleWorkbook()));
    const r = await new Promise<AsyncResult<void>>((resolve) =>
      office.context.document.settings.saveAsync({ asyncContext: 7 }, resolve),
    );
    expect(r).toMatchObject({ status: 'succeeded', asyncContext: 7 });
  });
});

describe('install', () => {
  test('sets Excel, Office and OfficeExtension on the target', async () => {
    const target: { Excel?: ExcelLike; Office?: OfficeLike; OfficeExtension?: { Error: unknown } } = {};
    const book = new EmulatedWorkbook(sampleWorkbook());
    install(target, book, { apiVersion: '1.20' });
    expect(target.OfficeExtension!.Error).toBe(EmulatedOfficeError);
    expect(target.Office!.context.requirements.isSetSupported('ExcelApi', '1.20')).toBe(true);
    const name = await target.Excel!.run({ mergeUndoGroup: true }, async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet().load('name');
      ws.getRange('A2').values = [['改']];
      await context.sync();
      return ws.name;
    });
    expect(name).toBe('附件3');
    expect(book.undoStack).toHaveLength(1);
  });
});

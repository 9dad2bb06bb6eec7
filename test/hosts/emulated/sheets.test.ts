import { cellAt } from '../../../src/core/grid/sheet';
import type { EmulatedRequestContext, ExcelLike } from '../../../src/hosts/emulated/excel-emulation';
import { officeErrorOf, setup } from './helpers';

const names = (book: ReturnType<typeof setup>['book']) => book.workbook.sheets.map((s) => s.name);
const ORIGINAL = ['附件3', '附件 3', 'Empty', '隐藏'];

async function run<T>(Excel: ExcelLike, batch: (context: EmulatedRequestContext) => Promise<T>, undoGroup = false): Promise<T> {
  return undoGroup ? Excel.run({ mergeUndoGroup: true }, batch) : Excel.run(batch);
}

describe('worksheets.add', () => {
  test('appends a visible sheet after the last one (hidden included), without activating it', async () => {
    const { Excel, book } = setup();
    const got = await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.add('报告').load('name,position,visibility');
      await context.sync();
      return [ws.name, ws.position, ws.visibility];
    });
    expect(got).toEqual(['报告', 4, 'Visible']);
    expect(names(book)).toEqual([...ORIGINAL, '报告']);
    expect(book.sheet('报告')).toEqual({ name: '报告', rows: [], merges: [] });
    expect(book.activeSheet).toBe('附件3');
  });

  test('the new sheet is usable in the same sync: write, activate, look up, list', async () => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const before = sheets.getItemOrNullObject('报告');
      const ws = sheets.add('报告');
      ws.getRange('A1:B1').values = [['标题', 1]];
      ws.activate();
      const after = sheets.getItemOrNullObject('报告').load('position');
      const used = ws.getUsedRange().load('address');
      sheets.load('items/name');
      await context.sync();
      expect(before.isNullObject).toBe(true);
      expect([after.isNullObject, after.position]).toEqual([false, 4]);
      expect(used.address).toBe('报告!A1:B1');
      expect(sheets.items.map((s) => s.name)).toEqual([...ORIGINAL, '报告']);
    });
    expect(cellAt(book.sheet('报告')!, 0, 0)).toEqual({ v: '标题' });
    expect([book.activeSheet, book.selection]).toEqual(['报告', { sheet: '报告', address: 'A1' }]);
  });

  test.each([
    ['31 characters', 'a'.repeat(31)],
    ['an apostrophe inside', "O'Brien"],
    ['spaces inside', '附件 3 报告'],
    ['a leading space', ' 报告'],
    ['punctuation Excel allows', '报告（2024）!#'],
  ])('accepts a name with %s', async (_label, name) => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      context.workbook.worksheets.add(name);
      await context.sync();
    });
    expect(names(book).at(-1)).toBe(name);
  });

  test.each([
    ['longer than 31 characters', 'a'.repeat(32)],
    ['a colon', 'a:b'],
    ['a backslash', 'a\\b'],
    ['a slash', '2024/1'],
    ['a question mark', 'why?'],
    ['an asterisk', 'a*'],
    ['an opening bracket', '[a'],
    ['a closing bracket', 'a]'],
    ['a leading apostrophe', "'a"],
    ['a trailing apostrophe', "a'"],
    ['nothing', ''],
    ['only spaces', '   '],
    ['not text', 42],
  ])('refuses a name with %s: InvalidArgument', async (_label, name) => {
    const { Excel, book } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.add(name as string);
        await context.sync();
      }),
    );
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['InvalidArgument', 'WorksheetCollection.add']);
    expect(names(book)).toEqual(ORIGINAL);
  });

  test.each([
    ['the same name', '附件3'],
    ['another case', 'EMPTY'],
    ['a hidden sheet', '隐藏'],
  ])('a name taken by %s fails with ItemAlreadyExists', async (_label, name) => {
    const { Excel, book } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.add(name);
        await context.sync();
      }),
    );
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['ItemAlreadyExists', 'WorksheetCollection.add']);
    expect(e.message).toBe('A resource with the same name or identifier already exists.');
    expect(names(book)).toEqual(ORIGINAL);
  });

  test('a failing add leaves earlier operations applied and runs none after it', async () => {
    const { Excel, book } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.add('一');
        sheets.add('一');
        sheets.add('二');
        await context.sync();
      }),
    );
    expect(e.code).toBe('ItemAlreadyExists');
    expect(e.debugInfo.statement).toBe('workbook.worksheets.add("一")');
    expect(names(book)).toEqual([...ORIGINAL, '一']);
  });

  test('a sheet added in a failed sync is not added again when its proxy is used later', async () => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.add();
      context.workbook.worksheets.getItem('附件9');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
      ws.load('name');
      await context.sync();
      expect(ws.name).toBe('Sheet1');
    });
    expect(names(book)).toEqual([...ORIGINAL, 'Sheet1']);
  });

  test.each<[string, string[], number, string[]]>([
    ['no SheetN yet', [], 2, ['Sheet1', 'Sheet2']],
    ['one past the highest', ['Sheet3', 'sheet7'], 2, ['Sheet8', 'Sheet9']],
    ['numbers too long to be Excel’s ignored', ['Sheet1x', 'MySheet4'], 1, ['Sheet1']],
  ])('default names: %s', async (_label, existing, count, expected) => {
    const { Excel, book } = setup();
    for (const name of existing) book.workbook.sheets.push({ name, rows: [], merges: [] });
    const got = await Excel.run(async (context) => {
      const added = Array.from({ length: count }, () => context.workbook.worksheets.add().load('name'));
      await context.sync();
      return added.map((w) => w.name);
    });
    expect(got).toEqual(expected);
  });

  test('a default name is not reused after its sheet is deleted, as in Excel', async () => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      context.workbook.worksheets.add();
      context.workbook.worksheets.add().delete();
      context.workbook.worksheets.add();
      await context.sync();
    });
    expect(names(book)).toEqual([...ORIGINAL, 'Sheet1', 'Sheet3']);
  });
});

describe('worksheet.delete', () => {
  test('removes the sheet with its fills, formats, sizes and protection; other sheets keep theirs', async () => {
    const { Excel, book } = setup();
    book.workbook.sheets.push({ name: 'A', rows: [], merges: [] }, { name: 'A!B', rows: [], merges: [] });
    book.protectedSheets.add('A');
    book.fills.set('A!B2', '#FFC7CE').set('A!B!B2', '#FFEB9C');
    book.formats.set('A!C3', { bold: true }).set('A!B!C3', { wrap: true });
    book.columnWidths.set('A!C', 100).set('A!B!C', 80);
    book.rowHeights.set('A!3', 30).set('A!B!3', 20);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('A').delete();
      await context.sync();
    });
    expect(names(book)).toEqual([...ORIGINAL, 'A!B']);
    expect([...book.fills.keys(), ...book.formats.keys(), ...book.columnWidths.keys(), ...book.rowHeights.keys()]).toEqual([
      'A!B!B2',
      'A!B!C3',
      'A!B!C',
      'A!B!3',
    ]);
    expect(book.protectedSheets.has('A')).toBe(false);
  });

  test('a hidden sheet can be deleted', async () => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('隐藏').delete();
      await context.sync();
    });
    expect(names(book)).toEqual(['附件3', '附件 3', 'Empty']);
  });

  test('the last visible sheet cannot be deleted (InvalidOperation); the earlier deletions stay', async () => {
    const { Excel, book } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.getItem('附件3').delete();
        sheets.getItem('附件 3').delete();
        sheets.getItem('Empty').delete();
        await context.sync();
      }),
    );
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['InvalidOperation', 'Worksheet.delete']);
    expect(names(book)).toEqual(['Empty', '隐藏']);
    expect(book.activeSheet).toBe('Empty');
  });

  test.each<[string, string, string]>([
    ['the next visible sheet', '附件3', '附件 3'],
    ['the previous visible sheet when none follows (hidden ones skipped)', 'Empty', '附件 3'],
  ])('deleting the active sheet activates %s', async (_label, active, expected) => {
    const { Excel, book } = setup();
    book.activeSheet = active;
    book.selection = { sheet: active, address: 'B2' };
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem(active).delete();
      const now = context.workbook.worksheets.getActiveWorksheet().load('name');
      const sel = context.workbook.getSelectedRange().load('address');
      await context.sync();
      expect(now.name).toBe(expected);
      expect(sel.address).toBe(`'${expected}'!A1`);
    });
    expect([book.activeSheet, book.selection]).toEqual([expected, { sheet: expected, address: 'A1' }]);
  });

  type Ws = ReturnType<EmulatedRequestContext['workbook']['worksheets']['getItem']>;
  type Rg = ReturnType<Ws['getRange']>;
  test.each<[string, (ws: Ws, range: Rg) => void, string]>([
    ['a write to a range got before', (_ws, range) => (range.values = [[1]]), 'Range'],
    ['a format of a range got before', (_ws, range) => (range.format.font.bold = true), 'Range'],
    ['a new range', (ws) => ws.getRange('B2').load('address'), 'Worksheet'],
    ['a load', (ws) => ws.load('name'), 'Worksheet'],
    ['another delete', (ws) => ws.delete(), 'Worksheet'],
  ])('an object on a deleted sheet fails with ItemNotFound: %s', async (_label, use, location) => {
    const { Excel, book } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('Empty');
        const range = ws.getRange('A1');
        range.load('address');
        await context.sync();
        ws.delete();
        use(ws, range);
        await context.sync();
      }),
    );
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['ItemNotFound', location]);
    expect(names(book)).toEqual(['附件3', '附件 3', '隐藏']);
  });

  test('after deletion the name is free: getItem fails, getItemOrNullObject is null, add succeeds', async () => {
    const { Excel, book } = setup();
    book.fills.set('Empty!A1', '#FFC7CE');
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.getItem('Empty').delete();
      const gone = sheets.getItemOrNullObject('Empty');
      const again = sheets.add('empty').load('position');
      await context.sync();
      expect(gone.isNullObject).toBe(true);
      expect(again.position).toBe(3);
    });
    expect(names(book)).toEqual(['附件3', '附件 3', '隐藏', 'empty']);
    expect(book.fills.size).toBe(0);
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('隐藏').delete();
        await context.sync();
        context.workbook.worksheets.getItem('隐藏');
        await context.sync();
      }),
    );
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['ItemNotFound', 'WorksheetCollection.getItem']);
  });

  test('delete on a null object fails with ItemNotFound', async () => {
    const { Excel } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItemOrNullObject('附件9').delete();
        await context.sync();
      }),
    );
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['ItemNotFound', 'Worksheet.delete']);
  });
});

describe('stats and change notifications', () => {
  test('add and delete are one queued operation each, counted in the request', async () => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.add('报告');
      await context.sync();
      sheets.getItem('报告').delete(); // getItem + delete
      sheets.add();
      await context.sync();
    });
    expect(book.stats.syncs).toBe(2);
    expect(book.stats.requests.map((r) => r.ops)).toEqual([1, 3]);
    expect(book.stats.requests[0].bytes).toBe(
      Buffer.byteLength(JSON.stringify([{ A: 'Instantiate', O: 'workbook.worksheets.add("报告")' }])),
    );
    expect(book.stats.responseBytes).toEqual([2, 2]);
  });

  test('onChange fires once after a sync that added or deleted sheets, not after a failed add', async () => {
    const { Excel, book } = setup();
    const seen: string[][] = [];
    book.onChange(() => seen.push(names(book)));
    await Excel.run(async (context) => {
      context.workbook.worksheets.add('一');
      context.workbook.worksheets.add('二');
      await context.sync();
      context.workbook.worksheets.getItem('一').delete();
      await context.sync();
    });
    await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.add('二');
        await context.sync();
      }),
    );
    expect(seen).toEqual([
      [...ORIGINAL, '一', '二'],
      [...ORIGINAL, '二'],
    ]);
  });
});

describe('undo (mergeUndoGroup, ExcelApi 1.20)', () => {
  test('undo takes away an added sheet and what was written to it, and moves back off it', async () => {
    const { Excel, book } = setup({ apiVersion: '1.20' });
    book.selection = { sheet: '附件3', address: 'C3' };
    await run(
      Excel,
      async (context) => {
        const ws = context.workbook.worksheets.add('报告');
        const a = ws.getRange('A1:A2');
        a.values = [['标题'], ['正文']];
        a.format.font.bold = true;
        a.format.fill.color = '#FFC7CE';
        a.format.columnWidth = 300;
        a.format.rowHeight = 30;
        ws.activate();
        await context.sync();
      },
      true,
    );
    expect(book.undoStack).toHaveLength(1);
    expect(book.activeSheet).toBe('报告');
    const changes: number[] = [];
    book.onChange(() => changes.push(1));
    expect(book.undo()).toBe(true);
    expect(changes).toHaveLength(1);
    expect(names(book)).toEqual(ORIGINAL);
    expect([book.fills.size, book.formats.size, book.columnWidths.size, book.rowHeights.size]).toEqual([0, 0, 0, 0]);
    expect([book.activeSheet, book.selection]).toEqual(['附件3', { sheet: '附件3', address: 'C3' }]);
  });

  test('a sheet delete inside an undo group fails with UndoNotSupported; what ran before it stays, grouped', async () => {
    // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities: Worksheet.delete
    // is not undoable, and an unsupported API inside a mergeUndoGroup run throws UndoNotSupported.
    const { Excel, book } = setup({ apiVersion: '1.20' });
    const e = await officeErrorOf(
      run(
        Excel,
        async (context) => {
          const sheets = context.workbook.worksheets;
          sheets.getItem('附件3').getRange('A1').values = [['改过']];
          sheets.getItem('Empty').delete();
          sheets.add('报告');
          await context.sync();
        },
        true,
      ),
    );
    expect(e.code).toBe('UndoNotSupported');
    expect(e.debugInfo.errorLocation).toBe('Worksheet.delete');
    expect(names(book)).toEqual(ORIGINAL);
    expect(cellAt(book.sheet('附件3')!, 0, 0)).toEqual({ v: '改过' });
    expect(book.undoStack).toHaveLength(1);
  });

  test('below ExcelApi 1.20 the option is dropped: a delete runs (ungrouped)', async () => {
    const { Excel, book } = setup({ apiVersion: '1.13' });
    await run(
      Excel,
      async (context) => {
        context.workbook.worksheets.getItem('Empty').delete();
        await context.sync();
      },
      true,
    );
    expect(names(book)).not.toContain('Empty');
  });

  test('a run that fails part-way keeps its applied steps undoable', async () => {
    const { Excel, book } = setup({ apiVersion: '1.20' });
    await officeErrorOf(
      run(
        Excel,
        async (context) => {
          context.workbook.worksheets.add('一');
          context.workbook.worksheets.add('附件3');
          await context.sync();
        },
        true,
      ),
    );
    expect(names(book)).toEqual([...ORIGINAL, '一']);
    expect(book.undo()).toBe(true);
    expect(names(book)).toEqual(ORIGINAL);
  });

  test.each([
    ['an add', '1.20', (c: EmulatedRequestContext) => void c.workbook.worksheets.add()],
    ['a delete', '1.20', (c: EmulatedRequestContext) => c.workbook.worksheets.getItem('Empty').delete()],
  ])('%s outside an undo group is not undoable and ends the undo history', async (_label, apiVersion, act) => {
    const { Excel, book } = setup({ apiVersion });
    book.undoStack.push({ steps: [] });
    await Excel.run(async (context) => {
      act(context);
      await context.sync();
    });
    expect(book.undoStack).toHaveLength(0);
  });

  test('below ExcelApi 1.20 mergeUndoGroup is ignored for sheets too', async () => {
    const { Excel, book } = setup({ apiVersion: '1.13' });
    await run(
      Excel,
      async (context) => {
        context.workbook.worksheets.add('报告');
        await context.sync();
      },
      true,
    );
    expect(book.undo()).toBe(false);
    expect(names(book)).toEqual([...ORIGINAL, '报告']);
  });
});

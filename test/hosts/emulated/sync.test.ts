import { cellAt } from '../../../src/core/grid/sheet';
import type { EmulatedRequestContext, RangeProxy, RunOptions } from '../../../src/hosts/emulated/excel-emulation';
import { officeErrorOf, setup } from './helpers';

describe('a failing operation', () => {
  test('on a protected sheet: earlier operations of the sync stay applied, later ones do not run', async () => {
    const { Excel, book } = setup();
    book.protectedSheets.add('附件 3');
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.getItem('Empty').getRange('A1').values = [['before']];
        sheets.getItem('附件3').getRange('B3').format.fill.color = '#FFC7CE';
        sheets.getItem('附件 3').getRange('A1').values = [['refused']];
        sheets.getItem('Empty').getRange('A2').values = [['after']];
        await context.sync();
      }),
    );
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['AccessDenied', 'Range.values']);
    expect(e.debugInfo.statement).toContain('getRange("A1")');
    const empty = book.sheet('Empty')!;
    expect(cellAt(empty, 0, 0)).toEqual({ v: 'before' });
    expect(cellAt(empty, 1, 0)).toBeUndefined();
    expect(book.fills.get('附件3!B3')).toBe('#FFC7CE');
    expect(cellAt(book.sheet('附件 3')!, 0, 0)).toBeUndefined();
  });

  test.each([
    ['values', (r: RangeProxy) => (r.values = [[1]])],
    ['numberFormat', (r: RangeProxy) => (r.numberFormat = [['0']])],
    ['fill colour', (r: RangeProxy) => (r.format.fill.color = '#FFC7CE')],
    ['fill clear', (r: RangeProxy) => r.format.fill.clear()],
  ])('%s on a protected sheet fails with AccessDenied; select does not', async (_label, act) => {
    const { Excel, book } = setup();
    book.protectedSheets.add('附件3');
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        act(context.workbook.worksheets.getItem('附件3').getRange('B3'));
        await context.sync();
      }),
    );
    expect(e.code).toBe('AccessDenied');
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('附件3').getRange('B3').select();
      const p = context.workbook.worksheets.getItem('附件3').protection.load('protected');
      await context.sync();
      expect(p.protected).toBe(true);
    });
  });

  test('loaded values of a failed sync are not delivered', async () => {
    const { Excel } = setup();
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('附件3').getRange('A2').load('values');
      context.workbook.worksheets.getItem('附件9');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });
});

describe('request payload limit', () => {
  test('a request over the limit applies nothing and fails with RequestPayloadSizeLimitExceeded', async () => {
    const { Excel, book } = setup();
    book.payloadLimitBytes = 1000;
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('Empty');
        ws.getRange('A1').values = [['small']];
        ws.getRange('A2').values = [['长'.repeat(400)]]; // 1,200 bytes of UTF-8 on its own
        await context.sync();
      }),
    );
    expect(e.code).toBe('RequestPayloadSizeLimitExceeded');
    expect(book.sheet('Empty')!.rows).toEqual([]);
    expect(book.stats.requests[0].bytes).toBeGreaterThan(1200);
  });

  test('the default limit is 5 MB', () => {
    expect(setup().book.payloadLimitBytes).toBe(5 * 1024 * 1024);
  });

  test('a response over the limit fails with ResponsePayloadSizeLimitExceeded', async () => {
    const { Excel, book } = setup();
    book.payloadLimitBytes = 300;
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('附件3').getRange('A1:Z20').load('values');
        await context.sync();
      }),
    );
    expect(e.code).toBe('ResponsePayloadSizeLimitExceeded');
  });

  test('reading more than 5,000,000 cells fails with RangeExceedsLimit', async () => {
    const { Excel } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Empty').getRange().load('values');
        await context.sync();
      }),
    );
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['RangeExceedsLimit', 'Range.values']);
  });
});

describe('cell edit mode', () => {
  test('every sync fails with InvalidOperationInCellEditMode and applies nothing', async () => {
    const { Excel, book } = setup();
    book.cellEditMode = true;
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Empty').getRange('A1').values = [[1]];
        await context.sync();
      }),
    );
    expect(e.code).toBe('InvalidOperationInCellEditMode');
    expect(book.sheet('Empty')!.rows).toEqual([]);
    const empty = await officeErrorOf(Excel.run(async (context) => context.sync()));
    expect(empty.code).toBe('InvalidOperationInCellEditMode');
    book.cellEditMode = false;
    await Excel.run(async (context) => context.sync());
  });

  test('delayForCellEdit (ExcelApi 1.11) waits for the edit to end instead', async () => {
    const { Excel, book } = setup();
    book.cellEditMode = true;
    const done = Excel.run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.getItem('Empty').getRange('A1').values = [[1]];
      await context.sync();
      return 'ok';
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(book.sheet('Empty')!.rows).toEqual([]);
    book.cellEditMode = false;
    await expect(done).resolves.toBe('ok');
    expect(cellAt(book.sheet('Empty')!, 0, 0)).toEqual({ v: 1 });
  });
});

describe('stats', () => {
  test('counts syncs, request bytes and operations, response bytes', async () => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      const r = sheets.getItem('附件3').getRange('A1:B2');
      r.load('values');
      r.values = [['x', null], [null, null]];
      await context.sync();
      await context.sync(); // empty: still counted
    });
    const s = book.stats;
    expect(s.syncs).toBe(3);
    expect(s.requests.map((r) => r.ops)).toEqual([1, 4, 0]);
    // 'x' and the address come back in the response of the second sync only as loaded values.
    expect(s.responseBytes[0]).toBe(
      Buffer.byteLength(JSON.stringify([{ items: ['附件3', '附件 3', 'Empty', '隐藏'].map((name) => ({ name })) }])),
    );
    expect(s.responseBytes[1]).toBe(Buffer.byteLength(JSON.stringify([{ values: [['项目支出绩效自评表', ''], ['指标', '年初预算数']] }])));
    expect(s.responseBytes[2]).toBe(Buffer.byteLength('[]'));
    expect(s.requests[2].bytes).toBe(2);
    expect(s.maxRequestBytes).toBe(Math.max(...s.requests.map((r) => r.bytes)));
    book.resetStats();
    expect(book.stats).toEqual({ syncs: 0, requests: [], maxRequestBytes: 0, responseBytes: [] });
  });

  test('request bytes grow with the UTF-8 size of written values', async () => {
    const { Excel, book } = setup();
    const sizeOf = async (text: string) => {
      book.resetStats();
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Empty').getRange('A1').values = [[text]];
        await context.sync();
      });
      return book.stats.requests[0].bytes;
    };
    const a = await sizeOf('a');
    expect((await sizeOf('aaaa')) - a).toBe(3);
    expect((await sizeOf('绩')) - a).toBe(2); // 3 bytes instead of 1
  });

  test('Excel.run syncs what the batch queued but did not sync, and counts it', async () => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Empty').getRange('A1').values = [[1]];
    });
    expect(cellAt(book.sheet('Empty')!, 0, 0)).toEqual({ v: 1 });
    expect(book.stats.syncs).toBe(1);
  });
});

describe('Excel.run', () => {
  test('returns the batch result; a batch that does not return a promise is refused', async () => {
    const { Excel } = setup();
    await expect(Excel.run(async () => 42)).resolves.toBe(42);
    const e = await officeErrorOf(Excel.run((() => 1) as never));
    expect(e.code).toBe('RunMustReturnPromise');
  });

  test('each run has a new context', async () => {
    const { Excel } = setup();
    const a = await Excel.run(async (c) => c);
    const b = await Excel.run(async (c) => c);
    expect(a).not.toBe(b);
  });

  test('run(object, batch) continues on the object\'s context', async () => {
    const { Excel } = setup();
    const r = await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('附件3').getRange('B3').load('values');
      await context.sync();
      return range;
    });
    const v = await Excel.run(r, async (context) => {
      expect(context).toBe(r.context);
      r.load('address');
      await context.sync();
      return [r.address, r.values];
    });
    expect(v).toEqual(['附件3!B3', [[100]]]);
  });
});

describe('mergeUndoGroup', () => {
  const writeTwice = async (Excel: ReturnType<typeof setup>['Excel'], options?: RunOptions) => {
    const batch = async (context: EmulatedRequestContext) => {
      const ws = context.workbook.worksheets.getItem('附件3');
      ws.getRange('B3').values = [[1]];
      await context.sync();
      ws.getRange('B3').values = [[2]];
      ws.getRange('C3').format.fill.color = '#FFC7CE';
      await context.sync();
    };
    await (options ? Excel.run(options, batch) : Excel.run(batch));
  };

  test('at ExcelApi 1.20 a run is one undo group; undo() restores cells and fills', async () => {
    const { Excel, book } = setup({ apiVersion: '1.20' });
    await writeTwice(Excel, { mergeUndoGroup: true });
    expect(book.undoStack).toHaveLength(1);
    expect(cellAt(book.sheet('附件3')!, 2, 1)).toEqual({ v: 2 });
    expect(book.undo()).toBe(true);
    expect(cellAt(book.sheet('附件3')!, 2, 1)).toEqual({ v: 100 });
    expect(book.fills.size).toBe(0);
    expect(book.undo()).toBe(false);
  });

  test.each([
    ['1.13 with the option (accepted, ignored)', '1.13', { mergeUndoGroup: true }],
    ['1.20 without the option', '1.20', undefined],
  ])('%s: writes are not undoable and end the undo history', async (_label, apiVersion, options) => {
    const { Excel, book } = setup({ apiVersion });
    book.undoStack.push({ steps: [] });
    await writeTwice(Excel, options);
    expect(cellAt(book.sheet('附件3')!, 2, 1)).toEqual({ v: 2 });
    expect(book.undoStack).toHaveLength(0);
    expect(book.undo()).toBe(false);
  });
});

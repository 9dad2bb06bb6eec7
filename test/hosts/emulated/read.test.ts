import { sheetFromRows } from '../../../src/core/grid/sheet';
import { createExcelNamespace, EmulatedWorkbook, ErrorCodes } from '../../../src/hosts/emulated/excel-emulation';
import { officeErrorOf, setup, thrownOfficeError } from './helpers';

describe('load and sync', () => {
  test('a property is not readable before the sync that loads it, nor unloaded after', async () => {
    const { Excel } = setup();
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('附件3').getRange('A2:B2');
      r.load('values');
      const before = thrownOfficeError(() => r.values);
      expect(before.code).toBe('PropertyNotLoaded');
      expect(before.name).toBe('RichApi.Error');
      expect(before.message).toBe(
        'The property \'values\' is not available. Before reading the property\'s value, call the load method on the containing object and call "context.sync()" on the associated request context.',
      );
      expect(before.debugInfo.errorLocation).toBe('Range.values');
      expect(thrownOfficeError(() => r.isNullObject).code).toBe('PropertyNotLoaded');
      await context.sync();
      expect(r.values).toEqual([['指标', '年初预算数']]);
      expect(r.isNullObject).toBe(false);
      expect(thrownOfficeError(() => r.address).code).toBe('PropertyNotLoaded');
    });
  });

  test('a load sees the state at its place in the queue', async () => {
    const { Excel } = setup();
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('附件3').getRange('B3');
      r.load('values');
      r.values = [[7]];
      const after = context.workbook.worksheets.getItem('附件3').getRange('B3').load('values');
      await context.sync();
      expect(r.values).toEqual([[100]]);
      expect(after.values).toEqual([[7]]);
    });
  });

  test('a set property reads back what was set, before any sync (as Office.js)', async () => {
    const { Excel } = setup();
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('附件3').getRange('B3');
      r.values = [['35']];
      expect(r.values).toEqual([['35']]);
      await context.sync();
    });
  });

  test.each([
    ['comma string', 'items/name,items/visibility'],
    ['string array', ['items/name', 'items/visibility']],
    ['object', { items: { name: true, visibility: true } }],
    ['collection shorthand', 'name,visibility'],
  ])('worksheets load (%s)', async (_label, spec) => {
    const { Excel } = setup();
    const got = await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load(spec as string);
      await context.sync();
      return sheets.items.map((s) => [s.name, s.visibility]);
    });
    expect(got).toEqual([
      ['附件3', 'Visible'],
      ['附件 3', 'Visible'],
      ['Empty', 'Visible'],
      ['隐藏', 'Hidden'],
    ]);
  });

  test('only the requested item properties are loaded', async () => {
    const { Excel } = setup();
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      expect(thrownOfficeError(() => sheets.items).code).toBe('PropertyNotLoaded');
      await context.sync();
      expect(sheets.items[0].name).toBe('附件3');
      expect(thrownOfficeError(() => sheets.items[0].visibility).code).toBe('PropertyNotLoaded');
    });
  });

  test('load() without arguments loads every scalar property', async () => {
    const { Excel } = setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('隐藏').load();
      const r = ws.getRange('A1').load();
      await context.sync();
      expect([ws.name, ws.visibility, ws.position]).toEqual(['隐藏', 'Hidden', 3]);
      expect(ws.id).toMatch(/^\{[0-9A-F-]+\}$/);
      expect(r.toJSON()).toMatchObject({ address: '隐藏!A1', values: [[1]], valueTypes: [['Double']], cellCount: 1 });
    });
  });

  test('an unknown property fails at sync with InvalidArgument', async () => {
    const { Excel } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('附件3').getRange('A1').load('valuez');
        await context.sync();
      }),
    );
    expect(e.code).toBe('InvalidArgument');
  });

  test('getItem of a missing sheet fails at sync with ItemNotFound; getItemOrNullObject gives a null object', async () => {
    const { Excel } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('附件9');
        await context.sync();
      }),
    );
    expect(e.code).toBe(ErrorCodes.itemNotFound);
    expect(e.debugInfo.errorLocation).toBe('WorksheetCollection.getItem');
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject('附件9');
      const r = ws.getRange('A1').load('values');
      await context.sync();
      expect(ws.isNullObject).toBe(true);
      expect(r.isNullObject).toBe(true);
      expect(r.values).toBeNull();
    });
  });

  test('sheet names are looked up case-insensitively', async () => {
    const { Excel } = setup();
    const name = await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('empty').load('name');
      await context.sync();
      return ws.name;
    });
    expect(name).toBe('Empty');
  });

  test('getActiveWorksheet and getSelectedRange', async () => {
    const { Excel, book } = setup();
    book.selection = { sheet: '附件 3', address: 'B2' };
    book.activeSheet = '附件 3';
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet().load('name');
      const sel = context.workbook.getSelectedRange().load('address,values');
      await context.sync();
      expect(ws.name).toBe('附件 3');
      expect(sel.address).toBe("'附件 3'!B2");
      expect(sel.values).toEqual([['x']]);
    });
  });

  test('a bad address fails with InvalidArgument at Worksheet.getRange', async () => {
    const { Excel } = setup();
    for (const bad of ['A0', 'ZZZZ1', 'A1:B2:C3', 'XFE1', 'A1048577', '其他!A1']) {
      const e = await officeErrorOf(
        Excel.run(async (context) => {
          context.workbook.worksheets.getItem('附件3').getRange(bad).load('address');
          await context.sync();
        }),
      );
      expect([bad, e.code, e.debugInfo.errorLocation]).toEqual([bad, 'InvalidArgument', 'Worksheet.getRange']);
    }
  });
});

describe('used range and its contents', () => {
  test('used range of a sheet with merges, formulas, formats and errors', async () => {
    const { Excel } = setup();
    const r = await Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem('附件3').getUsedRangeOrNullObject();
      used.load('address,values,formulas,numberFormat,valueTypes,rowIndex,columnIndex,rowCount,columnCount');
      await context.sync();
      return used.toJSON();
    });
    // Row 6 holds only the empty merged area A6:B6: it counts unless valuesOnly.
    expect(r.address).toBe('附件3!A1:D6');
    expect([r.rowIndex, r.columnIndex, r.rowCount, r.columnCount]).toEqual([0, 0, 6, 4]);
    expect(r.values).toEqual([
      ['项目支出绩效自评表', '', '', ''],
      ['指标', '年初预算数', '执行数', '执行率'],
      ['资金', 100, 92.5, 0.925],
      ['合计', 0, '#DIV/0!', true],
      ['', '', '', ''],
      ['', '', '', ''],
    ]);
    expect(r.formulas).toEqual([
      ['项目支出绩效自评表', '', '', ''],
      ['指标', '年初预算数', '执行数', '执行率'],
      ['资金', 100, 92.5, '=C3/B3'],
      ['合计', 0, '=C3/B4', true],
      ['', '', '', ''],
      ['', '', '', ''],
    ]);
    expect(r.numberFormat).toEqual([
      ['General', 'General', 'General', 'General'],
      ['General', 'General', 'General', 'General'],
      ['General', 'General', '0.00', '0.00%'],
      ['General', 'General', 'General', 'General'],
      ['General', 'General', 'General', 'General'],
      ['General', 'General', 'General', 'General'],
    ]);
    expect(r.valueTypes).toEqual([
      ['String', 'Empty', 'Empty', 'Empty'],
      ['String', 'String', 'String', 'String'],
      ['String', 'Double', 'Double', 'Double'],
      ['String', 'Double', 'Error', 'Boolean'],
      ['Empty', 'Empty', 'Empty', 'Empty'],
      ['Empty', 'Empty', 'Empty', 'Empty'],
    ]);
  });

  test.each([
    ['附件3', false, '附件3!A1:D6'],
    ['附件3', true, '附件3!A1:D4'],
    ['附件 3', false, "'附件 3'!B2"],
    ['隐藏', false, '隐藏!A1'],
    ['Empty', false, null],
  ])('used range of %s (valuesOnly %s) is %s', async (sheet, valuesOnly, expected) => {
    const { Excel } = setup();
    const got = await Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(valuesOnly);
      used.load('address');
      await context.sync();
      return used.isNullObject ? null : used.address;
    });
    expect(got).toBe(expected);
  });

  test('a fill or a number format alone extends the used range, but not with valuesOnly', async () => {
    const { Excel, book } = setup();
    book.fills.set('附件 3!D5', '#FFC7CE');
    const got = await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('附件 3');
      const a = ws.getUsedRangeOrNullObject().load('address');
      const b = ws.getUsedRangeOrNullObject(true).load('address');
      await context.sync();
      return [a.address, b.address];
    });
    expect(got).toEqual(["'附件 3'!B2:D5", "'附件 3'!B2"]);
  });

  test('the used range is fixed when the sync reaches it, not when the batch asked', async () => {
    const { Excel } = setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Empty');
      ws.getRange('C3').values = [[1]];
      const used = ws.getUsedRangeOrNullObject().load('address');
      await context.sync();
      expect(used.address).toBe('Empty!C3');
    });
  });
});

describe('merged areas', () => {
  test.each([
    ['A1:D6', '附件3!A1:D1,附件3!A6:B6', ['附件3!A1:D1', '附件3!A6:B6']],
    ['A1', '附件3!A1:D1', ['附件3!A1:D1']],
    ['A5:C9', '附件3!A6:B6', ['附件3!A6:B6']],
    // Only areas whose top-left cell is in the range (office-js issues #3611, #1590).
    ['B1', null, null],
    ['B6:C9', null, null],
    ['A2:D5', null, null],
  ])('merged areas of %s', async (address, joined, each) => {
    const { Excel } = setup();
    const got = await Excel.run(async (context) => {
      const m = context.workbook.worksheets.getItem('附件3').getRange(address).getMergedAreasOrNullObject();
      m.load('address,areaCount');
      m.load('areas/items/address');
      await context.sync();
      if (m.isNullObject) return null;
      return { joined: m.address, each: m.areas.items.map((a) => a.address), count: m.areaCount };
    });
    expect(got && got.joined).toBe(joined);
    expect(got && got.each).toEqual(each);
    if (got) expect(got.count).toBe(each!.length);
  });

  test('merged areas of a null used range are a null object, without error', async () => {
    const { Excel } = setup();
    await Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem('Empty').getUsedRangeOrNullObject();
      const m = used.getMergedAreasOrNullObject().load('address');
      await context.sync();
      expect(used.isNullObject).toBe(true);
      expect(m.isNullObject).toBe(true);
      expect(m.address).toBeNull();
    });
  });

  test('past 512 areas in the range the sync fails (API reference; code as in office-js issue #5198)', async () => {
    const merges = Array.from({ length: 513 }, (_, i) => ({ r0: i, c0: 0, r1: i, c1: 1 }));
    const Excel = createExcelNamespace(new EmulatedWorkbook({ sheets: [sheetFromRows('S', [], merges)] }));
    const count = (address: string) =>
      Excel.run(async (context) => {
        const m = context.workbook.worksheets.getItem('S').getRange(address).getMergedAreasOrNullObject().load('areaCount');
        await context.sync();
        return m.areaCount;
      });
    expect(await count('A1:B512')).toBe(512);
    const e = await officeErrorOf(count('A1:B513'));
    expect(e.code).toBe('InvalidArgument');
    expect(e.debugInfo.errorLocation).toBe('Range.getMergedAreasOrNullObject');
  });

  test('needs ExcelApi 1.13: ApiNotFound below', async () => {
    const { Excel } = setup({ apiVersion: '1.12' });
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('附件3').getRange('A1').getMergedAreasOrNullObject().load('address');
        await context.sync();
      }),
    );
    expect(e.code).toBe('ApiNotFound');
    expect(e.debugInfo.errorLocation).toBe('Range.getMergedAreasOrNullObject');
  });
});

describe('addresses', () => {
  test.each([
    ['附件3', '附件3!A1'],
    ['附件 3', "'附件 3'!A1"],
    ['Sheet1', 'Sheet1!A1'],
    ['2024', "'2024'!A1"],
    ['A1', "'A1'!A1"],
    ['R1C1', "'R1C1'!A1"],
    ['O\'Brien', "'O''Brien'!A1"],
    ['表（一）', "'表（一）'!A1"],
    ['a-b', "'a-b'!A1"],
    ['data_2.x', 'data_2.x!A1'],
  ])('sheet %s prints as %s', async (name, expected) => {
    const { Excel, book } = setup();
    book.workbook.sheets.push({ name, rows: [], merges: [] });
    const got = await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem(name).getRange('A1').load('address');
      await context.sync();
      return r.address;
    });
    expect(got).toBe(expected);
  });

  test('getRangeByIndexes, getCell and corner normalisation', async () => {
    const { Excel } = setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('附件3');
      const a = ws.getRangeByIndexes(2, 1, 2, 3).load('address');
      const b = ws.getRange('C4:A2').load('address');
      const c = ws.getRange('B2:D4').getCell(1, 2).load('address,values');
      const d = ws.getRange('$B$3').load('address');
      await context.sync();
      expect([a.address, b.address, c.address, d.address]).toEqual(['附件3!B3:D4', '附件3!A2:C4', '附件3!D3', '附件3!B3']);
      expect(c.values).toEqual([[0.925]]);
    });
  });

  test('the worksheet navigation property of a range', async () => {
    const { Excel } = setup();
    const name = await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('附件3').getRange('A1').load('worksheet/name');
      await context.sync();
      return r.worksheet.name;
    });
    expect(name).toBe('附件3');
  });
});

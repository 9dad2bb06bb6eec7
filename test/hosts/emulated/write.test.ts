import { cellAt } from '../../../src/core/grid/sheet';
import type { Cell } from '../../../src/core/grid/types';
import type { EmulatedWorkbook, ExcelLike } from '../../../src/hosts/emulated/excel-emulation';
import { officeErrorOf, setup } from './helpers';

async function write(Excel: ExcelLike, sheet: string, address: string, prop: 'values' | 'formulas' | 'numberFormat', data: unknown[][]) {
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address)[prop] = data;
    await context.sync();
  });
}

async function read(Excel: ExcelLike, sheet: string, address: string) {
  return Excel.run(async (context) => {
    const r = context.workbook.worksheets.getItem(sheet).getRange(address);
    r.load('values,formulas,numberFormat,valueTypes');
    await context.sync();
    return { v: r.values[0][0], f: r.formulas[0][0], fmt: r.numberFormat[0][0], type: r.valueTypes[0][0] };
  });
}

const cell = (book: EmulatedWorkbook, sheet: string, row: number, col: number) =>
  cellAt(book.sheet(sheet)!, row, col);

describe('writing values into a blank General cell (附件 3!A1)', () => {
  test.each<[string, unknown, Cell | undefined, string, string]>([
    ['number', 35, { v: 35 }, 'Double', 'General'],
    ['numeric text', '35', { v: 35 }, 'Double', 'General'],
    ['numeric text with spaces', ' 35 ', { v: 35 }, 'Double', 'General'],
    ['negative in parentheses', '(12.5)', { v: -12.5 }, 'Double', 'General'],
    ['thousands separators', '1,234', { v: 1234, fmt: '#,##0' }, 'Double', '#,##0'],
    ['thousands with decimals', '1,234.5', { v: 1234.5, fmt: '#,##0.00' }, 'Double', '#,##0.00'],
    ['percent with decimals', '92.5%', { v: 0.925, fmt: '0.00%' }, 'Double', '0.00%'],
    ['whole percent', '50%', { v: 0.5, fmt: '0%' }, 'Double', '0%'],
    ['percent rounding', '33.3%', { v: 0.333, fmt: '0.00%' }, 'Double', '0.00%'],
    ['scientific', '1.5E3', { v: 1500, fmt: '0.00E+00' }, 'Double', '0.00E+00'],
    ['date', '2024-01-05', { v: 45296, fmt: 'yyyy/m/d' }, 'Double', 'yyyy/m/d'],
    ['text', '达成', { v: '达成' }, 'String', 'General'],
    ['apostrophe text', "'35", { v: '35' }, 'String', 'General'],
    ['apostrophe formula', "'=A1", { v: '=A1' }, 'String', 'General'],
    ['boolean', false, { v: false }, 'Boolean', 'General'],
    ['boolean text', 'TRUE', { v: true }, 'Boolean', 'General'],
    ['error text', '#N/A', { v: { error: '#N/A' } }, 'Error', 'General'],
    ['not a number', '12a', { v: '12a' }, 'String', 'General'],
    ['not a date', '2024-13-01', { v: '2024-13-01' }, 'String', 'General'],
    ['formula', '=B2*2', { v: null, f: 'B2*2' }, 'Empty', 'General'],
  ])('%s: %p', async (_label, input, stored, type, fmt) => {
    const { Excel, book } = setup();
    await write(Excel, '附件 3', 'A1', 'values', [[input]]);
    expect(cell(book, '附件 3', 0, 0)).toEqual(stored);
    const got = await read(Excel, '附件 3', 'A1');
    expect([got.type, got.fmt]).toEqual([type, fmt]);
  });

  test('the same rules apply through formulas', async () => {
    const { Excel, book } = setup();
    // (The formula is calculated: a SUM of blanks is 0.)
    await write(Excel, '附件 3', 'A1:D1', 'formulas', [['=SUM(B2:C2)', '35', "'7", '']]);
    expect(book.sheet('附件 3')!.rows[0].slice(0, 4)).toEqual([{ v: 0, f: 'SUM(B2:C2)' }, { v: 35 }, { v: '7' }, undefined]);
    const got = await read(Excel, '附件 3', 'A1');
    expect([got.v, got.f]).toEqual([0, '=SUM(B2:C2)']);
  });
});

describe('writing over existing cells', () => {
  test("a text-formatted ('@') cell keeps numeric text and '=' text as text", async () => {
    const { Excel, book } = setup();
    await write(Excel, '附件 3', 'A1:B1', 'numberFormat', [['@', '@']]);
    await write(Excel, '附件 3', 'A1:B1', 'values', [['35', '=A1']]);
    expect(book.sheet('附件 3')!.rows[0].slice(0, 2)).toEqual([
      { v: '35', fmt: '@' },
      { v: '=A1', fmt: '@' },
    ]);
  });

  test('a formatted cell keeps its format when a percent is typed', async () => {
    const { Excel, book } = setup();
    await write(Excel, '附件3', 'C3', 'values', [['92.5%']]);
    expect(cell(book, '附件3', 2, 2)).toEqual({ v: 0.925, fmt: '0.00' });
  });

  test("'' clears value and formula but keeps the format; null leaves a cell alone", async () => {
    const { Excel, book } = setup();
    await write(Excel, '附件3', 'B3:D3', 'values', [[null, '', '']]);
    expect(book.sheet('附件3')!.rows[2].slice(1, 4)).toEqual([{ v: 100 }, { v: null, fmt: '0.00' }, { v: null, fmt: '0.00%' }]);
    const got = await read(Excel, '附件3', 'D3');
    expect(got).toEqual({ v: '', f: '', fmt: '0.00%', type: 'Empty' });
  });

  test('rewriting a formula recalculates it (here to the same result)', async () => {
    const { Excel, book } = setup();
    await write(Excel, '附件3', 'D3', 'formulas', [['=C3/B3*1']]);
    expect(cell(book, '附件3', 2, 3)).toEqual({ v: 0.925, f: 'C3/B3*1', fmt: '0.00%' });
  });

  test('a formulaEvaluator, when given, is asked before the built-in evaluator', async () => {
    const { Excel, book } = setup();
    book.formulaEvaluator = (f, at) => (f === 'B3*2' && at.sheet === '附件3' ? 201 : f === 'B3*4' ? null : undefined);
    await write(Excel, '附件3', 'B5:D5', 'formulas', [['=B3*2', '=B3*3', '=B3*4']]);
    expect(book.sheet('附件3')!.rows[4].slice(1, 4)).toEqual([{ v: 201, f: 'B3*2' }, { v: 300, f: 'B3*3' }, { v: null, f: 'B3*4' }]);
  });

  test('numberFormat: General removes the format, others set it; value untouched', async () => {
    const { Excel, book } = setup();
    await write(Excel, '附件3', 'B3:D3', 'numberFormat', [['0.0', 'General', null]]);
    expect(book.sheet('附件3')!.rows[2].slice(1, 4)).toEqual([
      { v: 100, fmt: '0.0' },
      { v: 92.5 },
      { v: 0.925, f: 'C3/B3', fmt: '0.00%' },
    ]);
    await write(Excel, 'Empty', 'A1', 'numberFormat', [['0%']]);
    expect(cell(book, 'Empty', 0, 0)).toEqual({ v: null, fmt: '0%' });
  });

  test.each([
    ['too few rows', 'A1:B2', [[1, 2]]],
    ['too many columns', 'A1:B2', [[1, 2, 3], [4, 5, 6]]],
    ['not 2-D', 'A1', [1]],
    ['a scalar', 'A1', 5],
  ])('dimension mismatch (%s) fails with InvalidArgument', async (_label, address, data) => {
    const { Excel } = setup();
    const e = await officeErrorOf(write(Excel, 'Empty', address, 'values', data as unknown[][]));
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['InvalidArgument', 'Range.values']);
  });

  test.each([
    ['unbalanced formula', '=SUM(A1'],
    ['bare =', '='],
    ['object', { a: 1 }],
    ['NaN', Number.NaN],
  ])('bad input (%s) fails with InvalidArgument and writes nothing', async (_label, input) => {
    const { Excel, book } = setup();
    const e = await officeErrorOf(write(Excel, 'Empty', 'A1:B1', 'values', [[1, input]]));
    expect(e.code).toBe('InvalidArgument');
    expect(book.sheet('Empty')!.rows).toEqual([]);
  });

  test('a value for a hidden cell of a merged area fails with InvalidOperation; blanks there pass', async () => {
    const { Excel, book } = setup();
    const e = await officeErrorOf(write(Excel, '附件3', 'A1:B1', 'values', [['新标题', 'x']]));
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['InvalidOperation', 'Range.values']);
    expect(cell(book, '附件3', 0, 0)).toEqual({ v: '项目支出绩效自评表' });
    await write(Excel, '附件3', 'A1:D1', 'values', [['新标题', '', null, '']]);
    expect(cell(book, '附件3', 0, 0)).toEqual({ v: '新标题' });
    // Formats may go anywhere in a merged area.
    await write(Excel, '附件3', 'B1', 'numberFormat', [['@']]);
    expect(cell(book, '附件3', 0, 1)).toEqual({ v: null, fmt: '@' });
  });
});

describe('fills', () => {
  test('set, read, mixed and clear', async () => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('附件3');
      ws.getRange('B3').format.fill.color = '#ffc7ce';
      ws.getRange('C3:D3').format.fill.color = 'yellow';
      await context.sync();
      const one = ws.getRange('B3').format.fill.load('color');
      const two = ws.getRange('C3:D3').load('format/fill/color');
      const mixed = ws.getRange('B3:C3').format.fill.load('color');
      const none = ws.getRange('A1').format.fill.load('color');
      await context.sync();
      expect(one.color).toBe('#FFC7CE');
      expect(two.format.fill.color).toBe('#FFFF00');
      expect(mixed.color).toBeNull();
      // Excel reports "no fill" as white.
      expect(none.color).toBe('#FFFFFF');
    });
    expect([...book.fills]).toEqual([
      ['附件3!B3', '#FFC7CE'],
      ['附件3!C3', '#FFFF00'],
      ['附件3!D3', '#FFFF00'],
    ]);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('附件3').getRange('A1:C9').format.fill.clear();
      await context.sync();
    });
    expect([...book.fills]).toEqual([['附件3!D3', '#FFFF00']]);
  });

  test('a bad colour fails with InvalidArgument', async () => {
    const { Excel } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('附件3').getRange('A1').format.fill.color = 'not-a-colour';
        await context.sync();
      }),
    );
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['InvalidArgument', 'RangeFill.color']);
  });
});

describe('selection and activation', () => {
  test('select sets the selection and the active sheet', async () => {
    const { Excel, book } = setup();
    expect(book.activeSheet).toBe('附件3');
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('附件 3').getRange('B2:C3').select();
      await context.sync();
    });
    expect(book.selection).toEqual({ sheet: '附件 3', address: 'B2:C3' });
    expect(book.activeSheet).toBe('附件 3');
  });

  test('activate moves the selection to the sheet', async () => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Empty').activate();
      await context.sync();
    });
    expect([book.activeSheet, book.selection]).toEqual(['Empty', { sheet: 'Empty', address: 'A1' }]);
  });

  test.each(['select', 'activate'] as const)('%s on a hidden sheet fails with InvalidOperation', async (what) => {
    const { Excel } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('隐藏');
        if (what === 'select') ws.getRange('A1').select();
        else ws.activate();
        await context.sync();
      }),
    );
    expect(e.code).toBe('InvalidOperation');
  });

  test('writing to a null object fails with ItemNotFound', async () => {
    const { Excel } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Empty').getUsedRangeOrNullObject().values = [[1]];
        await context.sync();
      }),
    );
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['ItemNotFound', 'Range.values']);
  });
});

describe('change notifications', () => {
  test('onChange fires after a sync that changed something, not after reads', async () => {
    const { Excel, book } = setup();
    const seen: string[] = [];
    const off = book.onChange(() => seen.push(String(cell(book, 'Empty', 0, 0)?.v)));
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Empty').getRange('A1').load('values');
      await context.sync();
      context.workbook.worksheets.getItem('Empty').getRange('A1').values = [[1]];
      await context.sync();
    });
    off();
    await write(Excel, 'Empty', 'A1', 'values', [[2]]);
    expect(seen).toEqual(['1']);
  });
});

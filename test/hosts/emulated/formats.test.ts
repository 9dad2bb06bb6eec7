import type {
  EmulatedRequestContext,
  EmulatedWorkbook,
  ExcelLike,
  RangeProxy,
} from '../../../src/hosts/emulated/excel-emulation';
import { officeErrorOf, setup } from './helpers';

type Prop = 'bold' | 'size' | 'name' | 'color' | 'wrapText' | 'verticalAlignment' | 'horizontalAlignment';

/** Where each property lives: range.format.font.* or range.format.*. */
function target(r: RangeProxy, prop: Prop): Record<string, unknown> {
  return (['bold', 'size', 'name', 'color'].includes(prop) ? r.format.font : r.format) as unknown as Record<string, unknown>;
}

async function setProp(Excel: ExcelLike, sheet: string, address: string, prop: Prop, value: unknown) {
  await Excel.run(async (context) => {
    target(context.workbook.worksheets.getItem(sheet).getRange(address), prop)[prop] = value;
    await context.sync();
  });
}

async function readProp(Excel: ExcelLike, sheet: string, address: string, prop: Prop): Promise<unknown> {
  return Excel.run(async (context) => {
    const t = target(context.workbook.worksheets.getItem(sheet).getRange(address), prop) as unknown as {
      load(p: string): void;
    };
    t.load(prop);
    await context.sync();
    return (t as unknown as Record<string, unknown>)[prop];
  });
}

async function sizes(Excel: ExcelLike, sheet: string, address: string) {
  return Excel.run(async (context) => {
    const f = context.workbook.worksheets.getItem(sheet).getRange(address).format.load('columnWidth,rowHeight');
    await context.sync();
    return { width: f.columnWidth, height: f.rowHeight };
  });
}

const PROPS: [Prop, string, unknown, unknown, unknown][] = [
  // property, key in EmulatedWorkbook.formats, default, value set, value read back
  ['bold', 'bold', false, true, true],
  ['size', 'size', 11, 16, 16],
  ['name', 'fontName', 'Calibri', '宋体', '宋体'],
  ['color', 'fontColor', '#000000', '#c00000', '#C00000'],
  ['wrapText', 'wrap', false, true, true],
  ['verticalAlignment', 'verticalAlignment', 'Bottom', 'Top', 'Top'],
  ['horizontalAlignment', 'horizontalAlignment', 'General', 'Center', 'Center'],
];

describe('font, wrap and alignment', () => {
  test.each(PROPS)('%s: default, set on every cell of a range, read back', async (prop, key, dflt, value, stored) => {
    const { Excel, book } = setup();
    expect(await readProp(Excel, '附件3', 'A1:D4', prop)).toBe(dflt);
    await setProp(Excel, '附件3', 'B2:C3', prop, value);
    expect([...book.formats]).toEqual(['B2', 'C2', 'B3', 'C3'].map((a) => [`附件3!${a}`, { [key]: stored }]));
    expect(await readProp(Excel, '附件3', 'B2:C3', prop)).toBe(stored);
    expect(await readProp(Excel, '附件3', 'C3', prop)).toBe(stored);
    expect(book.cellFormat('附件3', 'c3')).toEqual({ [key]: stored });
    expect(book.cellFormat('附件3', 'D3')).toBeUndefined();
  });

  test.each(PROPS)('%s over cells that differ reads null', async (prop, _key, dflt, value) => {
    const { Excel } = setup();
    await setProp(Excel, '附件3', 'B2', prop, value);
    expect(await readProp(Excel, '附件3', 'A1:B2', prop)).toBeNull();
    expect(await readProp(Excel, '附件3', 'A1:A2', prop)).toBe(dflt);
  });

  test.each(PROPS)('%s set back to the default leaves no entry', async (prop, _key, dflt, value) => {
    const { Excel, book } = setup();
    await setProp(Excel, '附件3', 'A1:B2', prop, value);
    await setProp(Excel, '附件3', 'A1:B2', prop, dflt);
    expect(book.formats.size).toBe(0);
  });

  test('properties of one cell combine; the setter reads back before the sync, as Office.js', async () => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('附件3').getRange('A1');
      r.format.font.bold = true;
      r.format.font.size = 16;
      r.format.wrapText = true;
      expect([r.format.font.bold, r.format.font.size, r.format.wrapText]).toEqual([true, 16, true]);
      await context.sync();
      r.format.font.bold = false;
      await context.sync();
    });
    expect(book.cellFormat('附件3', 'A1')).toEqual({ size: 16, wrap: true });
  });

  test('load("format") and load("format/font") load their scalar properties', async () => {
    const { Excel } = setup();
    await setProp(Excel, '附件3', 'A1', 'bold', true);
    const got = await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('附件3').getRange('A1').load('format,format/font');
      await context.sync();
      return [r.format.toJSON(), r.format.font.toJSON()];
    });
    expect(got).toEqual([
      { columnWidth: 48, horizontalAlignment: 'General', rowHeight: 15, verticalAlignment: 'Bottom', wrapText: false },
      { bold: true, color: '#000000', name: 'Calibri', size: 11 },
    ]);
  });

  test('the defaults follow EmulatedWorkbook.defaultFont', async () => {
    const { Excel, book } = setup();
    book.defaultFont = { name: '等线', size: 11, color: '#000000' };
    expect(await readProp(Excel, '附件3', 'A1', 'name')).toBe('等线');
    await setProp(Excel, '附件3', 'A1', 'name', '等线');
    expect(book.formats.size).toBe(0);
  });

  test.each<[Prop, unknown, string]>([
    ['bold', 'yes', 'RangeFont.bold'],
    ['size', 0, 'RangeFont.size'],
    ['size', 410, 'RangeFont.size'],
    ['size', '12', 'RangeFont.size'],
    ['name', '', 'RangeFont.name'],
    ['name', 'x'.repeat(32), 'RangeFont.name'],
    ['color', 'not-a-colour', 'RangeFont.color'],
    ['wrapText', 1, 'RangeFormat.wrapText'],
    ['verticalAlignment', 'Middle', 'RangeFormat.verticalAlignment'],
    ['verticalAlignment', 'top', 'RangeFormat.verticalAlignment'],
    ['horizontalAlignment', 'Top', 'RangeFormat.horizontalAlignment'],
  ])('%s = %p fails with InvalidArgument and sets nothing', async (prop, value, location) => {
    const { Excel, book } = setup();
    const e = await officeErrorOf(setProp(Excel, '附件3', 'A1:B2', prop, value));
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['InvalidArgument', location]);
    expect(book.formats.size).toBe(0);
  });

  test('the Excel namespace has the alignment enums', () => {
    const { Excel } = setup();
    expect(Excel.VerticalAlignment.top).toBe('Top');
    expect(Excel.HorizontalAlignment.centerAcrossSelection).toBe('CenterAcrossSelection');
  });
});

describe('column widths and row heights', () => {
  test('standard sizes until set; columnWidth sets every column of the range, rowHeight every row', async () => {
    const { Excel, book } = setup();
    expect(await sizes(Excel, '附件3', 'A1:D4')).toEqual({ width: 48, height: 15 });
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('附件3');
      ws.getRange('A1').format.columnWidth = 520;
      ws.getRange('B2:D9').format.columnWidth = 60;
      ws.getRange('B2:D3').format.rowHeight = 30;
      await context.sync();
    });
    expect([...book.columnWidths]).toEqual([
      ['附件3!A', 520],
      ['附件3!B', 60],
      ['附件3!C', 60],
      ['附件3!D', 60],
    ]);
    expect([...book.rowHeights]).toEqual([
      ['附件3!2', 30],
      ['附件3!3', 30],
    ]);
    expect(await sizes(Excel, '附件3', 'A1')).toEqual({ width: 520, height: 15 });
    expect(await sizes(Excel, '附件3', 'B3:D3')).toEqual({ width: 60, height: 30 });
    // Columns A and B differ; rows 1 and 2 differ.
    expect(await sizes(Excel, '附件3', 'A1:B2')).toEqual({ width: null, height: null });
    expect([book.columnWidth('附件3', 'a'), book.columnWidth('附件3', 'E'), book.columnWidth('附件 3', 'A')]).toEqual([
      520,
      undefined,
      undefined,
    ]);
    expect([book.rowHeight('附件3', 2), book.rowHeight('附件3', 1)]).toEqual([30, undefined]);
  });

  test('the standard size removes the entry', async () => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('附件3').getRange('A1:B2');
      r.format.columnWidth = 100;
      r.format.rowHeight = 20;
      await context.sync();
      r.format.columnWidth = 48;
      r.format.rowHeight = 15;
      await context.sync();
    });
    expect([book.columnWidths.size, book.rowHeights.size]).toEqual([0, 0]);
  });

  test.each<['columnWidth' | 'rowHeight', unknown]>([
    ['columnWidth', -1],
    ['columnWidth', 5000],
    ['columnWidth', '100'],
    ['rowHeight', -1],
    ['rowHeight', 410],
    ['rowHeight', Number.NaN],
  ])('%s = %p fails with InvalidArgument', async (prop, value) => {
    const { Excel, book } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        (context.workbook.worksheets.getItem('附件3').getRange('A1').format as unknown as Record<string, unknown>)[prop] = value;
        await context.sync();
      }),
    );
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['InvalidArgument', `RangeFormat.${prop}`]);
    expect([book.columnWidths.size, book.rowHeights.size]).toEqual([0, 0]);
  });

  test('need ExcelApi 1.2: ApiNotFound below, and load() leaves them out', async () => {
    const { Excel } = setup({ apiVersion: '1.1' });
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('附件3').getRange('A1').format.columnWidth = 100;
        await context.sync();
      }),
    );
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['ApiNotFound', 'RangeFormat.columnWidth']);
    const all = await Excel.run(async (context) => {
      const f = context.workbook.worksheets.getItem('附件3').getRange('A1').format.load();
      await context.sync();
      return Object.keys(f.toJSON());
    });
    expect(all).toEqual(['horizontalAlignment', 'verticalAlignment', 'wrapText']);
  });
});

describe('autofitRows (estimated)', () => {
  const LONG = '本年度项目资金执行情况良好，绩效目标基本完成。'.repeat(6); // 138 wide characters

  type Ws = ReturnType<EmulatedRequestContext['workbook']['worksheets']['getItem']>;
  const wrapped = (text: string, size?: number, width?: number) => (ws: Ws) => {
    const a = ws.getRange('A1');
    a.values = [[text]];
    a.format.wrapText = true;
    if (size !== undefined) a.format.font.size = size;
    if (width !== undefined) a.format.columnWidth = width;
  };
  const title = (ws: Ws) => {
    ws.getRange('A1').values = [['标题']];
    ws.getRange('A1').format.font.size = 16;
  };

  test.each<[string, (ws: Ws) => void, number | undefined]>([
    ['blank row: standard height', () => {}, undefined],
    ['short text at the default size: standard height', (ws) => (ws.getRange('A1').values = [['短']]), undefined],
    ['a 16 pt title: one line of 16 pt', title, 21],
    ['a 16 pt blank cell counts too', (ws) => (ws.getRange('B1').format.font.size = 16), 21],
    ['long text without wrap: one line', (ws) => (ws.getRange('A1').values = [[LONG]]), undefined],
    ['long 12 pt text wrapped in a 520 pt column: 4 lines', wrapped(LONG, 12, 520), 4 * 15.75],
    ['line breaks in wrapped text count', wrapped('一\n二\n三'), 45],
    ['a custom height is replaced', (ws) => (ws.getRange('A1').format.rowHeight = 80), undefined],
    ['never above 409 points', wrapped('字'.repeat(2000)), 409],
  ])('%s', async (_label, prepare, expected) => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Empty');
      prepare(ws);
      ws.getRange('A1:B1').format.autofitRows();
      await context.sync();
    });
    expect(book.rowHeight('Empty', 1)).toBe(expected);
  });

  test('only the rows of the range, fitted to the cells of the range; merged cells are ignored', async () => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('附件3');
      ws.getRange('A1:D5').format.font.size = 20; // A1:D1 is merged: row 1 keeps the standard height
      ws.getRange('F2').format.font.size = 30; // outside the range
      ws.getRange('A1:E2').format.autofitRows();
      await context.sync();
    });
    expect([...book.rowHeights]).toEqual([['附件3!2', 26.25]]);
  });
});

describe('writes, protection, null objects, used range', () => {
  test.each<[string, (r: RangeProxy) => void]>([
    ['font', (r) => (r.format.font.bold = true)],
    ['wrap', (r) => (r.format.wrapText = true)],
    ['columnWidth', (r) => (r.format.columnWidth = 100)],
    ['rowHeight', (r) => (r.format.rowHeight = 100)],
    ['autofitRows', (r) => r.format.autofitRows()],
  ])('%s on a protected sheet fails with AccessDenied', async (_label, act) => {
    const { Excel, book } = setup();
    book.protectedSheets.add('附件3');
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        act(context.workbook.worksheets.getItem('附件3').getRange('A1'));
        await context.sync();
      }),
    );
    expect(e.code).toBe('AccessDenied');
  });

  test('on a null object: writes fail with ItemNotFound, reads are null', async () => {
    const { Excel } = setup();
    const e = await officeErrorOf(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Empty').getUsedRangeOrNullObject().format.font.size = 12;
        await context.sync();
      }),
    );
    expect([e.code, e.debugInfo.errorLocation]).toEqual(['ItemNotFound', 'RangeFont.size']);
    await Excel.run(async (context) => {
      const f = context.workbook.worksheets.getItem('Empty').getUsedRangeOrNullObject().format.load('wrapText,columnWidth');
      const font = context.workbook.worksheets.getItem('Empty').getUsedRangeOrNullObject().format.font.load('bold');
      await context.sync();
      expect([f.wrapText, f.columnWidth, font.bold]).toEqual([null, null, null]);
    });
  });

  test('a failing format write leaves earlier ones applied', async () => {
    const { Excel, book } = setup();
    await officeErrorOf(
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('附件3');
        ws.getRange('A1').format.font.bold = true;
        ws.getRange('A2').format.font.size = -3;
        ws.getRange('A3').format.font.bold = true;
        await context.sync();
      }),
    );
    expect([...book.formats.keys()]).toEqual(['附件3!A1']);
  });

  test('a formatted cell extends the used range, but not with valuesOnly; sizes do not', async () => {
    const { Excel } = setup();
    const got = await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Empty');
      ws.getRange('C4').format.font.bold = true;
      ws.getRange('F9').format.columnWidth = 100;
      ws.getRange('F9').format.rowHeight = 30;
      const all = ws.getUsedRangeOrNullObject().load('address');
      const values = ws.getUsedRangeOrNullObject(true);
      await context.sync();
      return [all.address, values.isNullObject];
    });
    expect(got).toEqual(['Empty!C4', true]);
  });

  test('a whole-sheet read of a format does not visit every cell', async () => {
    const { Excel } = setup();
    await setProp(Excel, 'Empty', 'B2', 'bold', true);
    const got = await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Empty');
      const all = ws.getRange().format.font.load('bold');
      const fmt = ws.getRange().format.load('columnWidth,rowHeight');
      await context.sync();
      return [all.bold, fmt.columnWidth, fmt.rowHeight];
    });
    expect(got).toEqual([null, 48, 15]);
  });
});

describe('stats, change notifications and undo', () => {
  test('each property set or autofit is one queued operation', async () => {
    const { Excel, book } = setup();
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('附件3').getRange('A1:A3'); // getItem + getRange
      r.format.font.bold = true;
      r.format.font.size = 12;
      r.format.wrapText = true;
      r.format.columnWidth = 300;
      r.format.autofitRows();
      r.format.load('rowHeight');
      await context.sync();
    });
    expect(book.stats.requests.map((q) => q.ops)).toEqual([8]);
    expect(book.stats.responseBytes[0]).toBe(Buffer.byteLength(JSON.stringify([{ rowHeight: null }])));
  });

  test('onChange fires after a sync that changed formats, not after reads or no-op writes', async () => {
    const { Excel, book } = setup();
    let calls = 0;
    book.onChange(() => calls++);
    await setProp(Excel, '附件3', 'A1', 'bold', true);
    await readProp(Excel, '附件3', 'A1', 'bold');
    await setProp(Excel, '附件3', 'A2', 'bold', false);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('附件3').getRange('A1').format.columnWidth = 70;
      await context.sync();
    });
    expect(calls).toBe(2);
  });

  test('one undo group restores formats, widths and heights; later steps of a key do not overwrite the first', async () => {
    const { Excel, book } = setup({ apiVersion: '1.20' });
    book.formats.set('附件3!A1', { size: 14 });
    book.columnWidths.set('附件3!A', 90);
    const before = [new Map(book.formats), new Map(book.columnWidths), new Map(book.rowHeights)];
    await Excel.run({ mergeUndoGroup: true }, async (context) => {
      const r = context.workbook.worksheets.getItem('附件3').getRange('A1:A3');
      r.format.font.size = 12;
      r.format.font.bold = true;
      r.format.verticalAlignment = 'Top';
      r.format.columnWidth = 520;
      r.format.rowHeight = 40;
      await context.sync();
      r.format.font.size = 16;
      r.format.autofitRows();
      await context.sync();
    });
    expect(book.cellFormat('附件3', 'A1')).toEqual({ size: 16, bold: true, verticalAlignment: 'Top' });
    expect(book.undoStack).toHaveLength(1);
    expect(book.undo()).toBe(true);
    expect([new Map(book.formats), new Map(book.columnWidths), new Map(book.rowHeights)]).toEqual(before);
  });

  test('a format write outside an undo group ends the undo history', async () => {
    const { Excel, book } = setup({ apiVersion: '1.20' });
    book.undoStack.push({ steps: [] });
    await setProp(Excel, '附件3', 'A1', 'wrapText', true);
    expect(book.undoStack).toHaveLength(0);
  });
});

describe("the add-in's report sheet", () => {
  /** The sequence the Office host runs to (re)write its report sheet. */
  async function writeReport(Excel: ExcelLike, lines: { text: string; size: number; bold: boolean }[], replace: boolean) {
    // A sheet delete cannot be grouped (UndoNotSupported): it runs on its own, outside the group.
    if (replace)
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem('绩效自评报告').delete();
        await context.sync();
      });
    await Excel.run({ mergeUndoGroup: true }, async (context) => {
      const sheets = context.workbook.worksheets;
      const ws = sheets.add('绩效自评报告');
      const all = ws.getRange(`A1:A${lines.length}`);
      all.values = lines.map((l) => [l.text]);
      all.format.wrapText = true;
      all.format.verticalAlignment = 'Top';
      all.format.font.size = 12;
      ws.getRange('A1').format.columnWidth = 520;
      lines.forEach((l, i) => {
        if (l.size === 12 && !l.bold) return;
        const f = ws.getRange(`A${i + 1}`).format.font;
        f.bold = l.bold;
        f.size = l.size;
      });
      all.format.autofitRows();
      ws.activate();
      await context.sync();
    });
  }

  test('formats as the grid view reads them; a replaced sheet is undone in one step, not past its delete', async () => {
    const { Excel, book } = setup({ apiVersion: '1.20' });
    const lines = [
      { text: '项目支出绩效自评报告', size: 16, bold: true },
      { text: '一、基本情况', size: 13, bold: true },
      { text: '本年度项目资金执行情况良好，绩效目标基本完成。'.repeat(6), size: 12, bold: false },
    ];
    await writeReport(Excel, lines, false);
    expect(book.activeSheet).toBe('绩效自评报告');
    expect(book.cellFormat('绩效自评报告', 'A1')).toEqual({ bold: true, size: 16, wrap: true, verticalAlignment: 'Top' });
    expect(book.cellFormat('绩效自评报告', 'A3')).toEqual({ size: 12, wrap: true, verticalAlignment: 'Top' });
    expect(book.columnWidth('绩效自评报告', 'A')).toBe(520);
    expect([1, 2, 3].map((r) => book.rowHeight('绩效自评报告', r))).toEqual([21, 17.25, 63]);
    const first = snapshot(book);
    await writeReport(Excel, [{ text: '新报告', size: 16, bold: true }], true);
    expect(book.workbook.sheets.at(-1)!.rows).toEqual([[{ v: '新报告' }]]);
    expect(book.cellFormat('绩效自评报告', 'A3')).toBeUndefined();
    expect(book.undo()).toBe(true);
    expect(book.sheet('绩效自评报告')).toBeUndefined();
    expect(first.sheets.some((x) => x.name === '绩效自评报告')).toBe(true);
    // The delete (not undoable) ended the undo history: the first report cannot be brought back by Ctrl+Z.
    expect(book.undo()).toBe(false);
  });

  function snapshot(book: EmulatedWorkbook) {
    return {
      sheets: structuredClone(book.workbook.sheets),
      formats: new Map(book.formats),
      widths: new Map(book.columnWidths),
      heights: new Map(book.rowHeights),
      active: book.activeSheet,
    };
  }
});

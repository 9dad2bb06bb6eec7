// Issue 13 §1.4: marking cells keeps their whole own fill (colour, tint, pattern, pattern colour, or
// no fill at all) and the record of it lives in the document's settings, so 清除标记 restores it
// exactly, also from a task pane opened again.
import { sheetFromRows } from '../../../src/core/grid/sheet';
import { createEmulatedHost } from '../../../src/hosts/emulated/emulated-host';
import { createExcelNamespace } from '../../../src/hosts/emulated/excel-emulation';
import { EmulatedWorkbook } from '../../../src/hosts/emulated/state';
import { HIGHLIGHTS_KEY } from '../../../src/hosts/common/saved-fills';
import type { HighlightCell } from '../../../src/hosts/office/office-host';

function bookWithFills() {
  const book = new EmulatedWorkbook({ sheets: [sheetFromRows('表', [[1, 2, 3, 4, 5]])] });
  const fill = (cell: string, f: { color?: string; tintAndShade?: number; pattern?: string; patternColor?: string }) =>
    createExcelNamespace(book).run(async (context) => {
      const target = context.workbook.worksheets.getItem('表').getRange(cell).format.fill;
      if (f.color) target.color = f.color;
      if (f.pattern) target.pattern = f.pattern as Excel.FillPattern;
      if (f.patternColor) target.patternColor = f.patternColor;
      if (f.tintAndShade !== undefined) target.tintAndShade = f.tintAndShade;
      await context.sync();
    });
  return { book, fill };
}

const MARKED: HighlightCell[] = ['A1', 'B1', 'C1', 'D1', 'E1'].map((cell, i) => ({ sheet: '表', cell, severity: i % 2 ? 'warning' : 'error' }));

async function readFill(book: EmulatedWorkbook, cell: string) {
  return createExcelNamespace(book).run(async (context) => {
    const f = context.workbook.worksheets.getItem('表').getRange(cell).format.fill.load('color,tintAndShade,pattern,patternColor');
    await context.sync();
    return { color: f.color, tintAndShade: f.tintAndShade, pattern: f.pattern, patternColor: f.patternColor };
  });
}

describe('the emulation reads fills as Excel.RangeFill does', () => {
  test('no fill: color #FFFFFF like white, but tintAndShade null and pattern None; clear() gives no fill back', async () => {
    const { book, fill } = bookWithFills();
    await fill('A1', { color: '#FFFFFF' });
    await fill('B1', { color: '#4472C4', tintAndShade: 0.4 });
    await fill('C1', { color: '#FFFF00', pattern: 'Gray25', patternColor: '#FF0000' });
    expect(await readFill(book, 'A1')).toEqual({ color: '#FFFFFF', tintAndShade: 0, pattern: 'Solid', patternColor: '#000000' });
    expect(await readFill(book, 'B1')).toEqual({ color: '#4472C4', tintAndShade: 0.4, pattern: 'Solid', patternColor: '#000000' });
    expect(await readFill(book, 'C1')).toEqual({ color: '#FFFF00', tintAndShade: 0, pattern: 'Gray25', patternColor: '#FF0000' });
    expect(await readFill(book, 'D1')).toEqual({ color: '#FFFFFF', tintAndShade: null, pattern: 'None', patternColor: '#000000' });
    await createExcelNamespace(book).run(async (context) => {
      context.workbook.worksheets.getItem('表').getRange('A1:C1').format.fill.clear();
      await context.sync();
    });
    expect(book.fills.size).toBe(0);
  });
});

describe('标记 and 清除 bring every fill back exactly', () => {
  test('white, themed (tintAndShade ≠ 0) and patterned fills come back; a cell with no fill comes back with none, not white', async () => {
    const { book, fill } = bookWithFills();
    await fill('A1', { color: '#FFFFFF' });
    await fill('B1', { color: '#4472C4', tintAndShade: -0.25 });
    await fill('C1', { color: '#FFFF00', pattern: 'Gray25', patternColor: '#FF0000' });
    await fill('E1', { color: '#70AD47', pattern: 'LightUp', patternColor: '#7030A0', tintAndShade: 0.6 });
    const before = await Promise.all(['A1', 'B1', 'C1', 'D1', 'E1'].map((c) => readFill(book, c)));
    const own = new Map(book.fills);
    const host = createEmulatedHost(book);
    await host.highlight(MARKED);
    expect((await readFill(book, 'C1')).pattern).toBe('Solid');
    expect((await readFill(book, 'B1')).tintAndShade).toBe(0);
    expect((await readFill(book, 'D1')).color).toBe('#FFEB9C');
    await host.clearHighlights();
    expect(await Promise.all(['A1', 'B1', 'C1', 'D1', 'E1'].map((c) => readFill(book, c)))).toEqual(before);
    expect(new Map(book.fills)).toEqual(own);
    expect(book.fills.has('表!D1')).toBe(false);
    expect(host.highlighted).toBe(0);
  });

  test('清除 from a task pane opened again (a new host over the same document) restores the fills', async () => {
    const { book, fill } = bookWithFills();
    await fill('A1', { color: '#FFFFFF' });
    await fill('C1', { color: '#FFFF00', pattern: 'Gray25', patternColor: '#FF0000' });
    const own = new Map(book.fills);
    await createEmulatedHost(book).highlight(MARKED);
    expect(await readFill(book, 'C1')).toMatchObject({ color: '#FFC7CE', pattern: 'Solid' });
    const reopened = createEmulatedHost(book);
    expect(reopened.highlighted).toBe(5);
    await reopened.clearHighlights('warning');
    expect(book.fills.get('表!B1')).toBeUndefined();
    expect(createEmulatedHost(book).highlighted).toBe(3);
    await createEmulatedHost(book).clearHighlights();
    expect(new Map(book.fills)).toEqual(own);
    expect(createEmulatedHost(book).highlighted).toBe(0);
  });

  test('the record is saved once per 标记 and once per 清除, not per cell, in one compact key', async () => {
    const { book } = bookWithFills();
    const host = createEmulatedHost(book);
    let saves = 0;
    const keep = book.documentSettings;
    Object.defineProperty(book, 'documentSettings', {
      get: () => keep,
      set: (v: Map<string, string>) => {
        saves++;
        for (const [k, s] of v) keep.set(k, s);
        for (const k of [...keep.keys()]) if (!v.has(k)) keep.delete(k);
      },
    });
    await host.highlight(MARKED);
    expect(saves).toBe(1);
    expect(JSON.parse(JSON.parse(keep.get(HIGHLIGHTS_KEY)!))).toHaveLength(5);
    await host.clearHighlights();
    expect(saves).toBe(2);
  });
});

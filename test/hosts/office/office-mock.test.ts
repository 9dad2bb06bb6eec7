// Call shapes of the Office host, with Microsoft's office-addin-mock: properties must be loaded and
// synced before they are read. (The mock knows no collections, addresses, merges or batching limits:
// those are covered against the emulation in office-host.test.ts.)
import { OfficeMockObject } from 'office-addin-mock';
import { OfficeHost, type ExcelNamespace } from '../../../src/hosts/office/office-host';

interface Recorded {
  loads: string[];
}

function mockExcel() {
  const rec: Recorded = { loads: [] };
  const usedRange: any = {
    address: '附件3!B2:C3',
    rowIndex: 1,
    columnIndex: 1,
    rowCount: 2,
    columnCount: 2,
    values: [['项目名称', ''], [0.75, '#DIV/0!']],
    formulas: [['项目名称', ''], ['=C3/B3', '#DIV/0!']],
    numberFormat: [['General', 'General'], ['0.00%', 'General']],
    merged: {
      // A RangeCollection under areas is beyond the mock: record the load.
      load(props: string) {
        rec.loads.push(props);
        (this as any).areas.load('items');
        return this;
      },
      areas: { items: [{ address: '附件3!B2:C2' }] },
    },
    getMergedAreasOrNullObject() {
      return this.merged;
    },
  };
  // Mock data: the mock turns these objects into proxies, so their own types do not apply.
  const data: any = {
    context: {
      workbook: {
        worksheets: {
          // Collections are beyond the mock: record the load and hand out the sheet.
          load(props: string) {
            rec.loads.push(props);
            // What 'items/name,items/visibility' means for each item.
            (this as any).sheet.load(props.split(',').map((p) => p.replace(/^items\//, '')).join(','));
            return this;
          },
          sheet: {
            name: '附件3',
            visibility: 'Visible',
            protection: { protected: false },
            activated: false,
            activate() {
              this.activated = true;
            },
            usedRange,
            getUsedRangeOrNullObject() {
              return this.usedRange;
            },
            target: { format: { fill: { color: '#FFFFFF', tintAndShade: 0, pattern: 'None', patternColor: '#000000' } }, selected: false, select() { this.selected = true; } },
            getRange(address: string) {
              // A block read (B2:C3) gets the used range's data; a single cell is the write target.
              if (address.includes(':')) return (this as any).usedRange;
              (this as any).target.address = address;
              return this.target;
            },
          },
          getItem() {
            return this.sheet;
          },
        },
      },
    },
    run: async function (a: unknown, b?: unknown) {
      const batch = (b ?? a) as (c: unknown) => Promise<unknown>;
      return batch(this.context);
    },
  };
  const mock = new OfficeMockObject(data) as unknown as ExcelNamespace & { context: { workbook: { worksheets: { sheet: any } } } };
  const sheets = mock.context.workbook.worksheets;
  Object.defineProperty(sheets, 'items', { get: () => [sheets.sheet] });
  // Office.js sets isNullObject at sync without a load; the mock would ask for one.
  Object.defineProperty(sheets.sheet.usedRange, 'isNullObject', { value: false });
  Object.defineProperty(sheets.sheet.usedRange.merged, 'isNullObject', { value: false });
  return { mock, rec, sheet: () => mock.context.workbook.worksheets.sheet };
}

test('readWorkbook loads sheet names, then used-range sizes, then values, formulas, formats and merges', async () => {
  const { mock, rec } = mockExcel();
  const wb = await new OfficeHost({ excel: mock }).readWorkbook();
  expect(rec.loads).toEqual(['items/name,items/visibility', 'areas/items/address']);
  const s = wb.sheets[0];
  expect(s.name).toBe('附件3');
  expect(s.rows[1][1]).toEqual({ v: '项目名称' });
  expect(s.rows[1][2]).toBeUndefined();
  expect(s.rows[2][1]).toEqual({ v: 0.75, f: 'C3/B3', fmt: '0.00%' });
  expect(s.rows[2][2]).toEqual({ v: { error: '#DIV/0!' } });
  expect(s.merges).toEqual([{ r0: 1, c0: 1, r1: 1, c1: 2 }]);
});

test('select activates the sheet and selects the cell', async () => {
  const { mock, sheet } = mockExcel();
  await new OfficeHost({ excel: mock }).select('附件3', 'C3');
  expect(sheet().activated).toBe(true);
  expect(sheet().target.address).toBe('C3');
  expect(sheet().target.selected).toBe(true);
});

test('highlight loads the fill before it sets the finding colour', async () => {
  const { mock, sheet } = mockExcel();
  const host = new OfficeHost({ excel: mock });
  await host.highlight([{ sheet: '附件3', cell: 'C3', severity: 'error' }]);
  expect(sheet().target.format.fill.color).toBe('#FFC7CE');
  expect(host.highlighted).toBe(1);
});

test('applyChanges writes the number format, then the value', async () => {
  const { mock, sheet } = mockExcel();
  await new OfficeHost({ excel: mock }).applyChanges({
    changes: [{ sheet: '附件3', row: 2, col: 2, cell: 'C3', field: '执行率', before: { v: null }, after: { v: 0.75, fmt: '0.00%' } }],
  });
  expect(sheet().target.numberFormat).toEqual([['0.00%']]);
  expect(sheet().target.values).toEqual([[0.75]]);
});

test('a formula is written as a formula, text that Excel would parse keeps an apostrophe', async () => {
  const { mock, sheet } = mockExcel();
  const host = new OfficeHost({ excel: mock });
  await host.applyChanges({ changes: [{ sheet: '附件3', row: 2, col: 2, cell: 'C3', field: 'x', before: { v: null }, after: { v: 1, f: 'A1*2' } }] });
  expect(sheet().target.formulas).toEqual([['=A1*2']]);
  await host.applyChanges({ changes: [{ sheet: '附件3', row: 2, col: 2, cell: 'C3', field: 'x', before: { v: null }, after: { v: '92.5%' } }] });
  expect(sheet().target.values).toEqual([["'92.5%"]]);
});

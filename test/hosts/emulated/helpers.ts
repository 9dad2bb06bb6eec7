// A small workbook with merges, formulas, formats and errors, and the emulated namespaces over it.
import { sheetFromRows } from '../../../src/core/grid/sheet';
import type { Workbook } from '../../../src/core/grid/types';
import {
  createExcelNamespace,
  EmulatedOfficeError,
  EmulatedWorkbook,
  type ExcelNamespaceOptions,
} from '../../../src/hosts/emulated/excel-emulation';

export function sampleWorkbook(): Workbook {
  return {
    sheets: [
      sheetFromRows(
        '附件3',
        [
          ['项目支出绩效自评表', null, null, null],
          ['指标', '年初预算数', '执行数', '执行率'],
          ['资金', 100, { v: 92.5, fmt: '0.00' }, { v: 0.925, f: 'C3/B3', fmt: '0.00%' }],
          ['合计', 0, { v: { error: '#DIV/0!' }, f: 'C3/B4' }, true],
        ],
        [
          { r0: 0, c0: 0, r1: 0, c1: 3 }, // A1:D1 title
          { r0: 5, c0: 0, r1: 5, c1: 1 }, // A6:B6, empty: only formatting extends the used range
        ],
      ),
      sheetFromRows('附件 3', [[null, null], [null, 'x']]),
      sheetFromRows('Empty', []),
      { ...sheetFromRows('隐藏', [[1]]), hidden: true },
    ],
  };
}

export function setup(opts: ExcelNamespaceOptions = {}) {
  const book = new EmulatedWorkbook(sampleWorkbook());
  const Excel = createExcelNamespace(book, opts);
  return { book, Excel };
}

/** The rejection of `p`, which must reject with an EmulatedOfficeError. */
export async function officeErrorOf(p: Promise<unknown>): Promise<EmulatedOfficeError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EmulatedOfficeError);
    return e as EmulatedOfficeError;
  }
  throw new Error('expected a rejection');
}

/** The error thrown by `f`, which must throw an EmulatedOfficeError. */
export function thrownOfficeError(f: () => unknown): EmulatedOfficeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(EmulatedOfficeError);
    return e as EmulatedOfficeError;
  }
  throw new Error('expected a throw');
}

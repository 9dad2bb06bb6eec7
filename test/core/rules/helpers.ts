import { analyze } from '../../../src/core/engine';
import type { FindingCode } from '../../../src/core/findings';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings';
import type { Workbook } from '../../../src/core/grid/types';

/** Cells (Sheet!A1) at which `code` is reported. */
export function cellsOf(wb: Workbook, code: FindingCode, settings: Partial<Settings> = {}): string[] {
  return analyze(wb, { ...DEFAULT_SETTINGS, ...settings })
    .findings.filter((f) => f.code === code)
    .map((f) => `${f.sheet}!${f.cell}`);
}

export function findingsOf(wb: Workbook, code: FindingCode) {
  return analyze(wb).findings.filter((f) => f.code === code);
}

// The add-in's own Office host, running against the emulation: what the workbench and tests use.
import { OfficeHost, type ExcelNamespace, type SettingsStore } from '../office/office-host';
import { createExcelNamespace, createOfficeNamespace } from './excel-emulation';
import type { OfficeLike } from './office';
import type { EmulatedWorkbook } from './state';

/** `office`: the emulated Office namespace the page also gives the task pane (platform, theme); else one of its own. */
export function createEmulatedHost(book: EmulatedWorkbook, opts: { apiVersion?: string; office?: OfficeLike } = {}): OfficeHost {
  const apiVersion = opts.apiVersion ?? '1.13';
  const excel = createExcelNamespace(book, { apiVersion });
  const office = opts.office ?? createOfficeNamespace(book, { apiVersion });
  return new OfficeHost({
    excel: excel as unknown as ExcelNamespace,
    settings: office.context.document.settings as unknown as SettingsStore,
    supportsUndoGroup: office.context.requirements.isSetSupported('ExcelApi', '1.20'),
  });
}

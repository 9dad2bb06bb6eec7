// The one narrow interface between the core and where workbooks live
// (Office.js in the add-in, an .xlsx file for the CLI, an in-browser emulation for the workbench).
import type { ChangeSet } from '../core/changes/changeset';
import type { Workbook } from '../core/grid/types';

export interface Host {
  /** Reads every sheet's used range: values, formulas, number formats, merged areas. */
  readWorkbook(): Promise<Workbook>;
  /** Writes a change set's `after` states; on failure leaves the workbook as it was. */
  applyChanges(cs: ChangeSet): Promise<void>;
}

// Finds every table of SPEC §1 by content: any sheet name, any offset, several per sheet.
import type { Sheet, Workbook } from '../grid/types';
import { DEFAULT_VOCABULARY, type Vocabulary } from '../vocabulary';
import { findBasicDataTables } from './basic-data';
import { captionsOf, type Captions } from './captions';
import { findListTables } from './list-tables';
import type { Table } from './model';
import { findSelfEvalTables } from './self-eval';
import { SheetView } from './sheet-view';

export interface Detection {
  tables: Table[];
  /** Names of non-empty sheets holding no table. */
  unrecognized: string[];
}

/** The tables of a workbook; a vocabulary with a profile's column names finds its tables too. */
export function detectTables(wb: Workbook, vocabulary: Vocabulary = DEFAULT_VOCABULARY): Detection {
  const captions = captionsOf(vocabulary);
  const tables: Table[] = [];
  const unrecognized: string[] = [];
  wb.sheets.forEach((sheet, index) => {
    const found = detectSheet(new SheetView(sheet, index), captions);
    tables.push(...found);
    if (found.length === 0 && !isEmptySheet(sheet)) unrecognized.push(sheet.name);
  });
  return { tables, unrecognized };
}

/** The tables of a sheet: self-evaluation and basic-data tables, then list tables in the rows left; in row order. */
function detectSheet(view: SheetView, captions: Captions): Table[] {
  const found: Table[] = [...findSelfEvalTables(view, captions), ...findBasicDataTables(view, captions)];
  // Rows owned by the tables found so far (findListTables asks only about rows < rowCount).
  const owned = new Uint8Array(view.rowCount);
  for (const t of found) for (let r = t.range.r0; r <= t.range.r1; r++) owned[r] = 1;
  found.push(...findListTables(view, (r) => owned[r] === 1, captions));
  found.sort((a, b) => a.range.r0 - b.range.r0);
  return found;
}

function isEmptySheet(sheet: Sheet): boolean {
  return !sheet.rows.some((r) => r && r.some((c) => c && c.v !== null && c.v !== ''));
}

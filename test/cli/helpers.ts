// What the CLI tests on built workbooks share: the CLI run in-process, and the cells of a written file.
import * as ExcelJS from 'exceljs';
import { run } from '../../src/cli/main';

export interface Cli {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process through run(), capturing stdout and stderr. */
export async function cli(...args: string[]): Promise<Cli> {
  let out = '';
  let err = '';
  const code = await run(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

/** A change as `recalc --json` lists it. */
export interface Change {
  sheet: string;
  cell: string;
  field: string;
  before: unknown;
  after: unknown;
  numFmt: string | null;
  reason?: string;
}

/** Every cell as Excel shows it (merged areas: the top-left cell only): value and number format. */
export async function cellsOf(file: string): Promise<Map<string, { value: unknown; numFmt: string | null }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, { value: unknown; numFmt: string | null }>();
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        if (cell.value === null || cell.value === undefined) return;
        const fmt = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : null;
        out.set(`${ws.name}!${cell.address}`, { value: cell.value, numFmt: fmt });
      }),
    ),
  );
  return out;
}

/** A formula cell's cached result, else the value. */
export const plain = (v: unknown): unknown => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v);

/** Numbers within 1e-9, anything else by its JSON. */
export const sameValue = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-9 : JSON.stringify(a) === JSON.stringify(b);

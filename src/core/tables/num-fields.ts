// Numeric fields: reading one from a sheet (every table reader), and every one a table holds (for the
// rules that look at all of them).
import { parseAmount } from '../parse/number';
import type { NumField, Table } from './model';
import type { SheetView } from './sheet-view';

/** The numeric field at (row, col) (the master cell where merged), as read; null where there is no column. */
export function numField(view: SheetView, row: number, col: number | null | undefined, label: string): NumField | null {
  if (col === null || col === undefined) return null;
  // areaOf rather than masterOf: no throw-away object (hot: every numeric field of every table).
  const a = view.merges.areaOf(row, col);
  const r = a ? a.r0 : row;
  const c = a ? a.c0 : col;
  return { row: r, col: c, parse: parseAmount(view.cell(r, c)), label };
}


/** Calls fn on every numeric field of the table, in the order numFieldsOf lists them (no arrays). */
export function forEachNumField(t: Table, fn: (f: NumField) => void): void {
  const each = (f: NumField | null) => {
    if (f !== null) fn(f);
  };
  switch (t.kind) {
    case 'project-self-eval':
    case 'dept-self-eval':
      if (t.budget) {
        const b = t.budget;
        each(b.initial);
        each(b.annual);
        each(b.executed);
        each(b.weight);
        each(b.rate);
        each(b.score);
      }
      for (const i of t.indicators) {
        if (i.weight !== null) fn(i.weight);
        if (i.score !== null) fn(i.score);
      }
      for (const x of t.subtotals) {
        each(x.weight);
        each(x.score);
      }
      if (t.total) {
        each(t.total.weight);
        each(t.total.score);
      }
      return;
    default:
      for (const f of numFieldsOf(t)) fn(f);
  }
}

export function numFieldsOf(t: Table): NumField[] {
  const out: (NumField | null)[] = [];
  switch (t.kind) {
    case 'project-self-eval':
    case 'dept-self-eval':
      if (t.budget) {
        const b = t.budget;
        out.push(b.initial, b.annual, b.executed, b.weight, b.rate, b.score);
      }
      for (const i of t.indicators) out.push(i.weight, i.score);
      for (const x of t.subtotals) out.push(x.weight, x.score);
      if (t.total) out.push(t.total.weight, t.total.score);
      break;
    case 'basic-data':
      if (t.staff) out.push(t.staff.quota, t.staff.actual, t.staff.rate);
      for (const r of t.rows) out.push(...r.amounts);
      for (const b of t.buildings) out.push(b.approvedSize, b.actualSize, b.sizeRate, b.budgetInvest, b.actualInvest, b.investRate);
      break;
    case 'budget-execution':
      for (const r of t.rows) out.push(r.initial, r.used, r.remaining, r.rate);
      break;
    case 'project-summary':
      for (const r of t.rows) out.push(r.initial, r.annual, r.executed, r.rate, r.score);
      break;
  }
  return out.filter((f): f is NumField => f !== null);
}

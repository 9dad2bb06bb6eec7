// What every rule is: tables and their evaluations in, findings out.
import type { SelfEvalEval, TableEval } from '../compute/evaluate';
import { SEVERITY, type Finding, type FindingCode } from '../findings';
import { address } from '../grid/address';
import type { Settings } from '../settings';
import type { Table } from '../tables/model';

export interface RuleContext {
  tables: Table[];
  evals: TableEval[];
  unrecognized: string[];
  settings: Settings;
  /** The self-evaluation evaluations, in order (computed once per analysis; see selfEvals). */
  selfEvals?: SelfEvalEval[];
}

export type Rule = (ctx: RuleContext) => Finding[];

export function finding(
  code: FindingCode,
  t: Table | string,
  row: number,
  col: number,
  message: string,
  expected?: number | string,
  actual?: number | string,
): Finding {
  const f: Finding = { code, severity: SEVERITY[code], sheet: typeof t === 'string' ? t : t.sheet.name, cell: address(row, col), message };
  if (expected !== undefined) f.expected = expected;
  if (actual !== undefined) f.actual = actual;
  return f;
}

/** The self-evaluation evaluations of a context. */
export function selfEvals(ctx: RuleContext): SelfEvalEval[] {
  if (ctx.selfEvals) return ctx.selfEvals;
  const out: SelfEvalEval[] = [];
  for (const e of ctx.evals) if (e.selfEval) out.push(e.selfEval);
  return out;
}

/** "「代表培训」" or "第 15 行" for an indicator row in messages. */
export function rowName(level3: string, row: number): string {
  const n = level3.replace(/\s+/g, '');
  return n ? `「${n.length > 20 ? n.slice(0, 20) + '…' : n}」` : `第 ${row + 1} 行`;
}

// Workbooks and settings for the profile tests: one table scored under a profile, beside national.
import { analyze, recalc } from '../../../src/core/engine';
import type { Finding } from '../../../src/core/findings';
import { parseSettings, type Settings } from '../../../src/core/settings';
import { projectSheet, workbook, type ProjectOpts } from '../template';

export function settingsOf(input: Record<string, unknown>): Settings {
  const r = parseSettings(input);
  if (!r.ok) throw new Error(r.message);
  return r.settings;
}

export const under = (profile: unknown, more: Record<string, unknown> = {}) => settingsOf({ profile, ...more });

/** What recalculation writes to a cell of the 附件3 sheet (undefined: nothing). */
export function written(o: ProjectOpts, s: Settings, cell: string): unknown {
  const r = recalc(workbook(projectSheet(o)), s);
  return r.changes.changes.find((c) => c.cell === cell)?.after.v;
}

export function changeAt(o: ProjectOpts, s: Settings, cell: string) {
  return recalc(workbook(projectSheet(o)), s).changes.changes.find((c) => c.cell === cell);
}

export function findingsOf(o: ProjectOpts, s: Settings, code?: string): Finding[] {
  const f = analyze(workbook(projectSheet(o)), s).findings;
  return code ? f.filter((x) => x.code === code) : f;
}

/** A budget block with 执行数 `executed` of 全年预算数 100: 执行率 = executed %. Rate and score blank. */
export const atRate = (executed: number, more: ProjectOpts = {}): ProjectOpts => ({ initial: 100, annual: 100, executed, rate: null, score: null, ...more });

// Reports of a workbook: one per self-evaluation table, plus a 总报告 for a project summary table or
// several project tables.
import type { Settings } from '../settings';
import type { BasicDataTable, SummaryTable } from '../tables/model';
import { deptReport } from './dept';
import type { Analysed, Report } from './model';
import { projectReport } from './project';
import { summaryReport } from './summary';

export function buildReports(a: Analysed, s: Settings): Report[] {
  const out: Report[] = [];
  const basic = (a.tables.find((t) => t.kind === 'basic-data') as BasicDataTable | undefined) ?? null;
  const projects = [];
  for (const e of a.evals) {
    const se = e.selfEval;
    if (!se) continue;
    if (se.table.kind === 'dept-self-eval') out.push(deptReport(se, basic, s));
    else {
      projects.push(se);
      out.push(projectReport(se, s));
    }
  }
  const summaries = a.tables.filter((t): t is SummaryTable => t.kind === 'project-summary');
  for (const t of summaries) out.unshift(summaryReport(t, projects, s));
  if (!summaries.length && projects.length > 1) out.unshift(summaryReport(null, projects, s));
  return out;
}

export type { Block, Report, Run } from './model';
export { blockText } from './model';
/** The clipboard's text/plain and text/html, and the Markdown file (SPEC §6 outputs). */
export { toPlainText } from './plain';
export { toHtml } from './html';
export { toMarkdown } from './markdown';

// What a report is written from (SPEC §6): the workbook's figures as they stand after recalculation,
// with what is still to be done before the report can be trusted, for the face to say first.
import { checkWorkbook, type CheckOutcome } from './engine';
import type { Workbook } from './grid/types';
import { buildReports, type Report } from './report';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import type { Finding } from './findings';
import { lowTotalReportFindings } from './report/low-total';

export interface ReportBasis {
  reports: Report[];
  /** Error findings of the workbook as it is. */
  errors: number;
  /** Cells 重算 would write (not yet applied). */
  pending: number;
  /** Errors left after 重算: what a person must fix themselves. */
  errorsAfterRecalc: number;
  /** What the profile requires of the report that the tables cannot give (宁夏: 存在的问题 and 整改措施 of a low total). */
  required: Finding[];
}

export function reportBasis(wb: Workbook, settings: Settings = DEFAULT_SETTINGS, outcome: CheckOutcome = checkWorkbook(wb, settings)): ReportBasis {
  const r = outcome.recalc;
  return {
    reports: buildReports(r.analysis, settings),
    errors: outcome.analysis.findings.filter((f) => f.severity === 'error').length,
    pending: r.changes.changes.length,
    errorsAfterRecalc: r.findings.filter((f) => f.severity === 'error').length,
    required: lowTotalReportFindings(r.analysis.evals.flatMap((e) => (e.selfEval ? [e.selfEval] : [])), settings),
  };
}

/** The warning a face gives before generating a report, or null when the workbook is ready. */
export function reportWarning(b: Pick<ReportBasis, 'errors' | 'pending' | 'errorsAfterRecalc'> & { required?: Finding[] }): string | null {
  const required = (b.required ?? []).map((f) => f.message).join('');
  const tables = tableWarning(b);
  return tables && required ? `${tables}${required}` : tables ?? (required || null);
}

function tableWarning(b: Pick<ReportBasis, 'errors' | 'pending' | 'errorsAfterRecalc'>): string | null {
  if (b.errors === 0 && b.pending === 0) return null;
  const parts: string[] = [];
  if (b.errors) parts.push(`工作簿中还有 ${b.errors} 个错误`);
  if (b.pending) parts.push(`${b.pending} 处计算值尚未重算写入`);
  const head = `${parts.join('，')}。`;
  const left = b.errorsAfterRecalc ? `${b.pending ? '重算后仍有' : '其中'} ${b.errorsAfterRecalc} 个错误重算无法修正，需要人工改正，报告中涉及的数字请核对。` : '';
  if (!b.pending) return head + left;
  return `${head}报告按重算后的数字撰写，请先重算，使表格与报告一致；${left || '重算可全部修正。'}`;
}

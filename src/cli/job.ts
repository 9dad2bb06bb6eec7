// One workbook's check or recalculation, as the batch runs it (in a worker thread or in-process).
import { analyze, recalc } from '../core/engine';
import type { Finding } from '../core/findings';
import { NOTHING_RECOGNISED, nothingRecognised, type SheetGlimpse } from '../core/recognition';
import type { Settings } from '../core/settings';
import { READ_MESSAGES, WorkbookReadError } from '../hosts/xlsx/read';
import { WorkbookWriteError } from '../hosts/xlsx/write';
import { XlsxHost } from '../hosts/xlsx/xlsx-host';

export interface Job {
  file: string;
  mode: 'check' | 'recalc';
  settings: Settings;
  /** recalc: where the result goes. */
  out?: string;
}

export interface JobResult {
  file: string;
  ok: boolean;
  /** Why the file could not be read or written: one Chinese sentence. */
  error?: string;
  tables: number;
  errors: number;
  warnings: number;
  infos: number;
  changes?: number;
  /** recalc: the file written. */
  output?: string;
  findings: Finding[];
  /** What the reader repaired (e.g. overlapping merged areas dropped), when anything. */
  notes?: string[];
  /**
   * No table was recognised (SPEC §5): not free of errors, so `ok` is false, `error` says 未识别到自评表
   * with what the sheets held, and nothing is written. `reason` describes the sheets on one line.
   */
  unrecognised?: { reason: string; sheets: SheetGlimpse[] };
}

function counts(findings: Finding[]) {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
}

export async function runJob(job: Job): Promise<JobResult> {
  const empty = { tables: 0, errors: 0, warnings: 0, infos: 0, findings: [] };
  try {
    const host = await XlsxHost.open(job.file);
    const wb = await host.readWorkbook();
    const read = host.readByExcelJs && job.mode === 'check' ? [READ_MESSAGES.readByExcelJs] : [];
    const notesOf = () => (host.notes.length || read.length ? { notes: [...read, ...host.notes] } : {});
    if (job.mode === 'check') {
      const a = analyze(wb, job.settings);
      const none = nothingRecognised(wb, a);
      if (none) return unrecognised(job, none, notesOf());
      return { file: job.file, ok: true, tables: a.tables.length, ...counts(a.findings), findings: a.findings, ...notesOf() };
    }
    const r = recalc(wb, job.settings);
    const none = nothingRecognised(wb, r);
    if (none) return unrecognised(job, none, notesOf());
    await host.applyChanges(r.changes);
    await host.save(job.out as string);
    const notes = notesOf();
    return { file: job.file, ok: true, tables: r.tables.length, ...counts(r.findings), changes: r.changes.changes.length, findings: r.findings, ...notes };
  } catch (e) {
    const known = e instanceof WorkbookReadError || e instanceof WorkbookWriteError;
    return { file: job.file, ok: false, error: known ? (e as Error).message : `处理失败：${e instanceof Error ? e.message : String(e)}`, ...empty };
  }
}

function unrecognised(job: Job, none: { reason: string; sheets: SheetGlimpse[] }, notes: { notes?: string[] }): JobResult {
  return { file: job.file, ok: false, error: `${NOTHING_RECOGNISED}：${none.reason}`, tables: 0, errors: 0, warnings: 0, infos: 0, findings: [], unrecognised: { reason: none.reason, sheets: none.sheets }, ...notes };
}

// Builds the .docx in a Web Worker, so that the page (and its progress bar) keeps moving while a large
// report is written: 1,000 tables take seconds. Progress is real: per report as its paragraphs are
// made and as docx writes them; then the compression, shown as a moving bar without a fraction. Where
// the page has no Worker (or the worker cannot start) the .docx is built on the page's thread.
import type { Report } from '../core/report/model';
import type { DocxProgress } from '../outputs/docx';

export type DocxWorkerReply =
  | { type: 'progress'; phase: DocxPhase; done: number; total: number }
  | { type: 'done'; bytes: Uint8Array }
  | { type: 'error'; message: string };

/** Step text, and the fraction done, or null while no fraction can be told (the compression). */
export type DocxBuildProgress = (step: string, fraction: number | null) => void;

type DocxPhase = Parameters<DocxProgress>[0];

/**
 * Where each phase ends on the bar, from its share of the time (1,000 tables: about 20 % making the
 * paragraphs, 30 % docx's XML tree, 25 % its text); the rest (compression) is shown without a fraction.
 */
const END: Record<DocxPhase, number> = { build: 0.2, format: 0.5, serialize: 0.75 };
const START: Record<DocxPhase, number> = { build: 0, format: END.build, serialize: END.format };
const VERB: Record<DocxPhase, string> = { build: '整理', format: '排版', serialize: '写出' };

export function docxStep(phase: DocxPhase, done: number, total: number, report: DocxBuildProgress): void {
  if (phase === 'serialize' && done >= total) {
    report('生成 Word 文档：压缩…', null);
    return;
  }
  const shown = Math.min(total, phase === 'build' ? done : done + 1);
  report(`生成 Word 文档：${VERB[phase]}第 ${shown}/${total} 份报告…`, START[phase] + ((END[phase] - START[phase]) * done) / total);
}

export interface DocxBuilt {
  bytes: Uint8Array;
  /** Where it was built: in the worker, or on the page's thread (no Worker). */
  where: 'worker' | 'page';
}

export async function buildDocx(reports: Report[], progress: DocxBuildProgress = () => {}): Promise<DocxBuilt> {
  const worker = await start();
  if (worker) {
    const bytes = await inWorker(worker, reports, progress);
    if (bytes) return { bytes, where: 'worker' };
  }
  const { reportsToDocx } = await import('../outputs/docx');
  const onProgress: DocxProgress = (phase, done, total) => docxStep(phase, done, total, progress);
  return { bytes: await reportsToDocx(reports, onProgress), where: 'page' };
}

async function start(): Promise<Worker | null> {
  if (typeof Worker === 'undefined') return null;
  try {
    const { startDocxWorker } = await import('./docx-worker-start');
    return startDocxWorker();
  } catch {
    return null;
  }
}

/** The bytes, or null when the worker could not run at all (its script did not load). */
function inWorker(worker: Worker, reports: Report[], progress: DocxBuildProgress): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    let heard = false;
    worker.onmessage = (e: MessageEvent<DocxWorkerReply>) => {
      heard = true;
      const m = e.data;
      if (m.type === 'progress') docxStep(m.phase, m.done, m.total, progress);
      else {
        worker.terminate();
        if (m.type === 'done') resolve(m.bytes);
        else reject(new Error(`生成 Word 文档失败：${m.message}`));
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      if (!heard) resolve(null);
      else reject(new Error(`生成 Word 文档失败：${e.message || '后台线程出错'}`));
    };
    worker.postMessage({ reports });
  });
}

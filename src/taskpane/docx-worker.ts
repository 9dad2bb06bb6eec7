// The .docx writer off the page's thread: the reports come in, progress goes out per report, then
// the document's bytes (transferred, not copied). Loaded by docx-worker-start.ts.
import type { Report } from '../core/report/model';
import { reportsToDocx, type DocxProgress } from '../outputs/docx';
import type { DocxWorkerReply } from './docx-build';

/** The worker's global scope, as much of it as this file uses (the project's types are the page's). */
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ reports: Report[] }>) => void) | null;
  postMessage(message: DocxWorkerReply, transfer?: Transferable[]): void;
};

/** At most one progress message per PACE ms (and each phase's first and last): the page re-renders on each. */
const PACE = 40;

scope.onmessage = (e) => {
  let last = { phase: '', at: 0 };
  const progress: DocxProgress = (phase, done, total) => {
    const now = Date.now();
    if (phase === last.phase && done < total && now - last.at < PACE) return;
    last = { phase, at: now };
    scope.postMessage({ type: 'progress', phase, done, total });
  };
  reportsToDocx(e.data.reports, progress).then(
    (bytes) => scope.postMessage({ type: 'done', bytes }, [bytes.buffer]),
    (err: unknown) => scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
};

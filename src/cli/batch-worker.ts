// A worker thread of the batch: runs the jobs it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { runJob, type Job } from './job';

parentPort?.on('message', (job: Job) => {
  void runJob(job).then((r) => parentPort?.postMessage(r));
});

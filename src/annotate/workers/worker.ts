/**
 * A worker thread of `gujnlp annotate --jobs N`: loads the model once, then
 * annotates the documents of each job it is sent, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAnnotator } from '../registry.js';
import { InputError } from '../../io/errors.js';
import type { Annotator } from '../annotator.js';
import { unpackDocument, type Job, type WorkerReply, type WorkerSetup } from './protocol.js';

const port = parentPort!;
const setup = workerData as WorkerSetup;

function reply(m: WorkerReply): void {
  port.postMessage(m);
}

let annotator: Annotator;
try {
  annotator = await loadAnnotator(setup.spec, setup.options);
  reply({ ready: true, name: annotator.name, version: annotator.version });
} catch (err) {
  reply({ failed: err instanceof Error ? err.message : String(err), input: err instanceof InputError });
}

port.on('message', async (job: Job) => {
  try {
    const entities = [];
    for (const p of job.docs) entities.push(await annotator.annotate(unpackDocument(p)));
    reply({ id: job.id, entities });
  } catch (err) {
    reply({ id: job.id, error: err instanceof Error ? (err instanceof InputError ? err.message : (err.stack ?? err.message)) : String(err), input: err instanceof InputError });
  }
});

/**
 * `--jobs N`: N worker threads, each with its own copy of the model.
 * `annotate(docs)` sends a job to the least busy worker and resolves with
 * the entities of each document; the caller keeps a bounded number of jobs
 * in flight and takes results in input order, so the output is the one a
 * single thread writes.
 */
import { Worker } from 'node:worker_threads';
import type { Document, Entity } from '../../doc/types.js';
import { InputError } from '../../io/errors.js';
import type { LoadOptions } from '../registry.js';
import { packDocument, type Job, type WorkerReply, type WorkerSetup } from './protocol.js';

interface Slot {
  worker: Worker;
  busy: number;
  waiting: Map<number, { resolve: (e: Entity[][]) => void; reject: (err: Error) => void }>;
}

export class AnnotatorPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  name = '';
  version = '';

  private constructor() {}

  /** Starts `jobs` workers and waits until each has loaded the model (a load error is thrown here). */
  static async start(spec: string, options: LoadOptions, jobs: number): Promise<AnnotatorPool> {
    const pool = new AnnotatorPool();
    // under tsx (tests from sources) the worker is the .ts file; execArgv carries the loader
    const fromSources = import.meta.url.endsWith('.ts');
    const url = new URL(`./worker${fromSources ? '.ts' : '.js'}`, import.meta.url);
    const setup: WorkerSetup = { spec, options };
    const ready: Promise<void>[] = [];
    for (let i = 0; i < jobs; i++) {
      const resourceLimits = { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB };
      const worker = fromSources
        ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, workerData: setup, resourceLimits })
        : new Worker(url, { workerData: setup, resourceLimits });
      const slot: Slot = { worker, busy: 0, waiting: new Map() };
      pool.slots.push(slot);
      ready.push(
        new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          const first = (m: WorkerReply): void => {
            if ('ready' in m) {
              pool.name = m.name;
              pool.version = m.version;
              worker.off('message', first);
              worker.on('message', (r: WorkerReply) => pool.settle(slot, r));
              resolve();
            } else if ('failed' in m) {
              reject(m.input ? new InputError(m.failed) : new Error(m.failed));
            }
          };
          worker.on('message', first);
        }),
      );
      worker.on('error', (err) => {
        const e =
          (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new InputError(`a document needs more than the ${WORKER_OLD_SPACE_MB} MB heap of a --jobs worker; annotate it with --jobs 1`)
            : err;
        for (const w of slot.waiting.values()) w.reject(e);
        slot.waiting.clear();
      });
    }
    try {
      await Promise.all(ready);
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  private settle(slot: Slot, r: WorkerReply): void {
    if (!('id' in r)) return;
    const w = slot.waiting.get(r.id);
    if (w === undefined) return;
    slot.waiting.delete(r.id);
    slot.busy--;
    if ('error' in r) w.reject(r.input ? new InputError(r.error) : new Error(r.error));
    else w.resolve(r.entities);
  }

  annotate(docs: readonly Document[]): Promise<Entity[][]> {
    let slot = this.slots[0];
    for (const s of this.slots) if (s.busy < slot.busy) slot = s;
    const job: Job = { id: this.nextId++, docs: docs.map(packDocument) };
    slot.busy++;
    return new Promise((resolve, reject) => {
      slot.waiting.set(job.id, { resolve, reject });
      slot.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/**
 * Old-space limit of a worker's heap. V8 grows a heap up to 4× its live
 * size between full collections when the limit is large (the main
 * thread's default), but by ~1.6× under a 1 GB limit: with a model copy per
 * worker this halves the RSS of `--jobs 2` (ner-gu on 50 MB: 484 → ~330 MB).
 * Workers get bounded batches of documents; one that needs more (a single
 * enormous JSONL document) is refused with a message naming --jobs 1.
 */
export const WORKER_OLD_SPACE_MB = 1024;

/**
 * The streamed annotate loop: parts in, model, parts out, in input order.
 * A bounded number of batches is in flight (annotated inline, or by worker
 * threads for --jobs), so memory does not grow with the input.
 */
import type { Document, Entity } from '../doc/types.js';
import type { Annotator } from '../annotate/annotator.js';
import type { Part } from './parts.js';
import type { PartWriter } from './writers.js';
import type { AlignmentReport } from '../formats/index.js';

/** Annotates a batch of documents (inline or in a worker pool). */
export interface BatchAnnotator {
  readonly name: string;
  annotate(docs: readonly Document[]): Promise<Entity[][]>;
}

/** A single in-process annotator as a batch annotator. */
export function inlineAnnotator(a: Annotator): BatchAnnotator {
  const all = (a as { annotateAll?: (docs: readonly Document[]) => Promise<Entity[][]> }).annotateAll;
  return {
    name: a.name,
    async annotate(docs) {
      if (all !== undefined) return all.call(a, docs);
      const out: Entity[][] = [];
      for (const d of docs) out.push(await a.annotate(d));
      return out;
    },
  };
}

export interface AnnotateStreamOptions {
  /** Batches in flight (default 2 per worker). */
  inFlight?: number;
  /** Tokens per batch before it is sent (default 8192). */
  batchTokens?: number;
  /** Called after each part is written. */
  onPart?: (part: Part) => void;
  /** Prepares a part before annotation (standoff documents get tokens). */
  prepare?: (part: Part) => Part;
}

/**
 * Runs every part through the model and the writer, in order. The
 * entities replace the part's own, each with its covered text and the
 * model name as source (as the whole-file annotate does).
 */
export async function annotateParts(parts: AsyncIterable<Part>, model: BatchAnnotator, writer: PartWriter, opts: AnnotateStreamOptions = {}): Promise<AlignmentReport> {
  const inFlight = Math.max(1, opts.inFlight ?? 2);
  const batchTokens = opts.batchTokens ?? 8192;
  const queue: { parts: Part[]; result: Promise<Entity[][]> }[] = [];
  let batch: Part[] = [];
  let tokens = 0;
  const send = (): void => {
    if (batch.length === 0) return;
    const docs = batch.map((p) => p.document);
    queue.push({ parts: batch, result: model.annotate(docs) });
    batch = [];
    tokens = 0;
  };
  const drainOne = async (): Promise<void> => {
    const job = queue.shift()!;
    const entities = await job.result;
    job.parts.forEach((p, i) => {
      const doc = p.document;
      p.document = { ...doc, entities: entities[i].map((e) => ({ ...e, text: doc.text.slice(e.start, e.end), source: e.source ?? model.name })) };
      writer.write(p);
      opts.onPart?.(p);
    });
  };
  try {
    for await (const raw of parts) {
      const p = opts.prepare ? opts.prepare(raw) : raw;
      batch.push(p);
      tokens += p.document.tokens.length;
      if (tokens >= batchTokens) send();
      while (queue.length >= inFlight) await drainOne();
    }
    send();
    while (queue.length > 0) await drainOne();
  } catch (err) {
    // let the jobs still running settle before the writer is dropped
    await Promise.allSettled(queue.map((q) => q.result));
    writer.abort();
    throw err;
  }
  return writer.end();
}

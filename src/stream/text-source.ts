/**
 * Raw text as parts of one document: the chunks of the file go through the
 * tokenizer stream (SentenceStream), each batch of finished sentences
 * becomes a part. The tokens and sentences are the ones `documentFromText`
 * gives on the whole text (the stream's property, tested in
 * test/segment-stream.test.ts), except that a run longer than the stream's
 * bounded sentence length is cut.
 *
 * The stream drops whitespace it skips between batches; the raw chunks are
 * kept in step (`tail`) so each part carries the exact text before it.
 */
import { readTextChunks } from '../text/utf8-chunks.js';
import { SentenceStream, type Batch } from '../segment/stream.js';
import type { Document, Sentence } from '../doc/types.js';
import type { Part } from './parts.js';

export interface TextSourceOptions {
  softNewlines?: boolean;
  /** Longest sentence in UTF-16 units before it is cut (the tokenizer stream's default when absent). */
  maxSentence?: number;
  /** Bytes per chunk read (default 64 KB, as the tokenize CLI). */
  chunkBytes?: number;
  /** Receives the bytes read. */
  progress?: { bytes: number };
}

/** The parts of a raw text file (or stdin for '-'), as one document `id`. */
export async function* textParts(path: string, id: string, opts: TextSourceOptions = {}): AsyncGenerator<Part> {
  const chunks = readTextChunks(path, opts.chunkBytes);
  const stream = new SentenceStream({ softNewlines: opts.softNewlines, maxSentence: opts.maxSentence });
  let tail = ''; // raw text not yet in a part
  let tailCp = 0; // code point offset of tail[0]
  let pending: Part | undefined;
  let first = true;
  const take = (b: Batch): Part => {
    // the skipped text is whitespace (never astral): its code points are its units
    const skip = b.base - tailCp;
    const before = tail.slice(0, skip);
    if (!tail.startsWith(b.text, skip)) throw new Error(`internal: tokenizer stream batch at code point ${b.base} is not the input text`);
    tail = tail.slice(skip + b.text.length);
    tailCp = b.base + b.codePointLength;
    const part: Part = { doc: 0, id, first, last: false, document: batchDocument(id, b), cpBase: b.base, before, after: '' };
    first = false;
    return part;
  };
  for await (const chunk of chunks) {
    if (opts.progress !== undefined) opts.progress.bytes += Buffer.byteLength(chunk);
    tail += chunk;
    const b = stream.push(chunk);
    if (b === undefined) continue;
    const part = take(b);
    if (pending !== undefined) yield pending;
    pending = part;
  }
  const b = stream.finish();
  if (b !== undefined) {
    const part = take(b);
    if (pending !== undefined) yield pending;
    pending = part;
  }
  if (pending === undefined) {
    // empty or whitespace-only input: one empty document, as documentFromText gives
    yield { doc: 0, id, first: true, last: true, document: { id, text: '', sentences: [], tokens: [], entities: [] }, cpBase: 0, before: tail, after: '' };
    return;
  }
  pending.last = true;
  pending.after = tail;
  yield pending;
}

/** A batch of the tokenizer stream as a Document of its own text. */
function batchDocument(id: string, b: Batch): Document {
  const sentences: Sentence[] = b.sentences.map((s) => ({ text: s.text, start: s.start, end: s.end }));
  return { id, text: b.text, sentences, tokens: b.spans.toTokens(b.text, 0, b.tokenCount), entities: [] };
}

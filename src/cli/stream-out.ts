/**
 * Streaming text through the tokenizer and splitter to stdout, shared by
 * `gujnlp tokenize` and `gujnlp split`: each command only encodes a batch.
 */
import { readTextChunks } from '../text/utf8-chunks.js';
import { SentenceStream, type Batch } from '../segment/stream.js';
import { Utf8Out, stdoutSink } from '../text/utf8-out.js';
import { warmUp } from '../segment/warmup.js';

/** Code point offsets of a batch: base + OffsetMap, with a shortcut for BMP-only batches (the map is the identity there). */
export function cpOf(b: Batch): (u16: number) => number {
  const base = b.base;
  if (b.bmpOnly) return (u) => base + u;
  let offsets: Batch['offsets'] | undefined; // built on the first offset printed (never for --format text)
  return (u) => base + (offsets ??= b.offsets).toCodePoint(u);
}

/**
 * Streams a file (or stdin) through the tokenizer and splitter to stdout:
 * `write` encodes each batch into the output buffer. A JIT warm-up runs
 * first on a sample with every token kind (see segment/warmup.ts; its
 * output is dropped). A regular file is read synchronously, with no
 * promise per chunk unless stdout asks to wait.
 */
export async function writeStream(file: string, softNewlines: boolean, write: (b: Batch, out: Utf8Out) => void): Promise<void> {
  const input = readTextChunks(file); // fails at once on a missing or invalid file
  const scratch = new Utf8Out(() => true, 1 << 16);
  await warmUp((b) => write(b, scratch), { softNewlines });
  await scratch.flush();
  const out = new Utf8Out(stdoutSink());
  const stream = new SentenceStream({ softNewlines });
  const take = (batch: Batch | undefined): Promise<void> | undefined => {
    if (batch === undefined) return undefined;
    write(batch, out);
    return out.flushSync();
  };
  if (Symbol.iterator in input) {
    for (const chunk of input) {
      const wait = take(stream.push(chunk));
      if (wait !== undefined) await wait;
    }
  } else {
    for await (const chunk of input) await take(stream.push(chunk));
  }
  await take(stream.finish());
  await out.flush();
}

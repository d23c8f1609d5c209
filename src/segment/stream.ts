/**
 * Tokenizes and splits a text that arrives in chunks, with memory bounded
 * by the chunk size (plus the longest sentence), and gives the same
 * sentences and tokens as one call on the whole text.
 *
 * Each round takes the held-back text plus the new chunk up to its last
 * whitespace (so every whitespace-free run in it is complete), tokenizes
 * it and emits all sentences but the last: a sentence's end is decided by
 * the tokens after it, and no decision looks further than the next run,
 * so everything before the start of the last sentence is final. The last
 * sentence and the unfinished run are carried into the next round. Offsets of the emitted batch
 * are converted to code points with an OffsetMap of the batch text plus a
 * running code-point base.
 *
 * `SentenceStream` does one round per `push` (synchronous: the CLI reads a
 * file with no promise per chunk); `streamSentences` wraps it for any
 * (async) iterable of chunks.
 */
import { TokenSpans } from '../tokenize/spans.js';
import { OffsetMap, codePointLength } from '../text/offsets.js';
import { isSpaceAt } from '../text/chars.js';
import { defaultTokenizer, type Tokenizer } from '../tokenize/index.js';
import { segmentSpans, type SentenceSpan } from './index.js';

export interface Batch {
  /** The text these spans index (UTF-16 offsets). */
  text: string;
  /** Token columns; the batch's tokens are 0 .. tokenCount-1 (later ones belong to the next batch). Reused: valid until the next batch is requested. */
  spans: TokenSpans;
  tokenCount: number;
  sentences: SentenceSpan[];
  /** Converts this batch's UTF-16 offsets to code points within the batch (built on first use). */
  readonly offsets: OffsetMap;
  /** Code point offset of `text[0]` in the whole input. */
  base: number;
  /**
   * True when the batch has no astral character: then its OffsetMap is the
   * identity and `base + u16` is the code point offset (a fast path the CLI
   * takes; everything else goes through `offsets`).
   */
  bmpOnly: boolean;
  /** Length in code points. */
  codePointLength: number;
}

const ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** Surrogate pairs in `text` (one regex scan; the OffsetMap is built only for formats that print offsets). */
function astralCount(text: string): number {
  ASTRAL.lastIndex = 0;
  let n = 0;
  while (ASTRAL.test(text)) n++;
  return n;
}

/** A batch as a class instance (an object literal with a getter per batch kept the GC busy: see makeBatch). */
class StreamBatch implements Batch {
  private map: OffsetMap | undefined;
  readonly bmpOnly: boolean;
  readonly codePointLength: number;

  constructor(
    readonly text: string,
    readonly spans: TokenSpans,
    readonly tokenCount: number,
    readonly sentences: SentenceSpan[],
    readonly base: number,
  ) {
    const pairs = astralCount(text);
    this.bmpOnly = pairs === 0;
    this.codePointLength = text.length - pairs;
  }

  get offsets(): OffsetMap {
    return (this.map ??= new OffsetMap(this.text));
  }
}

function makeBatch(text: string, spans: TokenSpans, tokenCount: number, sentences: SentenceSpan[], base: number): Batch {
  return new StreamBatch(text, spans, tokenCount, sentences, base);
}

export interface StreamOptions {
  softNewlines?: boolean;
  tokenizer?: Tokenizer;
  /**
   * Longest sentence held back, in UTF-16 units (default 4 Mi): a longer run
   * without a sentence end is cut at a whitespace, so memory stays bounded
   * and time linear even for a huge single-line file.
   */
  maxSentence?: number;
}

/**
 * The streaming state: `push` a chunk, get the batch of sentences it
 * completed (if any); `finish` gives the rest. Synchronous, so a caller
 * reading a file synchronously pays no promise per chunk.
 */
export class SentenceStream {
  private readonly tokenizer: Tokenizer;
  private readonly maxSentence: number;
  private readonly segOpts: { softNewlines?: boolean; abbreviations: Tokenizer['abbreviations'] };
  private pending = '';
  /** True when `pending` is known to hold no whitespace (it is then not scanned again: a huge line without spaces stays linear). */
  private pendingRun = true;
  private base = 0;
  /** Reused: a batch's spans are valid until the next batch. */
  private readonly columns = new TokenSpans(1 << 12); // grows to fit a chunk

  constructor(opts: StreamOptions = {}) {
    this.tokenizer = opts.tokenizer ?? defaultTokenizer();
    this.maxSentence = opts.maxSentence ?? 4 * 1024 * 1024;
    this.segOpts = { softNewlines: opts.softNewlines, abbreviations: this.tokenizer.abbreviations };
  }

  /** Takes the next chunk of text; returns the sentences it completed, or undefined. */
  push(chunk: string): Batch | undefined {
    if (chunk === '') return undefined;
    const pending = this.pending;
    // only whole whitespace-free runs are final: work up to the last whitespace
    // (head), keep the rest (text = head + rest)
    let c = chunk.length;
    while (c > 0 && !isSpaceAt(chunk, c - 1)) c--;
    let head: string;
    let rest: string;
    if (c > 0) {
      // join copies into one flat string, where `pending + chunk` then a slice
      // would give a cons or a sliced string, flattened on first access: the
      // scanner always sees the same kind of string (mixing kinds deoptimizes it)
      head = [pending, chunk.slice(0, c)].join('');
      rest = chunk.slice(c);
    } else {
      let w = 0;
      if (!this.pendingRun) {
        w = pending.length;
        while (w > 0 && !isSpaceAt(pending, w - 1)) w--;
      }
      head = pending.slice(0, w);
      rest = pending.slice(w) + chunk;
      if (rest.length > this.maxSentence) return this.cutRun(head, rest);
    }
    const w = head.length;
    const spans = this.tokenizer.spans(head, this.columns);
    const sentences = segmentSpans(head, spans, this.segOpts);
    if (sentences.length === 1 && head.length - sentences[0].start > this.maxSentence) {
      // a "sentence" longer than maxSentence (a huge file without terminators or
      // line breaks): cut it at the last whitespace rather than hold it all
      const batch = makeBatch(head, spans, spans.length, sentences, this.base);
      this.base += batch.codePointLength;
      this.pending = rest;
      this.pendingRun = true;
      return batch;
    }
    if (sentences.length < 2) {
      // whitespace only, or one unfinished sentence: hold it all (leading whitespace is dropped)
      const from = sentences.length === 0 ? w : sentences[0].start;
      this.base += codePointLength(head.slice(0, from));
      this.pending = head.slice(from) + rest;
      this.pendingRun = from === w;
      return undefined;
    }
    const last = sentences[sentences.length - 1];
    const done = head.slice(0, last.start);
    const batch = makeBatch(done, spans, last.firstToken, sentences.slice(0, -1), this.base);
    this.base += batch.codePointLength;
    this.pending = head.slice(last.start) + rest;
    this.pendingRun = false;
    return batch;
  }

  /**
   * A run without whitespace longer than maxSentence (a huge line without
   * spaces): cut before its last token, which may be unfinished, so memory
   * stays bounded and time linear. Tokens next to the cut are the only
   * ones that can differ from the whole-text tokenization.
   */
  private cutRun(head: string, run: string): Batch {
    const spans = this.tokenizer.spans(run, this.columns);
    const cut = spans.length > 1 ? spans.starts[spans.length - 1] : run.length;
    const text = [head, run.slice(0, cut)].join('');
    const all = this.tokenizer.spans(text, this.columns);
    const sentences = segmentSpans(text, all, this.segOpts);
    const batch = makeBatch(text, all, all.length, sentences, this.base);
    this.base += batch.codePointLength;
    this.pending = run.slice(cut);
    this.pendingRun = true;
    return batch;
  }

  /** The sentences still held back, at the end of the input (or undefined). */
  finish(): Batch | undefined {
    const pending = this.pending;
    if (pending === '') return undefined;
    this.pending = '';
    this.pendingRun = true;
    const spans = this.tokenizer.spans(pending, this.columns);
    const sentences = segmentSpans(pending, spans, this.segOpts);
    const batch = makeBatch(pending, spans, spans.length, sentences, this.base);
    this.base += batch.codePointLength;
    return batch;
  }
}

export async function* streamSentences(chunks: AsyncIterable<string> | Iterable<string>, opts: StreamOptions = {}): AsyncGenerator<Batch> {
  const stream = new SentenceStream(opts);
  for await (const chunk of chunks) {
    const batch = stream.push(chunk);
    if (batch !== undefined) yield batch;
  }
  const rest = stream.finish();
  if (rest !== undefined) yield rest;
}

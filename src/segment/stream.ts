/**
 * Tokenizes and splits a text that arrives in chunks, with memory bounded
 * by the chunk size (plus the longest sentence), and gives the same
 * sentences and tokens as one call on the whole text.
 *
 * Each round tokenizes the held-back text plus the new chunk and emits all
 * sentences but the last: a sentence's end is decided by the token after
 * it, and tokens look ahead no further than into the next token, so
 * everything before the start of the last sentence is final. The last
 * sentence is carried into the next round. Offsets of the emitted batch
 * are converted to code points with an OffsetMap of the batch text plus a
 * running code-point base.
 */
import type { Token } from '../doc/types.js';
import { OffsetMap } from '../text/offsets.js';
import { defaultTokenizer, type Tokenizer } from '../tokenize/index.js';
import { segmentTokens, type SentenceSpan } from './index.js';

export interface Batch {
  /** The text these spans index (UTF-16 offsets). */
  text: string;
  tokens: Token[];
  sentences: SentenceSpan[];
  /** Converts this batch's UTF-16 offsets to code points within the batch. */
  offsets: OffsetMap;
  /** Code point offset of `text[0]` in the whole input. */
  base: number;
}

export interface StreamOptions {
  softNewlines?: boolean;
  tokenizer?: Tokenizer;
}

export async function* streamSentences(chunks: AsyncIterable<string> | Iterable<string>, opts: StreamOptions = {}): AsyncGenerator<Batch> {
  const tokenizer = opts.tokenizer ?? defaultTokenizer();
  const segOpts = { softNewlines: opts.softNewlines, abbreviations: tokenizer.abbreviations };
  let pending = '';
  let base = 0;
  for await (const chunk of chunks) {
    if (chunk === '') continue;
    const text = pending + chunk;
    const tokens = tokenizer.tokenize(text);
    const sentences = segmentTokens(text, tokens, segOpts);
    if (sentences.length < 2) {
      // whitespace only, or one unfinished sentence: hold it all (whitespace is dropped)
      pending = sentences.length === 0 ? '' : text.slice(sentences[0].start);
      if (sentences.length === 0) base += new OffsetMap(text).codePointLength;
      else base += new OffsetMap(text.slice(0, sentences[0].start)).codePointLength;
      continue;
    }
    const last = sentences[sentences.length - 1];
    const cut = last.start;
    const done = text.slice(0, cut);
    const keep = sentences.slice(0, -1);
    const offsets = new OffsetMap(done);
    yield { text: done, tokens: tokens.slice(0, last.firstToken), sentences: keep, offsets, base };
    base += offsets.codePointLength;
    pending = text.slice(cut);
  }
  if (pending !== '') {
    const tokens = tokenizer.tokenize(pending);
    const sentences = segmentTokens(pending, tokens, segOpts);
    yield { text: pending, tokens, sentences, offsets: new OffsetMap(pending), base };
  }
}

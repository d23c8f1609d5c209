/**
 * `documentFromText(id, text)`: a Document with sentences and tokens (no
 * entities yet), all UTF-16 spans of `text`. Sentences are built from the
 * tokens, so every token lies inside exactly one sentence.
 */
import type { Document } from '../doc/types.js';
import { defaultTokenizer, type Tokenizer } from '../tokenize/index.js';
import { segmentSpans } from './index.js';

export interface FromTextOptions {
  /** Single line breaks are spaces; only blank lines end a sentence without a terminator. */
  softNewlines?: boolean;
  tokenizer?: Tokenizer;
  meta?: Record<string, unknown>;
}

export function documentFromText(id: string, text: string, opts: FromTextOptions = {}): Document {
  const tokenizer = opts.tokenizer ?? defaultTokenizer();
  const columns = tokenizer.spans(text);
  const spans = segmentSpans(text, columns, { softNewlines: opts.softNewlines, abbreviations: tokenizer.abbreviations });
  const tokens = columns.toTokens(text);
  const doc: Document = {
    id,
    text,
    sentences: spans.map((s) => ({ text: s.text, start: s.start, end: s.end })),
    tokens,
    entities: [],
  };
  if (opts.meta !== undefined) doc.meta = opts.meta;
  return doc;
}

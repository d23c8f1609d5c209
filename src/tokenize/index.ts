/**
 * `tokenize(text)`: Gujarati-aware tokens as spans of the original text.
 *
 * Stages, named as in HF tokenizers: pre-tokenization splits at whitespace
 * (JS `\s` plus the invisible separators of `src/text/punctuation.txt`);
 * the model applies the rules of `scanner.ts` to each piece (words keep
 * their combining marks, numbers, abbreviations from
 * `src/lang/gu/abbreviations.txt`, URLs, emails, hashtags, mentions, emoji
 * clusters, punctuation); post-processing extends every token over the
 * grapheme extenders that follow it. Offsets are UTF-16 indices, so
 * `text.slice(t.start, t.end) === t.text`; print them through OffsetMap.
 */
import type { Token } from '../doc/types.js';
import { defaultAbbreviations, type AbbreviationSet } from '../lang/gu/abbreviations.js';
import { scanTokens } from './scanner.js';
import { TokenSpans } from './spans.js';

export { TokenSpans, KIND_CODE, KIND_NAMES } from './spans.js';

export interface TokenizerOptions {
  /** Abbreviation list; default: the project's `src/lang/gu/abbreviations.txt`. */
  abbreviations?: AbbreviationSet;
}

/** A tokenizer bound to its language data. */
export class Tokenizer {
  readonly abbreviations: AbbreviationSet;

  constructor(opts: TokenizerOptions = {}) {
    this.abbreviations = opts.abbreviations ?? defaultAbbreviations();
  }

  /** Tokens of `text`; offsets are UTF-16 indices (plus `base`). */
  tokenize(text: string, base = 0): Token[] {
    return this.spans(text).toTokens(text, 0, undefined, base);
  }

  /**
   * The fast path: tokens as columns of offsets and kind codes, no object
   * per token. `into` is emptied and reused (saves allocating the columns
   * again for every chunk of a stream).
   */
  spans(text: string, into?: TokenSpans): TokenSpans {
    if (into !== undefined) into.length = 0;
    return scanTokens(text, { abbreviations: this.abbreviations }, into);
  }
}

let shared: Tokenizer | undefined;

/** The default tokenizer (project data files), created on first use. */
export function defaultTokenizer(): Tokenizer {
  return (shared ??= new Tokenizer());
}

/** Tokens of `text` with the default tokenizer. */
export function tokenize(text: string): Token[] {
  return defaultTokenizer().tokenize(text);
}

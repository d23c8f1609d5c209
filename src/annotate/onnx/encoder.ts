/**
 * Words to model input ids: each word's subword pieces (cached), and the
 * special tokens framing a sequence. gujnlp's own tokenizer (./tokenizer/)
 * runs tokenizer.json exactly as Python does; transformers.js's tokenizer is
 * the fallback for layouts gujnlp does not implement (with a warning).
 */
import { tokenizerFromJson, UnsupportedTokenizer, type Frame, type WordTokenizer } from './tokenizer/index.js';
import type { TfTokenizer } from './loader.js';

export interface Encoder {
  /** Who tokenizes: gujnlp (as Python) or transformers.js (fallback). */
  readonly by: 'gujnlp' | 'transformers.js';
  readonly frame: Frame;
  /** Ids of a word's pieces (cached; do not modify). */
  ids(word: string): Int32Array;
  /** The pieces themselves, for inspection and tests. */
  pieces(word: string): string[];
}

const CACHE_LIMIT = 200_000;

function cached(f: (word: string) => Int32Array): (word: string) => Int32Array {
  const cache = new Map<string, Int32Array>();
  return (word) => {
    let ids = cache.get(word);
    if (ids === undefined) {
      ids = f(word);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, ids);
    }
    return ids;
  };
}

/** gujnlp's tokenizer for a tokenizer.json, or the reason it cannot run it. */
export function gujnlpEncoder(tokenizerJson: Record<string, unknown>): Encoder | UnsupportedTokenizer {
  let tok: WordTokenizer;
  try {
    tok = tokenizerFromJson(tokenizerJson);
  } catch (e) {
    if (e instanceof UnsupportedTokenizer) return e;
    throw e;
  }
  return {
    by: 'gujnlp',
    frame: tok.frame,
    ids: cached((w) => Int32Array.from(tok.pieces(w), (p) => p[1])),
    pieces: (w) => tok.pieces(w).map((p) => p[0]),
  };
}

export function transformersEncoder(tokenizer: TfTokenizer): Encoder {
  // Special tokens around one sequence, as the tokenizer's post-processor adds them.
  const SENTINEL = '\u0000gujnlp\u0000';
  const framed = tokenizer.post_processor ? tokenizer.post_processor([SENTINEL], null, { add_special_tokens: true }).tokens : [SENTINEL];
  const at = framed.indexOf(SENTINEL);
  const prefix = tokenizer.model.convert_tokens_to_ids(framed.slice(0, at));
  const suffix = tokenizer.model.convert_tokens_to_ids(framed.slice(at + 1));
  const encode = (w: string) => tokenizer.encode(w, null, { add_special_tokens: false });
  return {
    by: 'transformers.js',
    frame: { prefix, suffix, prefixTypes: prefix.map(() => 0), suffixTypes: suffix.map(() => 0), typeId: 0 },
    ids: cached((w) => Int32Array.from(encode(w))),
    pieces: (w) => tokenizer.model.convert_ids_to_tokens(encode(w)),
  };
}

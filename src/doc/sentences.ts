/**
 * Tokens of each sentence: the one grouping every stage uses (tag
 * sequences in files, models that work per sentence, evaluation).
 *
 * Tokens (sorted, non-overlapping) are cut into consecutive groups: the
 * tokens inside a sentence span form one group; a run of tokens outside
 * every sentence forms a group of its own, never merged into a real
 * sentence nor with stray tokens elsewhere in the text; a token crossing
 * a sentence end stands alone. A document without sentences is one group.
 * Every token is in exactly one group, in document order.
 */
import type { Document, Token } from './types.js';

/** Token indices [start, end) of one group. */
export interface TokenRange {
  start: number;
  end: number;
}

export function sentenceTokenRanges(doc: Pick<Document, 'tokens' | 'sentences'>): TokenRange[] {
  const { tokens, sentences } = doc;
  if (tokens.length === 0) return sentences.length === 0 ? [{ start: 0, end: 0 }] : [];
  const out: TokenRange[] = [];
  let s = 0;
  let i = 0;
  while (i < tokens.length) {
    while (s < sentences.length && sentences[s].end <= tokens[i].start) s++;
    const sent = s < sentences.length && sentences[s].start <= tokens[i].start ? sentences[s] : null;
    const first = i;
    if (sent) {
      while (i < tokens.length && tokens[i].end <= sent.end) i++;
      if (i === first) i++; // a token crossing the sentence end: alone rather than loop
    } else {
      const nextStart = s < sentences.length ? sentences[s].start : Infinity;
      while (i < tokens.length && tokens[i].start < nextStart) i++;
    }
    out.push({ start: first, end: i });
  }
  return out;
}

/** The tokens of each group of `sentenceTokenRanges`. */
export function tokensBySentence(doc: Pick<Document, 'tokens' | 'sentences'>): Token[][] {
  return sentenceTokenRanges(doc).map((r) => doc.tokens.slice(r.start, r.end));
}

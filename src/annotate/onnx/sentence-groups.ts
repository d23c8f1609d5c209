/**
 * Token index ranges per sentence, flat: [first0, last0, first1, last1, ...].
 * Tokens outside every sentence (documents without sentence spans) form
 * runs of their own.
 */
import type { Document } from '../../doc/types.js';

export function sentenceGroups(doc: Document): Int32Array {
  const { tokens, sentences } = doc;
  const out = new Int32Array(2 * tokens.length);
  let o = 0;
  let s = 0;
  let i = 0;
  while (i < tokens.length) {
    while (s < sentences.length && sentences[s].end <= tokens[i].start) s++;
    const sent = s < sentences.length && sentences[s].start <= tokens[i].start ? sentences[s] : null;
    const first = i;
    if (sent) {
      while (i < tokens.length && tokens[i].end <= sent.end) i++;
      if (i === first) i++; // a token crossing the sentence end: keep it alone rather than loop
    } else {
      const nextStart = s < sentences.length ? sentences[s].start : Infinity;
      while (i < tokens.length && tokens[i].start < nextStart) i++;
    }
    out[o++] = first;
    out[o++] = i;
  }
  return out.subarray(0, o);
}

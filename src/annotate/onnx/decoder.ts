/**
 * Word labels to entities: model labels mapped onto the schema, then the
 * tags of each sentence decoded by src/tags/decode.ts (the one place tags
 * become entities), with the mean probability of the words as the score.
 */
import type { Document, Entity } from '../../doc/types.js';
import type { TagScheme } from '../../tags/scheme.js';
import { decodeTags } from '../../tags/decode.js';
import type { MappedLabel } from './labels.js';
import type { WordPredictions } from './runner.js';
import type { OnnxStats } from './stats.js';

export interface DecodeInput {
  docs: readonly Document[];
  /** Index of each document's first token in the joined token list (docs.length + 1 entries). */
  tokenBase: Int32Array;
  /** Sentence token ranges of each document, over the joined token list. */
  groups: readonly Int32Array[];
  predictions: WordPredictions;
}

export function makeDecoder(modelLabels: readonly string[], mapped: readonly MappedLabel[], scheme: TagScheme, source: string) {
  const isEntity = Uint8Array.from(mapped, (m) => (m.tag === 'O' ? 0 : 1));
  const isDropped = Uint8Array.from(mapped, (m) => (m.dropped ? 1 : 0));

  return function decode({ docs, tokenBase, groups, predictions }: DecodeInput, stats: OnnxStats): Entity[][] {
    const { labelIds, probs } = predictions;
    // Entity stretches (first to last entity tag of a sentence) of all
    // sentences, joined by an O, decoded in one call: an O ends any chunk and
    // starts none, so this gives exactly the per-sentence chunks.
    const tags: string[] = [];
    const tokenAt: number[] = [];
    for (let d = 0; d < docs.length; d++) {
      const part = groups[d];
      for (let g = 0; g < part.length; g += 2) {
        let lo = -1;
        let hi = -1;
        for (let k = part[g]; k < part[g + 1]; k++) {
          const id = labelIds[k];
          if (id < 0) continue;
          if (isDropped[id]) stats.dropped[modelLabels[id]] = (stats.dropped[modelLabels[id]] ?? 0) + 1;
          if (isEntity[id]) {
            if (lo < 0) lo = k;
            hi = k + 1;
          }
        }
        if (lo < 0) continue;
        for (let k = lo; k < hi; k++) {
          tags.push(labelIds[k] < 0 ? 'O' : mapped[labelIds[k]].tag);
          tokenAt.push(k);
        }
        tags.push('O');
        tokenAt.push(-1);
      }
      stats.sentences += part.length / 2;
      stats.words += docs[d].tokens.length;
      stats.documents++;
    }
    const out: Entity[][] = docs.map(() => []);
    let d = 0;
    for (const chunk of decodeTags(tags, { mode: 'default', scheme })) {
      const a = tokenAt[chunk.start];
      const b = tokenAt[chunk.end - 1] + 1;
      while (a >= tokenBase[d + 1]) d++;
      const doc = docs[d];
      let score = 0;
      for (let k = a; k < b; k++) score += probs[k];
      const start = doc.tokens[a - tokenBase[d]].start;
      const end = doc.tokens[b - 1 - tokenBase[d]].end;
      out[d].push({ start, end, label: chunk.type, text: doc.text.slice(start, end), source, score: score / (b - a) });
    }
    return out;
  };
}

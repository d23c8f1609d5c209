/**
 * The little IOB2 handling the tagger needs for itself: repair gold tags
 * into sequences its constrained decoder can produce, read chunks off them,
 * and an exact-match entity F1 for picking the best epoch on dev. Scoring
 * for users is done by `src/eval/`, not here.
 */
import type { Chunk } from '../../tags/scheme.js';

/** `I-X` after `O`, the start, or another type becomes `B-X` (conlleval's reading of such tags). */
export function repairIob2(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t !== 'O' && !/^[BI]-./.test(t)) throw new RangeError(`not an IOB2 tag: ${JSON.stringify(t)}`);
    if (t.startsWith('I-')) {
      const prev = out[i - 1];
      if (prev === undefined || prev === 'O' || prev.slice(2) !== t.slice(2)) {
        out.push(`B-${t.slice(2)}`);
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** Chunks of a valid IOB2 sequence (see {@link repairIob2}); token indices, end exclusive. */
export function chunksOfIob2(tags: readonly string[]): Chunk[] {
  const fixed = repairIob2(tags);
  const chunks: Chunk[] = [];
  let open: Chunk | undefined;
  for (let i = 0; i < fixed.length; i++) {
    const t = fixed[i];
    if (t.startsWith('I-') && open) {
      open.end = i + 1;
      continue;
    }
    if (open) chunks.push(open);
    open = t.startsWith('B-') ? { type: t.slice(2), start: i, end: i + 1 } : undefined;
  }
  if (open) chunks.push(open);
  return chunks;
}

/** Micro-averaged exact-match entity precision, recall and F1 over sentences. */
export function entityF1(gold: readonly Chunk[][], pred: readonly Chunk[][]): { precision: number; recall: number; f1: number } {
  let tp = 0;
  let ng = 0;
  let np = 0;
  for (let s = 0; s < gold.length; s++) {
    const g = new Set(gold[s].map((c) => `${c.type}\t${c.start}\t${c.end}`));
    ng += g.size;
    np += pred[s].length;
    for (const c of pred[s]) if (g.has(`${c.type}\t${c.start}\t${c.end}`)) tp++;
  }
  const precision = np === 0 ? 0 : tp / np;
  const recall = ng === 0 ? 0 : tp / ng;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

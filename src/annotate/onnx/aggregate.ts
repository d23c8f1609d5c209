/**
 * From subword-piece logits to one label per word. Strategies as in Hugging
 * Face's token-classification pipeline: `first` (the first piece decides),
 * `max` (the piece with the most confident label decides), `average` (mean
 * of the pieces' probabilities).
 */

export const AGGREGATIONS = ['first', 'max', 'average'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export function isAggregation(s: string): s is Aggregation {
  return (AGGREGATIONS as readonly string[]).includes(s);
}

export interface WordLabel {
  /** Model label id. */
  id: number;
  /** Probability of that label for the word under the strategy (NaN when not asked for). */
  prob: number;
}

/** Index of the largest logit of a row (ties: lowest id). Softmax keeps the order. */
function argmaxRow(logits: ArrayLike<number>, base: number, L: number): number {
  let best = 0;
  let max = logits[base];
  for (let k = 1; k < L; k++) {
    if (logits[base + k] > max) {
      max = logits[base + k];
      best = k;
    }
  }
  return best;
}

/** Softmax probability of label `id` in a row. */
function probOf(logits: ArrayLike<number>, base: number, L: number, id: number): number {
  let max = -Infinity;
  for (let k = 0; k < L; k++) if (logits[base + k] > max) max = logits[base + k];
  let sum = 0;
  for (let k = 0; k < L; k++) sum += Math.exp(logits[base + k] - max);
  return Math.exp(logits[base + id] - max) / sum;
}

/** Softmax of a row added into `acc`. */
function addSoftmax(logits: ArrayLike<number>, base: number, L: number, acc: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < L; k++) if (logits[base + k] > max) max = logits[base + k];
  let sum = 0;
  for (let k = 0; k < L; k++) sum += Math.exp(logits[base + k] - max);
  for (let k = 0; k < L; k++) acc[k] += Math.exp(logits[base + k] - max) / sum;
}

/**
 * Label of a word whose pieces are rows [row, row+count) of `logits`
 * (flattened [rows, L]), written into `out` (reused, no allocation).
 * `needProb[id]` (1/0) says whether the label's probability is wanted: words
 * that end up `O` need none, which spares most exponentials.
 * `acc` is scratch space of at least L floats.
 */
export function aggregateWord(logits: ArrayLike<number>, row: number, count: number, L: number, strategy: Aggregation, needProb: Uint8Array, acc: Float64Array, out: WordLabel): WordLabel {
  if (strategy === 'first' || count === 1) {
    const id = argmaxRow(logits, row * L, L);
    out.id = id;
    out.prob = needProb[id] ? probOf(logits, row * L, L, id) : NaN;
    return out;
  }
  if (strategy === 'max') {
    let bestId = 0;
    let bestProb = -1;
    for (let r = row; r < row + count; r++) {
      const id = argmaxRow(logits, r * L, L);
      const p = probOf(logits, r * L, L, id);
      if (p > bestProb) {
        bestProb = p;
        bestId = id;
      }
    }
    out.id = bestId;
    out.prob = bestProb;
    return out;
  }
  acc.fill(0, 0, L);
  for (let r = row; r < row + count; r++) addSoftmax(logits, r * L, L, acc);
  let best = 0;
  for (let k = 1; k < L; k++) if (acc[k] > acc[best]) best = k;
  out.id = best;
  out.prob = acc[best] / count;
  return out;
}

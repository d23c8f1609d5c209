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
  /** Probability of that label for the word under the strategy. */
  prob: number;
}

/** Softmax of logits[row*L .. row*L+L) into `out` (length L). */
export function softmaxRow(logits: ArrayLike<number>, row: number, L: number, out: Float64Array): void {
  const base = row * L;
  let max = -Infinity;
  for (let k = 0; k < L; k++) if (logits[base + k] > max) max = logits[base + k];
  let sum = 0;
  for (let k = 0; k < L; k++) {
    const e = Math.exp(logits[base + k] - max);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < L; k++) out[k] /= sum;
}

function argmax(p: Float64Array, L: number): number {
  let best = 0;
  for (let k = 1; k < L; k++) if (p[k] > p[best]) best = k;
  return best;
}

/**
 * Label of a word whose pieces are rows [row, row+count) of `logits`
 * (flattened [rows, L]). `scratch` holds 2·L floats, reused across calls.
 */
export function aggregateWord(
  logits: ArrayLike<number>,
  row: number,
  count: number,
  L: number,
  strategy: Aggregation,
  scratch: Float64Array,
): WordLabel {
  const p = scratch.subarray(0, L);
  if (strategy === 'first' || count === 1) {
    softmaxRow(logits, row, L, p);
    const id = argmax(p, L);
    return { id, prob: p[id] };
  }
  if (strategy === 'max') {
    let bestId = 0;
    let bestProb = -1;
    for (let r = row; r < row + count; r++) {
      softmaxRow(logits, r, L, p);
      const id = argmax(p, L);
      if (p[id] > bestProb) {
        bestProb = p[id];
        bestId = id;
      }
    }
    return { id: bestId, prob: bestProb };
  }
  const acc = scratch.subarray(L, 2 * L);
  acc.fill(0);
  for (let r = row; r < row + count; r++) {
    softmaxRow(logits, r, L, p);
    for (let k = 0; k < L; k++) acc[k] += p[k];
  }
  for (let k = 0; k < L; k++) acc[k] /= count;
  const id = argmax(acc, L);
  return { id, prob: acc[id] };
}

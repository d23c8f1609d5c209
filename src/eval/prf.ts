/**
 * Precision, recall and F1 from counts: the one formula every score in
 * gujnlp uses (seqeval, conlleval, nervaluate, spans, segmentation,
 * agreement, bootstrap). P = correct/system, R = correct/gold, F1 =
 * 2PR/(P+R); 0 wherever a denominator is 0, as seqeval's zero_division=0
 * and conlleval do.
 */

/** The counts of one comparison: gold items, system items, and the correct ones among them. */
export interface Counts {
  gold: number;
  system: number;
  correct: number;
}

/** Counts with their precision, recall and F1. */
export interface PRF extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * P, R and F1 of `counts`. `scale` 100 gives percentages computed as
 * conlleval.pl does (100·correct/system, then 2PR/(P+R) on those).
 * `correct` may be fractional (nervaluate's half credit for partial matches).
 */
export function prf(counts: Counts, scale = 1): PRF {
  const { gold, system, correct } = counts;
  const precision = system > 0 ? (scale * correct) / system : 0;
  const recall = gold > 0 ? (scale * correct) / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { gold, system, correct, precision, recall, f1 };
}

/**
 * F1 alone, as 2·correct/(system+gold): the same value as `prf(...).f1` up
 * to rounding, with one division; for hot loops (the bootstrap's resampled
 * F1s) and symmetric agreement, where neither side is the gold.
 */
export function f1FromCounts(correct: number, system: number, gold: number): number {
  return system + gold === 0 ? 0 : (2 * correct) / (system + gold);
}

/** Sum of several counts (micro averaging). */
export function sumCounts(all: Iterable<Counts>): Counts {
  const out = { gold: 0, system: 0, correct: 0 };
  for (const c of all) {
    out.gold += c.gold;
    out.system += c.system;
    out.correct += c.correct;
  }
  return out;
}

/**
 * Paired bootstrap over sentences for comparing systems on the same gold
 * (Berg-Kirkpatrick, Burkett & Klein 2012, "An Empirical Investigation of
 * Statistical Significance in NLP", section 2.2 / Efron & Tibshirani 1993):
 *
 * 1. Draw B samples (default 1000) of n sentence indices with replacement
 *    from a seeded PRNG (mulberry32), the same samples for every system.
 * 2. Each system's micro F1 (entity level, seqeval default mode unless
 *    `mode: 'strict'`) on each sample, from summed per-sentence counts.
 * 3. 95% confidence interval of a system's F1: the 2.5th and 97.5th
 *    percentiles of its sample F1s (percentile method, linear interpolation).
 * 4. p-value of "A is better than B" where δ = F1(A) − F1(B) > 0 on the
 *    full data: the share of samples with δ(sample) > 2δ (the samples'
 *    δ are centred on δ, so this tests the null δ = 0). One-sided.
 */
import type { TagScheme } from '../tags/scheme.js';
import { chunkDefault, chunkStrict, tagInfo } from '../tags/decode.js';
import { ChunkList, addMatches } from './chunks.js';
import { encodeSequences, type TagCorpus } from './corpus.js';
import { evaluateCorpus, type EvalMode } from './evaluate.js';
import { fittingScheme } from '../tags/guess.js';
import { applyLabelMapping, type LabelMapping } from './mapping.js';
import { InputError } from '../io/errors.js';
import { f1FromCounts } from './prf.js';
import { mulberry32 } from '../util/random.js';

/** Entity counts per sentence. */
export interface SentenceCounts {
  tp: Int32Array;
  pred: Int32Array;
  gold: Int32Array;
}

/** Per-sentence exact-match entity counts of a corpus. */
export function sentenceCounts(c: TagCorpus, opts: { mode?: EvalMode; scheme?: TagScheme | null } = {}): SentenceCounts {
  const info = tagInfo(c.tags);
  const n = c.sentStart.length - 1;
  const out: SentenceCounts = { tp: new Int32Array(n), pred: new Int32Array(n), gold: new Int32Array(n) };
  const g = new ChunkList();
  const p = new ChunkList();
  const strict = opts.mode === 'strict';
  const scheme = opts.scheme ?? fittingScheme(c.tags);
  if (strict && scheme === null) throw new InputError('strict mode needs a tag scheme');
  for (let s = 0; s < n; s++) {
    const from = c.sentStart[s];
    const to = c.sentStart[s + 1];
    g.clear();
    p.clear();
    if (strict) {
      chunkStrict(c.gold, from, to, info.prefix, info.type, 0, scheme!, g.push);
      chunkStrict(c.pred, from, to, info.prefix, info.type, 0, scheme!, p.push);
    } else {
      chunkDefault(c.gold, from, to, info.prefix, info.type, 0, g.push);
      chunkDefault(c.pred, from, to, info.prefix, info.type, 0, p.push);
    }
    out.tp[s] = addMatches(g, p);
    out.pred[s] = p.n;
    out.gold[s] = g.n;
  }
  return out;
}

/** Percentile with linear interpolation between order statistics (numpy's default). */
export function percentile(sorted: Float64Array | number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Samples and seed used when none are given: compare, bench and the error analysis share them. */
export const BOOTSTRAP_DEFAULTS = { samples: 1000, seed: 12345 } as const;

export interface BootstrapOptions {
  samples?: number;
  seed?: number;
  /** Confidence level of the intervals (default 0.95). */
  confidence?: number;
}

export interface BootstrapResult {
  names: string[];
  f1: number[];
  /** [low, high] per system. */
  ci: Array<[number, number]>;
  /** pValue[a][b]: one-sided p of "a beats b" (null where a does not beat b on the full data). */
  pValue: Array<Array<number | null>>;
  samples: number;
  seed: number;
}

/** The bootstrap over per-sentence counts of several systems (same gold, same sentences). */
export function pairedBootstrap(names: readonly string[], counts: readonly SentenceCounts[], opts: BootstrapOptions = {}): BootstrapResult {
  const B = opts.samples ?? BOOTSTRAP_DEFAULTS.samples;
  const seed = opts.seed ?? BOOTSTRAP_DEFAULTS.seed;
  const conf = opts.confidence ?? 0.95;
  const k = counts.length;
  const n = k === 0 ? 0 : counts[0].gold.length;
  for (const c of counts) if (c.gold.length !== n) throw new InputError('bootstrap: systems have different numbers of sentences');
  const full = counts.map((c) => f1FromCounts(sum(c.tp), sum(c.pred), sum(c.gold)));
  const sampleF1 = resampleF1(counts, B, seed);
  const ci = sampleF1.map((xs) => percentileInterval(xs, conf));
  const pValue = names.map((_, a) =>
    names.map((__, c) => {
      const delta = full[a] - full[c];
      if (a === c || !(delta > 0)) return null;
      let over = 0;
      for (let b = 0; b < B; b++) if (sampleF1[a][b] - sampleF1[c][b] > 2 * delta) over++;
      return over / B;
    }),
  );
  return { names: [...names], f1: full, ci, pValue, samples: B, seed };
}

/**
 * The F1 of each count set on B resamples of the sentences: the same draws
 * for every set (mulberry32(seed), B × n sentence indices in order), so
 * sets are compared pairwise and buckets share the leaderboard's samples.
 */
export function resampleF1(counts: readonly SentenceCounts[], B: number, seed: number): Float64Array[] {
  const k = counts.length;
  const n = k === 0 ? 0 : counts[0].gold.length;
  const sampleF1 = counts.map(() => new Float64Array(B));
  const rand = mulberry32(seed);
  const tp = new Float64Array(k);
  const pr = new Float64Array(k);
  const gd = new Float64Array(k);
  for (let b = 0; b < B; b++) {
    tp.fill(0);
    pr.fill(0);
    gd.fill(0);
    for (let i = 0; i < n; i++) {
      const s = Math.floor(rand() * n);
      for (let m = 0; m < k; m++) {
        tp[m] += counts[m].tp[s];
        pr[m] += counts[m].pred[s];
        gd[m] += counts[m].gold[s];
      }
    }
    for (let m = 0; m < k; m++) sampleF1[m][b] = f1FromCounts(tp[m], pr[m], gd[m]);
  }
  return sampleF1;
}

/** The central `confidence` interval of samples (percentile method). */
export function percentileInterval(samples: Float64Array, confidence: number): [number, number] {
  const alpha = (1 - confidence) / 2;
  const sorted = Float64Array.from(samples).sort();
  return [percentile(sorted, alpha), percentile(sorted, 1 - alpha)];
}

export function sum(a: Int32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

export interface CompareOptions extends BootstrapOptions, LabelMapping {
  mode?: EvalMode;
  scheme?: TagScheme | 'auto' | null;
}

export interface LeaderboardRow {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  ci: [number, number];
  /** One-sided p-value of "best beats this system"; null for the best itself; 1 for every row when all score F1 0 (no best). */
  pValue: number | null;
  /** seqeval per-type F1 (default mode, or strict with mode 'strict'). */
  perType: Record<string, number>;
  /** Model version, when the system is a gujnlp model (the bench fills it). */
  version?: string;
  /** Speed, when the run was timed (the bench fills it). */
  sentencesPerSecond?: number;
}

export interface Leaderboard {
  rows: LeaderboardRow[];
  /** The best system's name; '' when every system scores F1 0. */
  best: string;
  samples: number;
  seed: number;
  confidence: number;
  mode: EvalMode;
  /** pairwise[a][b]: p of "a beats b" (null when a does not beat b). */
  pairwise: Record<string, Record<string, number | null>>;
}

/** Leaderboard of several systems on the same gold, sorted by F1. */
export function bootstrapCompare(gold: readonly (readonly string[])[], preds: Record<string, readonly (readonly string[])[]>, opts: CompareOptions = {}): Leaderboard {
  return compareCorpora(Object.fromEntries(Object.entries(preds).map(([name, p]) => [name, encodeSequences(gold, p)])), opts);
}

/**
 * The leaderboard from one tag corpus per system, each pairing the same gold
 * sentences with that system's tags (as `compare` builds them reading the
 * gold and each prediction in step).
 */
export function compareCorpora(byName: Record<string, TagCorpus>, opts: CompareOptions = {}): Leaderboard {
  const names = Object.keys(byName);
  if (names.length === 0) throw new InputError('compare: no systems given');
  const mode = opts.mode ?? 'default';
  const corpora = names.map((nm) => applyLabelMapping(byName[nm], opts));
  const evals = corpora.map((c) => evaluateCorpus(c, { mode, scheme: opts.scheme }));
  const counts = corpora.map((c, i) => sentenceCounts(c, { mode, scheme: evals[i].scheme }));
  const bs = pairedBootstrap(names, counts, opts);
  const order = names.map((_, i) => i).sort((a, b) => bs.f1[b] - bs.f1[a] || (names[a] < names[b] ? -1 : 1));
  // when every system scores 0, none is best: nothing beats anything (p = 1 for all)
  const noBest = names.every((_, i) => bs.f1[i] === 0);
  const best = order[0];
  const rows = order.map((i) => {
    const rep = mode === 'strict' ? evals[i].report.seqeval.strict! : evals[i].report.seqeval.default;
    const perType: Record<string, number> = {};
    for (const [t, v] of Object.entries(rep)) if (!t.endsWith(' avg')) perType[t] = v['f1-score'] ?? 0;
    const micro = rep['micro avg'];
    return {
      name: names[i],
      precision: micro.precision ?? 0,
      recall: micro.recall ?? 0,
      f1: bs.f1[i],
      ci: bs.ci[i],
      pValue: noBest ? 1 : i === best ? null : (bs.pValue[best][i] ?? 1),
      perType,
    };
  });
  const pairwise: Record<string, Record<string, number | null>> = {};
  names.forEach((a, i) => {
    pairwise[a] = {};
    names.forEach((b, j) => {
      if (i !== j) pairwise[a][b] = bs.pValue[i][j];
    });
  });
  return { rows, best: noBest ? '' : names[best], samples: bs.samples, seed: bs.seed, confidence: opts.confidence ?? 0.95, mode, pairwise };
}

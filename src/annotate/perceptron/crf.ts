/**
 * Training of a linear-chain conditional random field (Lafferty et al. 2001)
 * over the same features, labels and file format as the perceptron: the
 * conditional log-likelihood of the gold tags with an L2 penalty, maximised
 * by L-BFGS. On a thousand gold sentences the perceptron memorises training
 * words; the penalised likelihood spreads weight over the features that
 * generalise (gazetteers, rules, cues, affixes) and gives calibrated
 * marginals (see uncertainty.ts).
 *
 * Deterministic: no randomness at all; the same data give the same bytes.
 * Transitions that IOB2 forbids (`O` → `I-X`) are fixed at -∞, as the
 * decoder forbids them.
 */
import { sentenceFeatures, DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './features.js';
import { forwardBackward, labelsForTypes, roundWeight, type PerceptronModel, type TrainingInfo } from './model.js';
import type { LangResources } from './resources.js';
import { allowedTransitions } from './viterbi.js';
import { repairTags } from '../../tags/repair.js';
import { decideTrim } from './edges.js';
import type { TaggedSentence } from './train.js';
import { lbfgs } from './lbfgs.js';

export interface CrfOptions {
  featureConfig?: FeatureConfig;
  resources: LangResources;
  /** L2 penalty: sum of w² / (2 σ²) (default σ² = 1). */
  sigma2?: number;
  /** L-BFGS iterations at most (default 150). */
  maxIterations?: number;
  /** Features seen fewer times in training are dropped (default 1: keep all). */
  minCount?: number;
  onIteration?: (it: number, loss: number) => void;
}

export function trainCrf(data: readonly TaggedSentence[], opts: CrfOptions): PerceptronModel {
  const config = opts.featureConfig ?? DEFAULT_FEATURE_CONFIG;
  const sigma2 = opts.sigma2 ?? 1;
  const sents = data.filter((s) => s.tokens.length > 0);
  for (const s of sents) {
    if (s.tokens.length !== s.tags.length) throw new RangeError(`sentence has ${s.tokens.length} tokens but ${s.tags.length} tags`);
  }
  const goldTags = sents.map((s) => repairTags(s.tags, 'IOB2'));
  const labels = labelsForTypes(goldTags.flatMap((tags) => tags.filter((t) => t !== 'O').map((t) => t.slice(2))));
  const L = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const allowed = allowedTransitions(labels);

  // feature ids, in order of first appearance (deterministic)
  const feats = sents.map((s) => sentenceFeatures(s.tokens, config, opts.resources));
  const counts = new Map<string, number>();
  for (const fs of feats) for (const row of fs) for (const f of row) counts.set(f, (counts.get(f) ?? 0) + 1);
  const minCount = opts.minCount ?? 1;
  const featIndex = new Map<string, number>();
  const featNames: string[] = [];
  for (const fs of feats)
    for (const row of fs)
      for (const f of row) {
        if (!featIndex.has(f) && counts.get(f)! >= minCount) {
          featIndex.set(f, featNames.length);
          featNames.push(f);
        }
      }
  const ids = feats.map((fs) => fs.map((row) => Int32Array.from(row.filter((f) => featIndex.has(f)).map((f) => featIndex.get(f)!))));
  const gold = goldTags.map((tags) => Int32Array.from(tags, (t) => labelIndex.get(t)!));
  const F = featNames.length;
  const T0 = F * L; // transitions follow the emission weights in the parameter vector
  const P = T0 + (L + 1) * L;
  const maxN = Math.max(1, ...ids.map((x) => x.length));
  const em = new Float64Array(maxN * L);

  const objective = (x: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let s = 0; s < ids.length; s++) {
      const row = ids[s];
      const g = gold[s];
      const n = row.length;
      em.fill(0, 0, n * L);
      for (let i = 0; i < n; i++) {
        const fs = row[i];
        for (let k = 0; k < fs.length; k++) {
          const b = fs[k] * L;
          for (let c = 0; c < L; c++) em[i * L + c] += x[b + c];
        }
      }
      const { alpha, beta, logZ } = forwardBackward(em, n, L, x.subarray(T0), allowed);
      // gold score and empirical counts
      let goldScore = 0;
      for (let i = 0; i < n; i++) {
        const prev = i === 0 ? L : g[i - 1];
        goldScore += x[T0 + prev * L + g[i]] + em[i * L + g[i]];
        grad[T0 + prev * L + g[i]] -= 1;
        const fs = row[i];
        for (let k = 0; k < fs.length; k++) grad[fs[k] * L + g[i]] -= 1;
      }
      loss += logZ - goldScore;
      // expected counts
      for (let i = 0; i < n; i++) {
        const fs = row[i];
        for (let c = 0; c < L; c++) {
          const m = Math.exp(alpha[i * L + c] + beta[i * L + c] - logZ);
          if (m === 0) continue;
          for (let k = 0; k < fs.length; k++) grad[fs[k] * L + c] += m;
          if (i === 0) grad[T0 + L * L + c] += m;
        }
        if (i === 0) continue;
        for (let p = 0; p < L; p++) {
          const a = alpha[(i - 1) * L + p];
          if (a === -Infinity) continue;
          for (let c = 0; c < L; c++) {
            if (!allowed[p * L + c]) continue;
            const m = Math.exp(a + x[T0 + p * L + c] + em[i * L + c] + beta[i * L + c] - logZ);
            grad[T0 + p * L + c] += m;
          }
        }
      }
    }
    for (let j = 0; j < P; j++) {
      loss += (x[j] * x[j]) / (2 * sigma2);
      grad[j] += x[j] / sigma2;
    }
    return loss;
  };

  const x = lbfgs(objective, new Float64Array(P), { maxIterations: opts.maxIterations ?? 150, onIteration: opts.onIteration });

  const weights = new Map<string, Float64Array>();
  for (let f = 0; f < F; f++) {
    const r = new Float64Array(L);
    let any = false;
    for (let c = 0; c < L; c++) {
      r[c] = roundWeight(x[f * L + c]);
      if (r[c] !== 0) any = true;
    }
    if (any) weights.set(featNames[f], r);
  }
  const transitions = new Float64Array((L + 1) * L);
  for (let j = 0; j < transitions.length; j++) transitions[j] = allowed[j] ? roundWeight(x[T0 + j]) : 0;
  const training: TrainingInfo = {
    learner: 'crf',
    epochs: 0,
    bestEpoch: 0,
    seed: 0,
    sentences: sents.length,
    tokens: sents.reduce((n, s) => n + s.tokens.length, 0),
    sigma2,
    ...(opts.resources.id === undefined ? {} : { resources: opts.resources.id }),
  };
  return { labels, featureConfig: config, training, weights, transitions, trim: decideTrim(sents.map((s) => s.edges)) };
}

/**
 * Training of the averaged structured perceptron (Collins 2002): decode each
 * sentence with the current weights, and where the best sequence is wrong,
 * add the gold features and subtract the predicted ones. The kept weights are
 * the average over all updates (lazy averaging with timestamps), which
 * generalises much better than the last weights.
 *
 * Deterministic: sentences are shuffled per epoch by a seeded PRNG and all
 * ties are broken by index, so the same data and seed give the same model.
 */
import { sentenceFeatures, DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './features.js';
import { labelsForTypes, roundWeight, type PerceptronModel, type TrainingInfo } from './model.js';
import type { LangResources } from './resources.js';
import { allowedTransitions, viterbi } from './viterbi.js';
import { repairTags } from '../../tags/repair.js';
import { evaluateTags } from '../../eval/evaluate.js';
import { decideTrim, type EdgeCounts } from './edges.js';
import { mulberry32, shuffleInPlace } from '../../util/random.js';

/** One training sentence: tokens and their IOB2 tags. */
export interface TaggedSentence {
  tokens: string[];
  tags: string[];
  /** How its gold spans cut edges inside tokens (from documents; absent for token-only data). */
  edges?: EdgeCounts;
}

export interface EpochReport {
  epoch: number;
  epochs: number;
  /** Share of training tokens tagged right during the epoch (before the update). */
  trainAccuracy: number;
  /** Entity F1 of the averaged weights on the dev set, when given. */
  devF1?: number;
}

export interface TrainOptions {
  /** Passes over the training data (default 10). */
  epochs?: number;
  /** Seed of the shuffling PRNG (default 1). */
  seed?: number;
  /** Dev sentences: after each epoch the averaged weights are scored and the best epoch kept. */
  dev?: TaggedSentence[];
  /** Stop after this many epochs without a better dev F1 (default 3). */
  patience?: number;
  featureConfig?: FeatureConfig;
  /**
   * Share of training tokens whose word-identity features (the word, its
   * stem, word bigrams) are hidden in an update (default 0). With little
   * gold data the tagger otherwise memorises the training words and leaves
   * the features that generalise (gazetteers, rules, cues, affixes) weak.
   */
  lexicalDropout?: number;
  resources: LangResources;
  onEpoch?: (r: EpochReport) => void;
}

/** Features that name the word itself (memorised rather than generalised; see lexicalDropout). */
function isLexical(f: string): boolean {
  return f.startsWith('w=') || f.startsWith('n=') || f.startsWith('st=') || f.startsWith('w-1|w=') || f.startsWith('w|w+1=');
}

/** Trains a model. Gold tags are repaired to valid IOB2 first (an `I-X` after `O` starts an entity). */
export function trainPerceptron(data: readonly TaggedSentence[], opts: TrainOptions): PerceptronModel {
  const epochs = opts.epochs ?? 10;
  const seed = opts.seed ?? 1;
  const patience = opts.patience ?? 3;
  const config = opts.featureConfig ?? DEFAULT_FEATURE_CONFIG;
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`epochs must be a positive integer, got ${epochs}`);
  const sents = data.filter((s) => s.tokens.length > 0);
  for (const s of sents) {
    if (s.tokens.length !== s.tags.length) throw new RangeError(`sentence has ${s.tokens.length} tokens but ${s.tags.length} tags`);
  }
  const goldTags = sents.map((s) => repairTags(s.tags, 'IOB2'));
  const types = goldTags.flatMap((tags) => tags.filter((t) => t !== 'O').map((t) => t.slice(2)));
  const labels = labelsForTypes(types);
  const L = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const allowed = allowedTransitions(labels);

  // Features of every training sentence as ids, computed once.
  const featIndex = new Map<string, number>();
  const featNames: string[] = [];
  const toIds = (feats: string[][], grow: boolean): Int32Array[] =>
    feats.map((fs) => {
      const ids: number[] = [];
      for (const f of fs) {
        let id = featIndex.get(f);
        if (id === undefined && grow) {
          id = featNames.length;
          featIndex.set(f, id);
          featNames.push(f);
        }
        if (id !== undefined) ids.push(id);
      }
      return Int32Array.from(ids);
    });
  const trainIds = sents.map((s) => toIds(sentenceFeatures(s.tokens, config, opts.resources), true));
  const gold = goldTags.map((tags) => Int32Array.from(tags, (t) => labelIndex.get(t)!));
  const devIds = (opts.dev ?? []).filter((s) => s.tokens.length > 0).map((s) => toIds(sentenceFeatures(s.tokens, config, opts.resources), false));
  const devGold = (opts.dev ?? []).filter((s) => s.tokens.length > 0).map((s) => repairTags(s.tags, 'IOB2'));

  const F = featNames.length;
  const dropout = opts.lexicalDropout ?? 0;
  const lexical = Uint8Array.from(featNames, (f) => (isLexical(f) ? 1 : 0));
  const w = new Float64Array(F * L);
  const tot = new Float64Array(F * L);
  const ts = new Float64Array(F * L);
  const T = (L + 1) * L;
  const tw = new Float64Array(T);
  const ttot = new Float64Array(T);
  const tts = new Float64Array(T);
  let clock = 0;

  const bump = (ws: Float64Array, tots: Float64Array, tss: Float64Array, i: number, delta: number): void => {
    tots[i] += (clock - tss[i]) * ws[i];
    tss[i] = clock;
    ws[i] += delta;
  };
  const emissions = (ids: Int32Array[], ws: Float64Array): Float64Array => {
    const em = new Float64Array(ids.length * L);
    for (let i = 0; i < ids.length; i++) {
      const row = ids[i];
      for (let k = 0; k < row.length; k++) {
        const base = row[k] * L;
        for (let c = 0; c < L; c++) em[i * L + c] += ws[base + c];
      }
    }
    return em;
  };
  // Average of the weights after each of the `clock` instances so far.
  // `tots` holds ws summed over instances before tss (the weights in force
  // after instances tss..clock are the current ws: clock - tss + 1 of them).
  const averaged = (ws: Float64Array, tots: Float64Array, tss: Float64Array): Float64Array => {
    const avg = new Float64Array(ws.length);
    if (clock === 0) return avg;
    for (let i = 0; i < ws.length; i++) avg[i] = (tots[i] + (clock - tss[i] + 1) * ws[i]) / clock;
    return avg;
  };

  const rand = mulberry32(seed);
  const order = sents.map((_, i) => i);
  let best: { epoch: number; f1: number | undefined; w: Float64Array; t: Float64Array } | undefined;
  let sinceBest = 0;
  let ranEpochs = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    ranEpochs = epoch;
    shuffleInPlace(order, rand);
    let right = 0;
    let total = 0;
    for (const si of order) {
      clock++;
      const g = gold[si];
      const ids = dropout > 0 ? trainIds[si].map((row) => (rand() < dropout ? row.filter((id) => lexical[id] === 0) : row)) : trainIds[si];
      const n = ids.length;
      const pred = viterbi(emissions(ids, w), n, L, tw, allowed);
      for (let i = 0; i < n; i++) {
        const gp = i === 0 ? L : g[i - 1];
        const pp = i === 0 ? L : pred[i - 1];
        if (g[i] === pred[i]) right++;
        if (g[i] !== pred[i]) {
          for (let k = 0; k < ids[i].length; k++) {
            const base = ids[i][k] * L;
            bump(w, tot, ts, base + g[i], 1);
            bump(w, tot, ts, base + pred[i], -1);
          }
        }
        if (g[i] !== pred[i] || gp !== pp) {
          bump(tw, ttot, tts, gp * L + g[i], 1);
          bump(tw, ttot, tts, pp * L + pred[i], -1);
        }
      }
      total += n;
    }
    const aw = averaged(w, tot, ts);
    const at = averaged(tw, ttot, tts);
    let devF1: number | undefined;
    if (devIds.length > 0) {
      const predicted = devIds.map((ids) => Array.from(viterbi(emissions(ids, aw), ids.length, L, at, allowed), (c) => labels[c]));
      devF1 = evaluateTags(devGold, predicted).report.seqeval.default['micro avg']['f1-score'] ?? 0;
    }
    opts.onEpoch?.({ epoch, epochs, trainAccuracy: total === 0 ? 1 : right / total, ...(devF1 === undefined ? {} : { devF1 }) });
    if (best === undefined || devF1 === undefined || devF1 > best.f1!) {
      best = { epoch, f1: devF1, w: aw, t: at };
      sinceBest = 0;
    } else if (++sinceBest >= patience) break;
  }

  const weights = new Map<string, Float64Array>();
  for (let f = 0; f < F; f++) {
    const row = new Float64Array(L);
    let any = false;
    for (let c = 0; c < L; c++) {
      row[c] = roundWeight(best!.w[f * L + c]);
      if (row[c] !== 0) any = true;
    }
    if (any) weights.set(featNames[f], row);
  }
  const transitions = best!.t.map(roundWeight);
  const training: TrainingInfo = {
    epochs: ranEpochs,
    bestEpoch: best!.epoch,
    seed,
    sentences: sents.length,
    tokens: sents.reduce((n, s) => n + s.tokens.length, 0),
    ...(best!.f1 === undefined ? {} : { devF1: roundWeight(best!.f1) }),
    ...(opts.resources.id === undefined ? {} : { resources: opts.resources.id }),
  };
  return { labels, featureConfig: config, training, weights, transitions, trim: decideTrim(sents.map((x) => x.edges)) };
}

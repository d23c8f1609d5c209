/**
 * k-fold cross-validation over sentences, so a trainable model can be scored
 * on the corpus honestly: every sentence is tagged by a model trained only
 * on the other folds. Folds are a seeded shuffle of all sentences of all
 * documents, dealt round-robin (sizes differ by at most one).
 */
import type { Document, Entity } from '../../doc/types.js';
import { entitiesFromTags, taggedSentences } from './docs.js';
import { NO_TRIM, type EdgeTrim } from './edges.js';
import type { FeatureConfig } from './features.js';
import { loadGujaratiResources } from './gujarati.js';
import { Tagger } from './model.js';
import type { LangResources } from './resources.js';
import { trainPerceptron, type TaggedSentence } from './train.js';
import { mulberry32, shuffleInPlace } from '../../util/random.js';
import { InputError } from '../../io/errors.js';

export interface CrossValidationOptions {
  /** Number of folds (default 5). */
  k?: number;
  /** Seed of the fold assignment and of training (default 1). */
  seed?: number;
  /** Training epochs per fold (default 10). */
  epochs?: number;
  featureConfig?: FeatureConfig;
  resources?: LangResources;
  /** `source` of the predicted entities (default `perceptron`). */
  source?: string;
  /** Called before each fold is trained (progress). */
  onFold?: (fold: number, k: number) => void;
}

/** A sentence of the input: document index and sentence index within it. */
export interface SentenceRef {
  doc: number;
  sentence: number;
}

export interface CrossValidationResult {
  k: number;
  /** Per document, the predicted entities (UTF-16 spans of its text). */
  predictions: Entity[][];
  /** Per document, per sentence: the fold it was scored in. */
  folds: number[][];
  /** Per fold, the sentences its model was trained on (never its own). */
  trainedOn: SentenceRef[][];
}

/** Fold (0..k-1) of each of n items: a seeded shuffle dealt round-robin. */
export function assignFolds(n: number, k: number, seed: number): number[] {
  if (!Number.isInteger(k) || k < 2) throw new InputError(`k-fold cross-validation needs k >= 2, got ${k}`);
  if (n < k) throw new InputError(`k-fold cross-validation with k=${k} needs at least ${k} sentences, got ${n}: use a smaller --cv`);
  const order = shuffleInPlace(
    Array.from({ length: n }, (_, i) => i),
    mulberry32(seed),
  );
  const fold = new Array<number>(n);
  order.forEach((item, pos) => (fold[item] = pos % k));
  return fold;
}

/** Cross-validated predictions for every sentence of `docs` (gold entities in `docs` are the training labels). */
export async function crossValidate(docs: readonly Document[], opts: CrossValidationOptions = {}): Promise<CrossValidationResult> {
  const k = opts.k ?? 5;
  const seed = opts.seed ?? 1;
  const resources = opts.resources ?? (await loadGujaratiResources());
  const perDoc = docs.map((d) => taggedSentences(d, resources));
  const refs: SentenceRef[] = perDoc.flatMap((sents, d) => sents.map((_, s) => ({ doc: d, sentence: s })));
  const foldOf = assignFolds(refs.length, k, seed);
  const folds = perDoc.map((sents) => new Array<number>(sents.length));
  refs.forEach((r, i) => (folds[r.doc][r.sentence] = foldOf[i]));
  const predicted: string[][][] = perDoc.map((sents) => sents.map((s) => s.tokens.map(() => 'O')));
  // how span edges are cut inside tokens is learnt per fold, like the weights
  const trim: EdgeTrim[][] = perDoc.map((sents) => sents.map(() => NO_TRIM));
  const trainedOn: SentenceRef[][] = [];
  for (let f = 0; f < k; f++) {
    opts.onFold?.(f, k);
    const trainRefs = refs.filter((_, i) => foldOf[i] !== f);
    const train: TaggedSentence[] = trainRefs.map((r) => perDoc[r.doc][r.sentence]);
    trainedOn.push(trainRefs);
    const model = trainPerceptron(train, {
      resources,
      seed,
      ...(opts.epochs === undefined ? {} : { epochs: opts.epochs }),
      ...(opts.featureConfig === undefined ? {} : { featureConfig: opts.featureConfig }),
    });
    const tagger = new Tagger(model, resources);
    refs.forEach((r, i) => {
      if (foldOf[i] !== f) return;
      predicted[r.doc][r.sentence] = tagger.tag(perDoc[r.doc][r.sentence].tokens);
      trim[r.doc][r.sentence] = model.trim;
    });
  }
  const source = opts.source ?? 'perceptron';
  const predictions = docs.map((doc, d) => entitiesFromTags(doc, predicted[d], source, { trim: trim[d], splitEnding: resources.splitEnding }));
  return { k, predictions, folds, trainedOn };
}

/**
 * The averaged-perceptron NER tagger as an {@link Annotator}, plus the
 * training and cross-validation functions (`gujnlp train`, the benchmark).
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Document, Entity } from '../../doc/types.js';
import { readTextFile } from '../../io/read-text.js';
import type { Annotator } from '../annotator.js';
import { lowerToken, sentenceTokens } from '../../align/index.js';
import { entitiesFromTags, sentenceTokenTexts, taggedSentences } from './docs.js';
import { loadGujaratiResources } from './gujarati.js';
import { MODEL_VERSION, parseModel, Tagger, type PerceptronModel } from './model.js';
import type { LangResources } from './resources.js';
import { trainPerceptron, type TrainOptions } from './train.js';

export { MODEL_FORMAT, MODEL_VERSION, parseModel, serializeModel, Tagger, type PerceptronModel, type TrainingInfo } from './model.js';
export { DEFAULT_FEATURE_CONFIG, sentenceFeatures, tokenScript, tokenShape, type FeatureConfig } from './features.js';
export { trainPerceptron, type TaggedSentence, type TrainOptions, type EpochReport } from './train.js';
export { crossValidate, assignFolds, type CrossValidationOptions, type CrossValidationResult } from './crossval.js';
export { taggedSentences } from './docs.js';
export { loadGujaratiResources } from './gujarati.js';
export type { LangResources } from './resources.js';
export { EDGE_RULES, type EdgeRule, type EdgeTrim } from './edges.js';

/** A trained model behind the Annotator interface. */
export class PerceptronAnnotator implements Annotator {
  readonly name: string;
  readonly version: string;
  private readonly tagger: Tagger;

  constructor(model: PerceptronModel, resources: LangResources, opts: { name?: string; version?: string } = {}) {
    this.tagger = new Tagger(model, resources);
    this.name = opts.name ?? 'perceptron';
    this.version = opts.version ?? `v${MODEL_VERSION}`;
  }

  async annotate(doc: Document): Promise<Entity[]> {
    const tags = sentenceTokenTexts(doc).map((tokens) => this.tagger.tag(tokens));
    return entitiesFromTags(doc, tags, this.name, { trim: this.tagger.model.trim, splitEnding: this.tagger.resources.splitEnding });
  }

  /** Entities with `score` (the least marginal probability of their tokens' tags) and the document's uncertainty. */
  async annotateWithUncertainty(doc: Document): Promise<{ entities: Entity[]; uncertainty: number }> {
    const sentences = sentenceTokenTexts(doc).map((tokens) => this.tagger.analyse(tokens));
    const entities = entitiesFromTags(
      doc,
      sentences.map((s) => s.tags),
      this.name,
      { trim: this.tagger.model.trim, splitEnding: this.tagger.resources.splitEnding },
    );
    // token marginals in document order, to score each entity by its weakest token
    const marginal = new Map<number, number>();
    sentenceTokens(doc).forEach((toks, s) => toks.forEach((t, i) => marginal.set(t.start, sentences[s].marginals[i])));
    for (const e of entities) {
      let m = 1;
      for (let k = lowerToken(doc.tokens, e.start); k < doc.tokens.length && doc.tokens[k].start < e.end; k++) m = Math.min(m, marginal.get(doc.tokens[k].start) ?? 1);
      e.score = Math.round(m * 1e4) / 1e4;
    }
    const uncertainty = sentences.reduce((u, s) => u + (1 - s.pathProbability), 0);
    return { entities, uncertainty };
  }
}

/**
 * Loads a model file written by `gujnlp train`. The annotator's name is the
 * file name without `.json` (`models/perceptron-news.json` → `perceptron-news`);
 * its version is the format version plus a hash of the file, so scores
 * record exactly which weights made them.
 */
export async function loadPerceptronAnnotator(path: string): Promise<Annotator> {
  const text = readTextFile(path);
  const model = parseModel(text, path);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return new PerceptronAnnotator(model, await loadGujaratiResources(), {
    name: basename(path).replace(/\.json$/i, ''),
    version: `v${MODEL_VERSION}-${hash}`,
  });
}

/** Trains on gold documents (their entities become IOB2 tags over their tokens). */
export async function trainFromDocuments(
  train: readonly Document[],
  opts: Omit<TrainOptions, 'resources' | 'dev'> & { dev?: readonly Document[]; resources?: LangResources },
): Promise<PerceptronModel> {
  const resources = opts.resources ?? (await loadGujaratiResources());
  const { dev, ...rest } = opts;
  const sentences = (docs: readonly Document[]) => docs.flatMap((d) => taggedSentences(d, resources));
  return trainPerceptron(sentences(train), { ...rest, resources, ...(dev ? { dev: sentences(dev) } : {}) });
}

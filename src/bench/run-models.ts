import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Document, Entity } from '../doc/types.js';
import type { Annotator } from '../annotate/annotator.js';
import { loadAnnotator } from '../annotate/registry.js';
import { FileAnnotator } from '../annotate/file.js';
import { readAnnotations } from '../formats/index.js';
import type { SystemRun } from './score.js';

/** What one model predicted on the benchmark documents, and how fast (always with its version). */
export type ModelRun = SystemRun & { version: string };

export interface PerceptronCvOptions {
  k: number;
  seed: number;
  epochs: number;
}

const now = (): number => performance.now() / 1000;

/** Runs a ready annotator over the documents (gold tokens and sentences, no entities). */
export async function runAnnotator(spec: string, annotator: Annotator, docs: readonly Document[], protocol: string): Promise<ModelRun> {
  const t0 = now();
  const predictions: Entity[][] = [];
  for (const doc of docs) predictions.push(await annotator.annotate(doc));
  const seconds = now() - t0;
  return {
    spec,
    name: annotator.name,
    version: annotator.version,
    predictions,
    seconds,
    sentences: docs.reduce((n, d) => n + d.sentences.length, 0),
    tokens: docs.reduce((n, d) => n + d.tokens.length, 0),
    protocol,
  };
}

/**
 * The perceptron, scored honestly on the corpus: every sentence is tagged by
 * a model trained by k-fold cross-validation on the other sentences of the
 * gold. Its speed is that of a model trained on all the gold, tagging it.
 */
export async function runPerceptronCv(gold: readonly Document[], docs: readonly Document[], opts: PerceptronCvOptions): Promise<ModelRun> {
  const perceptron = await import('../annotate/perceptron/index.js');
  const resources = await perceptron.loadGujaratiResources();
  const cv = await perceptron.crossValidate(gold, { k: opts.k, seed: opts.seed, epochs: opts.epochs, resources, source: 'perceptron' });
  const full = await perceptron.trainFromDocuments(gold, { epochs: opts.epochs, seed: opts.seed, resources });
  const name = `perceptron (${opts.k}-fold CV on the gold)`;
  const speed = await runAnnotator('perceptron', new perceptron.PerceptronAnnotator(full, resources, { name }), docs, '');
  return {
    ...speed,
    version: `v${perceptron.MODEL_VERSION}-cv${opts.k}-seed${opts.seed}-epochs${opts.epochs}`,
    predictions: cv.predictions,
    folds: cv.folds.flat(),
    protocol: `${opts.k}-fold cross-validation over the gold sentences (seed ${opts.seed}, ${opts.epochs} epochs); speed of a model trained on all the gold`,
  };
}

/** Another system's predictions: every annotation file in a folder, read in any supported format. */
export function externalAnnotator(dir: string): Annotator {
  const files = readdirSync(dir)
    .filter((f) => !f.startsWith('.') && statSync(join(dir, f)).isFile() && !/^labels\.json$|\.txt$|\.entities\.csv$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  const docs = files.flatMap((f) => readAnnotations(f));
  return new FileAnnotator(dir, docs, `files-${files.map((f) => basename(f)).join('+')}`);
}

export interface BenchAnnotatorOptions {
  /** Display name (`NAME=SPEC`): cmd: models name themselves in their errors. */
  name?: string;
  /** cmd: models: seconds per reply, requests per batch. */
  timeout?: number;
  batchSize?: number;
}

/** Loads the annotator of a spec (`rules`, `onnx:DIR`, `file:PATH`, `cmd:COMMAND`, `X.json`); `file:` folders read every file in them. */
export async function loadBenchAnnotator(spec: string, opts: BenchAnnotatorOptions = {}): Promise<Annotator> {
  if (spec.startsWith('file:')) {
    const path = spec.slice(5);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory() && !readdirSync(path).some((f) => f.endsWith('.ann'))) return externalAnnotator(path);
  }
  if (spec.startsWith('cmd:')) {
    const { loadCmdAnnotator } = await import('../annotate/cmd.js');
    return loadCmdAnnotator(spec.slice(4), opts);
  }
  return loadAnnotator(spec);
}

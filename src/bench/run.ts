import { join } from 'node:path';
import { statSync } from 'node:fs';
import type { Document, Entity } from '../doc/types.js';
import { segmentationScores } from '../eval/segmentation.js';
import { prf, sumCounts, type PRF } from '../eval/prf.js';
import { loadSchema } from '../doc/schema.js';
import { mapDocument, type LabelMapping } from '../eval/mapping.js';
import type { Leaderboard } from '../eval/bootstrap.js';
import { writeFilesAtomic } from '../io/atomic-write.js';
import { InputError } from '../io/errors.js';
import { guardOutputs } from '../io/output-guard.js';
import { beginRun } from '../io/run-lock.js';
import type { SkippedModel } from '../report/model.js';
import { loadBenchCorpus, unannotated, type BenchDocument } from './corpus.js';
import { loadGoldSet } from './gold.js';
import { discoverModels, modelFolderName, type NamedSpec } from './models.js';
import { loadBenchAnnotator, runAnnotator, runPerceptronCv, type ModelRun } from './run-models.js';
import { scoreBench, type Segmentation } from './score.js';
import { writePredictions } from './write-predictions.js';
import { progress } from './progress.js';

export type { ModelScores } from './score.js';

export interface BenchOptions {
  corpus: string;
  gold: string;
  /**
   * `gold`: read `gold` as a gold set of any format (file or folder), no
   * corpus; `corpus` (default): the corpus's `*.txt` with `<gold>/<id>.json`.
   */
  input?: 'corpus' | 'gold';
  /** Model specs, optionally named; default: every model found (see discoverModels). */
  models?: (string | NamedSpec)[];
  modelsDir: string;
  /** Root of predicted annotations: writes `<predicted>/<model>/`, reads `<predicted>/external/`. */
  predicted: string;
  out: string;
  /** Label schema (types and their column order); in gold mode, default: the gold's types. */
  schema?: string;
  /** Paired bootstrap samples and seed (the defaults of `gujnlp compare`). */
  samples: number;
  seed: number;
  /** Perceptron cross-validation. */
  folds: number;
  epochs: number;
  /** Seed of the cross-validation folds and training (default 1). */
  cvSeed?: number;
  /** Label mapping applied to gold and predictions before scoring (as `evaluate --map/--ignore`). */
  map?: Record<string, string>;
  ignore?: readonly string[];
  /** Training data of the models (any format): the "seen" entities of the error analysis. */
  train?: string;
  /** cmd: models: seconds to wait for a reply, requests per batch. */
  timeout?: number;
  batchSize?: number;
}

export interface BenchResult {
  exitCode: number;
  leaderboard: Leaderboard;
  skipped: SkippedModel[];
}

/**
 * The main job: tokenizes and splits the corpus and scores that against the
 * gold segmentation, runs every model on the gold tokens, writes their
 * predictions, evaluates them, and writes the results and the report.
 * With `input: 'gold'` the same on any gold set, no corpus needed.
 * Exit code 0 when everything ran, 3 when a model or document was skipped.
 */
export async function runBench(opts: BenchOptions): Promise<BenchResult> {
  // the bench reads the corpus and the gold and never writes into them
  const goldIsDir = statSync(opts.gold, { throwIfNoEntry: false })?.isDirectory() === true;
  const readOnly = [...(goldIsDir ? [{ dir: opts.gold, name: 'the gold folder' }] : []), ...(opts.input === 'gold' ? [] : [{ dir: opts.corpus, name: 'the corpus folder' }])];
  guardOutputs([join(opts.out, 'scores.json'), join(opts.predicted, 'x')], { readOnly, inputs: goldIsDir ? [] : [opts.gold] });
  // read and check the input before anything is written
  const input = loadInput(opts);
  const lock = beginRun([opts.out, opts.predicted], 'gujnlp bench run');
  for (const d of lock.previousIncomplete) process.stderr.write(`gujnlp bench: an earlier run did not finish writing ${d}; this run replaces its files\n`);
  try {
    const result = await runBenchLocked(opts, input);
    lock.complete();
    return result;
  } finally {
    lock.release();
  }
}

const PROTOCOLS: Record<string, string> = {
  'ner-gu': 'shipped model, trained on other gold (FLORES, UD, WikiANN; never on the corpus); run on the gold tokens and sentences',
};

async function runBenchLocked(opts: BenchOptions, input: BenchInput): Promise<BenchResult> {
  const mapping: LabelMapping = { map: opts.map ?? {}, ignore: opts.ignore ?? [] };
  const { docs } = input;
  const skipped: SkippedModel[] = [...input.skipped];
  const goldRaw = docs.map((d) => d.gold);
  const rawTypes = opts.schema !== undefined ? loadSchema(opts.schema).labels : [...new Set(goldRaw.flatMap((d) => d.entities.map((e) => e.label)))].sort();
  const specs: NamedSpec[] = (opts.models ?? discoverModels(opts.modelsDir, join(opts.predicted, 'external'))).map((m) => (typeof m === 'string' ? { spec: m } : m));
  const bar = progress(specs.length + 2);

  bar.step('segmentation');
  const segmentation = segmentationOf(docs);
  const inputs = goldRaw.map(unannotated);

  const runs: ModelRun[] = [];
  for (const { spec, name } of specs) {
    const shown = name === undefined ? spec : `${name}=${spec}`;
    bar.step(shown);
    try {
      let run: ModelRun;
      if (spec === 'perceptron') run = await runPerceptronCv(goldRaw, inputs, { k: opts.folds, seed: opts.cvSeed ?? 1, epochs: opts.epochs });
      else {
        const annotator = await loadBenchAnnotator(spec, { name, timeout: opts.timeout, batchSize: opts.batchSize });
        try {
          run = await runAnnotator(spec, annotator, inputs, PROTOCOLS[spec] ?? 'run on the gold tokens and sentences');
        } finally {
          await annotator.close?.();
        }
      }
      if (name !== undefined) run = { ...run, name };
      if (runs.some((r) => r.name === run.name)) throw new InputError(`a model named '${run.name}' already ran; name it (NAME=SPEC) or rename its folder`);
      const folder = modelFolderName(run.name);
      const clash = runs.find((r) => modelFolderName(r.name).toLowerCase() === folder.toLowerCase());
      if (clash !== undefined) throw new InputError(`models '${clash.name}' and '${run.name}' would write to one folder ${folder}; rename one`);
      const labels = [...new Set([...rawTypes, ...run.predictions.flatMap((es) => es.map((e) => e.label))])];
      writePredictions(
        join(opts.predicted, folder),
        inputs.map((d, i) => withEntities(d, run.predictions[i])),
        labels,
      );
      runs.push(run);
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      process.stderr.write(`\ngujnlp bench: skipping ${shown}: ${reason}\n`);
      skipped.push({ spec: shown, reason });
    }
  }

  bar.step('scores');
  const scored = scoreBench({
    tool: 'gujnlp bench',
    title: opts.input === 'gold' ? `gujnlp benchmark: Gujarati NER on ${input.description}` : 'gujnlp benchmark: Gujarati NER on the corpus',
    description: input.description,
    gold: goldRaw,
    runs,
    types: rawTypes,
    mapping,
    samples: opts.samples,
    seed: opts.seed,
    train: opts.train,
    segmentation,
    segmentationNote: input.segmentationNote,
    skipped,
  });
  bar.done();
  writeFilesAtomic([...scored.files].map(([f, content]) => [join(opts.out, f), content] as const));
  process.stdout.write(scored.text);
  return { exitCode: skipped.length > 0 ? 3 : 0, leaderboard: scored.leaderboard, skipped };
}

function withEntities(doc: Document, entities: Entity[]): Document {
  return { ...doc, entities };
}

interface BenchInput {
  docs: BenchDocument[];
  skipped: SkippedModel[];
  description: string;
  segmentationNote: string | null;
}

/** The documents to score: a gold set of any format, or the corpus with its gold folder; never a set that would score nothing. */
function loadInput(opts: BenchOptions): BenchInput {
  const input = opts.input === 'gold' ? { ...loadGoldSet(opts.gold), skipped: [] } : loadCorpusInput(opts);
  const mapping: LabelMapping = { map: opts.map ?? {}, ignore: opts.ignore ?? [] };
  if (input.docs.every((d) => mapDocument(d.gold, mapping).entities.length === 0)) {
    throw new InputError(`the gold has no entities left after --map/--ignore: every score would be zero`, { file: opts.gold });
  }
  return input;
}

function loadCorpusInput(opts: BenchOptions): BenchInput {
  const { docs, ungolded } = loadBenchCorpus(opts.corpus, opts.gold);
  // a corpus none of whose documents has a gold file would give an all-zero table
  if (docs.length === 0) {
    throw new InputError(
      `no document of the corpus ${opts.corpus} has a gold file in ${opts.gold} (${ungolded
        .slice(0, 3)
        .map((id) => `${id}.json`)
        .join(', ')}${ungolded.length > 3 ? ', ...' : ''} expected); to score any annotation file, use --gold FILE without --corpus`,
    );
  }
  return {
    docs,
    skipped: ungolded.map((id) => ({ spec: `document ${id}`, reason: `no gold file ${join(opts.gold, `${id}.json`)}` })),
    description: `${opts.corpus} with ${opts.gold}`,
    segmentationNote: null,
  };
}

/** gujnlp's tokenizer and splitter against the gold segmentation, summed over the documents with raw text (null: none). */
function segmentationOf(docs: readonly BenchDocument[]): Segmentation | null {
  const withText = docs.filter((d): d is BenchDocument & { system: Document } => d.system !== null);
  if (withText.length === 0) return null;
  const sum = (pick: (d: BenchDocument & { system: Document }) => PRF): PRF => prf(sumCounts(withText.map(pick)));
  return {
    tokens: sum((d) => segmentationScores(d.gold.text, d.gold.tokens, d.system.tokens).spans),
    sentences: sum((d) => segmentationScores(d.gold.text, d.gold.sentences, d.system.sentences).spans),
  };
}

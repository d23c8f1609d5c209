import { join } from 'node:path';
import type { Document, Entity } from '../doc/types.js';
import { entitiesToTags } from '../align/index.js';
import { evaluateTags, type FullReport } from '../eval/evaluate.js';
import { segmentationScores } from '../eval/segmentation.js';
import { prf, sumCounts, type PRF } from '../eval/prf.js';
import { evaluateSpans, type SpanReport } from '../eval/spans.js';
import { loadSchema } from '../doc/schema.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { guardOutputs } from '../io/output-guard.js';
import { beginRun } from '../io/run-lock.js';
import { loadBenchCorpus, unannotated, type BenchDocument } from './corpus.js';
import { discoverModels, modelFolderName } from './models.js';
import { loadBenchAnnotator, runAnnotator, runPerceptronCv, type ModelRun } from './run-models.js';
import { writePredictions } from './write-predictions.js';
import { progress } from './progress.js';
import { bootstrapCompare, type Leaderboard, type LeaderboardRow } from '../eval/bootstrap.js';
import type { SkippedModel } from '../report/model.js';
import { renderLeaderboard, scoresLeaderboardRows } from '../report/leaderboard.js';
import { renderHtmlReport, type ConfusionMatrix } from '../report/html.js';

export interface BenchOptions {
  corpus: string;
  gold: string;
  /** Model specs; default: every model found (see discoverModels). */
  models?: string[];
  modelsDir: string;
  /** Root of predicted annotations: writes `<predicted>/<model>/`, reads `<predicted>/external/`. */
  predicted: string;
  out: string;
  schema: string;
  /** Paired bootstrap samples and seed. */
  samples: number;
  seed: number;
  /** Perceptron cross-validation. */
  folds: number;
  epochs: number;
}

/** Per-model figures in scores.json. */
export interface ModelScores {
  model: string;
  spec: string;
  version: string;
  protocol: string;
  evaluation: FullReport;
  /** Character-span scores of the entities as predicted (before token alignment): exact and overlap match. */
  spans: { exact: SpanReport; overlap: SpanReport };
  bootstrap: { samples: number; seed: number; f1: number; f1Low: number; f1High: number; pValueVsBest: number | null };
  speed: { seconds: number; sentences: number; tokens: number; sentencesPerSecond: number; tokensPerSecond: number };
}

export interface BenchResult {
  exitCode: number;
  leaderboard: Leaderboard;
  skipped: SkippedModel[];
}

interface Segmentation {
  tokens: PRF;
  sentences: PRF;
}

/**
 * The main job: tokenizes and splits the corpus and scores that against the
 * gold segmentation, runs every model on the gold tokens, writes their
 * predictions, evaluates them, and writes the results and the report.
 * Exit code 0 when everything ran, 3 when a model or document was skipped.
 */
export async function runBench(opts: BenchOptions): Promise<BenchResult> {
  // the bench reads the corpus and the gold and never writes into them
  const readOnly = [
    { dir: opts.gold, name: 'the gold folder' },
    { dir: opts.corpus, name: 'the corpus folder' },
  ];
  guardOutputs([join(opts.out, 'scores.json'), join(opts.predicted, 'x')], { readOnly });
  const lock = beginRun([opts.out, opts.predicted], 'gujnlp bench run');
  for (const d of lock.previousIncomplete) process.stderr.write(`gujnlp bench: an earlier run did not finish writing ${d}; this run replaces its files\n`);
  try {
    const result = await runBenchLocked(opts);
    lock.complete();
    return result;
  } finally {
    lock.release();
  }
}

async function runBenchLocked(opts: BenchOptions): Promise<BenchResult> {
  const schema = loadSchema(opts.schema);
  const types = schema.labels;
  const { docs, ungolded } = loadBenchCorpus(opts.corpus, opts.gold);
  const skipped: SkippedModel[] = ungolded.map((id) => ({ spec: `document ${id}`, reason: `no gold file ${join(opts.gold, `${id}.json`)}` }));
  const specs = opts.models ?? discoverModels(opts.modelsDir, join(opts.predicted, 'external'));
  const bar = progress(specs.length + 2);

  bar.step('segmentation');
  const segmentation = segmentationOf(docs);
  const goldDocs = docs.map((d) => d.gold);
  const inputs = goldDocs.map(unannotated);

  const runs: ModelRun[] = [];
  for (const spec of specs) {
    bar.step(spec);
    try {
      const protocol =
        spec === 'ner-gu' ? 'shipped model, trained on other gold (FLORES, UD, WikiANN; never on the corpus); run on the gold tokens and sentences' : 'run on the gold tokens and sentences';
      const run =
        spec === 'perceptron'
          ? await runPerceptronCv(goldDocs, inputs, { k: opts.folds, seed: opts.seed, epochs: opts.epochs })
          : await runAnnotator(spec, await loadBenchAnnotator(spec), inputs, protocol);
      if (runs.some((r) => r.name === run.name)) throw new Error(`a model named '${run.name}' already ran; rename its folder`);
      const folder = modelFolderName(run.name);
      const clash = runs.find((r) => modelFolderName(r.name).toLowerCase() === folder.toLowerCase());
      if (clash !== undefined) throw new Error(`models '${clash.name}' and '${run.name}' would write to one folder ${folder}; rename one`);
      writePredictions(
        join(opts.predicted, modelFolderName(run.name)),
        inputs.map((d, i) => withEntities(d, run.predictions[i])),
        types,
      );
      runs.push(run);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      process.stderr.write(`\ngujnlp bench: skipping ${spec}: ${reason}\n`);
      skipped.push({ spec, reason });
    }
  }

  bar.step('scores');
  const goldTags = goldDocs.flatMap((d) => entitiesToTags(d, { scheme: 'IOB2', align: 'expand' }).tags);
  const predDocs = runs.map((r) => goldDocs.map((d, i) => withEntities(d, r.predictions[i])));
  const predTags = predDocs.map((docs) => docs.flatMap((d) => entitiesToTags(d, { scheme: 'IOB2', align: 'expand' }).tags));
  const evaluations = predTags.map((p) => evaluateTags(goldTags, p, { scheme: 'IOB2' }).report);
  const board = runs.length > 0 ? bootstrapCompare(goldTags, Object.fromEntries(runs.map((r, i) => [r.name, predTags[i]])), { samples: opts.samples, seed: opts.seed, scheme: 'IOB2' }) : null;
  const significance = new Map(board?.rows.map((row) => [row.name, row]));

  const scores: ModelScores[] = runs.map((r, i) => {
    const s = significance.get(r.name)!;
    return {
      model: r.name,
      spec: r.spec,
      version: r.version,
      protocol: r.protocol,
      evaluation: evaluations[i],
      spans: {
        exact: evaluateSpans(goldDocs, predDocs[i], { match: 'exact' }),
        overlap: evaluateSpans(goldDocs, predDocs[i], { match: 'overlap' }),
      },
      bootstrap: { samples: opts.samples, seed: opts.seed, f1: s.f1, f1Low: s.ci[0], f1High: s.ci[1], pValueVsBest: s.pValue },
      speed: {
        seconds: r.seconds,
        sentences: r.sentences,
        tokens: r.tokens,
        sentencesPerSecond: r.seconds > 0 ? r.sentences / r.seconds : 0,
        tokensPerSecond: r.seconds > 0 ? r.tokens / r.seconds : 0,
      },
    };
  });
  const rows = scores.map((s) => leaderboardRow(s, types)).sort((a, b) => b.f1 - a.f1 || (a.name < b.name ? -1 : 1));
  const leaderboard: Leaderboard = {
    rows,
    best: rows[0]?.name ?? '',
    samples: opts.samples,
    seed: opts.seed,
    confidence: board?.confidence ?? 0.95,
    mode: 'default',
    pairwise: board?.pairwise ?? {},
  };
  bar.done();

  const corpusFigures = {
    documents: docs.length,
    sentences: goldDocs.reduce((n, d) => n + d.sentences.length, 0),
    tokens: goldDocs.reduce((n, d) => n + d.tokens.length, 0),
    goldEntities: goldDocs.reduce((n, d) => n + d.entities.length, 0),
  };
  const scoresJson = {
    tool: 'gujnlp bench',
    corpus: { ...corpusFigures, ids: docs.map((d) => d.id), goldEntitiesByType: countByType(goldDocs, types) },
    segmentation,
    evaluation: 'seqeval default mode (conlleval rules) over IOB2 tags of the gold tokens, expand alignment; bootstrap: paired, over sentences',
    leaderboard: scoresLeaderboardRows(leaderboard),
    models: Object.fromEntries(scores.map((s) => [s.model, s])),
    skipped,
  };
  const confusion: Record<string, ConfusionMatrix> = Object.fromEntries(scores.map((s) => [s.model, confusionMatrix(s.evaluation.confusion)]));
  const html = renderHtmlReport({
    title: 'gujnlp benchmark: Gujarati NER on the corpus',
    types,
    leaderboard,
    skipped,
    corpus: corpusFigures,
    segmentation: { tokens: segmentation.tokens, sentences: segmentation.sentences },
    confusion,
    documents: docs.map((d, i) => ({
      id: d.id,
      text: d.gold.text,
      sentences: d.gold.sentences,
      gold: d.gold.entities,
      predictions: Object.fromEntries(runs.map((r) => [r.name, r.predictions[i]])),
    })),
  });
  writeFileAtomic(join(opts.out, 'scores.json'), JSON.stringify(scoresJson, null, 2) + '\n');
  writeFileAtomic(join(opts.out, 'leaderboard.csv'), renderLeaderboard(leaderboard, 'csv', types));
  writeFileAtomic(join(opts.out, 'leaderboard.md'), renderLeaderboard(leaderboard, 'md', types));
  writeFileAtomic(join(opts.out, 'report.html'), html);

  process.stdout.write(renderLeaderboard(leaderboard, 'table', types));
  return { exitCode: skipped.length > 0 ? 3 : 0, leaderboard, skipped };
}

function withEntities(doc: Document, entities: Entity[]): Document {
  return { ...doc, entities };
}

/** gujnlp's tokenizer and splitter against the gold segmentation, summed over documents. */
function segmentationOf(docs: readonly BenchDocument[]): Segmentation {
  const sum = (pick: (d: BenchDocument) => PRF): PRF => prf(sumCounts(docs.map(pick)));
  return {
    tokens: sum((d) => segmentationScores(d.gold.text, d.gold.tokens, d.system.tokens).spans),
    sentences: sum((d) => segmentationScores(d.gold.text, d.gold.sentences, d.system.sentences).spans),
  };
}

function countByType(docs: readonly Document[], types: readonly string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(types.map((t) => [t, 0]));
  for (const d of docs) for (const e of d.entities) out[e.label] = (out[e.label] ?? 0) + 1;
  return out;
}

function leaderboardRow(s: ModelScores, types: readonly string[]): LeaderboardRow {
  const micro = s.evaluation.seqeval.default['micro avg'];
  const perType: Record<string, number> = {};
  for (const t of types) {
    const row = s.evaluation.seqeval.default[t];
    perType[t] = row?.['f1-score'] ?? 0;
  }
  return {
    name: s.model,
    precision: micro.precision ?? 0,
    recall: micro.recall ?? 0,
    f1: micro['f1-score'] ?? 0,
    ci: [s.bootstrap.f1Low, s.bootstrap.f1High],
    pValue: s.bootstrap.pValueVsBest,
    perType,
    version: s.version,
    sentencesPerSecond: s.speed.sentencesPerSecond,
  };
}

/** The evaluation's confusion (gold label → predicted label → tokens) as a square matrix, O first. */
function confusionMatrix(c: Record<string, Record<string, number>>): ConfusionMatrix {
  const labels = [...new Set([...Object.keys(c), ...Object.values(c).flatMap((r) => Object.keys(r))])].sort((a, b) => (a === 'O' ? -1 : b === 'O' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return { labels, matrix: labels.map((g) => labels.map((p) => c[g]?.[p] ?? 0)) };
}

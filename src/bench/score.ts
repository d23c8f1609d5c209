/**
 * Scoring of a benchmark, apart from how the predictions were obtained:
 * gold documents and each system's predicted entities in → scores.json,
 * the leaderboard (text, Markdown, CSV) and report.html out, all in memory.
 * `gujnlp bench` (models run here) and `gujnlp compare --format html`
 * (predictions read from files) both call it, so they give the same figures
 * and the same report.
 */
import type { Document, Entity } from '../doc/types.js';
import { entitiesToTags, sentenceTokens } from '../align/index.js';
import { evaluateTags, type FullReport } from '../eval/evaluate.js';
import type { PRF } from '../eval/prf.js';
import { evaluateSpans, type SpanReport } from '../eval/spans.js';
import { bootstrapCompare, type Leaderboard } from '../eval/bootstrap.js';
import { analyseErrors, entityKeys, type ErrorAnalysis } from '../eval/errors.js';
import { mapDocument, mapTypes, type LabelMapping } from '../eval/mapping.js';
import { readAnnotations, withTokens } from '../formats/index.js';
import type { SkippedModel } from '../report/model.js';
import { renderLeaderboard, scoresLeaderboardRows } from '../report/leaderboard.js';
import { renderHtmlReport, type ConfusionMatrix } from '../report/html.js';

/** One system's predictions over the gold documents, and how they were obtained. */
export interface SystemRun {
  spec: string;
  /** Leaderboard name. */
  name: string;
  /** Model version; absent for predictions read from files. */
  version?: string;
  /** Per gold document, predicted entities as UTF-16 spans of its text (labels as the model gave them). */
  predictions: Entity[][];
  protocol: string;
  /** Wall time of annotation (0 when unknown: predictions read from files). */
  seconds: number;
  sentences: number;
  tokens: number;
  /** Cross-validated models: the fold each sentence (in corpus order) was scored in. */
  folds?: number[];
}

export interface Segmentation {
  tokens: PRF;
  sentences: PRF;
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
  /** F1 by bucket, error types with examples, entity confusion (src/eval/errors.ts). */
  errors: ErrorAnalysis;
  speed: { seconds: number; sentences: number; tokens: number; sentencesPerSecond: number; tokensPerSecond: number };
}

export interface ScoreInput {
  tool: string;
  title: string;
  /** What the gold is (a path and its format). */
  description: string;
  /** Gold documents, labels as written (the mapping is applied here). */
  gold: readonly Document[];
  runs: readonly SystemRun[];
  /** Entity types in column order, before the mapping. */
  types: readonly string[];
  mapping: LabelMapping;
  samples: number;
  seed: number;
  /** Training data of the models (any format): "seen" entities for models other than rules and cross-validated ones. */
  train?: string;
  segmentation: Segmentation | null;
  /** Why segmentation is not scored, when it is not. */
  segmentationNote: string | null;
  skipped: readonly SkippedModel[];
}

export interface ScoredBench {
  /** The leaderboard as `gujnlp compare` computes it, with each model's version and speed. */
  leaderboard: Leaderboard;
  /** Mapped types, in column order. */
  types: string[];
  scores: ModelScores[];
  /** File name → content: scores.json, leaderboard.csv, leaderboard.md, report.html. */
  files: Map<string, string>;
  /** The leaderboard as a text table (what bench prints). */
  text: string;
}

export function scoreBench(input: ScoreInput): ScoredBench {
  const { mapping, runs } = input;
  const types = mapTypes(input.types, mapping);
  // scores see the mapped labels, gold and predictions alike
  const goldDocs = input.gold.map((d) => mapDocument(d, mapping));
  const tagsOf = (d: Document): string[][] => entitiesToTags(d, { scheme: 'IOB2', align: 'expand' }).tags;
  const goldTags = goldDocs.flatMap(tagsOf);
  const predDocs = runs.map((r) => goldDocs.map((d, i) => mapDocument({ ...d, entities: r.predictions[i] }, mapping)));
  const predTags = predDocs.map((docs) => docs.flatMap(tagsOf));
  const evaluations = predTags.map((p) => evaluateTags(goldTags, p, { scheme: 'IOB2' }).report);
  // the leaderboard is exactly `gujnlp compare`'s on the same tags
  const board: Leaderboard =
    runs.length > 0
      ? bootstrapCompare(goldTags, Object.fromEntries(runs.map((r, i) => [r.name, predTags[i]])), { samples: input.samples, seed: input.seed, scheme: 'IOB2' })
      : { rows: [], best: '', samples: input.samples, seed: input.seed, confidence: 0.95, mode: 'default', pairwise: {} };
  const significance = new Map(board.rows.map((row) => [row.name, row]));
  const sentences = goldDocs.flatMap((d) => sentenceTokens(d).map((ts, s) => ({ texts: ts.map((t) => t.text), name: `${d.id}#${s + 1}` })));
  const sentenceTexts = sentences.map((s) => s.texts);
  const sentenceNames = sentences.map((s) => s.name);
  const trainSeen = input.train === undefined ? undefined : trainingKeys(input.train, mapping);

  const scores: ModelScores[] = runs.map((r, i) => {
    const s = significance.get(r.name)!;
    return {
      model: r.name,
      spec: r.spec,
      version: r.version ?? '',
      protocol: r.protocol,
      evaluation: evaluations[i],
      spans: {
        exact: evaluateSpans(goldDocs, predDocs[i], { match: 'exact' }),
        overlap: evaluateSpans(goldDocs, predDocs[i], { match: 'overlap' }),
      },
      bootstrap: { samples: input.samples, seed: input.seed, f1: s.f1, f1Low: s.ci[0], f1High: s.ci[1], pValueVsBest: s.pValue },
      errors: analyseErrors(
        { tokens: sentenceTexts, gold: goldTags, pred: predTags[i], names: sentenceNames },
        { samples: input.samples, seed: input.seed, seen: seenOf(r, sentenceTexts, goldTags, trainSeen) },
      ),
      speed: {
        seconds: r.seconds,
        sentences: r.sentences,
        tokens: r.tokens,
        sentencesPerSecond: r.seconds > 0 ? r.sentences / r.seconds : 0,
        tokensPerSecond: r.seconds > 0 ? r.tokens / r.seconds : 0,
      },
    };
  });
  const byName = new Map(runs.map((r, i) => [r.name, { run: r, speed: scores[i].speed }]));
  const leaderboard: Leaderboard = {
    ...board,
    // version and speed only where known (predictions read from files have neither)
    rows: board.rows.map((row) => {
      const { run, speed } = byName.get(row.name)!;
      return { ...row, ...(run.version !== undefined ? { version: run.version } : {}), ...(speed.seconds > 0 ? { sentencesPerSecond: speed.sentencesPerSecond } : {}) };
    }),
  };
  if (runs.length > 0 && leaderboard.best === '') process.stderr.write(`${input.tool}: warning: every model scores F1 0 on ${input.description}; no model is marked best\n`);

  const corpusFigures = {
    documents: goldDocs.length,
    sentences: sentenceTexts.length,
    tokens: goldDocs.reduce((n, d) => n + d.tokens.length, 0),
    goldEntities: goldDocs.reduce((n, d) => n + d.entities.length, 0),
  };
  const scoresJson = {
    tool: input.tool,
    gold: input.description,
    corpus: { ...corpusFigures, ids: goldDocs.map((d) => d.id), goldEntitiesByType: countByType(goldDocs, types) },
    segmentation: input.segmentation ?? { note: input.segmentationNote },
    labelMapping: { map: mapping.map ?? {}, ignore: mapping.ignore ?? [] },
    evaluation: 'seqeval default mode (conlleval rules) over IOB2 tags of the gold tokens, expand alignment; bootstrap: paired, over sentences',
    leaderboard: scoresLeaderboardRows(leaderboard),
    models: Object.fromEntries(scores.map((s) => [s.model, s])),
    skipped: input.skipped,
  };
  const confusion: Record<string, ConfusionMatrix> = Object.fromEntries(scores.map((s) => [s.model, confusionMatrix(s.evaluation.confusion)]));
  const html = renderHtmlReport({
    title: input.title,
    types,
    leaderboard,
    skipped: [...input.skipped],
    corpus: corpusFigures,
    segmentation: input.segmentation,
    confusion,
    errors: Object.fromEntries(scores.map((s) => [s.model, s.errors])),
    documents: goldDocs.map((d, i) => ({
      id: d.id,
      text: d.text,
      sentences: d.sentences,
      gold: d.entities,
      predictions: Object.fromEntries(runs.map((r, m) => [r.name, predDocs[m][i].entities])),
    })),
  });
  const files = new Map<string, string>([
    ['scores.json', JSON.stringify(scoresJson, null, 2) + '\n'],
    ['leaderboard.csv', renderLeaderboard(leaderboard, 'csv', types)],
    ['leaderboard.md', renderLeaderboard(leaderboard, 'md', types)],
    ['report.html', html],
  ]);
  return { leaderboard, types, scores, files, text: renderLeaderboard(leaderboard, 'table', types) };
}

/** The entity keys of a training file (any format), mapped. */
function trainingKeys(path: string, mapping: LabelMapping): Set<string> {
  const docs = withTokens(readAnnotations(path)).docs.map((d) => mapDocument(d, mapping));
  const tokens = docs.flatMap((d) => sentenceTokens(d).map((ts) => ts.map((t) => t.text)));
  const tags = docs.flatMap((d) => entitiesToTags(d, { scheme: 'IOB2', align: 'expand' }).tags);
  return entityKeys(tokens, tags, tokens.keys());
}

/**
 * What a model saw in training, per sentence: the other folds for a
 * cross-validated model; the --train file for other trained models; nothing
 * known for rules (its gazetteers are not training data).
 */
function seenOf(run: SystemRun, tokens: string[][], goldTags: string[][], train: Set<string> | undefined): ((s: number) => ReadonlySet<string> | undefined) | undefined {
  if (run.folds !== undefined && run.folds.length === tokens.length) {
    const folds = run.folds;
    const k = Math.max(...folds) + 1;
    const perFold = Array.from({ length: k }, (_, f) =>
      entityKeys(
        tokens,
        goldTags,
        folds.flatMap((g, s) => (g === f ? [] : [s])),
      ),
    );
    return (s) => perFold[folds[s]];
  }
  if (train === undefined || run.spec === 'rules') return undefined;
  return () => train;
}

function countByType(docs: readonly Document[], types: readonly string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(types.map((t) => [t, 0]));
  for (const d of docs) for (const e of d.entities) out[e.label] = (out[e.label] ?? 0) + 1;
  return out;
}

/** The evaluation's confusion (gold label → predicted label → tokens) as a square matrix, O first. */
function confusionMatrix(c: Record<string, Record<string, number>>): ConfusionMatrix {
  const labels = [...new Set([...Object.keys(c), ...Object.values(c).flatMap((r) => Object.keys(r))])].sort((a, b) => (a === 'O' ? -1 : b === 'O' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return { labels, matrix: labels.map((g) => labels.map((p) => c[g]?.[p] ?? 0)) };
}

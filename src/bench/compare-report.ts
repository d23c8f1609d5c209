/**
 * `gujnlp compare --format html / --out DIR`: the bench report of
 * predictions read from files. Each system's documents are put on the
 * gold's tokens (by document id, the token check of `file:` models) and
 * scored by `scoreBench`, so the figures and the page are those bench gives
 * for the same predictions.
 */
import type { Document } from '../doc/types.js';
import { loadSchema } from '../doc/schema.js';
import { alignPredictions } from '../annotate/file.js';
import { pairDocuments } from '../eval/documents.js';
import type { LabelMapping } from '../eval/mapping.js';
import { scoreBench, type ScoredBench, type SystemRun } from './score.js';

export interface CompareReportInput {
  /** Path of the gold, for the title. */
  gold: string;
  goldDocs: readonly Document[];
  systems: readonly { name: string; path: string; docs: readonly Document[] }[];
  mapping: LabelMapping;
  samples: number;
  seed: number;
  schema?: string;
}

/** The scored comparison: its leaderboard and files (scores.json, leaderboard.csv, leaderboard.md, report.html). Documents come tokenized (`readForScoring`). */
export function compareReport(input: CompareReportInput): ScoredBench {
  const gold = input.goldDocs;
  const sentences = gold.reduce((n, d) => n + d.sentences.length, 0);
  const tokens = gold.reduce((n, d) => n + d.tokens.length, 0);
  const runs: SystemRun[] = input.systems.map((s) => {
    const pairs = pairDocuments(gold, s.docs, `${s.name} (${s.path})`);
    return {
      spec: `file:${s.path}`,
      name: s.name,
      predictions: pairs.map(([g, p]) => alignPredictions(g, p, s.path, s.name)),
      protocol: 'predictions read from a file',
      seconds: 0,
      sentences,
      tokens,
    };
  });
  const types = input.schema !== undefined ? loadSchema(input.schema).labels : [...new Set(gold.flatMap((d) => d.entities.map((e) => e.label)))].sort();
  return scoreBench({
    tool: 'gujnlp compare',
    title: `gujnlp compare: Gujarati NER on ${input.gold}`,
    description: input.gold,
    gold,
    runs,
    types,
    mapping: input.mapping,
    samples: input.samples,
    seed: input.seed,
    segmentation: null,
    segmentationNote: 'not scored: predictions read from files',
    skipped: [],
  });
}

import type { Entity } from '../doc/types.js';

/** One row of the leaderboard: what `gujnlp bench` prints and writes. */
export interface LeaderboardRow {
  model: string;
  version: string;
  /** seqeval default-mode micro averages over entity types. */
  precision: number;
  recall: number;
  f1: number;
  /** 95% paired-bootstrap confidence interval of F1 over sentences. */
  f1Low: number;
  f1High: number;
  /** seqeval default-mode F1 per entity type (schema order). */
  perType: Record<string, number>;
  sentencesPerSecond: number;
  /** p-value of the difference from the best model (null for the best itself). */
  pValue: number | null;
  /** Whether the difference from the best is significant at 0.05 (null for the best). */
  significant: boolean | null;
}

/** A model that could not be run, and why. */
export interface SkippedModel {
  spec: string;
  reason: string;
}

/** Everything the report needs to show one document. */
export interface ReportDocument {
  id: string;
  text: string;
  /** Sentence spans (UTF-16), to quote disagreements in context. */
  sentences: { start: number; end: number }[];
  gold: Entity[];
  /** Predicted entities per model name (UTF-16 spans of `text`). */
  predictions: Record<string, Entity[]>;
}

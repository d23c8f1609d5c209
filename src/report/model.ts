/**
 * What the reports show, apart from the leaderboard (`Leaderboard` of
 * `eval/bootstrap.ts`, rendered by `./leaderboard.ts`): skipped models and
 * the documents with gold and predicted entities.
 */
import type { Entity } from '../doc/types.js';

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

/**
 * The document model shared by every stage. All offsets here are UTF-16
 * offsets into `Document.text` (so `text.slice(start, end)` is the span);
 * files and printed output use code points, converted by
 * `src/text/offsets.ts` at the boundary.
 */

export interface Span {
  start: number;
  end: number;
}

export const TOKEN_KINDS = ['word', 'number', 'punct', 'symbol', 'emoji', 'url', 'email', 'hashtag', 'mention'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export interface Token extends Span {
  text: string;
  kind: TokenKind;
}

export interface Sentence extends Span {
  text: string;
}

export interface Entity extends Span {
  label: string;
  /** The covered text; when present it must equal `doc.text.slice(start, end)`. */
  text?: string;
  /** Annotator or model that produced it (absent for gold). */
  source?: string;
  /** Model confidence in [0, 1], when the model gives one. */
  score?: number;
}

export interface Document {
  id: string;
  text: string;
  sentences: Sentence[];
  tokens: Token[];
  entities: Entity[];
  /** Format-specific data kept for lossless round trips (extra CoNLL columns, brat notes, ...). */
  meta?: Record<string, unknown>;
}

/** Entity types of an annotation project (default PER, LOC, ORG, MISC). */
export interface LabelSchema {
  labels: string[];
}

export const DEFAULT_SCHEMA: LabelSchema = { labels: ['PER', 'LOC', 'ORG', 'MISC'] };

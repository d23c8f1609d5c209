/**
 * Documents ↔ the tagger's sentences: tokens per sentence with IOB2 tags
 * from the gold entities (spans not on token boundaries are widened, as
 * `gujnlp convert` does by default), and predicted tags back to entities.
 */
import { entitiesToTags, sentenceTokens, tagsToEntities } from '../../align/index.js';
import type { Document, Entity } from '../../doc/types.js';
import type { TaggedSentence } from './train.js';

/** The training sentences of a gold document. */
export function taggedSentences(doc: Document): TaggedSentence[] {
  const { tags } = entitiesToTags(doc, { scheme: 'IOB2', align: 'expand' });
  return sentenceTokens(doc).map((toks, s) => ({ tokens: toks.map((t) => t.text), tags: tags[s] }));
}

/** Token texts per sentence of a document. */
export function sentenceTokenTexts(doc: Document): string[][] {
  return sentenceTokens(doc).map((toks) => toks.map((t) => t.text));
}

/** Predicted IOB2 tags per sentence → entities of the document. */
export function entitiesFromTags(doc: Document, tags: string[][], source: string): Entity[] {
  return tagsToEntities(doc, tags, { source });
}

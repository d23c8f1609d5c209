/**
 * Documents ↔ the tagger's sentences: tokens per sentence with IOB2 tags
 * from the gold entities (spans not on token boundaries are widened, as
 * `gujnlp convert` does by default), and predicted tags back to entities
 * (with span edges cut inside tokens as the training data did, see edges.ts).
 */
import { entitiesToTags, sentenceTokenRanges, sentenceTokens, tagsToEntities } from '../../align/index.js';
import type { Document, Entity } from '../../doc/types.js';
import { countEdges, emptyCounts, tokenContaining, trimEntity, type EdgeCounts, type EdgeTrim } from './edges.js';
import type { LangResources } from './resources.js';
import type { TaggedSentence } from './train.js';

/**
 * The training sentences of a gold document. With `resources`, each sentence
 * also counts how its gold spans treat edges inside tokens (edges.ts).
 */
export function taggedSentences(doc: Document, resources?: LangResources): TaggedSentence[] {
  const { tags } = entitiesToTags(doc, { scheme: 'IOB2', align: 'expand' });
  const sents: TaggedSentence[] = sentenceTokens(doc).map((toks, s) => ({ tokens: toks.map((t) => t.text), tags: tags[s] }));
  if (resources === undefined) return sents;
  const ranges = sentenceTokenRanges(doc);
  const counts: EdgeCounts[] = sents.map(() => emptyCounts());
  for (const e of doc.entities) {
    const k = tokenContaining(doc.tokens, e.start);
    const s = ranges.findIndex((r) => r.start <= k && k < r.end);
    if (s >= 0) countEdges(doc, e, resources.splitEnding, counts[s]);
  }
  return sents.map((x, s) => ({ ...x, edges: counts[s] }));
}

/** Token texts per sentence of a document. */
export function sentenceTokenTexts(doc: Document): string[][] {
  return sentenceTokens(doc).map((toks) => toks.map((t) => t.text));
}

/**
 * Predicted IOB2 tags per sentence → entities of the document, edges cut
 * inside tokens as `trim` says (per sentence when given an array).
 */
export function entitiesFromTags(doc: Document, tags: string[][], source: string, trim?: { trim: EdgeTrim | readonly EdgeTrim[]; splitEnding: LangResources['splitEnding'] }): Entity[] {
  const ents = tagsToEntities(doc, tags, { source });
  if (trim === undefined) return ents;
  const ranges = sentenceTokenRanges(doc);
  return ents.map((e) => {
    let rule: EdgeTrim;
    if (Array.isArray(trim.trim)) {
      const k = tokenContaining(doc.tokens, e.start);
      rule = trim.trim[ranges.findIndex((r) => r.start <= k && k < r.end)];
    } else rule = trim.trim as EdgeTrim;
    return trimEntity(doc, e, rule, trim.splitEnding);
  });
}

/**
 * Documents ↔ the tagger's sentences: tokens per sentence with IOB2 tags
 * from the gold entities (spans not on token boundaries are widened, as
 * `gujnlp convert` does by default), and predicted tags back to entities.
 *
 * Tags cover whole tokens, but gold spans may stop before a case ending
 * glued to the name's last token (`પાકિસ્તાનના` → `પાકિસ્તાન`, as the
 * project's guidelines ask). Which convention the training data follows is
 * counted per sentence here, learnt by training, and applied when tags are
 * turned back into spans.
 */
import { entitiesToTags, sentenceTokenRanges, sentenceTokens, tagsToEntities } from '../../align/index.js';
import type { Document, Entity, Token } from '../../doc/types.js';
import type { LangResources } from './resources.js';
import type { EndingCounts, TaggedSentence } from './train.js';

/**
 * The training sentences of a gold document. With `resources`, each sentence
 * also counts its entities whose last token has a case ending: spans that
 * stop before the ending (`trimmed`) and spans that keep it (`kept`).
 */
export function taggedSentences(doc: Document, resources?: LangResources): TaggedSentence[] {
  const { tags } = entitiesToTags(doc, { scheme: 'IOB2', align: 'expand' });
  const sents: TaggedSentence[] = sentenceTokens(doc).map((toks, s) => ({ tokens: toks.map((t) => t.text), tags: tags[s] }));
  if (resources === undefined) return sents;
  const ranges = sentenceTokenRanges(doc);
  const counts: EndingCounts[] = sents.map(() => ({ trimmed: 0, kept: 0 }));
  for (const e of doc.entities) {
    const k = tokenContaining(doc.tokens, e.end - 1);
    if (k < 0) continue;
    const tok = doc.tokens[k];
    const { stem, ending } = resources.splitEnding(tok.text);
    if (ending === '' || e.start > tok.start + stem.length) continue;
    const s = ranges.findIndex((r) => r.start <= k && k < r.end);
    if (e.end === tok.start + stem.length) counts[s].trimmed++;
    else if (e.end === tok.end) counts[s].kept++;
  }
  return sents.map((x, s) => (counts[s].trimmed + counts[s].kept > 0 ? { ...x, endings: counts[s] } : x));
}

/** Index of the token that contains UTF-16 offset `pos`, or -1. */
export function tokenContaining(tokens: readonly Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo < tokens.length && tokens[lo].start <= pos ? lo : -1;
}

/** Token texts per sentence of a document. */
export function sentenceTokenTexts(doc: Document): string[][] {
  return sentenceTokens(doc).map((toks) => toks.map((t) => t.text));
}

/**
 * Predicted IOB2 tags per sentence → entities of the document. With
 * `trimEnding`, a span whose last token has a case ending stops before it.
 */
export function entitiesFromTags(doc: Document, tags: string[][], source: string, trimEnding?: LangResources['splitEnding']): Entity[] {
  const ents = tagsToEntities(doc, tags, { source });
  if (trimEnding === undefined) return ents;
  return ents.map((e) => {
    const k = tokenContaining(doc.tokens, e.end - 1);
    const tok = doc.tokens[k];
    const { stem, ending } = trimEnding(tok.text);
    const end = tok.start + stem.length;
    if (ending === '' || end <= e.start) return e;
    return { ...e, end, text: doc.text.slice(e.start, end) };
  });
}

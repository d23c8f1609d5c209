/**
 * Span edges inside tokens. Tags cover whole tokens, but gold spans may
 * start or stop inside one: the project's guidelines leave a case ending
 * glued to a name's last token out (`પાકિસ્તાનના` → `પાકિસ્તાન`) and start a
 * hashtag name after `#` (`#Islamabad` → `Islamabad`). Which convention the
 * training data follows is counted here, decided by training (majority of
 * the gold spans where the rule could apply) and applied when predicted tags
 * are turned back into spans.
 */
import type { Document, Entity, Token } from '../../doc/types.js';
import type { LangResources } from './resources.js';
import { lowerToken } from '../../align/index.js';

export const EDGE_RULES = ['caseEndings', 'hashtags'] as const;
export type EdgeRule = (typeof EDGE_RULES)[number];

/** Per rule: gold spans that were cut inside the token, and spans that kept the whole token. */
export type EdgeCounts = Record<EdgeRule, { trimmed: number; kept: number }>;
/** Per rule: cut predicted spans inside the token. */
export type EdgeTrim = Record<EdgeRule, boolean>;

export const NO_TRIM: EdgeTrim = { caseEndings: false, hashtags: false };

export function emptyCounts(): EdgeCounts {
  return { caseEndings: { trimmed: 0, kept: 0 }, hashtags: { trimmed: 0, kept: 0 } };
}

/** Index of the token that contains UTF-16 offset `pos`, or -1. */
export function tokenContaining(tokens: readonly Token[], pos: number): number {
  const i = lowerToken(tokens, pos);
  return i < tokens.length && tokens[i].start <= pos ? i : -1;
}

const isHashtag = (t: Token): boolean => t.text.length > 1 && t.text.startsWith('#');

/** Adds the edge conventions of a gold entity to `counts`. */
export function countEdges(doc: Document, e: Entity, splitEnding: LangResources['splitEnding'], counts: EdgeCounts): void {
  const first = tokenContaining(doc.tokens, e.start);
  const last = tokenContaining(doc.tokens, e.end - 1);
  if (first < 0 || last < 0) return;
  const ft = doc.tokens[first];
  if (isHashtag(ft)) {
    if (e.start === ft.start + 1) counts.hashtags.trimmed++;
    else if (e.start === ft.start) counts.hashtags.kept++;
  }
  const lt = doc.tokens[last];
  const { stem, ending } = splitEnding(lt.text);
  if (ending !== '' && e.start < lt.start + stem.length) {
    if (e.end === lt.start + stem.length) counts.caseEndings.trimmed++;
    else if (e.end === lt.end) counts.caseEndings.kept++;
  }
}

/** A rule applies when most gold spans it could apply to followed it. */
export function decideTrim(counts: readonly (EdgeCounts | undefined)[]): EdgeTrim {
  const sum = emptyCounts();
  for (const c of counts) {
    if (c === undefined) continue;
    for (const r of EDGE_RULES) {
      sum[r].trimmed += c[r].trimmed;
      sum[r].kept += c[r].kept;
    }
  }
  return { caseEndings: sum.caseEndings.trimmed > sum.caseEndings.kept, hashtags: sum.hashtags.trimmed > sum.hashtags.kept };
}

/** A predicted whole-token entity with its edges cut as `trim` says. */
export function trimEntity(doc: Document, e: Entity, trim: EdgeTrim, splitEnding: LangResources['splitEnding']): Entity {
  let { start, end } = e;
  if (trim.hashtags) {
    const ft = doc.tokens[tokenContaining(doc.tokens, start)];
    if (ft !== undefined && ft.start === start && isHashtag(ft) && end > start + 1) start += 1;
  }
  if (trim.caseEndings) {
    const lt = doc.tokens[tokenContaining(doc.tokens, end - 1)];
    if (lt !== undefined && lt.end === end) {
      const { stem, ending } = splitEnding(lt.text);
      if (ending !== '' && lt.start + stem.length > start) end = lt.start + stem.length;
    }
  }
  if (start === e.start && end === e.end) return e;
  return { ...e, start, end, text: doc.text.slice(start, end) };
}

import type { Document, Token } from '../../doc/types.js';

/** The document's tokens grouped by sentence (all in one group when there are no sentences). */
export function tokensBySentence(doc: Document): Token[][] {
  const tokens = [...doc.tokens].sort((a, b) => a.start - b.start);
  if (doc.sentences.length === 0) return [tokens];
  const groups: Token[][] = doc.sentences.map(() => []);
  const sentences = doc.sentences.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start);
  let si = 0;
  const rest: Token[] = [];
  for (const t of tokens) {
    while (si < sentences.length && sentences[si].s.end <= t.start) si++;
    const cur = sentences[si];
    if (cur && cur.s.start <= t.start && t.end <= cur.s.end) groups[cur.i].push(t);
    else rest.push(t);
  }
  if (rest.length > 0) groups.push(rest);
  return groups;
}

/** Choosing the entities of a sentence among overlapping rule candidates. */

/** Rule strength, used to break ties between candidates of equal length. */
export const RANK = { gazetteer: 6, orgHead: 5, locHead: 5, title: 4, givenName: 3, surname: 3, honorific: 2, fuzzy: 1 } as const;
export type Rule = keyof typeof RANK;

/** A candidate entity: token range within the sentence (inclusive) and UTF-16 span. */
export interface Candidate {
  startTok: number;
  endTok: number;
  start: number;
  end: number;
  label: string;
  rule: Rule;
}

/** Longest first, then stronger rule, then leftmost; never overlapping. */
export function choose(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => b.endTok - b.startTok - (a.endTok - a.startTok) || RANK[b.rule] - RANK[a.rule] || a.start - b.start || b.end - a.end);
  const taken: Candidate[] = [];
  for (const c of sorted) {
    if (c.end <= c.start) continue;
    if (taken.some((t) => c.start < t.end && t.start < c.end)) continue;
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}

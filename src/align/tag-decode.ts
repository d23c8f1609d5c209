/**
 * TEMPORARY private decoder (tags → chunks) used by the aligner until
 * helper C's `src/tags/decode.ts` is in place; see README of issue 3.
 *
 * Lenient, conlleval-style and scheme-agnostic: a chunk starts at a begin or
 * single tag (B, S, U), at a change of type, or after a tag that ended a
 * chunk (E, L, S, U); it ends after E, L, S or U. This reads IOB1, IOB2,
 * IOE1, IOE2, IOBES and BILOU alike; invalid sequences are decoded the way
 * conlleval would and are reported separately by `src/validate/tags.ts`.
 */
import type { Chunk } from '../tags/scheme.js';

export interface ParsedTag {
  prefix: string;
  type: string;
}

/** Splits `B-LOC` into prefix and type; `O` gives null. Throws on malformed tags. */
export function parseTag(tag: string): ParsedTag | null {
  if (tag === 'O') return null;
  const m = /^([BIESLU])-(.+)$/.exec(tag);
  if (m === null) throw new SyntaxError(`invalid tag '${tag}' (expected O or B-/I-/E-/S-/L-/U- and a type)`);
  return { prefix: m[1], type: m[2] };
}

export function decodeTagsLenient(tags: readonly string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let cur: Chunk | null = null;
  let ended = true;
  for (let i = 0; i < tags.length; i++) {
    const t = parseTag(tags[i]);
    if (t === null) {
      if (cur) chunks.push(cur);
      cur = null;
      ended = true;
      continue;
    }
    const starts = cur === null || ended || t.type !== cur.type || t.prefix === 'B' || t.prefix === 'S' || t.prefix === 'U';
    if (starts) {
      if (cur) chunks.push(cur);
      cur = { type: t.type, start: i, end: i + 1 };
    } else if (cur) {
      cur.end = i + 1;
    }
    ended = t.prefix === 'E' || t.prefix === 'L' || t.prefix === 'S' || t.prefix === 'U';
  }
  if (cur) chunks.push(cur);
  return chunks;
}

/**
 * Entity spans ↔ token tags. A span that does not fall on token boundaries
 * (a case ending glued to a name: `પાકિસ્તાનના` with only `પાકિસ્તાન`
 * annotated) is resolved by an explicit mode, like spaCy's alignment_mode:
 *   expand   tag every token the span touches (default),
 *   contract tag only tokens wholly inside the span,
 *   strict   refuse: an InputError naming the entity.
 * Every span that does not map exactly is returned in `misaligned`; nothing
 * is dropped silently.
 */
import type { Document, Entity, Token } from '../doc/types.js';
import { sentenceTokenRanges } from '../doc/sentences.js';
import { InputError } from '../io/errors.js';
import { OffsetMap } from '../text/offsets.js';
import { encodeTags } from '../tags/encode.js';
import type { AlignMode, Chunk, TagScheme } from '../tags/scheme.js';
import { decodeTags } from '../tags/decode.js';

export { ALIGN_MODES, isAlignMode, type AlignMode } from '../tags/scheme.js';

export type MisalignKind = 'expanded' | 'contracted' | 'dropped';

export interface Misaligned {
  entity: Entity;
  kind: MisalignKind;
  /** Id of the document the entity belongs to. */
  doc: string;
  /** Why, in words (e.g. "overlaps LOC 0-9", "covers no token"). */
  reason: string;
}

export interface TagsResult {
  /** Tags per sentence, one per token of that sentence. */
  tags: string[][];
  misaligned: Misaligned[];
}

/** Token groups per sentence: one definition, in `doc/sentences.ts`. */
export { sentenceTokenRanges, tokensBySentence as sentenceTokens } from '../doc/sentences.js';

function describe(doc: Document, e: Entity): string {
  const map = new OffsetMap(doc.text);
  let where: string;
  try {
    where = `${map.toCodePoint(e.start)}-${map.toCodePoint(e.end)}`;
  } catch {
    where = `utf16 ${e.start}-${e.end}`;
  }
  return `${e.label} ${where} '${doc.text.slice(e.start, e.end)}' in document ${doc.id}`;
}

/** Spans → tags per sentence. */
export function entitiesToTags(doc: Document, opts: { scheme: TagScheme; align?: AlignMode }): TagsResult {
  const align = opts.align ?? 'expand';
  const ranges = sentenceTokenRanges(doc);
  const chunksPer: Chunk[][] = ranges.map(() => []);
  const misaligned: Misaligned[] = [];
  // token index → sentence index
  const sentOf = new Int32Array(doc.tokens.length);
  ranges.forEach((r, s) => sentOf.fill(s, r.start, r.end));
  // occupied token positions (global token index) to detect overlaps
  const owner: (Entity | undefined)[] = new Array(doc.tokens.length);

  const ordered = [...doc.entities].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const e of ordered) {
    // tokens the span touches, and tokens wholly inside it
    let first = -1;
    let last = -1;
    let innerFirst = -1;
    let innerLast = -1;
    for (let i = lowerToken(doc.tokens, e.start); i < doc.tokens.length && doc.tokens[i].start < e.end; i++) {
      const tk = doc.tokens[i];
      if (tk.end <= e.start) continue;
      if (first < 0) first = i;
      last = i;
      if (tk.start >= e.start && tk.end <= e.end) {
        if (innerFirst < 0) innerFirst = i;
        innerLast = i;
      }
    }
    if (first < 0) {
      if (align === 'strict') throw new InputError(`entity ${describe(doc, e)} covers no token`);
      misaligned.push({ entity: e, kind: 'dropped', doc: doc.id, reason: 'covers no token' });
      continue;
    }
    const exact = doc.tokens[first].start === e.start && doc.tokens[last].end === e.end;
    let kind: MisalignKind | null = null;
    let reason = '';
    if (!exact) {
      if (align === 'strict') {
        throw new InputError(`entity ${describe(doc, e)} does not fall on token boundaries (use --align expand or contract)`);
      }
      if (align === 'expand') {
        kind = 'expanded';
        reason = `widened to tokens '${doc.text.slice(doc.tokens[first].start, doc.tokens[last].end)}'`;
      } else if (innerFirst < 0) {
        misaligned.push({ entity: e, kind: 'dropped', doc: doc.id, reason: 'no token lies wholly inside the span' });
        continue;
      } else {
        kind = 'contracted';
        first = innerFirst;
        last = innerLast;
        reason = `narrowed to tokens '${doc.text.slice(doc.tokens[first].start, doc.tokens[last].end)}'`;
      }
    }
    // a span across a sentence end keeps its part in the first sentence
    const s = sentOf[first];
    if (sentOf[last] !== s) {
      if (align === 'strict') throw new InputError(`entity ${describe(doc, e)} crosses a sentence boundary`);
      last = ranges[s].end - 1;
      kind = 'contracted';
      reason = `crosses a sentence end; cut to '${doc.text.slice(doc.tokens[first].start, doc.tokens[last].end)}'`;
    }
    let clash: Entity | undefined;
    for (let i = first; i <= last && clash === undefined; i++) clash = owner[i];
    if (clash !== undefined) {
      if (align === 'strict') throw new InputError(`entity ${describe(doc, e)} overlaps ${describe(doc, clash)}; token tags cannot hold both`);
      misaligned.push({ entity: e, kind: 'dropped', doc: doc.id, reason: `overlaps ${clash.label} '${doc.text.slice(clash.start, clash.end)}'; token tags cannot hold both` });
      continue;
    }
    for (let i = first; i <= last; i++) owner[i] = e;
    chunksPer[s].push({ type: e.label, start: first - ranges[s].start, end: last + 1 - ranges[s].start });
    if (kind !== null) misaligned.push({ entity: e, kind, doc: doc.id, reason });
  }
  const tags = chunksPer.map((chunks, s) => encodeTags(chunks, ranges[s].end - ranges[s].start, opts.scheme));
  return { tags, misaligned };
}

/** First token index whose end is after `pos` (tokens sorted, not overlapping). */
export function lowerToken(tokens: readonly Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Tags per sentence → entities (UTF-16 spans over doc.text, with `text`),
 * decoded by `decodeTags` (default: conlleval/seqeval default mode).
 * Throws RangeError when a sentence's tag count differs from its tokens;
 * format readers check counts first and report them with file and line.
 */
export function tagsToEntities(doc: Document, tags: readonly (readonly string[])[], opts: { scheme?: TagScheme; mode?: 'default' | 'strict'; source?: string } = {}): Entity[] {
  const ranges = sentenceTokenRanges(doc);
  if (tags.length !== ranges.length) throw new RangeError(`${tags.length} tag sequences for ${ranges.length} sentences`);
  const out: Entity[] = [];
  ranges.forEach((r, s) => {
    const seq = tags[s];
    if (seq.length !== r.end - r.start) throw new RangeError(`sentence ${s + 1}: ${seq.length} tags for ${r.end - r.start} tokens`);
    for (const c of decodeTags(seq, { mode: opts.mode ?? 'default', scheme: opts.scheme, sentence: s })) {
      const start = doc.tokens[r.start + c.start].start;
      const end = doc.tokens[r.start + c.end - 1].end;
      const e: Entity = { start, end, label: c.type, text: doc.text.slice(start, end) };
      if (opts.source !== undefined) e.source = opts.source;
      out.push(e);
    }
  });
  return out;
}

/** Counts of misaligned entities by kind. */
export function countMisaligned(m: readonly Misaligned[]): Record<MisalignKind, number> {
  const c: Record<MisalignKind, number> = { expanded: 0, contracted: 0, dropped: 0 };
  for (const x of m) c[x.kind]++;
  return c;
}

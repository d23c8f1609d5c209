/**
 * Chunks (entities over token positions) → one tag per token, in any of the
 * six schemes. The inverse is `decodeTags` in `./decode.ts`.
 *
 * IOB1 and IOE1 only mark a boundary where two chunks of the same type
 * touch (B- on the second's first token, E- on the first's last token);
 * IOB2/IOE2 mark every chunk; IOBES/BILOU also mark single-token chunks.
 */
import type { Chunk, TagScheme } from './scheme.js';

/** Prefixes used by a scheme: [begin, inside, end, single]. */
export const SCHEME_PREFIXES: Record<TagScheme, { begin: string; inside: string; end: string; single: string }> = {
  IOB1: { begin: 'B', inside: 'I', end: 'I', single: 'I' },
  IOB2: { begin: 'B', inside: 'I', end: 'I', single: 'B' },
  IOE1: { begin: 'I', inside: 'I', end: 'E', single: 'I' },
  IOE2: { begin: 'I', inside: 'I', end: 'E', single: 'E' },
  IOBES: { begin: 'B', inside: 'I', end: 'E', single: 'S' },
  BILOU: { begin: 'B', inside: 'I', end: 'L', single: 'U' },
};

/** All prefixes a scheme's tags may carry (for label lists such as HF's labels.json). */
export function schemePrefixes(scheme: TagScheme): string[] {
  switch (scheme) {
    case 'IOB1':
      return ['I', 'B'];
    case 'IOB2':
      return ['B', 'I'];
    case 'IOE1':
      return ['I', 'E'];
    case 'IOE2':
      return ['I', 'E'];
    case 'IOBES':
      return ['B', 'I', 'E', 'S'];
    case 'BILOU':
      return ['B', 'I', 'L', 'U'];
  }
}

/**
 * Encodes chunks over `length` tokens. Chunks must be within [0, length),
 * non-empty and not overlapping (throws RangeError otherwise: the caller,
 * the aligner, resolves overlaps and reports them first).
 */
export function encodeTags(chunks: readonly Chunk[], length: number, scheme: TagScheme): string[] {
  const tags: string[] = new Array<string>(length).fill('O');
  const sorted = [...chunks].sort((a, b) => a.start - b.start);
  const p = SCHEME_PREFIXES[scheme];
  for (let k = 0; k < sorted.length; k++) {
    const c = sorted[k];
    if (!(c.start >= 0 && c.end <= length && c.start < c.end)) {
      throw new RangeError(`chunk ${c.type} [${c.start}, ${c.end}) outside ${length} tokens or empty`);
    }
    const prev = sorted[k - 1];
    const next = sorted[k + 1];
    if (prev !== undefined && prev.end > c.start) throw new RangeError(`chunks [${prev.start}, ${prev.end}) and [${c.start}, ${c.end}) overlap`);
    const touchesPrevSame = prev !== undefined && prev.end === c.start && prev.type === c.type;
    const touchesNextSame = next !== undefined && next.start === c.end && next.type === c.type;
    for (let i = c.start; i < c.end; i++) tags[i] = `${p.inside}-${c.type}`;
    const last = c.end - 1;
    if (c.end - c.start === 1) {
      let prefix = p.single;
      if (scheme === 'IOB1' && touchesPrevSame) prefix = 'B';
      if (scheme === 'IOE1' && touchesNextSame) prefix = 'E';
      tags[c.start] = `${prefix}-${c.type}`;
      continue;
    }
    switch (scheme) {
      case 'IOB1':
        if (touchesPrevSame) tags[c.start] = `B-${c.type}`;
        break;
      case 'IOE1':
        if (touchesNextSame) tags[last] = `E-${c.type}`;
        break;
      default:
        tags[c.start] = `${p.begin}-${c.type}`;
        tags[last] = `${p.end}-${c.type}`;
    }
  }
  return tags;
}

/**
 * PRIVATE STAND-IN for helper C's `decodeTags` (src/tags/decode.ts, default
 * mode), used until that module lands; same signature so the switch is one
 * import line. conlleval's lenient chunking: a chunk starts at B/S/U, or at
 * I/E/L after O, after an end tag, or after another type; it ends before a
 * tag that starts a new chunk or after E/L/S/U.
 */
import type { Chunk, TagScheme } from '../../tags/scheme.js';

function parts(tag: string): [prefix: string, type: string] {
  if (tag === 'O' || tag === '') return ['O', ''];
  const m = /^([BIESLU])[-_](.+)$/.exec(tag);
  return m ? [m[1], m[2]] : ['I', tag];
}

export function decodeTags(tags: readonly string[], _opts: { mode?: 'default'; scheme?: TagScheme } = {}): Chunk[] {
  const chunks: Chunk[] = [];
  let open: Chunk | null = null;
  let prevPrefix = 'O';
  let prevType = '';
  for (let i = 0; i < tags.length; i++) {
    const [prefix, type] = parts(tags[i]);
    const ends =
      open !== null &&
      (prefix === 'O' || prefix === 'B' || prefix === 'S' || prefix === 'U' ||
        prevPrefix === 'E' || prevPrefix === 'L' || prevPrefix === 'S' || prevPrefix === 'U' ||
        type !== prevType);
    if (ends && open) {
      open.end = i;
      chunks.push(open);
      open = null;
    }
    if (prefix !== 'O' && open === null) open = { type, start: i, end: i + 1 };
    prevPrefix = prefix;
    prevType = type;
  }
  if (open) {
    open.end = tags.length;
    chunks.push(open);
  }
  return chunks;
}

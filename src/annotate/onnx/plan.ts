/**
 * The model inputs of one document, in flat typed arrays (no object per
 * window or word: documents of 10,000 sentences would spend their time in
 * the garbage collector otherwise).
 *
 * Every token of every sentence gets its subword pieces; a sentence whose
 * pieces fit the model is one window, a longer one is split by
 * `planWindows`. Windows are ordered by length so batches need little padding.
 */
import type { Token } from '../../doc/types.js';
import { planWindows } from './windows.js';

export interface DocPlan {
  /** Pieces of token k are `pieces[pieceOff[k] .. pieceOff[k+1])`. */
  pieceOff: Int32Array;
  pieces: Int32Array;
  /** Window w covers tokens [winFirst[w], winLast[w]). */
  winFirst: Int32Array;
  winLast: Int32Array;
  /** Window whose prediction token k takes (-1: token has no pieces). */
  owner: Int32Array;
  /** Window ids by increasing piece count. */
  order: Uint32Array;
  windowCount: number;
}

/**
 * @param groups flat [first0, last0, first1, last1, ...] token ranges per sentence
 * @param piecesOf subword ids of a token's text (at most `capacity` of them)
 */
export function planDocument(tokens: readonly Token[], groups: Int32Array, piecesOf: (text: string) => Int32Array, capacity: number, stride: number): DocPlan {
  const n = tokens.length;
  const pieceOff = new Int32Array(n + 1);
  let pieces = new Int32Array(Math.max(16, n * 2));
  let used = 0;
  for (let k = 0; k < n; k++) {
    const ids = piecesOf(tokens[k].text);
    if (used + ids.length > pieces.length) {
      const grown = new Int32Array(Math.max(pieces.length * 2, used + ids.length));
      grown.set(pieces.subarray(0, used));
      pieces = grown;
    }
    for (let i = 0; i < ids.length; i++) pieces[used++] = ids[i]; // faster than .set() for a few items
    pieceOff[k + 1] = used;
  }

  const owner = new Int32Array(n).fill(-1);
  let winFirst = new Int32Array(Math.max(4, groups.length / 2));
  let winLast = new Int32Array(winFirst.length);
  let w = 0;
  const push = (first: number, last: number) => {
    if (w === winFirst.length) {
      const f = new Int32Array(w * 2);
      f.set(winFirst);
      winFirst = f;
      const l = new Int32Array(w * 2);
      l.set(winLast);
      winLast = l;
    }
    winFirst[w] = first;
    winLast[w] = last;
    return w++;
  };
  for (let g = 0; g < groups.length; g += 2) {
    const first = groups[g];
    const last = groups[g + 1];
    const total = pieceOff[last] - pieceOff[first];
    if (total === 0) continue; // nothing for the model to see: all O
    if (total <= capacity) {
      const id = push(first, last);
      for (let k = first; k < last; k++) if (pieceOff[k + 1] > pieceOff[k]) owner[k] = id;
      continue;
    }
    const counts = new Array<number>(last - first);
    for (let k = first; k < last; k++) counts[k - first] = pieceOff[k + 1] - pieceOff[k];
    const plan = planWindows(counts, capacity, stride);
    const ids = plan.windows.map((win) => push(first + win.start, first + win.end));
    for (let i = 0; i < counts.length; i++) if (counts[i] > 0) owner[first + i] = ids[plan.owner[i]];
  }

  // Counting sort of windows by piece count (bounded by capacity).
  const length = (x: number) => pieceOff[winLast[x]] - pieceOff[winFirst[x]];
  const bucket = new Int32Array(capacity + 2);
  for (let x = 0; x < w; x++) bucket[length(x) + 1]++;
  for (let c = 1; c < bucket.length; c++) bucket[c] += bucket[c - 1];
  const order = new Uint32Array(w);
  for (let x = 0; x < w; x++) order[bucket[length(x)]++] = x;

  return {
    pieceOff,
    pieces: pieces.subarray(0, used),
    winFirst: winFirst.subarray(0, w),
    winLast: winLast.subarray(0, w),
    owner,
    order,
    windowCount: w,
  };
}

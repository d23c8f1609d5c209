/**
 * Overlapping windows over a sentence that has more subword pieces than the
 * model accepts. Windows are cut at word boundaries; each word is later
 * labelled from the window in which it has the most context on both sides.
 */

/** Words [start, end) of a sentence run through the model together. */
export interface Window {
  start: number;
  end: number;
}

export interface WindowPlan {
  windows: Window[];
  /** For each word, the index of the window whose prediction it takes. */
  owner: number[];
}

/**
 * Plan windows for words with `pieces[i]` subword pieces each (every count
 * must already be ≤ `capacity`). Consecutive windows share at most `stride`
 * pieces (as Hugging Face's `stride`), and always advance by at least one word.
 */
export function planWindows(pieces: readonly number[], capacity: number, stride: number): WindowPlan {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`window capacity must be ≥ 1, got ${capacity}`);
  if (!Number.isInteger(stride) || stride < 0 || stride >= capacity) {
    throw new RangeError(`stride must be an integer in [0, ${capacity - 1}], got ${stride}`);
  }
  const n = pieces.length;
  const windows: Window[] = [];
  let start = 0;
  while (start < n) {
    let end = start;
    let sum = 0;
    while (end < n && sum + pieces[end] <= capacity) sum += pieces[end++];
    if (end === start) throw new RangeError(`word ${start} has ${pieces[start]} pieces, more than the capacity ${capacity}`);
    windows.push({ start, end });
    if (end === n) break;
    let next = end;
    let overlap = 0;
    while (next - 1 > start && overlap + pieces[next - 1] <= stride) overlap += pieces[--next];
    start = next;
  }
  return { windows, owner: assignOwners(pieces, windows) };
}

/**
 * Each word goes to the window where min(context before, context after), in
 * pieces, is largest; a window edge at the sentence edge counts as full
 * context. Ties go to the earlier window.
 */
function assignOwners(pieces: readonly number[], windows: readonly Window[]): number[] {
  const n = pieces.length;
  const owner = new Array<number>(n).fill(-1);
  const best = new Array<number>(n).fill(-1);
  windows.forEach((w, wi) => {
    let total = 0;
    for (let i = w.start; i < w.end; i++) total += pieces[i];
    let before = 0;
    for (let i = w.start; i < w.end; i++) {
      const after = total - before - pieces[i];
      const left = w.start === 0 ? Infinity : before;
      const right = w.end === n ? Infinity : after;
      const score = Math.min(left, right);
      if (score > best[i]) {
        best[i] = score;
        owner[i] = wi;
      }
      before += pieces[i];
    }
  });
  return owner;
}

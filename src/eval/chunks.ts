/**
 * A reusable list of one sentence's chunks (type id, start, end exclusive)
 * in typed arrays, so the single pass over a large corpus allocates nothing
 * per sentence. Chunks are appended in order of start and never overlap.
 */
export class ChunkList {
  type = new Int32Array(64);
  start = new Int32Array(64);
  end = new Int32Array(64);
  n = 0;

  clear(): void {
    this.n = 0;
  }

  /** Bound `push`, usable as a decoder's emit callback. */
  readonly push = (type: number, start: number, end: number): void => {
    if (this.n === this.type.length) this.grow();
    this.type[this.n] = type;
    this.start[this.n] = start;
    this.end[this.n] = end;
    this.n++;
  };

  private grow(): void {
    const m = this.type.length * 2;
    const t = new Int32Array(m);
    t.set(this.type);
    const s = new Int32Array(m);
    s.set(this.start);
    const e = new Int32Array(m);
    e.set(this.end);
    this.type = t;
    this.start = s;
    this.end = e;
  }
}

/**
 * Exact matches (same type and span) of two chunk lists, both sorted by
 * start, in one merge: returns their number and, when `perType` is given,
 * adds 1 to `perType[type]` for each.
 */
export function addMatches(g: ChunkList, p: ChunkList, perType?: Int32Array | Float64Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < g.n && j < p.n) {
    const gs = g.start[i];
    const ps = p.start[j];
    if (gs < ps) i++;
    else if (ps < gs) j++;
    else {
      if (g.end[i] === p.end[j] && g.type[i] === p.type[j]) {
        n++;
        if (perType !== undefined) perType[g.type[i]]++;
      }
      i++;
      j++;
    }
  }
  return n;
}

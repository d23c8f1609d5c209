/**
 * A memo table of bounded size for pure functions of strings on the
 * annotators' hot path (token forms repeat, Zipf-like, so most lookups
 * hit). Two generations: a hit in the previous one moves the entry to the
 * current one, and when the current one is full it becomes the previous
 * (the older one is dropped). Frequent keys survive, at most 2 × capacity
 * entries are held, and every operation is O(1) (an LRU that moves the key
 * on every hit costs a delete and a set per lookup).
 *
 * Keys are copied before they are stored (`detach`): a token sliced from
 * a document's text would otherwise keep that whole text alive.
 */
import { detach } from '../text/detach.js';

export class BoundedCache<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('BoundedCache: capacity must be at least 1');
  }

  /** Entries held (both generations). */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  get(key: string): V | undefined {
    const v = this.current.get(key);
    if (v !== undefined) return v;
    const old = this.previous.get(key);
    if (old !== undefined) {
      this.previous.delete(key);
      this.set(key, old);
    }
    return old;
  }

  set(key: string, value: V): void {
    this.store(detach(key), value);
  }

  private store(own: string, value: V): void {
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(own, value);
  }

  /**
   * The cached value of `key`, computed on a miss by `f` from a detached
   * copy of the key, so that what `f` slices from it (stems, pieces) does
   * not keep the document's text alive either.
   */
  getOr(key: string, f: (key: string) => V): V {
    let v = this.get(key);
    if (v === undefined) {
      const own = detach(key);
      v = f(own);
      this.store(own, v);
    }
    return v;
  }
}

/** `f` memoised in a BoundedCache of `capacity` entries per generation. */
export function memoBounded<V>(f: (key: string) => V, capacity: number): (key: string) => V {
  const cache = new BoundedCache<V>(capacity);
  return (key) => cache.getOr(key, f);
}

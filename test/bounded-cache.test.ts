/**
 * The annotators' memo table: bounded (at most two generations of
 * `capacity` entries), frequent keys survive a generation change, values
 * are the function's, and stored keys do not keep the text they were
 * sliced from alive.
 */
import test from 'ava';
import fc from 'fast-check';
import { BoundedCache, memoBounded } from '../src/annotate/bounded-cache.js';
import { detach } from '../src/text/detach.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

test('holds at most two generations of capacity entries', (t) => {
  const c = new BoundedCache<number>(10);
  for (let i = 0; i < 1000; i++) c.set(`k${i}`, i);
  t.true(c.size <= 20);
  t.is(c.get('k999'), 999);
  t.is(c.get('k0'), undefined);
});

test('a key used in every generation survives', (t) => {
  const c = new BoundedCache<number>(4);
  c.set('hot', 1);
  for (let i = 0; i < 100; i++) {
    c.set(`cold${i}`, i);
    t.is(c.get('hot'), 1, `after ${i} cold keys`);
  }
});

test('memoBounded returns what the function returns, and calls it once per key while cached', (t) => {
  let calls = 0;
  const f = memoBounded((s: string) => {
    calls++;
    return s.toUpperCase();
  }, 100);
  fc.assert(
    fc.property(fc.array(fc.string(), { maxLength: 50 }), (keys) => {
      for (const k of keys) if (f(k) !== k.toUpperCase()) return false;
      return true;
    }),
  );
  let once = 0;
  const g = memoBounded((s: string) => {
    once++;
    return s.length;
  }, 100);
  g('x');
  g('x');
  t.is(once, 1);
  t.true(calls > 0);
});

test('lookups by an equal string made elsewhere hit', (t) => {
  const c = new BoundedCache<string>(8);
  const text = 'અમદાવાદમાં અમદાવાદમાં';
  c.set(text.slice(0, 10), 'a');
  t.is(c.get(text.slice(11, 21)), 'a');
});

test('detach copies the string', (t) => {
  fc.assert(fc.property(fc.string(), (s) => detach(s) === s));
  t.pass();
});

test('a stored key does not keep the text it was sliced from alive', (t) => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const c = new BoundedCache<number>(8);
  gc();
  const before = process.memoryUsage().heapUsed;
  const fill = (i: number): void => {
    const text = `${i}અમદાવાદમાં `.repeat(1_000_000); // ~24 MB of two-byte text each
    c.set(text.slice(100, 130), i);
  };
  for (let i = 0; i < 8; i++) fill(i);
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  // kept alive, the 8 texts would be ~190 MB
  t.true(grown < 50e6, `heap grew by ${(grown / 1e6).toFixed(1)} MB`);
  t.is(c.get('અમદાવાદમાં'.slice(0, 4)), undefined);
});

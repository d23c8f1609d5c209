import test from 'ava';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OffsetMap, codePointLength } from '../src/text/offsets.js';
import { tokenize } from '../src/tokenize/index.js';
import { ROOT } from './helpers/cli.js';

const seed = readFileSync(join(ROOT, 'corpus', 'lavrov-pakistan-visit-2021.txt'), 'utf8');

test('seed article: 2253 code points, 2265 UTF-16 units; the maps agree at its end', (t) => {
  const m = new OffsetMap(seed);
  t.is(seed.length, 2265);
  t.is(m.codePointLength, 2253);
  t.is(codePointLength(seed), 2253);
  t.is(m.toCodePoint(seed.length), 2253);
  t.is(m.toUtf16(2253), 2265);
});

test('seed article: every token round-trips through code points and matches Array.from', (t) => {
  const m = new OffsetMap(seed);
  const cps = Array.from(seed);
  for (const tok of tokenize(seed)) {
    const cp = m.spanToCodePoints(tok);
    t.is(cps.slice(cp.start, cp.end).join(''), tok.text);
    const back = m.spanToUtf16(cp);
    t.is(back.start, tok.start);
    t.is(back.end, tok.end);
  }
  // the first flag pair: UTF-16 0..4, code points 0..2 on its line
  const flags = tokenize(seed).filter((x) => x.kind === 'emoji');
  t.is(m.toCodePoint(flags[0].end) - m.toCodePoint(flags[0].start), 2);
  t.is(flags[0].end - flags[0].start, 4);
});

test('offsets inside a surrogate pair are rejected', (t) => {
  const m = new OffsetMap('a🇷🇺b');
  t.throws(() => m.toCodePoint(2), { instanceOf: RangeError });
  t.throws(() => m.toUtf16(5), { instanceOf: RangeError });
  t.is(m.toCodePoint(3), 2);
});

test('random text: toUtf16(toCodePoint(i)) === i at every code point start', (t) => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
      const m = new OffsetMap(s);
      let cp = 0;
      for (let i = 0; i <= s.length;) {
        if (m.toCodePoint(i) !== cp || m.toUtf16(cp) !== i) throw new Error(`mismatch at ${i}`);
        if (i === s.length) break;
        i += s.codePointAt(i)! > 0xffff ? 2 : 1;
        cp++;
      }
    }),
    { numRuns: 1000 },
  );
  t.pass();
});

import test from 'ava';
import fc from 'fast-check';
import { decodeTags } from '../src/tags/decode.js';
import type { TagScheme } from '../src/tags/scheme.js';
import { evaluateTags } from '../src/eval/evaluate.js';

/** Random flat entities over n tokens → tags in a scheme (written here, independent of src/tags/encode.ts). */
const spansArb = fc.array(fc.record({ len: fc.integer({ min: 1, max: 3 }), gap: fc.integer({ min: 0, max: 2 }), type: fc.constantFrom('PER', 'LOC', 'ORG') }), { maxLength: 6 }).map((xs) => {
  let pos = 0;
  const spans = xs.map((x) => {
    const start = pos + x.gap;
    pos = start + x.len;
    return { type: x.type, start, end: start + x.len };
  });
  return { spans, n: pos + 1 };
});

function encode(spans: { type: string; start: number; end: number }[], n: number, scheme: TagScheme): string[] {
  const tags = Array<string>(n).fill('O');
  spans.forEach((s, k) => {
    const prev = spans[k - 1];
    const touchesSame = prev !== undefined && prev.end === s.start && prev.type === s.type;
    const next = spans[k + 1];
    const touchesNextSame = next !== undefined && next.start === s.end && next.type === s.type;
    for (let i = s.start; i < s.end; i++) {
      const first = i === s.start;
      const last = i === s.end - 1;
      let p: string;
      if (scheme === 'IOB2') p = first ? 'B' : 'I';
      else if (scheme === 'IOB1') p = first && touchesSame ? 'B' : 'I';
      else if (scheme === 'IOE2') p = last ? 'E' : 'I';
      else if (scheme === 'IOE1') p = last && touchesNextSame ? 'E' : 'I';
      else if (scheme === 'IOBES') p = first && last ? 'S' : first ? 'B' : last ? 'E' : 'I';
      else p = first && last ? 'U' : first ? 'B' : last ? 'L' : 'I';
      tags[i] = `${p}-${s.type}`;
    }
  });
  return tags;
}

for (const scheme of ['IOB1', 'IOB2', 'IOE2', 'IOBES', 'BILOU'] as const) {
  test(`strict ${scheme} decodes well-formed tags back to the spans`, (t) => {
    fc.assert(
      fc.property(spansArb, ({ spans, n }) => {
        const tags = encode(spans, n, scheme);
        t.deepEqual(decodeTags(tags, { mode: 'strict', scheme }), spans);
      }),
    );
  });
}

for (const scheme of ['IOB2', 'IOBES', 'BILOU'] as const) {
  test(`default mode agrees with strict ${scheme} on well-formed tags`, (t) => {
    fc.assert(
      fc.property(spansArb, ({ spans, n }) => {
        const tags = encode(spans, n, scheme);
        t.deepEqual(decodeTags(tags), spans);
      }),
    );
  });
}

test('on B/I/O tags, seqeval default and conlleval count the same entities', (t) => {
  const tag = fc.constantFrom('O', 'O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC');
  fc.assert(
    fc.property(fc.array(fc.array(tag, { maxLength: 12 }), { minLength: 1, maxLength: 4 }), fc.array(fc.array(tag, { maxLength: 12 }), { minLength: 1, maxLength: 4 }), (g0, p0) => {
      const m = Math.min(g0.length, p0.length);
      const gold = g0.slice(0, m);
      const pred = gold.map((s, i) => s.map((_, j) => p0[i][j] ?? 'O'));
      const r = evaluateTags(gold, pred).report;
      const micro = r.seqeval.default['micro avg'];
      t.is(r.conlleval.gold_phrases, micro.support);
      const tp = r.conlleval.correct;
      t.is<number | null, number | null>(r.conlleval.found === 0 ? 0 : tp / r.conlleval.found, micro.precision);
    }),
  );
});

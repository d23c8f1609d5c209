import test from 'ava';
import type { Document } from '../src/doc/types.js';
import { evaluateSpans } from '../src/eval/spans.js';

function doc(text: string, entities: Array<[number, number, string]>, sentences?: Array<[number, number]>, meta?: Record<string, unknown>): Document {
  return {
    id: 'd',
    text,
    sentences: (sentences ?? [[0, text.length]]).map(([start, end]) => ({ start, end, text: text.slice(start, end) })),
    tokens: [],
    entities: entities.map(([start, end, label]) => ({ start, end, label })),
    meta,
  };
}

const TEXT = 'રામ અમદાવાદ ગયો. સીતા સુરત ગઈ.';

test('exact and overlap matching', (t) => {
  const g = doc(TEXT, [
    [0, 3, 'PER'],
    [4, 11, 'LOC'],
  ]);
  const p = doc(TEXT, [
    [0, 3, 'PER'],
    [4, 9, 'LOC'],
  ]);
  const exact = evaluateSpans([g], [p]);
  t.is(exact.overall.correct, 1);
  t.is(exact.types.LOC.correct, 0);
  const overlap = evaluateSpans([g], [p], { match: 'overlap' });
  t.is(overlap.overall.correct, 2);
  t.is(overlap.overall.f1, 1);
});

test('overlap matching is one-to-one', (t) => {
  const g = doc(TEXT, [[4, 11, 'LOC']]);
  const p = doc(TEXT, [
    [4, 6, 'LOC'],
    [7, 11, 'LOC'],
  ]);
  const r = evaluateSpans([g], [p], { match: 'overlap' });
  t.is(r.overall.correct, 1);
  t.is(r.overall.system, 2);
});

test('ignoreUnannotated drops predictions outside sentences with gold entities', (t) => {
  const s1: [number, number] = [0, 16];
  const s2: [number, number] = [17, TEXT.length];
  const g = doc(TEXT, [[0, 3, 'PER']], [s1, s2]);
  const p = doc(
    TEXT,
    [
      [0, 3, 'PER'],
      [17, 21, 'PER'],
    ],
    [s1, s2],
  );
  t.is(evaluateSpans([g], [p]).overall.precision, 0.5);
  const r = evaluateSpans([g], [p], { ignoreUnannotated: true });
  t.is(r.overall.precision, 1);
  t.is(r.ignored, 1);
});

test('ignoreUnannotated honours explicit meta.annotated regions (code points)', (t) => {
  const g = doc(TEXT, [], undefined, { annotated: [{ start: 0, end: TEXT.length }] });
  const p = doc(TEXT, [[17, 21, 'PER']]);
  const r = evaluateSpans([g], [p], { ignoreUnannotated: true });
  t.is(r.ignored, 0);
  t.is(r.overall.system, 1);
  t.is(r.overall.precision, 0);
});

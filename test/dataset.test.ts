import test from 'ava';
import { documentFromText } from '../src/segment/document.js';
import type { Document } from '../src/doc/types.js';
import { parseRatios, splitDocuments, splitSizes } from '../src/dataset/split.js';
import { layersOf, mergeDocuments, pairForMerge } from '../src/dataset/merge.js';
import { fileStatus } from '../src/dataset/status.js';

const TEXT = 'ઇમરાન ખાન મોસ્કો ગયા. પુટિન તેમને મળ્યા.';
function doc(id: string, ents: [string, string][], meta?: Record<string, unknown>): Document {
  const d = documentFromText(id, TEXT);
  d.entities = ents.map(([text, label]) => {
    const start = TEXT.indexOf(text);
    return { start, end: start + text.length, label, text };
  });
  if (meta !== undefined) d.meta = meta;
  return d;
}

test('split: deterministic, every document in exactly one split, sizes from the ratios', (t) => {
  const docs = Array.from({ length: 20 }, (_, i) => doc(`d${i}`, i % 2 === 0 ? [['પુટિન', 'PER']] : [['મોસ્કો', 'LOC']]));
  const a = splitDocuments(docs, { ratios: [0.8, 0.1, 0.1], seed: 7, by: 'document' });
  const b = splitDocuments([...docs].reverse(), { ratios: [0.8, 0.1, 0.1], seed: 7, by: 'document' });
  const ids = (r: typeof a) => Object.values(r.splits).map((s) => s.map((d) => d.id).sort());
  t.deepEqual(ids(a), ids(b), 'input order does not change the split');
  t.deepEqual(
    Object.values(a.splits).map((s) => s.length),
    [16, 2, 2],
  );
  const all = Object.values(a.splits)
    .flat()
    .map((d) => d.id);
  t.is(new Set(all).size, 20);
  t.notDeepEqual(ids(splitDocuments(docs, { ratios: [0.8, 0.1, 0.1], seed: 8, by: 'document' })), ids(a));
  const total = Object.values(a.labels).reduce((n, c) => n + (c.PER ?? 0) + (c.LOC ?? 0), 0);
  t.is(total, 20);
});

test('split: by sentence rebases offsets; layers of one document stay together', (t) => {
  const r = splitDocuments(
    [
      doc('x', [
        ['પુટિન', 'PER'],
        ['મોસ્કો', 'LOC'],
      ]),
    ],
    { ratios: [0.5, 0.5, 0], seed: 1, by: 'sentence' },
  );
  const units = Object.values(r.splits).flat();
  t.deepEqual(units.map((d) => d.id).sort(), ['x#s1', 'x#s2']);
  for (const d of units) for (const e of d.entities) t.is(d.text.slice(e.start, e.end), e.text!);
  const layers = [doc('t@1', [], { document: 't', annotator: '1' }), doc('t@2', [], { document: 't', annotator: '2' }), doc('u', [])];
  const s = splitDocuments(layers, { ratios: [0.5, 0.5, 0], seed: 3, by: 'document' });
  const where = (id: string) => Object.entries(s.splits).find(([, ds]) => ds.some((d) => d.id === id))![0];
  t.is(where('t@1'), where('t@2'));
});

test('split sizes and ratios', (t) => {
  t.deepEqual(splitSizes(10, [0.8, 0.1, 0.1]), [8, 1, 1]);
  t.deepEqual(splitSizes(3, [0.8, 0.1, 0.1]), [3, 0, 0]);
  t.deepEqual(splitSizes(7, [0.5, 0.5, 0]), [4, 3, 0]);
  t.deepEqual(parseRatios('80,10,10'), [0.8, 0.1, 0.1]);
  t.throws(() => parseRatios('0.5,0.1'), { message: /three/ });
  t.throws(() => parseRatios('0.5,0.1,0.1'), { message: /sum to 1/ });
});

test('merge: agreed entities kept, every conflict listed with its sentence; strategies', (t) => {
  const a = [
    doc('d', [
      ['ઇમરાન ખાન', 'PER'],
      ['મોસ્કો', 'LOC'],
      ['પુટિન', 'PER'],
    ]),
  ];
  const b = [
    doc('d', [
      ['ઇમરાન', 'PER'],
      ['મોસ્કો', 'ORG'],
      ['પુટિન', 'PER'],
      ['તેમને', 'MISC'],
    ]),
  ];
  const pairs = pairForMerge(a, b, ['A', 'B']);
  const agreed = mergeDocuments(pairs, 'agreed');
  t.is(agreed.agreed, 1);
  t.deepEqual(
    agreed.docs[0].entities.map((e) => `${e.label} ${e.text}`),
    ['PER પુટિન'],
  );
  t.deepEqual(
    agreed.conflicts.map((c) => [c.kind, c.text, c.a, c.b, c.sentence]),
    [
      ['span', 'ઇમરાન ખાન', 'PER 0-9 "ઇમરાન ખાન"', 'PER 0-5 "ઇમરાન"', 'ઇમરાન ખાન મોસ્કો ગયા.'],
      ['type', 'મોસ્કો', 'LOC 10-16 "મોસ્કો"', 'ORG 10-16 "મોસ્કો"', 'ઇમરાન ખાન મોસ્કો ગયા.'],
      ['only-b', 'તેમને', '', 'MISC 28-33 "તેમને"', 'પુટિન તેમને મળ્યા.'],
    ],
  );
  t.deepEqual(
    mergeDocuments(pairs, 'union').docs[0].entities.map((e) => `${e.label} ${e.text}`),
    ['PER પુટિન', 'MISC તેમને'],
  );
  t.deepEqual(
    mergeDocuments(pairs, 'a').docs[0].entities.map((e) => e.text),
    ['ઇમરાન ખાન', 'મોસ્કો', 'પુટિન'],
  );
  t.deepEqual(mergeDocuments(pairs, 'b').docs[0].entities.length, 4);
  t.throws(() => pairForMerge(a, [], ['A', 'B']), { message: /document d is in A but not in B/ });
});

test('merge: the two layers of one Label Studio export; status per annotator', (t) => {
  const docs = [
    doc('t@1', [['પુટિન', 'PER']], { document: 't', annotator: '1' }),
    doc(
      't@2',
      [
        ['પુટિન', 'PER'],
        ['મોસ્કો', 'LOC'],
      ],
      { document: 't', annotator: '2' },
    ),
  ];
  const l = layersOf(docs, 'x.json');
  t.deepEqual(l.names, ['annotator 1', 'annotator 2']);
  const m = mergeDocuments(pairForMerge(l.a, l.b, l.names), 'union');
  t.is(m.docs[0].id, 't');
  t.is(m.docs[0].entities.length, 2);
  t.throws(() => layersOf([docs[0]], 'x.json'), { message: /needs exactly two annotators/ });
  const s = fileStatus('x.json', docs, 1);
  t.like(s, { documents: 2, finished: 1, unfinished: 1, entities: 3, perLabel: { LOC: 1, PER: 2 } });
  t.deepEqual(s.perAnnotator, { '1': { documents: 1, entities: 1 }, '2': { documents: 1, entities: 2 } });
});

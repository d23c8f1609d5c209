import test from 'ava';
import fc from 'fast-check';
import { analyseErrors, entityKey, entityKeys, entityScript, pairEntities, ERROR_KINDS, type ErrorAnalysis } from '../src/eval/errors.js';
import { bootstrapCompare } from '../src/eval/bootstrap.js';
import { evaluateTags } from '../src/eval/evaluate.js';

const table = (a: ErrorAnalysis, attribute: string) => Object.fromEntries(a.buckets.find((b) => b.attribute === attribute)!.rows.map((r) => [r.bucket, [r.gold, r.pred, r.correct]]));

test('every error kind, counted and exemplified; the entity confusion matrix', (t) => {
  const tokens = [
    ['નરેન્દ્ર', 'મોદી', 'દિલ્હીમાં', 'ગયા', '.'],
    ['Google', 'અને', 'ગુજરાત', 'સરકાર', 'મળ્યા', '.'],
  ];
  const gold = [
    ['B-PER', 'I-PER', 'B-LOC', 'O', 'O'],
    ['B-ORG', 'O', 'B-ORG', 'I-ORG', 'O', 'O'],
  ];
  const pred = [
    ['B-PER', 'O', 'B-ORG', 'O', 'B-LOC'], // boundary (PER), type (LOC→ORG), spurious '.'
    ['B-ORG', 'O', 'B-LOC', 'O', 'O', 'O'], // correct, both (ORG 2 tokens → LOC 1 token)
  ];
  const a = analyseErrors({ tokens, gold, pred, names: ['d#1', 'd#2'] }, { samples: 50, seed: 3 });
  t.is(a.errors.correct, 1);
  t.deepEqual(a.errors.counts, { missed: 0, spurious: 1, type: 1, boundary: 1, both: 1 });
  t.deepEqual(a.errors.examples.type[0], {
    sentence: 0,
    name: 'd#1',
    context: 'નરેન્દ્ર મોદી દિલ્હીમાં ગયા .',
    gold: { label: 'LOC', start: 2, end: 3, text: 'દિલ્હીમાં' },
    pred: { label: 'ORG', start: 2, end: 3, text: 'દિલ્હીમાં' },
  });
  t.deepEqual(a.errors.examples.both[0].gold, { label: 'ORG', start: 2, end: 4, text: 'ગુજરાત સરકાર' });
  t.deepEqual(a.errors.examples.spurious[0].gold, null);
  t.deepEqual(a.confusion.gold, ['LOC', 'ORG', 'PER', 'spurious']);
  t.deepEqual(a.confusion.pred, ['LOC', 'ORG', 'PER', 'missed']);
  t.deepEqual(a.confusion.matrix, [
    [0, 1, 0, 0],
    [1, 1, 0, 0],
    [0, 0, 1, 0],
    [1, 0, 0, 0],
  ]);
  t.deepEqual(table(a, 'length'), { '1': [2, 5, 1], '2': [2, 0, 0] });
  t.deepEqual(table(a, 'script'), { Gujarati: [3, 3, 0], Latin: [1, 1, 1], other: [0, 1, 0] });
  t.deepEqual(table(a, 'ending'), { 'case ending': [1, 1, 0], bare: [3, 4, 1] });
  t.deepEqual(table(a, 'sentence'), { '1–10': [4, 5, 1] });
  t.false(
    a.buckets.some((b) => b.attribute === 'seen'),
    'no training data: no seen bucket',
  );
  t.true(Math.abs(a.overall.f1 - (2 * 1) / (4 + 5)) < 1e-12);
});

test('seen vs unseen from the training data, per sentence (cross-validation)', (t) => {
  const tokens = [
    ['ભારત', 'મહાન'],
    ['ભારત', 'અને', 'રશિયા'],
  ];
  const tags = [
    ['B-LOC', 'O'],
    ['B-LOC', 'O', 'B-LOC'],
  ];
  const trainedOn = [new Set([1]), new Set([0])];
  const a = analyseErrors({ tokens, gold: tags, pred: tags }, { samples: 20, seen: (s) => entityKeys(tokens, tags, trainedOn[s]) });
  t.deepEqual(table(a, 'seen'), { seen: [2, 2, 2], unseen: [1, 1, 1] });
  t.is(entityKey(['ભારત']), entityKey(['ભારત'.normalize('NFD')]));
  const b = analyseErrors({ tokens, gold: tags, pred: tags }, { samples: 20, seen: (s) => (s === 0 ? new Set([entityKey(['ભારત'])]) : undefined) });
  t.deepEqual(table(b, 'seen'), { seen: [1, 1, 1], unknown: [2, 2, 2] });
});

test('entity script', (t) => {
  t.is(entityScript('ગુજરાત'), 'Gujarati');
  t.is(entityScript('Google'), 'Latin');
  t.is(entityScript('ISRO-નું'), 'mixed');
  t.is(entityScript('૧૯૪૭'), 'Gujarati');
  t.is(entityScript('2021'), 'other');
});

test('pairing prefers the same span, then an overlap of the same type', (t) => {
  const g = [
    { type: 'PER', start: 0, end: 2 },
    { type: 'LOC', start: 2, end: 3 },
  ];
  const p = [
    { type: 'LOC', start: 1, end: 3 },
    { type: 'PER', start: 0, end: 1 },
  ];
  t.deepEqual(pairEntities(g, p), {
    pairs: [
      [0, 1],
      [1, 0],
    ],
    missed: [],
    spurious: [],
  });
});

const TAGS = ['O', 'O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-PER'];
const corpus = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.array(
    fc
      .integer({ min: 1, max: 12 })
      .chain((len) =>
        fc.tuple(
          fc.array(fc.constantFrom(...TAGS), { minLength: len, maxLength: len }),
          fc.array(fc.constantFrom(...TAGS), { minLength: len, maxLength: len }),
          fc.array(fc.constantFrom('ભારત', 'Delhi', 'નો', 'રામને', 'x1'), { minLength: len, maxLength: len }),
        ),
      ),
    { minLength: n, maxLength: n },
  ),
);

test('property: counts add up, overall equals seqeval, bucket sums equal the total, the overall interval equals the leaderboard bootstrap', (t) => {
  fc.assert(
    fc.property(corpus, fc.integer({ min: 0, max: 1000 }), (sents, seed) => {
      const gold = sents.map((s) => s[0]);
      const pred = sents.map((s) => s[1]);
      const tokens = sents.map((s) => s[2]);
      const a = analyseErrors({ tokens, gold, pred }, { samples: 40, seed, ignore: ['ORG'] });
      const e = a.errors.counts;
      const pairs = a.errors.correct + e.type + e.boundary + e.both;
      t.is(a.overall.gold, pairs + e.missed);
      t.is(a.overall.pred, pairs + e.spurious);
      const micro = evaluateTags(gold, pred, { ignore: ['ORG'] }).report.seqeval.default['micro avg'];
      t.is(a.overall.gold, micro.support);
      t.is(a.overall.f1, micro['f1-score'] ?? 0);
      for (const b of a.buckets) {
        t.is(
          b.rows.reduce((x, r) => x + r.gold, 0),
          a.overall.gold,
          b.attribute,
        );
        t.is(
          b.rows.reduce((x, r) => x + r.pred, 0),
          a.overall.pred,
          b.attribute,
        );
        t.is(
          b.rows.reduce((x, r) => x + r.correct, 0),
          a.overall.correct,
          b.attribute,
        );
        for (const r of b.rows) t.true(r.ci[0] <= r.ci[1]);
      }
      const total = a.confusion.matrix.flat().reduce((x, y) => x + y, 0);
      t.is(total, pairs + e.missed + e.spurious);
      const lb = bootstrapCompare(gold, { m: pred }, { samples: 40, seed, ignore: ['ORG'] });
      t.deepEqual(a.overall.ci, lb.rows[0].ci);
      for (const k of ERROR_KINDS) t.true(a.errors.examples[k].length <= Math.min(5, e[k]));
    }),
    { numRuns: 60 },
  );
});

test('bad input: lengths that differ', (t) => {
  t.throws(() => analyseErrors({ tokens: [['a']], gold: [['O', 'O']], pred: [['O']] }), { message: /sentence 1 has 1 tokens, 2 gold/ });
  t.throws(() => analyseErrors({ tokens: [['a']], gold: [], pred: [] }), { message: /1 sentences of tokens, 0 gold/ });
});

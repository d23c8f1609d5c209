import test from 'ava';
import fc from 'fast-check';
import { encodeTags } from '../src/tags/encode.js';
import { TAG_SCHEMES, type Chunk } from '../src/tags/scheme.js';
import { decodeTags } from '../src/tags/decode.js';
import { entitiesToTags, tagsToEntities } from '../src/align/index.js';
import { checkTagSequence } from '../src/tags/check.js';
import type { Document, Token } from '../src/doc/types.js';
import { InputError } from '../src/io/errors.js';

test('encodeTags: every scheme on touching chunks of one type', (t) => {
  const chunks: Chunk[] = [
    { type: 'LOC', start: 0, end: 2 },
    { type: 'LOC', start: 2, end: 3 },
    { type: 'PER', start: 4, end: 5 },
  ];
  const got = Object.fromEntries(TAG_SCHEMES.map((s) => [s, encodeTags(chunks, 6, s).join(' ')]));
  t.deepEqual(got, {
    IOB1: 'I-LOC I-LOC B-LOC O I-PER O',
    IOB2: 'B-LOC I-LOC B-LOC O B-PER O',
    IOE1: 'I-LOC E-LOC I-LOC O I-PER O',
    IOE2: 'I-LOC E-LOC E-LOC O E-PER O',
    IOBES: 'B-LOC E-LOC S-LOC O S-PER O',
    BILOU: 'B-LOC L-LOC U-LOC O U-PER O',
  });
});

const chunkList = fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 3 }), fc.constantFrom('PER', 'LOC', 'ORG')), { maxLength: 6 }).map((parts) => {
  const chunks: Chunk[] = [];
  let pos = 0;
  for (const [gap, len, type] of parts) {
    pos += gap;
    chunks.push({ type, start: pos, end: pos + len });
    pos += len;
  }
  return { chunks, length: pos + 1 };
});

test('encode then decode gives the chunks back, and encoded tags are valid, in every scheme', (t) => {
  for (const scheme of TAG_SCHEMES) {
    fc.assert(
      fc.property(chunkList, ({ chunks, length }) => {
        const tags = encodeTags(chunks, length, scheme);
        t.deepEqual(decodeTags(tags), chunks, `${scheme}: ${tags.join(' ')}`);
        t.deepEqual(checkTagSequence(tags, scheme), [], `${scheme}: ${tags.join(' ')}`);
      }),
    );
  }
});

test('checkTagSequence flags broken sequences per scheme', (t) => {
  t.is(checkTagSequence(['O', 'I-LOC'], 'IOB2').length, 1);
  t.is(checkTagSequence(['B-LOC', 'I-PER'], 'IOB2').length, 1);
  t.is(checkTagSequence(['B-LOC', 'O'], 'IOBES').length, 1);
  t.is(checkTagSequence(['I-LOC', 'O'], 'IOE2').length, 1);
  t.is(checkTagSequence(['U-LOC', 'L-LOC'], 'BILOU').length, 1);
  t.is(checkTagSequence(['B-LOC'], 'IOB1').length, 1);
  t.is(checkTagSequence(['S-LOC'], 'IOB2').length, 1);
  t.deepEqual(checkTagSequence(['I-LOC', 'I-LOC', 'O'], 'IOB1'), []);
});

/** A document with tokens split at spaces (one sentence per line). */
function doc(text: string, entities: Document['entities']): Document {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/\S+/g)) tokens.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], kind: 'word' });
  const sentences = [];
  let at = 0;
  for (const line of text.split('\n')) {
    sentences.push({ start: at, end: at + line.length, text: line });
    at += line.length + 1;
  }
  return { id: 'd', text, sentences, tokens, entities };
}

test('alignment modes on a case ending glued to a name', (t) => {
  const text = 'રશિયન મંત્રી પાકિસ્તાનના વડાપ્રધાન';
  const start = text.indexOf('પાકિસ્તાન');
  const d = doc(text, [{ start, end: start + 'પાકિસ્તાન'.length, label: 'LOC' }]);
  const ex = entitiesToTags(d, { scheme: 'IOB2', align: 'expand' });
  t.deepEqual(ex.tags, [['O', 'O', 'B-LOC', 'O']]);
  t.is(ex.misaligned.length, 1);
  t.is(ex.misaligned[0].kind, 'expanded');
  const co = entitiesToTags(d, { scheme: 'IOB2', align: 'contract' });
  t.deepEqual(co.tags, [['O', 'O', 'O', 'O']]);
  t.is(co.misaligned[0].kind, 'dropped');
  const err = t.throws(() => entitiesToTags(d, { scheme: 'IOB2', align: 'strict' }), { instanceOf: InputError });
  t.regex(err!.message, /token boundaries/);
});

test('overlapping entities: the second is reported as dropped, not lost silently', (t) => {
  const d = doc('a b c d', [
    { start: 0, end: 3, label: 'ORG' },
    { start: 2, end: 5, label: 'LOC' },
  ]);
  const r = entitiesToTags(d, { scheme: 'IOBES', align: 'expand' });
  t.deepEqual(r.tags, [['B-ORG', 'E-ORG', 'O', 'O']]);
  t.is(r.misaligned.length, 1);
  t.is(r.misaligned[0].kind, 'dropped');
  t.is(r.misaligned[0].entity.label, 'LOC');
});

test('tagsToEntities maps chunks of each sentence back to text spans', (t) => {
  const d = doc('x ઇમરાન ખાન y\nમોસ્કો z', []);
  const ents = tagsToEntities(d, [
    ['O', 'B-PER', 'I-PER', 'O'],
    ['B-LOC', 'O'],
  ]);
  t.deepEqual(
    ents.map((e) => [e.label, e.text]),
    [
      ['PER', 'ઇમરાન ખાન'],
      ['LOC', 'મોસ્કો'],
    ],
  );
  t.throws(() => tagsToEntities(d, [['O'], ['O', 'O']]), { instanceOf: RangeError });
});

test('entity crossing a sentence end is cut and reported', (t) => {
  const d = doc('a b\nc d', [{ start: 2, end: 5, label: 'LOC' }]);
  const r = entitiesToTags(d, { scheme: 'IOB2', align: 'expand' });
  t.deepEqual(r.tags, [
    ['O', 'B-LOC'],
    ['O', 'O'],
  ]);
  t.is(r.misaligned[0].kind, 'contracted');
});

import test from 'ava';
import { decodeTags, TagError } from '../src/tags/decode.js';

const spans = (tags: string[], opts = {}) =>
  decodeTags(tags, opts)
    .map((c) => `${c.type}:${c.start}-${c.end}`)
    .join(' ');

test('default mode: conlleval rules on IOB tags (I- after O or another type starts an entity)', (t) => {
  t.is(spans(['B-PER', 'I-PER', 'O', 'I-LOC', 'I-LOC', 'B-LOC', 'I-PER']), 'PER:0-2 LOC:3-5 LOC:5-6 PER:6-7');
  t.is(spans(['I-PER', 'B-PER']), 'PER:0-1 PER:1-2');
  t.is(spans([]), '');
  t.is(spans(['O', 'O']), '');
});

test('default mode: E/S and L/U prefixes as seqeval reads E/S', (t) => {
  t.is(spans(['S-PER', 'S-PER', 'E-LOC', 'B-ORG', 'E-ORG', 'U-X', 'B-Y', 'L-Y']), 'PER:0-1 PER:1-2 LOC:2-3 ORG:3-5 X:5-6 Y:6-8');
  t.is(spans(['B-PER', 'E-PER', 'I-PER', 'O']), 'PER:0-2 PER:2-3');
});

test('strict mode IOB2 drops ill-formed entities', (t) => {
  t.is(spans(['B-PER', 'I-PER', 'O', 'I-LOC', 'B-LOC', 'I-PER'], { mode: 'strict', scheme: 'IOB2' }), 'PER:0-2 LOC:4-5');
});

test('strict mode IOB1, IOE2, IOBES, BILOU', (t) => {
  t.is(spans(['I-PER', 'I-PER', 'B-PER', 'I-LOC', 'O'], { mode: 'strict', scheme: 'IOB1' }), 'PER:0-2 PER:2-3 LOC:3-4');
  t.is(spans(['I-PER', 'E-PER', 'E-LOC', 'I-ORG'], { mode: 'strict', scheme: 'IOE2' }), 'PER:0-2 LOC:2-3');
  t.is(spans(['B-PER', 'E-PER', 'S-LOC', 'B-ORG', 'O', 'I-PER', 'E-PER'], { mode: 'strict', scheme: 'IOBES' }), 'PER:0-2 LOC:2-3');
  t.is(spans(['B-PER', 'L-PER', 'U-LOC', 'B-ORG', 'I-ORG'], { mode: 'strict', scheme: 'BILOU' }), 'PER:0-2 LOC:2-3');
});

test('strict mode: a prefix the scheme does not allow names sentence and token', (t) => {
  const err = t.throws(() => decodeTags(['B-PER', 'S-PER'], { mode: 'strict', scheme: 'IOB2', sentence: 2 }), { instanceOf: TagError });
  t.regex(err!.message, /sentence 3, token 2: tag 'S-PER'.*IOB2/);
  t.is((err as TagError).position, 1);
});

test('malformed tags are errors in both modes', (t) => {
  t.throws(() => decodeTags(['PER']), { instanceOf: TagError, message: /token 1: 'PER' is not an entity tag/ });
});

import test from 'ava';
import type { Document } from '../src/doc/types.js';
import { sentenceTokenRanges, tokensBySentence } from '../src/doc/sentences.js';

const tok = (start: number, end: number) => ({ start, end, text: 'x'.repeat(end - start), kind: 'word' as const });
const doc: Document = {
  id: 'd',
  text: 'zz aa bb. yy cc dd. ee',
  sentences: [
    { start: 3, end: 9, text: 'aa bb.' },
    { start: 13, end: 19, text: 'cc dd.' },
  ],
  tokens: [tok(0, 2), tok(3, 5), tok(6, 8), tok(8, 9), tok(10, 12), tok(13, 15), tok(16, 18), tok(18, 19), tok(20, 22)],
  entities: [],
};

test('tokensBySentence: sentences group their tokens; each run of stray tokens is a group of its own, in order', (t) => {
  t.deepEqual(sentenceTokenRanges(doc), [
    { start: 0, end: 1 },
    { start: 1, end: 4 },
    { start: 4, end: 5 },
    { start: 5, end: 8 },
    { start: 8, end: 9 },
  ]);
  t.deepEqual(tokensBySentence(doc).flat(), doc.tokens, 'every token once, in document order');
});

test('tokensBySentence: no sentences → one group; a token crossing a sentence end stands alone', (t) => {
  t.deepEqual(sentenceTokenRanges({ ...doc, sentences: [] }), [{ start: 0, end: 9 }]);
  t.deepEqual(sentenceTokenRanges({ tokens: [], sentences: [] }), [{ start: 0, end: 0 }]);
  const crossing = {
    tokens: [tok(0, 2), tok(3, 8), tok(8, 9)],
    sentences: [
      { start: 0, end: 5, text: '' },
      { start: 5, end: 9, text: '' },
    ],
  };
  t.deepEqual(sentenceTokenRanges(crossing), [
    { start: 0, end: 1 },
    { start: 1, end: 2 },
    { start: 2, end: 3 },
  ]);
});

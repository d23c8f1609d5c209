import test from 'ava';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { streamSentences } from '../src/segment/stream.js';
import { documentFromText } from '../src/segment/document.js';
import { OffsetMap } from '../src/text/offsets.js';
import { ROOT } from './helpers/cli.js';

/** Sentences and tokens of a chunked run, in code points. */
async function streamed(chunks: string[], softNewlines: boolean) {
  const sents: Array<[number, number]> = [];
  const toks: Array<[number, number, string, string]> = [];
  for await (const b of streamSentences(chunks, { softNewlines })) {
    for (const s of b.sentences) sents.push([b.base + b.offsets.toCodePoint(s.start), b.base + b.offsets.toCodePoint(s.end)]);
    for (const x of b.spans.toTokens(b.text, 0, b.tokenCount)) toks.push([b.base + b.offsets.toCodePoint(x.start), b.base + b.offsets.toCodePoint(x.end), x.text, x.kind]);
  }
  return { sents, toks };
}

function whole(text: string, softNewlines: boolean) {
  const doc = documentFromText('x', text, { softNewlines });
  const m = new OffsetMap(text);
  return {
    sents: doc.sentences.map((s) => [m.toCodePoint(s.start), m.toCodePoint(s.end)]),
    toks: doc.tokens.map((x) => [m.toCodePoint(x.start), m.toCodePoint(x.end), x.text, x.kind]),
  };
}

/** Cuts `text` at the given fractions, never inside a surrogate pair (a decoder never does). */
function cut(text: string, points: number[]): string[] {
  const at = [...new Set(points.map((p) => Math.floor(p * text.length)))]
    .sort((a, b) => a - b)
    .map((i) => (i > 0 && i < text.length && text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff ? i + 1 : i));
  const out: string[] = [];
  let prev = 0;
  for (const i of at) {
    out.push(text.slice(prev, i));
    prev = i;
  }
  out.push(text.slice(prev));
  return out;
}

const seed = readFileSync(join(ROOT, 'corpus', 'lavrov-pakistan-visit-2021.txt'), 'utf8');
const PIECES = ['ક', 'ા', '્', ' ', '\n', '\n\n', '.', '?', '“', '”', 'ડૉ.', 'સી.', 'U.S.', '1', ',', 'www.x.com', '🇷🇺', 'A', '\u0301', '\r\n'];

test('chunked streaming gives exactly the sentences and tokens of the whole text (seed article)', async (t) => {
  for (const soft of [false, true]) {
    const expect = whole(seed, soft);
    for (const pts of [[0.5], [0.1, 0.2, 0.3, 0.7, 0.9], Array.from({ length: 40 }, (_, i) => i / 40)]) {
      t.deepEqual(await streamed(cut(seed, pts), soft), expect);
    }
  }
});

test('chunked streaming equals the whole-text result on random text and random cuts', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join('')),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
      fc.boolean(),
      async (text, pts, soft) => {
        const a = await streamed(cut(text, pts), soft);
        const b = whole(text, soft);
        if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`differs for ${JSON.stringify(text)} cut at ${pts}`);
      },
    ),
    { numRuns: 1500 },
  );
  t.pass();
});

test('a run longer than maxSentence without a sentence end is cut at a whitespace, nothing lost', async (t) => {
  const text = 'શબ્દ '.repeat(2000); // 10000 units, no terminator, no line break
  const chunks = cut(
    text,
    Array.from({ length: 20 }, (_, i) => i / 20),
  );
  const sents: string[] = [];
  let tokens = 0;
  for await (const b of streamSentences(chunks, { maxSentence: 1000 })) {
    for (const s of b.sentences) sents.push(s.text);
    tokens += b.tokenCount;
  }
  t.true(sents.length > 1);
  t.true(sents.every((s) => s.length <= 1000 + 600));
  t.is(tokens, 2000);
  t.is(sents.join(' '), text.trim());
});

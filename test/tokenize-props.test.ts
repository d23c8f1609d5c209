/**
 * Property tests of the tokenizer invariants over random Unicode (astral
 * characters, combining marks, lone surrogates) and over Gujarati-heavy
 * random text built from the pieces the rules care about.
 */
import test from 'ava';
import fc from 'fast-check';
import { tokenize } from '../src/tokenize/index.js';
import { TOKEN_KINDS } from '../src/doc/types.js';

const WS = /^[\s\u200B\u2060\u180E]*$/u;
const HAS_WS = /[\s\u200B\u2060\u180E]/u;

const PIECES = [
  'ક',
  'ખ',
  'ગ',
  'ષ',
  'ર',
  'અ',
  'ઈ',
  'ઽ',
  'ૐ',
  'ા',
  'િ',
  'ી',
  'ુ',
  'ે',
  'ૈ',
  'ો',
  'ૌ',
  '્',
  'ં',
  'ઁ',
  'ઃ',
  '઼',
  'ૅ',
  '\u200d',
  '\u200c',
  '૦',
  '૧',
  '૯',
  '0',
  '7',
  '9',
  'a',
  'Z',
  'V',
  'CBI',
  'ના',
  'એ',
  'માં',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '\t',
  '\u00a0',
  '\u200b',
  '\n\n',
  '.',
  '..',
  '...',
  ',',
  '?',
  '!',
  '।',
  '॥',
  '|',
  '…',
  ':',
  ';',
  '-',
  '--',
  '—',
  '–',
  '‘',
  '’',
  '“',
  '”',
  '"',
  "'",
  '(',
  ')',
  '[',
  ']',
  '₹',
  '%',
  '#',
  '@',
  '_',
  '/',
  '&',
  '*',
  '©',
  '™',
  '+',
  '🇷',
  '🇺',
  '🇵',
  '🇰',
  '😀',
  '👍',
  '🏽',
  '\ufe0f',
  '\u20e3',
  '❤',
  '👨',
  '🏴',
  '\u{e0067}',
  '\u{e007f}',
  'http://',
  'https://',
  'www.',
  '.com',
  '.in',
  'pic.twitter.com/x',
  'a@b.co',
  'ડૉ.',
  'ઈ.સ.',
  'સી.',
  'યુ.',
  'એસ.',
  'U.S.',
  'Mr.',
  'etc.',
  '\u0301',
  '\u0600',
  '\u0e33',
  '\u00ad',
  '\ud800',
  '\udc00',
  '\u{1d400}',
  '\u{20000}',
  '\u{10ffff}',
];

const gujaratiText = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }), gujaratiText);

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemeBoundaries(text: string): Set<number> {
  const b = new Set<number>([text.length]);
  for (const s of segmenter.segment(text)) b.add(s.index);
  return b;
}

function checkInvariants(text: string): void {
  const toks = tokenize(text);
  let prev = 0;
  const bounds = graphemeBoundaries(text);
  const nearSpace = (i: number) => (i > 0 && HAS_WS.test(text[i - 1])) || (i < text.length && HAS_WS.test(text[i]));
  for (const t of toks) {
    if (!(t.start < t.end)) throw new Error(`empty or reversed token ${JSON.stringify(t)}`);
    if (t.start < prev) throw new Error(`overlap or out of order at ${t.start}`);
    if (!WS.test(text.slice(prev, t.start))) throw new Error(`non-whitespace between tokens: ${JSON.stringify(text.slice(prev, t.start))}`);
    if (text.slice(t.start, t.end) !== t.text) throw new Error(`slice mismatch for ${JSON.stringify(t)}`);
    if (HAS_WS.test(t.text)) throw new Error(`whitespace inside ${JSON.stringify(t.text)}`);
    if (!TOKEN_KINDS.includes(t.kind)) throw new Error(`bad kind ${t.kind}`);
    for (const b of [t.start, t.end]) {
      if (!bounds.has(b) && !nearSpace(b)) throw new Error(`token boundary ${b} inside a grapheme cluster: ${JSON.stringify(text.slice(Math.max(0, b - 3), b + 3))} in ${JSON.stringify(text)}`);
    }
    prev = t.end;
  }
  if (!WS.test(text.slice(prev))) throw new Error(`non-whitespace after the last token: ${JSON.stringify(text.slice(prev))}`);
}

test('tokens: in order, no overlap, whitespace only between, no whitespace inside, slices match, cluster boundaries', (t) => {
  fc.assert(
    fc.property(anyText, (s) => checkInvariants(s)),
    { numRuns: 3000 },
  );
  t.pass();
});

test('the invariant checker itself rejects a broken token list', (t) => {
  // a cluster split: ક + virama + ષ must stay one token
  const text = 'ક્ષ';
  const bounds = graphemeBoundaries(text);
  t.false(bounds.has(1));
  t.true(tokenize(text).length === 1);
});

test('tokenizing is deterministic and independent of surrounding whitespace', (t) => {
  fc.assert(
    fc.property(gujaratiText, (s) => {
      const a = tokenize(s).map((x) => [x.text, x.kind]);
      const b = tokenize(`  ${s}\n`).map((x) => [x.text, x.kind]);
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`padding changed tokens of ${JSON.stringify(s)}`);
    }),
    { numRuns: 1000 },
  );
  t.pass();
});

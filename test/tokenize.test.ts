import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize, Tokenizer } from '../src/tokenize/index.js';
import { parseAbbreviations } from '../src/lang/gu/abbreviations.js';
import { ROOT } from './helpers/cli.js';

const words = (s: string) => tokenize(s).map((t) => t.text);
const kinds = (s: string) => tokenize(s).map((t) => `${t.text}/${t.kind}`);

test('Gujarati words keep vowel signs, virama, anusvara, candrabindu, visarga, nukta, avagraha, ZWJ/ZWNJ', (t) => {
  for (const w of ['ક્ષત્રિય', 'પાકિસ્તાનનાં', 'હઁસ', 'દુઃખ', 'ફ઼િલ્મ', 'સોઽહમ્', 'ક્‍ષ', 'ક્‌ષ', 'શ્રીમતી', 'ઉર્જા']) {
    t.deepEqual(words(w), [w], w);
  }
});

test('numbers: ASCII, Gujarati digits, decimals, Indian grouping, at text start', (t) => {
  t.deepEqual(kinds('1,00,000 રૂપિયા'), ['1,00,000/number', 'રૂપિયા/word']);
  t.deepEqual(kinds('૧,૦૦,૦૦૦ ૨૫.૧૭ 3.14'), ['૧,૦૦,૦૦૦/number', '૨૫.૧૭/number', '3.14/number']);
  t.deepEqual(words('2012 પછી'), ['2012', 'પછી']);
  t.deepEqual(words('સ્કોર 100.'), ['સ્કોર', '100', '.']);
});

test('currency and percent signs are their own tokens', (t) => {
  t.deepEqual(kinds('₹500 50% ૧૦%'), ['₹/symbol', '500/number', '50/number', '%/symbol', '૧૦/number', '%/symbol']);
});

test('abbreviations from the data file keep their dots', (t) => {
  for (const a of ['ડૉ.', 'ડો.', 'શ્રી.', 'સ્વ.', 'પ્રો.', 'તા.', 'રૂ.', 'ઈ.સ.', 'ઇ.સ.', 'કિ.મી.', 'Mr.', 'Mrs.', 'Dr.', 'U.S.', 'etc.', 'e.g.', 'i.e.']) {
    t.deepEqual(words(`${a} આગળ`).slice(0, 1), [a], a);
  }
  t.deepEqual(words('ડૉ.મનમોહન સિંહ'), ['ડૉ.', 'મનમોહન', 'સિંહ']);
  t.deepEqual(words('ઈ.સ.પૂર્વે'), ['ઈ.સ.', 'પૂર્વે']);
});

test('Gujarati-written letter names are initials before a word, and glued chains stay whole', (t) => {
  t.deepEqual(words('સી. આર. પાટીલ'), ['સી.', 'આર.', 'પાટીલ']);
  t.deepEqual(words('એ. પી. જે. અબ્દુલ કલામ'), ['એ.', 'પી.', 'જે.', 'અબ્દુલ', 'કલામ']);
  t.deepEqual(words('યુ.એસ.ના પ્રમુખ'), ['યુ.એસ.ના', 'પ્રમુખ']);
  // a letter name that is also a word ends a sentence normally
  t.deepEqual(words('આધારિત છે જે. બાઇનરી'), ['આધારિત', 'છે', 'જે', '.', 'બાઇનરી']);
  t.deepEqual(words('કહ્યું કે.'), ['કહ્યું', 'કે', '.']);
  t.deepEqual(words('A. P. J. Abdul'), ['A.', 'P.', 'J.', 'Abdul']);
});

test('an abbreviation list is data: a new entry changes tokens without code', (t) => {
  const tk = new Tokenizer({ abbreviations: parseAbbreviations('[abbreviation]\nઉ.દા.\n') });
  t.deepEqual(
    tk.tokenize('ઉ.દા. આ').map((x) => x.text),
    ['ઉ.દા.', 'આ'],
  );
  t.deepEqual(
    new Tokenizer({ abbreviations: parseAbbreviations('') }).tokenize('ડૉ. આ').map((x) => x.text),
    ['ડૉ', '.', 'આ'],
  );
  t.throws(() => parseAbbreviations('[abbreviation]\nno dot\n'));
});

test('URLs, emails, hashtags and mentions', (t) => {
  t.deepEqual(kinds('pic.twitter.com/yQbZa4rSHo'), ['pic.twitter.com/yQbZa4rSHo/url']);
  t.deepEqual(kinds('જુઓ https://example.com/a?b=1. હવે'), ['જુઓ/word', 'https://example.com/a?b=1/url', './punct', 'હવે/word']);
  t.deepEqual(kinds('(www.gujaratsamachar.com)'), ['(/punct', 'www.gujaratsamachar.com/url', ')/punct']);
  t.deepEqual(kinds('https://en.wikipedia.org/wiki/Gujarat_(state)'), ['https://en.wikipedia.org/wiki/Gujarat_(state)/url']);
  t.deepEqual(kinds('mail: news.desk@divyabhaskar.co.in.'), ['mail/word', ':/punct', 'news.desk@divyabhaskar.co.in/email', './punct']);
  t.deepEqual(kinds('@iamCOAS#RussiaPakistan'), ['@iamCOAS/mention', '#RussiaPakistan/hashtag']);
  t.deepEqual(kinds('(@mfa_russia) #ગુજરાત'), ['(/punct', '@mfa_russia/mention', ')/punct', '#ગુજરાત/hashtag']);
  t.deepEqual(kinds('# @'), ['#/symbol', '@/symbol']);
});

test('emoji: one token per grapheme cluster', (t) => {
  t.deepEqual(kinds('🇷🇺🇵🇰'), ['🇷🇺/emoji', '🇵🇰/emoji']);
  t.deepEqual(words('👨‍👩‍👧‍👦 👍🏽 ❤️ 1️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿'), ['👨‍👩‍👧‍👦', '👍🏽', '❤️', '1️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿']);
  t.deepEqual(kinds('સરસ👍'), ['સરસ/word', '👍/emoji']);
});

test('punctuation: each mark its own token, a run of dots one token', (t) => {
  const marks = ['।', '॥', '|', '.', ',', '?', '!', ':', ';', '—', '–', '-', '‘', '’', '“', '”', '"', "'", '(', ')', '[', ']', '…'];
  t.deepEqual(words(marks.join('')), marks);
  t.deepEqual(words('હા... ના?!'), ['હા', '...', 'ના', '?', '!']);
  t.deepEqual(words('ઝાડ -- તો'), ['ઝાડ', '--', 'તો']);
});

test('hyphen compounds split; case endings glued to Latin or numbers stay; units stay', (t) => {
  t.deepEqual(words('જમ્મુ-કાશ્મીર'), ['જમ્મુ', '-', 'કાશ્મીર']);
  t.deepEqual(words('CBIએ 2016ના Vના'), ['CBIએ', '2016ના', 'Vના']);
  t.deepEqual(words('સ્પુટનિક-Vના'), ['સ્પુટનિક', '-', 'Vના']);
  t.deepEqual(kinds('8GB'), ['8GB/number']);
  t.deepEqual(words('૩૫-એ કલમ'), ['૩૫-એ', 'કલમ']);
});

test('the seed article tokenizes with the expected special tokens', (t) => {
  const text = readFileSync(join(ROOT, 'corpus', 'lavrov-pakistan-visit-2021.txt'), 'utf8');
  const toks = tokenize(text);
  const by = (k: string) => toks.filter((x) => x.kind === k).map((x) => x.text);
  t.deepEqual(by('url'), ['pic.twitter.com/yQbZa4rSHo', 'pic.twitter.com/an3IBvHtje']);
  t.deepEqual(by('mention'), ['@OfficialDGISPR', '@mfa_russia', '@iamCOAS', '@mfa_russia']);
  t.deepEqual(by('hashtag'), ['#Islamabad', '#Lavrov', '#RussiaPakistan', '#Islamabad', '#Lavrov', '#RussiaPakistan']);
  t.deepEqual(by('emoji'), ['🇷🇺', '🇵🇰', '🇷🇺', '🇷🇺', '🇵🇰', '🇷🇺']);
  t.true(toks.some((x) => x.text === 'Vના'));
  for (const tok of toks) t.is(text.slice(tok.start, tok.end), tok.text);
});

test('the BMP class table equals the per-code-point classification', async (t) => {
  const { BMP_CLASS, classifyCodePoint } = await import('../src/text/chars.js');
  let bad = 0;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (BMP_CLASS[c] !== classifyCodePoint(c)) bad++;
  }
  t.is(bad, 0);
});

test('Gujarati character classes', async (t) => {
  const g = await import('../src/lang/gu/script.js');
  t.true(g.isGujaratiLetter('ક'.charCodeAt(0)) && g.isGujaratiLetter('અ'.charCodeAt(0)) && g.isGujaratiLetter('ઽ'.charCodeAt(0)));
  t.true(g.isGujaratiConsonant('ળ'.charCodeAt(0)) && !g.isGujaratiConsonant('અ'.charCodeAt(0)));
  for (const m of ['ા', 'િ', 'ૌ', '્', 'ં', 'ઁ', 'ઃ', '઼', 'ૅ']) t.true(g.isGujaratiMark(m.charCodeAt(0)), m);
  t.false(g.isGujaratiMark('ક'.charCodeAt(0)));
  t.is(g.digitValue('૭'.charCodeAt(0)), 7);
  t.is(g.digitValue('7'.charCodeAt(0)), 7);
  t.is(g.digitValue('a'.charCodeAt(0)), -1);
  t.true(g.isJoinControl(0x200d) && g.isJoinControl(0x200c) && !g.isJoinControl(0x2d));
});

test('columnar spans and Token objects agree', async (t) => {
  const { defaultTokenizer } = await import('../src/tokenize/index.js');
  const text = 'ડૉ. પટેલ 🇷🇺 #ગુજરાત pic.twitter.com/x 1,00,000ના';
  const tk = defaultTokenizer();
  const sp = tk.spans(text);
  t.deepEqual(sp.toTokens(text), tokenize(text));
  t.is(sp.kind(0), 'word');
});

test('grapheme edge cases found by the property test stay fixed', (t) => {
  const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const s of ['؀🇰🇰', '❤‍🇷🇰', '©‍😀', 'a\u0600b', '.\u0e33', '؀\udc00']) {
    const bounds = new Set([s.length, ...[...seg.segment(s)].map((x) => x.index)]);
    for (const tok of tokenize(s)) {
      t.true(bounds.has(tok.start) && bounds.has(tok.end), `${JSON.stringify(s)}: ${JSON.stringify(tok)}`);
    }
  }
});

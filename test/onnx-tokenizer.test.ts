/**
 * gujnlp's tokenizer.json runner (src/annotate/onnx/tokenizer/) on hostile
 * strings: astral characters, combining marks, ZWJ/ZWNJ, empty words. The
 * expected answers are what Python's `tokenizers` gives (checked against it
 * when these tests were written; test/onnx-real.test.ts compares whole
 * vocabularies with it).
 */
import test from 'ava';
import fc from 'fast-check';
import { tokenizerFromJson } from '../src/annotate/onnx/tokenizer/index.js';
import { buildNormalizer } from '../src/annotate/onnx/tokenizer/normalizers.js';
import { buildPreTokenizer } from '../src/annotate/onnx/tokenizer/pre-tokenizers.js';
import { unigram, unigramModel } from '../src/annotate/onnx/tokenizer/unigram.js';
import { wordPiece } from '../src/annotate/onnx/tokenizer/wordpiece.js';
import { readShared } from './helpers/shared.js';

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

function bert(vocab: string[], normalizer: Record<string, unknown>) {
  const all = [...SPECIALS, ...vocab];
  return tokenizerFromJson({
    added_tokens: SPECIALS.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, ...normalizer },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } },
    },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 10, vocab: Object.fromEntries(all.map((p, i) => [p, i])) },
  });
}

const pieces = (tok: ReturnType<typeof bert>, w: string) => tok.pieces(w).map((p) => p[0]);

test('BertNormalizer, uncased: ZWJ/ZWNJ deleted, nonspacing marks stripped after NFD (Gujarati ુ ે ્ ં too), spacing vowel signs kept', (t) => {
  const n = buildNormalizer({ type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true });
  t.is(n('ગુજરાતી'), 'ગજરાતી');
  t.is(n('ક્\u200dષ'), 'કષ');
  t.is(n('ક\u200cખ'), 'કખ');
  t.is(n('સંયુક્ત'), 'સયકત');
  t.is(n('Émile'), 'emile');
  t.is(n('ΟΔΟΣ'), 'οδοσ', 'each code point lowercased alone: no final sigma');
  t.is(n('İ'), 'i');
  t.is(n('ક\u0afaખ'), 'ક\u0afaખ', 'U+0AFA is not a nonspacing mark in the tables Python uses');
  t.is(n('x\u0000y\ufffd\u00ad'), 'xy');
  t.is(n('a\tb\u3000c'), 'a b c');
  t.is(n('中文'), ' 中  文 ');
  t.is(n('🇷🇺😀'), '🇷🇺😀');
  t.is(n(''), '');
});

test('BertNormalizer, cased: marks kept, controls and joiners still deleted', (t) => {
  const n = buildNormalizer({ type: 'BertNormalizer', strip_accents: null, lowercase: false });
  t.is(n('ગુજરાતી'), 'ગુજરાતી');
  t.is(n('ક્\u200dષ'), 'ક્ષ');
  t.is(n('Émile'), 'Émile');
  t.is(n('e\u0301'), 'e\u0301', 'no NFC or NFD');
});

test('normalizer sequence: Strip and Replace as the tokenizers ≥ 0.19 XLM-R layout', (t) => {
  const n = buildNormalizer({
    type: 'Sequence',
    normalizers: [
      { type: 'Strip', strip_left: false, strip_right: true },
      { type: 'Replace', pattern: { Regex: ' {2,}' }, content: '▁' },
    ],
  });
  t.is(n('  a   b  '), '▁a▁b');
  t.is(n(' '), '');
  t.throws(() => buildNormalizer({ type: 'ByteLevel' }), { message: /ByteLevel normalizer/ });
});

test('Metaspace: the old (add_prefix_space) and the new (prepend_scheme) layouts put ▁ before each word', (t) => {
  const old = buildPreTokenizer({ type: 'Metaspace', replacement: '▁', add_prefix_space: true, prepend_scheme: 'always' });
  const now = buildPreTokenizer({ type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true });
  const never = buildPreTokenizer({ type: 'Metaspace', replacement: '▁', add_prefix_space: false, prepend_scheme: 'never' });
  const run = (p: typeof old, s: string) => p([{ text: s, first: true }]).map((x) => x.text);
  for (const p of [old, now]) {
    t.deepEqual(run(p, 'ભારત'), ['▁ભારત']);
    t.deepEqual(run(p, 'a b'), ['▁a', '▁b']);
    t.deepEqual(run(p, 'a  b'), ['▁a', '▁', '▁b']);
    t.deepEqual(run(p, '▁x'), ['▁x'], 'no second ▁');
    t.deepEqual(run(p, '🇷🇺'), ['▁🇷🇺']);
  }
  t.deepEqual(run(never, 'ભારત'), ['ભારત']);
  const first = buildPreTokenizer({ type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: true });
  t.deepEqual(
    first([
      { text: 'a', first: true },
      { text: 'b', first: false },
    ]).map((x) => x.text),
    ['▁a', 'b'],
  );
});

test('BertPreTokenizer: whitespace dropped, punctuation isolated (ASCII symbols too, Gujarati abbreviation sign)', (t) => {
  const p = buildPreTokenizer({ type: 'BertPreTokenizer' });
  const run = (s: string) => p([{ text: s, first: true }]).map((x) => x.text);
  t.deepEqual(run('pic.twitter.com/x'), ['pic', '.', 'twitter', '.', 'com', '/', 'x']);
  t.deepEqual(run('a$b^c'), ['a', '$', 'b', '^', 'c']);
  t.deepEqual(run('ડૉ૰ક'), ['ડૉ', '૰', 'ક']);
  t.deepEqual(run('a\u2e52b'), ['a\u2e52b'], 'punctuation newer than Python’s tables is not split');
  t.deepEqual(run(''), []);
});

test('WordPiece: longest match first by code point, astral pieces, unknown words, length limit, empty', (t) => {
  const vocab = new Map(['[UNK]', 'ગુજ', 'ગુ', '##રાત', '##ી', '🇷', '##🇺', '😀'].map((p, i) => [p, i] as const));
  const cfg = { vocab, unkToken: '[UNK]', prefix: '##', maxInputChars: 10 };
  const wp = (s: string) => wordPiece(s, cfg).map((p) => p[0]);
  t.deepEqual(wp('ગુજરાતી'), ['ગુજ', '##રાત', '##ી']);
  t.deepEqual(wp('🇷🇺'), ['🇷', '##🇺']);
  t.deepEqual(wp('😀'), ['😀']);
  t.deepEqual(wp('ગુજરાતx'), ['[UNK]'], 'one unknown part makes the whole word unknown');
  t.deepEqual(wp('😀'.repeat(10)), ['[UNK]'], 'over the limit');
  t.deepEqual(wp(''), []);
});

test('Unigram: Viterbi over code points (emoji and flags match), unknown runs fused, byte fallback', (t) => {
  const m = unigramModel(
    [
      ['<unk>', 0],
      ['▁', -2],
      ['▁🇷🇺', -3],
      ['🇵', -4],
      ['🇰', -4],
      ['▁ab', -5],
      ['▁a', -1],
      ['b', -1],
      ['c', -9],
    ],
    0,
    false,
  );
  const u = (s: string) => unigram(s, m).map((p) => `${p[0]}=${p[1]}`);
  t.deepEqual(u('▁🇷🇺🇵🇰'), ['▁🇷🇺=2', '🇵=3', '🇰=4']);
  t.deepEqual(u('▁ab'), ['▁a=6', 'b=7'], '-1 + -1 beats -5');
  t.deepEqual(u('▁xy😀b'), ['▁=1', 'xy😀=0', 'b=7'], 'unknown characters fused into one piece');
  t.deepEqual(u(''), []);
  const bytes = unigramModel(
    [
      ['<unk>', 0],
      ['a', -1],
      ['<0xC3>', -1],
      ['<0xA9>', -1],
    ],
    0,
    true,
  );
  t.deepEqual(
    unigram('aé', bytes).map((p) => p[0]),
    ['a', '<0xC3>', '<0xA9>'],
  );
  t.throws(() => unigram('z', unigramModel([['a', -1]], null, false)), { message: /no unk_id/ });
});

test('added tokens are found in a word before normalization, the rest tokenized around them', (t) => {
  const tok = bert(['x', 'y', '##y'], { lowercase: true, strip_accents: null });
  t.deepEqual(pieces(tok, 'x[MASK]y'), ['x', '[MASK]', 'y']);
  t.deepEqual(pieces(tok, '[CLS]'), ['[CLS]']);
  t.deepEqual(pieces(tok, '[cls]'), ['[UNK]', '[UNK]', '[UNK]'], 'matching is case-sensitive: [ cls ] are three parts');
  t.deepEqual(tok.frame.prefix, [2]);
  t.deepEqual(tok.frame.suffix, [3]);
});

test('a word that normalizes to nothing has no pieces (ZWJ alone, controls)', (t) => {
  const tok = bert(['x'], { lowercase: true, strip_accents: null });
  for (const w of ['\u200d', '\u200c', '\u0000', '\u0301', '']) t.deepEqual(pieces(tok, w), [], JSON.stringify(w));
});

test('property: WordPiece pieces, without ##, spell the normalized word whenever no piece is unknown', (t) => {
  const alphabet = ['ક', 'ખ', 'ા', 'ુ', '્', '\u200d', '🇷', '🇺', '😀', 'a', 'É', '\u0301', ' ', '.'];
  const tok = bert(['ક', 'ખ', '##ક', '##ખ', '##ા', '##ુ', '##્', '🇷', '##🇺', '##🇷', '😀', '##😀', 'a', '##a', 'e', '##e', '.', 'ા', 'ુ', '્'], { lowercase: true, strip_accents: null });
  const normalize = buildNormalizer({ type: 'BertNormalizer', strip_accents: null, lowercase: true });
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (chars) => {
      const word = chars.join('');
      const got = pieces(tok, word);
      if (got.includes('[UNK]')) return true;
      return got.map((p) => p.replace(/^##/, '')).join('') === normalize(word).replace(/\s/g, '');
    }),
  );
  t.pass();
});

test('property: Unigram pieces always spell the input, astral characters included', (t) => {
  const m = unigramModel(
    [
      ['<unk>', 0],
      ['▁', -2],
      ['▁🇷🇺', -3],
      ['🇵', -4],
      ['ક', -2],
      ['કા', -3],
      ['▁ક', -2.5],
    ],
    0,
    false,
  );
  fc.assert(
    fc.property(fc.array(fc.constantFrom('▁', '🇷', '🇺', '🇵', 'ક', 'ા', '\u200d', 'x', '😀'), { maxLength: 14 }), (chars) => {
      const s = chars.join('');
      return (
        unigram(s, m)
          .map((p) => p[0])
          .join('') === s
      );
    }),
  );
  t.pass();
});

const XLMR = 'fixtures/onnx-real/xlmr-gu-tiny/tokenizer.json';
const xlmr = readShared(XLMR);
(xlmr ? test : test.skip)(`Precompiled (SentencePiece nmt_nfkc charsmap): NFKC-like rewrites, ZWJ kept, controls dropped${xlmr ? '' : ` — skipped: ../shared/${XLMR} is absent`}`, (t) => {
  const n = buildNormalizer(JSON.parse(xlmr!).normalizer);
  t.is(n('ગુજરાતી'), 'ગુજરાતી');
  t.is(n('ﬁ①Ａ'), 'fi1A');
  t.is(n('e\u0301'), 'é', 'a short grapheme is looked up whole');
  t.is(n('x\u0001y'), 'xy');
  t.is(n('🇷🇺'), '🇷🇺');
  t.is(n('\u00a0'), ' ');
});

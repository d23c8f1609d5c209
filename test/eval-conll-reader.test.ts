import test from 'ava';
import { parseConllBytes, parseConllTags } from '../src/eval/conll-tags.js';
import { decodeCorpus } from '../src/eval/corpus.js';

test('columns by whitespace, last two are gold and pred; CRLF, tabs, BOM, trailing spaces', (t) => {
  const c = parseConllTags('\uFEFFરામ NNP\tB-PER  B-PER \r\nગયો VB O I-PER\r\n\r\n\r\nસુરત B-LOC O\n', 'x');
  t.deepEqual(decodeCorpus(c, 'gold'), [['B-PER', 'O'], ['B-LOC']]);
  t.deepEqual(decodeCorpus(c, 'pred'), [['B-PER', 'I-PER'], ['O']]);
  t.deepEqual([...c.source!.sentLine], [1, 5]);
});

test('many distinct tags intern correctly (hash table growth)', (t) => {
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) lines.push(`w B-T${i} I-T${i % 7}`);
  const c = parseConllTags(lines.join('\n'), 'x');
  const gold = decodeCorpus(c, 'gold')[0];
  const pred = decodeCorpus(c, 'pred')[0];
  t.is(gold[2999], 'B-T2999');
  t.is(pred[2999], `I-T${2999 % 7}`);
  t.is(new Set(gold).size, 3000);
});

test('invalid UTF-8 is an error with a line number', (t) => {
  const bytes = Buffer.concat([Buffer.from('a O O\nb '), Buffer.from([0xff]), Buffer.from(' O O\n')]);
  t.throws(() => parseConllBytes(bytes, 'bad.conll'), { message: /bad\.conll:2: invalid UTF-8/ });
});

test('empty input is an empty corpus', (t) => {
  const c = parseConllTags('\n\n', 'x');
  t.is(c.gold.length, 0);
  t.is(c.sentStart.length, 1);
});

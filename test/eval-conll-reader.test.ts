import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConllBytes, parseConllTags, readConllFile } from '../src/eval/conll-tags.js';
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

test('a file read in chunks gives what its bytes give: long lines, no final newline, CRLF, BOM, breaks', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-conll-'));
  const long = 'ક'.repeat(200_000); // one line longer than a read chunk and a scan block
  const lines: string[] = ['\uFEFFa B-PER B-PER'];
  for (let i = 0; i < 40_000; i++) {
    if (i % 17 === 0) lines.push('');
    if (i % 1000 === 5) lines.push(`${long} I-LOC O`);
    if (i % 999 === 7) lines.push('-DOCSTART- -X- O O');
    lines.push(`w${i}\tX ${i % 3 === 0 ? 'B-ORG' : 'O'}  ${i % 5 === 0 ? 'I-ORG' : 'O'}${i % 7 === 0 ? '\r' : ''}`);
  }
  const text = lines.join('\n'); // no final newline
  const f = join(dir, 'big.conll');
  writeFileSync(f, text);
  const a = readConllFile(f);
  const b = parseConllTags(text, f);
  t.deepEqual(decodeCorpus(a, 'gold'), decodeCorpus(b, 'gold'));
  t.deepEqual(decodeCorpus(a, 'pred'), decodeCorpus(b, 'pred'));
  t.deepEqual([...a.source!.sentLine], [...b.source!.sentLine]);
  t.is(a.gold.length, 1 + 40_000 + 40);
});

test('a chunked read reports bad input exactly as the whole-file parser', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-conll-'));
  const good = 'a O O\n'.repeat(100_000);
  const f1 = join(dir, 'bad-tag-then-utf8.conll');
  // a bad tag on line 3 and invalid UTF-8 far later: the UTF-8 error wins, as for the whole file
  writeFileSync(f1, Buffer.concat([Buffer.from('a O O\nb O O\nc PER O\n' + good), Buffer.from([0xff, 10])]));
  t.throws(() => readConllFile(f1), { message: /bad-tag-then-utf8\.conll:100004: invalid UTF-8 at byte offset 600020/ });
  const f2 = join(dir, 'one-column.conll');
  writeFileSync(f2, good + 'x\n');
  t.throws(() => readConllFile(f2), { message: /one-column\.conll:100001: expected at least two columns/ });
});

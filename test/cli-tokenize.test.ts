import test from 'ava';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, ROOT } from './helpers/cli.js';
import { tokenize } from '../src/tokenize/index.js';
import { splitSentences } from '../src/segment/index.js';
import { documentFromText } from '../src/segment/document.js';

const SEED = join(ROOT, 'corpus', 'lavrov-pakistan-visit-2021.txt');
const seed = readFileSync(SEED, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'gujnlp-cli-'));
const file = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

test('tokenize --format jsonl: one object per sentence, code point offsets', async (t) => {
  const r = await runCli(['tokenize', SEED, '--format', 'jsonl']);
  t.is(r.code, 0, r.stderr);
  t.is(r.stderr, '');
  const lines = r.stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  t.is(lines.length, 20);
  const cps = Array.from(seed);
  for (const s of lines) {
    t.deepEqual(Object.keys(s), ['start', 'end', 'tokens']);
    for (const tok of s.tokens) {
      t.deepEqual(Object.keys(tok), ['text', 'start', 'end', 'kind']);
      t.is(cps.slice(tok.start, tok.end).join(''), tok.text);
    }
  }
  t.is(lines.at(-1).end, 2253);
  t.is(lines.flatMap((s) => s.tokens).length, tokenize(seed).length);
});

test('tokenize --format text and conll', async (t) => {
  const text = await runCli(['tokenize', SEED, '--format', 'text']);
  const lines = text.stdout.split('\n');
  t.is(lines.at(-1), '');
  t.is(lines[0], 'વર્ષ 2012 પછી રશિયાના કોઈ વિદેશમંત્રી પહેલીવાર પાકિસ્તાનની મુલાકાતે ગયા છે .');
  t.is(lines[5], '🇷🇺 🇵🇰 In #Islamabad , Russian Foreign Minister Sergey #Lavrov held talks with Chief of Army Staff @OfficialDGISPR #RussiaPakistan pic.twitter.com/yQbZa4rSHo');
  const dflt = await runCli(['tokenize', SEED]);
  t.is(dflt.stdout, text.stdout);
  // every line is the tokens of one sentence joined by single spaces
  const doc = documentFromText('seed', seed);
  const expected = doc.sentences.map((s) =>
    doc.tokens
      .filter((x) => x.start >= s.start && x.end <= s.end)
      .map((x) => x.text)
      .join(' '),
  );
  t.deepEqual(lines.slice(0, -1), expected);
  const conll = await runCli(['tokenize', SEED, '--format', 'conll']);
  const blocks = conll.stdout.trimEnd().split('\n\n');
  t.is(blocks.length, 20);
  t.deepEqual(blocks[0].split('\n')[0].split('\t'), ['વર્ષ', '0', '4', 'word']);
  t.true(conll.stdout.endsWith('.\t2252\t2253\tpunct\n\n'));
});

test('split: jsonl and text, --soft-newlines, stdin', async (t) => {
  const j = await runCli(['split', SEED, '--format', 'jsonl']);
  const sents = j.stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  t.deepEqual(Object.keys(sents[0]), ['start', 'end', 'text']);
  t.deepEqual(
    sents.map((s) => s.text),
    splitSentences(seed).map((s) => s.text),
  );
  const cps = Array.from(seed);
  for (const s of sents) t.is(cps.slice(s.start, s.end).join(''), s.text);
  const txt = await runCli(['split', '-'], { input: 'એક લીટી\nચાલુ.\n\nનવો ફકરો' });
  t.is(txt.stdout, 'એક લીટી\nચાલુ.\nનવો ફકરો\n');
  const soft = await runCli(['split', '--soft-newlines'], { input: 'એક લીટી\nચાલુ.\n\nનવો ફકરો' });
  t.is(soft.stdout, 'એક લીટી ચાલુ.\nનવો ફકરો\n');
  const softJ = await runCli(['split', '--soft-newlines', '--format', 'jsonl'], { input: 'એક\nબે' });
  t.deepEqual(JSON.parse(softJ.stdout), { start: 0, end: 5, text: 'એક\nબે' });
});

test('jsonl escapes quotes, backslashes and control characters', async (t) => {
  const r = await runCli(['tokenize', '--format', 'jsonl'], { input: 'તેણે "હા" કહ્યું \\ \u0001 😀.' });
  t.is(r.code, 0, r.stderr);
  const toks = JSON.parse(r.stdout).tokens;
  t.deepEqual(
    toks.map((x: { text: string }) => x.text),
    ['તેણે', '"', 'હા', '"', 'કહ્યું', '\\', '\u0001', '😀', '.'],
  );
  t.deepEqual(toks.at(-1), { text: '.', start: 22, end: 23, kind: 'punct' });
});

test('BOM skipped, CRLF handled, empty file gives empty output', async (t) => {
  const bom = file('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('હા. ના.\r\nબરાબર\r\n')]));
  const r = await runCli(['tokenize', bom, '--format', 'jsonl']);
  t.is(r.code, 0);
  const lines = r.stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  t.deepEqual(
    lines.map((l) => [l.start, l.end]),
    [
      [0, 3],
      [4, 7],
      [9, 14],
    ],
  );
  t.false(r.stdout.includes('\\r'));
  const empty = await runCli(['split', file('empty.txt', '')]);
  t.is(empty.code, 0);
  t.is(empty.stdout, '');
  const blank = await runCli(['tokenize', file('blank.txt', ' \n\n \r\n')]);
  t.is(blank.code, 0);
  t.is(blank.stdout, '');
});

test('errors: missing file, directory, invalid UTF-8 with byte offset, binary input; nothing on stdout', async (t) => {
  const cases: Array<[string[], RegExp, string | Buffer | undefined]> = [
    [['tokenize', join(dir, 'nope.txt')], /nope\.txt: no such file/, undefined],
    [['split', dir], /is a directory/, undefined],
    [['tokenize', file('bad.txt', Buffer.concat([Buffer.from('સારું\nab'), Buffer.from([0xff]), Buffer.from('c')]))], /bad\.txt:2: invalid UTF-8 at byte offset 18/, undefined],
    [['split', file('bin.txt', Buffer.from([0x41, 0x00, 0x42]))], /binary input \(NUL byte at byte offset 1\)/, undefined],
    [['tokenize', '-'], /<stdin>:1: invalid UTF-8 at byte offset 1/, Buffer.from([0x61, 0xc3, 0x28])],
    [['tokenize', SEED, '--format', 'xml'], /--format must be one of jsonl, text, conll, got 'xml'/, undefined],
  ];
  for (const [args, re, input] of cases) {
    const r = await runCli(args, input === undefined ? {} : { input });
    t.not(r.code, 0, args.join(' '));
    t.regex(r.stderr, re);
    t.is(r.stdout, '', args.join(' '));
  }
});

test('invalid UTF-8 deep inside a large file is found before any output', async (t) => {
  const line = 'આ એક લાંબી લીટી છે. બીજું વાક્ય!\n';
  const good = Buffer.from(line.repeat(60000)); // ~4 MB, several read chunks
  const p = file('late-bad.txt', Buffer.concat([good, Buffer.from([0xe0, 0xaa]), Buffer.from('\n')]));
  const r = await runCli(['tokenize', p]);
  t.is(r.code, 1);
  t.is(r.stdout, '');
  t.regex(r.stderr, new RegExp(`invalid UTF-8 at byte offset ${good.length}`));
  t.regex(r.stderr, /:60001: /);
});

test('--help prints usage and exits 0', async (t) => {
  for (const cmd of ['tokenize', 'split']) {
    const r = await runCli([cmd, '--help']);
    t.is(r.code, 0);
    t.regex(r.stdout + r.stderr, new RegExp(`usage: gujnlp ${cmd}`));
  }
});

import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, ROOT } from './helpers/cli.js';
import { sharedFile, SKIP_NO_SHARED } from './helpers/shared.js';
import { documentFromText } from '../src/segment/document.js';
import { readAnnotations, writeAnnotations } from '../src/formats/index.js';

const FIX = join(ROOT, 'test', 'fixtures', 'formats');
const fx = (name: string): string => join(FIX, name);
const tmp = (): string => mkdtempSync(join(tmpdir(), 'gujnlp-convert-'));

/** Each malformed input: convert fails with exit 1 and one stderr line naming the file and line. */
const MALFORMED: { name: string; args?: string[]; line: number; problem: RegExp }[] = [
  { name: 'bad-json-line.jsonl', line: 2, problem: /invalid JSON/ },
  { name: 'one-column.conll', line: 3, problem: /found 1 column/ },
  { name: 'unknown-label.jsonl', line: 2, problem: /label "DATE" is not in the schema/ },
  { name: 'overlap.ann', line: 2, problem: /PER 10-15 'પુટિન' is nested in PER 0-15/ },
  { name: 'out-of-range.jsonl', line: 2, problem: /LOC span 0-12 \(UTF-16 units\) outside the text of 9 UTF-16 units/ },
  { name: 'hf-count-mismatch.jsonl', line: 2, problem: /2 tokens but 1 ner_tags/ },
  { name: 'invalid-utf8.conll', line: 4, problem: /invalid UTF-8 at byte offset 39/ },
  { name: 'text-mismatch.ann', line: 1, problem: /text "સેરગેઈ લોવરવ" differs from the text at those code point offsets "સેરગેઈ લોવરોવ"/ },
  {
    name: 'utf16-neither.json',
    line: 7,
    problem: /task 1, result a1: PER span 23-37 text "Sergey #Lavrov" differs from the text at those code point offsets .*as UTF-16 units it does not fit either/,
  },
  { name: 'not-in-text.conll', args: ['--text', fx('not-in-text.txt')], line: 2, problem: /token "મળ્યા" not found in the supplied text after code point 5/ },
];

for (const c of MALFORMED) {
  test(`convert: malformed ${c.name} gives one line naming file and line`, async (t) => {
    const dir = tmp();
    const out = join(dir, 'out.json');
    const r = await runCli(['convert', fx(c.name), out, '--to', 'json', ...(c.args ?? [])]);
    t.is(r.code, 1, r.stderr);
    const lines = r.stderr.trimEnd().split('\n');
    t.is(lines.length, 1, r.stderr);
    t.true(lines[0].startsWith(`gujnlp: ${fx(c.name)}:${c.line}: `), lines[0]);
    t.regex(lines[0], c.problem);
    t.is(r.stdout, '');
    t.deepEqual(readdirSync(dir), [], 'no output and no temp file');
  });
}

test('convert: --allow-overlap accepts nested spans; a token output drops one and reports it', async (t) => {
  const dir = tmp();
  const r = await runCli(['convert', fx('overlap.ann'), join(dir, 'o.conll'), '--allow-overlap']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /expanded 1, contracted 0, dropped 1/);
  t.regex(r.stderr, /dropped: PER 10-15 'પુટિન' in overlap — overlaps PER/);
  t.regex(readFileSync(join(dir, 'o.conll'), 'utf8'), /^વ્લાદિમીર\tB-PER\nપુટિન\tI-PER\nરશિયાના\tB-LOC$/m);
});

test('convert: brat notes survive a round trip through json', async (t) => {
  const dir = tmp();
  t.is((await runCli(['convert', fx('overlap.ann'), join(dir, 'o.json'), '--allow-overlap'])).code, 0);
  t.is((await runCli(['convert', join(dir, 'o.json'), join(dir, 'o.ann'), '--allow-overlap'])).code, 0);
  t.is(readFileSync(join(dir, 'o.ann'), 'utf8'), readFileSync(fx('overlap.ann'), 'utf8'));
  t.is(readFileSync(join(dir, 'o.txt'), 'utf8'), readFileSync(fx('overlap.txt'), 'utf8'));
});

test('convert: stdout output, scheme and align options', async (t) => {
  const r = await runCli(['convert', fx('overlap.ann'), '-', '--to', 'conll', '--scheme', 'BILOU', '--align', 'contract', '--allow-overlap']);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, 'વ્લાદિમીર\tB-PER\nપુટિન\tL-PER\nરશિયાના\tO\nરાષ્ટ્રપતિ\tO\nછે\tO\n.\tO\n');
  t.regex(r.stderr, /dropped 2/);
  const bad = await runCli(['convert', fx('overlap.ann'), '-', '--to', 'conll', '--align', 'sideways']);
  t.is(bad.code, 1);
  t.regex(bad.stderr, /--align must be one of expand, contract, strict, got 'sideways'/);
  const strict = await runCli(['convert', fx('overlap.ann'), '-', '--to', 'conll', '--align', 'strict', '--allow-overlap']);
  t.is(strict.code, 1);
  t.is(strict.stdout, '');
  t.regex(strict.stderr, /^gujnlp: entity PER 10-15 'પુટિન' in document overlap overlaps/);
});

test('convert: a failing write leaves the existing output intact and no temp files', async (t) => {
  const dir = tmp();
  const out = join(dir, 'train.jsonl');
  writeFileSync(out, 'old content\n');
  // labels.json is a directory: the second file cannot be written
  mkdirSync(join(dir, 'labels.json'));
  const r = await runCli(['convert', fx('overlap.ann'), out, '--to', 'hf', '--allow-overlap']);
  t.is(r.code, 1);
  t.is(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  t.is(readFileSync(out, 'utf8'), 'old content\n');
  t.deepEqual(readdirSync(dir).sort(), ['labels.json', 'train.jsonl']);
});

test('writeAnnotations: an error while rendering writes nothing', (t) => {
  const dir = tmp();
  const out = join(dir, 'x.conll');
  writeFileSync(out, 'keep\n');
  const d = documentFromText('d', 'ઇમરાન ખાનને મળ્યા.');
  d.entities = [{ start: 0, end: 9, label: 'PER' }];
  t.throws(() => writeAnnotations(out, [d], { format: 'conll', align: 'strict' }));
  t.is(readFileSync(out, 'utf8'), 'keep\n');
  t.deepEqual(readdirSync(dir), ['x.conll']);
  writeAnnotations(out, [d], { format: 'conll' });
  t.is(readFileSync(out, 'utf8'), 'ઇમરાન\tB-PER\nખાનને\tI-PER\nમળ્યા\tO\n.\tO\n');
});

test('convert: --help, missing arguments, unknown format', async (t) => {
  const h = await runCli(['convert', '--help']);
  t.is(h.code, 0);
  t.regex(h.stdout, /--align/);
  t.is((await runCli(['convert', fx('overlap.ann')])).code, 1);
  const u = await runCli(['convert', fx('overlap.ann'), 'x.json', '--to', 'xml']);
  t.is(u.code, 1);
  t.regex(u.stderr, /--to must be one of .*, got 'xml'/);
});

const WIKI = 'data/wikiann-gu/train.tsv';
(sharedFile(WIKI) ? test : test.skip)(`convert CLI: WikiANN → HF → CoNLL identical ${sharedFile(WIKI) ? '' : SKIP_NO_SHARED(WIKI)}`, async (t) => {
  const dir = tmp();
  const a = await runCli(['convert', sharedFile(WIKI)!, join(dir, 'train.jsonl')]);
  t.is(a.code, 0, a.stderr);
  t.regex(a.stderr, /132 entities: conll → hf/);
  t.true(existsSync(join(dir, 'labels.json')));
  const b = await runCli(['convert', join(dir, 'train.jsonl'), '-', '--to', 'conll']);
  t.is(b.code, 0, b.stderr);
  t.is(b.stdout, readFileSync(sharedFile(WIKI)!, 'utf8'));
  t.is(readAnnotations(join(dir, 'train.jsonl'))[0].entities.length, 132);
});

test('convert: stdin to stdout with named formats; stdin needs --from', async (t) => {
  const r = await runCli(['convert', '-', '-', '--from', 'doccano', '--to', 'conll'], { input: '{"text": "ઇમરાન ખાન", "label": [[0, 9, "PER"]]}\r\n' });
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, 'ઇમરાન\tB-PER\nખાન\tI-PER\n');
  const n = await runCli(['convert', '-', '-', '--to', 'conll'], { input: 'x' });
  t.is(n.code, 1);
  t.regex(n.stderr, /^gujnlp: -: cannot tell the annotation format .*--from/);
});

/**
 * The CLI around the annotation tools: doccano offsets as its UI stores
 * them, scores on span formats equal to the CoNLL route, bad input refused
 * with one line, --doc-per-line, --docstart, conlleval input.
 */
import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { readAnnotations } from '../src/formats/index.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'gujnlp-loopcli-'));
const TEXT = '🇷🇺 રશિયાના વિદેશ મંત્રી સેરગેઈ લાવરોવ ઇસ્લામાબાદ પહોંચ્યા. 😀 ઇમરાન ખાન તેમને મળ્યા.';
/** UTF-16 offsets of `s` in TEXT: what doccano's UI (DOM offsets) stores. */
const u16 = (s: string, label: string): [number, number, string] => [TEXT.indexOf(s), TEXT.indexOf(s) + s.length, label];

test('doccano: spans after emoji stored as the UI stores them read back as the right text; writing keeps UTF-16', (t) => {
  const dir = tmp();
  const f = join(dir, 'g.jsonl');
  writeFileSync(f, `${JSON.stringify({ id: 1, text: TEXT, label: [u16('રશિયા', 'LOC'), u16('ઇમરાન ખાન', 'PER')] })}\n`);
  const [d] = readAnnotations(f);
  t.deepEqual(
    d.entities.map((e) => `${e.label} ${d.text.slice(e.start, e.end)}`),
    ['LOC રશિયા', 'PER ઇમરાન ખાન'],
  );
  const out = join(dir, 'o.jsonl');
  const { writeAnnotations } = require_();
  writeAnnotations(out, [d], { format: 'doccano' });
  t.deepEqual(JSON.parse(readFileSync(out, 'utf8')).label, [u16('રશિયા', 'LOC'), u16('ઇમરાન ખાન', 'PER')]);
});

// writeAnnotations imported lazily to keep the test list readable
import * as formats from '../src/formats/index.js';
const require_ = () => formats;

test('evaluate on doccano files gives the same numbers as the same files converted to CoNLL first', async (t) => {
  const dir = tmp();
  const g = join(dir, 'g.doccano.jsonl');
  const p = join(dir, 'p.doccano.jsonl');
  writeFileSync(g, `${JSON.stringify({ id: 'a', text: TEXT, label: [u16('રશિયાના', 'LOC'), u16('સેરગેઈ લાવરોવ', 'PER'), u16('ઇસ્લામાબાદ', 'LOC'), u16('ઇમરાન ખાન', 'PER')] })}\n`);
  writeFileSync(p, `${JSON.stringify({ id: 'a', text: TEXT, label: [u16('રશિયાના', 'LOC'), u16('લાવરોવ', 'PER'), u16('ઇમરાન ખાન', 'ORG')] })}\n`);
  const direct = await runCli(['evaluate', '--gold', g, '--pred', p, '--format', 'json']);
  t.is(direct.code, 0, direct.stderr);
  for (const [src, dst] of [
    [g, 'g.conll'],
    [p, 'p.conll'],
  ])
    t.is((await runCli(['convert', src, join(dir, dst)])).code, 0);
  const viaConll = await runCli(['evaluate', '--gold', join(dir, 'g.conll'), '--pred', join(dir, 'p.conll'), '--format', 'json']);
  t.is(viaConll.code, 0, viaConll.stderr);
  t.is(direct.stdout, viaConll.stdout);
  const r = JSON.parse(direct.stdout) as { seqeval: { overall: { f1: number } } } & Record<string, unknown>;
  t.true(JSON.stringify(r).includes('"f1"'));
  // and conlleval's own input, token gold pred
  const ce = await runCli(['evaluate', '--gold', g, '--pred', p, '--conlleval-input', join(dir, 'ce.txt')]);
  t.is(ce.code, 0, ce.stderr);
  const lines = readFileSync(join(dir, 'ce.txt'), 'utf8').split('\n');
  t.true(lines.includes('સેરગેઈ B-PER O'));
  t.true(lines.includes('લાવરોવ I-PER B-PER'));
  const again = await runCli(['evaluate', join(dir, 'ce.txt'), '--format', 'json']);
  t.is(again.stdout, direct.stdout);
});

test('never a score over zero tokens or zero gold entities with exit 0', async (t) => {
  const dir = tmp();
  const empty = join(dir, 'empty.jsonl');
  writeFileSync(empty, `${JSON.stringify({ id: 'a', text: TEXT, label: [] })}\n`);
  const p = join(dir, 'p.jsonl');
  writeFileSync(p, `${JSON.stringify({ id: 'a', text: TEXT, label: [u16('ઇમરાન ખાન', 'PER')] })}\n`);
  for (const args of [
    ['evaluate', '--gold', empty, '--pred', p],
    ['evaluate', '--gold', empty, '--pred', p, '--spans', 'exact'],
    ['compare', '--gold', empty, `x=${p}`],
    ['agree', empty, p],
  ]) {
    const r = await runCli(args);
    t.is(r.code, 1, `${args.join(' ')}: ${r.stdout}`);
    t.regex(r.stderr, new RegExp(`^gujnlp: ${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*no entities`), args[0]);
    t.is(r.stdout, '');
  }
  const conll = join(dir, 'o.txt');
  writeFileSync(conll, 'a O O\nb O B-PER\n');
  const r = await runCli(['evaluate', conll]);
  t.is(r.code, 1);
  t.regex(r.stderr, /o\.txt: the gold column has no entities/);
  writeFileSync(conll, '');
  t.regex((await runCli(['evaluate', conll])).stderr, /o\.txt: no tokens: nothing to score/);
});

test('agree over a Label Studio export with an unfinished task says how many it left out', async (t) => {
  const dir = tmp();
  const res = (s: string, label: string) => ({
    type: 'labels',
    from_name: 'label',
    to_name: 'text',
    value: { start: [...TEXT.slice(0, TEXT.indexOf(s))].length, end: [...TEXT.slice(0, TEXT.indexOf(s) + s.length)].length, text: s, labels: [label] },
  });
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  writeFileSync(
    a,
    JSON.stringify([
      { id: 1, data: { text: TEXT }, annotations: [{ result: [res('ઇમરાન ખાન', 'PER')] }] },
      { id: 2, data: { text: 'ગાંધીનગર' }, annotations: [{ result: [res('ઇમરાન ખાન', 'PER')].slice(0, 0) }] },
    ]),
  );
  writeFileSync(
    b,
    JSON.stringify([
      { id: 1, data: { text: TEXT }, annotations: [{ result: [res('ઇમરાન ખાન', 'PER'), res('રશિયાના', 'LOC')] }] },
      { id: 2, data: { text: 'ગાંધીનગર' }, annotations: [] },
    ]),
  );
  const r = await runCli(['agree', a, b, '--format', 'json']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /b\.json: 1 unfinished tasks skipped/);
  t.regex(r.stderr, /gujnlp agree: left out 1 documents not on both sides .*1 only in A/);
  t.true((JSON.parse(r.stdout) as { tokens: number }).tokens > 0);
});

test('bad input: one line naming file and line, exit 1, no output file', async (t) => {
  const dir = tmp();
  const ls = join(dir, 'ls.json');
  writeFileSync(ls, '[\n  {"id": 5, "data": {"ner": "ઇમરાન ખાન"}, "annotations": []}\n]\n');
  const dc = join(dir, 'd.jsonl');
  writeFileSync(dc, `${JSON.stringify({ text: 'ok', label: [] })}\n${JSON.stringify({ text: TEXT, label: [[1, 5, 'LOC']] })}\n`);
  writeFileSync(join(dir, 'b.txt'), 'સેરગેઈ ગયા.');
  const brat = join(dir, 'b.ann');
  writeFileSync(brat, 'T1\tPER 0 6\tસેરગેઈ\nE1\tTravel:T2 Agent:T1\n');
  const cases: [string, RegExp][] = [
    [ls, /ls\.json:2: task 5: "data" has no "text" string \(its keys: "ner"\); name the key with --ls-data-key/],
    [dc, /d\.jsonl:2: label\[0\]: LOC span 1-5 \(UTF-16 units\) falls inside a surrogate pair/],
    [brat, /b\.ann:2: T2: event E1 names the trigger T2, which is not a text-bound annotation/],
  ];
  for (const [file, msg] of cases) {
    const out = join(dir, `out-${file.replace(/^.*[\\/]/, '')}.json`);
    const r = await runCli(['convert', file, out, '--to', 'json']);
    t.is(r.code, 1, r.stderr);
    const lines = r.stderr.trimEnd().split('\n');
    t.is(lines.length, 1, r.stderr);
    t.regex(lines[0], msg);
    t.false(existsSync(out));
  }
  t.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('out-') || f.startsWith('.tmp')),
    [],
  );
  // the configured key reads the same task
  const ok = await runCli(['convert', ls, join(dir, 'ok.json'), '--ls-data-key', 'ner']);
  t.is(ok.code, 0, ok.stderr);
  t.regex(ok.stderr, /1 unfinished tasks skipped/);
});

test('annotate --doc-per-line: one document per line, ids from line numbers or a first TSV column', async (t) => {
  const dir = tmp();
  const f = join(dir, 'in.txt');
  writeFileSync(f, 'ઇમરાન ખાન મોસ્કો ગયા.\n\nપુટિન આવ્યા.\n');
  const r = await runCli(['annotate', f, '--doc-per-line', '--model', 'rules', '-f', 'json', '-o', join(dir, 'o.json')]);
  t.is(r.code, 0, r.stderr);
  const docs = readAnnotations(join(dir, 'o.json'));
  t.deepEqual(
    docs.map((d) => [d.id, d.text]),
    [
      ['1', 'ઇમરાન ખાન મોસ્કો ગયા.'],
      ['3', 'પુટિન આવ્યા.'],
    ],
  );
  writeFileSync(f, 'a1\tઇમરાન ખાન મોસ્કો ગયા.\nb2\tપુટિન આવ્યા.\n');
  const ls = await runCli(['annotate', f, '--doc-per-line', '--model', 'rules', '-f', 'labelstudio', '-o', join(dir, 't.json')]);
  t.is(ls.code, 0, ls.stderr);
  const tasks = JSON.parse(readFileSync(join(dir, 't.json'), 'utf8')) as { data: { doc: string } }[];
  t.deepEqual(
    tasks.map((x) => x.data.doc),
    ['a1', 'b2'],
  );
  t.true(existsSync(join(dir, 't.config.xml')));
  writeFileSync(f, 'a1\tx\na1\ty\n');
  const dup = await runCli(['annotate', f, '--doc-per-line', '--model', 'rules']);
  t.is(dup.code, 1);
  t.regex(dup.stderr, /in\.txt:2: document id "a1" repeats the one on line 1/);
});

test('CoNLL --docstart styles; CoNLL-U and spaCy .iob written and read back', async (t) => {
  const dir = tmp();
  const f = join(dir, 'two.json');
  writeFileSync(
    f,
    JSON.stringify([
      { id: 'a', text: 'ઇમરાન ખાન ગયા.', entities: [{ start: 0, end: 9, label: 'PER' }] },
      { id: 'b', text: 'પુટિન આવ્યા.', entities: [{ start: 0, end: 5, label: 'PER' }] },
    ]),
  );
  for (const [style, line] of [
    ['spacy', '-DOCSTART- -X- O O'],
    ['conll2003', '-DOCSTART- -X- -X- O'],
  ] as const) {
    const out = join(dir, `${style}.conll`);
    t.is((await runCli(['convert', f, out, '--docstart', style])).code, 0);
    const text = readFileSync(out, 'utf8');
    t.is(text.split('\n').filter((l) => l === line).length, 2, style);
    t.is(readAnnotations(out).length, 2);
  }
  t.is((await runCli(['convert', f, join(dir, 'none.conll'), '--docstart', 'none'])).code, 0);
  t.false(readFileSync(join(dir, 'none.conll'), 'utf8').includes('DOCSTART'));
  for (const ext of ['conllu', 'iob']) {
    const out = join(dir, `x.${ext}`);
    const r = await runCli(['convert', f, out]);
    t.is(r.code, 0, r.stderr);
    t.deepEqual(
      readAnnotations(out).map((d) => d.entities.map((e) => `${e.label} ${e.text}`)),
      [['PER ઇમરાન ખાન'], ['PER પુટિન']],
      ext,
    );
  }
  t.regex(readFileSync(join(dir, 'x.iob'), 'utf8'), /^ઇમરાન\|B-PER ખાન\|I-PER ગયા\|O \.\|O$/m);
  t.regex(readFileSync(join(dir, 'x.conllu'), 'utf8'), /^1\tઇમરાન\t_\t_\t_\t_\t_\t_\t_\tB-PER$/m);
});

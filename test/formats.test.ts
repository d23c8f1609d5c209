import test from 'ava';
import * as fsSync from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentFromText } from '../src/segment/document.js';
import type { Document, Entity } from '../src/doc/types.js';
import { FORMAT_NAMES, guessFormat, readAnnotations, renderAnnotations, writeAnnotations, type FormatName } from '../src/formats/index.js';
import { ROOT } from './helpers/cli.js';
import { sharedFile, SKIP_NO_SHARED } from './helpers/shared.js';

const SEED_ID = 'lavrov-pakistan-visit-2021';
const SEED = readFileSync(join(ROOT, 'corpus', `${SEED_ID}.txt`), 'utf8');

/** The n-th (0-based) occurrence of `s` in the seed text as an entity. */
function at(s: string, label: string, n = 0): Entity {
  let i = -1;
  for (let k = 0; k <= n; k++) i = SEED.indexOf(s, i + 1);
  if (i < 0) throw new Error(`${s} not in seed`);
  return { start: i, end: i + s.length, label, text: s };
}

/** Entities on token boundaries; several after the flag emoji, where code points and UTF-16 differ. */
function seedDoc(extra: Entity[] = []): Document {
  const doc = documentFromText(SEED_ID, SEED);
  doc.entities = [
    at('રશિયન', 'MISC'),
    at('સેરગેઈ લોવરોવ', 'PER'),
    at('#Islamabad', 'LOC'),
    at('Sergey #Lavrov', 'PER'),
    at('MFA Russia', 'ORG'),
    at('એશિયા પેસિફિક', 'LOC'),
    at('વ્લાદિમીર પુટિન', 'PER', 1),
    at('MFA Russia', 'ORG', 1),
    at('પાકિસ્તાન સ્ટ્રીમ', 'MISC'),
    ...extra,
  ].sort((a, b) => a.start - b.start);
  return doc;
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'gujnlp-formats-'));
const OUT_NAME: Record<FormatName, string> = {
  json: 'seed.json',
  conll: 'seed.conll',
  conllu: 'seed.conllu',
  iob: 'seed.iob',
  hf: 'seed.jsonl',
  brat: 'seed.ann',
  doccano: 'seed.jsonl',
  labelstudio: 'seed.json',
  csv: 'seed.csv',
};
const strip = (es: Entity[]) => es.map((e) => ({ start: e.start, end: e.end, label: e.label, text: e.text }));

for (const format of FORMAT_NAMES) {
  test(`seed article round trip through ${format} gives the same entities`, (t) => {
    const dir = tmp();
    const doc = seedDoc();
    t.true(SEED.length !== [...SEED].length, 'the seed has astral characters');
    const out = join(dir, OUT_NAME[format]);
    const rep = writeAnnotations(out, [doc], { format });
    t.deepEqual(rep.misaligned, []);
    // token files without text: give the original text, as --text does
    const back = readAnnotations(out, { format, text: format === 'conll' || format === 'csv' || format === 'conllu' || format === 'iob' ? SEED : undefined });
    t.is(back.length, 1);
    t.is(back[0].text, SEED);
    t.deepEqual(strip(back[0].entities), strip(doc.entities));
    if (format === 'conll' || format === 'conllu' || format === 'iob' || format === 'hf' || format === 'csv' || format === 'json') {
      t.deepEqual(
        back[0].tokens.map((x) => [x.start, x.end, x.text]),
        doc.tokens.map((x) => [x.start, x.end, x.text]),
      );
    }
  });
}

test('CoNLL without the text rebuilds it from tokens; entity texts are kept', (t) => {
  const dir = tmp();
  const out = join(dir, 'x.conll');
  writeAnnotations(out, [seedDoc()], { format: 'conll', scheme: 'BILOU' });
  t.regex(readFileSync(out, 'utf8'), /\tU-MISC\n/);
  const [back] = readAnnotations(out);
  t.is(back.text.split('\n').length, back.sentences.length);
  t.deepEqual(
    back.entities.map((e) => e.text),
    seedDoc().entities.map((e) => e.text),
  );
});

test('CSV without --text rebuilds a text that keeps the entity offsets', (t) => {
  const dir = tmp();
  writeAnnotations(join(dir, 'x.csv'), [seedDoc()], { format: 'csv' });
  t.true(existsSync(join(dir, 'x.tokens.csv')) && existsSync(join(dir, 'x.entities.csv')));
  const [back] = readAnnotations(join(dir, 'x.tokens.csv'));
  t.deepEqual(strip(back.entities), strip(seedDoc().entities));
});

/** Code point slicing, the way Python's text[start:end] reads a file written by gujnlp. */
const py = (text: string, s: number, e: number): string => [...text].slice(s, e).join('');

test('files written by gujnlp satisfy text[start:end] == entity text in code points (brat, doccano, Label Studio, json, HF, CSV)', (t) => {
  const dir = tmp();
  // a case ending glued to the name: only standoff keeps the exact span
  const doc = seedDoc([at('પાકિસ્તાન', 'LOC', 3)]);
  const cps = [...SEED].length;
  t.is(cps, 2253);
  let checked = 0;
  const check = (text: string, s: number, e: number, label: string, etext: string) => {
    t.is(py(text, s, e), etext, `${label} ${s}-${e}`);
    checked++;
  };
  writeAnnotations(join(dir, 'b.ann'), [doc], { format: 'brat' });
  const txt = readFileSync(join(dir, 'b.txt'), 'utf8');
  for (const l of readFileSync(join(dir, 'b.ann'), 'utf8').trim().split('\n')) {
    const [, mid, etext] = l.split('\t');
    const [label, s, e] = mid.split(' ');
    check(txt, Number(s), Number(e), label, etext);
  }
  // doccano counts UTF-16 units (its UI's DOM offsets); --offsets codepoint writes code points
  writeAnnotations(join(dir, 'd.jsonl'), [doc], { format: 'doccano', offsets: 'codepoint' });
  const dj = JSON.parse(readFileSync(join(dir, 'd.jsonl'), 'utf8'));
  dj.label.forEach(([s, e, label]: [number, number, string], i: number) => check(dj.text, s, e, label, doc.entities[i].text!));
  writeAnnotations(join(dir, 'd16.jsonl'), [doc], { format: 'doccano' });
  const d16 = JSON.parse(readFileSync(join(dir, 'd16.jsonl'), 'utf8'));
  d16.label.forEach(([s, e]: [number, number, string], i: number) => t.is(d16.text.slice(s, e), doc.entities[i].text!));
  writeAnnotations(join(dir, 'ls.json'), [doc], { format: 'labelstudio' });
  const ls = JSON.parse(readFileSync(join(dir, 'ls.json'), 'utf8'));
  for (const r of ls[0].annotations[0].result) check(ls[0].data.text, r.value.start, r.value.end, r.value.labels[0], r.value.text);
  writeAnnotations(join(dir, 'j.json'), [doc], { format: 'json' });
  const js = JSON.parse(readFileSync(join(dir, 'j.json'), 'utf8'));
  t.is(js.offsets, 'codepoint');
  for (const e of js.entities) check(js.text, e.start, e.end, e.label, e.text);
  for (const tk of js.tokens) t.is(py(js.text, tk.start, tk.end), tk.text);
  writeAnnotations(join(dir, 'h.jsonl'), [doc], { format: 'hf' });
  const lines = readFileSync(join(dir, 'h.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const docText: string = lines[0].doc_text;
  t.is(docText, SEED);
  for (const l of lines) {
    l.tokens.forEach((tok: string, i: number) => t.is(py(docText, l.offsets[i][0], l.offsets[i][1]), tok));
    t.is(py(docText, l.start, l.start + [...l.text].length), l.text);
    for (const { start: s, end: e, label } of l.spans) check(docText, s, e, label, py(docText, s, e));
  }
  writeAnnotations(join(dir, 'c.csv'), [doc], { format: 'csv' });
  const erows = readFileSync(join(dir, 'c.entities.csv'), 'utf8').trim().split('\n').slice(1);
  t.is(erows.length, doc.entities.length);
  for (const r of erows) {
    const [, s, e, label, etext] = r.split(',');
    check(SEED, Number(s), Number(e), label, etext);
  }
  // the glued LOC is exact in every standoff file
  t.true(checked >= 4 * doc.entities.length);
  const last = at('પાકિસ્તાન', 'LOC', 3);
  t.is(py(SEED, [...SEED.slice(0, last.start)].length, [...SEED.slice(0, last.end)].length), 'પાકિસ્તાન');
});

test('a span on part of a token: exact in standoff and HF spans, expanded and reported in CoNLL', (t) => {
  const dir = tmp();
  const glued = at('પાકિસ્તાન', 'LOC', 3);
  const doc = seedDoc([glued]);
  for (const format of ['brat', 'doccano', 'labelstudio', 'json', 'hf', 'csv'] as const) {
    const out = join(dir, `g-${format}${OUT_NAME[format].slice(4)}`);
    writeAnnotations(out, [doc], { format });
    const [back] = readAnnotations(out, { format });
    t.deepEqual(strip(back.entities), strip(doc.entities), format);
  }
  const rep = writeAnnotations(join(dir, 'g.conll'), [doc], { format: 'conll' });
  t.is(rep.counts.expanded, 1);
  t.is(rep.misaligned[0].entity, glued);
  const [back] = readAnnotations(join(dir, 'g.conll'), { text: SEED });
  const got = back.entities.find((e) => e.start === glued.start)!;
  t.is(got.text, 'પાકિસ્તાને');
  const rep2 = writeAnnotations(join(dir, 'g2.conll'), [doc], { format: 'conll', align: 'contract' });
  t.is(rep2.counts.dropped, 1);
  t.throws(() => writeAnnotations(join(dir, 'g3.conll'), [doc], { format: 'conll', align: 'strict' }), { message: /token boundaries/ });
  t.false(existsSync(join(dir, 'g3.conll')));
});

test('standoff documents are tokenized when written to a token format', (t) => {
  const dir = tmp();
  writeAnnotations(join(dir, 's.ann'), [seedDoc()], { format: 'brat' });
  const [fromBrat] = readAnnotations(join(dir, 's.ann'));
  t.is(fromBrat.tokens.length, 0);
  const r = renderAnnotations([fromBrat], { format: 'conll', path: 'x.conll' });
  t.deepEqual(r.tokenized, ['s']); // brat has no document id: the file name is the id
  t.regex(r.files.get('x.conll')!, /^સેરગેઈ\tB-PER\nલોવરોવ\tI-PER$/m);
});

test('guessFormat by extension and content', (t) => {
  const dir = tmp();
  writeAnnotations(join(dir, 'h.jsonl'), [seedDoc()], { format: 'hf' });
  writeAnnotations(join(dir, 'd.jsonl'), [seedDoc()], { format: 'doccano' });
  writeAnnotations(join(dir, 'ls.json'), [seedDoc()], { format: 'labelstudio' });
  writeAnnotations(join(dir, 'j.json'), [seedDoc()], { format: 'json' });
  t.is(guessFormat(join(dir, 'h.jsonl')), 'hf');
  t.is(guessFormat(join(dir, 'd.jsonl')), 'doccano');
  t.is(guessFormat(join(dir, 'ls.json')), 'labelstudio');
  t.is(guessFormat(join(dir, 'j.json')), 'json');
  t.is(guessFormat('a.ann'), 'brat');
  t.is(guessFormat('a.conll'), 'conll');
  t.is(guessFormat('train.tsv'), 'conll');
  t.is(guessFormat('a.tokens.csv'), 'csv');
  t.throws(() => guessFormat('a.xyz'), { message: /cannot tell the annotation format/ });
});

test('several documents: CoNLL -DOCSTART- blocks, brat directory, JSON array', (t) => {
  const dir = tmp();
  const a = documentFromText('a', 'ઇમરાન ખાન મોસ્કો ગયા.');
  a.entities = [{ start: 0, end: 9, label: 'PER' }];
  const b = documentFromText('b', 'પુટિન આવ્યા.');
  b.entities = [{ start: 0, end: 5, label: 'PER' }];
  writeAnnotations(join(dir, 'm.conll'), [a, b], { format: 'conll' });
  const conll = readFileSync(join(dir, 'm.conll'), 'utf8');
  t.is(conll.split('-DOCSTART-').length, 3);
  const back = readAnnotations(join(dir, 'm.conll'));
  t.is(back.length, 2);
  t.deepEqual(
    back.map((d) => d.entities.map((e) => e.text)),
    [['ઇમરાન ખાન'], ['પુટિન']],
  );
  writeAnnotations(join(dir, 'bratdir'), [a, b], { format: 'brat' });
  t.deepEqual(readdirSync(join(dir, 'bratdir')).sort(), ['a.ann', 'a.txt', 'annotation.conf', 'b.ann', 'b.txt']);
  t.is(readAnnotations(join(dir, 'bratdir')).length, 2);
  t.throws(() => writeAnnotations(join(dir, 'one.ann'), [a, b], { format: 'brat' }), { message: /one document per \.ann/ });
  writeAnnotations(join(dir, 'arr.json'), [a, b], { format: 'json' });
  t.deepEqual(
    readAnnotations(join(dir, 'arr.json')).map((d) => d.id),
    ['a', 'b'],
  );
});

test('CoNLL-2003 style: space columns, -DOCSTART-, POS and chunk columns kept', (t) => {
  const dir = tmp();
  const src = '-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n';
  const f = join(dir, 'c.conll');
  const { writeFileSync } = fsSync;
  writeFileSync(f, src);
  const docs = readAnnotations(f);
  t.is(docs.length, 1);
  t.deepEqual(
    docs[0].entities.map((e) => `${e.label}:${e.text}`),
    ['ORG:EU', 'MISC:German', 'PER:Peter Blackburn'],
  );
  const r = renderAnnotations(docs, { format: 'conll', path: 'o.conll' });
  t.is(r.files.get('o.conll'), src);
});

const WIKI = 'data/wikiann-gu/train.tsv';
(sharedFile(WIKI) ? test : test.skip)(`WikiANN train.tsv → HF JSONL → CoNLL gives the identical file ${sharedFile(WIKI) ? '' : SKIP_NO_SHARED(WIKI)}`, (t) => {
  const src = sharedFile(WIKI)!;
  const dir = tmp();
  const docs = readAnnotations(src);
  t.is(docs[0].sentences.length, 100);
  writeAnnotations(join(dir, 'train.jsonl'), docs, { format: 'hf' });
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8'));
  t.deepEqual(labels.slice(0, 3), ['O', 'B-PER', 'I-PER']);
  const first = JSON.parse(readFileSync(join(dir, 'train.jsonl'), 'utf8').split('\n')[0]);
  t.deepEqual(Object.keys(first).slice(0, 3), ['id', 'tokens', 'ner_tags']);
  t.true(first.ner_tags.every((x: unknown) => Number.isInteger(x)));
  const back = readAnnotations(join(dir, 'train.jsonl'));
  writeAnnotations(join(dir, 'back.tsv'), back, { format: 'conll' });
  t.is(readFileSync(join(dir, 'back.tsv'), 'utf8'), readFileSync(src, 'utf8'));
  // and HF with only tokens + ner_tags (as datasets writes it) reads the same entities
  const plain = readFileSync(join(dir, 'train.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const o = JSON.parse(l);
      return JSON.stringify({ id: o.id, tokens: o.tokens, ner_tags: o.ner_tags });
    })
    .join('\n');
  fsSync.writeFileSync(join(dir, 'plain.jsonl'), `${plain}\n`);
  const p = readAnnotations(join(dir, 'plain.jsonl'));
  t.deepEqual(strip(p[0].entities), strip(docs[0].entities));
});

/** Python 3 on PATH, to read our files the way Python tools do; the test is skipped without it. */
const PYTHON = (() => {
  const r = spawnSync('python3', ['-c', 'print(1)'], { encoding: 'utf8' });
  return r.status === 0 ? 'python3' : undefined;
})();

(PYTHON ? test : test.skip)(`Python reads our brat, doccano, Label Studio, HF and JSON files with text[start:end] == entity text${PYTHON ? '' : ' (skipped: python3 not found)'}`, (t) => {
  const dir = tmp();
  const doc = seedDoc([at('પાકિસ્તાન', 'LOC', 3)]);
  writeAnnotations(join(dir, 'b.ann'), [doc], { format: 'brat' });
  writeAnnotations(join(dir, 'd.jsonl'), [doc], { format: 'doccano' });
  writeAnnotations(join(dir, 'ls.json'), [doc], { format: 'labelstudio' });
  writeAnnotations(join(dir, 'h.jsonl'), [doc], { format: 'hf' });
  writeAnnotations(join(dir, 'j.json'), [doc], { format: 'json' });
  const script = `
import json, sys, os
d = sys.argv[1]
out = []
text = open(os.path.join(d, 'b.txt'), encoding='utf-8').read()
for line in open(os.path.join(d, 'b.ann'), encoding='utf-8'):
    tid, mid, etext = line.rstrip('\\n').split('\\t')
    label, s, e = mid.split(' ')
    out.append(text[int(s):int(e)] == etext)
dj = json.loads(open(os.path.join(d, 'd.jsonl'), encoding='utf-8').readline())
out.append(len(dj['label']) > 0 and dj['text'] == text)
ls = json.load(open(os.path.join(d, 'ls.json'), encoding='utf-8'))[0]
for r in ls['annotations'][0]['result']:
    v = r['value']
    out.append(ls['data']['text'][v['start']:v['end']] == v['text'])
lines = [json.loads(l) for l in open(os.path.join(d, 'h.jsonl'), encoding='utf-8')]
dt = lines[0]['doc_text']
for l in lines:
    out.extend(dt[s:e] == tok for (s, e), tok in zip(l['offsets'], l['tokens']))
j = json.load(open(os.path.join(d, 'j.json'), encoding='utf-8'))
out.extend(j['text'][e['start']:e['end']] == e['text'] for e in j['entities'])
print(len(out), all(out), [e['text'] for e in j['entities']][:3])
`;
  const r = spawnSync(PYTHON!, ['-c', script, dir], { encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  const [n, ok] = r.stdout.trim().split(' ');
  t.true(Number(n) > 400, r.stdout);
  t.is(ok, 'True', r.stdout);
});

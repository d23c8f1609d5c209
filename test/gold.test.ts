/**
 * The gold annotation: the standoff JSON is true to the corpus and to the
 * guidelines, and every generated export is in sync with it byte for byte.
 */
import test from 'ava';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from './helpers/cli.js';
import { loadSchema } from '../src/doc/schema.js';
import { readAnnotations } from '../src/formats/index.js';
import { entitiesToTags } from '../src/align/index.js';
import { OffsetMap } from '../src/text/offsets.js';
import type { Document } from '../src/doc/types.js';
import { compareWithDisk, goldSourcePaths, inSync, readGoldSource, renderGoldExports } from '../src/gold/exports.js';
import { goldProblems } from '../src/gold/check.js';

const GOLD_DIR = join(ROOT, 'annotations', 'gold');
const SCHEMA_PATH = join(ROOT, 'annotations', 'schema.json');
const ID = 'lavrov-pakistan-visit-2021';
const schema = loadSchema(SCHEMA_PATH);
const OPTS = { scheme: schema.scheme ?? 'IOB2', align: schema.align ?? 'expand', labels: schema.labels } as const;

interface RawSpan {
  start: number;
  end: number;
  text?: string;
  label?: string;
}
interface RawGold {
  id: string;
  text: string;
  offsets: string;
  sentences: RawSpan[];
  tokens: RawSpan[];
  entities: RawSpan[];
}

/** The JSON as written (code point offsets), read without the project's reader. */
function raw(id: string): RawGold {
  return JSON.parse(readFileSync(join(GOLD_DIR, `${id}.json`), 'utf8')) as RawGold;
}

/** Entities as `start-end:LABEL` in code points. */
function keys(doc: Document): string[] {
  const m = new OffsetMap(doc.text);
  return doc.entities.map((e) => `${m.toCodePoint(e.start)}-${m.toCodePoint(e.end)}:${e.label}`);
}

const sources = goldSourcePaths(GOLD_DIR).map(readGoldSource);
const gold = sources.find((s) => s.doc.id === ID)!.doc;

test('schema.json: four CoNLL labels, IOB2, expand, a description of each label', (t) => {
  const s = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { labels: string[]; scheme: string; description: Record<string, string> };
  t.deepEqual(s.labels, ['PER', 'LOC', 'ORG', 'MISC']);
  t.is(s.scheme, 'IOB2');
  for (const l of s.labels) t.true((s.description[l] ?? '').length > 20, `description of ${l}`);
});

test('every gold document is a corpus file byte for byte', (t) => {
  t.true(sources.length >= 1);
  for (const src of sources) {
    const corpus = readFileSync(join(ROOT, 'corpus', `${src.doc.id}.txt`));
    t.true(Buffer.from(src.doc.text, 'utf8').equals(corpus), `${src.doc.id}: gold text differs from corpus/${src.doc.id}.txt`);
  }
});

test('every span text equals the text at its code point offsets; offsets are code points', (t) => {
  for (const src of sources) {
    const r = raw(src.doc.id);
    t.is(r.offsets, 'codepoint');
    const cps = [...r.text];
    for (const e of r.entities) t.is<string | undefined, string | undefined>(cps.slice(e.start, e.end).join(''), e.text, `${e.label} ${e.start}-${e.end}`);
    for (const tok of r.tokens) t.is<string | undefined, string | undefined>(cps.slice(tok.start, tok.end).join(''), tok.text, `token ${tok.start}-${tok.end}`);
  }
  // the flag emoji make code points and UTF-16 differ: the last entity proves the unit
  const r = raw(ID);
  const last = r.entities[r.entities.length - 1];
  t.is(r.text.length - [...r.text].length, 12);
  t.not(r.text.slice(last.start, last.end), last.text);
});

test('sentences and tokens are ordered spans of the text; no overlapping entities; labels in the schema', (t) => {
  for (const src of sources) {
    t.deepEqual(goldProblems(src.doc, schema.labels), [], src.path);
    t.deepEqual(src.problems, [], `${src.path}: reader problems`);
    const r = raw(src.doc.id);
    for (let i = 1; i < r.entities.length; i++) t.true(r.entities[i].start >= r.entities[i - 1].end, `entity ${i} overlaps or is out of order`);
    for (const e of r.entities) t.true(schema.labels.includes(e.label ?? ''), `label ${e.label}`);
  }
});

test('sentence split of the article: each tweet line is one sentence, lines with two full stops are two', (t) => {
  const text = gold.text;
  const lines = text.split('\n');
  const expected: string[] = [];
  for (const line of lines) {
    const parts = line.split(/(?<=\.) /u);
    for (const p of parts) expected.push(p);
  }
  t.deepEqual(
    gold.sentences.map((s) => text.slice(s.start, s.end)),
    expected,
  );
  t.is(gold.sentences.length, 20);
});

test('gold tokens: hyphenated compounds split at the hyphen, @handle and #hashtag run together are two', (t) => {
  const toks = gold.tokens.map((x) => x.text);
  for (const w of [
    ['જમ્મુ', '-', 'કાશ્મીરના'],
    ['ઉત્તર', '-', 'દક્ષિણ'],
    ['સ્પુટનિક', '-', 'Vના'],
  ]) {
    const at = toks.indexOf(w[0]);
    t.deepEqual(toks.slice(at, at + 3), w, w.join(''));
  }
  for (const w of ['જમ્મુ-કાશ્મીરના', 'ઉત્તર-દક્ષિણ', 'સ્પુટનિક-Vના']) t.false(toks.includes(w), w);
  const i = toks.indexOf('@iamCOAS');
  t.is(toks[i + 1], '#RussiaPakistan');
  t.is(gold.tokens[i].kind, 'mention');
  t.is(gold.tokens[i + 1].kind, 'hashtag');
});

/** The decisions of GUIDELINES.md §8, checked against the gold so the two cannot drift apart. */
test('hard cases of the guidelines are annotated as decided', (t) => {
  const text = gold.text;
  const ents = gold.entities.map((e) => ({ ...e, text: text.slice(e.start, e.end) }));
  const labelsOf = (s: string): string[] => ents.filter((e) => e.text === s).map((e) => e.label);
  // H1: the ergative vowel sign is outside the span
  const ergative = ents.filter((e) => text[e.end] === '\u0ac7');
  t.deepEqual(ergative.map((e) => e.text).sort(), ['ઇમરાન ખાન', 'ઇમરાન ખાન', 'ઇમરાન ખાન', 'ઇમરાન ખાન', 'પાકિસ્તાન'].sort());
  // H3, H4, H5: hashtags
  t.deepEqual(labelsOf('Sergey #Lavrov'), ['PER', 'PER']);
  t.deepEqual(labelsOf('Islamabad'), ['LOC', 'LOC']);
  t.deepEqual(labelsOf('RussiaPakistan'), ['MISC', 'MISC']);
  t.false(
    ents.some((e) => e.text.startsWith('#') || e.text.includes('@')),
    'no span starts at # or holds a handle',
  );
  // H6, H9, H21: handles, flags and URLs are outside every span
  for (const tok of gold.tokens.filter((x) => ['mention', 'emoji', 'url'].includes(x.kind))) {
    t.false(
      ents.some((e) => e.start < tok.end && tok.start < e.end),
      `${tok.kind} ${tok.text} is not an entity`,
    );
  }
  // H7, H11, H12, H20: roles, diseases, descriptions, dates
  for (const s of ['Chief of Army Staff', 'Foreign Minister', 'વડાપ્રધાન', 'વડા પ્રધાન', 'રાષ્ટ્રપતિ', 'કોરોના', 'આંતર સરકારી પંચ', 'April 7, 2021', 'જૂન 2019']) {
    let at = text.indexOf(s);
    t.true(at >= 0, s);
    for (; at >= 0; at = text.indexOf(s, at + 1))
      t.false(
        ents.some((e) => e.start < at + s.length && at < e.end),
        `${s} is not (part of) an entity`,
      );
  }
  // H8, H14, H16: names inside names are one span
  t.deepEqual(labelsOf('MFA Russia'), ['ORG', 'ORG']);
  t.deepEqual(labelsOf('પાકિસ્તાન સ્ટ્રીમ'), ['MISC']);
  t.deepEqual(labelsOf('જમ્મુ-કાશ્મીર'), ['LOC']);
  // H10, H13, H15, H17, H18
  for (const s of ['પશ્ચિમ એશિયા', 'ગલ્ફ', 'મધ્ય પૂર્વ', 'એશિયા પેસિફિક', 'બિશ્કેક', 'મોસ્કો']) t.deepEqual(labelsOf(s), ['LOC'], s);
  t.deepEqual(labelsOf('ઉત્તર-દક્ષિણ'), ['MISC']);
  t.deepEqual(labelsOf('સ્પુટનિક-V'), ['MISC']);
  t.deepEqual(labelsOf('એસસીઓ'), ['ORG']);
  t.deepEqual(labelsOf('રશિયન'), ['MISC', 'MISC']);
  t.deepEqual(labelsOf('Russian'), ['MISC', 'MISC']);
});

test('every mention of a repeated name is annotated (ઇમરાન ખાન, પાકિસ્તાન, રશિયા, વ્લાદિમીર પુટિન)', (t) => {
  const text = gold.text;
  for (const [name, label] of [
    ['ઇમરાન ખાન', 'PER'],
    ['વ્લાદિમીર પુટિન', 'PER'],
    ['અફઘાનિસ્તાન', 'LOC'],
    ['રશિયા', 'LOC'],
    ['પાકિસ્તાન', 'LOC'],
  ] as const) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const e = gold.entities.find((x) => x.start <= at && at + name.length <= x.end);
      t.truthy(e, `${name} at utf16 ${at} is inside an entity`);
      // પાકિસ્તાન inside the project name પાકિસ્તાન સ્ટ્રીમ is covered by the MISC span
      if (e !== undefined && text.slice(e.start, e.end) === name) t.is(e.label, label);
    }
  }
});

test('every export is in sync with the standoff JSON, byte for byte', (t) => {
  const rendered = renderGoldExports(GOLD_DIR, sources, OPTS);
  const r = compareWithDisk(GOLD_DIR, rendered.files);
  t.true(inSync(r), `run 'gujnlp gold': ${JSON.stringify(r)}`);
  const names = [...rendered.files.keys()].map((p) => p.slice(GOLD_DIR.length + 1)).sort();
  t.deepEqual(names, ['labels.json', `${ID}.ann`, `${ID}.conll`, `${ID}.doccano.jsonl`, `${ID}.entities.csv`, `${ID}.hf.jsonl`, `${ID}.tokens.csv`, `${ID}.txt`]);
  // no entity is lost or cut by the token exports: expand only widens, and no token holds two entities
  t.true(rendered.misaligned.every((m) => m.kind === 'expanded'));
  for (const tok of gold.tokens) t.true(gold.entities.filter((e) => e.start < tok.end && tok.start < e.end).length <= 1, tok.text);
});

test('character-level exports read back to exactly the gold entities', (t) => {
  const base = join(GOLD_DIR, ID);
  const want = keys(gold);
  for (const [file, opts] of [
    [`${base}.ann`, {}],
    [`${base}.doccano.jsonl`, { format: 'doccano' }],
    [`${base}.hf.jsonl`, { format: 'hf' }],
    [`${base}.csv`, { format: 'csv' }],
  ] as const) {
    const docs = readAnnotations(file, opts);
    t.is(docs.length, 1, file);
    t.deepEqual(keys(docs[0]), want, file);
  }
});

test('CoNLL export: IOB2 tags of whole tokens (expand alignment)', (t) => {
  const docs = readAnnotations(join(GOLD_DIR, `${ID}.conll`), { text: gold.text, scheme: 'IOB2' });
  const doc = docs[0];
  t.deepEqual(
    doc.tokens.map((x) => x.text),
    gold.tokens.map((x) => x.text),
  );
  // each gold span widened to the tokens it touches
  const widened = gold.entities.map((e) => {
    const touched = gold.tokens.filter((x) => x.start < e.end && e.start < x.end);
    return { ...e, start: touched[0].start, end: touched[touched.length - 1].end };
  });
  t.deepEqual(keys(doc), keys({ ...gold, entities: widened }));
  const tags = entitiesToTags(gold, { scheme: 'IOB2', align: 'expand' }).tags.flat();
  const conllTags = readFileSync(join(GOLD_DIR, `${ID}.conll`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '') // no comment lines: '#Islamabad' is a token
    .map((l) => l.split('\t').at(-1));
  t.deepEqual(conllTags, tags);
});

// --- the CLI on a scratch copy of the gold directory ---

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-gold-'));
  cpSync(GOLD_DIR, dir, { recursive: true });
  return dir;
}

test('gujnlp gold --check passes on the repository', async (t) => {
  const r = await runCli(['gold', '--check']);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, '');
  t.regex(r.stderr, /in sync/);
});

test('gujnlp gold --check fails on an edited, missing or stale export; gujnlp gold repairs it', async (t) => {
  const dir = scratch();
  try {
    const conll = join(dir, `${ID}.conll`);
    writeFileSync(conll, readFileSync(conll, 'utf8').replace('B-LOC', 'B-ORG'));
    rmSync(join(dir, `${ID}.doccano.jsonl`));
    writeFileSync(join(dir, 'old-doc.conll'), 'x\tO\n');
    const args = ['--dir', dir, '--schema', SCHEMA_PATH];
    const bad = await runCli(['gold', '--check', ...args]);
    t.is(bad.code, 1);
    t.regex(bad.stderr, /out of sync .*\.conll/);
    t.regex(bad.stderr, /missing .*\.doccano\.jsonl/);
    t.regex(bad.stderr, /stale .*old-doc\.conll/);
    rmSync(join(dir, 'old-doc.conll'));
    const fix = await runCli(['gold', ...args]);
    t.is(fix.code, 0, fix.stderr);
    t.true(existsSync(join(dir, `${ID}.doccano.jsonl`)));
    const ok = await runCli(['gold', '--check', ...args]);
    t.is(ok.code, 0, ok.stderr);
    t.true(readFileSync(conll).equals(readFileSync(join(GOLD_DIR, `${ID}.conll`))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gujnlp gold refuses a broken gold document and writes nothing', async (t) => {
  const dir = scratch();
  try {
    const src = join(dir, `${ID}.json`);
    const doc = JSON.parse(readFileSync(src, 'utf8')) as RawGold;
    // an overlapping entity with a label outside the schema
    doc.entities.splice(1, 0, { start: 15, end: 20, label: 'GPE', text: [...doc.text].slice(15, 20).join('') });
    writeFileSync(src, JSON.stringify(doc));
    rmSync(join(dir, `${ID}.conll`));
    const r = await runCli(['gold', '--dir', dir, '--schema', SCHEMA_PATH]);
    t.is(r.code, 1);
    t.regex(r.stderr, /not in the schema/);
    t.regex(r.stderr, /overlap/);
    t.false(existsSync(join(dir, `${ID}.conll`)), 'nothing written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gujnlp gold: a span text that disagrees with the offsets is an error naming the file', async (t) => {
  const dir = scratch();
  try {
    const src = join(dir, `${ID}.json`);
    writeFileSync(src, readFileSync(src, 'utf8').replace('"label":"LOC","text":"રશિયા"', '"label":"LOC","text":"રશિયન"'));
    const r = await runCli(['gold', '--check', '--dir', dir, '--schema', SCHEMA_PATH]);
    t.is(r.code, 1);
    t.regex(r.stderr, new RegExp(`${ID}\\.json:\\d+: .*રશિયન`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gujnlp gold --help', async (t) => {
  const r = await runCli(['gold', '--help']);
  t.is(r.code, 0);
  t.regex(r.stdout, /--check/);
});

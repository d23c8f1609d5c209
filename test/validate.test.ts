import test from 'ava';
import { join } from 'node:path';
import { runCli, ROOT } from './helpers/cli.js';
import { checkDocument, validateFile, summarize } from '../src/validate/index.js';
import type { Document } from '../src/doc/types.js';
import { loadSchema, parseSchema } from '../src/doc/schema.js';
import { DEFAULT_SCHEMA } from '../src/doc/types.js';

const fx = (name: string): string => join(ROOT, 'test', 'fixtures', 'formats', name);
const SCHEMA = { labels: ['PER', 'LOC', 'ORG', 'MISC'] };

const doc = (text: string, entities: Document['entities']): Document => ({ id: 'd', text, sentences: [], tokens: [], entities });

test('checkDocument: offsets, surrogate pairs, text mismatch, labels, overlaps', (t) => {
  const text = '🇷🇺 MFA Russia અને રશિયા';
  const p = checkDocument(
    doc(text, [
      { start: 5, end: 15, label: 'ORG', text: 'MFA Russia' },
      { start: 1, end: 4, label: 'LOC' },
      { start: 9, end: 15, label: 'LOC' },
      { start: 20, end: 99, label: 'LOC' },
      { start: 20, end: 25, label: 'GPE', text: 'રશિયા' },
      { start: 20, end: 25, label: 'LOC', text: 'રશયા' },
    ]),
    { schema: SCHEMA },
  );
  t.deepEqual(
    p.map((x) => x.code),
    ['offsets', 'offsets', 'label', 'text-mismatch', 'overlap', 'overlap'],
  );
  t.regex(p[1].message, /outside the text/);
  t.regex(p[0].message, /surrogate pair/);
  t.regex(p.find((x) => x.code === 'overlap')!.message, /LOC 7-13 'Russia' is nested in ORG 3-13 'MFA Russia'/);
  t.deepEqual(
    checkDocument(
      doc(text, [
        { start: 5, end: 15, label: 'ORG' },
        { start: 9, end: 15, label: 'LOC' },
      ]),
      { allowOverlap: true },
    ),
    [],
  );
});

test('validateFile keeps reading after a bad line and counts documents', (t) => {
  const r = validateFile(fx('bad-json-line.jsonl'), { schema: SCHEMA });
  t.is(r.documents, 2);
  t.deepEqual(
    r.problems.map((p) => [p.code, p.line]),
    [['syntax', 2]],
  );
  const s = summarize([r, validateFile(fx('overlap.ann'), { schema: SCHEMA })]);
  t.is(s.errors, 2);
  t.deepEqual(s.byCode, { syntax: 1, overlap: 1 });
});

test('validate: declared scheme flags invalid tag sequences with their lines', (t) => {
  const r = validateFile(fx('bad-tags.conll'), { scheme: 'IOB2', schema: SCHEMA });
  t.deepEqual(
    r.problems.map((p) => [p.code, p.line]),
    [['tag-sequence', 2]],
  );
  t.regex(r.problems[0].message, /I-PER does not continue a PER chunk/);
  const bioes = validateFile(fx('bad-tags.conll'), { scheme: 'IOBES', schema: SCHEMA });
  t.deepEqual(
    bioes.problems.map((p) => p.line),
    [2, 2, 3],
  ); // I-PER after O, I-PER without E-PER, B-LOC without E-LOC
});

test('validate: discontinuous brat spans are read and reported as warnings', (t) => {
  const r = validateFile(fx('discontinuous.ann'), { schema: SCHEMA });
  t.deepEqual(
    r.problems.map((p) => [p.code, p.severity, p.line, p.ref]),
    [['discontinuous', 'warning', 1, 'T1']],
  );
  t.is(r.entities, 0); // kept as fragments in meta, never an entity covering the gap
});

test('gujnlp validate: problems on stdout with file and line, summary on stderr, exit 1', async (t) => {
  const files = ['unknown-label.jsonl', 'overlap.ann', 'hf-count-mismatch.jsonl', 'out-of-range.jsonl', 'bad-tags.conll', 'invalid-utf8.conll'].map(fx);
  const r = await runCli(['validate', ...files, '--scheme', 'IOB2']);
  t.is(r.code, 1);
  const lines = r.stdout.trimEnd().split('\n');
  t.deepEqual(lines, [
    `${fx('unknown-label.jsonl')}:2: error [label] label[0]: label "DATE" is not in the schema (PER, LOC, ORG, MISC)`,
    `${fx('overlap.ann')}:2: error [overlap] T2: PER 10-15 'પુટિન' is nested in PER 0-15 'વ્લાદિમીર પુટિન' (line 1)`,
    `${fx('hf-count-mismatch.jsonl')}:2: error [count-mismatch] 2 tokens but 1 ner_tags`,
    `${fx('out-of-range.jsonl')}:2: error [offsets] label[0]: LOC span 0-12 (UTF-16 units) outside the text of 9 UTF-16 units`,
    `${fx('bad-tags.conll')}:2: error [tag-sequence] I-PER does not continue a PER chunk (previous tag O) (scheme IOB2)`,
    `${fx('invalid-utf8.conll')}:4: error [encoding] invalid UTF-8 at byte offset 39`,
  ]);
  t.regex(r.stderr, /^gujnlp validate: 6 files, 7 documents, 10 entities: 6 errors, 0 warnings \(label 1, overlap 1, count-mismatch 1, offsets 1, tag-sequence 1, encoding 1\)\n$/);
});

test('gujnlp validate: a clean file exits 0; --allow-overlap; custom schema', async (t) => {
  const ok = await runCli(['validate', fx('overlap.ann'), '--allow-overlap']);
  t.is(ok.code, 0, ok.stdout + ok.stderr);
  t.is(ok.stdout, '');
  t.regex(ok.stderr, /0 errors/);
  const withDate = await runCli(['validate', fx('unknown-label.jsonl'), '--schema', fx('schema-with-date.json')]);
  t.is(withDate.code, 0, withDate.stdout);
  const missing = await runCli(['validate', fx('unknown-label.jsonl'), '--schema', fx('nope.json')]);
  t.is(missing.code, 1);
  t.regex(missing.stderr, /nope\.json: no such file/);
});

test('schema: default when annotations/schema.json is absent, errors name the file', (t) => {
  const s = loadSchema(fx('schema-with-date.json'));
  t.deepEqual(s.labels, ['PER', 'LOC', 'ORG', 'MISC', 'DATE']);
  t.deepEqual(parseSchema('{"labels": ["PER"], "scheme": "BILOU"}', 'x').scheme, 'BILOU');
  t.throws(() => parseSchema('{"labels": []}', 'x.json'), { message: /x\.json: schema "labels" must be a non-empty array/ });
  t.throws(() => parseSchema('{"labels": ["A B"]}', 'x.json'));
  t.throws(() => parseSchema('{"labels": ["PER"], "scheme": "BIO"}', 'x.json'), { message: /not a tag scheme/ });
  const prev = process.cwd();
  process.chdir(fx('.'));
  try {
    t.deepEqual(loadSchema().labels, DEFAULT_SCHEMA.labels);
  } finally {
    process.chdir(prev);
  }
});

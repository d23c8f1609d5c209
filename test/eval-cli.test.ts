import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gujnlp-eval-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const SMALL = file('small.conll', 'a B-PER B-PER\nb I-PER I-PER\nc O B-LOC\n\nd B-LOC B-LOC\ne O O\n');

test("evaluate --format conlleval prints conlleval.pl's report", async (t) => {
  const r = await runCli(['evaluate', SMALL, '--format', 'conlleval']);
  t.is(r.code, 0, r.stderr);
  t.is(
    r.stdout,
    'processed 5 tokens with 2 phrases; found: 3 phrases; correct: 2.\n' +
      'accuracy:  80.00%; precision:  66.67%; recall: 100.00%; FB1:  80.00\n' +
      '              LOC: precision:  50.00%; recall: 100.00%; FB1:  66.67  2\n' +
      '              PER: precision: 100.00%; recall: 100.00%; FB1: 100.00  1\n',
  );
});

test('evaluate --format json has exactly the documented top-level keys', async (t) => {
  const r = await runCli(['evaluate', SMALL, '--format', 'json']);
  t.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  t.deepEqual(Object.keys(j), ['seqeval', 'nervaluate', 'conlleval', 'token_accuracy', 'confusion']);
  t.deepEqual(Object.keys(j.seqeval.default), ['LOC', 'PER', 'micro avg', 'macro avg', 'weighted avg']);
  t.deepEqual(Object.keys(j.seqeval.default.LOC), ['precision', 'recall', 'f1-score', 'support']);
  t.is(j.seqeval.default['micro avg']['f1-score'], 0.8);
  t.not(j.seqeval.strict, null);
  t.deepEqual(Object.keys(j.nervaluate.overall), ['strict', 'exact', 'partial', 'ent_type']);
  t.is(j.conlleval.found, 3);
  t.is(j.token_accuracy, 0.8);
  t.deepEqual(j.confusion.O, { LOC: 1, PER: 0, O: 1 });
});

test('evaluate reads -X- and -DOCSTART- lines as sentence breaks, stdin as -', async (t) => {
  const r = await runCli(['evaluate', '-', '--format', 'json'], { input: '-DOCSTART- -X- O O\nx B-PER B-PER\n-X- O O\ny I-PER I-PER\n' });
  t.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  // the I-PER after the break starts a new entity in both columns
  t.is(j.conlleval.tokens, 2);
  t.is(j.conlleval.gold_phrases, 2);
  t.is(j.conlleval.correct, 2);
});

test('evaluate --map and --ignore rewrite labels before scoring', async (t) => {
  const f = file('map.conll', 'a B-GPE B-LOC\nb O B-MISC\n');
  const plain = JSON.parse((await runCli(['evaluate', f, '--format', 'json'])).stdout);
  t.is(plain.seqeval.default['micro avg']['f1-score'], 0);
  const mapped = JSON.parse((await runCli(['evaluate', f, '--format', 'json', '--map', 'GPE=LOC', '--ignore', 'MISC'])).stdout);
  t.is(mapped.seqeval.default['micro avg']['f1-score'], 1);
  t.deepEqual(Object.keys(mapped.conlleval.types), ['LOC']);
});

test('strict mode: a prefix the scheme does not allow is an error naming file and line', async (t) => {
  const f = file('bad.conll', 'a B-PER B-PER\n\nb O O\nc O S-PER\n');
  const r = await runCli(['evaluate', f, '--scheme', 'IOB2', '--mode', 'strict']);
  t.is(r.code, 1);
  t.regex(r.stderr, /bad\.conll:4: prediction tag 'S-PER' has a prefix IOB2 does not allow/);
});

test('malformed tags and missing columns are errors with file and line', async (t) => {
  const r1 = await runCli(['evaluate', file('bad2.conll', 'a O O\nb PER O\n')]);
  t.is(r1.code, 1);
  t.regex(r1.stderr, /bad2\.conll:2: gold 'PER' is not an entity tag/);
  const r2 = await runCli(['evaluate', file('bad3.conll', 'a O O\nO\n')]);
  t.is(r2.code, 1);
  t.regex(r2.stderr, /bad3\.conll:2: expected at least two columns/);
});

test('evaluate table and md and csv formats print the three tools by name', async (t) => {
  for (const format of ['table', 'md', 'csv']) {
    const r = await runCli(['evaluate', SMALL, '--format', format]);
    t.is(r.code, 0, r.stderr);
    t.regex(r.stdout, /seqeval/);
    t.regex(r.stdout, /nervaluate/);
    t.regex(r.stdout, /conlleval/);
  }
});

function doc(id: string, entities: Array<[number, number, string]>, tokens = ['રામ', 'અમદાવાદ', 'ગયો', '.']) {
  let text = '';
  const toks = tokens.map((w) => {
    const start = [...text].length;
    text += w + ' ';
    return { start, end: start + [...w].length, text: w, kind: 'word' };
  });
  text = text.trimEnd();
  const cps = [...text];
  return JSON.stringify({
    id,
    text,
    offsets: 'codepoint',
    sentences: [{ start: 0, end: cps.length }],
    tokens: toks,
    entities: entities.map(([s, e, label]) => ({ start: toks[s].start, end: toks[e - 1].end, label, text: cps.slice(toks[s].start, toks[e - 1].end).join('') })),
  });
}

test('evaluate --gold --pred reads annotation files; different tokens are a clear error', async (t) => {
  const g = file(
    'g.json',
    doc('d1', [
      [0, 1, 'PER'],
      [1, 2, 'LOC'],
    ]),
  );
  const p = file('p.json', doc('d1', [[0, 1, 'PER']]));
  const r = await runCli(['evaluate', '--gold', g, '--pred', p, '--format', 'json']);
  t.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  t.is(j.seqeval.default['micro avg'].precision, 1);
  t.is(j.seqeval.default['micro avg'].recall, 0.5);
  const q = file('q.json', doc('d1', [], ['રામ', 'સુરત', 'ગયો', '.']));
  const bad = await runCli(['evaluate', '--gold', g, '--pred', q]);
  t.is(bad.code, 1);
  t.regex(bad.stderr, /sentence 1, token 2: gold has 'અમદાવાદ' but prediction has 'સુરત'/);
});

function threeSystems() {
  return {
    g: file(
      'cg.json',
      doc('d1', [
        [0, 1, 'PER'],
        [1, 2, 'LOC'],
      ]),
    ),
    a: file(
      'ca.json',
      doc('d1', [
        [0, 1, 'PER'],
        [1, 2, 'LOC'],
      ]),
    ),
    b: file('cb.json', doc('d1', [[0, 1, 'PER']])),
  };
}

test('compare prints a leaderboard with CI and p-values (json)', async (t) => {
  const { g, a, b } = threeSystems();
  const r = await runCli(['compare', '--gold', g, 'good=' + a, 'half=' + b, '--format', 'json', '--samples', '200']);
  t.is(r.code, 0, r.stderr);
  const lb = JSON.parse(r.stdout);
  t.is(lb.best, 'good');
  t.deepEqual(
    lb.rows.map((x: { name: string }) => x.name),
    ['good', 'half'],
  );
  t.is(lb.rows[0].f1, 1);
  t.is(lb.rows[0].pValue, null);
  t.is(typeof lb.rows[1].pValue, 'number');
});

test('compare table names the CI', async (t) => {
  const { g, a, b } = threeSystems();
  const table = await runCli(['compare', '--gold', g, 'good=' + a, 'half=' + b]);
  t.is(table.code, 0, table.stderr);
  t.regex(table.stdout, /95% CI/);
});

test('agree prints kappa and entity F1 per type', async (t) => {
  const { a, b } = threeSystems();
  const ag = await runCli(['agree', a, b, '--format', 'json']);
  t.is(ag.code, 0, ag.stderr);
  const k = JSON.parse(ag.stdout);
  t.is(k.tokens, 4);
  t.is(k.entities.types.PER.f1, 1);
  t.is(k.entities.types.LOC.f1, 0);
  t.true(k.kappa > 0 && k.kappa < 1);
});

test('evaluate --spans scores character spans of the documents', async (t) => {
  const g = file(
    'sg.json',
    doc('d1', [
      [0, 1, 'PER'],
      [1, 2, 'LOC'],
    ]),
  );
  const p = file(
    'sp.json',
    doc('d1', [
      [0, 2, 'PER'],
      [1, 2, 'GPE'],
    ]),
  );
  const exact = JSON.parse((await runCli(['evaluate', '--gold', g, '--pred', p, '--spans', 'exact', '--format', 'json'])).stdout);
  t.is(exact.overall.correct, 0);
  const overlap = JSON.parse((await runCli(['evaluate', '--gold', g, '--pred', p, '--spans', 'overlap', '--map', 'GPE=LOC', '--format', 'json'])).stdout);
  t.is(overlap.overall.correct, 2);
  t.is(overlap.overall.f1, 1);
  const bad = await runCli(['evaluate', '--gold', g, '--pred', p, '--spans', 'fuzzy']);
  t.is(bad.code, 1);
  t.regex(bad.stderr, /--spans must be one of exact, overlap, got 'fuzzy'/);
});

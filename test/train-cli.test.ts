import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { loadPerceptronAnnotator } from '../src/annotate/perceptron/index.js';
import { docFromTagged, syntheticSentences } from './perceptron-fixtures.js';

function conll(sents: [string, string][][]): string {
  return sents.map((s) => s.map(([w, t]) => `${w}\t${t}`).join('\n')).join('\n\n') + '\n';
}

const dir = mkdtempSync(join(tmpdir(), 'gujnlp-train-'));
const all = syntheticSentences(50);
const trainFile = join(dir, 'train.conll');
const devFile = join(dir, 'dev.conll');
writeFileSync(trainFile, conll(all.slice(0, 40)));
writeFileSync(devFile, conll(all.slice(40)));

test('gujnlp train writes the same bytes twice, progress on stderr only, and the model annotates', async (t) => {
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  const r1 = await runCli(['train', '--train', trainFile, '--dev', devFile, '--epochs', '6', '--seed', '3', '-o', a]);
  t.is(r1.code, 0, r1.stderr);
  t.is(r1.stdout, '');
  t.regex(r1.stderr, /training on 40 sentences/);
  t.regex(r1.stderr, /epoch 1\/6: train token accuracy [\d.]+%, dev entity F1 [\d.]+/);
  t.regex(r1.stderr, /kept epoch \d+ of \d+ \(dev entity F1/);
  const r2 = await runCli(['train', '--train', trainFile, '--dev', devFile, '--epochs', '6', '--seed', '3', '-o', b, '-q']);
  t.is(r2.code, 0, r2.stderr);
  t.is(r2.stderr, '');
  const [la, lb] = [readFileSync(a, 'utf8').split('\n'), readFileSync(b, 'utf8').split('\n')];
  const differs = la.findIndex((l, i) => l !== lb[i]);
  t.is(differs, -1, `model files differ at line ${differs + 1}:\n${la[differs]}\n${lb[differs]}`);
  t.true(readFileSync(a).equals(readFileSync(b)), 'byte-identical model files');
  const model = JSON.parse(readFileSync(a, 'utf8'));
  t.is(model.training.seed, 3);
  t.true(model.training.devF1 > 0.5, `dev F1 ${model.training.devF1}`);

  const ann = await loadPerceptronAnnotator(a);
  const doc = docFromTagged('x', syntheticSentences(8).slice(4));
  const got = await ann.annotate({ ...doc, entities: [] });
  const key = (e: { start: number; end: number; label: string }): string => `${e.label}:${e.start}-${e.end}`;
  t.deepEqual(got.map(key), doc.entities.map(key));
});

test('gujnlp train reads several --train files of different formats', async (t) => {
  // ten more sentences as Hugging Face JSON Lines with string tags
  const jsonl = join(dir, 'more.jsonl');
  writeFileSync(
    jsonl,
    all
      .slice(0, 10)
      .map((s, i) => JSON.stringify({ id: String(i), tokens: s.map((x) => x[0]), ner_tags: s.map((x) => x[1]) }))
      .join('\n') + '\n',
  );
  const out = join(dir, 'two.json');
  const r = await runCli(['train', '--train', trainFile, '--train', jsonl, '--epochs', '2', '-o', out]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /training on 50 sentences/);
  t.true(existsSync(out));
});

test('gujnlp train --cv K writes cross-validated predictions and prints their score', async (t) => {
  const out = join(dir, 'cv.conll');
  const allFile = join(dir, 'all.conll');
  writeFileSync(allFile, conll(all));
  const r = await runCli(['train', '--train', allFile, '--cv', '5', '--epochs', '3', '--predictions', out]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, '');
  t.regex(r.stderr, /5-fold cross-validation on 50 sentences/);
  t.regex(r.stderr, /cross-validated seqeval \(default\) micro P [\d.]+ R [\d.]+ F1 ([\d.]+) over \d+ entities/);
  const f1 = Number(/F1 ([\d.]+)/.exec(r.stderr)![1]);
  t.true(f1 > 0.5, `cv F1 ${f1}`);
  // the written predictions score the same through gujnlp evaluate
  const ev = await runCli(['evaluate', '--gold', allFile, '--pred', out, '--format', 'json']);
  t.is(ev.code, 0, ev.stderr);
  t.is(JSON.parse(ev.stdout).seqeval.default['micro avg']['f1-score'].toFixed(4), f1.toFixed(4));
  t.true(readFileSync(out, 'utf8').includes('B-'));
  const bad = await runCli(['train', '--train', trainFile, '--cv', '5']);
  t.is(bad.code, 1);
  t.regex(bad.stderr, /--cv needs --predictions OUT/);
  const one = await runCli(['train', '--train', trainFile, '--cv', '1', '--predictions', out]);
  t.regex(one.stderr, /--cv must be an integer >= 2, got '1'/);
});

test('gujnlp train: clear errors and no model file on bad input', async (t) => {
  const out = join(dir, 'never.json');
  const missing = await runCli(['train', '-o', out]);
  t.is(missing.code, 1);
  t.regex(missing.stderr, /missing --train/);
  const bad = join(dir, 'bad.conll');
  writeFileSync(bad, 'ભારત\tB-LOC\nમાં\n');
  const r = await runCli(['train', '--train', bad, '-o', out]);
  t.is(r.code, 1);
  t.regex(r.stderr, /bad\.conll:2/);
  const noEnts = join(dir, 'none.conll');
  writeFileSync(noEnts, 'ભારત\tO\nમાં\tO\n');
  const r2 = await runCli(['train', '--train', noEnts, '-o', out]);
  t.is(r2.code, 1);
  t.regex(r2.stderr, /none\.conll: the training data has no entities/);
  const r3 = await runCli(['train', '--train', trainFile, '--epochs', 'many', '-o', out]);
  t.is(r3.code, 1);
  t.regex(r3.stderr, /--epochs must be an integer >= 1, got 'many'/);
  t.false(existsSync(out));
  const r4 = await runCli(['train', '--train', trainFile, '-o', dir]);
  t.is(r4.code, 1);
  t.regex(r4.stderr, /is a directory; give the model file to write/);
  const help = await runCli(['train', '--help']);
  t.is(help.code, 0);
  t.regex(help.stdout, /usage: gujnlp train/);
});

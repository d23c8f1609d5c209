/**
 * The shipped NER model (models/ner-gu/, issue 11): it loads, is the default
 * of `gujnlp annotate`, annotates the article, reports uncertainty for
 * `--rank uncertainty`; bad model files give one clear line; CRF training
 * is deterministic; its held-out figures on the shared data stay where the
 * model card says (skipped without ../shared).
 */
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadShippedAnnotator, SHIPPED_MODEL_FILE } from '../src/annotate/perceptron/shipped.js';
import { loadAnnotator, DEFAULT_MODEL } from '../src/annotate/registry.js';
import { trainCrf } from '../src/annotate/perceptron/crf.js';
import { loadGujaratiResources, serializeModel, Tagger } from '../src/annotate/perceptron/index.js';
import { documentFromText } from '../src/segment/document.js';
import { readAnnotations } from '../src/formats/index.js';
import { InputError } from '../src/io/errors.js';
import { rankByUncertainty } from '../src/cli/annotate.js';
import { ROOT, runCli } from './helpers/cli.js';
import { sharedFile, SKIP_NO_SHARED } from './helpers/shared.js';
import { syntheticSentences } from './perceptron-fixtures.js';

const SEED = join(ROOT, 'corpus', 'lavrov-pakistan-visit-2021.txt');
const GOLD = join(ROOT, 'annotations', 'gold', 'lavrov-pakistan-visit-2021.json');

test("the shipped model loads, is the default, and finds the article's main names", async (t) => {
  t.is(DEFAULT_MODEL, 'ner-gu');
  const a = await loadAnnotator(DEFAULT_MODEL);
  t.is(a.name, 'ner-gu');
  t.regex(a.version, /^v2-[0-9a-f]{12}$/);
  const [gold] = readAnnotations(GOLD);
  const found = await a.annotate(gold);
  const texts = new Set(found.map((e) => `${e.label}:${gold.text.slice(e.start, e.end)}`));
  for (const name of ['LOC:પાકિસ્તાન', 'LOC:રશિયા', 'PER:ઇમરાન ખાન']) t.true(texts.has(name), name);
  // spans are UTF-16 slices of the text, inside it, sorted, not overlapping
  let last = 0;
  for (const e of found) {
    t.true(e.start >= last && e.end > e.start && e.end <= gold.text.length);
    last = e.end;
  }
});

test('uncertainty: entity scores are probabilities, document doubt is at least 0, ranking puts the largest first', async (t) => {
  const a = await loadShippedAnnotator();
  const doc = documentFromText('d', 'પાકિસ્તાનના વડાપ્રધાન ઇમરાન ખાને મોસ્કોમાં રશિયાના વિદેશ મંત્રી સેરગેઈ લાવરોવ સાથે વાત કરી.');
  const r = await a.annotateWithUncertainty!(doc);
  t.deepEqual(
    r.entities.map((e) => e.label),
    (await a.annotate(doc)).map((e) => e.label),
  );
  for (const e of r.entities) t.true(e.score! > 0 && e.score! <= 1);
  t.true(r.uncertainty >= 0 && r.uncertainty <= 1);
  t.deepEqual(rankByUncertainty([0.1, 0.5, 0.1, 0.9]), [3, 1, 0, 2]);
});

test('gujnlp annotate without --model runs the shipped model; --rank uncertainty orders documents', async (t) => {
  const r = await runCli(['annotate', SEED, '--format', 'json']);
  t.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const doc = Array.isArray(out) ? out[0] : out;
  t.true(doc.entities.length > 10);
  t.true(doc.entities.every((e: { source: string }) => e.source === 'ner-gu'));
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-rank-'));
  writeFileSync(join(dir, 'a.txt'), 'આજે વરસાદ પડ્યો.\n');
  writeFileSync(join(dir, 'b.txt'), 'ઝોરાવર ત્સિપ્રાસ અને મિખાઇલ કોવાલ્ચુક ટોરોન્ટોમાં કોનકોર્ડિયા ફાઉન્ડેશનની બેઠકમાં મળ્યા.\n');
  const ranked = await runCli(['annotate', dir, '--rank', 'uncertainty', '--format', 'json']);
  t.is(ranked.code, 0, ranked.stderr);
  t.regex(ranked.stderr, /most uncertain first/);
  const ids = (JSON.parse(ranked.stdout) as { id: string }[]).map((d) => d.id);
  t.deepEqual(ids, ['b', 'a']);
  const rules = await runCli(['annotate', dir, '--model', 'rules', '--rank', 'uncertainty']);
  t.is(rules.code, 1);
  t.regex(rules.stderr, /--rank uncertainty needs a statistical model/);
});

test('bad model files: another format or version, corrupt JSON, labels outside the schema — one clear line, exit 1', async (t) => {
  const text = readFileSync(SHIPPED_MODEL_FILE, 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-badmodel-'));
  const cases: [string, string, RegExp][] = [
    ['format.json', text.replace('"format":"gujnlp-perceptron"', '"format":"spacy-ner"'), /not a gujnlp perceptron model \(format is "spacy-ner"/],
    ['version.json', text.replace(/"version":\d+/, '"version":99'), /version 99 is not supported/],
    ['corrupt.json', text.slice(0, 5000), /not a JSON model file/],
    ['labels.json', text.replaceAll('B-MISC', 'B-GPE').replaceAll('I-MISC', 'I-GPE'), /model labels GPE are outside the label schema \(PER, LOC, ORG, MISC\)/],
  ];
  for (const [name, content, re] of cases) {
    const file = join(dir, name);
    writeFileSync(file, content);
    await t.throwsAsync(loadShippedAnnotator(file), { instanceOf: InputError, message: re }, name);
  }
  // through the CLI: one line on stderr, exit 1 (a perceptron file with a bad version)
  const r = await runCli(['annotate', SEED, '--model', join(dir, 'version.json')]);
  t.is(r.code, 1);
  t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  t.regex(r.stderr, /version\.json: perceptron model version 99 is not supported/);
  const c = await runCli(['annotate', SEED, '--model', join(dir, 'corrupt.json')]);
  t.is(c.code, 1);
  t.is(c.stderr.trim().split('\n').length, 1, c.stderr);
});

test('CRF training is deterministic: the same sample gives the same bytes', async (t) => {
  const res = await loadGujaratiResources();
  const data = syntheticSentences(25).map((s) => ({ tokens: s.map((x) => x[0]), tags: s.map((x) => x[1]) }));
  const a = serializeModel(trainCrf(data, { resources: res, maxIterations: 30 }));
  const b = serializeModel(trainCrf(data, { resources: res, maxIterations: 30 }));
  t.is(a, b);
  const model = trainCrf(data, { resources: res, maxIterations: 30 });
  const tagger = new Tagger(model, res);
  const right = data.reduce((n, s) => n + tagger.tag(s.tokens).filter((tag, i) => tag === s.tags[i]).length, 0);
  const total = data.reduce((n, s) => n + s.tokens.length, 0);
  t.true(right / total > 0.9, `training accuracy ${right / total}`);
});

const FLORES = 'data/flores-gu/ner.jsonl';
const haveShared = sharedFile(FLORES) !== undefined && sharedFile('data/wikiann-gu/dev.tsv') !== undefined;

(haveShared ? test : test.skip)(`shipped model: held-out figures as in the model card${haveShared ? '' : ` (${SKIP_NO_SHARED(FLORES)})`}`, async (t) => {
  const { loadParts } = await import('../scripts/ner-gu-data.js');
  const { score } = await import('../scripts/ner-gu-score.js');
  const figures = JSON.parse(readFileSync(join(ROOT, 'models/ner-gu/figures.json'), 'utf8'));
  const parts = loadParts();
  const a = await loadShippedAnnotator();
  const test4 = await score(a, parts['flores-test']);
  const wiki = await score(a, parts['wikiann-dev'], ['MISC']);
  t.log(`FLORES test F1 ${test4.f1.toFixed(4)} P ${test4.precision.toFixed(4)} R ${test4.recall.toFixed(4)}; WikiANN dev F1 ${wiki.f1.toFixed(4)}`);
  t.is(Math.round(test4.f1 * 1e4) / 1e4, figures.scores['flores-test'].f1);
  t.is(Math.round(wiki.f1 * 1e4) / 1e4, figures.scores['wikiann-dev (--ignore MISC)'].f1);
  t.true(wiki.f1 >= 0.72, `WikiANN dev F1 ${wiki.f1}`);
});

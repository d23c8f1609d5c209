import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverModels, parseModelList } from '../src/bench/models.js';
import { HAS_PYTHON, SKIP_NO_PYTHON } from './helpers/python.js';
import { runCli } from './helpers/cli.js';
import { sharedFile, SKIP_NO_SHARED } from './helpers/shared.js';

const PY = HAS_PYTHON;
const TAGGER = 'test/fixtures/tagger.py';

/** A small gold set written here (CoNLL, two documents' worth of sentences in one file). */
const GOLD = [
  'ભારત B-LOC',
  'અને O',
  'રશિયા B-LOC',
  'મિત્ર O',
  'છે O',
  '. O',
  '',
  'નરેન્દ્ર B-PER',
  'ગાંધી I-PER',
  'સુરતમાં B-LOC',
  'ગયા O',
  '. O',
  '',
  'ગુજરાત B-ORG',
  'સરકાર I-ORG',
  'ખુશ O',
  'છે O',
  '. O',
  '',
].join('\n');

function goldFile(): { dir: string; gold: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-bench-gold-'));
  const gold = join(dir, 'gold.conll');
  writeFileSync(gold, GOLD + '\n');
  return { dir, gold };
}

test('parseModelList: NAME=SPEC, quotes keep commas, names unique', (t) => {
  t.deepEqual(parseModelList('rules,mine=perceptron:m.json,xlmr=onnx:DIR,py=cmd:"python3 tag.py --a=1,2"'), [
    { spec: 'rules' },
    { name: 'mine', spec: 'perceptron:m.json' },
    { name: 'xlmr', spec: 'onnx:DIR' },
    { name: 'py', spec: 'cmd:python3 tag.py --a=1,2' },
  ]);
  t.deepEqual(parseModelList('file:a=b.conll'), [{ spec: 'file:a=b.conll' }]);
  t.throws(() => parseModelList('a=rules,a=perceptron'), { message: /'a' is given twice/ });
  t.throws(() => parseModelList('x='), { message: /names no model/ });
  t.throws(() => parseModelList('py=cmd:"python3'), { message: /unbalanced/ });
});

test('the default models: rules, ner-gu, the perceptron and real ONNX folders; a generated test model runs only when named', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-bench-models-'));
  for (const [name, comment] of [
    ['real', undefined],
    ['tiny', 'gujnlp TEST model: predictions are a lookup table, not a real NER model'],
  ] as const) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'config.json'), JSON.stringify({ ...(comment === undefined ? {} : { _comment: comment }), id2label: { 0: 'O' } }));
  }
  t.deepEqual(discoverModels(dir, join(dir, 'none')), ['rules', 'ner-gu', 'perceptron', `onnx:${join(dir, 'real')}`]);
  t.false(
    discoverModels('models', 'annotations/predicted/external').some((s) => s.includes('onnx-tiny-gu-test')),
    'the shipped test model is not a default row',
  );
});

const wikiann = sharedFile('data/wikiann-gu/dev.tsv');
const acceptance = wikiann !== undefined && PY ? test : test.skip;
acceptance(
  `bench --gold WikiANN dev with rules, a prediction file and a cmd: model: named rows, all outputs, figures equal to gujnlp compare${wikiann === undefined ? ` (${SKIP_NO_SHARED('data/wikiann-gu/dev.tsv')})` : PY ? '' : SKIP_NO_PYTHON}`,
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gujnlp-bench-wikiann-'));
    const pred = join(dir, 'pred.conll');
    const ann = await runCli(['annotate', wikiann!, '--model', 'rules', '--format', 'conll', '-o', pred]);
    t.is(ann.code, 0, ann.stderr);
    const out = join(dir, 'out');
    const predicted = join(dir, 'predicted');
    const r = await runCli(['bench', '--gold', wikiann!, '--ignore', 'MISC', '--models', `rules,file:${pred},py=cmd:"python3 ${TAGGER}"`, '--out', out, '--predicted', predicted, '--samples', '300']);
    t.is(r.code, 0, r.stderr);
    for (const f of ['scores.json', 'leaderboard.csv', 'leaderboard.md', 'report.html']) t.true(existsSync(join(out, f)), f);
    const scores = JSON.parse(readFileSync(join(out, 'scores.json'), 'utf8'));
    t.deepEqual(Object.keys(scores.models).sort(), ['pred.conll', 'py', 'rules']);
    t.deepEqual(scores.labelMapping, { map: {}, ignore: ['MISC'] });
    t.is(scores.corpus.sentences, 100);
    t.truthy(scores.segmentation.note, 'a CoNLL gold has no raw text: segmentation not scored');
    t.regex(readFileSync(join(out, 'leaderboard.md'), 'utf8'), /\| py \|/);
    t.regex(r.stdout, /^py\s/m);
    // every model has its error analysis
    for (const m of Object.values(scores.models) as { errors: { overall: { f1: number }; buckets: unknown[] } }[]) t.true(m.errors.buckets.length >= 4);

    const systems = [`rules=${join(predicted, 'rules', 'dev.conll')}`, `pred.conll=${pred}`, `py=${join(predicted, 'py', 'dev.conll')}`];
    const compare = (...args: string[]) => runCli(['compare', '--gold', wikiann!, '--ignore', 'MISC', '--samples', '300', ...args, ...systems]);
    const cmp = await compare('--format', 'json');
    t.is(cmp.code, 0, cmp.stderr);
    const lb = JSON.parse(cmp.stdout);
    t.deepEqual(
      lb.rows.map((x: { name: string; precision: number; recall: number; f1: number; ci: number[]; pValue: number | null; perType: Record<string, number> }) => [
        x.name,
        x.precision,
        x.recall,
        x.f1,
        x.ci[0],
        x.ci[1],
        x.pValue,
        x.perType,
      ]),
      scores.leaderboard.map((x: { model: string; precision: number; recall: number; f1: number; f1Low: number; f1High: number; pValue: number | null; perType: Record<string, number> }) => [
        x.model,
        x.precision,
        x.recall,
        x.f1,
        x.f1Low,
        x.f1High,
        x.pValue,
        x.perType,
      ]),
    );

    // compare --format html / --out writes the same report with the same figures
    const out2 = join(dir, 'out2');
    const html = await compare('--format', 'html', '--out', out2);
    t.is(html.code, 0, html.stderr);
    t.regex(html.stdout, /^<!DOCTYPE html>/);
    t.is(html.stdout, readFileSync(join(out2, 'report.html'), 'utf8'));
    const s2 = JSON.parse(readFileSync(join(out2, 'scores.json'), 'utf8'));
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ sentencesPerSecond: _s, version: _v, ...x }) => x);
    t.deepEqual(strip(s2.leaderboard), strip(scores.leaderboard));
    for (const m of Object.keys(scores.models)) t.deepEqual(s2.models[m].errors, scores.models[m].errors, m);
  },
);

const py = PY ? test : test.skip;
py(`bench: cmd: models that die, hang or give the wrong number of tags are skipped with one line naming model and sentence, exit 3${PY ? '' : SKIP_NO_PYTHON}`, async (t) => {
  const { dir, gold } = goldFile();
  const r = await runCli([
    'bench',
    '--gold',
    gold,
    '--timeout',
    '8',
    '--samples',
    '50',
    '--out',
    join(dir, 'out'),
    '--predicted',
    join(dir, 'pred'),
    '--models',
    `rules,ok=cmd:python3 ${TAGGER},die=cmd:python3 ${TAGGER} --die-after 1,hang=cmd:python3 ${TAGGER} --hang,short=cmd:python3 ${TAGGER} --wrong-length`,
  ]);
  t.is(r.code, 3, r.stderr);
  const lines = r.stderr.split('\n');
  for (const [name, why] of [
    ['die', /exited with status 7 before replying/],
    ['hang', /no reply within 8 s/],
    ['short', /the reply has 4 tags for 5 tokens/],
  ] as const) {
    const skip = lines.filter((l) => l.startsWith(`gujnlp bench: skipping ${name}=cmd:`));
    t.is(skip.length, 1, name);
    t.regex(skip[0], new RegExp(`model '${name}' .*document 'gold', sentence \\d`));
    t.regex(skip[0], why);
  }
  const scores = JSON.parse(readFileSync(join(dir, 'out', 'scores.json'), 'utf8'));
  t.deepEqual(Object.keys(scores.models).sort(), ['ok', 'rules']);
  t.deepEqual(scores.skipped.map((s: { spec: string }) => s.spec.split('=')[0]).sort(), ['die', 'hang', 'short']);
});

test('bench: a corpus none of whose documents has gold, or a gold without entities, is an error, never an all-zero table', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-bench-nomatch-'));
  mkdirSync(join(dir, 'corpus'));
  mkdirSync(join(dir, 'gold'));
  writeFileSync(join(dir, 'corpus', 'dev.txt'), 'ભારત મહાન છે.\n');
  writeFileSync(join(dir, 'gold', 'other.json'), '{}');
  const r = await runCli(['bench', '--corpus', join(dir, 'corpus'), '--gold', join(dir, 'gold'), '--models', 'rules', '--out', join(dir, 'out'), '--predicted', join(dir, 'p')]);
  t.is(r.code, 1);
  t.regex(r.stderr, /no document of the corpus .* has a gold file .*dev\.json expected/);
  t.false(existsSync(join(dir, 'out')));
  const empty = join(dir, 'empty.conll');
  writeFileSync(empty, 'ભારત O\nમહાન O\n');
  const e = await runCli(['bench', '--gold', empty, '--models', 'rules', '--out', join(dir, 'out'), '--predicted', join(dir, 'p')]);
  t.is(e.code, 1);
  t.regex(e.stderr, /empty\.conll: gold has no entities/);
  t.false(existsSync(join(dir, 'out')));
});

test('bench --gold: a small CoNLL gold, --map, no corpus; a model that finds nothing is not marked best', async (t) => {
  const { dir, gold } = goldFile();
  const r = await runCli(
    ['bench', '--gold', gold, '--map', 'ORG=LOC', '--samples', '50', '--models', 'none=file:' + join(dir, 'none.conll'), '--out', join(dir, 'out'), '--predicted', join(dir, 'p')],
    {},
  );
  // the prediction file does not exist: the model is skipped, exit 3, but the table is still written
  t.is(r.code, 3);
  const noneFile = join(dir, 'none.conll');
  writeFileSync(noneFile, GOLD.replace(/ [BI]-\w+/g, ' O') + '\n');
  const z = await runCli(['bench', '--gold', gold, '--map', 'ORG=LOC', '--samples', '50', '--models', `none=file:${noneFile}`, '--out', join(dir, 'out'), '--predicted', join(dir, 'p')]);
  t.is(z.code, 0, z.stderr);
  t.regex(z.stderr, /every model scores F1 0 .* no model is marked best/);
  t.notRegex(z.stdout, /^none .*best/m);
  const scores = JSON.parse(readFileSync(join(dir, 'out', 'scores.json'), 'utf8'));
  t.deepEqual(Object.keys(scores.corpus.goldEntitiesByType), ['LOC', 'PER']);
  t.is(scores.corpus.goldEntitiesByType.LOC, 4);
});

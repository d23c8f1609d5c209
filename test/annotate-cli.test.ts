import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAnnotator, MappedAnnotator, splitSpec } from '../src/annotate/registry.js';
import { documentFromText } from '../src/segment/document.js';
import { looksLikeConll } from '../src/cli/annotate.js';
import { ROOT, runCli } from './helpers/cli.js';
import { sharedFile, SKIP_NO_SHARED } from './helpers/shared.js';

const SEED = join(ROOT, 'corpus', 'lavrov-pakistan-visit-2021.txt');
const GOLD = join(ROOT, 'annotations', 'gold', 'lavrov-pakistan-visit-2021.json');

test.serial('--help prints usage and exits 0', async (t) => {
  const r = await runCli(['annotate', '--help']);
  t.is(r.code, 0);
  t.regex(r.stdout, /usage: gujnlp annotate/);
});

test.serial('unknown --model is a clear error, exit 1', async (t) => {
  const b = await runCli(['annotate', SEED, '--model', 'spacy']);
  t.is(b.code, 1);
  t.regex(b.stderr, /unknown model 'spacy'/);
  const c = await runCli(['annotate', SEED, '--model', 'rules', '--format', 'xml']);
  t.is(c.code, 1);
  t.regex(c.stderr, /--format must be one of .*, got 'xml'/);
});

test.serial('raw text from stdin → standoff JSON with code point offsets; stdout is only the JSON (no dotenv noise)', async (t) => {
  const text = '🇷🇺 ઇમરાન ખાને રશિયાને કહ્યું. In #Islamabad, talks.\n';
  const r = await runCli(['annotate', '-', '--model', 'rules'], { input: text });
  t.is(r.code, 0, r.stderr);
  t.false(/dotenv|injecting env/i.test(r.stdout));
  const doc = JSON.parse(r.stdout) as { offsets: string; entities: { start: number; end: number; label: string; text: string; source: string }[] };
  t.is(doc.offsets, 'codepoint');
  const cps = [...text];
  t.true(doc.entities.length >= 3);
  for (const e of doc.entities) {
    t.is(cps.slice(e.start, e.end).join(''), e.text); // code point offsets (the flag emoji shifts UTF-16)
    t.is(e.source, 'rules');
  }
  t.deepEqual(
    doc.entities.map((e) => `${e.label}:${e.text}`),
    ['PER:ઇમરાન ખાન', 'LOC:રશિયા', 'LOC:Islamabad'],
  );
});

test.serial('seed article → CoNLL: token TAB tag lines, whole tokens tagged (expand), note on stderr', async (t) => {
  const r = await runCli(['annotate', SEED, '--model', 'rules', '--format', 'conll']);
  t.is(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  for (const l of lines) t.regex(l, /^\S+\t(O|[BI]-(PER|LOC|ORG|MISC))$/);
  t.true(lines.includes('ખાને\tI-PER'));
  t.true(lines.includes('પાકિસ્તાનના\tB-LOC'));
  t.regex(r.stderr, /expanded to token bounds/);
});

test.serial('--map renames or drops predicted types; -o writes the file and prints nothing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-annotate-'));
  const out = join(dir, 'pred.json');
  const r = await runCli(['annotate', SEED, '--model', 'rules', '--map', 'MISC=O', '--map', 'LOC=GPE', '-o', out]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, '');
  const doc = JSON.parse(readFileSync(out, 'utf8')) as { entities: { label: string }[] };
  const labels = new Set(doc.entities.map((e) => e.label));
  t.false(labels.has('MISC'));
  t.false(labels.has('LOC'));
  t.true(labels.has('GPE'));
});

test.serial('bad input: clear error naming the file, exit 1, no output file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-annotate-'));
  const bad = join(dir, 'bad.txt');
  writeFileSync(bad, Buffer.from([0x61, 0xff, 0x62]));
  const out = join(dir, 'out.json');
  const r = await runCli(['annotate', bad, '--model', 'rules', '-o', out]);
  t.is(r.code, 1);
  t.regex(r.stderr, /bad\.txt.*invalid UTF-8/);
  t.false(existsSync(out));
  const m = await runCli(['annotate', join(dir, 'missing.txt'), '--model', 'rules']);
  t.is(m.code, 1);
  t.regex(m.stderr, /missing\.txt: no such file/);
});

test.serial('an annotation file keeps its tokens and sentences; predictions replace its entities', async (t) => {
  const r = await runCli(['annotate', GOLD, '--model', 'rules', '--format', 'conll']);
  t.is(r.code, 0, r.stderr);
  // the gold's own CoNLL export (generated from the same JSON) has the same tokens and sentences
  const goldConll = GOLD.replace(/\.json$/, '.conll');
  const shape = (x: string) =>
    x
      .trimEnd()
      .split('\n')
      .filter((l) => !l.startsWith('#') && !l.startsWith('-DOCSTART-'))
      .map((l) => (l.trim() === '' ? '' : l.split('\t')[0]));
  t.deepEqual(shape(r.stdout), shape(readFileSync(goldConll, 'utf8')));
});

test.serial('standoff input without tokens (brat, doccano) is tokenized by gujnlp; output in the input format by default', async (t) => {
  const ann = GOLD.replace(/\.json$/, '.ann');
  const r = await runCli(['annotate', ann, '--model', 'rules']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^T1\tLOC 14 19\tરશિયા$/m);
  const d = await runCli(['annotate', GOLD.replace(/\.json$/, '.doccano.jsonl'), '--model', 'rules']);
  t.is(d.code, 0, d.stderr);
  const obj = JSON.parse(d.stdout.split('\n')[0]) as { label: [number, number, string][] };
  t.deepEqual(obj.label[0], [14, 19, 'LOC']);
});

test.serial('a directory of raw texts: every .txt annotated, metadata files skipped', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-annotate-dir-'));
  writeFileSync(join(dir, 'a.txt'), 'ઇમરાન ખાને કહ્યું.\n');
  writeFileSync(join(dir, 'b.txt'), 'રશિયાના પ્રમુખ.\n');
  writeFileSync(join(dir, 'a.meta.json'), '{"source": "x"}\n');
  const r = await runCli(['annotate', dir, '--model', 'rules']);
  t.is(r.code, 0, r.stderr);
  const docs = JSON.parse(r.stdout) as { id: string; entities: { label: string; text: string }[] }[];
  t.deepEqual(
    docs.map((d) => d.id),
    ['a', 'b'],
  );
  t.deepEqual(
    docs.map((d) => d.entities.map((e) => `${e.label}:${e.text}`)),
    [['PER:ઇમરાન ખાન'], ['LOC:રશિયા']],
  );
});

const DEV = 'data/wikiann-gu/dev.tsv';
const dev = sharedFile(DEV);
(dev ? test.serial : test.skip)(`WikiANN dev.tsv → CoNLL: the same tokens and sentences, predicted tags${dev ? '' : ` — ${SKIP_NO_SHARED(DEV)}`}`, async (t) => {
  const r = await runCli(['annotate', dev!, '--model', 'rules', '--format', 'conll']);
  t.is(r.code, 0, r.stderr);
  const shape = (s: string) =>
    s
      .trimEnd()
      .split('\n')
      .map((l) => (l.trim() === '' ? '' : l.split('\t')[0]));
  t.deepEqual(shape(r.stdout), shape(readFileSync(dev!, 'utf8')));
  t.true(r.stdout.split('\n').some((l) => /\tB-(PER|LOC|ORG)$/.test(l)));
});

test.serial('a .txt file of token TAB tag lines is read as CoNLL, prose as raw text', (t) => {
  t.true(looksLikeConll('ભારત\tB-LOC\nદેશ\tO\n\nX\tO\n'));
  t.false(looksLikeConll('ઇમરાન ખાને કહ્યું કે O\nબીજી લીટી\n'));
  t.false(looksLikeConll(''));
});

test.serial('registry: specs, rules, file:, mapping wrapper, clear errors', async (t) => {
  t.deepEqual(splitSpec('rules'), ['rules', '']);
  t.deepEqual(splitSpec('onnx:models/x'), ['onnx', 'models/x']);
  t.deepEqual(splitSpec('models/p.json'), ['perceptron', 'models/p.json']);
  t.deepEqual(splitSpec('file:pred.conll'), ['file', 'pred.conll']);
  const rules = await loadAnnotator('rules');
  t.is(rules.name, 'rules');
  const doc = documentFromText('d', 'રશિયન વિદેશ મંત્રી સેરગેઈ લોવરોવ પાકિસ્તાનમાં');
  const mapped = await loadAnnotator('rules', { map: { MISC: 'O', PER: 'PERSON' } });
  t.true(mapped instanceof MappedAnnotator);
  t.is(mapped.version, rules.version);
  t.deepEqual(
    (await mapped.annotate(doc)).map((e) => e.label),
    ['PERSON', 'LOC'],
  );
  await t.throwsAsync(loadAnnotator('rules:x'), { message: /takes no argument/ });
  await t.throwsAsync(loadAnnotator('onnx:'), { message: /needs a path/ });
  await t.throwsAsync(loadAnnotator('rules', { aggregate: 'max' }), { message: /onnx models only/ });
  await t.throwsAsync(loadAnnotator('bert'), { message: /unknown model 'bert'/ });
  if (existsSync(GOLD)) {
    const file = await loadAnnotator(`file:${GOLD}`);
    const { readAnnotations } = await import('../src/formats/index.js');
    const g = readAnnotations(GOLD)[0];
    t.is((await file.annotate(g)).length, g.entities.length);
  }
});

const TINY = join(ROOT, 'models', 'onnx-tiny-gu-test');
(existsSync(join(TINY, 'onnx', 'model.onnx')) ? test.serial : test.skip)('the CLI reaches the ONNX annotator through the registry (--map, --aggregate passed on)', async (t) => {
  const r = await runCli(['annotate', '-', '--model', `onnx:${TINY}`, '--map', 'GPE=LOC', '--aggregate', 'first', '--format', 'conll'], { input: 'ઇમરાન ખાન ગયા.\n' });
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^ઇમરાન\tB-PER$/m);
  const bad = await runCli(['annotate', '-', '--model', `onnx:${TINY}`, '--aggregate', 'mean'], { input: 'x\n' });
  t.is(bad.code, 1);
  t.regex(bad.stderr, /aggregation/);
});

test.serial('a missing perceptron model file is a clear error', async (t) => {
  const r = await runCli(['annotate', SEED, '--model', 'perceptron:no-such-model.json']);
  t.is(r.code, 1);
  t.regex(r.stderr, /no-such-model\.json: no such file/);
});

test.serial('annotating with rules never loads onnxruntime or transformers', (t) => {
  const code = `
    import { createRequire } from 'node:module';
    const { loadAnnotator } = await import(${JSON.stringify(join(ROOT, 'src', 'annotate', 'registry.ts'))});
    const { documentFromText } = await import(${JSON.stringify(join(ROOT, 'src', 'segment', 'document.ts'))});
    const a = await loadAnnotator('rules');
    await a.annotate(documentFromText('x', 'ઇમરાન ખાન'));
    const cache = Object.keys(createRequire(import.meta.url).cache);
    process.stderr.write(JSON.stringify(cache.filter((k) => /onnxruntime|@xenova|dotenv/.test(k))));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  t.is(r.stdout, '');
  t.deepEqual(JSON.parse(r.stderr), []);
});

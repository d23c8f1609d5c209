import test from 'ava';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../src/io/errors.js';
import { allowedTransitions, viterbi } from '../src/annotate/perceptron/viterbi.js';
import { DEFAULT_FEATURE_CONFIG, sentenceFeatures, tokenScript, tokenShape } from '../src/annotate/perceptron/features.js';
import { emissionScores, labelsForTypes, MODEL_VERSION, parseModel, serializeModel, Tagger } from '../src/annotate/perceptron/model.js';
import { trainPerceptron, type TaggedSentence } from '../src/annotate/perceptron/train.js';
import { mulberry32, shuffleInPlace } from '../src/util/random.js';
import { NO_RESOURCES, type LangResources } from '../src/annotate/perceptron/resources.js';
import { loadGujaratiResources, loadPerceptronAnnotator, PerceptronAnnotator, trainFromDocuments } from '../src/annotate/perceptron/index.js';
import { normalizeKey } from '../src/lang/gu/normalize.js';
import { docFromTagged, syntheticSentences } from './perceptron-fixtures.js';

const LABELS = ['O', 'B-LOC', 'I-LOC', 'B-PER', 'I-PER'];

function validIob2(tags: string[]): boolean {
  return tags.every((t, i) => !t.startsWith('I-') || (i > 0 && (tags[i - 1] === `B-${t.slice(2)}` || tags[i - 1] === `I-${t.slice(2)}`)));
}

function score(path: number[], em: Float64Array, tr: Float64Array, L: number): number {
  let s = 0;
  path.forEach((c, i) => (s += em[i * L + c] + tr[(i === 0 ? L : path[i - 1]) * L + c]));
  return s;
}

test('viterbi never puts I-X after O, another type or the start, even when scores push for it', (t) => {
  const L = LABELS.length;
  const allowed = allowedTransitions(LABELS);
  // every token strongly prefers I-PER; transitions favour O → I-LOC
  const n = 4;
  const em = new Float64Array(n * L);
  for (let i = 0; i < n; i++) em[i * L + 4] = 10;
  const tr = new Float64Array((L + 1) * L);
  tr[0 * L + 2] = 50;
  const tags = Array.from(viterbi(em, n, L, tr, allowed), (c) => LABELS[c]);
  t.deepEqual(tags, ['B-PER', 'I-PER', 'I-PER', 'I-PER']);
  t.is(allowed[L * L + 2], 0, 'I-LOC at the start is forbidden');
  t.is(allowed[0 * L + 2], 0, 'O → I-LOC is forbidden');
  t.is(allowed[3 * L + 2], 0, 'B-PER → I-LOC is forbidden');
  t.is(allowed[1 * L + 2], 1, 'B-LOC → I-LOC is allowed');
});

test('viterbi returns the best valid IOB2 sequence (brute force over all sequences)', (t) => {
  const L = LABELS.length;
  const allowed = allowedTransitions(LABELS);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 4 * L + (L + 1) * L, maxLength: 4 * L + (L + 1) * L }), (n, xs) => {
      const em = Float64Array.from(xs.slice(0, n * L));
      const tr = Float64Array.from(xs.slice(4 * L));
      const path = Array.from(viterbi(em, n, L, tr, allowed));
      if (!validIob2(path.map((c) => LABELS[c]))) return false;
      let best = -Infinity;
      for (let code = 0; code < L ** n; code++) {
        const p = Array.from({ length: n }, (_, i) => Math.floor(code / L ** i) % L);
        if (validIob2(p.map((c) => LABELS[c]))) best = Math.max(best, score(p, em, tr, L));
      }
      return score(path, em, tr, L) === best;
    }),
    { seed: 42, numRuns: 300 },
  );
  t.pass();
});

test('features of Gujarati inflected tokens: stem without case ending, the ending, suffixes, script', async (t) => {
  const res = await loadGujaratiResources();
  const tokens = ['અમદાવાદમાં', 'પાકિસ્તાનના', 'Imran', '૧૯૪૧', 'CBIએ'];
  const f = sentenceFeatures(tokens, DEFAULT_FEATURE_CONFIG, res);
  t.true(f[0].includes(`st=${normalizeKey('અમદાવાદ')}`), f[0].join(' '));
  t.true(f[0].includes('e=માં'));
  t.true(f[0].includes('s3=માં'), 'suffixes are code points: મ ા ં');
  t.true(f[0].includes('p2=અમ'));
  t.true(f[0].includes('sc=gu'));
  t.true(f[1].includes(`st=${normalizeKey('પાકિસ્તાન')}`));
  t.true(f[1].includes('e=ના'));
  t.true(f[1].includes(`w-1=${normalizeKey('અમદાવાદમાં')}`));
  t.true(f[0].includes('w-1=<s>') && f[0].includes('w-2=<s>'));
  t.true(f[2].includes('sh=Xx') && f[2].includes('sc=latin') && f[2].includes('n=imran'));
  t.true(f[3].includes('sc=digit') && f[3].includes('sh=d'));
  t.true(f[4].includes('sc=mixed') && f[4].includes('st=cbi') && f[4].includes('e=એ'));
  t.true(f[4].includes('w+1=</s>'));
  // a word that only looks inflected keeps its stem when the ending would leave too little
  t.is(tokenScript('—'), 'punct');
  t.is(tokenShape('૧૯૧૬–૧૯૯૪'), 'd–d');
  t.is(tokenShape('@mfa_russia'), '@x_x');
});

test('gazetteer membership: multiword names, and a case ending on the last token', async (t) => {
  const res = await loadGujaratiResources();
  t.deepEqual(res.gazetteer(['રશિયાના', 'વિદેશ', 'મંત્રી', 'ઉત્તર', 'પ્રદેશમાં', 'ગયા']), [['B-LOC'], [], [], ['B-LOC'], ['I-LOC'], []]);
  const f = sentenceFeatures(['પાકિસ્તાનની', 'મુલાકાત'], DEFAULT_FEATURE_CONFIG, res);
  t.true(f[0].includes('g=B-LOC') && f[1].includes('g-1=B-LOC'));
  t.regex(res.id ?? '', /^[0-9a-f]{12}$/);
});

function synthetic(n: number): TaggedSentence[] {
  return syntheticSentences(n).map((s) => ({ tokens: s.map((x) => x[0]), tags: s.map((x) => x[1]) }));
}

test('training twice gives byte-identical model files; loading gives the same tags', async (t) => {
  const res = await loadGujaratiResources();
  const data = synthetic(40);
  const a = serializeModel(trainPerceptron(data, { epochs: 5, seed: 7, resources: res }));
  const b = serializeModel(trainPerceptron(data, { epochs: 5, seed: 7, resources: res }));
  t.is(a, b);
  const c = serializeModel(trainPerceptron(data, { epochs: 5, seed: 8, resources: res }));
  t.true(c.includes('"seed":8'));
  // parse → serialise is the identity on bytes, and tags are the same
  const m = parseModel(a, 'm.json');
  t.is(serializeModel(m), a);
  const fresh = trainPerceptron(data, { epochs: 5, seed: 7, resources: res });
  const sent = ['રશિયાના', 'વિદેશ', 'મંત્રી', 'સેરગેઈ', 'લવરોવ', 'પાકિસ્તાન', 'ગયા', '.'];
  t.deepEqual(new Tagger(m, res).tag(sent), new Tagger(fresh, res).tag(sent));
  const parsed = JSON.parse(a);
  t.deepEqual(Object.keys(parsed), ['format', 'version', 'labels', 'featureConfig', 'training', 'transitions', 'trim', 'weights']);
  t.is(parsed.format, 'gujnlp-perceptron');
  t.deepEqual(parsed.labels, ['O', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-PER', 'I-PER']);
  const keys = Object.keys(parsed.weights);
  t.deepEqual(
    keys,
    [...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
    'feature keys sorted',
  );
  for (const row of Object.values(parsed.weights) as Record<string, number>[]) {
    for (const w of Object.values(row)) t.true(w !== 0 && Number(w.toPrecision(6)) === w, `weight ${w} rounded and non-zero`);
  }
});

test('the tagger (per-token score cache) decodes exactly as scoring all features one by one', async (t) => {
  const res = await loadGujaratiResources();
  const data = synthetic(30);
  const model = trainPerceptron(data, { epochs: 3, seed: 2, resources: res });
  const tagger = new Tagger(model, res);
  const allowed = allowedTransitions(model.labels);
  const L = model.labels.length;
  for (const s of [...data, ...data]) {
    const em = emissionScores(model, sentenceFeatures(s.tokens, model.featureConfig, res));
    const direct = Array.from(viterbi(em, s.tokens.length, L, model.transitions, allowed), (c) => model.labels[c]);
    t.deepEqual(tagger.tag(s.tokens), direct);
  }
});

/** A plain averaged perceptron: sums every weight after every sentence (no lazy bookkeeping). */
function naiveAveraged(data: TaggedSentence[], epochs: number, seed: number, res: LangResources) {
  const labels = labelsForTypes(data.flatMap((s) => s.tags.filter((x) => x !== 'O').map((x) => x.slice(2))));
  const L = labels.length;
  const allowed = allowedTransitions(labels);
  const feats = data.map((s) => sentenceFeatures(s.tokens, DEFAULT_FEATURE_CONFIG, res));
  const w = new Map<string, Float64Array>();
  const sum = new Map<string, Float64Array>();
  const tw = new Float64Array((L + 1) * L);
  const tsum = new Float64Array((L + 1) * L);
  const row = (m: Map<string, Float64Array>, f: string) => m.get(f) ?? m.set(f, new Float64Array(L)).get(f)!;
  const rand = mulberry32(seed);
  const order = data.map((_, i) => i);
  let n = 0;
  for (let e = 0; e < epochs; e++) {
    shuffleInPlace(order, rand);
    for (const si of order) {
      const fs = feats[si];
      const em = new Float64Array(fs.length * L);
      fs.forEach((f, i) => f.forEach((x) => w.get(x)?.forEach((v, c) => (em[i * L + c] += v))));
      const pred = viterbi(em, fs.length, L, tw, allowed);
      const gold = data[si].tags.map((x) => labels.indexOf(x));
      for (let i = 0; i < fs.length; i++) {
        if (gold[i] !== pred[i]) {
          for (const x of fs[i]) {
            row(w, x)[gold[i]] += 1;
            row(w, x)[pred[i]] -= 1;
          }
        }
        const gp = i === 0 ? L : gold[i - 1];
        const pp = i === 0 ? L : pred[i - 1];
        if (gold[i] !== pred[i] || gp !== pp) {
          tw[gp * L + gold[i]] += 1;
          tw[pp * L + pred[i]] -= 1;
        }
      }
      n++;
      for (const [f, ws] of w) ws.forEach((v, c) => (row(sum, f)[c] += v));
      tw.forEach((v, i) => (tsum[i] += v));
    }
  }
  return { labels, weights: new Map([...sum].map(([f, ws]) => [f, ws.map((v) => v / n)])), transitions: tsum.map((v) => v / n) };
}

test('lazy averaging gives the plain average of the weights after every sentence', async (t) => {
  const res = await loadGujaratiResources();
  const data = synthetic(25);
  const model = trainPerceptron(data, { epochs: 3, seed: 4, resources: res });
  const naive = naiveAveraged(data, 3, 4, res);
  t.deepEqual(model.labels, naive.labels);
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b));
  let compared = 0;
  for (const [f, ws] of naive.weights) {
    const got = model.weights.get(f) ?? new Float64Array(ws.length);
    ws.forEach((v, c) => t.true(close(got[c], v), `${f} ${model.labels[c]}: ${got[c]} vs ${v}`));
    compared++;
  }
  t.true(compared > 100);
  naive.transitions.forEach((v, i) => t.true(close(model.transitions[i], v), `transition ${i}: ${model.transitions[i]} vs ${v}`));
});

test('a trained model learns the synthetic data', async (t) => {
  const res = await loadGujaratiResources();
  const data = synthetic(60);
  const tagger = new Tagger(trainPerceptron(data, { epochs: 8, seed: 1, resources: res }), res);
  const right = data.filter((s) => tagger.tag(s.tokens).join(' ') === s.tags.join(' ')).length;
  t.true(right >= 55, `${right}/60 sentences tagged exactly`);
});

test('a model file of another version is refused with a clear error', async (t) => {
  const text = serializeModel(trainPerceptron(synthetic(8), { epochs: 1, resources: NO_RESOURCES }));
  const other = text.replace(`"version":${MODEL_VERSION}`, `"version":${MODEL_VERSION + 1}`);
  t.not(other, text);
  const err = t.throws(() => parseModel(other, 'models/old.json'), { instanceOf: InputError });
  t.regex(err!.message, /^models\/old\.json: perceptron model version 3 is not supported: this gujnlp reads versions 1 and 2; retrain/);
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-perceptron-'));
  writeFileSync(join(dir, 'old.json'), other);
  await t.throwsAsync(loadPerceptronAnnotator(join(dir, 'old.json')), { instanceOf: InputError, message: /version 3 is not supported/ });
  // version 1 files (no cue, rules or n-gram features) still load
  t.is(parseModel(text.replace(`"version":${MODEL_VERSION}`, '"version":1'), 'v1.json').labels[0], 'O');
  t.throws(() => parseModel('{"format":"something-else"}', 'x.json'), { message: /not a gujnlp perceptron model/ });
  t.throws(() => parseModel('{', 'x.json'), { instanceOf: InputError, message: /^x\.json: not a JSON model file/ });
});

test('early stopping on dev keeps the best epoch and records its F1', async (t) => {
  const res = await loadGujaratiResources();
  const data = synthetic(30);
  const reports: number[] = [];
  const m = trainPerceptron(data.slice(0, 20), { epochs: 12, patience: 2, seed: 3, dev: data.slice(20), resources: res, onEpoch: (r) => reports.push(r.devF1!) });
  t.is(m.training.epochs, reports.length);
  t.is(m.training.devF1, Number(Math.max(...reports).toPrecision(6)));
  t.is(reports[m.training.bestEpoch - 1], Math.max(...reports));
  t.true(reports.indexOf(Math.max(...reports)) === m.training.bestEpoch - 1, 'first best epoch is kept');
});

test('gold tags are repaired to IOB2 before training (an I- after O starts an entity, as conlleval reads it)', async (t) => {
  const res = await loadGujaratiResources();
  const data = syntheticSentences(30).map((s) => ({ tokens: s.map((x) => x[0]), tags: s.map((x) => x[1].replace(/^B-/, 'I-')) }));
  const m = trainPerceptron(data, { epochs: 3, seed: 1, resources: res });
  const tagger = new Tagger(m, res);
  const tags = tagger.tag(data[0].tokens);
  t.true(tags.every((tag, i) => !tag.startsWith('I-') || (i > 0 && tags[i - 1].slice(2) === tag.slice(2) && tags[i - 1] !== 'O')));
  t.true(m.labels.includes('B-PER') || m.labels.includes('B-LOC'));
});

test('the annotator returns UTF-16 entity spans of the document with source = model name', async (t) => {
  const res = await loadGujaratiResources();
  const docs = [docFromTagged('train', syntheticSentences(40))];
  const model = await trainFromDocuments(docs, { epochs: 6, resources: res });
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-perceptron-'));
  const path = join(dir, 'perceptron-test.json');
  writeFileSync(path, serializeModel(model));
  const ann = await loadPerceptronAnnotator(path);
  t.is(ann.name, 'perceptron-test');
  t.regex(ann.version, /^v2-[0-9a-f]{12}$/);
  // an astral character before the names: UTF-16 and code point offsets differ
  const doc = docFromTagged('d', [
    [
      ['🇷🇺', 'O'],
      ['ઇમરાન', 'B-PER'],
      ['ખાને', 'I-PER'],
      ['રશિયાની', 'B-LOC'],
      ['મુલાકાત', 'O'],
      ['લીધી', 'O'],
      ['.', 'O'],
    ],
  ]);
  const gold = doc.entities;
  const got = await ann.annotate({ ...doc, entities: [] });
  for (const e of got) t.is(e.text, doc.text.slice(e.start, e.end));
  t.true(got.every((e) => e.source === 'perceptron-test'));
  const key = (e: { start: number; end: number; label: string }): string => `${e.label} ${e.start} ${e.end}`;
  t.deepEqual(
    gold.map(key).filter((k) => !got.map(key).includes(k)),
    [],
    `gold ${gold.map(key)} found in ${got.map(key)}`,
  );
  t.is(gold[0].start, 5, 'UTF-16 offset: the flag is 4 units + a space');
});

test('span edges inside tokens (case endings, #) are cut when the training spans were (learnt from the data)', async (t) => {
  const res = await loadGujaratiResources();
  const sents = syntheticSentences(40);
  // hashtag names in some sentences: '#રશિયા' as a whole token
  for (let i = 0; i < sents.length; i += 5) sents[i] = [['#ભારત', 'B-LOC'], ...sents[i]];
  const whole = docFromTagged('whole', sents);
  // the same document with every span cut after '#' and before the case ending of its last token
  const cut = {
    ...whole,
    entities: whole.entities.map((e) => {
      const last = whole.tokens.find((x) => x.start < e.end && e.end <= x.end)!;
      const start = whole.text[e.start] === '#' ? e.start + 1 : e.start;
      const end = last.start + res.splitEnding(last.text).stem.length;
      return { ...e, start, end, text: whole.text.slice(start, end) };
    }),
  };
  t.true(
    cut.entities.some((e, i) => e.end < whole.entities[i].end),
    'some spans were cut',
  );
  const test1 = docFromTagged('x', [
    [
      ['#ભારત', 'B-LOC'],
      ['ઇમરાન', 'B-PER'],
      ['ખાને', 'I-PER'],
      ['રશિયાની', 'B-LOC'],
      ['મુલાકાત', 'O'],
      ['લીધી', 'O'],
      ['.', 'O'],
    ],
  ]);
  const texts = async (docs: (typeof whole)[]) => {
    const m = await trainFromDocuments(docs, { epochs: 5, resources: res });
    return { trim: m.trim, got: (await new PerceptronAnnotator(m, res).annotate(test1)).map((e) => e.text) };
  };
  t.deepEqual(await texts([cut]), { trim: { caseEndings: true, hashtags: true }, got: ['ભારત', 'ઇમરાન ખાન', 'રશિયા'] });
  t.deepEqual(await texts([whole]), { trim: { caseEndings: false, hashtags: false }, got: ['#ભારત', 'ઇમરાન ખાને', 'રશિયાની'] });
  // the rules survive the model file
  const m = await trainFromDocuments([cut], { epochs: 1, resources: res });
  t.deepEqual(parseModel(serializeModel(m), 'm.json').trim, { caseEndings: true, hashtags: true });
  t.throws(() => parseModel(serializeModel(m).replace('"hashtags":true', '"hashtag":true'), 'm.json'), { message: /bad "trim" entry "hashtag"/ });
});

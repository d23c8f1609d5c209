/**
 * The ONNX annotator end to end, with tiny Gather "models" the tests write
 * into temporary folders (never downloaded; see scripts/tiny-onnx-model.ts).
 */
import test from 'ava';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOnnxAnnotator, type OnnxOptions } from '../src/annotate/onnx/index.js';
import { TINY_GU_SPEC, tinyModelFiles, tinyModelOnnx, writeTinyModel } from '../scripts/tiny-onnx-model.js';
import type { Document, Entity, Token } from '../src/doc/types.js';
import { InputError } from '../src/io/errors.js';
import { ROOT } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'gujnlp-onnx-'));
const MODEL = join(tmp, 'tiny-gu');
writeTinyModel(MODEL);
test.after.always(() => rmSync(tmp, { recursive: true, force: true }));

/** A document from pre-split sentences of space-separated words (UTF-16 spans). */
function docOf(sentences: string[], prefix = ''): Document {
  let text = prefix;
  const tokens: Token[] = [];
  const sents: Document['sentences'] = [];
  for (const s of sentences) {
    const start = text.length;
    s.split(' ').forEach((w, i) => {
      if (i > 0) text += ' ';
      tokens.push({ start: text.length, end: text.length + w.length, text: w, kind: 'word' });
      text += w;
    });
    sents.push({ start, end: text.length, text: text.slice(start) });
    text += '\n';
  }
  return { id: 'test', text, sentences: sents, tokens, entities: [] };
}

const brief = (es: Entity[]) => es.map((e) => `${e.label}:${e.text}`);
const load = (opts: OnnxOptions = {}) => loadOnnxAnnotator(MODEL, { map: { GPE: 'LOC' }, ...opts });

const S1 = 'પાકિસ્તાનના વડાપ્રધાન ઇમરાન ખાનને રશિયાના વિદેશ મંત્રી સેરગેઈ લોવરોવ મળ્યા .';
const S2 = 'સંયુક્ત રાષ્ટ્ર અને MFA પર April 2021 માં કોઈ ઇસ્લામાબાદ ગયા .';

test('the tiny model runs through @xenova/transformers and the tokenizer keeps Gujarati vowel signs', async (t) => {
  const tf = await import('@xenova/transformers');
  tf.env.allowRemoteModels = false;
  tf.env.localModelPath = tmp + '/';
  const tok = await tf.AutoTokenizer.from_pretrained('tiny-gu', { local_files_only: true });
  const model = await tf.AutoModelForTokenClassification.from_pretrained('tiny-gu', { local_files_only: true, quantized: false });
  // the parts of transformers.js used here, which its own types leave out
  const vocab = (tok as unknown as { model: { convert_ids_to_tokens(ids: number[]): string[] } }).model;
  const pieces = (w: string) => vocab.convert_ids_to_tokens(tok.encode(w, null, { add_special_tokens: false }));
  t.deepEqual(pieces('ખાનને'), ['ખાન', '##ને']);
  t.deepEqual(pieces('પાકિસ્તાનના'), ['પાકિસ્તાન', '##ના']);
  t.deepEqual(pieces('અમદાવાદ'), ['અમ', '##દા', '##વાદ']);
  t.deepEqual(pieces('કંઈક'), ['[UNK]']);
  const run = model as unknown as ((inputs: unknown) => Promise<{ logits: { dims: number[]; data: Float32Array } }>) & { dispose(): Promise<void> };
  const out = await run(tok(['ઇમરાન ખાન']));
  t.deepEqual(out.logits.dims, [1, 4, TINY_GU_SPEC.labels.length]);
  const row = (i: number) => Array.from(out.logits.data.slice(i * 11, i * 11 + 11));
  const argmax = (r: number[]) => r.indexOf(Math.max(...r));
  t.deepEqual(
    [1, 2].map((i) => TINY_GU_SPEC.labels[argmax(row(i))]),
    ['B-PER', 'I-PER'],
  );
  await run.dispose();
});

test('exact entities, mapped labels, UTF-16 spans, source and scores', async (t) => {
  const a = await load();
  const doc = docOf([S1, S2], '🇷🇺🇵🇰 ');
  const es = await a.annotate(doc);
  t.deepEqual(brief(es), ['LOC:પાકિસ્તાનના', 'PER:ઇમરાન ખાનને', 'LOC:રશિયાના', 'PER:સેરગેઈ લોવરોવ', 'ORG:સંયુક્ત રાષ્ટ્ર', 'ORG:MFA', 'LOC:ઇસ્લામાબાદ']);
  for (const e of es) {
    t.is<string | undefined, string | undefined>(doc.text.slice(e.start, e.end), e.text);
    t.is(e.source, 'onnx-tiny-gu');
    t.true(Math.abs((e.score ?? 0) - 0.9) < 1e-6, `${e.text} score ${e.score}`);
  }
  t.is(es[0].start, 9); // after two flag emoji (8 UTF-16 units) and a space
  // DATE is outside the schema: dropped and counted per word
  t.deepEqual(a.stats.dropped, { 'B-DATE': 1, 'I-DATE': 1 });
  t.is(a.stats.sentences, 2);
  t.is(a.stats.words, 23);
  t.deepEqual(doc.entities, [], 'the document is not changed');
  t.regex(a.version, /^[0-9a-f]{12}$/);
  await a.dispose();
});

test('without a map, GPE labels are dropped and counted', async (t) => {
  const a = await loadOnnxAnnotator(MODEL);
  t.deepEqual(brief(await a.annotate(docOf([S1]))), ['PER:ઇમરાન ખાનને', 'PER:સેરગેઈ લોવરોવ']);
  t.deepEqual(a.stats.dropped, { 'B-GPE': 2 });
  t.deepEqual(a.warnings, ['model labels outside the schema, predicted as O unless mapped with --map: B-GPE, I-GPE, B-DATE, I-DATE']);
});

test('a full-label map wins over a type map; DATE can be mapped in', async (t) => {
  const a = await load({ map: { GPE: 'LOC', 'B-GPE': 'B-MISC', DATE: 'MISC' } });
  t.deepEqual(brief(await a.annotate(docOf([S2, 'રશિયા']))), ['ORG:સંયુક્ત રાષ્ટ્ર', 'ORG:MFA', 'MISC:April 2021', 'LOC:ઇસ્લામાબાદ', 'MISC:રશિયા']);
  t.deepEqual(a.stats.dropped, {});
});

test('subword aggregation: first, max and average give three labels for અમ ##દા ##વાદ', async (t) => {
  const doc = docOf(['અમદાવાદ ગયા']);
  const got: Record<string, string[]> = {};
  for (const aggregate of ['first', 'max', 'average'] as const) {
    const es = await (await load({ aggregate })).annotate(doc);
    got[aggregate] = es.map((e) => `${e.label}:${e.text}:${e.score?.toFixed(3)}`);
  }
  t.deepEqual(got, {
    first: ['PER:અમદાવાદ:0.500'],
    max: ['LOC:અમદાવાદ:0.900'],
    average: ['ORG:અમદાવાદ:0.367'],
  });
  // a case ending (##ના, O at 0.8) does not override its stem under any strategy
  for (const aggregate of ['first', 'max', 'average'] as const) {
    t.deepEqual(brief(await (await load({ aggregate })).annotate(docOf(['પાકિસ્તાનના']))), ['LOC:પાકિસ્તાનના'], aggregate);
  }
});

test('windowing: a sentence longer than the model limit gives the same entities as one window', async (t) => {
  const long = [S1, S2, S1, S2, S1].map((s) => s.replace(/ \.$/, '')).join(' ') + ' .';
  const doc = docOf([long, S1]);
  const windowed = await load();
  const whole = await load({ maxLength: 512 });
  t.is(windowed.maxLength, 16);
  const expected = await whole.annotate(doc);
  t.is(whole.stats.windows, 2);
  t.true(expected.length >= 20);
  t.deepEqual(await windowed.annotate(doc), expected);
  t.true(windowed.stats.windows > 8, `windows: ${windowed.stats.windows}`);
  for (const stride of [0, 1, 7, 13]) t.deepEqual(await (await load({ stride })).annotate(doc), expected, `stride ${stride}`);
  await t.throwsAsync(load({ stride: 14 }), { instanceOf: InputError, message: /stride/ });
});

test('batching: batch size and sentence order do not change the entities', async (t) => {
  const sents = [S1, S2, 'ઇમરાન ખાન', 'આ', S2, 'અમદાવાદ', S1];
  const reference = await (await load({ batchSize: 1 })).annotate(docOf(sents));
  const batched = await load({ batchSize: 3 });
  t.deepEqual(await batched.annotate(docOf(sents)), reference);
  t.is(batched.stats.batches, 3);
  t.true(batched.stats.padding >= 0);
});

test('annotateAll batches the sentences of many documents together, same entities as one by one', async (t) => {
  const docs = [S1, S2, 'ઇમરાન ખાન', 'આ', 'અમદાવાદ', '🇷🇺 રશિયા'].map((s, i) => ({ ...docOf([s]), id: `d${i}` }));
  const one = await load({ batchSize: 4 });
  const each = [];
  for (const d of docs) each.push(await one.annotate(d));
  t.is(one.stats.batches, docs.length);
  const all = await load({ batchSize: 4 });
  t.deepEqual(await all.annotateAll(docs), each);
  t.is(all.stats.documents, docs.length);
  t.is(all.stats.batches, Math.ceil(all.stats.windows / 4));
  t.true(all.stats.batches < docs.length);
});

test('windowing and batching agree with one window per sentence on random sentences', async (t) => {
  const words = ['પાકિસ્તાનના', 'ઇમરાન', 'ખાનને', 'આ', 'અમદાવાદ', 'કંઈક', 'સંયુક્ત', 'રાષ્ટ્ર', 'MFA', 'રશિયા', '.', 'લોવરોવ', 'ગયા'];
  const windowed = await load({ aggregate: 'average', batchSize: 4 });
  const whole = await load({ aggregate: 'average', maxLength: 4096 });
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 13 }), async (sents, stride) => {
      const doc = docOf(sents.map((s) => s.join(' ')));
      const w = await loadOnnxAnnotator(MODEL, { map: { GPE: 'LOC' }, aggregate: 'average', stride });
      const expected = JSON.stringify(await whole.annotate(doc));
      return JSON.stringify(await windowed.annotate(doc)) === expected && JSON.stringify(await w.annotate(doc)) === expected;
    }),
    { numRuns: 25 },
  );
  t.pass();
});

test('a model without token_type_ids and with no special tokens in its post-processor', async (t) => {
  const dir = join(tmp, 'no-tti');
  writeTinyModel(dir, { ...TINY_GU_SPEC, tokenTypeIds: false });
  const tj = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8'));
  tj.post_processor = null;
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tj));
  const a = await loadOnnxAnnotator(dir, { map: { GPE: 'LOC' } });
  t.deepEqual(brief(await a.annotate(docOf(['ઇમરાન ખાનને રશિયા']))), ['PER:ઇમરાન ખાનને', 'LOC:રશિયા']);
  t.is(a.stats.pieces, 4);
  t.deepEqual(a.warnings, ['model labels outside the schema, predicted as O unless mapped with --map: B-DATE, I-DATE']);
});

test('a tokenizer.json part gujnlp does not implement: transformers.js tokenizes, with a warning naming it', async (t) => {
  const dir = join(tmp, 'digits');
  writeTinyModel(dir);
  const tj = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8'));
  tj.pre_tokenizer = { type: 'Sequence', pretokenizers: [tj.pre_tokenizer, { type: 'Digits', individual_digits: false }] };
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tj));
  const a = await loadOnnxAnnotator(dir, { map: { GPE: 'LOC' } });
  t.is(a.tokenizedBy, 'transformers.js');
  t.regex(a.warnings[0], /does not implement the Digits pre-tokenizer of tokenizer\.json, so transformers\.js tokenizes/);
  t.deepEqual(a.pieces('ખાનને'), ['ખાન', '##ને']);
  t.deepEqual(brief(await a.annotate(docOf(['ઇમરાન ખાનને રશિયા']))), ['PER:ઇમરાન ખાનને', 'LOC:રશિયા']);
  const own = await load();
  t.is(own.tokenizedBy, 'gujnlp');
  t.deepEqual(own.pieces('ખાનને'), ['ખાન', '##ને']);
});

test('a model tagging with IOBES prefixes is decoded with that scheme', async (t) => {
  const dir = join(tmp, 'iobes');
  writeTinyModel(dir, {
    labels: ['O', 'B-PER', 'I-PER', 'E-PER', 'S-LOC'],
    pieces: [
      ['ઇમરાન', 'B-PER'],
      ['અહમદ', 'I-PER'],
      ['ખાન', 'E-PER'],
      ['રશિયા', 'S-LOC'],
      ['ભારત', 'S-LOC'],
    ],
    maxLength: 32,
    confidence: 0.9,
    tokenTypeIds: true,
  });
  const a = await loadOnnxAnnotator(dir);
  t.deepEqual(a.warnings, []);
  t.deepEqual(brief(await a.annotate(docOf(['ઇમરાન અહમદ ખાન રશિયા ભારત ખાન ઇમરાન']))), ['PER:ઇમરાન અહમદ ખાન', 'LOC:રશિયા', 'LOC:ભારત', 'PER:ખાન', 'PER:ઇમરાન']);
});

test('the dense benchmark variant (MatMul layers muted by ×0) predicts exactly what the lookup model predicts', async (t) => {
  const dir = join(tmp, 'dense');
  writeTinyModel(dir, { ...TINY_GU_SPEC, dense: { hidden: 16, layers: 3 } });
  const dense = await loadOnnxAnnotator(dir, { map: { GPE: 'LOC' }, name: 'x', aggregate: 'average' });
  const plain = await load({ name: 'x', aggregate: 'average' });
  const doc = docOf([S1, S2, 'અમદાવાદ ' + S1]);
  t.deepEqual(await dense.annotate(doc), await plain.annotate(doc));
});

test('empty documents, empty sentences and words without pieces', async (t) => {
  const a = await load();
  t.deepEqual(await a.annotate({ id: 'e', text: '', sentences: [], tokens: [], entities: [] }), []);
  // U+200D alone is removed by the BERT normaliser: no pieces, tagged O, never sent to the model
  const doc = docOf(['\u200d ઇમરાન ખાન']);
  t.deepEqual(brief(await a.annotate(doc)), ['PER:ઇમરાન ખાન']);
  t.is(a.stats.pieces, 4);
});

test('bad folders give InputErrors naming the file; nothing is looked up remotely', async (t) => {
  await t.throwsAsync(loadOnnxAnnotator(join(tmp, 'nope')), { instanceOf: InputError, message: /nope: model folder not found.*nothing is downloaded/ });
  await t.throwsAsync(loadOnnxAnnotator('someone/some-hub-model'), { instanceOf: InputError, message: /local model folders only/ });
  const broken = join(tmp, 'broken');
  writeTinyModel(broken);
  unlinkSync(join(broken, 'onnx', 'model.onnx'));
  await t.throwsAsync(loadOnnxAnnotator(broken), {
    instanceOf: InputError,
    message: /broken: no ONNX model in the folder: looked for onnx\/model\.onnx, model\.onnx, onnx\/model_quantized\.onnx, model_quantized\.onnx/,
  });
  await t.throwsAsync(loadOnnxAnnotator(broken, { quantized: true }), { instanceOf: InputError, message: /looked for onnx\/model_quantized\.onnx, model_quantized\.onnx$/ });
  writeFileSync(join(broken, 'config.json'), '{"model_type": "bert"}');
  await t.throwsAsync(loadOnnxAnnotator(broken), { instanceOf: InputError, message: /config\.json: no id2label/ });
  unlinkSync(join(broken, 'config.json'));
  await t.throwsAsync(loadOnnxAnnotator(broken), { instanceOf: InputError, message: /config\.json: missing file/ });
  await t.throwsAsync(load({ aggregate: 'mean' as never }), { instanceOf: InputError, message: /aggregation/ });
  const corrupt = join(tmp, 'corrupt');
  writeTinyModel(corrupt);
  writeFileSync(join(corrupt, 'onnx', 'model.onnx'), 'not a model');
  await t.throwsAsync(loadOnnxAnnotator(corrupt), { instanceOf: InputError, message: /corrupt: cannot load the model/ });
});

test('an optimum export (model.onnx at the folder root, no tokenizer_config.json) loads and predicts the same', async (t) => {
  const dir = join(tmp, 'optimum');
  writeTinyModel(dir);
  renameSync(join(dir, 'onnx', 'model.onnx'), join(dir, 'model.onnx'));
  rmSync(join(dir, 'onnx'), { recursive: true });
  unlinkSync(join(dir, 'tokenizer_config.json'));
  const doc = docOf([S1, S2]);
  const a = await loadOnnxAnnotator(dir, { map: { GPE: 'LOC' }, name: 'x', maxLength: 16 });
  t.deepEqual(await a.annotate(doc), await load({ name: 'x' }).then((b) => b.annotate(doc)));
  await a.dispose();
});

test('--max-length beyond the position embeddings is refused in one line', async (t) => {
  await t.throwsAsync(load({ maxLength: 5000 }), {
    instanceOf: InputError,
    message: /tiny-gu: max length 5000 is more than the model takes: at most 4096 pieces \(max_position_embeddings 4096\)$/,
  });
  t.is((await load({ maxLength: 4096 })).maxLength, 4096);
});

test('loading and annotating print nothing on stdout', (t) => {
  const script = `
    const { loadOnnxAnnotator } = await import(${JSON.stringify(join(ROOT, 'src/annotate/onnx/index.ts'))});
    const a = await loadOnnxAnnotator(${JSON.stringify(MODEL)}, { map: { GPE: 'LOC' } });
    const text = 'ઇમરાન ખાન';
    const es = await a.annotate({ id: 'x', text, sentences: [{ start: 0, end: 9, text }],
      tokens: [{ start: 0, end: 5, text: 'ઇમરાન', kind: 'word' }, { start: 6, end: 9, text: 'ખાન', kind: 'word' }], entities: [] });
    process.stderr.write('entities ' + es.length + '\\n');`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  t.is(r.stdout, '');
  t.regex(r.stderr, /entities 1/);
});

test('models/onnx-tiny-gu-test is exactly what the generator writes', (t) => {
  const shipped = join(ROOT, 'models', 'onnx-tiny-gu-test');
  const files = tinyModelFiles(TINY_GU_SPEC);
  t.deepEqual(readdirSync(shipped).sort(), [...Object.keys(files), 'onnx'].sort());
  for (const [rel, text] of Object.entries(files)) t.is(readFileSync(join(shipped, rel), 'utf8'), text, rel);
  t.true(readFileSync(join(shipped, 'onnx', 'model.onnx')).equals(Buffer.from(tinyModelOnnx(TINY_GU_SPEC))), 'onnx/model.onnx differs: run node --import tsx scripts/tiny-onnx-model.ts');
  t.regex(files['README.md'], /TEST MODEL/);
});

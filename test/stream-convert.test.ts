/**
 * The streamed convert writes the bytes of the whole-file path (read every
 * document, check, render): on the shared WikiANN CoNLL (one document cut
 * into parts, and split into several -DOCSTART- documents), HF JSONL made
 * from it, and the doccano JSONL of FLORES and UD, into json, CoNLL, HF and
 * doccano; and a broken file stops at the problem the whole-file path
 * names, with the same count.
 */
import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAnnotations, renderAnnotations, type FormatName } from '../src/formats/index.js';
import { checkDocuments } from '../src/validate/index.js';
import { DEFAULT_SCHEMA } from '../src/doc/types.js';
import { problemToError } from '../src/io/problem.js';
import { InputError } from '../src/io/errors.js';
import { convertStream } from '../src/stream/convert.js';
import { runCli } from './helpers/cli.js';
import { readShared, SKIP_NO_SHARED } from './helpers/shared.js';

const wikiann = readShared('data/wikiann-gu/dev.tsv');
const floresNer = readShared('data/flores-gu/ner.jsonl');
const udNer = readShared('data/ud-gujtb/ner.jsonl');

const dir = mkdtempSync(join(tmpdir(), 'gujnlp-stream-convert-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

/** The whole-file convert: every document read and checked, then rendered; files by name (or the error). */
function wholeConvert(input: string, from: FormatName, to: FormatName, out: string): Map<string, string> | string {
  try {
    const docs = readAnnotations(input, { format: from });
    const problems = checkDocuments(docs, { schema: DEFAULT_SCHEMA });
    if (problems.length > 0) {
      const err = problemToError(problems[0]);
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}: gujnlp validate ${input})` : '';
      return new InputError(`${err.problem}${more}`, { file: err.file, line: err.line }).message;
    }
    const r = renderAnnotations(docs, { format: to, align: 'expand', labels: DEFAULT_SCHEMA.labels, path: out });
    return r.files;
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
}

let outs = 0;
async function streamed(input: string, from: FormatName, to: FormatName, partLines: number): Promise<{ files: Map<string, string>; out: string } | string> {
  const sub = join(dir, `out-${outs++}`);
  mkdirSync(sub);
  const out = join(sub, to === 'hf' || to === 'doccano' ? 'data.jsonl' : to === 'json' ? 'data.json' : 'data.conll');
  try {
    const r = await convertStream({ input, from, output: out, to, align: 'expand', labels: DEFAULT_SCHEMA.labels, schema: DEFAULT_SCHEMA, partLines });
    const files = new Map<string, string>();
    for (const f of r.report.files) files.set(f, readFileSync(f, 'utf8'));
    return { files, out };
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
}

let made: Record<string, [string, FormatName]> | undefined;
/** The inputs, written once (tests run concurrently). */
function inputs(): Record<string, [string, FormatName]> {
  made ??= makeInputs();
  return made;
}

function makeInputs(): Record<string, [string, FormatName]> {
  const conll = join(dir, 'wikiann.conll');
  writeFileSync(conll, wikiann!);
  // several documents: a -DOCSTART- line before every 20th sentence
  const sentences = wikiann!.trim().split(/\n\s*\n/);
  const docs = join(dir, 'wikiann-docs.conll');
  writeFileSync(docs, sentences.map((s, i) => (i % 20 === 0 ? `-DOCSTART- -X- -X- O\n\n${s}` : s)).join('\n\n') + '\n');
  const flores = join(dir, 'flores-ner.jsonl');
  writeFileSync(flores, floresNer!);
  const ud = join(dir, 'ud-ner.jsonl');
  writeFileSync(ud, udNer!);
  const hf = join(dir, 'hf', 'wikiann.jsonl');
  mkdirSync(join(dir, 'hf'), { recursive: true });
  for (const [p, c] of (wholeConvert(conll, 'conll', 'hf', hf) as Map<string, string>).entries()) writeFileSync(p, c);
  const hfDocs = join(dir, 'hf2', 'wikiann-docs.jsonl');
  mkdirSync(join(dir, 'hf2'), { recursive: true });
  for (const [p, c] of (wholeConvert(docs, 'conll', 'hf', hfDocs) as Map<string, string>).entries()) writeFileSync(p, c);
  // CoNLL columns only in a later document: the HF writer learns it in a first pass
  const cols = join(dir, 'cols.conll');
  writeFileSync(
    cols,
    `${sentences
      .slice(0, 30)
      .map((x, i) => (i % 10 === 0 ? `-DOCSTART- -X- -X- O\n\n${x}` : x))
      .join('\n\n')}\n\n-DOCSTART- -X- -X- O\n\nદેશ\tNN\tB-LOC\nછે\tVB\tO\n`,
  );
  return { cols: [cols, 'conll'], conll: [conll, 'conll'], docs: [docs, 'conll'], flores: [flores, 'doccano'], ud: [ud, 'doccano'], hf: [hf, 'hf'], hfDocs: [hfDocs, 'hf'] };
}

const OUTPUTS: FormatName[] = ['json', 'conll', 'hf', 'doccano'];

test('streamed convert writes the bytes of the whole-file path, for every line-based input and streamed output', async (t) => {
  if (wikiann === undefined || floresNer === undefined || udNer === undefined) return t.pass(SKIP_NO_SHARED('data/wikiann-gu, data/flores-gu, data/ud-gujtb'));
  for (const [kind, [input, from]] of Object.entries(inputs())) {
    for (const to of OUTPUTS) {
      const got = await streamed(input, from, to, 300);
      if (typeof got === 'string') {
        t.fail(`${kind} → ${to}: ${got}`);
        continue;
      }
      const want = wholeConvert(input, from, to, got.out);
      if (typeof want === 'string') {
        t.fail(`${kind} → ${to}: the whole-file path fails: ${want}`);
        continue;
      }
      t.deepEqual([...got.files.keys()].sort(), [...want.keys()].sort(), `${kind} → ${to}: files written`);
      for (const [p, c] of want) t.true(got.files.get(p) === c, `${kind} → ${to}: ${p} differs from the whole-file output`);
    }
  }
});

test('a broken file stops the streamed convert at the problem the whole-file path names, and nothing is written', async (t) => {
  if (wikiann === undefined) return t.pass(SKIP_NO_SHARED('data/wikiann-gu'));
  const sentences = wikiann.trim().split(/\n\s*\n/);
  const cases: Record<string, string> = {
    // a tag-sequence problem in the first document, a syntax problem (reported first by the whole file) in a later one
    'syntax after tag-sequence': ['-DOCSTART- -X- -X- O', '', 'ક\tI-PER', '', ...sentences.slice(0, 50), '-DOCSTART- -X- -X- O', '', ...sentences.slice(50, 100), 'broken-line-without-tag', ''].join(
      '\n',
    ),
    // labels outside the schema in several parts: the first named, the rest counted
    'labels outside the schema': sentences.map((s) => s.replace(/-PER$/gm, '-PERSON')).join('\n\n') + '\n',
    'duplicate doccano ids': (floresNer ?? '{"id":"a","text":"x","label":[]}\n').split('\n').slice(0, 5).join('\n') + '\n' + (floresNer ?? '{"id":"a","text":"x","label":[]}\n').split('\n')[0] + '\n',
  };
  for (const [name, content] of Object.entries(cases)) {
    const from: FormatName = name.includes('doccano') ? 'doccano' : 'conll';
    const input = join(dir, `broken-${outs}.${from === 'doccano' ? 'jsonl' : 'conll'}`);
    writeFileSync(input, content);
    const got = await streamed(input, from, 'hf', 300);
    const want = wholeConvert(input, from, 'hf', 'x.jsonl');
    t.is(typeof want, 'string', `${name}: the whole-file path refuses it`);
    t.is(got as string, want as string, name);
    t.false(existsSync(join(dir, `out-${outs - 1}`, 'data.jsonl')), `${name}: no output`);
  }
});

test('the CLI streams a line-based convert and prints the summary of the whole-file path', async (t) => {
  if (wikiann === undefined) return t.pass(SKIP_NO_SHARED('data/wikiann-gu'));
  const input = join(dir, 'cli.conll');
  writeFileSync(input, wikiann);
  const out = join(dir, 'cli-out', 'x.jsonl');
  const r = await runCli(['convert', input, out]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /^gujnlp convert: 1 document, \d+ entities: conll → hf \(.*x\.jsonl, .*labels\.json, .*README\.md\)\n/);
  const want = wholeConvert(input, 'conll', 'hf', out) as Map<string, string>;
  for (const [p, c] of want) t.is(readFileSync(p, 'utf8'), c, p);
});

test('a one-document CoNLL or HF file is read in parts (memory bounded by a part), a file of several documents one document at a time', async (t) => {
  if (wikiann === undefined) return t.pass(SKIP_NO_SHARED('data/wikiann-gu'));
  const { fileParts } = await import('../src/stream/file-sources.js');
  const ins = inputs();
  const count = async (path: string, format: FormatName): Promise<[number, number]> => {
    let parts = 0;
    let docs = 0;
    for await (const p of fileParts(path, format, { partLines: 300 })) {
      parts++;
      if (p.last) docs++;
    }
    return [parts, docs];
  };
  t.deepEqual(await count(ins.conll[0], 'conll'), [5, 1]);
  const [hfParts, hfDocs] = await count(ins.hf[0], 'hf');
  t.is(hfDocs, 1);
  t.true(hfParts >= 6, `HF parts: ${hfParts}`);
  const [parts, docs] = await count(ins.docs[0], 'conll');
  t.is(parts, docs);
});

test('--docstart styles: a document written in parts gets its separator line once, as the whole-file path writes it', async (t) => {
  if (wikiann === undefined) return t.pass(SKIP_NO_SHARED('data/wikiann-gu'));
  const ins = inputs();
  for (const docstart of ['conll2003', 'spacy', 'none'] as const) {
    for (const [input] of [ins.conll, ins.docs]) {
      const out = join(dir, `docstart-${outs++}.conll`);
      await convertStream({ input, from: 'conll', output: out, to: 'conll', align: 'expand', labels: DEFAULT_SCHEMA.labels, schema: DEFAULT_SCHEMA, docstart, partLines: 300 });
      const want = renderAnnotations(readAnnotations(input), { format: 'conll', align: 'expand', docstart, path: out }).files.get(out);
      t.true(readFileSync(out, 'utf8') === want, `${docstart}: ${input}`);
    }
  }
});

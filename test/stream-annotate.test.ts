/**
 * The streamed annotate writes the bytes of the whole-file path: on the
 * shared FLORES text (cut into several parts), WikiANN CoNLL without
 * -DOCSTART- (long enough to be cut), doccano JSONL and HF JSONL, into every
 * streamed format and a collected one; and with worker threads.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInput, withTokens } from '../src/cli/annotate.js';
import { loadAnnotator } from '../src/annotate/registry.js';
import { renderAnnotations, type FormatName } from '../src/formats/index.js';
import { runAnnotateStream } from '../src/stream/annotate-run.js';
import type { Document } from '../src/doc/types.js';
import { runCli } from './helpers/cli.js';
import { readShared, SKIP_NO_SHARED } from './helpers/shared.js';

const flores = readShared('data/flores-gu/segments.tsv');
const wikiann = readShared('data/wikiann-gu/dev.tsv');
const floresNer = readShared('data/flores-gu/ner.jsonl');

const dir = mkdtempSync(join(tmpdir(), 'gujnlp-stream-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

/** The whole-file annotate of src/cli/annotate.ts before streaming: every document in memory, one render per format. */
async function wholeFile(input: string): Promise<(format: FormatName | undefined) => string> {
  const read = readInput(input, undefined, false);
  const a = await loadAnnotator('rules');
  const docs: Document[] = [];
  for (const d0 of read.docs) {
    const d = withTokens(d0, false);
    const es = await a.annotate(d);
    docs.push({ ...d, entities: es.map((e) => ({ ...e, text: d.text.slice(e.start, e.end), source: e.source ?? a.name })) });
  }
  return (format) => {
    const r = renderAnnotations(docs, { format: format ?? read.format ?? 'json', align: 'expand', path: 'out' });
    return [...r.files.values()][0];
  };
}

let outs = 0;
async function streamed(input: string, format: FormatName | undefined): Promise<string> {
  const out = join(dir, `out-${outs++}`);
  await runAnnotateStream({ input, inputFormat: undefined, output: out, format, scheme: undefined, softNewlines: false, spec: 'rules', load: {}, jobs: 1, resume: false, partLines: 400 });
  return readFileSync(out, 'utf8');
}

function inputs(): Record<string, string> {
  // 300 segments, ~100 KB: more than one 64 KB chunk, so several parts
  const text = join(dir, 'flores.txt');
  writeFileSync(
    text,
    flores!
      .split('\n')
      .slice(1, 301)
      .map((l) => l.split('\t')[2] ?? '')
      .join('\n'),
  );
  // WikiANN without -DOCSTART- is one document, cut into parts of 400 lines here
  const conll = join(dir, 'wikiann.conll');
  writeFileSync(conll, wikiann!);
  const doccano = join(dir, 'flores-ner.jsonl');
  writeFileSync(doccano, floresNer!.split('\n').slice(0, 100).join('\n') + '\n');
  return { text, conll, doccano };
}

const FORMATS: FormatName[] = ['json', 'conll', 'hf', 'doccano', 'labelstudio'];

test('streamed annotate writes the bytes of the whole-file path, for every input kind and format', async (t) => {
  if (flores === undefined || wikiann === undefined || floresNer === undefined) return t.pass(SKIP_NO_SHARED('data/flores-gu, data/wikiann-gu'));
  const ins = inputs();
  // an HF file (read back as HF) from the CoNLL one
  const hf = join(dir, 'wikiann-hf.jsonl');
  writeFileSync(hf, (await wholeFile(ins.conll))('hf'));
  for (const [kind, input] of Object.entries({ ...ins, hf })) {
    const whole = await wholeFile(input);
    for (const format of [undefined, ...FORMATS]) {
      const want = whole(format);
      const got = await streamed(input, format);
      t.true(got === want, `${kind} → ${format ?? 'default'}: streamed output differs from the whole-file output`);
    }
  }
});

test('--jobs 2 writes the bytes of --jobs 1 (CLI, worker threads)', async (t) => {
  if (flores === undefined || wikiann === undefined || floresNer === undefined) return t.pass(SKIP_NO_SHARED('data/flores-gu'));
  const text = join(dir, 'flores-jobs.txt');
  writeFileSync(
    text,
    flores
      .split('\n')
      .slice(1, 301)
      .map((l) => l.split('\t')[2] ?? '')
      .join('\n'),
  );
  const one = await runCli(['annotate', text, '--model', 'rules', '--format', 'conll', '--jobs', '1']);
  const two = await runCli(['annotate', text, '--model', 'rules', '--format', 'conll', '--jobs', '2']);
  t.is(one.code, 0, one.stderr);
  t.is(two.code, 0, two.stderr);
  t.true(one.stdoutBytes.length > 10000);
  t.true(one.stdoutBytes.equals(two.stdoutBytes), 'jobs 2 output differs from jobs 1');
});

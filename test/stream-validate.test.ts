/**
 * The streamed validate prints what the whole-file validateFile finds, in
 * its order (reader line problems, per-document ones, the rule set, the
 * document checks), with the same counts: on the shared WikiANN CoNLL
 * (clean, and broken in every phase across parts), HF JSONL made from it,
 * and doccano JSONL of FLORES and UD with problems added.
 */
import test from 'ava';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAnnotations, renderAnnotations, type FormatName } from '../src/formats/index.js';
import { formatProblem, summarize, validateFile } from '../src/validate/index.js';
import { DEFAULT_SCHEMA } from '../src/doc/types.js';
import { validateStream } from '../src/stream/validate.js';
import { runCli } from './helpers/cli.js';
import { readShared, SKIP_NO_SHARED } from './helpers/shared.js';
import { tempFiles } from './helpers/conll-files.js';

const wikiann = readShared('data/wikiann-gu/dev.tsv');
const floresNer = readShared('data/flores-gu/ner.jsonl');
const udNer = readShared('data/ud-gujtb/ner.jsonl');

const files = tempFiles('gujnlp-stream-validate-');
const dir = files.dir;
const file = files.file;
test.after.always(() => files.remove());
let n = 0;

/** The whole-file validation: problem lines and the counts. */
function whole(path: string, format: FormatName): { lines: string; counts: ReturnType<typeof summarize> } {
  const r = validateFile(path, { format, schema: DEFAULT_SCHEMA });
  return { lines: r.problems.map((p) => `${formatProblem(p)}\n`).join(''), counts: summarize([r]) };
}

async function streamed(path: string, format: FormatName): Promise<{ lines: string; counts: ReturnType<typeof summarize> }> {
  const output = join(dir, `problems-${n++}.txt`);
  const t = await validateStream(path, { format, schema: DEFAULT_SCHEMA, partLines: 300, output });
  return { lines: readFileSync(output, 'utf8'), counts: summarize([t]) };
}

function brokenConll(): string {
  const s = wikiann!.trim().split(/\n\s*\n/);
  return (
    [
      '-DOCSTART- -X- -X- O',
      '',
      'ક\tI-PER', // tag sequence (per document)
      '',
      ...s.slice(0, 30),
      '-DOCSTART- -X- -X- O',
      '',
      '-DOCSTART- -X- -X- O', // a -DOCSTART- without sentences: warning
      '',
      ...s.slice(30, 60),
      'no-tag-here', // syntax (line pass)
      '',
      'અ\tO\nા\tB-PER', // an entity starting inside a grapheme cluster (the rule set), in a later part
      '',
      ...s.slice(60).map((x) => x.replace(/-LOC$/gm, '-PLACE')), // labels outside the schema (document checks)
    ].join('\n') + '\n'
  );
}

test('streamed validate prints the problems and counts of the whole-file path, in its order', async (t) => {
  if (wikiann === undefined || floresNer === undefined || udNer === undefined) return t.pass(SKIP_NO_SHARED('data/wikiann-gu, data/flores-gu, data/ud-gujtb'));
  const conll = file('wikiann.conll', wikiann);
  const broken = file('broken.conll', brokenConll());
  const hfDir = join(dir, 'hf');
  mkdirSync(hfDir);
  const hf = join(hfDir, 'wikiann.jsonl');
  for (const [p, c] of renderAnnotations(readAnnotations(conll), { format: 'hf', path: hf }).files) writeFileSync(p, c);
  const hfLines = readFileSync(hf, 'utf8').split('\n');
  const hfBroken = file(
    'broken.jsonl',
    [hfLines[0], '{"tokens": ["a"], "ner_tags": ["O", "O"]}', '{not json', ...hfLines.slice(1, 40), hfLines[40].replace('"ner_tags":[0', '"ner_tags":[2'), ...hfLines.slice(41)].join('\n'),
  );
  const fl = floresNer.split('\n');
  const doccano = file('flores.jsonl', [...fl.slice(0, 30), fl[3], '{"text": "abc", "label": [[0, 9, "PER"], [0, 2, "LOC"], [1, 3, "ORG"]]}', '[1,2]', ...fl.slice(30)].join('\n'));
  const ud = file('ud.jsonl', udNer);
  const cases: [string, string, FormatName][] = [
    ['clean CoNLL', conll, 'conll'],
    ['broken CoNLL', broken, 'conll'],
    ['HF', hf, 'hf'],
    ['broken HF', hfBroken, 'hf'],
    ['broken doccano', doccano, 'doccano'],
    ['UD doccano', ud, 'doccano'],
    // old Mac line breaks: parseConll counts a lone carriage return as a line break
    ['CoNLL with lone CR', file('cr.conll', 'ભારત\tB-LOC\rમહાન\tO\n\nno-tag\rદેશ\tI-PER\n\n' + wikiann.trimEnd() + '\nbroken\n'), 'conll'],
  ];
  for (const [name, path, format] of cases) {
    const w = whole(path, format);
    const s = await streamed(path, format);
    t.is(s.lines, w.lines, `${name}: problem lines`);
    t.deepEqual(s.counts, w.counts, `${name}: counts`);
    t.is(JSON.stringify(Object.keys(s.counts.byCode)), JSON.stringify(Object.keys(w.counts.byCode)), `${name}: codes in order`);
  }
  // the broken files have problems of every phase
  t.deepEqual(Object.keys(whole(broken, 'conll').counts.byCode).sort(), ['grapheme', 'label', 'structure', 'syntax', 'tag-sequence']);
});

test('gujnlp validate streams a long CoNLL file: the whole-file output, summary and exit status', async (t) => {
  if (wikiann === undefined) return t.pass(SKIP_NO_SHARED('data/wikiann-gu'));
  // longer than one part of 20,000 lines
  const path = file('long.conll', Array.from({ length: 16 }, () => brokenConll()).join('\n'));
  const w = whole(path, 'conll');
  const r = await runCli(['validate', path]);
  t.is(r.code, 1);
  t.is(r.stdout, w.lines);
  const s = w.counts;
  t.regex(r.stderr, new RegExp(`^gujnlp validate: 1 file, ${s.documents} documents, ${s.entities} entities: ${s.errors} errors, ${s.warnings} warnings \\(`));
  const clean = file('clean.conll', wikiann);
  const c = await runCli(['validate', clean]);
  t.is(c.code, 0, c.stderr);
  t.is(c.stdout, '');
});

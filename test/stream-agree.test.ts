/**
 * agree and evaluate --gold/--pred read line-based files in step and give
 * what the whole-file path gives (read both, pair by id, score): on the
 * shared WikiANN CoNLL against a copy with tags changed, as CoNLL, HF and
 * doccano (FLORES); documents in another order or on one side only (handed
 * to the whole-file path); and the errors, in the whole-file path's order.
 */
import test from 'ava';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAnnotations, renderAnnotations } from '../src/formats/index.js';
import { readScoringPair } from '../src/formats/scoring-input.js';
import { documentsToTags } from '../src/eval/documents.js';
import { agreement } from '../src/eval/agreement.js';
import { renderAgreement } from '../src/cli/agree.js';
import { InputError } from '../src/io/errors.js';
import { runCli } from './helpers/cli.js';
import { readShared, SKIP_NO_SHARED } from './helpers/shared.js';
import { secondAnnotator, tempFiles } from './helpers/conll-files.js';

const wikiann = readShared('data/wikiann-gu/dev.tsv');
const floresNer = readShared('data/flores-gu/ner.jsonl');

const files = tempFiles('gujnlp-stream-agree-');
const dir = files.dir;
const file = files.file;
test.after.always(() => files.remove());
let n = 0;

/** The whole-file agree: stdout, or the error line. */
function wholeAgree(a: string, b: string, format = 'json'): string {
  try {
    const { gold, pred } = readScoringPair(a, b, { command: 'agree', names: [`A (${a})`, `B (${b})`] });
    const t = documentsToTags(gold, pred, {}, `B (${b})`);
    return renderAgreement(agreement(t.gold, t.pred), format);
  } catch (err) {
    if (err instanceof InputError) return `gujnlp: ${err.message}\n`;
    throw err;
  }
}

async function cliAgree(a: string, b: string, format = 'json'): Promise<string> {
  const r = await runCli(['agree', a, b, '--format', format]);
  return r.code === 0 ? r.stdout : r.stderr;
}

function docs(conll: string): string {
  return conll
    .trim()
    .split(/\n\s*\n/)
    .map((s, i) => (i % 10 === 0 ? `-DOCSTART- -X- -X- O\n\n${s}` : s))
    .join('\n\n')
    .concat('\n');
}

function hfOf(conll: string, name: string): string {
  const d = join(dir, `hf-${n++}`);
  mkdirSync(d);
  const src = file('src.conll', conll);
  const out = join(d, name);
  for (const [p, c] of renderAnnotations(readAnnotations(src), { format: 'hf', path: out }).files) writeFileSync(p, c);
  return out;
}

test('agree in step gives the whole-file numbers for CoNLL, HF and doccano files', async (t) => {
  if (wikiann === undefined || floresNer === undefined) return t.pass(SKIP_NO_SHARED('data/wikiann-gu, data/flores-gu'));
  const a = docs(wikiann);
  const b = secondAnnotator(a);
  const fl = floresNer.split('\n').filter((l) => l.trim() !== '');
  const flB = fl.map((l, i) => (i % 3 === 0 ? l.replace(/"label": \[\[[^\]]*\](, )?/, '"label": [') : l));
  const cases: [string, string, string][] = [
    ['CoNLL', file('a.conll', a), file('b.conll', b)],
    ['CoNLL, one document', file('a.conll', wikiann), file('b.conll', secondAnnotator(wikiann))],
    ['HF', hfOf(a, 'a.jsonl'), hfOf(b, 'b.jsonl')],
    ['CoNLL and HF', file('a.conll', a), hfOf(b, 'b.jsonl')],
    ['doccano', file('a.jsonl', fl.join('\n') + '\n'), file('b.jsonl', flB.join('\n') + '\n')],
    ['documents in another order', file('a.jsonl', fl.join('\n') + '\n'), file('b.jsonl', [...flB.slice(10), ...flB.slice(0, 10)].join('\n') + '\n')],
    ['a document on one side only', file('a.jsonl', fl.join('\n') + '\n'), file('b.jsonl', flB.slice(1).join('\n') + '\n')],
  ];
  for (const [name, x, y] of cases) {
    const want = wholeAgree(x, y);
    t.true(want.startsWith('{'), `${name}: the whole-file path scores it (${want})`);
    t.is(await cliAgree(x, y), want, name);
  }
});

test('agree and evaluate in step fail as the whole-file path does, in its order', async (t) => {
  if (wikiann === undefined) return t.pass(SKIP_NO_SHARED('data/wikiann-gu'));
  const a = docs(wikiann);
  const lines = a.split('\n');
  const noEntities = a.replace(/\t[BI]-\w+$/gm, '\tO');
  const otherToken = lines.map((l, i) => (i === 700 ? l.replace(/^[^\t]+/, 'X') : l)).join('\n');
  const brokenLate = `${a}broken line\n`;
  const badSequence = `-DOCSTART- -X- -X- O\n\nક\tI-PER\n\n${a}`;
  const cases: [string, string, string][] = [
    ['tokens differ', file('a.conll', a), file('b.conll', otherToken)],
    ['A has no entities (before the tokens that differ)', file('a.conll', noEntities), file('b.conll', otherToken)],
    ['B has a syntax error at its end, A a tag sequence error', file('a.conll', badSequence), file('b.conll', brokenLate)],
    ['B fails to read, tokens differ before', file('a.conll', a), file('b.conll', `${otherToken}\nbroken line\n`)],
    ['A has more documents', file('a.conll', `${a}\n-DOCSTART- -X- -X- O\n\nક\tO\n`), file('b.conll', a)],
  ];
  for (const [name, x, y] of cases) {
    const want = wholeAgree(x, y);
    t.true(want.startsWith('gujnlp: '), `${name}: the whole-file path refuses it (${want.slice(0, 80)})`);
    t.is(await cliAgree(x, y), want, `agree: ${name}`);
  }
  // evaluate: the same precedence, "gold" and "prediction"
  for (const [name, x, y] of cases) {
    let want: string;
    try {
      const { gold, pred } = readScoringPair(x, y, { command: 'evaluate' });
      documentsToTags(gold, pred, {});
      want = '';
    } catch (err) {
      want = err instanceof InputError ? `gujnlp: ${err.message}\n` : String(err);
    }
    const r = await runCli(['evaluate', '--gold', x, '--pred', y]);
    t.is(r.code, 1, name);
    t.is(r.stderr, want, `evaluate: ${name}`);
  }
});

/**
 * Hostile inputs per command (issue 14): each row runs the CLI and expects
 * its exit code and ONE line on stderr matching a pattern — never a
 * JavaScript stack trace, never "internal error" for a user's mistake —
 * and, where a file was to be written, no output and no temp file left.
 */
import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gujnlp-hostile-'));
const f = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const out = (name: string): string => join(dir, 'out', name);
mkdirSync(join(dir, 'out'));
mkdirSync(join(dir, 'gold'));
writeFileSync(join(dir, 'parent-file'), 'x');
symlinkSync(join(dir, 'out'), join(dir, 'link-to-dir.json'));

const doc = f('doc.json', JSON.stringify({ id: 'd', text: 'અમદાવાદ શહેર છે.', entities: [{ start: 0, end: 7, label: 'LOC' }] }));
const raw = f('raw.txt', 'અમદાવાદ શહેર છે.\n');
const conll20 = f('t20.conll', 'રામ\tB-PER\nગયો\tO\n\n'.repeat(20));

interface Row {
  name: string;
  args: string[];
  code: number;
  error: RegExp;
  /** Output that must not exist afterwards. */
  noOutput?: string;
}

const ROWS: Row[] = [
  // bad bytes and malformed files
  { name: 'tokenize: invalid UTF-8', args: ['tokenize', f('bad.txt', Buffer.from([0x61, 0xff, 0xfe]))], code: 1, error: /bad\.txt:1: invalid UTF-8 at byte offset 1/ },
  { name: 'tokenize: binary (NUL)', args: ['tokenize', f('nul.txt', Buffer.from([0x61, 0, 0x62]))], code: 1, error: /binary input \(NUL byte/ },
  { name: 'tokenize: missing file', args: ['tokenize', join(dir, 'missing.txt')], code: 1, error: /missing\.txt: no such file/ },
  { name: 'split: a directory', args: ['split', dir], code: 1, error: /is a directory/ },
  {
    name: 'convert: JSON nested 5,000 deep',
    args: ['convert', f('deep.json', '['.repeat(5000) + ']'.repeat(5000)), out('deep.json')],
    code: 1,
    error: /deep\.json:1: invalid JSON: nested deeper than 512 levels/,
    noOutput: out('deep.json'),
  },
  { name: 'convert: truncated JSON', args: ['convert', f('trunc.json', '{"id": "a", "text": "ક'), out('trunc.json')], code: 1, error: /trunc\.json:1: invalid JSON/, noOutput: out('trunc.json') },
  {
    name: 'convert: I- without B- (the rule validate applies)',
    args: ['convert', f('i.conll', 'ક\tI-LOC\n'), out('i.json')],
    code: 1,
    error: /i\.conll:1: I-LOC does not continue/,
    noOutput: out('i.json'),
  },
  {
    name: 'convert: span cutting a nukta',
    args: ['convert', f('nukta.json', JSON.stringify({ id: 'n', text: 'ફ઼ાઇલ', entities: [{ start: 0, end: 1, label: 'LOC' }] })), out('nukta.json')],
    code: 1,
    error: /grapheme cluster/,
    noOutput: out('nukta.json'),
  },
  {
    name: 'convert: brat relation to a missing entity',
    args: ['convert', f('r.txt', 'ક') && f('r.ann', 'T1\tLOC 0 1\tક\nR1\tnear Arg1:T1 Arg2:T7\n'), out('r.json')],
    code: 1,
    error: /R1: R1 points to T7/,
    noOutput: out('r.json'),
  },
  {
    name: 'convert: duplicate document ids',
    args: [
      'convert',
      f(
        'dup.json',
        JSON.stringify([
          { id: 'a', text: 'ક' },
          { id: 'a', text: 'ખ' },
        ]),
      ),
      out('dup.json'),
    ],
    code: 1,
    error: /document id "a" appears again/,
    noOutput: out('dup.json'),
  },
  { name: 'validate: only a -DOCSTART-', args: ['validate', f('ds.conll', '-DOCSTART-\tO\n\n-DOCSTART-\tO\n')], code: 0, error: /0 errors, 2 warnings/ },
  // path tricks
  { name: 'convert: output is the input', args: ['convert', doc, doc], code: 1, error: /doc\.json: is also an input of this command/ },
  { name: 'annotate: -o the input', args: ['annotate', raw, '-o', raw, '--model', 'rules'], code: 1, error: /raw\.txt: is also an input/ },
  { name: 'convert: parent of the output is a file', args: ['convert', doc, join(dir, 'parent-file', 'x.json')], code: 1, error: /is a file, not a folder/ },
  { name: 'convert: a symbolic link to a directory as output', args: ['convert', doc, join(dir, 'link-to-dir.json')], code: 1, error: /symbolic link to a directory/ },
  {
    name: 'convert: unrelated out.txt beside out.ann',
    args: ['convert', doc, f('mine.txt', 'notes') && join(dir, 'mine.ann')],
    code: 1,
    error: /mine\.txt: exists and is not an output/,
    noOutput: join(dir, 'mine.ann'),
  },
  {
    name: 'bench: --out inside the gold folder',
    args: ['bench', '--gold', join(dir, 'gold'), '--out', join(dir, 'gold', 'r'), '--predicted', out('pred'), '--models', 'rules'],
    code: 1,
    error: /inside the gold folder/,
    noOutput: join(dir, 'gold', 'r'),
  },
  {
    name: 'bench: --predicted inside the corpus folder',
    args: ['bench', '--corpus', dir, '--gold', join(dir, 'gold'), '--out', out('res'), '--predicted', join(dir, 'pred'), '--models', 'rules'],
    code: 1,
    error: /inside the corpus folder/,
    noOutput: out('res'),
  },
  // option values (the options layer) and sizes
  { name: 'bench --samples abc', args: ['bench', '--samples', 'abc'], code: 1, error: /--samples must be an integer >= 1, got 'abc'/ },
  { name: 'train --seed -1', args: ['train', '--seed', '-1', '--train', conll20], code: 1, error: /--seed must be an integer >= 0, got '-1'/ },
  {
    name: 'train --cv 1000 on 20 sentences',
    args: ['train', '--train', conll20, '--cv', '1000', '--predictions', out('cv.json')],
    code: 1,
    error: /1000 needs at least 1000 sentences/,
    noOutput: out('cv.json'),
  },
  { name: 'convert: missing arguments', args: ['convert'], code: 1, error: /expected IN and OUT/ },
  { name: 'validate: missing arguments', args: ['validate'], code: 1, error: /expected at least one FILE/ },
  { name: 'annotate: a corrupt ONNX model', args: ['annotate', raw, '--model', `onnx:${dir}`], code: 1, error: /config\.json|cannot load|not a model folder|no onnx/ },
  { name: 'unknown command', args: ['frobnicate'], code: 1, error: /unknown command 'frobnicate'/ },
  { name: 'unknown option', args: ['tokenize', '--frobnicate'], code: 1, error: /frobnicate/ },
];

const STACK = /\n\s+at |Error: .*\n.*\(file:|RangeError|TypeError|internal error/;

for (const row of ROWS) {
  test(`hostile: ${row.name}`, async (t) => {
    const r = await runCli(row.args);
    t.is(r.code, row.code, r.stderr);
    t.notRegex(r.stderr, STACK);
    t.regex(r.stderr, row.error);
    // one error line (progress lines before it are not errors; the usage after an unknown command is help)
    if (row.code !== 0) t.is(r.stderr.split('\n').filter((l) => l.startsWith('gujnlp: ')).length, 1, r.stderr);
    if (row.noOutput !== undefined) t.false(existsSync(row.noOutput), row.noOutput);
  });
}

test.after.always('no temp file is left anywhere in the test folder', (t) => {
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [e.name]));
  t.deepEqual(
    walk(dir).filter((n) => n.startsWith('.tmp-')),
    [],
  );
});

/**
 * The streamed annotate refuses a broken annotation file with the error
 * the whole-file reader gives (its first problem by phase, the one rule
 * set applied), and writes nothing.
 */
import test from 'ava';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readAnnotations } from '../src/formats/index.js';
import { InputError } from '../src/io/errors.js';
import { runCli } from './helpers/cli.js';
import { tempFiles } from './helpers/conll-files.js';

const files = tempFiles('gujnlp-stream-annotate-errors-');
test.after.always(() => files.remove());

function wholeError(path: string): string {
  try {
    readAnnotations(path);
    return '';
  } catch (err) {
    if (err instanceof InputError) return `gujnlp: ${err.message}\n`;
    throw err;
  }
}

const sentences = Array.from({ length: 40 }, (_, i) => `ભારત\tB-LOC\nમહાન\tO\nદેશ${i}\tO`);
const cases: Record<string, string> = {
  // a tag-sequence problem (per document) before a syntax problem (the line pass, reported first)
  'syntax after tag-sequence': ['-DOCSTART- -X- -X- O', '', 'ક\tI-PER', '', ...sentences, '-DOCSTART- -X- -X- O', '', ...sentences, 'no-tag-here', ''].join('\n'),
  // an entity starting inside a grapheme cluster: the one rule set
  grapheme: [...sentences, 'અ\tO\nા\tB-PER', ''].join('\n\n') + '\n',
};

for (const [name, content] of Object.entries(cases)) {
  test(`annotate refuses a CoNLL file as the whole-file reader does: ${name}`, async (t) => {
    const input = files.file('in.conll', content);
    const want = wholeError(input);
    t.not(want, '', 'the whole-file reader refuses it');
    const out = join(files.dir, `${name}.conll`);
    const r = await runCli(['annotate', input, '--model', 'rules', '--jobs', '1', '-o', out]);
    t.is(r.code, 1);
    t.is(r.stderr, want);
    t.false(existsSync(out));
  });
}

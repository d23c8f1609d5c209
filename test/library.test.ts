import test from 'ava';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers/cli.js';
import * as gujnlp from '../src/index.js';

const SEED = readFileSync(join(ROOT, 'corpus', 'lavrov-pakistan-visit-2021.txt'), 'utf8');

test('importing the library prints nothing on stdout (natural/dotenv stay silent)', (t) => {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `await import(${JSON.stringify(join(ROOT, 'src', 'index.ts'))}); const m = await import(${JSON.stringify(join(ROOT, 'src', 'annotate', 'rules.ts'))}); await new m.RulesAnnotator().annotate({ id: 'x', text: '', sentences: [], tokens: [], entities: [] });`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  t.is(r.status, 0, r.stderr);
  t.is(r.stdout, '');
});

test('library: text → document → rules entities → code point offsets', async (t) => {
  const doc = gujnlp.documentFromText('seed', SEED);
  t.is(doc.sentences.length, 20);
  const rules = await gujnlp.loadAnnotator('rules');
  const entities = await rules.annotate(doc);
  const map = new gujnlp.OffsetMap(SEED);
  t.is(map.codePointLength, 2253);
  const cps = [...SEED];
  for (const e of entities) {
    const cp = map.spanToCodePoints(e);
    t.is(cps.slice(cp.start, cp.end).join(''), SEED.slice(e.start, e.end));
  }
  t.true(entities.some((e) => SEED.slice(e.start, e.end) === 'ઇમરાન ખાન' && e.label === 'PER'));
});

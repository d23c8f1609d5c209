import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { sharedFile, SKIP_NO_SHARED } from './helpers/shared.js';

/**
 * `compare` reads line-based files in step (gold beside each prediction,
 * one byte per token and side); its leaderboard must equal the whole-file
 * path's, which the same documents as gujnlp JSON take.
 */
const wikiann = sharedFile('data/wikiann-gu/dev.tsv');
(wikiann === undefined ? test.skip : test)(
  `compare: in step over CoNLL equals the whole-file path over the same documents as JSON${wikiann === undefined ? ` (${SKIP_NO_SHARED('data/wikiann-gu/dev.tsv')})` : ''}`,
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gujnlp-compare-stream-'));
    const files: Record<string, { conll: string; json: string }> = {};
    for (const [name, model] of [
      ['gold', null],
      ['rules', 'rules'],
      ['nergu', 'ner-gu'],
    ] as const) {
      const conll = join(dir, `${name}.conll`);
      const json = join(dir, `${name}.json`);
      if (model === null) {
        t.is((await runCli(['convert', wikiann!, '--to', 'conll', conll])).code, 0);
      } else {
        const r = await runCli(['annotate', wikiann!, '--model', model, '--format', 'conll', '-o', conll]);
        t.is(r.code, 0, r.stderr);
      }
      const c = await runCli(['convert', conll, '--to', 'json', json]);
      t.is(c.code, 0, c.stderr);
      files[name] = { conll, json };
    }
    const args = (k: 'conll' | 'json') => ['compare', '--gold', files.gold[k], '--ignore', 'MISC', '--samples', '200', '--format', 'json', `rules=${files.rules[k]}`, `ner-gu=${files.nergu[k]}`];
    const inStep = await runCli(args('conll'));
    const whole = await runCli(args('json'));
    t.is(inStep.code, 0, inStep.stderr);
    t.is(whole.code, 0, whole.stderr);
    t.deepEqual(JSON.parse(inStep.stdout), JSON.parse(whole.stdout));
  },
);

test('compare and evaluate in step refuse a gold without entities (never a score over nothing), and tokens that differ', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-compare-stream-bad-'));
  const gold = join(dir, 'gold.conll');
  const pred = join(dir, 'pred.conll');
  const other = join(dir, 'other.conll');
  writeFileSync(gold, 'ભારત O\nમહાન O\n\n');
  writeFileSync(pred, 'ભારત B-LOC\nમહાન O\n\n');
  writeFileSync(other, 'ભારત B-LOC\nસુંદર O\n\n');
  for (const args of [
    ['compare', '--gold', gold, `a=${pred}`],
    ['evaluate', '--gold', gold, '--pred', pred],
  ]) {
    const r = await runCli(args);
    t.is(r.code, 1, args[0]);
    t.regex(r.stderr, /gold\.conll: (the gold column|gold) has no entities/, args[0]);
    t.is(r.stdout, '', args[0]);
  }
  const m = await runCli(['compare', '--gold', pred, `a=${other}`]);
  t.is(m.code, 1);
  t.regex(m.stderr, /sentence 1, token 2: gold has 'મહાન' but a \(.*other\.conll\) has 'સુંદર'|token 2: gold has 'મહાન' but .* has 'સુંદર'/);
});

/**
 * The property every engine (Spark RDD.pipe, Dask bags, Kubernetes indexed
 * Jobs) relies on: `gujnlp annotate` over stdin/stdout JSONL is a pure
 * per-document function, so sharded input annotated shard by shard and
 * concatenated equals the whole input annotated at once.
 */
import test from 'ava';
import { runCli } from './helpers/cli.js';
import { readShared, SKIP_NO_SHARED } from './helpers/shared.js';

const ner = readShared('data/flores-gu/ner.jsonl');

const ARGS = ['annotate', '-', '--input-format', 'doccano', '--model', 'rules', '--jobs', '1'];

test('annotate over stdin JSONL: concatenated shard outputs == whole-input output', async (t) => {
  if (ner === undefined) return t.pass(SKIP_NO_SHARED('data/flores-gu/ner.jsonl'));
  const lines = ner
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 90);
  const input = lines.map((l) => `${l}\n`).join('');
  // doccano JSONL is one line per document with its own id: a shard's lines are the whole run's lines
  for (const format of ['doccano']) {
    const whole = await runCli([...ARGS, '--format', format], { input });
    t.is(whole.code, 0, whole.stderr);
    t.true(whole.stdoutBytes.length > 1000);
    // uneven shards, one of a single line
    const cuts = [0, 1, 37, 70, lines.length];
    const outs = [];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const shard = lines
        .slice(cuts[k], cuts[k + 1])
        .map((l) => `${l}\n`)
        .join('');
      const r = await runCli([...ARGS, '--format', format], { input: shard });
      t.is(r.code, 0, r.stderr);
      outs.push(r.stdoutBytes);
    }
    const merged = Buffer.concat(outs);
    t.true(merged.equals(whole.stdoutBytes), `${format}: sharded output differs from the whole-input output`);
  }
});

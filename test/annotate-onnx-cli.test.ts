import test from 'ava';
import { join } from 'node:path';
import { runCli, ROOT } from './helpers/cli.js';

const SEED = join(ROOT, 'corpus', 'lavrov-pakistan-visit-2021.txt');
const MODEL = 'onnx:' + join(ROOT, 'models', 'onnx-tiny-gu-test');

test('annotate --model onnx: small windows and batches give the same predictions as the defaults', async (t) => {
  const whole = await runCli(['annotate', SEED, '--model', MODEL, '--format', 'conll']);
  t.is(whole.code, 0, whole.stderr);
  const windowed = await runCli(['annotate', SEED, '--model', MODEL, '--format', 'conll', '--max-length', '8', '--stride', '3', '--batch-size', '2']);
  t.is(windowed.code, 0, windowed.stderr);
  t.is(windowed.stdout, whole.stdout);
  t.regex(whole.stdout, /B-PER/);
  // the loader's warnings reach stderr, never stdout
  t.regex(whole.stderr, /labels outside the schema/);
});

test('annotate: ONNX-only options are refused for other models, bad numbers are named', async (t) => {
  const r = await runCli(['annotate', SEED, '--model', 'rules', '--batch-size', '4']);
  t.is(r.code, 1);
  t.regex(r.stderr, /--batch-size applies to onnx models only/);
  const bad = await runCli(['annotate', SEED, '--model', MODEL, '--stride', 'x']);
  t.is(bad.code, 1);
  t.regex(bad.stderr, /--stride must be an integer/);
  t.is(bad.stdout, '');
});

test("annotate: --max-length beyond the model's position embeddings is one clear line, exit 1; --allow-remote is gone", async (t) => {
  const r = await runCli(['annotate', SEED, '--model', MODEL, '--max-length', '5000']);
  t.is(r.code, 1);
  t.is(r.stdout, '');
  t.regex(r.stderr, /onnx-tiny-gu-test: max length 5000 is more than the model takes: at most 4096 pieces \(max_position_embeddings 4096\)/);
  t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  const remote = await runCli(['annotate', SEED, '--model', MODEL, '--allow-remote']);
  t.is(remote.code, 1);
});

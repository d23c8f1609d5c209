/**
 * `npm pack` → `npm install ./gujnlp-*.tgz` in an empty project, with no
 * overrides: the install succeeds offline from the local cache where it
 * can (@xenova/transformers is an optional peer, so sharp is never
 * fetched), the CLI and library work without it, and `onnx:` says what to
 * install.
 */
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/cli.js';

/** Runs a command without blocking the test worker (AVA must hear of the test's own timeout). */
function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

test('the packed package installs into an empty project and works without @xenova/transformers', async (t) => {
  // an install takes ~10 s on an idle machine, minutes on a loaded one
  t.timeout(600_000);
  if (spawnSync('npm', ['--version']).status !== 0) return t.pass('skipped: npm is not on PATH');
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) return t.fail('dist/ is not built (npm test builds it first)');
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-pack-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // dist/ is already built: pack it as is (prepare would rebuild under the running tests)
  const pack = await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], ROOT);
  t.is(pack.code, 0, pack.err);
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  t.truthy(tgz, 'npm pack wrote no tarball');
  const proj = join(dir, 'proj');
  mkdirSync(proj);
  writeFileSync(join(proj, 'package.json'), JSON.stringify({ name: 'probe', version: '1.0.0', private: true, type: 'module' }));
  const inst = await run('npm', ['install', join(dir, tgz!), '--prefer-offline', '--no-audit', '--no-fund'], proj);
  t.is(inst.code, 0, `npm install failed:\n${inst.err}`);
  t.false(existsSync(join(proj, 'node_modules', '@xenova', 'transformers')), '@xenova/transformers must not be installed for users');
  t.false(existsSync(join(proj, 'node_modules', 'sharp')), 'sharp must not be installed for users');

  const bin = join(proj, 'node_modules', '.bin', 'gujnlp');
  writeFileSync(join(proj, 't.txt'), 'અમદાવાદમાં નરેન્દ્ર મોદી આવ્યા. ગુજરાત સરકાર.\n');
  const tok = await run(bin, ['tokenize', 't.txt', '--format', 'conll'], proj);
  t.is(tok.code, 0, tok.err);
  t.regex(tok.out, /^અમદાવાદમાં\t0\t10\tword$/m);
  const ann = await run(bin, ['annotate', 't.txt', '--model', 'rules', '--format', 'conll', '-o', 'pred.conll', '--jobs', '1'], proj);
  t.is(ann.code, 0, ann.err);
  const ev = await run(bin, ['evaluate', '--gold', 'pred.conll', '--pred', 'pred.conll', '--format', 'json'], proj);
  t.is(ev.code, 0, ev.err);
  t.true(ev.out.includes('"f1"'), ev.out.slice(0, 200));

  // the library: tokenizer, splitter, rules, evaluation
  const lib = await run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { tokenize, splitSentences, RulesAnnotator, documentFromText, evaluateTags, loadPerceptronAnnotator } from 'gujnlp';
       const text = 'અમદાવાદમાં નરેન્દ્ર મોદી આવ્યા. ગુજરાત સરકાર.';
       const doc = documentFromText('d', text);
       const ents = await new RulesAnnotator().annotate(doc);
       console.log(JSON.stringify({ tokens: tokenize(text).length, sentences: splitSentences(text).length, entities: ents.length, perceptron: typeof loadPerceptronAnnotator, evaluate: typeof evaluateTags }));`,
    ],
    proj,
  );
  t.is(lib.code, 0, lib.err);
  const got = JSON.parse(lib.out) as { tokens: number; sentences: number; entities: number; perceptron: string; evaluate: string };
  t.true(got.tokens >= 8 && got.sentences === 2 && got.entities >= 2, lib.out);
  t.is(got.perceptron, 'function');

  // onnx: names what to install
  const onnx = await run(bin, ['annotate', 't.txt', '--model', `onnx:${join(proj, 'node_modules', 'gujnlp', 'models', 'onnx-tiny-gu-test')}`], proj);
  t.is(onnx.code, 1);
  t.regex(onnx.err, /npm install @xenova\/transformers@\^2\.17\.2.*"overrides": \{"sharp": "0\.33\.5"\}/);
});

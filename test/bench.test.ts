import test from 'ava';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli, ROOT } from './helpers/cli.js';
import { modelFolderName } from '../src/bench/models.js';

function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

const hashTree = (dir: string): string => {
  const h = createHash('sha256');
  for (const [p, b] of tree(dir)) h.update(p).update(b);
  return h.digest('hex');
};

/** The result files with their timing figures taken out (the only part allowed to differ between runs). */
function withoutTimings(name: string, content: Buffer): string {
  const s = content.toString('utf8');
  if (name.endsWith('scores.json')) {
    const j = JSON.parse(s);
    for (const row of j.leaderboard) delete row.sentencesPerSecond;
    for (const m of Object.values(j.models) as { speed?: unknown }[]) delete m.speed;
    return JSON.stringify(j);
  }
  if (name.endsWith('report.html')) return s.replace(/<td class="timing">[^<]*<\/td>/g, '');
  if (name.endsWith('leaderboard.md')) return s.replace(/\| [\d.]+ \| ([^|]*\|)$/gm, '| $1');
  if (name.endsWith('leaderboard.csv'))
    return s
      .split('\n')
      .map((l) =>
        l
          .split(',')
          .filter((_, i, a) => i !== a.length - 3)
          .join(','),
      )
      .join('\n');
  return s;
}

test('bench: deterministic outputs, leaderboard on stdout only, gold untouched', async (t) => {
  const goldBefore = hashTree(join(ROOT, 'annotations', 'gold'));
  const runs = [];
  for (const k of [1, 2]) {
    const dir = mkdtempSync(join(tmpdir(), `gujnlp-bench-${k}-`));
    const r = await runCli(['bench', '--out', join(dir, 'results'), '--predicted', join(dir, 'predicted'), '--samples', '200']);
    t.is(r.code, 0, r.stderr);
    runs.push({ dir, r });
  }
  t.is(hashTree(join(ROOT, 'annotations', 'gold')), goldBefore, 'annotations/gold is never touched');

  const [a, b] = runs.map(({ dir }) => tree(dir));
  t.deepEqual([...a.keys()], [...b.keys()]);
  for (const [name, content] of a) t.is(withoutTimings(name, content), withoutTimings(name, b.get(name)!), name);

  const names = [...a.keys()];
  for (const f of ['results/scores.json', 'results/leaderboard.csv', 'results/leaderboard.md', 'results/report.html']) t.true(names.includes(f), f);
  for (const model of ['rules', 'ner-gu', 'perceptron (5-fold CV on the gold)'].map(modelFolderName)) {
    for (const ext of ['.json', '.conll', '.hf.jsonl', '.tokens.csv', '.entities.csv']) t.true(names.includes(`predicted/${model}/lavrov-pakistan-visit-2021${ext}`), `${model} ${ext}`);
  }

  // stdout is the leaderboard table and nothing else (no progress, no dotenv noise)
  const out = runs[0].r.stdout.split('\n');
  t.regex(out[0], /^leaderboard \(seqeval default mode/);
  t.regex(out[1], /^model\s+P\s+R\s+F1\s+F1 95% CI/);
  const scores = JSON.parse(a.get('results/scores.json')!.toString('utf8'));
  // title, header, one row per model, the note
  t.is(out.filter((l) => l.trim() !== '').length, 3 + scores.leaderboard.length);
  t.regex(out[2 + scores.leaderboard.length], /^vs best:/);
  t.is(scores.segmentation.tokens.gold, scores.corpus.tokens);
  t.true(scores.models['perceptron (5-fold CV on the gold)'].protocol.includes('cross-validation'));
  t.true(scores.models['ner-gu'].protocol.includes('never on the corpus'));
});

test('bench: a broken model is reported and skipped, the rest still runs, exit code 3', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-bench-broken-'));
  const r = await runCli(['bench', '--models', 'rules,onnx:/nonexistent/model', '--out', join(dir, 'results'), '--predicted', join(dir, 'predicted'), '--samples', '50']);
  t.is(r.code, 3, r.stderr);
  t.regex(r.stderr, /skipping onnx:\/nonexistent\/model/);
  const scores = JSON.parse(readFileSync(join(dir, 'results', 'scores.json'), 'utf8'));
  t.deepEqual(Object.keys(scores.models), ['rules']);
  t.is(scores.skipped[0].spec, 'onnx:/nonexistent/model');
});

test("bench: a folder of another system's predictions under predicted/external/ joins the comparison", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-bench-external-'));
  const external = join(dir, 'predicted', 'external', 'gold-echo');
  // another system that predicts exactly the gold, as CoNLL over the gold tokens
  const conv = await runCli(['convert', join(ROOT, 'annotations', 'gold', 'lavrov-pakistan-visit-2021.json'), join(external, 'lavrov-pakistan-visit-2021.conll'), '--to', 'conll']);
  t.is(conv.code, 0, conv.stderr);
  // found without --models: every folder under <predicted>/external/ is a model
  const r = await runCli(['bench', '--out', join(dir, 'results'), '--predicted', join(dir, 'predicted'), '--samples', '50']);
  t.is(r.code, 0, r.stderr);
  const scores = JSON.parse(readFileSync(join(dir, 'results', 'scores.json'), 'utf8'));
  t.is(scores.leaderboard[0].model, 'gold-echo');
  t.true(Object.keys(scores.models).includes('rules'));
  // token-level scores of a system that echoes the gold are perfect
  t.is(scores.models['gold-echo'].evaluation.seqeval.default['micro avg']['f1-score'], 1);
  t.true(names(join(dir, 'predicted', 'gold-echo')).includes('lavrov-pakistan-visit-2021.conll'));
});

const names = (d: string): string[] => readdirSync(d).sort();

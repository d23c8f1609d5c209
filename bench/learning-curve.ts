/**
 * Learning curve of the shipped NER learner (issue 11, item 4): entity F1 on
 * the FLORES dev split against the number of gold training sentences (100,
 * 200, 400, all), when the sentences are drawn at random and when each next
 * batch is the one the current model is least sure of (active learning:
 * uncertainty = 1 − P(best path), the order `gujnlp annotate --rank
 * uncertainty` gives an annotator). Prints a table, writes an SVG plot.
 *
 *   node --import tsx bench/learning-curve.ts [--svg bench/out/learning-curve.svg] [--seed 1]
 *
 * Pool: FLORES train split + UD GujTB + WikiANN train (../shared/data); dev:
 * the FLORES dev split of models/ner-gu/split.json. The learner is the
 * shipped recipe (CRF stacked on the rules) with fewer L-BFGS iterations,
 * so the whole curve runs in a few minutes on 2 cores.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { trainCrf } from '../src/annotate/perceptron/crf.js';
import { loadGujaratiResources, PerceptronAnnotator, taggedSentences, Tagger, type TaggedSentence } from '../src/annotate/perceptron/index.js';
import { mulberry32, shuffleInPlace } from '../src/util/random.js';
import { loadParts } from '../scripts/ner-gu-data.js';
import { score } from '../scripts/ner-gu-score.js';
import { RECIPE } from '../scripts/train-ner-gu.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const svgPath = arg('--svg', 'bench/out/learning-curve.svg');
const seed = Number(arg('--seed', '1'));
const SIZES = [100, 200, 400];
const ITERATIONS = 40;

const parts = loadParts();
const resources = await loadGujaratiResources();
const pool: TaggedSentence[] = [...parts['flores-train'], ...parts.ud, ...parts['wikiann-train']].flatMap((d) => taggedSentences(d, resources)).filter((s) => s.tokens.length > 0);
const sizes = [...SIZES.filter((n) => n < pool.length), pool.length];
const dev = parts['flores-dev'];
const train = (sents: readonly TaggedSentence[]) => trainCrf(sents, { featureConfig: RECIPE.featureConfig, resources, sigma2: RECIPE.sigma2, maxIterations: ITERATIONS });
const devF1 = async (sents: readonly TaggedSentence[]): Promise<{ f1: number; model: ReturnType<typeof train> }> => {
  const model = train(sents);
  return { f1: (await score(new PerceptronAnnotator(model, resources), dev)).f1, model };
};
const say = (s: string): void => void process.stderr.write(`${s}\n`);

const order = shuffleInPlace(
  pool.map((_, i) => i),
  mulberry32(seed),
);
const random: number[] = [];
for (const n of sizes) {
  say(`random ${n}`);
  random.push((await devF1(order.slice(0, n).map((i) => pool[i]))).f1);
}

// active learning: start from the same random 100, then add the least certain sentences
const active: number[] = [];
let lastModel: ReturnType<typeof train> | undefined;
const chosen = new Set(order.slice(0, sizes[0]));
for (let k = 0; k < sizes.length; k++) {
  if (k > 0) {
    const tagger = new Tagger(lastModel!, resources);
    const doubt = pool.map((s, i) => (chosen.has(i) ? -1 : 1 - tagger.analyse(s.tokens).pathProbability));
    const next = pool
      .map((_, i) => i)
      .filter((i) => !chosen.has(i))
      .sort((a, b) => doubt[b] - doubt[a] || a - b)
      .slice(0, sizes[k] - chosen.size);
    for (const i of next) chosen.add(i);
  }
  say(`uncertainty ${chosen.size}`);
  if (k === 0) {
    active.push(random[0]);
    lastModel = train([...chosen].map((i) => pool[i]));
    continue;
  }
  const r = await devF1([...chosen].sort((a, b) => a - b).map((i) => pool[i]));
  active.push(r.f1);
  lastModel = r.model;
}

const pct = (x: number): string => (100 * x).toFixed(1);
process.stdout.write(`sentences  random F1  uncertainty F1   (FLORES dev, ${dev.length} segments; pool ${pool.length} sentences; seed ${seed})\n`);
sizes.forEach((n, k) => process.stdout.write(`${String(n).padStart(9)}  ${pct(random[k]).padStart(9)}  ${pct(active[k]).padStart(14)}\n`));

mkdirSync(dirname(svgPath), { recursive: true });
writeFileSync(
  svgPath,
  lineChart(sizes, [
    { name: 'random', values: random, colour: '#1f77b4' },
    { name: 'uncertainty (active learning)', values: active, colour: '#d62728' },
  ]),
);
say(`wrote ${svgPath}`);

function lineChart(xs: number[], series: { name: string; values: number[]; colour: string }[]): string {
  const W = 520;
  const H = 320;
  const m = { l: 56, r: 20, t: 30, b: 50 };
  const xMax = xs[xs.length - 1];
  const all = series.flatMap((s) => s.values);
  const yLo = Math.max(0, Math.floor(Math.min(...all) * 10) / 10 - 0.1);
  const yHi = Math.min(1, Math.ceil(Math.max(...all) * 10) / 10);
  const x = (v: number): number => m.l + (v / xMax) * (W - m.l - m.r);
  const y = (v: number): number => H - m.b - ((v - yLo) / (yHi - yLo || 1)) * (H - m.t - m.b);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">NER learning curve: FLORES dev entity F1</text>`,
    `<line x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" stroke="#333"/>`,
    `<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" stroke="#333"/>`,
    `<text x="${W / 2}" y="${H - 12}" text-anchor="middle">gold training sentences</text>`,
    `<text x="14" y="${H / 2}" text-anchor="middle" transform="rotate(-90 14 ${H / 2})">entity F1 (seqeval)</text>`,
  ];
  for (const v of xs) out.push(`<text x="${x(v).toFixed(1)}" y="${H - m.b + 16}" text-anchor="middle">${v}</text>`);
  for (let t = yLo; t <= yHi + 1e-9; t += 0.05) {
    out.push(`<line x1="${m.l - 4}" y1="${y(t).toFixed(1)}" x2="${W - m.r}" y2="${y(t).toFixed(1)}" stroke="#ddd"/>`);
    out.push(`<text x="${m.l - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${t.toFixed(2)}</text>`);
  }
  series.forEach((s, k) => {
    const pts = xs.map((v, i) => `${x(v).toFixed(1)},${y(s.values[i]).toFixed(1)}`).join(' ');
    out.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${pts}"/>`);
    xs.forEach((v, i) => out.push(`<circle cx="${x(v).toFixed(1)}" cy="${y(s.values[i]).toFixed(1)}" r="3" fill="${s.colour}"/>`));
    out.push(`<rect x="${m.l + 12}" y="${m.t + 6 + k * 18}" width="12" height="3" fill="${s.colour}"/>`);
    out.push(`<text x="${m.l + 30}" y="${m.t + 11 + k * 18}">${s.name}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

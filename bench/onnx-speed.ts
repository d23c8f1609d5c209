/**
 * Speed of the ONNX annotator on the seed article repeated to 10,000
 * sentences, and the share of time spent outside onnxruntime (alignment,
 * windowing, batching, label mapping, decoding) — must stay under 20% with
 * the tiny test model.
 *
 *   node --import tsx bench/onnx-speed.ts [--model DIR] [--sentences N] [--runs R] [--dense HxN]
 *
 * Also measures, for context, a variant of the test model with N dense H×H
 * layers (same predictions, generated into a temp folder; --dense 0 skips it):
 * the lookup-table model does almost no work inside onnxruntime, so its
 * share outside onnxruntime is the worst case for any real model.
 *
 * Prints one JSON object on stdout (results), a readable table on stderr.
 * Exit code 1 when the default configuration exceeds the 20% budget.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { documentFromText } from '../src/segment/document.js';
import type { Document } from '../src/doc/types.js';
import { loadOnnxAnnotator, type Aggregation, type OnnxAnnotator } from '../src/annotate/onnx/index.js';
import { TINY_GU_SPEC, writeTinyModel } from '../scripts/tiny-onnx-model.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    model: { type: 'string', default: join(ROOT, 'models', 'onnx-tiny-gu-test') },
    sentences: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '15' },
    dense: { type: 'string', default: '128x2' },
  },
});
const TARGET = Number(values.sentences);
const RUNS = Number(values.runs);
const BUDGET = 0.2;

/** The corpus repeated until it has `n` sentences, cut at exactly `n`. */
function corpusOf(n: number): Document {
  const text = readFileSync(join(ROOT, 'corpus', 'lavrov-pakistan-visit-2021.txt'), 'utf8');
  const once = documentFromText('lavrov', text);
  const copies = Math.ceil(n / once.sentences.length);
  const big = documentFromText('lavrov-x' + copies, Array(copies).fill(text).join('\n\n'));
  const sentences = big.sentences.slice(0, n);
  const end = sentences[sentences.length - 1].end;
  return { ...big, sentences, tokens: big.tokens.filter((t) => t.end <= end) };
}

interface Row {
  model: string;
  aggregate: Aggregation;
  batchSize: number;
  maxLength: number;
  sentencesPerSec: number;
  tokensPerSec: number;
  piecesPerSec: number;
  totalMs: number;
  onnxMs: number;
  outsideShare: number;
  /** Time outside onnxruntime per gujnlp token, µs. */
  outsideUsPerToken: number;
  /** onnxruntime time per model input (window), µs. */
  onnxUsPerWindow: number;
  medianTotalMs: number;
  medianOnnxMs: number;
  windows: number;
  batches: number;
  paddingShare: number;
  entities: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(a: OnnxAnnotator, doc: Document, aggregate: Aggregation, batchSize: number, runCount: number): Promise<Row> {
  await a.annotate(doc); // warm-up: word-piece cache, onnxruntime allocations
  const runs: Array<{ total: number; onnx: number; entities: number }> = [];
  let last = a.stats;
  for (let r = 0; r < runCount; r++) {
    a.resetStats();
    const es = await a.annotate(doc);
    last = a.stats;
    runs.push({ total: last.totalMs, onnx: last.runMs, entities: es.length });
  }
  // The machine may be shared: noise only ever adds time, so the fastest run
  // is the best estimate of the undisturbed total, and the fastest
  // onnxruntime time the best estimate of the model's share.
  const m = {
    total: Math.min(...runs.map((r) => r.total)),
    onnx: Math.min(...runs.map((r) => r.onnx)),
    entities: runs[0].entities,
  };
  const medianTotal = median(runs.map((r) => r.total));
  const medianOnnx = median(runs.map((r) => r.onnx));
  const words = doc.tokens.length;
  return {
    model: a.name,
    aggregate,
    batchSize,
    maxLength: a.maxLength,
    sentencesPerSec: Math.round((doc.sentences.length / m.total) * 1000),
    tokensPerSec: Math.round((words / m.total) * 1000),
    piecesPerSec: Math.round((last.pieces / m.total) * 1000),
    totalMs: +m.total.toFixed(1),
    onnxMs: +m.onnx.toFixed(1),
    outsideShare: +(1 - m.onnx / m.total).toFixed(3),
    outsideUsPerToken: +(((m.total - m.onnx) * 1000) / words).toFixed(3),
    onnxUsPerWindow: +((m.onnx * 1000) / last.windows).toFixed(2),
    medianTotalMs: +medianTotal.toFixed(1),
    medianOnnxMs: +medianOnnx.toFixed(1),
    windows: last.windows,
    batches: last.batches,
    paddingShare: +(last.padding / (last.padding + last.pieces)).toFixed(3),
    entities: m.entities,
  };
}

const doc = corpusOf(TARGET);
process.stderr.write(
  `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs; corpus: ${doc.sentences.length} sentences, ${doc.tokens.length} tokens; model ${values.model}; fastest of ${RUNS} runs\n`,
);
// Warm the JIT on the whole pipeline first, so the first row is not penalised.
{
  const w = await loadOnnxAnnotator(values.model, { map: { GPE: 'LOC' } });
  for (let i = 0; i < 3; i++) await w.annotate(doc);
  await w.dispose();
}
const rows: Row[] = [];
// [aggregation, batch size, max length override]: the test model's limit of
// 16 pieces splits most sentences into windows; 512 (a real BERT's limit)
// shows the common case of one window per sentence.
const configs: Array<[Aggregation, number, number | undefined]> = [
  ['first', 32, undefined],
  ['first', 1, undefined],
  ['first', 8, undefined],
  ['first', 128, undefined],
  ['max', 32, undefined],
  ['average', 32, undefined],
  ['first', 32, 512],
];
const report = (row: Row) =>
  process.stderr.write(
    `${row.model.padEnd(24)} ${row.aggregate.padEnd(8)} batch ${String(row.batchSize).padStart(3)} max ${String(row.maxLength).padStart(3)}: ` +
      `${String(row.sentencesPerSec).padStart(7)} sent/s ${String(row.tokensPerSec).padStart(8)} tok/s  ` +
      `total ${row.totalMs} ms, onnxruntime ${row.onnxMs} ms, outside ${(row.outsideShare * 100).toFixed(1)}% = ${row.outsideUsPerToken} µs/token ` +
      `(median run: ${row.medianTotalMs} ms, ${row.medianOnnxMs} ms; ${row.batches} batches, padding ${(row.paddingShare * 100).toFixed(1)}%)\n`,
  );
let name = '';
let version = '';
for (const [aggregate, batchSize, maxLength] of configs) {
  const a = await loadOnnxAnnotator(values.model, { map: { GPE: 'LOC' }, aggregate, batchSize, maxLength });
  name = a.name;
  version = a.version;
  const row = await measure(a, doc, aggregate, batchSize, RUNS);
  rows.push(row);
  report(row);
  await a.dispose();
}
const denseRows: Row[] = [];
const dense = /^(\d+)x(\d+)$/.exec(values.dense);
if (dense) {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-onnx-dense-'));
  try {
    const hidden = Number(dense[1]);
    const layers = Number(dense[2]);
    writeTinyModel(join(dir, `onnx-tiny-dense-${hidden}x${layers}`), { ...TINY_GU_SPEC, dense: { hidden, layers } });
    const a = await loadOnnxAnnotator(join(dir, `onnx-tiny-dense-${hidden}x${layers}`), { map: { GPE: 'LOC' } });
    const row = await measure(a, doc, 'first', 32, Math.min(RUNS, 5));
    denseRows.push(row);
    report(row);
    await a.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const main = rows[0];
const ok = main.outsideShare < BUDGET;
process.stdout.write(
  JSON.stringify(
    {
      benchmark: 'onnx-speed',
      model: name,
      version,
      sentences: doc.sentences.length,
      tokens: doc.tokens.length,
      runs: RUNS,
      node: process.version,
      cpus: cpus().length,
      // wall-clock figures are only comparable on an idle machine
      loadAverage1m: +loadavg()[0].toFixed(2),
      budgetOutsideShare: BUDGET,
      ok,
      results: rows,
      denseVariant: denseRows,
    },
    null,
    2,
  ) + '\n',
);
process.stderr.write(`default (first, batch 32, max 16): outside onnxruntime ${(main.outsideShare * 100).toFixed(1)}% ${ok ? '<' : '≥'} ${BUDGET * 100}% budget\n`);
process.exitCode = ok ? 0 : 1;

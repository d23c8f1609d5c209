/**
 * Speed of `gujnlp evaluate FILE --format json` as a whole process on a
 * conlleval-style file of 1,000,000 tokens (50,000 sentences of 20 tokens,
 * four types, Gujarati words in the first column), as issue 4 asks.
 * Reference figures from the issue: conlleval.pl about 3 s (whole process),
 * seqeval about 6 s and nervaluate about 5 s (in-process); target ≤ 0.3 s.
 *
 *   npx tsc -p . && node --import tsx bench/evaluate-speed.ts [--runs N] [--conlleval PATH]
 *
 * With `--conlleval PATH` (your own copy of conlleval.pl; none ships with
 * gujnlp) it is timed on the same file as a whole process (`perl PATH <
 * FILE`), side by side, and its printed figures are checked against ours.
 *
 * Writes bench/out/evaluate-1m.conll (gitignored) once; prints timings on
 * stdout as JSON.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/util/random.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const FILE = join(OUT, 'evaluate-1m.conll');
const MAIN = join(ROOT, 'dist', 'cli', 'main.js');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const conllevalArg = process.argv.indexOf('--conlleval');
const CONLLEVAL = conllevalArg > 0 ? process.argv[conllevalArg + 1] : undefined;

function build(): void {
  const r = mulberry32(4);
  const types = ['PER', 'LOC', 'ORG', 'MISC'];
  const words = ['ભારત', 'ગુજરાત', 'અમદાવાદ', 'સરકાર', 'મોદી', 'કંપની', 'ના', 'માં', 'છે', 'અને', '.', ','];
  const lines: string[] = [];
  for (let s = 0; s < 50_000; s++) {
    const gold: string[] = [];
    while (gold.length < 20) {
      if (r() < 0.25) {
        const t = types[Math.floor(r() * 4)];
        const len = 1 + Math.floor(r() * 3);
        for (let k = 0; k < len && gold.length < 20; k++) gold.push(`${k === 0 ? 'B' : 'I'}-${t}`);
      } else gold.push('O');
    }
    for (let i = 0; i < 20; i++) {
      let p = gold[i];
      const x = r();
      if (x < 0.04) p = 'O';
      else if (x < 0.07) p = `${r() < 0.5 ? 'B' : 'I'}-${types[Math.floor(r() * 4)]}`;
      lines.push(`${words[Math.floor(r() * words.length)]} ${gold[i]} ${p}`);
    }
    lines.push('');
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(FILE, lines.join('\n'));
}

if (!existsSync(FILE)) build();
if (!existsSync(MAIN)) {
  process.stderr.write('dist/cli/main.js is missing: run `npx tsc -p .` first\n');
  process.exit(1);
}
process.stderr.write(`file: ${FILE} (${(statSync(FILE).size / 1e6).toFixed(1)} MB)\n`);

// warm the file cache, check the output once
const first = execFileSync(process.execPath, [MAIN, 'evaluate', FILE, '--format', 'json'], { maxBuffer: 1 << 26 }).toString();
const report = JSON.parse(first);
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [MAIN, 'evaluate', FILE, '--format', 'json'], { maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.status !== 0) throw new Error(res.stderr.toString());
  times.push(ms);
}
const t0 = process.hrtime.bigint();
spawnSync(process.execPath, ['-e', '0']);
const nodeStartup = Number(process.hrtime.bigint() - t0) / 1e6;
times.sort((a, b) => a - b);

// in-process breakdown (first, cold call: what the CLI pays)
// (the CLI reads the file in chunks while parsing it: read and parse are one step)
const { readConllFile } = await import(join(ROOT, 'dist', 'eval', 'conll-tags.js'));
const { evaluateCorpus } = await import(join(ROOT, 'dist', 'eval', 'evaluate.js'));
const { readFileSync } = await import('node:fs');
const r0 = performance.now();
const corpus = readConllFile(FILE);
const r2 = performance.now();
evaluateCorpus(corpus, {});
const r3 = performance.now();
const bytes = readFileSync(FILE);

/** Machine-speed yardstick: the best of 5 bare byte scans of the file (an idle modern core: ~10-20 ms). */
function scanOnce(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) if (b[i] > 32) n++;
  return n;
}
let scanMs = Infinity;
for (let k = 0; k < 5; k++) {
  const s0 = performance.now();
  scanOnce(bytes);
  scanMs = Math.min(scanMs, performance.now() - s0);
}
/** The reference conlleval.pl, when given: best of 3 whole-process runs, and whether its report equals ours. */
function timeConlleval(path: string): { min_ms: number; same_report: boolean } {
  const ours = execFileSync(process.execPath, [MAIN, 'evaluate', FILE, '--format', 'conlleval'], { maxBuffer: 1 << 26 }).toString();
  let best = Infinity;
  let theirs = '';
  for (let k = 0; k < 3; k++) {
    const t = process.hrtime.bigint();
    const r = spawnSync('perl', [path], { input: bytes, maxBuffer: 1 << 26 });
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`conlleval.pl failed: ${r.stderr.toString()}`);
    theirs = r.stdout.toString();
  }
  return { min_ms: best, same_report: theirs === ours };
}
const conlleval = CONLLEVAL === undefined ? null : timeConlleval(CONLLEVAL);

const out = {
  tokens: report.conlleval.tokens,
  sentences: 50_000,
  runs: RUNS,
  median_ms: times[Math.floor(times.length / 2)],
  min_ms: times[0],
  node_startup_ms: nodeStartup,
  in_process_cold_ms: { read_and_parse: r2 - r0, evaluate: r3 - r2 },
  yardstick_byte_scan_ms: scanMs,
  micro_f1: report.seqeval.default['micro avg']['f1-score'],
  machine: { cpus: cpus().length, load_average_1m: loadavg()[0], node: process.version },
  reference_s: { 'conlleval.pl': 3, seqeval: 6, nervaluate: 5 },
  measured_here: conlleval === null ? null : { 'conlleval.pl_min_ms': conlleval.min_ms, speedup_vs_conlleval: conlleval.min_ms / times[0], same_report: conlleval.same_report },
};
process.stdout.write(JSON.stringify(out, null, 2) + '\n');

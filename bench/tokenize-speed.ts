/**
 * Throughput of the tokenizer + sentence splitter, in-process and as the
 * CLI, on a ~13 MB Gujarati text built from the FLORES-200 Gujarati
 * segments and the seed article (repeated). Not a test: run on demand.
 *
 *   npx tsc -p . && node --import tsx bench/tokenize-speed.ts [--mb 13] [--runs 3]
 *
 * The corpus is written to the OS temp dir (never into the repo). Reported:
 * MB/s (UTF-8 bytes of input per second) and tokens/s, by CPU time
 * (user + system: the figure that holds on a busy machine) and by wall
 * time, for
 *  - the library on the whole text in memory: the fast path
 *    (Tokenizer.spans + segmentSpans: offsets and kinds in columns) and
 *    documentFromText (a Token object with its text per token);
 *  - the CLI as a whole process: `node dist/cli/main.js tokenize FILE
 *    --format text|jsonl > /dev/null`, and `split`, wall time including
 *    node start-up, with peak RSS from /usr/bin/time -v;
 *  - peak RSS of the CLI on the text and on a 4x larger text, to show
 *    that memory does not grow with the input.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultTokenizer } from '../src/tokenize/index.js';
import { segmentSpans } from '../src/segment/index.js';
import { documentFromText } from '../src/segment/document.js';
import { floresParagraphs } from '../test/helpers/flores.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { mb: { type: 'string', default: '13' }, runs: { type: 'string', default: '3' } } });
const targetBytes = Number(values.mb) * 1e6;
const runs = Number(values.runs);

const floresPath = join(ROOT, '..', 'shared', 'data', 'flores-gu', 'segments.tsv');
const seed = readFileSync(join(ROOT, 'corpus', 'lavrov-pakistan-visit-2021.txt'), 'utf8');
const paragraphs = existsSync(floresPath) ? floresParagraphs(readFileSync(floresPath, 'utf8')).map((p) => p.text) : [];
if (paragraphs.length === 0) console.error('note: ../shared/data/flores-gu/segments.tsv absent, using the seed article only');

/** One block: every FLORES paragraph on its own line, blank line, the seed article. */
const block = `${paragraphs.join('\n')}\n\n${seed}\n\n`;

function buildCorpus(bytes: number, name: string): string {
  const dir = join(tmpdir(), 'gujnlp-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  if (existsSync(path) && Math.abs(statSync(path).size - bytes) < Buffer.byteLength(block)) return path;
  const fd = openSync(path, 'w');
  const buf = Buffer.from(block);
  let written = 0;
  while (written < bytes) {
    writeSync(fd, buf);
    written += buf.length;
  }
  closeSync(fd);
  return path;
}

const corpus = buildCorpus(targetBytes, `corpus-${values.mb}mb.txt`);
const size = statSync(corpus).size;
const mb = size / 1e6;
console.log(`# gujnlp tokenizer + splitter speed\n`);
console.log(`input: ${corpus} (${mb.toFixed(1)} MB UTF-8, FLORES-200 gu paragraphs + seed article, repeated)`);
console.log(`node ${process.version}, ${process.arch}\n`);

// ---- library, in-process
const text = readFileSync(corpus, 'utf8');
const tk = defaultTokenizer();
const cpuSeconds = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;
interface Timing {
  wall: number;
  cpu: number;
}
/** Runs `f` runs+1 times (the first warms up the JIT) and keeps the fastest run by CPU time. */
function time(f: () => void): Timing {
  let best: Timing = { wall: Infinity, cpu: Infinity };
  for (let r = 0; r <= runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    f();
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = cpuSeconds(process.cpuUsage(c0));
    if (r > 0 && cpu < best.cpu) best = { wall, cpu };
  }
  return best;
}
let tokenCount = 0;
let sentenceCount = 0;
const fast = time(() => {
  const spans = tk.spans(text);
  const sents = segmentSpans(text, spans, { abbreviations: tk.abbreviations });
  tokenCount = spans.length;
  sentenceCount = sents.length;
});
const objects = time(() => {
  documentFromText('bench', text);
});
const line = (name: string, t: Timing) =>
  `  ${name.padEnd(44)} CPU ${t.cpu.toFixed(3)} s: ${(mb / t.cpu).toFixed(1)} MB/s, ${(tokenCount / t.cpu / 1e6).toFixed(2)} M tokens/s   (wall ${t.wall.toFixed(3)} s: ${(mb / t.wall).toFixed(1)} MB/s)`;
console.log(
  `load average before the runs: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${cpus().length} CPUs`,
);
console.log(`${tokenCount} tokens, ${sentenceCount} sentences\n`);
console.log(`## library, in-process (fastest of ${runs} runs after a warm-up)`);
console.log(line('spans + segmentSpans (offsets, kinds)', fast));
console.log(line('documentFromText (Token objects with text)', objects));
console.log(`  peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (holds the whole text and all token objects)\n`);

// ---- CLI, whole process
const main = join(ROOT, 'dist', 'cli', 'main.js');
if (!existsSync(main)) {
  console.log('CLI: dist/cli/main.js missing; run `npx tsc -p .` first');
  process.exit(0);
}

interface CliRun {
  seconds: number;
  cpu: number;
  rssMB: number;
  /** Fastest wall time of the runs (the CLI target is wall time; CPU adds GC and compiler threads). */
  wallMin?: number;
}

/** One whole-process run under /usr/bin/time -v: wall, user+sys CPU, peak RSS. */
function runCli(args: string[]): CliRun {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, main, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const err = r.stderr.toString();
  if (r.status !== 0) throw new Error(`gujnlp ${args.join(' ')} failed: ${err}`);
  const num = (re: RegExp) => Number(re.exec(err)?.[1] ?? NaN);
  const cpu = num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/);
  return { seconds, cpu, rssMB: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024 };
}

/** Fastest of `runs` runs by CPU time. */
function best(args: string[]): CliRun {
  const all = Array.from({ length: runs }, () => runCli(args));
  all.sort((a, b) => a.cpu - b.cpu);
  return { ...all[0], wallMin: Math.min(...all.map((r) => r.seconds)) };
}

console.log(`## CLI as a whole process (node dist/cli/main.js ..., stdout to /dev/null, fastest of ${runs} by CPU, node start-up included)`);
const results: Record<string, CliRun> = {};
for (const [name, args] of [
  ['tokenize --format text', ['tokenize', corpus, '--format', 'text']],
  ['tokenize --format jsonl', ['tokenize', corpus, '--format', 'jsonl']],
  ['split --format text', ['split', corpus, '--format', 'text']],
] as const) {
  const r = best([...args]);
  results[name] = r;
  console.log(
    `  ${name.padEnd(24)} CPU ${r.cpu.toFixed(2)} s: ${(mb / r.cpu).toFixed(1)} MB/s, ${(tokenCount / r.cpu / 1e6).toFixed(2)} M tokens/s   (wall ${r.seconds.toFixed(2)} s: ${(mb / r.seconds).toFixed(1)} MB/s; fastest wall ${r.wallMin!.toFixed(2)} s: ${(mb / r.wallMin!).toFixed(1)} MB/s), peak RSS ${r.rssMB.toFixed(0)} MB`,
  );
}
const outBytes = execFileSync(process.execPath, [main, 'tokenize', corpus, '--format', 'jsonl'], { maxBuffer: 1 << 30 }).length;
console.log(`  (jsonl output: ${(outBytes / 1e6).toFixed(0)} MB)\n`);

// ---- memory vs input size
const big = buildCorpus(targetBytes * 4, `corpus-${Number(values.mb) * 4}mb.txt`);
const bigMB = statSync(big).size / 1e6;
const rBig = runCli(['tokenize', big, '--format', 'jsonl']);
const rBigText = runCli(['tokenize', big, '--format', 'text']);
console.log(`## streaming: peak RSS does not grow with the input`);
console.log(
  `  tokenize --format text on ${bigMB.toFixed(0)} MB: CPU ${rBigText.cpu.toFixed(2)} s: ${(bigMB / rBigText.cpu).toFixed(1)} MB/s (wall ${rBigText.seconds.toFixed(2)} s: ${(bigMB / rBigText.seconds).toFixed(1)} MB/s), peak RSS ${rBigText.rssMB.toFixed(0)} MB (start-up and JIT warm-up weigh less on a longer run)`,
);
console.log(
  `  tokenize --format jsonl on ${mb.toFixed(0)} MB: peak RSS ${results['tokenize --format jsonl'].rssMB.toFixed(0)} MB; on ${bigMB.toFixed(0)} MB: ${rBig.rssMB.toFixed(0)} MB (CPU ${(bigMB / rBig.cpu).toFixed(1)} MB/s, wall ${(bigMB / rBig.seconds).toFixed(1)} MB/s)`,
);
console.log(
  `\nload average after the runs: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
writeFileSync(
  join(tmpdir(), 'gujnlp-bench', 'last-report.json'),
  JSON.stringify({ mb, tokenCount, sentenceCount, library: { fast, objects }, cli: results, big: { mb: bigMB, jsonl: rBig, text: rBigText } }, null, 2),
);

/**
 * Throughput of the tokenizer + sentence splitter, in-process and as the
 * CLI, on a ~13 MB Gujarati text built from the FLORES-200 Gujarati
 * segments and the seed article (repeated). Not a test: run on demand.
 *
 *   npx tsc -p . && node --import tsx bench/tokenize-speed.ts [--mb 13] [--runs 3]
 *
 * The corpus is written to the OS temp dir (never into the repo). Reported:
 * MB/s (UTF-8 bytes of input per second) and tokens/s for
 *  - the library: documentFromText-equivalent (tokens with UTF-16 offsets
 *    and kinds + sentences) on the whole text in memory;
 *  - the CLI as a whole process: `node dist/cli/main.js tokenize FILE
 *    --format text|jsonl > /dev/null`, and `split`, wall time including
 *    node start-up, with peak RSS from /usr/bin/time -v;
 *  - peak RSS of the CLI on the text and on a 4x larger text, to show
 *    that memory does not grow with the input.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultTokenizer } from '../src/tokenize/index.js';
import { segmentTokens } from '../src/segment/index.js';
import { floresParagraphs } from './segmentation-flores-lib.js';

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
let tokenCount = 0;
let sentenceCount = 0;
const times: number[] = [];
for (let r = 0; r <= runs; r++) {
  const t0 = process.hrtime.bigint();
  const tokens = tk.tokenize(text);
  const sents = segmentTokens(text, tokens, { abbreviations: tk.abbreviations });
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  tokenCount = tokens.length;
  sentenceCount = sents.length;
  if (r > 0) times.push(dt); // run 0 warms up the JIT
}
times.sort((a, b) => a - b);
const libT = times[Math.floor(times.length / 2)];
console.log(`## library (tokenize + segmentTokens, UTF-16 offsets and kinds, median of ${runs} after a warm-up)`);
console.log(`  ${tokenCount} tokens, ${sentenceCount} sentences in ${libT.toFixed(3)} s: ${(mb / libT).toFixed(1)} MB/s, ${(tokenCount / libT / 1e6).toFixed(2)} M tokens/s`);
console.log(`  peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (holds the whole text and all token objects)\n`);

// ---- CLI, whole process
const main = join(ROOT, 'dist', 'cli', 'main.js');
if (!existsSync(main)) {
  console.log('CLI: dist/cli/main.js missing; run `npx tsc -p .` first');
  process.exit(0);
}

function runCli(args: string[]): { seconds: number; rssMB: number } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, main, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const err = r.stderr.toString();
  if (r.status !== 0) throw new Error(`gujnlp ${args.join(' ')} failed: ${err}`);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
  return { seconds, rssMB: m ? Number(m[1]) / 1024 : NaN };
}

function best(args: string[]): { seconds: number; rssMB: number } {
  const all = Array.from({ length: runs }, () => runCli(args));
  all.sort((a, b) => a.seconds - b.seconds);
  return all[Math.floor(all.length / 2)];
}

console.log(`## CLI as a whole process (node dist/cli/main.js ..., stdout to /dev/null, median of ${runs})`);
const results: Record<string, { seconds: number; rssMB: number }> = {};
for (const [name, args] of [
  ['tokenize --format text', ['tokenize', corpus, '--format', 'text']],
  ['tokenize --format jsonl', ['tokenize', corpus, '--format', 'jsonl']],
  ['split --format text', ['split', corpus, '--format', 'text']],
] as const) {
  const r = best([...args]);
  results[name] = r;
  console.log(`  ${name.padEnd(24)} ${r.seconds.toFixed(3)} s: ${(mb / r.seconds).toFixed(1)} MB/s, ${(tokenCount / r.seconds / 1e6).toFixed(2)} M tokens/s, peak RSS ${r.rssMB.toFixed(0)} MB`);
}
const outBytes = execFileSync(process.execPath, [main, 'tokenize', corpus, '--format', 'jsonl'], { maxBuffer: 1 << 30 }).length;
console.log(`  (jsonl output: ${(outBytes / 1e6).toFixed(0)} MB)\n`);

// ---- memory vs input size
const big = buildCorpus(targetBytes * 4, `corpus-${Number(values.mb) * 4}mb.txt`);
const bigMB = statSync(big).size / 1e6;
const rBig = runCli(['tokenize', big, '--format', 'jsonl']);
console.log(`## streaming: peak RSS does not grow with the input`);
console.log(`  tokenize --format jsonl on ${mb.toFixed(0)} MB: ${results['tokenize --format jsonl'].rssMB.toFixed(0)} MB; on ${bigMB.toFixed(0)} MB: ${rBig.rssMB.toFixed(0)} MB (${(bigMB / rBig.seconds).toFixed(1)} MB/s)`);
writeFileSync(join(tmpdir(), 'gujnlp-bench', 'last-report.json'), JSON.stringify({ mb, tokenCount, sentenceCount, library: { seconds: libT }, cli: results, big: { mb: bigMB, ...rBig } }, null, 2));

/**
 * Corpus-scale figures of `gujnlp annotate` beside `gujnlp tokenize
 * --format conll` (the ceiling) on FLORES text repeated to 5 MB and 50 MB
 * (generated in a temp folder, never committed): wall time, CPU time, MB/s,
 * sentences/s, peak RSS (GNU time's %M, else the child's maxRSS) and the
 * time relative to tokenize, for annotate --model rules and the shipped
 * default model (ner-gu, `annotate` without --model), each with --jobs 1
 * and 2; and a single line without spaces of 16 and 50 MB (tokenize and
 * annotate). convert, validate, evaluate and agree: bench/stream-memory.ts.
 * With --repeat N every command runs N times and the table shows the run
 * of median wall time (and the largest peak RSS); the load average is
 * printed with the table, since the figures depend on it.
 *
 *   npm run build && node --import tsx bench/annotate-speed.ts [--sizes 5,50] [--repeat 3] [--model SPEC] [--skip-line]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, openSync, writeSync, closeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { argValue as arg, CLI, runCliMeasured, SEGMENTS, type CliRun } from './cli-run-lib.js';

const argv = process.argv.slice(2);
const sizes = (arg('--sizes') ?? '5,50').split(',').map(Number);
const model = arg('--model') ?? 'ner-gu';
const skipLine = argv.includes('--skip-line');
const repeat = Math.max(1, Number(arg('--repeat') ?? '1'));

if (!existsSync(CLI)) throw new Error('build first: npm run build');
if (!existsSync(SEGMENTS)) {
  console.error(`skipped: ${SEGMENTS} is absent`);
  process.exit(0);
}
const loadBefore = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');

type Run = CliRun;

/** Runs the CLI `repeat` times: the run of median wall time, with the largest peak RSS. */
function run(args: string[], stdout: string): Run {
  const runs = Array.from({ length: repeat }, () => runCliMeasured(args, stdout)).sort((a, b) => a.wall - b.wall);
  return { ...runs[Math.floor((runs.length - 1) / 2)], rssMB: Math.max(...runs.map((r) => r.rssMB)) };
}

const dir = mkdtempSync(join(tmpdir(), 'gujnlp-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const text =
  readFileSync(SEGMENTS, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[2] ?? '')
    .filter((l) => l !== '')
    .join('\n') + '\n';
const sentencesPerCopy = text.split('\n').length - 1;

function repeatTo(path: string, piece: string, mb: number): number {
  const fd = openSync(path, 'w');
  const b = Buffer.from(piece);
  let n = 0;
  let copies = 0;
  while (n < mb * 1e6) {
    writeSync(fd, b);
    n += b.length;
    copies++;
  }
  closeSync(fd);
  return copies;
}

const rows: string[][] = [];
/** One table row; `ceiling`: the tokenize run on the same input (its wall time is 1×). */
const row = (what: string, size: string, mb: number, r: Run, sentences: number | undefined, ceiling?: Run): void => {
  rows.push([
    what,
    size,
    r.wall.toFixed(1),
    r.cpu.toFixed(1),
    (mb / r.wall).toFixed(2),
    (mb / r.cpu).toFixed(2),
    sentences === undefined ? '' : Math.round(sentences / r.wall).toString(),
    r.rssMB.toFixed(0),
    ceiling === undefined ? '' : `${(r.wall / ceiling.wall).toFixed(1)}×`,
  ]);
  console.error(`${what} ${size}: ${r.wall.toFixed(1)} s wall, ${r.cpu.toFixed(1)} s CPU, ${r.rssMB.toFixed(0)} MB peak RSS`);
};

for (const mb of sizes) {
  const input = join(dir, `flores-${mb}mb.txt`);
  const copies = repeatTo(input, text, mb);
  const size = (statSync(input).size / 1e6).toFixed(1);
  const sents = copies * sentencesPerCopy;
  const real = statSync(input).size / 1e6;
  const tok = run(['tokenize', input, '--format', 'conll'], join(dir, 'tok.out'));
  row('tokenize --format conll', size, real, tok, sents, tok);
  const annotate = (what: string, spec: string[], jobs: number, out: string): Run => {
    const r = run(['annotate', input, ...spec, '--jobs', String(jobs), '--format', 'conll'], join(dir, out));
    row(`annotate ${what} --jobs ${jobs}`, size, real, r, sents, tok);
    return r;
  };
  annotate('--model rules', ['--model', 'rules'], 1, 'ann1.out');
  annotate('--model rules', ['--model', 'rules'], 2, 'ann2.out');
  const spec = model === 'ner-gu' ? [] : ['--model', model];
  const what = model === 'ner-gu' ? '(default: ner-gu)' : `--model ${model}`;
  annotate(what, spec, 1, 'annm1.out');
  annotate(what, spec, 2, 'annm2.out');
}

if (!skipLine) {
  const flat = text.replace(/\s+/g, '');
  const walls: Record<string, number[]> = {};
  for (const mb of [16, 50]) {
    const input = join(dir, `line-${mb}mb.txt`);
    repeatTo(input, flat, mb);
    const real = statSync(input).size / 1e6;
    const tok = run(['tokenize', input, '--format', 'conll'], join(dir, 'l.out'));
    row('tokenize, one line without spaces', real.toFixed(1), real, tok, undefined, tok);
    const ann = run(['annotate', input, '--model', 'rules', '--jobs', '1', '--format', 'conll'], join(dir, 'l2.out'));
    row('annotate --model rules --jobs 1, one line without spaces', real.toFixed(1), real, ann, undefined, tok);
    (walls.tokenize ??= []).push(tok.wall);
    (walls.annotate ??= []).push(ann.wall);
  }
  // linear time: 50 MB should take about 50/16 = 3.1× the time of 16 MB
  for (const [what, [a, b]] of Object.entries(walls)) console.error(`one line, ${what}: 50 MB took ${(b / a).toFixed(2)}× the time of 16 MB`);
}

console.log(
  `load average before the runs: ${loadBefore}; after: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (${cpus().length} cores); median of ${repeat} run(s)`,
);
console.log('');
const header = ['command', 'input MB', 'wall s', 'CPU s', 'MB/s (wall)', 'MB/s (CPU)', 'sentences/s', 'peak RSS MB', 'time vs tokenize'];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);

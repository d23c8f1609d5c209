/**
 * Peak memory of the commands that stream annotation files (convert,
 * validate, evaluate --gold/--pred, agree) on a CoNLL file of FLORES text
 * repeated to 5 MB and 50 MB: one document without -DOCSTART- (the case
 * that used to exhaust memory), annotated once by `gujnlp annotate --model
 * rules`, then copied; a second annotator's file has every 7th entity
 * changed. Generated in a temp folder, never committed. For each command:
 * wall seconds, MB/s and peak RSS (GNU time's %M, else unmeasured), and
 * whether it meets the targets (≤ 250 MB at the largest size, within 1.5×
 * of the smallest size's figure).
 *
 *   npm run build && node --import tsx bench/stream-memory.ts [--sizes 5,50]
 */
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secondAnnotator } from '../test/helpers/conll-files.js';
import { argValue as arg, CLI, runCliMeasured, SEGMENTS } from './cli-run-lib.js';

const TARGET_MB = 250;
const TARGET_RATIO = 1.5;

const sizes = (arg('--sizes') ?? '5,50').split(',').map(Number);

if (!existsSync(CLI)) throw new Error('build first: npm run build');
if (!existsSync(SEGMENTS)) {
  console.error(`skipped: ${SEGMENTS} is absent`);
  process.exit(0);
}

interface Run {
  wall: number;
  rssMB: number;
}

/** Runs the CLI (stdout to a file); wall seconds and peak RSS in MB. Exit status 1 is accepted where expected (validate on a file with problems). */
function run(args: string[], stdout: string, okCodes = [0]): Run {
  const { wall, rssMB } = runCliMeasured(args, stdout, okCodes);
  return { wall, rssMB };
}

const dir = mkdtempSync(join(tmpdir(), 'gujnlp-bench-stream-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// one copy of FLORES, annotated once; its CoNLL sentences are the unit that is repeated
const text = join(dir, 'flores.txt');
writeFileSync(
  text,
  readFileSync(SEGMENTS, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[2] ?? '')
    .filter((l) => l !== '')
    .join('\n') + '\n',
);
const once = join(dir, 'flores.conll');
run(['annotate', text, '--model', 'rules', '--jobs', '1', '--format', 'conll', '-o', once], join(dir, 'annotate.out'));
const copyA = readFileSync(once, 'utf8').trimEnd() + '\n\n';
const copyB = secondAnnotator(copyA);

/** Copies of a piece written until the file holds `mb` MB (the same number of copies for both annotators). */
function repeat(path: string, piece: string, copies: number): void {
  const fd = openSync(path, 'w');
  const b = Buffer.from(piece);
  for (let i = 0; i < copies; i++) writeSync(fd, b);
  closeSync(fd);
}

interface Row {
  command: string;
  size: number;
  mb: number;
  r: Run;
}
const rows: Row[] = [];
const measure = (command: string, size: number, mb: number, args: string[], okCodes?: number[]): void => {
  const r = run(args, join(dir, 'stdout'), okCodes);
  rows.push({ command, size, mb, r });
  console.error(`${command} at ${mb.toFixed(1)} MB: ${r.wall.toFixed(1)} s, ${r.rssMB.toFixed(0)} MB peak RSS`);
};

for (const size of sizes) {
  const copies = Math.ceil((size * 1e6) / Buffer.byteLength(copyA));
  const a = join(dir, `a-${size}.conll`);
  const b = join(dir, `b-${size}.conll`);
  repeat(a, copyA, copies);
  repeat(b, copyB, copies);
  const mb = statSync(a).size / 1e6;
  const hfDir = join(dir, `hf-${size}`);
  mkdirSync(hfDir);
  const hf = join(hfDir, 'a.jsonl');
  measure('convert CoNLL → HF', size, mb, ['convert', a, hf, '--to', 'hf']);
  measure('convert CoNLL → doccano JSONL', size, mb, ['convert', a, join(dir, `d-${size}.jsonl`), '--to', 'doccano']);
  measure('convert CoNLL → json', size, mb, ['convert', a, join(dir, `j-${size}.json`), '--to', 'json']);
  measure('validate CoNLL', size, mb, ['validate', a]);
  measure('validate HF JSONL', size, statSync(hf).size / 1e6, ['validate', hf]);
  measure('evaluate --gold/--pred CoNLL', size, 2 * mb, ['evaluate', '--gold', a, '--pred', b, '--format', 'json']);
  measure('agree CoNLL', size, 2 * mb, ['agree', a, b, '--format', 'json']);
  for (const f of [a, b, hf]) rmSync(f, { force: true });
  rmSync(hfDir, { recursive: true, force: true });
}

const header = ['command', 'input MB', 'wall s', 'MB/s', 'peak RSS MB', 'target'];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
const smallest = Math.min(...sizes);
const largest = Math.max(...sizes);
for (const row of rows) {
  let target = '';
  if (row.size === largest && sizes.length > 1) {
    const base = rows.find((x) => x.command === row.command && x.size === smallest)!;
    const ratio = row.r.rssMB / base.r.rssMB;
    target = `${row.r.rssMB <= TARGET_MB && ratio <= TARGET_RATIO ? 'met' : 'MISSED'} (${ratio.toFixed(2)}× the ${smallest} MB figure)`;
  }
  console.log(`| ${row.command} | ${row.mb.toFixed(1)} | ${row.r.wall.toFixed(1)} | ${(row.mb / row.r.wall).toFixed(2)} | ${row.r.rssMB.toFixed(0)} | ${target} |`);
}

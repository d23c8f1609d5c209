/**
 * `npm run bench [-- NAME...]`: runs the benchmarks in bench/ one after the
 * other (all of them, or those named: `npm run bench -- tokenize-speed`),
 * each as its own process so that one's memory and JIT state do not bend
 * the next one's figures; `--list` names them. A benchmark is every
 * bench/*.ts except shared code (`*-lib.ts`), generators (`*make*`) and this
 * runner. `npm run bench` builds dist/ first (some benchmarks time the CLI).
 * Exit status: 0 when every benchmark ran, 1 otherwise.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));

const BENCHMARKS = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== self && !f.endsWith('-lib.ts') && !f.includes('make'))
  .map((f) => f.slice(0, -3))
  .sort();

const args = process.argv.slice(2);
if (args.includes('--list')) {
  process.stdout.write(`${BENCHMARKS.join('\n')}\n`);
  process.exit(0);
}
const unknown = args.filter((a) => !BENCHMARKS.includes(a));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')} (one of ${BENCHMARKS.join(', ')})\n`);
  process.exit(1);
}
const failed: string[] = [];
for (const name of args.length > 0 ? args : BENCHMARKS) {
  process.stderr.write(`\n=== bench/${name}.ts ===\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`)], { stdio: 'inherit', cwd: join(here, '..') });
  if (r.status !== 0) failed.push(name);
}
if (failed.length > 0) process.stderr.write(`bench: failed: ${failed.join(', ')}\n`);
process.exit(failed.length > 0 ? 1 : 0);

/**
 * What the corpus-scale benchmarks share: the built CLI, the FLORES
 * segments they repeat, argv's `--name value`, and one measured run of the
 * CLI (wall and CPU seconds, peak RSS by GNU time where it is installed).
 * A `-lib.ts` file: `npm run bench` does not run it on its own.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');
export const SEGMENTS = join(ROOT, '..', 'shared', 'data', 'flores-gu', 'segments.tsv');

/** The value after `--name` in this process's arguments. */
export function argValue(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export const hasGnuTime = spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;

export interface CliRun {
  wall: number;
  /** User + system seconds (NaN without GNU time). */
  cpu: number;
  /** Peak RSS in MB, worker threads included (NaN without GNU time). */
  rssMB: number;
}

/** Runs the CLI once with stdout to a file; exit statuses other than `okCodes` throw with its stderr. */
export function runCliMeasured(args: readonly string[], stdout: string, okCodes: readonly number[] = [0]): CliRun {
  const out = openSync(stdout, 'w');
  const t0 = process.hrtime.bigint();
  const r = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, CLI, ...args], { stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  closeSync(out);
  const err = r.stderr.toString();
  if (!okCodes.includes(r.status ?? -1)) throw new Error(`gujnlp ${args.join(' ')} failed (${r.status}):\n${err}`);
  if (!hasGnuTime) return { wall, cpu: NaN, rssMB: NaN };
  const [kb, user, sys] = err.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: user + sys, rssMB: kb / 1024 };
}

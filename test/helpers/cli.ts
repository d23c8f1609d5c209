import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
/**
 * `npm test` builds first and sets GUJNLP_TEST_CLI=dist, so CLI tests run the
 * compiled CLI (what users run, and much faster to start); a single test file
 * run during development uses the TypeScript sources through tsx.
 */
const USE_DIST = process.env.GUJNLP_TEST_CLI === 'dist';
const DIST_MAIN = join(ROOT, 'dist', 'cli', 'main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/** Runs `gujnlp ARGS` (compiled under `npm test`, else from the TypeScript sources). */
export function runCli(args: string[], opts: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const argv = USE_DIST ? [DIST_MAIN, ...args] : ['--import', 'tsx', MAIN, ...args];
    const child = spawn(process.execPath, argv, {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, ...opts.env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code: code ?? -1, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes });
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

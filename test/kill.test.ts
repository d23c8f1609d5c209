/**
 * Kill test (issue 14): a process killed with SIGKILL while writing its
 * output leaves the old file whole (atomic per file) and at most a temp
 * file, which the next write to that output removes.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './helpers/cli.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';

const temps = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith('.tmp-'));

test('SIGKILL during the final write: the old file is intact, and the next write removes the temp file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-kill-'));
  const out = join(dir, 'out.json');
  const old = '{"old": true}\n';
  writeFileSync(out, old);
  const module = pathToFileURL(join(ROOT, 'src', 'io', 'atomic-write.ts')).href;
  // a 48 MB write, repeated, so the kill lands while a temp file is being written
  const script = `const { writeFileAtomic } = await import(${JSON.stringify(module)});
    const big = 'x'.repeat(48 * 1024 * 1024);
    process.stdout.write('ready\\n');
    for (;;) writeFileAtomic(${JSON.stringify(out)}, big);`;
  let caught = 0;
  for (let attempt = 0; attempt < 5 && caught === 0; attempt++) {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    // wait until a temp file exists, then kill at once
    const started = Date.now();
    while (temps(dir).length === 0 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 1));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    const now = readFileSync(out, 'utf8');
    // whole old or whole new, never a part
    t.true(now === old || now.length === 48 * 1024 * 1024, `length ${now.length}`);
    caught = temps(dir).length;
  }
  t.true(caught > 0, 'a kill landed during a write (a temp file was left)');
  writeFileAtomic(out, 'next run\n');
  t.is(readFileSync(out, 'utf8'), 'next run\n');
  t.deepEqual(temps(dir), []);
  t.true(existsSync(out));
});

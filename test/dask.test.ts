/**
 * examples/dask/: a local Dask cluster of 2 workers maps shards of a corpus
 * through `gujnlp annotate`; the merged output equals the single-process
 * output (the script checks and exits 1 otherwise). Skips where Debian's
 * python3-distributed is not installed.
 */
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/cli.js';
import { readShared, SKIP_NO_SHARED } from './helpers/shared.js';

// Debian's python3-distributed belongs to /usr/bin/python3, which may not be the python3 first on PATH (pyenv)
const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import distributed'], { stdio: 'ignore' }).status === 0);
const hasDask = python !== undefined;
const ner = readShared('data/flores-gu/ner.jsonl');

test('examples/dask: 2 workers, sharded output == single-process output', async (t) => {
  if (!hasDask) return t.pass('skipped: python3-distributed is not installed (apt-get install python3-distributed; .ci/run installs it where it can)');
  if (ner === undefined) return t.pass(SKIP_NO_SHARED('data/flores-gu/ner.jsonl'));
  t.timeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'gujnlp-dask-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const input = join(dir, 'corpus.jsonl');
  writeFileSync(
    input,
    ner
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(0, 40)
      .join('\n') + '\n',
  );
  const out = join(dir, 'out.jsonl');
  const cmd = `${process.execPath} ${join(ROOT, 'dist', 'cli', 'main.js')}`;
  const r = await new Promise<{ code: number; err: string }>((resolve) => {
    const child = spawn(python!, [join(ROOT, 'examples', 'dask', 'annotate_dask.py'), input, out, '--gujnlp', cmd, '--shards', '4', '--workers', '2'], { cwd: dir });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('close', (code) => resolve({ code: code ?? -1, err }));
  });
  t.is(r.code, 0, r.err);
  t.regex(r.err, /merged output == single-process output/);
  t.is(
    readFileSync(out, 'utf8')
      .split('\n')
      .filter((l) => l !== '').length,
    40,
  );
});

import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { InputError } from './errors.js';
import { fsErrorToInput } from './fs-errors.js';
import { isInput } from './inputs.js';
import { processAlive } from './process-alive.js';

/** Temp files are `.tmp-<target name>-<pid>-<ms>` beside their target. */
const TEMP_RE = /^\.tmp-(.+)-(\d+)-(\d+)$/;

/** The temp file name for a target (exported for the tests that look for leftovers). */
export function tempNameFor(target: string): string {
  return `.tmp-${basename(target)}-${process.pid}-${Date.now()}`;
}

/**
 * Removes temp files of this target left by runs that were killed during
 * their final write (their process is gone). Temp files of live processes
 * and of other targets are left alone.
 */
export function removeStaleTemps(target: string): string[] {
  const dir = dirname(target);
  const name = basename(target);
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const f of entries) {
    const m = TEMP_RE.exec(f);
    if (m === null || m[1] !== name || processAlive(Number(m[2]))) continue;
    try {
      rmSync(join(dir, f), { force: true });
      removed.push(join(dir, f));
    } catch {
      // not ours to remove (permissions): leave it
    }
  }
  return removed;
}

/**
 * The file a write to `p` must replace: `p` itself, or, when `p` is a
 * symbolic link, the file it points to (the link is kept, never replaced by
 * a regular file). A link to a missing file or to a directory is refused.
 */
export function writeTarget(p: string): string {
  let st;
  try {
    st = lstatSync(p);
  } catch {
    return p; // does not exist yet
  }
  if (st.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(p);
    } catch {
      throw new InputError(`is a symbolic link to a missing file (${readlinkSync(p)}); remove the link or create its target`, { file: p });
    }
    if (statSync(real).isDirectory()) throw new InputError('is a symbolic link to a directory, cannot write the output file there', { file: p });
    return real;
  }
  if (st.isDirectory()) throw new InputError('is a directory, cannot write the output file there', { file: p });
  if (!st.isFile()) throw new InputError('is not a regular file (device, pipe or socket), cannot replace it', { file: p });
  return p;
}

/** Creates the folder of an output, with one clear line when a parent is a file or not writable. */
export function ensureParent(p: string): void {
  const dir = dirname(resolve(p));
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw fsErrorToInput(err, p, 'create the folder of the output');
  }
  if (!statSync(dir).isDirectory()) throw new InputError('cannot write: a parent of the path is a file, not a folder', { file: p });
}

function writeWhole(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'wx', 0o666);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    // no fsync: a killed process loses nothing the kernel holds; power loss is not covered (README)
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes files so that readers see either the old contents or the whole new
 * ones: every file goes to a temp file beside its target first, and only when
 * all are written are they renamed. A failure leaves no temp file behind and
 * keeps the existing files; temp files of earlier killed runs are removed.
 * A symbolic link as output is written through (the file it points to is
 * replaced, the link kept). File system errors become one-line InputErrors.
 */
export function writeFilesAtomic(entries: readonly (readonly [string, string | Uint8Array])[]): void {
  const temps: [string, string, string][] = [];
  const seen = new Set<string>();
  try {
    for (const [p, data] of entries) {
      if (typeof data === 'string' && hasLoneSurrogate(data)) {
        throw new InputError('the text holds a lone UTF-16 surrogate, which UTF-8 files cannot hold (it would be written as U+FFFD)', { file: p });
      }
      ensureParent(p);
      const target = writeTarget(p);
      if (isInput(target)) throw new InputError('is also an input of this command; writing it would replace what is being read: give another output path', { file: p });
      if (seen.has(resolve(target))) throw new InputError('two outputs of one run would be written to the same file', { file: p });
      seen.add(resolve(target));
      removeStaleTemps(target);
      const tmp = join(dirname(target), tempNameFor(target));
      temps.push([tmp, target, p]);
      try {
        writeWhole(tmp, data);
      } catch (err) {
        throw fsErrorToInput(err, p, 'write the output');
      }
    }
    for (const [tmp, target, p] of temps) {
      try {
        renameSync(tmp, target);
      } catch (err) {
        throw fsErrorToInput(err, p, 'replace the output');
      }
    }
  } catch (err) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    throw err;
  }
}

/** One file, atomically (see writeFilesAtomic). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeFilesAtomic([[path, data]]);
}

/** Does the string hold a UTF-16 surrogate that is not half of a pair? */
export function hasLoneSurrogate(s: string): boolean {
  // the u flag makes the character class match lone surrogates only
  return /\p{Cs}/u.test(s);
}

/**
 * Where streamed output goes, with memory bounded by one buffer:
 *
 * - `OutFile`: an output file written to a temp file beside its target and
 *   renamed over it only by `commit()` (an interrupted or failed run leaves
 *   the old file and no half-written one, as the atomic writer of src/io/);
 *   `-` streams to stdout instead;
 * - `Spool`: a temp file that collects one section of a document whose
 *   layout needs it later (the JSON sentences list comes after the whole
 *   text), copied into the output at the end and removed.
 */
import { closeSync, mkdtempSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InputError } from '../io/errors.js';
import { ensureParent, hasLoneSurrogate, removeStaleTemps, tempNameFor, writeTarget } from '../io/atomic-write.js';
import { fsErrorToInput } from '../io/fs-errors.js';
import { isInput } from '../io/inputs.js';

/**
 * UTF-16 units buffered before a write: ~0.4 MB of Gujarati UTF-8 per
 * write is as fast as more, and each buffer (the output and every spool)
 * is a heap of small strings until it is joined (measured: 1 Mi units
 * made convert → json peak 40 MB higher).
 */
const FLUSH_AT = 1 << 17;

/** Buffered appends to a file descriptor (strings joined and written once per ~1 MB). */
class Buffered {
  private parts: string[] = [];
  private size = 0;
  constructor(protected fd: number) {}

  write(s: string): void {
    if (s === '') return;
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.size === 0 && this.parts.length === 0) return;
    const s = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    this.size = 0;
    writeAll(this.fd, Buffer.from(s, 'utf8'));
  }
}

function writeAll(fd: number, buf: Uint8Array): void {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (err) {
      // a non-blocking pipe that is full: wait a little and retry
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
        continue;
      }
      throw err;
    }
  }
}

/** Copies a file's bytes to a descriptor in 1 MB blocks. */
function copyInto(path: string, fd: number): void {
  const src = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(src, buf, 0, buf.length, null);
      if (n === 0) break;
      writeAll(fd, buf.subarray(0, n));
    }
  } finally {
    closeSync(src);
  }
}

let spoolDir: string | undefined;
let spoolCount = 0;

function newSpoolPath(tag: string): string {
  spoolDir ??= mkdtempSync(join(tmpdir(), 'gujnlp-spool-'));
  return join(spoolDir, `${spoolCount++}-${tag}`);
}

/** Spools not yet drained or discarded (runs in one process may overlap: the folder stays while any is open). */
let liveSpools = 0;

/** Removes the spool folder when no spool is open (spools are removed one by one as they are used; the folder at exit). */
export function removeSpools(): void {
  if (spoolDir === undefined || liveSpools > 0) return;
  rmSync(spoolDir, { recursive: true, force: true });
  spoolDir = undefined;
}

process.once('exit', () => {
  if (spoolDir !== undefined) rmSync(spoolDir, { recursive: true, force: true });
});

/** A temp file that collects text to be copied into the output later. */
export class Spool extends Buffered {
  readonly path: string;
  private closed = false;
  /** UTF-16 length appended so far. */
  length = 0;

  constructor(tag: string) {
    const path = newSpoolPath(tag);
    super(openSync(path, 'w'));
    this.path = path;
    liveSpools++;
  }

  private close(): void {
    if (this.closed) return;
    closeSync(this.fd);
    this.closed = true;
    liveSpools--;
  }

  override write(s: string): void {
    this.length += s.length;
    super.write(s);
  }

  /** Copies everything written into `out`, then deletes the spool. */
  drainInto(out: OutFile): void {
    this.flush();
    this.close();
    out.copyFrom(this.path);
    rmSync(this.path, { force: true });
  }

  discard(): void {
    this.close();
    rmSync(this.path, { force: true });
  }
}

/**
 * The main output: stdout (`-`) or a file written atomically (see commit),
 * by the rules of the whole-file writer (src/io/atomic-write.ts): a
 * symbolic link is written through, a directory or device refused, an input
 * of the command never replaced, temp files of killed runs removed, and a
 * lone UTF-16 surrogate refused rather than written as U+FFFD.
 */
export class OutFile extends Buffered {
  readonly path: string;
  private readonly tmp: string | undefined;
  private readonly target: string | undefined;
  private done = false;

  constructor(path: string) {
    let fd: number;
    let tmp: string | undefined;
    let target: string | undefined;
    if (path === '-') fd = 1;
    else {
      ensureParent(path);
      target = writeTarget(path);
      if (isInput(target)) throw new InputError('is also an input of this command; writing it would replace what is being read: give another output path', { file: path });
      removeStaleTemps(target);
      tmp = join(dirname(target), tempNameFor(target));
      try {
        fd = openSync(tmp, 'wx', 0o666);
      } catch (err) {
        throw fsErrorToInput(err, path, 'write the output');
      }
    }
    super(fd);
    this.path = path;
    this.tmp = tmp;
    this.target = target;
  }

  override write(s: string): void {
    if (hasLoneSurrogate(s)) {
      this.abort();
      throw new InputError('the text holds a lone UTF-16 surrogate, which UTF-8 files cannot hold (it would be written as U+FFFD)', { file: this.path });
    }
    super.write(s);
  }

  copyFrom(path: string): void {
    this.flush();
    copyInto(path, this.fd);
  }

  /** Flushes and, for a file, renames the temp file over the target. */
  commit(): void {
    if (this.done) return;
    this.flush();
    this.done = true;
    if (this.tmp !== undefined) {
      closeSync(this.fd);
      try {
        renameSync(this.tmp, this.target!);
      } catch (err) {
        rmSync(this.tmp, { force: true });
        throw fsErrorToInput(err, this.path, 'replace the output');
      }
    }
  }

  /** Drops a file's temp file (the target is left as it was). */
  abort(): void {
    if (this.done) return;
    this.done = true;
    if (this.tmp !== undefined) {
      closeSync(this.fd);
      rmSync(this.tmp, { force: true });
    }
  }
}

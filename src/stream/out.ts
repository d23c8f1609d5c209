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
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../io/errors.js';

const FLUSH_AT = 1 << 20;

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

/** Removes the spool folder (at exit; spools are removed one by one as they are used). */
export function removeSpools(): void {
  if (spoolDir !== undefined) rmSync(spoolDir, { recursive: true, force: true });
  spoolDir = undefined;
}

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
  }

  override write(s: string): void {
    this.length += s.length;
    super.write(s);
  }

  /** Copies everything written into `out`, then deletes the spool. */
  drainInto(out: OutFile): void {
    this.flush();
    if (!this.closed) closeSync(this.fd);
    this.closed = true;
    out.copyFrom(this.path);
    rmSync(this.path, { force: true });
  }

  discard(): void {
    if (!this.closed) closeSync(this.fd);
    this.closed = true;
    rmSync(this.path, { force: true });
  }
}

/** The main output: stdout (`-`) or a file written atomically (see commit). */
export class OutFile extends Buffered {
  readonly path: string;
  private readonly tmp: string | undefined;
  private done = false;

  constructor(path: string) {
    let fd: number;
    let tmp: string | undefined;
    if (path === '-') fd = 1;
    else {
      const dir = dirname(path);
      mkdirSync(dir, { recursive: true });
      if (existsSync(path) && statSync(path).isDirectory()) throw new InputError('is a directory, cannot write the output file there', { file: path });
      tmp = join(dir, `.tmp-${basename(path)}-${process.pid}-${Date.now()}`);
      fd = openSync(tmp, 'w');
    }
    super(fd);
    this.path = path;
    this.tmp = tmp;
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
      renameSync(this.tmp, this.path);
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

/** Writes a small companion file (HF labels.json) atomically. */
export function writeSmallFileAtomic(path: string, data: string): void {
  const tmp = join(dirname(path), `.tmp-${basename(path)}-${process.pid}-${Date.now()}`);
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(tmp, 'w');
  try {
    writeAll(fd, Buffer.from(data, 'utf8'));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

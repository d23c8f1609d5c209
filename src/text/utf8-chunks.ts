/**
 * Reads a UTF-8 text file (or stdin for `-`) as a sequence of decoded
 * string chunks, so a large file is never held whole in memory. Same
 * rules as `readTextFile` (src/io/read-text.ts): strict UTF-8 with the
 * byte offset of the first bad byte, NUL bytes mean binary input, a
 * leading BOM is skipped, line endings are left alone.
 *
 * A regular file is checked in a first pass (cheap: Buffer.isUtf8 runs at
 * GB/s) so that a bad file fails before any output is written; stdin can
 * only fail at the chunk where the problem is.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { InputError } from '../io/errors.js';
import { firstInvalidUtf8 } from '../io/read-text.js';

export const DEFAULT_CHUNK_BYTES = 1 << 20;

/** Length of the prefix of `b` that ends on a UTF-8 character boundary (an incomplete tail stays for the next chunk). */
export function completePrefix(b: Uint8Array): number {
  const n = b.length;
  // look back at most 3 bytes for the lead byte of the last sequence
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = b[n - k];
    if ((c & 0xc0) === 0x80) continue; // continuation byte
    if (c < 0x80) return n;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? n - k : n;
  }
  return n;
}

function countNewlines(b: Uint8Array, end = b.length): number {
  let lines = 0;
  for (let i = b.indexOf(0x0a); i !== -1 && i < end; i = b.indexOf(0x0a, i + 1)) lines++;
  return lines;
}

/** Decodes one chunk that ends on a character boundary; errors name the byte offset `offset + i` and the line. */
class ChunkDecoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private offset = 0;
  private lines = 0;
  private first = true;

  constructor(private readonly file: string) {}

  decode(bytes: Uint8Array): string {
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      throw new InputError(`binary input (NUL byte at byte offset ${this.offset + nul}), expected UTF-8 text`, { file: this.file, line: this.lines + countNewlines(bytes, nul) + 1 });
    }
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      throw new InputError(`invalid UTF-8 at byte offset ${this.offset + at}`, { file: this.file, line: this.lines + countNewlines(bytes, at) + 1 });
    }
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.offset += bytes.length;
    this.lines += countNewlines(bytes);
    return text;
  }

  /** Called at end of input with the bytes still held back: a truncated last character. */
  finish(rest: Uint8Array): string {
    return rest.length === 0 ? '' : this.decode(rest);
  }
}

/** Splits raw byte chunks at character boundaries and decodes them. */
async function* decodeChunks(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, file: string): AsyncGenerator<string> {
  const dec = new ChunkDecoder(file);
  let carry: Uint8Array = new Uint8Array(0);
  for await (const raw of source) {
    const bytes = carry.length === 0 ? raw : Buffer.concat([carry, raw]);
    const cut = completePrefix(bytes);
    carry = bytes.subarray(cut);
    if (cut > 0) yield dec.decode(bytes.subarray(0, cut));
  }
  const last = dec.finish(carry);
  if (last !== '') yield last;
}

/** Byte chunks of a file, read synchronously (for the validation pass). */
function* fileBlocks(path: string, size: number): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(size);
    for (;;) {
      const n = readSync(fd, buf, 0, size, null);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Checks a whole file for binary content and invalid UTF-8 without keeping it in memory. */
export function validateUtf8File(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): void {
  let offset = 0;
  let lines = 0;
  let carry: Buffer = Buffer.alloc(0);
  const check = (b: Buffer) => {
    if (b.indexOf(0) !== -1 || !isUtf8(b)) new ChunkDecoder(path).decode(b); // throws with the exact place...
  };
  for (const block of fileBlocks(path, chunkBytes)) {
    const bytes = carry.length === 0 ? Buffer.from(block) : Buffer.concat([carry, block]);
    const cut = completePrefix(bytes);
    const part = bytes.subarray(0, cut);
    try {
      check(part);
    } catch (err) {
      throw relocate(err, offset, lines, path);
    }
    offset += cut;
    lines += countNewlines(part);
    carry = Buffer.from(bytes.subarray(cut));
  }
  if (carry.length > 0) {
    try {
      new ChunkDecoder(path).decode(carry);
    } catch (err) {
      throw relocate(err, offset, lines, path);
    }
  }
}

/** ...then shifts that place by the bytes and lines before the chunk. */
function relocate(err: unknown, offset: number, lines: number, file: string): unknown {
  if (!(err instanceof InputError)) return err;
  const problem = err.problem.replace(/byte offset (\d+)/, (_, n: string) => `byte offset ${Number(n) + offset}`);
  return new InputError(problem, { file, line: (err.line ?? 1) + lines });
}

/**
 * Decoded chunks of a text file, or of stdin for `-`. Missing files and
 * directories fail at once; a regular file is validated before the first
 * chunk is returned.
 */
export function readTextChunks(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncGenerator<string> {
  if (path === '-') return decodeChunks(process.stdin, '<stdin>');
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError('no such file', { file: path });
  }
  if (st.isDirectory()) throw new InputError('is a directory, expected a file', { file: path });
  if (st.isFile()) validateUtf8File(path, chunkBytes);
  return decodeChunks(createReadStream(path, { highWaterMark: chunkBytes }), path);
}

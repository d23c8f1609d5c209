/**
 * SentencePiece's precompiled normalizer (`"type": "Precompiled"` in
 * tokenizer.json), as Hugging Face tokenizers runs it: the charsmap is a Darts
 * double-array trie over UTF-8 bytes whose values point into a blob of
 * NUL-terminated replacement strings.
 *
 * Quirks kept on purpose, because Python has them: a grapheme shorter than 6
 * UTF-8 bytes is looked up whole and replaced by its SHORTEST matching prefix's
 * replacement; longer graphemes (every Gujarati consonant cluster, flags) are
 * rewritten code point by code point.
 */
const SEGMENTER = new Intl.Segmenter('und', { granularity: 'grapheme' });
const DECODER = new TextDecoder('utf-8', { fatal: true });

export class PrecompiledCharsmap {
  private readonly trie: Uint32Array;
  private readonly blob: Uint8Array;

  /** @param charsmap the base64 `precompiled_charsmap` of tokenizer.json */
  constructor(charsmap: string) {
    const bytes = Buffer.from(charsmap, 'base64');
    if (bytes.length < 4) throw new Error('precompiled_charsmap is too short');
    const trieSize = bytes.readUInt32LE(0);
    if (trieSize % 4 !== 0 || 4 + trieSize > bytes.length) throw new Error('precompiled_charsmap: bad trie size');
    this.trie = new Uint32Array(trieSize / 4);
    for (let i = 0; i < this.trie.length; i++) this.trie[i] = bytes.readUInt32LE(4 + 4 * i);
    this.blob = bytes.subarray(4 + trieSize);
  }

  /** Replacement of the shortest key that prefixes `key`, or undefined. */
  private transform(key: Uint8Array): string | undefined {
    const t = this.trie;
    let pos = offset(t[0]);
    for (const c of key) {
      if (c === 0) break;
      pos ^= c;
      const unit = t[pos];
      if (unit === undefined || label(unit) !== c) return undefined;
      pos ^= offset(unit);
      if ((unit >>> 8) & 1) {
        const start = t[pos] & 0x7fffffff;
        let end = start;
        while (end < this.blob.length && this.blob[end] !== 0) end++;
        return DECODER.decode(this.blob.subarray(start, end));
      }
    }
    return undefined;
  }

  normalize(text: string): string {
    let out = '';
    for (const { segment } of SEGMENTER.segment(text)) {
      const bytes = Buffer.from(segment, 'utf8');
      if (bytes.length < 6) {
        const whole = this.transform(bytes);
        if (whole !== undefined) {
          out += whole;
          continue;
        }
      }
      for (const ch of segment) out += this.transform(Buffer.from(ch, 'utf8')) ?? ch;
    }
    return out;
  }
}

const offset = (unit: number): number => ((unit >>> 10) << ((unit & (1 << 9)) >>> 6)) >>> 0;
const label = (unit: number): number => (unit & 0x800000ff) >>> 0;

/**
 * Reads a conlleval-style file: one token per line, whitespace-separated
 * columns of which the last two are the gold and the predicted tag;
 * sentences end at a blank line or at a line whose first column is `-X-`
 * or `-DOCSTART-` (conlleval.pl counts a `-DOCSTART-` line as a token; we
 * treat it as the document break it is).
 *
 * Built for speed: the bytes are scanned once and never decoded as a whole
 * (UTF-8 validity is checked natively with `isUtf8`); only the last two
 * columns are looked at, and each distinct tag is decoded and parsed once.
 */
import { isUtf8 } from 'node:buffer';
import { InputError } from '../io/errors.js';
import { decodeUtf8 } from '../io/read-text.js';
import { TagInterner, type TagCorpus } from './corpus.js';

/** Interns tags given as byte ranges, decoding each distinct one once (open addressing on an FNV-1a hash). */
class ByteTagInterner {
  private table = new Int32Array(1024); // slot → entry + 1
  private readonly bytes: Uint8Array[] = [];
  private readonly ids: number[] = [];
  constructor(private readonly strings: TagInterner) {}

  /** The tag id, or -1 when the tag is new (then call `add`). */
  find(buf: Uint8Array, s: number, e: number): number {
    const mask = this.table.length - 1;
    let slot = hash(buf, s, e) & mask;
    for (;;) {
      const k = this.table[slot] - 1;
      if (k < 0) return -1;
      if (sameBytes(this.bytes[k], buf, s, e)) return this.ids[k];
      slot = (slot + 1) & mask;
    }
  }

  add(buf: Uint8Array, s: number, e: number, where: (problem: string) => Error): number {
    const tag = Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('utf8');
    const id = this.strings.id(tag, where);
    this.bytes.push(buf.slice(s, e));
    this.ids.push(id);
    if (this.bytes.length * 2 > this.table.length) {
      this.table = new Int32Array(this.table.length * 2);
      this.bytes.forEach((b, k) => this.insert(b, 0, b.length, k));
    } else this.insert(buf, s, e, this.bytes.length - 1);
    return id;
  }

  private insert(buf: Uint8Array, s: number, e: number, k: number): void {
    const mask = this.table.length - 1;
    let slot = hash(buf, s, e) & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = k + 1;
  }
}

function hash(buf: Uint8Array, s: number, e: number): number {
  let h = 2166136261;
  for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 16777619);
  return h >>> 0;
}

function sameBytes(a: Uint8Array, buf: Uint8Array, s: number, e: number): boolean {
  if (a.length !== e - s) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[s + i]) return false;
  return true;
}

/** The bytes [b, e) are exactly the ASCII `word`. */
function isWord(buf: Uint8Array, b: number, e: number, word: string): boolean {
  if (e - b !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[b + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** Parses the file's bytes (a leading UTF-8 BOM is skipped). */
export function parseConllBytes(buf: Uint8Array, file: string): TagCorpus {
  if (!isUtf8(buf)) decodeUtf8(buf, file); // throws the precise error (offset, line)
  const nul = buf.indexOf(0);
  if (nul >= 0) decodeUtf8(buf, file);
  const strings = new TagInterner();
  const interner = new ByteTagInterner(strings);
  let cap = Math.max(1024, buf.length >>> 4);
  let gold = new Int32Array(cap);
  let pred = new Int32Array(cap);
  const sentStart: number[] = [];
  const sentLine: number[] = [];
  let n = 0;
  let inSentence = false;
  let line = 0;
  // direct-mapped cache in front of the interner, keyed by length and three
  // bytes, verified against a stored occurrence of the tag in `buf`
  const cacheId = new Int32Array(4096).fill(-1);
  const cacheAt = new Int32Array(4096);
  const cacheLen = new Int32Array(4096);
  const tagId = (s: number, e: number, side: string, line: number): number => {
    const n = e - s;
    const slot = (n * 40503 + buf[s] * 59 + buf[e - 1] * 497 + buf[s + (n >> 1)] * 127) & 4095;
    let id = cacheId[slot];
    if (id >= 0 && cacheLen[slot] === n) {
      const at = cacheAt[slot];
      let k = 0;
      while (k < n && buf[at + k] === buf[s + k]) k++;
      if (k === n) return id;
    }
    id = interner.find(buf, s, e);
    if (id < 0) id = interner.add(buf, s, e, (m) => new InputError(`${side} ${m}`, { file, line }));
    cacheId[slot] = id;
    cacheAt[slot] = s;
    cacheLen[slot] = n;
    return id;
  };
  const len = buf.length;
  let pos = len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  while (pos < len) {
    line++;
    // one forward scan of the line: remember the first and the last two columns
    // (bytes <= 32 except \n separate columns; UTF-8 continuation bytes are >= 0x80)
    let i = pos;
    let nf = 0;
    let f0s = 0;
    let f0e = 0;
    let gs = 0;
    let ge = 0;
    let ps = 0;
    let e = 0;
    let c = 0;
    while (i < len && (c = buf[i]) !== 10 && c <= 32) i++;
    while (i < len && c !== 10) {
      const s0 = i;
      while (i < len && (c = buf[i]) > 32) i++;
      if (nf === 0) {
        f0s = s0;
        f0e = i;
      }
      gs = ps;
      ge = e;
      ps = s0;
      e = i;
      nf++;
      while (i < len && (c = buf[i]) !== 10 && c <= 32) i++;
    }
    pos = i + 1;
    if (nf === 0 || (buf[f0s] === 45 && (isWord(buf, f0s, f0e, '-X-') || isWord(buf, f0s, f0e, '-DOCSTART-')))) {
      inSentence = false;
      continue;
    }
    if (nf === 1) throw new InputError('expected at least two columns (gold tag, predicted tag), found one', { file, line });

    const gid = tagId(gs, ge, 'gold', line);
    const pid = tagId(ps, e, 'predicted', line);
    if (!inSentence) {
      sentStart.push(n);
      sentLine.push(line);
      inSentence = true;
    }
    if (n === cap) {
      cap *= 2;
      const g2 = new Int32Array(cap);
      g2.set(gold);
      gold = g2;
      const p2 = new Int32Array(cap);
      p2.set(pred);
      pred = p2;
    }
    gold[n] = gid;
    pred[n] = pid;
    n++;
  }
  sentStart.push(n);
  return {
    tags: strings.tags,
    gold: gold.subarray(0, n),
    pred: pred.subarray(0, n),
    sentStart: Int32Array.from(sentStart),
    source: { file, sentLine: Int32Array.from(sentLine) },
  };
}

/** Parses text already in memory. */
export function parseConllTags(text: string, file: string): TagCorpus {
  return parseConllBytes(Buffer.from(text, 'utf8'), file);
}

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
 * A file is read in small chunks into one reused buffer and the tag ids are
 * stored as bytes while there are at most 256 distinct tags: fresh memory
 * costs a page fault per 4 KB, which on some machines (sandboxes, VMs) is
 * what a whole-file read and Int32Array ids spend most of their time on.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { InputError } from '../io/errors.js';
import { decodeUtf8 } from '../io/read-text.js';
import { TagInterner, type TagCorpus, type TagIds } from './corpus.js';

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

// direct-mapped cache of short tags in front of the interner
const CACHE_SLOTS = 1024;
const CACHE_WIDTH = 16;
/** Bytes per Latin-1 block string. */
const BLOCK = 1 << 15;
/** Bytes per read. */
const CHUNK = 1 << 18;

/** An id array of the same kind as `a` that holds ids up to `maxId`, with a's first `n` ids copied. */
function widen(a: TagIds, n: number, cap: number, maxId: number): TagIds {
  const b = maxId < 256 ? new Uint8Array(cap) : maxId < 65536 ? new Uint16Array(cap) : new Int32Array(cap);
  b.set(a.subarray(0, n));
  return b;
}

/** Fills buf[at, at + len) with the next input bytes; returns how many (0 at the end). */
export type ByteSource = (buf: Buffer, at: number, len: number) => number;

/** The line parser; `parse` reads a whole input, in one call (so the JIT compiles its loop once). */
export class ConllTagParser {
  private readonly strings = new TagInterner();
  private readonly interner = new ByteTagInterner(this.strings);
  private cap: number;
  private gold: TagIds;
  private pred: TagIds;
  private sentStart: Int32Array;
  private sentLine: Int32Array;
  private nSent = 0;
  private n = 0;
  /** The id of `O` once seen. */
  private idO = -1;
  private readonly cacheId = new Int32Array(CACHE_SLOTS).fill(-1);
  private readonly cacheLen = new Int32Array(CACHE_SLOTS);
  private readonly cacheBytes = new Uint8Array(CACHE_SLOTS * CACHE_WIDTH);

  /** `sizeHint`: the input's size in bytes (a token line takes at least 4), to size the arrays once. */
  constructor(
    private readonly file: string,
    sizeHint = 0,
  ) {
    // untouched parts of these cost nothing: large zeroed buffers are mapped lazily
    this.cap = Math.max(64, (sizeHint >>> 2) + 2);
    this.gold = new Uint8Array(this.cap);
    this.pred = new Uint8Array(this.cap);
    this.sentStart = new Int32Array(this.cap + 1);
    this.sentLine = new Int32Array(this.cap + 1);
  }

  /**
   * Reads the whole input from `read` in chunks of whole lines into one
   * reused buffer and parses it. With `validate`, each chunk is checked to
   * be UTF-8 without NUL bytes; returns false (having stopped) when one is
   * not. Line ends are found by String#indexOf on blocks of the chunk read
   * as Latin-1 (native, fast before any JIT warm-up; a block stays below
   * V8's large-object size).
   */
  parse(read: ByteSource, validate: boolean): boolean {
    let buf = Buffer.allocUnsafe(CHUNK);
    let have = 0;
    let first = true;
    let eof = false;
    let gold = this.gold;
    let pred = this.pred;
    let lim = 255;
    let n = 0;
    let line = 0;
    let inSentence = false;
    while (!eof) {
      if (have + 1 >= buf.length) {
        // a line longer than the buffer
        const b = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(b, 0, 0, have);
        buf = b;
      }
      // a small first read: the whole loop body runs once before the JIT
      // compiles the loop (code it compiled without feedback would be thrown away)
      const got = read(buf, have, first ? Math.min(4096, buf.length - have - 1) : buf.length - have - 1);
      let end = have + got;
      let added = false;
      if (got === 0) {
        eof = true;
        if (have === 0) break;
        if (buf[have - 1] !== 10) {
          buf[end++] = 10; // a last line without '\n'
          added = true;
        }
      }
      const cut = buf.lastIndexOf(10, end - 1) + 1;
      if (cut === 0) {
        have = end;
        continue;
      }
      if (validate) {
        const part = buf.subarray(0, added ? end - 1 : cut);
        if (!isUtf8(part) || part.indexOf(0) >= 0) return false;
      }
      let at = 0;
      let block = BLOCK;
      if (first) {
        first = false;
        block = 1024; // (small blocks too, for the same reason)
        if (cut >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) at = 3;
      }
      while (at < cut) {
        let stop = cut;
        if (cut - at > block) {
          stop = buf.lastIndexOf(10, at + block - 1) + 1;
          if (stop <= at) stop = buf.indexOf(10, at + block) + 1; // a line longer than a block
        }
        const str = buf.toString('latin1', at, stop);
        const base = at;
        let pos = at;
        while (pos < stop) {
          line++;
          let e = str.indexOf('\n', pos - base) + base;
          // bytes <= 32 (space, tab, CR, ...) separate columns; UTF-8 continuation bytes are >= 0x80
          let s = pos;
          pos = e + 1;
          while (s < e && buf[s] <= 32) s++;
          if (s === e) {
            inSentence = false;
            continue;
          }
          while (buf[e - 1] <= 32) e--;
          if (buf[s] === 45) {
            let f0e = s;
            while (buf[f0e] > 32) f0e++;
            if (isWord(buf, s, f0e, '-X-') || isWord(buf, s, f0e, '-DOCSTART-')) {
              inSentence = false;
              continue;
            }
          }
          // the last two columns, from the end of the line, hashing each
          // tag's bytes on the way (for the tag cache)
          let ps = e;
          let hp = 0;
          let c: number;
          while (ps > s && (c = buf[ps - 1]) > 32) {
            hp = Math.imul(hp ^ c, 16777619);
            ps--;
          }
          if (ps === s) throw new InputError('expected at least two columns (gold tag, predicted tag), found one', { file: this.file, line });
          let ge = ps - 1;
          while (buf[ge - 1] <= 32) ge--;
          let gs = ge;
          let hg = 0;
          while (gs > s && (c = buf[gs - 1]) > 32) {
            hg = Math.imul(hg ^ c, 16777619);
            gs--;
          }

          const gid = this.tagId(buf, gs, ge, hg, 'gold', line);
          const pid = this.tagId(buf, ps, e, hp, 'predicted', line);
          if (gid > lim || pid > lim || n === this.cap) {
            if (n === this.cap) this.grow(n);
            if (gid > lim || pid > lim) {
              const maxId = Math.max(gid, pid);
              this.gold = widen(this.gold, n, this.cap, maxId);
              this.pred = widen(this.pred, n, this.cap, maxId);
            }
            gold = this.gold;
            pred = this.pred;
            lim = gold instanceof Uint8Array ? 255 : gold instanceof Uint16Array ? 65535 : 0x7fffffff;
          }
          if (!inSentence) {
            this.sentStart[this.nSent] = n;
            this.sentLine[this.nSent] = line;
            this.nSent++;
            inSentence = true;
          }
          gold[n] = gid;
          pred[n] = pid;
          n++;
        }
        at = stop;
      }
      have = eof ? 0 : buf.copy(buf, 0, cut, end);
    }
    this.n = n;
    return true;
  }

  /** Doubles the capacity (only when the size hint was low). */
  private grow(n: number): void {
    this.cap *= 2;
    const lim = this.gold instanceof Uint8Array ? 0 : this.gold instanceof Uint16Array ? 256 : 65536;
    this.gold = widen(this.gold, n, this.cap, lim);
    this.pred = widen(this.pred, n, this.cap, lim);
    const ss = new Int32Array(this.cap + 1);
    ss.set(this.sentStart.subarray(0, this.nSent));
    this.sentStart = ss;
    const sl = new Int32Array(this.cap + 1);
    sl.set(this.sentLine.subarray(0, this.nSent));
    this.sentLine = sl;
  }

  /** The id of the tag in buf[s, e); `h`: the hash of its bytes the line scan computed. */
  private tagId(buf: Uint8Array, s: number, e: number, h: number, side: string, line: number): number {
    const len = e - s;
    if (len === 1 && buf[s] === 79 && this.idO >= 0) return this.idO;
    let slot = -1;
    if (len <= CACHE_WIDTH) {
      slot = (h ^ (h >>> 15) ^ (h >>> 25)) & (CACHE_SLOTS - 1);
      const id = this.cacheId[slot];
      if (id >= 0 && this.cacheLen[slot] === len) {
        const at = slot * CACHE_WIDTH;
        const cb = this.cacheBytes;
        let k = 0;
        while (k < len && cb[at + k] === buf[s + k]) k++;
        if (k === len) return id;
      }
    }
    let id = this.interner.find(buf, s, e);
    if (id < 0) {
      id = this.addTag(buf, s, e, side, line);
      if (len === 1 && buf[s] === 79) this.idO = id;
    }
    if (slot >= 0) {
      this.cacheId[slot] = id;
      this.cacheLen[slot] = len;
      this.cacheBytes.set(buf.subarray(s, e), slot * CACHE_WIDTH);
    }
    return id;
  }

  /** A new tag (apart from tagId: a closure there would allocate its context on every call). */
  private addTag(buf: Uint8Array, s: number, e: number, side: string, line: number): number {
    return this.interner.add(buf, s, e, (m) => new InputError(`${side} ${m}`, { file: this.file, line }));
  }

  finish(): TagCorpus {
    const n = this.n;
    this.sentStart[this.nSent] = n;
    return {
      tags: this.strings.tags,
      gold: this.gold.subarray(0, n),
      pred: this.pred.subarray(0, n),
      sentStart: this.sentStart.subarray(0, this.nSent + 1),
      source: { file: this.file, sentLine: this.sentLine.subarray(0, this.nSent) },
    };
  }
}

/** Parses the file's bytes (a leading UTF-8 BOM is skipped). */
export function parseConllBytes(buf: Uint8Array, file: string): TagCorpus {
  if (!isUtf8(buf)) decodeUtf8(buf, file); // throws the precise error (offset, line)
  const nul = buf.indexOf(0);
  if (nul >= 0) decodeUtf8(buf, file);
  const p = new ConllTagParser(file, buf.length);
  let pos = 0;
  p.parse((to, at, len) => {
    const k = Math.min(len, buf.length - pos);
    to.set(buf.subarray(pos, pos + k), at);
    pos += k;
    return k;
  }, false);
  return p.finish();
}

/** Parses text already in memory. */
export function parseConllTags(text: string, file: string): TagCorpus {
  return parseConllBytes(Buffer.from(text, 'utf8'), file);
}

/**
 * Reads and parses a file in chunks of whole lines. Any problem with the
 * input (bad UTF-8, a NUL byte, a bad line) sends it through
 * `parseConllBytes` on the whole file, so errors are reported exactly as
 * that reports them (the first UTF-8 problem before any line problem).
 */
export function readConllFile(path: string): TagCorpus {
  const fd = openSync(path, 'r');
  try {
    const parser = new ConllTagParser(path, fstatSync(fd).size);
    if (!parser.parse((buf, at, len) => readSync(fd, buf, at, len, null), true)) return parseConllBytes(readFileSync(path), path);
    return parser.finish();
  } catch (e) {
    if (e instanceof InputError) return parseConllBytes(readFileSync(path), path);
    throw e;
  } finally {
    closeSync(fd);
  }
}

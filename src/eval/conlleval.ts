/**
 * conlleval.pl (version 2004-01-26) reimplemented: its own tag parsing
 * (tag = text before the first hyphen, type = the rest, a type "0" counts
 * as none), its own chunk start/end rules (B, I, E, O, [, ], .; S, L, U are
 * unknown to it), its "correct chunk" state machine that follows gold and
 * prediction token by token, and its report text. A sentence break is the
 * token (-X-, O, O) with the predicted tag forced to O, as conlleval does.
 */
import type { TagIds } from '../tags/decode.js';
import { compareCodePoints } from './order.js';
import { prf } from './prf.js';

export interface ConllevalType {
  precision: number;
  recall: number;
  f1: number;
  /** Predicted phrases of this type (what conlleval prints after FB1). */
  found: number;
}

export interface ConllevalResult {
  tokens: number;
  /** Gold phrases. */
  gold_phrases: number;
  /** Predicted phrases. */
  found: number;
  correct: number;
  /** Percentages, unrounded (conlleval prints them with 2 decimals). */
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  types: Record<string, ConllevalType>;
}

// tag codes
const O = 0;
const B = 1;
const I = 2;
const E = 3;
const OPEN = 4; // [
const CLOSE = 5; // ]
const DOT = 6; // .
const OTHER = 7;
const CODES: Record<string, number> = { O, B, I, E, '[': OPEN, ']': CLOSE, '.': DOT };

/** conlleval's reading of each tag: tag code, type id, and an id for "same tag and type". */
export interface ConllevalTags {
  code: Uint8Array;
  type: Int32Array;
  key: Int32Array;
  /** types[0] = "" (no type). */
  types: string[];
}

export function conllevalTags(tags: readonly string[]): ConllevalTags {
  const code = new Uint8Array(tags.length);
  const type = new Int32Array(tags.length);
  const key = new Int32Array(tags.length);
  const types = [''];
  const typeIndex = new Map<string, number>([['', 0]]);
  const keys = new Map<string, number>();
  tags.forEach((t, id) => {
    const m = /^([^-]*)-(.*)$/s.exec(t);
    const tag = m === null ? t : m[1];
    let ty = m === null ? '' : m[2];
    if (ty === '0') ty = ''; // Perl: `$type ? $type : ""`
    let tid = typeIndex.get(ty);
    if (tid === undefined) {
      tid = types.length;
      types.push(ty);
      typeIndex.set(ty, tid);
    }
    const k = `${tag}\u0000${ty}`;
    let kid = keys.get(k);
    if (kid === undefined) {
      kid = keys.size;
      keys.set(k, kid);
    }
    code[id] = CODES[tag] ?? OTHER;
    type[id] = tid;
    key[id] = kid;
  });
  return { code, type, key, types };
}

function endOfChunk(prevTag: number, tag: number, prevType: number, type: number): boolean {
  return (
    (prevTag === B && (tag === B || tag === O)) ||
    (prevTag === I && (tag === B || tag === O)) ||
    (prevTag === E && (tag === E || tag === I || tag === O)) ||
    (prevTag !== O && prevTag !== DOT && prevType !== type) ||
    prevTag === CLOSE ||
    prevTag === OPEN
  );
}

function startOfChunk(prevTag: number, tag: number, prevType: number, type: number): boolean {
  return (
    (tag === B && (prevTag === B || prevTag === I || prevTag === O)) ||
    (prevTag === O && (tag === I || tag === E)) ||
    (prevTag === E && (tag === E || tag === I)) ||
    (tag !== O && tag !== DOT && prevType !== type) ||
    tag === OPEN ||
    tag === CLOSE
  );
}

/**
 * When conlleval provably counts what seqeval's default mode counts, the
 * conlleval type id of each seqeval type id (else null): every tag is O,
 * B-x or I-x to both readers (the rules of the two chunkers are then the
 * same, and conlleval's "correct" state machine finds exactly the chunks
 * equal in span and type) and the two namings of types correspond one to
 * one (they differ for e.g. `B-0`, `B--X-`).
 */
export function bioTypeMap(t: ConllevalTags, prefix: Uint8Array, seqType: Int32Array, nSeqTypes: number, PO: number, PB: number, PI: number): Int32Array | null {
  const map = new Int32Array(nSeqTypes).fill(-1);
  const back = new Int32Array(t.types.length).fill(-1);
  for (let id = 0; id < prefix.length; id++) {
    const p = prefix[id];
    const c = t.code[id];
    if (!((p === PO && c === O) || (p === PB && c === B) || (p === PI && c === I))) return null;
    const st = seqType[id];
    const ct = t.type[id];
    if ((map[st] !== -1 && map[st] !== ct) || (back[ct] !== -1 && back[ct] !== st)) return null;
    map[st] = ct;
    back[ct] = st;
  }
  return map;
}

/** Feeds tokens and sentence breaks through conlleval's counting loop. */
export class ConllevalAccumulator {
  private lastC = O;
  private lastG = O;
  private lastCT = 0;
  private lastGT = 0;
  private inCorrect = false;
  private tokens = 0;
  private correctTags = 0;
  private correctChunk = 0;
  private foundCorrect = 0;
  private foundGuessed = 0;
  private readonly correctBy: Int32Array;
  private readonly foundCorrectBy: Int32Array;
  private readonly foundGuessedBy: Int32Array;

  constructor(private readonly t: ConllevalTags) {
    const n = t.types.length;
    this.correctBy = new Int32Array(n);
    this.foundCorrectBy = new Int32Array(n);
    this.foundGuessedBy = new Int32Array(n);
  }

  /** One token line: gold and predicted tag ids. */
  token(goldId: number, predId: number): void {
    const t = this.t;
    this.step(t.code[goldId], t.type[goldId], t.code[predId], t.type[predId]);
    if (t.key[goldId] === t.key[predId]) this.correctTags++;
    this.tokens++;
  }

  /** The tokens [from, to) of the corpus arrays, then a sentence break. */
  sentence(gold: TagIds, pred: TagIds, from: number, to: number): void {
    const { code, type, key } = this.t;
    // the state lives in locals for the loop (same logic as step())
    let lastC = this.lastC;
    let lastG = this.lastG;
    let lastCT = this.lastCT;
    let lastGT = this.lastGT;
    let inCorrect = this.inCorrect;
    let correctTags = 0;
    for (let i = from; i <= to; i++) {
      let c = O;
      let ct = 0;
      let g = O;
      let gt = 0;
      if (i < to) {
        const gi = gold[i];
        const pi = pred[i];
        c = code[gi];
        ct = type[gi];
        g = code[pi];
        gt = type[pi];
        if (key[gi] === key[pi]) correctTags++;
      }
      if (c === O && g === O && lastC === O && lastG === O && (gt === ct || !inCorrect)) {
        lastCT = ct;
        lastGT = gt;
        continue;
      }
      const endC = endOfChunk(lastC, c, lastCT, ct);
      const endG = endOfChunk(lastG, g, lastGT, gt);
      if (inCorrect) {
        if (endC && endG && lastGT === lastCT) {
          inCorrect = false;
          this.correctChunk++;
          this.correctBy[lastCT]++;
        } else if (endC !== endG || gt !== ct) {
          inCorrect = false;
        }
      }
      const startC = startOfChunk(lastC, c, lastCT, ct);
      const startG = startOfChunk(lastG, g, lastGT, gt);
      if (startC && startG && gt === ct) inCorrect = true;
      if (startC) {
        this.foundCorrect++;
        this.foundCorrectBy[ct]++;
      }
      if (startG) {
        this.foundGuessed++;
        this.foundGuessedBy[gt]++;
      }
      lastC = c;
      lastG = g;
      lastCT = ct;
      lastGT = gt;
    }
    this.lastC = lastC;
    this.lastG = lastG;
    this.lastCT = lastCT;
    this.lastGT = lastGT;
    this.inCorrect = inCorrect;
    this.correctTags += correctTags;
    this.tokens += to - from;
  }

  /** Chunk counts of a conlleval type found without running the machine (see bioTypeMap). */
  addChunks(type: number, correct: number, foundCorrect: number, foundGuessed: number): void {
    this.correctChunk += correct;
    this.correctBy[type] += correct;
    this.foundCorrect += foundCorrect;
    this.foundCorrectBy[type] += foundCorrect;
    this.foundGuessed += foundGuessed;
    this.foundGuessedBy[type] += foundGuessed;
  }

  /** Token counts of tokens [from, to) without running the machine. */
  tokensOnly(gold: TagIds, pred: TagIds, from: number, to: number): void {
    const key = this.t.key;
    let correct = 0;
    for (let i = from; i < to; i++) if (key[gold[i]] === key[pred[i]]) correct++;
    this.tokens += to - from;
    this.correctTags += correct;
  }

  /** Token counts found without running the machine: `pairs[g * k + p]` = tokens with gold tag id g, predicted p. */
  addTokenPairs(pairs: Int32Array, k: number): void {
    const key = this.t.key;
    let tokens = 0;
    let correct = 0;
    for (let g = 0; g < k; g++) {
      for (let p = 0; p < k; p++) {
        const x = pairs[g * k + p];
        tokens += x;
        if (key[g] === key[p]) correct += x;
      }
    }
    this.tokens += tokens;
    this.correctTags += correct;
  }

  /** A sentence break (blank line). */
  boundary(): void {
    this.step(O, 0, O, 0);
  }

  private step(c: number, ct: number, g: number, gt: number): void {
    const lastC = this.lastC;
    const lastG = this.lastG;
    const lastCT = this.lastCT;
    const lastGT = this.lastGT;
    // fast path: O after O on both sides changes nothing
    if (c === O && g === O && lastC === O && lastG === O && (gt === ct || !this.inCorrect)) {
      this.lastCT = ct;
      this.lastGT = gt;
      return;
    }
    const endC = endOfChunk(lastC, c, lastCT, ct);
    const endG = endOfChunk(lastG, g, lastGT, gt);
    if (this.inCorrect) {
      if (endC && endG && lastGT === lastCT) {
        this.inCorrect = false;
        this.correctChunk++;
        this.correctBy[lastCT]++;
      } else if (endC !== endG || gt !== ct) {
        this.inCorrect = false;
      }
    }
    const startC = startOfChunk(lastC, c, lastCT, ct);
    const startG = startOfChunk(lastG, g, lastGT, gt);
    if (startC && startG && gt === ct) this.inCorrect = true;
    if (startC) {
      this.foundCorrect++;
      this.foundCorrectBy[ct]++;
    }
    if (startG) {
      this.foundGuessed++;
      this.foundGuessedBy[gt]++;
    }
    this.lastC = c;
    this.lastG = g;
    this.lastCT = ct;
    this.lastGT = gt;
  }

  /** Raw counts by type name (call at the end of the input); mergeable by addition. */
  raw(): ConllevalRaw {
    let correctChunk = this.correctChunk;
    const correctBy = Int32Array.from(this.correctBy);
    if (this.inCorrect) {
      correctChunk++;
      correctBy[this.lastCT]++;
    }
    const types: Record<string, [number, number, number]> = {};
    this.t.types.forEach((name, i) => {
      if (this.foundCorrectBy[i] > 0 || this.foundGuessedBy[i] > 0) types[name] = [correctBy[i], this.foundCorrectBy[i], this.foundGuessedBy[i]];
    });
    return { tokens: this.tokens, correctTags: this.correctTags, correctChunk, foundCorrect: this.foundCorrect, foundGuessed: this.foundGuessed, types };
  }

  /** The figures conlleval prints (call once, at the end of the input). */
  result(): ConllevalResult {
    return conllevalResult(this.raw());
  }
}

export interface ConllevalRaw {
  tokens: number;
  correctTags: number;
  correctChunk: number;
  foundCorrect: number;
  foundGuessed: number;
  /** type → [correct, foundCorrect, foundGuessed] */
  types: Record<string, [number, number, number]>;
}

export function mergeConllevalRaw(parts: readonly ConllevalRaw[]): ConllevalRaw {
  const out: ConllevalRaw = { tokens: 0, correctTags: 0, correctChunk: 0, foundCorrect: 0, foundGuessed: 0, types: {} };
  for (const p of parts) {
    out.tokens += p.tokens;
    out.correctTags += p.correctTags;
    out.correctChunk += p.correctChunk;
    out.foundCorrect += p.foundCorrect;
    out.foundGuessed += p.foundGuessed;
    for (const [t, v] of Object.entries(p.types)) {
      const o = (out.types[t] ??= [0, 0, 0]);
      o[0] += v[0];
      o[1] += v[1];
      o[2] += v[2];
    }
  }
  return out;
}

/** conlleval's percentages (its arithmetic: 100*a/b, then 2PR/(P+R)); types sorted as Perl's sort. */
export function conllevalResult(r: ConllevalRaw): ConllevalResult {
  const { precision, recall, f1 } = prf({ gold: r.foundCorrect, system: r.foundGuessed, correct: r.correctChunk }, 100);
  const types: Record<string, ConllevalType> = {};
  for (const name of Object.keys(r.types).sort(compareCodePoints)) {
    const [correct, fc, fg] = r.types[name];
    const s = prf({ gold: fc, system: fg, correct }, 100);
    types[name] = { precision: s.precision, recall: s.recall, f1: s.f1, found: fg };
  }
  return {
    tokens: r.tokens,
    gold_phrases: r.foundCorrect,
    found: r.foundGuessed,
    correct: r.correctChunk,
    accuracy: r.tokens > 0 ? (100 * r.correctTags) / r.tokens : 0,
    precision,
    recall,
    f1,
    types,
  };
}

/**
 * Formats like C's printf("%.{digits}f"): the double's exact decimal value
 * rounded half to even (JS toFixed rounds exact ties up: 3.125 → "3.13",
 * Perl prints 3.12).
 */
export function printfFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const neg = x < 0 || Object.is(x, -0);
  const exact = Math.abs(x).toFixed(100); // exact decimal expansion of the double
  const dot = exact.indexOf('.');
  const keep = exact.slice(0, dot + 1 + digits);
  const rest = exact.slice(dot + 1 + digits);
  let roundUp = false;
  if (rest[0] > '5') roundUp = true;
  else if (rest[0] === '5') {
    if (/[1-9]/.test(rest.slice(1))) roundUp = true;
    else {
      const last = keep[keep.length - 1] === '.' ? keep[keep.length - 2] : keep[keep.length - 1];
      roundUp = Number(last) % 2 === 1;
    }
  }
  let s = keep.endsWith('.') ? keep.slice(0, -1) : keep;
  if (roundUp) s = incrementDecimal(s);
  return (neg ? '-' : '') + s;
}

function incrementDecimal(s: string): string {
  const chars = s.split('');
  let i = chars.length - 1;
  for (; i >= 0; i--) {
    if (chars[i] === '.') continue;
    if (chars[i] === '9') chars[i] = '0';
    else {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
  }
  return '1' + chars.join('');
}

/** `printf "%Ns"`: right-aligned in N columns (never truncated). */
const padLeft = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** conlleval.pl's own report (non-LaTeX), line for line. */
export function renderConllevalText(r: ConllevalResult): string {
  let out = `processed ${r.tokens} tokens with ${r.gold_phrases} phrases; found: ${r.found} phrases; correct: ${r.correct}.\n`;
  if (r.tokens > 0) {
    out += `accuracy: ${padLeft(printfFixed(r.accuracy, 2), 6)}%; precision: ${padLeft(printfFixed(r.precision, 2), 6)}%; `;
    out += `recall: ${padLeft(printfFixed(r.recall, 2), 6)}%; FB1: ${padLeft(printfFixed(r.f1, 2), 6)}\n`;
  }
  for (const [type, v] of Object.entries(r.types)) {
    out += `${padLeft(type, 17)}: precision: ${padLeft(printfFixed(v.precision, 2), 6)}%; recall: ${padLeft(printfFixed(v.recall, 2), 6)}%; `;
    out += `FB1: ${padLeft(printfFixed(v.f1, 2), 6)}  ${v.found}\n`;
  }
  return out;
}

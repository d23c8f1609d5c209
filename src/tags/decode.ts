/**
 * Tags → entity chunks, in the two ways the reference tools read them.
 *
 * - `default` mode is seqeval 1.2.2's `get_entities` (which on B/I/O tags is
 *   exactly conlleval.pl's and nervaluate's chunking): an `I-` after `O` or
 *   after another type starts an entity, `B-`/`S-` always start one, `E-`/`S-`
 *   end one. BILOU's `L-`/`U-` are read as `E-`/`S-` (seqeval itself does not
 *   know them and would run a `U-` entity into the next tokens).
 * - `strict` mode is seqeval's `mode='strict'`: only entities that are
 *   well formed under the named scheme count (pattern tables copied from
 *   seqeval/scheme.py); a prefix the scheme does not allow is an error.
 *
 * Integer codes are used internally so the evaluator can run the same
 * machines over millions of interned tags without allocating.
 */
import type { Chunk, TagScheme } from './scheme.js';
import { InputError } from '../io/errors.js';

/** Prefix bit flags (seqeval's `Prefix` enum order). */
export const PI = 1;
export const PO = 2;
export const PB = 4;
export const PE = 8;
export const PS = 16;
export const PU = 32;
export const PL = 64;
const ANY = PI | PO | PB | PE | PS | PU | PL;

const PREFIX_FLAG: Record<string, number> = { I: PI, O: PO, B: PB, E: PE, S: PS, U: PU, L: PL };
const FLAG_NAME: Record<number, string> = { [PI]: 'I', [PO]: 'O', [PB]: 'B', [PE]: 'E', [PS]: 'S', [PU]: 'U', [PL]: 'L' };

/** Tag ids of tokens: any integer typed array. */
export type TagIds = Int32Array | Uint16Array | Uint8Array;

/** The type seqeval gives `O` and bare prefixes such as `B`. */
export const NO_TYPE = '_';

export interface ParsedTag {
  /** One of the P* flags. */
  prefix: number;
  /** Entity type; `_` for `O` and for a bare prefix. */
  type: string;
}

/** An error in a tag sequence, naming sentence and token (both 1-based in the message). */
export class TagError extends InputError {
  readonly sentence: number | undefined;
  readonly position: number;
  constructor(problem: string, sentence: number | undefined, position: number) {
    const where = sentence === undefined ? `token ${position + 1}` : `sentence ${sentence + 1}, token ${position + 1}`;
    super(`${where}: ${problem}`);
    this.sentence = sentence;
    this.position = position;
  }
}

/**
 * Splits `B-PER` into prefix and type. Accepts `O`, `X-TYPE` and bare `X` for X
 * in B I E S L U; anything else is not an entity tag (returns undefined).
 */
export function parseTag(tag: string): ParsedTag | undefined {
  if (tag === 'O') return { prefix: PO, type: NO_TYPE };
  const flag = PREFIX_FLAG[tag[0]];
  if (flag === undefined || flag === PO) return undefined;
  if (tag.length === 1) return { prefix: flag, type: NO_TYPE };
  if (tag[1] !== '-') return undefined;
  // seqeval: token[1:].strip('-') or '_'
  const type = tag.slice(1).replace(/^-+|-+$/g, '') || NO_TYPE;
  return { prefix: flag, type };
}

export function badTagMessage(tag: string): string {
  return `'${tag}' is not an entity tag (expected O or B-, I-, E-, S-, L-, U- followed by a type)`;
}

/** Per tag id: prefix flag and entity type id (types[0] = `_`, the type of O). */
export interface TagInfo {
  prefix: Uint8Array;
  type: Int32Array;
  types: string[];
}

/**
 * Parses each tag once into prefix flag and type id. `check(prefix, id)`
 * may refuse a well-formed tag; `bad(tag, id)` builds the error for a
 * malformed one.
 */
export function tagInfo(tags: readonly string[], bad: (tag: string, id: number) => Error = (t) => new InputError(badTagMessage(t)), check?: (prefix: number, id: number) => void): TagInfo {
  const prefix = new Uint8Array(tags.length);
  const type = new Int32Array(tags.length);
  const types = [NO_TYPE];
  const index = new Map<string, number>([[NO_TYPE, 0]]);
  tags.forEach((t, id) => {
    const p = parseTag(t);
    if (p === undefined) throw bad(t, id);
    check?.(p.prefix, id);
    let ty = index.get(p.type);
    if (ty === undefined) {
      ty = types.length;
      types.push(p.type);
      index.set(p.type, ty);
    }
    prefix[id] = p.prefix;
    type[id] = ty;
  });
  return { prefix, type, types };
}

// ---------------------------------------------------------------------------
// Default mode (seqeval get_entities / conlleval chunk rules)

/**
 * Runs the default-mode chunker over the tags `ids[from..to)` (tag ids with
 * prefix flag `prefix[id]` and type id `type[id]`; `oType` = id of `_`),
 * calling `emit(type, start, end)` with positions relative to `from`, end
 * exclusive.
 */
export function chunkDefault(ids: TagIds, from: number, to: number, prefix: Uint8Array, type: Int32Array, oType: number, emit: (type: number, start: number, end: number) => void): void {
  let prevTag = PO;
  let prevType = oType;
  let begin = 0;
  const n = to - from;
  for (let i = 0; i <= n; i++) {
    let tag = PO;
    let ty = oType;
    if (i < n) {
      const id = ids[from + i];
      tag = prefix[id];
      ty = type[id];
      if (tag === PL) tag = PE;
      else if (tag === PU) tag = PS;
    }
    if (prevTag !== PO) {
      if (prevTag === PE || prevTag === PS || prevType !== ty || tag === PB || tag === PS || tag === PO) emit(prevType, begin, i);
    }
    if (tag !== PO && (tag === PB || tag === PS || prevType !== ty || ((prevTag === PE || prevTag === PS || prevTag === PO) && (tag === PE || tag === PI)))) begin = i;
    prevTag = tag;
    prevType = ty;
  }
}

// ---------------------------------------------------------------------------
// Strict mode (seqeval scheme.py)

const SAME = 1;
const DIFF = 2;
const TANY = 3;
type Pattern = readonly [prev: number, cur: number, cond: number];

interface SchemeRules {
  allowed: number;
  start: readonly Pattern[];
  inside: readonly Pattern[];
  end: readonly Pattern[];
}

export const SCHEME_RULES: Record<TagScheme, SchemeRules> = {
  IOB1: {
    allowed: PI | PO | PB,
    start: [
      [PO, PI, TANY],
      [PI, PI, DIFF],
      [PB, PI, TANY],
      [PI, PB, SAME],
      [PB, PB, SAME],
    ],
    inside: [
      [PB, PI, SAME],
      [PI, PI, SAME],
    ],
    end: [
      [PI, PI, DIFF],
      [PI, PO, TANY],
      [PI, PB, TANY],
      [PB, PO, TANY],
      [PB, PI, DIFF],
      [PB, PB, SAME],
    ],
  },
  IOE1: {
    allowed: PI | PO | PE,
    start: [
      [PO, PI, TANY],
      [PI, PI, DIFF],
      [PE, PI, TANY],
      [PE, PE, SAME],
    ],
    inside: [
      [PI, PI, SAME],
      [PI, PE, SAME],
    ],
    end: [
      [PI, PI, DIFF],
      [PI, PO, TANY],
      [PI, PE, DIFF],
      [PE, PI, SAME],
      [PE, PE, SAME],
    ],
  },
  IOB2: {
    allowed: PI | PO | PB,
    start: [[ANY, PB, TANY]],
    inside: [
      [PB, PI, SAME],
      [PI, PI, SAME],
    ],
    end: [
      [PI, PO, TANY],
      [PI, PI, DIFF],
      [PI, PB, TANY],
      [PB, PO, TANY],
      [PB, PI, DIFF],
      [PB, PB, TANY],
    ],
  },
  IOE2: {
    allowed: PI | PO | PE,
    start: [
      [PO, PI, TANY],
      [PO, PE, TANY],
      [PE, PI, TANY],
      [PE, PE, TANY],
      [PI, PI, DIFF],
      [PI, PE, DIFF],
    ],
    inside: [
      [PI, PE, SAME],
      [PI, PI, SAME],
    ],
    end: [[PE, ANY, TANY]],
  },
  IOBES: {
    allowed: PI | PO | PB | PE | PS,
    start: [
      [ANY, PB, TANY],
      [ANY, PS, TANY],
    ],
    inside: [
      [PB, PI, SAME],
      [PB, PE, SAME],
      [PI, PI, SAME],
      [PI, PE, SAME],
    ],
    end: [
      [PS, ANY, TANY],
      [PE, ANY, TANY],
    ],
  },
  BILOU: {
    allowed: PB | PI | PL | PO | PU,
    start: [
      [ANY, PB, TANY],
      [ANY, PU, TANY],
    ],
    inside: [
      [PB, PI, SAME],
      [PB, PL, SAME],
      [PI, PI, SAME],
      [PI, PL, SAME],
    ],
    end: [
      [PU, ANY, TANY],
      [PL, ANY, TANY],
    ],
  },
};

/** Prefix letters a scheme allows, for messages: "B, I, O". */
export function allowedPrefixes(scheme: TagScheme): string {
  const a = SCHEME_RULES[scheme].allowed;
  return [PB, PI, PE, PS, PL, PU, PO]
    .filter((f) => (a & f) !== 0)
    .map((f) => FLAG_NAME[f])
    .join(', ');
}

/** Flag → 0..6. */
const FLAG_INDEX = new Uint8Array(65);
[PI, PO, PB, PE, PS, PU, PL].forEach((f, i) => (FLAG_INDEX[f] = i));

/**
 * Pattern lists compiled to 7×7 tables indexed by (prev prefix, current
 * prefix): bit 1 = matches when the types are the same, bit 2 = when they differ.
 */
interface CompiledRules {
  start: Uint8Array;
  inside: Uint8Array;
  end: Uint8Array;
}

function compile(patterns: readonly Pattern[]): Uint8Array {
  const t = new Uint8Array(49);
  const flags = [PI, PO, PB, PE, PS, PU, PL];
  for (const [p, c, cond] of patterns) {
    for (let i = 0; i < 7; i++) {
      if ((flags[i] & p) === 0) continue;
      for (let j = 0; j < 7; j++) if ((flags[j] & c) !== 0) t[i * 7 + j] |= cond;
    }
  }
  return t;
}

const COMPILED = new Map<TagScheme, CompiledRules>();
function compiled(scheme: TagScheme): CompiledRules {
  let c = COMPILED.get(scheme);
  if (c === undefined) {
    const r = SCHEME_RULES[scheme];
    c = { start: compile(r.start), inside: compile(r.inside), end: compile(r.end) };
    COMPILED.set(scheme, c);
  }
  return c;
}

/**
 * seqeval's `Tokens.entities` over the tags `ids[from..to)` plus the
 * implicit final `O` (arguments as for chunkDefault). Prefix validity must
 * be checked by the caller.
 */
export function chunkStrict(
  ids: TagIds,
  from: number,
  to: number,
  prefix: Uint8Array,
  type: Int32Array,
  oType: number,
  scheme: TagScheme,
  emit: (type: number, start: number, end: number) => void,
): void {
  const { start: START, inside: INSIDE, end: END } = compiled(scheme);
  const n = to - from;
  const O_IDX = FLAG_INDEX[PO];
  let i = 0;
  let prevP = O_IDX;
  let prevT = oType;
  while (i <= n) {
    let cp = O_IDX;
    let ct = oType;
    if (i < n) {
      const id = ids[from + i];
      cp = FLAG_INDEX[prefix[id]];
      ct = type[id];
    }
    if ((START[prevP * 7 + cp] & (prevT === ct ? SAME : DIFF)) !== 0) {
      // _forward: extend while tokens are "inside"
      let ip = cp;
      let it = ct;
      let end = i + 1;
      let ep: number;
      let et: number;
      for (;;) {
        ep = O_IDX;
        et = oType;
        if (end < n) {
          const id = ids[from + end];
          ep = FLAG_INDEX[prefix[id]];
          et = type[id];
        }
        // the final O (end = n) is never inside
        if (end > n || (INSIDE[ip * 7 + ep] & (it === et ? SAME : DIFF)) === 0) break;
        ip = ep;
        it = et;
        end++;
      }
      if ((END[ip * 7 + ep] & (it === et ? SAME : DIFF)) !== 0) emit(ct, i, end);
      i = end;
      prevP = ip;
      prevT = it;
    } else {
      prevP = cp;
      prevT = ct;
      i++;
    }
  }
}

// ---------------------------------------------------------------------------
// String API

export interface DecodeOptions {
  mode?: 'default' | 'strict';
  /** Required in strict mode. */
  scheme?: TagScheme;
  /** Sentence index (0-based) for error messages. */
  sentence?: number;
}

/** Entities of one sentence's tags; chunk ends are exclusive token indices. */
export function decodeTags(tags: readonly string[], opts: DecodeOptions = {}): Chunk[] {
  const mode = opts.mode ?? 'default';
  const n = tags.length;
  let allowed = ANY;
  if (mode === 'strict') {
    if (opts.scheme === undefined) throw new InputError('strict mode needs a tag scheme (IOB1, IOB2, IOE1, IOE2, IOBES or BILOU)');
    allowed = SCHEME_RULES[opts.scheme].allowed;
  }
  const {
    prefix: prefixes,
    type: typeIds,
    types,
  } = tagInfo(
    tags,
    (t, i) => new TagError(badTagMessage(t), opts.sentence, i),
    (p, i) => {
      if ((p & allowed) === 0) throw new TagError(`tag '${tags[i]}' has a prefix ${opts.scheme} does not allow (allowed: ${allowedPrefixes(opts.scheme!)})`, opts.sentence, i);
    },
  );
  const out: Chunk[] = [];
  const emit = (t: number, start: number, end: number) => out.push({ type: types[t], start, end });
  // one "tag id" per position: ids are positions, prefix/type tables per position
  const ids = Int32Array.from({ length: n }, (_, i) => i);
  if (mode === 'strict') chunkStrict(ids, 0, n, prefixes, typeIds, 0, opts.scheme!, emit);
  else chunkDefault(ids, 0, n, prefixes, typeIds, 0, emit);
  return out;
}

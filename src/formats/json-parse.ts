/**
 * JSON.parse that remembers the line each object and array starts on, so
 * errors in a multi-line JSON file (Label Studio export, gujnlp standoff)
 * can name the line of the offending entity. Syntax errors give line and
 * column. Values are the same as JSON.parse gives.
 */

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Deeper nesting is refused: no annotation format needs it, and walking it would overflow the stack. */
export const MAX_JSON_DEPTH = 512;

export interface ParsedJson {
  value: unknown;
  /** 1-based line where an object or array (by identity) starts. */
  lineOf(v: unknown): number | undefined;
}

/**
 * Fast path: JSON.parse for the values, then one scan of the text for the
 * line of every `{` and `[` outside strings, matched to the containers in
 * document order. Where that order could differ from the text (integer-like
 * keys, which JS enumerates first; duplicate keys, which drop a container)
 * or the text does not parse, the slow parser below gives the answer.
 */
export function parseJsonWithLines(src: string, firstLine = 1): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch {
    return parseJsonSlow(src, firstLine); // throws JsonSyntaxError with line and column
  }
  const starts = containerLines(src, firstLine); // throws JsonSyntaxError when nested too deep
  const lines = new WeakMap<object, number>();
  let k = 0;
  let ordered = true;
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    lines.set(v, starts[k++]);
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    for (const key of Object.keys(v)) {
      const c = key.charCodeAt(0);
      if (c >= 0x30 && c <= 0x39 && /^(?:0|[1-9]\d*)$/.test(key)) ordered = false;
      walk((v as Record<string, unknown>)[key]);
    }
  };
  walk(value);
  if (!ordered || k !== starts.length) return parseJsonSlow(src, firstLine);
  return { value, lineOf: (x) => (typeof x === 'object' && x !== null ? lines.get(x) : undefined) };
}

/** Line of each `{` and `[` outside strings, in text order (valid JSON has no raw newline in strings). */
function containerLines(src: string, firstLine: number): number[] {
  const out: number[] = [];
  let line = firstLine;
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x22) {
      // skip the string
      for (i++; i < src.length; i++) {
        const d = src.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x0a) line++;
    else if (c === 0x7b || c === 0x5b) {
      out.push(line);
      if (++depth > MAX_JSON_DEPTH) throw new JsonSyntaxError(`nested deeper than ${MAX_JSON_DEPTH} levels`, line, 1);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return out;
}

/** The reference parser: builds values itself, recording each container's line. */
export function parseJsonSlow(src: string, firstLine = 1): ParsedJson {
  const lines = new WeakMap<object, number>();
  let i = 0;
  let line = firstLine;
  let lineStart = 0;

  const fail = (msg: string): never => {
    throw new JsonSyntaxError(msg, line, i - lineStart + 1);
  };
  const ws = (): void => {
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === 0x0a) {
        line++;
        i++;
        lineStart = i;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
      else return;
    }
  };
  const show = (): string => (i >= src.length ? 'end of input' : `'${src[i]}'`);

  let depth = 0;
  const value = (): unknown => {
    ws();
    const c = src[i];
    if ((c === '{' || c === '[') && depth >= MAX_JSON_DEPTH) fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    depth++;
    try {
      return valueAt(c);
    } finally {
      depth--;
    }
  };
  const valueAt = (c: string | undefined): unknown => {
    if (c === '{') {
      const obj: Record<string, unknown> = {};
      lines.set(obj, line);
      i++;
      ws();
      if (src[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (src[i] !== '"') fail(`expected a key string, found ${show()}`);
        const k = string();
        ws();
        if (src[i] !== ':') fail(`expected ':' after key, found ${show()}`);
        i++;
        const v = value();
        Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (src[i] === ',') {
          i++;
          continue;
        }
        if (src[i] === '}') {
          i++;
          return obj;
        }
        fail(`expected ',' or '}' in object, found ${show()}`);
      }
    }
    if (c === '[') {
      const arr: unknown[] = [];
      lines.set(arr, line);
      i++;
      ws();
      if (src[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (src[i] === ',') {
          i++;
          continue;
        }
        if (src[i] === ']') {
          i++;
          return arr;
        }
        fail(`expected ',' or ']' in array, found ${show()}`);
      }
    }
    if (c === '"') return string();
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    const num = m.exec(src);
    if (num !== null && num[0].length > 0) {
      i += num[0].length;
      return Number(num[0]);
    }
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (src.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail(`unexpected ${show()}`);
  };

  const string = (): string => {
    const begin = i;
    let escaped = false;
    i++;
    for (;;) {
      const c = src.charCodeAt(i);
      if (Number.isNaN(c)) fail('unterminated string');
      if (c === 0x22) break;
      if (c < 0x20) fail('control character in string (newline inside a JSON string?)');
      if (c === 0x5c) {
        escaped = true;
        i += 2;
      } else i++;
    }
    i++;
    if (!escaped) return src.slice(begin + 1, i - 1);
    try {
      return JSON.parse(src.slice(begin, i)) as string;
    } catch {
      i = begin;
      return fail('invalid escape in string');
    }
  };

  const v = value();
  ws();
  if (i < src.length) fail(`unexpected ${show()} after the JSON value`);
  return { value: v, lineOf: (x) => (typeof x === 'object' && x !== null ? lines.get(x) : undefined) };
}

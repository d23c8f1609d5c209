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

export interface ParsedJson {
  value: unknown;
  /** 1-based line where an object or array (by identity) starts. */
  lineOf(v: unknown): number | undefined;
}

export function parseJsonWithLines(src: string, firstLine = 1): ParsedJson {
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

  const value = (): unknown => {
    ws();
    const c = src[i];
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
    i++;
    for (;;) {
      const c = src.charCodeAt(i);
      if (Number.isNaN(c)) fail('unterminated string');
      if (c === 0x22) break;
      if (c < 0x20) fail('control character in string (newline inside a JSON string?)');
      i += c === 0x5c ? 2 : 1;
    }
    i++;
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

import { readFileSync, statSync, type Stats } from 'node:fs';
import { InputError } from './errors.js';
import { noteInput } from './inputs.js';
import { fsErrorToInput } from './fs-errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes UTF-8 strictly: invalid bytes are an error naming the byte offset
 * (never replaced by U+FFFD), NUL bytes mean binary input, a leading BOM is
 * skipped. Line endings are left as they are (CRLF is whitespace to the
 * tokenizer and splitter, so offsets stay true to the file).
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new InputError(`binary input (NUL byte at byte offset ${nul}), expected UTF-8 text`, { file });
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = lineOfByte(bytes, at);
    throw new InputError(`invalid UTF-8 at byte offset ${at}`, { file, line });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads a UTF-8 text file, or stdin for `-`. */
export function readTextFile(path: string): string {
  if (path === '-') return decodeUtf8(readFileSync(0), '<stdin>');
  statInputFile(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw fsErrorToInput(err, path, 'read the file');
  }
  return decodeUtf8(bytes, path);
}

/** The stats of an input path; a clear error when it is missing or a directory. */
export function statInputFile(path: string): Stats {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError('no such file', { file: path });
    throw fsErrorToInput(err, path, 'read the file');
  }
  if (st.isDirectory()) throw new InputError('is a directory, expected a file', { file: path });
  noteInput(path);
  return st;
}

function lineOfByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i; // truncated sequence
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return n;
}

import { createHash } from 'node:crypto';
import { InputError } from './errors.js';

/**
 * Document ids and model names used as file names. The mapping is
 * one-to-one: characters a file system refuses or treats specially
 * (`/ \ : * ? " < > |`, controls and NUL, white space, `%`) are written as
 * `%XX` (UTF-8 bytes), so `x y`, `x?y` and `x_y` stay three names; a name
 * of only dots gets a `%2E`; names longer than 120 bytes are cut and end in
 * a hash of the whole id. Letters of every script are kept as they are.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
const UNSAFE = /[\u0000-\u001f\u007f\s/\\:*?"<>|%]/gu;
const MAX_BYTES = 120;

export function safeFileName(id: string): string {
  if (id === '') return '%00empty';
  let name = id.replace(UNSAFE, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
  if (/^\.*$/.test(name)) name = name.replace(/^\./, '%2E');
  if (name.startsWith('.')) name = `%2E${name.slice(1)}`; // no hidden files, no `.tmp-*` look-alikes
  if (Buffer.byteLength(name, 'utf8') > MAX_BYTES) {
    const hash = createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 12);
    let cut = '';
    for (const ch of name) {
      if (Buffer.byteLength(cut + ch, 'utf8') > MAX_BYTES - 14) break;
      cut += ch;
    }
    name = `${cut}~${hash}`;
  }
  return name;
}

/**
 * File names for several ids (in order), refusing two ids that would land
 * on one file, also on case-insensitive file systems (macOS, Windows).
 */
export function safeFileNames(ids: readonly string[], what = 'document'): string[] {
  const byKey = new Map<string, string>();
  return ids.map((id) => {
    const name = safeFileName(id);
    const key = name.normalize('NFC').toLowerCase();
    const prev = byKey.get(key);
    if (prev !== undefined && prev !== id) {
      throw new InputError(
        `${what}s ${JSON.stringify(prev)} and ${JSON.stringify(id)} would be written to the same file name ${JSON.stringify(name)} (file names ignore case on some systems): rename one`,
      );
    }
    if (prev === id) throw new InputError(`${what} id ${JSON.stringify(id)} appears twice; each needs its own file`);
    byKey.set(key, id);
    return name;
  });
}

import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { InputError } from './errors.js';

/**
 * Writes files so that readers see either the old contents or the whole new
 * ones: every file goes to a temp file beside its target first, and only when
 * all are written are they renamed. A failure leaves no temp file behind and
 * keeps the existing files.
 */
export function writeFilesAtomic(entries: readonly (readonly [string, string | Uint8Array])[]): void {
  const temps: [string, string][] = [];
  try {
    for (const [p, data] of entries) {
      const dir = dirname(p);
      mkdirSync(dir, { recursive: true });
      if (existsSync(p) && statSync(p).isDirectory()) throw new InputError('is a directory, cannot write the output file there', { file: p });
      const tmp = join(dir, `.tmp-${basename(p)}-${process.pid}-${Date.now()}`);
      temps.push([tmp, p]);
      writeFileSync(tmp, data);
    }
    for (const [tmp, p] of temps) renameSync(tmp, p);
  } catch (err) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    throw err;
  }
}

/** One file, atomically (see writeFilesAtomic). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeFilesAtomic([[path, data]]);
}

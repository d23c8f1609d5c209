import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

/** `../shared/` beside the project root: reference data that users do not have. */
export const SHARED = join(ROOT, '..', 'shared');

/** Absolute path of a file under ../shared, or undefined when it is absent. */
export function sharedFile(rel: string): string | undefined {
  const p = join(SHARED, rel);
  return existsSync(p) ? p : undefined;
}

export const SKIP_NO_SHARED = (rel: string): string => `skipped: ../shared/${rel} is absent (reference data lives beside the project, never in it)`;

/** Reads a shared file as UTF-8, or returns undefined when absent. */
export function readShared(rel: string): string | undefined {
  const p = sharedFile(rel);
  return p === undefined ? undefined : readFileSync(p, 'utf8');
}

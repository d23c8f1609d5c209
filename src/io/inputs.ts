import { canonicalPath } from './output-guard.js';

/**
 * The files this process has read as user input. The atomic writer refuses
 * to replace any of them, so `annotate same.txt -o same.txt` or
 * `convert a.json a.json` stop with one line instead of losing the input,
 * whatever the command (one guard in src/io, not one per command).
 */
const inputs = new Set<string>();

export function noteInput(path: string): void {
  if (path === '-' || path === '') return;
  inputs.add(canonicalPath(path));
}

/** Was this path (symbolic links resolved) read as an input? */
export function isInput(path: string): boolean {
  return inputs.size > 0 && inputs.has(canonicalPath(path));
}

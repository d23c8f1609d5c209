import { canonicalPath } from './output-guard.js';

/**
 * The files this process has read as user input. The atomic writer refuses
 * to replace any of them, so `annotate same.txt -o same.txt` or
 * `convert a.json a.json` stop with one line instead of losing the input,
 * whatever the command (one guard in src/io, not one per command).
 */
const inputs = new Set<string>();
let active = false;

/**
 * Turns the guard on for this process: the CLI does, as one process runs one
 * command; a library user reading and rewriting files in a loop does not.
 */
export function guardInputs(on = true): void {
  active = on;
  if (!on) inputs.clear();
}

export function noteInput(path: string): void {
  if (!active || path === '-' || path === '') return;
  inputs.add(canonicalPath(path));
}

/** Was this path (symbolic links resolved) read as an input? */
export function isInput(path: string): boolean {
  return active && inputs.size > 0 && inputs.has(canonicalPath(path));
}

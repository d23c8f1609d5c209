import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, relative, resolve, isAbsolute, sep } from 'node:path';
import { InputError } from './errors.js';

/**
 * One check for every output path a command is about to write, before any
 * work is done: an output must not be one of the command's inputs (reading
 * and replacing the same file loses it), must not lie inside a folder the
 * command only reads (the gold), and its parent must not be a file.
 */
export interface OutputGuard {
  /** Files and folders the command reads. */
  inputs?: readonly string[];
  /** Folders the command must never write into, with a name for the message ("the gold folder"). */
  readOnly?: readonly { dir: string; name: string }[];
}

/** A path with symbolic links resolved as far as it exists (the rest appended). */
export function canonicalPath(p: string): string {
  let cur = resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      const real = realpathSync(cur);
      return rest.length === 0 ? real : resolve(real, ...rest.reverse());
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return resolve(p);
      rest.push(cur.slice(parent.length).replace(/^[\\/]+/, ''));
      cur = parent;
    }
  }
}

/** Is `p` the folder `dir` or inside it? (Both canonical.) */
export function isInside(p: string, dir: string): boolean {
  const r = relative(dir, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r) && r.split(sep)[0] !== '..');
}

/** Throws an InputError naming the output when it breaks a rule above. */
export function guardOutput(output: string, guard: OutputGuard = {}): void {
  if (output === '-') return;
  const out = canonicalPath(output);
  for (const input of guard.inputs ?? []) {
    if (input === '-' || input === '') continue;
    const inp = canonicalPath(input);
    if (out === inp) throw new InputError(`is also an input of this command; writing it would replace what is being read: give another output path`, { file: output });
    if (existsSync(inp) && statSync(inp).isDirectory() && isInside(out, inp) && existsSync(out)) {
      throw new InputError(`would replace a file inside the input folder ${input}: give an output outside it`, { file: output });
    }
  }
  for (const ro of guard.readOnly ?? []) {
    if (isInside(out, canonicalPath(ro.dir))) throw new InputError(`is inside ${ro.name} (${ro.dir}), which this command never writes: give another output path`, { file: output });
  }
  // the nearest existing ancestor must be a folder
  let cur = dirname(resolve(output));
  for (;;) {
    if (existsSync(cur)) {
      if (!statSync(cur).isDirectory()) throw new InputError(`cannot write: ${cur} is a file, not a folder`, { file: output });
      break;
    }
    const parent = dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
}

/** guardOutput for several outputs. */
export function guardOutputs(outputs: readonly string[], guard: OutputGuard = {}): void {
  for (const o of outputs) guardOutput(o, guard);
}

/**
 * `gujnlp validate` over a stream: a line-based file read part by part
 * with every check (checked.ts); problems printed as they come in the
 * whole-file path's order: those of the reader's line pass at once, those
 * of later phases (per document, the rule set, the document checks)
 * spooled to temp files and printed after, phase by phase. Memory holds
 * one part and the counts, never the problems or documents.
 */
import type { LabelSchema } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { formatProblem, type Problem, type ProblemCode } from '../io/problem.js';
import type { FormatName } from '../formats/common.js';
import type { TagScheme } from '../tags/scheme.js';
import { countProblem, type FileTally } from '../validate/index.js';
import { checkedParts, type ReadCounts } from './checked.js';
import { OutFile, Spool, removeSpools } from './out.js';

export interface ValidateStreamOptions {
  format: FormatName;
  scheme?: TagScheme;
  schema?: LabelSchema;
  allowOverlap?: boolean;
  /** Called before the first error is printed (the exit status must say so even if stdout closes early). */
  onError?: () => void;
  /** Lines per part of a long CoNLL document (tests make it small). */
  partLines?: number;
  /** Where the problems go (default stdout). */
  output?: string;
}

/** One later phase: its problems spooled in file order, their codes counted in that order. */
interface Held {
  spool: Spool;
  byCode: Map<ProblemCode, number>;
  errors: number;
  warnings: number;
}

/** Validates one file, printing its problems to stdout; returns its counts. */
export async function validateStream(path: string, o: ValidateStreamOptions): Promise<FileTally> {
  const out = new OutFile(o.output ?? '-');
  const tally: FileTally = { file: path, documents: 0, entities: 0, errors: 0, warnings: 0, byCode: {} };
  const held = new Map<number, Held>();
  let errorSeen = false;
  const problem = (p: Problem, phase: number): void => {
    if (p.severity === 'error' && !errorSeen) {
      errorSeen = true;
      o.onError?.();
    }
    if (phase === 0) {
      countProblem(tally, p);
      out.write(`${formatProblem(p)}\n`);
      return;
    }
    let h = held.get(phase);
    if (h === undefined) held.set(phase, (h = { spool: new Spool(`problems-${phase}`), byCode: new Map(), errors: 0, warnings: 0 }));
    h.byCode.set(p.code, (h.byCode.get(p.code) ?? 0) + 1);
    if (p.severity === 'error') h.errors++;
    else h.warnings++;
    h.spool.write(`${formatProblem(p)}\n`);
  };
  const counts: ReadCounts = { documents: 0, entities: 0 };
  try {
    for await (const _part of checkedParts(path, { format: o.format, scheme: o.scheme, schema: o.schema, allowOverlap: o.allowOverlap, problem, partLines: o.partLines }, counts)) {
      // the checks ran as the part was read
    }
    for (const phase of [...held.keys()].sort((a, b) => a - b)) {
      const h = held.get(phase)!;
      for (const [code, n] of h.byCode) tally.byCode[code] = (tally.byCode[code] ?? 0) + n;
      tally.errors += h.errors;
      tally.warnings += h.warnings;
      h.spool.drainInto(out);
    }
    held.clear();
    tally.documents = counts.documents;
    tally.entities = counts.entities;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // as the whole-file path: the file could not be read; its documents are not counted
    for (const h of held.values()) h.spool.discard();
    held.clear();
    const code: ProblemCode = /UTF-8|binary/.test(err.problem) ? 'encoding' : 'structure';
    const p: Problem = { code, message: err.problem, file: err.file ?? path, line: err.line, severity: 'error' };
    if (!errorSeen) o.onError?.();
    countProblem(tally, p);
    out.write(`${formatProblem(p)}\n`);
  } finally {
    out.commit();
    removeSpools();
  }
  return tally;
}

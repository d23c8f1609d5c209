/**
 * An annotation file read part by part with every check the whole-file
 * path applies (`validate`, `convert`): the reader's own problems, the one
 * rule set of src/formats/structure.ts (ids kept distinct across the
 * stream with one map of ids) and the document checks of src/validate/.
 *
 * The whole-file path reports problems in phases: every problem of the
 * reader's line pass, then those it finds per document, then the rule
 * set's, then the document checks'. Each problem comes with its phase
 * (`PHASE`), so a consumer can print them in that order (validate spools
 * the later phases) or find the one the whole-file path stops at (convert).
 */
import type { Document } from '../doc/types.js';
import type { LabelSchema } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { isFatal, problemToError, type Problem } from '../io/problem.js';
import type { FormatName, OffsetUnit } from '../formats/common.js';
import { StructureRules } from '../formats/structure.js';
import type { TagScheme } from '../tags/scheme.js';
import { checkDocument } from '../validate/index.js';
import { fileParts, LINE_FORMATS } from './file-sources.js';
import type { Part } from './parts.js';

/**
 * Lines per part of a long CoNLL document here (rows of HF: a twentieth):
 * smaller than annotate's batches need, since a part is read, checked and
 * written in one go and what it leaves behind is garbage V8 collects late
 * (measured on 20 MB: peak RSS 190 → 162 MB for validate, 251 → 192 MB for
 * validate on HF, at no cost in speed).
 */
export const CHECK_PART_LINES = 5000;

/** Phases of the whole-file path, in its order (reader phases 0, 1, 2 come first). */
export const PHASE = { structure: 10, checks: 20 } as const;

export interface CheckedReadOptions {
  format: FormatName;
  scheme?: TagScheme;
  offsets?: OffsetUnit;
  schema?: LabelSchema;
  allowOverlap?: boolean;
  /** Receives every problem with its phase. */
  problem: (p: Problem, phase: number) => void;
  /** Apply the document checks of src/validate/ (convert, validate) besides the reader's rules (default true). */
  documentChecks?: boolean;
  /** Lines per part of a long CoNLL document (tests make it small). */
  partLines?: number;
  /** Cut a one-document file into parts (default true). */
  split?: boolean;
  /** Receives the bytes read. */
  progress?: { bytes: number };
}

/** True when `convert`/`validate` read this input part by part (line-based formats of a regular file, no --text). */
export function streamsInput(path: string, format: FormatName, text: string | undefined): boolean {
  return path !== '-' && text === undefined && LINE_FORMATS.has(format);
}

/** Counts of what was read. */
export interface ReadCounts {
  documents: number;
  entities: number;
}

/**
 * The parts of a file with every check applied; `counts` grows as they
 * come. Input errors (a missing file, bad UTF-8) are thrown as the
 * whole-file reader words them.
 */
export async function* checkedParts(path: string, o: CheckedReadOptions, counts: ReadCounts = { documents: 0, entities: 0 }): AsyncGenerator<Part> {
  const file = path;
  const rules = new StructureRules(file, (p) => o.problem(p, PHASE.structure));
  let tokenBase = 0;
  let entityBase = 0;
  const source = fileParts(path, o.format, { scheme: o.scheme, offsets: o.offsets, phased: o.problem, partLines: o.partLines ?? CHECK_PART_LINES, split: o.split, progress: o.progress });
  const it = source[Symbol.asyncIterator]();
  for (;;) {
    let r: IteratorResult<Part>;
    try {
      r = await it.next();
    } catch (err) {
      throw wholeFileWording(err);
    }
    if (r.done === true) return;
    const part = r.value;
    const doc: Document = part.document;
    if (part.first) tokenBase = entityBase = 0;
    rules.check(doc, part.doc, { cpBase: part.cpBase, tokenBase, entityBase }, part.first);
    if (o.documentChecks !== false) for (const p of checkDocument(doc, { schema: o.schema, allowOverlap: o.allowOverlap }, { cpBase: part.cpBase, entityBase })) o.problem(p, PHASE.checks);
    tokenBase += doc.tokens.length;
    entityBase += doc.entities.length;
    if (part.last) counts.documents++;
    counts.entities += doc.entities.length;
    yield part;
  }
}

/** The whole-file reader names no line for binary input (it sees the whole file at once). */
function wholeFileWording(err: unknown): unknown {
  if (err instanceof InputError && err.problem.startsWith('binary input') && err.line !== undefined) return new InputError(err.problem, { file: err.file });
  return err;
}

/**
 * The problem a whole-file reader with the throwing sink stops at: the
 * first fatal one of the earliest phase. One of the line pass is thrown at
 * once (nothing comes before it); one of a later phase is held (`pending`)
 * until the file is read to its end, since the line pass may still find one.
 */
export class FirstFatal {
  private held: { phase: number; problem: Problem } | undefined;

  readonly problem = (p: Problem, phase: number): void => {
    if (!isFatal(p)) return;
    if (phase === 0) throw problemToError(p);
    if (this.held === undefined || phase < this.held.phase) this.held = { phase, problem: p };
  };

  /** True once a fatal problem is held. */
  get found(): boolean {
    return this.held !== undefined;
  }

  /** Throws the held problem, if any (call when the file has been read to its end). */
  throwHeld(): void {
    if (this.held !== undefined) throw problemToError(this.held.problem);
  }
}

/**
 * The parts of a file read as the whole-file reader with the throwing sink
 * reads it (annotate): the reader's rules and the one rule set applied, and
 * the error it stops at thrown — once a fatal problem of a later phase is
 * held, no part is given any more and the rest is only read, in case the
 * line pass finds an earlier one.
 */
export async function* strictParts(path: string, o: Omit<CheckedReadOptions, 'problem' | 'documentChecks'>): AsyncGenerator<Part> {
  const fatal = new FirstFatal();
  for await (const part of checkedParts(path, { ...o, problem: fatal.problem, documentChecks: false })) {
    if (!fatal.found) yield part;
  }
  fatal.throwHeld();
}

/**
 * A problem found in an annotation file. Readers report problems to a sink:
 * `readAnnotations` uses a sink that throws the first fatal one as an
 * InputError; `gujnlp validate` collects them all and keeps reading.
 */
import { InputError } from './errors.js';

export const PROBLEM_CODES = [
  'syntax', // unparsable line or value (bad JSON, one-column CoNLL line, bad CSV row)
  'structure', // a required key or file is missing or has the wrong type
  'offsets', // offsets outside the text, reversed, or inside a surrogate pair
  'text-mismatch', // the span text given in the file differs from the text at its offsets
  'overlap', // overlapping or nested spans
  'label', // label not in the schema
  'tag-sequence', // invalid tag sequence for the declared scheme
  'count-mismatch', // tokens and tags (or offsets) of a sentence differ in number
  'token-not-found', // a token of a token file is not found in the supplied text
  'discontinuous', // a discontinuous brat span (read as its covering span)
  'encoding', // not UTF-8, or binary
  'token', // an empty or white-space token, or tokens that overlap
  'grapheme', // an entity span that cuts a grapheme cluster (other than before a case-ending vowel sign)
  'duplicate-id', // two documents (or brat annotations) with one id
  'reference', // an annotation that points to a missing one (brat relation to a missing entity)
  'conflict', // two parts of a file disagree (CSV token tags vs entities.csv)
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface Problem {
  code: ProblemCode;
  message: string;
  file: string;
  /** 1-based line in `file`, when the problem has one. */
  line?: number;
  /** Entity id (brat `T3`, Label Studio result id, `entities[4]`), when known. */
  ref?: string;
  severity: 'error' | 'warning';
}

export type ProblemSink = (p: Problem) => void;

/**
 * One rule set for every command: an error-severity problem makes a file
 * unusable, so the readers of convert/annotate/train stop at the first one
 * and validate reports it as an error; warnings (a discontinuous brat span
 * read as its covering span) are reported and never stop a read.
 */
export function isFatal(p: Problem): boolean {
  return p.severity === 'error';
}

/** One line: `problem (ref)` — file and line are added by InputError. */
export function problemText(p: Problem): string {
  return p.ref === undefined ? p.message : `${p.ref}: ${p.message}`;
}

export function problemToError(p: Problem): InputError {
  return new InputError(problemText(p), { file: p.file, line: p.line });
}

/** The sink used by readers: throws fatal problems, passes the rest to `onOther`. */
export function throwingSink(onOther: ProblemSink = () => {}): ProblemSink {
  return (p) => {
    if (isFatal(p)) throw problemToError(p);
    onOther(p);
  };
}

/** `file:line: [code] ref: message` as validate prints it. */
export function formatProblem(p: Problem): string {
  const loc = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return `${loc}: ${p.severity} [${p.code}] ${problemText(p)}`;
}

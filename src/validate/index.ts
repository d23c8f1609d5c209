/**
 * Checks of annotation documents and files, as pure functions returning
 * problems (never throwing for bad data): offsets outside the text, span
 * text that differs from the text at its offsets, overlapping or nested
 * spans, labels not in the schema. File-level checks (syntax, invalid tag
 * sequences, token/tag count mismatches) come from the readers through
 * their problem sink; `validateFile` gathers both.
 */
import type { Document, Entity, LabelSchema } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { OffsetMap } from '../text/offsets.js';
import type { TagScheme } from '../tags/scheme.js';
import { readAnnotations, type FormatName } from '../formats/index.js';
import { originOf } from '../formats/origin.js';
import type { Problem, ProblemCode } from '../io/problem.js';

export { type Problem, type ProblemCode, formatProblem, PROBLEM_CODES } from '../io/problem.js';

export interface CheckOptions {
  schema?: LabelSchema;
  /** Overlapping and nested spans are errors unless allowed. */
  allowOverlap?: boolean;
}

function whereOf(doc: Document, e: Entity, i: number): { file: string; line?: number; ref: string } {
  const o = originOf(e);
  return { file: o?.file ?? `document ${doc.id}`, line: o?.line, ref: o?.ref ?? `entity ${i + 1}` };
}

function cpSpan(map: Pick<OffsetMap, 'toCodePoint'>, e: Entity): string {
  try {
    return `${map.toCodePoint(e.start)}-${map.toCodePoint(e.end)}`;
  } catch {
    return `utf16 ${e.start}-${e.end}`;
  }
}

/** Where a part sits in its whole document: code points and entities before it (src/stream/ checks parts). */
export interface CheckPlace {
  cpBase: number;
  entityBase: number;
}

/**
 * Problems of the entities of one in-memory document (UTF-16 offsets); of
 * a part of one with `at` (spans never cross parts: a part's overlaps are
 * all of its document's within its text).
 */
export function checkDocument(doc: Document, opts: CheckOptions = {}, at: CheckPlace = { cpBase: 0, entityBase: 0 }): Problem[] {
  const problems: Problem[] = [];
  const map0 = new OffsetMap(doc.text);
  // code points of the whole document
  const map = at.cpBase === 0 ? map0 : { toCodePoint: (u: number) => at.cpBase + map0.toCodePoint(u) };
  const where = (d: Document, e: Entity, i: number) => whereOf(d, e, at.entityBase + i);
  const add = (code: ProblemCode, message: string, w: { file: string; line?: number; ref?: string }) => problems.push({ code, message, ...w, severity: 'error' });
  const labels = opts.schema === undefined ? undefined : new Set(opts.schema.labels);
  const valid: { e: Entity; i: number }[] = [];
  doc.entities.forEach((e, i) => {
    const w = where(doc, e, i);
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end > doc.text.length || e.start >= e.end) {
      add('offsets', `${e.label} span ${e.start}-${e.end} (UTF-16) is empty, reversed or outside the text`, w);
      return;
    }
    let inPair = false;
    try {
      map.toCodePoint(e.start);
      map.toCodePoint(e.end);
    } catch {
      inPair = true;
    }
    if (inPair) {
      add('offsets', `${e.label} span ${e.start}-${e.end} (UTF-16) cuts a surrogate pair`, w);
      return;
    }
    const actual = doc.text.slice(e.start, e.end);
    if (e.text !== undefined && e.text !== actual)
      add('text-mismatch', `${e.label} ${cpSpan(map, e)} text ${JSON.stringify(e.text)} differs from the text at its offsets ${JSON.stringify(actual)}`, w);
    if (labels !== undefined && !labels.has(e.label)) add('label', `label ${JSON.stringify(e.label)} is not in the schema (${[...labels].join(', ')})`, w);
    valid.push({ e, i });
  });
  if (!opts.allowOverlap) {
    valid.sort((a, b) => a.e.start - b.e.start || b.e.end - a.e.end);
    // the span reaching furthest right so far: any later span starting before its end overlaps it
    let reach: { e: Entity; i: number } | undefined;
    for (const cur of valid) {
      if (reach !== undefined && cur.e.start < reach.e.end) {
        const r = reach.e;
        const c = cur.e;
        const how = c.start === r.start && c.end === r.end ? (c.label === r.label ? 'duplicates' : 'has the same span as') : c.end <= r.end ? 'is nested in' : 'overlaps';
        const rw = where(doc, r, reach.i);
        add(
          'overlap',
          `${c.label} ${cpSpan(map, c)} '${doc.text.slice(c.start, c.end)}' ${how} ${r.label} ${cpSpan(map, r)} '${doc.text.slice(r.start, r.end)}'${rw.line !== undefined ? ` (line ${rw.line})` : ''}`,
          where(doc, c, cur.i),
        );
      }
      if (reach === undefined || cur.e.end > reach.e.end) reach = cur;
    }
  }
  return problems;
}

export function checkDocuments(docs: readonly Document[], opts: CheckOptions = {}): Problem[] {
  return docs.flatMap((d) => checkDocument(d, opts));
}

export interface ValidateFileOptions extends CheckOptions {
  format?: FormatName;
  scheme?: TagScheme;
  text?: string;
}

export interface FileReport {
  file: string;
  documents: number;
  entities: number;
  problems: Problem[];
}

/** Reads a file collecting every problem (the reader goes on after each) and checks its documents. */
export function validateFile(path: string, opts: ValidateFileOptions = {}): FileReport {
  const problems: Problem[] = [];
  let docs: Document[] = [];
  try {
    docs = readAnnotations(path, { format: opts.format, scheme: opts.scheme, text: opts.text, sink: (p) => problems.push(p) });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const code: ProblemCode = /UTF-8|binary/.test(err.problem) ? 'encoding' : 'structure';
    problems.push({ code, message: err.problem, file: err.file ?? path, line: err.line, severity: 'error' });
  }
  problems.push(...checkDocuments(docs, opts));
  return { file: path, documents: docs.length, entities: docs.reduce((n, d) => n + d.entities.length, 0), problems };
}

/** What the summary needs of a file: counts only (a streamed validation keeps no problem list). */
export interface FileTally {
  file: string;
  documents: number;
  entities: number;
  errors: number;
  warnings: number;
  byCode: Partial<Record<ProblemCode, number>>;
}

/** Counts a problem into a tally. */
export function countProblem(t: FileTally, p: Problem): void {
  t.byCode[p.code] = (t.byCode[p.code] ?? 0) + 1;
  if (p.severity === 'error') t.errors++;
  else t.warnings++;
}

function tallyOf(r: FileReport | FileTally): FileTally {
  if (!('problems' in r)) return r;
  const t: FileTally = { file: r.file, documents: r.documents, entities: r.entities, errors: 0, warnings: 0, byCode: {} };
  for (const p of r.problems) countProblem(t, p);
  return t;
}

/** Problem counts by code, errors and warnings. */
export function summarize(reports: readonly (FileReport | FileTally)[]): {
  files: number;
  documents: number;
  entities: number;
  errors: number;
  warnings: number;
  byCode: Partial<Record<ProblemCode, number>>;
} {
  const byCode: Partial<Record<ProblemCode, number>> = {};
  let errors = 0;
  let warnings = 0;
  let documents = 0;
  let entities = 0;
  for (const r of reports.map(tallyOf)) {
    for (const [code, n] of Object.entries(r.byCode) as [ProblemCode, number][]) byCode[code] = (byCode[code] ?? 0) + n;
    errors += r.errors;
    warnings += r.warnings;
    documents += r.documents;
    entities += r.entities;
  }
  return { files: reports.length, documents, entities, errors, warnings, byCode };
}

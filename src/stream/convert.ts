/**
 * `gujnlp convert` over a stream: a line-based input (CoNLL, HF JSONL,
 * doccano JSONL) read part by part with every check (checked.ts) into a
 * streamed writer (json, CoNLL, HF, doccano), so memory does not grow with
 * the input. Output bytes, messages and refusals are the whole-file path's:
 *
 * - the first problem the whole-file reader would stop at is found by
 *   phase (a problem of the line pass anywhere comes before one found per
 *   document); at the first problem the output is dropped and the rest of
 *   the input is only read, to find an earlier-phase problem and to count
 *   the document checks' problems for "(and N more problems)";
 * - an HF output whose label list (sorted extra labels) or "columns" key
 *   depends on what comes later is started again after one pass that
 *   learns them (NeedsLookahead).
 */
import type { LabelSchema } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { problemToError, type Problem } from '../io/problem.js';
import { OffsetMap } from '../text/offsets.js';
import type { AlignMode, Misaligned } from '../align/index.js';
import { hfExtraColumns } from '../formats/hf.js';
import type { AlignmentReport, DocstartStyle, FormatName, OffsetUnit } from '../formats/index.js';
import type { TagScheme } from '../tags/scheme.js';
import { checkedParts, FirstFatal, PHASE, type ReadCounts } from './checked.js';
import { createPartWriter, NeedsLookahead, STREAMED_FORMATS, type PartWriter } from './writers.js';
import { removeSpools } from './out.js';
import type { Part } from './parts.js';

export interface ConvertStreamOptions {
  input: string;
  from: FormatName;
  output: string;
  to: FormatName;
  scheme?: TagScheme;
  align: AlignMode;
  /** Label order of HF labels.json (the schema's labels). */
  labels: readonly string[];
  offsets?: OffsetUnit;
  docstart?: DocstartStyle;
  schema?: LabelSchema;
  allowOverlap?: boolean;
  /** Lines per part of a long CoNLL document (tests make it small). */
  partLines?: number;
}

export interface ConvertStreamResult extends ReadCounts {
  report: AlignmentReport;
  /** The first 20 misaligned entities as the whole-file convert describes them. */
  misalignedLines: string[];
}

/** True when convert writes this output format part by part. */
export function streamsOutput(to: FormatName): boolean {
  return STREAMED_FORMATS.has(to);
}

/** One misaligned entity as `gujnlp convert` prints it (offsets in code points of the whole document). */
function describe(m: Misaligned, part: Part): string {
  const map = new OffsetMap(part.document.text);
  const at = ` ${part.cpBase + map.toCodePoint(m.entity.start)}-${part.cpBase + map.toCodePoint(m.entity.end)}`;
  return `  ${m.kind}: ${m.entity.label}${at} '${part.document.text.slice(m.entity.start, m.entity.end)}' in ${m.doc} — ${m.reason}\n`;
}

export async function convertStream(o: ConvertStreamOptions): Promise<ConvertStreamResult> {
  try {
    return await convertOnce(o, {});
  } catch (err) {
    if (!(err instanceof NeedsLookahead)) throw err;
    return convertOnce(o, await lookahead(o));
  } finally {
    removeSpools();
  }
}

/** What an HF output needs to know before its first line: the labels outside the schema and whether any document has CoNLL columns. */
async function lookahead(o: ConvertStreamOptions): Promise<{ labels: string[]; withColumns: boolean }> {
  const extra = new Set<string>();
  let withColumns = false;
  for await (const p of checkedParts(o.input, { format: o.from, scheme: o.scheme, offsets: o.offsets, problem: () => {}, partLines: o.partLines })) {
    for (const e of p.document.entities) if (!o.labels.includes(e.label)) extra.add(e.label);
    withColumns ||= hfExtraColumns(p.document) !== undefined;
  }
  return { labels: [...o.labels, ...[...extra].sort()], withColumns };
}

async function convertOnce(o: ConvertStreamOptions, known: { labels?: string[]; withColumns?: boolean }): Promise<ConvertStreamResult> {
  const stop = new FirstFatal();
  let firstCheck: Problem | undefined;
  let checks = 0;
  const problem = (p: Problem, phase: number): void => {
    if (phase !== PHASE.checks) return stop.problem(p, phase);
    checks++;
    firstCheck ??= p;
  };
  const misalignedLines: string[] = [];
  const writer: PartWriter = createPartWriter(o.output, {
    format: o.to,
    scheme: o.scheme,
    align: o.align,
    labels: known.labels ?? o.labels,
    withColumns: known.withColumns,
    offsets: o.offsets,
    docstart: o.docstart,
    onMisaligned: (m, part) => {
      if (misalignedLines.length < 20) misalignedLines.push(describe(m, part));
    },
  });
  let writing = true;
  const counts: ReadCounts = { documents: 0, entities: 0 };
  try {
    for await (const part of checkedParts(o.input, { format: o.from, scheme: o.scheme, offsets: o.offsets, schema: o.schema, allowOverlap: o.allowOverlap, problem, partLines: o.partLines }, counts)) {
      if (writing && (stop.found || firstCheck !== undefined)) {
        writing = false;
        writer.abort();
      }
      if (writing) writer.write(part);
    }
  } catch (err) {
    if (writing) writer.abort();
    throw err;
  }
  stop.throwHeld();
  if (firstCheck !== undefined) {
    const err = problemToError(firstCheck);
    const more = checks > 1 ? ` (and ${checks - 1} more problem${checks > 2 ? 's' : ''}: gujnlp validate ${o.input})` : '';
    throw new InputError(`${err.problem}${more}`, { file: err.file, line: err.line });
  }
  const report = writer.end();
  return { ...counts, report, misalignedLines };
}

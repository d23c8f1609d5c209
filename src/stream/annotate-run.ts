/**
 * `gujnlp annotate` over a stream: the input planned file by file, parts
 * through the model (inline, or `--jobs N` worker threads), parts into a
 * format writer. One output file (or stdout), or with `-o DIR/` one output
 * per input file, where `--resume` skips inputs whose output is complete
 * (outputs are renamed into place only when whole, so one that exists is
 * complete; an input changed since is done again).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { documentFromText } from '../segment/document.js';
import { formatExtensions, type FormatName } from '../formats/index.js';
import type { TagScheme } from '../tags/scheme.js';
import { loadAnnotator, splitSpec, type LoadOptions } from '../annotate/registry.js';
import { InputError } from '../io/errors.js';
import { annotateParts, inlineAnnotator, type BatchAnnotator } from './annotate.js';
import { partsOfFile, partsOfPlan, planInput, type InputPlan } from './annotate-input.js';
import { createPartWriter } from './writers.js';
import { byteProgress } from './progress.js';
import type { Part } from './parts.js';
import { removeSpools } from './out.js';
import type { AlignmentReport } from '../formats/index.js';

export interface AnnotateRunOptions {
  input: string;
  inputFormat: FormatName | 'text' | undefined;
  output: string;
  format: FormatName | undefined;
  scheme: TagScheme | undefined;
  softNewlines: boolean;
  spec: string;
  load: LoadOptions;
  /** Worker threads (1: in this thread). */
  jobs: number;
  resume: boolean;
  /** Lines per part of a long CoNLL document (tests make it small). */
  partLines?: number;
}

/** The default of --jobs: every core. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** Models that annotate one document at a time and may run in worker threads (onnxruntime uses its own threads). */
function workerSafe(spec: string): boolean {
  const kind = splitSpec(spec)[0];
  return kind === 'rules' || kind === 'perceptron' || kind === 'ner-gu';
}

/** True when the whole-file path must be used: predictions from a file pair whole documents; brat folders are read whole. */
export function needsWholeFiles(spec: string): boolean {
  return splitSpec(spec)[0] === 'file';
}

/** Standoff documents (no tokens) are tokenized as readInput's withTokens does. */
function prepare(softNewlines: boolean): (p: Part) => Part {
  return (p) => {
    const d = p.document;
    if (d.tokens.length > 0 || d.text.trim() === '' || !(p.first && p.last)) return p;
    const t = documentFromText(d.id, d.text, { softNewlines });
    return { ...p, document: { ...d, tokens: t.tokens, sentences: t.sentences } };
  };
}

/** True when -o names a folder: one that exists, or a path ending in a slash. */
export function isOutputDir(output: string): boolean {
  return output !== '-' && (/[\\/]$/.test(output) || (existsSync(output) && statSync(output).isDirectory()));
}

export async function runAnnotateStream(o: AnnotateRunOptions): Promise<AlignmentReport[]> {
  const plan = await planInput(o.input, o.inputFormat);
  if (plan === undefined) throw new InputError('a brat folder is read whole (internal: use the whole-file path)');
  const jobs = workerSafe(o.spec) ? Math.max(1, o.jobs) : 1;
  let model: BatchAnnotator;
  let close = async (): Promise<void> => {};
  if (jobs > 1) {
    const { AnnotatorPool } = await import('../annotate/workers/pool.js');
    const pool = await AnnotatorPool.start(o.spec, o.load, jobs);
    model = pool;
    close = () => pool.close();
  } else {
    model = inlineAnnotator(await loadAnnotator(o.spec, o.load));
  }
  const progress = byteProgress('annotate', plan.bytes);
  let docs = 0;
  const onPart = (p: Part): void => {
    if (p.last) docs++;
    progress.tick(docs);
  };
  const runOpts = { inFlight: 2 * jobs, onPart, prepare: prepare(o.softNewlines) };
  const partOpts = { softNewlines: o.softNewlines, split: true, partLines: o.partLines, progress };
  const reports: AlignmentReport[] = [];
  try {
    if (isOutputDir(o.output)) {
      if (o.input === '-') throw new InputError('-o DIR/ writes one output per input file; stdin has none (use -o FILE)');
      mkdirSync(o.output, { recursive: true });
      let skipped = 0;
      for (const f of plan.files) {
        const format = o.format ?? (f.format === 'text' ? 'json' : f.format);
        const target = join(o.output, basename(f.path, extname(f.path)) + formatExtensions(format)[0]);
        if (o.resume && existsSync(target) && statSync(target).mtimeMs >= statSync(f.path).mtimeMs) {
          skipped++;
          progress.bytes += statSync(f.path).size;
          continue;
        }
        const writer = createPartWriter(target, { format, scheme: o.scheme, align: 'expand' });
        reports.push(await annotateParts(partsOfFile(f, partOpts), model, writer, runOpts));
      }
      if (skipped > 0) process.stderr.write(`annotate: --resume: ${skipped} of ${plan.files.length} inputs already done, skipped\n`);
    } else {
      if (o.resume) throw new InputError('--resume needs -o DIR/ (one output per input file)');
      const format: FormatName = o.format ?? plan.format ?? 'json';
      const writer = createPartWriter(o.output, { format, scheme: o.scheme, align: 'expand' });
      reports.push(await annotateParts(partsOfPlan(plan, partOpts), model, writer, runOpts));
    }
  } finally {
    progress.done(docs);
    await close();
    removeSpools();
  }
  return reports;
}

export type { InputPlan };

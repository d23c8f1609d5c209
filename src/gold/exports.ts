/**
 * The gold exports: every gold document is kept once, as gujnlp standoff
 * JSON (`annotations/gold/<id>.json`, the source of truth), and the files for
 * other tools are generated from it by the project's writers, never edited
 * by hand. This module says which files those are and renders them in
 * memory, so the CLI can write them and a test can compare them byte for
 * byte.
 */
import { readdirSync, existsSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import type { TagScheme } from '../tags/scheme.js';
import type { AlignMode, Misaligned } from '../align/index.js';
import { readAnnotations, renderAnnotations, type FormatName } from '../formats/index.js';
import type { Problem } from '../io/problem.js';
import { problemText } from '../io/problem.js';

/** One generated export: the writer's format and the main file name's suffix after the document id. */
export interface GoldExport {
  format: FormatName;
  suffix: string;
}

/**
 * Token formats use IOB2 tags with `expand` alignment (see GUIDELINES.md §3);
 * the suffixes keep the two JSONL formats apart. Companion files come from
 * the writers: brat `<id>.txt`, HF `labels.json`, CSV `<id>.tokens.csv` +
 * `<id>.entities.csv` (from the stem `<id>.csv`).
 */
export const GOLD_EXPORTS: readonly GoldExport[] = [
  { format: 'conll', suffix: '.conll' },
  { format: 'hf', suffix: '.hf.jsonl' },
  { format: 'brat', suffix: '.ann' },
  { format: 'doccano', suffix: '.doccano.jsonl' },
  { format: 'csv', suffix: '.csv' },
];

/** File names the exports may produce, to recognise stale exports of a deleted source. */
const GENERATED_SUFFIXES = ['.conll', '.hf.jsonl', '.ann', '.txt', '.doccano.jsonl', '.tokens.csv', '.entities.csv'];
const SHARED_GENERATED = new Set(['labels.json']);

export interface GoldOptions {
  scheme: TagScheme;
  align: AlignMode;
  /** Labels in schema order (HF labels.json). */
  labels: readonly string[];
}

export interface GoldSource {
  path: string;
  doc: Document;
  /** Problems the reader reported without failing (kept for `--check`). */
  problems: Problem[];
}

/** The standoff sources of a gold directory: `<id>.json` files other than `labels.json`, sorted. */
export function goldSourcePaths(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError('no such gold directory', { file: dir });
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !SHARED_GENERATED.has(f) && !f.startsWith('.'))
    .sort()
    .map((f) => join(dir, f));
}

/** Reads one gold source: exactly one document in gujnlp JSON, named like its file. */
export function readGoldSource(path: string): GoldSource {
  const problems: Problem[] = [];
  const docs = readAnnotations(path, {
    format: 'json',
    sink: (p) => {
      if (p.severity === 'error' && ['syntax', 'structure', 'offsets', 'text-mismatch'].includes(p.code)) {
        throw new InputError(problemText(p), { file: p.file, line: p.line });
      }
      problems.push(p);
    },
  });
  if (docs.length !== 1) throw new InputError(`a gold file holds exactly one document, found ${docs.length}`, { file: path });
  const doc = docs[0];
  const expected = path.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  if (doc.id !== expected) throw new InputError(`document id ${JSON.stringify(doc.id)} differs from the file name (expected ${JSON.stringify(expected)})`, { file: path });
  return { path, doc, problems };
}

export interface RenderedGold {
  /** Generated file path → content, in a stable order. */
  files: Map<string, string>;
  misaligned: Misaligned[];
}

/** Renders every export of every source, in memory. */
export function renderGoldExports(dir: string, sources: readonly GoldSource[], opts: GoldOptions): RenderedGold {
  const files = new Map<string, string>();
  const misaligned: Misaligned[] = [];
  for (const src of sources) {
    for (const ex of GOLD_EXPORTS) {
      const r = renderAnnotations([src.doc], { format: ex.format, scheme: opts.scheme, align: opts.align, labels: opts.labels, sidecars: false, path: join(dir, `${src.doc.id}${ex.suffix}`) });
      if (ex.format === 'conll') misaligned.push(...r.misaligned);
      for (const [p, content] of r.files) {
        const prev = files.get(p);
        // labels.json is shared by all documents; it must come out the same for each
        if (prev !== undefined && prev !== content) throw new InputError(`two gold documents generate different contents for ${p}`, { file: src.path });
        files.set(p, content);
      }
    }
  }
  return { files, misaligned };
}

export interface SyncReport {
  /** Generated files missing on disk. */
  missing: string[];
  /** Generated files whose content on disk differs. */
  differ: string[];
  /** Export-like files on disk that no source generates (left over from a deleted or renamed source). */
  stale: string[];
}

/** Compares rendered exports with the files on disk, byte for byte. */
export function compareWithDisk(dir: string, rendered: Map<string, string>): SyncReport {
  const report: SyncReport = { missing: [], differ: [], stale: [] };
  for (const [p, content] of rendered) {
    if (!existsSync(p)) report.missing.push(p);
    else if (!readFileSync(p).equals(Buffer.from(content, 'utf8'))) report.differ.push(p);
  }
  const generated = new Set(rendered.keys());
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    const exportLike = SHARED_GENERATED.has(f) || GENERATED_SUFFIXES.some((s) => f.endsWith(s));
    if (exportLike && !generated.has(p)) report.stale.push(p);
  }
  return report;
}

export function inSync(r: SyncReport): boolean {
  return r.missing.length === 0 && r.differ.length === 0 && r.stale.length === 0;
}

import { join } from 'node:path';
import type { Document } from '../doc/types.js';
import { safeFileNames } from '../io/file-names.js';
import { renderAnnotations, writeFilesAtomic, type FormatName } from '../formats/index.js';

/**
 * The files a model's predictions are written to in
 * `annotations/predicted/<model>/`: gujnlp standoff JSON (code point
 * offsets, the lossless one), CoNLL and HF JSONL (IOB2 tags, `expand`
 * alignment, like the gold exports) and the token/entity CSV pair.
 */
const PREDICTION_EXPORTS: readonly { format: FormatName; suffix: string }[] = [
  { format: 'json', suffix: '.json' },
  { format: 'conll', suffix: '.conll' },
  { format: 'hf', suffix: '.hf.jsonl' },
  { format: 'csv', suffix: '.csv' },
];

/** Renders every prediction file of one model (path → content), in a stable order. */
export function renderPredictions(dir: string, docs: readonly Document[], labels: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  const names = safeFileNames(docs.map((d) => d.id));
  for (const [k, doc] of docs.entries()) {
    for (const ex of PREDICTION_EXPORTS) {
      const r = renderAnnotations([doc], { format: ex.format, scheme: 'IOB2', align: 'expand', labels, path: join(dir, `${names[k]}${ex.suffix}`) });
      for (const [p, content] of r.files) files.set(p, content);
    }
  }
  return files;
}

/** Writes them all-or-nothing. */
export function writePredictions(dir: string, docs: readonly Document[], labels: readonly string[]): string[] {
  const files = renderPredictions(dir, docs, labels);
  writeFilesAtomic([...files]);
  return [...files.keys()];
}

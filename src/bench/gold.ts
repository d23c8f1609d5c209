/**
 * `gujnlp bench --gold PATH`: the benchmark on any gold set, no corpus/
 * needed. PATH is an annotation file of any supported format (CoNLL, HF,
 * JSON, CSV, doccano, Label Studio, brat) or a folder of them; the text
 * comes from the gold. Models run on the gold's tokens and sentences
 * (standoff formats without tokens are tokenized by gujnlp first, as
 * `annotate` and `evaluate` do). gujnlp's own segmentation is scored only
 * where the gold gives both the raw text and its own tokens (gujnlp JSON);
 * token formats rebuild their text from the tokens, so there is nothing to
 * score there.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from '../doc/types.js';
import { documentFromText } from '../segment/document.js';
import { InputError } from '../io/errors.js';
import { guessFormat, readAnnotations, withTokens, type FormatName } from '../formats/index.js';
import { assertScorable } from '../formats/scoring-input.js';
import type { BenchDocument } from './corpus.js';

export interface GoldSet {
  docs: BenchDocument[];
  /** What was read, for scores.json and the report. */
  description: string;
  /** Why segmentation is not scored (null when it is, for at least one document). */
  segmentationNote: string | null;
}

/** Files of a folder that hold annotations (not hidden, not brat's or the corpus's .txt, not labels/meta). */
function annotationFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.') && statSync(join(dir, f)).isFile())
    .filter((f) => !/^labels\.json$|\.meta\.json$|\.txt$|\.entities\.csv$|\.ann$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

interface ReadGold {
  doc: Document;
  format: FormatName;
  file: string;
}

function readFile(path: string): ReadGold[] {
  const format = guessFormat(path);
  return readAnnotations(path, { format }).map((doc) => ({ doc, format, file: path }));
}

/**
 * Reads the gold documents of PATH. A folder with .json files is read from
 * those only (`annotations/gold/` holds `<id>.json` sources beside their
 * generated exports of the same documents); a folder of .ann files is brat;
 * any other folder is read file by file. Two documents with one id, an empty gold, or a gold
 * without tokens or entities are errors: they would give an empty or all-zero table.
 */
export function loadGoldSet(path: string): GoldSet {
  if (!existsSync(path)) throw new InputError('no such gold file or folder', { file: path });
  let read: ReadGold[];
  let description: string;
  if (statSync(path).isDirectory()) {
    const files = readdirSync(path);
    const json = files.filter((f) => /\.json$/i.test(f) && f !== 'labels.json' && !f.endsWith('.meta.json') && !f.startsWith('.')).sort();
    if (json.length > 0) {
      // annotations/gold/: the .json sources, not their generated exports of the same documents
      read = json.flatMap((f) => readFile(join(path, f)));
      description = `${path} (${json.length} .json files)`;
    } else if (files.some((f) => f.toLowerCase().endsWith('.ann'))) {
      read = readAnnotations(path, { format: 'brat' }).map((doc) => ({ doc, format: 'brat' as FormatName, file: path }));
      description = `${path} (brat)`;
    } else {
      const list = annotationFiles(path);
      if (list.length === 0) throw new InputError('the gold folder holds no annotation files', { file: path });
      read = list.flatMap(readFile);
      description = `${path} (${list.length} files)`;
    }
  } else {
    read = readFile(path);
    description = `${path} (${read[0]?.format ?? 'empty'})`;
  }
  const seen = new Map<string, string>();
  for (const r of read) {
    const before = seen.get(r.doc.id);
    if (before !== undefined) throw new InputError(`document id '${r.doc.id}' appears twice in the gold (also in ${before}); give one file per document`, { file: r.file });
    seen.set(r.doc.id, r.file);
  }
  const { docs: tokenized } = withTokens(read.map((r) => r.doc));
  const docs: BenchDocument[] = tokenized.map((gold, i) => {
    const r = read[i];
    // raw text and the gold's own tokens: gujnlp's segmentation can be scored
    const scored = r.format === 'json' && r.doc.tokens.length > 0;
    return { id: gold.id, gold, system: scored ? documentFromText(gold.id, gold.text) : null };
  });
  assertScorable(tokenized, path);
  const segmentationNote = docs.some((d) => d.system !== null) ? null : `not scored: the gold (${read[0].format}) does not give both the raw text and its own tokens`;
  return { docs, description, segmentationNote };
}

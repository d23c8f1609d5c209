import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from '../doc/types.js';
import { documentFromText } from '../segment/document.js';
import { readTextFile } from '../io/read-text.js';
import { InputError } from '../io/errors.js';
import { readGoldSource } from '../gold/exports.js';

/** One corpus document: its raw text tokenized by gujnlp, and its gold annotation. */
export interface BenchDocument {
  id: string;
  /** gujnlp's own tokens and sentences of the raw text; null where the gold gives no raw text to segment. */
  system: Document | null;
  /** The gold standoff document (human-checked tokens, sentences, entities). */
  gold: Document;
}

/** The corpus: every `*.txt` of `dir`, sorted by name; the document id is the file name without `.txt`. */
export function corpusFiles(dir: string): { id: string; path: string }[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError('no such corpus directory', { file: dir });
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt') && !f.startsWith('.'))
    .sort()
    .map((f) => ({ id: f.slice(0, -4), path: join(dir, f) }));
  if (files.length === 0) throw new InputError('the corpus directory holds no .txt files', { file: dir });
  return files;
}

/**
 * Reads every corpus document and its gold (`<goldDir>/<id>.json`). A
 * document without gold cannot be scored: it is returned in `ungolded`.
 * A gold whose text differs from the corpus file is an error.
 */
export function loadBenchCorpus(corpusDir: string, goldDir: string): { docs: BenchDocument[]; ungolded: string[] } {
  const docs: BenchDocument[] = [];
  const ungolded: string[] = [];
  for (const { id, path } of corpusFiles(corpusDir)) {
    const text = readTextFile(path);
    const goldPath = join(goldDir, `${id}.json`);
    if (!existsSync(goldPath)) {
      ungolded.push(id);
      continue;
    }
    const gold = readGoldSource(goldPath).doc;
    if (gold.text !== text) throw new InputError(`the gold text differs from the corpus file ${path}`, { file: goldPath });
    docs.push({ id, system: documentFromText(id, text), gold });
  }
  return { docs, ungolded };
}

/** The gold document with its entities removed: what a model is given to annotate. */
export function unannotated(doc: Document): Document {
  return { ...doc, entities: [] };
}

/**
 * The state of an annotation set: documents, finished and unfinished
 * (unfinished Label Studio tasks are skipped by the reader and counted
 * there), entities per label and per annotator.
 */
import type { Document } from '../doc/types.js';

export interface FileStatus {
  file: string;
  documents: number;
  finished: number;
  unfinished: number;
  entities: number;
  perLabel: Record<string, number>;
  /** Documents and entities per annotator (meta.annotator, else the file). */
  perAnnotator: Record<string, { documents: number; entities: number }>;
}

export function fileStatus(file: string, docs: readonly Document[], unfinished: number): FileStatus {
  const perLabel: Record<string, number> = {};
  const perAnnotator: Record<string, { documents: number; entities: number }> = {};
  let entities = 0;
  for (const d of docs) {
    const who = d.meta?.annotator !== undefined ? String(d.meta.annotator) : file.replace(/^.*[\\/]/, '');
    const a = (perAnnotator[who] ??= { documents: 0, entities: 0 });
    a.documents++;
    a.entities += d.entities.length;
    entities += d.entities.length;
    for (const e of d.entities) perLabel[e.label] = (perLabel[e.label] ?? 0) + 1;
  }
  const keys = new Set(docs.map((d) => (typeof d.meta?.document === 'string' ? d.meta.document : d.id)));
  return {
    file,
    documents: keys.size + unfinished,
    finished: keys.size,
    unfinished,
    entities,
    perLabel: Object.fromEntries(Object.entries(perLabel).sort(([x], [y]) => x.localeCompare(y))),
    perAnnotator,
  };
}

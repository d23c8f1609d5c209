/**
 * Raw text with one document per line (`annotate --doc-per-line`): the id
 * is the line number, or the first TSV column when the line has a tab
 * (`ID<TAB>text`). Blank lines are skipped; the document text is the line
 * (or the rest after the first tab) unchanged.
 */
import { documentFromText } from '../segment/document.js';
import type { Document } from '../doc/types.js';
import { InputError } from '../io/errors.js';

export function documentsPerLine(content: string, file: string, opts: { softNewlines?: boolean } = {}): Document[] {
  const docs: Document[] = [];
  const seen = new Map<string, number>();
  content.split('\n').forEach((raw, k) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const tab = line.indexOf('\t');
    const id = tab < 0 ? String(k + 1) : line.slice(0, tab).trim();
    const text = tab < 0 ? line : line.slice(tab + 1);
    if (id === '') throw new InputError('empty id before the tab (ID<TAB>text)', { file, line: k + 1 });
    const before = seen.get(id);
    if (before !== undefined) throw new InputError(`document id ${JSON.stringify(id)} repeats the one on line ${before}`, { file, line: k + 1 });
    seen.set(id, k + 1);
    docs.push(documentFromText(id, text, { softNewlines: opts.softNewlines }));
  });
  if (docs.length === 0) throw new InputError('no documents: every line is blank', { file });
  return docs;
}

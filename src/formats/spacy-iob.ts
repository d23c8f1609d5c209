/**
 * spaCy's `.iob` input (spaCy `training/converters/iob_to_docs.py`): one
 * sentence per line, tokens separated by spaces, each `word|TAG` or
 * `word|POS|TAG`. The text is the tokens joined by spaces, one sentence a
 * line (or located in --text). POS tags are kept in `meta.iob.pos` and
 * written back. A `-DOCSTART-` line separates documents.
 */
import type { Document } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { entitiesToTags, sentenceTokenRanges, tagsToEntities } from '../align/index.js';
import { checkTagSequence } from '../tags/check.js';
import { guessScheme } from '../tags/guess.js';
import { documentFromTokenLines, isEntityTag, report, setTokenOrigins, type FormatInput, type ParseOptions, type Rendered, type RenderOptions, type TokenLine } from './common.js';

interface Item extends TokenLine {
  tag: string;
  pos?: string;
}

/** One `.iob` line → its tokens (null after a reported problem). */
export function parseIobLine(line: string, lineNo: number, file: string, opts: ParseOptions): Item[] | null {
  const items: Item[] = [];
  for (const t of line.trim().split(/\s+/)) {
    const parts = t.split('|');
    if (parts.length !== 2 && parts.length !== 3) {
      report(opts.sink, file, 'syntax', `token ${JSON.stringify(t)} is not word|TAG or word|POS|TAG`, { line: lineNo });
      return null;
    }
    const tag = parts[parts.length - 1];
    if (!isEntityTag(tag)) {
      report(opts.sink, file, 'syntax', `invalid tag ${JSON.stringify(tag)} in ${JSON.stringify(t)}`, { line: lineNo });
      return null;
    }
    if (parts[0] === '') {
      report(opts.sink, file, 'syntax', `empty word in ${JSON.stringify(t)}`, { line: lineNo });
      return null;
    }
    items.push({ text: parts[0], line: lineNo, tag, pos: parts.length === 3 ? parts[1] : undefined });
  }
  return items;
}

export function parseSpacyIob(input: FormatInput, opts: ParseOptions): Document[] {
  const { file } = input;
  const docs: Item[][][] = [[]];
  input.content.split('\n').forEach((raw, k) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('-DOCSTART-')) {
      if (docs[docs.length - 1].length > 0) docs.push([]);
      return;
    }
    const items = parseIobLine(line, k + 1, file, opts);
    if (items !== null) docs[docs.length - 1].push(items);
  });
  const nonEmpty = docs.filter((d) => d.length > 0);
  if (opts.text !== undefined && nonEmpty.length > 1) throw new InputError(`--text gives one text but the file holds ${nonEmpty.length} documents`, { file });
  const scheme = opts.scheme ?? guessScheme(nonEmpty.flat(2).map((t) => t.tag)).scheme;
  return nonEmpty.map((sents, k) => {
    const doc = documentFromTokenLines(nonEmpty.length > 1 ? `${opts.id}-${k + 1}` : opts.id, sents, file, opts.sink, opts.text);
    for (const s of sents)
      for (const p of checkTagSequence(
        s.map((t) => t.tag),
        scheme,
      ))
        report(opts.sink, file, 'tag-sequence', `token ${p.index + 1}: ${p.message} (scheme ${scheme})`, { line: s[p.index].line });
    const flat = sents.flat();
    if (doc.tokens.length === flat.length) {
      doc.entities = tagsToEntities(
        doc,
        sents.map((s) => s.map((t) => t.tag)),
      );
      setTokenOrigins(
        doc,
        flat.map((t) => t.line),
        file,
      );
    }
    if (flat.some((t) => t.pos !== undefined)) doc.meta = { iob: { pos: flat.map((t) => t.pos ?? '_') } };
    return doc;
  });
}

export function renderSpacyIob(docs: readonly Document[], out: string, opts: Partial<RenderOptions>): Rendered {
  const lines: string[] = [];
  const misaligned: Rendered['misaligned'] = [];
  docs.forEach((doc, d) => {
    if (docs.length > 1 && d > 0) lines.push('-DOCSTART-|O');
    const { tags, misaligned: mis } = entitiesToTags(doc, { scheme: opts.scheme ?? 'IOB2', align: opts.align ?? 'expand' });
    misaligned.push(...mis);
    const pos = (doc.meta?.iob as { pos?: string[] } | undefined)?.pos;
    const keepPos = pos !== undefined && pos.length === doc.tokens.length;
    sentenceTokenRanges(doc).forEach((r, s) => {
      if (r.end === r.start) return;
      const toks: string[] = [];
      for (let i = r.start; i < r.end; i++) {
        const t = doc.tokens[i].text;
        if (/[\s|]/.test(t)) throw new InputError(`document ${doc.id}: token ${JSON.stringify(t)} holds white space or '|' and cannot be written to spaCy .iob`);
        toks.push(keepPos ? `${t}|${pos![i]}|${tags[s][i - r.start]}` : `${t}|${tags[s][i - r.start]}`);
      }
      lines.push(toks.join(' '));
    });
  });
  return { files: new Map([[out, lines.length === 0 ? '' : `${lines.join('\n')}\n`]]), misaligned };
}

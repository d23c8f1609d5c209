/**
 * CoNLL-U with the NER tag in MISC (column 10), as spaCy's
 * `conllu_to_docs.py` reads it: the token is FORM (column 2), and the tag
 * is a MISC part matching `((name|NE)=)?[BILU]-TYPE` or `O` — the whole
 * column (`B-PER`) or one `|`-separated part (`NE=B-PER`, `name=B-PER`);
 * no match is O. Multiword-token lines (`1-2`) and empty nodes (`1.1`) are
 * skipped. A sentence's `# text =` comment gives its exact text (tokens
 * are located in it), else the tokens are joined by spaces honouring
 * `SpaceAfter=No`. `# newdoc` starts a document.
 *
 * Written: `ID FORM _ _ _ _ _ _ _ TAG` (or the columns read, with the tag
 * put back where it was), `# text =` per sentence.
 */
import type { Document } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { entitiesToTags, sentenceTokenRanges, tagsToEntities } from '../align/index.js';
import { checkTagSequence } from '../tags/check.js';
import { guessScheme } from '../tags/guess.js';
import { documentFromTokenLines, report, setTokenOrigins, type FormatInput, type ParseOptions, type Rendered, type RenderOptions } from './common.js';

const TAG_PART = /^(?:(name|NE)=)?([BIESLU])-(\S+)$|^(?:(name|NE)=)?O$/;

/** The NER tag of a MISC column (spaCy's rule), and how it was written there. */
export function tagOfMisc(misc: string): { tag: string; key?: string } {
  const parts = misc.split('|');
  for (const p of parts) {
    const m = TAG_PART.exec(p);
    if (m === null) continue;
    if (m[2] !== undefined) return { tag: `${m[2]}-${m[3]}`, key: m[1] };
    return { tag: 'O', key: m[4] };
  }
  return { tag: 'O' };
}

interface Row {
  text: string;
  line: number;
  tag: string;
  cols: string[];
  spaceAfter: boolean;
}

interface RawSentence {
  rows: Row[];
  text?: string;
  comments: string[];
}

/** One CoNLL-U token line → a row (null for multiword/empty nodes or after a reported problem). */
export function parseConlluLine(line: string, lineNo: number, file: string, opts: ParseOptions): Row | null {
  const cols = line.split('\t');
  if (cols.length !== 10) {
    report(opts.sink, file, 'syntax', `CoNLL-U token lines have 10 tab-separated columns, found ${cols.length}`, { line: lineNo });
    return null;
  }
  if (/^\d+[-.]\d+$/.test(cols[0])) return null;
  if (!/^\d+$/.test(cols[0])) {
    report(opts.sink, file, 'syntax', `ID column ${JSON.stringify(cols[0])} is not a token number`, { line: lineNo });
    return null;
  }
  if (cols[1] === '') {
    report(opts.sink, file, 'syntax', 'empty FORM column', { line: lineNo });
    return null;
  }
  const misc = cols[9];
  return { text: cols[1], line: lineNo, tag: tagOfMisc(misc).tag, cols, spaceAfter: !misc.split('|').includes('SpaceAfter=No') };
}

export function parseConllu(input: FormatInput, opts: ParseOptions): Document[] {
  const { file } = input;
  const docs: RawSentence[][] = [[]];
  let sent: RawSentence = { rows: [], comments: [] };
  const end = (): void => {
    if (sent.rows.length > 0) docs[docs.length - 1].push(sent);
    sent = { rows: [], comments: [] };
  };
  input.content.split('\n').forEach((raw, k) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return end();
    if (line.startsWith('#')) {
      if (sent.rows.length > 0) end();
      if (/^#\s*newdoc\b/.test(line) && docs[docs.length - 1].length > 0) docs.push([]);
      const t = /^#\s*text\s*=\s?(.*)$/.exec(line);
      if (t !== null) sent.text = t[1];
      sent.comments.push(line);
      return;
    }
    const row = parseConlluLine(line, k + 1, file, opts);
    if (row !== null) sent.rows.push(row);
  });
  end();
  const nonEmpty = docs.filter((d) => d.length > 0);
  const scheme = opts.scheme ?? guessScheme(nonEmpty.flat(2).flatMap((s) => s.rows.map((r) => r.tag))).scheme;
  return nonEmpty.map((sents, k) => {
    const id = nonEmpty.length > 1 ? `${opts.id}-${k + 1}` : opts.id;
    // the text: each sentence's # text when its tokens are found in it in order, else the tokens with their spaces
    const texts = sents.map((s) => (s.text !== undefined && fits(s.rows, s.text) ? s.text : s.rows.map((r, i) => r.text + (r.spaceAfter && i < s.rows.length - 1 ? ' ' : '')).join('')));
    const text = opts.text ?? texts.join('\n');
    const doc = documentFromTokenLines(
      id,
      sents.map((s) => s.rows),
      file,
      opts.sink,
      text,
    );
    for (const s of sents)
      for (const p of checkTagSequence(
        s.rows.map((r) => r.tag),
        scheme,
      ))
        report(opts.sink, file, 'tag-sequence', `${p.message} (scheme ${scheme})`, { line: s.rows[p.index].line });
    const flat = sents.flatMap((s) => s.rows);
    if (doc.tokens.length === flat.length) {
      doc.entities = tagsToEntities(
        doc,
        sents.map((s) => s.rows.map((r) => r.tag)),
      );
      setTokenOrigins(
        doc,
        flat.map((r) => r.line),
        file,
      );
    }
    doc.meta = { conllu: { scheme, columns: flat.map((r) => r.cols.slice(2, 9)), misc: flat.map((r) => r.cols[9]), comments: sents.map((s) => s.comments) } };
    return doc;
  });
}

function fits(rows: readonly Row[], text: string): boolean {
  let pos = 0;
  for (const r of rows) {
    const at = text.indexOf(r.text, pos);
    if (at < 0) return false;
    pos = at + r.text.length;
  }
  return true;
}

interface ConlluMeta {
  columns?: string[][];
  misc?: string[];
  comments?: string[][];
}

/** MISC with the NER tag replaced (or added) where the original had it. */
function miscWith(original: string | undefined, tag: string): string {
  if (original === undefined || original === '_' || original === '') return tag;
  const parts = original.split('|');
  const i = parts.findIndex((p) => TAG_PART.test(p));
  if (i < 0) return `${original}|${tag}`;
  const key = tagOfMisc(parts[i]).key;
  parts[i] = key === undefined ? tag : `${key}=${tag}`;
  return parts.join('|');
}

export function renderConllu(docs: readonly Document[], out: string, opts: Partial<RenderOptions>): Rendered {
  const blocks: string[] = [];
  const misaligned: Rendered['misaligned'] = [];
  for (const doc of docs) {
    const meta = (doc.meta?.conllu ?? {}) as ConlluMeta;
    const keep = meta.columns !== undefined && meta.columns.length === doc.tokens.length;
    const { tags, misaligned: mis } = entitiesToTags(doc, { scheme: opts.scheme ?? 'IOB2', align: opts.align ?? 'expand' });
    misaligned.push(...mis);
    const lines: string[] = [];
    if (docs.length > 1) lines.push(`# newdoc id = ${doc.id}`);
    sentenceTokenRanges(doc).forEach((r, s) => {
      if (r.end === r.start) return;
      const first = doc.tokens[r.start];
      const last = doc.tokens[r.end - 1];
      const comments = keep ? (meta.comments?.[s] ?? []) : [];
      if (comments.length > 0) lines.push(...comments.filter((c) => !/^#\s*newdoc\b/.test(c)));
      else lines.push(`# text = ${doc.text.slice(first.start, last.end).replace(/\s*\n\s*/g, ' ')}`);
      for (let i = r.start; i < r.end; i++) {
        const tok = doc.tokens[i];
        if (/[\t\n\r]/.test(tok.text)) throw new InputError(`document ${doc.id}: token ${JSON.stringify(tok.text)} holds a tab or line break and cannot be written to CoNLL-U`);
        const cols = keep ? meta.columns![i] : ['_', '_', '_', '_', '_', '_', '_'];
        const next = doc.tokens[i + 1];
        let misc = miscWith(keep ? meta.misc?.[i] : undefined, tags[s][i - r.start]);
        if (!keep && i < r.end - 1 && next !== undefined && next.start === tok.end) misc += '|SpaceAfter=No';
        lines.push([String(i - r.start + 1), tok.text, ...cols, misc].join('\t'));
      }
      lines.push('');
    });
    blocks.push(lines.join('\n'));
  }
  return { files: new Map([[out, blocks.join('')]]), misaligned };
}

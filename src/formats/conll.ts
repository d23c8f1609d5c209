/**
 * CoNLL token files: one token per line, the token in the first column and
 * the tag in the last (so `token TAG` as WikiANN and `word POS chunk NER` as
 * CoNLL-2003 both read), tab or space separated, a blank line between
 * sentences, `-DOCSTART-` lines between documents. Middle columns are kept
 * in `doc.meta.conll.extra` (per token) and `#` comment lines before a
 * sentence in `doc.meta.conll.comments`; both are written back.
 *
 * Document separators written (`docstart`): `conll2003` puts
 * `-DOCSTART- -X- -X- O` before every document, `spacy` puts
 * `-DOCSTART- -X- O O` (the only line spaCy's converter splits documents
 * on), `none` writes none (documents run together); by default the line a
 * document was read with, else `-DOCSTART-` between several documents.
 */
import type { Document } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { entitiesToTags, sentenceTokenRanges, tagsToEntities } from '../align/index.js';
import type { TagScheme } from '../tags/scheme.js';
import { guessScheme } from '../tags/guess.js';
import { checkTagSequence } from '../tags/check.js';
import { documentFromTokenLines, isEntityTag, setTokenOrigins, report, type DocstartStyle, type FormatInput, type ParseOptions, type Rendered, type RenderOptions, type TokenLine } from './common.js';

/** The -DOCSTART- line of each style (spaCy matches `-DOCSTART- -X- O O` exactly). */
export const DOCSTART_LINES: Record<Exclude<DocstartStyle, 'none'>, string> = {
  conll2003: '-DOCSTART- -X- -X- O',
  spacy: '-DOCSTART- -X- O O',
};

export interface ConllMeta {
  /** Column separator of the file read. */
  separator: '\t' | ' ';
  /** The -DOCSTART- line as written in the file, when the document had one. */
  docstart?: string;
  /** Middle columns per token (CoNLL-2003 POS and chunk tags), parallel to doc.tokens. */
  extra?: string[][];
  /** Tag scheme the file used. */
  scheme?: TagScheme;
  /** Comment lines (`# id ...`, as MultiCoNER and CoNLL-U put them) before a sentence, by sentence index. */
  comments?: Record<number, string[]>;
}

const NO_EXTRA: string[] = [];

interface RawToken extends TokenLine {
  tag: string;
  extra: string[];
}

interface RawDoc {
  docstart?: string;
  line: number;
  sentences: RawToken[][];
  comments: Record<number, string[]>;
}

export function parseConll(input: FormatInput, opts: ParseOptions): Document[] {
  const { file } = input;
  const sink = opts.sink;
  // CRLF, LF and lone CR (old Mac files) all end lines: a CR-only file is not one long token line
  const lines = input.content.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const raw: RawDoc[] = [];
  let doc: RawDoc | null = null;
  let sent: RawToken[] = [];
  let sawTab = false;
  let sawSpace = false;
  let comments: string[] = [];
  const endSentence = (): void => {
    if (sent.length > 0) {
      if (doc === null) {
        doc = { line: sent[0].line, sentences: [], comments: {} };
        raw.push(doc);
      }
      if (comments.length > 0) doc.comments[doc.sentences.length] = comments;
      doc.sentences.push(sent);
      comments = [];
    }
    sent = [];
  };
  lines.forEach((rawLine, k) => {
    const lineNo = k + 1;
    const line = rawLine;
    if (line.trim() === '') {
      endSentence();
      return;
    }
    const hasTab = line.includes('\t');
    const cols = hasTab ? line.split('\t') : line.trim().split(/ +/);
    if (cols[0] === '-DOCSTART-') {
      endSentence();
      doc = { docstart: line, line: lineNo, sentences: [], comments: {} };
      raw.push(doc);
      return;
    }
    const tag = cols[cols.length - 1];
    // a '#' line before a sentence that is not a token line is a comment
    if (line.startsWith('#') && sent.length === 0 && (cols.length < 2 || !isEntityTag(tag))) {
      comments.push(line);
      return;
    }
    if (hasTab) sawTab = true;
    else sawSpace = true;
    if (cols.length < 2) {
      report(sink, file, 'syntax', `expected a token and a tag column (tab or space separated), found 1 column: ${JSON.stringify(line)}`, { line: lineNo });
      return;
    }
    if (!isEntityTag(tag)) {
      report(sink, file, 'syntax', `invalid tag ${JSON.stringify(tag)} in the last column (expected O or a prefix B-, I-, E-, S-, L-, U- and a type)`, { line: lineNo });
      return;
    }
    if (cols[0] === '') {
      report(sink, file, 'syntax', 'empty token column', { line: lineNo });
      return;
    }
    sent.push({ text: cols[0], line: lineNo, tag, extra: cols.length === 2 ? NO_EXTRA : cols.slice(1, -1) });
  });
  endSentence();

  // a -DOCSTART- with no sentence after it (trailing, or doubled) is not a document
  for (const r of raw) {
    if (r.sentences.length === 0 && r.docstart !== undefined)
      report(sink, file, 'structure', `-DOCSTART- line with no sentence before the next -DOCSTART- or the end of the file`, { line: r.line }, 'warning');
  }
  const kept = raw.filter((r) => r.sentences.length > 0);
  raw.length = 0;
  raw.push(...kept);
  if (opts.text !== undefined && raw.length > 1) {
    report(sink, file, 'structure', `--text gives one text but the file holds ${raw.length} documents (-DOCSTART- lines)`, { line: raw[1].line });
    return [];
  }
  const allTags: string[] = [];
  for (const d of raw) for (const s of d.sentences) for (const t of s) allTags.push(t.tag);
  const scheme = opts.scheme ?? guessScheme(allTags).scheme;
  const separator: '\t' | ' ' = sawTab || !sawSpace ? '\t' : ' ';

  return raw.map((r, k) => {
    const id = raw.length > 1 ? `${opts.id}-${k + 1}` : opts.id;
    const doc = documentFromTokenLines(id, r.sentences, file, sink, opts.text);
    const meta: ConllMeta = { separator, scheme };
    if (r.docstart !== undefined) meta.docstart = r.docstart;
    if (Object.keys(r.comments).length > 0) meta.comments = r.comments;
    const flat = r.sentences.flat();
    if (flat.some((t) => t.extra.length > 0)) meta.extra = flat.map((t) => t.extra);
    doc.meta = { conll: meta };
    for (const s of r.sentences) {
      for (const p of checkTagSequence(
        s.map((t) => t.tag),
        scheme,
      )) {
        report(sink, file, 'tag-sequence', `${p.message} (scheme ${scheme})`, { line: s[p.index].line });
      }
    }
    // tokens not found in --text were reported; entities need every token
    if (doc.tokens.length === flat.length) {
      doc.entities = tagsToEntities(
        doc,
        r.sentences.map((s) => s.map((t) => t.tag)),
      );
      setTokenOrigins(
        doc,
        flat.map((t) => t.line),
        file,
      );
    }
    return doc;
  });
}

function conllMeta(doc: Document): ConllMeta | undefined {
  const m = doc.meta?.conll;
  return typeof m === 'object' && m !== null ? (m as ConllMeta) : undefined;
}

export function renderConll(docs: readonly Document[], out: string, opts: Partial<RenderOptions>): Rendered {
  const blocks: string[] = [];
  const misaligned: Rendered['misaligned'] = [];
  for (const doc of docs) blocks.push(renderConllDocument(doc, docs.length > 1, opts, misaligned));
  const body = blocks.filter((b) => b !== '').join('\n\n');
  return { files: new Map([[out, body === '' ? '' : `${body}\n`]]), misaligned };
}

/**
 * One document's lines (no final line break); `many`: the file holds
 * several documents, so one without its own -DOCSTART- line gets one.
 * Misaligned entities are appended to `misaligned`.
 */
const HARD_SPACE = /[\t\n\r]/;

export function renderConllDocument(doc: Document, many: boolean, opts: Partial<RenderOptions>, misaligned: Rendered['misaligned']): string {
  const meta = conllMeta(doc);
  const scheme = opts.scheme ?? meta?.scheme ?? 'IOB2';
  const { tags, misaligned: mis } = entitiesToTags(doc, { scheme, align: opts.align ?? 'expand' });
  for (const m of mis) misaligned.push(m);
  const extra = meta?.extra !== undefined && meta.extra.length === doc.tokens.length ? meta.extra : undefined;
  let sep = meta?.separator ?? '\t';
  if (doc.tokens.some((t) => t.text.includes(' '))) sep = '\t';
  const lines: string[] = [];
  const style = opts.docstart;
  if (style === 'conll2003' || style === 'spacy') lines.push(DOCSTART_LINES[style], '');
  else if (style === 'none') {
    // no separator line: documents are told apart by nothing but the blank line
  } else if (meta?.docstart !== undefined) lines.push(meta.docstart, '');
  else if (many) lines.push(`-DOCSTART-${sep}O`, '');
  const ranges = sentenceTokenRanges(doc);
  let first = true;
  ranges.forEach((r, s) => {
    if (r.end === r.start) return;
    if (!first) lines.push('');
    first = false;
    for (const c of meta?.comments?.[s] ?? []) lines.push(c);
    const sentTags = tags[s];
    for (let i = r.start; i < r.end; i++) {
      const tok = doc.tokens[i];
      if (HARD_SPACE.test(tok.text)) throw new InputError(`document ${doc.id}: token ${JSON.stringify(tok.text)} holds a tab or line break and cannot be written to CoNLL`);
      // the common line (no extra columns) without an array per token: this runs once per token of a corpus
      const cols = extra?.[i];
      lines.push(cols === undefined || cols.length === 0 ? tok.text + sep + sentTags[i - r.start] : [tok.text, ...cols, sentTags[i - r.start]].join(sep));
    }
  });
  return lines.join('\n');
}

/**
 * CSV, for spreadsheets and pandas: two files written with csv-stringify,
 *   NAME.tokens.csv    doc,sentence,index,start,end,token,kind,tag   (one row per token)
 *   NAME.entities.csv  doc,start,end,label,text,source               (one row per entity)
 * sentence and index are 0-based (index within the sentence); start/end are
 * code point offsets into the document. CSV holds no text: reading rebuilds
 * it from the token and entity texts at their offsets (a space fills gaps
 * inside a sentence, a newline ends one) unless --text gives the original.
 */
import { stringify } from 'csv-stringify/sync';
import { TOKEN_KINDS, type Document, type Entity, type Sentence, type Token, type TokenKind } from '../doc/types.js';
import { codePointLength, OffsetMap } from '../text/offsets.js';
import { entitiesToTags, sentenceTokenRanges, tagsToEntities } from '../align/index.js';
import { guessScheme } from '../tags/guess.js';
import { checkTagSequence } from '../tags/check.js';
import type { TagScheme } from '../tags/scheme.js';
import { entityFromCodePoints, isEntityTag, report, setTokenOrigins, type FormatInput, type ParseOptions, type Rendered, type RenderOptions } from './common.js';
import { CsvSyntaxError, parseCsv, type CsvRow } from './csv-parse.js';
import { csvText, csvTextBack } from '../io/csv-safe.js';

export const TOKEN_COLUMNS = ['doc', 'sentence', 'index', 'start', 'end', 'token', 'kind', 'tag'] as const;
export const ENTITY_COLUMNS = ['doc', 'start', 'end', 'label', 'text', 'source'] as const;

/** `x.csv`, `x.tokens.csv` or `x.entities.csv` → `x`. */
export function csvStem(path: string): string {
  return path.replace(/(\.tokens|\.entities)?\.csv$/i, '');
}

export function csvPaths(path: string): { tokens: string; entities: string } {
  const stem = csvStem(path);
  return { tokens: `${stem}.tokens.csv`, entities: `${stem}.entities.csv` };
}

/** A data row; fields by column name. */
class Row {
  constructor(
    readonly line: number,
    private readonly fields: string[],
    private readonly index: ReadonlyMap<string, number>,
  ) {}

  get(col: string): string {
    const v = this.fields[this.index.get(col)!] as string | undefined; // undefined: an optional column (source) is absent
    return v === undefined ? (v as unknown as string) : csvTextBack(v); // a `'` guarding a formula-like cell is not data
  }
}

interface Table {
  file: string;
  rows: Row[];
}

function readTable(file: string, content: string, columns: readonly string[], opts: ParseOptions): Table | undefined {
  let rows: CsvRow[];
  try {
    rows = parseCsv(content);
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      report(opts.sink, file, 'syntax', `invalid CSV: ${err.message}`, { line: err.line });
      return undefined;
    }
    throw err;
  }
  const header = rows.shift();
  if (header === undefined) return { file, rows: [] };
  const index = new Map(header.fields.map((h, i) => [h.trim(), i]));
  const missing = columns.filter((c) => !index.has(c));
  if (missing.length > 0) {
    report(opts.sink, file, 'structure', `header lacks column(s) ${missing.join(', ')} (expected ${columns.join(',')})`, { line: header.line });
    return undefined;
  }
  const out: Table['rows'] = [];
  for (const r of rows) {
    if (r.fields.length !== header.fields.length) {
      report(opts.sink, file, 'syntax', `${r.fields.length} fields, the header has ${header.fields.length}`, { line: r.line });
      continue;
    }
    out.push(new Row(r.line, r.fields, index));
  }
  return { file, rows: out };
}

const intOf = (s: string): number | undefined => (/^\d+$/.test(s) ? Number(s) : undefined);

interface TokRow {
  line: number;
  sentence: number;
  start: number;
  end: number;
  token: string;
  kind: TokenKind;
  tag: string;
}

export function parseCsvFiles(input: FormatInput, opts: ParseOptions): Document[] {
  const sink = opts.sink;
  const paths = csvPaths(input.file);
  const tokContent = input.sibling(paths.tokens);
  const entContent = input.sibling(paths.entities);
  if (tokContent === undefined && entContent === undefined) {
    report(sink, input.file, 'structure', `neither ${paths.tokens} nor ${paths.entities} exists`);
    return [];
  }
  const tokTable = tokContent === undefined ? undefined : readTable(paths.tokens, tokContent, TOKEN_COLUMNS, opts);
  const entTable =
    entContent === undefined
      ? undefined
      : readTable(
          paths.entities,
          entContent,
          ENTITY_COLUMNS.filter((c) => c !== 'source'),
          opts,
        );

  // documents in order of first appearance
  const order: string[] = [];
  const toks = new Map<string, TokRow[]>();
  const ents = new Map<string, Table['rows']>();
  for (const r of tokTable?.rows ?? []) {
    const doc = r.get('doc');
    const sentence = intOf(r.get('sentence'));
    const start = intOf(r.get('start'));
    const end = intOf(r.get('end'));
    const token = r.get('token');
    const kind = r.get('kind') || 'word';
    const tag = r.get('tag') || 'O';
    const where = { line: r.line };
    if (sentence === undefined || start === undefined || end === undefined || intOf(r.get('index')) === undefined) {
      report(sink, paths.tokens, 'syntax', 'sentence, index, start and end must be non-negative integers', where);
      continue;
    }
    if (end <= start || token === '') {
      report(sink, paths.tokens, 'offsets', `token ${JSON.stringify(token)} has an empty or reversed span ${start}-${end}`, where);
      continue;
    }
    if (!(TOKEN_KINDS as readonly string[]).includes(kind)) {
      report(sink, paths.tokens, 'structure', `unknown token kind ${JSON.stringify(kind)}`, where);
      continue;
    }
    if (!isEntityTag(tag)) {
      report(sink, paths.tokens, 'syntax', `invalid tag ${JSON.stringify(tag)}`, where);
      continue;
    }
    if (!toks.has(doc)) {
      toks.set(doc, []);
      if (!ents.has(doc)) order.push(doc);
    }
    toks.get(doc)!.push({ line: r.line, sentence, start, end, token, kind: kind as TokenKind, tag });
  }
  for (const r of entTable?.rows ?? []) {
    const doc = r.get('doc');
    if (!ents.has(doc)) {
      ents.set(doc, []);
      if (!toks.has(doc)) order.push(doc);
    }
    ents.get(doc)!.push(r);
  }
  if (opts.text !== undefined && order.length > 1) {
    report(sink, input.file, 'structure', `--text gives one text but the CSV holds ${order.length} documents`);
    return [];
  }
  const scheme = opts.scheme ?? guessScheme([...toks.values()].flat().map((t) => t.tag)).scheme;

  return order.map((id) => {
    const trows = toks.get(id) ?? [];
    const erows = ents.get(id) ?? [];
    const text = opts.text ?? rebuildText(trows, erows);
    const map = new OffsetMap(text);
    const tokens: Token[] = [];
    const sentences: Sentence[] = [];
    const tagsPer: string[][] = [];
    const linesPer: number[][] = [];
    let bad = false;
    let curSentence = -1;
    for (const t of trows) {
      if (t.end > map.codePointLength) {
        report(sink, paths.tokens, 'offsets', `token span ${t.start}-${t.end} outside the text of ${map.codePointLength} code points`, { line: t.line });
        bad = true;
        continue;
      }
      const u = { start: map.toUtf16(t.start), end: map.toUtf16(t.end) };
      const actual = text.slice(u.start, u.end);
      if (actual !== t.token) {
        report(sink, paths.tokens, 'text-mismatch', `token ${JSON.stringify(t.token)} differs from the text at ${t.start}-${t.end} ${JSON.stringify(actual)}`, { line: t.line });
        bad = true;
        continue;
      }
      if (tokens.length > 0 && u.start < tokens[tokens.length - 1].end) {
        report(sink, paths.tokens, 'offsets', `token ${t.start}-${t.end} overlaps or precedes the token before it`, { line: t.line });
        bad = true;
        continue;
      }
      if (t.sentence !== curSentence) {
        curSentence = t.sentence;
        sentences.push({ start: u.start, end: u.end, text: '' });
        tagsPer.push([]);
        linesPer.push([]);
      }
      sentences[sentences.length - 1].end = u.end;
      tagsPer[tagsPer.length - 1].push(t.tag);
      linesPer[linesPer.length - 1].push(t.line);
      tokens.push({ ...u, text: actual, kind: t.kind });
    }
    for (const s of sentences) s.text = text.slice(s.start, s.end);
    tagsPer.forEach((tags, k) => {
      for (const p of checkTagSequence(tags, scheme)) report(sink, paths.tokens, 'tag-sequence', `${p.message} (scheme ${scheme})`, { line: linesPer[k][p.index] });
    });
    const doc: Document = { id, text, sentences, tokens, entities: [] };
    if (entTable !== undefined) {
      const entities: Entity[] = [];
      for (const r of erows) {
        const start = intOf(r.get('start'));
        const end = intOf(r.get('end'));
        const raw = { start: start ?? r.get('start'), end: end ?? r.get('end'), label: r.get('label'), text: r.get('text'), source: r.get('source') ?? '' };
        const e = entityFromCodePoints(map, raw, { file: paths.entities, line: r.line }, sink);
        if (e) entities.push(e);
      }
      doc.entities = entities;
      if (!bad && tokens.length > 0) checkTagsAgree(doc, tagsPer, linesPer, scheme, paths.tokens, sink);
    } else if (!bad) {
      doc.entities = tagsToEntities(doc, tagsPer);
      setTokenOrigins(doc, linesPer.flat(), paths.tokens);
    }
    return doc;
  });
}

/**
 * The tag column of tokens.csv must say what entities.csv says (tags as
 * gujnlp writes them: the entities on the tokens, expand alignment); a
 * token whose tag disagrees is reported with its line, never silently
 * overruled by the entities.
 */
function checkTagsAgree(doc: Document, tagsPer: readonly string[][], linesPer: readonly number[][], scheme: TagScheme, file: string, sink: ParseOptions['sink']): void {
  let expected: string[][];
  try {
    expected = entitiesToTags(doc, { scheme, align: 'expand' }).tags;
  } catch {
    return; // sentences that do not cover the tokens: reported elsewhere
  }
  let shown = 0;
  let more = 0;
  tagsPer.forEach((tags, k) => {
    tags.forEach((t, i) => {
      const want = expected[k]?.[i];
      if (want === undefined || want === t) return;
      if (shown++ < 5) report(sink, file, 'conflict', `tag ${t} disagrees with the entities file, which gives this token ${want}`, { line: linesPer[k][i] });
      else more++;
    });
  });
  if (more > 0) report(sink, file, 'conflict', `and ${more} more token tag(s) disagree with the entities file`);
}

/**
 * The text of a CSV document: token and entity texts at their code point
 * offsets; gaps are spaces, or a newline where a sentence ends. Where two
 * pieces overlap the first placed wins; conflicts are left to the checks
 * that follow (they report a text mismatch).
 */
function rebuildText(trows: readonly TokRow[], erows: Table['rows']): string {
  const pieces: { start: number; text: string; breakBefore: boolean }[] = [];
  trows.forEach((t, k) => {
    const prev = trows[k - 1];
    pieces.push({ start: t.start, text: t.token, breakBefore: prev !== undefined && prev.sentence !== t.sentence });
  });
  for (const r of erows) {
    const s = intOf(r.get('start'));
    if (s !== undefined) pieces.push({ start: s, text: r.get('text'), breakBefore: false });
  }
  pieces.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let pos = 0; // code points emitted so far
  for (const p of pieces) {
    if (p.start > pos) {
      const gap = p.start - pos;
      parts.push(p.breakBefore ? `${' '.repeat(gap - 1)}\n` : ' '.repeat(gap));
      pos = p.start;
    }
    const len = codePointLength(p.text);
    const skip = pos - p.start;
    if (skip < len) {
      parts.push(skip === 0 ? p.text : [...p.text].slice(skip).join(''));
      pos = p.start + len;
    }
  }
  return parts.join('');
}

export function renderCsv(docs: readonly Document[], out: string, opts: Partial<RenderOptions>): Rendered {
  const paths = out === 'stdout' ? { tokens: 'stdout', entities: 'stdout.entities.csv' } : csvPaths(out);
  const scheme = opts.scheme ?? 'IOB2';
  const trows: (string | number)[][] = [[...TOKEN_COLUMNS]];
  const erows: (string | number)[][] = [[...ENTITY_COLUMNS]];
  const misaligned: Rendered['misaligned'] = [];
  for (const doc of docs) {
    const map = new OffsetMap(doc.text);
    const { tags, misaligned: mis } = entitiesToTags(doc, { scheme, align: opts.align ?? 'expand' });
    misaligned.push(...mis);
    sentenceTokenRanges(doc).forEach((r, s) => {
      for (let i = r.start; i < r.end; i++) {
        const t = doc.tokens[i];
        trows.push([csvText(doc.id), s, i - r.start, map.toCodePoint(t.start), map.toCodePoint(t.end), csvText(t.text), t.kind, csvText(tags[s][i - r.start])]);
      }
    });
    for (const e of [...doc.entities].sort((a, b) => a.start - b.start || a.end - b.end)) {
      erows.push([csvText(doc.id), map.toCodePoint(e.start), map.toCodePoint(e.end), csvText(e.label), csvText(doc.text.slice(e.start, e.end)), csvText(e.source ?? '')]);
    }
  }
  return {
    files: new Map([
      [paths.tokens, stringify(trows)],
      [paths.entities, stringify(erows)],
    ]),
    misaligned,
  };
}

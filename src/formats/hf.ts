/**
 * Hugging Face token classification: JSON Lines, one sentence per line,
 *   {"id": "0", "tokens": [...], "ner_tags": [3, 4, 0, ...]}
 * with the label list (IOB2 by default: O, then B-/I- per schema type) in
 * `labels.json` beside it — the layout `datasets` and `run_ner.py` read.
 *
 * For lossless round trips each line also carries, in code points relative
 * to its document: "doc" (document id), "text" (the sentence), "start" (its
 * offset), "offsets" (per token) and "spans" ({start, end, label} objects of
 * the entities starting in the sentence, exact even where tags could not be);
 * "doc_text" (the document text, on its first line when the document is not
 * just its sentences joined by newlines, else null) and "meta" (a JSON
 * string, on the first line of a document with some, else null); extra
 * CoNLL columns (POS, chunk) go on each line as "columns". Every line has
 * the same keys and no list mixes types, so Arrow (datasets) loads the file;
 * a dataset card README.md declares the features with the label names.
 * Files with only tokens and ner_tags are read too (text rebuilt or --text),
 * and older gujnlp files ([start, end, label] spans, meta objects).
 */
import { dirname, join } from 'node:path';
import type { Document, Entity, Sentence, Token } from '../doc/types.js';
import { OffsetMap } from '../text/offsets.js';
import { entitiesToTags, sentenceTokenRanges, tagsToEntities } from '../align/index.js';
import { schemePrefixes } from '../tags/encode.js';
import type { TagScheme } from '../tags/scheme.js';
import { guessScheme } from '../tags/guess.js';
import { checkTagSequence } from '../validate/tags.js';
import {
  documentFromTokenLines,
  isEntityTag,
  setTokenOrigins,
  entityFromCodePoints,
  guessTokenKind,
  report,
  stemOf,
  type FormatInput,
  type ParseOptions,
  type Rendered,
  type RenderOptions,
} from './common.js';
import { JsonSyntaxError, parseJsonWithLines } from './json-parse.js';
import { parseJsonLine } from './doccano.js';
import { hfColumns, renderDatasetCard, splitNameOf } from './hf-card.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths where the label list of `file` is looked for: `<stem>.labels.json`, then `labels.json`. */
export function labelFileCandidates(file: string): string[] {
  const dir = dirname(file);
  return [join(dir, `${stemOf(file, ['.jsonl'])}.labels.json`), join(dir, 'labels.json')];
}

function readLabels(input: FormatInput, opts: ParseOptions): string[] | undefined {
  for (const p of labelFileCandidates(input.file)) {
    const content = input.sibling(p);
    if (content === undefined) continue;
    let v: unknown;
    try {
      v = parseJsonWithLines(content).value;
    } catch (err) {
      const line = err instanceof JsonSyntaxError ? err.line : undefined;
      report(opts.sink, p, 'syntax', `invalid JSON in label list: ${(err as Error).message}`, { line });
      return undefined;
    }
    // a list, or a transformers config-style {"id2label": {"0": "O", ...}}
    if (isObj(v) && isObj(v.id2label)) {
      const m = v.id2label;
      v = Object.keys(m)
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => m[k]);
    }
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      report(opts.sink, p, 'structure', 'label list must be a JSON array of tag strings ["O", "B-PER", ...]');
      return undefined;
    }
    return v as string[];
  }
  return undefined;
}

interface HfLine {
  line: number;
  id?: unknown;
  doc?: string;
  tokens: string[];
  tags: string[];
  offsets?: [number, number][];
  spans?: unknown[];
  text?: string;
  start?: number;
  docText?: string;
  meta?: Record<string, unknown>;
  /** Extra CoNLL columns per token (CoNLL-2003 POS and chunk tags). */
  columns?: string[][];
}

export function parseHf(input: FormatInput, opts: ParseOptions): Document[] {
  const { file, content } = input;
  const sink = opts.sink;
  let labels: string[] | undefined;
  let labelsRead = false;
  const rows: HfLine[] = [];
  content.split('\n').forEach((raw, k) => {
    const line = k + 1;
    if (raw.trim() === '') return;
    const v = parseJsonLine(raw, file, line, opts);
    if (v === undefined) return;
    if (!isObj(v) || !Array.isArray(v.tokens) || !v.tokens.every((t) => typeof t === 'string' && t !== '')) {
      report(sink, file, 'structure', 'expected {"tokens": [non-empty strings], "ner_tags": [...]}', { line });
      return;
    }
    if (!Array.isArray(v.ner_tags)) {
      report(sink, file, 'structure', 'missing "ner_tags" array', { line });
      return;
    }
    const tokens = v.tokens as string[];
    if (v.ner_tags.length !== tokens.length) {
      report(sink, file, 'count-mismatch', `${tokens.length} tokens but ${v.ner_tags.length} ner_tags`, { line });
      return;
    }
    const tags: string[] = [];
    for (const x of v.ner_tags) {
      if (typeof x === 'string') {
        tags.push(x);
        continue;
      }
      if (!labelsRead) {
        labels = readLabels(input, opts);
        labelsRead = true;
        if (labels === undefined) report(sink, file, 'structure', `integer ner_tags need a label list: none of ${labelFileCandidates(file).join(', ')} exists`, { line });
      }
      if (labels === undefined) return;
      if (!Number.isInteger(x) || x < 0 || x >= labels.length) {
        report(sink, file, 'structure', `ner_tag ${JSON.stringify(x)} is not an index into the ${labels.length} labels`, { line });
        return;
      }
      tags.push(labels[x]);
    }
    for (const t of tags) {
      if (!isEntityTag(t)) {
        report(sink, file, 'syntax', `invalid tag ${JSON.stringify(t)}`, { line });
        return;
      }
    }
    const row: HfLine = { line, id: v.id, tokens, tags };
    if (typeof v.doc === 'string') row.doc = v.doc;
    if (v.offsets !== undefined) {
      const o = v.offsets;
      if (!Array.isArray(o) || !o.every((p) => Array.isArray(p) && p.length === 2 && Number.isInteger(p[0]) && Number.isInteger(p[1]))) {
        report(sink, file, 'structure', '"offsets" must be [[start, end], ...] integer pairs', { line });
        return;
      }
      if (o.length !== tokens.length) {
        report(sink, file, 'count-mismatch', `${tokens.length} tokens but ${o.length} offsets`, { line });
        return;
      }
      row.offsets = o as [number, number][];
    }
    if (v.spans !== undefined) {
      if (!Array.isArray(v.spans)) {
        report(sink, file, 'structure', '"spans" must be [[start, end, label], ...]', { line });
        return;
      }
      row.spans = v.spans;
    }
    if (typeof v.text === 'string') row.text = v.text;
    if (Number.isInteger(v.start)) row.start = v.start as number;
    if (typeof v.doc_text === 'string') row.docText = v.doc_text;
    if (isObj(v.meta)) row.meta = v.meta;
    else if (typeof v.meta === 'string') {
      try {
        const m = JSON.parse(v.meta) as unknown;
        if (isObj(m)) row.meta = m;
        else throw new Error('not an object');
      } catch {
        report(sink, file, 'structure', '"meta" must be a JSON object (or a string holding one)', { line });
        return;
      }
    }
    if (Array.isArray(v.columns) && v.columns.length === tokens.length && v.columns.every((c) => Array.isArray(c) && c.every((x) => typeof x === 'string'))) {
      row.columns = v.columns as string[][];
    }
    rows.push(row);
  });

  // consecutive lines with the same "doc" form a document
  const groups: HfLine[][] = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[0].doc === r.doc) last.push(r);
    else groups.push([r]);
  }
  const scheme = opts.scheme ?? guessScheme(rows.flatMap((r) => r.tags)).scheme;
  if (opts.text !== undefined && groups.length > 1) {
    report(sink, file, 'structure', `--text gives one text but the file holds ${groups.length} documents`, { line: groups[1][0].line });
    return [];
  }
  const seen = new Map<string, number>();
  return groups.map((g, k) => {
    let id = g[0].doc ?? (groups.length > 1 ? `${opts.id}-${k + 1}` : opts.id);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n > 0) id = `${id}-${n + 1}`;
    for (const r of g) {
      for (const p of checkTagSequence(r.tags, scheme)) report(sink, file, 'tag-sequence', `token ${p.index + 1}: ${p.message} (scheme ${scheme})`, { line: r.line });
    }
    return g.every((r) => r.offsets !== undefined) ? docFromOffsets(id, g, file, opts) : docFromTokens(id, g, file, opts);
  });
}

/** Lines without offsets: text rebuilt from the tokens (or located in --text), entities from the tags. */
function docFromTokens(id: string, g: HfLine[], file: string, opts: ParseOptions): Document {
  const doc = documentFromTokenLines(
    id,
    g.map((r) => r.tokens.map((text) => ({ text, line: r.line }))),
    file,
    opts.sink,
    opts.text ?? g[0].docText,
  );
  if (doc.tokens.length === g.reduce((n, r) => n + r.tokens.length, 0)) {
    doc.entities = tagsToEntities(doc, g.map((r) => r.tags));
    setTokenOrigins(doc, g.flatMap((r) => r.tokens.map(() => r.line)), file);
  }
  restoreMeta(doc, g);
  return doc;
}

/** Lines with offsets: the document text from doc_text or the sentence texts, tokens from the offsets. */
function docFromOffsets(id: string, g: HfLine[], file: string, opts: ParseOptions): Document {
  const sink = opts.sink;
  let text = opts.text ?? g[0].docText;
  if (text === undefined) {
    if (g.every((r) => r.text !== undefined)) text = g.map((r) => r.text).join('\n');
    else text = g.map((r) => r.tokens.join(' ')).join('\n');
  }
  const map = new OffsetMap(text);
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  const entities: Entity[] = [];
  let tagsOk = true;
  for (const r of g) {
    const before = tokens.length;
    let bad = false;
    r.offsets!.forEach(([s, e], i) => {
      if (bad) return;
      if (s < 0 || e > map.codePointLength || s >= e) {
        report(sink, file, 'offsets', `token ${i + 1} offsets ${s}-${e} outside the text of ${map.codePointLength} code points`, { line: r.line });
        bad = true;
        return;
      }
      const u = { start: map.toUtf16(s), end: map.toUtf16(e) };
      const actual = text.slice(u.start, u.end);
      if (actual !== r.tokens[i]) {
        report(sink, file, 'text-mismatch', `token ${i + 1} ${JSON.stringify(r.tokens[i])} differs from the text at its offsets ${s}-${e} ${JSON.stringify(actual)}`, { line: r.line });
        bad = true;
        return;
      }
      tokens.push({ ...u, text: actual, kind: guessTokenKind(actual) });
    });
    if (bad) {
      tokens.length = before;
      tagsOk = false;
      continue;
    }
    if (tokens.length > before) {
      let sStart = tokens[before].start;
      let sEnd = tokens[tokens.length - 1].end;
      if (r.start !== undefined && r.text !== undefined && r.start >= 0 && r.start <= map.codePointLength) {
        const s = map.toUtf16(r.start);
        if (text.startsWith(r.text, s)) {
          sStart = s;
          sEnd = s + r.text.length;
        }
      }
      sentences.push({ start: sStart, end: sEnd, text: text.slice(sStart, sEnd) });
    }
    if (r.spans !== undefined) {
      r.spans.forEach((sp, i) => {
        const raw = Array.isArray(sp) && sp.length >= 3 ? { start: sp[0], end: sp[1], label: sp[2] } : isObj(sp) ? { start: sp.start, end: sp.end, label: sp.label } : undefined;
        if (raw === undefined) {
          report(sink, file, 'structure', `spans[${i}] must be {"start", "end", "label"}`, { line: r.line });
          return;
        }
        const e = entityFromCodePoints(map, raw, { file, line: r.line, ref: `spans[${i}]` }, sink);
        if (e) entities.push(e);
      });
    }
  }
  const doc: Document = { id, text, sentences, tokens, entities };
  if (g.every((r) => r.spans === undefined) && tagsOk) {
    doc.entities = tagsToEntities(doc, g.map((r) => r.tags));
    setTokenOrigins(doc, g.flatMap((r) => r.tokens.map(() => r.line)), file);
  }
  restoreMeta(doc, g);
  return doc;
}

/** Document meta from the first line, with per-line CoNLL columns put back as meta.conll.extra. */
function restoreMeta(doc: Document, g: readonly HfLine[]): void {
  if (g[0].meta !== undefined) doc.meta = { ...g[0].meta };
  if (g.some((r) => r.columns !== undefined) && doc.tokens.length === g.reduce((n, r) => n + r.tokens.length, 0)) {
    const extra = g.flatMap((r) => r.columns ?? r.tokens.map(() => []));
    const conll = typeof doc.meta?.conll === 'object' && doc.meta.conll !== null ? doc.meta.conll : { separator: '\t' };
    doc.meta = { ...doc.meta, conll: { ...conll, extra } };
  }
}

/** The label list: O, then the scheme's prefixes for each type (schema order, then others sorted). */
export function hfLabelList(types: readonly string[], scheme: TagScheme): string[] {
  const out = ['O'];
  for (const t of types) for (const p of schemePrefixes(scheme)) out.push(`${p}-${t}`);
  return out;
}

export function renderHf(docs: readonly Document[], out: string, opts: Partial<RenderOptions>): Rendered {
  const scheme = opts.scheme ?? 'IOB2';
  const align = opts.align ?? 'expand';
  const schemaTypes = opts.labels ?? [];
  const extra = new Set<string>();
  for (const d of docs) for (const e of d.entities) if (!schemaTypes.includes(e.label)) extra.add(e.label);
  const labels = hfLabelList([...schemaTypes, ...[...extra].sort()], scheme);
  const index = new Map(labels.map((l, i) => [l, i]));
  const lines: string[] = [];
  const misaligned: Rendered['misaligned'] = [];
  let n = 0;
  // one key set for every line: "columns" on all lines when any document has CoNLL columns
  const extraOf = (doc: Document): string[][] | undefined => {
    const c = doc.meta?.conll as { extra?: unknown } | undefined;
    return Array.isArray(c?.extra) && c.extra.length === doc.tokens.length ? (c.extra as string[][]) : undefined;
  };
  const withColumns = docs.some((d) => extraOf(d) !== undefined);
  for (const doc of docs) {
    const map = new OffsetMap(doc.text);
    const { tags, misaligned: mis } = entitiesToTags(doc, { scheme, align });
    misaligned.push(...mis);
    const ranges = sentenceTokenRanges(doc);
    const joined = doc.sentences.map((s) => s.text).join('\n');
    const ents = [...doc.entities].sort((a, b) => a.start - b.start || a.end - b.end);
    // entities starting before the next sentence with tokens go on this sentence's line
    const limits: number[] = new Array<number>(ranges.length).fill(Infinity);
    for (let k = ranges.length - 2, next = Infinity; k >= 0; k--) {
      const r = ranges[k + 1];
      if (r.end > r.start) next = doc.sentences[k + 1]?.start ?? doc.tokens[r.start].start;
      limits[k] = next;
    }
    // CoNLL extra columns go on each line ("columns"), not all in the first line's meta
    const conll = doc.meta?.conll as { extra?: unknown } | undefined;
    const extra = Array.isArray(conll?.extra) && conll.extra.length === doc.tokens.length ? (conll.extra as string[][]) : undefined;
    let meta = doc.meta;
    if (extra !== undefined && conll !== undefined) {
      const { extra: _drop, ...rest } = conll;
      meta = { ...doc.meta, conll: rest };
    }
    let firstLine = true;
    let ei = 0;
    ranges.forEach((r, s) => {
      if (r.end === r.start) return;
      const sent = doc.sentences[s] ?? { start: doc.tokens[r.start].start, end: doc.tokens[r.end - 1].end };
      const toks = doc.tokens.slice(r.start, r.end);
      const limit = limits[s];
      const spans: { start: number; end: number; label: string }[] = [];
      while (ei < ents.length && ents[ei].start < limit) {
        const e = ents[ei++];
        spans.push({ start: map.toCodePoint(e.start), end: map.toCodePoint(e.end), label: e.label });
      }
      const obj: Record<string, unknown> = {
        id: String(n++),
        tokens: toks.map((t) => t.text),
        ner_tags: tags[s].map((t) => index.get(t)!),
        doc: doc.id,
        text: doc.text.slice(sent.start, sent.end),
        start: map.toCodePoint(sent.start),
        offsets: toks.map((t) => [map.toCodePoint(t.start), map.toCodePoint(t.end)]),
        spans,
        doc_text: null,
        meta: null,
      };
      if (firstLine) {
        if (joined !== doc.text || doc.sentences.length !== ranges.filter((x) => x.end > x.start).length) obj.doc_text = doc.text;
        if (meta !== undefined && Object.keys(meta).length > 0) obj.meta = JSON.stringify(meta);
        firstLine = false;
      }
      if (withColumns) obj.columns = extra?.slice(r.start, r.end) ?? toks.map(() => []);
      lines.push(JSON.stringify(obj));
    });
    // entities in a document without tokens still need a home: none — they are reported
    for (; ei < ents.length; ei++) misaligned.push({ entity: ents[ei], kind: 'dropped', doc: doc.id, reason: 'no sentence with tokens to hold it' });
  }
  const labelPath = join(dirname(out), 'labels.json');
  const files = new Map([
    [out, lines.map((l) => `${l}\n`).join('')],
    [labelPath, `${JSON.stringify(labels, null, 2)}\n`],
  ]);
  if (opts.sidecars !== false && out !== 'stdout') {
    const name = out.replace(/^.*[\\/]/, '');
    const card = renderDatasetCard(hfColumns(labels, withColumns), [{ split: splitNameOf(stemOf(name, ['.jsonl'])), path: name, rows: lines.length }], labels);
    files.set(join(dirname(out), 'README.md'), card);
  }
  return { files, misaligned };
}

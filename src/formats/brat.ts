/**
 * brat standoff: the text in `NAME.txt`, annotations in `NAME.ann`, code
 * point offsets:
 *   T1<TAB>LOC 0 9<TAB>પાકિસ્તાન
 *   T2<TAB>ORG 0 5;7 9<TAB>frag ment      (discontinuous: read as its covering span, reported)
 *   #1<TAB>AnnotatorNotes T1<TAB>note
 * Lines other than text-bound annotations (notes, relations, attributes,
 * events, normalisations) are kept in `doc.meta.brat` and written back as
 * long as the entities they point to still exist; entity ids are kept too.
 */
import { join } from 'node:path';
import type { Document, Entity } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { safeFileNames } from '../io/file-names.js';
import { OffsetMap } from '../text/offsets.js';
import type { ProblemSink } from '../validate/problem.js';
import { entityFromCodePoints, report, type FormatInput, type ParseOptions, type Rendered } from './common.js';

export interface BratMeta {
  /** brat id of each entity as read, keyed by "start end label" (code points). */
  ids: Record<string, string>;
  /** Discontinuous fragments ([start, end] code points) by brat id. */
  fragments?: Record<string, [number, number][]>;
  /** Other annotation lines, verbatim. */
  other?: string[];
}

const key = (s: number, e: number, label: string): string => `${s} ${e} ${label}`;

/** The .txt beside an .ann. */
export function bratTextPath(ann: string): string {
  return ann.replace(/\.ann$/i, '') + '.txt';
}

export function parseBrat(input: FormatInput, opts: ParseOptions): Document[] {
  const { file } = input;
  const sink = opts.sink;
  const txtPath = bratTextPath(file);
  const text = opts.text ?? input.sibling(txtPath);
  if (text === undefined) {
    report(sink, file, 'structure', `the text file ${txtPath} beside the .ann file does not exist (or give --text)`);
    return [];
  }
  const map = new OffsetMap(text);
  const entities: Entity[] = [];
  const meta: BratMeta = { ids: {} };
  const other: string[] = [];
  const fragments: Record<string, [number, number][]> = {};
  const idLines = new Map<string, number>();
  const otherLines: { text: string; line: number }[] = [];
  input.content.split('\n').forEach((raw, k) => {
    const line = k + 1;
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (l.trim() === '') return;
    if (!l.startsWith('T')) {
      if (!/^[#RAEMN*]\S*\t/.test(l)) report(sink, file, 'syntax', `not a brat annotation line (expected ID<TAB>...): ${JSON.stringify(l.slice(0, 60))}`, { line });
      else {
        other.push(l);
        otherLines.push({ text: l, line });
      }
      return;
    }
    const cols = l.split('\t');
    const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(cols[1] ?? '');
    if (cols.length < 2 || m === null || !/^T\d+$/.test(cols[0])) {
      report(sink, file, 'syntax', `bad text-bound annotation, expected T<n><TAB>LABEL START END<TAB>TEXT: ${JSON.stringify(l.slice(0, 60))}`, { line });
      return;
    }
    const id = cols[0];
    if (idLines.has(id)) {
      report(sink, file, 'duplicate-id', `entity id ${id} already used on line ${idLines.get(id)}`, { line, ref: id });
      return;
    }
    idLines.set(id, line);
    const label = m[1];
    const frags = m[2].split(';').map((p) => p.split(' ').map(Number) as [number, number]);
    const start = Math.min(...frags.map((f) => f[0]));
    const end = Math.max(...frags.map((f) => f[1]));
    const where = { file, line, ref: id };
    let expectText: string | undefined = cols.slice(2).join('\t');
    if (cols.length < 3) expectText = undefined;
    if (frags.length > 1) {
      // fragment texts are joined by a space in the .ann text column
      for (const [s, e] of frags) {
        if (s < 0 || e > map.codePointLength || s >= e) {
          report(sink, file, 'offsets', `${label} fragment ${s}-${e} outside the text of ${map.codePointLength} code points or empty`, where);
          return;
        }
      }
      const fragText = frags.map(([s, e]) => text.slice(map.toUtf16(s), map.toUtf16(e))).join(' ');
      if (expectText !== undefined && expectText !== fragText) {
        report(sink, file, 'text-mismatch', `${label} fragments ${m[2]} text ${JSON.stringify(expectText)} differs from the text at those offsets ${JSON.stringify(fragText)}`, where);
        return;
      }
      report(sink, file, 'discontinuous', `discontinuous ${label} span ${m[2]} read as its covering span ${start}-${end}`, where, 'warning');
      fragments[id] = frags;
      expectText = undefined;
    }
    const e = entityFromCodePoints(map, { start, end, label, text: expectText }, where, sink);
    if (e === null) return;
    entities.push(e);
    meta.ids[key(start, end, label)] = id;
  });
  checkReferences(otherLines, idLines, file, sink);
  if (other.length > 0) meta.other = other;
  if (Object.keys(fragments).length > 0) meta.fragments = fragments;
  return [{ id: opts.id, text, sentences: [], tokens: [], entities, meta: { brat: meta } }];
}

/**
 * Relations, events, attributes, notes and normalisations must point to
 * annotations of the file: a relation to a missing entity is an error (brat
 * itself refuses to load it).
 */
function checkReferences(other: readonly { text: string; line: number }[], tIds: ReadonlyMap<string, number>, file: string, sink: ProblemSink): void {
  const known = new Set(tIds.keys());
  for (const o of other) known.add(o.text.split('\t')[0]);
  for (const o of other) {
    const [id, body = ''] = o.text.split('\t');
    const words = body.split(' ');
    // the first word is the type (relation, attribute or note kind), except in events (`Type:T3`); the rest name annotations (`Arg1:T3`, `T3`)
    const named = (id.startsWith('E') ? words : words.slice(1)).map((w) => w.replace(/^[^:]*:/, '')).filter((w) => /^[TRE#AMN]\d+$/.test(w));
    for (const r of named) {
      if (!known.has(r)) report(sink, file, 'reference', `${id} points to ${r}, which is not in the file`, { ref: id, line: o.line });
    }
  }
}

function bratMeta(doc: Document): BratMeta | undefined {
  const m = doc.meta?.brat;
  return typeof m === 'object' && m !== null ? (m as BratMeta) : undefined;
}

/** The .ann content of one document. */
export function renderBratAnn(doc: Document): string {
  const map = new OffsetMap(doc.text);
  const meta = bratMeta(doc);
  const used = new Set<string>();
  let next = 1;
  for (const id of Object.values(meta?.ids ?? {})) next = Math.max(next, Number(id.slice(1)) + 1);
  const lines: string[] = [];
  const ents = [...doc.entities].sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
  for (const e of ents) {
    const s = map.toCodePoint(e.start);
    const en = map.toCodePoint(e.end);
    let id = meta?.ids[key(s, en, e.label)];
    if (id === undefined || used.has(id)) id = `T${next++}`;
    used.add(id);
    let frags = meta?.fragments?.[id];
    if (frags === undefined) {
      // brat keeps an entity on one line: a span over a line break becomes fragments
      frags = [];
      const re = /[^\r\n]+/g;
      const body = doc.text.slice(e.start, e.end);
      for (const m of body.matchAll(re)) {
        const fs = e.start + m.index!;
        frags.push([map.toCodePoint(fs), map.toCodePoint(fs + m[0].length)]);
      }
      if (frags.length === 0) frags = [[s, en]];
    }
    const fragText = frags.map(([a, b]) => doc.text.slice(map.toUtf16(a), map.toUtf16(b))).join(' ');
    if (/[\t\s]/.test(e.label)) throw new InputError(`document ${doc.id}: label ${JSON.stringify(e.label)} holds white space and cannot be written to brat`);
    lines.push(`${id}\t${e.label} ${frags.map(([a, b]) => `${a} ${b}`).join(';')}\t${fragText}`);
  }
  // keep notes, relations, ... whose T ids still exist
  for (const l of meta?.other ?? []) {
    const refs = l.split('\t').slice(1).join(' ').match(/\bT\d+\b/g) ?? [];
    if (refs.every((r) => used.has(r))) lines.push(l);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/**
 * One document: OUT.ann and OUT.txt. Several: OUT is a directory holding
 * ID.ann and ID.txt per document.
 */
export function renderBrat(docs: readonly Document[], out: string): Rendered {
  const files = new Map<string, string>();
  if (docs.length === 1 && (out.toLowerCase().endsWith('.ann') || out === 'stdout')) {
    files.set(out, renderBratAnn(docs[0]));
    files.set(bratTextPath(out === 'stdout' ? 'stdout.ann' : out), docs[0].text);
    return { files, misaligned: [] };
  }
  if (out.toLowerCase().endsWith('.ann') || out === 'stdout') {
    throw new InputError(`brat holds one document per .ann file but there are ${docs.length}; give a directory as the output`, { file: out });
  }
  const names = safeFileNames(docs.map((d) => d.id));
  docs.forEach((d, k) => {
    const name = names[k];
    files.set(join(out, `${name}.ann`), renderBratAnn(d));
    files.set(join(out, `${name}.txt`), d.text);
  });
  return { files, misaligned: [] };
}


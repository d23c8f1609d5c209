/**
 * Adjudication of two annotations of the same documents (two annotators'
 * files, or two layers of one Label Studio export): entities both agree on
 * (same span and type) are kept; every disagreement is a conflict, listed
 * with its document, sentence, span and both sides' labels so a third
 * person can decide. The strategy says what the merged documents hold:
 *   a | b    that side's entities (the other side's differences listed)
 *   agreed   only the entities both agree on
 *   union    agreed ones plus those only one side marked where the other
 *            marked nothing overlapping; overlapping disagreements are left
 *            out (listed), so the result never holds two overlapping spans.
 */
import type { Document, Entity } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { OffsetMap } from '../text/offsets.js';

export const MERGE_STRATEGIES = ['a', 'b', 'agreed', 'union'] as const;
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

export interface Conflict {
  doc: string;
  /** The sentence holding the conflict (the text around it when there are no sentences). */
  sentence: string;
  /** Code point offsets of the region the conflicting spans cover. */
  start: number;
  end: number;
  text: string;
  /** Each side's spans there: `LABEL start-end "text"`, joined by `; ` (empty: marked nothing). */
  a: string;
  b: string;
  kind: 'type' | 'span' | 'only-a' | 'only-b' | 'span-and-type';
  /** What the strategy put in the merged document here. */
  kept: string;
}

export interface MergeResult {
  docs: Document[];
  conflicts: Conflict[];
  agreed: number;
}

const key = (e: Entity): string => `${e.start}:${e.end}:${e.label}`;
const overlaps = (x: Entity, y: Entity): boolean => x.start < y.end && y.start < x.end;

/** Pairs documents by id; a document in only one input is an error naming it. */
export function pairForMerge(a: readonly Document[], b: readonly Document[], names: [string, string]): Array<[Document, Document]> {
  const byId = new Map(b.map((d) => [d.id, d]));
  const out: Array<[Document, Document]> = [];
  for (const d of a) {
    const o = byId.get(d.id);
    if (o === undefined) throw new InputError(`document ${d.id} is in ${names[0]} but not in ${names[1]} (unfinished there?); merge needs both annotations of every document`);
    if (o.text !== d.text) throw new InputError(`document ${d.id}: the texts of ${names[0]} and ${names[1]} differ; only annotations of the same text can be merged`);
    byId.delete(d.id);
    out.push([d, o]);
  }
  const extra = [...byId.keys()][0];
  if (extra !== undefined) throw new InputError(`document ${extra} is in ${names[1]} but not in ${names[0]} (unfinished there?); merge needs both annotations of every document`);
  return out;
}

function sentenceOf(doc: Document, start: number, end: number): string {
  const s = doc.sentences.find((x) => x.start <= start && end <= x.end);
  if (s !== undefined) return s.text;
  const from = doc.text.lastIndexOf('\n', start - 1) + 1;
  const to = doc.text.indexOf('\n', end);
  return doc.text.slice(from, to < 0 ? undefined : to);
}

export function mergeDocuments(pairs: ReadonlyArray<[Document, Document]>, strategy: MergeStrategy): MergeResult {
  const docs: Document[] = [];
  const conflicts: Conflict[] = [];
  let agreed = 0;
  for (const [da, db] of pairs) {
    const map = new OffsetMap(da.text);
    const bKeys = new Set(db.entities.map(key));
    const aKeys = new Set(da.entities.map(key));
    const both = da.entities.filter((e) => bKeys.has(key(e)));
    agreed += both.length;
    const onlyA = da.entities.filter((e) => !bKeys.has(key(e)));
    const onlyB = db.entities.filter((e) => !aKeys.has(key(e)));
    // clusters of overlapping disagreeing spans
    const pending = [...onlyA.map((e) => ({ e, side: 'a' as const })), ...onlyB.map((e) => ({ e, side: 'b' as const }))].sort((x, y) => x.e.start - y.e.start || x.e.end - y.e.end);
    const clusters: { a: Entity[]; b: Entity[]; start: number; end: number }[] = [];
    for (const p of pending) {
      const last = clusters[clusters.length - 1];
      if (last !== undefined && p.e.start < last.end) {
        last[p.side].push(p.e);
        last.end = Math.max(last.end, p.e.end);
      } else clusters.push({ a: p.side === 'a' ? [p.e] : [], b: p.side === 'b' ? [p.e] : [], start: p.e.start, end: p.e.end });
    }
    const kept: Entity[] = strategy === 'a' ? [...da.entities] : strategy === 'b' ? [...db.entities] : [...both];
    const show = (es: Entity[]): string => es.map((e) => `${e.label} ${map.toCodePoint(e.start)}-${map.toCodePoint(e.end)} ${JSON.stringify(da.text.slice(e.start, e.end))}`).join('; ');
    for (const c of clusters) {
      // an agreed entity overlapping the cluster makes the lone span an overlap, not an unopposed one
      const opposed = c.a.length > 0 && c.b.length > 0;
      const touchesAgreed = both.some((e) => [...c.a, ...c.b].some((x) => overlaps(e, x)));
      if (strategy === 'union' && !opposed && !touchesAgreed) kept.push(...c.a, ...c.b);
      const sameSpan = opposed && c.a.length === 1 && c.b.length === 1 && c.a[0].start === c.b[0].start && c.a[0].end === c.b[0].end;
      const sameType = opposed && new Set([...c.a, ...c.b].map((e) => e.label)).size === 1;
      const kind: Conflict['kind'] = !opposed ? (c.a.length > 0 ? 'only-a' : 'only-b') : sameSpan ? 'type' : sameType ? 'span' : 'span-and-type';
      const keptHere = kept.filter((e) => e.start < c.end && c.start < e.end);
      conflicts.push({
        doc: da.id,
        sentence: sentenceOf(da, c.start, c.end),
        start: map.toCodePoint(c.start),
        end: map.toCodePoint(c.end),
        text: da.text.slice(c.start, c.end),
        a: show(c.a),
        b: show(c.b),
        kind,
        kept: keptHere.length === 0 ? '' : show(keptHere),
      });
    }
    kept.sort((x, y) => x.start - y.start || x.end - y.end);
    const meta = { ...(da.meta ?? {}) };
    delete meta.annotator;
    delete meta.document;
    docs.push({ ...da, id: da.id, entities: kept.map((e) => ({ start: e.start, end: e.end, label: e.label, text: da.text.slice(e.start, e.end) })), meta: { ...meta, merged: { strategy } } });
  }
  return { docs, conflicts, agreed };
}

/**
 * The two layers of one file (Label Studio `--annotations all`): documents
 * grouped by meta.document, one layer per annotator. Throws unless every
 * document has exactly the same two annotators.
 */
export function layersOf(docs: readonly Document[], file: string): { names: [string, string]; a: Document[]; b: Document[] } {
  const annotators = [...new Set(docs.map((d) => String(d.meta?.annotator ?? '')))].filter((x) => x !== '').sort();
  if (annotators.length !== 2) {
    throw new InputError(
      `merging the layers of one file needs exactly two annotators (read with --annotations all); found ${annotators.length}${annotators.length > 0 ? ` (${annotators.join(', ')})` : ''}`,
      { file },
    );
  }
  const pick = (who: string): Document[] => docs.filter((d) => String(d.meta?.annotator) === who).map((d) => ({ ...d, id: typeof d.meta?.document === 'string' ? d.meta.document : d.id }));
  return { names: [`annotator ${annotators[0]}`, `annotator ${annotators[1]}`], a: pick(annotators[0]), b: pick(annotators[1]) };
}

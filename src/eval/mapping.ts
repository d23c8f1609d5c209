/**
 * Label mapping so systems with different label sets can be compared:
 * `--map GPE=LOC` renames a type, `--ignore MISC` turns its tags into `O`
 * (in gold and prediction alike). Applied to tags before any decoding, so
 * every metric sees the same mapped data. Mapping is not transitive:
 * `A=B` and `B=C` send A to B and B to C.
 */
import { InputError } from '../io/errors.js';
import { parseTag, PO } from '../tags/decode.js';
import type { TagCorpus } from './corpus.js';
import type { Document, Entity } from '../doc/types.js';

export interface LabelMapping {
  map?: Record<string, string>;
  ignore?: readonly string[];
}

/**
 * Parses `FROM=TO` option values, the one `--map` parser of every command:
 * `FROM=O` (or `FROM=`) maps the type to O, i.e. drops it.
 */
export function parseMapOptions(values: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const v of values) {
    const m = /^([^=\s]+)=([^=\s]*)$/.exec(v);
    if (m === null) throw new InputError(`--map expects FROM=TO (e.g. GPE=LOC, MISC=O), got '${v}'`);
    const to = m[2] === '' ? 'O' : m[2];
    if (m[1] in map && map[m[1]] !== to) throw new InputError(`--map: ${m[1]} is mapped twice`);
    map[m[1]] = to;
  }
  return map;
}

export function isIdentityMapping(m: LabelMapping): boolean {
  return Object.keys(m.map ?? {}).length === 0 && (m.ignore ?? []).length === 0;
}

/** One tag under the mapping. */
export function mapTag(tag: string, m: LabelMapping): string {
  const p = parseTag(tag);
  if (p === undefined || p.prefix === PO) return tag;
  if (m.ignore?.includes(p.type)) return 'O';
  const to = m.map?.[p.type];
  if (to === 'O') return 'O'; // FROM=O drops the type, as --ignore FROM does
  return to === undefined ? tag : `${tag[0]}-${to}`;
}

/** The corpus with its tag table mapped (token arrays re-pointed, not copied when unchanged). */
export function applyLabelMapping(c: TagCorpus, m: LabelMapping): TagCorpus {
  if (isIdentityMapping(m)) return c;
  const tags: string[] = [];
  const index = new Map<string, number>();
  const remap = new Int32Array(c.tags.length);
  c.tags.forEach((t, id) => {
    const mt = mapTag(t, m);
    let nid = index.get(mt);
    if (nid === undefined) {
      nid = tags.length;
      tags.push(mt);
      index.set(mt, nid);
    }
    remap[id] = nid;
  });
  const gold = new Int32Array(c.gold.length);
  const pred = new Int32Array(c.pred.length);
  for (let i = 0; i < gold.length; i++) {
    gold[i] = remap[c.gold[i]];
    pred[i] = remap[c.pred[i]];
  }
  return { ...c, tags, gold, pred };
}

/** Entities under the mapping, as their tags would be mapped: renamed, or dropped when their type maps to O. */
export function mapEntities(entities: readonly Entity[], m: LabelMapping): Entity[] {
  const out: Entity[] = [];
  for (const e of entities) {
    const t = mapTag(`B-${e.label}`, m);
    if (t !== 'O') out.push(t.slice(2) === e.label ? e : { ...e, label: t.slice(2) });
  }
  return out;
}

/** The document with its entities mapped (the same object when the mapping is the identity). */
export function mapDocument(doc: Document, m: LabelMapping): Document {
  return isIdentityMapping(m) ? doc : { ...doc, entities: mapEntities(doc.entities, m) };
}

/** Entity types under the mapping, in their first order: ignored types gone, renamed ones once. */
export function mapTypes(types: readonly string[], m: LabelMapping): string[] {
  const out = new Set<string>();
  for (const t of types) {
    const mt = mapTag(`B-${t}`, m);
    if (mt !== 'O') out.add(mt.slice(2));
  }
  return [...out];
}

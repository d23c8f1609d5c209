/**
 * Mapping of a model's labels (config.json id2label) onto gujnlp's label
 * schema: `B-GPE` with map {GPE: 'LOC'} → `B-LOC`; labels whose type is not in
 * the schema and has no mapping become `O` and are counted as dropped.
 */
import type { TagScheme } from '../../tags/scheme.js';

/** What one model label id becomes. */
export interface MappedLabel {
  /** The model's own label. */
  model: string;
  /** Tag over the schema (`O`, `B-LOC`, `I-PER`, ...). */
  tag: string;
  /** True when the label named an entity type that is outside the schema. */
  dropped: boolean;
}

const PREFIXED = /^([BIESLU])[-_](.+)$/;

/** Split `B-PER` → ['B', 'PER']; a bare `PER` (IO tagging) counts as inside. */
export function splitLabel(label: string): { prefix: string; type: string } | null {
  if (label === 'O' || label === '') return null;
  const m = PREFIXED.exec(label);
  return m ? { prefix: m[1], type: m[2] } : { prefix: 'I', type: label };
}

/** Tagging scheme implied by the prefixes a model uses. */
export function schemeOfLabels(labels: readonly string[]): TagScheme {
  const prefixes = new Set(labels.map((l) => splitLabel(l)?.prefix));
  if (prefixes.has('L') || prefixes.has('U')) return 'BILOU';
  if (prefixes.has('E') || prefixes.has('S')) return 'IOBES';
  return 'IOB2';
}

/**
 * Parse `--map` values: `GPE=LOC,B-DATE=O` (or several such strings) into a record.
 * Throws Error on a malformed entry (callers turn it into an InputError).
 */
export function parseLabelMap(specs: string | readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of typeof specs === 'string' ? [specs] : specs) {
    for (const part of spec.split(',')) {
      const entry = part.trim();
      if (entry === '') continue;
      const eq = entry.indexOf('=');
      const from = entry.slice(0, eq).trim();
      const to = entry.slice(eq + 1).trim();
      if (eq < 0 || from === '' || to === '') throw new Error(`bad label mapping "${entry}": expected FROM=TO, e.g. GPE=LOC`);
      out[from] = to;
    }
  }
  return out;
}

/**
 * Map every model label. A full-label entry (`B-GPE`) wins over a type entry
 * (`GPE`); a mapping to `O` silences a label without counting it as dropped.
 */
export function mapLabels(modelLabels: readonly string[], schemaLabels: readonly string[], map: Readonly<Record<string, string>> = {}): MappedLabel[] {
  const schema = new Set(schemaLabels);
  return modelLabels.map((model) => {
    const parts = splitLabel(model);
    if (!parts) return { model, tag: 'O', dropped: false };
    let prefix = parts.prefix;
    let type = parts.type;
    if (Object.hasOwn(map, model)) {
      const target = splitLabel(map[model]);
      if (!target) return { model, tag: 'O', dropped: false };
      // `B-GPE=LOC` keeps the prefix; `B-GPE=B-LOC` states it.
      if (PREFIXED.test(map[model])) prefix = target.prefix;
      type = target.type;
    } else if (Object.hasOwn(map, type)) {
      if (map[type] === 'O') return { model, tag: 'O', dropped: false };
      type = map[type];
    }
    if (!schema.has(type)) return { model, tag: 'O', dropped: true };
    return { model, tag: `${prefix}-${type}`, dropped: false };
  });
}

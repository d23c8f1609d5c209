/**
 * The label schema of an annotation project, read from
 * `annotations/schema.json` (`{"labels": [...], "scheme"?, "align"?, ...}`);
 * DEFAULT_SCHEMA (PER, LOC, ORG, MISC) when the file does not exist.
 */
import { existsSync } from 'node:fs';
import { DEFAULT_SCHEMA, type LabelSchema } from './types.js';
import { InputError } from '../io/errors.js';
import { readTextFile } from '../io/read-text.js';
import { isAlignMode, isTagScheme, type AlignMode, type TagScheme } from '../tags/scheme.js';

export const DEFAULT_SCHEMA_PATH = 'annotations/schema.json';

/** A LabelSchema plus the project defaults schema.json may declare. */
export interface ProjectSchema extends LabelSchema {
  scheme?: TagScheme;
  align?: AlignMode;
}

/**
 * Loads a schema file. A missing file gives DEFAULT_SCHEMA only for the
 * default path; a path the user named must exist.
 */
export function loadSchema(path: string = DEFAULT_SCHEMA_PATH): ProjectSchema {
  if (path === DEFAULT_SCHEMA_PATH && !existsSync(path)) return { labels: [...DEFAULT_SCHEMA.labels] };
  return parseSchema(readTextFile(path), path);
}

export function parseSchema(content: string, file: string): ProjectSchema {
  let v: unknown;
  try {
    v = JSON.parse(content);
  } catch (err) {
    throw new InputError(`invalid JSON in schema: ${(err as Error).message}`, { file });
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError('schema must be an object {"labels": [...]}', { file });
  const o = v as Record<string, unknown>;
  const labels = o.labels;
  if (!Array.isArray(labels) || labels.length === 0 || !labels.every((l) => typeof l === 'string' && /^[^\s-][^\s]*$/.test(l))) {
    throw new InputError('schema "labels" must be a non-empty array of label names without spaces or a leading "-"', { file });
  }
  if (new Set(labels).size !== labels.length) throw new InputError('schema "labels" lists a label twice', { file });
  const schema: ProjectSchema = { labels: labels as string[] };
  if (o.scheme !== undefined) {
    if (typeof o.scheme !== 'string' || !isTagScheme(o.scheme)) throw new InputError(`schema "scheme" ${JSON.stringify(o.scheme)} is not a tag scheme`, { file });
    schema.scheme = o.scheme;
  }
  if (o.align !== undefined) {
    if (typeof o.align !== 'string' || !isAlignMode(o.align)) throw new InputError(`schema "align" ${JSON.stringify(o.align)} is not expand, contract or strict`, { file });
    schema.align = o.align;
  }
  return schema;
}

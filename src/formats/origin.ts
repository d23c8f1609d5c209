/**
 * Where an entity was read from (file, line, id), kept beside the entity
 * object (not in it) so validation can name the line of a problem found
 * after reading (unknown label, overlap) without changing the model.
 */
import type { Entity } from '../doc/types.js';

export interface Origin {
  file: string;
  line?: number;
  ref?: string;
}

const origins = new WeakMap<Entity, Origin>();

export function setOrigin(e: Entity, o: Origin): void {
  origins.set(e, { file: o.file, line: o.line, ref: o.ref });
}

export function originOf(e: Entity): Origin | undefined {
  return origins.get(e);
}

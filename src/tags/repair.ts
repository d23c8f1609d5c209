/**
 * Tags rewritten into well-formed tags of a scheme, as the default-mode
 * decoder reads them (conlleval/seqeval): `I-X` after `O` or after another
 * type becomes the start of an entity (`B-X` in IOB2).
 */
import { decodeTags } from './decode.js';
import { encodeTags } from './encode.js';
import type { TagScheme } from './scheme.js';

export function repairTags(tags: readonly string[], scheme: TagScheme): string[] {
  return encodeTags(decodeTags(tags), tags.length, scheme);
}

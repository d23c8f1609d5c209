/**
 * Which tag scheme a set of tags is written in: the one place schemes are
 * guessed (format readers, evaluate, compare).
 */
import { PB, PE, PL, PS, PU, SCHEME_RULES, parseTag } from './decode.js';
import type { TagScheme } from './scheme.js';

export interface SchemeGuess {
  /** The scheme the prefixes point to: L/U → BILOU, S or E with B → IOBES, E alone → IOE2, otherwise IOB2 (IOB1 and IOE1 data must be named). */
  scheme: TagScheme;
  /** Whether every prefix used belongs to that scheme (false: the tags mix schemes). */
  fits: boolean;
}

/** The scheme guessed from the prefixes of `tags` (malformed tags are ignored here; readers report them). */
export function guessScheme(tags: Iterable<string>): SchemeGuess {
  let used = 0;
  const seen = new Set<string>();
  for (const t of tags) {
    if (seen.has(t)) continue;
    seen.add(t);
    used |= parseTag(t)?.prefix ?? 0;
  }
  const scheme: TagScheme = (used & (PL | PU)) !== 0 ? 'BILOU' : (used & PS) !== 0 || ((used & PE) !== 0 && (used & PB) !== 0) ? 'IOBES' : (used & PE) !== 0 ? 'IOE2' : 'IOB2';
  return { scheme, fits: (used & ~SCHEME_RULES[scheme].allowed) === 0 };
}

/** The guessed scheme when the tags fit it, else null (strict decoding needs a real fit). */
export function fittingScheme(tags: Iterable<string>): TagScheme | null {
  const g = guessScheme(tags);
  return g.fits ? g.scheme : null;
}

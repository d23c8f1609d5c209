/**
 * Is a tag sequence valid in a scheme? Readers decode invalid sequences the
 * lenient conlleval way; these checks say where a file breaks its declared
 * scheme (`I-LOC` after `O` in IOB2, a `B-` without its `E-` in IOBES, ...).
 */
import { SCHEME_PREFIXES, schemePrefixes } from './encode.js';
import type { TagScheme } from './scheme.js';

export interface TagProblem {
  /** Token index in the sentence. */
  index: number;
  message: string;
}

function split(tag: string): { prefix: string; type: string } | null {
  if (tag === 'O') return null;
  const dash = tag.indexOf('-');
  return dash < 1 ? { prefix: tag, type: '' } : { prefix: tag.slice(0, dash), type: tag.slice(dash + 1) };
}

export function checkTagSequence(tags: readonly string[], scheme: TagScheme): TagProblem[] {
  const problems: TagProblem[] = [];
  const allowed = new Set(schemePrefixes(scheme));
  const p = SCHEME_PREFIXES[scheme];
  // schemes that mark every chunk start (IOB2, IOBES, BILOU) / every chunk end (IOE2, IOBES, BILOU)
  const marksStart = scheme === 'IOB2' || scheme === 'IOBES' || scheme === 'BILOU';
  const marksEnd = scheme === 'IOE2' || scheme === 'IOBES' || scheme === 'BILOU';
  const closes = new Set([p.end, p.single]);
  const opens = new Set([p.begin, p.single]);
  for (let i = 0; i < tags.length; i++) {
    const t = split(tags[i]);
    if (t === null) continue;
    if (!allowed.has(t.prefix) || t.type === '') {
      problems.push({ index: i, message: `tag ${JSON.stringify(tags[i])} is not a ${scheme} tag` });
      continue;
    }
    const prev = i > 0 ? split(tags[i - 1]) : null;
    const next = i + 1 < tags.length ? split(tags[i + 1]) : null;
    const continuesPrev = prev !== null && prev.type === t.type && !(marksEnd && closes.has(prev.prefix));
    if (marksStart && !opens.has(t.prefix) && !continuesPrev) {
      problems.push({ index: i, message: `${tags[i]} does not continue a ${t.type} chunk (previous tag ${tags[i - 1] ?? 'none'})` });
    }
    if (marksEnd && !closes.has(t.prefix)) {
      const nextContinues = next !== null && next.type === t.type && !(marksStart && opens.has(next.prefix));
      if (!nextContinues) problems.push({ index: i, message: `${tags[i]} leaves its ${t.type} chunk without an end tag (next tag ${tags[i + 1] ?? 'none'})` });
    }
    // IOB1 uses B- only between two touching chunks of one type; IOE1 uses E- likewise
    if (scheme === 'IOB1' && t.prefix === 'B' && !(prev !== null && prev.type === t.type)) {
      problems.push({ index: i, message: `${tags[i]} in IOB1 must follow a ${t.type} tag (B- only separates touching chunks)` });
    }
    if (scheme === 'IOE1' && t.prefix === 'E' && !(next !== null && next.type === t.type)) {
      problems.push({ index: i, message: `${tags[i]} in IOE1 must precede a ${t.type} tag (E- only separates touching chunks)` });
    }
  }
  return problems;
}

/**
 * Token / sentence segmentation scores against gold spans, as the CoNLL 2018
 * UD shared task evaluation (conll18_ud_eval.py) computes them: both sides
 * are mapped onto the text with all whitespace removed, and a system span
 * is correct when its start and end both equal a gold span's there. So a
 * tokenizer is not punished for including or excluding a space, and the two
 * sides may even come from texts that differ only in whitespace.
 *
 * Also given: boundary scores (a boundary = the end of a span; correct when
 * the gold has a span ending at the same non-whitespace position), which
 * is what "sentence boundary F1" usually means.
 */
import type { Span } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import { prf, type PRF } from './prf.js';

export interface SegmentationScores {
  /** UD-style: a span is correct when both of its ends match a gold span. */
  spans: PRF;
  /** Only span ends compared. */
  boundaries: PRF;
}

const WS = /\s/u;

/** `pos[i]` = number of non-whitespace UTF-16 units before offset i. */
function nonSpacePositions(text: string): Int32Array {
  const pos = new Int32Array(text.length + 1);
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    pos[i] = k;
    if (!WS.test(text[i])) k++;
  }
  pos[text.length] = k;
  return pos;
}

function stripSpaces(text: string): string {
  return text.replace(/\s+/gu, '');
}

/** Spans mapped to the whitespace-free text, empty ones dropped, sorted, duplicates removed. */
function mapSpans(spans: readonly Span[], pos: Int32Array, textLength: number, side: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const s of spans) {
    if (!(s.start >= 0 && s.end >= s.start && s.end <= textLength)) {
      throw new InputError(`${side} span [${s.start}, ${s.end}) lies outside the text (length ${textLength})`);
    }
    const a = pos[s.start];
    const b = pos[s.end];
    if (b > a) out.push([a, b]);
  }
  out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return out.filter((x, i) => i === 0 || x[0] !== out[i - 1][0] || x[1] !== out[i - 1][1]);
}

/**
 * Scores system spans against gold spans over the same text (UTF-16 offsets).
 * When the system segmented a different copy of the text, pass it as
 * `systemText`: it must equal `text` once whitespace is removed.
 */
export function segmentationScores(text: string, gold: readonly Span[], system: readonly Span[], systemText?: string): SegmentationScores {
  const gpos = nonSpacePositions(text);
  let spos = gpos;
  if (systemText !== undefined && systemText !== text) {
    if (stripSpaces(systemText) !== stripSpaces(text)) {
      throw new InputError('system and gold texts differ in more than whitespace');
    }
    spos = nonSpacePositions(systemText);
  }
  const g = mapSpans(gold, gpos, text.length, 'gold');
  const s = mapSpans(system, spos, (systemText ?? text).length, 'system');

  let correct = 0;
  for (let i = 0, j = 0; i < g.length && j < s.length;) {
    const c = g[i][0] - s[j][0] || g[i][1] - s[j][1];
    if (c === 0) {
      correct++;
      i++;
      j++;
    } else if (c < 0) i++;
    else j++;
  }
  const gEnds = new Set(g.map((x) => x[1]));
  const sEnds = new Set(s.map((x) => x[1]));
  let correctEnds = 0;
  for (const e of sEnds) if (gEnds.has(e)) correctEnds++;
  return { spans: prf({ gold: g.length, system: s.length, correct }), boundaries: prf({ gold: gEnds.size, system: sEnds.size, correct: correctEnds }) };
}

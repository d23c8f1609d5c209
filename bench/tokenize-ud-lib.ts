/**
 * Shared by bench/tokenize-ud.ts and test/tokenize-ud.test.ts: reads the
 * surface tokens (multiword-token lines, not their parts) and `# text`
 * sentences of a CoNLL-U file, lays them out on one text (sentences joined
 * by a space, so the splitter cannot lean on line breaks) and scores
 * gujnlp's tokens and sentences against them with src/eval/segmentation.ts.
 */
import type { Span, Token } from '../src/doc/types.js';
import { tokenize } from '../src/tokenize/index.js';
import { segmentTokens } from '../src/segment/index.js';
import { defaultAbbreviations } from '../src/lang/gu/abbreviations.js';
import { segmentationScores, type SegmentationScores } from '../src/eval/segmentation.js';

export interface UdGold {
  text: string;
  sentences: Span[];
  tokens: Span[];
}

/** Parses CoNLL-U into one text with gold sentence and surface-token spans (UTF-16). */
export function readUdSurface(conllu: string): UdGold {
  let text = '';
  const sentences: Span[] = [];
  const tokens: Span[] = [];
  const blocks = conllu.split(/\n\s*\n/).filter((b) => b.trim() !== '');
  for (const block of blocks) {
    const lines = block.split('\n');
    const textLine = lines.find((l) => l.startsWith('# text = '));
    if (textLine === undefined) throw new Error('CoNLL-U sentence without # text');
    const sent = textLine.slice('# text = '.length);
    if (text !== '') text += ' ';
    const base = text.length;
    text += sent;
    sentences.push({ start: base, end: base + sent.length });
    let cursor = 0;
    let skipUntil = 0;
    for (const line of lines) {
      if (line.startsWith('#')) continue;
      const cols = line.split('\t');
      if (cols.length < 10) continue;
      const id = cols[0];
      if (id.includes('.')) continue; // empty nodes
      const form = cols[1];
      if (id.includes('-')) {
        skipUntil = Number(id.split('-')[1]);
      } else if (Number(id) <= skipUntil) continue;
      const at = sent.indexOf(form, cursor);
      if (at === -1) throw new Error(`form '${form}' not found in '${sent}'`);
      tokens.push({ start: base + at, end: base + at + form.length });
      cursor = at + form.length;
    }
  }
  return { text, sentences, tokens };
}

export interface UdResult {
  tokens: SegmentationScores;
  sentences: SegmentationScores;
  system: { tokens: Token[]; sentences: Span[] };
}

export function scoreOnUd(gold: UdGold): UdResult {
  const toks = tokenize(gold.text);
  const sents = segmentTokens(gold.text, toks, { abbreviations: defaultAbbreviations() });
  return {
    tokens: segmentationScores(gold.text, gold.tokens, toks),
    sentences: segmentationScores(gold.text, gold.sentences, sents),
    system: { tokens: toks, sentences: sents },
  };
}

/** Token spans in one list and not the other, as strings with a little context. */
export function tokenDisagreements(gold: UdGold, system: Span[]): { missed: string[]; extra: string[] } {
  const key = (s: Span) => `${s.start}:${s.end}`;
  const g = new Set(gold.tokens.map(key));
  const s = new Set(system.map(key));
  const show = (x: Span) => `${gold.text.slice(Math.max(0, x.start - 15), x.start)}[${gold.text.slice(x.start, x.end)}]${gold.text.slice(x.end, x.end + 15)}`;
  return {
    missed: gold.tokens.filter((x) => !s.has(key(x))).map(show),
    extra: system.filter((x) => !g.has(key(x))).map(show),
  };
}

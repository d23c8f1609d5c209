/** FLORES paragraphs and the boundary check, shared by the bench and test/segment-flores.test.ts. */
import { splitSentences } from '../../src/segment/index.js';

export interface FloresParagraph {
  text: string;
  /** Segment spans (UTF-16) in `text`. */
  segments: Array<{ id: number; start: number; end: number }>;
}

/** Groups `index_id, category, text` rows into runs of consecutive ids, joined by a space. */
export function floresParagraphs(tsv: string): FloresParagraph[] {
  const rows = tsv
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [id, , ...rest] = l.split('\t');
      return { id: Number(id), text: rest.join('\t').trim() };
    })
    .sort((a, b) => a.id - b.id);
  const out: FloresParagraph[] = [];
  let cur: FloresParagraph | undefined;
  let prev = NaN;
  for (const r of rows) {
    if (cur === undefined || r.id !== prev + 1) out.push((cur = { text: '', segments: [] }));
    if (cur.text !== '') cur.text += ' ';
    cur.segments.push({ id: r.id, start: cur.text.length, end: cur.text.length + r.text.length });
    cur.text += r.text;
    prev = r.id;
  }
  return out;
}

export function checkParagraph(p: FloresParagraph): { boundaries: number; found: number; missed: string[]; inside: string[] } {
  const sents = splitSentences(p.text);
  const ends = new Set(sents.map((s) => s.end));
  const segEnds = new Set(p.segments.map((s) => s.end));
  const show = (at: number) => `${p.text.slice(Math.max(0, at - 40), at)} | ${p.text.slice(at, at + 30)}`;
  const missed: string[] = [];
  let found = 0;
  const inner = p.segments.slice(0, -1);
  for (const s of inner) {
    if (ends.has(s.end)) found++;
    else missed.push(`${s.id}: ${show(s.end)}`);
  }
  const inside = sents.filter((s) => !segEnds.has(s.end)).map((s) => show(s.end));
  return { boundaries: inner.length, found, missed, inside };
}

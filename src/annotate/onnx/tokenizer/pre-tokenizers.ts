/**
 * The `pre_tokenizer` of a tokenizer.json: splits a normalized word into the
 * parts the model tokenizes one by one. Empty parts are dropped, as
 * tokenizers drops them.
 */
import { charSet, isWhitespace } from './char-set.js';
import { UnsupportedTokenizer, type Json } from './json.js';
import { PUNCTUATION } from './unicode-sets.js';

/** A part of a word; `first` when it starts at the word's first character (Metaspace `first`). */
export interface Part {
  text: string;
  first: boolean;
}

export type PreTokenize = (parts: Part[]) => Part[];

const isPunctuation = charSet(PUNCTUATION);

export function buildPreTokenizer(node: Json | null | undefined): PreTokenize {
  if (node === null || node === undefined) return (parts) => parts;
  switch (node.type) {
    case 'Sequence': {
      const steps = ((node.pretokenizers as Json[] | undefined) ?? []).map(buildPreTokenizer);
      return (parts) => steps.reduce((acc, f) => f(acc), parts);
    }
    case 'BertPreTokenizer':
      return (parts) => splitEach(splitEach(parts, isWhitespace, 'removed'), isPunctuation, 'isolated');
    case 'WhitespaceSplit':
      return (parts) => splitEach(parts, isWhitespace, 'removed');
    case 'Whitespace':
      return (parts) => parts.flatMap((p) => matches(p, WORD_OR_SYMBOLS));
    case 'Metaspace':
      return metaspace(node);
    default:
      throw new UnsupportedTokenizer(`the ${String(node.type)} pre-tokenizer`);
  }
}

/** Rust regex `\w+|[^\w\s]+` (Unicode classes), the Whitespace pre-tokenizer. */
const W = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';
const WORD_OR_SYMBOLS = new RegExp(`[${W}]+|[^${W}\\p{White_Space}]+`, 'gu');

function matches(part: Part, re: RegExp): Part[] {
  const out: Part[] = [];
  for (const m of part.text.matchAll(re)) out.push({ text: m[0], first: part.first && m.index === 0 });
  return out;
}

/** Split at every character of a class: the character dropped (`removed`) or kept alone (`isolated`). */
function splitEach(parts: Part[], test: (cp: number) => boolean, mode: 'removed' | 'isolated'): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    let run = '';
    let runStart = 0;
    let at = 0;
    for (const ch of part.text) {
      if (test(ch.codePointAt(0)!)) {
        if (run !== '') out.push({ text: run, first: part.first && runStart === 0 });
        if (mode === 'isolated') out.push({ text: ch, first: part.first && at === 0 });
        run = '';
        runStart = at + ch.length;
      } else {
        run += ch;
      }
      at += ch.length;
    }
    if (run !== '') out.push({ text: run, first: part.first && runStart === 0 });
  }
  return out;
}

/**
 * Metaspace: spaces become the replacement (▁), which is prepended to a part
 * (`prepend_scheme` always, or first: only the word's first part; the old
 * `add_prefix_space: true` layout means always, `false` never), and with
 * `split` (the default) the part is cut before each ▁.
 */
function metaspace(node: Json): PreTokenize {
  const rep = typeof node.replacement === 'string' ? node.replacement : '\u2581';
  let scheme = typeof node.prepend_scheme === 'string' ? node.prepend_scheme : 'always';
  if (node.add_prefix_space === false) scheme = 'never';
  if (!['always', 'first', 'never'].includes(scheme)) throw new UnsupportedTokenizer(`Metaspace prepend_scheme "${scheme}"`);
  const split = node.split !== false;
  return (parts) => {
    const out: Part[] = [];
    for (const part of parts) {
      let text = part.text.replaceAll(' ', rep);
      if (!text.startsWith(rep) && (scheme === 'always' || (scheme === 'first' && part.first))) text = rep + text;
      if (!split) {
        out.push({ text, first: part.first });
        continue;
      }
      let from = 0;
      for (let i = text.indexOf(rep, 1); i >= 0; i = text.indexOf(rep, i + rep.length)) {
        out.push({ text: text.slice(from, i), first: part.first && from === 0 });
        from = i;
      }
      if (from < text.length) out.push({ text: text.slice(from), first: part.first && from === 0 });
    }
    return out.filter((p) => p.text !== '');
  };
}

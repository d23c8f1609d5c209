/**
 * The `normalizer` of a tokenizer.json as a function of the text, for the
 * normalizers Hugging Face tokenizers defines (Sequence of them included).
 * One that is not implemented throws UnsupportedTokenizer.
 */
import { bertNormalizer, type BertNormalizerConfig } from './bert-normalizer.js';
import { lowercase } from './case.js';
import { charSet, isWhitespace } from './char-set.js';
import { PrecompiledCharsmap } from './precompiled.js';
import { UnsupportedTokenizer, jsPattern, type Json } from './json.js';
import { MARKS } from './unicode-sets.js';

export type Normalize = (text: string) => string;

const isMark = charSet(MARKS);
const identity: Normalize = (s) => s;

export function buildNormalizer(node: Json | null | undefined): Normalize {
  if (node === null || node === undefined) return identity;
  switch (node.type) {
    case 'Sequence': {
      const steps = ((node.normalizers as Json[] | undefined) ?? []).map(buildNormalizer);
      return (s) => steps.reduce((acc, f) => f(acc), s);
    }
    case 'BertNormalizer':
      return bertNormalizer(node as BertNormalizerConfig);
    case 'Precompiled': {
      const map = node.precompiled_charsmap;
      if (map === null || map === undefined || map === '') return identity;
      if (typeof map !== 'string') throw new UnsupportedTokenizer('a Precompiled normalizer whose charsmap is not base64 text');
      const charsmap = new PrecompiledCharsmap(map);
      return (s) => charsmap.normalize(s);
    }
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD': {
      const form = node.type;
      return (s) => s.normalize(form);
    }
    case 'Lowercase':
      return lowercase;
    case 'StripAccents':
      return (s) => {
        let out = '';
        for (const ch of s) if (!isMark(ch.codePointAt(0)!)) out += ch;
        return out;
      };
    case 'Strip': {
      const left = node.strip_left === true;
      const right = node.strip_right === true;
      return (s) => strip(s, left, right);
    }
    case 'Replace': {
      const pattern = jsPattern(node.pattern, 'Replace normalizer');
      const content = String(node.content ?? '');
      return (s) => s.replace(pattern, () => content);
    }
    case 'Prepend': {
      const prefix = String(node.prepend ?? '');
      return (s) => (s === '' ? s : prefix + s);
    }
    default:
      throw new UnsupportedTokenizer(`the ${String(node.type)} normalizer`);
  }
}

function strip(s: string, left: boolean, right: boolean): string {
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && isWhitespace(cps[a].codePointAt(0)!)) a++;
  if (right) while (b > a && isWhitespace(cps[b - 1].codePointAt(0)!)) b--;
  return a === 0 && b === cps.length ? s : cps.slice(a, b).join('');
}

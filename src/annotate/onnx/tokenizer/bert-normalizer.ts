/**
 * BertNormalizer as Python's tokenizers runs it: (1) clean_text deletes
 * control and format characters (ZWJ and ZWNJ included) and turns whitespace
 * into U+0020; (2) CJK ideographs get a space on each side; (3) accents are
 * stripped — NFD, then every nonspacing mark deleted, which in Gujarati means
 * ુ ૂ ૃ ે ૈ ં ઁ ્ ઼ — when `strip_accents` is true, or unset and `lowercase`
 * is true (an "uncased" model); (4) lowercasing, code point by code point
 * (no final-sigma rule).
 */
import { charSet } from './char-set.js';
import { lowercase } from './case.js';
import { NONSPACING, REMOVED, SPACE } from './unicode-sets.js';

export interface BertNormalizerConfig {
  clean_text?: boolean;
  handle_chinese_chars?: boolean;
  strip_accents?: boolean | null;
  lowercase?: boolean;
}

const isRemoved = charSet(REMOVED);
const isSpace = charSet(SPACE);
const isNonspacing = charSet(NONSPACING);

/** The CJK ranges of tokenizers' `is_chinese_char` (bert.rs). */
function isChinese(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b920 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** Characters every step leaves alone: printable ASCII except upper case. */
const PLAIN = /^[\x21-\x40\x5b-\x7e]*$/;

export function bertNormalizer(config: BertNormalizerConfig): (text: string) => string {
  const clean = config.clean_text ?? true;
  const chinese = config.handle_chinese_chars ?? true;
  const lower = config.lowercase ?? true;
  const strip = config.strip_accents ?? lower;
  return (text) => {
    if (PLAIN.test(text)) return text;
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (clean && isRemoved(cp)) continue;
      if (clean && isSpace(cp)) out += ' ';
      else if (chinese && isChinese(cp)) out += ` ${ch} `;
      else out += ch;
    }
    if (strip) {
      let kept = '';
      for (const ch of out.normalize('NFD')) if (!isNonspacing(ch.codePointAt(0)!)) kept += ch;
      out = kept;
    }
    return lower ? lowercase(out) : out;
  };
}

/**
 * Sets of code points given as hex ranges ("300-36f 483"), tested by binary
 * search: the character classes Hugging Face tokenizers uses (unicode-sets.ts)
 * are older than Node's ICU, so `\p{…}` regexes would disagree with Python.
 */
export type CharSet = (cp: number) => boolean;

export function charSet(ranges: string): CharSet {
  const parts = ranges.trim() === '' ? [] : ranges.trim().split(/\s+/);
  const bounds = new Uint32Array(parts.length * 2);
  parts.forEach((p, i) => {
    const [lo, hi = lo] = p.split('-');
    bounds[2 * i] = parseInt(lo, 16);
    bounds[2 * i + 1] = parseInt(hi, 16);
  });
  return (cp: number): boolean => {
    let a = 0;
    let b = bounds.length / 2 - 1;
    while (a <= b) {
      const m = (a + b) >> 1;
      if (cp < bounds[2 * m]) b = m - 1;
      else if (cp > bounds[2 * m + 1]) a = m + 1;
      else return true;
    }
    return false;
  };
}

/** Rust's `char::is_whitespace` (the White_Space property), as tokenizers splits and strips. */
export const isWhitespace = (cp: number): boolean => WHITE_SPACE.test(String.fromCodePoint(cp));
const WHITE_SPACE = /^\p{White_Space}$/u;

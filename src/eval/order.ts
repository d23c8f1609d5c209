/**
 * String order by Unicode code point, as Python's sorted() and Perl's sort
 * (on UTF-8 bytes) give it; JS's default sort compares UTF-16 units, which
 * differs for characters above U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * Lowercasing as tokenizers does it: each code point on its own (Rust's
 * `char::to_lowercase`), so a final Σ becomes σ, not ς as String#toLowerCase
 * would make it in context.
 */
export function lowercase(text: string): string {
  return text.replace(/[A-Z]|\P{ASCII}/gu, (ch) => ch.toLowerCase());
}

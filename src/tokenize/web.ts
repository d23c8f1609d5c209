/**
 * Web tokens: URLs (scheme, www., bare domains with a known TLD) and
 * emails, matched with sticky regular expressions at a word start. The
 * TLD list is data: `src/text/tlds.txt`.
 */
import { readSectionedList } from '../text/data-file.js';

/** Characters a URL never contains (besides whitespace): quotes and angle brackets. */
const URL_BODY = String.raw`[^\s<>"\`“”‘’«»\u200B\u2060]`;

const SCHEME_URL = new RegExp(String.raw`(?:https?|ftp)://${URL_BODY}+`, 'iy');
const WWW_URL = new RegExp(String.raw`www\d{0,3}\.[a-z0-9-]+(?:\.[a-z0-9-]+)*${URL_BODY}*`, 'iy');
const EMAIL = /[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(?![a-z0-9-])/iy;

function buildBareDomain(tlds: string[]): RegExp {
  const label = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
  const alt = [...tlds].sort((a, b) => b.length - a.length).join('|');
  return new RegExp(String.raw`${label}(?:\.${label})*\.(?:${alt})(?![a-z0-9-])(?:[/?#]${URL_BODY}*)?`, 'iy');
}

let bareDomain: RegExp | undefined;
function bareDomainRe(): RegExp {
  return (bareDomain ??= buildBareDomain(readSectionedList('src/text/tlds.txt').get('') ?? []));
}

/** Trailing characters that end the sentence rather than the URL. */
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '’', '”', '…', '।', '॥', '|', '*']);

/** Drops trailing punctuation, and closing brackets that have no opening one inside the URL. */
function trimUrlEnd(text: string, start: number, end: number): number {
  for (;;) {
    const last = text[end - 1];
    if (end - start <= 1) return end;
    if (TRAILING.has(last)) {
      end--;
      continue;
    }
    if (last === ')' || last === ']') {
      const open = last === ')' ? '(' : '[';
      let opens = 0;
      let closes = 0;
      for (let i = start; i < end; i++) {
        if (text[i] === open) opens++;
        else if (text[i] === last) closes++;
      }
      if (closes > opens) {
        end--;
        continue;
      }
    }
    return end;
  }
}

function matchAt(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : -1;
}

export type WebKind = 'url' | 'email';

/**
 * Matches a URL or an email starting at `at`, where an ASCII word of
 * length `wordLen` starts; returns its end or -1. `next` is the character
 * code right after that word (the cheap test that rules most words out).
 */
export function matchWeb(text: string, at: number, wordLen: number, next: number): { end: number; kind: WebKind } | null {
  if (next === 0x3a /* : */) {
    if (wordLen <= 5) {
      const end = matchAt(SCHEME_URL, text, at);
      if (end !== -1) return { end: trimUrlEnd(text, at, end), kind: 'url' };
    }
    return null;
  }
  if (next !== 0x2e /* . */ && next !== 0x40 /* @ */ && next !== 0x5f && next !== 0x2b && next !== 0x2d && next !== 0x25) return null;
  let end = matchAt(EMAIL, text, at);
  if (end !== -1) return { end, kind: 'email' };
  if (next !== 0x2e) return wordLen > 0 && next === 0x2d ? bare(text, at) : null;
  const c0 = text.charCodeAt(at) | 0x20;
  if (c0 === 0x77 && (text.charCodeAt(at + 1) | 0x20) === 0x77 && (text.charCodeAt(at + 2) | 0x20) === 0x77) {
    end = matchAt(WWW_URL, text, at);
    if (end !== -1) return { end: trimUrlEnd(text, at, end), kind: 'url' };
  }
  return bare(text, at);
}

function bare(text: string, at: number): { end: number; kind: WebKind } | null {
  const end = matchAt(bareDomainRe(), text, at);
  return end === -1 ? null : { end: trimUrlEnd(text, at, end), kind: 'url' };
}

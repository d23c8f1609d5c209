/**
 * Token features of the averaged-perceptron tagger, chosen for Gujarati:
 * case endings are agglutinated suffixes (અમદાવાદમાં = અમદાવાદ + માં), so the
 * suffixes, the stem without its ending and the ending itself carry most of
 * the signal; names are rarely capitalised, so shape is weak and gazetteer
 * membership and the neighbouring words do the rest.
 *
 * Features depend only on the tokens (never on tags): previous-tag
 * information lives in the model's transition weights, scored by Viterbi.
 */
import type { LangResources } from './resources.js';
import { isGujarati as isGujaratiBlock, isGujaratiDigit, isJoinControl } from '../../lang/gu/script.js';

/** Which feature groups are on; stored in the model so loading extracts the same features. */
export interface FeatureConfig {
  /** Longest prefix/suffix, in code points. */
  affixMax: number;
  /** Neighbouring tokens on each side (their normalised form). */
  window: number;
  /** Normalised form, stem without case ending, and the ending. */
  stems: boolean;
  /** Script and compressed shape of the token. */
  shape: boolean;
  /** Gazetteer membership of the token and its neighbours. */
  gazetteer: boolean;
  /** Cue-list membership (titles, heads, surnames, common words) of the token and its neighbours. */
  cues?: boolean;
  /** The rules annotator's candidates and choice over the sentence (stacking). */
  rules?: boolean;
  /** Character n-grams inside the normalised stem, n up to this (0 or absent: none). */
  ngrams?: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  affixMax: 4,
  window: 2,
  stems: true,
  shape: true,
  gazetteer: true,
  cues: true,
  rules: true,
  ngrams: 0,
};

export function isFeatureConfig(x: unknown): x is FeatureConfig {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    Number.isInteger(c.affixMax) &&
    Number.isInteger(c.window) &&
    typeof c.stems === 'boolean' &&
    typeof c.shape === 'boolean' &&
    typeof c.gazetteer === 'boolean' &&
    (c.cues === undefined || typeof c.cues === 'boolean') &&
    (c.rules === undefined || typeof c.rules === 'boolean') &&
    (c.ngrams === undefined || (Number.isInteger(c.ngrams) && (c.ngrams as number) >= 0))
  );
}

function isGujarati(cp: number): boolean {
  return isGujaratiBlock(cp) && !isGujaratiDigit(cp);
}
function isDigit(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || isGujaratiDigit(cp);
}
function isUpperLatin(cp: number): boolean {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0xc0 && cp <= 0xde && cp !== 0xd7);
}
function isLowerLatin(cp: number): boolean {
  return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xdf && cp <= 0xff && cp !== 0xf7);
}
/** ZWJ/ZWNJ and other format characters: invisible, not part of the shape. */
function isFormat(cp: number): boolean {
  return isJoinControl(cp) || cp === 0xfeff;
}

/**
 * Script of a token: `gu`, `latin`, `digit`, `mixed` (letters of both scripts,
 * or letters and digits), `punct` (no letters or digits), `other`.
 */
export function tokenScript(token: string): string {
  let gu = false;
  let la = false;
  let dg = false;
  let other = false;
  // by code point, without a string per character: this runs for every token tagged
  for (let i = 0; i < token.length;) {
    const cp = token.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (isFormat(cp)) continue;
    if (isGujarati(cp)) gu = true;
    else if (isUpperLatin(cp) || isLowerLatin(cp)) la = true;
    else if (isDigit(cp)) dg = true;
    else if (/\p{L}|\p{M}/u.test(String.fromCodePoint(cp))) other = true;
  }
  const kinds = Number(gu) + Number(la) + Number(dg) + Number(other);
  if (kinds === 0) return 'punct';
  if (kinds > 1) return 'mixed';
  return gu ? 'gu' : la ? 'latin' : dg ? 'digit' : 'other';
}

/**
 * Compressed shape: Gujarati letters → `g`, Latin upper → `X`, lower → `x`,
 * digits (ASCII or Gujarati) → `d`, other characters kept; runs collapsed.
 * `Imran` → `Xx`, `૧૯૧૬–૧૯૯૪` → `d–d`, `@mfa_russia` → `@x_x`.
 */
export function tokenShape(token: string): string {
  let out = '';
  let last = '';
  for (const ch of token) {
    const cp = ch.codePointAt(0)!;
    if (isFormat(cp)) continue;
    const c = isGujarati(cp) ? 'g' : isUpperLatin(cp) ? 'X' : isLowerLatin(cp) ? 'x' : isDigit(cp) ? 'd' : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** What the extractor knows of one token of a sentence. */
export interface TokenView {
  token: string;
  norm: string;
  /** Normalised stem without the case ending. */
  stem: string;
  ending: string;
  /** Gazetteer memberships (depend on the neighbours: multiword names). */
  gaz: string[];
  /** Cue lists the token is in. */
  cue: string[];
  /** The rules annotator's view of the token (depends on the sentence). */
  rule: string[];
}

export const BOS = '<s>';
const NONE: string[] = [];
export const EOS = '</s>';

/** Views of every token of a sentence (normalised form, stem, ending, gazetteer). */
export function sentenceViews(tokens: readonly string[], config: FeatureConfig, res: LangResources): TokenView[] {
  const views: TokenView[] = tokens.map((token) => {
    const norm = res.normalize(token);
    const cue = config.cues && res.cues ? res.cues(token) : NONE;
    if (!config.stems) return { token, norm, stem: norm, ending: '', gaz: NONE, cue, rule: NONE };
    // endings are matched on the written token, then the stem is normalised
    const { stem, ending } = res.splitEnding(token);
    return { token, norm, stem: ending === '' ? norm : res.normalize(stem), ending, gaz: NONE, cue, rule: NONE };
  });
  if (config.rules && res.rules) {
    const r = res.rules(tokens);
    for (let i = 0; i < views.length; i++) views[i].rule = r[i] ?? NONE;
  }
  if (config.gazetteer) {
    const gaz = res.gazetteer(tokens);
    for (let i = 0; i < views.length; i++) views[i].gaz = gaz[i] ?? [];
  }
  return views;
}

/**
 * Features of the token alone (its string decides them all), so a tagger
 * may cache their summed weights per token string.
 */
export function tokenFeatures(v: TokenView, config: FeatureConfig): string[] {
  const tok = v.token;
  const f: string[] = ['b', `w=${tok}`];
  if (v.norm !== tok) f.push(`n=${v.norm}`);
  const cps = Array.from(v.norm);
  for (let k = 1; k <= Math.min(config.affixMax, cps.length); k++) {
    f.push(`p${k}=${cps.slice(0, k).join('')}`, `s${k}=${cps.slice(cps.length - k).join('')}`);
  }
  if (config.stems) {
    // the ending itself (માં, ના, નો, એ, ...) says "locative", "genitive", ...
    f.push(`st=${v.stem}`, `e=${v.ending}`);
  }
  if (config.shape) {
    f.push(`sc=${tokenScript(tok)}`, `sh=${tokenShape(tok)}`, `len=${Math.min(cps.length, 8)}`);
  }
  const n = config.ngrams ?? 0;
  if (n >= 2) {
    // inside the stem: transliterated names share letter clusters wherever they fall
    const st = Array.from(`<${v.stem}>`);
    for (let k = 2; k <= n; k++) for (let a = 0; a + k <= st.length; a++) f.push(`c${k}=${st.slice(a, a + k).join('')}`);
  }
  for (const c of v.cue) f.push(`cu=${c}`);
  return f;
}

/** Features of token i that depend on its neighbours. */
export function contextFeatures(views: readonly TokenView[], i: number, config: FeatureConfig): string[] {
  const v = views[i];
  const normAt = (j: number): string => (j < 0 ? BOS : j >= views.length ? EOS : views[j].norm);
  const f: string[] = [];
  for (let d = 1; d <= config.window; d++) {
    f.push(`w-${d}=${normAt(i - d)}`, `w+${d}=${normAt(i + d)}`);
  }
  if (config.window >= 1) {
    f.push(`w-1|w=${normAt(i - 1)}|${v.norm}`, `w|w+1=${v.norm}|${normAt(i + 1)}`);
    if (config.stems) {
      f.push(`st-1=${i > 0 ? views[i - 1].stem : BOS}`, `st+1=${i + 1 < views.length ? views[i + 1].stem : EOS}`);
    }
    if (config.shape) {
      f.push(`sc-1|sc=${i > 0 ? tokenScript(views[i - 1].token) : BOS}|${tokenScript(v.token)}`);
    }
  }
  if (i > 0) for (const c of views[i - 1].cue) f.push(`cu-1=${c}`);
  if (i + 1 < views.length) for (const c of views[i + 1].cue) f.push(`cu+1=${c}`);
  if (i > 1) for (const c of views[i - 2].cue) if (c === 'title') f.push(`cu-2=${c}`);
  for (const r of v.rule) f.push(`r=${r}`);
  if (i > 0) for (const r of views[i - 1].rule) if (!r.includes(':')) f.push(`r-1=${r}`);
  if (i + 1 < views.length) for (const r of views[i + 1].rule) if (!r.includes(':')) f.push(`r+1=${r}`);
  if (config.gazetteer) {
    for (const g of v.gaz) f.push(`g=${g}`);
    if (i > 0) for (const g of views[i - 1].gaz) f.push(`g-1=${g}`);
    if (i + 1 < views.length) for (const g of views[i + 1].gaz) f.push(`g+1=${g}`);
  }
  return f;
}

/**
 * Feature strings of every token of one sentence: the token's own features,
 * then its context features. Pure given the resources; the same tokens always
 * give the same features in the same order.
 */
export function sentenceFeatures(tokens: readonly string[], config: FeatureConfig, res: LangResources): string[][] {
  const views = sentenceViews(tokens, config, res);
  return views.map((v, i) => [...tokenFeatures(v, config), ...contextFeatures(views, i, config)]);
}

/**
 * Loads the abbreviation list (`abbreviations.txt` beside this module's
 * source) into a lookup keyed by the text before the first dot, which is
 * what the tokenizer has in hand when it meets a `.` after a word.
 */
import { parseSectionedList, readSectionedList } from '../../text/data-file.js';

export type AbbreviationKind = 'abbreviation' | 'initial' | 'initial-word' | 'final';

export interface Abbreviation {
  /** The full form with its dots, e.g. `ઈ.સ.`. */
  form: string;
  kind: AbbreviationKind;
}

export interface AbbreviationSet {
  /** Candidates by the text before their first dot, longest form first. */
  byFirstPart: Map<string, Abbreviation[]>;
  size: number;
}

export const ABBREVIATIONS_FILE = 'src/lang/gu/abbreviations.txt';

const KINDS: readonly AbbreviationKind[] = ['abbreviation', 'initial', 'initial-word', 'final'];

/** Builds the lookup from parsed sections (`[abbreviation]`, `[initial]`, `[initial-word]`, `[final]`). */
export function buildAbbreviationSet(sections: Map<string, string[]>): AbbreviationSet {
  const byFirstPart = new Map<string, Abbreviation[]>();
  let size = 0;
  for (const [section, forms] of sections) {
    const kind = KINDS.find((k) => k === section);
    if (kind === undefined) throw new Error(`abbreviations: unknown section [${section}] (expected ${KINDS.join(', ')})`);
    for (const form of forms) {
      const dot = form.indexOf('.');
      if (dot <= 0 || !form.endsWith('.') || /\s/.test(form)) {
        throw new Error(`abbreviations: '${form}' must start with a word, end with '.' and hold no space`);
      }
      const key = form.slice(0, dot);
      let list = byFirstPart.get(key);
      if (list === undefined) byFirstPart.set(key, (list = []));
      if (list.some((a) => a.form === form)) continue;
      list.push({ form, kind });
      list.sort((a, b) => b.form.length - a.form.length);
      size++;
    }
  }
  return { byFirstPart, size };
}

/** Parses abbreviation-file text. */
export function parseAbbreviations(text: string): AbbreviationSet {
  return buildAbbreviationSet(parseSectionedList(text));
}

let defaultSet: AbbreviationSet | undefined;

/** The project's abbreviation list, read once. */
export function defaultAbbreviations(): AbbreviationSet {
  return (defaultSet ??= buildAbbreviationSet(readSectionedList(ABBREVIATIONS_FILE)));
}

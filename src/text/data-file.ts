import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Language data (abbreviations, punctuation classes, TLDs) lives in plain
 * text files under `src/`. Paths are resolved against the package root so
 * the same file is found from the TS sources (`src/text/`) and from the
 * build (`dist/text/`): tsc does not copy data files, and it need not.
 */
export function packageFile(rel: string): string {
  return fileURLToPath(new URL(`../../${rel}`, import.meta.url));
}

/**
 * Parses a sectioned list: one entry per line, `# ` starts a comment line,
 * `[name]` starts a section, blank lines are ignored. An entry may be
 * written as `U+XXXX` (for invisible or confusable characters).
 * Entries before any section header go to section ''.
 */
export function parseSectionedList(text: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('# ') || line === '#') continue;
    const header = /^\[([a-z0-9-]+)\]$/.exec(line);
    if (header) {
      current = header[1];
      continue;
    }
    let list = sections.get(current);
    if (list === undefined) sections.set(current, (list = []));
    list.push(decodeEntry(line));
  }
  return sections;
}

function decodeEntry(entry: string): string {
  return entry.replace(/U\+([0-9A-Fa-f]{4,6})/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

/** Reads and parses a sectioned list file of the package. */
export function readSectionedList(rel: string): Map<string, string[]> {
  return parseSectionedList(readFileSync(packageFile(rel), 'utf8'));
}

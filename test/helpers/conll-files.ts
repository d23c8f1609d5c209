/**
 * Files for the streaming tests and bench/stream-memory.ts: a temp folder
 * that gives every input a folder of its own (companions such as HF's
 * labels.json never meet), and a second annotator's copy of a CoNLL text.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempFiles {
  dir: string;
  /** Writes `content` to `name` in a new folder of its own; returns the path. */
  file(name: string, content: string): string;
  remove(): void;
}

export function tempFiles(prefix: string): TempFiles {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let n = 0;
  return {
    dir,
    file(name, content) {
      const d = join(dir, `in-${n++}`);
      mkdirSync(d);
      const p = join(d, name);
      writeFileSync(p, content);
      return p;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every 7th entity of a CoNLL text changed, as a second annotator might: PER becomes LOC, the others are dropped. */
export function secondAnnotator(conll: string): string {
  let k = 0;
  let alter: string | null = null;
  return conll
    .split('\n')
    .map((line) => {
      const m = /^(.*\t)([BI])-(\w+)$/.exec(line);
      if (m === null) {
        alter = null;
        return line;
      }
      if (m[2] === 'B') alter = k++ % 7 === 0 ? (m[3] === 'PER' ? 'LOC' : 'O') : null;
      if (alter === null) return line;
      return alter === 'O' ? `${m[1]}O` : `${m[1]}${m[2]}-${alter}`;
    })
    .join('\n');
}

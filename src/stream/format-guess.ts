/**
 * The format of an annotation file as `guessFormat` tells it, without
 * reading a JSON Lines file whole: its first non-blank line is enough.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { guessFormat, type FormatName } from '../formats/index.js';

/** The first non-blank line of a file (read in 64 KB blocks), or '' when none. */
function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 16);
    let line: Buffer[] = [];
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      let from = 0;
      for (let nl = buf.indexOf(0x0a, from); nl >= 0 && nl < n; nl = buf.indexOf(0x0a, from)) {
        line.push(Buffer.from(buf.subarray(from, nl)));
        const text = Buffer.concat(line).toString('utf8');
        if (text.trim() !== '') return text;
        line = [];
        from = nl + 1;
      }
      line.push(Buffer.from(buf.subarray(from, n)));
    }
    return Buffer.concat(line).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** guessFormat(path), reading only the first line of a .jsonl file; undefined when the name does not tell. */
export async function guessFormatOf(path: string): Promise<FormatName | undefined> {
  const lower = path.toLowerCase();
  try {
    // (the whole-file reader skips a leading BOM)
    if ((lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) && existsSync(path) && statSync(path).isFile()) return guessFormat(path, firstLine(path).replace(/^\uFEFF/, ''));
    return guessFormat(path);
  } catch {
    return undefined;
  }
}

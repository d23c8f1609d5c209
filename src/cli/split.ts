/**
 * `gujnlp split [FILE|-] [--format jsonl|text] [--soft-newlines]`
 *
 * Streams the input like `tokenize`; prints sentences with code point
 * offsets (jsonl) or one per line (text; line breaks inside a sentence,
 * possible with --soft-newlines, are printed as spaces).
 */
import type { Batch } from '../segment/stream.js';
import { cpOf, parseCommon, writeStream } from './tokenize.js';
import type { Utf8Out } from '../text/utf8-out.js';

const USAGE = `usage: gujnlp split [FILE|-] [--format jsonl|text] [--soft-newlines]

Splits Gujarati text (FILE, or stdin for - or no FILE) into sentences.
  --format text    one sentence per line (default); line breaks inside a sentence become spaces
  --format jsonl   one object per sentence: {"start","end","text"}, code point offsets, end exclusive
  --soft-newlines  a single line break does not end a sentence (wrapped prose); blank lines do
`;

const FORMATS = ['jsonl', 'text'] as const;
type Format = (typeof FORMATS)[number];

/** Writes one batch: a sentence per line (line breaks inside become spaces) or one JSON object per sentence. */
function writeBatch(b: Batch, format: Format, out: Utf8Out): void {
  const cp = cpOf(b);
  const text = b.text;
  for (const sent of b.sentences) {
    if (format === 'text') {
      let run = sent.start;
      for (let i = sent.start; i < sent.end; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c || c === 0x85 || c === 0x2028 || c === 0x2029) {
          out.text(text, run, i);
          if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
          out.byte(0x20);
          run = i + 1;
        }
      }
      out.text(text, run, sent.end);
      out.byte(0x0a);
    } else {
      out.ascii('{"start":');
      out.uint(cp(sent.start));
      out.ascii(',"end":');
      out.uint(cp(sent.end));
      out.ascii(',"text":');
      out.json(text, sent.start, sent.end);
      out.ascii('}\n');
    }
  }
}

export async function run(argv: string[]): Promise<number> {
  const opts = parseCommon(argv, FORMATS, 'text');
  if (opts.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  await writeStream(opts.file, opts.softNewlines, (b, out) => writeBatch(b, opts.format, out));
  return 0;
}

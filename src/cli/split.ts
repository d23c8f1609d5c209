/**
 * `gujnlp split [FILE|-] [--format jsonl|text] [--soft-newlines]`
 *
 * Streams the input like `tokenize`; prints sentences with code point
 * offsets (jsonl) or one per line (text; line breaks inside a sentence,
 * possible with --soft-newlines, are printed as spaces).
 */
import type { Batch } from '../segment/stream.js';
import type { Utf8Out } from '../text/utf8-out.js';
import { defineCommand, opt, type ArgsOf } from './options.js';
import { cpOf, writeStream } from './stream-out.js';
import { inputOption, softNewlinesOption } from './text-options.js';

const FORMATS = ['jsonl', 'text'] as const;
type Format = (typeof FORMATS)[number];

export const command = defineCommand({
  name: 'split',
  usage: ['[FILE|-] [--format jsonl|text] [--soft-newlines]'],
  description: 'Splits Gujarati text (FILE, or stdin for - or no FILE) into sentences.',
  options: {
    format: opt.choice(FORMATS, {
      help: 'text: one sentence per line; line breaks inside a sentence become spaces\n' + 'jsonl: one object per sentence: {"start","end","text"}, code point offsets, end exclusive',
      default: 'text',
      short: 'f',
      metavar: 'F',
    }),
    'soft-newlines': softNewlinesOption,
  },
  positionals: inputOption,
});

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

export async function run(args: ArgsOf<typeof command>): Promise<number> {
  const format: Format = args.values.format;
  await writeStream(args.positionals[0] ?? '-', args.values['soft-newlines'], (b, out) => writeBatch(b, format, out));
  return 0;
}

/**
 * `gujnlp tokenize [FILE|-] [--format jsonl|text|conll] [--soft-newlines]`
 *
 * Streams the input: chunks cut at sentence ends, offsets printed in code
 * points (running base + OffsetMap per batch), output written in large
 * buffered writes. stdout carries data only.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../io/errors.js';
import { readTextChunks } from '../text/utf8-chunks.js';
import { streamSentences, type Batch } from '../segment/stream.js';

const USAGE = `usage: gujnlp tokenize [FILE|-] [--format jsonl|text|conll] [--soft-newlines]

Tokenizes Gujarati text (FILE, or stdin for - or no FILE), sentence by sentence.
  --format text    tokens joined by single spaces, one sentence per line (default)
  --format jsonl   one object per sentence: {"start","end","tokens":[{"text","start","end","kind"}]}
  --format conll   one token per line: TEXT TAB START TAB END TAB KIND, blank line after each sentence
  --soft-newlines  a single line break does not end a sentence (wrapped prose); blank lines do
Offsets are Unicode code points, end exclusive.
`;

const FORMATS = ['jsonl', 'text', 'conll'] as const;
type Format = (typeof FORMATS)[number];

/** Collects output and writes it to stdout in large pieces, waiting when the pipe is full. */
export class OutBuffer {
  private buf = '';
  constructor(private readonly limit = 1 << 20) {}

  /** Appends; flushes when the buffer is large. */
  async push(s: string): Promise<void> {
    this.buf += s;
    if (this.buf.length >= this.limit) await this.flush();
  }

  get size(): number {
    return this.buf.length;
  }

  async flush(): Promise<void> {
    if (this.buf === '') return;
    const data = this.buf;
    this.buf = '';
    if (!process.stdout.write(data)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  }
}

/** Parses the shared options of `tokenize` and `split`. */
export function parseCommon<F extends string>(argv: string[], formats: readonly F[], dflt: F): { file: string; format: F; softNewlines: boolean; help: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      'soft-newlines': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (positionals.length > 1) throw new InputError(`expected at most one input file, got ${positionals.length}`);
  const format = (values.format ?? dflt) as F;
  if (!formats.includes(format)) throw new InputError(`unknown --format '${values.format}' (expected ${formats.join(', ')})`);
  return { file: positionals[0] ?? '-', format, softNewlines: values['soft-newlines'] === true, help: values.help === true };
}

/** Formats one batch of sentences. */
function formatBatch(b: Batch, format: Format): string {
  const { tokens, sentences, offsets, base } = b;
  let s = '';
  for (const sent of sentences) {
    if (format === 'text') {
      let line = tokens[sent.firstToken].text;
      for (let i = sent.firstToken + 1; i < sent.endToken; i++) line += ' ' + tokens[i].text;
      s += line + '\n';
    } else if (format === 'jsonl') {
      let line = `{"start":${base + offsets.toCodePoint(sent.start)},"end":${base + offsets.toCodePoint(sent.end)},"tokens":[`;
      for (let i = sent.firstToken; i < sent.endToken; i++) {
        const t = tokens[i];
        line += `${i === sent.firstToken ? '' : ','}{"text":${JSON.stringify(t.text)},"start":${base + offsets.toCodePoint(t.start)},"end":${base + offsets.toCodePoint(t.end)},"kind":"${t.kind}"}`;
      }
      s += line + ']}\n';
    } else {
      for (let i = sent.firstToken; i < sent.endToken; i++) {
        const t = tokens[i];
        s += `${t.text}\t${base + offsets.toCodePoint(t.start)}\t${base + offsets.toCodePoint(t.end)}\t${t.kind}\n`;
      }
      s += '\n';
    }
  }
  return s;
}

export async function run(argv: string[]): Promise<number> {
  const opts = parseCommon(argv, FORMATS, 'text');
  if (opts.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const out = new OutBuffer();
  for await (const batch of streamSentences(readTextChunks(opts.file), { softNewlines: opts.softNewlines })) {
    await out.push(formatBatch(batch, opts.format));
  }
  await out.flush();
  return 0;
}

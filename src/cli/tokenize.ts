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
import { KIND_NAMES } from '../tokenize/spans.js';

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

/** A JSON string literal of text[s, e): the slice in quotes when nothing needs escaping (the usual case). */
export function jsonSlice(text: string, s: number, e: number): string {
  for (let p = s; p < e; p++) {
    const c = text.charCodeAt(p);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text.slice(s, e));
  }
  return `"${text.slice(s, e)}"`;
}

/** Code point offsets of a batch: base + OffsetMap, with a shortcut for BMP-only batches (the map is the identity there). */
export function cpOf(b: Batch): (u16: number) => number {
  const base = b.base;
  if (b.bmpOnly) return (u) => base + u;
  const offsets = b.offsets;
  return (u) => base + offsets.toCodePoint(u);
}

/** Formats one batch of sentences. */
function formatBatch(b: Batch, format: Format): string {
  const { text, sentences } = b;
  const { starts, ends, kinds } = b.spans;
  const cp = cpOf(b);
  let s = '';
  for (const sent of sentences) {
    const from = sent.firstToken;
    const to = sent.endToken;
    if (format === 'text') {
      // copy runs of tokens already separated by one space in one slice;
      // cut only where the gap is empty (છે.) or other whitespace
      let line = '';
      let run = starts[from];
      for (let i = from + 1; i < to; i++) {
        const gap = starts[i] - ends[i - 1];
        if (gap === 1 && text.charCodeAt(ends[i - 1]) === 0x20) continue;
        line += text.slice(run, ends[i - 1]) + ' ';
        run = starts[i];
      }
      s += line + text.slice(run, ends[to - 1]) + '\n';
    } else if (format === 'jsonl') {
      let line = `{"start":${cp(sent.start)},"end":${cp(sent.end)},"tokens":[`;
      for (let i = from; i < to; i++) {
        line += `${i === from ? '' : ','}{"text":${jsonSlice(text, starts[i], ends[i])},"start":${cp(starts[i])},"end":${cp(ends[i])},"kind":"${KIND_NAMES[kinds[i]]}"}`;
      }
      s += line + ']}\n';
    } else {
      for (let i = from; i < to; i++) s += `${text.slice(starts[i], ends[i])}\t${cp(starts[i])}\t${cp(ends[i])}\t${KIND_NAMES[kinds[i]]}\n`;
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

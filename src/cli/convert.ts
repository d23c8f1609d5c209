/**
 * `gujnlp convert IN OUT`: annotation files from one format to another.
 * Misaligned spans (entities that token tags cannot hold exactly) are
 * counted on stderr; the output is written atomically.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../io/errors.js';
import { OffsetMap } from '../text/offsets.js';
import { readTextFile } from '../io/read-text.js';
import { isTagScheme, TAG_SCHEMES } from '../tags/scheme.js';
import { ALIGN_MODES, isAlignMode } from '../align/index.js';
import { DEFAULT_SCHEMA_PATH, loadSchema } from '../doc/schema.js';
import { FORMAT_NAMES, guessFormat, isFormatName, readAnnotations, writeAnnotations, type FormatName } from '../formats/index.js';
import { checkDocuments } from '../validate/index.js';
import { problemToError } from '../validate/problem.js';

const USAGE = `usage: gujnlp convert IN OUT [options]

Converts annotation files between formats. Offsets in files are code points.

  --from F          input format (default: guessed from IN)
  --to F            output format (default: guessed from OUT)
                    formats: ${FORMAT_NAMES.join(', ')}
                    brat: OUT names the .ann, the .txt is written beside it
                    (several documents: OUT is a directory); hf: labels.json
                    is written beside OUT; csv: OUT.tokens.csv and OUT.entities.csv
  --scheme S        tag scheme of token outputs: ${TAG_SCHEMES.join(', ')} (default IOB2,
                    or the scheme a CoNLL input used)
  --align M         spans off token boundaries: expand (default), contract, strict
  --text FILE       original text for token inputs without text (CoNLL); without
                    it the text is the tokens joined by spaces, one sentence a line
  --schema PATH     label schema (default ${DEFAULT_SCHEMA_PATH}, else PER LOC ORG MISC)
  --allow-overlap   accept overlapping or nested spans (token outputs still drop them, reported)
  -h, --help        this help

OUT may be - for stdout (the main file only).
`;

function formatOption(value: string | undefined, what: string): FormatName | undefined {
  if (value === undefined) return undefined;
  if (!isFormatName(value)) throw new InputError(`unknown ${what} format '${value}' (one of ${FORMAT_NAMES.join(', ')})`);
  return value;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      scheme: { type: 'string' },
      align: { type: 'string' },
      text: { type: 'string' },
      schema: { type: 'string' },
      'allow-overlap': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 2) {
    process.stderr.write(`gujnlp convert: expected IN and OUT\n\n${USAGE}`);
    return 2;
  }
  const [input, output] = positionals;
  const from = formatOption(values.from, 'input');
  let to = formatOption(values.to, 'output');
  if (values.scheme !== undefined && !isTagScheme(values.scheme)) throw new InputError(`unknown tag scheme '${values.scheme}' (one of ${TAG_SCHEMES.join(', ')})`);
  if (values.align !== undefined && !isAlignMode(values.align)) throw new InputError(`unknown alignment mode '${values.align}' (one of ${ALIGN_MODES.join(', ')})`);
  const schema = loadSchema(values.schema);
  const text = values.text === undefined ? undefined : readTextFile(values.text);

  const fromFormat = from ?? guessFormat(input);
  const docs = readAnnotations(input, { format: fromFormat, text });
  const problems = checkDocuments(docs, { schema, allowOverlap: values['allow-overlap'] });
  if (problems.length > 0) {
    const err = problemToError(problems[0]);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}: gujnlp validate ${input})` : '';
    throw new InputError(`${err.problem}${more}`, { file: err.file, line: err.line });
  }

  if (to === undefined) {
    if (output === '-') throw new InputError('give --to FORMAT when writing to stdout');
    // a .jsonl output is HF for token inputs and doccano for standoff ones
    if (/\.jsonl$/i.test(output)) to = fromFormat === 'conll' || fromFormat === 'hf' || fromFormat === 'csv' ? 'hf' : 'doccano';
    else if (/\.json$/i.test(output)) to = fromFormat === 'labelstudio' ? 'labelstudio' : 'json';
    else to = guessFormat(output);
  }
  const scheme = values.scheme !== undefined && isTagScheme(values.scheme) ? values.scheme : undefined;
  const align = values.align !== undefined && isAlignMode(values.align) ? values.align : (schema.align ?? 'expand');
  const report = writeAnnotations(output, docs, { format: to, scheme, align, labels: schema.labels });

  const entities = docs.reduce((n, d) => n + d.entities.length, 0);
  const c = report.counts;
  const err = process.stderr;
  err.write(`gujnlp convert: ${docs.length} document${docs.length === 1 ? '' : 's'}, ${entities} entities: ${fromFormat} → ${to} (${report.files.join(', ')})\n`);
  if (report.tokenized.length > 0) err.write(`gujnlp convert: tokenized ${report.tokenized.length} document(s) without tokens for ${to}\n`);
  if (report.misaligned.length > 0 || ['conll', 'hf', 'csv'].includes(to)) {
    err.write(`gujnlp convert: misaligned spans (align=${align}): expanded ${c.expanded}, contracted ${c.contracted}, dropped ${c.dropped}\n`);
  }
  const maps = new Map(docs.map((d) => [d.id, new OffsetMap(d.text)]));
  for (const m of report.misaligned.slice(0, 20)) {
    const map = maps.get(m.doc);
    const at = map === undefined ? '' : ` ${map.toCodePoint(m.entity.start)}-${map.toCodePoint(m.entity.end)}`;
    err.write(`  ${m.kind}: ${m.entity.label}${at} '${map?.text.slice(m.entity.start, m.entity.end) ?? ''}' in ${m.doc} — ${m.reason}\n`);
  }
  if (report.misaligned.length > 20) err.write(`  ... and ${report.misaligned.length - 20} more\n`);
  if (report.skipped.length > 0) err.write(`gujnlp convert: stdout holds the main file only; not written: ${report.skipped.join(', ')}\n`);
  return 0;
}

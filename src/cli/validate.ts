/**
 * `gujnlp validate FILE...`: every problem of annotation files, one line
 * each on stdout (`file:line: error [code] ref: message`), a summary of
 * counts on stderr; exit 1 when there is any error.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../io/errors.js';
import { readTextFile } from '../io/read-text.js';
import { isTagScheme, TAG_SCHEMES } from '../tags/scheme.js';
import { DEFAULT_SCHEMA_PATH, loadSchema } from '../doc/schema.js';
import { FORMAT_NAMES, isFormatName } from '../formats/index.js';
import { formatProblem, summarize, validateFile, type FileReport } from '../validate/index.js';

const USAGE = `usage: gujnlp validate FILE... [options]

Checks annotation files: syntax, offsets outside the text, span text that
differs from the text at its offsets, overlapping or nested spans, labels not
in the schema, invalid tag sequences, token/tag count mismatches.

  --format F        format of the files (default: guessed): ${FORMAT_NAMES.join(', ')}
  --scheme S        declared tag scheme of token files: ${TAG_SCHEMES.join(', ')} (default: guessed)
  --schema PATH     label schema (default ${DEFAULT_SCHEMA_PATH}, else PER LOC ORG MISC)
  --allow-overlap   overlapping and nested spans are not errors
  --text FILE       original text of a token file (CoNLL) without text
  -h, --help        this help

Problems go to stdout, the summary to stderr; exit status 1 on any error.
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      scheme: { type: 'string' },
      schema: { type: 'string' },
      text: { type: 'string' },
      'allow-overlap': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write(`gujnlp validate: give at least one FILE\n\n${USAGE}`);
    return 2;
  }
  if (values.format !== undefined && !isFormatName(values.format)) throw new InputError(`unknown format '${values.format}' (one of ${FORMAT_NAMES.join(', ')})`);
  if (values.scheme !== undefined && !isTagScheme(values.scheme)) throw new InputError(`unknown tag scheme '${values.scheme}' (one of ${TAG_SCHEMES.join(', ')})`);
  const schema = loadSchema(values.schema);
  const text = values.text === undefined ? undefined : readTextFile(values.text);
  const reports: FileReport[] = [];
  for (const file of positionals) {
    const r = validateFile(file, {
      format: values.format !== undefined && isFormatName(values.format) ? values.format : undefined,
      scheme: values.scheme !== undefined && isTagScheme(values.scheme) ? values.scheme : undefined,
      text,
      schema,
      allowOverlap: values['allow-overlap'],
    });
    for (const p of r.problems) process.stdout.write(`${formatProblem(p)}\n`);
    reports.push(r);
  }
  const s = summarize(reports);
  const codes = Object.entries(s.byCode)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  process.stderr.write(
    `gujnlp validate: ${s.files} file${s.files === 1 ? '' : 's'}, ${s.documents} documents, ${s.entities} entities: ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}${codes ? ` (${codes})` : ''}\n`,
  );
  return s.errors > 0 ? 1 : 0;
}

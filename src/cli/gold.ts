/**
 * `gujnlp gold [--dir annotations/gold] [--schema annotations/schema.json] [--check]`
 *
 * Regenerates the CoNLL, HF JSONL (+ labels.json), brat, doccano and CSV
 * exports of every gold document `<dir>/<id>.json` with the project's
 * writers; `--check` writes nothing and exits 1 when any export is missing,
 * differs byte for byte, is left over from a removed source, or a gold
 * document breaks an invariant (overlap, label outside the schema, ...).
 */
import { relative } from 'node:path';
import { InputError } from '../io/errors.js';
import { loadSchema, DEFAULT_SCHEMA_PATH } from '../doc/schema.js';
import { writeFilesAtomic } from '../formats/index.js';
import { problemText } from '../io/problem.js';
import { compareWithDisk, goldSourcePaths, inSync, readGoldSource, renderGoldExports } from '../gold/exports.js';
import { goldProblems } from '../gold/check.js';
import { defineCommand, opt, type ArgsOf } from './options.js';

const GOLD_DIR = 'annotations/gold';

export const command = defineCommand({
  name: 'gold',
  usage: ['[--dir DIR] [--schema FILE] [--check]'],
  description:
    'Regenerates the exports of every gold document DIR/<id>.json (gujnlp standoff\n' +
    'JSON, the source of truth): <id>.conll, <id>.hf.jsonl + labels.json,\n' +
    '<id>.ann + <id>.txt (brat), <id>.doccano.jsonl, <id>.tokens.csv +\n' +
    "<id>.entities.csv. Token formats use the schema's scheme and alignment\n" +
    '(IOB2, expand: a token holding part of a name is tagged whole).',
  options: {
    dir: opt.path({ help: 'gold directory', default: GOLD_DIR, metavar: 'DIR' }),
    schema: opt.path({ help: 'label schema', default: DEFAULT_SCHEMA_PATH, metavar: 'FILE' }),
    check: opt.boolean({ help: 'write nothing; exit 1 when an export is out of sync or a gold document breaks an invariant' }),
  },
  positionals: { max: 0 },
});

export async function run({ values }: ArgsOf<typeof command>): Promise<number> {
  const dir = values.dir;
  const schema = loadSchema(values.schema);
  const opts = { scheme: schema.scheme ?? 'IOB2', align: schema.align ?? 'expand', labels: schema.labels } as const;

  const paths = goldSourcePaths(dir);
  if (paths.length === 0) throw new InputError('no gold documents (<id>.json) in the directory', { file: dir });
  const sources = paths.map(readGoldSource);

  let bad = 0;
  for (const src of sources) {
    for (const p of src.problems) {
      process.stderr.write(`gujnlp gold: ${p.file}${p.line === undefined ? '' : `:${p.line}`}: ${problemText(p)}\n`);
      if (p.severity === 'error') bad++;
    }
    for (const msg of goldProblems(src.doc, schema.labels)) {
      process.stderr.write(`gujnlp gold: ${src.path}: ${msg}\n`);
      bad++;
    }
  }
  if (bad > 0) {
    process.stderr.write(`gujnlp gold: ${bad} problem(s) in the gold documents; nothing ${values.check ? 'checked' : 'written'}\n`);
    return 1;
  }

  const rendered = renderGoldExports(dir, sources, opts);
  const expanded = rendered.misaligned.filter((m) => m.kind === 'expanded').length;
  const lost = rendered.misaligned.length - expanded;
  const show = (p: string): string => relative(process.cwd(), p) || p;

  if (values.check) {
    const r = compareWithDisk(dir, rendered.files);
    for (const p of r.missing) process.stderr.write(`gujnlp gold: missing ${show(p)}\n`);
    for (const p of r.differ) process.stderr.write(`gujnlp gold: out of sync ${show(p)}\n`);
    for (const p of r.stale) process.stderr.write(`gujnlp gold: stale ${show(p)} (no gold document generates it)\n`);
    if (!inSync(r)) {
      process.stderr.write(`gujnlp gold: exports out of sync; run 'gujnlp gold${values.dir === GOLD_DIR ? '' : ` --dir ${dir}`}'\n`);
      return 1;
    }
    if (lost > 0) process.stderr.write(`gujnlp gold: warning: ${lost} entities not held exactly by the token exports\n`);
    process.stderr.write(`gujnlp gold: ${sources.length} document(s), ${rendered.files.size} export files in sync\n`);
    return 0;
  }

  writeFilesAtomic([...rendered.files]);
  const stale = compareWithDisk(dir, rendered.files).stale;
  for (const p of stale) process.stderr.write(`gujnlp gold: warning: stale ${show(p)} (no gold document generates it; remove it)\n`);
  process.stderr.write(
    `gujnlp gold: wrote ${rendered.files.size} files for ${sources.length} document(s)` +
      ` (${opts.scheme}, ${opts.align} alignment: ${expanded} entities widened to whole tokens${lost > 0 ? `, ${lost} not held exactly` : ''})\n`,
  );
  return stale.length > 0 ? 1 : 0;
}

/**
 * `gujnlp agree A B`: agreement between two annotation files of the same
 * tokens (any supported format): Cohen's kappa on token tags and types,
 * entity F1 per type.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../io/errors.js';
import { isTagScheme, TAG_SCHEMES, type TagScheme } from '../tags/scheme.js';
import { agreement } from '../eval/agreement.js';
import { parseMapOptions } from '../eval/mapping.js';
import { csvLines, ratio, renderMarkdown, renderText, type Table } from '../report/tables.js';
import type { AgreementReport } from '../eval/agreement.js';

const USAGE = `usage: gujnlp agree A B [options]

A and B are annotation files of any supported format over the same tokens.

options:
  --scheme SCHEME         ${TAG_SCHEMES.join(', ')} (default IOB2)
  --map FROM=TO, --ignore TYPE   label mapping (repeatable)
  --align MODE            expand (default), contract or strict
  --format FORMAT         table (default), json, csv, md
`;

function tables(r: AgreementReport): Table[] {
  return [
    {
      title: `agreement over ${r.tokens} tokens`,
      header: ['measure', 'value'],
      rows: [
        ['observed token agreement', ratio(r.observed)],
        ["Cohen's kappa (token tags)", ratio(r.kappa)],
        ["Cohen's kappa (token types)", ratio(r.kappa_types)],
        ['entity F1 (exact span and type)', ratio(r.entities.overall.f1)],
      ],
    },
    {
      title: 'entity agreement per type',
      header: ['type', 'A', 'B', 'both', 'F1'],
      rows: [
        ...Object.entries(r.entities.types).map(([t, v]) => [t, String(v.a), String(v.b), String(v.both), ratio(v.f1)]),
        ['overall', String(r.entities.overall.a), String(r.entities.overall.b), String(r.entities.overall.both), ratio(r.entities.overall.f1)],
      ],
    },
  ];
}

export function renderAgreement(r: AgreementReport, format: string): string {
  if (format === 'json') return JSON.stringify(r) + '\n';
  if (format === 'md') return renderMarkdown(tables(r));
  if (format === 'csv') {
    const rows: (string | number)[][] = [
      ['overall', 'observed', r.observed],
      ['overall', 'kappa', r.kappa],
      ['overall', 'kappa_types', r.kappa_types],
    ];
    for (const [t, v] of [...Object.entries(r.entities.types), ['overall', r.entities.overall] as const]) {
      for (const m of ['a', 'b', 'both', 'f1'] as const) rows.push([t, `entity_${m}`, v[m]]);
    }
    return csvLines(['label', 'metric', 'value'], rows);
  }
  return renderText(tables(r));
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      scheme: { type: 'string' },
      map: { type: 'string', multiple: true, default: [] },
      ignore: { type: 'string', multiple: true, default: [] },
      align: { type: 'string' },
      format: { type: 'string', default: 'table' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 2) throw new InputError('expected two annotation files A B; see gujnlp agree --help');
  if (values.scheme !== undefined && !isTagScheme(values.scheme)) throw new InputError(`--scheme must be one of ${TAG_SCHEMES.join(', ')}`);
  if (!['table', 'json', 'csv', 'md'].includes(values.format)) throw new InputError('--format must be one of table, json, csv, md');
  const align = values.align;
  if (align !== undefined && align !== 'expand' && align !== 'contract' && align !== 'strict') throw new InputError(`--align must be expand, contract or strict`);
  const scheme = values.scheme as TagScheme | undefined;
  const { readAnnotations } = await import('../formats/index.js');
  const { documentsToTags } = await import('../eval/documents.js');
  const a = readAnnotations(positionals[0], { scheme });
  const b = readAnnotations(positionals[1], { scheme });
  const t = documentsToTags(a, b, { scheme, align }, `B (${positionals[1]})`);
  const r = agreement(t.gold, t.pred, { map: parseMapOptions(values.map), ignore: values.ignore.flatMap((v) => v.split(',')).filter((v) => v !== '') });
  process.stdout.write(renderAgreement(r, values.format));
  return 0;
}

/**
 * `gujnlp agree A B`: agreement between two annotation files of the same
 * tokens (any supported format): Cohen's kappa on token tags and types,
 * entity F1 per type.
 */
import { agreement } from '../eval/agreement.js';
import { csvLines, ratio, renderMarkdown, renderText, type Table } from '../report/tables.js';
import type { AgreementReport } from '../eval/agreement.js';
import { defineCommand, type ArgsOf } from './options.js';
import { alignOption, ignoreOption, labelMapping, mapOption, reportFormatOption, schemeOption } from './common-options.js';

export const command = defineCommand({
  name: 'agree',
  usage: ['A B [options]'],
  description: 'A and B are annotation files of any supported format over the same tokens.',
  options: {
    scheme: schemeOption('tag scheme', 'IOB2'),
    map: mapOption(),
    ignore: ignoreOption(),
    align: alignOption(),
    format: reportFormatOption(['table', 'json', 'csv', 'md'] as const, 'table'),
  },
  positionals: { min: 2, max: 2, what: 'two annotation files A B' },
});

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

export async function run({ values, positionals }: ArgsOf<typeof command>): Promise<number> {
  const { scheme, align } = values;
  const { readAnnotations } = await import('../formats/index.js');
  const { documentsToTags } = await import('../eval/documents.js');
  const a = readAnnotations(positionals[0], { scheme });
  const b = readAnnotations(positionals[1], { scheme });
  const t = documentsToTags(a, b, { scheme, align }, `B (${positionals[1]})`);
  const r = agreement(t.gold, t.pred, labelMapping(values));
  process.stdout.write(renderAgreement(r, values.format));
  return 0;
}

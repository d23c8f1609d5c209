/**
 * `gujnlp agree A B`: agreement between two annotation files of the same
 * tokens (any supported format): Cohen's kappa on token tags and types,
 * entity F1 per type.
 */
import { agreement } from '../eval/agreement.js';
import { csvLines, ratio, renderMarkdown, renderText, type Table } from '../report/tables.js';
import type { AgreementReport } from '../eval/agreement.js';
import { defineCommand, opt, type ArgsOf } from './options.js';
import { formatOptionsOf, readFormatOptions } from './format-options.js';
import { alignOption, ignoreOption, labelMapping, mapOption, reportFormatOption, schemeOption } from './common-options.js';

export const command = defineCommand({
  name: 'agree',
  usage: ['A B [options]', 'EXPORT.json [options]   (the two annotators of one Label Studio export)'],
  description:
    'A and B are annotation files of any supported format over the same texts; span formats are tokenized as convert does (or by --tokens). ' +
    'Documents on one side only (a task unfinished there) are left out and counted on stderr. ' +
    'CoNLL, HF JSONL and doccano JSONL files are read in step, sentence by sentence (memory: one byte per token and side).',
  options: {
    scheme: schemeOption('tag scheme', 'IOB2'),
    map: mapOption(),
    ignore: ignoreOption(),
    align: alignOption(),
    format: reportFormatOption(['table', 'json', 'csv', 'md'] as const, 'table'),
    tokens: opt.path({ help: 'tokens for documents without them (span formats), from this token file; default: tokenized as convert does', metavar: 'FILE' }),
    ...readFormatOptions,
  },
  positionals: { min: 1, max: 2, what: 'two annotation files A B (or one Label Studio export with two annotators)' },
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
  const { documentsToTags } = await import('../eval/documents.js');
  const { readScoringPair, readTokenFile, ensureTokens, commonDocuments, assertScorable } = await import('../formats/scoring-input.js');
  const fmt = { ...formatOptionsOf(values), scheme };
  const tokenDocs = readTokenFile(values.tokens, scheme);
  let a;
  let b;
  let bName = `B (${positionals[1]})`;
  if (positionals.length === 1) {
    // the two layers (annotators) of one Label Studio export
    const { readAnnotations } = await import('../formats/index.js');
    const { layersOf } = await import('../dataset/merge.js');
    const l = layersOf(readAnnotations(positionals[0], { ...fmt, annotations: 'all' }), positionals[0]);
    const c = commonDocuments(ensureTokens(l.a, values.tokens, tokenDocs), ensureTokens(l.b, values.tokens, tokenDocs));
    const left = c.onlyA.length + c.onlyB.length;
    if (left > 0)
      process.stderr.write(
        `gujnlp agree: left out ${left} documents annotated by only one of ${l.names.join(' and ')} (${c.onlyA.length} only ${l.names[0]}, ${c.onlyB.length} only ${l.names[1]}); compared ${c.a.length}\n`,
      );
    assertScorable(c.a, positionals[0], l.names[0]);
    a = c.a;
    b = c.b;
    bName = l.names[1];
  } else {
    // line-based files (CoNLL, HF, doccano) are read in step, sentence by sentence (memory: one byte per token and side)
    const { canPairInStep, pairedCorpus, NotInStep } = await import('../stream/pairs.js');
    if (values.tokens === undefined && (await canPairInStep(positionals, { standoff: true }))) {
      try {
        const { corpus } = await pairedCorpus(positionals[0], positionals[1], { scheme, align, offsets: fmt.offsets }, { pred: bName, scorable: { what: `A (${positionals[0]})` } });
        const { agreementOfCorpus } = await import('../eval/agreement.js');
        process.stdout.write(renderAgreement(agreementOfCorpus(corpus, labelMapping(values)), values.format));
        return 0;
      } catch (err) {
        if (!(err instanceof NotInStep)) throw err;
        // documents in another order, or on one side only: paired by id below
      }
    }
    ({ gold: a, pred: b } = readScoringPair(positionals[0], positionals[1], { ...fmt, tokens: values.tokens, command: 'agree', names: [`A (${positionals[0]})`, `B (${positionals[1]})`] }, tokenDocs));
  }
  const t = documentsToTags(a, b, { scheme, align }, bName);
  const r = agreement(t.gold, t.pred, labelMapping(values));
  process.stdout.write(renderAgreement(r, values.format));
  return 0;
}

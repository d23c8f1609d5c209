/**
 * The dataset card (`README.md`) written beside HF JSONL files, whose YAML
 * header declares `dataset_info.features` so that
 * `datasets.load_dataset(FOLDER)` types the columns: `tokens` a sequence of
 * string, `ner_tags` a sequence of `class_label` with the label names (what
 * transformers' `run_ner.py` reads the label list from), and every other
 * column gujnlp writes. The feature list must name exactly the columns of
 * the files (datasets casts each table to it and fails on a missing or
 * extra column), so it is built from the same column list as the writer.
 * Checked against the datasets source: features.py `Features._from_yaml_list`
 * (`sequence:`, `class_label: names: {'0': O}`), info.py
 * `DatasetInfosDict.from_dataset_card_data`, and the `configs` data_files
 * of the packaged json builder (2.x and 4.x).
 */

/** A column of the JSONL rows and its YAML feature (lines below `- name:`). */
export interface HfColumn {
  name: string;
  yaml: string[];
}

/** YAML-safe single-quoted scalar. */
export const yamlQuote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The columns gujnlp's HF writer puts on every row, in order. */
export function hfColumns(labels: readonly string[], withColumns: boolean): HfColumn[] {
  const cols: HfColumn[] = [
    { name: 'id', yaml: ['dtype: string'] },
    { name: 'tokens', yaml: ['sequence: string'] },
    { name: 'ner_tags', yaml: ['sequence:', '  class_label:', '    names:', ...labels.map((l, i) => `      '${i}': ${yamlQuote(l)}`)] },
    { name: 'doc', yaml: ['dtype: string'] },
    { name: 'text', yaml: ['dtype: string'] },
    { name: 'start', yaml: ['dtype: int64'] },
    { name: 'offsets', yaml: ['sequence:', '  sequence: int64'] },
    { name: 'spans', yaml: ['sequence:', '  - name: start', '    dtype: int64', '  - name: end', '    dtype: int64', '  - name: label', '    dtype: string'] },
    { name: 'doc_text', yaml: ['dtype: string'] },
    { name: 'meta', yaml: ['dtype: string'] },
  ];
  if (withColumns) cols.push({ name: 'columns', yaml: ['sequence:', '  sequence: string'] });
  return cols;
}

/** HF split names of file stems: train, validation (dev, valid, val), test. */
export function splitNameOf(stem: string): string {
  const s = stem.toLowerCase();
  if (/(^|[._-])(dev|valid|validation|val)$/.test(s)) return 'validation';
  if (/(^|[._-])test$/.test(s)) return 'test';
  return 'train';
}

/** The card: YAML header (configs + dataset_info) and a short description. */
export function renderDatasetCard(columns: readonly HfColumn[], splits: readonly { split: string; path: string; rows: number }[], labels: readonly string[]): string {
  const y: string[] = ['---', 'configs:', '- config_name: default', '  data_files:'];
  for (const s of splits) y.push(`  - split: ${s.split}`, `    path: ${yamlQuote(s.path)}`);
  y.push('dataset_info:', '  config_name: default', '  features:');
  for (const c of columns) {
    y.push(`  - name: ${c.name}`);
    for (const l of c.yaml) y.push(`    ${l}`);
  }
  y.push('  splits:');
  for (const s of splits) y.push(`  - name: ${s.split}`, `    num_examples: ${s.rows}`);
  y.push('task_categories:', '- token-classification', 'language:', '- gu', '---', '');
  const body = [
    '# Gujarati NER data written by gujnlp',
    '',
    'One sentence per row: `tokens` and `ner_tags` (indices into the label names',
    `below, also in \`labels.json\`): ${labels.map((l) => `\`${l}\``).join(', ')}.`,
    'The other columns let gujnlp read the files back without loss: `doc` (document id),',
    '`text` and `start` (the sentence and its code point offset in the document),',
    '`offsets` (code point offsets of each token), `spans` (the exact entity spans,',
    'which tags may widen), `doc_text` and `meta` (JSON) on the first row of a document.',
    '',
    '```python',
    'from datasets import load_dataset',
    "ds = load_dataset('path/to/this/folder')",
    "names = ds['train'].features['ner_tags'].feature.names",
    '```',
    '',
  ];
  return `${y.join('\n')}\n${body.join('\n')}`;
}

/** True for a README.md that gujnlp wrote (safe to replace). */
export const CARD_MARKER = '# Gujarati NER data written by gujnlp';

/**
 * Generator of a tiny, deterministic Hugging Face token-classification
 * model folder (ONNX graph + WordPiece tokenizer) for tests and benchmarks
 * (dev-only: it needs the onnx-proto devDependency, so it lives outside src/).
 *
 * Regenerate models/onnx-tiny-gu-test/: node --import tsx scripts/tiny-onnx-model.ts [DIR]
 *
 * The "model" is one ONNX `Gather`: logits[b, t, :] = table[input_ids[b, t], :].
 * Every vocabulary piece therefore has a fixed, known label distribution, so a
 * test can assert exact entities, subword aggregation and windowing without
 * downloading anything. It is NOT a real NER model: its predictions are a
 * lookup table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** A piece's label: one label (given `confidence`) or an explicit distribution. */
export type PieceLabel = string | Record<string, number>;

export interface TinyModelSpec {
  /** id2label in order; must contain 'O'. */
  labels: string[];
  /** WordPiece vocabulary after the special tokens; `##x` = continuation piece. */
  pieces: Array<[piece: string, label: PieceLabel]>;
  /** Model input limit in pieces, [CLS] and [SEP] included. */
  maxLength: number;
  /** Probability of a piece's single label; the rest is spread evenly. */
  confidence: number;
  /** Include a `token_type_ids` input, as BERT exports do. */
  tokenTypeIds: boolean;
  /**
   * Benchmarks only: add `layers` dense hidden×hidden MatMul+Relu layers whose
   * output is multiplied by 0 and added to the lookup logits, so the model
   * does per-token arithmetic like a real encoder while predicting exactly
   * the same labels. Weights come from ConstantOfShape: the file stays small.
   */
  dense?: { hidden: number; layers: number };
}

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/**
 * The Gujarati test model. Words of the seed article plus crafted pieces:
 * `અમ ##દા ##વાદ` (અમદાવાદ) has first-piece label B-PER, the most confident
 * piece B-LOC and the highest average B-ORG, so the three aggregation
 * strategies give three different answers. B-GPE/I-GPE need a map (GPE=LOC)
 * and B-DATE/I-DATE are outside the default schema (dropped and counted).
 */
/** Case endings are less sure than stems, so `max` and `average` keep the stem's label. */
const ENDING = { O: 0.8 };

export const TINY_GU_SPEC: TinyModelSpec = {
  labels: ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-GPE', 'I-GPE', 'B-DATE', 'I-DATE'],
  maxLength: 16,
  confidence: 0.9,
  tokenTypeIds: true,
  pieces: [
    // places (GPE: needs --map GPE=LOC) and their case endings
    ['પાકિસ્તાન', 'B-GPE'],
    ['રશિયા', 'B-GPE'],
    ['અફઘાનિસ્તાન', 'B-GPE'],
    ['ભારત', 'B-GPE'],
    ['ઇસ્લામાબાદ', 'B-LOC'],
    ['Islamabad', 'B-LOC'],
    ['Russia', 'B-GPE'],
    ['##ના', ENDING],
    ['##ની', ENDING],
    ['##નો', ENDING],
    ['##ને', ENDING],
    ['##માં', ENDING],
    ['##થી', ENDING],
    ['##ે', ENDING],
    // people
    ['સેરગેઈ', 'B-PER'],
    ['લોવરોવ', 'I-PER'],
    ['ઇમરાન', 'B-PER'],
    ['ખાન', 'I-PER'],
    ['Sergey', 'B-PER'],
    ['Lavrov', 'I-PER'],
    // organisations
    ['સંયુક્ત', 'B-ORG'],
    ['રાષ્ટ્ર', 'I-ORG'],
    ['MFA', 'B-ORG'],
    // dates (not in the default schema)
    ['April', 'B-DATE'],
    ['2021', 'I-DATE'],
    ['2012', 'B-DATE'],
    // crafted word for aggregation tests: અમ ##દા ##વાદ
    ['અમ', { 'B-PER': 0.5, 'B-ORG': 0.4, O: 0.1 }],
    ['##દા', { 'B-LOC': 0.9, 'B-ORG': 0.1 }],
    ['##વાદ', { 'B-ORG': 0.6, O: 0.4 }],
    // frequent words of the seed article (all O)
    ['વર્ષ', 'O'],
    ['પછી', 'O'],
    ['કોઈ', 'O'],
    ['વિદેશ', 'O'],
    ['મંત્રી', 'O'],
    ['પહેલીવાર', 'O'],
    ['મુલાકાત', 'O'],
    ['ગયા', 'O'],
    ['છે', 'O'],
    ['તેમની', 'O'],
    ['દરમિયાન', 'O'],
    ['રશિયન', 'O'],
    ['વડાપ્રધાન', 'O'],
    ['વડા', 'O'],
    ['પ્રધાન', 'O'],
    ['મળ્યા', 'O'],
    ['આ', 'O'],
    ['બંને', 'O'],
    ['નેતાઓ', 'O'],
    ['વચ્ચે', 'O'],
    ['અને', 'O'],
    ['પર', 'O'],
    ['હતી', 'O'],
    ['કહ્યું', 'O'],
    ['કે', 'O'],
    ['પણ', 'O'],
    ['.', 'O'],
    [',', 'O'],
    ['In', 'O'],
    ['Russian', 'O'],
    ['Foreign', 'O'],
    ['Minister', 'O'],
    ['#', 'O'],
    ['@', 'O'],
  ],
};

/** Full probability row of one piece over `labels`. */
export function pieceProbabilities(label: PieceLabel, labels: string[], confidence: number): number[] {
  const given: Record<string, number> = typeof label === 'string' ? { [label]: confidence } : label;
  for (const l of Object.keys(given)) {
    if (!labels.includes(l)) throw new Error(`tiny model: label ${l} is not in the label list`);
  }
  const mass = Object.values(given).reduce((a, b) => a + b, 0);
  if (mass > 1 + 1e-9) throw new Error(`tiny model: probabilities of ${JSON.stringify(label)} sum to more than 1`);
  const free = labels.filter((l) => !(l in given));
  // Leftover mass spread evenly; a small floor keeps every log finite.
  const rest = free.length > 0 ? Math.max(1 - mass, 1e-4) / free.length : 0;
  return labels.map((l) => (l in given ? Math.max(given[l], 1e-4) : rest));
}

function vocabulary(spec: TinyModelSpec): string[] {
  const vocab: string[] = [...SPECIAL_TOKENS];
  for (const [piece] of spec.pieces) {
    if (vocab.includes(piece)) throw new Error(`tiny model: duplicate piece ${piece}`);
    vocab.push(piece);
  }
  return vocab;
}

/** Logit table [vocab, labels]: ln(p), so softmax gives back the probabilities. */
function logitTable(spec: TinyModelSpec): number[] {
  const rows: number[][] = SPECIAL_TOKENS.map(() => pieceProbabilities('O', spec.labels, spec.confidence));
  for (const [, label] of spec.pieces) rows.push(pieceProbabilities(label, spec.labels, spec.confidence));
  return rows.flatMap((r) => r.map((p) => Math.fround(Math.log(p))));
}

/** ONNX ModelProto bytes of the Gather "model". */
export function tinyModelOnnx(spec: TinyModelSpec): Uint8Array {
  const vocab = vocabulary(spec);
  const L = spec.labels.length;
  const INT64 = onnx.TensorProto.DataType.INT64;
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const seqInput = (name: string) => ({
    name,
    type: { tensorType: { elemType: INT64, shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }] } } },
  });
  const inputs = [seqInput('input_ids'), seqInput('attention_mask')];
  if (spec.tokenTypeIds) inputs.push(seqInput('token_type_ids'));
  const nodes: onnxProto.onnx.INodeProto[] = [];
  const initializers: onnxProto.onnx.ITensorProto[] = [{ name: 'label_table', dataType: FLOAT, dims: [vocab.length, L], floatData: logitTable(spec) }];
  if (spec.dense) {
    const { hidden: H, layers } = spec.dense;
    const shape = (name: string, dims: number[]) => initializers.push({ name, dataType: INT64, dims: [dims.length], int64Data: dims });
    const filled = (name: string, shapeName: string, value: number) =>
      nodes.push({
        name,
        opType: 'ConstantOfShape',
        input: [shapeName],
        output: [name],
        attribute: [{ name: 'value', type: onnx.AttributeProto.AttributeType.TENSOR, t: { dataType: FLOAT, dims: [1], floatData: [value] } }],
      });
    shape('shape_emb', [vocab.length, H]);
    shape('shape_w', [H, H]);
    shape('shape_out', [H, L]);
    initializers.push({ name: 'zero', dataType: FLOAT, dims: [], floatData: [0] });
    filled('emb', 'shape_emb', 0.5);
    filled('w', 'shape_w', 1 / H); // keeps activations at 0.5: finite at any depth
    filled('w_out', 'shape_out', 1 / H);
    nodes.push({ name: 'embed', opType: 'Gather', input: ['emb', 'input_ids'], output: ['h0'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] });
    for (let i = 0; i < layers; i++) {
      nodes.push({ name: `mm${i}`, opType: 'MatMul', input: [`h${i}`, 'w'], output: [`m${i}`] });
      nodes.push({ name: `relu${i}`, opType: 'Relu', input: [`m${i}`], output: [`h${i + 1}`] });
    }
    nodes.push({ name: 'project', opType: 'MatMul', input: [`h${layers}`, 'w_out'], output: ['dense_logits'] });
    nodes.push({ name: 'mute', opType: 'Mul', input: ['dense_logits', 'zero'], output: ['dense_zero'] });
    nodes.push({ name: 'lookup', opType: 'Gather', input: ['label_table', 'input_ids'], output: ['table_logits'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] });
    nodes.push({ name: 'sum', opType: 'Add', input: ['table_logits', 'dense_zero'], output: ['logits'] });
  } else {
    nodes.push({
      name: 'lookup',
      opType: 'Gather',
      input: ['label_table', 'input_ids'],
      output: ['logits'],
      attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
    });
  }
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'gujnlp tiny-model (test model: lookup table, not NER)',
    producerVersion: '1',
    graph: {
      name: 'gather_label_table',
      node: nodes,
      initializer: initializers,
      input: inputs,
      output: [
        {
          name: 'logits',
          type: {
            tensorType: {
              elemType: FLOAT,
              shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }, { dimValue: L }] },
            },
          },
        },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** The text files of the model folder, by relative path. */
export function tinyModelFiles(spec: TinyModelSpec): Record<string, string> {
  const vocab = vocabulary(spec);
  const id2label = Object.fromEntries(spec.labels.map((l, i) => [String(i), l]));
  const label2id = Object.fromEntries(spec.labels.map((l, i) => [l, i]));
  const specialId = (t: string) => vocab.indexOf(t);
  const config = {
    _comment: 'gujnlp TEST model: predictions are a lookup table, not a real NER model',
    architectures: ['BertForTokenClassification'],
    model_type: 'bert',
    id2label,
    label2id,
    num_labels: spec.labels.length,
    // a lookup table has no position embeddings: any --max-length up to this runs
    max_position_embeddings: 4096,
    vocab_size: vocab.length,
    hidden_size: spec.labels.length,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    type_vocab_size: 2,
    pad_token_id: specialId('[PAD]'),
  };
  const special = (t: string) => ({ id: t, type_id: 0 });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t) => ({
      id: specialId(t),
      content: t,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    // No lowercasing and no accent stripping: Gujarati vowel signs and
    // virama are combining marks and must survive normalisation.
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: false },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: special('[CLS]') }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: special('[SEP]') }],
      pair: [
        { SpecialToken: special('[CLS]') },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: special('[SEP]') },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [specialId(t)], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((p, i) => [p, i])),
    },
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: false,
    strip_accents: false,
    tokenize_chinese_chars: true,
    model_max_length: spec.maxLength,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  };
  const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
  return {
    'config.json': json(config),
    'tokenizer.json': json(tokenizer),
    'tokenizer_config.json': json(tokenizerConfig),
    'README.md': readme(spec, vocab.length),
  };
}

function readme(spec: TinyModelSpec, vocabSize: number): string {
  return `# TEST MODEL — not a real NER model

This folder is generated by \`scripts/tiny-onnx-model.ts\` (regenerate with
\`node --import tsx scripts/tiny-onnx-model.ts\`). It is a Hugging Face
token-classification folder (\`config.json\`, \`tokenizer.json\`,
\`tokenizer_config.json\`, \`onnx/model.onnx\`) that \`gujnlp annotate --model onnx:DIR\`
and @xenova/transformers load like any exported BERT model.

**Its predictions are a lookup table.** The ONNX graph is a single \`Gather\`:
the logits of each input piece are a fixed row of a ${vocabSize} × ${spec.labels.length} table
indexed by the piece id, independent of context. Each of the ${vocabSize} WordPiece
vocabulary entries (a few Gujarati and English words of the seed article, case
endings such as \`##ના\`, and crafted pieces) has a known label; a word that cannot
be built from these pieces is \`[UNK]\` → \`O\`. Scores on any corpus measure nothing
about NER quality, and since the logits ignore context, windowing cannot change them.

The tokenizer is BERT-style WordPiece (\`BertNormalizer\` with \`lowercase\` and
\`strip_accents\` false, so Gujarati vowel signs and virama survive;
\`BertPreTokenizer\`; \`[CLS] … [SEP]\` template).

It exists so that tests and the speed benchmark (\`bench/onnx-speed.ts\`) run
without downloading anything, and so that tests can assert exact entities,
subword aggregation (\`અમ ##દા ##વાદ\` gives B-PER / B-LOC / B-ORG under
first / max / average) and windowing (\`model_max_length\` = ${spec.maxLength}, so
longer sentences are split into windows; the graph has no position embeddings, so
\`--max-length\` may go up to \`max_position_embeddings\` = 4096).

Labels: ${spec.labels.join(', ')}. GPE needs \`--map GPE=LOC\`; DATE is outside the
default schema and is dropped (and counted) unless mapped.
`;
}

/** Write the model folder into `dir` (created if missing). */
export function writeTinyModel(dir: string, spec: TinyModelSpec = TINY_GU_SPEC): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  for (const [rel, text] of Object.entries(tinyModelFiles(spec))) writeFileSync(join(dir, rel), text);
  writeFileSync(join(dir, 'onnx', 'model.onnx'), tinyModelOnnx(spec));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../models/onnx-tiny-gu-test', import.meta.url));
  writeTinyModel(dir);
  process.stderr.write(`wrote test model to ${dir}\n`);
}

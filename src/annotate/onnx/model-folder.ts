/**
 * Checks a local Hugging Face model folder before @xenova/transformers sees
 * it, so a missing or broken file gives a clear InputError naming the file
 * (transformers.js would instead try the network or fail obscurely).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../io/errors.js';

export interface ModelFolder {
  dir: string;
  /** config.json id2label, as an array indexed by label id. */
  labels: string[];
  config: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  /** `true` when onnx/model_quantized.onnx is the file to load. */
  quantized: boolean;
  /** Short content hash of config, tokenizer and ONNX files. */
  version: string;
}

function readJson(file: string): Record<string, unknown> {
  if (!existsSync(file)) throw new InputError('missing file (a model folder needs config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx)', { file });
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`not valid JSON: ${(e as Error).message}`, { file });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError('expected a JSON object', { file });
  return value as Record<string, unknown>;
}

/** id2label object → dense array; every id 0..n-1 must be present. */
export function labelsFromConfig(config: Record<string, unknown>, file: string): string[] {
  const raw = config.id2label;
  if (typeof raw !== 'object' || raw === null) throw new InputError('no id2label: not a token-classification model config', { file });
  const entries = Object.entries(raw as Record<string, unknown>);
  const labels = new Array<string>(entries.length);
  for (const [k, v] of entries) {
    const id = Number(k);
    if (!Number.isInteger(id) || id < 0 || id >= entries.length || typeof v !== 'string') {
      throw new InputError(`id2label entry ${JSON.stringify(k)}: ${JSON.stringify(v)} is not an id 0..${entries.length - 1} with a string label`, { file });
    }
    labels[id] = v;
  }
  if (labels.length === 0) throw new InputError('id2label is empty', { file });
  return labels;
}

export function hashFiles(files: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(f.replace(/^.*\//, ''));
    h.update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 12);
}

export function inspectModelFolder(dir: string, quantized?: boolean): ModelFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError('model folder not found', { file: dir });
  const configFile = join(dir, 'config.json');
  const config = readJson(configFile);
  const labels = labelsFromConfig(config, configFile);
  const tokenizerConfig = readJson(join(dir, 'tokenizer_config.json'));
  const tokenizerFile = join(dir, 'tokenizer.json');
  if (!existsSync(tokenizerFile)) throw new InputError('missing file (transformers.js needs the fast-tokenizer tokenizer.json)', { file: tokenizerFile });
  const full = join(dir, 'onnx', 'model.onnx');
  const quant = join(dir, 'onnx', 'model_quantized.onnx');
  const useQuant = quantized ?? !existsSync(full);
  const onnxFile = useQuant ? quant : full;
  if (!existsSync(onnxFile)) {
    throw new InputError(
      quantized === undefined ? 'no onnx/model.onnx or onnx/model_quantized.onnx in the model folder' : 'missing ONNX file',
      { file: quantized === undefined ? dir : onnxFile },
    );
  }
  return {
    dir,
    labels,
    config,
    tokenizerConfig,
    quantized: useQuant,
    version: hashFiles([configFile, tokenizerFile, join(dir, 'tokenizer_config.json'), onnxFile]),
  };
}

/**
 * Longest input (special tokens included) the model takes: the smaller of the
 * tokenizer's `model_max_length` (ignoring HF's "unset" 1e30) and the config's
 * `max_position_embeddings` (minus RoBERTa's two reserved positions).
 */
export function modelMaxLength(config: Record<string, unknown>, tokenizerConfig: Record<string, unknown>): number {
  const limits: number[] = [];
  const tok = tokenizerConfig.model_max_length;
  if (typeof tok === 'number' && Number.isInteger(tok) && tok > 0 && tok < 1e6) limits.push(tok);
  const pos = config.max_position_embeddings;
  if (typeof pos === 'number' && Number.isInteger(pos) && pos > 0) {
    const roberta = /roberta|camembert/.test(String(config.model_type ?? ''));
    limits.push(roberta ? pos - 2 : pos);
  }
  return limits.length > 0 ? Math.min(...limits) : 512;
}

/**
 * Warnings about a tokenizer.json that transformers.js runs differently from
 * Python on Gujarati: Python's accent stripping deletes every nonspacing mark
 * (ુ ૂ ે ૈ ્ ઼ ઁ), transformers.js only U+0300–U+036F, so an accent-stripping
 * ("uncased") model sees different pieces here than it was trained on.
 */
export function tokenizerWarnings(tokenizerJson: unknown): string[] {
  const warnings: string[] = [];
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    const strips =
      n.type === 'StripAccents' ||
      (n.type === 'BertNormalizer' && (n.strip_accents === true || (n.lowercase === true && n.strip_accents !== false)));
    if (strips) {
      warnings.push(
        'the tokenizer strips accents: Python removes Gujarati vowel signs and virama there, transformers.js does not, ' +
          'so this (uncased) model sees different subwords than in training; prefer a cased model',
      );
    }
    if (Array.isArray(n.normalizers)) n.normalizers.forEach(visit);
  };
  visit((tokenizerJson as Record<string, unknown> | null)?.normalizer);
  return warnings;
}

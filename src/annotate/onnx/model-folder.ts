/**
 * Checks a local Hugging Face model folder before anything loads it, so a
 * missing or broken file gives a clear InputError naming the file. Folders
 * as transformers.js lays them out (onnx/model.onnx) and as optimum exports
 * them (model.onnx at the root) are both accepted.
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
  /** tokenizer_config.json ({} when the folder has none). */
  tokenizerConfig: Record<string, unknown>;
  tokenizerFile: string;
  /** The ONNX file to run: onnx/model.onnx, or model.onnx at the root as optimum exports it. */
  onnxFile: string;
  /** `true` when the file is a *_quantized.onnx. */
  quantized: boolean;
  /** Short content hash of config, tokenizer and ONNX files. */
  version: string;
}

function readJson(file: string): Record<string, unknown> {
  if (!existsSync(file)) throw new InputError('missing file (a model folder needs config.json, tokenizer.json and onnx/model.onnx or model.onnx)', { file });
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

/** Where an exported model may be, in the order looked for (transformers.js layout first, then optimum's). */
const ONNX_FILES = {
  full: ['onnx/model.onnx', 'model.onnx'],
  quantized: ['onnx/model_quantized.onnx', 'model_quantized.onnx'],
} as const;

export function inspectModelFolder(dir: string, quantized?: boolean): ModelFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError('model folder not found', { file: dir });
  const configFile = join(dir, 'config.json');
  const config = readJson(configFile);
  const labels = labelsFromConfig(config, configFile);
  const tokenizerConfigFile = join(dir, 'tokenizer_config.json');
  const tokenizerConfig = existsSync(tokenizerConfigFile) ? readJson(tokenizerConfigFile) : {};
  const tokenizerFile = join(dir, 'tokenizer.json');
  if (!existsSync(tokenizerFile)) throw new InputError('missing file (gujnlp needs the fast-tokenizer tokenizer.json; save the tokenizer with a recent transformers)', { file: tokenizerFile });
  const candidates = quantized === undefined ? [...ONNX_FILES.full, ...ONNX_FILES.quantized] : quantized ? ONNX_FILES.quantized : ONNX_FILES.full;
  const onnxRel = candidates.find((rel) => existsSync(join(dir, rel)));
  if (onnxRel === undefined) throw new InputError(`no ONNX model in the folder: looked for ${candidates.join(', ')}`, { file: dir });
  const onnxFile = join(dir, onnxRel);
  return {
    dir,
    labels,
    config,
    tokenizerConfig,
    tokenizerFile,
    onnxFile,
    quantized: onnxRel.endsWith('_quantized.onnx'),
    version: hashFiles([configFile, tokenizerFile, ...(existsSync(tokenizerConfigFile) ? [tokenizerConfigFile] : []), onnxFile]),
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
  const pos = positionLimit(config);
  if (pos !== undefined) limits.push(pos.pieces);
  return limits.length > 0 ? Math.min(...limits) : 512;
}

/**
 * The hard input limit of the model: `max_position_embeddings`, less the two
 * positions RoBERTa-style models reserve (their positions start after the
 * padding id). Undefined when the config does not say.
 */
export function positionLimit(config: Record<string, unknown>): { pieces: number; why: string } | undefined {
  const pos = config.max_position_embeddings;
  if (typeof pos !== 'number' || !Number.isInteger(pos) || pos <= 0) return undefined;
  const roberta = /roberta|camembert/.test(String(config.model_type ?? ''));
  return roberta ? { pieces: pos - 2, why: `max_position_embeddings ${pos} less the 2 positions ${String(config.model_type)} reserves` } : { pieces: pos, why: `max_position_embeddings ${pos}` };
}

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { safeFileName } from '../io/file-names.js';
import { InputError } from '../io/errors.js';

/**
 * Which models the benchmark runs when `--models` is not given: the rules
 * model, the shipped statistical model `ner-gu` (trained on other gold,
 * never on the corpus), the perceptron (scored by k-fold cross-validation on the gold),
 * every ONNX model folder in `models/` except generated test models, and every folder of another system's
 * predictions under `annotations/predicted/external/`.
 */
export function discoverModels(modelsDir: string, externalDir: string): string[] {
  const specs = ['rules', 'ner-gu', 'perceptron'];
  for (const dir of subdirs(modelsDir)) {
    if (existsSync(join(dir, 'config.json')) && !isTestModel(join(dir, 'config.json'))) specs.push(`onnx:${dir}`);
  }
  for (const dir of subdirs(externalDir)) specs.push(`file:${dir}`);
  return specs;
}

/**
 * A generated test model (a lookup table, `scripts/tiny-onnx-model.ts`) says
 * so in its config's `_comment`; scored beside real models it would mislead,
 * so it runs only when named (`--models onnx:models/onnx-tiny-gu-test`).
 */
export function isTestModel(configPath: string): boolean {
  try {
    const c = JSON.parse(readFileSync(configPath, 'utf8')) as { _comment?: unknown };
    return typeof c._comment === 'string' && /^gujnlp TEST model/i.test(c._comment);
  } catch {
    return false; // the ONNX loader reports a broken config when the model runs
  }
}

function subdirs(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isDirectory());
}

/**
 * The output folder of a model's predictions: its name made safe as a file
 * name, one-to-one (`x y`, `x?y` and `x_y` stay three folders; see
 * src/io/file-names.ts).
 */
export function modelFolderName(name: string): string {
  const safe = safeFileName(name);
  // external/ holds other systems' predictions, read as input
  return safe.toLowerCase() === 'external' || safe.startsWith('model-') ? `model-${safe}` : safe;
}

/** A model of `--models`: its spec and the display name given to it (`NAME=SPEC`), if any. */
export interface NamedSpec {
  spec: string;
  name?: string;
}

/**
 * Parses `--models rules,mine=perceptron:m.json,py=cmd:"python3 tag.py"`:
 * comma-separated specs, each optionally named `NAME=SPEC` (a NAME has no
 * `:`, so `file:a=b.conll` is a spec); double quotes keep commas inside a
 * spec and are removed. Names must be unique.
 */
export function parseModelList(value: string): NamedSpec[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted) throw new InputError(`--models: unbalanced '"' in '${value}'`);
  parts.push(cur);
  const out: NamedSpec[] = [];
  const names = new Set<string>();
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') continue;
    const m = /^([^:=\s]+)=(.*)$/s.exec(part);
    const item: NamedSpec = m === null ? { spec: part } : { name: m[1], spec: m[2].trim() };
    if (item.spec === '') throw new InputError(`--models: '${part}' names no model`);
    if (item.name !== undefined) {
      if (names.has(item.name)) throw new InputError(`--models: the name '${item.name}' is given twice`);
      names.add(item.name);
    }
    out.push(item);
  }
  if (out.length === 0) throw new InputError('--models names no model');
  return out;
}

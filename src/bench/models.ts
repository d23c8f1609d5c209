import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { safeFileName } from '../io/file-names.js';

/**
 * Which models the benchmark runs when `--models` is not given: the rules
 * model, the shipped statistical model `ner-gu` (trained on other gold,
 * never on the corpus), the perceptron (scored by k-fold cross-validation on the gold),
 * every ONNX model folder in `models/` and every folder of another system's
 * predictions under `annotations/predicted/external/`.
 */
export function discoverModels(modelsDir: string, externalDir: string): string[] {
  const specs = ['rules', 'ner-gu', 'perceptron'];
  for (const dir of subdirs(modelsDir)) {
    if (existsSync(join(dir, 'config.json'))) specs.push(`onnx:${dir}`);
  }
  for (const dir of subdirs(externalDir)) specs.push(`file:${dir}`);
  return specs;
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

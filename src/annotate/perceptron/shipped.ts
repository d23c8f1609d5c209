/**
 * The shipped Gujarati NER model (`models/ner-gu/`, model card in its
 * README): a linear-chain CRF over the perceptron's features, stacked on the
 * rules annotator, trained on the project's Gujarati gold. It is the default
 * model of `gujnlp annotate`.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SCHEMA } from '../../doc/types.js';
import { InputError } from '../../io/errors.js';
import { readTextFile } from '../../io/read-text.js';
import type { Annotator } from '../annotator.js';
import { loadGujaratiResources } from './gujarati.js';
import { MODEL_VERSION, parseModel } from './model.js';
import { PerceptronAnnotator } from './index.js';

export const SHIPPED_MODEL_NAME = 'ner-gu';
export const SHIPPED_MODEL_FILE = fileURLToPath(new URL('../../../models/ner-gu/ner-gu.json', import.meta.url));

/**
 * Loads a model file and checks that it tags the schema's entity types only
 * (`labels` of annotations/schema.json, PER LOC ORG MISC by default).
 */
export async function loadShippedAnnotator(file: string = SHIPPED_MODEL_FILE, schemaLabels: readonly string[] = DEFAULT_SCHEMA.labels): Promise<Annotator> {
  if (!existsSync(file)) throw new InputError('the shipped NER model is missing (reinstall gujnlp, or use --model rules)', { file });
  const text = readTextFile(file);
  const model = parseModel(text, file);
  const outside = [...new Set(model.labels.filter((l) => l !== 'O').map((l) => l.slice(2)))].filter((t) => !schemaLabels.includes(t));
  if (outside.length > 0) {
    throw new InputError(`model labels ${outside.join(', ')} are outside the label schema (${schemaLabels.join(', ')})`, { file });
  }
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return new PerceptronAnnotator(model, await loadGujaratiResources(), { name: SHIPPED_MODEL_NAME, version: `v${MODEL_VERSION}-${hash}` });
}

/**
 * Words whose subword pieces test/onnx-real.test.ts compares with Python's:
 * every gujnlp token and every space-separated word of the seed article
 * (corpus/), plus test/fixtures/onnx/hostile-words.json. Prints a JSON list:
 *
 *   node --import tsx scripts/onnx-words.ts | python3 scripts/onnx-python-pieces.py ../shared/fixtures/onnx-real \
 *     > test/fixtures/onnx/python-pieces.json
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tokenize } from '../src/tokenize/index.js';

const root = (rel: string) => fileURLToPath(new URL(`../${rel}`, import.meta.url));

export function onnxTestWords(): string[] {
  const seed = readFileSync(root('corpus/lavrov-pakistan-visit-2021.txt'), 'utf8');
  const hostile = JSON.parse(readFileSync(root('test/fixtures/onnx/hostile-words.json'), 'utf8')) as string[];
  return [...new Set([...tokenize(seed).map((t) => t.text), ...seed.split(/\s+/).filter((w) => w !== ''), ...hostile])];
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(JSON.stringify(onnxTestWords()) + '\n');
}

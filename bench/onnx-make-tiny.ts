/**
 * Regenerate models/onnx-tiny-gu-test/ (the TEST model used by
 * bench/onnx-speed.ts): node --import tsx bench/onnx-make-tiny.ts [DIR]
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTinyModel } from '../src/annotate/onnx/tiny-model.js';

const dir = process.argv[2] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'models', 'onnx-tiny-gu-test');
writeTinyModel(dir);
process.stderr.write(`wrote test model to ${dir}\n`);

/**
 * Loading a model folder's ONNX graph into onnxruntime through
 * @xenova/transformers — the ONE place that package is imported (lazily:
 * onnxruntime and sharp load only when an ONNX model is used).
 *
 * Nothing is ever downloaded: transformers.js is told to read local files
 * only, and its global `env` is set per load, loads running one after another.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { InputError } from '../../io/errors.js';
import type { ModelFolder } from './model-folder.js';

export interface OrtTensor {
  data: ArrayLike<number>;
  dims: number[];
}
export interface OrtSession {
  inputNames: string[];
  outputNames: string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
}
export type TensorCtor = new (type: string, data: BigInt64Array, dims: number[]) => unknown;

/** transformers.js's tokenizer, used only for tokenizer.json layouts gujnlp does not implement. */
export interface TfTokenizer {
  encode(text: string, pair: null, opts: { add_special_tokens: boolean }): number[];
  post_processor: ((tokens: string[], pair: null, opts: { add_special_tokens: boolean }) => { tokens: string[] }) | null;
  model: { convert_tokens_to_ids(tokens: string[]): number[]; convert_ids_to_tokens(ids: number[]): string[] };
}

export interface LoadedSession {
  session: OrtSession;
  Tensor: TensorCtor;
  dispose(): Promise<void>;
}

type Transformers = typeof import('@xenova/transformers');

let loadQueue: Promise<unknown> = Promise.resolve();

/** Run `load` with transformers.js set to read `folder` from disk only. */
async function withLocalFolder<T>(folder: ModelFolder, load: (tf: Transformers, id: string) => Promise<T>): Promise<T> {
  const tf = await importTransformers();
  const run = loadQueue.then(async () => {
    const { env } = tf;
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.useFSCache = false;
    env.localModelPath = dirname(folder.dir) + '/';
    try {
      return await load(tf, basename(folder.dir));
    } catch (e) {
      throw e instanceof InputError ? e : new InputError(`cannot load the model: ${(e as Error).message ?? e}`, { file: folder.dir });
    }
  });
  loadQueue = run.catch(() => undefined);
  return run;
}

export function loadSession(folder: ModelFolder): Promise<LoadedSession> {
  return withLocalFolder(folder, async (tf, id) => {
    // transformers.js only looks for onnx/model(_quantized).onnx: its file
    // lookup is answered with the file the folder inspection chose (an
    // optimum export keeps model.onnx at the root).
    const { env } = tf;
    const wanted = `${env.localModelPath}${id}/onnx/model${folder.quantized ? '_quantized' : ''}.onnx`;
    env.useCustomCache = true;
    env.customCache = {
      match: async (key: string) => (key === wanted ? fileResponse(folder.onnxFile) : undefined),
      put: async () => undefined,
    };
    let model: { session: OrtSession; dispose(): Promise<unknown> };
    // transformers.js console.warn()s a failed native load (an Error with its stack) before retrying
    // on wasm: caught here, so a user sees one line (the load error, or one warning if the retry works)
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    };
    try {
      model = (await tf.AutoModelForTokenClassification.from_pretrained(id, {
        local_files_only: true,
        quantized: folder.quantized,
      })) as unknown as typeof model;
      for (const w of warnings) process.stderr.write(`gujnlp: onnx: ${w.split('\n')[0]}\n`);
    } finally {
      console.warn = warn;
      env.useCustomCache = false;
      env.customCache = null;
    }
    return {
      session: model.session,
      Tensor: tf.Tensor as unknown as TensorCtor,
      dispose: async () => {
        await model.dispose();
      },
    };
  });
}

/** Just what transformers.js reads of a cached response. */
function fileResponse(file: string): { status: number; arrayBuffer(): Promise<ArrayBuffer> } {
  const bytes = readFileSync(file);
  return { status: 200, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}

export function loadTfTokenizer(folder: ModelFolder): Promise<TfTokenizer> {
  return withLocalFolder(folder, async (tf, id) => (await tf.AutoTokenizer.from_pretrained(id, { local_files_only: true })) as unknown as TfTokenizer);
}

/**
 * `@xenova/transformers` is an optional peer dependency (it pulls
 * onnxruntime and sharp, ~300 MB): users of the tokenizer, formats, rules,
 * perceptron and evaluation do not need it. When missing, say exactly what
 * to install, sharp override included (sharp's install script otherwise
 * downloads a binary, which fails offline).
 */
async function importTransformers(): Promise<Transformers> {
  try {
    return await import('@xenova/transformers');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw err;
    throw new InputError(
      'onnx models need @xenova/transformers, which is not installed: run `npm install @xenova/transformers@^2.17.2` ' +
        'with "overrides": {"sharp": "0.33.5"} in your package.json (sharp\'s install script otherwise downloads a binary)',
    );
  }
}

/**
 * `loadAnnotator(spec)`: every NER model behind the one Annotator interface.
 *
 *   ner-gu                   the shipped statistical model (models/ner-gu/; the default)
 *   rules                    the rule-and-gazetteer annotator (src/annotate/rules.ts)
 *   perceptron:PATH | X.json  an averaged-perceptron model file (src/annotate/perceptron/)
 *   onnx:DIR                 an ONNX token-classification model folder (src/annotate/onnx/)
 *   file:PATH                predictions read from an annotation file (src/annotate/file.ts)
 *   cmd:COMMAND              a program speaking JSON Lines on stdin/stdout (src/annotate/cmd.ts)
 *
 * Each kind is imported only when asked for, so `gujnlp tokenize` never
 * loads onnxruntime and `rules` never loads a model.
 */
import type { Document, Entity } from '../doc/types.js';
import { InputError } from '../io/errors.js';
import type { Annotator } from './annotator.js';
import type { Aggregation } from './onnx/index.js'; // type only: nothing is loaded

export interface LoadOptions {
  /** Relabel predictions: `{GPE: 'LOC', MISC: 'O'}`; `O` (or '') drops the type. */
  map?: Record<string, string>;
  /** ONNX only: subword-to-word aggregation (`first`, `max`, `average`). */
  aggregate?: string;
  /** ONNX only: windows per onnxruntime call, pieces shared by overlapping windows, input limit override. */
  batchSize?: number;
  stride?: number;
  maxLength?: number;
  /** cmd only: seconds to wait for each reply (0: forever). */
  timeout?: number;
}

/** The model `gujnlp annotate` runs when none is named: the shipped statistical model. */
export const DEFAULT_MODEL = 'ner-gu';

export const ANNOTATOR_SPECS = ['ner-gu', 'rules', 'perceptron:PATH', 'PATH.json', 'onnx:DIR', 'file:PATH', 'cmd:COMMAND'] as const;

export async function loadAnnotator(spec: string, opts: LoadOptions = {}): Promise<Annotator> {
  const base = await loadBase(spec, opts);
  // ONNX models map their own (model-specific) labels, B-/I- forms included
  if (splitSpec(spec)[0] === 'onnx') return base;
  return opts.map !== undefined && Object.keys(opts.map).length > 0 ? new MappedAnnotator(base, opts.map) : base;
}

async function loadBase(spec: string, opts: LoadOptions): Promise<Annotator> {
  const [kind, rest] = splitSpec(spec);
  for (const [flag, v] of [
    ['--aggregate', opts.aggregate],
    ['--stride', opts.stride],
    ['--max-length', opts.maxLength],
  ] as const) {
    if (v !== undefined && kind !== 'onnx') throw new InputError(`${flag} applies to onnx models only, not '${spec}'`);
  }
  if (opts.batchSize !== undefined && kind !== 'onnx' && kind !== 'cmd') throw new InputError(`--batch-size applies to onnx models only (and to cmd: models), not '${spec}'`);
  if (opts.timeout !== undefined && kind !== 'cmd') throw new InputError(`--timeout applies to cmd models only, not '${spec}'`);
  switch (kind) {
    case 'rules': {
      if (rest !== '') throw new InputError(`'rules' takes no argument, got '${spec}'`);
      const { RulesAnnotator } = await import('./rules.js');
      return new RulesAnnotator();
    }
    case 'ner-gu': {
      if (rest !== '') throw new InputError(`'ner-gu' takes no argument, got '${spec}'`);
      const { loadShippedAnnotator } = await import('./perceptron/shipped.js');
      return loadShippedAnnotator();
    }
    case 'perceptron': {
      const { loadPerceptronAnnotator } = await import('./perceptron/index.js');
      return loadPerceptronAnnotator(need(rest, spec));
    }
    case 'onnx': {
      const { loadOnnxAnnotator } = await import('./onnx/index.js');
      // the loader checks the aggregation name and reports a bad one clearly
      const onnx = await loadOnnxAnnotator(need(rest, spec), {
        aggregate: opts.aggregate as Aggregation | undefined,
        map: opts.map,
        batchSize: opts.batchSize,
        stride: opts.stride,
        maxLength: opts.maxLength,
      });
      for (const w of onnx.warnings) process.stderr.write(`gujnlp: ${onnx.name}: ${w}\n`);
      return onnx;
    }
    case 'file': {
      const { loadFileAnnotator } = await import('./file.js');
      return loadFileAnnotator(need(rest, spec));
    }
    case 'cmd': {
      const { loadCmdAnnotator } = await import('./cmd.js');
      return loadCmdAnnotator(need(rest, spec), { timeout: opts.timeout, batchSize: opts.batchSize });
    }
    default:
      throw new InputError(`unknown model '${spec}': use ${ANNOTATOR_SPECS.join(', ')}`);
  }
}

/** `rules` → ['rules', '']; `onnx:DIR` → ['onnx', 'DIR']; `x/model.json` → ['perceptron', path]. */
export function splitSpec(spec: string): [string, string] {
  if (spec === 'rules' || spec === 'ner-gu') return [spec, ''];
  const m = /^(rules|perceptron|onnx|file|cmd):(.*)$/s.exec(spec);
  if (m) return [m[1], m[2]];
  if (spec.toLowerCase().endsWith('.json')) return ['perceptron', spec];
  return [spec, ''];
}

function need(path: string, spec: string): string {
  if (path === '') throw new InputError(`model spec '${spec}' needs a path after ':'`);
  return path;
}

/** An annotator whose labels are renamed or dropped; name and version are the wrapped one's. */
export class MappedAnnotator implements Annotator {
  readonly name: string;
  readonly version: string;
  constructor(
    private readonly inner: Annotator,
    private readonly map: Record<string, string>,
  ) {
    this.name = inner.name;
    this.version = inner.version;
    const withUncertainty = inner.annotateWithUncertainty?.bind(inner);
    if (withUncertainty !== undefined) {
      this.annotateWithUncertainty = async (doc) => {
        const r = await withUncertainty(doc);
        return { entities: this.relabel(r.entities), uncertainty: r.uncertainty };
      };
    }
  }

  async annotate(doc: Document): Promise<Entity[]> {
    return this.relabel(await this.inner.annotate(doc));
  }

  /** Present when the wrapped annotator reports its uncertainty. */
  readonly annotateWithUncertainty?: (doc: Document) => Promise<{ entities: Entity[]; uncertainty: number }>;

  private relabel(entities: readonly Entity[]): Entity[] {
    const out: Entity[] = [];
    for (const e of entities) {
      const to = this.map[e.label];
      if (to === undefined) out.push(e);
      else if (to !== 'O' && to !== '') out.push({ ...e, label: to });
    }
    return out;
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }
}

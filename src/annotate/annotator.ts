import type { Document, Entity } from '../doc/types.js';

/**
 * The one interface every NER model implements: rules, perceptron, ONNX
 * transformers, predictions read from files.
 *
 * `annotate` receives a document whose `tokens` and `sentences` are already
 * set (by gujnlp's tokenizer or by the file it was read from) and returns
 * entities as UTF-16 spans of `doc.text`, with `source` set to the
 * annotator's name. It must not change the document.
 */
export interface Annotator {
  /** Short name used on leaderboards and in output folders (`rules`, `perceptron`, `onnx-tiny`). */
  readonly name: string;
  /** Version of the model or its data, recorded with scores. */
  readonly version: string;
  annotate(doc: Document): Promise<Entity[]>;
  /**
   * Optional, for statistical models: the entities plus the model's doubt
   * about the document, the expected number of its sentences whose best
   * tagging is wrong (Σ 1 − P(best path)). `gujnlp annotate --rank
   * uncertainty` puts the most doubtful documents first for correction.
   */
  annotateWithUncertainty?(doc: Document): Promise<{ entities: Entity[]; uncertainty: number }>;
  /** Releases what the model holds (a child process); optional, and harmless to call twice. */
  close?(): Promise<void>;
}

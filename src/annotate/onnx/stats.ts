/** Counters of an ONNX annotator since load (or the last `resetStats`), for benchmarks and reports. */
export interface OnnxStats {
  documents: number;
  sentences: number;
  words: number;
  /** Model inputs: one per sentence, more for sentences split into windows. */
  windows: number;
  batches: number;
  /** Subword pieces fed to the model (special tokens included, padding excluded). */
  pieces: number;
  /** Padding positions added to batch sentences of unequal length. */
  padding: number;
  /** Wall time inside onnxruntime's session.run, ms. */
  runMs: number;
  /** Wall time inside annotate(), ms. */
  totalMs: number;
  /** Word predictions whose model label is outside the schema, by model label. */
  dropped: Record<string, number>;
}

export function freshStats(): OnnxStats {
  return { documents: 0, sentences: 0, words: 0, windows: 0, batches: 0, pieces: 0, padding: 0, runMs: 0, totalMs: 0, dropped: {} };
}

/**
 * gujnlp as a library. In memory every span is a UTF-16 offset pair into the
 * original text (`text.slice(start, end)`); convert with `OffsetMap` before
 * writing offsets anywhere (files and printed output use code points).
 */

// document model and offsets
export type { Document, Entity, Sentence, Span, Token, TokenKind, LabelSchema } from './doc/types.js';
export { TOKEN_KINDS, DEFAULT_SCHEMA } from './doc/types.js';
export { OffsetMap, codePointLength } from './text/offsets.js';
export * as gujaratiScript from './lang/gu/script.js';
export { documentFromText, type FromTextOptions } from './segment/document.js';
export { loadSchema } from './doc/schema.js';
export { InputError } from './io/errors.js';

// Gujarati language data views
export { normalizeKey } from './lang/gu/normalize.js';
export { stripEnding, caseEndings } from './lang/gu/endings.js';

// tokenizer and sentence splitter
export { tokenize, Tokenizer, defaultTokenizer, type TokenizerOptions } from './tokenize/index.js';
export { splitSentences, type SplitOptions } from './segment/index.js';

// tag schemes and span/token alignment
export { TAG_SCHEMES, isTagScheme, type TagScheme, type Chunk } from './tags/scheme.js';
export { encodeTags } from './tags/encode.js';
export { decodeTags, type DecodeOptions } from './tags/decode.js';
export { entitiesToTags, tagsToEntities } from './align/index.js';
export { ALIGN_MODES, type AlignMode } from './tags/scheme.js';
export { guessScheme, type SchemeGuess } from './tags/guess.js';
// `sentenceTokens` is the earlier name of `tokensBySentence`
export { tokensBySentence, tokensBySentence as sentenceTokens, sentenceTokenRanges } from './doc/sentences.js';

// annotation files
export { readAnnotations, writeAnnotations, renderAnnotations, guessFormat, FORMAT_NAMES, type FormatName } from './formats/index.js';
export { checkDocument, checkDocuments, validateFile, type Problem } from './validate/index.js';

// annotators (NER models)
export type { Annotator } from './annotate/annotator.js';
export { loadAnnotator, type LoadOptions } from './annotate/registry.js';
export { RulesAnnotator } from './annotate/rules.js';
export { loadPerceptronAnnotator, PerceptronAnnotator, trainFromDocuments, crossValidate, serializeModel, parseModel } from './annotate/perceptron/index.js';
export { loadFileAnnotator } from './annotate/file.js';
export { loadOnnxAnnotator, type OnnxOptions } from './annotate/onnx/index.js';

// evaluation
export { evaluateTags, type FullReport, type EvaluateOptions } from './eval/evaluate.js';
export { evaluateSpans, type SpanReport } from './eval/spans.js';
export { segmentationScores, type SegmentationScores } from './eval/segmentation.js';
export { prf, type PRF } from './eval/prf.js';
export { agreement, type AgreementReport } from './eval/agreement.js';
export { bootstrapCompare, type Leaderboard } from './eval/bootstrap.js';

// the main job
export { runBench, type BenchOptions } from './bench/run.js';

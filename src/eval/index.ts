/**
 * Evaluation library: everything the CLI commands evaluate, compare and
 * agree print, as functions over tag sequences (string[][], one array per
 * sentence) or Documents.
 */
export { guessScheme, fittingScheme, type SchemeGuess } from '../tags/guess.js';
export { evaluateTags, evaluateCorpus, type EvaluateOptions, type Evaluation, type FullReport, type EvalMode } from './evaluate.js';
export { encodeSequences, decodeCorpus, type TagCorpus, type TagIds } from './corpus.js';
export { parseConllBytes, parseConllTags, readConllFile } from './conll-tags.js';
export { applyLabelMapping, mapTag, parseMapOptions, type LabelMapping } from './mapping.js';
export { seqevalReport, type SeqevalReport, type SeqevalRow } from './seqeval.js';
export { NER_SCHEMES, type NervaluateResult, type NerScores, type NerSchemes } from './nervaluate.js';
export { renderConllevalText, printfFixed, type ConllevalResult } from './conlleval.js';
export { type Confusion } from './token.js';
export { segmentationScores, type SegmentationScores } from './segmentation.js';
export { prf, f1FromCounts, sumCounts, type PRF, type Counts } from './prf.js';
export { agreement, agreementOfCorpus, cohenKappa, type AgreementReport } from './agreement.js';
export { bootstrapCompare, pairedBootstrap, sentenceCounts, type Leaderboard, type CompareOptions } from './bootstrap.js';
export { evaluateSpans, annotatedRegions, type SpanReport, type SpanEvalOptions } from './spans.js';
export { documentsToTags, pairDocuments, checkSameTokens } from './documents.js';

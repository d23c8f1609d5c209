/**
 * Options of the annotation formats, declared once (options.ts) for every
 * command that reads or writes annotation files: doccano offsets, the
 * Label Studio project's names (or its labeling config), which Label
 * Studio annotations are read, and the CoNLL document separators.
 */
import { readTextFile } from '../io/read-text.js';
import { DOCSTART_STYLES, type FormatOptions } from '../formats/index.js';
import { parseLabelingConfig } from '../formats/labelstudio-config.js';
import { opt } from './options.js';

/** Options of format readers (every command that reads annotation files). */
export const readFormatOptions = {
  offsets: opt.choice(['utf16', 'codepoint'] as const, {
    help: "doccano offsets: utf16 (what doccano's UI stores) or codepoint (files made by Python programs)",
    defaultHelp: 'utf16',
    metavar: 'UNIT',
  }),
  annotations: opt.choice(['selected', 'all', 'predictions'] as const, {
    help: 'Label Studio: the ground-truth (else most recent) annotation of each task, every annotation as its own layer (meta.annotator), or the predictions instead',
    defaultHelp: 'selected',
    metavar: 'WHICH',
  }),
  'ls-config': opt.path({ help: 'Label Studio labeling config (XML): the names below are read from its <Labels> and <Text>', metavar: 'FILE' }),
  'ls-from-name': opt.string({ help: 'Label Studio <Labels name=...> (results of other controls are skipped and counted)', defaultHelp: 'label', metavar: 'NAME' }),
  'ls-to-name': opt.string({ help: 'Label Studio <Text name=...>', defaultHelp: 'text', metavar: 'NAME' }),
  'ls-data-key': opt.string({ help: 'Label Studio task data key holding the text (<Text value="$KEY">)', defaultHelp: 'text', metavar: 'KEY' }),
};

/** Options of format writers (convert, dataset split/merge, annotate). */
export const writeFormatOptions = {
  docstart: opt.choice(DOCSTART_STYLES, {
    help: 'CoNLL document separators: conll2003 (-DOCSTART- -X- -X- O), spacy (-DOCSTART- -X- O O, the line spaCy splits documents on) or none',
    defaultHelp: 'as read, else -DOCSTART- between documents',
    metavar: 'STYLE',
  }),
};

type ReadValues = {
  offsets?: 'utf16' | 'codepoint';
  annotations?: 'selected' | 'all' | 'predictions';
  'ls-config'?: string;
  'ls-from-name'?: string;
  'ls-to-name'?: string;
  'ls-data-key'?: string;
  docstart?: FormatOptions['docstart'];
};

/** The FormatOptions of parsed values; names given as options win over the config's. */
export function formatOptionsOf(values: ReadValues): FormatOptions {
  const fromConfig = values['ls-config'] === undefined ? undefined : parseLabelingConfig(readTextFile(values['ls-config']), values['ls-config']);
  const labelstudio = {
    fromName: values['ls-from-name'] ?? fromConfig?.fromName,
    toName: values['ls-to-name'] ?? fromConfig?.toName,
    dataKey: values['ls-data-key'] ?? fromConfig?.dataKey,
  };
  const out: FormatOptions = {};
  if (values.offsets !== undefined) out.offsets = values.offsets;
  if (values.annotations !== undefined) out.annotations = values.annotations;
  if (values.docstart !== undefined) out.docstart = values.docstart;
  if (labelstudio.fromName !== undefined || labelstudio.toName !== undefined || labelstudio.dataKey !== undefined) out.labelstudio = labelstudio;
  return out;
}

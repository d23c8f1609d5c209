/**
 * The special tokens a tokenizer.json's post-processor puts around one
 * sequence (`[CLS] … [SEP]`, `<s> … </s>`), with their token type ids.
 */
import { UnsupportedTokenizer, type Json } from './json.js';

export interface Frame {
  prefix: number[];
  suffix: number[];
  prefixTypes: number[];
  suffixTypes: number[];
  /** Token type id of the sequence's own pieces. */
  typeId: number;
}

const NONE: Frame = { prefix: [], suffix: [], prefixTypes: [], suffixTypes: [], typeId: 0 };

export function readFrame(node: Json | null | undefined): Frame {
  if (node === null || node === undefined) return NONE;
  switch (node.type) {
    case 'TemplateProcessing':
      return template(node);
    case 'BertProcessing':
    case 'RobertaProcessing': {
      const cls = node.cls as [string, number] | undefined;
      const sep = node.sep as [string, number] | undefined;
      if (!Array.isArray(cls) || !Array.isArray(sep)) throw new UnsupportedTokenizer(`a ${node.type} without cls and sep`);
      return { prefix: [cls[1]], suffix: [sep[1]], prefixTypes: [0], suffixTypes: [0], typeId: 0 };
    }
    case 'ByteLevel':
      return NONE; // offsets only
    case 'Sequence': {
      const frames = ((node.processors as Json[] | undefined) ?? []).map(readFrame).filter((f) => f !== NONE);
      if (frames.length > 1) throw new UnsupportedTokenizer('a post-processor Sequence with several templates');
      return frames[0] ?? NONE;
    }
    default:
      throw new UnsupportedTokenizer(`the ${String(node.type)} post-processor`);
  }
}

function template(node: Json): Frame {
  const single = node.single as Json[] | undefined;
  const specials = (node.special_tokens ?? {}) as Record<string, { ids?: number[] }>;
  if (!Array.isArray(single)) throw new UnsupportedTokenizer('a TemplateProcessing without a single template');
  const frame: Frame = { prefix: [], suffix: [], prefixTypes: [], suffixTypes: [], typeId: 0 };
  let seen = false;
  for (const item of single) {
    if (item.Sequence) {
      seen = true;
      frame.typeId = Number((item.Sequence as Json).type_id ?? 0);
      continue;
    }
    const special = item.SpecialToken as Json | undefined;
    const ids = special ? specials[String(special.id)]?.ids : undefined;
    if (!special || !Array.isArray(ids)) throw new UnsupportedTokenizer(`the template item ${JSON.stringify(item)}`);
    const type = Number(special.type_id ?? 0);
    for (const id of ids) {
      (seen ? frame.suffix : frame.prefix).push(id);
      (seen ? frame.suffixTypes : frame.prefixTypes).push(type);
    }
  }
  return frame;
}

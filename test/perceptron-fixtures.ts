/**
 * Small hand-made Gujarati documents for the perceptron and file-annotator
 * tests: tokens separated by spaces, one sentence per line, entities from
 * IOB2 tags. Built by hand so these tests do not depend on the tokenizer.
 */
import type { Document, Entity, Sentence, Token } from '../src/doc/types.js';

export type TaggedToken = [token: string, tag: string];

/** A document whose tokens are the given ones (space-separated, sentences on lines). */
export function docFromTagged(id: string, sentences: TaggedToken[][]): Document {
  let text = '';
  const tokens: Token[] = [];
  const sents: Sentence[] = [];
  const entities: Entity[] = [];
  sentences.forEach((sent, s) => {
    if (s > 0) text += '\n';
    const sStart = text.length;
    let open: Entity | undefined;
    sent.forEach(([tok, tag], i) => {
      if (i > 0) text += ' ';
      const start = text.length;
      text += tok;
      tokens.push({ start, end: text.length, text: tok, kind: /^\p{P}+$/u.test(tok) ? 'punct' : /^[0-9૦-૯]+$/.test(tok) ? 'number' : 'word' });
      if (tag.startsWith('I-') && open && open.label === tag.slice(2)) {
        open.end = text.length;
      } else {
        if (open) entities.push(open);
        open = tag === 'O' ? undefined : { start, end: text.length, label: tag.slice(2) };
      }
    });
    if (open) entities.push(open);
    sents.push({ start: sStart, end: text.length, text: text.slice(sStart) });
  });
  for (const e of entities) e.text = text.slice(e.start, e.end);
  return { id, text, tokens, sentences: sents, entities };
}

/** Parses `token<TAB>tag` lines, blank line between sentences (WikiANN). */
export function parseTsv(text: string): TaggedToken[][] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').map((l) => l.split('\t') as TaggedToken));
}

const PEOPLE = ['ઇમરાન ખાન', 'સેરગેઈ લવરોવ', 'નરેન્દ્ર મોદી', 'જો બાઇડન', 'શી જિનપિંગ', 'અમિત શાહ'];
const PLACES = ['પાકિસ્તાન', 'રશિયા', 'ભારત', 'અમદાવાદ', 'ચીન', 'ગુજરાત', 'દિલ્હી'];
const ORGS = ['સંયુક્ત રાષ્ટ્ર', 'વિશ્વ બેંક', 'ભારતીય સેના'];

function tagged(name: string, type: string, ending = ''): TaggedToken[] {
  const words = name.split(' ');
  words[words.length - 1] += ending;
  return words.map((w, i) => [w, `${i === 0 ? 'B' : 'I'}-${type}`]);
}

/**
 * Deterministic synthetic news-like sentences: people meet in places, organisations
 * act, with case endings glued to the names (ના, માં, એ, ને).
 */
export function syntheticSentences(n: number): TaggedToken[][] {
  const out: TaggedToken[][] = [];
  for (let i = 0; i < n; i++) {
    const per = PEOPLE[i % PEOPLE.length];
    const loc = PLACES[(i * 3) % PLACES.length];
    const org = ORGS[(i * 5) % ORGS.length];
    const o = (w: string): TaggedToken => [w, 'O'];
    switch (i % 4) {
      case 0:
        out.push([...tagged(per, 'PER', 'ે'), ...tagged(loc, 'LOC', 'ની'), o('મુલાકાત'), o('લીધી'), o('.')]);
        break;
      case 1:
        out.push([...tagged(loc, 'LOC', 'માં'), ...tagged(org, 'ORG', 'ની'), o('બેઠક'), o('થઈ'), o('.')]);
        break;
      case 2:
        out.push([o('વડાપ્રધાન'), ...tagged(per, 'PER'), o('બુધવારે'), ...tagged(loc, 'LOC'), o('ગયા'), o('હતા'), o('.')]);
        break;
      default:
        out.push([...tagged(org, 'ORG', 'એ'), ...tagged(per, 'PER', 'ને'), o('આમંત્રણ'), o('આપ્યું'), o('.')]);
    }
  }
  return out;
}

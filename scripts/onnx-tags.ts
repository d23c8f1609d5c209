/**
 * Word tags gujnlp's ONNX annotator gives the sentences of text files, for
 * comparing with Python (scripts/onnx-python-tags.py):
 *
 *   node --import tsx scripts/onnx-tags.ts MODEL_DIR TEXT_FILE... > ours.json
 *   python3 scripts/onnx-python-tags.py MODEL_DIR < ours.json
 *
 * Prints {"sentences": [[word, ...], ...], "tags": [[tag, ...], ...]}: gujnlp's
 * tokens of each sentence and the IOB2 tags of its predicted entities.
 */
import { readFileSync } from 'node:fs';
import { loadOnnxAnnotator } from '../src/annotate/onnx/index.js';
import { documentFromText } from '../src/segment/document.js';
import { sentenceTokenRanges } from '../src/doc/sentences.js';
import type { Document } from '../src/doc/types.js';

const [model, ...files] = process.argv.slice(2);
if (model === undefined || files.length === 0) {
  process.stderr.write('usage: node --import tsx scripts/onnx-tags.ts MODEL_DIR TEXT_FILE...\n');
  process.exit(1);
}
const docs: Document[] = [];
for (const file of files) {
  const doc = documentFromText(file, readFileSync(file, 'utf8'));
  // one document per sentence, so that each is run as Python runs it: alone
  for (const r of sentenceTokenRanges(doc)) {
    const tokens = doc.tokens.slice(r.start, r.end);
    if (tokens.length === 0) continue;
    const start = tokens[0].start;
    const end = tokens[tokens.length - 1].end;
    const text = doc.text.slice(start, end);
    docs.push({
      id: `${file}:${docs.length}`,
      text,
      tokens: tokens.map((t) => ({ ...t, start: t.start - start, end: t.end - start })),
      sentences: [{ start: 0, end: text.length, text }],
      entities: [],
    });
  }
}
const annotator = await loadOnnxAnnotator(model);
const predicted = await annotator.annotateAll(docs);
const tags = docs.map((doc, i) => {
  const out = doc.tokens.map(() => 'O');
  for (const e of predicted[i]) {
    let first = true;
    doc.tokens.forEach((t, k) => {
      if (t.start >= e.start && t.end <= e.end) {
        out[k] = `${first ? 'B' : 'I'}-${e.label}`;
        first = false;
      }
    });
  }
  return out;
});
process.stdout.write(JSON.stringify({ sentences: docs.map((d) => d.tokens.map((t) => t.text)), tags }) + '\n');
await annotator.dispose();

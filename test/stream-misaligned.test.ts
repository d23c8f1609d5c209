/**
 * A streamed token-format writer counts every misaligned entity but keeps
 * only the first MISALIGNED_KEPT (memory must not grow with the corpus),
 * with texts that no longer point into the parts' texts.
 */
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPartWriter, MISALIGNED_KEPT } from '../src/stream/writers.js';
import { wholePart } from '../src/stream/parts.js';
import { documentFromText } from '../src/segment/document.js';

const dir = mkdtempSync(join(tmpdir(), 'gujnlp-misaligned-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

for (const format of ['conll', 'hf'] as const) {
  test(`${format}: all misaligned entities counted, the first ${MISALIGNED_KEPT} kept`, (t) => {
    const n = MISALIGNED_KEPT + 37;
    const writer = createPartWriter(join(dir, `out-${format}.${format === 'hf' ? 'jsonl' : 'conll'}`), { format, align: 'expand' });
    for (let i = 0; i < n; i++) {
      // `પાકિસ્તાનના`: the entity stops before the case ending, inside the token → expanded
      const doc = documentFromText(`d${i}`, 'હું પાકિસ્તાનના લોકોને મળ્યો.');
      const start = doc.text.indexOf('પાકિસ્તાન');
      doc.entities = [{ start, end: start + 'પાકિસ્તાન'.length, label: 'LOC', text: 'પાકિસ્તાન' }];
      writer.write(wholePart(doc, i));
    }
    const r = writer.end();
    t.is(r.counts.expanded, n);
    t.is(r.counts.contracted + r.counts.dropped, 0);
    t.is(r.misaligned.length, MISALIGNED_KEPT);
    t.deepEqual(
      r.misaligned.map((m) => m.doc),
      Array.from({ length: MISALIGNED_KEPT }, (_, i) => `d${i}`),
    );
    t.true(r.misaligned.every((m) => m.entity.text === 'પાકિસ્તાન'));
  });
}

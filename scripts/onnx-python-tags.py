#!/usr/bin/env python3
"""Compare gujnlp's word tags (scripts/onnx-tags.ts, JSON on stdin) with Python's.

Python's side: Hugging Face's fast tokenizer with is_split_into_words, the
same ONNX graph in onnxruntime, one sentence at a time, the first sub-word's
label, decoded as IOB2 (an I- after O or another type starts an entity).
Sentences over the model's limit are not compared (Python would truncate).
Needs `tokenizers`, `onnxruntime` and `numpy`. Prints the share of equal tags
and the first differences; exits 1 when any tag differs.
"""
import glob
import json
import os
import sys

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

model = sys.argv[1]
ours = json.load(sys.stdin)
tok = Tokenizer.from_file(os.path.join(model, 'tokenizer.json'))
onnx_file = next(f for f in [os.path.join(model, 'onnx', 'model.onnx'), os.path.join(model, 'model.onnx')] + glob.glob(os.path.join(model, '**', '*.onnx'), recursive=True) if os.path.exists(f))
sess = ort.InferenceSession(onnx_file)
inputs = [i.name for i in sess.get_inputs()]
config = json.load(open(os.path.join(model, 'config.json')))
id2label = config['id2label']
limit = config.get('max_position_embeddings', 512) - (2 if 'roberta' in config.get('model_type', '') else 0)

same = total = skipped = 0
diffs = []
for words, got in zip(ours['sentences'], ours['tags']):
    enc = tok.encode(words, is_pretokenized=True)
    if len(enc.ids) > limit:
        skipped += len(words)
        continue
    feeds = {'input_ids': np.array([enc.ids], dtype=np.int64), 'attention_mask': np.array([enc.attention_mask], dtype=np.int64)}
    if 'token_type_ids' in inputs:
        feeds['token_type_ids'] = np.array([enc.type_ids], dtype=np.int64)
    logits = sess.run(None, feeds)[0][0]
    tags = ['O'] * len(words)
    seen = set()
    for i, w in enumerate(enc.word_ids):
        if w is not None and w not in seen:
            seen.add(w)
            tags[w] = id2label[str(int(logits[i].argmax()))]
    prev = 'O'
    for i, t in enumerate(list(tags)):
        if t.startswith('I-') and (prev == 'O' or prev[2:] != t[2:]):
            tags[i] = 'B-' + t[2:]
        prev = t
    for w, a, b in zip(words, tags, got):
        total += 1
        same += a == b
        if a != b and len(diffs) < 10:
            diffs.append(f'{w}: Python {a}, gujnlp {b}')
print(f'{same}/{total} word tags equal ({skipped} words of sentences over {limit} pieces not compared)')
for d in diffs:
    print('  ' + d)
sys.exit(0 if same == total else 1)

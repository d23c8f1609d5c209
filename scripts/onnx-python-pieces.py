#!/usr/bin/env python3
"""Subword pieces Python gives each word, for test/fixtures/onnx/python-pieces.json.

Reads a JSON list of words on stdin (scripts/onnx-words.ts), and for every model
folder under the directory given (each with a tokenizer.json) encodes each word
as Hugging Face's fast tokenizer does with is_split_into_words (one word, no
special tokens). Needs the `tokenizers` package (pip install tokenizers).
"""
import json
import os
import sys

import tokenizers
from tokenizers import Tokenizer

words = json.load(sys.stdin)
root = sys.argv[1]
out = {'tokenizers': tokenizers.__version__, 'words': words, 'pieces': {}}
for name in sorted(os.listdir(root)):
    path = os.path.join(root, name, 'tokenizer.json')
    if not os.path.exists(path):
        continue
    tok = Tokenizer.from_file(path)
    out['pieces'][name] = [tok.encode([w], is_pretokenized=True, add_special_tokens=False).tokens for w in words]
json.dump(out, sys.stdout, ensure_ascii=False, separators=(',', ':'))
sys.stdout.write('\n')

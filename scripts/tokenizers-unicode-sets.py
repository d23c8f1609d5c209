#!/usr/bin/env python3
"""Regenerate src/annotate/onnx/tokenizer/unicode-sets.ts.

Hugging Face `tokenizers` (Rust) classifies characters with its own Unicode
tables (the `unicode_categories` and `unicode-normalization-alignments`
crates, older than the Unicode version of Node's ICU): e.g. U+0AFA GUJARATI
SIGN SUKUN is not a nonspacing mark there, so an uncased BERT keeps it. The
sets are therefore read off the real library, by probing every code point:

    python3 -m pip install tokenizers        # any 0.19+ release
    python3 scripts/tokenizers-unicode-sets.py > src/annotate/onnx/tokenizer/unicode-sets.ts
"""
import tokenizers
from tokenizers import normalizers, pre_tokenizers

clean = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=False, strip_accents=False, lowercase=False)
strip = normalizers.BertNormalizer(clean_text=False, handle_chinese_chars=False, strip_accents=True, lowercase=False)
accents = normalizers.StripAccents()
bert_pre = pre_tokenizers.BertPreTokenizer()

sets = {'removed': [], 'space': [], 'nonspacing': [], 'marks': [], 'punctuation': []}
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF:
        continue
    c = chr(cp)
    cleaned = clean.normalize_str(c)
    if cleaned == '':
        sets['removed'].append(cp)
    elif cleaned == ' ':
        sets['space'].append(cp)
    if strip.normalize_str(c) == '':
        sets['nonspacing'].append(cp)
    if accents.normalize_str(c) == '':
        sets['marks'].append(cp)
    parts = bert_pre.pre_tokenize_str('a' + c + 'b')
    if len(parts) == 3 and parts[1][0] == c:
        sets['punctuation'].append(cp)


def ranges(cps):
    out = []
    for c in cps:
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return ' '.join(f'{a:x}' if a == b else f'{a:x}-{b:x}' for a, b in out)


DOC = {
    'removed': "BertNormalizer clean_text deletes these (NUL, U+FFFD, Cc, Cf, Co in the library's tables).",
    'space': 'BertNormalizer clean_text turns these into U+0020.',
    'nonspacing': 'Nonspacing marks (Mn) as BertNormalizer strips them after NFD.',
    'marks': 'Combining marks (Mn, Mc, Me) as the StripAccents normalizer deletes them.',
    'punctuation': 'Characters BertPreTokenizer isolates (ASCII punctuation and P* categories).',
}
print('/**')
print(f' * Character classes of Hugging Face tokenizers {tokenizers.__version__}, read off the library')
print(' * by scripts/tokenizers-unicode-sets.py (generated: do not edit). Hex code point')
print(' * ranges, space-separated.')
print(' */')
for name, cps in sets.items():
    print(f'/** {DOC[name]} */')
    print(f"export const {name.upper()} = '{ranges(cps)}';")

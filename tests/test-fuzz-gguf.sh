#!/bin/sh
# test-fuzz-gguf.sh: libFuzzer (ASan + UBSan) on the GGUF reader and the tokenizer loader for
# 60 s (issue 3 asks for a minute in CI), from the small valid files and texts in
# tests/data/gguf (text is tokenized with $HUB_REFERENCE_DIR/tokenize/vocab-deepseek-llm.gguf).
exec sh "$top_srcdir/tests/run-fuzz.sh" tests/fuzz/fuzz-gguf 60 "$top_srcdir/tests/data/gguf"

#!/bin/sh
# test-fuzz-decode.sh: libFuzzer (ASan + UBSan) on the intent automaton and the resolver for 20 s
# from the seeds (fixture, utterance and line in one input).
exec sh "$top_srcdir/tests/run-fuzz.sh" tests/fuzz/fuzz-decode 20 "$top_srcdir/tests/fuzz/seeds/decode"

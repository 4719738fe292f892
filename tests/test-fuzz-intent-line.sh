#!/bin/sh
# test-fuzz-intent-line.sh: libFuzzer (ASan + UBSan) on the intent line parser/validator and the
# number and duration parsers for 20 s from the seeds.
exec sh "$top_srcdir/tests/run-fuzz.sh" tests/fuzz/fuzz-intent-line 20 "$top_srcdir/tests/fuzz/seeds/intent-line"

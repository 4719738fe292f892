#!/bin/sh
# test-fuzz-rules.sh: libFuzzer (ASan + UBSan) on rule files (YAML loader, rule checks, YAML
# writer round trip) for 20 s from the seeds.
exec sh "$top_srcdir/tests/run-fuzz.sh" tests/fuzz/fuzz-rules 20 "$top_srcdir/tests/fuzz/seeds/rules"

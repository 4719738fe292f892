#!/bin/sh
# test-fuzz-config.sh: libFuzzer (ASan + UBSan) on hubd's config parser for 20 s from the seeds.
exec sh "$top_srcdir/tests/run-fuzz.sh" tests/fuzz/fuzz-config 20 "$top_srcdir/tests/fuzz/seeds/config"

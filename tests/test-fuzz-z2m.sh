#!/bin/sh
# test-fuzz-z2m.sh: libFuzzer (ASan + UBSan + LSan) on the z2m plugin's payload parsing for 20 s,
# from seeds in tests/data/plugins/fuzz-seeds/z2m that reach its entities and actions.
exec sh "$top_srcdir/tests/run-fuzz.sh" tests/fuzz/fuzz-z2m 20 "$top_srcdir/tests/data/plugins/fuzz-seeds/z2m"

#!/bin/sh
# test-fuzz-hadisc.sh: libFuzzer (ASan + UBSan + LSan) on the hadisc plugin's payload parsing for 20 s,
# from seeds in tests/data/plugins/fuzz-seeds/hadisc that reach its entities and actions.
exec sh "$top_srcdir/tests/run-fuzz.sh" tests/fuzz/fuzz-hadisc 20 "$top_srcdir/tests/data/plugins/fuzz-seeds/hadisc"

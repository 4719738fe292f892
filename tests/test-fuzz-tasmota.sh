#!/bin/sh
# test-fuzz-tasmota.sh: libFuzzer (ASan + UBSan + LSan) on the tasmota plugin's payload parsing for 20 s,
# from seeds in tests/data/plugins/fuzz-seeds/tasmota that reach its entities and actions.
exec sh "$top_srcdir/tests/run-fuzz.sh" tests/fuzz/fuzz-tasmota 20 "$top_srcdir/tests/data/plugins/fuzz-seeds/tasmota"

#!/bin/sh
# test-fuzz-sim.sh: libFuzzer (ASan + UBSan) on hub-sim's MQTT message handlers and house loader
# for 20 s from seeds that reach every protocol's command topics.
exec sh "$top_srcdir/tests/run-fuzz.sh" tests/fuzz/fuzz-sim 20 "$top_srcdir/tests/fuzz/seeds/sim"

#!/bin/sh
# test-fuzz-web.sh: libFuzzer (ASan + UBSan) on the websocket API's message handling for 20 s
# from the seeds.
exec sh "$top_srcdir/tests/run-fuzz.sh" tests/fuzz/fuzz-web 20 "$top_srcdir/tests/fuzz/seeds/web"

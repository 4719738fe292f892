#!/bin/sh
# test-web-bench.sh: tools/bench-ws.sh works (a short run: 20 clients, 20 changes/s, 2 s) and
# every subscriber gets every change; its figures are printed in the log.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
out=$(HUB_BUILD_DIR=$top_builddir sh "$top_srcdir/tools/bench-ws.sh" -n 20 -r 20 -t 2 2>&1)
rc=$?
echo "$out"
[ $rc -eq 0 ] || { echo "FAIL: bench-ws exit status $rc"; exit 1; }
echo "$out" | grep -q "^delivered 800/800 state_changed events (0 missing)" ||
    { echo "FAIL: not every change reached every client"; exit 1; }
echo "$out" | grep -Eq "^latency ms .*p50 [0-9.]+  p99 [0-9.]+" || { echo "FAIL: no latency line"; exit 1; }
echo "$out" | grep -Eq "^hubd: cpu [0-9.]+% of one core, rss [0-9.]+ MiB" || { echo "FAIL: no hubd line"; exit 1; }
echo "ok: bench-ws short run"

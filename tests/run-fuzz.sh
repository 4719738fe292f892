#!/bin/sh
# run-fuzz.sh FUZZER SECONDS [SEED_DIR]: run a libFuzzer target (built with ASan + UBSan) for
# SECONDS (HUB_FUZZ_SECONDS overrides) from a copy of the seed corpus; fail on any crash, leak,
# or sanitizer report. Crash inputs are kept in tests/logs/. libFuzzer's own exit code for a crash
# is 77, the test runner's "skipped": -error_exitcode=1 makes a crash a failure.
fuzzer=$1; secs=${HUB_FUZZ_SECONDS:-$2}; seeds=$3
if [ ! -x "$fuzzer" ]; then
    echo "fuzzer $fuzzer was not built (configure found no clang)"; exit 1
fi
corpus=$(mktemp -d); trap 'rm -rf "$corpus"' EXIT
[ -n "$seeds" ] && [ -d "$seeds" ] && cp -r "$seeds"/. "$corpus"/
mkdir -p tests/logs
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
    "$fuzzer" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -error_exitcode=1 \
    -artifact_prefix=tests/logs/"$(basename "$fuzzer")"- "$corpus"

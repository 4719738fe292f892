#!/bin/sh
# tests/sanitize.sh: the sanitizer run of `./quickstart check`. Builds the tree a second time, out
# of tree from `make distdir` (the main build is in the source tree), with AddressSanitizer and
# UndefinedBehaviorSanitizer, then runs the unit and integration tests under them. It fails on a
# failing test and on any sanitizer report, including one from a process a script test started in
# the background (hubd, hub-sim), whose exit status no test sees: reports go to files, and any
# file found at the end is a failure.
#
# Run it from a configured build directory (quickstart: the source tree):
#   sh tests/sanitize.sh
# Left out: the libFuzzer targets (they are already built with ASan/UBSan and run by make check)
# and the slow robustness tests (kill -9, broker restarts, crash loops), which mostly measure
# time under load and would take most of the budget under ASan.
#   HUB_SANITIZE_DIR   where to build (default: ./sanitize-build; removed first)
#   HUB_SANITIZE_SKIP  more test-name substrings to leave out, space-separated
#   HUB_TEST_FILTER    run only tests whose name contains this (as tests/run-tests.sh)
set -eu

builddir=$(pwd)
if [ ! -f Makefile ]; then
    echo "sanitize: run me from a configured build directory (no Makefile in $builddir)" >&2
    exit 2
fi
work=${HUB_SANITIZE_DIR:-$builddir/sanitize-build}
jobs=${HUB_SANITIZE_JOBS:-2}
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -O1 -g"

# A variable of a Makefile, as make expands it: the last line of output, since make first
# regenerates a Makefile whose .mk fragments changed and says so.
make_var() {
    printf 'sanitize-print-var:\n\t@echo $(%s)\n' "$1" |
        make -s --no-print-directory -f Makefile -f - sanitize-print-var | tail -n 1
}

start=$(date +%s)
ref=$(make_var HUB_REFERENCE_DIR)
case "$work" in /*) ;; *) work=$builddir/$work ;; esac
rm -rf "$work"
mkdir -p "$work/build" "$work/reports"

echo "sanitize: copying the sources (make distdir) to $work/src"
make -s --no-print-directory distdir distdir="$work/src" >"$work/distdir.log" 2>&1 || {
    tail -n 20 "$work/distdir.log" >&2
    echo "sanitize: make distdir failed (a file missing from a .mk's lists?)" >&2
    exit 1
}

echo "sanitize: configuring with $san"
cd "$work/build"
if ! "$work/src/configure" -q --without-cuda --with-reference="$ref" CFLAGS="$san" \
    CXXFLAGS="$san" LDFLAGS="$san" >"$work/configure.log" 2>&1; then
    tail -n 20 "$work/configure.log" >&2
    echo "sanitize: configure failed (log: $work/configure.log)" >&2
    exit 1
fi

# The libFuzzer targets are left out of the build as well as the run.
scripts=
for s in $(make_var check_SCRIPTS); do
    case "$s" in tests/fuzz/*) ;; *) scripts="$scripts $s" ;; esac
done
tests=
for t in $(make_var HUB_TESTS); do
    case "$t" in
        tests/test-fuzz-* | *kill9* | *reconnect* | *crash*) continue ;;
    esac
    skip=
    for pat in ${HUB_SANITIZE_SKIP:-}; do
        case "$t" in *"$pat"*) skip=1 ;; esac
    done
    [ -n "$skip" ] && continue
    case " $tests " in *" $t "*) ;; *) tests="$tests $t" ;; esac
done

echo "sanitize: building (make -j$jobs)"
if ! make -j"$jobs" all >"$work/make.log" 2>&1; then
    grep -E 'error|Error' "$work/make.log" | head -n 20 >&2
    echo "sanitize: the sanitizer build failed (log: $work/make.log)" >&2
    exit 1
fi
if ! make -j"$jobs" check check_SCRIPTS="$scripts" HUB_TESTS= >"$work/make-check.log" 2>&1; then
    grep -E 'error|Error' "$work/make-check.log" | head -n 20 >&2
    echo "sanitize: building the tests failed (log: $work/make-check.log)" >&2
    exit 1
fi
built=$(date +%s)
echo "sanitize: built in $((built - start)) s; running $(echo "$tests" | wc -w) tests"

# halt_on_error: the first report ends the process; log_path: every report also lands in a file
# named after the process, so reports from background processes are not lost. Leaks count too.
ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:log_path=$work/reports/asan:${ASAN_OPTIONS:-}"
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$work/reports/ubsan:${UBSAN_OPTIONS:-}"
export ASAN_OPTIONS UBSAN_OPTIONS
rc=0
make -s --no-print-directory check-local HUB_TESTS="$tests" || rc=1
unset ASAN_OPTIONS UBSAN_OPTIONS

reports=$(find "$work/reports" -type f | sort)
if [ -n "$reports" ]; then
    rc=1
    for r in $reports; do
        echo "sanitize: report $r:"
        head -n 40 "$r" | sed 's/^/    | /'
    done
fi
echo "sanitize: $(echo "$reports" | grep -c . || true) sanitizer reports," \
    "$(($(date +%s) - start)) s in all"
[ $rc -eq 0 ] && echo "sanitize: passed" || echo "sanitize: FAILED"
exit $rc

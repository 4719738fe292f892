#!/bin/sh
# run-tests.sh: runs every test named on the command line (programs or scripts, relative to
# the build dir), one log per test in tests/logs/, and ends with "N passed, N failed, N skipped".
# A test exits 0 to pass, 77 to skip (its last output line says why), anything else to fail.
# HUB_TEST_FILTER=substring runs only the matching tests.
mkdir -p tests/logs
pass=0 fail=0 skip=0 failed=""
for t in "$@"; do
    case "$t" in *"${HUB_TEST_FILTER:-}"*) ;; *) continue ;; esac
    name=$(echo "$t" | sed 's|/|_|g')
    log="tests/logs/$name.log"
    if [ -x "$t" ]; then cmd="./$t"; elif [ -f "$top_srcdir/$t" ]; then cmd="$top_srcdir/$t"; else cmd="./$t"; fi
    start=$(date +%s%N)
    case "$cmd" in
        *.sh) timeout 900 sh "$cmd" >"$log" 2>&1 ;;
        *.js) timeout 900 node "$cmd" >"$log" 2>&1 ;;
        *) timeout 900 "$cmd" >"$log" 2>&1 ;;
    esac
    rc=$?
    secs=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
    if [ $rc -eq 0 ]; then
        pass=$((pass + 1)); printf 'PASS: %s (%ss)\n' "$t" "$secs"
    elif [ $rc -eq 77 ]; then
        skip=$((skip + 1)); printf 'SKIP: %s: %s\n' "$t" "$(tail -n 1 "$log")"
    else
        fail=$((fail + 1)); failed="$failed $t"
        printf 'FAIL: %s (exit %d, log %s)\n' "$t" $rc "$log"
        tail -n 30 "$log" | sed 's/^/    | /'
    fi
done
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]

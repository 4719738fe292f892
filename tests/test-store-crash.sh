#!/bin/sh
# test-store-crash.sh: kills tests/store-crash-writer with SIGKILL at 20 random moments while it
# writes registry rows, states and history batches as fast as it can; after every kill the
# database must pass PRAGMA integrity_check, reopen (the flock died with the writer), and hold
# every row of every batch committed before the kill (store-crash-writer check).
set -u
writer=./tests/store-crash-writer
[ -x "$writer" ] || { echo "missing $writer (make tests/store-crash-writer)"; exit 1; }
dir=$(mktemp -d /tmp/test-store-crash.XXXXXX) || exit 1
db="$dir/hub.db"
progress="$dir/progress"
kills=${STORE_CRASH_KILLS:-20}
prev=-1
i=1
while [ "$i" -le "$kills" ]; do
    # 30..529 ms: long enough for real progress, short enough to land anywhere in a batch.
    r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
    ms=$((30 + r % 500))
    "$writer" write "$db" "$progress" &
    pid=$!
    sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
    if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid"
        echo "kill $i: the writer died by itself (exit $?) before the kill"
        exit 1
    fi
    kill -KILL "$pid"
    wait "$pid" 2>/dev/null
    printf 'kill %2d after %3d ms: ' "$i" "$ms"
    if ! "$writer" check "$db" "$progress"; then
        echo "FAIL after kill $i; files kept in $dir"
        exit 1
    fi
    last=$(tail -n 1 "$progress" 2>/dev/null || echo -1)
    [ -n "$last" ] || last=-1
    if [ "$last" -lt "$prev" ]; then
        echo "progress went backwards: $prev -> $last"
        exit 1
    fi
    prev=$last
    i=$((i + 1))
done
# The test only means something if the writer got far: many batches, slots overwritten.
if [ "$prev" -lt 200 ]; then
    echo "only $((prev + 1)) batches committed in $kills runs: too few to prove anything"
    exit 1
fi
echo "$kills kills, $((prev + 1)) batches committed, database intact every time"
rm -rf "$dir"

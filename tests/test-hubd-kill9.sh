#!/bin/sh
# test-hubd-kill9.sh: hubd killed with kill -9 twenty times during heavy ingest. A real
# mosquitto, a publisher (tools/bench-ingest --publish-only: a retained zigbee2mqtt device list
# of 1000 devices, then a steady stream of state changes), and hubd on one SQLite file. After
# every kill: the database opens through the store (so the dead hubd's lock is gone), PRAGMA
# integrity_check is ok, every registry record is a JSON object with a name, and once hubd has
# registered all 1000 entities the registry (ids and names) stays exactly the same through
# every later kill; history only grows; each restarted hubd comes up on the same database.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
hubd=$top_builddir/hubd/hubd
load=$top_builddir/tools/bench-ingest
inspect=$top_builddir/tests/store-crash-writer
for p in "$hubd" "$load" "$inspect"; do
    [ -x "$p" ] || { echo "missing $p (build it first)"; exit 1; }
done
[ -f "$top_srcdir/tests/lib-broker.sh" ] || { echo "missing tests/lib-broker.sh"; exit 1; }
. "$top_srcdir/tests/lib-broker.sh"

N=1000
KILLS=${HUB_KILL9_ROUNDS:-20}
RATE=${HUB_KILL9_RATE:-6000}
dir=$(mktemp -d /tmp/test-hubd-kill9.XXXXXX) || exit 1
db="$dir/hub.db"
load_pid=
hubd_pid=

cleanup() {
    [ -n "$hubd_pid" ] && kill -KILL "$hubd_pid" 2>/dev/null && wait "$hubd_pid" 2>/dev/null
    [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null && wait "$load_pid" 2>/dev/null
    broker_stop
}
fail() {
    echo "FAIL: $*"
    for f in "$dir"/hubd.*.log; do [ -f "$f" ] && { echo "--- $f"; tail -n 15 "$f"; }; done
    echo "files kept in $dir"
    cleanup
    exit 1
}
rand() { # rand N: 0..N-1
    echo $(($(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1))
}

broker_start || { echo "cannot start mosquitto"; exit 1; }
"$load" --mqtt "127.0.0.1:$BROKER_PORT" --publish-only --entities $N --rate "$RATE" \
    --seconds 600 >"$dir/load.log" 2>&1 &
load_pid=$!

full_digest=
prev_hist=0
i=1
while [ "$i" -le "$KILLS" ]; do
    rm -f "$dir/ready"
    t0=$(date +%s%N)
    "$hubd" --mqtt "127.0.0.1:$BROKER_PORT" --db "$db" --ready-file "$dir/ready" \
        --log-level warn >"$dir/hubd.$i.log" 2>&1 &
    hubd_pid=$!
    n=0
    while [ ! -f "$dir/ready" ]; do
        if ! kill -0 "$hubd_pid" 2>/dev/null; then
            wait "$hubd_pid"
            rc=$?
            hubd_pid=
            fail "run $i: hubd exited ($rc) before it was ready"
        fi
        n=$((n + 1))
        [ $n -gt 200 ] && fail "run $i: hubd not ready after 20 s"
        sleep 0.1
    done
    up_ms=$((($(date +%s%N) - t0) / 1000000))
    # Heavy ingest for 0.2..2.2 s, then kill -9 wherever hubd is (parsing, in a history
    # flush, rewriting the registry from the retained device list, checkpointing the WAL).
    ms=$((200 + $(rand 2000)))
    sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
    kill -0 "$load_pid" 2>/dev/null || fail "the publisher died: $(tail -n 3 "$dir/load.log")"
    kill -KILL "$hubd_pid" || fail "run $i: hubd was gone before the kill"
    wait "$hubd_pid" 2>/dev/null
    hubd_pid=
    out=$("$inspect" inspect "$db" 2>&1) || fail "after kill $i: $out"
    ents=$(echo "$out" | sed -n 's/.*entities=\([0-9]*\).*/\1/p')
    digest=$(echo "$out" | sed -n 's/.*digest=\([0-9a-f]*\).*/\1/p')
    hist=$(echo "$out" | sed -n 's/.*history=\([0-9]*\).*/\1/p')
    printf 'kill %2d (up in %4d ms, killed after %4d ms): %s\n' "$i" "$up_ms" "$ms" "$out"
    if [ -n "$full_digest" ]; then
        [ "$ents" -eq $N ] || fail "after kill $i: $ents entities, had $N"
        [ "$digest" = "$full_digest" ] || fail "after kill $i: registry changed ($digest, was $full_digest)"
    elif [ "$ents" -eq $N ]; then
        full_digest=$digest
    elif [ "$ents" -gt $N ]; then
        fail "after kill $i: $ents entities, more than the $N devices"
    fi
    [ "$hist" -ge "$prev_hist" ] || fail "after kill $i: history shrank from $prev_hist to $hist"
    prev_hist=$hist
    i=$((i + 1))
done
[ -n "$full_digest" ] || fail "hubd never had all $N entities in its database"
[ "$prev_hist" -gt 1000 ] || fail "only $prev_hist history rows: no real ingest, the kills proved nothing"
echo "$KILLS kills under ~$RATE msg/s: integrity ok every time, registry of $N entities intact, $prev_hist history rows"
cleanup
rm -rf "$dir"

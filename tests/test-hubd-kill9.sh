#!/bin/sh
# test-hubd-kill9.sh: hubd is killed with SIGKILL 20 times while a zigbee2mqtt load (200 devices,
# ~3000 state messages/s from tools/bench-ingest --publish-only) streams in. After every kill
# the database must pass PRAGMA integrity_check, the registry must still hold every entity seen
# so far, history must only grow, and the next hubd must start on it (the instance lock is
# released with the dead process).
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
HUBD=$top_builddir/hubd/hubd
LOAD=$top_builddir/tools/bench-ingest
KILLS=${HUB_KILL9_ROUNDS:-20}
N=200
for f in "$HUBD" "$LOAD" "$top_builddir/plugins/.libs/zigbee2mqtt.so"; do
    [ -e "$f" ] || { echo "FAIL: $f is not built"; exit 1; }
done
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 (the CLI) is not installed"; exit 1; }
. "$top_srcdir/tests/lib-broker.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/test-hubd-kill9.XXXXXX")
HUBD_PID= LOAD_PID=
cleanup() {
    for p in $LOAD_PID $HUBD_PID; do kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    broker_stop
    rm -rf "$T"
}
trap cleanup EXIT
mkdir -p "$T/plugins"
cp "$top_builddir/plugins/.libs/zigbee2mqtt.so" "$T/plugins/"
broker_start || { echo "FAIL: no broker"; exit 1; }
M=127.0.0.1:$BROKER_PORT

"$LOAD" --publish-only --mqtt "$M" --entities $N --rate 3000 --seconds 120 >"$T/load.log" 2>&1 &
LOAD_PID=$!

db=$T/hub.db
fails=0 max_entities=0 last_history=0 round=0
while [ $round -lt "$KILLS" ]; do
    round=$((round + 1))
    rm -f "$T/ready"
    "$HUBD" --mqtt "$M" --db "$db" --plugins "$T/plugins" --ready-file "$T/ready" \
        --log-level warn >>"$T/hubd.log" 2>&1 &
    HUBD_PID=$!
    i=0
    while [ ! -f "$T/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    if [ ! -f "$T/ready" ]; then
        echo "FAIL: round $round: hubd did not start"; tail -5 "$T/hubd.log"; fails=$((fails + 1)); break
    fi
    # Run for 0.3-1.2 s of ingest, then kill at whatever it is doing.
    sleep "$(awk -v r=$round 'BEGIN { srand(r * 7919); printf "%.2f", 0.3 + rand() * 0.9 }')"
    kill -9 $HUBD_PID; wait $HUBD_PID 2>/dev/null; HUBD_PID=
    ic=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
    ents=$(sqlite3 "$db" 'SELECT count(*) FROM entities' 2>&1)
    hist=$(sqlite3 "$db" 'SELECT count(*) FROM history' 2>&1)
    bad_rec=$(sqlite3 "$db" "SELECT count(*) FROM entities WHERE json_valid(record) = 0 OR json_extract(record, '$.plugin') IS NOT 'zigbee2mqtt'" 2>&1)
    echo "round $round: integrity_check $ic, entities $ents, history rows $hist"
    if [ "$ic" != ok ]; then echo "FAIL: round $round: integrity_check: $ic"; fails=$((fails + 1)); fi
    if [ "$ents" -lt "$max_entities" ] 2>/dev/null; then
        echo "FAIL: round $round: registry shrank from $max_entities to $ents"; fails=$((fails + 1))
    fi
    [ "$ents" -gt "$max_entities" ] 2>/dev/null && max_entities=$ents
    if [ "$hist" -lt "$last_history" ] 2>/dev/null; then
        echo "FAIL: round $round: history shrank"; fails=$((fails + 1))
    fi
    last_history=$hist
    [ "$bad_rec" = 0 ] || { echo "FAIL: round $round: $bad_rec unreadable registry records"; fails=$((fails + 1)); }
done
kill $LOAD_PID 2>/dev/null; wait $LOAD_PID 2>/dev/null; LOAD_PID=
if [ "$max_entities" -lt $N ]; then
    echo "FAIL: the registry never held all $N devices (max $max_entities)"; fails=$((fails + 1))
fi
[ "$last_history" -gt 1000 ] || { echo "FAIL: only $last_history history rows: no real ingest"; fails=$((fails + 1)); }
[ $fails -eq 0 ] || { tail -20 "$T/hubd.log"; exit 1; }
echo "$KILLS kills during ingest: integrity ok every time, registry intact ($max_entities entities), $last_history history rows"

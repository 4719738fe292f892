#!/bin/sh
# test-hubd-demo.sh: tools/demo.sh (what ./quickstart runs) brings up the demo home: hubd with
# its own broker and hub-sim; hubctl drives a simulated lamp; then SIGTERM to demo.sh stops
# hub-sim, hubd and the broker, leaving no process behind.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
HUBCTL=$top_builddir/hubd/hubctl
T=$(mktemp -d "${TMPDIR:-/tmp}/test-hubd-demo.XXXXXX")
DEMO=
cleanup() {
    [ -n "$DEMO" ] && kill "$DEMO" 2>/dev/null && wait "$DEMO" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
. "$top_srcdir/tests/lib-hub-test.sh" # ok, bad

HUB_BUILD_DIR=$top_builddir HUB_DEMO_DIR=$T/demo bash "$top_srcdir/tools/demo.sh" >"$T/demo.out" 2>&1 &
DEMO=$!
i=0
while ! grep -q "Ctrl-C stops everything" "$T/demo.out" && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
grep -q "Ctrl-C stops everything" "$T/demo.out" || { echo "FAIL: demo did not come up"; cat "$T/demo.out"; exit 1; }
mqtt=$(sed -n 's/.*MQTT broker: *\([0-9.]*:[0-9]*\).*/\1/p' "$T/demo.out")
hubd_pid=$(sed -n 's/.*hubd pid \([0-9]*\),.*/\1/p' "$T/demo.out")
sim_pid=$(sed -n 's/.*hub-sim pid \([0-9]*\)).*/\1/p' "$T/demo.out")
broker_pid=$(sed -n 's/.*started .*mosquitto (pid \([0-9]*\)).*/\1/p' "$T/demo.out")
ok "demo up: broker $mqtt (pid $broker_pid), hubd pid $hubd_pid, hub-sim pid $sim_pid"
[ -n "$mqtt" ] && [ -n "$hubd_pid" ] && [ -n "$sim_pid" ] && [ -n "$broker_pid" ] || bad "demo output incomplete"

i=0
until "$HUBCTL" --mqtt "$mqtt" state light.bedside_lamp_1 >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
out=$("$HUBCTL" --mqtt "$mqtt" call light.bedside_lamp_1 turn_on brightness=40 2>&1)
[ "$out" = ok ] && ok "hubctl call in the demo: ok" || bad "call: '$out'"
i=0
until "$HUBCTL" --mqtt "$mqtt" state light.bedside_lamp_1 2>/dev/null | grep -q '"brightness": 40' || [ $i -ge 50 ]; do
    sleep 0.1; i=$((i + 1))
done
[ $i -lt 50 ] && ok "lamp state followed" || bad "lamp state: $("$HUBCTL" --mqtt "$mqtt" state light.bedside_lamp_1 2>&1)"
n=$("$HUBCTL" --mqtt "$mqtt" devices | grep -c '^[a-z_]*\.')
[ "$n" -ge 25 ] && ok "$n entities in the demo house" || bad "only $n entities in the demo house"

kill -TERM "$DEMO"; wait "$DEMO"; rc=$?; DEMO=
[ $rc -eq 143 ] && ok "demo.sh stopped on SIGTERM" || bad "demo.sh exit status $rc"
for p in $hubd_pid $sim_pid $broker_pid; do
    if kill -0 "$p" 2>/dev/null; then bad "process $p is still running"; ps -o pid,args -p "$p"; fi
done
grep -q "hubd: stopped cleanly" "$T/demo.out" && ok "hubd stopped cleanly" || bad "hubd did not stop cleanly"
[ $fails -eq 0 ] && ok "no process left behind" || { tail -30 "$T/demo.out"; exit 1; }

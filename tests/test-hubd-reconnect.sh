#!/bin/sh
# test-hubd-reconnect.sh: the broker is restarted 20 times while hub-sim publishes its house
# and hub/call commands flow (QoS 1, each sent once, by a client that reconnects by itself).
# hubd must reconnect every time (the times are printed) and answer every command: none lost;
# afterwards a command to a simulated lamp still reaches it and hub/state follows. The broker keeps sessions across its
# restarts (persistence), as a production broker does; hubd's own queue and libmosquitto's
# in-flight QoS 1 messages cover the rest.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
HUBD=$top_builddir/hubd/hubd
HUBCTL=$top_builddir/hubd/hubctl
SIM=$top_builddir/tools/hub-sim
CALLGEN=$top_builddir/tests/hubd-callgen
RESTARTS=${HUB_RECONNECT_RESTARTS:-20}
for f in "$HUBD" "$HUBCTL" "$SIM" "$CALLGEN" "$top_builddir/tests/plugins/.libs/tp_good.so" \
    "$top_builddir/plugins/.libs/zigbee2mqtt.so"; do
    [ -e "$f" ] || { echo "FAIL: $f is not built"; exit 1; }
done
. "$top_srcdir/tests/lib-broker.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/test-hubd-reconnect.XXXXXX")
HUBD_PID= GEN_PID= SIM_PID=
cleanup() {
    for p in $GEN_PID $SIM_PID $HUBD_PID; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    broker_stop
    rm -rf "$T"
}
trap cleanup EXIT
mkdir -p "$T/plugins" "$T/broker"
cp "$top_builddir/tests/plugins/.libs/tp_good.so" "$top_builddir"/plugins/.libs/*.so "$T/plugins/"
BROKER_EXTRA="persistence true
persistence_location $T/broker/
autosave_interval 1"
broker_start || { echo "FAIL: no broker"; exit 1; }
M=127.0.0.1:$BROKER_PORT

"$HUBD" --mqtt "$M" --db "$T/hub.db" --plugins "$T/plugins" --ready-file "$T/ready" \
    >"$T/hubd.log" 2>&1 &
HUBD_PID=$!
i=0
while [ ! -f "$T/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -f "$T/ready" ] || { echo "FAIL: hubd did not connect"; cat "$T/hubd.log"; exit 1; }
"$SIM" --mqtt "$M" --sensor-period 1 --tele-period 1 >"$T/sim.log" 2>&1 &
SIM_PID=$!
i=0
until "$HUBCTL" --mqtt "$M" state light.bedside_lamp_1 >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done

"$CALLGEN" --mqtt "$M" --entity switch.test_plug --count 600 --interval-ms 20 --timeout 30 \
    >"$T/callgen.out" 2>&1 &
GEN_PID=$!
sleep 0.5
r=0
while [ $r -lt "$RESTARTS" ]; do
    broker_restart || { echo "FAIL: broker did not restart"; exit 1; }
    r=$((r + 1))
    sleep 0.4
done
wait $GEN_PID; gen_rc=$?; GEN_PID=
cat "$T/callgen.out"

# After all that, the house still works end to end.
sleep 1
out=$("$HUBCTL" --mqtt "$M" --timeout 10 call light.bedside_lamp_1 turn_on brightness=40 2>&1)
i=0
until "$HUBCTL" --mqtt "$M" state light.bedside_lamp_1 2>/dev/null | grep -q '"brightness": 40' || [ $i -ge 50 ]; do
    sleep 0.1; i=$((i + 1))
done
lamp_ok=$([ "$out" = ok ] && [ $i -lt 50 ] && echo yes)
echo "after the restarts: hubctl call light.bedside_lamp_1 turn_on brightness=40: $out; state followed: ${lamp_ok:-no}"
kill $SIM_PID; wait $SIM_PID 2>/dev/null; SIM_PID=
kill -TERM $HUBD_PID; wait $HUBD_PID; hub_rc=$?; HUBD_PID=

n=$(grep -c "mqtt: reconnected to" "$T/hubd.log")
echo "hubd reconnected $n times after $RESTARTS broker restarts; time to reconnect (ms):"
grep -o "reconnected to [^ ]* after [0-9]* ms" "$T/hubd.log" | awk '{print $5}' | sort -n |
    awk '{a[NR]=$1; s+=$1} END { if (NR) printf "  min %d, median %d, max %d, mean %.0f\n", a[1], a[int((NR+1)/2)], a[NR], s/NR }'
fails=0
[ "$n" -ge "$RESTARTS" ] || { echo "FAIL: only $n reconnects"; fails=1; }
[ $gen_rc -eq 0 ] || { echo "FAIL: commands were lost"; fails=1; }
grep -q "sent 600 calls, answered 600 (600 ok)" "$T/callgen.out" || { echo "FAIL: not every call succeeded"; fails=1; }
[ $hub_rc -eq 0 ] || { echo "FAIL: hubd exit status $hub_rc"; fails=1; }
[ "$lamp_ok" = yes ] || { echo "FAIL: the simulated lamp did not follow after the restarts"; fails=1; }
if [ $fails -ne 0 ]; then tail -30 "$T/hubd.log"; exit 1; fi
echo "no command lost across $RESTARTS broker restarts"

#!/bin/sh
# test-hubd-reconnect.sh: the broker is restarted 20 times while hub-sim publishes its house
# and hub/call commands flow (QoS 1, by a client that reconnects by itself); hubd must reconnect
# every time (the times are printed) and answer every command: none lost. Two rounds:
#   1. the broker keeps sessions across restarts (persistence, as a production broker does);
#      every other restart is a crash (SIGKILL: what was not saved in the last second is gone).
#      hubd's queue and libmosquitto's in-flight QoS 1 messages cover a clean stop; after a crash
#      the client sends a call that got no answer in 2 s again, with the same id (--retry-ms),
#      and hubd answers a repeated id from memory without running it twice.
#   2. no persistence, every restart a SIGKILL: the broker forgets every session, so a call sent
#      before hubd subscribed again (or an answer before the client did) is dropped by the broker
#      although its QoS 1 handshake succeeded; the client's retries cover that.
# Afterwards a command to a simulated lamp still reaches it and hub/state follows.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
CALLGEN=$top_builddir/tests/hubd-callgen
TP_GOOD=$top_builddir/tests/plugins/.libs/tp_good.so
RESTARTS=${HUB_RECONNECT_RESTARTS:-20}
. "$top_srcdir/tests/lib-broker.sh"
. "$top_srcdir/tests/lib-hub-test.sh"
hub_test_begin test-hubd-reconnect "$CALLGEN" "$TP_GOOD"
mkdir -p "$T/plugins" "$T/broker"
cp "$TP_GOOD" "$PLUGINS"/*.so "$T/plugins/"
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

# round NAME SIGNALS CALLGEN_ARGS...: RESTARTS restarts, the signal of each taken in turn from
# SIGNALS, while callgen sends 500 calls; sets gen_rc and leaves callgen's report in $T/NAME.out.
round() {
    name=$1 sigs=$2; shift 2
    "$CALLGEN" --mqtt "$M" --entity switch.test_plug --count 500 --interval-ms 20 --timeout 30 \
        "$@" >"$T/$name.out" 2>&1 &
    CLIENT_PID=$!
    sleep 0.5
    r=0
    while [ $r -lt "$RESTARTS" ]; do
        set -- $sigs
        shift $((r % $#))
        before=$(grep -c "mqtt: reconnected to" "$T/hubd.log")
        broker_restart "$1" || { echo "FAIL: broker did not restart after SIG$1"; exit 1; }
        r=$((r + 1))
        # hubd must be back before the next crash (10 s at most), then traffic flows a while
        i=0
        while [ "$(grep -c "mqtt: reconnected to" "$T/hubd.log")" -le "$before" ] &&
            [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
        sleep 0.3
    done
    wait $CLIENT_PID; gen_rc=$?; CLIENT_PID=
    echo "round $name ($RESTARTS restarts by SIG$(echo $sigs | sed 's| |/SIG|g')):"
    sed 's/^/  /' "$T/$name.out"
}
fails=0
round persistent "TERM KILL" --retry-ms 2000
grep -q "sent 500 calls, answered 500 (500 ok)" "$T/persistent.out" && [ $gen_rc -eq 0 ] ||
    { echo "FAIL: calls lost with a persistent broker"; fails=1; }
n1=$(grep -c "mqtt: reconnected to" "$T/hubd.log")
# Round 2: the broker forgets everything at each restart.
BROKER_EXTRA="persistence false"
round volatile "KILL" --retry-ms 2000
grep -q "sent 500 calls, answered 500 (500 ok)" "$T/volatile.out" && [ $gen_rc -eq 0 ] ||
    { echo "FAIL: calls lost with a broker without persistence"; fails=1; }

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
echo "hubd reconnected $n times after $((2 * RESTARTS)) broker restarts; time to reconnect (ms):"
grep -o "reconnected to [^ ]* after [0-9]* ms" "$T/hubd.log" | awk '{print $5}' | sort -n |
    awk '{a[NR]=$1; s+=$1} END { if (NR) printf "  min %d, median %d, max %d, mean %.0f\n", a[1], a[int((NR+1)/2)], a[NR], s/NR }'
[ "$n1" -ge "$RESTARTS" ] || { echo "FAIL: only $n1 reconnects in round 1"; fails=1; }
[ "$n" -ge $((2 * RESTARTS)) ] || { echo "FAIL: only $n reconnects"; fails=1; }
[ $hub_rc -eq 0 ] || { echo "FAIL: hubd exit status $hub_rc"; fails=1; }
[ "$lamp_ok" = yes ] || { echo "FAIL: the simulated lamp did not follow after the restarts"; fails=1; }
if [ $fails -ne 0 ]; then tail -30 "$T/hubd.log"; exit 1; fi
echo "no command lost across $((2 * RESTARTS)) broker restarts"

#!/bin/sh
# test-hubd.sh: hubd end to end with real parts: a mosquitto broker on a free port, the built
# plugins, hub-sim's demo house, hubctl. Checks: config errors name file:line; hubctl call
# reaches the simulated device and hub/state follows; hub/status online/offline; bad hub/call
# answered, hub unharmed; a second hubd on the same database refused; clean SIGTERM; registry and
# last states back after a restart; the broker hubd spawns itself is gone after it stops.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
HOUSE=$top_srcdir/data/houses/demo.json
LAMP=light.bedside_lamp_1
LAMP_TOPIC="zigbee2mqtt/Bedside Lamp 1"
. "$top_srcdir/tests/lib-broker.sh"
. "$top_srcdir/tests/lib-hub-test.sh"
hub_test_begin test-hubd sqlite3

# ---- 1. configuration errors name the file and the line ----
printf '[mqtt]\nhost = 127.0.0.1\n\n[store]\nhistory_retention_days = -3\n' >"$T/bad.conf"
out=$("$HUBD" -c "$T/bad.conf" --check-config 2>&1); rc=$?
if [ $rc -eq 2 ] && echo "$out" | grep -q "$T/bad.conf:5: \[store\] history_retention_days: -3 is out of range"; then
    ok "config error names file:line ($out)"
else bad "bad config: rc $rc, '$out'"; fi
printf '[mqtt]\nhost = 127.0.0.1\nport = 1884\n[log]\nlevel = warn\n' >"$T/good.conf"
out=$("$HUBD" -c "$T/good.conf" --mqtt 127.0.0.1:2999 --check-config 2>&1); rc=$?
if [ $rc -eq 0 ] && echo "$out" | grep -q "mqtt 127.0.0.1:2999"; then ok "--check-config, flag overrides file"
else bad "good config: rc $rc, '$out'"; fi
out=$("$HUBD" --mqtt "host:notaport" --check-config 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "port must be a number" && ok "bad --mqtt refused" || bad "bad --mqtt: rc $rc '$out'"
out=$("$HUBD" -c "$T/missing.conf" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "missing.conf: cannot open" && ok "missing config file" || bad "missing config: rc $rc '$out'"

# ---- 2. hubd + hub-sim on a real broker ----
broker_start || { echo "FAIL: no broker"; exit 1; }
M=127.0.0.1:$BROKER_PORT
start_hubd() { # start_hubd EXTRA_ARGS...
    rm -f "$T/ready"
    "$HUBD" --mqtt "$M" --db "$T/hub.db" --house "$HOUSE" --ready-file "$T/ready" "$@" \
        >>"$T/hubd.log" 2>&1 &
    HUBD_PID=$!
    wait_until 100 test -f "$T/ready"
}
start_hubd --plugins "$PLUGINS" || { bad "hubd did not connect"; cat "$T/hubd.log"; exit 1; }
ok "hubd connected to $M"
"$SIM" --mqtt "$M" >"$T/sim.log" 2>&1 &
SIM_PID=$!
if wait_until 100 sh -c "'$HUBCTL' --mqtt $M state $LAMP"; then ok "hub-sim's $LAMP registered"
else bad "$LAMP never appeared"; tail -20 "$T/hubd.log"; fi
n=$("$HUBCTL" --mqtt "$M" devices | grep -c '^[a-z_]*\.')
[ "$n" -ge 10 ] && ok "hubctl devices lists $n entities" || bad "hubctl devices lists $n entities"
status=$(mosquitto_sub -h 127.0.0.1 -p "$BROKER_PORT" -t hub/status -C 1 -W 3 2>/dev/null)
[ "$status" = online ] && ok "hub/status is online (retained)" || bad "hub/status is '$status'"

# The call: device reports on, hub/state follows.
mosquitto_sub -h 127.0.0.1 -p "$BROKER_PORT" -t "$LAMP_TOPIC" -C 1 -W 10 >"$T/device.out" 2>&1 &
CLIENT_PID=$!
sleep 0.3
out=$("$HUBCTL" --mqtt "$M" call $LAMP turn_on brightness=40 2>&1)
[ "$out" = ok ] && ok "hubctl call $LAMP turn_on brightness=40: ok" || bad "call answered '$out'"
wait $CLIENT_PID; CLIENT_PID=
grep -q '"state":"ON"' "$T/device.out" && ok "device reported $(cat "$T/device.out")" ||
    bad "device report: $(cat "$T/device.out")"
lamp_is_on_40() {
    "$HUBCTL" --mqtt "$M" state $LAMP | tr -d ' \n' | grep -q '"state":"on","attributes":{[^}]*"brightness":40'
}
if wait_until 50 lamp_is_on_40; then ok "hub/state/$LAMP follows: on, brightness 40"
else bad "state: $("$HUBCTL" --mqtt "$M" state $LAMP)"; fi
ret=$(mosquitto_sub -h 127.0.0.1 -p "$BROKER_PORT" -t "hub/state/$LAMP" -C 1 -W 3 -F '%r %p' 2>/dev/null)
case "$ret" in 1\ *'"state":"on"'*'"name":"Bedside Lamp 1"'*'"area":"Bedroom"'*'"domain":"light"'*'"last_changed"'*)
    ok "retained hub/state payload: $ret";;
*) bad "retained hub/state: '$ret'";; esac

# Errors come back as answers; bad requests do not hurt the hub.
out=$("$HUBCTL" --mqtt "$M" call light.no_such_lamp turn_on 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "unknown entity" && ok "unknown entity: $out" || bad "unknown entity: rc $rc '$out'"
out=$("$HUBCTL" --mqtt "$M" call lock.front_door_lock set_temperature temperature=20 2>&1); rc=$?
[ $rc -eq 1 ] && ok "unsupported action refused: $out" || bad "unsupported action: rc $rc '$out'"
mosquitto_sub -h 127.0.0.1 -p "$BROKER_PORT" -t hub/call/result -C 3 -W 5 >"$T/results.out" 2>&1 &
CLIENT_PID=$!
sleep 0.3
mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t hub/call -m '{"entity": 5' -q 1
head -c 1048576 /dev/zero | tr '\0' 'x' | mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t hub/call -s -q 1
mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t hub/call -m '{"id":7,"entity":"light.x","action":["a"]}' -q 1
wait $CLIENT_PID; CLIENT_PID=
if [ "$(grep -c '"ok":false' "$T/results.out")" -eq 3 ] && grep -q '"id":7' "$T/results.out"; then
    ok "malformed, 1 MB and mistyped hub/call each answered ok:false"
else bad "bad calls: $(cat "$T/results.out")"; fi
# Garbage on a device topic: counted, logged once per kind, state untouched, hub alive.
before=$("$HUBCTL" --mqtt "$M" state $LAMP | grep -v last_)
for i in 1 2 3; do
    mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t "$LAMP_TOPIC" -m '{"state": "ON", "brightn'
    printf '\377\376{"state":"OFF"}' | mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t "$LAMP_TOPIC" -s
    mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t "$LAMP_TOPIC" -m '{"state": 7, "brightness": "x"}'
done
head -c 1048576 /dev/zero | tr '\0' '[' | mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t "$LAMP_TOPIC" -s
sleep 0.5
after=$("$HUBCTL" --mqtt "$M" state $LAMP | grep -v last_)
[ "$before" = "$after" ] && ok "garbage on '$LAMP_TOPIC' changed nothing" || bad "state changed: $after"
n=$(grep -c "bad input" "$T/hubd.log")
kinds=$(grep -o "bad input '[^']*'" "$T/hubd.log" | sort | uniq -d)
[ "$n" -ge 1 ] && [ -z "$kinds" ] && ok "bad input logged once per kind ($n kinds)" || bad "bad input log: $n lines, repeated: $kinds"
kill -0 $HUBD_PID 2>/dev/null && ok "hubd still running" || bad "hubd died"

# ---- 3. one hubd per database ----
out=$(timeout 10 "$HUBD" --mqtt "$M" --db "$T/hub.db" --plugins "$T" 2>&1); rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 124 ] && echo "$out" | grep -q "in use by another process"; then
    ok "second hubd on the same database refused: $(echo "$out" | tail -n 1)"
else bad "second hubd: rc $rc '$out'"; fi

# ---- 4. clean stop, then registry and states back after a restart (no plugins this time) ----
kill -TERM $HUBD_PID; wait $HUBD_PID; rc=$?; HUBD_PID=
[ $rc -eq 0 ] && grep -q "stopped cleanly" "$T/hubd.log" && ok "SIGTERM: clean stop" || bad "SIGTERM: rc $rc"
status=$(mosquitto_sub -h 127.0.0.1 -p "$BROKER_PORT" -t hub/status -C 1 -W 3 2>/dev/null)
[ "$status" = offline ] && ok "hub/status is offline after the stop" || bad "hub/status after stop: '$status'"
kill $SIM_PID; wait $SIM_PID 2>/dev/null; SIM_PID=
mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t "hub/state/$LAMP" -r -n # clear it: hubd must republish
mkdir -p "$T/noplugins"
start_hubd --plugins "$T/noplugins" || bad "hubd did not restart"
if wait_until 50 lamp_is_on_40; then ok "after restart: $LAMP (registry and last state) back from the database"
else bad "after restart: $("$HUBCTL" --mqtt "$M" state $LAMP 2>&1)"; fi
kill -INT $HUBD_PID; wait $HUBD_PID; rc=$?; HUBD_PID=
[ $rc -eq 0 ] && ok "SIGINT: clean stop" || bad "SIGINT: rc $rc"
sqlite3 "$T/hub.db" 'PRAGMA integrity_check' | grep -qx ok && ok "database integrity_check ok" ||
    bad "integrity_check failed"

# ---- 5. hubd's own broker: spawned, and gone after hubd stops ----
rm -f "$T/ready"
"$HUBD" --db "$T/own.db" --plugins "$T/noplugins" --ready-file "$T/ready" >"$T/own.log" 2>&1 &
HUBD_PID=$!
if wait_until 100 test -f "$T/ready"; then
    port=$(sed -n 's/^mqtt=127.0.0.1:\([0-9]*\)$/\1/p' "$T/ready")
    bpid=$(sed -n 's/.*started .*mosquitto (pid \([0-9]*\)).*/\1/p' "$T/own.log")
    st=$(mosquitto_sub -h 127.0.0.1 -p "$port" -t hub/status -C 1 -W 3 2>/dev/null)
    [ "$st" = online ] && ok "own broker on port $port (pid $bpid)" || bad "own broker: status '$st'"
    kill -TERM $HUBD_PID; wait $HUBD_PID; HUBD_PID=
    if [ -n "$bpid" ] && ! kill -0 "$bpid" 2>/dev/null && ! mosquitto_pub -h 127.0.0.1 -p "$port" -t x -n 2>/dev/null; then
        ok "own broker stopped with hubd"
    else bad "own broker still there (pid $bpid)"; fi
else
    bad "hubd with its own broker did not come up"; cat "$T/own.log"
fi

if [ $fails -ne 0 ]; then
    echo "---- hubd log ----"; tail -40 "$T/hubd.log"
    echo "$fails checks failed"; exit 1
fi
echo "all hubd checks passed"

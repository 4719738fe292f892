#!/bin/sh
# test-sim-house.sh: hub-sim with a custom --house file (protocol per entity, fallback for a
# protocol without such devices, skipped domains), --list, --offline, clear errors for bad
# house files and flags, and the house coming back after the broker restarts (no persistence:
# only a re-announce can bring the retained discovery back).
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
. "$top_srcdir/tests/lib-broker.sh"
SIM_BIN="$top_builddir/tools/hub-sim"
for tool in mosquitto mosquitto_pub mosquitto_sub jq; do
    command -v $tool >/dev/null || { echo "FAIL: $tool is not installed"; exit 1; }
done

fails=0
SIM_PID=
TMP=$(mktemp -d)
cleanup() {
    [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
    broker_stop
    rm -rf "$TMP"
}
trap cleanup EXIT
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
check() {
    _d=$1; shift
    if "$@" >/dev/null; then ok "$_d"; else fail "$_d"; fi
}
pub() { mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -q 1 -t "$1" -m "$2"; }
# expect_error DESCRIPTION EXIT_STATUS REGEX ARGS...: hub-sim fails with that status and says so
expect_error() {
    _d=$1 _st=$2 _re=$3; shift 3
    "$SIM_BIN" "$@" >"$TMP/err.out" 2>&1
    _rc=$?
    if [ $_rc -eq "$_st" ] && grep -q -E -- "$_re" "$TMP/err.out" &&
        ! grep -q -E 'Sanitizer|runtime error' "$TMP/err.out"; then
        ok "$_d"
    else
        fail "$_d (exit $_rc, wanted $_st and /$_re/):"
        sed 's/^/    /' "$TMP/err.out"
    fi
}

cat >"$TMP/house.json" <<'EOF'
{
 "language": "en",
 "floors": [{"name": "Upstairs"}],
 "areas": [{"name": "Attic", "floor": "Upstairs", "aliases": ["loft"]},
           {"name": "Porch", "floor": "Upstairs"}],
 "entities": [
  {"name": "Attic Fan 3", "domain": "fan", "area": "Attic", "protocol": "zigbee2mqtt", "state": "off"},
  {"name": "Porch Light", "domain": "light", "area": "Porch", "protocol": "tasmota", "state": "on",
   "attributes": {"supported_color_modes": ["color_temp"], "brightness": 255}},
  {"name": "Pool Pump", "domain": "switch", "area": "Porch", "protocol": "ha", "state": "off"},
  {"name": "Garden Lock", "domain": "lock", "area": "Porch", "protocol": "tasmota", "state": "locked"},
  {"name": "Movie Night", "domain": "scene", "area": "Attic", "state": "off"}
 ]
}
EOF

# ---- --list and house errors (no broker needed) --------------------------------------------
"$SIM_BIN" --house "$TMP/house.json" --list >"$TMP/list" 2>"$TMP/list.err"
check "--list prints 4 devices" test "$(wc -l <"$TMP/list")" -eq 4
check "--list: Attic Fan 3 on zigbee2mqtt in Attic/Upstairs" grep -q -E '^zigbee2mqtt +fan +Attic Fan 3 +Attic +Upstairs' "$TMP/list"
check "--list: Porch Light on tasmota" grep -q -E '^tasmota +light +Porch Light' "$TMP/list"
check "tasmota lock falls back to ha with a warning" grep -q 'tasmota has no lock devices; using ha' "$TMP/list.err"
check "scene skipped with a warning" grep -q 'domain "scene" is not simulated' "$TMP/list.err"
"$SIM_BIN" --list >"$TMP/demo"
check "demo house: >= 25 devices" test "$(wc -l <"$TMP/demo")" -ge 25
check "demo house: >= 6 areas" test "$(jq '.areas | length' "$top_srcdir/data/houses/demo.json")" -ge 6
check "demo house: 2 floors" test "$(jq '[.areas[].floor] | unique | length' "$top_srcdir/data/houses/demo.json")" -eq 2
for d in light switch cover lock climate fan media_player sensor binary_sensor valve vacuum; do
    grep -q -E "^[a-z0-9]+ +$d " "$TMP/demo" || fail "demo house has no $d"
done
for p in zigbee2mqtt tasmota ha; do
    grep -q "^$p " "$TMP/demo" || fail "demo house has no $p device"
done
ok "demo house covers every domain and protocol"
for c in blind curtain garage window; do
    jq -e --arg c "$c" '[.entities[] | select(.domain == "cover" and .attributes.device_class == $c)] | length > 0' \
        "$top_srcdir/data/houses/demo.json" >/dev/null || fail "demo house has no $c cover"
done

expect_error "missing house file" 1 'nope\.json' --house "$TMP/nope.json" --list
printf '{"entities": [\n {"name": "x", "domain": "light",}\n]}\n' >"$TMP/bad.json"
expect_error "invalid JSON names file:line:column" 1 'bad\.json:2:[0-9]+' --house "$TMP/bad.json" --list
printf '{"entities": [{"name": "A", "domain": "light", "protocol": "zwave"}]}' >"$TMP/proto.json"
expect_error "unknown protocol" 1 'unknown protocol "zwave"' --house "$TMP/proto.json" --list
printf '{"entities": [{"name": "A", "domain": "light"}, {"name": "a", "domain": "switch"}]}' >"$TMP/dup.json"
expect_error "duplicate name" 1 'appears twice' --house "$TMP/dup.json" --list
printf '{"entities": [{"name": "Lamp 1", "domain": "light"}, {"name": "lamp-1", "domain": "light"}]}' >"$TMP/slug.json"
expect_error "names that map to the same topic id" 1 'same object id' --house "$TMP/slug.json" --list
printf '{"entities": [{"name": 5, "domain": "light"}]}' >"$TMP/type.json"
expect_error "name of the wrong type" 1 'must be non-empty strings' --house "$TMP/type.json" --list
printf '{"floors": []}' >"$TMP/empty.json"
expect_error "no entities array" 1 'entities' --house "$TMP/empty.json" --list
expect_error "--offline unknown device" 2 "no device named 'Ghost'" --house "$TMP/house.json" --offline Ghost --list
expect_error "--mqtt bad port" 2 'no valid port' --mqtt 127.0.0.1:99999 --list
expect_error "--tele-period not a number" 2 'tele-period' --tele-period soon --list
expect_error "unknown option" 2 'usage' --frobnicate

# ---- the custom house on a broker -----------------------------------------------------------
broker_start || exit 1
broker_capture_start || exit 1
"$SIM_BIN" --mqtt "127.0.0.1:$BROKER_PORT" --house "$TMP/house.json" --offline "Pool Pump" \
    --log-level debug >"$TMP/sim.log" 2>&1 &
SIM_PID=$!
broker_wait_text hub-sim/status '^online$' 10 >/dev/null || { cat "$TMP/sim.log"; exit 1; }
check "z2m bridge lists only the custom z2m device" broker_wait zigbee2mqtt/bridge/devices \
    'length == 2 and .[1].friendly_name == "Attic Fan 3" and .[1].definition.exposes[0].type == "fan"'
check "--offline: Pool Pump starts offline" broker_wait_text esphome/pool-pump/status '^offline$'
check "lock fell back to HA discovery" broker_wait homeassistant/lock/garden-lock/garden_lock/config '.name == "Garden Lock" and .dev.sa == "Porch"'
T=$(awk 'BEGIN{FS="\t"} $1 ~ /^tasmota\/discovery\/.*\/config$/ {print $2}' "$BROKER_CAPTURE" | jq -r 'select(.dn == "Porch Light") | .t')
check "tasmota Porch Light discovered (CT light)" test -n "$T"
broker_mark
pub "zigbee2mqtt/Attic Fan 3/set" '{"fan_mode":"low"}'
check "z2m fan answers" broker_wait "zigbee2mqtt/Attic Fan 3" '.fan_mode == "low" and .fan_state == "ON"'
pub "cmnd/$T/CT" 200
check "tasmota CT answers" broker_wait "stat/$T/RESULT" '.CT == 200 and .Dimmer == 100'
broker_mark
pub esphome/pool-pump/switch/pool_pump/command ON
sleep 0.5
check "offline HA switch ignores its command" test -z "$(broker_last esphome/pool-pump/switch/pool_pump/state | grep ON)"

# ---- removal as each protocol announces it, and adding back ----------------------------------
wait_empty() { # wait_empty TOPIC: an empty payload (a removal) arrives on TOPIC after the mark
    _we_i=0
    while [ $_we_i -lt 50 ]; do
        [ "$(_broker_payloads "$1" | grep -c '^$')" -ge 1 ] && return 0
        sleep 0.1; _we_i=$((_we_i + 1))
    done
    return 1
}
MAC=$(awk 'BEGIN{FS="\t"} $1 ~ /^tasmota\/discovery\/.*\/config$/ {print $2}' "$BROKER_CAPTURE" | jq -r 'select(.dn == "Porch Light") | .mac')
broker_mark
pub hub-sim/control '{"device":"Attic Fan 3","remove":true}'
pub hub-sim/control '{"device":"Porch Light","remove":true}'
pub hub-sim/control '{"device":"Garden Lock","remove":true}'
check "z2m removal: bridge/devices without it" broker_wait zigbee2mqtt/bridge/devices 'length == 1'
check "z2m removal: retained availability cleared" wait_empty "zigbee2mqtt/Attic Fan 3/availability"
check "tasmota removal: empty retained config" wait_empty "tasmota/discovery/$MAC/config"
check "HA removal: empty retained config" wait_empty homeassistant/lock/garden-lock/garden_lock/config
broker_mark
pub "zigbee2mqtt/Attic Fan 3/set" '{"fan_mode":"medium"}'
pub "cmnd/$T/POWER" OFF
pub hub-sim/control '{"device":"Porch Light","available":false}'
check "control on a removed device refused" broker_wait hub-sim/control/result '.ok == false and (.error|test("removed"))'
check "removed devices do not answer" test -z "$(_broker_payloads "zigbee2mqtt/Attic Fan 3")$(_broker_payloads "stat/$T/POWER")"
broker_mark
pub hub-sim/control '{"device":"Attic Fan 3","remove":false}'
pub hub-sim/control '{"device":"Porch Light","remove":false}'
pub hub-sim/control '{"device":"Garden Lock","remove":false}'
check "z2m device added back" broker_wait zigbee2mqtt/bridge/devices 'length == 2'
check "tasmota device added back" broker_wait "tasmota/discovery/$MAC/config" '.dn == "Porch Light"'
check "HA device added back" broker_wait homeassistant/lock/garden-lock/garden_lock/config '.name == "Garden Lock"'

# ---- broker restart: everything retained must come back --------------------------------------
t0=$(date +%s%N)
broker_restart || { fail "broker did not restart"; exit 1; }
broker_capture_start || exit 1
if broker_wait zigbee2mqtt/bridge/devices '.[1].friendly_name == "Attic Fan 3"' 10 >/dev/null; then
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    ok "after a broker restart the house is announced again (${ms} ms)"
else
    fail "house not re-announced after the broker restart"
fi
check "tasmota LWT back" broker_wait_text "tele/$T/LWT" '^Online$' 5
broker_mark
pub "zigbee2mqtt/Attic Fan 3/set" '{"fan_mode":"high"}'
check "commands work after the restart" broker_wait "zigbee2mqtt/Attic Fan 3" '.fan_mode == "high"'
broker_mark
pub "cmnd/$T/STATE" ''
check "state survived the restart" broker_wait "stat/$T/RESULT" '.CT == 200 and .POWER == "ON"'
kill -TERM "$SIM_PID"; wait "$SIM_PID"; rc=$?; SIM_PID=
check "clean exit" test $rc -eq 0

# ---- hub-sim started before its broker: it keeps trying and announces once it is up ----------
kill "$BROKER_PID"; wait "$BROKER_PID" 2>/dev/null
"$SIM_BIN" --mqtt "127.0.0.1:$BROKER_PORT" --house "$TMP/house.json" >"$TMP/sim2.log" 2>&1 &
SIM_PID=$!
sleep 1.5
check "no broker yet: hub-sim still running" kill -0 "$SIM_PID"
broker_restart || { fail "broker did not start again"; exit 1; }
broker_capture_start || exit 1
check "announced once the broker came up" broker_wait zigbee2mqtt/bridge/devices '.[1].friendly_name == "Attic Fan 3"' 10
check "the wait was logged" grep -q 'retrying' "$TMP/sim2.log"
broker_mark
kill -KILL "$SIM_PID"; wait "$SIM_PID" 2>/dev/null; SIM_PID=
check "kill -9: the will marks the z2m bridge offline" broker_wait zigbee2mqtt/bridge/state '.state == "offline"' 5
if grep -q -E 'Sanitizer|runtime error' "$TMP/sim.log" "$TMP/sim2.log" "$TMP/list.err"; then
    fail "sanitizer report in hub-sim's output"
fi
if [ $fails -ne 0 ]; then
    echo "--- hub-sim log (tail)"; tail -n 30 "$TMP/sim.log"
    echo "$fails check(s) failed"; exit 1
fi
echo "all hub-sim house checks passed"

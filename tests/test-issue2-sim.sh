#!/bin/sh
# test-issue2-sim.sh: regressions found by running hub-sim's demo house against hubd and the
# plugins on a real broker. Checks: one device gives one entity, with the id and the name the house
# gives it (no object ids as names, no sensor.x_temperature_temperature beside sensor.x); vacuum
# start/pause/return_to_base pass through hub/call and hubctl and reach the device; hubctl's
# rgb_color=255,0,0 becomes [255,0,0]; the Tasmota plugin asks each discovered device for its
# STATE (an empty cmnd/<t>/STATE); hub/state carries no full-precision reals (18.510000000000002);
# the vacuum's capabilities keep its fan speeds from the abbreviated fanspd_lst.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
HOUSE=$top_srcdir/data/houses/demo.json
. "$top_srcdir/tests/lib-broker.sh"
. "$top_srcdir/tests/lib-hub-test.sh"
hub_test_begin test-issue2-sim "$top_builddir/plugins/.libs/tasmota.so" \
    "$top_builddir/plugins/.libs/ha_discovery.so" sqlite3

broker_start || { echo "FAIL: no broker"; exit 1; }
M=127.0.0.1:$BROKER_PORT
# Everything from before hubd connects: the Tasmota STATE queries come right after discovery.
broker_capture_start '#' || exit 1
"$HUBD" --mqtt "$M" --db "$T/hub.db" --house "$HOUSE" --plugins "$PLUGINS" \
    --ready-file "$T/ready" >"$T/hubd.log" 2>&1 &
HUBD_PID=$!
wait_until 100 test -f "$T/ready" || { bad "hubd did not connect"; cat "$T/hubd.log"; exit 1; }
"$SIM" --mqtt "$M" >"$T/sim.log" 2>&1 &
SIM_PID=$!

# ---- 1. one device, one entity, named as the house names it ----
# The house's entities as "domain.slug<TAB>name", slug as the plugins make it.
jq -r '.entities[] | "\(.domain).\(.name | ascii_downcase | gsub("[^a-z0-9]+"; "_")
        | sub("^_+"; "") | sub("_+$"; ""))\t\(.name)"' "$HOUSE" | sort >"$T/want"
n_want=$(wc -l <"$T/want")
states() { # the retained hub/state messages as "entity<TAB>name", sorted
    mosquitto_sub -h 127.0.0.1 -p "$BROKER_PORT" -t 'hub/state/#' --retained-only -W 2 \
        -F '%t	%p' 2>/dev/null |
        while IFS='	' read -r t p; do
            [ -n "$p" ] && printf '%s\t%s\n' "${t#hub/state/}" "$(printf '%s' "$p" | jq -r .name)"
        done | sort
}
got_all() { states >"$T/got"; [ "$(wc -l <"$T/got")" -ge "$n_want" ]; }
wait_until 150 got_all
sleep 1 # a late duplicate would show up now
states >"$T/got"
if cmp -s "$T/want" "$T/got"; then
    ok "$n_want house devices gave exactly $n_want entities with the house's ids and names"
else
    bad "entities differ from the house (< house, > hub):"
    diff "$T/want" "$T/got" | grep '^[<>]' | head -20
fi
if grep -qE '^sensor\.[a-z_]*_(temperature|humidity)_(temperature|humidity)	' "$T/got"; then
    bad "a sensor got its quantity twice: $(grep -E '_(temperature|humidity)_' "$T/got" | head -3)"
else ok "no sensor.x_temperature_temperature ids"; fi
name=$(grep '^light.garage_light	' "$T/got" | cut -f2)
[ "$name" = "Garage Light" ] && ok "HA-discovery light named 'Garage Light'" ||
    bad "light.garage_light is named '$name'"

# ---- 2. the Tasmota plugin asks each device for its state after discovery ----
n_tas=$(jq '[.entities[] | select(.protocol == "tasmota" and .domain != "sensor")] | length' \
    "$HOUSE")
n_q=$(awk -F '\t' '$1 ~ /^cmnd\/[^\/]+\/STATE$/ && $2 == ""' "$BROKER_CAPTURE" | sort -u | wc -l)
if [ "$n_tas" -gt 0 ] && [ "$n_q" -ge "$n_tas" ]; then
    ok "empty cmnd/<t>/STATE sent to $n_q Tasmota devices ($n_tas with relays in the house)"
else bad "$n_q STATE queries for $n_tas Tasmota devices with relays"; fi

# ---- 3. vacuum actions through hubctl, reaching the device ----
V=vacuum.robo_vacuum
vac_is() {
    "$HUBCTL" --mqtt "$M" state "$V" 2>/dev/null | jq -e --arg s "$1" '.state == $s' >/dev/null
}
for step in start:cleaning pause:paused return_to_base:returning stop:idle; do
    act=${step%%:*} want=${step#*:}
    out=$("$HUBCTL" --mqtt "$M" call "$V" "$act" 2>&1); rc=$?
    if [ $rc -eq 0 ] && wait_until 50 vac_is "$want"; then
        ok "hubctl call $V $act: the vacuum reports $want"
    else bad "hubctl call $V $act: rc $rc '$out', state $("$HUBCTL" --mqtt "$M" state "$V" |
        jq -r .state)"; fi
done
# the same through a raw hub/call (the MQTT API hubctl uses)
broker_mark
mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t hub/call \
    -m "{\"id\":\"v1\",\"entity\":\"$V\",\"action\":\"start\"}"
if broker_wait hub/call/result '.id == "v1" and .ok == true' 5 >/dev/null; then
    ok "hub/call start on $V answered ok"
else bad "hub/call start on $V not ok"; fi
out=$("$HUBCTL" --mqtt "$M" call "$V" set_temperature temperature=20 2>&1) &&
    bad "set_temperature on a vacuum accepted" || ok "set_temperature on a vacuum refused ($out)"

# ---- 4. rgb_color=R,G,B from the command line ----
L=light.tv_backlight
lamp_red() {
    "$HUBCTL" --mqtt "$M" state "$L" | jq -e '.state == "on" and .attributes.rgb_color == [255,0,0]'
}
out=$("$HUBCTL" --mqtt "$M" call "$L" turn_on rgb_color=255,0,0 2>&1); rc=$?
if [ $rc -eq 0 ] && wait_until 50 lamp_red; then ok "hubctl rgb_color=255,0,0: $L reports red"
else bad "rgb_color=255,0,0: rc $rc '$out'; $("$HUBCTL" --mqtt "$M" state "$L" | jq -c .attributes)"
fi
out=$("$HUBCTL" --mqtt "$M" call "$L" turn_on rgb_color=255,0 2>&1) &&
    bad "two-component rgb_color accepted" || ok "rgb_color=255,0 refused ($out)"

# ---- 5. no full-precision reals on hub/state ----
long=$(awk -F '\t' '$1 ~ /^hub\/state\// && $2 ~ /[0-9]\.[0-9]*[0-9]{11}/' "$BROKER_CAPTURE" |
    head -3)
n_states=$(grep -c '^hub/state/' "$BROKER_CAPTURE")
[ -z "$long" ] && ok "none of $n_states hub/state messages has a real of 12+ digits" ||
    bad "full-precision reals on hub/state: $long"

# ---- 6. fanspd_lst: the vacuum's fan speeds reach its capabilities ----
kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null; SIM_PID=
kill "$HUBD_PID"; wait "$HUBD_PID" 2>/dev/null; HUBD_PID=
caps=$(sqlite3 "$T/hub.db" "SELECT json_extract(record, '\$.capabilities') FROM entities \
    WHERE entity_id = '$V'")
if printf '%s' "$caps" | jq -e '.fan_speeds == ["min","medium","high","max"] and
        (.actions | index("start") and index("return_to_base"))' >/dev/null 2>&1; then
    ok "$V capabilities: $caps"
else bad "$V capabilities: '$caps'"; fi
if grep -q 'ERROR\|error ' "$T/hubd.log"; then
    bad "hubd logged errors:"; grep 'ERROR\|error ' "$T/hubd.log" | head -5
else ok "hubd logged no errors"; fi

[ $fails -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "all checks passed"

#!/bin/sh
# test-plugin-e2e.sh: the three device plugins end to end with real parts: a mosquitto broker on
# a free port, hubd loading the built plugins, hub-sim's demo house speaking zigbee2mqtt, Tasmota
# and Home Assistant discovery as the firmware does. Every action of the plugin vocabulary that
# the house has a device for is called with hubctl, and the entity's hub/state must follow from
# the simulated device's own report (not from the command).
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
. "$top_srcdir/tests/lib-broker.sh"
. "$top_srcdir/tests/lib-hub-test.sh"
hub_test_begin test-plugin-e2e "$top_builddir/plugins/.libs/tasmota.so" \
    "$top_builddir/plugins/.libs/ha_discovery.so"

broker_start || { echo "FAIL: no broker"; exit 1; }
M=127.0.0.1:$BROKER_PORT
"$HUBD" --mqtt "$M" --db "$T/hub.db" --plugins "$PLUGINS" --house "$top_srcdir/data/houses/demo.json" \
    --ready-file "$T/ready" >"$T/hubd.log" 2>&1 &
HUBD_PID=$!
i=0
while [ ! -f "$T/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -f "$T/ready" ] || { echo "FAIL: hubd did not connect"; cat "$T/hubd.log"; exit 1; }
"$SIM" --mqtt "$M" >"$T/sim.log" 2>&1 &
SIM_PID=$!

# expect ENTITY JQ SECS: wait until `hubctl state ENTITY` passes jq -e JQ; the last state
# read is left in $STATE.
expect() {
    n=$(($3 * 10))
    while [ $n -gt 0 ]; do
        STATE=$("$HUBCTL" --mqtt "$M" state "$1" 2>/dev/null | jq -c . 2>/dev/null)
        [ -n "$STATE" ] && echo "$STATE" | jq -e "$2" >/dev/null 2>&1 && return 0
        sleep 0.1; n=$((n - 1))
    done
    return 1
}
# check ENTITY ACTION ARGS JQ: call, then wait for the reported state.
check() {
    ent=$1 act=$2 args=$3 want=$4
    # shellcheck disable=SC2086
    out=$("$HUBCTL" --mqtt "$M" call "$ent" "$act" $args 2>&1)
    if [ "$out" != ok ]; then bad "$ent $act $args: call answered '$out'"; return; fi
    if expect "$ent" "$want" 15; then ok "$ent $act $args -> $want"
    else bad "$ent $act $args: state $STATE"; fi
}

# every protocol's entities registered with their first reported state
for e in light.kitchen_ceiling_light light.desk_lamp light.tv_backlight sensor.kitchen_temperature \
    sensor.study_temperature sensor.garage_temperature binary_sensor.front_door vacuum.robo_vacuum \
    media_player.living_room_speaker valve.main_water_valve; do
    if expect "$e" '.state != null and .available == true' 15; then
        ok "$e registered: $(echo "$STATE" | jq -c '[.state, .area, .attributes]')"
    else bad "$e never reported: $STATE"; fi
done
n=$("$HUBCTL" --mqtt "$M" devices | grep -c '^[a-z_]*\.')
[ "$n" -ge 39 ] && ok "$n entities from the three plugins" || bad "only $n entities"

# zigbee2mqtt
check light.kitchen_ceiling_light turn_on "brightness=40" '.state == "on" and .attributes.brightness == 40'
check light.living_room_lamp turn_on "rgb_color=[255,0,0]" \
    '.attributes.rgb_color[0] > 240 and .attributes.rgb_color[1] < 40 and .attributes.rgb_color[2] < 40'
check light.bedside_lamp_2 turn_on "color_temp_kelvin=2700" \
    '.state == "on" and (.attributes.color_temp_kelvin - 2700 | fabs) < 30'
check light.kitchen_ceiling_light turn_off "" '.state == "off"'
check switch.christmas_tree turn_on "" '.state == "on"'
check cover.living_room_blinds set_position "position=30" '.attributes.position == 30'
check lock.front_door_lock unlock "" '.state == "unlocked"'
check climate.bedroom_radiator set_temperature "temperature=22.5" '.attributes.temperature == 22.5'
check climate.bedroom_radiator set_hvac_mode "hvac_mode=off" '.state == "off"'
check fan.kitchen_extractor_fan set_percentage "percentage=100" '.state == "on" and .attributes.percentage == 100'
# Tasmota
check light.desk_lamp turn_on "brightness=55" '.state == "on" and .attributes.brightness == 55'
check light.desk_lamp turn_on "color_temp_kelvin=4000" '(.attributes.color_temp_kelvin - 4000 | fabs) < 30'
check light.under_cabinet_lights turn_on "" '.state == "on"'
check switch.coffee_machine turn_on "" '.state == "on"'
check switch.coffee_machine toggle "" '.state == "off"'
check cover.study_window set_position "position=60" '.attributes.position == 60 and .state == "open"'
check cover.kids_room_shutter close "" '.state == "closing" or .state == "closed"'
# Home Assistant discovery
check light.tv_backlight turn_on "rgb_color=[0,0,255]" '.state == "on" and .attributes.rgb_color[2] > 240'
check light.hallway_light turn_on "brightness=20" '.state == "on" and .attributes.brightness == 20'
check switch.towel_heater turn_on "" '.state == "on"'
check cover.bedroom_curtains open "" '.state == "opening" or .state == "open"'
check lock.garage_side_door_lock unlock "" '.state == "unlocked"'
check climate.living_room_thermostat set_hvac_mode "hvac_mode=cool" '.state == "cool"'
check climate.living_room_thermostat set_temperature "temperature=21" '.attributes.temperature == 21'
check fan.bedroom_ceiling_fan set_percentage "percentage=40" '.state == "on" and .attributes.percentage == 40'
check media_player.living_room_speaker media_play "" '.state == "playing"'
check media_player.living_room_speaker volume_set "volume_level=30" '.attributes.volume_level == 30'
check media_player.living_room_speaker media_pause "" '.state == "paused"'
check valve.main_water_valve close "" '.state == "closing" or .state == "closed"'
check vacuum.robo_vacuum turn_on "" '.state == "cleaning"'

# what a device cannot do is refused, and nothing breaks
out=$("$HUBCTL" --mqtt "$M" call lock.front_door_lock set_temperature temperature=20 2>&1) &&
    bad "lock set_temperature accepted: $out" || ok "unsupported action refused: $out"
kill -0 $HUBD_PID 2>/dev/null && ok "hubd still running" || bad "hubd died"
if grep -i "bad input\|bad_json\|bad_value\|bad_discovery" "$T/hubd.log"; then
    bad "the plugins counted bad input from hub-sim's real protocol messages"
else ok "no bad input counted from hub-sim"; fi
[ $fails -eq 0 ] || { tail -20 "$T/hubd.log"; exit 1; }
echo "all plugin end-to-end checks passed"

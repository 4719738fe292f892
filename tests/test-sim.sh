#!/bin/sh
# test-sim.sh: hub-sim's demo house against a real mosquitto broker. For each protocol
# (zigbee2mqtt, Tasmota, HA discovery) the discovery/bridge messages are present and valid, and
# real commands sent with mosquitto_pub get the firmware's real answer. Then the control topic,
# garbage payloads (ignored, no crash, state unchanged) and a clean exit (devices offline).
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
. "$top_srcdir/tests/lib-broker.sh"
SIM_BIN="$top_builddir/tools/hub-sim"
for tool in mosquitto mosquitto_pub mosquitto_sub jq; do
    command -v $tool >/dev/null || { echo "FAIL: $tool is not installed"; exit 1; }
done

fails=0
SIM_PID=
cleanup() {
    [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
    broker_stop
}
trap cleanup EXIT
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
check() { # check DESCRIPTION COMMAND...: run the command, count a failure
    _d=$1; shift
    if "$@" >/dev/null; then ok "$_d"; else fail "$_d"; fi
}
jcheck() { # jcheck DESCRIPTION JSON FILTER: the JSON passes jq -e FILTER
    if printf '%s\n' "$2" | jq -e -s "$3" >/dev/null 2>&1; then ok "$1"; else fail "$1"; fi
}
since_start() { # since_start CMD...: run a wait over everything captured, not only after the mark
    _ss_m=$BROKER_MARK; BROKER_MARK=0; "$@"; _ss_r=$?; BROKER_MARK=$_ss_m; return $_ss_r
}
pub() { mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -q 1 -t "$1" -m "$2"; }

broker_start || exit 1
broker_capture_start || exit 1
"$SIM_BIN" --mqtt "127.0.0.1:$BROKER_PORT" --tele-period 2 --sensor-period 1 \
    >"$BROKER_DIR/sim.log" 2>&1 &
SIM_PID=$!
broker_wait_text hub-sim/status '^online$' 10 >/dev/null || { cat "$BROKER_DIR/sim.log"; exit 1; }
ok "hub-sim connected and announced"

# Covers and valves travel for seconds: start every move now, check each one later.
shut=$(awk 'BEGIN{FS="\t"} $1 ~ /^tasmota\/discovery\/[0-9A-F]+\/config$/ {print $2}' "$BROKER_CAPTURE" |
    jq -r 'select(.dn == "Study Window") | .t')
broker_mark
MOVE_MARK=$BROKER_MARK
pub "zigbee2mqtt/Living Room Blinds/set" '{"position":40}'
pub "cmnd/$shut/ShutterPosition1" 50
pub esphome/garage-door/cover/garage_door/command OPEN
pub esphome/garden-irrigation-valve/valve/garden_irrigation_valve/command OPEN

# ---- zigbee2mqtt ----------------------------------------------------------------------------
check "z2m bridge/state online" since_start broker_wait zigbee2mqtt/bridge/state '.state == "online"'
devs=$(broker_last zigbee2mqtt/bridge/devices)
jcheck "z2m bridge/devices is a JSON array of devices with exposes" "$devs" '.[0] |
    type == "array" and length > 10 and .[0].type == "Coordinator" and
    ([.[1:][] | select((.friendly_name|type) == "string" and (.ieee_address|test("^0x[0-9a-f]{16}$"))
      and (.type == "Router" or .type == "EndDevice") and (.definition.exposes|type) == "array")]
     | length) == (length - 1)'
jcheck "z2m light exposes state/brightness 0-254/color_temp mired" "$devs" '.[0][] |
    select(.friendly_name == "Kitchen Ceiling Light") | .definition.exposes[0] |
    .type == "light" and (.features[] | select(.property == "brightness") | .value_max == 254)
    and (.features[] | select(.property == "color_temp") | .unit == "mired")'
check "z2m availability retained online" since_start broker_wait "zigbee2mqtt/Kitchen Ceiling Light/availability" '.state == "online"'

broker_mark
pub "zigbee2mqtt/Kitchen Ceiling Light/set" '{"state":"ON","brightness":102}'
check "z2m light on/102 echoed" broker_wait "zigbee2mqtt/Kitchen Ceiling Light" '.state == "ON" and .brightness == 102'
broker_mark
pub "zigbee2mqtt/Kitchen Ceiling Light/set" '{"color_temp":250}'
check "z2m color_temp 250" broker_wait "zigbee2mqtt/Kitchen Ceiling Light" '.color_temp == 250 and .color_mode == "color_temp" and .brightness == 102'
broker_mark
pub "zigbee2mqtt/Living Room Lamp/set" '{"color":{"hue":240,"saturation":100}}'
check "z2m colour hue/saturation -> xy reported" broker_wait "zigbee2mqtt/Living Room Lamp" '.color_mode == "xy" and .color.hue == 240 and .color.x < 0.2 and .color.y < 0.1'
broker_mark
pub "zigbee2mqtt/Mirror Light/set/state" 'ON'
check "z2m /set/state raw payload" broker_wait "zigbee2mqtt/Mirror Light" '.state == "ON"'
BROKER_MARK=$MOVE_MARK
check "z2m cover moves through intermediate positions" broker_wait "zigbee2mqtt/Living Room Blinds" '.position > 40 and .position < 100'
check "z2m cover reaches 40" broker_wait "zigbee2mqtt/Living Room Blinds" '.position == 40 and .state == "OPEN"' 6
broker_mark
pub "zigbee2mqtt/Front Door Lock/set" '{"state":"UNLOCK"}'
check "z2m lock UNLOCK -> lock_state unlocked" broker_wait "zigbee2mqtt/Front Door Lock" '.state == "UNLOCK" and .lock_state == "unlocked"'
broker_mark
pub "zigbee2mqtt/Bedroom Radiator/set" '{"occupied_heating_setpoint":22.5,"system_mode":"heat"}'
check "z2m climate setpoint 22.5" broker_wait "zigbee2mqtt/Bedroom Radiator" '.occupied_heating_setpoint == 22.5 and .system_mode == "heat" and (.local_temperature|type) == "number"'
broker_mark
pub "zigbee2mqtt/Kitchen Extractor Fan/set" '{"fan_mode":"high"}'
check "z2m fan_mode high" broker_wait "zigbee2mqtt/Kitchen Extractor Fan" '.fan_mode == "high" and .fan_state == "ON"'
check "z2m sensor reports temperature" broker_wait "zigbee2mqtt/Kitchen Temperature" '(.temperature|type) == "number"' 4
check "z2m contact sensor (closed = contact true)" since_start broker_wait "zigbee2mqtt/Front Door" '.contact == true' 4
broker_mark
pub "zigbee2mqtt/Christmas Tree/get" '{"state":""}'
check "z2m /get answers with state" broker_wait "zigbee2mqtt/Christmas Tree" '.state == "OFF"'

# ---- Tasmota --------------------------------------------------------------------------------
cfgs=$(tail -n "+1" "$BROKER_CAPTURE" | awk 'BEGIN{FS="\t"} $1 ~ /^tasmota\/discovery\/[0-9A-F]+\/config$/ {print $2}')
ncfg=$(printf '%s\n' "$cfgs" | jq -s 'length')
[ "$ncfg" -ge 5 ] && ok "tasmota discovery: $ncfg configs" || fail "tasmota discovery: $ncfg configs"
lamp=$(printf '%s\n' "$cfgs" | jq -c 'select(.dn == "Desk Lamp")')
T=$(printf '%s' "$lamp" | jq -r .t)
jcheck "tasmota config fields (rl light, lt_st CT, ft, tp, mac)" "$lamp" '.[0] | .rl[0] == 2 and .lt_st == 2 and .ft == "%prefix%/%topic%/" and .tp == ["cmnd","stat","tele"] and (.mac|test("^[0-9A-F]{12}$")) and .ver == 1 and .fn[0] == "Desk Lamp"'
check "tasmota LWT Online retained" since_start broker_wait_text "tele/$T/LWT" '^Online$'
broker_mark
pub "cmnd/$T/Dimmer" 40
check "tasmota Dimmer 40 -> RESULT" broker_wait "stat/$T/RESULT" '.POWER == "ON" and .Dimmer == 40'
broker_mark
pub "cmnd/$T/CT" 300
check "tasmota CT 300 -> RESULT" broker_wait "stat/$T/RESULT" '.CT == 300 and .Dimmer == 40'
broker_mark
pub "cmnd/$T/POWER" OFF
check "tasmota POWER OFF -> stat/POWER" broker_wait_text "stat/$T/POWER" '^OFF$'
check "tasmota POWER OFF -> RESULT" broker_wait "stat/$T/RESULT" '.POWER == "OFF"'
broker_mark
pub "cmnd/$T/POWER" ''
check "tasmota empty POWER is a query" broker_wait_text "stat/$T/POWER" '^OFF$'
check "tasmota tele/STATE periodic" broker_wait "tele/$T/STATE" '.POWER == "OFF" and .Dimmer == 40 and (.Wifi.RSSI|type) == "number"' 4
rgb=$(printf '%s\n' "$cfgs" | jq -r 'select(.dn == "Kids Room Night Light") | .t')
broker_mark
pub "cmnd/$rgb/Color" 'FF0000'
check "tasmota Color FF0000 -> HSBColor 0,100,x" broker_wait "stat/$rgb/RESULT" '.POWER == "ON" and .HSBColor == "0,100,100" and .Dimmer == 100 and .Color == "FF00000000"'
jcheck "tasmota shutter config (rl 3,3)" "$cfgs" '.[] | select(.dn == "Study Window") | .rl[0] == 3 and .rl[1] == 3 and (.sho|length) == 1'
BROKER_MARK=$MOVE_MARK
check "tasmota ShutterPosition1 acknowledged" broker_wait "stat/$shut/RESULT" '.ShutterPosition1 == 50'
check "tasmota shutter moving (Direction 1)" broker_wait "stat/$shut/RESULT" '.Shutter1.Direction == 1'
check "tasmota shutter arrives at 50" broker_wait "stat/$shut/RESULT" '.Shutter1.Position == 50 and .Shutter1.Direction == 0' 6
check "tasmota stat/SHUTTER1 50" broker_wait_text "stat/$shut/SHUTTER1" '^50$' 2
temp=$(printf '%s\n' "$cfgs" | jq -r 'select(.dn == "Study Temperature") | .t')
check "tasmota tele/SENSOR DS18B20" broker_wait "tele/$temp/SENSOR" '(.DS18B20.Temperature|type) == "number" and .TempUnit == "C"' 4
broker_mark
pub "cmnd/$T/Foo" 1
check "tasmota unknown command" broker_wait "stat/$T/RESULT" '.Command == "Unknown"'

# ---- Home Assistant discovery ---------------------------------------------------------------
for comp in light switch sensor binary_sensor cover climate fan lock valve vacuum media_player; do
    n=$(awk -v c="$comp" 'BEGIN{FS="\t"} $1 ~ "^homeassistant/" c "/[^/]+/[^/]+/config$" {print $2}' \
        "$BROKER_CAPTURE" | jq -s 'length' 2>/dev/null)
    [ "${n:-0}" -ge 1 ] && ok "HA discovery: $n $comp config(s), valid JSON" || fail "HA discovery: no valid $comp config"
done
tvcfg=$(broker_last homeassistant/light/tv-backlight/tv_backlight/config)
jcheck "HA json-schema light config" "$tvcfg" '.[0] | .schema == "json" and .["~"] == "esphome/tv-backlight" and .cmd_t == "~/light/tv_backlight/command" and .avty_t == "~/status" and .dev.sa == "Living Room"'
check "HA availability online" since_start broker_wait_text esphome/tv-backlight/status '^online$'
broker_mark
pub esphome/tv-backlight/light/tv_backlight/command '{"state":"ON","brightness":77,"color":{"h":120,"s":100}}'
check "HA json light state" broker_wait esphome/tv-backlight/light/tv_backlight/state '.state == "ON" and .brightness == 77 and .color.h == 120 and .color_mode == "hs"'
broker_mark
pub esphome/hallway-light/light/hallway_light/brightness/command 128
check "HA default light: brightness state 128" broker_wait_text esphome/hallway-light/light/hallway_light/brightness/state '^128$'
check "HA default light: state ON" broker_wait_text esphome/hallway-light/light/hallway_light/state '^ON$'
BROKER_MARK=$MOVE_MARK
check "HA cover opening" broker_wait_text esphome/garage-door/cover/garage_door/state '^opening$'
check "HA cover open" broker_wait_text esphome/garage-door/cover/garage_door/state '^open$' 6
check "HA cover position 100" broker_wait_text esphome/garage-door/cover/garage_door/position/state '^100$'
broker_mark
pub esphome/bedroom-ceiling-fan/fan/bedroom_ceiling_fan/speed_level/command 75
check "HA fan percentage 75" broker_wait_text esphome/bedroom-ceiling-fan/fan/bedroom_ceiling_fan/speed_level/state '^75$'
check "HA fan on" broker_wait_text esphome/bedroom-ceiling-fan/fan/bedroom_ceiling_fan/state '^ON$'
broker_mark
pub esphome/garage-side-door-lock/lock/garage_side_door_lock/command UNLOCK
check "HA lock UNLOCKING then UNLOCKED" broker_wait_text esphome/garage-side-door-lock/lock/garage_side_door_lock/state '^UNLOCKED$'
broker_mark
pub esphome/living-room-thermostat/climate/living_room_thermostat/target_temperature/command 23
pub esphome/living-room-thermostat/climate/living_room_thermostat/mode/command cool
check "HA climate setpoint" broker_wait_text esphome/living-room-thermostat/climate/living_room_thermostat/target_temperature/state '^23\.0$'
check "HA climate mode" broker_wait_text esphome/living-room-thermostat/climate/living_room_thermostat/mode/state '^cool$'
mp=$(broker_last homeassistant/media_player/living-room-speaker/living_room_speaker/config)
jcheck "HA media_player hub schema" "$mp" '.[0] | .state_topic and .command_topic and .volume_state_topic and .volume_command_topic and .availability_topic and .unique_id'
mst=$(printf '%s' "$mp" | jq -r .state_topic)
broker_mark
pub "$(printf '%s' "$mp" | jq -r .command_topic)" PLAY
check "HA media PLAY -> playing" broker_wait_text "$mst" '^playing$'
broker_mark
pub "$(printf '%s' "$mp" | jq -r .volume_command_topic)" 0.6
check "HA media volume 0.6" broker_wait_text "$(printf '%s' "$mp" | jq -r .volume_state_topic)" '^0\.60?$'
BROKER_MARK=$MOVE_MARK
check "HA valve opening" broker_wait_text esphome/garden-irrigation-valve/valve/garden_irrigation_valve/state '^opening$'
check "HA valve opens" broker_wait_text esphome/garden-irrigation-valve/valve/garden_irrigation_valve/state '^open$' 6
broker_mark
pub esphome/robo-vacuum/vacuum/robo_vacuum/command start
check "HA vacuum cleaning" broker_wait esphome/robo-vacuum/vacuum/robo_vacuum/state '.state == "cleaning" and (.battery_level|type) == "number"'

broker_mark
pub homeassistant/status online
check "HA birth message: discovery sent again" broker_wait homeassistant/vacuum/robo-vacuum/robo_vacuum/config '.schema == "state" and .fanspd_lst and .set_fan_spd_t'

# ---- control topic: availability ------------------------------------------------------------
broker_mark
pub hub-sim/control '{"device":"Hallway Light","available":false}'
check "control: device offline" broker_wait_text esphome/hallway-light/status '^offline$'
check "control: result ok" broker_wait hub-sim/control/result '.ok == true and .device == "Hallway Light"'
pub hub-sim/control '{"device":"Desk Lamp","available":false}'
check "control: tasmota LWT Offline" broker_wait_text "tele/$T/LWT" '^Offline$'
broker_mark
pub esphome/hallway-light/light/hallway_light/command OFF
pub "cmnd/$T/POWER" ON
sleep 1
[ -z "$(_broker_payloads esphome/hallway-light/light/hallway_light/state)$(_broker_payloads "stat/$T/POWER")" ] &&
    ok "offline devices do not answer" || fail "offline devices answered"
broker_mark
pub hub-sim/control '{"device":"Hallway Light","available":true}'
check "control: back online" broker_wait_text esphome/hallway-light/status '^online$'
broker_mark
pub hub-sim/control '{"device":"Hallway Motion","value":true}'
check "control: motion detected" broker_wait "zigbee2mqtt/Hallway Motion" '.occupancy == true'
broker_mark
pub hub-sim/control '{"device":"No Such Thing","available":false}'
check "control: unknown device refused" broker_wait hub-sim/control/result '.ok == false'

# ---- garbage ---------------------------------------------------------------------------------
big="$BROKER_DIR/big"
head -c 1048576 /dev/urandom >"$big"
z="zigbee2mqtt/Kitchen Ceiling Light/set"
# Garbage payloads, one per line, each sent as its own message (mosquitto_pub -l).
printf '%s\n' 'not json{' '{"brightness":"abc"}' '{"brightness":1e999}' '{"color_temp":[1,2]}' \
    '{"state":12}' '{"color":{"x":"a"}}' '[1,2,3]' '{"state":"BLINK"}' '"ON' '-1' '1e309' \
    'nan' '{"position":-5}' "$(printf '\377\376')" >"$BROKER_DIR/garbage"
for t in "$z" "cmnd/$rgb/Dimmer" "cmnd/$rgb/Color" "cmnd/$shut/ShutterPosition1" \
    esphome/tv-backlight/light/tv_backlight/command \
    esphome/hallway-light/light/hallway_light/brightness/command \
    "$(printf '%s' "$mp" | jq -r .volume_command_topic)" hub-sim/control; do
    mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -q 1 -t "$t" -l <"$BROKER_DIR/garbage"
done
for t in "$z" "cmnd/$rgb/Backlog" esphome/robo-vacuum/vacuum/robo_vacuum/command hub-sim/control; do
    mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -q 1 -t "$t" -f "$big"
done
mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -q 1 -t "$z" -n
sleep 1
kill -0 "$SIM_PID" 2>/dev/null && ok "hub-sim survived garbage" || fail "hub-sim died on garbage"
check "garbage reached the sim and was logged as ignored" test "$(grep -c -E 'No converter|Invalid message|ignored' "$BROKER_DIR/sim.log")" -ge 40
broker_mark
pub "zigbee2mqtt/Kitchen Ceiling Light/get" '{"state":""}'
check "garbage changed nothing (z2m)" broker_wait "zigbee2mqtt/Kitchen Ceiling Light" '.state == "ON" and .brightness == 102 and .color_temp == 250'
broker_mark
pub "cmnd/$rgb/STATE" ''
check "garbage changed nothing (tasmota)" broker_wait "stat/$rgb/RESULT" '.POWER == "ON" and .HSBColor == "0,100,100"'
check "garbage changed nothing (HA)" test "$(broker_last esphome/tv-backlight/light/tv_backlight/state | jq -c '[.brightness,.color.h]')" = "[77,120]"

# ---- clean exit ------------------------------------------------------------------------------
broker_mark
kill -TERM "$SIM_PID"
wait "$SIM_PID"
rc=$?
SIM_PID=
[ $rc -eq 0 ] && ok "hub-sim exits 0 on SIGTERM" || fail "hub-sim exit status $rc"
check "exit: z2m availability offline" broker_wait "zigbee2mqtt/Front Door Lock/availability" '.state == "offline"' 2
check "exit: bridge offline" broker_wait zigbee2mqtt/bridge/state '.state == "offline"' 2
check "exit: tasmota LWT Offline" broker_wait_text "tele/$shut/LWT" '^Offline$' 2
check "exit: HA status offline" broker_wait_text esphome/robo-vacuum/status '^offline$' 2
check "exit: hub-sim/status offline" broker_wait_text hub-sim/status '^offline$' 2

if grep -q -i 'AddressSanitizer\|runtime error' "$BROKER_DIR/sim.log"; then
    fail "sanitizer report in hub-sim's log"
fi
if [ $fails -ne 0 ]; then
    echo "--- hub-sim log (tail)"
    tail -n 40 "$BROKER_DIR/sim.log"
    echo "$fails check(s) failed"
    exit 1
fi
echo "all hub-sim protocol checks passed"

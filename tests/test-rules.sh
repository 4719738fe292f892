#!/bin/sh
# test-rules.sh: automation rules end to end with real parts: mosquitto on a free port, hubd with
# the built plugins, hub-sim's demo house, hubctl. Time comes from a file (HUB_CLOCK_FILE) that
# the test moves forward, so `for` durations, delays, time and sun triggers run without sleeping.
# Checks every trigger, condition and action type of data/rules/test-demo.yaml, the four modes,
# traces (hubctl rules trace), a `for` and a delay pending across a restart of hubd (each fires
# once, at its time; the first restart after kill -9), YAML import/export round trip, bad YAML errors with FILE:LINE:COL, and a
# rule that keeps triggering itself being disabled.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
HOUSE=$top_srcdir/data/houses/demo.json
RULES=$top_srcdir/data/rules/test-demo.yaml
EXAMPLES=$top_srcdir/data/rules/examples.yaml
. "$top_srcdir/tests/lib-broker.sh"
. "$top_srcdir/tests/lib-hub-test.sh"
hub_test_begin test-rules
hub_clock_start "2026-06-14 12:00:00" # a Sunday

broker_start || { echo "FAIL: no broker"; exit 1; }
M=127.0.0.1:$BROKER_PORT
broker_capture_start test/out test/tpl hub/notify hub/response || exit 1
# count PAYLOAD: how many times test/out carried exactly PAYLOAD since the capture started.
count() { awk -v p="$1" 'BEGIN { FS = "\t" } $1 == "test/out" && $2 == p { n++ } END { print n + 0 }' "$BROKER_CAPTURE"; }
# expect PAYLOAD: it comes on test/out (after the mark) within 5 s.
expect() { broker_wait_text test/out "^$1\$" 5 >/dev/null && ok "$2" || bad "$2: no '$1' on test/out"; }
# absent PAYLOAD WHY: nothing like it since the mark (after a moment for it to arrive).
absent() {
    sleep 0.45
    if _broker_payloads test/out | grep -qx "$1"; then bad "$2: '$1' came"; else ok "$2"; fi
}
trace_status() { # trace_status RULE [N]: status of the Nth newest run (1 = newest)
    ctl rules trace "$1" 10 | jq -r ".traces[${2:-1} - 1].status // \"none\""
}

printf '[location]\nlatitude = 95\nlongitude = -0.1278\n' >"$T/bad.conf"
out=$("$HUBD" -c "$T/bad.conf" --check-config 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "bad.conf:3: \[location\] needs latitude" && ok "bad [location] refused: file:line" ||
    bad "bad location: rc $rc '$out'"
printf '[location]\nlatitude = 51.5074\nlongitude = -0.1278\n' >"$T/hub.conf"
start_hubd() {
    rm -f "$T/ready"
    "$HUBD" -c "$T/hub.conf" --mqtt "$M" --db "$T/hub.db" --house "$HOUSE" --plugins "$PLUGINS" \
        --ready-file "$T/ready" >>"$T/hubd.log" 2>&1 &
    HUBD_PID=$!
    wait_until 100 test -f "$T/ready"
}
stop_hubd() { kill "$HUBD_PID"; wait "$HUBD_PID"; HUBD_PID=; }
start_hubd || { bad "hubd did not start"; cat "$T/hubd.log"; exit 1; }
"$SIM" --mqtt "$M" >"$T/sim.log" 2>&1 &
SIM_PID=$!
wait_until 100 sh -c "'$HUBCTL' --mqtt $M state sensor.garage_temperature" || bad "hub-sim's devices never appeared"
sleep 1

# ---- import, list ----
out=$(ctl rules import "$RULES" 2>&1) && echo "$out" | grep -q "imported 21 rules (21 new)" &&
    ok "import: $out" || bad "import: $out"
n=$(ctl rules list | grep -c enabled)
[ "$n" -eq 21 ] && ok "rules list: 21 enabled" || bad "rules list shows $n enabled"

# ---- triggers ----
broker_mark
sim '{"device": "Front Door", "value": true}'
expect door_opened "state trigger (from off to on) ran its actions"
broker_wait hub/notify '.title == "Front door" and .message == "binary_sensor.front_door went on" and .rule_id == "door_opens"' 5 >/dev/null &&
    ok "notify action on hub/notify, message from a template" || bad "no hub/notify"
if wait_until 50 sh -c "'$HUBCTL' --mqtt $M state light.hallway_light | jq -e '.state == \"on\" and .attributes.brightness == 50'"; then
    ok "entity action with data: light.hallway_light on at brightness_pct 50 (through the plugin and hub-sim)"
else bad "hallway light: $(ctl state light.hallway_light | tr -d '\n ')"; fi
[ "$(trace_status door_opens)" = finished ] && ok "trace: door_opens finished" || bad "door_opens trace: $(ctl rules trace door_opens)"
ctl rules trace door_opens | jq -e '.traces[0] | .trigger.from == "off" and .trigger.to == "on" and
    (.actions | length) == 3 and .actions[0].action == "light.turn_on" and .actions[0].result == "ok"' >/dev/null &&
    ok "trace names the trigger (off -> on) and each action's result" || bad "trace: $(ctl rules trace door_opens 1)"

broker_mark
sim '{"device": "Hallway Motion", "value": true}'; sleep 0.5
sim '{"device": "Hallway Motion", "value": false}'; sleep 0.5
advance 299
absent motion_off_5min "state 'for 5 min': nothing after 4:59"
advance 2
expect motion_off_5min "state 'for 5 min': fired at 5:01"
broker_mark
sim '{"device": "Hallway Motion", "value": true}'; sleep 0.3
sim '{"device": "Hallway Motion", "value": false}'; sleep 0.3
advance 100
sim '{"device": "Hallway Motion", "value": true}'; sleep 0.5
advance 400
absent motion_off_5min "state 'for': motion back within 5 min cancels it"

broker_mark
sim '{"device": "Garage Temperature", "value": 35}'
expect garage_hot "numeric_state above 30: fired when it crossed"
broker_wait_text test/tpl '^35(\.0)? C, hall light on$' 5 >/dev/null && ok "templates: trigger.to_state.state and states()" ||
    bad "template payload: $(broker_last test/tpl)"
broker_mark
sim '{"device": "Garage Temperature", "value": 36}'
absent garage_hot "numeric_state: no second firing while it stays above"
sim '{"device": "Garage Temperature", "value": 20}'; sleep 0.3
sim '{"device": "Garage Temperature", "value": 31}'
expect garage_hot "numeric_state: fires again after dropping below and crossing again"
sim '{"device": "Garage Temperature", "value": 18}'; sleep 0.3

broker_mark
pub -t test/button/kitchen -m press
expect button_pressed "mqtt trigger with a wildcard topic and payload"
broker_mark
pub -t test/button/kitchen -m hold
absent button_pressed "mqtt trigger: another payload does not fire"

broker_mark
pub -t test/which -m a
expect "which first" "condition trigger: id of the first trigger"
pub -t test/which -m b
expect "which second 1" "condition trigger: a trigger without id is its index"

broker_mark
pub -t hub/command -m 'good night!'
expect good_night "phrase trigger through hub/command"
broker_wait hub/response '.ok == true and .rules == 1' 5 >/dev/null && ok "hub/response says a rule started" || bad "no hub/response"
broker_mark
pub -t hub/command -m '{"id": "t-zh", "text": "晚安", "lang": "zh-CN"}'
expect good_night "phrase trigger in Chinese"
broker_wait hub/response '.id == "t-zh" and .ok == true and (.text | test("自动化"))' 5 >/dev/null &&
    ok "the answer is in Chinese and carries the request's id" || bad "no Chinese answer with id t-zh"

[ "$(count hub_started)" -eq 0 ] || bad "hub start fired before the rule existed?"

# ---- conditions (clock: Sunday 12:10, light on, garage 18 C) ----
broker_mark
pub -t test/cond -m go
for c in c_state c_numeric c_time c_sun c_logic; do expect $c "condition ${c#c_} held"; done
absent c_false "condition time before 06:00 did not hold"
[ "$(trace_status c_false)" = condition_failed ] && ok "c_false trace: condition_failed" ||
    bad "c_false trace: $(trace_status c_false)"
ctl rules trace c_false | jq -e '.traces[0].conditions[0] | .condition == "time" and .result == false' >/dev/null &&
    ok "trace records the condition's result" || bad "c_false conditions: $(ctl rules trace c_false 1)"

# ---- actions ----
broker_mark
pub -t test/actions -m go
expect a_start "mqtt.publish action"
expect a_then "if/then"
expect a_choose1 "choose picks the first option whose conditions hold"
absent a_after_delay "delay: waiting"
advance 61
expect a_after_delay "delay: done after 1 min"
absent a_after_wait "wait_for_state: waiting"
sim '{"device": "Kitchen Window", "value": true}'
expect a_after_wait "wait_for_state: went on when the window opened"
advance 11
absent a_never "wait_for_trigger timed out (continue_on_timeout false): stopped"
[ "$(trace_status actions)" = timeout ] && ok "actions trace: timeout" || bad "actions trace: $(trace_status actions)"
[ "$(_broker_payloads test/out | grep -c '^a_else$\|^a_choose0$\|^a_default$')" -eq 0 ] &&
    ok "else/other choose branches not taken" || bad "a wrong branch ran"
pub -t test/command -m go; sleep 0.5
st=$(ctl rules trace command_action 1 | jq -r '.traces[0].actions[0] | "\(.action) \(.result) \(.error // "")"')
case "$st" in "conversation.process error language engine not available"|"conversation.process ok ") ok "command action: $st";;
*) bad "command action: '$st'";; esac

# ---- modes ----
broker_mark
for m in single restart queued parallel; do
    pub -t "test/mode/$m" -m 1; pub -t "test/mode/$m" -m 2
    [ $m = parallel ] && pub -t "test/mode/$m" -m 3
    sleep 0.5
done
starts() { ctl rules trace "m_$1" 10 | jq '[.traces[]] | length'; }
[ "$(starts single)" -eq 1 ] && ok "mode single: second trigger ignored" || bad "single: $(starts single) runs"
[ "$(trace_status m_restart 2)" = restarted ] && [ "$(trace_status m_restart 1)" = waiting ] &&
    ok "mode restart: the first run restarted, the second waits" || bad "restart: $(ctl rules trace m_restart | jq -c '[.traces[].status]')"
[ "$(starts queued)" -eq 1 ] && ok "mode queued: second waits its turn" || bad "queued: $(starts queued) runs"
[ "$(starts parallel)" -eq 2 ] && ok "mode parallel max 2: third dropped" || bad "parallel: $(starts parallel) runs"
advance 601
[ "$(starts queued)" -eq 2 ] && ok "mode queued: the second ran after the first" || bad "queued after: $(starts queued)"
advance 601
n=$(_broker_payloads test/out | grep -c '^m_end$')
[ "$n" -eq 6 ] && ok "modes: 6 runs ended (1 single, 1 restart, 2 queued, 2 parallel)" || bad "modes: $n ended"

# ---- time and sun triggers ----
broker_mark
setclock "$(date -u -d "2026-06-15 06:59:58" +%s)" # Monday
absent monday_morning "time trigger: not at 06:59:58"
advance 3
expect monday_morning "time trigger 07:00 on a Monday"
broker_mark
setclock "$(date -u -d "2026-06-16 07:00:05" +%s)" # Tuesday
absent monday_morning "time trigger: not on a Tuesday"
next=$(ctl rules get before_sunset | jq '.next[0] / 1000 | floor')
# NOAA: London sunset 2026-06-16 20:21 UTC; 30 min before is 19:51 (+-2 min).
lo=$(date -u -d "2026-06-16 19:49" +%s); hi=$(date -u -d "2026-06-16 19:53" +%s)
[ "$next" -ge "$lo" ] && [ "$next" -le "$hi" ] && ok "sun trigger scheduled $(date -u -d @"$next" +%H:%M:%S) (sunset - 30 min)" ||
    bad "sun trigger next: $next ($(date -u -d @"$next" 2>/dev/null))"
broker_mark
setclock $((next - 2))
absent sunset_soon "sun trigger: not 2 s early"
advance 3
expect sunset_soon "sun trigger fired at sunset - 30 min"

# ---- restart: a pending `for` and a delay survive, fire once at their time ----
cat >"$T/restart.yaml" <<'Y'
- id: garage_motion_5min
  trigger: {platform: state, entity_id: binary_sensor.garage_motion_sensor, to: "on", for: "00:05:00"}
  action: {service: mqtt.publish, data: {topic: test/out, payload: restart_for_fired}}
- id: delay_3min
  trigger: {platform: mqtt, topic: test/restart}
  action:
    - delay: "00:03:00"
    - {service: mqtt.publish, data: {topic: test/out, payload: restart_delay_fired}}
Y
ctl rules import "$T/restart.yaml" >/dev/null || bad "import restart rules"
broker_mark
sim '{"device": "Garage Motion Sensor", "value": true}'; sleep 0.5
pub -t test/restart -m go; sleep 0.5
advance 60
kill -9 "$HUBD_PID"; wait "$HUBD_PID" 2>/dev/null; HUBD_PID= # the hard way: nothing saved at exit
advance 60 # hubd is down for a minute
start_hubd || bad "hubd did not come back"
sleep 1
expect hub_started "hub start trigger"
grep -q "resumed 'for' on binary_sensor.garage_motion_sensor" "$T/hubd.log" && ok "restart: the 'for' was resumed" ||
    bad "no resumed 'for' in the log"
absent restart_delay_fired "restart: delay not yet at 2:00"
advance 61
expect restart_delay_fired "restart: the delay fired at 3:00"
absent restart_for_fired "restart: 'for' not yet at 3:01"
advance 120
expect restart_for_fired "restart: the 'for' fired at 5:01"
stop_hubd
start_hubd || bad "hubd did not come back"
advance 3600
sleep 0.5
[ "$(count restart_for_fired)" -eq 1 ] && [ "$(count restart_delay_fired)" -eq 1 ] &&
    ok "restart: each fired exactly once (after a second restart and an hour)" ||
    bad "restart: fired $(count restart_for_fired) / $(count restart_delay_fired) times"

# ---- YAML round trip ----
ctl rules export >"$T/e1.yaml" || bad "export"
ctl rules import "$T/e1.yaml" >/dev/null || bad "re-import of the export: $(ctl rules import "$T/e1.yaml" 2>&1)"
ctl rules export >"$T/e2.yaml"
if [ -s "$T/e1.yaml" ] && cmp -s "$T/e1.yaml" "$T/e2.yaml"; then ok "export -> import -> export is identical ($(wc -l <"$T/e1.yaml") lines)"
else bad "round trip differs: $(diff "$T/e1.yaml" "$T/e2.yaml" | head -5)"; fi
[ "$(ctl rules get door_opens | jq .version)" -eq 2 ] && ok "re-import bumped the version" || bad "version: $(ctl rules get door_opens | jq .version)"
if [ -f "$EXAMPLES" ]; then
    out=$(ctl rules import "$EXAMPLES" 2>&1) && ok "examples: $out" || bad "examples: $out"
fi

# ---- bad YAML: errors say where; nothing is imported ----
printf -- '- id: broken\n  trigger:\n    - platform: state\n      entity_id: [light.hallway_light\n  action: []\n' >"$T/syntax.yaml"
printf -- '- id: t1\n  trigger:\n    - platform: time\n      at: "25:61"\n  action:\n    - delay: 1\n' >"$T/time.yaml"
printf -- '- id: ok_rule\n  trigger: {platform: mqtt, topic: x}\n  action: {delay: 1}\n- id: e1\n  trigger: {platform: mqtt, topic: x}\n  action:\n    - service: light.turn_on\n      target:\n        entity_id: light.no_such_lamp\n' >"$T/entity.yaml"
for c in "syntax.yaml:5:9:" "time.yaml:4:11: automation 't1'.triggers[0]: '25:61' is not a time of day" \
         "entity.yaml:9:20: automation 'e1'.actions[0].target.entity_id: unknown entity 'light.no_such_lamp'"; do
    f=${c%%:*}
    out=$(ctl rules import "$T/$f" 2>&1); rc=$?
    case "$out" in *"$T/$c"*) [ $rc -eq 1 ] && ok "bad $f: $out" || bad "bad $f: rc $rc";;
    *) bad "bad $f: rc $rc '$out'";; esac
done
ctl rules get ok_rule >/dev/null 2>&1 && bad "a file with an error was partly imported" || ok "a file with an error imports nothing"

# ---- loop detection ----
cat >"$T/loop.yaml" <<'Y'
- id: toggler
  mode: parallel
  trigger: {platform: state, entity_id: switch.coffee_machine}
  action: {service: switch.toggle, target: {entity_id: switch.coffee_machine}}
Y
ctl rules import "$T/loop.yaml" >/dev/null || bad "import loop rule"
broker_mark
ctl call switch.coffee_machine toggle >/dev/null
if wait_until 150 grep -q "rule 'toggler' is in a loop.* 20 times in a row; it keeps triggering itself" "$T/hubd.log"; then
    ok "loop detected: $(grep -o "rule 'toggler' is in a loop.*" "$T/hubd.log" | head -1 | cut -c1-120)"
else bad "loop not detected"; fi
ctl rules list | grep -q "^toggler *disabled" && ok "the looping rule is disabled" || bad "toggler: $(ctl rules list | grep toggler)"
broker_wait hub/notify '.error == "loop" and .rule_id == "toggler"' 5 >/dev/null && ok "loop notified on hub/notify" || bad "no loop notification"
cat >"$T/pingpong.yaml" <<'Y'
- id: ping
  trigger: {platform: state, entity_id: switch.printer_plug}
  action: {service: switch.toggle, target: {entity_id: switch.christmas_tree}}
- id: pong
  trigger: {platform: state, entity_id: switch.christmas_tree}
  action: {service: switch.toggle, target: {entity_id: switch.printer_plug}}
Y
ctl rules import "$T/pingpong.yaml" >/dev/null || bad "import ping/pong"
ctl call switch.printer_plug toggle >/dev/null
if wait_until 150 grep -Eq "rule 'p[io]ng' is in a loop" "$T/hubd.log"; then
    ok "two rules triggering each other: $(grep -Eo "rule 'p[io]ng' is in a loop: triggered by [a-z_.]*" "$T/hubd.log" | head -1)"
else bad "ping/pong loop not detected"; fi
# A burst from the outside is no loop.
broker_mark
before=$(count button_pressed)
i=0; while [ $i -lt 40 ]; do echo press; i=$((i + 1)); done |
    mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -q 1 -t test/button/burst -l
wait_until 50 sh -c "[ \$(awk -F '\t' '\$1 == \"test/out\" && \$2 == \"button_pressed\"' '$BROKER_CAPTURE' | wc -l) -ge $((before + 40)) ]"
[ "$(count button_pressed)" -eq $((before + 40)) ] && ctl rules list | grep -q "^button *enabled" &&
    ok "40 presses in a burst: 40 runs, the rule stays enabled" || bad "burst: $(($(count button_pressed) - before)) runs; $(ctl rules list | grep '^button')"
kill -0 "$HUBD_PID" && ok "hubd alive" || bad "hubd died"

# ---- API errors ----
out=$(ctl rules trace no_such_rule 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "not_found" && ok "unknown rule: $out" || bad "unknown rule: rc $rc '$out'"
out=$(mosquitto_rr -h 127.0.0.1 -p "$BROKER_PORT" -t hub/rules/request -e hub/rules/result -W 5 -m '{"id":"x","type":"rules/frobnicate"}' 2>&1)
echo "$out" | jq -e '.success == false and (.error | startswith("unknown_command"))' >/dev/null && ok "unknown type: $out" ||
    bad "unknown type: '$out'"

stop_hubd
grep -q "stopped cleanly" "$T/hubd.log" && ok "hubd stopped cleanly" || bad "hubd did not stop cleanly"
if [ $fails -ne 0 ]; then
    echo "--- hubd log (tail) ---"; tail -40 "$T/hubd.log"
    echo "$fails checks failed"; exit 1
fi
echo "all rules checks passed"

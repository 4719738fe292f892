#!/bin/sh
# test-rule-sentence.sh: rules from sentences (hubd/rule_sentence.c) end to end with real parts:
# mosquitto on a free port, hubd with the built plugins and no model, hub-sim's demo house,
# hubctl, and the file clock (HUB_CLOCK_FILE) that tests/test-rules.sh uses. The engine's answer
# for a rule sentence (intent HubCreateRule with a `rule` member) is published on hub/intent, as
# an outside NLU would, and the test checks:
#  - the answer names the new rule and how to undo it, in English and Chinese;
#  - the rule is in rules/list and `hubctl rules list`, with the converted trigger (state in the
#    entity's own words, time with weekdays, sun with offset, numeric_state), the time window,
#    the action resolved as a spoken command would be (name, area + domain), `for` as a delay
#    and the opposite action;
#  - it fires in the demo house: a door opening only after 22:00 turns the hall light on, and
#    off again 5 minutes later; curtains open at 07:00 on a Monday only and close 10 minutes
#    later; a hot garage turns the extractor fan on;
#  - bad rule objects (unknown entity, impossible time, an action no rule can run, a `for` that
#    cannot be undone) are answered with the reason and create nothing;
#  - `hubctl rules delete ID`, the undo the answer names, removes the rule.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
HOUSE=$top_srcdir/data/houses/demo.json
. "$top_srcdir/tests/lib-broker.sh"
. "$top_srcdir/tests/lib-hub-test.sh"
. "$top_srcdir/tests/lib-door-rule.sh"
hub_test_begin test-rule-sentence
hub_clock_start "2026-06-14 12:00:00" # a Sunday

broker_start || { echo "FAIL: no broker"; exit 1; }
M=127.0.0.1:$BROKER_PORT
broker_capture_start hub/response || exit 1
printf '[location]\nlatitude = 51.5074\nlongitude = -0.1278\n' >"$T/hub.conf"
"$HUBD" -c "$T/hub.conf" --mqtt "$M" --db "$T/hub.db" --house "$HOUSE" --plugins "$PLUGINS" \
    --model "$T/no-model.gguf" --ready-file "$T/ready" >>"$T/hubd.log" 2>&1 &
HUBD_PID=$!
wait_until 100 test -f "$T/ready" || { bad "hubd did not start"; cat "$T/hubd.log"; exit 1; }
"$SIM" --mqtt "$M" --house "$HOUSE" >"$T/sim.log" 2>&1 &
SIM_PID=$!
wait_until 100 sh -c "'$HUBCTL' --mqtt $M state light.hallway_light | jq -e '.state == \"on\" or .state == \"off\"'" ||
    bad "hub-sim's devices never appeared"
sleep 1

# rule JSON [ANSWER_CHECK]: publish an engine answer on hub/intent; prints the hub's answer
# when it passes ANSWER_CHECK (jq), else nothing and returns 1.
rule() {
    broker_mark
    pub -t hub/intent -m "$1"
    broker_wait hub/response "${2:-true}" 5 2>"$T/err"
}
n_rules() { ctl rules list | grep -c enabled; }

# ---- a state trigger with a time window and `for`, in English ----
ctl call light.hallway_light turn_off >/dev/null
is light.hallway_light off || bad "hallway light would not turn off before the test"
ans=$(rule '{"intent": "HubCreateRule", "slots": {},
  "text": "when the front door opens after 10 pm, turn on the hallway light for 5 minutes",
  "rule": {"trigger": {"platform": "state", "entity": "Front Door", "to": "open"},
           "after": "22:00:00", "for": 300,
           "action": {"intent": "HassTurnOn", "slots": {"name": "Hallway Light"}}}}' '.ok')
id=$(printf '%s' "$ans" | jq -r '.rule_id // empty')
want="Created rule $id: when Front Door opens after 22:00, turn on Hallway Light for 5 minutes. To undo, say or run: hubctl rules delete $id"
[ -n "$id" ] && [ "$(printf '%s' "$ans" | jq -r .text)" = "$want" ] && ok "answer: $want" ||
    bad "state rule answer: '$ans' $(cat "$T/err")"
DOOR=$id
ctl rules list | grep -q "^$DOOR .*enabled.*when the front door opens after 10 pm" &&
    ok "hubctl rules list shows rule $DOOR with the sentence as its alias" || bad "rules list: $(ctl rules list)"
door_rule_checks "$DOOR"

# ---- a time trigger with weekdays and `for` on a cover, in Chinese ----
ctl call cover.bedroom_curtains close >/dev/null
is cover.bedroom_curtains closed || bad "curtains would not close before the test"
ans=$(rule '{"intent": "HubCreateRule", "slots": {}, "lang": "zh-CN", "text": "每周一早上7点打开卧室窗帘十分钟",
  "rule": {"trigger": {"platform": "time", "at": "07:00:00"}, "weekdays": ["mon"], "for": 600,
           "action": {"intent": "HassTurnOn", "slots": {"name": "Bedroom Curtains"}}}}' '.ok')
id=$(printf '%s' "$ans" | jq -r '.rule_id // empty')
want="已创建规则$id：每周一07:00打开Bedroom Curtains，10分钟后恢复。撤销：hubctl rules delete $id"
[ -n "$id" ] && [ "$id" -gt "$DOOR" ] && [ "$(printf '%s' "$ans" | jq -r .text)" = "$want" ] &&
    ok "answer: $want" || bad "time rule answer: '$ans' $(cat "$T/err")"
CURT=$id
ctl rules get "$CURT" | jq -e '.rule | .alias == "每周一早上7点打开卧室窗帘十分钟" and
    .triggers == [{"trigger": "time", "at": "07:00:00", "weekday": ["mon"]}] and .conditions == [] and
    [.actions[] | .action // .delay] == ["cover.open", 600, "cover.close"]' >/dev/null &&
    ok "rule $CURT: time 07:00 on mon, open, delay 600, close" || bad "rule $CURT: $(ctl rules get "$CURT" | jq -c .rule)"
setclock "$(date -u -d "2026-06-15 06:59:58" +%s)" # Monday
[ "$(state cover.bedroom_curtains)" = closed ] && ok "curtains closed at 06:59:58" || bad "curtains early"
advance 3
is cover.bedroom_curtains open && ok "07:00 on a Monday: Bedroom Curtains open" ||
    bad "curtains at 07:00: $(state cover.bedroom_curtains)"
advance 601
is cover.bedroom_curtains closed && ok "'10分钟': curtains closed again at 07:10" ||
    bad "curtains not closed: $(state cover.bedroom_curtains)"
setclock "$(date -u -d "2026-06-16 07:00:05" +%s)" # Tuesday
sleep 0.5
[ "$(state cover.bedroom_curtains)" = closed ] && ok "not on a Tuesday" || bad "curtains opened on a Tuesday"

# ---- numeric_state with an area + domain action; sun with an offset and weekdays ----
ctl call fan.kitchen_extractor_fan turn_off >/dev/null
ans=$(rule '{"intent": "HubCreateRule", "slots": {},
  "rule": {"trigger": {"platform": "numeric_state", "entity": "Garage Temperature", "above": 30},
           "action": {"intent": "HassTurnOn", "slots": {"area": "Kitchen", "domain": "fan"}}}}' '.ok')
id=$(printf '%s' "$ans" | jq -r '.rule_id // empty')
printf '%s' "$ans" | jq -e --arg id "$id" '.text | startswith("Created rule \($id): when Garage Temperature goes above 30, turn on Kitchen Extractor Fan.")' >/dev/null &&
    ctl rules get "$id" | jq -e '.rule.triggers == [{"trigger": "numeric_state", "entity_id": "sensor.garage_temperature", "above": 30}] and
        .rule.actions[0].target.entity_id == "fan.kitchen_extractor_fan"' >/dev/null &&
    ok "numeric_state rule $id: the fan of the Kitchen area resolved to its entity" || bad "numeric rule: '$ans' $(ctl rules get "$id" | jq -c .rule)"
sim '{"device": "Garage Temperature", "value": 20}'; sleep 0.3
sim '{"device": "Garage Temperature", "value": 35}'
is fan.kitchen_extractor_fan on && ok "garage at 35: Kitchen Extractor Fan on" || bad "fan: $(state fan.kitchen_extractor_fan)"

ans=$(rule '{"intent": "HubCreateRule", "slots": {},
  "rule": {"trigger": {"platform": "sun", "event": "sunset", "offset": -1800}, "weekdays": ["sat", "sun"],
           "before": "23:00",
           "action": {"intent": "HassTurnOn", "slots": {"area": "Kitchen", "domain": "light"}}}}' '.ok')
id=$(printf '%s' "$ans" | jq -r '.rule_id // empty')
printf '%s' "$ans" | jq -e --arg id "$id" '.text | startswith("Created rule \($id): 30 minutes before sunset on weekends before 23:00, turn on 2 lights in the Kitchen.")' >/dev/null &&
    ctl rules get "$id" | jq -e '.rule | .triggers == [{"trigger": "sun", "event": "sunset", "offset": "-00:30:00"}] and
        .conditions == [{"condition": "time", "before": "23:00:00", "weekday": ["sat", "sun"]}] and
        ([.actions[].target.entity_id] | sort) == ["light.kitchen_ceiling_light", "light.under_cabinet_lights"]' >/dev/null &&
    ok "sun rule $id: offset -00:30:00, weekend and time window as a condition, both kitchen lights" ||
    bad "sun rule: '$ans' $(ctl rules get "$id" | jq -c .rule)"

# ---- bad rule objects: a clear answer, nothing created ----
before=$(n_rules)
bad_rule() { # bad_rule RULE_MEMBER LANG EXPECTED_TEXT WHAT
    ans=$(rule "{\"intent\": \"HubCreateRule\", \"slots\": {}, \"lang\": \"$2\", \"rule\": $1}" \
        '.ok == false and .rule_id == null') || { bad "$4: no failed answer $(cat "$T/err")"; return; }
    [ "$(printf '%s' "$ans" | jq -r .text)" = "$3" ] && ok "$4: $3" || bad "$4: '$(printf '%s' "$ans" | jq -r .text)'"
}
TURN_ON='"action": {"intent": "HassTurnOn", "slots": {"name": "Hallway Light"}}'
bad_rule "{\"trigger\": {\"platform\": \"state\", \"entity\": \"Back Door\", \"to\": \"open\"}, $TURN_ON}" en \
    "I don't know a device called Back Door. No rule was created." "unknown trigger entity"
bad_rule '{"trigger": {"platform": "time", "at": "07:00:00"}, "action": {"intent": "HassTurnOn", "slots": {"name": "Nope Lamp"}}}' en \
    "I don't know a device called Nope Lamp. No rule was created." "unknown action target"
bad_rule "{\"trigger\": {\"platform\": \"time\", \"at\": \"25:00:00\"}, $TURN_ON}" zh-CN \
    "25:00:00不是有效的时间。没有创建规则。" "impossible time (Chinese)"
bad_rule "{\"trigger\": {\"platform\": \"time\", \"at\": \"07:00\"}, \"after\": \"22:61\", $TURN_ON}" en \
    "22:61 is not a time of day. No rule was created." "impossible window"
bad_rule '{"trigger": {"platform": "time", "at": "07:00"}, "action": {"intent": "HassStartTimer", "slots": {"minutes": 5}}}' en \
    "A rule can't do that. No rule was created." "an action that is not a device's"
bad_rule '{"trigger": {"platform": "time", "at": "07:00"}, "for": 60, "action": {"intent": "HassSetVolume", "slots": {"name": "Living Room Speaker", "volume_level": 30}}}' en \
    "I can't undo that after a while. No rule was created." "'for' on an action without an opposite"
bad_rule '{"trigger": {"platform": "state", "entity": "Front Door", "to": "sideways"}}' en \
    "That rule is not valid (sideways). No rule was created." "unknown state word"
bad_rule '"not an object"' en "That rule is not valid (rule). No rule was created." "rule member not an object"
[ "$(n_rules)" -eq "$before" ] && ok "the bad requests created no rule (still $before)" ||
    bad "bad requests created rules: $(ctl rules list)"

# ---- the undo the answer names ----
out=$(ctl rules delete "$DOOR" 2>&1) && ! ctl rules list | grep -q "^$DOOR " &&
    ok "hubctl rules delete $DOOR: the rule is gone" || bad "delete: $out"
kill -0 "$HUBD_PID" && ok "hubd alive" || bad "hubd died"

if [ $fails -ne 0 ]; then
    echo "--- hubd log (tail) ---"; tail -40 "$T/hubd.log"
    echo "$fails checks failed"; exit 1
fi
echo "all rule-sentence checks passed"

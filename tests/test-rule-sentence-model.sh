#!/bin/sh
# test-rule-sentence-model.sh: a rule made from a spoken sentence, in English and in Chinese,
# through the whole hub: the sentence goes to hub/command, the trained model
# (models/hubd-intent.gguf, or HUB_COMMAND_MODEL) turns it into a rule, hubd stores it and answers
# with its id and the undo, and the rule then runs in the demo house (real mosquitto, hubd,
# hub-sim; the hub's clock is the file clock of tests/lib-hub-test.sh, so 22:30 and 07:00 come
# without sleeping):
#  - "when the front door opens after 10 pm, turn on the hallway light for 5 minutes": stored and
#    run as tests/lib-door-rule.sh checks (the same checks as test-rule-sentence.sh's): the
#    door opening at noon does nothing, at 22:30 the light goes on, and off again 5 minutes later;
#  - "每天早上7点打开卧室窗帘": at 07:00 the curtains open.
# Skips (77) only when no trained model is there.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
MODEL=${HUB_COMMAND_MODEL:-$top_srcdir/models/hubd-intent.gguf}
[ -r "$MODEL" ] || { echo "SKIP: no trained model at $MODEL"; exit 77; }
. "$top_srcdir/tests/lib-broker.sh"
. "$top_srcdir/tests/lib-hub-test.sh"
. "$top_srcdir/tests/lib-door-rule.sh"
hub_test_begin test-rule-sentence-model
hub_clock_start "2026-06-14 12:00:00"

# the demo house with the Chinese names a family would use for its rooms and devices
jq -f "$top_srcdir/tests/demo-house-zh.jq" "$top_srcdir/data/houses/demo.json" >"$T/house.json" ||
    { echo "FAIL: cannot write the house"; exit 1; }
broker_start || { echo "FAIL: no broker"; exit 1; }
M=127.0.0.1:$BROKER_PORT
broker_capture_start hub/response || exit 1
"$HUBD" --mqtt "$M" --db "$T/hub.db" --house "$T/house.json" --plugins "$PLUGINS" \
    --model "$MODEL" --ready-file "$T/ready" >>"$T/hubd.log" 2>&1 &
HUBD_PID=$!
wait_until 300 test -f "$T/ready" || { bad "hubd did not start"; tail -20 "$T/hubd.log"; exit 1; }
"$SIM" --mqtt "$M" --house "$T/house.json" >"$T/sim.log" 2>&1 &
SIM_PID=$!
wait_until 100 sh -c "'$HUBCTL' --mqtt $M state light.hallway_light | jq -e '.state == \"on\" or .state == \"off\"'" ||
    bad "hub-sim's devices never appeared"
sleep 1

# say LANG TEXT: the sentence as a spoken command; prints the hub's answer once it has a rule id
say() {
    broker_mark
    jq -cn --arg t "$2" --arg l "$1" '{text: $t, lang: $l}' | pub -t hub/command -s
    broker_wait hub/response '.rule_id != null' 10 2>"$T/err" ||
        { bad "[$1] $2: no rule created; the hub answered: $(_broker_payloads hub/response | tail -1)"; return 1; }
}

# ---- English: a state trigger with a time window and 'for' ----
ctl call light.hallway_light turn_off >/dev/null
is light.hallway_light off || bad "hallway light would not turn off before the test"
if ans=$(say en "when the front door opens after 10 pm, turn on the hallway light for 5 minutes"); then
    id=$(printf '%s' "$ans" | jq -r .rule_id)
    printf '%s' "$ans" | jq -e --arg id "$id" '.ok and (.text | startswith("Created rule \($id): when Front Door opens after 22:00, turn on Hallway Light for 5 minutes.")) and (.text | test("hubctl rules delete \($id)"))' >/dev/null &&
        ok "en answer: $(printf '%s' "$ans" | jq -r .text)" || bad "en answer: $ans"
    door_rule_checks "$id"
fi

# ---- Chinese: every day at 07:00 ----
ctl call cover.bedroom_curtains close >/dev/null
is cover.bedroom_curtains closed || bad "curtains would not close before the test"
if ans=$(say zh-CN "每天早上7点打开卧室窗帘"); then
    id=$(printf '%s' "$ans" | jq -r .rule_id)
    printf '%s' "$ans" | jq -e --arg id "$id" '.ok and (.text | startswith("已创建规则\($id)：")) and (.text | test("hubctl rules delete \($id)"))' >/dev/null &&
        ok "zh-CN answer: $(printf '%s' "$ans" | jq -r .text)" || bad "zh-CN answer: $ans"
    ctl rules get "$id" | jq -e '.rule | .triggers == [{"trigger": "time", "at": "07:00:00"}] and
        [.actions[] | .action] == ["cover.open"] and .actions[0].target.entity_id == "cover.bedroom_curtains"' >/dev/null &&
        ok "rule $id stored: every day 07:00, open the bedroom curtains" ||
        bad "rule $id: $(ctl rules get "$id" | jq -c .rule)"
    setclock "$(date -u -d "2026-06-15 06:59:57" +%s)"
    [ "$(state cover.bedroom_curtains)" = closed ] && ok "06:59:57: curtains still closed" || bad "curtains opened early"
    advance 5
    is cover.bedroom_curtains open && ok "07:00: Bedroom Curtains open" ||
        bad "curtains at 07:00: $(state cover.bedroom_curtains)"
fi

kill -0 "$HUBD_PID" && ok "hubd alive" || bad "hubd died"
if [ $fails -ne 0 ]; then
    echo "--- hubd log (tail) ---"; tail -30 "$T/hubd.log"
    echo "$fails checks failed"; exit 1
fi
echo "rules from sentences through the model: all checks passed"

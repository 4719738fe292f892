#!/bin/sh
# test-command-engine.sh: text commands through hubd's language engine on its worker threads,
# against the demo house (real mosquitto, hubd, hub-sim).
#  - Always (with the reference deepseek2 model from HUB_REFERENCE_DIR, random weights, which
#    answers "none"): the model loads once at start, hub/command and Hermes go through the engine
#    (answers carry the engine's time, no "not ready"), English and Chinese answers, a flood of
#    engine work is bounded (answered + dropped = sent, hubd alive), and the state thread keeps
#    serving hub/intent within 500 ms while the workers are busy.
#  - When the trained model models/hubd-intent.gguf exists: utterances in English and Chinese
#    for every intent with a device or hub feature behind it must give the right intent and move
#    the right device, and "A and B" must run both commands.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
HUBD=$top_builddir/hubd/hubd
SIM=$top_builddir/tools/hub-sim
PLUGINS=$top_builddir/plugins/.libs
HOUSE=$top_srcdir/data/houses/demo.json
REF=${HUB_REFERENCE_DIR:-/work/shared/reference}/models/ds2-lite-q8_0.gguf
TRAINED=${HUB_COMMAND_MODEL:-$top_srcdir/models/hubd-intent.gguf} # override: a model being trained
for f in "$HUBD" "$SIM" "$PLUGINS/zigbee2mqtt.so"; do
    [ -e "$f" ] || { echo "FAIL: $f is not built"; exit 1; }
done
[ -r "$REF" ] || { echo "FAIL: reference model $REF missing (configure --with-reference)"; exit 1; }
for p in jq mosquitto_sub mosquitto_pub; do
    command -v $p >/dev/null || { echo "FAIL: $p is missing"; exit 1; }
done

. "$top_srcdir/tests/lib-broker.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/test-command-engine.XXXXXX")
HUBD_PID= SIM_PID=
cleanup() {
    for p in $SIM_PID $HUBD_PID; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    broker_stop
    rm -rf "$T"
}
trap cleanup EXIT
fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
pub() { mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t "$1" -m "$2"; }

broker_start || { echo "FAIL: no broker"; exit 1; }
M=127.0.0.1:$BROKER_PORT
broker_capture_start '#' || exit 1
printf '[satellites]\nkitchen-sat = Kitchen\n' >"$T/hub.conf"
start_hubd() { # MODEL
    rm -f "$T/ready"
    "$HUBD" -c "$T/hub.conf" --mqtt "$M" --db "$T/hub.db" --house "$HOUSE" --plugins "$PLUGINS" \
        --model "$1" --ready-file "$T/ready" >"$T/hubd.log" 2>&1 &
    HUBD_PID=$!
    n=300
    while [ ! -f "$T/ready" ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
    [ -f "$T/ready" ] || { bad "hubd did not start with $1"; tail -20 "$T/hubd.log"; exit 1; }
}
"$SIM" --mqtt "$M" --house "$HOUSE" >"$T/sim.log" 2>&1 &
SIM_PID=$!

echo "--- the engine on worker threads (reference model: mechanics) ---"
start_hubd "$REF"
grep -q "model .* loaded in .* ms, [12] workers" "$T/hubd.log" && ok "model loaded once: $(grep -o "[12] workers" "$T/hubd.log")" ||
    bad "no model-loaded line in hubd.log"
sleep 2
cmd() { # cmd PAYLOAD JQ
    broker_mark
    printf '%s' "$1" | mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t hub/command -s
    if a=$(broker_wait hub/response "$2" 10 2>"$T/err"); then
        ok "$(printf '%.40s' "$1") -> $(printf '%s' "$a" | jq -c '{text,intent,ms}')"
    else bad "'$(printf '%.60s' "$1")': no answer passing $2"; cat "$T/err"; fi
}
cmd 'turn off the kitchen lights' '.ms != null and .error != "not_ready" and .lang == "en" and (.text | length) > 0'
cmd '把厨房的灯关掉' '.ms != null and .lang == "zh-CN" and (.text | length) > 0 and .error != "not_ready"'
cmd '{"text":"lights off","satellite":"kitchen-sat","id":7}' '.id == 7 and .ms != null'
broker_mark
pub hermes/nlu/query '{"input":"turn on the kitchen light","sessionId":"s1","siteId":"kitchen-sat"}'
if broker_wait hermes/nlu/intentNotRecognized '.sessionId == "s1"' 10 >/dev/null 2>&1 ||
   broker_wait_text 'hermes/intent/Hass[A-Za-z]*' '"sessionId":"s1"' 1 >/dev/null 2>&1; then
    ok "hermes/nlu/query answered by the engine"
else
    grep -q '^hermes/intent/' "$BROKER_CAPTURE" && ok "hermes/nlu/query answered with an intent" ||
        bad "hermes/nlu/query: no answer"
fi
broker_mark
pub hermes/asr/textCaptured '{"text":"what time is it","siteId":"kitchen-sat","sessionId":"s2"}'
broker_wait hermes/tts/say '.sessionId == "s2" and .lang == "en"' 10 >/dev/null &&
    ok "hermes/asr/textCaptured -> hermes/tts/say" || bad "no hermes/tts/say"

# a flood of engine work: the queue is bounded, everything is answered or counted, and the state
# thread still answers hub/intent at once
broker_mark
mosquitto_sub -h 127.0.0.1 -p "$BROKER_PORT" -t hub/response -F '%U %p' >"$T/timed" &
TP=$!
sleep 0.3
seq 400 | sed 's/^/please turn off the lights in room number /' >"$T/flood"
mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t hub/command -l -q 1 <"$T/flood" &
FP=$!
sleep 0.3
t0=$(date +%s.%N)
pub hub/intent '{"intent":"HassGetCurrentTime","slots":{},"id":"during-flood"}'
n=50
while ! grep -q during-flood "$T/timed" && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
t1=$(grep during-flood "$T/timed" | cut -d' ' -f1)
kill $TP 2>/dev/null
if [ -n "$t1" ]; then
    ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", (b - a) * 1000 }')
    [ "$ms" -lt 500 ] && ok "hub/intent answered in ${ms} ms while the workers were busy" ||
        bad "hub/intent took ${ms} ms during the flood (state thread blocked?)"
else bad "hub/intent not answered during the flood"; fi
wait $FP
sleep 3
kill -0 "$HUBD_PID" 2>/dev/null && ok "hubd alive after the flood" || bad "hubd died in the flood"
answered=$(_broker_payloads hub/response | grep -c '"ms"')
echo "flood: $answered of 400 answered through the engine, the rest dropped (queue of 64)"
[ "$answered" -gt 0 ] && [ "$answered" -le 400 ] && ok "flood bounded" || bad "flood: $answered answers"
busy=$(_broker_payloads hub/response | grep '"error":"busy"' | head -1)
if [ "$answered" -lt 400 ]; then
    printf '%s' "$busy" | jq -e '.dropped > 0' >/dev/null 2>&1 &&
        ok "drops announced: $(printf '%s' "$busy" | jq -c '{text,dropped}')" || bad "no busy answer for the drops"
fi
cmd 'after the flood' '.ms != null'
kill "$HUBD_PID"; wait "$HUBD_PID" 2>/dev/null; HUBD_PID=
if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error|Segmentation|ThreadSanitizer' "$T/hubd.log"; then
    bad "sanitizer/crash report in hubd.log:"
    grep -E -A20 'ERROR: |WARNING: ThreadSanitizer|runtime error' "$T/hubd.log" | grep -E 'ERROR|WARNING|runtime|/work|Direct' | head -40
fi

if [ ! -r "$TRAINED" ]; then
    echo "note: $TRAINED is not there yet: understanding is checked once the trained model lands"
    echo "$fails failures"
    [ $fails -eq 0 ]
    exit
fi

echo "--- understanding with the trained model ($TRAINED) ---"
start_hubd "$TRAINED"
sleep 2
# say LANG TEXT JQ: the answer on hub/response must pass JQ
say() {
    broker_mark
    jq -cn --arg t "$2" --arg l "$1" '{text: $t, lang: $l, satellite: "kitchen-sat"}' |
        mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t hub/command -s
    if a=$(broker_wait hub/response "$3" 10 2>"$T/err"); then
        ok "[$1] $2 -> $(printf '%s' "$a" | jq -r .text)"
    else bad "[$1] $2: no answer passing $3"; cat "$T/err"; fi
}
say en "turn off the kitchen lights" '.intent == "HassTurnOff" and (.targets | index("light.kitchen_ceiling_light"))'
say en "switch on the desk lamp" '.intent == "HassTurnOn" and .targets == ["light.desk_lamp"]'
say en "open the living room blinds" '.intent == "HassTurnOn" and .targets == ["cover.living_room_blinds"]'
say en "lock the front door" '.intent == "HassTurnOn" and .targets == ["lock.front_door_lock"]'
say en "set the desk lamp to 40 percent" '.intent == "HassLightSet" and .slots.brightness == 40'
say en "make the living room lamp red" '.intent == "HassLightSet" and .slots.color == "red"'
say en "set the bedroom curtains to 50 percent" '.intent == "HassSetPosition" and .slots.position == 50'
say en "set the living room thermostat to 22 degrees" '.intent == "HassClimateSetTemperature"'
say en "what is the temperature in the living room" '.intent == "HassClimateGetTemperature"'
say en "set the bedroom ceiling fan to 50 percent" '.intent == "HassFanSetSpeed"'
say en "pause the living room speaker" '.intent == "HassMediaPause"'
say en "resume the living room speaker" '.intent == "HassMediaUnpause"'
say en "next track on the kids room tv" '.intent == "HassMediaNext"'
say en "previous song on the kids room tv" '.intent == "HassMediaPrevious"'
say en "set the living room speaker volume to 30" '.intent == "HassSetVolume"'
say en "start the robo vacuum" '.intent == "HassVacuumStart"'
say en "send the robo vacuum back to its dock" '.intent == "HassVacuumReturnToBase"'
say en "is the front door lock locked" '.intent == "HassGetState"'
say en "which windows are open" '.intent == "HassGetState"'
say en "what time is it" '.intent == "HassGetCurrentTime" and .ok'
say en "what is the date today" '.intent == "HassGetCurrentDate" and .ok'
say en "set a timer for 5 minutes" '.intent == "HassStartTimer" and .ok'
say en "how much time is left on my timer" '.intent == "HassTimerStatus"'
say en "cancel the timer" '.intent == "HassCancelTimer"'
say en "add milk to my shopping list" '.intent == "HassShoppingListAddItem" and .ok'
say en "turn off the kitchen lights and lock the front door" '(.commands | length) == 2'
say zh-CN "关灯" '.intent == "HassTurnOff" and .lang == "zh-CN"'
say zh-CN "开灯" '.intent == "HassTurnOn"'
say zh-CN "现在几点了" '.intent == "HassGetCurrentTime" and (.text | test("现在是"))'
say zh-CN "今天几号" '.intent == "HassGetCurrentDate"'
say zh-CN "设一个五分钟的计时器" '.intent == "HassStartTimer" and .ok'
say zh-CN "取消计时器" '.intent == "HassCancelTimer"'
say zh-CN "把牛奶加到购物清单" '.intent == "HassShoppingListAddItem"'
say zh-CN "关灯然后开灯" '(.commands | length) == 2'
echo "$fails failures"
[ $fails -eq 0 ]

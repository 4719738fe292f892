#!/bin/sh
# test-command-engine.sh: text commands through hubd's language engine on its worker threads,
# against the demo house (real mosquitto, hubd, hub-sim).
#  - Always (with the reference deepseek2 model from HUB_REFERENCE_DIR, random weights, which
#    answers "none"): the model loads once at start, hub/command and Hermes go through the engine
#    (answers carry the engine's time, no "not ready"), English and Chinese answers, a flood of
#    engine work is bounded (answered + dropped = sent, hubd alive), and the state thread keeps
#    serving hub/intent within 500 ms while the workers are busy.
#  - When the trained model models/hubd-intent.gguf exists (or HUB_COMMAND_MODEL names a model
#    in training): ordinary utterances in English and Chinese for every schema intent with a
#    device or hub feature behind it must give the right intent and send the right device its
#    own command message (topic from hub-sim --list), or the right answer/event for queries,
#    timers, lists, broadcast; several commands in one utterance, ambiguous, unknown and offline
#    devices. The house gets Chinese aliases (rooms, floors, devices) as a Chinese-speaking
#    family would name it. Every check runs and every miss is printed (MISS: what was said, what
#    the hub answered). The model is not perfect, so misses are counted against a budget,
#    HUB_MAX_MISSES (default below: the 3 misses of the shipped models/hubd-intent.gguf and two
#    to spare, see models/README.md); more misses than that (a worse model, or a hub regression, which makes
#    many checks miss at once) fail the test. Crashes and sanitizer reports always fail.
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
ok() { echo "ok: $*"; checks=$((checks + 1)); }
# before the trained model's part a failed check fails the test; in it, a check that fails is a
# miss of understanding, counted against the budget
bad() {
    checks=$((checks + 1))
    if [ "$understanding" = 1 ]; then echo "MISS: $*"; misses=$((misses + 1))
    else echo "FAIL: $*"; fails=$((fails + 1)); fi
}
understanding=0 checks=0 misses=0
MAX_MISSES=${HUB_MAX_MISSES:-5}
pub() { mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t "$1" -m "$2"; }

broker_start || { echo "FAIL: no broker"; exit 1; }
M=127.0.0.1:$BROKER_PORT
broker_capture_start '#' || exit 1
# a backend that cannot be had (a wrong config line) is logged, and the engine runs on the CPU
printf '[satellites]\nkitchen-sat = Kitchen\nbedroom-sat = Bedroom\n[engine]\nbackend = tpu\n' \
    >"$T/hub.conf"
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
[ "$(grep -c "\[engine\] backend = tpu: unknown backend 'tpu'.*(the CPU is used)" "$T/hubd.log")" = 1 ] &&
    ok "[engine] backend = tpu: said once, the CPU used" || bad "no one-line report of the bad backend"
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
understanding=1 checks=0
# The same house as a Chinese-speaking family names it: Chinese aliases for its rooms, floors and
# the devices people talk about (the names stay English, so answers read "已关闭Kitchen的2盏灯").
jq -f "$top_srcdir/tests/demo-house-zh.jq" "$HOUSE" >"$T/house-zh.json" || { bad "cannot write the house with Chinese aliases"; exit 1; }
HOUSE=$T/house-zh.json
rm -f "$T/hub.db"
kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null
start_hubd "$TRAINED"
# a fresh hub-sim: every device announces itself and its state to the new hubd (zigbee2mqtt
# states are not retained)
broker_mark
"$SIM" --mqtt "$M" --house "$HOUSE" >"$T/sim.log" 2>&1 &
SIM_PID=$!
# Where each device listens: hub-sim's own list (protocol, topic)
"$SIM" --list --house "$HOUSE" >"$T/devices"
# dev_msgs NAME: what was sent to device NAME's own command topics since the mark, one message a
# line: zigbee2mqtt "set PAYLOAD", Tasmota "COMMAND PAYLOAD", HA discovery "TOPIC_TAIL PAYLOAD".
dev_msgs() {
    _line=$(grep -F "  $1  " "$T/devices" | head -1)
    [ -n "$_line" ] || { echo "no device $1 in hub-sim --list" >&2; return 1; }
    tail -n "+$((BROKER_MARK + 1))" "$BROKER_CAPTURE" |
        awk -F'\t' -v p="${_line%% *}" -v n="$1" -v pre="${_line##* }" '
            p == "zigbee2mqtt" && $1 == "zigbee2mqtt/" n "/set" { print "set " $2 }
            p == "tasmota" && index($1, pre) == 1 { print substr($1, length(pre) + 1) " " $2 }
            p == "ha" && index($1, pre "/") == 1 && $1 ~ /\/command$/ {
                print substr($1, length(pre) + 2) " " $2 }'
}
# dev_got NAME REGEX: device NAME got a command matching REGEX (within 3 s)
dev_got() {
    _n=30
    while [ $_n -gt 0 ]; do
        dev_msgs "$1" | grep -Eq -- "$2" && return 0
        sleep 0.1; _n=$((_n - 1))
    done
    return 1
}
SAT=kitchen-sat # the satellite that hears the commands (its area: Kitchen)
# say LANG TEXT JQ [DEVICE REGEX]...: the answer on hub/response must pass JQ, and each DEVICE
# must get a command matching its REGEX on its own topic.
say() {
    _lang=$1 _text=$2 _jq=$3
    shift 3
    broker_mark
    jq -cn --arg t "$_text" --arg l "$_lang" --arg s "$SAT" '{text: $t, lang: $l, satellite: $s}' |
        mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t hub/command -s
    if ! a=$(broker_wait hub/response "$_jq" 5 2>"$T/err"); then
        got=$(_broker_payloads hub/response | tail -1 | jq -c '{text, intent, slots, commands: ([.commands[]? | {intent, slots}] | if length > 0 then . else null end)} | with_entries(select(.value != null))' 2>/dev/null)
        bad "[$_lang] $_text: answer not passing $_jq; got: $got"
        return
    fi
    _missing=
    while [ $# -ge 2 ]; do
        dev_got "$1" "$2" || _missing="$_missing; $1 got nothing matching '$2' ($(dev_msgs "$1" | tr '\n' '|'))"
        shift 2
    done
    if [ -n "$_missing" ]; then
        bad "[$_lang] $_text -> $(printf '%s' "$a" | jq -c '{text, intent, slots}')$_missing"
    else ok "[$_lang] $_text -> $(printf '%s' "$a" | jq -r .text)"; fi
}
# event TOPIC JQ WHAT: a hub event seen since the last command
event() {
    broker_wait "$1" "$2" 3 >/dev/null 2>&1 && ok "  $3" || bad "  $3: nothing on $1 passing $2"
}
# every house entity has a state before we start
n=150
while [ $n -gt 0 ]; do
    [ "$(tail -n "+$((BROKER_MARK + 1))" "$BROKER_CAPTURE" | awk -F'\t' '$1 ~ /^hub\/state\// { print $1 }' | sort -u | wc -l)" -ge 40 ] && break
    sleep 0.1; n=$((n - 1))
done

echo "--- on/off: lights, switches, covers, locks, valves ---"
say en "switch on the desk lamp" '.intent == "HassTurnOn" and .ok' "Desk Lamp" '^POWER (ON|1)$'
say zh-CN "打开台灯" '.intent == "HassTurnOn" and .ok' "Desk Lamp" '^POWER (ON|1)$'
# "kitchen lights" is the demo house's alias of the Kitchen Ceiling Light
say en "turn off the kitchen lights" '.intent == "HassTurnOff" and .ok and .targets == ["light.kitchen_ceiling_light"]' \
    "Kitchen Ceiling Light" '"state":"OFF"'
say zh-CN "把厨房的灯关掉" '.intent == "HassTurnOff" and .ok' \
    "Kitchen Ceiling Light" '"state":"OFF"' "Under Cabinet Lights" '^POWER (OFF|0)$'
say en "lights on" '.intent == "HassTurnOn" and .ok' "Kitchen Ceiling Light" '"state":"ON"'
say zh-CN "关灯" '.intent == "HassTurnOff" and .ok' "Kitchen Ceiling Light" '"state":"OFF"'
say en "turn on the lights upstairs" '.intent == "HassTurnOn" and .ok and (.targets | length) == 5' \
    "Bedside Lamp 1" '"state":"ON"' "Desk Lamp" '^POWER (ON|1)$' "Mirror Light" '"state":"ON"'
say zh-CN "把楼上的灯都关了" '.intent == "HassTurnOff" and .ok and (.targets | length) == 5' \
    "Bedside Lamp 2" '"state":"OFF"' "Kids Room Night Light" '^POWER (OFF|0)$'
say en "turn on the coffee machine" '.intent == "HassTurnOn" and .ok' "Coffee Machine" '^POWER (ON|1)$'
say zh-CN "把咖啡机关掉" '.intent == "HassTurnOff" and .ok' "Coffee Machine" '^POWER (OFF|0)$'
say en "open the living room blinds" '.intent == "HassTurnOn" and .ok' "Living Room Blinds" '"state":"OPEN"'
say zh-CN "打开客厅的百叶窗" '.intent == "HassTurnOn" and .ok' "Living Room Blinds" '"state":"OPEN"'
say en "close the garage door" '.intent == "HassTurnOff" and .ok' "Garage Door" '/command CLOSE$'
say zh-CN "关上车库门" '.intent == "HassTurnOff" and .ok' "Garage Door" '/command CLOSE$'
say en "lock the front door" '.intent == "HassTurnOn" and .ok' "Front Door Lock" '"state":"LOCK"'
say zh-CN "把前门锁上" '.intent == "HassTurnOn" and .ok' "Front Door Lock" '"state":"LOCK"'
say en "unlock the side door" '.intent == "HassTurnOff" and .ok' "Garage Side Door Lock" '/command UNLOCK$'
say zh-CN "把侧门的锁打开" '.intent == "HassTurnOff" and .ok' "Garage Side Door Lock" '/command UNLOCK$'
say en "turn off the water main" '.intent == "HassTurnOff" and .ok' "Main Water Valve" '/command CLOSE$'
say zh-CN "关掉总水阀" '.intent == "HassTurnOff" and .ok' "Main Water Valve" '/command CLOSE$'

echo "--- lights, covers, climate, fans ---"
say en "set the desk lamp to 40 percent" '.intent == "HassLightSet" and .slots.brightness == 40 and .ok' \
    "Desk Lamp" '^Dimmer 40$'
say zh-CN "把台灯调到百分之四十" '.intent == "HassLightSet" and .slots.brightness == 40 and .ok' \
    "Desk Lamp" '^Dimmer 40$'
say en "make the living room lamp red" '.intent == "HassLightSet" and .slots.color == "red" and .ok' \
    "Living Room Lamp" '"color"'
say zh-CN "把落地灯调成蓝色" '.intent == "HassLightSet" and .ok' "Living Room Lamp" '"color"'
say en "set the bedroom curtains to 50 percent" '.intent == "HassSetPosition" and .slots.position == 50 and .ok' \
    "Bedroom Curtains" 'position/command 50$'
say zh-CN "把卧室的窗帘调到百分之三十" '.intent == "HassSetPosition" and .slots.position == 30 and .ok' \
    "Bedroom Curtains" 'position/command 30$'
say en "set the living room thermostat to 22 degrees" '.intent == "HassClimateSetTemperature" and .ok' \
    "Living Room Thermostat" 'target_temperature/command 22(\.0*)?$'
say zh-CN "把客厅的温度调到二十度" '.intent == "HassClimateSetTemperature" and .ok' \
    "Living Room Thermostat" 'target_temperature/command 20(\.0*)?$'
say en "what's the temperature in the living room" \
    '.intent == "HassClimateGetTemperature" and .ok and (.text | test("in the Living Room"))'
say zh-CN "客厅现在多少度" '.intent == "HassClimateGetTemperature" and .ok and (.text | test("Living Room现在"))'
say en "set the bedroom ceiling fan to 50 percent" '.intent == "HassFanSetSpeed" and .ok' \
    "Bedroom Ceiling Fan" 'speed_level/command 50$'
say zh-CN "把吊扇调到百分之八十" '.intent == "HassFanSetSpeed" and .ok' \
    "Bedroom Ceiling Fan" 'speed_level/command 80$'
say en "turn on the extractor fan" '.intent == "HassTurnOn" and .ok' "Kitchen Extractor Fan" '"(fan_)?state":"ON"'

echo "--- media ---"
say en "pause the living room speaker" '.intent == "HassMediaPause" and .ok' "Living Room Speaker" '/command PAUSE$'
say zh-CN "暂停音箱" '.intent == "HassMediaPause" and .ok' "Living Room Speaker" '/command PAUSE$'
say en "resume the music on the living room speaker" '.intent == "HassMediaUnpause" and .ok' \
    "Living Room Speaker" '/command PLAY$'
say zh-CN "音箱继续播放" '.intent == "HassMediaUnpause" and .ok' "Living Room Speaker" '/command PLAY$'
say en "next track on the kids room tv" '.intent == "HassMediaNext" and .ok' "Kids Room TV" '/command NEXT$'
say zh-CN "音箱切到下一首" '.intent == "HassMediaNext" and .ok' "Living Room Speaker" '/command NEXT$'
say en "play the previous song on the speaker" '.intent == "HassMediaPrevious" and .ok' \
    "Living Room Speaker" '/command PREVIOUS$'
say zh-CN "电视上一个" '.intent == "HassMediaPrevious" and .ok' "Kids Room TV" '/command PREVIOUS$'
say en "set the living room speaker volume to 30" '.intent == "HassSetVolume" and .ok' \
    "Living Room Speaker" 'volume/command 0?\.30*$'
say zh-CN "把音箱的音量调到五十" '.intent == "HassSetVolume" and .ok' "Living Room Speaker" 'volume/command 0?\.50*$'
say en "turn up the volume on the speaker" '.intent == "HassSetVolumeRelative" and .ok' \
    "Living Room Speaker" 'volume/command '
say zh-CN "电视声音小一点" '.intent == "HassSetVolumeRelative" and .ok' "Kids Room TV" 'volume/command '
# the HA discovery media players have no mute command: the right intent and a plain "can't"
say en "mute the tv" '.intent == "HassMediaPlayerMute" and (.text | test("can.t do that"))'
say zh-CN "把电视静音" '.intent == "HassMediaPlayerMute" and (.text | test("不支持"))'
say en "unmute the kids room tv" '.intent == "HassMediaPlayerUnmute" and (.text | test("can.t do that"))'
say zh-CN "电视取消静音" '.intent == "HassMediaPlayerUnmute" and (.text | test("不支持"))'
say en "play some jazz on the living room speaker" '.intent == "HassMediaSearchAndPlay" and (.ok | not)'
say zh-CN "在音箱上放点爵士乐" '.intent == "HassMediaSearchAndPlay" and (.ok | not)'

echo "--- vacuum, lawn mower (the demo house has none) ---"
say en "start the robo vacuum" '.intent == "HassVacuumStart" and .ok' "Robo Vacuum" '/command start$'
say zh-CN "让扫地机器人开始打扫" '.intent == "HassVacuumStart" and .ok' "Robo Vacuum" '/command start$'
say en "send the vacuum back to its dock" '.intent == "HassVacuumReturnToBase" and .ok' \
    "Robo Vacuum" '/command return_to_base$'
say zh-CN "让扫地机器人回去充电" '.intent == "HassVacuumReturnToBase" and .ok' "Robo Vacuum" '/command return_to_base$'
say en "vacuum the kitchen" '.intent == "HassVacuumCleanArea" and .ok' "Robo Vacuum" '/command start$'
say zh-CN "打扫一下卧室" '.intent == "HassVacuumCleanArea" and .ok' "Robo Vacuum" '/command start$'
say en "start mowing the lawn" '.intent == "HassLawnMowerStartMowing" and (.ok | not) and (.text | test("lawn mower"))'
say zh-CN "开始割草" '.intent == "HassLawnMowerStartMowing" and (.ok | not) and (.text | test("割草机"))'
say en "send the lawn mower back to its dock" '.intent == "HassLawnMowerDock" and (.ok | not)'
say zh-CN "让割草机回去" '.intent == "HassLawnMowerDock" and (.ok | not)'

echo "--- queries answered from state ---"
say en "is the front door locked" '.intent == "HassGetState" and .ok and (.text | test("locked"))'
say zh-CN "前门锁了吗" '.intent == "HassGetState" and .ok and (.text | test("锁"))'
say en "which windows are open" '.intent == "HassGetState" and .ok'
say zh-CN "哪些窗户开着" '.intent == "HassGetState" and .ok'
say en "is the garage door open" '.intent == "HassGetState" and .ok and (.text | test("Garage Door"))'
say zh-CN "车库门开着吗" '.intent == "HassGetState" and .ok and (.text | test("Garage Door"))'
say en "what time is it" '.intent == "HassGetCurrentTime" and .ok and (.text | test("^It is [0-9]+:[0-9]{2}"))'
say zh-CN "现在几点了" '.intent == "HassGetCurrentTime" and .ok and (.text | test("现在是"))'
say en "what's the date today" '.intent == "HassGetCurrentDate" and .ok and (.text | test("^Today is"))'
say zh-CN "今天几号" '.intent == "HassGetCurrentDate" and .ok and (.text | test("^今天是"))'
say en "what's the weather like" '.intent == "HassGetWeather" and (.text | test("weather"))'
say zh-CN "今天天气怎么样" '.intent == "HassGetWeather" and (.text | test("天气"))'

echo "--- timers (kept by the hub, events on hub/timer/...) ---"
say en "set a timer for 5 minutes" '.intent == "HassStartTimer" and .ok and .slots.minutes == 5'
event hub/timer/started '.total_s == 300' "a 5-minute timer started"
say en "how much time is left on my timer" '.intent == "HassTimerStatus" and .ok and (.text | test("left"))'
say en "add 2 minutes to the timer" '.intent == "HassIncreaseTimer" and .ok'
event hub/timer/updated '.remaining_s > 300' "timer increased"
say en "take a minute off the timer" '.intent == "HassDecreaseTimer" and .ok'
event hub/timer/updated '.remaining_s <= 360' "timer decreased"
say en "pause the timer" '.intent == "HassPauseTimer" and .ok'
event hub/timer/paused '.paused' "timer paused"
say en "resume the timer" '.intent == "HassUnpauseTimer" and .ok'
event hub/timer/resumed '.paused | not' "timer resumed"
say en "cancel the timer" '.intent == "HassCancelTimer" and .ok'
event hub/timer/cancelled '.total_s >= 300' "timer cancelled"
say zh-CN "设一个十分钟的计时器" '.intent == "HassStartTimer" and .ok and .slots.minutes == 10'
event hub/timer/started '.total_s == 600' "a 10-minute timer started"
say zh-CN "计时器还剩多久" '.intent == "HassTimerStatus" and .ok and (.text | test("还剩"))'
say zh-CN "计时器加三分钟" '.intent == "HassIncreaseTimer" and .ok'
say zh-CN "计时器减一分钟" '.intent == "HassDecreaseTimer" and .ok'
say zh-CN "暂停计时器" '.intent == "HassPauseTimer" and .ok'
say zh-CN "继续计时" '.intent == "HassUnpauseTimer" and .ok'
say zh-CN "取消计时器" '.intent == "HassCancelTimer" and .ok'
say en "set a pizza timer for 12 minutes" '.intent == "HassStartTimer" and .ok and .slots.name == "pizza"'
say zh-CN "设一个二十分钟的计时器" '.intent == "HassStartTimer" and .ok'
say en "cancel all my timers" '.intent == "HassCancelAllTimers" and .ok'
say zh-CN "设一个一小时的计时器" '.intent == "HassStartTimer" and .ok and .slots.hours == 1'
say zh-CN "取消所有的计时器" '.intent == "HassCancelAllTimers" and .ok'
# a delayed command: carried out when its timer fires
say en "turn off the coffee machine in 3 seconds" '.intent == "HassStartTimer" and .ok and .slots.conversation_command != null'
dev_got "Coffee Machine" '^POWER (OFF|0)$' || sleep 3
dev_got "Coffee Machine" '^POWER (OFF|0)$' && ok "  the delayed command reached the Coffee Machine" ||
    bad "  the delayed command did not reach the Coffee Machine"
say zh-CN "三秒后打开咖啡机" '.intent == "HassStartTimer" and .ok and .slots.conversation_command != null'
dev_got "Coffee Machine" '^POWER (ON|1)$' || sleep 3
dev_got "Coffee Machine" '^POWER (ON|1)$' && ok "  the delayed command reached the Coffee Machine" ||
    bad "  the delayed command did not reach the Coffee Machine"

echo "--- lists (kept by the hub, shown on hub/list) ---"
say en "add milk to my shopping list" '.intent == "HassShoppingListAddItem" and .ok and .slots.item == "milk"'
event hub/list '.items | map(.item? // .) | index("milk")' "milk on the list"
say zh-CN "把鸡蛋加到购物清单" '.intent == "HassShoppingListAddItem" and .ok and .slots.item == "鸡蛋"'
say en "check milk off my shopping list" '.intent == "HassShoppingListCompleteItem" and .ok'
say zh-CN "购物清单上的鸡蛋买好了" '.intent == "HassShoppingListCompleteItem" and .ok'
say en "add call the plumber to my to-do list" '.intent == "HassListAddItem" and .ok'
say zh-CN "把交电费加到待办清单" '.intent == "HassListAddItem" and .ok'
say en "mark call the plumber as done on my to-do list" '.intent == "HassListCompleteItem" and .ok'
say zh-CN "待办清单上的交电费已经完成了" '.intent == "HassListCompleteItem" and .ok'
say en "add bread to the shopping list" '.intent == "HassShoppingListAddItem" and .ok'
say en "remove bread from the shopping list" '.intent == "HassListRemoveItem" and .ok'
say zh-CN "把面包加到购物清单" '.intent == "HassShoppingListAddItem" and .ok'
say zh-CN "把面包从购物清单里删掉" '.intent == "HassListRemoveItem" and .ok'

echo "--- broadcast, never mind ---"
say en "tell everyone dinner is ready" '.intent == "HassBroadcast" and .ok'
event hub/broadcast '.text | test("dinner")' "broadcast on hub/broadcast"
say zh-CN "广播一下晚饭好了" '.intent == "HassBroadcast" and .ok'
event hub/broadcast '.text | test("晚饭")' "broadcast on hub/broadcast"
say en "never mind" '.intent == "HassNevermind" and .ok'
say zh-CN "算了" '.intent == "HassNevermind" and .ok'

echo "--- several commands in one utterance ---"
say en "turn off the lights and lock the front door" '(.commands | length) == 2 and .ok' \
    "Kitchen Ceiling Light" '"state":"OFF"' "Front Door Lock" '"state":"LOCK"'
say zh-CN "关灯然后把前门锁上" '(.commands | length) == 2 and .ok' \
    "Kitchen Ceiling Light" '"state":"OFF"' "Front Door Lock" '"state":"LOCK"'
say en "open the living room blinds, turn on the floor lamp and start the vacuum" '(.commands | length) == 3 and .ok' \
    "Living Room Blinds" '"state":"OPEN"' "Living Room Lamp" '"state":"ON"' "Robo Vacuum" '/command start$'
say zh-CN "打开客厅的百叶窗，然后把温度调到二十一度" '(.commands | length) == 2 and .ok' \
    "Living Room Blinds" '"state":"OPEN"' "Living Room Thermostat" 'target_temperature/command 21(\.0*)?$'
# "and" inside one command joins targets: not split into a broken half
say en "turn off the desk lamp and the printer" '.ok and (.targets | sort) == ["light.desk_lamp", "switch.printer_plug"]' \
    "Desk Lamp" '^POWER (OFF|0)$' "Printer Plug" '^POWER (OFF|0)$'

# a part that is no command: the rest is carried out and the answer names what was not understood
say en "turn on the desk lamp and then flibber the gronk" '(.commands | length) == 2 and (.text | test("flibber the gronk"))' \
    "Desk Lamp" '^POWER (ON|1)$'

echo "--- ambiguous, unknown and offline devices ---"
# the engine maps "the bedside lamp" to the nearest name, Bedside Lamp 1; the hub, seeing the
# words said, asks which (this is what the engine's answer for it looks like)
broker_mark
pub hub/intent '{"intent":"HassTurnOn","slots":{"name":"Bedside Lamp 1"},"text":"turn on the bedside lamp","satellite":"kitchen-sat"}'
broker_wait hub/response '(.ok | not) and .text == "Bedside Lamp 1 or Bedside Lamp 2?"' 5 >/dev/null &&
    ok "nearest-name match of an unnumbered name -> Bedside Lamp 1 or Bedside Lamp 2?" ||
    bad "hub/intent Bedside Lamp 1 said as 'the bedside lamp': not asked which"
say en "turn on the bedside lamp" '(.ok | not) and .text == "Bedside Lamp 1 or Bedside Lamp 2?"'
SAT=bedroom-sat # in the bedroom itself it is still both
say en "turn on the bedside lamp" '(.ok | not) and (.text | test("Bedside Lamp 1 or Bedside Lamp 2"))'
SAT=kitchen-sat
say en "turn on the disco ball" '(.ok | not) and (.intent == null or (.text | test("disco ball"; "i")))'
say zh-CN "打开迪斯科球" '(.ok | not)'
pub hub-sim/control '{"device":"Mirror Light","available":false}'
broker_wait hub/state/light.mirror_light '.state == "unavailable" or .available == false' 5 >/dev/null 2>&1
say en "turn on the mirror light" '.intent == "HassTurnOn" and (.ok | not) and .text == "Mirror Light is offline."'
say zh-CN "打开浴室的灯" '.intent == "HassTurnOn" and (.ok | not) and (.text | test("Mirror Light离线了"))'
pub hub-sim/control '{"device":"Mirror Light","available":true}'

understanding=0
kill "$HUBD_PID"; wait "$HUBD_PID" 2>/dev/null; HUBD_PID=
if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error|Segmentation|ThreadSanitizer' "$T/hubd.log"; then
    bad "sanitizer/crash report in hubd.log (trained model):"
    grep -E -A20 'ERROR: |WARNING: ThreadSanitizer|runtime error' "$T/hubd.log" | grep -E 'ERROR|WARNING|runtime|/work|Direct' | head -40
fi
echo "understanding: $((checks - misses)) of $checks checks passed, $misses missed (budget $MAX_MISSES)"
[ $misses -le "$MAX_MISSES" ] || bad "$misses misses of understanding, more than the budget of $MAX_MISSES"
echo "$fails failures"
[ $fails -eq 0 ]

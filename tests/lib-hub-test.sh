# lib-hub-test.sh: helpers shared by the shell tests that drive a real hubd and hub-sim over a
# broker (test-rules.sh, test-command.sh, test-hubd.sh and the others that call hub_test_begin),
# some with the hub's clock under the test's control. Source it after lib-broker.sh, then call
# hub_test_begin; ok, bad and wait_until need neither (test-hubd-demo.sh and test-hubd-tls.sh,
# which bring up their own broker, use only those):
#   hub_test_begin NAME [NEED...]   HUBD, HUBCTL, SIM, PLUGINS set; they, zigbee2mqtt.so, jq, the
#                                mosquitto clients and each NEED (a path: built; a name: a program
#                                on PATH) there, else FAIL; T a new temporary folder; on exit
#                                CLIENT_PID (a mosquitto_sub or load the test runs beside them),
#                                hub-sim and hubd (SIM_PID, HUBD_PID) stopped, the broker too, T
#                                removed
#   ok WHAT / bad WHAT           report a check; bad counts failures in $fails
#   wait_until TENTHS CMD...     0 once CMD succeeds, polled every 0.1 s; 1 after TENTHS tries
#   hub_clock_start "DATE"       TZ=UTC and the hub's clock (HUB_CLOCK_FILE, in $T) set to DATE
#   setclock EPOCH / advance SECS   move the hub's clock (NOW holds it)
#   ctl ARGS / pub ARGS / sim JSON  hubctl, mosquitto_pub and hub-sim's control topic on $M
#                                   (set M=127.0.0.1:$BROKER_PORT once the broker runs)

fails=0
hub_test_begin() {
    HUBD=$top_builddir/hubd/hubd HUBCTL=$top_builddir/hubd/hubctl SIM=$top_builddir/tools/hub-sim
    PLUGINS=$top_builddir/plugins/.libs
    _ht_name=$1; shift
    for f in "$HUBD" "$HUBCTL" "$SIM" "$PLUGINS/zigbee2mqtt.so" jq mosquitto_sub mosquitto_pub \
        "$@"; do
        case $f in
            */*) [ -e "$f" ] || { echo "FAIL: $f is not built"; exit 1; } ;;
            *) command -v "$f" >/dev/null ||
                { echo "FAIL: $f is missing (quickstart installs it)"; exit 1; } ;;
        esac
    done
    T=$(mktemp -d "${TMPDIR:-/tmp}/$_ht_name.XXXXXX")
    HUBD_PID= SIM_PID= CLIENT_PID=
    trap hub_test_cleanup EXIT
}
hub_test_cleanup() {
    for p in $CLIENT_PID $SIM_PID $HUBD_PID; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    broker_stop
    rm -rf "$T"
}
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
wait_until() {
    n=$1; shift
    while [ "$n" -gt 0 ]; do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1; n=$((n - 1))
    done
    return 1
}

setclock() { # setclock EPOCH_SECONDS: the hub's time from now on
    NOW=$1
    echo "$1" >"$T/clock.tmp" && mv "$T/clock.tmp" "$T/clock"
    sleep 0.35 # the rules tick (200 ms) reads it
}
advance() { setclock $((NOW + $1)); }
hub_clock_start() {
    export TZ=UTC HUB_CLOCK_FILE="$T/clock"
    setclock "$(date -u -d "$1" +%s)"
}

ctl() { "$HUBCTL" --mqtt "$M" "$@"; }
pub() { mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -q 1 "$@"; }
sim() { pub -t hub-sim/control -m "$1"; }

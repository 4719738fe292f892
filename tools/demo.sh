#!/usr/bin/env bash
# demo.sh: the demo home, what `./quickstart` runs: hubd --demo (which starts its own mosquitto
# on 127.0.0.1, port 1883 when free), then hub-sim's simulated house on that broker, then how to
# talk to them. Ctrl-C (or SIGTERM) stops everything and waits for it: no process is left behind.
#   HUB_BUILD_DIR  where the programs were built (default: the source tree, as quickstart builds)
#   HUB_DEMO_DIR   where the demo keeps its database (default: ~/.local/state/hubd-demo)
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build=${HUB_BUILD_DIR:-$src}
demo_dir=${HUB_DEMO_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/hubd-demo}
hubd=$build/hubd/hubd hubctl=$build/hubd/hubctl sim=$build/tools/hub-sim
for p in "$hubd" "$hubctl" "$sim"; do
    if [ ! -x "$p" ]; then
        echo "demo: $p is not built (run ./quickstart, or set HUB_BUILD_DIR)" >&2
        exit 1
    fi
done
mkdir -p "$demo_dir" || exit 1
ready=$demo_dir/ready
rm -f "$ready"

hubd_pid= sim_pid=
stopping=
stop() {
    [ -n "$stopping" ] && return
    stopping=1
    trap '' INT TERM
    echo
    echo "demo: stopping"
    # hub-sim first, then hubd (which stops its broker); wait for each so nothing outlives us.
    [ -n "$sim_pid" ] && kill -TERM "$sim_pid" 2>/dev/null
    [ -n "$sim_pid" ] && wait "$sim_pid" 2>/dev/null
    [ -n "$hubd_pid" ] && kill -TERM "$hubd_pid" 2>/dev/null
    [ -n "$hubd_pid" ] && wait "$hubd_pid" 2>/dev/null
    rm -f "$ready"
    echo "demo: stopped"
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap 'stop' EXIT

"$hubd" --demo --db "$demo_dir/hubd.db" --http 127.0.0.1:8080 --ready-file "$ready" &
hubd_pid=$!
for _ in $(seq 100); do
    [ -f "$ready" ] && break
    kill -0 "$hubd_pid" 2>/dev/null || { echo "demo: hubd did not start (see above)" >&2; exit 1; }
    sleep 0.1
done
[ -f "$ready" ] || { echo "demo: hubd did not connect to its broker within 10 s" >&2; exit 1; }
mqtt=$(sed -n 's/^mqtt=//p' "$ready")
port=${mqtt##*:}

"$sim" --mqtt "$mqtt" &
sim_pid=$!

cat <<MSG

  hubd demo home is running (hubd pid $hubd_pid, hub-sim pid $sim_pid)
  MQTT broker:  $mqtt        database: $demo_dir/hubd.db

  Try:
    $hubctl --mqtt $mqtt devices
    $hubctl --mqtt $mqtt call light.bedside_lamp_1 turn_on brightness=40
    $hubctl --mqtt $mqtt state light.bedside_lamp_1
    mosquitto_sub -h 127.0.0.1 -p $port -t 'hub/state/#' -v
    mosquitto_pub -h 127.0.0.1 -p $port -t hub/call \\
        -m '{"entity": "light.bedside_lamp_1", "action": "turn_off"}'

  Dashboard: the "dashboard:" link hubd printed above (http://127.0.0.1:8080, its access
  token in the link; a new one each start)
  Ctrl-C stops everything.

MSG

# Until hubd ends (or a signal arrives and the trap runs).
wait "$hubd_pid"
rc=$?
hubd_pid=
echo "demo: hubd exited with status $rc"
exit "$rc"

#!/bin/sh
# bench-ws.sh: websocket fan-out benchmark. Starts hubd (with its own mosquitto and the built
# plugins) serving the dashboard API on a free port, makes an access token, then runs
# tools/bench-ws.js: N websocket clients authenticate and subscribe_states while one sensor
# (announced by Home Assistant MQTT discovery) changes RATE times a second for SECONDS. Prints
# delivery latency (MQTT publish -> state_changed at each client) p50/p99/max, messages
# delivered, and hubd's CPU (% of one core) and RSS.
#   tools/bench-ws.sh [-n CLIENTS] [-r CHANGES_PER_S] [-t SECONDS]      (default 200, 50, 10)
#   HUB_BUILD_DIR  where hubd, hubctl and plugins were built (default: the source tree)
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build=${HUB_BUILD_DIR:-$src}
clients=200 rate=50 secs=10
while getopts n:r:t: o; do
    case $o in
    n) clients=$OPTARG ;;
    r) rate=$OPTARG ;;
    t) secs=$OPTARG ;;
    *) echo "usage: $0 [-n CLIENTS] [-r CHANGES_PER_S] [-t SECONDS]" >&2; exit 2 ;;
    esac
done
for p in "$build/hubd/hubd" "$build/hubd/hubctl"; do
    [ -x "$p" ] || { echo "bench-ws: $p is not built (set HUB_BUILD_DIR)" >&2; exit 1; }
done
node_path=$src/web/node_modules
[ -f "$build/web/npm.stamp" ] && node_path="$(cat "$build/web/npm.stamp"):$node_path"
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-ws.XXXXXX") || exit 1
hubd_pid=
cleanup() {
    [ -n "$hubd_pid" ] && kill "$hubd_pid" 2>/dev/null && wait "$hubd_pid" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

token=$("$build/hubd/hubctl" --db "$dir/hub.db" token create bench 2>"$dir/hubctl.log") ||
    { cat "$dir/hubctl.log" >&2; exit 1; }
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
"$build/hubd/hubd" --db "$dir/hub.db" --plugins "$build/plugins/.libs" --http "127.0.0.1:$port" \
    --log-level warn --ready-file "$dir/ready" >"$dir/hubd.log" 2>&1 &
hubd_pid=$!
i=0
while [ ! -f "$dir/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -f "$dir/ready" ] || { echo "bench-ws: hubd did not start:" >&2; cat "$dir/hubd.log" >&2; exit 1; }
mqtt=$(sed -n 's/^mqtt=//p' "$dir/ready")
NODE_PATH=$node_path node "$src/tools/bench-ws.js" --url "http://127.0.0.1:$port" --token "$token" \
    --mqtt "$mqtt" --pid "$hubd_pid" --clients "$clients" --rate "$rate" --seconds "$secs"

#!/bin/sh
# bench-command.sh: bring up the demo house (own mosquitto on a free port, hubd, hub-sim) and run
# tools/bench-command against it, then take everything down.
#   sh tools/bench-command.sh [-n N] [--intent] [--model FILE] [--lang en|zh-CN] [--text UTTERANCE]
# Without --intent the commands are text through the language engine (the shipped model, or
# --model); --intent measures the path without the engine (hub/intent). Prints p50/p99/max ms.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}" "${top_builddir:=.}"
N=100 MODE= MODEL= LANG_=en TEXT=
while [ $# -gt 0 ]; do
    case $1 in
    -n) N=$2; shift ;;
    --intent) MODE=--intent ;;
    --model) MODEL=$2; shift ;;
    --lang) LANG_=$2; shift ;;
    --text) TEXT=$2; shift ;;
    *) echo "usage: $0 [-n N] [--intent] [--model FILE] [--lang en|zh-CN] [--text UTTERANCE]" >&2; exit 2 ;;
    esac
    shift
done
for f in hubd/hubd tools/hub-sim tools/bench-command; do
    [ -x "$top_builddir/$f" ] || { echo "bench-command.sh: $top_builddir/$f is not built" >&2; exit 1; }
done
. "$top_srcdir/tests/lib-broker.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/bench-command.XXXXXX")
HUBD_PID= SIM_PID=
cleanup() {
    for p in $SIM_PID $HUBD_PID; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    broker_stop
    rm -rf "$T"
}
trap cleanup EXIT INT TERM
# small messages go out at once (Nagle + delayed ACK add ~40 ms per hop otherwise)
BROKER_EXTRA="set_tcp_nodelay true"
broker_start || exit 1
M=127.0.0.1:$BROKER_PORT
"$top_builddir/hubd/hubd" --mqtt "$M" --db "$T/hub.db" --house "$top_srcdir/data/houses/demo.json" \
    --plugins "$top_builddir/plugins/.libs" ${MODEL:+--model "$MODEL"} --ready-file "$T/ready" \
    >"$T/hubd.log" 2>&1 &
HUBD_PID=$!
n=300
while [ ! -f "$T/ready" ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
[ -f "$T/ready" ] || { echo "bench-command.sh: hubd did not start" >&2; tail "$T/hubd.log" >&2; exit 1; }
"$top_builddir/tools/hub-sim" --mqtt "$M" --house "$top_srcdir/data/houses/demo.json" >"$T/sim.log" 2>&1 &
SIM_PID=$!
sleep 3 # every device announced and reported
echo "cpus $(nproc), $(grep -o 'model .* loaded in [0-9]* ms' "$T/hubd.log" || echo 'no model')"
"$top_builddir/tools/bench-command" --mqtt "$M" -n "$N" $MODE --lang "$LANG_" ${TEXT:+--text "$TEXT"}

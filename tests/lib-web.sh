# lib-web.sh: a real hub for the web tests: mosquitto (lib-broker.sh) on a free port, an access
# token made with `hubctl token create` on a fresh database, hubd with the built plugins and
# the demo house serving --http on a free loopback port, and hub-sim's simulated devices.
#   . "$top_srcdir/tests/lib-web.sh"
#   web_start [HUBD_ARGS...] || exit 1   # sets WEB_DIR, WEB_URL (http://127.0.0.1:PORT),
#                                        # WEB_PORT, WEB_TOKEN, MQTT (HOST:PORT), HUBD_PID
#   web_stop_hubd / web_start_hubd       # restart hubd alone (same database and port)
#   web_node FILE.js ARGS...             # node with the npm modules of web/ on NODE_PATH
#   web_cleanup                          # everything down (also on EXIT when trapped)
: "${top_srcdir:=.}" "${top_builddir:=.}"
. "$top_srcdir/tests/lib-broker.sh"
HUBD=$top_builddir/hubd/hubd
HUBCTL=$top_builddir/hubd/hubctl
SIM=$top_builddir/tools/hub-sim
HUBD_PID= SIM_PID= WEB_DIR= WEB_PORT= WEB_TOKEN= WEB_URL= MQTT= WEB_HUBD_ARGS=

# npm modules: web/node_modules of the source tree, or the build tree's copy (see web/local.mk).
WEB_NODE_PATH=$top_srcdir/web/node_modules
[ -f "$top_builddir/web/npm.stamp" ] && WEB_NODE_PATH="$(cat "$top_builddir/web/npm.stamp"):$WEB_NODE_PATH"

web_node() {
    NODE_PATH=$WEB_NODE_PATH WEB_URL=$WEB_URL WEB_TOKEN=$WEB_TOKEN MQTT=$MQTT WEB_DIR=$WEB_DIR \
        BROKER_PORT=$BROKER_PORT node "$@"
}

# A free TCP port on 127.0.0.1 (asked of the kernel; the tiny race is retried by web_start).
web_free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

web_start_hubd() {
    rm -f "$WEB_DIR/ready"
    "$HUBD" --mqtt "$MQTT" --db "$WEB_DIR/hub.db" --house "$top_srcdir/data/houses/demo.json" \
        --plugins "$top_builddir/plugins/.libs" --http "127.0.0.1:$WEB_PORT" \
        --ready-file "$WEB_DIR/ready" $WEB_HUBD_ARGS >>"$WEB_DIR/hubd.log" 2>&1 &
    HUBD_PID=$!
    _ws_i=0
    while [ $_ws_i -lt 100 ]; do
        [ -f "$WEB_DIR/ready" ] && return 0
        kill -0 "$HUBD_PID" 2>/dev/null || break
        sleep 0.1
        _ws_i=$((_ws_i + 1))
    done
    echo "lib-web: hubd did not start; its log:" >&2
    tail -n 15 "$WEB_DIR/hubd.log" >&2
    return 1
}

web_stop_hubd() {
    [ -n "$HUBD_PID" ] || return 0
    kill "$HUBD_PID" 2>/dev/null
    wait "$HUBD_PID" 2>/dev/null
    _ws_rc=$?
    HUBD_PID=
    return $_ws_rc
}

web_start() {
    WEB_HUBD_ARGS="$*"
    for f in "$HUBD" "$HUBCTL" "$SIM"; do
        [ -x "$f" ] || { echo "lib-web: $f is not built" >&2; return 1; }
    done
    command -v node >/dev/null 2>&1 || { echo "lib-web: node is not installed (apt-get install nodejs)" >&2; return 1; }
    [ -f "$top_builddir/web/root/index.html" ] || { echo "lib-web: the page is not built (make)" >&2; return 1; }
    WEB_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hub-web.XXXXXX") || return 1
    broker_start || return 1
    MQTT=127.0.0.1:$BROKER_PORT
    WEB_TOKEN=$("$HUBCTL" --db "$WEB_DIR/hub.db" token create web-test 2>>"$WEB_DIR/hubd.log") || {
        echo "lib-web: hubctl token create failed" >&2; return 1; }
    _ws_try=0
    while [ $_ws_try -lt 5 ]; do
        WEB_PORT=$(web_free_port) || return 1
        WEB_URL=http://127.0.0.1:$WEB_PORT
        web_start_hubd && break
        _ws_try=$((_ws_try + 1))
    done
    [ $_ws_try -lt 5 ] || return 1
    "$SIM" --mqtt "$MQTT" >"$WEB_DIR/sim.log" 2>&1 &
    SIM_PID=$!
    # hub-sim's devices announce themselves within a second or two.
    _ws_i=0
    while [ $_ws_i -lt 100 ]; do
        "$HUBCTL" --mqtt "$MQTT" --timeout 2 state light.bedside_lamp_1 >/dev/null 2>&1 && return 0
        sleep 0.1
        _ws_i=$((_ws_i + 1))
    done
    echo "lib-web: hub-sim's devices did not appear" >&2
    return 1
}

web_cleanup() {
    [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
    SIM_PID=
    web_stop_hubd
    broker_stop
    [ -n "$WEB_DIR" ] && rm -rf "$WEB_DIR"
    WEB_DIR=
}

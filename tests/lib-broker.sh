# lib-broker.sh: start and stop a real mosquitto broker on a free loopback port for tests.
# Source it from a POSIX sh test:
#   . "$top_srcdir/tests/lib-broker.sh"
#   broker_start || exit 1        # sets BROKER_PORT, BROKER_PID, BROKER_DIR (config + log)
#   ...  mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" ...
#   broker_stop                   # stops it and removes BROKER_DIR (safe to call twice)
# broker_start picks a random port, retries when it is taken, and returns only once the broker
# accepts connections. BROKER_LOG names its log (kept until broker_stop). Set BROKER_EXTRA to
# extra mosquitto.conf lines (e.g. "max_inflight_messages 10") before calling broker_start.
# broker_restart stops and restarts it on the same port (for reconnect tests).
# Interface is stable: other tests depend on it.

BROKER_PORT=
BROKER_PID=
BROKER_DIR=
BROKER_LOG=

# _broker_launch PORT: write the config and start mosquitto in the background.
_broker_launch() {
    {
        echo "listener $1 127.0.0.1"
        echo "allow_anonymous true"
        echo "persistence false"
        # As root, mosquitto 2 would switch to the "mosquitto" user; stay as we are instead.
        [ "$(id -u)" = 0 ] && echo "user root"
        [ -n "${BROKER_EXTRA:-}" ] && printf '%s\n' "$BROKER_EXTRA"
    } >"$BROKER_DIR/mosquitto.conf"
    mosquitto -c "$BROKER_DIR/mosquitto.conf" -v >>"$BROKER_LOG" 2>&1 &
    BROKER_PID=$!
}

# _broker_wait_ready: 0 once a client can connect, 1 if mosquitto died or 10 s passed.
_broker_wait_ready() {
    _bw_i=0
    while [ $_bw_i -lt 100 ]; do
        kill -0 "$BROKER_PID" 2>/dev/null || return 1
        if mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t hub-test/ping -n -q 0 \
            >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
        _bw_i=$((_bw_i + 1))
    done
    return 1
}

broker_start() {
    if ! command -v mosquitto >/dev/null 2>&1; then
        echo "lib-broker: mosquitto is not installed (apt-get install mosquitto)" >&2
        return 1
    fi
    BROKER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hub-broker.XXXXXX") || return 1
    BROKER_LOG="$BROKER_DIR/mosquitto.log"
    _bs_try=0
    while [ $_bs_try -lt 20 ]; do
        # A random port in 20000-59999; a taken one makes mosquitto exit and we try another.
        BROKER_PORT=$(awk -v s="$$$_bs_try" 'BEGIN { srand(); srand(srand() + s);
                                                     print 20000 + int(rand() * 40000) }')
        if ss -ltnH 2>/dev/null | awk '{print $4}' | grep -q ":$BROKER_PORT\$"; then
            _bs_try=$((_bs_try + 1))
            continue
        fi
        _broker_launch "$BROKER_PORT"
        if _broker_wait_ready; then
            return 0
        fi
        kill "$BROKER_PID" 2>/dev/null
        wait "$BROKER_PID" 2>/dev/null
        _bs_try=$((_bs_try + 1))
    done
    echo "lib-broker: could not start mosquitto; last log:" >&2
    tail -n 5 "$BROKER_LOG" >&2
    BROKER_PID=
    return 1
}

broker_restart() {
    [ -n "$BROKER_PID" ] && kill "$BROKER_PID" 2>/dev/null && wait "$BROKER_PID" 2>/dev/null
    _broker_launch "$BROKER_PORT"
    _broker_wait_ready
}

broker_stop() {
    if [ -n "$BROKER_PID" ]; then
        kill "$BROKER_PID" 2>/dev/null
        wait "$BROKER_PID" 2>/dev/null
        BROKER_PID=
    fi
    if [ -n "$BROKER_DIR" ]; then
        rm -rf "$BROKER_DIR"
        BROKER_DIR=
    fi
}

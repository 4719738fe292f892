# lib-broker.sh: start and stop a real mosquitto broker on a free loopback port for tests.
# Source it from a POSIX sh test:
#   . "$top_srcdir/tests/lib-broker.sh"
#   broker_start || exit 1        # sets BROKER_PORT, BROKER_PID, BROKER_DIR (config + log)
#   ...  mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" ...
#   broker_stop                   # stops it and removes BROKER_DIR (safe to call twice)
# broker_start picks a random port, retries when it is taken, and returns only once the broker
# accepts connections. BROKER_LOG names its log (kept until broker_stop). Set BROKER_EXTRA to
# extra mosquitto.conf lines (e.g. "max_inflight_messages 10") before calling broker_start.
# broker_restart [SIGNAL] stops it (SIGTERM, or e.g. KILL for a crash) and restarts it on the same
# port (for reconnect tests); BROKER_EXTRA is read again, so a restart can change the config.
# Capturing what goes over the broker (needs mosquitto_sub; broker_wait needs jq for JSON):
#   broker_capture_start [FILTER...]   record every message ('#' by default) to $BROKER_CAPTURE,
#                                      one "topic<TAB>payload" line each; returns once live
#   broker_mark                        later waits only look at messages after this point
#   broker_wait TOPIC [JQ_FILTER] [SECS]   wait for a message on exactly TOPIC (after the mark)
#                                      whose JSON payload passes `jq -e JQ_FILTER`; prints the
#                                      payload; returns 1 after SECS (default 5) with a message
#   broker_wait_text TOPIC REGEX [SECS]    the same for a payload matching grep -E REGEX
#   broker_last TOPIC                  the last payload captured on TOPIC (any time), or ""
# Interface is stable: other tests depend on it.

BROKER_PORT=
BROKER_PID=
BROKER_DIR=
BROKER_LOG=
BROKER_CAPTURE=
BROKER_CAPTURE_PID=
BROKER_MARK=0

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
    [ -n "$BROKER_PID" ] && kill -"${1:-TERM}" "$BROKER_PID" 2>/dev/null &&
        wait "$BROKER_PID" 2>/dev/null
    _broker_launch "$BROKER_PORT"
    _broker_wait_ready
}

broker_capture_start() {
    [ -n "$BROKER_DIR" ] || { echo "lib-broker: broker_capture_start before broker_start" >&2; return 1; }
    if [ -n "$BROKER_CAPTURE_PID" ]; then # a new capture replaces the previous one
        kill "$BROKER_CAPTURE_PID" 2>/dev/null
        wait "$BROKER_CAPTURE_PID" 2>/dev/null
    fi
    BROKER_CAPTURE="$BROKER_DIR/capture.log"
    : >"$BROKER_CAPTURE"
    [ $# -eq 0 ] && set -- '#'
    _bc_n=$#
    for _bc_f in "$@"; do set -- "$@" -t "$_bc_f"; done
    shift "$_bc_n"
    mosquitto_sub -h 127.0.0.1 -p "$BROKER_PORT" -q 1 -F '%t\t%p' -t hub-test/capture-ready "$@" \
        >>"$BROKER_CAPTURE" 2>>"$BROKER_LOG" &
    BROKER_CAPTURE_PID=$!
    _bc_i=0
    while [ $_bc_i -lt 50 ]; do
        mosquitto_pub -h 127.0.0.1 -p "$BROKER_PORT" -t hub-test/capture-ready -m x -q 1 \
            >/dev/null 2>&1
        sleep 0.1
        grep -q '^hub-test/capture-ready' "$BROKER_CAPTURE" && { BROKER_MARK=0; return 0; }
        _bc_i=$((_bc_i + 1))
    done
    echo "lib-broker: the capture subscription did not come up" >&2
    return 1
}

broker_mark() {
    BROKER_MARK=$(wc -l <"$BROKER_CAPTURE")
}

# _broker_payloads TOPIC: payloads on exactly TOPIC after the mark, one per line.
_broker_payloads() {
    tail -n "+$((BROKER_MARK + 1))" "$BROKER_CAPTURE" |
        awk -v t="$1" 'BEGIN { FS = "\t" } $1 == t { print substr($0, length(t) + 2) }'
}

broker_wait() {
    _bw_deadline=$(($(date +%s) + ${3:-5}))
    while :; do
        _bw_found=$(_broker_payloads "$1" | while IFS= read -r _bw_p; do
            if printf '%s' "$_bw_p" | jq -e "${2:-.}" >/dev/null 2>&1; then
                printf '%s\n' "$_bw_p"; break
            fi
        done)
        [ -n "$_bw_found" ] && { printf '%s\n' "$_bw_found"; return 0; }
        [ "$(date +%s)" -ge "$_bw_deadline" ] && break
        sleep 0.1
    done
    echo "broker_wait: nothing on '$1' passing '${2:-.}' within ${3:-5}s; seen:" >&2
    _broker_payloads "$1" | tail -n 5 | sed 's/^/    /' | cut -c1-300 >&2
    return 1
}

broker_wait_text() {
    _bw_deadline=$(($(date +%s) + ${3:-5}))
    while :; do
        _bw_found=$(_broker_payloads "$1" | grep -E -m 1 -- "$2")
        [ -n "$_bw_found" ] && { printf '%s\n' "$_bw_found"; return 0; }
        [ "$(date +%s)" -ge "$_bw_deadline" ] && break
        sleep 0.1
    done
    echo "broker_wait_text: nothing on '$1' matching '$2' within ${3:-5}s; seen:" >&2
    _broker_payloads "$1" | tail -n 5 | sed 's/^/    /' | cut -c1-300 >&2
    return 1
}

broker_last() {
    awk -v t="$1" 'BEGIN { FS = "\t" } $1 == t { p = substr($0, length(t) + 2) } END { print p }' \
        "$BROKER_CAPTURE"
}

broker_stop() {
    if [ -n "$BROKER_CAPTURE_PID" ]; then
        kill "$BROKER_CAPTURE_PID" 2>/dev/null
        wait "$BROKER_CAPTURE_PID" 2>/dev/null
        BROKER_CAPTURE_PID=
    fi
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

#!/bin/sh
# test-web-browser.sh: the dashboard end to end in Debian's headless chromium (playwright-core
# from npm): real mosquitto, hubd, hub-sim. See tests/browser/dashboard.js for the checks.
# Screenshots (desktop, phone, Chinese, phone history) are kept in tests/logs/.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
. "$top_srcdir/tests/lib-web.sh"
trap web_cleanup EXIT
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "FAIL: $CHROMIUM is not installed (apt-get install chromium)"; exit 1; }
SHOTS=$top_builddir/tests/logs
mkdir -p "$SHOTS"
web_start || { echo "FAIL: could not start the hub"; exit 1; }
# The page restarts hubd itself (reconnect check): the same command line web_start_hubd uses.
HUBD_CMD=$(printf '["%s","--mqtt","%s","--db","%s","--house","%s","--plugins","%s","--http","127.0.0.1:%s"]' \
    "$HUBD" "$MQTT" "$WEB_DIR/hub.db" "$top_srcdir/data/houses/demo.json" "$top_builddir/plugins/.libs" "$WEB_PORT")
export HUBD_CMD HUBD_PID SHOTS CHROMIUM
export HUBD_LOG="$WEB_DIR/hubd.log"
web_node "$top_srcdir/tests/browser/dashboard.js"
rc=$?
HUBD_PID= # stopped (and restarted, and stopped) by the page test
[ $rc -eq 0 ] || { echo "--- hubd log (tail)"; tail -n 20 "$WEB_DIR/hubd.log"; }
exit $rc

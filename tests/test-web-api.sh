#!/bin/sh
# test-web-api.sh: hubd's HTTP server and websocket API against real parts: mosquitto, hubd
# with the built plugins and the demo house, hub-sim, and a real websocket client
# (tests/test-web-api.js, npm `ws`). Then: hubctl token beside the running hub (a new token signs
# in at once, a revoked one closes its client), tokens revoked with hubctl are refused after a
# restart, the page reconnects to a restarted hub (API level), hubctl token edge cases, and
# dashboard TLS with a self-signed certificate.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
. "$top_srcdir/tests/lib-web.sh"
trap web_cleanup EXIT
fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

web_start || { echo "FAIL: could not start the hub"; exit 1; }
ok "hub up: $WEB_URL, mqtt $MQTT"
web_node "$top_srcdir/tests/test-web-api.js" || bad "test-web-api.js (see above)"

# The ready file names the dashboard's address.
grep -q "^http=127.0.0.1:$WEB_PORT\$" "$WEB_DIR/ready" && ok "ready file has http=127.0.0.1:$WEB_PORT" ||
    bad "ready file: $(cat "$WEB_DIR/ready")"

# auth.js TOKEN WANT: signs in with TOKEN; exit 0 when the answer's type is WANT.
cat >"$WEB_DIR/auth.js" <<'JS'
const WebSocket = require('ws');
const [tok, want] = process.argv.slice(2);
const ws = new WebSocket(process.env.WEB_URL.replace(/^http/, 'ws') + '/api/websocket');
ws.on('message', (d) => {
  const m = JSON.parse(d);
  if (m.type === 'auth_required') ws.send(JSON.stringify({ type: 'auth', access_token: tok }));
  else { console.log(m.type); process.exit(m.type === want ? 0 : 1); }
});
ws.on('error', (e) => { console.log(e.message); process.exit(2); });
setTimeout(() => process.exit(3), 5000);
JS
# live.js TOKEN: signs in, subscribes to states and stays; prints what the hub says and the close.
cat >"$WEB_DIR/live.js" <<'JS'
const WebSocket = require('ws');
const ws = new WebSocket(process.env.WEB_URL.replace(/^http/, 'ws') + '/api/websocket');
ws.on('message', (d) => {
  const m = JSON.parse(d);
  if (m.type === 'auth_required') ws.send(JSON.stringify({ type: 'auth', access_token: process.argv[2] }));
  else if (m.type === 'auth_ok') { console.log('auth_ok'); ws.send(JSON.stringify({ id: 1, type: 'subscribe_states' })); }
  else if (m.type === 'auth_invalid') console.log(`auth_invalid ${m.message}`);
});
ws.on('close', (code) => { console.log(`closed ${code}`); process.exit(0); });
ws.on('error', (e) => { console.log(e.message); process.exit(2); });
setTimeout(() => { console.log('still open'); process.exit(3); }, 10000);
JS

# hubctl token beside the running hub: list, a new token that signs in at once, and its revoke,
# which closes the client signed in with it.
out=$("$HUBCTL" --db "$WEB_DIR/hub.db" token list 2>&1) && echo "$out" | grep -q '^web-test ' &&
    ok "hubctl token list while hubd runs: $out" || bad "token list while hubd runs: $out"
LIVE=$("$HUBCTL" --db "$WEB_DIR/hub.db" token create live 2>&1) || bad "token create while hubd runs: $LIVE"
web_node "$WEB_DIR/auth.js" "$LIVE" auth_ok >/dev/null && ok "a token made while hubd runs signs in at once" ||
    bad "token made while hubd runs refused"
web_node "$WEB_DIR/live.js" "$LIVE" >"$WEB_DIR/live.out" 2>&1 &
LIVE_PID=$!
n=50
while [ $n -gt 0 ] && ! grep -q auth_ok "$WEB_DIR/live.out"; do sleep 0.1; n=$((n - 1)); done
"$HUBCTL" --db "$WEB_DIR/hub.db" token revoke live >/dev/null && ok "token revoked while hubd runs" ||
    bad "revoke while hubd runs"
wait "$LIVE_PID"
live=$(tr '\n' '|' <"$WEB_DIR/live.out")
[ "$live" = "auth_ok|auth_invalid access token revoked|closed 1008|" ] &&
    ok "the client signed in with it is told and closed: $live" || bad "revoked client: $live"
web_node "$WEB_DIR/auth.js" "$LIVE" auth_invalid >/dev/null && ok "the revoked token is refused at once" ||
    bad "revoked token still signs in"

# Stop hubd: a client sees the close; revoke the token; a new one works, the old one not.
web_stop_hubd && ok "hubd stopped cleanly with clients connected" || bad "hubd exit status $?"
out=$("$HUBCTL" --db "$WEB_DIR/hub.db" token list) || bad "token list"
echo "$out" | grep -q "^web-test .*last used 20" && ok "token list: $out" || bad "token list: '$out'"
"$HUBCTL" --db "$WEB_DIR/hub.db" token create web-test >/dev/null 2>&1 && bad "duplicate token name accepted" ||
    ok "duplicate token name refused"
"$HUBCTL" --db "$WEB_DIR/hub.db" token create 'bad name;' >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok "bad token name refused (usage, 2)" || bad "bad token name: rc $rc"
"$HUBCTL" --db "$WEB_DIR/hub.db" token revoke nobody >/dev/null 2>&1 && bad "revoking an unknown token succeeded" ||
    ok "revoking an unknown token fails"
"$HUBCTL" --db "$WEB_DIR/hub.db" token revoke web-test >/dev/null && ok "token revoked" || bad "revoke"
NEW_TOKEN=$("$HUBCTL" --db "$WEB_DIR/hub.db" token create second) || bad "token create second"
sqlite3 "$WEB_DIR/hub.db" "SELECT hash FROM tokens" | grep -q "$NEW_TOKEN" && bad "token stored in clear" ||
    ok "tokens stored hashed (the token is not in the database)"
[ "$(sqlite3 "$WEB_DIR/hub.db" "SELECT length(hash) FROM tokens WHERE name='second'")" = 64 ] &&
    ok "hash is 64 hex digits (SHA-256)" || bad "hash length"

web_start_hubd || { echo "FAIL: hubd did not restart"; exit 1; }
web_node "$WEB_DIR/auth.js" "$WEB_TOKEN" auth_invalid >/dev/null && ok "revoked token refused after restart" ||
    bad "revoked token still works"
web_node "$WEB_DIR/auth.js" "$NEW_TOKEN" auth_ok >/dev/null && ok "new token accepted" || bad "new token refused"

# Dashboard over TLS with a self-signed certificate ([http] tls_cert / tls_key).
if command -v openssl >/dev/null 2>&1 && command -v curl >/dev/null 2>&1; then
    web_stop_hubd
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
        -keyout "$WEB_DIR/key.pem" -out "$WEB_DIR/cert.pem" >/dev/null 2>&1 || bad "openssl req"
    printf '[http]\ntls_cert = %s\ntls_key = %s\n' "$WEB_DIR/cert.pem" "$WEB_DIR/key.pem" >"$WEB_DIR/tls.conf"
    WEB_HUBD_ARGS="-c $WEB_DIR/tls.conf"
    if web_start_hubd; then
        code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$WEB_DIR/cert.pem" "https://127.0.0.1:$WEB_PORT/")
        [ "$code" = 200 ] && ok "https with the configured certificate -> 200" || bad "https -> $code"
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WEB_PORT/")
        [ "$code" != 200 ] && ok "plain http refused on the TLS port ($code)" || bad "plain http on TLS port -> 200"
    else
        bad "hubd did not start with TLS"
    fi
    printf '[http]\ntls_cert = %s\n' "$WEB_DIR/cert.pem" >"$WEB_DIR/tls2.conf"
    out=$("$HUBD" -c "$WEB_DIR/tls2.conf" --mqtt "$MQTT" --db "$WEB_DIR/other.db" --http 127.0.0.1:1 2>&1)
    echo "$out" | grep -q "tls_cert and tls_key go together" && ok "tls_cert without tls_key refused" ||
        bad "tls_cert alone: $out"
fi

[ $fails -eq 0 ] || { echo "$fails failed"; exit 1; }
echo "all passed"

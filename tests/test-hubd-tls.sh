#!/bin/sh
# test-hubd-tls.sh: hubd's MQTT credentials and TLS options against a real mosquitto that
# requires TLS (own CA made here with openssl), a client certificate, and a password.
# Right settings: hubd connects and serves; a wrong password: the broker's refusal is logged
# and hubd keeps running and retrying; no TLS against the TLS port: never connects.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
HUBD=$top_builddir/hubd/hubd
for c in openssl mosquitto mosquitto_passwd mosquitto_sub; do
    command -v $c >/dev/null 2>&1 || [ -x /usr/sbin/$c ] || [ -x /usr/bin/$c ] ||
        { echo "FAIL: $c is not installed"; exit 1; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/test-hubd-tls.XXXXXX")
BPID= HPID=
cleanup() {
    for p in $HPID $BPID; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT
. "$top_srcdir/tests/lib-hub-test.sh" # ok, bad

# A CA, a server certificate for 127.0.0.1, a client certificate.
cd "$T" || exit 1
q() { "$@" >>"$T/openssl.log" 2>&1 || { echo "FAIL: $*"; cat "$T/openssl.log"; exit 1; }; }
q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=hubd-test-ca
q openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1
printf 'subjectAltName=IP:127.0.0.1\n' >san.ext
q openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile san.ext
q openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout client.key -out client.csr -subj /CN=hubd
q openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client.crt -days 2
touch passwd && chmod 600 passwd
PATH=$PATH:/usr/sbin mosquitto_passwd -b passwd hubd 'right # pass' || { echo "FAIL: mosquitto_passwd"; exit 1; }
cd - >/dev/null || exit 1

start_broker() {
    port=$(awk 'BEGIN { srand(); print 20000 + int(rand() * 40000) }')
    {
        echo "per_listener_settings false"
        echo "allow_anonymous false"
        echo "password_file $T/passwd"
        [ "$(id -u)" = 0 ] && echo "user root"
        echo "listener $port 127.0.0.1"
        echo "cafile $T/ca.crt"
        echo "certfile $T/server.crt"
        echo "keyfile $T/server.key"
        echo "require_certificate true"
    } >"$T/mosquitto.conf"
    PATH=$PATH:/usr/sbin mosquitto -c "$T/mosquitto.conf" >>"$T/broker.log" 2>&1 &
    BPID=$!
    i=0
    while [ $i -lt 50 ]; do
        kill -0 $BPID 2>/dev/null || return 1
        mosquitto_sub -h 127.0.0.1 -p "$port" --cafile "$T/ca.crt" --cert "$T/client.crt" \
            --key "$T/client.key" -u hubd -P 'right # pass' -t x -W 1 -C 1 >/dev/null 2>&1
        [ $? -eq 27 ] && return 0 # 27: timed out waiting for a message, i.e. connected
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
tries=0
until start_broker; do
    kill $BPID 2>/dev/null; wait $BPID 2>/dev/null; BPID=
    tries=$((tries + 1))
    [ $tries -lt 10 ] || { echo "FAIL: TLS broker did not start"; cat "$T/broker.log"; exit 1; }
done
ok "TLS broker with client certificates and passwords on port $port"

conf() { # conf NAME PASSWORD [no-tls]
    {
        echo "[mqtt]"; echo "host = 127.0.0.1"; echo "port = $port"
        echo "username = hubd"; echo "password = \"$2\""
        if [ "${3:-}" != no-tls ]; then
            echo "tls_ca = $T/ca.crt"; echo "tls_cert = $T/client.crt"; echo "tls_key = $T/client.key"
        fi
        echo "[store]"; echo "db = $T/$1.db"
        echo "[plugins]"; echo "dir = $T"
    } >"$T/$1.conf"
}
run_hubd() { # run_hubd NAME: start, wait up to 3 s for the ready file; 0 if connected
    rm -f "$T/$1.ready"
    "$HUBD" -c "$T/$1.conf" --ready-file "$T/$1.ready" >"$T/$1.log" 2>&1 &
    HPID=$!
    i=0
    while [ ! -f "$T/$1.ready" ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
    [ -f "$T/$1.ready" ]
}
stop_hubd() { kill $HPID 2>/dev/null; wait $HPID; rc=$?; HPID=; return $rc; }

conf good 'right # pass'
if run_hubd good; then
    st=$(mosquitto_sub -h 127.0.0.1 -p "$port" --cafile "$T/ca.crt" --cert "$T/client.crt" \
        --key "$T/client.key" -u hubd -P 'right # pass' -t hub/status -C 1 -W 3)
    [ "$st" = online ] && ok "TLS + client certificate + password: connected, hub/status online" ||
        bad "hub/status '$st'"
else bad "hubd with the right settings did not connect"; cat "$T/good.log"; fi
stop_hubd && ok "clean stop" || bad "stop"

conf wrong 'wrong pass'
if run_hubd wrong; then bad "connected with a wrong password"; fi
sleep 1
if kill -0 $HPID 2>/dev/null && grep -q "refused the connection: Connection Refused: not authorised" "$T/wrong.log"; then
    ok "wrong password: refusal logged ($(grep -m1 refused "$T/wrong.log" | cut -c14-)), hubd keeps running"
else bad "wrong password: $(tail -3 "$T/wrong.log")"; fi
n=$(grep -c "refused the connection" "$T/wrong.log")
[ "$n" -ge 2 ] && ok "and retries ($n attempts so far)" || bad "no retry after refusal ($n)"
stop_hubd

conf plain 'right # pass' no-tls
if run_hubd plain; then bad "connected without TLS to a TLS listener"; else ok "no TLS: not connected"; fi
stop_hubd

printf '[mqtt]\ntls_cert = %s/client.crt\n' "$T" >"$T/half.conf"
out=$("$HUBD" -c "$T/half.conf" --db "$T/half.db" --plugins "$T" 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "tls_cert/tls_key need tls_ca or tls_capath" &&
    ok "tls_cert without a CA refused: $(echo "$out" | grep -o "\[mqtt\] tls_cert.*")" || bad "half TLS: rc $rc '$out'"

[ $fails -eq 0 ] || exit 1
echo "all TLS and credential checks passed"

#!/bin/sh
# test-store-migrate-crash.sh: a schema-1 database with 100000 entities is migrated by
# hub_store_open (tests/store-crash-writer migrate), killed with SIGKILL at random moments. Each
# migration runs in one transaction with its user_version bump, so after every kill the file
# must be either exactly schema 1 or completely migrated (integrity_check ok, no row lost), and
# the next open must finish the job.
set -u
tool=./tests/store-crash-writer
[ -x "$tool" ] || { echo "missing $tool (make tests/store-crash-writer)"; exit 1; }
N=100000
KILLS=${STORE_MIGRATE_KILLS:-8}
dir=$(mktemp -d /tmp/test-store-migrate.XXXXXX) || exit 1
fail() { echo "FAIL: $*; files kept in $dir"; exit 1; }
rand() { echo $(($(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1)); }

"$tool" makev1 "$dir/v1.db" $N || fail "cannot build the schema-1 database"
start=$(date +%s%N)
cp "$dir/v1.db" "$dir/timed.db" && "$tool" migrate "$dir/timed.db" || fail "plain migration failed"
full_ms=$((($(date +%s%N) - start) / 1000000))
echo "an uninterrupted migration of $N entities takes $full_ms ms"
interrupted=0
i=1
while [ "$i" -le "$KILLS" ]; do
    rm -f "$dir/work.db" "$dir/work.db-wal" "$dir/work.db-shm" "$dir/work.db.lock"
    cp "$dir/v1.db" "$dir/work.db" || fail "cp"
    ms=$((5 + $(rand $((full_ms + 1)))))
    "$tool" migrate "$dir/work.db" &
    pid=$!
    sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
    if kill -KILL "$pid" 2>/dev/null; then killed=yes; else killed=no; fi
    wait "$pid" 2>/dev/null
    state=$("$tool" checkmig "$dir/work.db" $N) || fail "after kill $i at $ms ms: $state"
    [ "$killed" = yes ] && [ "$state" = v1 ] && interrupted=$((interrupted + 1))
    "$tool" migrate "$dir/work.db" || fail "reopen after kill $i did not finish the migration"
    again=$("$tool" checkmig "$dir/work.db" $N) || fail "after the reopen: $again"
    [ "$again" = migrated ] || fail "after the reopen the database is $again"
    echo "kill $i at $ms ms: $state after the kill, $again after the reopen"
    i=$((i + 1))
done
[ "$interrupted" -gt 0 ] || fail "no kill landed inside a migration: the test proved nothing"
echo "$KILLS kills, $interrupted inside the migration: always schema 1 intact or fully migrated"
rm -rf "$dir"

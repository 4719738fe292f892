/*
 * store-crash-writer.c: the two halves of the store's crash-safety test
 * (tests/test-store-crash.sh kills the writer with SIGKILL at random moments).
 *
 *   store-crash-writer write DB PROGRESS   writes batches forever, as fast as it can
 *   store-crash-writer check DB PROGRESS   verifies the database after a kill
 *   store-crash-writer inspect DB          for tests/test-hubd-kill9.sh: opens hubd's database
 *       (so the killed hubd's lock must be gone), runs integrity_check, checks that every
 *       registry record is a JSON object with a name, and prints one line:
 *       entities=N digest=HEX states=N history=N   (digest: of the sorted ids and names)
 *   store-crash-writer makev1 DB N / migrate DB / checkmig DB N
 *       for tests/test-store-migrate-crash.sh: a schema-1 database with N entities (as the
 *       first release wrote it), an open that migrates it (killed at random moments), and a
 *       check that the file is either still exactly schema 1 or completely migrated.
 *
 * Batch b: puts K registry rows (slots (b*K .. b*K+K-1) mod NSLOTS, so later batches overwrite
 * earlier ones), then in one caller transaction (hub_store_tx_*, as hubd's flush) their states
 * and HIST history rows, then appends "b\n" to PROGRESS. PROGRESS therefore names the last
 * batch whose every write had returned: all of it must survive a kill. Every N-th batch also
 * prunes old history, so deletes are killed too. The checker requires: PRAGMA
 * integrity_check ok; every slot holds exactly the record (and state) of the last committed
 * batch that wrote it, or of the one batch in flight; the in-flight batch's states and history
 * all there or none; history of the recent committed batches complete; nothing malformed.
 */
#include "config.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "hub_log.h"
#include "hub_status.h"
#include "hubd/store.h"

#define NSLOTS 4000
#define K 25    /* registry rows per batch */
#define HIST 60 /* history rows per batch */
#define PRUNE_EVERY 40
#define PRUNE_KEEP 200 /* batches of history kept by the prune */
#define CHECK_HIST 150 /* recent batches whose history the checker counts */

static void slot_id(char *out, size_t len, int slot)
{
    snprintf(out, len, "sensor.crash_%04d", slot);
}

static void slot_record(char *out, size_t len, int slot, long batch)
{
    /* Some bulk so a batch spans pages, and a checksum-like field derived from both numbers. */
    snprintf(out, len,
             "{\"name\":\"Crash sensor %d\",\"area\":\"Room %d\",\"batch\":%ld,\"mix\":%ld,"
             "\"pad\":\"%0*d\"}",
             slot, slot % 13, batch, (batch * 7919 + slot) % 1000003, 120 + slot % 50, slot);
}

static long last_progress(const char *progress)
{
    FILE *f = fopen(progress, "r");
    if (!f) return -1;
    long last = -1, v;
    char line[64];
    while (fgets(line, sizeof line, f)) {
        /* Only whole lines count: a kill may cut a write short (it never has, but be strict). */
        if (strchr(line, '\n') && sscanf(line, "%ld", &v) == 1) last = v;
    }
    fclose(f);
    return last;
}

static int count_rows(void *ud, int64_t ts, const char *state, const char *attrs)
{
    (*(int *)ud)++;
    return 0;
}

static int do_write(const char *db, const char *progress)
{
    char err[512];
    struct hub_store *st = hub_store_open(db, err, sizeof err);
    if (!st) {
        fprintf(stderr, "writer: %s\n", err);
        return 1;
    }
    int pfd = open(progress, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (pfd < 0) {
        perror(progress);
        return 1;
    }
    for (long b = last_progress(progress) + 1;; b++) {
        char id[64], rec[512], state[32], attrs[96];
        for (int j = 0; j < K; j++) {
            int slot = (int)((b * K + j) % NSLOTS);
            slot_id(id, sizeof id, slot);
            slot_record(rec, sizeof rec, slot, b);
            snprintf(state, sizeof state, "%ld", b);
            snprintf(attrs, sizeof attrs, "{\"slot\":%d,\"batch\":%ld}", slot, b);
            if (hub_store_entity_put(st, id, rec) != HUB_OK) {
                fprintf(stderr, "writer: batch %ld: %s\n", b, hub_store_last_error(st));
                return 1;
            }
        }
        /* The previous run may have been killed after this batch's history commit and before
         * its progress line: the flush is one transaction, so it is all there or none. */
        int have = 0;
        if (hub_store_history_query(st, "sensor.crash_hist", b * 1000, b * 1000 + 1000, 0,
                                    count_rows, &have) != HUB_OK) {
            fprintf(stderr, "writer: query: %s\n", hub_store_last_error(st));
            return 1;
        }
        if (have != 0 && have != HIST) {
            fprintf(stderr, "writer: batch %ld has %d of %d history rows: a torn transaction\n", b,
                    have, HIST);
            return 1;
        }
        /* States and history of the batch in one caller transaction, as hubd's flush does:
         * the checker holds them to all-or-nothing. */
        if (hub_store_tx_begin(st) != HUB_OK) {
            fprintf(stderr, "writer: tx_begin: %s\n", hub_store_last_error(st));
            return 1;
        }
        for (int j = 0; j < K; j++) {
            int slot = (int)((b * K + j) % NSLOTS);
            slot_id(id, sizeof id, slot);
            snprintf(state, sizeof state, "%ld", b);
            snprintf(attrs, sizeof attrs, "{\"slot\":%d,\"batch\":%ld}", slot, b);
            if (hub_store_state_put(st, id, state, attrs, b * 1000, b * 1000 + j) != HUB_OK) {
                fprintf(stderr, "writer: batch %ld: %s\n", b, hub_store_last_error(st));
                return 1;
            }
        }
        for (int i = 0; i < HIST && have == 0; i++) {
            snprintf(attrs, sizeof attrs, "{\"i\":%d}", i);
            if (hub_store_history_append(st, "sensor.crash_hist", "x", attrs, b * 1000 + i) !=
                HUB_OK) {
                fprintf(stderr, "writer: history: %s\n", hub_store_last_error(st));
                return 1;
            }
        }
        if (hub_store_history_flush(st) != HUB_OK || hub_store_tx_commit(st) != HUB_OK) {
            fprintf(stderr, "writer: flush/commit: %s\n", hub_store_last_error(st));
            return 1;
        }
        if (b % PRUNE_EVERY == 0 && hub_store_history_prune(st, (b - PRUNE_KEEP) * 1000) < 0) {
            fprintf(stderr, "writer: prune: %s\n", hub_store_last_error(st));
            return 1;
        }
        char line[32];
        int n = snprintf(line, sizeof line, "%ld\n", b);
        if (write(pfd, line, (size_t)n) != n) {
            perror("writer: progress");
            return 1;
        }
    }
}

struct check_ctx {
    long last; /* last committed batch */
    int seen;  /* slots found */
    int bad;
    int in_flight; /* slots holding the in-flight batch */
    int hist;
    int states_in_flight; /* states written by the in-flight batch's transaction */
};

/* The last committed batch <= last that wrote `slot`, or -1. */
static long last_writer(int slot, long last)
{
    long best = -1;
    /* Batch b writes slots b*K .. b*K+K-1 (mod NSLOTS); scan the last NSLOTS/K+1 batches. */
    for (long b = last; b >= 0 && b > last - (NSLOTS / K + 2); b--) {
        long first = (b * K) % NSLOTS;
        long off = (slot - first + NSLOTS) % NSLOTS;
        if (off < K) {
            best = b;
            break;
        }
    }
    return best;
}

static bool writes_slot(long b, int slot)
{
    long first = (b * K) % NSLOTS;
    return (slot - first + NSLOTS) % NSLOTS < K;
}

static int check_entity(void *ud, const char *id, const char *rec)
{
    struct check_ctx *c = ud;
    int slot;
    char tail;
    if (sscanf(id, "sensor.crash_%4d%c", &slot, &tail) != 1 || slot < 0 || slot >= NSLOTS) {
        fprintf(stderr, "check: unexpected entity %s\n", id);
        c->bad++;
        return 0;
    }
    c->seen++;
    long want = last_writer(slot, c->last);
    char expect[512], expect2[512] = "";
    if (want >= 0)
        slot_record(expect, sizeof expect, slot, want);
    else
        expect[0] = '\0';
    if (writes_slot(c->last + 1, slot)) slot_record(expect2, sizeof expect2, slot, c->last + 1);
    if (strcmp(rec, expect) == 0) return 0;
    if (expect2[0] && strcmp(rec, expect2) == 0) {
        c->in_flight++;
        return 0;
    }
    fprintf(stderr, "check: %s holds %s, expected batch %ld: %s\n", id, rec, want, expect);
    c->bad++;
    return 0;
}

static int check_state(void *ud, const char *id, const char *state, const char *attrs, int64_t lc,
                       int64_t lu)
{
    struct check_ctx *c = ud;
    int slot;
    if (sscanf(id, "sensor.crash_%4d", &slot) != 1) {
        c->bad++;
        return 0;
    }
    long b = strtol(state, NULL, 10), want = last_writer(slot, c->last);
    char expect[96];
    snprintf(expect, sizeof expect, "{\"slot\":%d,\"batch\":%ld}", slot, b);
    if (b == c->last + 1) c->states_in_flight++;
    bool ok = (b == want || (b == c->last + 1 && writes_slot(b, slot))) &&
              strcmp(attrs, expect) == 0 && lc == b * 1000 && lu >= lc && lu < lc + K;
    if (!ok) {
        fprintf(stderr, "check: state of %s is %s %s %" PRId64 "/%" PRId64 ", expected batch %ld\n",
                id, state, attrs, lc, lu, want);
        c->bad++;
    }
    return 0;
}

static int count_hist(void *ud, int64_t ts, const char *state, const char *attrs)
{
    struct check_ctx *c = ud;
    char expect[32];
    snprintf(expect, sizeof expect, "{\"i\":%d}", (int)(ts % 1000));
    if (strcmp(state, "x") != 0 || strcmp(attrs, expect) != 0) {
        fprintf(stderr, "check: history row %" PRId64 " is %s %s\n", ts, state, attrs);
        c->bad++;
    }
    c->hist++;
    return 0;
}

static int do_check(const char *db, const char *progress)
{
    char err[1024];
    struct hub_store *st = hub_store_open(db, err, sizeof err);
    if (!st) {
        fprintf(stderr, "check: reopen after kill failed: %s\n", err);
        return 1;
    }
    int ret = 0;
    if (hub_store_check(st, err, sizeof err) != HUB_OK) {
        fprintf(stderr, "check: %s\n", err);
        ret = 1;
    }
    struct check_ctx c = {.last = last_progress(progress)};
    if (hub_store_entity_foreach(st, check_entity, &c) != HUB_OK) ret = 1;
    /* Every slot written by a committed batch must be there. */
    long want_slots = c.last < 0 ? 0 : (c.last + 1) * K < NSLOTS ? (c.last + 1) * K : NSLOTS;
    if (c.seen < want_slots) {
        fprintf(stderr, "check: %d registry rows, expected at least %ld\n", c.seen, want_slots);
        ret = 1;
    }
    if (hub_store_state_foreach(st, check_state, &c) != HUB_OK) ret = 1;
    /* History of the recent committed batches is complete (older ones may be pruned). */
    int hist_batches = 0;
    for (long b = c.last; b >= 0 && b > c.last - CHECK_HIST; b--, hist_batches++) {
        c.hist = 0;
        if (hub_store_history_query(st, "sensor.crash_hist", b * 1000, b * 1000 + 1000, 0,
                                    count_hist, &c) != HUB_OK) {
            ret = 1;
            break;
        }
        if (c.hist != HIST) {
            fprintf(stderr, "check: batch %ld has %d history rows, expected %d\n", b, c.hist, HIST);
            ret = 1;
            break;
        }
    }
    /* The batch in flight committed its history whole or not at all; nothing beyond it. */
    for (long b = c.last + 1; b <= c.last + 2; b++) {
        int n = 0;
        if (hub_store_history_query(st, "sensor.crash_hist", b * 1000, b * 1000 + 1000, 0,
                                    count_rows, &n) != HUB_OK)
            ret = 1;
        /* The in-flight batch's states and history share one transaction: all or none. */
        if (b == c.last + 1 && c.states_in_flight != (n == HIST ? K : 0)) {
            fprintf(stderr,
                    "check: in-flight batch %ld has %d of %d states but %d of %d history "
                    "rows: its transaction was torn\n",
                    b, c.states_in_flight, K, n, HIST);
            ret = 1;
        }
        if (n != 0 && !(b == c.last + 1 && n == HIST)) {
            fprintf(stderr, "check: batch %ld (after the last committed one) has %d history rows\n",
                    b, n);
            ret = 1;
        }
    }
    if (c.bad) ret = 1;
    printf("check: last committed batch %ld, %d registry rows (%d from the batch in flight, "
           "its transaction %s), history of %d batches complete, integrity %s: %s\n",
           c.last, c.seen, c.in_flight, c.states_in_flight ? "committed" : "not committed",
           hist_batches, err[0] ? err : "ok", ret ? "FAIL" : "ok");
    hub_store_close(st);
    return ret;
}

struct inspect_ctx {
    int entities, states, bad;
    uint64_t digest;
};

static void fnv(uint64_t *h, const char *s)
{
    for (; *s; s++)
        *h = (*h ^ (unsigned char)*s) * 0x100000001b3ULL;
    *h = (*h ^ 0xff) * 0x100000001b3ULL; /* separator */
}

static int inspect_entity(void *ud, const char *id, const char *rec)
{
    struct inspect_ctx *c = ud;
    json_error_t jerr;
    json_t *j = json_loads(rec, 0, &jerr);
    const char *name = json_string_value(json_object_get(j, "name"));
    if (!json_is_object(j) || !name || !*name) {
        fprintf(stderr, "inspect: entity %s has a bad record: %s\n", id, rec);
        c->bad++;
    } else {
        fnv(&c->digest, id);
        fnv(&c->digest, name);
    }
    json_decref(j);
    c->entities++;
    return 0;
}

static int inspect_state(void *ud, const char *id, const char *state, const char *attrs, int64_t lc,
                         int64_t lu)
{
    struct inspect_ctx *c = ud;
    json_t *j = json_loads(attrs, 0, NULL);
    if (!json_is_object(j) || !state[0]) {
        fprintf(stderr, "inspect: state of %s is bad: %s %s\n", id, state, attrs);
        c->bad++;
    }
    json_decref(j);
    c->states++;
    return 0;
}

static int do_inspect(const char *db)
{
    char err[1024];
    struct hub_store *st = hub_store_open(db, err, sizeof err);
    if (!st) {
        fprintf(stderr, "inspect: %s\n", err);
        return 1;
    }
    int ret = 0;
    if (hub_store_check(st, err, sizeof err) != HUB_OK) {
        fprintf(stderr, "inspect: %s\n", err);
        ret = 1;
    }
    struct inspect_ctx c = {.digest = 0xcbf29ce484222325ULL};
    if (hub_store_entity_foreach(st, inspect_entity, &c) != HUB_OK ||
        hub_store_state_foreach(st, inspect_state, &c) != HUB_OK)
        ret = 1;
    hub_store_close(st);
    /* A plain count; the store's API has no count (hubd needs none). */
    long long hist = -1;
    sqlite3 *h = NULL;
    sqlite3_stmt *s = NULL;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, "SELECT count(*) FROM history", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        hist = sqlite3_column_int64(s, 0);
    else {
        fprintf(stderr, "inspect: counting history: %s\n", sqlite3_errmsg(h));
        ret = 1;
    }
    sqlite3_finalize(s);
    sqlite3_close(h);
    if (c.bad) ret = 1;
    printf("entities=%d digest=%016llx states=%d history=%lld integrity=%s\n", c.entities,
           (unsigned long long)c.digest, c.states, hist, ret ? "FAIL" : "ok");
    return ret;
}

/* ---- migration under kill -9 ---- */

/* Schema 1 as migration 1 created it (a copy: the migration list may not be used to check
 * itself), and N entities with history, so that migration 2 (a column backfill from JSON and
 * four index builds) takes long enough to be killed in the middle. */
static const char *const mig_v1_schema =
    "PRAGMA application_id = 1213547076;"
    "CREATE TABLE floors (name TEXT PRIMARY KEY NOT NULL, level INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE areas (name TEXT PRIMARY KEY NOT NULL,"
    "  floor TEXT REFERENCES floors(name) ON UPDATE CASCADE ON DELETE SET NULL,"
    "  aliases TEXT NOT NULL DEFAULT '[]');"
    "CREATE TABLE entities (entity_id TEXT PRIMARY KEY NOT NULL, record TEXT NOT NULL);"
    "CREATE TABLE states (entity_id TEXT PRIMARY KEY NOT NULL"
    "    REFERENCES entities(entity_id) ON DELETE CASCADE,"
    "  state TEXT NOT NULL, attributes TEXT NOT NULL DEFAULT '{}',"
    "  last_changed INTEGER NOT NULL, last_updated INTEGER NOT NULL);"
    "CREATE TABLE history (id INTEGER PRIMARY KEY, entity_id TEXT NOT NULL,"
    "  state TEXT NOT NULL, attributes TEXT NOT NULL DEFAULT '{}', ts INTEGER NOT NULL);"
    "CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);";

static int mig_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "makev1: %s: %s\n", sql, msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return 1;
    }
    return 0;
}

static int do_makev1(const char *path, long n)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        fprintf(stderr, "makev1: %s: %s\n", path, sqlite3_errmsg(db));
        return 1;
    }
    int ret = mig_exec(db, "PRAGMA journal_mode = WAL") || mig_exec(db, mig_v1_schema) ||
              mig_exec(db, "BEGIN");
    sqlite3_stmt *e = NULL, *h = NULL;
    if (!ret &&
        (sqlite3_prepare_v2(db, "INSERT INTO entities VALUES (?1, ?2)", -1, &e, NULL) ||
         sqlite3_prepare_v2(db, "INSERT INTO history (entity_id, state, ts) VALUES (?1, 'on', ?2)",
                            -1, &h, NULL))) {
        fprintf(stderr, "makev1: prepare: %s\n", sqlite3_errmsg(db));
        ret = 1;
    }
    for (long i = 0; i < n && !ret; i++) {
        char id[64], rec[160];
        snprintf(id, sizeof id, "sensor.mig_%07ld", i);
        snprintf(rec, sizeof rec, "{\"name\":\"Migration sensor %ld\",\"area\":\"Room %ld\"}", i,
                 i % 97);
        sqlite3_bind_text(e, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(e, 2, rec, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(h, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(h, 2, i);
        if (sqlite3_step(e) != SQLITE_DONE || sqlite3_step(h) != SQLITE_DONE) {
            fprintf(stderr, "makev1: insert: %s\n", sqlite3_errmsg(db));
            ret = 1;
        }
        sqlite3_reset(e);
        sqlite3_reset(h);
    }
    sqlite3_finalize(e);
    sqlite3_finalize(h);
    if (!ret) ret = mig_exec(db, "COMMIT") || mig_exec(db, "PRAGMA user_version = 1");
    sqlite3_close(db);
    return ret;
}

static int do_migrate(const char *path)
{
    char err[512];
    struct hub_store *st = hub_store_open(path, err, sizeof err);
    if (!st) {
        fprintf(stderr, "migrate: %s\n", err);
        return 1;
    }
    hub_store_close(st);
    return 0;
}

static long long mig_int(sqlite3 *db, const char *sql, int *bad)
{
    sqlite3_stmt *s = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    else {
        fprintf(stderr, "checkmig: %s: %s\n", sql, sqlite3_errmsg(db));
        (*bad)++;
    }
    sqlite3_finalize(s);
    return v;
}

/* Prints "v1" or "migrated"; exit 1 if the file is neither complete schema 1 nor complete
 * schema >= 2 with every row backfilled, or integrity_check fails. */
static int do_checkmig(const char *path, long n)
{
    sqlite3 *db = NULL;
    int bad = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        fprintf(stderr, "checkmig: %s: %s\n", path, sqlite3_errmsg(db));
        return 1;
    }
    sqlite3_stmt *s = NULL;
    char ic[256] = "";
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        snprintf(ic, sizeof ic, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    if (strcmp(ic, "ok") != 0) {
        fprintf(stderr, "checkmig: integrity_check: %s (%s)\n", ic, sqlite3_errmsg(db));
        bad++;
    }
    long long ver = mig_int(db, "PRAGMA user_version", &bad);
    long long ents = mig_int(db, "SELECT count(*) FROM entities", &bad);
    long long hist = mig_int(db, "SELECT count(*) FROM history", &bad);
    long long has_domain =
        mig_int(db, "SELECT count(*) FROM pragma_table_info('entities') WHERE name='domain'", &bad);
    long long idx = mig_int(db,
                            "SELECT count(*) FROM sqlite_schema WHERE type='index' AND name IN"
                            " ('history_entity_ts','history_ts','entities_area','entities_domain')",
                            &bad);
    if (ents != n || hist != n) {
        fprintf(stderr, "checkmig: %lld entities and %lld history rows, expected %ld\n", ents, hist,
                n);
        bad++;
    }
    const char *what = "?";
    if (ver == 1) {
        what = "v1";
        if (has_domain != 0 || idx != 0) {
            fprintf(stderr,
                    "checkmig: user_version 1 but half-migrated (domain column %lld, %lld "
                    "indexes)\n",
                    has_domain, idx);
            bad++;
        }
    } else if (ver >= 2) {
        what = "migrated";
        long long filled = has_domain ? mig_int(db,
                                                "SELECT count(*) FROM entities WHERE domain ="
                                                " 'sensor' AND area LIKE 'Room %'",
                                                &bad)
                                      : -1;
        if (has_domain != 1 || idx != 4 || filled != n) {
            fprintf(stderr,
                    "checkmig: user_version %lld but domain column %lld, %lld indexes, %lld "
                    "rows backfilled\n",
                    ver, has_domain, idx, filled);
            bad++;
        }
    } else {
        fprintf(stderr, "checkmig: user_version %lld\n", ver);
        bad++;
    }
    sqlite3_close(db);
    printf("%s%s\n", what, bad ? " BAD" : "");
    return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    hub_log_set_level(HUB_LOG_WARN);
    if (argc == 3 && strcmp(argv[1], "inspect") == 0) return do_inspect(argv[2]);
    if (argc == 4 && strcmp(argv[1], "makev1") == 0) return do_makev1(argv[2], atol(argv[3]));
    if (argc == 3 && strcmp(argv[1], "migrate") == 0) return do_migrate(argv[2]);
    if (argc == 4 && strcmp(argv[1], "checkmig") == 0) return do_checkmig(argv[2], atol(argv[3]));
    if (argc != 4 || (strcmp(argv[1], "write") != 0 && strcmp(argv[1], "check") != 0)) {
        fprintf(stderr,
                "usage: %s write|check DB PROGRESS | inspect DB | makev1 DB N | migrate DB |"
                " checkmig DB N\n",
                argv[0]);
        return 2;
    }
    return strcmp(argv[1], "write") == 0 ? do_write(argv[2], argv[3]) : do_check(argv[2], argv[3]);
}

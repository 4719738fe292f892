/*
 * test-store.c: unit tests of hubd/store.c against real SQLite files in a temporary folder:
 * round trips of every function, migration from a schema-1 database, the single-instance lock,
 * bad input that must be refused without writing anything, and garbage/corrupted files that
 * must give a clear error instead of a crash.
 */
#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hub_log.h"
#include "hub_status.h"
#include "hubd/store.h"
#include "tests/hub-check.h"

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                                        \
        if (a_ != b_) {                                                                            \
            fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %lld, expected %s == %lld\n", __FILE__, \
                    __LINE__, #a, a_, #b, b_);                                                     \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)
#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                   \
            fprintf(stderr, "%s:%d: CHECK_STR failed: %s = \"%s\", expected \"%s\"\n", __FILE__,   \
                    __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                         \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static char tmpdir[] = "/tmp/test-store-XXXXXX";

static void path_in_tmp(char *out, size_t len, const char *name)
{
    snprintf(out, len, "%s/%s", tmpdir, name);
}

/* Runs SQL through a separate raw connection (how an admin or sqlite3 CLI would see it) and
 * returns the first column of the first row as a malloc'd string, or NULL. */
static char *raw_query(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    char *out = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "raw open %s: %s\n", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
        fprintf(stderr, "raw prepare %s: %s\n", sql, sqlite3_errmsg(db));
    } else if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
        out = strdup((const char *)sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

static long long raw_int(const char *path, const char *sql)
{
    char *v = raw_query(path, sql);
    long long n = v ? strtoll(v, NULL, 10) : -1;
    free(v);
    return n;
}

/* ---- collectors for the foreach callbacks ---- */

struct collect {
    int n;
    char buf[8192];
};

static void collect_add(struct collect *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void collect_add(struct collect *c, const char *fmt, ...)
{
    size_t used = strlen(c->buf);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->buf + used, sizeof c->buf - used, fmt, ap);
    va_end(ap);
    c->n++;
}

static int cb_entity(void *ud, const char *id, const char *rec)
{
    collect_add(ud, "%s=%s;", id, rec);
    return 0;
}
static int cb_entity_stop(void *ud, const char *id, const char *rec)
{
    collect_add(ud, "%s;", id);
    return 42;
}
static int cb_area(void *ud, const char *name, const char *floor, const char *aliases)
{
    collect_add(ud, "%s@%s%s;", name, floor ? floor : "-", aliases);
    return 0;
}
static int cb_floor(void *ud, const char *name, int level, const char *aliases_json)
{
    collect_add(ud, "%s:%d%s;", name, level, aliases_json);
    return 0;
}
static int cb_state(void *ud, const char *id, const char *state, const char *attrs, int64_t lc,
                    int64_t lu)
{
    collect_add(ud, "%s=%s%s/%lld/%lld;", id, state, attrs, (long long)lc, (long long)lu);
    return 0;
}
static int cb_token(void *ud, const char *name, int64_t created, int64_t used)
{
    collect_add(ud, "%s:%lld:%lld;", name, (long long)created, (long long)used);
    return 0;
}
static int cb_hist(void *ud, int64_t ts, const char *state, const char *attrs)
{
    collect_add(ud, "%lld:%s%s;", (long long)ts, state, attrs);
    return 0;
}

static int count_entities(struct hub_store *st)
{
    struct collect c = {0};
    CHECK_EQ(hub_store_entity_foreach(st, cb_entity, &c), HUB_OK);
    return c.n;
}

/* ---- tests ---- */

static void test_round_trips(void)
{
    char db[256], err[512];
    path_in_tmp(db, sizeof db, "rt.db");
    struct hub_store *st = hub_store_open(db, err, sizeof err);
    CHECK(st != NULL);
    if (!st) {
        fprintf(stderr, "open: %s\n", err);
        return;
    }
    /* The pragmas the store promises. */
    char *jm = raw_query(db, "PRAGMA journal_mode");
    CHECK_STR(jm, "wal");
    free(jm);
    CHECK(raw_int(db, "PRAGMA user_version") >= 2); /* later migrations may follow */
    CHECK_EQ(raw_int(db, "PRAGMA application_id"), 0x48554244);

    /* Entities: insert, update, delete, foreach order, early stop. */
    CHECK_EQ(
        hub_store_entity_put(st, "light.kitchen", "{\"name\":\"Kitchen\",\"area\":\"Kitchen\"}"),
        HUB_OK);
    CHECK_EQ(hub_store_entity_put(st, "switch.fan", "{\"name\":\"Fan\"}"), HUB_OK);
    CHECK_EQ(hub_store_entity_put(st, "cover.blind", "{\"name\":\"Blind\",\"area\":\"Office\"}"),
             HUB_OK);
    CHECK_EQ(hub_store_entity_put(
                 st, "light.kitchen",
                 "{\"name\":\"Kitchen Ceiling\",\"area\":\"Kitchen\",\"aliases\":[\"厨房灯\"]}"),
             HUB_OK);
    struct collect c = {0};
    CHECK_EQ(hub_store_entity_foreach(st, cb_entity, &c), HUB_OK);
    CHECK_EQ(c.n, 3);
    CHECK_STR(c.buf, "cover.blind={\"name\":\"Blind\",\"area\":\"Office\"};"
                     "light.kitchen={\"name\":\"Kitchen "
                     "Ceiling\",\"area\":\"Kitchen\",\"aliases\":[\"厨房灯\"]};"
                     "switch.fan={\"name\":\"Fan\"};");
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_entity_foreach(st, cb_entity_stop, &c), 42);
    CHECK_EQ(c.n, 1);
    /* The query columns follow the record. */
    char *area =
        raw_query(db, "SELECT area || '/' || domain FROM entities WHERE entity_id='light.kitchen'");
    CHECK_STR(area, "Kitchen/light");
    free(area);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM entities WHERE area IS NULL"), 1);

    /* Floors and areas; an area naming an unknown floor creates it at level 0. */
    CHECK_EQ(hub_store_floor_put(st, "Ground", 0, "[\"downstairs\"]"), HUB_OK);
    CHECK_EQ(hub_store_floor_put(st, "Upstairs", 1, "[\"upstairs\",\"楼上\"]"), HUB_OK);
    CHECK_EQ(hub_store_floor_put(st, "Upstairs", 1, "{\"not\":\"a list\"}"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_floor_put(st, "Upstairs", 1, "[\"cut"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_area_put(st, "Kitchen", "Ground", "[\"cuisine\"]"), HUB_OK);
    CHECK_EQ(hub_store_area_put(st, "Office", NULL, NULL), HUB_OK);
    CHECK_EQ(hub_store_area_put(st, "Attic", "Loft", "[]"), HUB_OK);
    CHECK_EQ(hub_store_floor_put(st, "Loft", 2, NULL), HUB_OK);
    CHECK_EQ(hub_store_area_put(st, "Office", "Upstairs", "[\"study\",\"书房\"]"), HUB_OK);
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_area_foreach(st, cb_area, &c), HUB_OK);
    CHECK_STR(c.buf,
              "Attic@Loft[];Kitchen@Ground[\"cuisine\"];Office@Upstairs[\"study\",\"书房\"];");
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_floor_foreach(st, cb_floor, &c), HUB_OK);
    /* the refused puts changed nothing; an area's new floor has no aliases */
    CHECK_STR(c.buf, "Ground:0[\"downstairs\"];Upstairs:1[\"upstairs\",\"楼上\"];Loft:2[];");

    /* States: upsert; unknown entity refused; deleting the entity deletes its state. */
    CHECK_EQ(hub_store_state_put(st, "light.kitchen", "on", "{\"brightness\":40}", 1000, 1001),
             HUB_OK);
    CHECK_EQ(hub_store_state_put(st, "switch.fan", "off", NULL, 5, 6), HUB_OK);
    CHECK_EQ(hub_store_state_put(st, "light.kitchen", "off", "{}", 2000, 2002), HUB_OK);
    CHECK_EQ(hub_store_state_put(st, "light.nowhere", "on", NULL, 1, 1), HUB_ERR_NOT_FOUND);
    CHECK(strstr(hub_store_last_error(st), "light.nowhere") != NULL);
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_state_foreach(st, cb_state, &c), HUB_OK);
    CHECK_STR(c.buf, "light.kitchen=off{}/2000/2002;switch.fan=off{}/5/6;");
    CHECK_EQ(hub_store_entity_delete(st, "switch.fan"), HUB_OK);
    CHECK_EQ(hub_store_entity_delete(st, "switch.fan"), HUB_ERR_NOT_FOUND);
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_state_foreach(st, cb_state, &c), HUB_OK);
    CHECK_EQ(c.n, 1);
    CHECK_EQ(count_entities(st), 2);

    /* History: queued until flush, one transaction per flush, query range and limit. */
    for (int i = 0; i < 10; i++) {
        char attrs[64];
        snprintf(attrs, sizeof attrs, "{\"brightness\":%d}", i * 10);
        CHECK_EQ(hub_store_history_append(st, "light.kitchen", i % 2 ? "on" : "off", attrs,
                                          10000 + i * 100),
                 HUB_OK);
    }
    CHECK_EQ(hub_store_history_append(st, "cover.blind", "open", NULL, 10050), HUB_OK);
    CHECK_EQ(hub_store_history_pending(st), 11);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM history"), 0);
    CHECK_EQ(hub_store_history_flush(st), HUB_OK);
    CHECK_EQ(hub_store_history_pending(st), 0);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM history"), 11);
    CHECK_EQ(hub_store_history_flush(st), HUB_OK); /* nothing pending: no-op */
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_history_query(st, "light.kitchen", 10100, 10400, 0, cb_hist, &c), HUB_OK);
    CHECK_STR(c.buf, "10100:on{\"brightness\":10};10200:off{\"brightness\":20};"
                     "10300:on{\"brightness\":30};");
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_history_query(st, "light.kitchen", 0, INT64_MAX, 2, cb_hist, &c), HUB_OK);
    CHECK_STR(c.buf, "10000:off{\"brightness\":0};10100:on{\"brightness\":10};");
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_history_query(st, "cover.blind", 0, INT64_MAX, 0, cb_hist, &c), HUB_OK);
    CHECK_STR(c.buf, "10050:open{};");
    CHECK_EQ(hub_store_history_query(st, "light.kitchen", 0, 1, -1, cb_hist, &c), HUB_ERR_RANGE);
    /* A query sees rows still queued. */
    CHECK_EQ(hub_store_history_append(st, "cover.blind", "closed", NULL, 20000), HUB_OK);
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_history_query(st, "cover.blind", 0, INT64_MAX, 0, cb_hist, &c), HUB_OK);
    CHECK_EQ(c.n, 2);
    /* Prune: everything before 10500 goes (5 kitchen rows + 1 blind row). */
    CHECK_EQ(hub_store_history_prune(st, 10500), 6);
    CHECK_EQ(hub_store_history_prune(st, 10500), 0);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM history"), 6);
    CHECK_EQ(raw_int(db, "SELECT min(ts) FROM history"), 10500);
    /* Automatic flush when the batch is full. */
    CHECK_EQ(hub_store_history_batch_limit(st), HUB_STORE_DEFAULT_BATCH);
    CHECK_EQ(hub_store_history_set_batch_limit(st, 0), HUB_ERR_RANGE);
    CHECK_EQ(hub_store_history_set_batch_limit(st, 50), HUB_OK);
    for (int i = 0; i < 120; i++)
        CHECK_EQ(hub_store_history_append(st, "light.kitchen", "on", NULL, 30000 + i), HUB_OK);
    CHECK_EQ(hub_store_history_pending(st), 20);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM history"), 106);

    /* Caller transactions: one commit for many writes; rollback undoes all of them. */
    CHECK_EQ(hub_store_tx_commit(st), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_tx_begin(st), HUB_OK);
    CHECK_EQ(hub_store_tx_begin(st), HUB_ERR_BUSY);
    CHECK_EQ(hub_store_state_put(st, "light.kitchen", "on", "{}", 3000, 3000), HUB_OK);
    CHECK_EQ(hub_store_area_put(st, "Hall", "Ground", NULL), HUB_OK);
    CHECK_EQ(hub_store_area_put(st, "Bad", NULL, "{"), HUB_ERR_INVALID); /* tx stays usable */
    CHECK_EQ(hub_store_history_flush(st), HUB_OK);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM areas WHERE name='Hall'"), 0); /* not yet */
    CHECK_EQ(hub_store_tx_rollback(st), HUB_OK);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM areas WHERE name='Hall'"), 0);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM history"), 106); /* flushed rows rolled back */
    CHECK_EQ(hub_store_history_pending(st), 20);                /* ... but queued again */
    CHECK_EQ(hub_store_tx_begin(st), HUB_OK);
    CHECK_EQ(hub_store_state_put(st, "light.kitchen", "on", "{}", 3000, 3000), HUB_OK);
    CHECK_EQ(hub_store_area_put(st, "Hall", "Ground", NULL), HUB_OK);
    CHECK_EQ(hub_store_history_append(st, "light.kitchen", "on", NULL, 40000), HUB_OK);
    CHECK_EQ(hub_store_history_flush(st), HUB_OK);
    CHECK_EQ(hub_store_history_pending(st), 0);
    CHECK_EQ(hub_store_history_append(st, "light.kitchen", "off", NULL, 40001), HUB_OK);
    CHECK_EQ(hub_store_history_pending(st), 1); /* appended after the flush: still queued */
    CHECK_EQ(hub_store_tx_commit(st), HUB_OK);
    CHECK_EQ(hub_store_history_pending(st), 1);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM areas WHERE name='Hall'"), 1);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM history"), 127);
    CHECK_EQ(hub_store_history_flush(st), HUB_OK);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM history"), 128);
    CHECK_EQ(raw_int(db, "SELECT last_changed FROM states WHERE entity_id='light.kitchen'"), 3000);
    CHECK_EQ(hub_store_tx_rollback(st), HUB_OK); /* none open: no-op */

    /* Settings. */
    CHECK_EQ(hub_store_setting_put(st, "token_hash", "abc"), HUB_OK);
    CHECK_EQ(hub_store_setting_put(st, "token_hash", "def"), HUB_OK);
    CHECK_EQ(hub_store_setting_put(st, "empty", ""), HUB_OK);
    char *v = hub_store_setting_get(st, "token_hash");
    CHECK_STR(v, "def");
    free(v);
    v = hub_store_setting_get(st, "empty");
    CHECK_STR(v, "");
    free(v);
    CHECK(hub_store_setting_get(st, "missing") == NULL);

    /* Access tokens (schema 3, the websocket API's): only hashes are kept. */
    const char *h1 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    const char *h2 = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
    const char *h0 = "0000000000000000000000000000000000000000000000000000000000000000";
    CHECK_EQ(hub_store_token_add(st, "phone", h1, 100), HUB_OK);
    CHECK_EQ(hub_store_token_add(st, "tablet", h2, 200), HUB_OK);
    CHECK_EQ(hub_store_token_add(st, "phone", h2, 300), HUB_ERR_EXISTS);
    CHECK_EQ(hub_store_token_add(st, "other", h1, 300), HUB_ERR_EXISTS);
    CHECK_EQ(hub_store_token_add(st, "bad", "9F86D081", 300), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_token_add(st, "bad", NULL, 300), HUB_ERR_INVALID);
    char *tname = NULL;
    CHECK_EQ(hub_store_token_find(st, h2, &tname, 5000), HUB_OK);
    CHECK_STR(tname, "tablet");
    free(tname);
    CHECK_EQ(hub_store_token_find(st, h1, NULL, 0), HUB_OK); /* not touched */
    CHECK_EQ(hub_store_token_find(st, h0, NULL, 1), HUB_ERR_NOT_FOUND);
    CHECK_EQ(hub_store_token_find(st, "' OR 1=1 --", NULL, 1), HUB_ERR_INVALID);
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_token_foreach(st, cb_token, &c), HUB_OK);
    CHECK_STR(c.buf, "phone:100:0;tablet:200:5000;");
    CHECK_EQ(hub_store_token_delete(st, "phone"), HUB_OK);
    CHECK_EQ(hub_store_token_delete(st, "phone"), HUB_ERR_NOT_FOUND);
    CHECK_EQ(hub_store_token_find(st, h1, NULL, 1), HUB_ERR_NOT_FOUND);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM tokens"), 1);

    CHECK_EQ(hub_store_check(st, err, sizeof err), HUB_OK);
    hub_store_close(st);                                        /* flushes the 20 queued rows */
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM history"), 128); /* none lost, none doubled */

    /* Everything is still there after a reopen. */
    st = hub_store_open(db, err, sizeof err);
    CHECK(st != NULL);
    if (!st) return;
    CHECK_EQ(count_entities(st), 2);
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_state_foreach(st, cb_state, &c), HUB_OK);
    CHECK_STR(c.buf, "light.kitchen=on{}/3000/3000;");
    v = hub_store_setting_get(st, "token_hash");
    CHECK_STR(v, "def");
    free(v);
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_floor_foreach(st, cb_floor, &c), HUB_OK);
    CHECK_EQ(c.n, 3);
    hub_store_close(st);

    /* An in-memory store works too (no lock file, no WAL). */
    st = hub_store_open(":memory:", err, sizeof err);
    CHECK(st != NULL);
    if (st) {
        CHECK_EQ(hub_store_entity_put(st, "light.a", "{}"), HUB_OK);
        CHECK_EQ(count_entities(st), 1);
        hub_store_close(st);
    }
}

static void test_second_open_refused(void)
{
    char db[256], err[512];
    path_in_tmp(db, sizeof db, "lock.db");
    struct hub_store *a = hub_store_open(db, err, sizeof err);
    CHECK(a != NULL);
    err[0] = '\0';
    struct hub_store *b = hub_store_open(db, err, sizeof err);
    CHECK(b == NULL);
    fprintf(stderr, "second open says: %s\n", err);
    CHECK(strstr(err, "in use") != NULL);
    CHECK(strstr(err, "lock.db.lock") != NULL);
    char pid[32];
    snprintf(pid, sizeof pid, "pid %ld", (long)getpid());
    CHECK(strstr(err, pid) != NULL);
    if (b) hub_store_close(b);
    hub_store_close(a);
    /* Released at close: a new open works. */
    b = hub_store_open(db, err, sizeof err);
    CHECK(b != NULL);
    if (b) hub_store_close(b);
}

/* The schema-1 SQL exactly as migration 1 wrote it (copied, so a later edit of the migration
 * list cannot make this test pass by accident). */
static const char *schema_v1 =
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
    "CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);"
    "INSERT INTO entities VALUES ('light.porch', '{\"name\":\"Porch\",\"area\":\"Garden\"}');"
    "INSERT INTO entities VALUES ('sensor.temp', '{\"name\":\"Temp\"}');"
    "INSERT INTO states VALUES ('light.porch', 'on', '{}', 7, 8);"
    "INSERT INTO history (entity_id, state, ts) VALUES ('light.porch', 'on', 7);"
    "INSERT INTO settings VALUES ('k', 'v');"
    "INSERT INTO floors VALUES ('Ground', 0);"
    "PRAGMA user_version = 1;";

static int make_raw_db(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    char *msg = NULL;
    int rc = sqlite3_open(path, &db);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) fprintf(stderr, "make_raw_db: %s\n", msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    sqlite3_close(db);
    return rc;
}

static void test_migration(void)
{
    char db[256], err[512];
    path_in_tmp(db, sizeof db, "v1.db");
    CHECK_EQ(make_raw_db(db, schema_v1), SQLITE_OK);
    CHECK_EQ(raw_int(db, "PRAGMA user_version"), 1);
    struct hub_store *st = hub_store_open(db, err, sizeof err);
    CHECK(st != NULL);
    if (!st) {
        fprintf(stderr, "open v1: %s\n", err);
        return;
    }
    CHECK(raw_int(db, "PRAGMA user_version") >= 2); /* later migrations may follow */
    char *cols = raw_query(db, "SELECT group_concat(coalesce(area,'-') || '/' || domain, ',') FROM"
                               " (SELECT * FROM entities ORDER BY entity_id)");
    CHECK_STR(cols, "Garden/light,-/sensor");
    free(cols);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM sqlite_schema WHERE type='index' AND name IN"
                         " ('history_entity_ts','history_ts','entities_area','entities_domain')"),
             4);
    /* Old rows survive and work through the API. */
    CHECK_EQ(count_entities(st), 2);
    struct collect c = {0};
    CHECK_EQ(hub_store_history_query(st, "light.porch", 0, 100, 0, cb_hist, &c), HUB_OK);
    CHECK_STR(c.buf, "7:on{};");
    char *v = hub_store_setting_get(st, "k");
    CHECK_STR(v, "v");
    free(v);
    /* a floor of schema 1 has no aliases: it reads as [] and takes some */
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_floor_foreach(st, cb_floor, &c), HUB_OK);
    CHECK_STR(c.buf, "Ground:0[];");
    CHECK_EQ(hub_store_floor_put(st, "Ground", 0, "[\"downstairs\"]"), HUB_OK);
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_floor_foreach(st, cb_floor, &c), HUB_OK);
    CHECK_STR(c.buf, "Ground:0[\"downstairs\"];");
    CHECK_EQ(hub_store_check(st, err, sizeof err), HUB_OK);
    hub_store_close(st);

    /* A schema newer than this code is refused, untouched. */
    path_in_tmp(db, sizeof db, "future.db");
    CHECK_EQ(make_raw_db(db, "PRAGMA application_id = 1213547076; CREATE TABLE x(a);"
                             "PRAGMA user_version = 99;"),
             SQLITE_OK);
    st = hub_store_open(db, err, sizeof err);
    CHECK(st == NULL);
    fprintf(stderr, "future schema says: %s\n", err);
    CHECK(strstr(err, "newer") != NULL);
    CHECK_EQ(raw_int(db, "PRAGMA user_version"), 99);
    if (st) hub_store_close(st);

    /* Some other application's SQLite database is refused, untouched. */
    path_in_tmp(db, sizeof db, "other.db");
    CHECK_EQ(make_raw_db(db, "CREATE TABLE recipes(name); INSERT INTO recipes VALUES ('soup');"),
             SQLITE_OK);
    st = hub_store_open(db, err, sizeof err);
    CHECK(st == NULL);
    fprintf(stderr, "foreign database says: %s\n", err);
    CHECK(strstr(err, "not a hubd database") != NULL);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM recipes"), 1);
    char *other_jm = raw_query(db, "PRAGMA journal_mode"); /* not even switched to WAL */
    CHECK_STR(other_jm, "delete");
    free(other_jm);
    if (st) hub_store_close(st);
}

static void test_bad_input(void)
{
    char db[256], err[512];
    path_in_tmp(db, sizeof db, "bad.db");
    struct hub_store *st = hub_store_open(db, err, sizeof err);
    CHECK(st != NULL);
    if (!st) return;
    CHECK_EQ(hub_store_entity_put(st, "light.ok", "{\"name\":\"OK\"}"), HUB_OK);
    CHECK_EQ(hub_store_state_put(st, "light.ok", "on", "{}", 1, 1), HUB_OK);

    size_t big = 2 * 1024 * 1024;
    char *huge = malloc(big + 1);
    CHECK(huge != NULL);
    if (!huge) return;
    memset(huge, 'a', big);
    huge[big] = '\0';
    /* A 2 MB JSON string value: valid JSON, too long. */
    char *huge_json = malloc(big + 16);
    snprintf(huge_json, big + 16, "{\"x\":\"%s\"}", huge + 32);
    char long_id[400];
    memset(long_id, 'x', sizeof long_id - 1);
    memcpy(long_id, "light.", 6);
    long_id[sizeof long_id - 1] = '\0';

    /* NULLs */
    CHECK_EQ(hub_store_entity_put(NULL, "light.a", "{}"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_entity_put(st, NULL, "{}"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_entity_put(st, "light.a", NULL), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_entity_delete(st, NULL), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_entity_foreach(st, NULL, NULL), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_area_put(st, NULL, NULL, NULL), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_floor_put(st, NULL, 0, NULL), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_state_put(st, "light.ok", NULL, NULL, 0, 0), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_history_append(st, NULL, "on", NULL, 0), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_history_append(st, "light.ok", NULL, NULL, 0), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_setting_put(st, NULL, "v"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_setting_put(st, "k", NULL), HUB_ERR_INVALID);
    CHECK(hub_store_setting_get(st, NULL) == NULL);
    CHECK(hub_store_setting_get(NULL, "k") == NULL);
    CHECK_EQ(hub_store_history_flush(NULL), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_check(NULL, NULL, 0), HUB_ERR_INVALID);
    CHECK(hub_store_open(NULL, err, sizeof err) == NULL);
    CHECK(hub_store_open("", NULL, 0) == NULL);
    hub_store_close(NULL);

    /* Empty, too long, not domain.object_id, not UTF-8 */
    CHECK_EQ(hub_store_entity_put(st, "", "{}"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_entity_put(st, long_id, "{}"), HUB_ERR_RANGE);
    CHECK_EQ(hub_store_entity_put(st, huge, "{}"), HUB_ERR_RANGE);
    CHECK_EQ(hub_store_entity_put(st, "nodot", "{}"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_entity_put(st, ".x", "{}"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_entity_put(st, "light.", "{}"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_entity_put(st, "light.\xff\xfe", "{}"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_entity_put(st, "light.\xc0\xaf", "{}"), HUB_ERR_INVALID);     /* overlong */
    CHECK_EQ(hub_store_entity_put(st, "light.\xed\xa0\x80", "{}"), HUB_ERR_INVALID); /* surrogate */
    CHECK_EQ(hub_store_state_put(st, "light.ok", huge, "{}", 0, 0), HUB_ERR_RANGE);
    CHECK_EQ(hub_store_history_append(st, "light.ok", "", NULL, 0), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_setting_put(st, "k", huge), HUB_ERR_RANGE);
    CHECK_EQ(hub_store_setting_put(st, "k", "bad \xe4\xb8"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_area_put(st, "Kitchen", "", NULL), HUB_ERR_INVALID);

    /* Invalid JSON is refused (decision: every JSON column holds valid JSON). */
    const char *bad_json[] = {"",           "{",
                              "{\"a\":}",   "{\"a\":1,}",
                              "not json",   "{\"a\":\"\xff\"}",
                              "{\"a\":1}{", "{\"a\":1,\"a\":2}",
                              "[1,2",       "\"unterminated"};
    for (size_t i = 0; i < sizeof bad_json / sizeof bad_json[0]; i++) {
        CHECK_EQ(hub_store_entity_put(st, "light.ok", bad_json[i]), HUB_ERR_INVALID);
        CHECK_EQ(hub_store_state_put(st, "light.ok", "off", bad_json[i], 2, 2), HUB_ERR_INVALID);
        CHECK_EQ(hub_store_history_append(st, "light.ok", "off", bad_json[i], 2), HUB_ERR_INVALID);
        CHECK_EQ(hub_store_area_put(st, "Kitchen", NULL, bad_json[i]), HUB_ERR_INVALID);
    }
    CHECK(strstr(hub_store_last_error(st), "not valid JSON") != NULL);
    /* Valid JSON of the wrong shape. */
    CHECK_EQ(hub_store_entity_put(st, "light.ok", "[1,2]"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_entity_put(st, "light.ok", "42"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_state_put(st, "light.ok", "off", "\"s\"", 2, 2), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_area_put(st, "Kitchen", NULL, "{}"), HUB_ERR_INVALID);
    CHECK_EQ(hub_store_entity_put(st, "light.ok", huge_json), HUB_ERR_RANGE);
    CHECK_EQ(hub_store_history_append(st, "light.ok", "on", huge_json, 3), HUB_ERR_RANGE);
    /* SQL metacharacters are data, not SQL. */
    CHECK_EQ(hub_store_entity_put(st, "light.x'); DROP TABLE entities; --", "{\"n\":\"'\\\"\"}"),
             HUB_OK);
    CHECK_EQ(hub_store_entity_delete(st, "light.x'); DROP TABLE entities; --"), HUB_OK);

    /* Nothing of the above was written. */
    CHECK_EQ(hub_store_history_pending(st), 0);
    CHECK_EQ(hub_store_history_flush(st), HUB_OK);
    CHECK_EQ(count_entities(st), 1);
    struct collect c = {0};
    CHECK_EQ(hub_store_entity_foreach(st, cb_entity, &c), HUB_OK);
    CHECK_STR(c.buf, "light.ok={\"name\":\"OK\"};");
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_state_foreach(st, cb_state, &c), HUB_OK);
    CHECK_STR(c.buf, "light.ok=on{}/1/1;");
    memset(&c, 0, sizeof c);
    CHECK_EQ(hub_store_area_foreach(st, cb_area, &c), HUB_OK);
    CHECK_EQ(c.n, 0);
    CHECK(hub_store_setting_get(st, "k") == NULL);
    CHECK_EQ(raw_int(db, "SELECT count(*) FROM history"), 0);
    CHECK_EQ(hub_store_check(st, err, sizeof err), HUB_OK);
    hub_store_close(st);
    free(huge);
    free(huge_json);
}

static void test_garbage_files(void)
{
    char db[256], err[512];
    /* Random bytes. */
    path_in_tmp(db, sizeof db, "garbage.db");
    FILE *f = fopen(db, "wb");
    CHECK(f != NULL);
    if (!f) return;
    srand(7);
    for (int i = 0; i < 65536; i++)
        fputc(rand() & 0xff, f);
    fclose(f);
    struct hub_store *st = hub_store_open(db, err, sizeof err);
    CHECK(st == NULL);
    fprintf(stderr, "garbage file says: %s\n", err);
    CHECK(strstr(err, "garbage.db") != NULL);
    CHECK(strstr(err, "not a hubd database") != NULL);
    if (st) hub_store_close(st);

    /* A text file. */
    path_in_tmp(db, sizeof db, "text.db");
    f = fopen(db, "w");
    fputs("hello, this is not sqlite\n", f);
    fclose(f);
    st = hub_store_open(db, err, sizeof err);
    CHECK(st == NULL);
    CHECK(strstr(err, "not a hubd database") != NULL);
    if (st) hub_store_close(st);

    /* A directory where the file should be. */
    path_in_tmp(db, sizeof db, "adir.db");
    CHECK_EQ(mkdir(db, 0755), 0);
    st = hub_store_open(db, err, sizeof err);
    CHECK(st == NULL);
    fprintf(stderr, "directory says: %s\n", err);
    CHECK(strstr(err, "adir.db") != NULL);
    if (st) hub_store_close(st);

    /* A real database whose data pages were overwritten: open or check must say so. */
    path_in_tmp(db, sizeof db, "corrupt.db");
    st = hub_store_open(db, err, sizeof err);
    CHECK(st != NULL);
    if (!st) return;
    for (int i = 0; i < 3000; i++) {
        char id[64], rec[128];
        snprintf(id, sizeof id, "sensor.s%04d", i);
        snprintf(rec, sizeof rec, "{\"name\":\"Sensor %d\",\"area\":\"Room %d\"}", i, i % 17);
        CHECK_EQ(hub_store_entity_put(st, id, rec), HUB_OK);
    }
    hub_store_close(st); /* last connection: checkpoints the WAL into the file */
    struct stat sb;
    CHECK_EQ(stat(db, &sb), 0);
    CHECK(sb.st_size > 16 * 4096);
    int fd = open(db, O_WRONLY);
    CHECK(fd >= 0);
    char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(rand() & 0xff);
    for (off_t off = 2 * 4096; off + 4096 <= sb.st_size; off += 3 * 4096)
        CHECK_EQ(pwrite(fd, junk, sizeof junk, off), (ssize_t)sizeof junk);
    close(fd);
    st = hub_store_open(db, err, sizeof err);
    if (!st) {
        fprintf(stderr, "corrupted database refused at open: %s\n", err);
        CHECK(strstr(err, "corrupt.db") != NULL);
    } else {
        int rc = hub_store_check(st, err, sizeof err);
        fprintf(stderr, "corrupted database check says: %s\n", err);
        CHECK(rc != HUB_OK);
        CHECK(err[0] != '\0');
        /* Reads over broken pages return errors, never crash. */
        struct collect c = {0};
        int frc = hub_store_entity_foreach(st, cb_entity, &c);
        fprintf(stderr, "foreach over corrupt pages: %s (%d rows)\n", hub_strerror(frc), c.n);
        hub_store_close(st);
    }
}

static int count_hist_cb(void *ud, int64_t ts, const char *state, const char *attrs)
{
    (*(long *)ud)++;
    return 0;
}

/* I/O failure: a file size limit (RLIMIT_FSIZE) makes the WAL write fail mid-flush, as a full
 * disk would. The flush must fail with the error, keep its rows queued, leave the database
 * intact, and succeed once there is room again. Also prune across its chunk size. */
static void test_io_failure_and_prune(void)
{
    char db[256], err[512];
    path_in_tmp(db, sizeof db, "full.db");
    struct hub_store *st = hub_store_open(db, err, sizeof err);
    CHECK(st != NULL);
    if (!st) return;
    CHECK_EQ(hub_store_entity_put(st, "sensor.t", "{\"name\":\"T\"}"), HUB_OK);
    CHECK_EQ(hub_store_history_set_batch_limit(st, 200000), HUB_OK);
    char attrs[256];
    for (int i = 0; i < 12000; i++) {
        snprintf(attrs, sizeof attrs, "{\"v\":%d,\"pad\":\"%0100d\"}", i, i);
        CHECK_EQ(hub_store_history_append(st, "sensor.t", "x", attrs, i), HUB_OK);
    }
    struct rlimit old, lim;
    CHECK_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    lim.rlim_cur = 256 * 1024; /* the batch needs ~2 MB of WAL */
    signal(SIGXFSZ, SIG_IGN);  /* write() then fails with EFBIG instead of killing us */
    CHECK_EQ(setrlimit(RLIMIT_FSIZE, &lim), 0);
    int rc = hub_store_history_flush(st);
    CHECK(rc != HUB_OK);
    fprintf(stderr, "flush with the disk full: %s: %s\n", hub_strerror(rc),
            hub_store_last_error(st));
    CHECK_EQ(hub_store_history_pending(st), 12000);
    /* The message is the write that failed, not the clean-up after it. */
    CHECK(strstr(hub_store_last_error(st), "File too large") != NULL);
    CHECK(strstr(hub_store_last_error(st), "savepoint") == NULL);
    CHECK_EQ(setrlimit(RLIMIT_FSIZE, &old), 0);
    CHECK_EQ(hub_store_check(st, err, sizeof err), HUB_OK);
    CHECK_EQ(hub_store_history_flush(st), HUB_OK);
    CHECK_EQ(hub_store_history_pending(st), 0);
    long n = 0;
    CHECK_EQ(hub_store_history_query(st, "sensor.t", 0, INT64_MAX, 0, count_hist_cb, &n), HUB_OK);
    CHECK_EQ(n, 12000);
    /* Prune deletes in chunks of 5000: 11000 rows take three rounds. */
    CHECK_EQ(hub_store_history_prune(st, 11000), 11000);
    n = 0;
    CHECK_EQ(hub_store_history_query(st, "sensor.t", 0, INT64_MAX, 0, count_hist_cb, &n), HUB_OK);
    CHECK_EQ(n, 1000);
    CHECK_EQ(hub_store_check(st, err, sizeof err), HUB_OK);

    /* The same inside a caller's transaction: SQLite rolls it all back by itself; the commit
     * says so, and the history rows are written exactly once afterwards. */
    CHECK_EQ(hub_store_history_prune(st, INT64_MAX), 1000);
    CHECK_EQ(hub_store_tx_begin(st), HUB_OK);
    CHECK_EQ(hub_store_state_put(st, "sensor.t", "1", NULL, 1, 1), HUB_OK);
    CHECK_EQ(hub_store_history_append(st, "sensor.t", "small", NULL, 1), HUB_OK);
    CHECK_EQ(hub_store_history_flush(st), HUB_OK); /* written inside the transaction */
    for (int i = 0; i < 12000; i++) {
        snprintf(attrs, sizeof attrs, "{\"v\":%d,\"pad\":\"%0100d\"}", i, i);
        CHECK_EQ(hub_store_history_append(st, "sensor.t", "y", attrs, 100 + i), HUB_OK);
    }
    CHECK_EQ(setrlimit(RLIMIT_FSIZE, &lim), 0);
    CHECK(hub_store_history_flush(st) != HUB_OK);
    CHECK_EQ(setrlimit(RLIMIT_FSIZE, &old), 0);
    CHECK(hub_store_tx_commit(st) != HUB_OK);
    CHECK_EQ(hub_store_history_pending(st), 12001);
    CHECK_EQ(hub_store_history_flush(st), HUB_OK);
    n = 0;
    CHECK_EQ(hub_store_history_query(st, "sensor.t", 0, INT64_MAX, 0, count_hist_cb, &n), HUB_OK);
    CHECK_EQ(n, 12001);
    CHECK_EQ(hub_store_check(st, err, sizeof err), HUB_OK);
    hub_store_close(st);
}

/* A second process beside the hub (hubctl token while hubd runs): it shares the database
 * through SQLite's locking, sees and makes the hub's changes at once, and never creates,
 * migrates or opens a database of another schema. */
static void test_beside(void)
{
    char db[256], err[512];
    const char *hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    path_in_tmp(db, sizeof db, "beside.db");
    struct hub_store *hub = hub_store_open(db, err, sizeof err);
    CHECK(hub != NULL);
    if (!hub) return;
    struct hub_store *ctl = hub_store_open_beside(db, err, sizeof err);
    CHECK(ctl != NULL, "beside a running hub: %s", err);
    if (ctl) {
        char *name = NULL;
        CHECK_EQ(hub_store_token_add(ctl, "tablet", hash, 5), HUB_OK);
        CHECK_EQ(hub_store_token_find(hub, hash, &name, 0), HUB_OK);
        CHECK_STR(name, "tablet");
        free(name);
        CHECK_EQ(hub_store_token_delete(ctl, "tablet"), HUB_OK);
        CHECK_EQ(hub_store_token_find(hub, hash, NULL, 0), HUB_ERR_NOT_FOUND);
        CHECK_EQ(hub_store_token_add(hub, "phone", hash, 6), HUB_OK);
        struct collect c = {0};
        CHECK_EQ(hub_store_token_foreach(ctl, cb_token, &c), HUB_OK);
        CHECK_STR(c.buf, "phone:6:0;");
        hub_store_close(ctl);
    }
    CHECK_EQ(hub_store_check(hub, err, sizeof err), HUB_OK);
    hub_store_close(hub);

    char missing[256], v1[256];
    path_in_tmp(missing, sizeof missing, "other.db");
    unlink(missing);
    CHECK(hub_store_open_beside(missing, err, sizeof err) == NULL);
    CHECK(access(missing, F_OK) != 0, "beside created %s", missing);
    CHECK(hub_store_open_beside(":memory:", err, sizeof err) == NULL);
    path_in_tmp(v1, sizeof v1, "beside-v1.db");
    CHECK_EQ(make_raw_db(v1, schema_v1), SQLITE_OK);
    err[0] = '\0';
    CHECK(hub_store_open_beside(v1, err, sizeof err) == NULL);
    CHECK(strstr(err, "schema 1") != NULL, "beside an old schema says: %s", err);
    CHECK_EQ(raw_int(v1, "PRAGMA user_version"), 1); /* not migrated */
}

/* rm -rf of our own temporary folder, without a shell. */
static void remove_tree(const char *dir)
{
    char cmd_path[512];
    const char *names[] = {"rt.db",  "lock.db",    "v1.db",   "future.db",  "other.db",
                           "bad.db", "garbage.db", "text.db", "corrupt.db", "full.db",
                           "beside.db", "beside-v1.db"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *sfx[] = {"", "-wal", "-shm", ".lock"};
        for (size_t k = 0; k < 4; k++) {
            snprintf(cmd_path, sizeof cmd_path, "%s/%s%s", dir, names[i], sfx[k]);
            unlink(cmd_path);
        }
    }
    snprintf(cmd_path, sizeof cmd_path, "%s/adir.db", dir);
    rmdir(cmd_path);
    snprintf(cmd_path, sizeof cmd_path, "%s/adir.db.lock", dir);
    unlink(cmd_path);
    if (rmdir(dir) != 0) fprintf(stderr, "note: could not remove %s\n", dir);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    hub_log_set_level(HUB_LOG_WARN);
    test_round_trips();
    test_second_open_refused();
    test_migration();
    test_beside();
    test_bad_input();
    test_garbage_files();
    test_io_failure_and_prune();
    if (failures == 0)
        remove_tree(tmpdir);
    else
        fprintf(stderr, "files kept in %s\n", tmpdir);
    printf("%s: %d failure(s)\n", failures ? "FAIL" : "PASS", failures);
    return failures ? 1 : 0;
}

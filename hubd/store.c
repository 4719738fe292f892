/*
 * store.c: hubd's SQLite database (see store.h for the interface and its promises).
 *
 * One connection, used from the state thread only. Durability model: WAL with
 * synchronous=NORMAL, so a commit survives a killed process (kill -9) at any moment; only a
 * power cut may lose the last commits, never the database's integrity. Every statement is
 * prepared once and cached (enum store_stmt). The schema evolves by numbered migrations,
 * each applied in its own transaction together with its PRAGMA user_version bump, so an
 * interrupted upgrade leaves the previous version intact.
 *
 * Input rules (decided here, tested in tests/test-store.c): ids, states, keys and names are
 * 1..HUB_STORE_MAX_ID bytes of valid UTF-8; JSON arguments must parse (jansson) and are at most
 * HUB_STORE_MAX_JSON bytes; invalid JSON is refused with HUB_ERR_INVALID and nothing is
 * written, so every JSON column holds valid JSON.
 */
#include "config.h"

#include "hubd/store.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hub_log.h"
#include "hub_status.h"

#define STORE_TAG "store"
/* 'HUBD' in PRAGMA application_id: tells our databases from any other SQLite file. */
#define STORE_APPLICATION_ID 0x48554244
#define STORE_BUSY_TIMEOUT_MS 5000
/* Appends beyond this many unflushed rows (flushes failing) are refused with HUB_ERR_BUSY. */
#define STORE_HISTORY_HARD_CAP 200000
/* Prune deletes in chunks so one call never holds the write lock for long. */
#define STORE_PRUNE_CHUNK 5000
/* WAL checkpoints (copying the WAL back into the database file, with an fsync) run on a
 * thread of their own with its own connection, so the state thread never waits for the disk:
 * it is woken when the WAL passes STORE_CKPT_PAGES pages, and runs at least every second.
 * Only if it falls far behind (STORE_CKPT_INLINE_PAGES) does the writer checkpoint itself. */
#define STORE_CKPT_PAGES 1000
#define STORE_CKPT_INLINE_PAGES 100000

/* ---- schema --------------------------------------------------------------------------- */

/* Migration N brings user_version N-1 to N. Never edit a released entry: add a new one. */
static const char *const store_migrations[] = {
    /* 1: the first schema. */
    "PRAGMA application_id = 1213547076;" /* STORE_APPLICATION_ID */
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
    "CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);",

    /* 2: area/domain columns on entities for queries; history indexes for queries and prune. */
    "ALTER TABLE entities ADD COLUMN domain TEXT;"
    "ALTER TABLE entities ADD COLUMN area TEXT;"
    "UPDATE entities SET domain = substr(entity_id, 1, instr(entity_id, '.') - 1),"
    "  area = CASE WHEN json_valid(record) AND json_type(record, '$.area') = 'text'"
    "              THEN json_extract(record, '$.area') END;"
    "CREATE INDEX entities_area ON entities(area);"
    "CREATE INDEX entities_domain ON entities(domain);"
    "CREATE INDEX history_entity_ts ON history(entity_id, ts);"
    "CREATE INDEX history_ts ON history(ts);",

    /* 3: access tokens of the websocket API: only a SHA-256 of each token is kept. */
    "CREATE TABLE tokens (name TEXT PRIMARY KEY NOT NULL, hash TEXT NOT NULL UNIQUE,"
    "  created INTEGER NOT NULL, last_used INTEGER);",

    /* 4: automation rules (hubd/rules.c): rules, their runs with traces, and pending
     * deadlines (`for` durations, delays, waits) that must survive a restart. */
    "CREATE TABLE rules (id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL,"
    "  enabled INTEGER NOT NULL DEFAULT 1, config TEXT NOT NULL, last_triggered INTEGER,"
    "  created INTEGER NOT NULL, updated INTEGER NOT NULL);"
    "CREATE TABLE rule_runs (id INTEGER PRIMARY KEY, rule_id TEXT NOT NULL,"
    "  version INTEGER NOT NULL, started INTEGER NOT NULL, finished INTEGER,"
    "  status TEXT NOT NULL, trace TEXT NOT NULL);"
    "CREATE INDEX rule_runs_rule ON rule_runs(rule_id, id);"
    "CREATE TABLE rule_pending (id INTEGER PRIMARY KEY, rule_id TEXT NOT NULL,"
    "  kind TEXT NOT NULL, deadline INTEGER, data TEXT NOT NULL);",

    /* 5: voice (hubd/timers.c, hubd/lists.c): timers and delayed commands, which must fire
     * once after a restart, and the shopping/todo lists the hub keeps. */
    "CREATE TABLE timers (id INTEGER PRIMARY KEY, name TEXT, area TEXT, lang TEXT NOT NULL,"
    "  total_ms INTEGER NOT NULL, deadline INTEGER, remaining_ms INTEGER NOT NULL,"
    "  paused INTEGER NOT NULL DEFAULT 0, command TEXT, created INTEGER NOT NULL);"
    "CREATE TABLE list_items (id INTEGER PRIMARY KEY, list TEXT NOT NULL, item TEXT NOT NULL,"
    "  done INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL);",

    /* 6: floor aliases ("upstairs", "楼上"), so that a hub started without its house file
     * still knows "the lights upstairs". */
    "ALTER TABLE floors ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';",
};
#define STORE_SCHEMA_VERSION ((int)(sizeof store_migrations / sizeof store_migrations[0]))

enum store_stmt {
    SQL_BEGIN,
    SQL_COMMIT,
    SQL_ROLLBACK,
    SQL_SAVEPOINT,
    SQL_RELEASE,
    SQL_ROLLBACK_TO,
    SQL_ENTITY_PUT,
    SQL_ENTITY_DELETE,
    SQL_ENTITY_ALL,
    SQL_AREA_FLOOR_ENSURE,
    SQL_AREA_PUT,
    SQL_AREA_ALL,
    SQL_FLOOR_PUT,
    SQL_FLOOR_ALL,
    SQL_STATE_PUT,
    SQL_STATE_ALL,
    SQL_HISTORY_INSERT,
    SQL_HISTORY_PRUNE,
    SQL_HISTORY_QUERY,
    SQL_SETTING_PUT,
    SQL_SETTING_GET,
    SQL_INTEGRITY,
    SQL_TOKEN_ADD,
    SQL_TOKEN_FIND,
    SQL_TOKEN_USED,
    SQL_TOKEN_ALL,
    SQL_TOKEN_DELETE,
    SQL_COUNT_
};

static const char *const store_sql[SQL_COUNT_] = {
    [SQL_BEGIN] = "BEGIN IMMEDIATE",
    [SQL_COMMIT] = "COMMIT",
    [SQL_ROLLBACK] = "ROLLBACK",
    /* Internal multi-statement writes use a savepoint, so they nest inside a caller's
     * hub_store_tx_begin() and are their own transaction outside one. */
    [SQL_SAVEPOINT] = "SAVEPOINT store_op",
    [SQL_RELEASE] = "RELEASE store_op",
    [SQL_ROLLBACK_TO] = "ROLLBACK TO store_op",
    [SQL_ENTITY_PUT] =
        "INSERT INTO entities (entity_id, record, domain, area) VALUES (?1, ?2, ?3, ?4)"
        " ON CONFLICT(entity_id) DO UPDATE SET record = excluded.record,"
        " domain = excluded.domain, area = excluded.area",
    [SQL_ENTITY_DELETE] = "DELETE FROM entities WHERE entity_id = ?1",
    [SQL_ENTITY_ALL] = "SELECT entity_id, record FROM entities ORDER BY entity_id",
    [SQL_AREA_FLOOR_ENSURE] = "INSERT INTO floors (name, level) VALUES (?1, 0)"
                              " ON CONFLICT(name) DO NOTHING",
    [SQL_AREA_PUT] = "INSERT INTO areas (name, floor, aliases) VALUES (?1, ?2, ?3)"
                     " ON CONFLICT(name) DO UPDATE SET floor = excluded.floor,"
                     " aliases = excluded.aliases",
    [SQL_AREA_ALL] = "SELECT name, floor, aliases FROM areas ORDER BY name",
    [SQL_FLOOR_PUT] = "INSERT INTO floors (name, level, aliases) VALUES (?1, ?2, ?3)"
                      " ON CONFLICT(name) DO UPDATE SET level = excluded.level,"
                      " aliases = excluded.aliases",
    [SQL_FLOOR_ALL] = "SELECT name, level, aliases FROM floors ORDER BY level, name",
    [SQL_STATE_PUT] =
        "INSERT INTO states (entity_id, state, attributes, last_changed, last_updated)"
        " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(entity_id) DO UPDATE SET"
        " state = excluded.state, attributes = excluded.attributes,"
        " last_changed = excluded.last_changed, last_updated = excluded.last_updated",
    [SQL_STATE_ALL] = "SELECT entity_id, state, attributes, last_changed, last_updated FROM states"
                      " ORDER BY entity_id",
    [SQL_HISTORY_INSERT] = "INSERT INTO history (entity_id, state, attributes, ts)"
                           " VALUES (?1, ?2, ?3, ?4)",
    [SQL_HISTORY_PRUNE] = "DELETE FROM history WHERE id IN"
                          " (SELECT id FROM history WHERE ts < ?1 LIMIT ?2)",
    [SQL_HISTORY_QUERY] = "SELECT ts, state, attributes FROM history"
                          " WHERE entity_id = ?1 AND ts >= ?2 AND ts < ?3"
                          " ORDER BY ts, id LIMIT ?4",
    [SQL_SETTING_PUT] = "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    [SQL_SETTING_GET] = "SELECT value FROM settings WHERE key = ?1",
    [SQL_INTEGRITY] = "PRAGMA integrity_check(20)",
    [SQL_TOKEN_ADD] = "INSERT INTO tokens (name, hash, created) VALUES (?1, ?2, ?3)",
    [SQL_TOKEN_FIND] = "SELECT name FROM tokens WHERE hash = ?1",
    [SQL_TOKEN_USED] = "UPDATE tokens SET last_used = ?2 WHERE name = ?1",
    [SQL_TOKEN_ALL] = "SELECT name, created, last_used FROM tokens ORDER BY name",
    [SQL_TOKEN_DELETE] = "DELETE FROM tokens WHERE name = ?1",
};

/* One queued history row; the three strings live in `buf` right after each other. */
struct store_hist_row {
    int64_t ts_ms;
    char *entity_id, *state, *attributes;
};

struct hub_store {
    sqlite3 *db;
    char *path;
    int lock_fd;
    sqlite3_stmt *stmt[SQL_COUNT_];
    struct store_hist_row *hist;
    int hist_len, hist_cap;
    /* Rows [0, hist_in_tx) were written inside the caller's open transaction: they are freed
     * when it commits and become pending again if it rolls back, so no row is lost or doubled. */
    int hist_in_tx;
    bool in_tx; /* hub_store_tx_begin succeeded and no commit/rollback yet */
    int batch_limit;
    char last_error[512];
    /* the checkpoint thread (file databases only) */
    pthread_t ckpt_thread;
    bool ckpt_running;
    pthread_mutex_t ckpt_mu;
    pthread_cond_t ckpt_cv;
    bool ckpt_wanted, ckpt_stop;
    sqlite3 *ckpt_db;
};

/* ---- errors and input checks ------------------------------------------------------------ */

static void store_fail(struct hub_store *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Records the message as the store's last error and logs it. */
static void store_fail(struct hub_store *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->last_error, sizeof st->last_error, fmt, ap);
    va_end(ap);
    hub_error(STORE_TAG, "%s: %s", st->path, st->last_error);
}

/* Maps an SQLite result code to our status. */
static int store_status(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW: return HUB_OK;
    case SQLITE_NOMEM: return HUB_ERR_NOMEM;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return HUB_ERR_BUSY;
    case SQLITE_CONSTRAINT: return HUB_ERR_INVALID;
    case SQLITE_TOOBIG: return HUB_ERR_RANGE;
    default: return HUB_ERR_IO;
    }
}

/* Strict UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
static bool store_utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        int len;
        unsigned min;
        uint32_t cp;
        if ((c & 0xe0) == 0xc0) {
            len = 2;
            min = 0x80;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            len = 3;
            min = 0x800;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            len = 4;
            min = 0x10000;
            cp = c & 0x07;
        } else
            return false;
        if (i + (size_t)len > n) return false;
        for (int k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        i += (size_t)len;
    }
    return true;
}

/* A short text field: non-NULL, 1..HUB_STORE_MAX_ID bytes, UTF-8. */
static int store_check_text(struct hub_store *st, const char *what, const char *s)
{
    if (!s) {
        store_fail(st, "%s is NULL", what);
        return HUB_ERR_INVALID;
    }
    size_t n = strnlen(s, HUB_STORE_MAX_ID + 1);
    if (n == 0 || n > HUB_STORE_MAX_ID) {
        store_fail(st, "%s must be 1..%d bytes (got %s)", what, HUB_STORE_MAX_ID,
                   n ? "more" : "an empty string");
        return n ? HUB_ERR_RANGE : HUB_ERR_INVALID;
    }
    if (!store_utf8_ok((const unsigned char *)s, n)) {
        store_fail(st, "%s is not valid UTF-8", what);
        return HUB_ERR_INVALID;
    }
    return HUB_OK;
}

/* A JSON argument: must parse; `want_object` demands an object. NULL is allowed when
 * `allow_null` (the caller stores a default). On success *out (if given) gets the parsed
 * value, which the caller decrefs. */
static int store_check_json(struct hub_store *st, const char *what, const char *s, bool allow_null,
                            bool want_object, json_t **out)
{
    if (out) *out = NULL;
    if (!s) {
        if (allow_null) return HUB_OK;
        store_fail(st, "%s is NULL", what);
        return HUB_ERR_INVALID;
    }
    size_t n = strnlen(s, HUB_STORE_MAX_JSON + 1);
    if (n > HUB_STORE_MAX_JSON) {
        store_fail(st, "%s is longer than %d bytes", what, HUB_STORE_MAX_JSON);
        return HUB_ERR_RANGE;
    }
    json_error_t jerr;
    json_t *v = json_loadb(s, n, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
    if (!v) {
        store_fail(st, "%s is not valid JSON: %s (at byte %d)", what, jerr.text, jerr.position);
        return HUB_ERR_INVALID;
    }
    if (want_object && !json_is_object(v)) {
        json_decref(v);
        store_fail(st, "%s must be a JSON object", what);
        return HUB_ERR_INVALID;
    }
    if (out)
        *out = v;
    else
        json_decref(v);
    return HUB_OK;
}

/* ---- statements ------------------------------------------------------------------------- */

/* The cached statement `which`, prepared on first use; NULL (error recorded) on failure. */
static sqlite3_stmt *store_stmt(struct hub_store *st, enum store_stmt which)
{
    if (st->stmt[which]) return st->stmt[which];
    int rc = sqlite3_prepare_v3(st->db, store_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                                &st->stmt[which], NULL);
    if (rc != SQLITE_OK) {
        store_fail(st, "cannot prepare \"%s\": %s", store_sql[which], sqlite3_errmsg(st->db));
        st->stmt[which] = NULL;
        return NULL;
    }
    return st->stmt[which];
}

/* Resets and unbinds a cached statement so it holds no read transaction or bound pointers. */
static void store_stmt_done(sqlite3_stmt *s)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

/* Checks a bind result; on failure records the error. */
static int store_bind_check(struct hub_store *st, int rc, const char *what)
{
    if (rc == SQLITE_OK) return HUB_OK;
    store_fail(st, "cannot bind %s: %s", what, sqlite3_errmsg(st->db));
    return store_status(rc);
}

static int store_bind_text(struct hub_store *st, sqlite3_stmt *s, int idx, const char *v)
{
    int rc = v ? sqlite3_bind_text(s, idx, v, -1, SQLITE_STATIC) : sqlite3_bind_null(s, idx);
    return store_bind_check(st, rc, sqlite3_bind_parameter_name(s, idx));
}

static int store_bind_i64(struct hub_store *st, sqlite3_stmt *s, int idx, int64_t v)
{
    return store_bind_check(st, sqlite3_bind_int64(s, idx, v), sqlite3_bind_parameter_name(s, idx));
}

/* Runs a bound statement that returns no rows; resets it. */
static int store_step_done(struct hub_store *st, sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    int ret = HUB_OK;
    if (rc != SQLITE_DONE) {
        int sys = sqlite3_system_errno(st->db);
        store_fail(st, "\"%s\" failed: %s%s%s", sqlite3_sql(s), sqlite3_errmsg(st->db),
                   sys && (rc & 0xff) == SQLITE_IOERR ? ": " : "",
                   sys && (rc & 0xff) == SQLITE_IOERR ? strerror(sys) : "");
        ret = store_status(rc);
        if (ret == HUB_OK) ret = HUB_ERR_IO; /* SQLITE_ROW where none was expected */
    }
    store_stmt_done(s);
    return ret;
}

static int store_exec_cached(struct hub_store *st, enum store_stmt which)
{
    sqlite3_stmt *s = store_stmt(st, which);
    return s ? store_step_done(st, s) : HUB_ERR_IO;
}

static int store_begin(struct hub_store *st)
{
    return store_exec_cached(st, SQL_SAVEPOINT);
}

/* Releases the savepoint: commits when no caller transaction is open. On failure undoes. */
static void store_rollback(struct hub_store *st);

static int store_commit(struct hub_store *st)
{
    int ret = store_exec_cached(st, SQL_RELEASE);
    if (ret != HUB_OK) store_rollback(st);
    return ret;
}

/* Undoes the savepoint after a failure, keeping the failure's message as the last error. An
 * I/O error or SQLITE_FULL makes SQLite roll back the whole transaction by itself; then there
 * is no savepoint left to undo. */
static void store_rollback(struct hub_store *st)
{
    if (sqlite3_get_autocommit(st->db)) return;
    char saved[sizeof st->last_error];
    memcpy(saved, st->last_error, sizeof saved);
    store_exec_cached(st, SQL_ROLLBACK_TO);
    store_exec_cached(st, SQL_RELEASE);
    memcpy(st->last_error, saved, sizeof saved);
}

int hub_store_tx_begin(struct hub_store *st)
{
    if (!st) return HUB_ERR_INVALID;
    if (st->in_tx || !sqlite3_get_autocommit(st->db)) {
        store_fail(st, "hub_store_tx_begin: a transaction is already open");
        return HUB_ERR_BUSY;
    }
    int ret = store_exec_cached(st, SQL_BEGIN);
    if (ret == HUB_OK) {
        st->in_tx = true;
        st->hist_in_tx = 0;
    }
    return ret;
}

/* The caller's transaction is over without a commit: its history rows are pending again. */
static void store_tx_abandon(struct hub_store *st)
{
    st->in_tx = false;
    st->hist_in_tx = 0;
}

int hub_store_tx_commit(struct hub_store *st)
{
    if (!st) return HUB_ERR_INVALID;
    if (!st->in_tx) {
        store_fail(st, "hub_store_tx_commit: no transaction is open");
        return HUB_ERR_INVALID;
    }
    if (sqlite3_get_autocommit(st->db)) {
        /* An I/O error inside it made SQLite roll it back already. */
        store_tx_abandon(st);
        store_fail(st, "transaction was rolled back after an earlier error");
        return HUB_ERR_IO;
    }
    int ret = store_exec_cached(st, SQL_COMMIT);
    if (ret != HUB_OK) {
        if (!sqlite3_get_autocommit(st->db)) store_exec_cached(st, SQL_ROLLBACK);
        store_tx_abandon(st);
        return ret;
    }
    if (st->hist_in_tx > 0) { /* (st->hist may still be NULL otherwise) */
        for (int i = 0; i < st->hist_in_tx; i++)
            free(st->hist[i].entity_id);
        memmove(st->hist, st->hist + st->hist_in_tx,
                (size_t)(st->hist_len - st->hist_in_tx) * sizeof *st->hist);
        st->hist_len -= st->hist_in_tx;
    }
    st->in_tx = false;
    st->hist_in_tx = 0;
    return HUB_OK;
}

int hub_store_tx_rollback(struct hub_store *st)
{
    if (!st) return HUB_ERR_INVALID;
    int ret = HUB_OK;
    if (!sqlite3_get_autocommit(st->db)) ret = store_exec_cached(st, SQL_ROLLBACK);
    store_tx_abandon(st);
    return ret;
}

/* sqlite3_exec for set-up SQL (pragmas, migrations), with the error in `err`. */
static int store_exec_setup(sqlite3 *db, const char *sql, char *err, size_t errlen,
                            const char *path)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return store_status(rc);
    }
    return HUB_OK;
}

/* Reads a one-integer PRAGMA. */
static int store_pragma_int(sqlite3 *db, const char *sql, int64_t *out, char *err, size_t errlen,
                            const char *path)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int64(s, 0);
            rc = SQLITE_OK;
        }
    }
    if (rc != SQLITE_OK) {
        if ((rc & 0xff) == SQLITE_NOTADB)
            snprintf(err, errlen, "%s: not a hubd database (SQLite says: %s)", path,
                     sqlite3_errmsg(db));
        else
            snprintf(err, errlen, "%s: %s: %s", path, sql, sqlite3_errmsg(db));
    }
    sqlite3_finalize(s);
    return rc == SQLITE_OK ? HUB_OK : store_status(rc);
}

/* ---- single-instance lock ---------------------------------------------------------------- */

/* Takes an exclusive flock on PATH.lock and writes our pid into it. The kernel drops the lock
 * when the process dies however it dies, so a kill -9 never leaves a stale lock. */
static int store_lock(const char *path, int *fd_out, char *err, size_t errlen)
{
    char lock_path[4096];
    if (snprintf(lock_path, sizeof lock_path, "%s.lock", path) >= (int)sizeof lock_path) {
        snprintf(err, errlen, "%s: path too long", path);
        return HUB_ERR_RANGE;
    }
    int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot open lock file %s: %s", path, lock_path, strerror(errno));
        return HUB_ERR_IO;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        if (e != EWOULDBLOCK) {
            snprintf(err, errlen, "%s: cannot lock %s: %s", path, lock_path, strerror(e));
            close(fd);
            return HUB_ERR_IO;
        }
        /* Held: name the holder from the pid it wrote (best effort). */
        char buf[32] = "";
        ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
        buf[n > 0 ? n : 0] = '\0';
        long pid = strtol(buf, NULL, 10);
        char comm[64] = "";
        if (pid > 0) {
            char proc[64];
            snprintf(proc, sizeof proc, "/proc/%ld/comm", pid);
            FILE *f = fopen(proc, "r");
            if (f) {
                if (fgets(comm, sizeof comm, f)) comm[strcspn(comm, "\n")] = '\0';
                fclose(f);
            }
        }
        if (pid > 0)
            snprintf(err, errlen,
                     "%s: database is in use by another process (pid %ld%s%s); lock file %s", path,
                     pid, comm[0] ? ", " : "", comm, lock_path);
        else
            snprintf(err, errlen, "%s: database is in use by another process; lock file %s", path,
                     lock_path);
        close(fd);
        return HUB_ERR_EXISTS;
    }
    char pidbuf[32];
    int len = snprintf(pidbuf, sizeof pidbuf, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pidbuf, (size_t)len, 0) != len) {
        /* The lock itself is held; the pid is only for the message above. */
        hub_warn(STORE_TAG, "%s: cannot write pid into %s: %s", path, lock_path, strerror(errno));
    }
    *fd_out = fd;
    return HUB_OK;
}

/* ---- open / close ------------------------------------------------------------------------- */

/* Refuses a file that is not ours (another application's SQLite database) or that a newer hubd
 * wrote, before anything is changed in it: not even its journal mode. *version_out gets the
 * file's schema version (user_version) for store_migrate. */
static int store_identify(struct hub_store *st, int64_t *version_out, char *err, size_t errlen)
{
    int64_t app_id = 0, version = 0, tables = 0;
    int ret;
    /* The first read of the file: a garbage file fails here with "file is not a database". */
    if ((ret = store_pragma_int(st->db, "PRAGMA application_id", &app_id, err, errlen, st->path)) ||
        (ret = store_pragma_int(st->db, "PRAGMA user_version", &version, err, errlen, st->path)) ||
        (ret = store_pragma_int(st->db, "SELECT count(*) FROM sqlite_schema", &tables, err, errlen,
                                st->path)))
        return ret;
    if (app_id != STORE_APPLICATION_ID && !(app_id == 0 && version == 0 && tables == 0)) {
        snprintf(err, errlen,
                 "%s: not a hubd database (application_id %#" PRIx64 ", %" PRId64
                 " schema objects); refusing to touch it",
                 st->path, app_id, tables);
        return HUB_ERR_VERSION;
    }
    if (version > STORE_SCHEMA_VERSION) {
        snprintf(err, errlen,
                 "%s: schema version %" PRId64 " is newer than this hubd understands (%d); "
                 "use a newer hubd",
                 st->path, version, STORE_SCHEMA_VERSION);
        return HUB_ERR_VERSION;
    }
    *version_out = version;
    return HUB_OK;
}

/* Brings the schema from `version` (as store_identify read it; the lock keeps other hubds out)
 * to STORE_SCHEMA_VERSION, one transaction per migration. */
static int store_migrate(struct hub_store *st, int64_t version, char *err, size_t errlen)
{
    int ret;
    for (int v = (int)version; v < STORE_SCHEMA_VERSION; v++) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        if ((ret = store_exec_setup(st->db, "BEGIN IMMEDIATE", err, errlen, st->path))) return ret;
        if ((ret = store_exec_setup(st->db, store_migrations[v], err, errlen, st->path)) ||
            (ret = store_exec_setup(st->db, sql, err, errlen, st->path)) ||
            (ret = store_exec_setup(st->db, "COMMIT", err, errlen, st->path))) {
            size_t used = strlen(err);
            snprintf(err + used, errlen - used, " (migration to schema version %d)", v + 1);
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            return ret;
        }
        hub_info(STORE_TAG, "%s: schema migrated to version %d", st->path, v + 1);
    }
    return HUB_OK;
}

static void store_ckpt_start(struct hub_store *st);

/* beside: a second process next to the hub (hubctl token): no single-instance lock, an
 * existing database at this program's schema only (no migration), no checkpoint thread; the
 * hub's own checkpointer folds its writes in. */
static struct hub_store *store_open(const char *path, bool beside, char *err, size_t errlen)
{
    char dummy[8];
    if (!err || errlen == 0) {
        err = dummy;
        errlen = sizeof dummy;
    }
    err[0] = '\0';
    if (!path || !path[0] || strlen(path) > 4000) {
        snprintf(err, errlen, "database path is %s",
                 !path      ? "NULL"
                 : !path[0] ? "empty"
                            : "too long");
        return NULL;
    }
    struct hub_store *st = calloc(1, sizeof *st);
    if (!st || !(st->path = strdup(path))) {
        snprintf(err, errlen, "%s: out of memory", path);
        free(st);
        return NULL;
    }
    st->lock_fd = -1;
    st->batch_limit = HUB_STORE_DEFAULT_BATCH;
    bool memory = strcmp(path, ":memory:") == 0;
    int64_t v, schema_version = 0;
    char jm[16] = "";

    if (memory && beside) {
        snprintf(err, errlen, "%s: only a database file can be opened beside the hub", path);
        goto fail;
    }
    if (!memory && !beside && store_lock(path, &st->lock_fd, err, errlen) != HUB_OK) goto fail;

    int rc = sqlite3_open_v2(
        path, &st->db,
        SQLITE_OPEN_READWRITE | (beside ? 0 : SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: cannot open database: %s", path,
                 st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);
    rc = sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: busy_timeout: %s", path, sqlite3_errmsg(st->db));
        goto fail;
    }
    if (store_identify(st, &schema_version, err, errlen) != HUB_OK) goto fail;
    if (beside && schema_version != STORE_SCHEMA_VERSION) {
        snprintf(err, errlen,
                 "%s: database schema %lld, this program's is %d: start hubd of this version "
                 "once, or stop the running one",
                 path, (long long)schema_version, STORE_SCHEMA_VERSION);
        goto fail;
    }
    if (!memory) {
        sqlite3_stmt *s = NULL;
        rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL);
        if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
            snprintf(jm, sizeof jm, "%s", (const char *)sqlite3_column_text(s, 0));
            rc = SQLITE_OK;
        }
        if (rc != SQLITE_OK) {
            snprintf(err, errlen, "%s: cannot switch to WAL: %s", path, sqlite3_errmsg(st->db));
            sqlite3_finalize(s);
            goto fail;
        }
        sqlite3_finalize(s);
        if (strcmp(jm, "wal") != 0) {
            snprintf(err, errlen,
                     "%s: journal mode is \"%s\", not WAL (filesystem without "
                     "shared memory?)",
                     path, jm);
            goto fail;
        }
    }
    /* journal_size_limit: after a checkpoint the WAL is cut back to 64 MiB at most, so a burst
     * of ingest does not leave a huge -wal file behind. */
    if (store_exec_setup(st->db,
                         "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
                         " PRAGMA journal_size_limit = 67108864;",
                         err, errlen, path) != HUB_OK)
        goto fail;
    if (store_pragma_int(st->db, "PRAGMA foreign_keys", &v, err, errlen, path) != HUB_OK) goto fail;
    if (v != 1) {
        snprintf(err, errlen, "%s: this SQLite cannot enforce foreign keys", path);
        goto fail;
    }
    if (store_migrate(st, schema_version, err, errlen) != HUB_OK) goto fail;
    if (!memory && !beside) store_ckpt_start(st);
    return st;

fail:
    if (!err[0]) snprintf(err, errlen, "%s: cannot open database", path);
    if (st->db) sqlite3_close_v2(st->db);
    if (st->lock_fd >= 0) close(st->lock_fd);
    free(st->path);
    free(st);
    return NULL;
}

struct hub_store *hub_store_open(const char *path, char *err, size_t errlen)
{
    return store_open(path, false, err, errlen);
}

struct hub_store *hub_store_open_beside(const char *path, char *err, size_t errlen)
{
    return store_open(path, true, err, errlen);
}

/* ---- WAL checkpoints ------------------------------------------------------------------ */

static void *store_ckpt_main(void *arg)
{
    struct hub_store *st = arg;
    int last_rc = SQLITE_OK;
    pthread_mutex_lock(&st->ckpt_mu);
    while (!st->ckpt_stop) {
        if (!st->ckpt_wanted) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += 1;
            pthread_cond_timedwait(&st->ckpt_cv, &st->ckpt_mu, &until);
            if (st->ckpt_stop) break;
        }
        st->ckpt_wanted = false;
        pthread_mutex_unlock(&st->ckpt_mu);
        /* PASSIVE: copies what no reader needs, never blocks the writer or waits for it. */
        int log_pages = 0, done_pages = 0;
        int rc = sqlite3_wal_checkpoint_v2(st->ckpt_db, NULL, SQLITE_CHECKPOINT_PASSIVE,
                                           &log_pages, &done_pages);
        if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY && rc != last_rc)
            hub_warn(STORE_TAG, "%s: WAL checkpoint: %s", st->path, sqlite3_errmsg(st->ckpt_db));
        last_rc = rc;
        pthread_mutex_lock(&st->ckpt_mu);
    }
    pthread_mutex_unlock(&st->ckpt_mu);
    return NULL;
}

/* After each commit on the main connection: wake the checkpointer once the WAL is long. */
static int store_wal_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
    struct hub_store *st = arg;
    if (pages >= STORE_CKPT_INLINE_PAGES) {
        /* Far behind (a reader pinning old frames, a stalled thread): do one here. */
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    } else if (pages >= STORE_CKPT_PAGES) {
        pthread_mutex_lock(&st->ckpt_mu);
        st->ckpt_wanted = true;
        pthread_cond_signal(&st->ckpt_cv);
        pthread_mutex_unlock(&st->ckpt_mu);
    }
    return SQLITE_OK;
}

/* Opens the checkpointer's connection and starts its thread. If that fails, SQLite's own
 * automatic checkpoints (in the writer) stay on: slower, still correct. */
static void store_ckpt_start(struct hub_store *st)
{
    int rc = sqlite3_open_v2(st->path, &st->ckpt_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc == SQLITE_OK) rc = sqlite3_busy_timeout(st->ckpt_db, STORE_BUSY_TIMEOUT_MS);
    if (rc != SQLITE_OK) {
        hub_warn(STORE_TAG, "%s: no checkpoint thread (%s); the writer checkpoints", st->path,
                 st->ckpt_db ? sqlite3_errmsg(st->ckpt_db) : sqlite3_errstr(rc));
        sqlite3_close_v2(st->ckpt_db);
        st->ckpt_db = NULL;
        return;
    }
    pthread_mutex_init(&st->ckpt_mu, NULL);
    pthread_cond_init(&st->ckpt_cv, NULL);
    int e = pthread_create(&st->ckpt_thread, NULL, store_ckpt_main, st);
    if (e != 0) {
        hub_warn(STORE_TAG, "%s: no checkpoint thread (%s); the writer checkpoints", st->path,
                 strerror(e));
        pthread_mutex_destroy(&st->ckpt_mu);
        pthread_cond_destroy(&st->ckpt_cv);
        sqlite3_close_v2(st->ckpt_db);
        st->ckpt_db = NULL;
        return;
    }
    st->ckpt_running = true;
    /* Replaces SQLite's automatic checkpoint (itself a WAL hook) on the main connection. */
    sqlite3_wal_hook(st->db, store_wal_hook, st);
}

static void store_ckpt_stop(struct hub_store *st)
{
    if (!st->ckpt_running) return;
    sqlite3_wal_hook(st->db, NULL, NULL);
    pthread_mutex_lock(&st->ckpt_mu);
    st->ckpt_stop = true;
    pthread_cond_signal(&st->ckpt_cv);
    pthread_mutex_unlock(&st->ckpt_mu);
    pthread_join(st->ckpt_thread, NULL);
    pthread_mutex_destroy(&st->ckpt_mu);
    pthread_cond_destroy(&st->ckpt_cv);
    if (sqlite3_close(st->ckpt_db) != SQLITE_OK) {
        hub_warn(STORE_TAG, "%s: closing the checkpoint connection: %s", st->path,
                 sqlite3_errmsg(st->ckpt_db));
        sqlite3_close_v2(st->ckpt_db);
    }
    st->ckpt_db = NULL;
    st->ckpt_running = false;
}

void hub_store_close(struct hub_store *st)
{
    if (!st) return;
    if (!sqlite3_get_autocommit(st->db)) {
        hub_warn(STORE_TAG, "%s: closing with a transaction open: rolled back", st->path);
        store_exec_cached(st, SQL_ROLLBACK);
    }
    store_tx_abandon(st);
    if (st->hist_len > 0 && hub_store_history_flush(st) != HUB_OK)
        hub_error(STORE_TAG, "%s: %d history rows lost at close", st->path, st->hist_len);
    for (int i = 0; i < st->hist_len; i++)
        free(st->hist[i].entity_id);
    free(st->hist);
    for (int i = 0; i < SQL_COUNT_; i++)
        sqlite3_finalize(st->stmt[i]);
    /* First the checkpointer, so the main connection closes last: the last connection to
     * close checkpoints everything and removes the WAL file. */
    store_ckpt_stop(st);
    int rc = sqlite3_close(st->db);
    if (rc != SQLITE_OK) {
        hub_error(STORE_TAG, "%s: close: %s", st->path, sqlite3_errmsg(st->db));
        sqlite3_close_v2(st->db);
    }
    if (st->lock_fd >= 0) close(st->lock_fd); /* drops the flock */
    free(st->path);
    free(st);
}

const char *hub_store_last_error(const struct hub_store *st)
{
    return st ? st->last_error : "no store";
}

/* ---- registry ---------------------------------------------------------------------------- */

int hub_store_entity_put(struct hub_store *st, const char *entity_id, const char *record_json)
{
    if (!st) return HUB_ERR_INVALID;
    int ret;
    json_t *rec = NULL;
    if ((ret = store_check_text(st, "entity_id", entity_id))) return ret;
    const char *dot = strchr(entity_id, '.');
    if (!dot || dot == entity_id || !dot[1]) {
        store_fail(st, "entity_id \"%s\" is not domain.object_id", entity_id);
        return HUB_ERR_INVALID;
    }
    if ((ret = store_check_json(st, "record_json", record_json, false, true, &rec))) return ret;
    char domain[HUB_STORE_MAX_ID + 1];
    memcpy(domain, entity_id, (size_t)(dot - entity_id));
    domain[dot - entity_id] = '\0';
    const char *area = json_string_value(json_object_get(rec, "area"));

    sqlite3_stmt *s = store_stmt(st, SQL_ENTITY_PUT);
    if (!s)
        ret = HUB_ERR_IO;
    else if (!(ret = store_bind_text(st, s, 1, entity_id)) &&
             !(ret = store_bind_text(st, s, 2, record_json)) &&
             !(ret = store_bind_text(st, s, 3, domain)) && !(ret = store_bind_text(st, s, 4, area)))
        ret = store_step_done(st, s);
    else
        store_stmt_done(s);
    json_decref(rec);
    return ret;
}

int hub_store_entity_delete(struct hub_store *st, const char *entity_id)
{
    if (!st) return HUB_ERR_INVALID;
    int ret = store_check_text(st, "entity_id", entity_id);
    if (ret) return ret;
    sqlite3_stmt *s = store_stmt(st, SQL_ENTITY_DELETE);
    if (!s) return HUB_ERR_IO;
    if ((ret = store_bind_text(st, s, 1, entity_id))) {
        store_stmt_done(s);
        return ret;
    }
    ret = store_step_done(st, s);
    if (ret == HUB_OK && sqlite3_changes(st->db) == 0) return HUB_ERR_NOT_FOUND;
    return ret;
}

/* Steps a SELECT, calling `row` for each result until it returns nonzero. Returns that value,
 * HUB_OK at the end, or an error status. */
static int store_select(struct hub_store *st, sqlite3_stmt *s,
                        int (*row)(sqlite3_stmt *s, void *ctx), void *ctx)
{
    int rc, ret = HUB_OK;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if ((ret = row(s, ctx)) != 0) break;
    }
    if (ret == HUB_OK && rc != SQLITE_DONE) {
        store_fail(st, "\"%s\" failed: %s", sqlite3_sql(s), sqlite3_errmsg(st->db));
        ret = store_status(rc);
    }
    store_stmt_done(s);
    return ret;
}

static const char *col_text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

struct store_cb {
    void *fn;
    void *ud;
};

static int store_row_entity(sqlite3_stmt *s, void *ctx)
{
    struct store_cb *c = ctx;
    int (*cb)(void *, const char *, const char *) = c->fn;
    return cb(c->ud, col_text(s, 0), col_text(s, 1));
}

int hub_store_entity_foreach(struct hub_store *st,
                             int (*cb)(void *ud, const char *entity_id, const char *record_json),
                             void *ud)
{
    if (!st || !cb) return HUB_ERR_INVALID;
    sqlite3_stmt *s = store_stmt(st, SQL_ENTITY_ALL);
    if (!s) return HUB_ERR_IO;
    struct store_cb c = {(void *)cb, ud};
    return store_select(st, s, store_row_entity, &c);
}

/* aliases_json (of an area or floor): NULL, or a JSON array. */
static int store_check_aliases(struct hub_store *st, const char *what, const char *name,
                               const char *aliases_json)
{
    json_t *al = NULL;
    int ret = store_check_json(st, "aliases_json", aliases_json, true, false, &al);
    if (ret) return ret;
    if (al && !json_is_array(al)) {
        json_decref(al);
        store_fail(st, "aliases_json of %s \"%s\" must be a JSON array", what, name);
        return HUB_ERR_INVALID;
    }
    json_decref(al);
    return HUB_OK;
}

int hub_store_area_put(struct hub_store *st, const char *name, const char *floor,
                       const char *aliases_json)
{
    if (!st) return HUB_ERR_INVALID;
    int ret;
    if ((ret = store_check_text(st, "area name", name))) return ret;
    if (floor && (ret = store_check_text(st, "floor name", floor))) return ret;
    if ((ret = store_check_aliases(st, "area", name, aliases_json))) return ret;
    /* An area may name a floor before the floor itself is put: create it at level 0, so the
     * foreign key holds and a later hub_store_floor_put sets its level. */
    if ((ret = store_begin(st))) return ret;
    sqlite3_stmt *s;
    if (floor) {
        if (!(s = store_stmt(st, SQL_AREA_FLOOR_ENSURE)))
            ret = HUB_ERR_IO;
        else if ((ret = store_bind_text(st, s, 1, floor)))
            store_stmt_done(s);
        else
            ret = store_step_done(st, s);
    }
    if (!ret) {
        if (!(s = store_stmt(st, SQL_AREA_PUT)))
            ret = HUB_ERR_IO;
        else if ((ret = store_bind_text(st, s, 1, name)) ||
                 (ret = store_bind_text(st, s, 2, floor)) ||
                 (ret = store_bind_text(st, s, 3, aliases_json ? aliases_json : "[]")))
            store_stmt_done(s);
        else
            ret = store_step_done(st, s);
    }
    if (ret) {
        store_rollback(st);
        return ret;
    }
    return store_commit(st);
}

static int store_row_area(sqlite3_stmt *s, void *ctx)
{
    struct store_cb *c = ctx;
    int (*cb)(void *, const char *, const char *, const char *) = c->fn;
    return cb(c->ud, col_text(s, 0), col_text(s, 1), col_text(s, 2));
}

int hub_store_area_foreach(struct hub_store *st,
                           int (*cb)(void *ud, const char *name, const char *floor,
                                     const char *aliases_json),
                           void *ud)
{
    if (!st || !cb) return HUB_ERR_INVALID;
    sqlite3_stmt *s = store_stmt(st, SQL_AREA_ALL);
    if (!s) return HUB_ERR_IO;
    struct store_cb c = {(void *)cb, ud};
    return store_select(st, s, store_row_area, &c);
}

int hub_store_floor_put(struct hub_store *st, const char *name, int level,
                        const char *aliases_json)
{
    if (!st) return HUB_ERR_INVALID;
    int ret = store_check_text(st, "floor name", name);
    if (ret || (ret = store_check_aliases(st, "floor", name, aliases_json))) return ret;
    sqlite3_stmt *s = store_stmt(st, SQL_FLOOR_PUT);
    if (!s) return HUB_ERR_IO;
    if ((ret = store_bind_text(st, s, 1, name)) || (ret = store_bind_i64(st, s, 2, level)) ||
        (ret = store_bind_text(st, s, 3, aliases_json ? aliases_json : "[]"))) {
        store_stmt_done(s);
        return ret;
    }
    return store_step_done(st, s);
}

static int store_row_floor(sqlite3_stmt *s, void *ctx)
{
    struct store_cb *c = ctx;
    int (*cb)(void *, const char *, int, const char *) = c->fn;
    return cb(c->ud, col_text(s, 0), sqlite3_column_int(s, 1), col_text(s, 2));
}

int hub_store_floor_foreach(struct hub_store *st,
                            int (*cb)(void *ud, const char *name, int level,
                                      const char *aliases_json),
                            void *ud)
{
    if (!st || !cb) return HUB_ERR_INVALID;
    sqlite3_stmt *s = store_stmt(st, SQL_FLOOR_ALL);
    if (!s) return HUB_ERR_IO;
    struct store_cb c = {(void *)cb, ud};
    return store_select(st, s, store_row_floor, &c);
}

/* ---- state -------------------------------------------------------------------------------- */

int hub_store_state_put(struct hub_store *st, const char *entity_id, const char *state,
                        const char *attributes_json, int64_t last_changed_ms,
                        int64_t last_updated_ms)
{
    if (!st) return HUB_ERR_INVALID;
    int ret;
    if ((ret = store_check_text(st, "entity_id", entity_id)) ||
        (ret = store_check_text(st, "state", state)) ||
        (ret = store_check_json(st, "attributes_json", attributes_json, true, true, NULL)))
        return ret;
    sqlite3_stmt *s = store_stmt(st, SQL_STATE_PUT);
    if (!s) return HUB_ERR_IO;
    if ((ret = store_bind_text(st, s, 1, entity_id)) || (ret = store_bind_text(st, s, 2, state)) ||
        (ret = store_bind_text(st, s, 3, attributes_json ? attributes_json : "{}")) ||
        (ret = store_bind_i64(st, s, 4, last_changed_ms)) ||
        (ret = store_bind_i64(st, s, 5, last_updated_ms))) {
        store_stmt_done(s);
        return ret;
    }
    int rc = sqlite3_step(s);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        store_stmt_done(s);
        store_fail(st, "state for unknown entity \"%s\" (put the entity first)", entity_id);
        return HUB_ERR_NOT_FOUND;
    }
    if (rc != SQLITE_DONE) {
        store_fail(st, "\"%s\" failed: %s", sqlite3_sql(s), sqlite3_errmsg(st->db));
        store_stmt_done(s);
        return store_status(rc);
    }
    store_stmt_done(s);
    return HUB_OK;
}

static int store_row_state(sqlite3_stmt *s, void *ctx)
{
    struct store_cb *c = ctx;
    int (*cb)(void *, const char *, const char *, const char *, int64_t, int64_t) = c->fn;
    return cb(c->ud, col_text(s, 0), col_text(s, 1), col_text(s, 2), sqlite3_column_int64(s, 3),
              sqlite3_column_int64(s, 4));
}

int hub_store_state_foreach(struct hub_store *st,
                            int (*cb)(void *ud, const char *entity_id, const char *state,
                                      const char *attributes_json, int64_t last_changed_ms,
                                      int64_t last_updated_ms),
                            void *ud)
{
    if (!st || !cb) return HUB_ERR_INVALID;
    sqlite3_stmt *s = store_stmt(st, SQL_STATE_ALL);
    if (!s) return HUB_ERR_IO;
    struct store_cb c = {(void *)cb, ud};
    return store_select(st, s, store_row_state, &c);
}

/* ---- history ------------------------------------------------------------------------------ */

int hub_store_history_append(struct hub_store *st, const char *entity_id, const char *state,
                             const char *attributes_json, int64_t ts_ms)
{
    if (!st) return HUB_ERR_INVALID;
    int ret;
    if ((ret = store_check_text(st, "entity_id", entity_id)) ||
        (ret = store_check_text(st, "state", state)) ||
        (ret = store_check_json(st, "attributes_json", attributes_json, true, true, NULL)))
        return ret;
    if (st->hist_len - st->hist_in_tx >= st->batch_limit) {
        /* Full batch: write it now. If that fails the row is still queued, up to a hard cap
         * that keeps a dead disk from eating all memory. */
        if (hub_store_history_flush(st) != HUB_OK && st->hist_len >= STORE_HISTORY_HARD_CAP) {
            store_fail(st, "history queue full (%d rows unwritten): %s", st->hist_len,
                       st->last_error);
            return HUB_ERR_BUSY;
        }
    }
    if (st->hist_len == st->hist_cap) {
        int cap = st->hist_cap ? st->hist_cap * 2 : 256;
        struct store_hist_row *n = realloc(st->hist, (size_t)cap * sizeof *n);
        if (!n) {
            store_fail(st, "out of memory queueing history");
            return HUB_ERR_NOMEM;
        }
        st->hist = n;
        st->hist_cap = cap;
    }
    if (!attributes_json) attributes_json = "{}";
    size_t l1 = strlen(entity_id) + 1, l2 = strlen(state) + 1, l3 = strlen(attributes_json) + 1;
    char *buf = malloc(l1 + l2 + l3);
    if (!buf) {
        store_fail(st, "out of memory queueing history");
        return HUB_ERR_NOMEM;
    }
    struct store_hist_row *r = &st->hist[st->hist_len++];
    r->entity_id = memcpy(buf, entity_id, l1);
    r->state = memcpy(buf + l1, state, l2);
    r->attributes = memcpy(buf + l1 + l2, attributes_json, l3);
    r->ts_ms = ts_ms;
    return HUB_OK;
}

/* Rows not yet written (rows written inside an open caller transaction do not count). */
int hub_store_history_pending(const struct hub_store *st)
{
    return st ? st->hist_len - st->hist_in_tx : 0;
}

int hub_store_history_batch_limit(const struct hub_store *st)
{
    return st ? st->batch_limit : 0;
}

int hub_store_history_set_batch_limit(struct hub_store *st, int rows)
{
    if (!st || rows < 1 || rows > STORE_HISTORY_HARD_CAP) return HUB_ERR_RANGE;
    st->batch_limit = rows;
    return HUB_OK;
}

int hub_store_history_flush(struct hub_store *st)
{
    if (!st) return HUB_ERR_INVALID;
    /* Inside a caller's transaction that SQLite already rolled back (I/O error): the rows
     * written in it are gone from the file, so they are written again. */
    if (st->in_tx && sqlite3_get_autocommit(st->db)) st->hist_in_tx = 0;
    bool deferred = st->in_tx && !sqlite3_get_autocommit(st->db);
    if (st->hist_len == st->hist_in_tx) return HUB_OK;
    sqlite3_stmt *s = store_stmt(st, SQL_HISTORY_INSERT);
    if (!s) return HUB_ERR_IO;
    int ret = store_begin(st);
    if (ret) return ret;
    for (int i = st->hist_in_tx; i < st->hist_len && !ret; i++) {
        struct store_hist_row *r = &st->hist[i];
        if ((ret = store_bind_text(st, s, 1, r->entity_id)) ||
            (ret = store_bind_text(st, s, 2, r->state)) ||
            (ret = store_bind_text(st, s, 3, r->attributes)) ||
            (ret = store_bind_i64(st, s, 4, r->ts_ms)))
            store_stmt_done(s);
        else
            ret = store_step_done(st, s);
    }
    if (ret) {
        store_rollback(st); /* rows stay queued for the next flush */
        return ret;
    }
    if ((ret = store_commit(st))) return ret;
    if (deferred) {
        st->hist_in_tx = st->hist_len; /* freed when the caller commits */
        return HUB_OK;
    }
    for (int i = 0; i < st->hist_len; i++)
        free(st->hist[i].entity_id);
    st->hist_len = 0;
    return HUB_OK;
}

int64_t hub_store_history_prune(struct hub_store *st, int64_t cutoff_ms)
{
    if (!st) return HUB_ERR_INVALID;
    sqlite3_stmt *s = store_stmt(st, SQL_HISTORY_PRUNE);
    if (!s) return HUB_ERR_IO;
    int64_t total = 0;
    for (;;) {
        int ret;
        if ((ret = store_bind_i64(st, s, 1, cutoff_ms)) ||
            (ret = store_bind_i64(st, s, 2, STORE_PRUNE_CHUNK))) {
            store_stmt_done(s);
            return ret;
        }
        if ((ret = store_step_done(st, s))) return ret;
        int n = sqlite3_changes(st->db);
        total += n;
        if (n < STORE_PRUNE_CHUNK) break;
    }
    return total;
}

static int store_row_history(sqlite3_stmt *s, void *ctx)
{
    struct store_cb *c = ctx;
    int (*cb)(void *, int64_t, const char *, const char *) = c->fn;
    return cb(c->ud, sqlite3_column_int64(s, 0), col_text(s, 1), col_text(s, 2));
}

int hub_store_history_query(
    struct hub_store *st, const char *entity_id, int64_t start_ms, int64_t end_ms, int limit,
    int (*cb)(void *ud, int64_t ts_ms, const char *state, const char *attributes_json), void *ud)
{
    if (!st || !cb) return HUB_ERR_INVALID;
    int ret = store_check_text(st, "entity_id", entity_id);
    if (ret) return ret;
    if (limit < 0) {
        store_fail(st, "history query limit %d is negative", limit);
        return HUB_ERR_RANGE;
    }
    /* Queued rows are part of the history the caller asks about. */
    if (hub_store_history_pending(st) && (ret = hub_store_history_flush(st))) return ret;
    sqlite3_stmt *s = store_stmt(st, SQL_HISTORY_QUERY);
    if (!s) return HUB_ERR_IO;
    if ((ret = store_bind_text(st, s, 1, entity_id)) ||
        (ret = store_bind_i64(st, s, 2, start_ms)) || (ret = store_bind_i64(st, s, 3, end_ms)) ||
        (ret = store_bind_i64(st, s, 4, limit ? limit : -1))) {
        store_stmt_done(s);
        return ret;
    }
    struct store_cb c = {(void *)cb, ud};
    return store_select(st, s, store_row_history, &c);
}

/* ---- settings ----------------------------------------------------------------------------- */

int hub_store_setting_put(struct hub_store *st, const char *key, const char *value)
{
    if (!st) return HUB_ERR_INVALID;
    int ret = store_check_text(st, "setting key", key);
    if (ret) return ret;
    if (!value) {
        store_fail(st, "setting \"%s\": value is NULL", key);
        return HUB_ERR_INVALID;
    }
    size_t n = strnlen(value, HUB_STORE_MAX_JSON + 1);
    if (n > HUB_STORE_MAX_JSON) {
        store_fail(st, "setting \"%s\": value longer than %d bytes", key, HUB_STORE_MAX_JSON);
        return HUB_ERR_RANGE;
    }
    if (!store_utf8_ok((const unsigned char *)value, n)) {
        store_fail(st, "setting \"%s\": value is not valid UTF-8", key);
        return HUB_ERR_INVALID;
    }
    sqlite3_stmt *s = store_stmt(st, SQL_SETTING_PUT);
    if (!s) return HUB_ERR_IO;
    if ((ret = store_bind_text(st, s, 1, key)) || (ret = store_bind_text(st, s, 2, value))) {
        store_stmt_done(s);
        return ret;
    }
    return store_step_done(st, s);
}

char *hub_store_setting_get(struct hub_store *st, const char *key)
{
    if (!st || store_check_text(st, "setting key", key) != HUB_OK) return NULL;
    sqlite3_stmt *s = store_stmt(st, SQL_SETTING_GET);
    if (!s) return NULL;
    if (store_bind_text(st, s, 1, key) != HUB_OK) {
        store_stmt_done(s);
        return NULL;
    }
    char *out = NULL;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        const char *v = col_text(s, 0);
        if (!(out = strdup(v ? v : ""))) store_fail(st, "out of memory reading setting %s", key);
    } else if (rc != SQLITE_DONE) {
        store_fail(st, "\"%s\" failed: %s", sqlite3_sql(s), sqlite3_errmsg(st->db));
    }
    store_stmt_done(s);
    return out;
}

/* ---- access tokens -------------------------------------------------------------------------- */

/* A token hash as store.h promises it: 64 lowercase hex digits (SHA-256), nothing else. */
static int store_check_hash(struct hub_store *st, const char *hash_hex)
{
    size_t n = 0;
    if (hash_hex)
        for (; n < 65 && hash_hex[n]; n++)
            if (!((hash_hex[n] >= '0' && hash_hex[n] <= '9') ||
                  (hash_hex[n] >= 'a' && hash_hex[n] <= 'f')))
                break;
    if (!hash_hex || n != 64 || hash_hex[64] != '\0') {
        store_fail(st, "token hash must be 64 lowercase hex digits (a SHA-256)");
        return HUB_ERR_INVALID;
    }
    return HUB_OK;
}

int hub_store_token_add(struct hub_store *st, const char *name, const char *hash_hex,
                        int64_t created_ms)
{
    if (!st) return HUB_ERR_INVALID;
    int ret = store_check_text(st, "token name", name);
    if (ret || (ret = store_check_hash(st, hash_hex))) return ret;
    sqlite3_stmt *s = store_stmt(st, SQL_TOKEN_ADD);
    if (!s) return HUB_ERR_IO;
    if ((ret = store_bind_text(st, s, 1, name)) || (ret = store_bind_text(st, s, 2, hash_hex)) ||
        (ret = store_bind_i64(st, s, 3, created_ms))) {
        store_stmt_done(s);
        return ret;
    }
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) ret = HUB_OK;
    else if ((rc & 0xff) == SQLITE_CONSTRAINT) {
        store_fail(st, "a token named \"%s\" or with that hash already exists", name);
        ret = HUB_ERR_EXISTS;
    } else {
        store_fail(st, "\"%s\" failed: %s", sqlite3_sql(s), sqlite3_errmsg(st->db));
        ret = store_status(rc);
    }
    store_stmt_done(s);
    return ret;
}

static int store_row_token_name(sqlite3_stmt *s, void *ctx)
{
    char **out = ctx;
    const char *v = col_text(s, 0);
    *out = strdup(v ? v : "");
    return *out ? 1 : HUB_ERR_NOMEM;
}

int hub_store_token_find(struct hub_store *st, const char *hash_hex, char **name_out,
                         int64_t now_ms)
{
    if (!st) return HUB_ERR_INVALID;
    int ret = store_check_hash(st, hash_hex);
    if (ret) return ret;
    sqlite3_stmt *s = store_stmt(st, SQL_TOKEN_FIND);
    if (!s) return HUB_ERR_IO;
    if ((ret = store_bind_text(st, s, 1, hash_hex))) {
        store_stmt_done(s);
        return ret;
    }
    char *name = NULL;
    ret = store_select(st, s, store_row_token_name, &name);
    if (ret < 0) return ret;
    if (!name) return HUB_ERR_NOT_FOUND;
    if (now_ms > 0 && (s = store_stmt(st, SQL_TOKEN_USED)) != NULL) {
        /* Best effort: a token that works is not refused because its "last used" was not saved. */
        if (store_bind_text(st, s, 1, name) == HUB_OK && store_bind_i64(st, s, 2, now_ms) == HUB_OK)
            store_step_done(st, s);
        else
            store_stmt_done(s);
    }
    if (name_out) *name_out = name;
    else free(name);
    return HUB_OK;
}

static int store_row_token(sqlite3_stmt *s, void *ctx)
{
    struct store_cb *c = ctx;
    int (*cb)(void *, const char *, int64_t, int64_t) = c->fn;
    int64_t used = sqlite3_column_type(s, 2) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 2);
    return cb(c->ud, col_text(s, 0), sqlite3_column_int64(s, 1), used);
}

int hub_store_token_foreach(struct hub_store *st,
                            int (*cb)(void *ud, const char *name, int64_t created_ms,
                                      int64_t last_used_ms),
                            void *ud)
{
    if (!st || !cb) return HUB_ERR_INVALID;
    sqlite3_stmt *s = store_stmt(st, SQL_TOKEN_ALL);
    if (!s) return HUB_ERR_IO;
    struct store_cb c = {(void *)cb, ud};
    return store_select(st, s, store_row_token, &c);
}

int hub_store_token_delete(struct hub_store *st, const char *name)
{
    if (!st) return HUB_ERR_INVALID;
    int ret = store_check_text(st, "token name", name);
    if (ret) return ret;
    sqlite3_stmt *s = store_stmt(st, SQL_TOKEN_DELETE);
    if (!s) return HUB_ERR_IO;
    if ((ret = store_bind_text(st, s, 1, name)) || (ret = store_step_done(st, s))) {
        store_stmt_done(s);
        return ret;
    }
    if (sqlite3_changes(st->db) == 0) {
        store_fail(st, "no token named \"%s\"", name);
        return HUB_ERR_NOT_FOUND;
    }
    return HUB_OK;
}

/* ---- integrity ---------------------------------------------------------------------------- */

int hub_store_check(struct hub_store *st, char *err, size_t errlen)
{
    char dummy[8];
    if (!err || errlen == 0) {
        err = dummy;
        errlen = sizeof dummy;
    }
    err[0] = '\0';
    if (!st) {
        snprintf(err, errlen, "no store");
        return HUB_ERR_INVALID;
    }
    sqlite3_stmt *s = store_stmt(st, SQL_INTEGRITY);
    if (!s) {
        snprintf(err, errlen, "%s", st->last_error);
        return HUB_ERR_IO;
    }
    int rc, ret = HUB_OK;
    int n0 = snprintf(err, errlen, "%s: integrity_check: ", st->path);
    size_t used = n0 > 0 && (size_t)n0 < errlen ? (size_t)n0 : 0, start = used;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *line = col_text(s, 0);
        if (line && strcmp(line, "ok") == 0) continue;
        ret = HUB_ERR_IO;
        if (used + 1 < errlen) {
            int n = snprintf(err + used, errlen - used, "%s%s", used > start ? "; " : "",
                             line ? line : "(null)");
            if (n > 0) used += (size_t)n;
            if (used >= errlen) used = errlen - 1;
        }
    }
    if (rc != SQLITE_DONE) {
        snprintf(err, errlen, "%s: integrity_check failed: %s", st->path, sqlite3_errmsg(st->db));
        ret = store_status(rc);
        if (ret == HUB_OK) ret = HUB_ERR_IO;
    }
    store_stmt_done(s);
    if (ret == HUB_OK)
        err[0] = '\0';
    else
        hub_error(STORE_TAG, "%s", err);
    return ret;
}

/* The connection itself, for modules that keep their own tables (created by a migration
 * above) and prepare their own statements: the rules engine. State thread only. */
sqlite3 *hub_store_sqlite(struct hub_store *st)
{
    return st ? st->db : NULL;
}

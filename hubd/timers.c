/*
 * timers.c: timers and delayed commands kept in SQLite (see timers.h). Every change is written
 * through before it is acted on, so the table is the truth after a crash; a fired timer is
 * deleted before its callback runs, so it never fires twice.
 */
#include "hubd/timers.h"

#include "hub_log.h"
#include "hub_status.h"
#include "hubd/state.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAG "timers"

struct hub_timers {
    uv_loop_t *loop;
    sqlite3 *db;
    uv_timer_t uv;
    bool uv_open;
    hub_timer_fire_fn fire;
    void *ud;
    struct hub_timer *v[HUB_TIMERS_MAX];
    size_t n;
    int64_t next_id;
};

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void timer_free(struct hub_timer *tm)
{
    if (!tm) return;
    free(tm->name);
    free(tm->area);
    free(tm->lang);
    free(tm->command);
    free(tm);
}

static int timers_exec(struct hub_timers *t, const char *sql, const struct hub_timer *tm)
{
    if (!t->db) return HUB_OK;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(t->db, sql, -1, &st, NULL) != SQLITE_OK) {
        hub_error(TAG, "prepare: %s", sqlite3_errmsg(t->db));
        return HUB_ERR_IO;
    }
    int np = sqlite3_bind_parameter_count(st);
    sqlite3_bind_int64(st, 1, tm->id);
    if (np > 1) {
        sqlite3_bind_text(st, 2, tm->name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, tm->area, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, tm->lang, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 5, tm->total_ms);
        sqlite3_bind_int64(st, 6, tm->deadline_ms);
        sqlite3_bind_int64(st, 7, tm->remaining_ms);
        sqlite3_bind_int(st, 8, tm->paused);
        sqlite3_bind_text(st, 9, tm->command, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 10, tm->started_total_ms);
    }
    int rc = sqlite3_step(st) == SQLITE_DONE ? HUB_OK : HUB_ERR_IO;
    if (rc) hub_error(TAG, "timer %lld: %s", (long long)tm->id, sqlite3_errmsg(t->db));
    sqlite3_finalize(st);
    return rc;
}

/* created holds the duration the timer was started with (it is never read as a date). */
static int timers_save(struct hub_timers *t, const struct hub_timer *tm)
{
    return timers_exec(t, "INSERT OR REPLACE INTO timers (id, name, area, lang, total_ms, deadline,"
                          " remaining_ms, paused, command, created) VALUES (?1, ?2, ?3, ?4, ?5,"
                          " ?6, ?7, ?8, ?9, ?10)", tm);
}

static int timers_delete_row(struct hub_timers *t, const struct hub_timer *tm)
{
    return timers_exec(t, "DELETE FROM timers WHERE id = ?1", tm);
}

int64_t hub_timers_remaining(const struct hub_timer *tm)
{
    if (tm->paused) return tm->remaining_ms;
    int64_t r = tm->deadline_ms - hub_now_ms();
    return r > 0 ? r : 0;
}

static void timers_arm(struct hub_timers *t);

static void timers_take(struct hub_timers *t, size_t i)
{
    memmove(&t->v[i], &t->v[i + 1], (t->n - i - 1) * sizeof t->v[0]);
    t->n--;
}

static void timers_cb(uv_timer_t *u)
{
    struct hub_timers *t = u->data;
    int64_t now = hub_now_ms();
    for (size_t i = 0; i < t->n;) {
        struct hub_timer *tm = t->v[i];
        if (tm->paused || tm->deadline_ms > now) {
            i++;
            continue;
        }
        /* Out of the table first: a crash in the callback must not make it fire again. */
        timers_delete_row(t, tm);
        timers_take(t, i);
        hub_info(TAG, "timer %lld%s%s finished", (long long)tm->id, tm->name ? " " : "",
                 tm->name ? tm->name : "");
        if (t->fire) t->fire(t->ud, tm);
        timer_free(tm);
    }
    timers_arm(t);
}

static void timers_arm(struct hub_timers *t)
{
    if (!t->uv_open) return;
    int64_t next = INT64_MAX, now = hub_now_ms();
    for (size_t i = 0; i < t->n; i++)
        if (!t->v[i]->paused && t->v[i]->deadline_ms < next) next = t->v[i]->deadline_ms;
    if (next == INT64_MAX) {
        uv_timer_stop(&t->uv);
        return;
    }
    int64_t wait = next - now;
    uv_timer_start(&t->uv, timers_cb, wait > 0 ? (uint64_t)wait : 0, 0);
}

struct hub_timers *hub_timers_new(uv_loop_t *loop, sqlite3 *db, hub_timer_fire_fn fire, void *ud,
                                  char *err, size_t errlen)
{
    struct hub_timers *t = calloc(1, sizeof *t);
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    t->loop = loop;
    t->db = db;
    t->fire = fire;
    t->ud = ud;
    t->next_id = 1;
    if (db) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, "SELECT id, name, area, lang, total_ms, deadline, remaining_ms,"
                                   " paused, command, created FROM timers ORDER BY id",
                               -1, &st, NULL) != SQLITE_OK) {
            snprintf(err, errlen, "timers table: %s", sqlite3_errmsg(db));
            free(t);
            return NULL;
        }
        while (sqlite3_step(st) == SQLITE_ROW && t->n < HUB_TIMERS_MAX) {
            struct hub_timer *tm = calloc(1, sizeof *tm);
            if (!tm) break;
            tm->id = sqlite3_column_int64(st, 0);
            tm->name = dup_or_null((const char *)sqlite3_column_text(st, 1));
            tm->area = dup_or_null((const char *)sqlite3_column_text(st, 2));
            tm->lang = dup_or_null((const char *)sqlite3_column_text(st, 3));
            tm->total_ms = sqlite3_column_int64(st, 4);
            tm->deadline_ms = sqlite3_column_int64(st, 5);
            tm->remaining_ms = sqlite3_column_int64(st, 6);
            tm->paused = sqlite3_column_int(st, 7) != 0;
            tm->command = dup_or_null((const char *)sqlite3_column_text(st, 8));
            tm->started_total_ms = sqlite3_column_int64(st, 9);
            if (!tm->lang) tm->lang = strdup("en");
            t->v[t->n++] = tm;
            if (tm->id >= t->next_id) t->next_id = tm->id + 1;
        }
        sqlite3_finalize(st);
        if (t->n) hub_info(TAG, "%zu timers restored", t->n);
    }
    if (uv_timer_init(loop, &t->uv) != 0) {
        snprintf(err, errlen, "uv_timer_init failed");
        hub_timers_free(t);
        return NULL;
    }
    t->uv.data = t;
    t->uv_open = true;
    timers_arm(t);
    return t;
}

void hub_timers_stop(struct hub_timers *t)
{
    if (!t || !t->uv_open) return;
    uv_timer_stop(&t->uv);
    uv_close((uv_handle_t *)&t->uv, NULL);
    t->uv_open = false;
}

void hub_timers_free(struct hub_timers *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->n; i++) timer_free(t->v[i]);
    free(t);
}

int hub_timers_add(struct hub_timers *t, const char *name, const char *area, const char *lang,
                   int64_t total_ms, const char *command_json, const struct hub_timer **out)
{
    if (total_ms < 1000 || total_ms > HUB_TIMER_MAX_MS) return HUB_ERR_RANGE;
    if (t->n >= HUB_TIMERS_MAX) return HUB_ERR_BUSY;
    struct hub_timer *tm = calloc(1, sizeof *tm);
    if (!tm) return HUB_ERR_NOMEM;
    tm->id = t->next_id++;
    tm->name = dup_or_null(name && *name ? name : NULL);
    tm->area = dup_or_null(area);
    tm->lang = strdup(lang ? lang : "en");
    tm->total_ms = tm->started_total_ms = total_ms;
    tm->deadline_ms = hub_now_ms() + total_ms;
    tm->remaining_ms = total_ms;
    tm->command = dup_or_null(command_json);
    int rc = timers_save(t, tm);
    if (rc) {
        timer_free(tm);
        return rc;
    }
    t->v[t->n++] = tm;
    if (out) *out = tm;
    timers_arm(t);
    return HUB_OK;
}

static struct hub_timer *timers_find(const struct hub_timers *t, int64_t id, size_t *idx)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i]->id == id) {
            if (idx) *idx = i;
            return t->v[i];
        }
    return NULL;
}

int hub_timers_cancel(struct hub_timers *t, int64_t id)
{
    size_t i;
    struct hub_timer *tm = timers_find(t, id, &i);
    if (!tm) return HUB_ERR_NOT_FOUND;
    int rc = timers_delete_row(t, tm);
    if (rc) return rc;
    timers_take(t, i);
    timer_free(tm);
    timers_arm(t);
    return HUB_OK;
}

int hub_timers_pause(struct hub_timers *t, int64_t id)
{
    struct hub_timer *tm = timers_find(t, id, NULL);
    if (!tm) return HUB_ERR_NOT_FOUND;
    if (tm->paused) return HUB_OK;
    tm->remaining_ms = hub_timers_remaining(tm);
    tm->paused = true;
    int rc = timers_save(t, tm);
    timers_arm(t);
    return rc;
}

int hub_timers_unpause(struct hub_timers *t, int64_t id)
{
    struct hub_timer *tm = timers_find(t, id, NULL);
    if (!tm) return HUB_ERR_NOT_FOUND;
    if (!tm->paused) return HUB_OK;
    tm->deadline_ms = hub_now_ms() + tm->remaining_ms;
    tm->paused = false;
    int rc = timers_save(t, tm);
    timers_arm(t);
    return rc;
}

int hub_timers_adjust(struct hub_timers *t, int64_t id, int64_t delta_ms)
{
    struct hub_timer *tm = timers_find(t, id, NULL);
    if (!tm) return HUB_ERR_NOT_FOUND;
    if (delta_ms > HUB_TIMER_MAX_MS || delta_ms < -HUB_TIMER_MAX_MS) return HUB_ERR_RANGE;
    int64_t rem = hub_timers_remaining(tm) + delta_ms;
    if (rem > HUB_TIMER_MAX_MS) return HUB_ERR_RANGE;
    if (rem < 0) rem = 0;
    tm->total_ms += delta_ms;
    if (tm->paused)
        tm->remaining_ms = rem;
    else
        tm->deadline_ms = hub_now_ms() + rem;
    int rc = timers_save(t, tm);
    timers_arm(t);
    return rc;
}

size_t hub_timers_count(const struct hub_timers *t)
{
    return t->n;
}

const struct hub_timer *hub_timers_at(const struct hub_timers *t, size_t i)
{
    return i < t->n ? t->v[i] : NULL;
}

const struct hub_timer *hub_timers_get(const struct hub_timers *t, int64_t id)
{
    return timers_find(t, id, NULL);
}

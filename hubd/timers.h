/*
 * timers.h: the hub's timers and delayed commands (HassStartTimer and friends). Each timer is a
 * row of the store's timers table (migration 5) holding its deadline in wall-clock ms, so a
 * timer that was running when hubd stopped fires once after the restart: on time when its
 * deadline is still ahead, at once when it passed while the hub was down. One uv timer is armed
 * for the earliest deadline. State thread only.
 */
#ifndef HUB_TIMERS_H
#define HUB_TIMERS_H

#include <stdbool.h>
#include <stdint.h>
#include <uv.h>

struct hub_timers;
struct sqlite3;

#define HUB_TIMERS_MAX 100
#define HUB_TIMER_MAX_MS (24LL * 3600 * 1000) /* one day */

struct hub_timer {
    int64_t id;
    char *name;    /* or NULL */
    char *area;    /* or NULL */
    char *lang;
    int64_t total_ms;     /* as started (adjusted by increase/decrease) */
    int64_t deadline_ms;  /* wall clock; meaningless while paused */
    int64_t remaining_ms; /* while paused */
    bool paused;
    char *command; /* JSON {"text","intent"} of a delayed command, or NULL */
    int64_t started_total_ms; /* the duration it was started with (picks it by duration) */
};

/* Called when a timer ends (after it left the table). */
typedef void (*hub_timer_fire_fn)(void *ud, const struct hub_timer *t);

/* Load the timers of db (NULL db: kept in memory only). */
struct hub_timers *hub_timers_new(uv_loop_t *loop, struct sqlite3 *db, hub_timer_fire_fn fire,
                                  void *ud, char *err, size_t errlen);
void hub_timers_stop(struct hub_timers *t); /* close the uv handle */
void hub_timers_free(struct hub_timers *t);

/* New timer; HUB_ERR_BUSY when HUB_TIMERS_MAX run, HUB_ERR_RANGE for a duration outside
 * 1 s .. HUB_TIMER_MAX_MS. *out (may be NULL) points at the stored timer. */
int hub_timers_add(struct hub_timers *t, const char *name, const char *area, const char *lang,
                   int64_t total_ms, const char *command_json, const struct hub_timer **out);
int hub_timers_cancel(struct hub_timers *t, int64_t id);
int hub_timers_pause(struct hub_timers *t, int64_t id);
int hub_timers_unpause(struct hub_timers *t, int64_t id);
/* Add (delta > 0) or take away time; a timer taken to zero or less fires now. */
int hub_timers_adjust(struct hub_timers *t, int64_t id, int64_t delta_ms);
int64_t hub_timers_remaining(const struct hub_timer *tm);

size_t hub_timers_count(const struct hub_timers *t);
const struct hub_timer *hub_timers_at(const struct hub_timers *t, size_t i); /* by start order */
const struct hub_timer *hub_timers_get(const struct hub_timers *t, int64_t id);

#endif

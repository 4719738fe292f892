/*
 * state.c: current entity states, their retained MQTT topics and their history.
 *
 * Only real changes count: the same state and attributes again is not published, not written.
 * History rows go to the store's in-memory batch (hub_store_history_append) and last-known
 * states are written on the flush timer, so a burst of reports costs one transaction, not one
 * per message.
 */
#include "hubd/state.h"

#include "hub_log.h"
#include "hub_status.h"
#include "hubd/map.h"
#include "hubd/registry.h"
#include "hubd/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TAG "state"
#define STATE_MAX_LEN 255
#define STATE_MAX_LISTENERS 8

struct state_entry {
    struct hub_state s;
    char *reported; /* last state the device reported while it is unavailable */
    bool unavailable;
    bool dirty; /* last-known state not yet written to the store */
};

struct hub_states {
    struct hub_store *store;
    struct hub_registry *reg;
    hub_state_publish_fn publish;
    void *publish_ud;
    struct hub_map *map; /* entity id -> struct state_entry */
    char **dirty;        /* ids whose last-known state is not yet in the store */
    size_t n_dirty, cap_dirty;
    struct {
        hub_state_listener_fn fn;
        void *ud;
    } listeners[STATE_MAX_LISTENERS];
    int n_listeners;
    uint64_t changes;
};

int64_t hub_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void entry_free(void *p)
{
    struct state_entry *e = p;
    if (!e) return;
    free(e->s.state);
    json_decref(e->s.attributes);
    free(e->reported);
    free(e);
}

struct hub_states *hub_states_new(struct hub_store *store, struct hub_registry *reg,
                                  hub_state_publish_fn publish, void *publish_ud)
{
    struct hub_states *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    st->store = store;
    st->reg = reg;
    st->publish = publish;
    st->publish_ud = publish_ud;
    if (!(st->map = hub_map_new())) {
        free(st);
        return NULL;
    }
    return st;
}

void hub_states_free(struct hub_states *st)
{
    if (!st) return;
    hub_map_free(st->map, entry_free);
    for (size_t i = 0; i < st->n_dirty; i++) free(st->dirty[i]);
    free(st->dirty);
    free(st);
}

int hub_states_add_listener(struct hub_states *st, hub_state_listener_fn fn, void *ud)
{
    if (st->n_listeners == STATE_MAX_LISTENERS) return HUB_ERR_BUSY;
    st->listeners[st->n_listeners].fn = fn;
    st->listeners[st->n_listeners].ud = ud;
    st->n_listeners++;
    return HUB_OK;
}

static void iso8601(int64_t ms, char *buf, size_t len)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms % 1000));
}

json_t *hub_states_json(const struct hub_states *st, const char *entity_id)
{
    const struct state_entry *e = hub_map_get(st->map, entity_id);
    const struct hub_entity *ent = hub_registry_get(st->reg, entity_id);
    if (!e || !ent) return NULL;
    char lc[64], lu[64];
    iso8601(e->s.last_changed, lc, sizeof lc);
    iso8601(e->s.last_updated, lu, sizeof lu);
    return json_pack("{s:s, s:O, s:s, s:s?, s:s?, s:s, s:s, s:s, s:b}", "state", e->s.state,
                     "attributes", e->s.attributes, "name", ent->name, "area", ent->area, "floor",
                     hub_registry_entity_floor(st->reg, ent), "domain", ent->domain,
                     "last_changed", lc, "last_updated", lu, "available", !e->unavailable);
}

int hub_states_publish_one(struct hub_states *st, const char *entity_id)
{
    if (!st->publish) return HUB_OK;
    json_t *j = hub_states_json(st, entity_id);
    if (!j) return HUB_ERR_NOT_FOUND;
    char *payload = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(10));
    json_decref(j);
    if (!payload) return HUB_ERR_NOMEM;
    char topic[256];
    snprintf(topic, sizeof topic, "hub/state/%s", entity_id);
    int rc = st->publish(st->publish_ud, topic, payload, strlen(payload), 1, true);
    free(payload);
    return rc;
}

static int publish_all_cb(void *ud, const char *key, void *value)
{
    hub_states_publish_one(ud, key);
    return 0;
}

int hub_states_publish_all(struct hub_states *st)
{
    return hub_map_foreach(st->map, publish_all_cb, st);
}

static void mark_dirty(struct hub_states *st, const char *id, struct state_entry *e)
{
    if (e->dirty || !st->store) return;
    if (st->n_dirty == st->cap_dirty) {
        size_t cap = st->cap_dirty ? st->cap_dirty * 2 : 64;
        char **p = realloc(st->dirty, cap * sizeof *p);
        if (!p) return; /* written at the next change instead */
        st->dirty = p;
        st->cap_dirty = cap;
    }
    char *copy = strdup(id);
    if (!copy) return;
    st->dirty[st->n_dirty++] = copy;
    e->dirty = true;
}

/* A real change happened: tell everyone. */
static void changed(struct hub_states *st, const char *id, struct state_entry *e)
{
    st->changes++;
    mark_dirty(st, id, e);
    if (st->store) {
        char *attrs = json_dumps(e->s.attributes, JSON_COMPACT | JSON_REAL_PRECISION(10));
        int rc = hub_store_history_append(st->store, id, e->s.state, attrs, e->s.last_updated);
        if (rc) hub_warn(TAG, "history of %s not recorded: %s", id, hub_strerror(rc));
        free(attrs);
    }
    hub_states_publish_one(st, id);
    for (int i = 0; i < st->n_listeners; i++) st->listeners[i].fn(st->listeners[i].ud, id, &e->s);
}

static bool state_text_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > STATE_MAX_LEN) return false;
    for (; *s; s++)
        if ((unsigned char)*s < 0x20) return false;
    return true;
}

static struct state_entry *get_or_create(struct hub_states *st, const char *id)
{
    struct state_entry *e = hub_map_get(st->map, id);
    if (e) return e;
    e = calloc(1, sizeof *e);
    if (!e || !(e->s.state = strdup("unknown")) || !(e->s.attributes = json_object()) ||
        hub_map_put(st->map, id, e, NULL)) {
        entry_free(e);
        return NULL;
    }
    e->s.last_changed = e->s.last_updated = hub_now_ms();
    return e;
}

int hub_states_update(struct hub_states *st, const char *entity_id, const char *state,
                      const char *attributes_json)
{
    if (!entity_id || !state || !state_text_ok(state)) return HUB_ERR_INVALID;
    if (!hub_registry_get(st->reg, entity_id)) return HUB_ERR_NOT_FOUND;
    json_t *attrs = NULL;
    if (attributes_json) {
        json_error_t jerr;
        attrs = json_loads(attributes_json, JSON_REJECT_DUPLICATES, &jerr);
        if (!json_is_object(attrs)) {
            json_decref(attrs);
            return HUB_ERR_INVALID;
        }
    }
    struct state_entry *e = get_or_create(st, entity_id);
    if (!e) {
        json_decref(attrs);
        return HUB_ERR_NOMEM;
    }
    if (e->unavailable) { /* remember it; shown when the device is back */
        char *copy = strdup(state);
        if (!copy) {
            json_decref(attrs);
            return HUB_ERR_NOMEM;
        }
        free(e->reported);
        e->reported = copy;
        if (attrs) {
            json_decref(e->s.attributes);
            e->s.attributes = attrs;
        }
        return HUB_OK;
    }
    bool state_changed = strcmp(e->s.state, state) != 0;
    bool attrs_changed = attrs && !json_equal(attrs, e->s.attributes);
    if (!state_changed && !attrs_changed) {
        json_decref(attrs);
        return HUB_OK;
    }
    int64_t now = hub_now_ms();
    if (state_changed) {
        char *copy = strdup(state);
        if (!copy) {
            json_decref(attrs);
            return HUB_ERR_NOMEM;
        }
        free(e->s.state);
        e->s.state = copy;
        e->s.last_changed = now;
    }
    if (attrs_changed) {
        json_decref(e->s.attributes);
        e->s.attributes = attrs;
        attrs = NULL;
    }
    json_decref(attrs);
    e->s.last_updated = now;
    changed(st, entity_id, e);
    return HUB_OK;
}

int hub_states_set_available(struct hub_states *st, const char *entity_id, bool available)
{
    if (!hub_registry_get(st->reg, entity_id)) return HUB_ERR_NOT_FOUND;
    int rc = hub_registry_set_available(st->reg, entity_id, available);
    if (rc) return rc;
    struct state_entry *e = get_or_create(st, entity_id);
    if (!e) return HUB_ERR_NOMEM;
    if (e->unavailable == !available) return HUB_OK;
    int64_t now = hub_now_ms();
    if (!available) {
        char *u = strdup("unavailable");
        if (!u) return HUB_ERR_NOMEM;
        free(e->reported);
        e->reported = e->s.state;
        e->s.state = u;
    } else {
        char *back = e->reported ? e->reported : strdup("unknown");
        if (!back) return HUB_ERR_NOMEM;
        free(e->s.state);
        e->s.state = back;
        e->reported = NULL;
    }
    e->unavailable = !available;
    e->s.last_changed = e->s.last_updated = now;
    changed(st, entity_id, e);
    return HUB_OK;
}

void hub_states_remove(struct hub_states *st, const char *entity_id)
{
    entry_free(hub_map_remove(st->map, entity_id));
    if (st->publish) {
        char topic[256];
        snprintf(topic, sizeof topic, "hub/state/%s", entity_id);
        st->publish(st->publish_ud, topic, "", 0, 1, true); /* clears the retained message */
    }
}

const struct hub_state *hub_states_get(const struct hub_states *st, const char *entity_id)
{
    const struct state_entry *e = entity_id ? hub_map_get(st->map, entity_id) : NULL;
    return e ? &e->s : NULL;
}

static int load_cb(void *ud, const char *entity_id, const char *state, const char *attributes_json,
                   int64_t last_changed_ms, int64_t last_updated_ms)
{
    struct hub_states *st = ud;
    if (!hub_registry_get(st->reg, entity_id) || !state || !state_text_ok(state)) return 0;
    json_t *attrs = attributes_json ? json_loads(attributes_json, 0, NULL) : NULL;
    struct state_entry *e = get_or_create(st, entity_id);
    if (!e) {
        json_decref(attrs);
        return HUB_ERR_NOMEM;
    }
    char *copy = strdup(state);
    if (copy) {
        free(e->s.state);
        e->s.state = copy;
    }
    if (json_is_object(attrs)) {
        json_decref(e->s.attributes);
        e->s.attributes = attrs;
    } else {
        json_decref(attrs);
    }
    e->s.last_changed = last_changed_ms;
    e->s.last_updated = last_updated_ms;
    e->unavailable = strcmp(e->s.state, "unavailable") == 0;
    return 0;
}

int hub_states_load(struct hub_states *st)
{
    if (!st->store) return HUB_OK;
    return hub_store_state_foreach(st->store, load_cb, st);
}

int hub_states_flush(struct hub_states *st)
{
    int rc = HUB_OK;
    if (!st->store) return HUB_OK;
    /* One transaction for all dirty states and the history batch: one commit per flush. */
    bool tx = st->n_dirty > 1 && hub_store_tx_begin(st->store) == HUB_OK;
    for (size_t i = 0; i < st->n_dirty; i++) {
        struct state_entry *e = hub_map_get(st->map, st->dirty[i]);
        if (e) {
            char *attrs = json_dumps(e->s.attributes, JSON_COMPACT | JSON_REAL_PRECISION(10));
            int r = hub_store_state_put(st->store, st->dirty[i], e->s.state, attrs,
                                        e->s.last_changed, e->s.last_updated);
            free(attrs);
            if (r && !rc) rc = r;
            e->dirty = false;
        }
        free(st->dirty[i]);
    }
    st->n_dirty = 0;
    int r = hub_store_history_flush(st->store);
    if (r && !rc) rc = r;
    if (tx) {
        r = hub_store_tx_commit(st->store);
        if (r && !rc) rc = r;
    }
    if (rc) hub_error(TAG, "writing states to the database failed: %s", hub_strerror(rc));
    return rc;
}

uint64_t hub_states_changes(const struct hub_states *st) { return st->changes; }

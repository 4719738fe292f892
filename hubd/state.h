/*
 * state.h: the current state of every entity (state string + attributes, last_changed and
 * last_updated in ms since the epoch), published retained on hub/state/<entity_id> on every real
 * change, appended to the store's history (batched), and saved as "last known state".
 */
#ifndef HUB_STATE_H
#define HUB_STATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hub_store;
struct hub_registry;

/* How state reaches MQTT; NULL publish: not published (unit tests without a broker). */
typedef int (*hub_state_publish_fn)(void *ud, const char *topic, const void *payload, size_t len,
                                    int qos, bool retain);

struct hub_state {
    char *state;        /* "on", "21.5", "unavailable" while the device is away */
    json_t *attributes; /* object, never NULL */
    int64_t last_changed, last_updated;
};

/* Listener for other modules (rules, websocket): called after every real change. */
typedef void (*hub_state_listener_fn)(void *ud, const char *entity_id, const struct hub_state *s);

struct hub_states;

struct hub_states *hub_states_new(struct hub_store *store, struct hub_registry *reg,
                                  hub_state_publish_fn publish, void *publish_ud);
void hub_states_free(struct hub_states *st);
int hub_states_add_listener(struct hub_states *st, hub_state_listener_fn fn, void *ud);

/* Last known states from the store (not republished until hub_states_publish_all). */
int hub_states_load(struct hub_states *st);

/* New state of an entity (attributes_json: a JSON object or NULL = keep the attributes).
 * HUB_ERR_NOT_FOUND for an entity the registry does not know, HUB_ERR_INVALID for bad input.
 * Records, publishes and appends history only when something changed. */
int hub_states_update(struct hub_states *st, const char *entity_id, const char *state,
                      const char *attributes_json);
/* Availability: unavailable shows state "unavailable"; available again restores the last
 * reported state. */
int hub_states_set_available(struct hub_states *st, const char *entity_id, bool available);
/* Entity removed: clear its retained topic. */
void hub_states_remove(struct hub_states *st, const char *entity_id);
/* Republish everything (after the registry changed a name or area, or after a reconnect to a
 * broker that lost its retained messages). */
int hub_states_publish_all(struct hub_states *st);
int hub_states_publish_one(struct hub_states *st, const char *entity_id);

const struct hub_state *hub_states_get(const struct hub_states *st, const char *entity_id);
/* The hub/state payload of an entity (new reference) or NULL. */
json_t *hub_states_json(const struct hub_states *st, const char *entity_id);

/* Write dirty last-known states and pending history to the store (call on a timer). */
int hub_states_flush(struct hub_states *st);
uint64_t hub_states_changes(const struct hub_states *st); /* real changes since start */

int64_t hub_now_ms(void);

#endif

/*
 * registry.h: what the hub knows about the house: entities ("domain.object_id" with name,
 * aliases, area, device_class, capabilities, owning plugin), areas and floors.
 *
 * Owned by the state thread. Changes are written through to the store (when there is one), and
 * the whole registry is reloaded from it at start, so a restart keeps names, areas and aliases.
 */
#ifndef HUB_REGISTRY_H
#define HUB_REGISTRY_H

#include <hub/plugin.h>
#include <jansson.h>
#include <stdbool.h>

struct hub_store;

struct hub_entity {
    char *id;           /* "light.desk_lamp" */
    char *domain;       /* "light" */
    char *name;         /* "Desk Lamp" */
    json_t *aliases;    /* array of strings, never NULL */
    char *area;         /* area name, or NULL */
    char *device_class; /* or NULL */
    json_t *capabilities; /* object, never NULL */
    char *unit;         /* or NULL */
    char *plugin;       /* owning plugin, or NULL (from a house file, not yet claimed) */
    bool available;
};

struct hub_area {
    char *name;
    char *floor;     /* or NULL */
    json_t *aliases; /* array of strings, never NULL */
};

struct hub_registry;

/* store may be NULL (nothing persisted). */
struct hub_registry *hub_registry_new(struct hub_store *store);
void hub_registry_free(struct hub_registry *reg);

/* Read floors, areas and entities back from the store. */
int hub_registry_load(struct hub_registry *reg, char *err, size_t errlen);

/* Import floors, areas (with aliases) and entity names/aliases/areas from a house file in the
 * INTENTS.md fixture format. Entities listed there are matched by id, or by name within
 * their domain, when a plugin announces them. */
int hub_registry_load_house(struct hub_registry *reg, const char *path, char *err, size_t errlen);

/* "domain.object_id" with a known domain and [a-z0-9_] object id. */
bool hub_registry_valid_entity_id(const char *entity_id);

/* Create or update an entity announced by `plugin`. Refuses (HUB_ERR_EXISTS) an id owned by
 * another plugin. *changed (may be NULL) tells whether anything visible changed. */
int hub_registry_upsert(struct hub_registry *reg, const char *plugin,
                        const struct hub_entity_desc *desc, bool *changed);
/* Remove; only the owning plugin may (plugin NULL: anyone). */
int hub_registry_remove(struct hub_registry *reg, const char *plugin, const char *entity_id);
int hub_registry_set_available(struct hub_registry *reg, const char *entity_id, bool available);

const struct hub_entity *hub_registry_get(const struct hub_registry *reg, const char *entity_id);
size_t hub_registry_count(const struct hub_registry *reg);
int hub_registry_foreach(const struct hub_registry *reg,
                         int (*cb)(void *ud, const struct hub_entity *e), void *ud);

/* Areas and floors. */
int hub_registry_area_put(struct hub_registry *reg, const char *name, const char *floor,
                          json_t *aliases /* borrowed, may be NULL */);
const struct hub_area *hub_registry_area_get(const struct hub_registry *reg, const char *name);
/* A stored aliases column (the store's aliases_json of an area or floor, or NULL) as a JSON
 * array: [] when absent or not an array. New reference; NULL only when out of memory. */
json_t *hub_registry_aliases(const char *aliases_json);
int hub_registry_floor_put(struct hub_registry *reg, const char *name, int level,
                           json_t *aliases /* borrowed; NULL keeps the floor's own */);
/* The floor of an entity (through its area), or NULL. */
const char *hub_registry_entity_floor(const struct hub_registry *reg, const struct hub_entity *e);
size_t hub_registry_area_count(const struct hub_registry *reg);
size_t hub_registry_floor_count(const struct hub_registry *reg);

/* The entity as a JSON record (the store's record_json and the fixture format's fields):
 * {"name","domain","aliases","area","floor","device_class","capabilities","unit","plugin",
 *  "available"}. New reference. */
json_t *hub_registry_entity_json(const struct hub_registry *reg, const struct hub_entity *e);

#endif

/*
 * map.h: a small string-keyed hash map (chained, FNV-1a) for the registry and state tables,
 * which are looked up on every MQTT message. Keys are copied; values are the caller's.
 */
#ifndef HUB_MAP_H
#define HUB_MAP_H

#include <stddef.h>

struct hub_map;

struct hub_map *hub_map_new(void);
/* Calls free_value on every value (if not NULL), then frees the map. */
void hub_map_free(struct hub_map *m, void (*free_value)(void *));
void *hub_map_get(const struct hub_map *m, const char *key);
/* Insert or replace; the old value (or NULL) is returned through *old if old is not NULL.
 * Returns HUB_OK or HUB_ERR_NOMEM. */
int hub_map_put(struct hub_map *m, const char *key, void *value, void **old);
/* Remove and return the value, or NULL. */
void *hub_map_remove(struct hub_map *m, const char *key);
size_t hub_map_count(const struct hub_map *m);
/* Visit every entry (order unspecified); stop early when cb returns non-zero, and return it.
 * cb must not insert or remove. */
int hub_map_foreach(const struct hub_map *m, int (*cb)(void *ud, const char *key, void *value),
                    void *ud);

#endif

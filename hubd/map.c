/* map.c: string-keyed hash map with separate chaining; grows at a load factor of 1. */
#include "hubd/map.h"

#include "hub_status.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct map_node {
    struct map_node *next;
    uint32_t hash;
    void *value;
    char key[];
};

struct hub_map {
    struct map_node **buckets;
    size_t n_buckets; /* power of two */
    size_t count;
};

static uint32_t map_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

struct hub_map *hub_map_new(void)
{
    struct hub_map *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->n_buckets = 64;
    m->buckets = calloc(m->n_buckets, sizeof *m->buckets);
    if (!m->buckets) {
        free(m);
        return NULL;
    }
    return m;
}

void hub_map_free(struct hub_map *m, void (*free_value)(void *))
{
    if (!m) return;
    for (size_t i = 0; i < m->n_buckets; i++) {
        for (struct map_node *n = m->buckets[i], *next; n; n = next) {
            next = n->next;
            if (free_value && n->value) free_value(n->value);
            free(n);
        }
    }
    free(m->buckets);
    free(m);
}

static struct map_node **map_find(const struct hub_map *m, const char *key, uint32_t h)
{
    struct map_node **pp = &m->buckets[h & (m->n_buckets - 1)];
    for (; *pp; pp = &(*pp)->next)
        if ((*pp)->hash == h && strcmp((*pp)->key, key) == 0) return pp;
    return pp;
}

void *hub_map_get(const struct hub_map *m, const char *key)
{
    struct map_node **pp = map_find(m, key, map_hash(key));
    return *pp ? (*pp)->value : NULL;
}

static void map_grow(struct hub_map *m)
{
    size_t nb = m->n_buckets * 2;
    struct map_node **b = calloc(nb, sizeof *b);
    if (!b) return; /* keep working with longer chains */
    for (size_t i = 0; i < m->n_buckets; i++) {
        for (struct map_node *n = m->buckets[i], *next; n; n = next) {
            next = n->next;
            n->next = b[n->hash & (nb - 1)];
            b[n->hash & (nb - 1)] = n;
        }
    }
    free(m->buckets);
    m->buckets = b;
    m->n_buckets = nb;
}

int hub_map_put(struct hub_map *m, const char *key, void *value, void **old)
{
    uint32_t h = map_hash(key);
    struct map_node **pp = map_find(m, key, h);
    if (*pp) {
        if (old) *old = (*pp)->value;
        (*pp)->value = value;
        return HUB_OK;
    }
    if (old) *old = NULL;
    size_t klen = strlen(key);
    struct map_node *n = malloc(sizeof *n + klen + 1);
    if (!n) return HUB_ERR_NOMEM;
    memcpy(n->key, key, klen + 1);
    n->hash = h;
    n->value = value;
    n->next = NULL;
    *pp = n;
    if (++m->count > m->n_buckets) map_grow(m);
    return HUB_OK;
}

void *hub_map_remove(struct hub_map *m, const char *key)
{
    struct map_node **pp = map_find(m, key, map_hash(key));
    struct map_node *n = *pp;
    if (!n) return NULL;
    *pp = n->next;
    void *v = n->value;
    free(n);
    m->count--;
    return v;
}

size_t hub_map_count(const struct hub_map *m) { return m->count; }

int hub_map_foreach(const struct hub_map *m, int (*cb)(void *ud, const char *key, void *value),
                    void *ud)
{
    for (size_t i = 0; i < m->n_buckets; i++)
        for (struct map_node *n = m->buckets[i]; n; n = n->next) {
            int rc = cb(ud, n->key, n->value);
            if (rc) return rc;
        }
    return 0;
}

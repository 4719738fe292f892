/*
 * plugtest.h: the test host for plugin unit tests. Loads a built plugin with dlopen as hubd
 * does (RTLD_NOW | RTLD_LOCAL, hub_plugin_describe with version negotiation), hands it a
 * hub_host_api table that records every call, and offers checks on what was recorded:
 * entities announced, states reported, messages published, bad input counted.
 */
#ifndef PLUGTEST_H
#define PLUGTEST_H

#include <hub/plugin.h>
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

enum pt_kind { PT_PUBLISH, PT_SUBSCRIBE, PT_UPSERT, PT_REMOVE, PT_STATE, PT_AVAIL, PT_BAD };

struct pt_call {
    enum pt_kind kind;
    char *a, *b, *c; /* publish: topic, payload; subscribe: filter; upsert: id, name, area;
                        state: id, state, attributes; avail: id, "1"/"0"; bad: kind, topic */
    char *d, *e, *f; /* upsert: device_class, capabilities, unit */
    int qos;
    bool retain;
};

/* Load plugins/.libs/NAME.so from $top_builddir (or "."); exits on failure. config is a
 * NULL-terminated list of key, value pairs for config_get. Calls init. */
void pt_load(const char *name, const char *const *config);
void pt_unload(void);
const struct hub_plugin *pt_plugin(void);

/* Deliver a message (payload as a string, or from tests/data/plugins/FILE). */
int pt_msg(const char *topic, const char *payload);
int pt_msg_len(const char *topic, const void *payload, size_t len);
int pt_msg_file(const char *topic, const char *file);
int pt_exec(const char *entity_id, const char *action, const char *args_json);

/* Recorded calls since pt_mark() (or since load). */
void pt_mark(void);
size_t pt_count(enum pt_kind kind);
/* Last upsert of entity id since load, or NULL. */
const struct pt_call *pt_entity(const char *id);
/* Last reported state of id since load (NULL if none) and its attributes. */
const char *pt_state(const char *id);
json_t *pt_attr(const char *id, const char *key); /* borrowed until next pt_* call */
int pt_available(const char *id);                 /* -1 unknown, 0, 1 (last value) */
/* Publishes since mark, in order; n-th (0-based) or NULL. */
const struct pt_call *pt_published(size_t n);
size_t pt_bad(const char *kind); /* bad-input count of kind since load (NULL = all) */
bool pt_removed(const char *id); /* remove_entity(id) since the mark */
bool pt_subscribed(const char *filter);
/* Read tests/data/plugins/FILE into a malloc'd string (exits on failure). */
char *pt_read_data(const char *file, size_t *len);

/* Test checks: print file:line and count failures; pt_done() returns the exit status. */
extern int pt_failures;
#define PT_CHECK(cond)                                                                             \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            pt_failures++;                                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)
#define PT_STR(got, want)                                                                          \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        if (!g_ || !w_ ? g_ != w_ : strcmp(g_, w_) != 0) {                                         \
            pt_failures++;                                                                         \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #got,    \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                       \
        }                                                                                          \
    } while (0)
#define PT_INT(got, want)                                                                          \
    do {                                                                                           \
        long long g_ = (got), w_ = (want);                                                         \
        if (g_ != w_) {                                                                            \
            pt_failures++;                                                                         \
            fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__, #got, g_,    \
                    w_);                                                                           \
        }                                                                                          \
    } while (0)
/* The n-th publish since the mark went to topic with exactly payload. */
#define PT_PUB(n, topic, payload)                                                                  \
    do {                                                                                           \
        const struct pt_call *c_ = pt_published(n);                                                \
        PT_CHECK(c_ != NULL);                                                                      \
        if (c_) {                                                                                  \
            PT_STR(c_->a, topic);                                                                  \
            PT_STR(c_->b, payload);                                                                \
        }                                                                                          \
    } while (0)
/* Attribute key of id is the integer want. */
#define PT_ATTR_INT(id, key, want)                                                                 \
    do {                                                                                           \
        json_t *v_ = pt_attr(id, key);                                                             \
        PT_CHECK(v_ &&json_is_number(v_));                                                         \
        if (v_ && json_is_number(v_)) PT_INT((long long)json_number_value(v_), want);              \
    } while (0)
int pt_done(void);

#include <stdio.h>
#include <string.h>

#endif

/*
 * plugins.c: device plugin loader and host API (the host side of include/hub/plugin.h).
 *
 * Loading follows the ABI's rules: dlopen(RTLD_NOW | RTLD_LOCAL) so unresolved symbols fail
 * here and not at the first message; hub_plugin_describe is offered the ABI versions this host
 * speaks; the descriptor is checked (version, struct_size, name, callbacks) before any of it is
 * called. A refusal is one log line naming the file and the reason, and the hub carries on.
 * Everything a plugin passes to the host API is checked as untrusted input.
 */
#include "hubd/plugins.h"

#include "hub_log.h"
#include "hub_status.h"
#include "hubd/conf.h"
#include "hubd/registry.h"
#include "hubd/state.h"

#include <dirent.h>
#include <dlfcn.h>
#include <hub/plugin.h>
#include <mosquitto.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAG "plugins"
#define PLUGIN_MAX_BAD_KINDS 32
#define PLUGIN_MAX_SUBS 256

static const int host_versions[] = {HUB_PLUGIN_ABI_VERSION};
#define N_HOST_VERSIONS ((int)(sizeof host_versions / sizeof host_versions[0]))
/* The smallest descriptor this host accepts: all of ABI version 1. */
#define PLUGIN_MIN_SIZE (offsetof(struct hub_plugin, shutdown) + sizeof(void (*)(void *)))
#define ENTITY_DESC_MIN_SIZE (offsetof(struct hub_entity_desc, unit) + sizeof(const char *))

struct plugin_rec {
    struct hub_plugins *ps;
    char *path;
    void *dl;
    const struct hub_plugin *p;
    void *state;
    struct hub_host_api api;
    char name[48];
    char **subs;
    size_t n_subs;
    struct {
        char kind[48];
        uint64_t count;
    } bad[PLUGIN_MAX_BAD_KINDS];
    int n_bad;
    /* Entities this plugin created while its init ran: removed again if init fails. */
    bool in_init;
    char **init_ids;
    size_t n_init_ids;
};

struct hub_plugins {
    struct hub_plugins_env env;
    struct plugin_rec **recs;
    size_t n, cap;
};

struct hub_plugins *hub_plugins_new(const struct hub_plugins_env *env)
{
    struct hub_plugins *ps = calloc(1, sizeof *ps);
    if (ps) ps->env = *env;
    return ps;
}

static void rec_free(struct plugin_rec *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n_subs; i++) free(r->subs[i]);
    free(r->subs);
    for (size_t i = 0; i < r->n_init_ids; i++) free(r->init_ids[i]);
    free(r->init_ids);
    if (r->dl) dlclose(r->dl);
    free(r->path);
    free(r);
}

void hub_plugins_free(struct hub_plugins *ps)
{
    if (!ps) return;
    for (size_t i = ps->n; i-- > 0;) {
        struct plugin_rec *r = ps->recs[i];
        if (r->p->shutdown) r->p->shutdown(r->state);
        if (r->n_bad) {
            char line[1024];
            size_t used = 0;
            line[0] = '\0';
            for (int k = 0; k < r->n_bad && used < sizeof line - 64; k++) {
                int n = snprintf(line + used, sizeof line - used, "%s%s %llu", k ? ", " : "",
                                 r->bad[k].kind, (unsigned long long)r->bad[k].count);
                if (n > 0) used += (size_t)n;
            }
            hub_info(TAG, "%s stopped; bad input counted: %s", r->name, line);
        } else {
            hub_info(TAG, "%s stopped", r->name);
        }
        rec_free(r);
    }
    free(ps->recs);
    free(ps);
}

/* ---- host API: every argument is checked; the plugin is someone else's code ---- */

static int host_publish(void *host, const char *topic, const void *payload, size_t len, int qos,
                        bool retain)
{
    struct plugin_rec *r = host;
    if (!topic || (!payload && len) || qos < 0 || qos > 2) return HUB_ERR_INVALID;
    if (mosquitto_pub_topic_check(topic) != MOSQ_ERR_SUCCESS) return HUB_ERR_INVALID;
    if (!r->ps->env.publish) return HUB_OK;
    return r->ps->env.publish(r->ps->env.ud, topic, payload, len, qos, retain);
}

static int host_subscribe(void *host, const char *filter, int qos)
{
    struct plugin_rec *r = host;
    if (!filter || qos < 0 || qos > 2 || mosquitto_sub_topic_check(filter) != MOSQ_ERR_SUCCESS)
        return HUB_ERR_INVALID;
    for (size_t i = 0; i < r->n_subs; i++)
        if (strcmp(r->subs[i], filter) == 0) goto forward;
    if (r->n_subs >= PLUGIN_MAX_SUBS) return HUB_ERR_RANGE;
    char **p = realloc(r->subs, (r->n_subs + 1) * sizeof *p);
    if (!p) return HUB_ERR_NOMEM;
    r->subs = p;
    if (!(r->subs[r->n_subs] = strdup(filter))) return HUB_ERR_NOMEM;
    r->n_subs++;
forward:
    if (!r->ps->env.subscribe) return HUB_OK;
    return r->ps->env.subscribe(r->ps->env.ud, filter, qos);
}

static int host_upsert_entity(void *host, const struct hub_entity_desc *desc)
{
    struct plugin_rec *r = host;
    if (!desc || desc->struct_size < ENTITY_DESC_MIN_SIZE) return HUB_ERR_VERSION;
    struct hub_entity_desc d;
    memset(&d, 0, sizeof d);
    memcpy(&d, desc, desc->struct_size < sizeof d ? desc->struct_size : sizeof d);
    bool changed = false;
    bool is_new = d.entity_id && !hub_registry_get(r->ps->env.reg, d.entity_id);
    int rc = hub_registry_upsert(r->ps->env.reg, r->name, &d, &changed);
    if (rc) return rc;
    if (is_new && r->in_init) {
        char **p = realloc(r->init_ids, (r->n_init_ids + 1) * sizeof *p);
        if (p) r->init_ids = p;
        if (!p || !(r->init_ids[r->n_init_ids] = strdup(d.entity_id))) {
            /* an entity that could not be tracked would outlive a failed init: refuse it */
            hub_registry_remove(r->ps->env.reg, r->name, d.entity_id);
            return HUB_ERR_NOMEM;
        }
        r->n_init_ids++;
    }
    struct hub_states *st = r->ps->env.states;
    if (st) {
        if (!hub_states_get(st, d.entity_id)) rc = hub_states_update(st, d.entity_id, "unknown", NULL);
        else if (changed) hub_states_publish_one(st, d.entity_id);
    }
    return rc;
}

static int host_remove_entity(void *host, const char *entity_id)
{
    struct plugin_rec *r = host;
    if (!entity_id) return HUB_ERR_INVALID;
    int rc = hub_registry_remove(r->ps->env.reg, r->name, entity_id);
    if (rc == HUB_OK && r->ps->env.states) hub_states_remove(r->ps->env.states, entity_id);
    return rc;
}

/* The entity must exist and belong to the calling plugin. */
static int owned(struct plugin_rec *r, const char *entity_id)
{
    const struct hub_entity *e = hub_registry_get(r->ps->env.reg, entity_id);
    if (!e) return HUB_ERR_NOT_FOUND;
    if (!e->plugin || strcmp(e->plugin, r->name) != 0) return HUB_ERR_EXISTS;
    return HUB_OK;
}

static int host_update_state(void *host, const char *entity_id, const char *state,
                             const char *attributes_json)
{
    struct plugin_rec *r = host;
    if (!entity_id || !state) return HUB_ERR_INVALID;
    int rc = owned(r, entity_id);
    if (rc) return rc;
    if (!r->ps->env.states) return HUB_OK;
    return hub_states_update(r->ps->env.states, entity_id, state, attributes_json);
}

static int host_set_available(void *host, const char *entity_id, bool available)
{
    struct plugin_rec *r = host;
    if (!entity_id) return HUB_ERR_INVALID;
    int rc = owned(r, entity_id);
    if (rc) return rc;
    if (!r->ps->env.states) return hub_registry_set_available(r->ps->env.reg, entity_id, available);
    return hub_states_set_available(r->ps->env.states, entity_id, available);
}

static void host_log(void *host, int level, const char *fmt, ...)
{
    struct plugin_rec *r = host;
    if (!fmt) return;
    char tag[64];
    snprintf(tag, sizeof tag, "plugin %s", r->name);
    va_list ap;
    va_start(ap, fmt);
    hub_logv(level < HUB_LOG_ERROR ? HUB_LOG_ERROR : level > HUB_LOG_DEBUG ? HUB_LOG_DEBUG : level,
             tag, fmt, ap);
    va_end(ap);
}

static const char *host_config_get(void *host, const char *key)
{
    struct plugin_rec *r = host;
    if (!key || !r->ps->env.cfg) return NULL;
    char section[64];
    snprintf(section, sizeof section, "plugin.%s", r->name);
    return hub_config_get(r->ps->env.cfg, section, key);
}

static void host_count_bad_input(void *host, const char *kind, const char *topic)
{
    struct plugin_rec *r = host;
    char k[48];
    snprintf(k, sizeof k, "%s", kind && *kind ? kind : "unspecified");
    for (char *c = k; *c; c++)
        if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e) *c = '?';
    int i;
    for (i = 0; i < r->n_bad; i++)
        if (strcmp(r->bad[i].kind, k) == 0) break;
    if (i == r->n_bad) {
        if (r->n_bad == PLUGIN_MAX_BAD_KINDS) {
            i = PLUGIN_MAX_BAD_KINDS - 1; /* the last slot collects everything beyond */
            snprintf(r->bad[i].kind, sizeof r->bad[i].kind, "other");
        } else {
            snprintf(r->bad[i].kind, sizeof r->bad[i].kind, "%s", k);
            r->bad[i].count = 0;
            r->n_bad++;
        }
    }
    if (r->bad[i].count++ == 0) {
        char t[160];
        snprintf(t, sizeof t, "%s", topic ? topic : "-");
        for (char *c = t; *c; c++)
            if ((unsigned char)*c < 0x20) *c = '?';
        hub_warn(TAG, "%s: bad input '%s' on %s (first of its kind; more are only counted)",
                 r->name, k, t);
    }
}

/* ---- loading ---- */

static bool valid_plugin_name(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
        if (n >= 40) return false;
    }
    return n > 0;
}

static bool plugin_disabled(const struct hub_plugins *ps, const char *name)
{
    const char *list = ps->env.cfg ? hub_config_get(ps->env.cfg, "plugins", "disable") : NULL;
    if (!list) return false;
    size_t n = strlen(name);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == ',' || *p == '\t') p++;
        const char *e = p;
        while (*e && *e != ',' && *e != ' ' && *e != '\t') e++;
        if ((size_t)(e - p) == n && strncmp(p, name, n) == 0) return true;
        p = e;
    }
    return false;
}

static int refuse(const char *path, char *why, size_t whylen, int rc, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int refuse(const char *path, char *why, size_t whylen, int rc, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    hub_error(TAG, "refused %s: %s", path, buf);
    if (why && whylen) snprintf(why, whylen, "%s", buf);
    return rc;
}

int hub_plugins_load(struct hub_plugins *ps, const char *path, char *why, size_t whylen)
{
    dlerror();
    void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!dl) {
        const char *e = dlerror();
        return refuse(path, why, whylen, HUB_ERR_IO, "dlopen failed: %s", e ? e : "unknown error");
    }
    int rc = HUB_ERR_VERSION;
    struct plugin_rec *r = NULL;
    dlerror();
    hub_plugin_describe_fn describe;
    *(void **)&describe = dlsym(dl, HUB_PLUGIN_ENTRY);
    if (!describe) {
        rc = refuse(path, why, whylen, HUB_ERR_PROTOCOL,
                    "no %s() symbol: not a hubd plugin", HUB_PLUGIN_ENTRY);
        goto fail;
    }
    const struct hub_plugin *p = describe(N_HOST_VERSIONS, host_versions);
    if (!p) {
        rc = refuse(path, why, whylen, HUB_ERR_VERSION,
                    "it supports none of the plugin ABI versions this hubd offers (%d)",
                    HUB_PLUGIN_ABI_VERSION);
        goto fail;
    }
    bool offered = false;
    for (int i = 0; i < N_HOST_VERSIONS; i++) offered |= p->abi_version == (uint32_t)host_versions[i];
    if (!offered) {
        rc = refuse(path, why, whylen, HUB_ERR_VERSION,
                    "it chose plugin ABI version %u, which this hubd did not offer (it offers %d)",
                    p->abi_version, HUB_PLUGIN_ABI_VERSION);
        goto fail;
    }
    if (p->struct_size < PLUGIN_MIN_SIZE || p->struct_size > 65536) {
        rc = refuse(path, why, whylen, HUB_ERR_VERSION,
                    "struct hub_plugin size %u does not fit ABI version %u (need at least %zu)",
                    p->struct_size, p->abi_version, (size_t)PLUGIN_MIN_SIZE);
        goto fail;
    }
    if (!p->name || !valid_plugin_name(p->name)) {
        rc = refuse(path, why, whylen, HUB_ERR_INVALID,
                    "missing or invalid name (want 1-40 of a-z, 0-9, '_', '-')");
        goto fail;
    }
    if (!p->init || !p->on_message || !p->execute || !p->shutdown) {
        rc = refuse(path, why, whylen, HUB_ERR_INVALID, "plugin '%s' lacks the %s callback",
                    p->name, !p->init ? "init" : !p->on_message ? "on_message"
                                         : !p->execute ? "execute" : "shutdown");
        goto fail;
    }
    for (size_t i = 0; i < ps->n; i++) {
        if (strcmp(ps->recs[i]->name, p->name) == 0) {
            rc = refuse(path, why, whylen, HUB_ERR_EXISTS,
                        "a plugin named '%s' is already loaded from %s", p->name, ps->recs[i]->path);
            goto fail;
        }
    }
    if (plugin_disabled(ps, p->name)) {
        hub_info(TAG, "skipped %s: plugin '%s' is disabled in [plugins] disable", path, p->name);
        if (why && whylen) snprintf(why, whylen, "disabled");
        rc = HUB_ERR_UNSUPPORTED;
        goto fail;
    }
    r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(path))) {
        rc = refuse(path, why, whylen, HUB_ERR_NOMEM, "out of memory");
        goto fail;
    }
    r->ps = ps;
    r->dl = dl;
    r->p = p;
    snprintf(r->name, sizeof r->name, "%s", p->name);
    r->api = (struct hub_host_api){
        .abi_version = p->abi_version,
        .struct_size = sizeof(struct hub_host_api),
        .host = r,
        .publish = host_publish,
        .subscribe = host_subscribe,
        .upsert_entity = host_upsert_entity,
        .remove_entity = host_remove_entity,
        .update_state = host_update_state,
        .set_available = host_set_available,
        .log = host_log,
        .config_get = host_config_get,
        .count_bad_input = host_count_bad_input,
    };
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 8;
        void *np = realloc(ps->recs, cap * sizeof *ps->recs);
        if (!np) {
            rc = refuse(path, why, whylen, HUB_ERR_NOMEM, "out of memory");
            goto fail;
        }
        ps->recs = np;
        ps->cap = cap;
    }
    /* Registered before init so that calls made from init find their plugin. */
    ps->recs[ps->n++] = r;
    r->in_init = true;
    rc = p->init(&r->api, &r->state);
    r->in_init = false;
    if (rc != HUB_OK) {
        /* a plugin that failed leaves nothing behind: no entity, no state, no retained state */
        for (size_t i = 0; i < r->n_init_ids; i++) host_remove_entity(r, r->init_ids[i]);
        if (r->n_init_ids)
            hub_warn(TAG, "%s: removed the %zu entities its failed init had registered", r->name,
                     r->n_init_ids);
        ps->n--;
        rc = refuse(path, why, whylen, rc == HUB_OK ? HUB_ERR_INVALID : rc,
                    "plugin '%s' init failed: %s", r->name, hub_strerror(rc));
        goto fail;
    }
    hub_info(TAG, "loaded %s %s (ABI %u) from %s, %zu subscriptions", r->name,
             p->version ? p->version : "?", p->abi_version, path, r->n_subs);
    return HUB_OK;
fail:
    if (r) {
        r->dl = NULL; /* closed below */
        rec_free(r);
    }
    dlclose(dl);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int hub_plugins_load_dir(struct hub_plugins *ps, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        hub_error(TAG, "cannot read plugin folder %s: %m", dir);
        return HUB_ERR_IO;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len < 4 || strcmp(de->d_name + len - 3, ".so") != 0 || de->d_name[0] == '.') continue;
        char **p = realloc(names, (n + 1) * sizeof *names);
        if (!p) break;
        names = p;
        if (!(names[n] = strdup(de->d_name))) break;
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    int loaded = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", dir, names[i]) < (int)sizeof path &&
            hub_plugins_load(ps, path, NULL, 0) == HUB_OK)
            loaded++;
        free(names[i]);
    }
    free(names);
    hub_info(TAG, "%d of %zu plugins loaded from %s", loaded, n, dir);
    return loaded;
}

void hub_plugins_route(struct hub_plugins *ps, const char *topic, const void *payload, size_t len)
{
    for (size_t i = 0; i < ps->n; i++) {
        struct plugin_rec *r = ps->recs[i];
        for (size_t s = 0; s < r->n_subs; s++) {
            bool match = false;
            if (mosquitto_topic_matches_sub(r->subs[s], topic, &match) == MOSQ_ERR_SUCCESS && match) {
                r->p->on_message(r->state, topic, payload ? payload : "", len);
                break;
            }
        }
    }
}

static bool valid_action(const char *a)
{
    size_t n = 0;
    if (!a) return false;
    for (; a[n]; n++)
        if (!((a[n] >= 'a' && a[n] <= 'z') || a[n] == '_') || n > 40) return false;
    return n > 0;
}

int hub_plugins_execute(struct hub_plugins *ps, const char *entity_id, const char *action,
                        const char *args_json, char *err, size_t errlen)
{
    const struct hub_entity *e = hub_registry_get(ps->env.reg, entity_id);
    if (!e) {
        snprintf(err, errlen, "unknown entity '%s'", entity_id ? entity_id : "");
        return HUB_ERR_NOT_FOUND;
    }
    if (!valid_action(action)) {
        snprintf(err, errlen, "invalid action name");
        return HUB_ERR_INVALID;
    }
    struct plugin_rec *r = NULL;
    for (size_t i = 0; i < ps->n && e->plugin; i++)
        if (strcmp(ps->recs[i]->name, e->plugin) == 0) r = ps->recs[i];
    if (!r) {
        snprintf(err, errlen, "%s belongs to plugin '%s', which is not loaded", entity_id,
                 e->plugin ? e->plugin : "(none)");
        return HUB_ERR_UNAVAILABLE;
    }
    int rc = r->p->execute(r->state, entity_id, action, args_json);
    if (rc == HUB_OK) return HUB_OK;
    if (rc == HUB_ERR_UNSUPPORTED)
        snprintf(err, errlen, "%s does not support '%s'", entity_id, action);
    else if (rc == HUB_ERR_INVALID || rc == HUB_ERR_RANGE)
        snprintf(err, errlen, "invalid arguments for %s on %s (%s)", action, entity_id, hub_strerror(rc));
    else
        snprintf(err, errlen, "%s on %s failed: %s", action, entity_id, hub_strerror(rc));
    return rc;
}

size_t hub_plugins_count(const struct hub_plugins *ps) { return ps->n; }

const char *hub_plugins_name(const struct hub_plugins *ps, size_t i)
{
    return i < ps->n ? ps->recs[i]->name : NULL;
}

uint64_t hub_plugins_bad_input(const struct hub_plugins *ps, const char *kind)
{
    uint64_t total = 0;
    for (size_t i = 0; i < ps->n; i++)
        for (int k = 0; k < ps->recs[i]->n_bad; k++)
            if (!kind || strcmp(kind, ps->recs[i]->bad[k].kind) == 0) total += ps->recs[i]->bad[k].count;
    return total;
}

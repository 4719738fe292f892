/*
 * plugtest.c: the recording test host for plugin unit tests (see plugtest.h).
 */
#include "plugtest.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

int pt_failures;

static void *pt_dl;
static const struct hub_plugin *pt_plug;
static void *pt_pstate;
static const char *const *pt_config;
static struct pt_call *pt_calls;
static size_t pt_ncalls, pt_cap, pt_markpos;
static json_t *pt_attr_cache;

static char *pt_dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static char *pt_dupn(const void *p, size_t n)
{
    char *s = malloc(n + 1);
    if (!s) abort();
    if (n) memcpy(s, p, n);
    s[n] = 0;
    return s;
}

static struct pt_call *pt_add(enum pt_kind kind)
{
    if (pt_ncalls == pt_cap) {
        pt_cap = pt_cap ? pt_cap * 2 : 256;
        pt_calls = realloc(pt_calls, pt_cap * sizeof *pt_calls);
        if (!pt_calls) abort();
    }
    struct pt_call *c = &pt_calls[pt_ncalls++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    return c;
}

/* PT_VERBOSE=1 in the environment prints every recorded call (for writing tests). */
static void pt_trace(const struct pt_call *c)
{
    static const char *names[] = {"publish", "subscribe", "upsert", "remove",
                                  "state",   "avail",     "bad"};
    if (getenv("PT_VERBOSE"))
        fprintf(stderr, "  %s %s %s %s\n", names[c->kind], c->a ? c->a : "", c->b ? c->b : "",
                c->c ? c->c : "");
}

static int pt_publish(void *host, const char *topic, const void *payload, size_t len, int qos,
                      bool retain)
{
    struct pt_call *c = pt_add(PT_PUBLISH);
    c->a = pt_dup(topic);
    c->b = pt_dupn(payload, len);
    c->qos = qos;
    c->retain = retain;
    pt_trace(c);
    return HUB_OK;
}

static int pt_subscribe(void *host, const char *filter, int qos)
{
    struct pt_call *c = pt_add(PT_SUBSCRIBE);
    c->a = pt_dup(filter);
    pt_trace(c);
    return HUB_OK;
}

/* Entity ids as plugin.h says: "domain.object_id", lower-case a-z, 0-9, '_'. */
static bool pt_valid_id(const char *id)
{
    static const char *domains[] = {"light",         "switch",  "fan",          "cover",
                                    "lock",          "climate", "media_player", "sensor",
                                    "binary_sensor", "valve",   "vacuum",       NULL};
    const char *dot = id ? strchr(id, '.') : NULL;
    if (!dot || !dot[1]) return false;
    bool ok = false;
    for (int i = 0; domains[i]; i++)
        if (strlen(domains[i]) == (size_t)(dot - id) && strncmp(id, domains[i], dot - id) == 0)
            ok = true;
    for (const char *p = dot + 1; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) ok = false;
    return ok;
}

static int pt_upsert(void *host, const struct hub_entity_desc *e)
{
    if (!e || e->struct_size < sizeof *e || !pt_valid_id(e->entity_id)) {
        fprintf(stderr, "upsert_entity with a bad entity: %s\n", e ? e->entity_id : "NULL");
        pt_failures++;
        return HUB_ERR_INVALID;
    }
    if (e->capabilities_json) {
        json_t *j = json_loads(e->capabilities_json, 0, NULL);
        if (!json_is_object(j)) {
            fprintf(stderr, "capabilities of %s are not a JSON object\n", e->entity_id);
            pt_failures++;
        }
        json_decref(j);
    }
    struct pt_call *c = pt_add(PT_UPSERT);
    c->a = pt_dup(e->entity_id), c->b = pt_dup(e->name), c->c = pt_dup(e->area);
    c->d = pt_dup(e->device_class), c->e = pt_dup(e->capabilities_json), c->f = pt_dup(e->unit);
    pt_trace(c);
    return HUB_OK;
}

static int pt_remove(void *host, const char *id)
{
    struct pt_call *c = pt_add(PT_REMOVE);
    c->a = pt_dup(id);
    pt_trace(c);
    return HUB_OK;
}

static int pt_update(void *host, const char *id, const char *state, const char *attrs)
{
    if (attrs) {
        json_t *j = json_loads(attrs, 0, NULL);
        if (!json_is_object(j)) {
            fprintf(stderr, "attributes of %s are not a JSON object: %s\n", id, attrs);
            pt_failures++;
        }
        json_decref(j);
    }
    if (!state) {
        fprintf(stderr, "update_state of %s without a state\n", id);
        pt_failures++;
    }
    struct pt_call *c = pt_add(PT_STATE);
    c->a = pt_dup(id), c->b = pt_dup(state), c->c = pt_dup(attrs);
    pt_trace(c);
    return HUB_OK;
}

static int pt_set_avail(void *host, const char *id, bool avail)
{
    struct pt_call *c = pt_add(PT_AVAIL);
    c->a = pt_dup(id), c->b = pt_dup(avail ? "1" : "0");
    pt_trace(c);
    return HUB_OK;
}

static void pt_log(void *host, int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "[plugin %d] ", level);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static const char *pt_config_get(void *host, const char *key)
{
    for (const char *const *p = pt_config; p && p[0]; p += 2)
        if (strcmp(p[0], key) == 0) return p[1];
    return NULL;
}

static void pt_count_bad(void *host, const char *kind, const char *topic)
{
    struct pt_call *c = pt_add(PT_BAD);
    c->a = pt_dup(kind), c->b = pt_dup(topic);
    pt_trace(c);
}

static struct hub_host_api pt_api = {
    .abi_version = HUB_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(struct hub_host_api),
    .host = NULL,
    .publish = pt_publish,
    .subscribe = pt_subscribe,
    .upsert_entity = pt_upsert,
    .remove_entity = pt_remove,
    .update_state = pt_update,
    .set_available = pt_set_avail,
    .log = pt_log,
    .config_get = pt_config_get,
    .count_bad_input = pt_count_bad,
};

void pt_load(const char *name, const char *const *config)
{
    const char *bd = getenv("top_builddir");
    char path[4096];
    snprintf(path, sizeof path, "%s/plugins/.libs/%s.so", bd && *bd ? bd : ".", name);
    pt_dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!pt_dl) {
        fprintf(stderr, "dlopen %s: %s\n", path, dlerror());
        exit(1);
    }
    hub_plugin_describe_fn fn = (hub_plugin_describe_fn)dlsym(pt_dl, HUB_PLUGIN_ENTRY);
    if (!fn) {
        fprintf(stderr, "%s: no %s: %s\n", path, HUB_PLUGIN_ENTRY, dlerror());
        exit(1);
    }
    /* a host that offers only versions the plugin does not know gets NULL */
    const int future[] = {999};
    if (fn(1, future) != NULL) {
        fprintf(stderr, "%s accepted ABI version 999\n", path);
        exit(1);
    }
    const int versions[] = {HUB_PLUGIN_ABI_VERSION, 999};
    pt_plug = fn(2, versions);
    if (!pt_plug || pt_plug->abi_version != HUB_PLUGIN_ABI_VERSION ||
        pt_plug->struct_size < sizeof(struct hub_plugin) || strcmp(pt_plug->name, name) != 0) {
        fprintf(stderr, "%s: bad descriptor\n", path);
        exit(1);
    }
    pt_config = config;
    int rc = pt_plug->init(&pt_api, &pt_pstate);
    if (rc != HUB_OK) {
        fprintf(stderr, "%s: init failed: %d\n", path, rc);
        exit(1);
    }
}

void pt_unload(void)
{
    if (pt_plug) pt_plug->shutdown(pt_pstate);
    pt_plug = NULL;
    pt_pstate = NULL;
    if (pt_dl) dlclose(pt_dl);
    pt_dl = NULL;
    for (size_t i = 0; i < pt_ncalls; i++) {
        struct pt_call *c = &pt_calls[i];
        free(c->a), free(c->b), free(c->c), free(c->d), free(c->e), free(c->f);
    }
    free(pt_calls);
    pt_calls = NULL;
    pt_ncalls = pt_cap = pt_markpos = 0;
    json_decref(pt_attr_cache);
    pt_attr_cache = NULL;
}

const struct hub_plugin *pt_plugin(void)
{
    return pt_plug;
}

int pt_msg_len(const char *topic, const void *payload, size_t len)
{
    /* hand the plugin an exact-size heap copy so ASan sees any overread */
    void *copy = malloc(len ? len : 1);
    if (!copy) abort();
    if (len) memcpy(copy, payload, len);
    int rc = pt_plug->on_message(pt_pstate, topic, copy, len);
    free(copy);
    return rc;
}

int pt_msg(const char *topic, const char *payload)
{
    return pt_msg_len(topic, payload, strlen(payload));
}

char *pt_read_data(const char *file, size_t *len)
{
    const char *sd = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/plugins/%s", sd && *sd ? sd : ".", file);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        exit(1);
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 == cap) buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf) abort();
    buf[n] = 0;
    if (len) *len = n;
    return buf;
}

int pt_msg_file(const char *topic, const char *file)
{
    size_t len;
    char *buf = pt_read_data(file, &len);
    int rc = pt_msg_len(topic, buf, len);
    free(buf);
    return rc;
}

int pt_exec(const char *id, const char *action, const char *args)
{
    return pt_plug->execute(pt_pstate, id, action, args);
}

void pt_mark(void)
{
    pt_markpos = pt_ncalls;
}

size_t pt_count(enum pt_kind kind)
{
    size_t n = 0;
    for (size_t i = pt_markpos; i < pt_ncalls; i++)
        n += pt_calls[i].kind == kind;
    return n;
}

static const struct pt_call *pt_last(enum pt_kind kind, const char *id)
{
    for (size_t i = pt_ncalls; i-- > 0;)
        if (pt_calls[i].kind == kind && strcmp(pt_calls[i].a, id) == 0) return &pt_calls[i];
    return NULL;
}

const struct pt_call *pt_entity(const char *id)
{
    return pt_last(PT_UPSERT, id);
}

const char *pt_state(const char *id)
{
    const struct pt_call *c = pt_last(PT_STATE, id);
    return c ? c->b : NULL;
}

json_t *pt_attr(const char *id, const char *key)
{
    const struct pt_call *c = pt_last(PT_STATE, id);
    json_decref(pt_attr_cache);
    pt_attr_cache = c && c->c ? json_loads(c->c, 0, NULL) : NULL;
    return json_object_get(pt_attr_cache, key);
}

int pt_available(const char *id)
{
    const struct pt_call *c = pt_last(PT_AVAIL, id);
    return c ? c->b[0] == '1' : -1;
}

const struct pt_call *pt_published(size_t n)
{
    for (size_t i = pt_markpos; i < pt_ncalls; i++)
        if (pt_calls[i].kind == PT_PUBLISH && n-- == 0) return &pt_calls[i];
    return NULL;
}

size_t pt_bad(const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < pt_ncalls; i++)
        n += pt_calls[i].kind == PT_BAD && (!kind || strcmp(pt_calls[i].a, kind) == 0);
    return n;
}

bool pt_removed(const char *id)
{
    for (size_t i = pt_markpos; i < pt_ncalls; i++)
        if (pt_calls[i].kind == PT_REMOVE && strcmp(pt_calls[i].a, id) == 0) return true;
    return false;
}

bool pt_subscribed(const char *filter)
{
    return pt_last(PT_SUBSCRIBE, filter) != NULL;
}

int pt_done(void)
{
    pt_unload();
    if (pt_failures) {
        fprintf(stderr, "%d check(s) failed\n", pt_failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}

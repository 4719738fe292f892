/*
 * fuzzhost.h: the libFuzzer harness shared by the plugin fuzz targets (tests/fuzz/fuzz-z2m.c,
 * fuzz-tasmota.c, fuzz-hadisc.c), included once by each. Every input runs a fresh plugin:
 * init, the discovery documents of tests/data/plugins (so state topics reach real entities),
 * then the input, split at NUL bytes into up to 16 messages of the form "topic\npayload"; a
 * message "!entity_id action args_json" calls execute instead. Then shutdown, so LeakSanitizer
 * sees every allocation the plugin made for that input.
 * Define FUZZ_DATA_DIR (absolute path) and FUZZ_DISCOVERY (a NULL-terminated list of topic,
 * file pairs) before including.
 */
#include <hub/plugin.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const fuzz_discovery[] = {FUZZ_DISCOVERY};
static char *fuzz_docs[64];
static size_t fuzz_doc_len[64];
static const char *fuzz_config[] = {FUZZ_CONFIG};

static int fuzz_publish(void *h, const char *t, const void *p, size_t n, int q, bool r)
{
    /* touch every byte so ASan checks the plugin's buffer */
    volatile unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += ((const unsigned char *)p)[i];
    return strlen(t) > 0 ? HUB_OK : HUB_ERR_INVALID;
}
static int fuzz_subscribe(void *h, const char *f, int q)
{
    return strlen(f) ? HUB_OK : HUB_ERR_INVALID;
}
static int fuzz_upsert(void *h, const struct hub_entity_desc *e)
{
    if (!e->entity_id || !e->name || !strchr(e->entity_id, '.')) abort();
    volatile size_t n = strlen(e->entity_id) + strlen(e->name) + (e->area ? strlen(e->area) : 0) +
                        (e->capabilities_json ? strlen(e->capabilities_json) : 0) +
                        (e->unit ? strlen(e->unit) : 0) +
                        (e->device_class ? strlen(e->device_class) : 0);
    (void)n;
    return HUB_OK;
}
static int fuzz_remove(void *h, const char *id)
{
    return strlen(id) ? HUB_OK : HUB_ERR_INVALID;
}
static int fuzz_update(void *h, const char *id, const char *s, const char *a)
{
    if (!id || !s) abort();
    volatile size_t n = strlen(id) + strlen(s) + (a ? strlen(a) : 0);
    (void)n;
    return HUB_OK;
}
static int fuzz_avail(void *h, const char *id, bool a)
{
    return strlen(id) ? HUB_OK : HUB_ERR_INVALID;
}
static void fuzz_log(void *h, int level, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
}
static const char *fuzz_config_get(void *h, const char *key)
{
    for (size_t i = 0; fuzz_config[i]; i += 2)
        if (strcmp(fuzz_config[i], key) == 0) return fuzz_config[i + 1];
    return NULL;
}
static void fuzz_bad(void *h, const char *kind, const char *topic)
{
    if (!kind || !topic) abort();
}

static const struct hub_host_api fuzz_api = {
    .abi_version = HUB_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(struct hub_host_api),
    .publish = fuzz_publish,
    .subscribe = fuzz_subscribe,
    .upsert_entity = fuzz_upsert,
    .remove_entity = fuzz_remove,
    .update_state = fuzz_update,
    .set_available = fuzz_avail,
    .log = fuzz_log,
    .config_get = fuzz_config_get,
    .count_bad_input = fuzz_bad,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    for (size_t i = 0; fuzz_discovery[i] && i / 2 < 64; i += 2) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", FUZZ_DATA_DIR, fuzz_discovery[i + 1]);
        FILE *f = fopen(path, "rb");
        if (!f) {
            fprintf(stderr, "fuzz: %s missing, running without it\n", path);
            continue;
        }
        char *buf = malloc(1 << 20);
        size_t n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
        fclose(f);
        fuzz_docs[i / 2] = buf;
        fuzz_doc_len[i / 2] = n;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int versions[] = {HUB_PLUGIN_ABI_VERSION};
    const struct hub_plugin *p = hub_plugin_describe(1, versions);
    void *st = NULL;
    if (!p || p->init(&fuzz_api, &st) != HUB_OK) abort();
    for (size_t i = 0; fuzz_discovery[i]; i += 2)
        if (fuzz_docs[i / 2])
            p->on_message(st, fuzz_discovery[i], fuzz_docs[i / 2], fuzz_doc_len[i / 2]);
    size_t off = 0;
    for (int m = 0; m < 16 && off < size; m++) {
        const uint8_t *end = memchr(data + off, 0, size - off);
        size_t len = end ? (size_t)(end - (data + off)) : size - off;
        /* exact-size heap copies so that ASan catches any read past the payload */
        char *msg = malloc(len + 1);
        memcpy(msg, data + off, len);
        msg[len] = 0;
        if (msg[0] == '!') {
            char *action = strchr(msg, ' '), *args = NULL;
            if (action) {
                *action++ = 0;
                args = strchr(action, ' ');
                if (args) *args++ = 0;
                p->execute(st, msg + 1, action, args);
            }
        } else {
            char *nl = memchr(msg, '\n', len);
            size_t tl = nl ? (size_t)(nl - msg) : len;
            char *topic = strndup(msg, tl);
            size_t plen = nl ? len - tl - 1 : 0;
            char *payload = malloc(plen ? plen : 1);
            if (plen) memcpy(payload, nl + 1, plen);
            p->on_message(st, topic, payload, plen);
            free(payload);
            free(topic);
        }
        free(msg);
        off += len + 1;
    }
    p->shutdown(st);
    return 0;
}

/*
 * testplug.c: tiny plugins for tests/test-plugin-loader, one source built several times with a
 * different TESTPLUG_KIND each: a good one that uses every host API member, and bad ones that
 * the loader must refuse with a clear reason (wrong ABI version, no version in common, struct too
 * small, no name, a missing callback, init failing, an unresolved symbol).
 */
#include <hub/plugin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KIND_GOOD 0
#define KIND_BAD_ABI 1      /* answers with an ABI version the host did not offer */
#define KIND_NO_VERSION 2   /* returns NULL: none of the offered versions */
#define KIND_SMALL_STRUCT 3 /* struct_size smaller than ABI version 1 */
#define KIND_NO_NAME 4
#define KIND_NO_EXECUTE 5
#define KIND_INIT_FAILS 6    /* registers an entity, then fails */
#define KIND_UNRESOLVED 7   /* needs a symbol nobody defines: dlopen(RTLD_NOW) fails */
#define KIND_NO_ENTRY 8     /* exports no hub_plugin_describe at all */

#ifndef TESTPLUG_KIND
#define TESTPLUG_KIND KIND_GOOD
#endif

struct tp_state {
    const struct hub_host_api *host;
    int messages;
};

static __attribute__((unused)) int tp_init(const struct hub_host_api *host, void **state)
{
    if (TESTPLUG_KIND == KIND_INIT_FAILS) {
        /* fails after registering an entity: the host must remove it again */
        struct hub_entity_desc d = {.struct_size = sizeof d,
                                    .entity_id = "switch.init_fails_plug",
                                    .name = "Init Fails Plug"};
        if (host->upsert_entity(host->host, &d) != HUB_OK) return HUB_ERR_PROTOCOL;
        host->update_state(host->host, "switch.init_fails_plug", "on", NULL);
        return HUB_ERR_CONFIG;
    }
    struct tp_state *s = calloc(1, sizeof *s);
    if (!s) return HUB_ERR_NOMEM;
    s->host = host;
    *state = s;
    if (host->struct_size < sizeof(struct hub_host_api)) return HUB_ERR_VERSION;
    int rc = host->subscribe(host->host, "testplug/+/set", 1);
    if (rc) return rc;
    const char *prefix = host->config_get(host->host, "prefix");
    struct hub_entity_desc d = {.struct_size = sizeof d,
                                .entity_id = "switch.test_plug",
                                .name = prefix ? prefix : "Test Plug",
                                .area = "Test Room",
                                .capabilities_json = "{}"};
    rc = host->upsert_entity(host->host, &d);
    if (rc) return rc;
    /* Refused inputs must come back as errors, not crashes. */
    struct hub_entity_desc bad = d;
    bad.entity_id = "Not An Id";
    if (host->upsert_entity(host->host, &bad) != HUB_ERR_INVALID) return HUB_ERR_PROTOCOL;
    bad.entity_id = "switch.bad_caps";
    bad.capabilities_json = "{not json";
    if (host->upsert_entity(host->host, &bad) != HUB_ERR_INVALID) return HUB_ERR_PROTOCOL;
    if (host->publish(host->host, "bad/+/topic", "x", 1, 0, false) != HUB_ERR_INVALID)
        return HUB_ERR_PROTOCOL;
    host->log(host->host, HUB_LOG_INFO, "test plugin up (%s)", prefix ? prefix : "no prefix");
    return host->update_state(host->host, "switch.test_plug", "off", "{\"power\":0}");
}

static __attribute__((unused)) int tp_on_message(void *state, const char *topic, const void *payload, size_t len)
{
    struct tp_state *s = state;
    s->messages++;
    if (len == 2 && memcmp(payload, "on", 2) == 0)
        return s->host->update_state(s->host->host, "switch.test_plug", "on", NULL);
    if (len == 3 && memcmp(payload, "off", 3) == 0)
        return s->host->update_state(s->host->host, "switch.test_plug", "off", NULL);
    if (len == 7 && memcmp(payload, "offline", 7) == 0)
        return s->host->set_available(s->host->host, "switch.test_plug", false);
    if (len == 6 && memcmp(payload, "online", 6) == 0)
        return s->host->set_available(s->host->host, "switch.test_plug", true);
    s->host->count_bad_input(s->host->host, "bad_payload", topic);
    return HUB_ERR_INVALID;
}

static __attribute__((unused)) int tp_execute(void *state, const char *entity_id, const char *action, const char *args)
{
    struct tp_state *s = state;
    if (strcmp(entity_id, "switch.test_plug") != 0) return HUB_ERR_NOT_FOUND;
    const char *payload;
    if (strcmp(action, "turn_on") == 0) payload = "ON";
    else if (strcmp(action, "turn_off") == 0) payload = "OFF";
    else return HUB_ERR_UNSUPPORTED;
    return s->host->publish(s->host->host, "testplug/device/cmnd", payload, strlen(payload), 1,
                            false);
}

static __attribute__((unused)) void tp_shutdown(void *state) { free(state); }

#if TESTPLUG_KIND == KIND_UNRESOLVED
extern int testplug_symbol_nobody_defines(void);
volatile int testplug_never; /* keeps the call below from being optimised away */
#endif

#if TESTPLUG_KIND != KIND_NO_ENTRY
const struct hub_plugin *hub_plugin_describe(int n_versions, const int *host_versions)
{
    static struct hub_plugin p = {
        .abi_version = HUB_PLUGIN_ABI_VERSION,
        .struct_size = sizeof(struct hub_plugin),
        .name = "testplug",
        .version = "0.1",
        .init = tp_init,
        .on_message = tp_on_message,
        .execute = tp_execute,
        .shutdown = tp_shutdown,
    };
    int ok = 0;
    for (int i = 0; i < n_versions; i++) ok |= host_versions[i] == HUB_PLUGIN_ABI_VERSION;
    if (!ok || TESTPLUG_KIND == KIND_NO_VERSION) return NULL;
#if TESTPLUG_KIND == KIND_BAD_ABI
    p.abi_version = 99;
#elif TESTPLUG_KIND == KIND_SMALL_STRUCT
    p.struct_size = 8;
#elif TESTPLUG_KIND == KIND_NO_NAME
    p.name = NULL;
#elif TESTPLUG_KIND == KIND_NO_EXECUTE
    p.execute = NULL;
#elif TESTPLUG_KIND == KIND_UNRESOLVED
    if (testplug_never) testplug_symbol_nobody_defines();
#endif
    return &p;
}
#else
int testplug_not_a_plugin(void) { return 42; }
#endif

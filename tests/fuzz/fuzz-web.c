/*
 * fuzz-web.c: libFuzzer target for the websocket API's message handling (hubd/web.c): any bytes
 * as a client message, before and after authentication, against a real registry, states and
 * SQLite store (two entities, some history) with no socket. First input byte: bit 0 = the
 * connection is authenticated; the rest is the message.
 */
#include "hub_log.h"
#include "hub_status.h"
#include "hubd/hub.h"
#include "hubd/registry.h"
#include "hubd/state.h"
#include "hubd/store.h"
#include "hubd/web.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct hub hub;
static struct hub_web *web;

static void fuzz_entity(const char *id, const char *name, const char *area, const char *caps,
                        const char *state)
{
    struct hub_entity_desc d = {sizeof d, id, name, area, NULL, caps, NULL};
    if (hub_registry_upsert(hub.reg, "fuzz", &d, NULL) != HUB_OK ||
        hub_states_update(hub.states, id, state, NULL) != HUB_OK)
        abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char dir[] = "/tmp/fuzz-web.XXXXXX", path[64], err[256];
    if (!mkdtemp(dir)) abort();
    snprintf(path, sizeof path, "%s/hub.db", dir);
    hub_log_set_level(HUB_LOG_ERROR - 1); /* quiet */
    hub_config_init(&hub.cfg);
    hub.store = hub_store_open(path, err, sizeof err);
    if (!hub.store) {
        fprintf(stderr, "fuzz-web: %s\n", err);
        abort();
    }
    hub.reg = hub_registry_new(hub.store);
    hub.states = hub_states_new(hub.store, hub.reg, NULL, NULL);
    if (!hub.reg || !hub.states) abort();
    fuzz_entity("light.desk_lamp", "Desk Lamp", "Study", "{\"brightness\":true}", "on");
    fuzz_entity("sensor.kitchen_temperature", "Kitchen Temperature", "Kitchen", NULL, "21.5");
    hub_states_update(hub.states, "light.desk_lamp", "off", "{\"brightness\":40}");
    hub_states_flush(hub.states);
    web = hub_web_new_detached(&hub);
    if (!web) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int answers = 0;
    hub_web_feed(web, (const char *)data + 1, size - 1, data[0] & 1, &answers);
    /* Every message gets an answer (a result, pong, auth_ok or auth_invalid). */
    if (answers < 1) abort();
    return 0;
}

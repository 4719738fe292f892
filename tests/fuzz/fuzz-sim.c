/* fuzz-sim.c: libFuzzer target for hub-sim's parsers of outside input. An input is either
 *   "topic\npayload"  - one MQTT message dispatched to the demo house (z2m /set, Tasmota cmnd,
 *                       HA command topics, hub-sim/control), followed by a few clock ticks so
 *                       that covers move and reports go out, or
 *   "H" + JSON         - a house file for the loader, then announced (discovery for all).
 * Every publish is checked: JSON payloads the sim writes must parse back. */
#include "tools/sim/sim.h"
#include "hub_log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SIM_FUZZ_HOUSE
#define SIM_FUZZ_HOUSE "data/houses/demo.json"
#endif

static struct sim_house house;
static double clock_now = 1000;

/* Publishes go nowhere, but what the sim writes as JSON must be valid JSON. */
static void check_publish(struct sim_house *h, const char *topic, const char *payload, size_t len,
                          bool retain)
{
    (void)h, (void)retain;
    if (!topic || !*topic || strlen(payload) != len) abort();
    if (len && (payload[0] == '{' || payload[0] == '[')) {
        json_t *j = json_loadb(payload, len, 0, NULL);
        if (!j) abort();
        json_decref(j);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    hub_log_set_level(-1); /* silence: a log line per garbage input would dominate */
    house.tele_period = 5;
    house.sensor_period = 3;
    house.publish = check_publish;
    if (sim_house_load_file(&house, SIM_FUZZ_HOUSE) != 0) {
        fprintf(stderr, "fuzz-sim: cannot load %s\n", SIM_FUZZ_HOUSE);
        abort();
    }
    sim_tick(&house, clock_now);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 0 && data[0] == 'H') {
        json_t *root = json_loadb((const char *)data + 1, size - 1, 0, NULL);
        if (!root) return 0;
        struct sim_house h = {.publish = check_publish, .tele_period = 5, .sensor_period = 3};
        if (sim_house_load_json(&h, root, "fuzz") == 0) {
            sim_announce_all(&h);
            sim_house_free(&h);
        }
        json_decref(root);
        return 0;
    }
    const uint8_t *nl = memchr(data, '\n', size);
    if (!nl) return 0;
    size_t tl = (size_t)(nl - data);
    char *topic = malloc(tl + 1);
    if (!topic) return 0;
    memcpy(topic, data, tl);
    topic[tl] = '\0';
    if (strlen(topic) == tl) /* MQTT topics have no NUL */
        sim_handle_message(&house, topic, nl + 1, size - tl - 1);
    free(topic);
    for (int i = 0; i < 3; i++) {
        clock_now += 1.7;
        sim_tick(&house, clock_now);
    }
    return 0;
}

/*
 * test-plugin-loader.c: hubd's plugin loader against real shared objects built from
 * tests/plugins/testplug.c: the good one is loaded and driven through every host API member
 * (subscribe, upsert, state, availability, config, bad-input counting, publish on execute);
 * each bad one is refused with a reason naming the problem, and the loader keeps going.
 */
#include "hub_log.h"
#include "hub_status.h"
#include "hubd/conf.h"
#include "hubd/plugins.h"
#include "hubd/registry.h"
#include "hubd/state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/hub-check.h"

/* What the plugins and the state table published, as the broker would have seen it. */
#define MAX_PUB 256
static struct {
    char topic[128];
    char payload[512];
    int qos;
    bool retain;
} pubs[MAX_PUB];
static int n_pubs;
static char subs[16][128];
static int n_subs;

static int rec_publish(void *ud, const char *topic, const void *payload, size_t len, int qos,
                       bool retain)
{
    if (n_pubs == MAX_PUB) return HUB_ERR_BUSY;
    snprintf(pubs[n_pubs].topic, sizeof pubs[n_pubs].topic, "%s", topic);
    snprintf(pubs[n_pubs].payload, sizeof pubs[n_pubs].payload, "%.*s", (int)len, (const char *)payload);
    pubs[n_pubs].qos = qos;
    pubs[n_pubs].retain = retain;
    n_pubs++;
    return HUB_OK;
}

static int rec_subscribe(void *ud, const char *filter, int qos)
{
    if (n_subs < 16) snprintf(subs[n_subs++], sizeof subs[0], "%s", filter);
    return HUB_OK;
}

static int last_pub(const char *topic)
{
    for (int i = n_pubs; i-- > 0;)
        if (strcmp(pubs[i].topic, topic) == 0) return i;
    return -1;
}

static char dir[1024];

static void expect_refused(struct hub_plugins *ps, const char *file, const char *reason)
{
    char path[1200], why[512] = "";
    snprintf(path, sizeof path, "%s/%s", dir, file);
    int rc = hub_plugins_load(ps, path, why, sizeof why);
    if (rc == HUB_OK || !strstr(why, reason)) {
        fprintf(stderr, "%s: expected a refusal mentioning \"%s\", got rc %d \"%s\"\n", file,
                reason, rc, why);
        failures++;
    }
}

int main(void)
{
    const char *b = getenv("top_builddir");
    snprintf(dir, sizeof dir, "%s/tests/plugins/.libs", b ? b : ".");

    struct hub_config cfg;
    hub_config_init(&cfg);
    char err[512];
    const char *text = "[plugin.testplug]\nprefix = Hello Plug\n";
    CHECK(hub_config_parse(&cfg, text, strlen(text), "test.conf", err, sizeof err) == HUB_OK);

    struct hub_registry *reg = hub_registry_new(NULL);
    struct hub_states *states = hub_states_new(NULL, reg, rec_publish, NULL);
    struct hub_plugins_env env = {.publish = rec_publish, .subscribe = rec_subscribe, .reg = reg,
                                  .states = states, .cfg = &cfg};
    struct hub_plugins *ps = hub_plugins_new(&env);
    CHECK(reg && states && ps);

    /* Refusals: each names the problem, and nothing is registered. */
    expect_refused(ps, "tp_bad_abi.so", "ABI version 99, which this hubd did not offer");
    expect_refused(ps, "tp_no_version.so", "none of the plugin ABI versions");
    expect_refused(ps, "tp_small_struct.so", "struct hub_plugin size 8");
    expect_refused(ps, "tp_no_name.so", "invalid name");
    expect_refused(ps, "tp_no_execute.so", "lacks the execute callback");
    expect_refused(ps, "tp_init_fails.so", "init failed: configuration error");
    expect_refused(ps, "tp_unresolved.so", "testplug_symbol_nobody_defines");
    expect_refused(ps, "tp_no_entry.so", "not a hubd plugin");
    expect_refused(ps, "does_not_exist.so", "dlopen failed");
    CHECK(hub_plugins_count(ps) == 0);
    /* tp_init_fails registered an entity before failing: removed, its retained state cleared */
    CHECK(!hub_registry_get(reg, "switch.init_fails_plug"));
    CHECK(!hub_states_get(states, "switch.init_fails_plug"));
    int cleared = last_pub("hub/state/switch.init_fails_plug");
    CHECK(cleared >= 0 && pubs[cleared].retain && pubs[cleared].payload[0] == '\0');

    /* The good plugin, through every host API member. */
    char path[1200], why[512] = "";
    snprintf(path, sizeof path, "%s/tp_good.so", dir);
    CHECK(hub_plugins_load(ps, path, why, sizeof why) == HUB_OK);
    CHECK(hub_plugins_count(ps) == 1 && strcmp(hub_plugins_name(ps, 0), "testplug") == 0);
    CHECK(n_subs == 1 && strcmp(subs[0], "testplug/+/set") == 0);
    const struct hub_entity *e = hub_registry_get(reg, "switch.test_plug");
    CHECK(e && strcmp(e->name, "Hello Plug") == 0 && e->area && strcmp(e->area, "Test Room") == 0);
    CHECK(e && e->plugin && strcmp(e->plugin, "testplug") == 0);
    CHECK(!hub_registry_get(reg, "switch.bad_caps"));
    const struct hub_state *s = hub_states_get(states, "switch.test_plug");
    CHECK(s && strcmp(s->state, "off") == 0);
    CHECK(s && json_integer_value(json_object_get(s->attributes, "power")) == 0 &&
          json_object_get(s->attributes, "power"));
    int i = last_pub("hub/state/switch.test_plug");
    CHECK(i >= 0 && pubs[i].retain && pubs[i].qos == 1 && strstr(pubs[i].payload, "\"state\":\"off\"") &&
          strstr(pubs[i].payload, "\"area\":\"Test Room\"") && strstr(pubs[i].payload, "\"domain\":\"switch\""));

    /* Reals go out with 10 significant digits, not jansson's 17 (18.510000000000002). */
    CHECK(hub_states_update(states, "switch.test_plug", "off", "{\"power\":18.510000000000002}") ==
          HUB_OK);
    i = last_pub("hub/state/switch.test_plug");
    CHECK(i >= 0 && strstr(pubs[i].payload, "\"power\":18.51}") &&
          !strstr(pubs[i].payload, "18.510000000000002"));

    /* A second copy under the same name is refused. */
    expect_refused(ps, "tp_good.so", "already loaded");

    /* Routing by subscription. */
    hub_plugins_route(ps, "testplug/a/set", "on", 2);
    CHECK(strcmp(hub_states_get(states, "switch.test_plug")->state, "on") == 0);
    int before = n_pubs;
    hub_plugins_route(ps, "other/a/set", "off", 3); /* no subscription matches */
    hub_plugins_route(ps, "testplug/a/b/set", "off", 3);
    CHECK(strcmp(hub_states_get(states, "switch.test_plug")->state, "on") == 0 && n_pubs == before);
    hub_plugins_route(ps, "testplug/a/set", "on", 2); /* no change: nothing published */
    CHECK(n_pubs == before);
    hub_plugins_route(ps, "testplug/a/set", "\xff\xfe garbage", 10);
    hub_plugins_route(ps, "testplug/a/set", NULL, 0);
    CHECK(hub_plugins_bad_input(ps, "bad_payload") == 2 && hub_plugins_bad_input(ps, NULL) == 2);
    CHECK(strcmp(hub_states_get(states, "switch.test_plug")->state, "on") == 0);

    /* Availability: unavailable while away, the last state back afterwards. */
    hub_plugins_route(ps, "testplug/a/set", "offline", 7);
    CHECK(strcmp(hub_states_get(states, "switch.test_plug")->state, "unavailable") == 0);
    CHECK(!hub_registry_get(reg, "switch.test_plug")->available);
    hub_plugins_route(ps, "testplug/a/set", "online", 6);
    CHECK(strcmp(hub_states_get(states, "switch.test_plug")->state, "on") == 0);

    /* Actions. */
    CHECK(hub_plugins_execute(ps, "switch.test_plug", "turn_off", "{}", err, sizeof err) == HUB_OK);
    i = last_pub("testplug/device/cmnd");
    CHECK(i >= 0 && strcmp(pubs[i].payload, "OFF") == 0 && pubs[i].qos == 1);
    CHECK(hub_plugins_execute(ps, "switch.test_plug", "fly", "{}", err, sizeof err) == HUB_ERR_UNSUPPORTED);
    CHECK(strstr(err, "does not support 'fly'") != NULL);
    CHECK(hub_plugins_execute(ps, "light.nothing", "turn_on", "{}", err, sizeof err) == HUB_ERR_NOT_FOUND);
    CHECK(strstr(err, "unknown entity") != NULL);
    CHECK(hub_plugins_execute(ps, "switch.test_plug", "Bad Action!", "{}", err, sizeof err) == HUB_ERR_INVALID);
    hub_plugins_free(ps);

    /* The same through a folder scan: eight refusals, one plugin loaded, no crash. */
    ps = hub_plugins_new(&env);
    CHECK(hub_plugins_load_dir(ps, dir) == 1);
    CHECK(hub_plugins_count(ps) == 1);
    CHECK(hub_plugins_load_dir(ps, "/nonexistent/plugins") < 0);
    hub_plugins_free(ps);

    hub_states_free(states);
    hub_registry_free(reg);
    hub_config_free(&cfg);
    if (failures) fprintf(stderr, "%d checks failed\n", failures);
    else printf("plugin loader: all checks passed\n");
    return failures ? 1 : 0;
}

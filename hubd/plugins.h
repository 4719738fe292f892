/*
 * plugins.h: the host side of include/hub/plugin.h: loading device plugins with dlopen, the
 * struct hub_host_api each plugin gets, routing MQTT messages to plugins by their
 * subscriptions, and running actions on the plugin that owns an entity.
 */
#ifndef HUB_PLUGINS_H
#define HUB_PLUGINS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hub_config;
struct hub_registry;
struct hub_states;

/* What the loader needs from the rest of hubd. publish/subscribe may be NULL (tests). */
struct hub_plugins_env {
    void *ud;
    int (*publish)(void *ud, const char *topic, const void *payload, size_t len, int qos,
                   bool retain);
    int (*subscribe)(void *ud, const char *filter, int qos);
    struct hub_registry *reg;
    struct hub_states *states;
    const struct hub_config *cfg; /* [plugin.NAME] sections, [plugins] disable; may be NULL */
};

struct hub_plugins;

struct hub_plugins *hub_plugins_new(const struct hub_plugins_env *env);
/* Shut every plugin down, dlclose, free. */
void hub_plugins_free(struct hub_plugins *ps);

/* Load one plugin file. A refusal is logged as one line naming the file and the reason (also
 * copied to why) and returns an error; the hub goes on without it. */
int hub_plugins_load(struct hub_plugins *ps, const char *path, char *why, size_t whylen);
/* Load every *.so in dir (sorted by name). Returns how many loaded, or a negative status
 * when the folder cannot be read. */
int hub_plugins_load_dir(struct hub_plugins *ps, const char *dir);

/* Hand an MQTT message to every plugin with a matching subscription. */
void hub_plugins_route(struct hub_plugins *ps, const char *topic, const void *payload, size_t len);

/* Run an action on the plugin owning entity_id. err gets a human reason on failure. */
int hub_plugins_execute(struct hub_plugins *ps, const char *entity_id, const char *action,
                        const char *args_json, char *err, size_t errlen);

size_t hub_plugins_count(const struct hub_plugins *ps);
const char *hub_plugins_name(const struct hub_plugins *ps, size_t i);
/* Bad inputs counted by count_bad_input (all plugins, or one kind when kind != NULL). */
uint64_t hub_plugins_bad_input(const struct hub_plugins *ps, const char *kind);

#endif

/*
 * hub/plugin.h: the device-plugin ABI of hubd. The only header a plugin includes.
 *
 * A plugin is a shared object that exports one function, hub_plugin_describe(). The host
 * passes the ABI versions it supports; the plugin returns the descriptor for the one it
 * picked, or NULL if it supports none of them (the way mosquitto negotiates plugin versions).
 * Every struct that crosses this boundary starts with its version/size and only ever grows
 * at its end, so a plugin built against an older header keeps working with a newer host.
 * Plugins never link against hubd's own symbols: everything they need is in hub_host_api.
 *
 * Threading: the host calls a plugin only from its single state thread, and a plugin calls
 * the host API only from inside those calls (init, on_message, execute, shutdown).
 */
#ifndef HUB_PLUGIN_H
#define HUB_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HUB_PLUGIN_ABI_VERSION 1

/* Status codes shared by hubd, its tools and plugins. hub_strerror() in hubd names them. */
enum hub_status {
    HUB_OK = 0,
    HUB_ERR_INVALID = -1,     /* bad argument or malformed input */
    HUB_ERR_NOMEM = -2,       /* out of memory */
    HUB_ERR_NOT_FOUND = -3,   /* no such entity, key, file or topic */
    HUB_ERR_UNSUPPORTED = -4, /* the device or plugin cannot do this action */
    HUB_ERR_IO = -5,          /* file, socket or database error */
    HUB_ERR_PROTOCOL = -6,    /* peer spoke something we do not understand */
    HUB_ERR_UNAVAILABLE = -7, /* device offline, broker down */
    HUB_ERR_EXISTS = -8,      /* already there (entity id taken, second hub instance) */
    HUB_ERR_RANGE = -9,       /* number out of range */
    HUB_ERR_CONFIG = -10,     /* configuration error */
    HUB_ERR_VERSION = -11,    /* ABI or format version mismatch */
    HUB_ERR_BUSY = -12,       /* queue full, try later */
    HUB_ERR_TIMEOUT = -13,
};

enum hub_log_level { HUB_LOG_ERROR = 0, HUB_LOG_WARN = 1, HUB_LOG_INFO = 2, HUB_LOG_DEBUG = 3 };

/*
 * An entity as a plugin announces it. Strings are copied by the host during the call.
 * entity_id is "domain.object_id" (lower-case a-z, 0-9, '_'); the domain is one of
 * light, switch, fan, cover, lock, climate, media_player, sensor, binary_sensor, valve, vacuum.
 * capabilities_json is a JSON object the host keeps as it is, e.g.
 *   light:  {"brightness":true,"color_temp":[2200,6500],"color":true}
 *   cover:  {"position":true,"stop":true}          climate: {"hvac_modes":["off","heat","cool","auto"],"min_temp":7,"max_temp":30}
 *   fan:    {"percentage":true}                    media_player: {"volume":true,"pause":true,"next":true}
 */
struct hub_entity_desc {
    uint32_t struct_size;          /* sizeof(struct hub_entity_desc) as the plugin knows it */
    const char *entity_id;
    const char *name;              /* human name, e.g. "Kitchen Ceiling" */
    const char *area;              /* suggested area name, may be NULL */
    const char *device_class;      /* e.g. "blind", "garage", "temperature", may be NULL */
    const char *capabilities_json; /* may be NULL */
    const char *unit;              /* sensors: unit of measurement, may be NULL */
};

/*
 * Services the host offers. `host` is the opaque first argument of every call.
 * Functions return enum hub_status. Members are only ever added at the end; a plugin
 * checks struct_size before using a member newer than its header's version 1 set.
 */
struct hub_host_api {
    uint32_t abi_version;
    uint32_t struct_size;
    void *host;
    /* Publish on the hub's MQTT connection. qos 0..2. */
    int (*publish)(void *host, const char *topic, const void *payload, size_t len, int qos,
                   bool retain);
    /* Receive messages matching an MQTT topic filter through the plugin's on_message. */
    int (*subscribe)(void *host, const char *topic_filter, int qos);
    /* Create or update an entity owned by this plugin. */
    int (*upsert_entity)(void *host, const struct hub_entity_desc *entity);
    /* Forget an entity (e.g. removed from the bridge). */
    int (*remove_entity)(void *host, const char *entity_id);
    /* New state ("on", "off", "open", "closed", "locked", "21.5", ...) and attributes
     * (a JSON object, may be NULL). The host records and publishes only real changes. */
    int (*update_state)(void *host, const char *entity_id, const char *state,
                        const char *attributes_json);
    /* Device reachable or not (LWT, availability topics). */
    int (*set_available)(void *host, const char *entity_id, bool available);
    /* Log a line under the plugin's name. */
    void (*log)(void *host, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
    /* A config value from the plugin's section ("[plugin.NAME]" key), or NULL. */
    const char *(*config_get)(void *host, const char *key);
    /* Count a rejected input of a kind ("bad_json", "unknown_device", ...); the host logs the
     * first of each kind and keeps counters (bad input never floods the log). */
    void (*count_bad_input)(void *host, const char *kind, const char *topic);
};

/*
 * Actions the host asks of a plugin through execute(). args_json is a JSON object (or NULL).
 *   turn_on  {brightness: 0-100 %, color_temp_kelvin, rgb_color: [r,g,b], percentage}
 *   turn_off, toggle
 *   open, close, stop, set_position {position: 0-100}
 *   lock, unlock
 *   set_temperature {temperature}, set_hvac_mode {hvac_mode}
 *   set_percentage {percentage: 0-100}
 *   media_play, media_pause, media_stop, media_next, media_previous,
 *   volume_set {volume_level: 0-100}, volume_mute {mute: bool}
 *   vacuum: start, stop, pause, return_to_base (turn_on/turn_off mean start/return_to_base)
 * Return HUB_OK once the command is sent (state follows from the device's report),
 * HUB_ERR_UNSUPPORTED for an action the device cannot do, HUB_ERR_INVALID for bad args.
 */
struct hub_plugin {
    uint32_t abi_version; /* one of the versions the host offered */
    uint32_t struct_size; /* sizeof(struct hub_plugin) as the plugin knows it */
    const char *name;     /* short name: "zigbee2mqtt" */
    const char *version;  /* the plugin's own version string */
    /* Set up; subscribe to topics through host. *state is the plugin's own context. */
    int (*init)(const struct hub_host_api *host, void **state);
    /* A message on a topic the plugin subscribed to. Must never crash on any payload. */
    int (*on_message)(void *state, const char *topic, const void *payload, size_t len);
    /* Carry out an action on one of the plugin's entities. */
    int (*execute)(void *state, const char *entity_id, const char *action, const char *args_json);
    void (*shutdown)(void *state);
};

/* The one symbol a plugin exports. */
#define HUB_PLUGIN_ENTRY "hub_plugin_describe"
typedef const struct hub_plugin *(*hub_plugin_describe_fn)(int n_versions,
                                                            const int *host_versions);
const struct hub_plugin *hub_plugin_describe(int n_versions, const int *host_versions);

#ifdef __cplusplus
}
#endif
#endif /* HUB_PLUGIN_H */

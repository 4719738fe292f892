/*
 * hub.h: the daemon's top-level context, owned by the single state thread (the libuv loop).
 * Subsystems that are wired into hubd (web API, engine, rules) get this struct and add their
 * own pointer at its end.
 */
#ifndef HUB_HUB_H
#define HUB_HUB_H

#include "hubd/broker.h"
#include "hubd/conf.h"

#include <stdbool.h>
#include <uv.h>

struct hub_store;
struct hub_registry;
struct hub_states;
struct hub_mqtt;
struct hub_plugins;

struct hub {
    uv_loop_t *loop;
    struct hub_config cfg;
    char *db_path;
    char *mqtt_host; /* where we connect: configured, or our own broker */
    int mqtt_port;
    struct hub_broker broker; /* pid -1 when the broker is someone else's */
    struct hub_store *store;
    struct hub_registry *reg;
    struct hub_states *states;
    struct hub_mqtt *mqtt;
    struct hub_plugins *plugins;
    uv_timer_t flush_timer;
    uv_signal_t sig_int, sig_term;
    char *ready_file;
    bool ready_written;
    bool stopping;
    int exit_code;
    int64_t last_prune_ms;
    uint64_t calls, bad_calls;
};

/* Publish through the hub's MQTT link (queued while the broker is away). */
int hub_publish(struct hub *h, const char *topic, const void *payload, size_t len, int qos,
                bool retain);

#endif

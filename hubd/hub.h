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
struct hub_web;
struct hub_rules;
struct hub_command;

/* Answer of a text command: status HUB_OK with answer_json {"text","intent","slots","targets",
 * "ok"}, or an error status (answer_json NULL). Called once, on the state thread. */
typedef void (*hub_command_done_fn)(void *ctx, int status, const char *answer_json);

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
    /* The web module (hubd/web.h); NULL when no [http] listen is set. */
    struct hub_web *web;
    /* Text commands: the one hook the language engine fills in (issue 5). NULL until then: the
     * websocket API answers not_ready. Returns HUB_OK when it will call done (exactly once),
     * else an error status and never calls done. lang and area may be NULL. */
    int (*command)(struct hub *h, const char *text, const char *lang, const char *area,
                   hub_command_done_fn done, void *ctx);
    /* Automation rules (hubd/rules.h): hub_rules_api() serves rules/... requests. */
    struct hub_rules *rules;
    /* Text commands, voice endpoints, timers and lists (hubd/command.h); fills in `command`. */
    struct hub_command *voice;
};

/* Publish through the hub's MQTT link (queued while the broker is away). */
int hub_publish(struct hub *h, const char *topic, const void *payload, size_t len, int qos,
                bool retain);

#endif

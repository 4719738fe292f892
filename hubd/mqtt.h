/*
 * mqtt.h: hubd's one MQTT connection (libmosquitto driven by the libuv loop: uv_poll on the
 * socket, a 1 s timer for mosquitto_loop_misc).
 *
 * Persistent session (clean_session = false) under a stable client id, LWT hub/status = offline
 * (retained), "online" retained once connected, reconnect with capped exponential backoff,
 * every subscription renewed after a reconnect, and messages published while the broker is away
 * held in a bounded queue and sent, in order, once it is back.
 */
#ifndef HUB_MQTT_H
#define HUB_MQTT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

struct hub_config;
struct hub_mqtt;

struct hub_mqtt_callbacks {
    void *ud;
    void (*on_message)(void *ud, const char *topic, const void *payload, size_t len, int qos,
                       bool retain);
    /* Connected (first time or again), after subscriptions were renewed and the queue sent. */
    void (*on_connect)(void *ud, bool reconnect);
    void (*on_disconnect)(void *ud);
};

/* Create the client from cfg (host, port, client id, credentials, TLS). Nothing is connected
 * until hub_mqtt_start. NULL with a message in err on error. */
struct hub_mqtt *hub_mqtt_new(uv_loop_t *loop, const struct hub_config *cfg, const char *host,
                              int port, const struct hub_mqtt_callbacks *cb, char *err,
                              size_t errlen);
int hub_mqtt_start(struct hub_mqtt *m);
/* Publish now, or queue while disconnected (HUB_ERR_BUSY when the queue is full). */
int hub_mqtt_publish(struct hub_mqtt *m, const char *topic, const void *payload, size_t len,
                     int qos, bool retain);
/* Subscribe now and after every reconnect. */
int hub_mqtt_subscribe(struct hub_mqtt *m, const char *filter, int qos);
bool hub_mqtt_connected(const struct hub_mqtt *m);
/* Publish "offline", disconnect cleanly (waits up to ~2 s for the socket), close handles. */
void hub_mqtt_stop(struct hub_mqtt *m);
/* After hub_mqtt_stop and after the loop ran its close callbacks. */
void hub_mqtt_free(struct hub_mqtt *m);

struct hub_mqtt_stats {
    uint64_t connects, disconnects, published, received, queued, dropped;
    int64_t last_reconnect_ms; /* time from losing the broker to being connected again */
};
void hub_mqtt_get_stats(const struct hub_mqtt *m, struct hub_mqtt_stats *out);

#endif

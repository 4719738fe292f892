/*
 * test-hubd-mqtt.c: hubd's MQTT link (hubd/mqtt.c) against a real mosquitto it starts with
 * hubd/broker.c: messages published while no broker is there are queued up to queue_limit
 * (then refused with HUB_ERR_BUSY) and delivered in order once it is; subscriptions made before
 * the connection are made on connect; after the broker restarts the link reconnects by itself,
 * renews its subscriptions and says so through on_connect(reconnect = true).
 */
#include "hub_log.h"
#include "hub_status.h"
#include "hubd/broker.h"
#include "hubd/conf.h"
#include "hubd/mqtt.h"

#include <mosquitto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/hub-check.h"

static char got[64][32];
static int n_got, n_connects, n_reconnects, n_disconnects;

static void on_message(void *ud, const char *topic, const void *payload, size_t len, int qos,
                       bool retain)
{
    if (strncmp(topic, "q/", 2) == 0 && n_got < 64)
        snprintf(got[n_got++], sizeof got[0], "%.*s", (int)len, (const char *)payload);
}
static void on_connect(void *ud, bool reconnect)
{
    n_connects++;
    if (reconnect) n_reconnects++;
}
static void on_disconnect(void *ud) { n_disconnects++; }

static uv_loop_t *loop;
static void tick(uv_timer_t *t) { (void)t; }

/* Run the loop until *counter reaches want or ms pass. */
static bool run_until(int *counter, int want, int ms)
{
    uv_timer_t t;
    uv_timer_init(loop, &t);
    uv_timer_start(&t, tick, 10, 10);
    for (int i = 0; i < ms / 10 && *counter < want; i++) uv_run(loop, UV_RUN_ONCE);
    uv_timer_stop(&t);
    uv_close((uv_handle_t *)&t, NULL);
    uv_run(loop, UV_RUN_NOWAIT);
    return *counter >= want;
}

int main(void)
{
    mosquitto_lib_init();
    loop = uv_default_loop();
    char *bin = hub_broker_find(NULL);
    if (!bin) {
        fprintf(stderr, "mosquitto is not installed\n");
        return 1;
    }
    int port = hub_broker_free_port();
    CHECK(port > 0);
    struct hub_config cfg;
    hub_config_init(&cfg);
    cfg.mqtt_queue_limit = 5;
    cfg.mqtt_reconnect_max = 1;
    hub_config_set_str(&cfg.mqtt_client_id, "test-hubd-mqtt");
    char err[256];
    struct hub_mqtt_callbacks cb = {.on_message = on_message, .on_connect = on_connect,
                                    .on_disconnect = on_disconnect};
    struct hub_mqtt *m = hub_mqtt_new(loop, &cfg, "127.0.0.1", port, &cb, err, sizeof err);
    CHECK(m != NULL);
    if (!m) return 1;
    CHECK(hub_mqtt_subscribe(m, "q/#", 1) == HUB_OK);
    CHECK(hub_mqtt_subscribe(m, "bad/#/filter", 1) == HUB_ERR_INVALID);
    CHECK(hub_mqtt_publish(m, "bad/+", "x", 1, 1, false) == HUB_ERR_INVALID);
    CHECK(hub_mqtt_start(m) == HUB_OK); /* no broker yet: it keeps trying */
    run_until(&n_connects, 1, 300);
    CHECK(n_connects == 0 && !hub_mqtt_connected(m));

    /* Queued while away: five fit, the rest are refused, not silently dropped. */
    for (int i = 1; i <= 7; i++) {
        char p[16];
        snprintf(p, sizeof p, "m%d", i);
        int rc = hub_mqtt_publish(m, "q/a", p, strlen(p), 1, false);
        CHECK(rc == (i <= 5 ? HUB_OK : HUB_ERR_BUSY));
    }
    struct hub_broker b;
    CHECK(hub_broker_start(&b, bin, port, 0, err, sizeof err) == HUB_OK);
    CHECK(run_until(&n_connects, 1, 5000));
    CHECK(run_until(&n_got, 5, 3000));
    CHECK(n_got == 5);
    for (int i = 0; i < n_got && i < 5; i++) {
        char want[16];
        snprintf(want, sizeof want, "m%d", i + 1);
        CHECK(strcmp(got[i], want) == 0); /* in order */
    }
    struct hub_mqtt_stats st;
    hub_mqtt_get_stats(m, &st);
    CHECK(st.queued == 5 && st.dropped == 2 && st.connects == 1);

    /* Broker restart: reconnect, subscriptions renewed, publishing works again. */
    hub_broker_stop(&b);
    CHECK(run_until(&n_disconnects, 1, 3000));
    CHECK(hub_mqtt_publish(m, "q/a", "during", 6, 1, false) == HUB_OK); /* queued */
    CHECK(hub_broker_start(&b, bin, port, 0, err, sizeof err) == HUB_OK);
    CHECK(run_until(&n_reconnects, 1, 5000));
    CHECK(run_until(&n_got, 6, 3000) && strcmp(got[5], "during") == 0);
    CHECK(hub_mqtt_publish(m, "q/b", "after", 5, 1, false) == HUB_OK);
    CHECK(run_until(&n_got, 7, 3000) && strcmp(got[6], "after") == 0);
    hub_mqtt_get_stats(m, &st);
    printf("reconnected after %lld ms\n", (long long)st.last_reconnect_ms);
    CHECK(st.last_reconnect_ms >= 0 && st.last_reconnect_ms < 5000);

    hub_mqtt_stop(m);
    uv_run(loop, UV_RUN_DEFAULT); /* closes the handles; returns when none is left */
    hub_mqtt_free(m);
    hub_broker_stop(&b);
    hub_config_free(&cfg);
    free(bin);
    uv_loop_close(loop);
    mosquitto_lib_cleanup();
    if (failures) fprintf(stderr, "%d checks failed\n", failures);
    else printf("mqtt link: all checks passed\n");
    return failures ? 1 : 0;
}

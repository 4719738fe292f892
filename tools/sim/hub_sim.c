/* hub_sim.c: hub-sim, a simulated house on real device protocols over a real MQTT broker.
 * One libmosquitto connection carries every device (zigbee2mqtt bridge, Tasmota nodes,
 * ESPHome-like HA discovery nodes); one thread runs mosquitto_loop() and the simulation clock.
 * After every (re)connect it subscribes again and republishes discovery, availability and
 * state, so a restarted broker without persistence gets the whole house back.
 * See `hub-sim --help` and tools/sim/README.md for the topics and the control topic. */
#include "config.h"
#include "tools/sim/sim.h"
#include "hub_log.h"
#include "hub_status.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <mosquitto.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define TAG "hub-sim"

#ifndef HUB_SIM_SRC_HOUSE
#define HUB_SIM_SRC_HOUSE ""
#endif
#ifndef HUB_SIM_INSTALLED_HOUSE
#define HUB_SIM_INSTALLED_HOUSE ""
#endif

static volatile sig_atomic_t sim_stop;
static int sim_pending; /* QoS 1 publishes not yet acknowledged (for a clean exit) */
static bool sim_connected;

static void on_signal(int sig)
{
    (void)sig;
    sim_stop = 1;
}

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Retained messages (discovery, availability, ESPHome states) go at QoS 1; reports at QoS 0,
 * as z2m and Tasmota send them by default. */
static void mqtt_publish(struct sim_house *h, const char *topic, const char *payload, size_t len,
                         bool retain)
{
    struct mosquitto *mosq = h->publish_ctx;
    int qos = retain ? 1 : 0;
    if (len > INT_MAX) return;
    int rc = mosquitto_publish(mosq, NULL, topic, (int)len, payload, qos, retain);
    if (rc != MOSQ_ERR_SUCCESS) {
        /* Not connected: everything is republished after the next connect. */
        hub_debug(TAG, "publish %s: %s", topic, mosquitto_strerror(rc));
        return;
    }
    if (qos) sim_pending++;
    hub_debug(TAG, "-> %s %.*s", topic, len > 200 ? 200 : (int)len, payload);
}

static void on_publish(struct mosquitto *mosq, void *obj, int mid)
{
    (void)mosq, (void)obj, (void)mid;
    if (sim_pending > 0) sim_pending--;
}

static void on_connect(struct mosquitto *mosq, void *obj, int rc)
{
    struct sim_house *h = obj;
    if (rc != 0) {
        hub_error(TAG, "broker refused the connection: %s", mosquitto_connack_string(rc));
        return;
    }
    sim_connected = true;
    sim_pending = 0;
    for (size_t i = 0; sim_subscriptions[i]; i++) {
        int s = mosquitto_subscribe(mosq, NULL, sim_subscriptions[i], 1);
        if (s != MOSQ_ERR_SUCCESS)
            hub_error(TAG, "subscribe %s: %s", sim_subscriptions[i], mosquitto_strerror(s));
    }
    sim_announce_all(h);
    sim_publish(h, "hub-sim/status", "online", true);
    hub_info(TAG, "connected; %zu devices announced", h->ndev);
}

static void on_disconnect(struct mosquitto *mosq, void *obj, int rc)
{
    (void)mosq, (void)obj;
    sim_connected = false;
    if (rc != 0) hub_warn(TAG, "connection lost: %s", mosquitto_strerror(rc));
}

static void on_message(struct mosquitto *mosq, void *obj, const struct mosquitto_message *m)
{
    (void)mosq;
    struct sim_house *h = obj;
    if (!m->topic || m->payloadlen < 0) return;
    if (hub_log_get_level() >= HUB_LOG_DEBUG) {
        char ex[208];
        hub_debug(TAG, "<- %s %s", m->topic,
                  sim_excerpt(m->payload, (size_t)m->payloadlen, ex, sizeof ex));
    }
    sim_handle_message(h, m->topic, m->payload, (size_t)m->payloadlen);
}

static void usage(FILE *f)
{
    fprintf(
        f,
        "usage: hub-sim [--mqtt HOST:PORT] [--house FILE.json] [options]\n"
        "Simulates a house of zigbee2mqtt, Tasmota and Home Assistant discovery devices\n"
        "on a real MQTT broker.\n"
        "  --mqtt HOST:PORT      broker (default 127.0.0.1:1883)\n"
        "  --house FILE.json     house in the fixture format (floors, areas, entities;\n"
        "                        optional \"protocol\": zigbee2mqtt|tasmota|ha per entity);\n"
        "                        default: the demo house (data/houses/demo.json)\n"
        "  --tele-period S       Tasmota tele/STATE and SENSOR period (default 60)\n"
        "  --sensor-period S     zigbee2mqtt and HA sensor report period (default 30)\n"
        "  --offline NAME        start device NAME unavailable (repeatable)\n"
        "  --z2m-retain          retain zigbee2mqtt device states (z2m's retain option)\n"
        "  --client-id ID        MQTT client id (default hub-sim-<pid>)\n"
        "  --log-level L         error, warn, info (default) or debug\n"
        "  --list                print the devices and their topics, then exit\n"
        "Control: publish {\"device\":NAME,\"available\":false} or {\"device\":NAME,\"value\":X}\n"
        "or {\"device\":NAME,\"report\":true} to hub-sim/control; answers on\n"
        "hub-sim/control/result. hub-sim/status is \"online\" (retained) once announced.\n");
}

static void list_devices(struct sim_house *h)
{
    for (size_t i = 0; i < h->ndev; i++) {
        struct sim_device *d = &h->dev[i];
        char topic[SIM_TOPIC_MAX];
        if (d->proto == SIM_PROTO_Z2M)
            snprintf(topic, sizeof topic, "zigbee2mqtt/%s", d->topic_name);
        else if (d->proto == SIM_PROTO_TASMOTA) {
            char t[32];
            sim_tasmota_topic(d, t, sizeof t);
            snprintf(topic, sizeof topic, "cmnd/%s/", t);
        } else
            sim_ha_base(d, topic, sizeof topic);
        printf("%-12s %-14s %-26s %-12s %-12s %s\n", sim_proto_name(d->proto),
               sim_domain_name(d->domain), d->name, *d->area ? d->area : "-",
               *d->floor ? d->floor : "-", topic);
    }
}

static int parse_period(const char *opt, const char *arg, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || !(v >= 0.2 && v <= 86400)) {
        hub_error(TAG, "%s: '%s' is not a number of seconds in 0.2-86400", opt, arg);
        return -1;
    }
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {{"mqtt", required_argument, 0, 'm'},
                                         {"house", required_argument, 0, 'H'},
                                         {"tele-period", required_argument, 0, 't'},
                                         {"sensor-period", required_argument, 0, 's'},
                                         {"offline", required_argument, 0, 'o'},
                                         {"z2m-retain", no_argument, 0, 'r'},
                                         {"client-id", required_argument, 0, 'c'},
                                         {"log-level", required_argument, 0, 'l'},
                                         {"list", no_argument, 0, 'L'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *mqtt = "127.0.0.1:1883", *house_path = NULL, *client_id = NULL;
    const char *offline[64];
    int noffline = 0;
    bool list = false;
    struct sim_house h = {.tele_period = 60, .sensor_period = 30};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'm': mqtt = optarg; break;
        case 'H': house_path = optarg; break;
        case 't':
            if (parse_period("--tele-period", optarg, &h.tele_period)) return 2;
            break;
        case 's':
            if (parse_period("--sensor-period", optarg, &h.sensor_period)) return 2;
            break;
        case 'o':
            if (noffline == 64) {
                hub_error(TAG, "--offline: at most 64 devices");
                return 2;
            }
            offline[noffline++] = optarg;
            break;
        case 'r': h.z2m_retain = true; break;
        case 'c': client_id = optarg; break;
        case 'l': {
            int lv = hub_log_level_from_name(optarg);
            if (lv < 0) {
                hub_error(TAG, "--log-level: '%s' is not error, warn, info or debug", optarg);
                return 2;
            }
            hub_log_set_level(lv);
            break;
        }
        case 'L': list = true; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        hub_error(TAG, "unexpected argument '%s'", argv[optind]);
        usage(stderr);
        return 2;
    }

    char host[256];
    int port = 1883;
    const char *colon = strrchr(mqtt, ':');
    size_t hl = colon ? (size_t)(colon - mqtt) : strlen(mqtt);
    if (hl == 0 || hl >= sizeof host) {
        hub_error(TAG, "--mqtt: '%s' is not HOST:PORT", mqtt);
        return 2;
    }
    memcpy(host, mqtt, hl);
    host[hl] = '\0';
    if (colon) {
        char *end;
        long p = strtol(colon + 1, &end, 10);
        if (end == colon + 1 || *end || p < 1 || p > 65535) {
            hub_error(TAG, "--mqtt: '%s' has no valid port (1-65535)", mqtt);
            return 2;
        }
        port = (int)p;
    }

    /* The house: --house, else the demo house from the source tree or the installed copy. */
    if (!house_path) {
        house_path = HUB_SIM_SRC_HOUSE;
        if (!*house_path || access(house_path, R_OK) != 0) house_path = HUB_SIM_INSTALLED_HOUSE;
        if (!*house_path || access(house_path, R_OK) != 0) {
            hub_error(TAG, "no --house given and the demo house is missing (%s, %s)",
                      HUB_SIM_SRC_HOUSE, HUB_SIM_INSTALLED_HOUSE);
            return 1;
        }
    }
    if (sim_house_load_file(&h, house_path) != HUB_OK) return 1;
    for (int i = 0; i < noffline; i++) {
        struct sim_device *d = sim_house_find(&h, offline[i]);
        if (!d) {
            hub_error(TAG, "--offline: no device named '%s' in %s", offline[i], house_path);
            sim_house_free(&h);
            return 2;
        }
        d->available = false;
    }
    if (list) {
        list_devices(&h);
        sim_house_free(&h);
        return 0;
    }

    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0) {
        hub_error(TAG, "sigaction: %s", strerror(errno));
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);

    int rc = mosquitto_lib_init();
    if (rc != MOSQ_ERR_SUCCESS) {
        hub_error(TAG, "mosquitto_lib_init: %s", mosquitto_strerror(rc));
        return 1;
    }
    char idbuf[64];
    if (!client_id) {
        snprintf(idbuf, sizeof idbuf, "hub-sim-%ld", (long)getpid());
        client_id = idbuf;
    }
    struct mosquitto *mosq = mosquitto_new(client_id, true, &h);
    if (!mosq) {
        hub_error(TAG, "mosquitto_new: %s", strerror(errno));
        mosquitto_lib_cleanup();
        return 1;
    }
    h.publish = mqtt_publish;
    h.publish_ctx = mosq;
    h.rng = 0x5eed5eedULL;
    /* The connection's will is the zigbee2mqtt bridge's own (bridge/state offline, retained)
     * when the house has a bridge; else hub-sim/status offline. */
    bool has_z2m = false;
    for (size_t i = 0; i < h.ndev; i++)
        has_z2m |= h.dev[i].proto == SIM_PROTO_Z2M;
    const char *will = has_z2m ? "{\"state\":\"offline\"}" : "offline";
    rc = mosquitto_will_set(mosq, has_z2m ? "zigbee2mqtt/bridge/state" : "hub-sim/status",
                            (int)strlen(will), will, 1, true);
    if (rc != MOSQ_ERR_SUCCESS) hub_warn(TAG, "mosquitto_will_set: %s", mosquitto_strerror(rc));
    mosquitto_connect_callback_set(mosq, on_connect);
    mosquitto_disconnect_callback_set(mosq, on_disconnect);
    mosquitto_message_callback_set(mosq, on_message);
    mosquitto_publish_callback_set(mosq, on_publish);

    hub_info(TAG, "%zu devices from %s; broker %s:%d", h.ndev, house_path, host, port);
    double backoff = 0.25, next_try = 0;
    bool ever = false, warned = false;
    rc = mosquitto_connect(mosq, host, port, 30);
    if (rc == MOSQ_ERR_SUCCESS)
        ever = true;
    else {
        hub_warn(TAG, "connect %s:%d: %s; retrying", host, port,
                 rc == MOSQ_ERR_ERRNO ? strerror(errno) : mosquitto_strerror(rc));
        warned = true;
        next_try = mono_now() + backoff;
    }
    sim_tick(&h, mono_now());
    bool link = rc == MOSQ_ERR_SUCCESS;
    while (!sim_stop) {
        double now = mono_now();
        if (link) {
            rc = mosquitto_loop(mosq, 100, 1);
            if (rc != MOSQ_ERR_SUCCESS && !sim_stop) {
                if (rc != MOSQ_ERR_NO_CONN || !warned)
                    hub_warn(TAG, "connection: %s; reconnecting",
                             rc == MOSQ_ERR_ERRNO ? strerror(errno) : mosquitto_strerror(rc));
                warned = true;
                link = false;
                sim_connected = false;
                backoff = 0.25;
                next_try = now + backoff;
            }
        } else {
            usleep(100 * 1000);
            if (now >= next_try) {
                rc = ever ? mosquitto_reconnect(mosq) : mosquitto_connect(mosq, host, port, 30);
                if (rc == MOSQ_ERR_SUCCESS) {
                    link = true, ever = true, warned = false;
                } else {
                    /* Capped exponential backoff: 0.25 s doubling to 2 s. */
                    backoff = backoff * 2 > 2 ? 2 : backoff * 2;
                    next_try = now + backoff;
                }
            }
        }
        sim_tick(&h, mono_now());
    }

    /* Clean exit: every device goes offline, as its firmware's LWT would say. */
    if (sim_connected) {
        hub_info(TAG, "stopping: marking devices offline");
        for (size_t i = 0; i < h.ndev; i++) {
            h.dev[i].available = false;
            sim_publish_availability(&h, &h.dev[i]);
        }
        for (size_t i = 0; i < h.ndev; i++)
            if (h.dev[i].proto == SIM_PROTO_Z2M) {
                sim_publish(&h, "zigbee2mqtt/bridge/state", "{\"state\":\"offline\"}", true);
                break;
            }
        sim_publish(&h, "hub-sim/status", "offline", true);
        double deadline = mono_now() + 3;
        while (sim_pending > 0 && mono_now() < deadline &&
               mosquitto_loop(mosq, 100, 1) == MOSQ_ERR_SUCCESS)
            ;
        mosquitto_disconnect(mosq);
    }
    mosquitto_destroy(mosq);
    mosquitto_lib_cleanup();
    sim_house_free(&h);
    hub_info(TAG, "stopped");
    return 0;
}

/*
 * bench-command.c: end-to-end latency of commands through hubd. Publishes N commands, one at
 * a time, and times each from its publish until the device's own command message (e.g.
 * zigbee2mqtt/Living Room Lamp/set) appears on the broker; prints p50/p99/max in ms.
 *
 *   bench-command --mqtt HOST:PORT [-n N] [--intent] [--name "Living Room Lamp"]
 *                 [--topic "zigbee2mqtt/Living Room Lamp/set"] [--lang en|zh-CN] [--timeout S]
 *                 [--text "turn off the living room lights"]
 *
 * Text mode (default) sends "turn on/off the name" on hub/command (the name in lower case, as a
 * speech recognizer writes it; "打开NAME" in Chinese): the language engine, the
 * resolver, the plugin and the broker. --intent sends the parsed intent on hub/intent instead
 * (everything but the engine), for hubs without a model or to split the figure. Commands
 * alternate on/off so every one makes the device move; --text sends one fixed utterance
 * instead (the hub sends the device its command every time, moved or not).
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <mosquitto.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct bench {
    const char *topic;
    volatile bool seen;
    int64_t seen_ns;
    int answers;
};

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void on_message(struct mosquitto *m, void *ud, const struct mosquitto_message *msg)
{
    struct bench *b = ud;
    if (strcmp(msg->topic, b->topic) == 0 && !b->seen) {
        b->seen_ns = now_ns();
        b->seen = true;
    } else if (strcmp(msg->topic, "hub/response") == 0) {
        b->answers++;
    }
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: bench-command --mqtt HOST:PORT [-n N] [--intent] [--name NAME] "
               "[--topic DEVICE_TOPIC] [--lang en|zh-CN] [--timeout SECONDS] [--text UTTERANCE]\n");
}

int main(int argc, char **argv)
{
    const char *mqtt = "127.0.0.1:1883", *name = "Living Room Lamp",
               *topic = "zigbee2mqtt/Living Room Lamp/set", *lang = "en";
    int n = 100;
    bool intent = false;
    const char *text = NULL;
    double timeout_s = 5;
    static const struct option opts[] = {{"mqtt", required_argument, NULL, 'm'},
                                         {"intent", no_argument, NULL, 'i'},
                                         {"name", required_argument, NULL, 'N'},
                                         {"topic", required_argument, NULL, 't'},
                                         {"lang", required_argument, NULL, 'l'},
                                         {"timeout", required_argument, NULL, 'T'},
                                         {"text", required_argument, NULL, 'x'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int o;
    while ((o = getopt_long(argc, argv, "n:", opts, NULL)) != -1) {
        switch (o) {
        case 'm': mqtt = optarg; break;
        case 'n': n = atoi(optarg); break;
        case 'i': intent = true; break;
        case 'N': name = optarg; break;
        case 't': topic = optarg; break;
        case 'l': lang = optarg; break;
        case 'T': timeout_s = atof(optarg); break;
        case 'x': text = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (n < 1 || n > 1000000 || timeout_s <= 0 || strlen(name) > 200 ||
        (text && (strlen(text) > 400 || strchr(text, '"') || strchr(text, '\\')))) {
        usage(stderr);
        return 2;
    }
    char spoken[256]; /* the name as said: lower case */
    size_t k = 0;
    for (; name[k] && k + 1 < sizeof spoken; k++)
        spoken[k] = (char)tolower((unsigned char)name[k]);
    spoken[k] = '\0';
    char host[256];
    int port = 1883;
    const char *colon = strrchr(mqtt, ':');
    snprintf(host, sizeof host, "%.*s", colon ? (int)(colon - mqtt) : (int)strlen(mqtt), mqtt);
    if (colon) port = atoi(colon + 1);

    struct bench b = {.topic = topic};
    mosquitto_lib_init();
    struct mosquitto *m = mosquitto_new(NULL, true, &b);
    if (!m) {
        fprintf(stderr, "bench-command: mosquitto_new: %s\n", strerror(errno));
        return 1;
    }
    mosquitto_message_callback_set(m, on_message);
    /* Nagle would hold our small publishes for the broker's delayed ACK (~40 ms) */
    mosquitto_int_option(m, MOSQ_OPT_TCP_NODELAY, 1);
    int rc = mosquitto_connect(m, host, port, 30);
    if (rc) {
        fprintf(stderr, "bench-command: connect %s:%d: %s\n", host, port, mosquitto_strerror(rc));
        return 1;
    }
    if ((rc = mosquitto_subscribe(m, NULL, topic, 0)) ||
        (rc = mosquitto_subscribe(m, NULL, "hub/response", 0))) {
        fprintf(stderr, "bench-command: subscribe: %s\n", mosquitto_strerror(rc));
        return 1;
    }
    if ((rc = mosquitto_loop_start(m))) {
        fprintf(stderr, "bench-command: loop_start: %s\n", mosquitto_strerror(rc));
        return 1;
    }
    struct timespec settle = {0, 300000000};
    nanosleep(&settle, NULL);

    double *ms = calloc((size_t)n, sizeof *ms);
    int got = 0, lost = 0;
    for (int i = 0; i < n; i++) {
        bool on = i % 2 == 0;
        char payload[600];
        if (text && !intent)
            snprintf(payload, sizeof payload, "{\"text\":\"%s\",\"lang\":\"%s\"}", text, lang);
        else if (intent)
            snprintf(payload, sizeof payload,
                     "{\"intent\":\"%s\",\"slots\":{\"name\":\"%s\"},\"lang\":\"%s\"}",
                     on ? "HassTurnOn" : "HassTurnOff", name, lang);
        else if (strncmp(lang, "zh", 2) == 0)
            snprintf(payload, sizeof payload, "{\"text\":\"%s%s\",\"lang\":\"%s\"}",
                     on ? "打开" : "关闭", name, lang);
        else
            snprintf(payload, sizeof payload, "{\"text\":\"turn %s the %s\",\"lang\":\"%s\"}",
                     on ? "on" : "off", spoken, lang);
        b.seen = false;
        int64_t t0 = now_ns();
        rc = mosquitto_publish(m, NULL, intent ? "hub/intent" : "hub/command",
                               (int)strlen(payload), payload, 0, false);
        if (rc) {
            fprintf(stderr, "bench-command: publish: %s\n", mosquitto_strerror(rc));
            break;
        }
        while (!b.seen && now_ns() - t0 < (int64_t)(timeout_s * 1e9)) {
            struct timespec ts = {0, 50000}; /* 50 us */
            nanosleep(&ts, NULL);
        }
        if (b.seen)
            ms[got++] = (double)(b.seen_ns - t0) / 1e6;
        else
            lost++;
        if (got == 0 && lost == 3) break; /* the hub does not understand it: do not wait N times */
        struct timespec gap = {0, 2000000}; /* let the device's state report pass */
        nanosleep(&gap, NULL);
    }
    mosquitto_disconnect(m);
    mosquitto_loop_stop(m, false);
    mosquitto_destroy(m);
    mosquitto_lib_cleanup();
    if (!got) {
        fprintf(stderr, "bench-command: no command reached %s (%d sent; is the hub running, and "
                        "does it understand them?)\n", topic, n);
        free(ms);
        return 1;
    }
    qsort(ms, (size_t)got, sizeof *ms, cmp_d);
    printf("mode %s, %d commands, %d reached %s, %d lost\n", intent ? "hub/intent" : "hub/command",
           n, got, topic, lost);
    printf("p50 %.2f ms\np99 %.2f ms\nmax %.2f ms\n", ms[(got - 1) / 2],
           ms[(int)((got - 1) * 0.99)], ms[got - 1]);
    free(ms);
    return lost ? 1 : 0;
}

/*
 * bench-ingest.c: how many device state messages per second hubd sustains, with history on,
 * beside the broker's own loopback rate measured in the same run, and hubd's memory with N
 * entities. A benchmark program, not a test: it prints a table a person compares across
 * versions.
 *
 * What it does, all on loopback with real processes:
 *   1. starts mosquitto on a free port (or uses --mqtt HOST:PORT);
 *   2. broker alone: a publisher sends zigbee2mqtt-style state JSON to a plain subscriber,
 *      keeping at most --window messages in flight, for --seconds;
 *   3. starts hubd (--hubd, default the in-tree hubd/hubd) on a fresh database, publishes a
 *      retained zigbee2mqtt/bridge/devices list of N devices (lights, plugs, temperature
 *      sensors: one entity each), one first state per device, and waits until hubd has
 *      published hub/state/<entity> for all N;
 *   4. hubd ingest: the same windowed publisher sends state changes on zigbee2mqtt/<name>
 *      (every message changes the device's state, so hubd records history and republishes
 *      hub/state for each); throughput is counted on hubd's hub/state output;
 *   5. reads hubd's VmRSS/VmHWM from /proc, stops it with SIGTERM (it flushes history) and
 *      counts the history rows in its database.
 * The window makes the rate a sustained one: the publisher never runs ahead of the consumer by
 * more than --window messages, so nothing is dropped by queue limits; lost messages are
 * reported.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <mosquitto.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

struct bench_opts {
    const char *hubd, *mosquitto, *mqtt_host, *extra_args;
    int mqtt_port, entities, seconds, window, rate;
    bool keep, publish_only;
};

/* ---- small helpers ---- */

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void sleep_ms(int ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static int free_tcp_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    int port = -1;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    close(fd);
    return port;
}

/* Starts argv[0] with stdout+stderr to `log`; returns the pid or -1. No shell involved. */
static pid_t spawn_logged(char *const argv[], const char *log)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        fprintf(stderr, "bench-ingest: cannot start %s: %s\n", argv[0], strerror(rc));
        return -1;
    }
    return pid;
}

static void stop_child(pid_t pid, int sig, int wait_ms)
{
    if (pid <= 0) return;
    kill(pid, sig);
    for (int i = 0; i < wait_ms / 10; i++) {
        if (waitpid(pid, NULL, WNOHANG) == pid) return;
        sleep_ms(10);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

/* VmRSS / VmHWM of pid in KiB, or -1. */
static long proc_kib(pid_t pid, const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    long v = -1;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':') v = strtol(line + n + 1, NULL, 10);
    fclose(f);
    return v;
}

/* CPU time (user + system) used so far by pid, in seconds, or -1. */
static double proc_cpu_s(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15. */
    char *p = strrchr(buf, ')');
    unsigned long ut, st;
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
        return -1;
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* Seconds pid has spent runnable but waiting for a CPU (schedstat), or -1. On a shared box
 * this tells a slow hubd from a starved one. */
static double proc_wait_s(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/schedstat", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    unsigned long long run, wait;
    int n = fscanf(f, "%llu %llu", &run, &wait);
    fclose(f);
    return n == 2 ? (double)wait / 1e9 : -1;
}

/* ---- the simulated zigbee2mqtt network ---- */

enum dev_kind { DEV_LIGHT, DEV_PLUG, DEV_TEMP };

static enum dev_kind dev_kind(int i)
{
    return i % 10 < 6 ? DEV_LIGHT : i % 10 < 8 ? DEV_PLUG : DEV_TEMP;
}

static void dev_name(int i, char *out, size_t len)
{
    static const char *const kinds[] = {"light", "plug", "temp"};
    snprintf(out, len, "bench_%s_%04d", kinds[dev_kind(i)], i);
}

/* zigbee2mqtt's bridge/devices: the coordinator, then n devices with real-looking exposes. */
static char *bridge_devices_json(int n)
{
    json_t *arr = json_array();
    json_array_append_new(arr,
                          json_pack("{s:s, s:s, s:i, s:b, s:b}", "ieee_address",
                                    "0x00124b0000000000", "type", "Coordinator", "network_address",
                                    0, "supported", true, "interview_completed", true));
    for (int i = 0; i < n; i++) {
        char name[64], ieee[32];
        dev_name(i, name, sizeof name);
        snprintf(ieee, sizeof ieee, "0x00158d00%08x", (unsigned)i);
        json_t *exposes = json_array(), *def;
        json_t *lq = json_pack("{s:s, s:s, s:s, s:i, s:s, s:i, s:i}", "type", "numeric", "name",
                               "linkquality", "property", "linkquality", "access", 1, "unit", "lqi",
                               "value_min", 0, "value_max", 255);
        switch (dev_kind(i)) {
        case DEV_LIGHT:
            json_array_append_new(
                exposes,
                json_pack("{s:s, s:[{s:s, s:s, s:s, s:s, s:s, s:s, s:i},"
                          " {s:s, s:s, s:s, s:i, s:i, s:i}]}",
                          "type", "light", "features", "type", "binary", "name", "state",
                          "property", "state", "value_on", "ON", "value_off", "OFF", "value_toggle",
                          "TOGGLE", "access", 7, "type", "numeric", "name", "brightness",
                          "property", "brightness", "value_min", 0, "value_max", 254, "access", 7));
            def = json_pack("{s:s, s:s, s:s}", "model", "LED1545G12", "vendor", "IKEA",
                            "description", "TRADFRI LED bulb E27 980 lumen, dimmable");
            break;
        case DEV_PLUG:
            json_array_append_new(
                exposes, json_pack("{s:s, s:[{s:s, s:s, s:s, s:s, s:s, s:s, s:i}]}", "type",
                                   "switch", "features", "type", "binary", "name", "state",
                                   "property", "state", "value_on", "ON", "value_off", "OFF",
                                   "value_toggle", "TOGGLE", "access", 7));
            def = json_pack("{s:s, s:s, s:s}", "model", "E1603/E1702/E1708", "vendor", "IKEA",
                            "description", "TRADFRI control outlet");
            break;
        default:
            json_array_append_new(exposes, json_pack("{s:s, s:s, s:s, s:i, s:s, s:s}", "type",
                                                     "numeric", "name", "temperature", "property",
                                                     "temperature", "access", 1, "unit", "°C",
                                                     "description", "Measured temperature value"));
            def = json_pack("{s:s, s:s, s:s}", "model", "WSDCGQ11LM", "vendor", "Aqara",
                            "description", "Temperature sensor");
            break;
        }
        json_array_append_new(exposes, lq);
        json_object_set_new(def, "exposes", exposes);
        json_t *dev = json_pack(
            "{s:s, s:s, s:s, s:i, s:b, s:b, s:s, s:s, s:o}", "ieee_address", ieee, "friendly_name",
            name, "type", dev_kind(i) == DEV_TEMP ? "EndDevice" : "Router", "network_address",
            1000 + i, "supported", true, "interview_completed", true, "power_source",
            dev_kind(i) == DEV_TEMP ? "Battery" : "Mains (single phase)", "description",
            i % 2 ? "Bench Room A" : "Bench Room B", "definition", def);
        json_array_append_new(arr, dev);
    }
    char *s = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    return s;
}

/* The k-th state report of device i: always different from the (k-1)-th as hubd sees it, so
 * that every message is a state change (hubd shows brightness in percent and rounds sensor
 * values: steps smaller than that would be no change, no history row, no hub/state). */
static int state_payload(int i, long k, char *out, size_t len)
{
    int lq = 40 + (int)((k * 7 + i) % 200);
    switch (dev_kind(i)) {
    case DEV_LIGHT:
        return snprintf(out, len, "{\"state\":\"ON\",\"brightness\":%ld,\"linkquality\":%d}",
                        3 + (k % 80) * 3, lq);
    case DEV_PLUG:
        return snprintf(out, len, "{\"state\":\"%s\",\"linkquality\":%d}", k % 2 ? "ON" : "OFF",
                        lq);
    default:
        return snprintf(out, len, "{\"temperature\":%.2f,\"linkquality\":%d,\"battery\":%d}",
                        10.0 + (double)(k % 40) * 0.5, lq, 90);
    }
}

/* ---- MQTT clients ---- */

struct counter {
    atomic_long received;
    /* distinct topics seen (hub/state/<id>): a small open-addressing set, loop thread only */
    char **set;
    size_t set_cap;
    atomic_long distinct;
    const char *prefix;
};

static void set_add(struct counter *c, const char *topic)
{
    unsigned long h = 5381;
    for (const char *p = topic; *p; p++)
        h = h * 33 + (unsigned char)*p;
    for (size_t i = h % c->set_cap;; i = (i + 1) % c->set_cap) {
        if (!c->set[i]) {
            if ((size_t)atomic_load(&c->distinct) * 2 >= c->set_cap) return; /* full: stop */
            c->set[i] = strdup(topic);
            atomic_fetch_add(&c->distinct, 1);
            return;
        }
        if (strcmp(c->set[i], topic) == 0) return;
    }
}

static void on_message(struct mosquitto *m, void *ud, const struct mosquitto_message *msg)
{
    struct counter *c = ud;
    atomic_fetch_add(&c->received, 1);
    if (c->set && msg->payloadlen > 0) set_add(c, msg->topic);
}

static struct mosquitto *client_new(const char *id, const char *host, int port, void *ud)
{
    struct mosquitto *m = mosquitto_new(id, true, ud);
    if (!m) {
        fprintf(stderr, "bench-ingest: mosquitto_new: %s\n", strerror(errno));
        return NULL;
    }
    /* Without a limit libmosquitto queues as much as we publish; the window bounds it. */
    mosquitto_int_option(m, MOSQ_OPT_SEND_MAXIMUM, 65535);
    int rc = MOSQ_ERR_UNKNOWN;
    for (int i = 0; i < 100; i++) {
        rc = mosquitto_connect(m, host, port, 60);
        if (rc == MOSQ_ERR_SUCCESS) break;
        sleep_ms(100);
    }
    if (rc != MOSQ_ERR_SUCCESS) {
        fprintf(stderr, "bench-ingest: connect %s:%d: %s\n", host, port, mosquitto_strerror(rc));
        mosquitto_destroy(m);
        return NULL;
    }
    /* hubd and mosquitto are spawned later: they must not inherit our sockets. */
    int fd = mosquitto_socket(m);
    if (fd >= 0) fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC);
    if ((rc = mosquitto_loop_start(m)) != MOSQ_ERR_SUCCESS) {
        fprintf(stderr, "bench-ingest: loop_start: %s\n", mosquitto_strerror(rc));
        mosquitto_destroy(m);
        return NULL;
    }
    return m;
}

static void client_free(struct mosquitto *m)
{
    if (!m) return;
    mosquitto_disconnect(m);
    mosquitto_loop_stop(m, false);
    mosquitto_destroy(m);
}

static int subscribe_wait(struct mosquitto *sub, struct counter *c, const char *filter)
{
    int rc = mosquitto_subscribe(sub, NULL, filter, 0);
    if (rc != MOSQ_ERR_SUCCESS) {
        fprintf(stderr, "bench-ingest: subscribe %s: %s\n", filter, mosquitto_strerror(rc));
        return -1;
    }
    sleep_ms(300); /* SUBACK; a marker message would be stricter, the window tolerates this */
    return 0;
}

/* Publishes state reports round-robin over n devices for `seconds`, keeping at most `window`
 * messages ahead of c->received (minus `base`, what it had counted before). Then waits up to
 * 5 s for the stragglers. Returns messages published; *elapsed the time until the last one
 * was counted (or the drain gave up). */
struct phase_result {
    long published, received;
    double seconds;
};

static struct phase_result run_phase(struct mosquitto *pub, struct counter *c, const char *prefix,
                                     int n, int seconds, int window, long *k_state)
{
    struct phase_result r = {0};
    long base = atomic_load(&c->received);
    char topic[256], payload[256];
    double t0 = now_s(), end = t0 + seconds, last_progress = t0;
    long last_seen = 0;
    int i = 0;
    while (now_s() < end) {
        long got = atomic_load(&c->received) - base;
        if (got != last_seen) {
            last_seen = got;
            last_progress = now_s();
        }
        if (r.published - got >= window) {
            if (now_s() - last_progress > 3.0) {
                fprintf(stderr, "bench-ingest: no progress for 3 s (%ld in flight); giving up\n",
                        r.published - got);
                break;
            }
            struct timespec t = {0, 20000};
            nanosleep(&t, NULL);
            continue;
        }
        char name[64];
        dev_name(i, name, sizeof name);
        snprintf(topic, sizeof topic, "%s/%s", prefix, name);
        int len = state_payload(i, ++k_state[i], payload, sizeof payload);
        int rc = mosquitto_publish(pub, NULL, topic, len, payload, 0, false);
        if (rc != MOSQ_ERR_SUCCESS) {
            fprintf(stderr, "bench-ingest: publish: %s\n", mosquitto_strerror(rc));
            break;
        }
        r.published++;
        i = (i + 1) % n;
    }
    double drain_end = now_s() + 5;
    while (atomic_load(&c->received) - base < r.published && now_s() < drain_end)
        sleep_ms(1);
    r.received = atomic_load(&c->received) - base;
    r.seconds = now_s() - t0;
    return r;
}

/* --publish-only: the device list, then a steady stream of state changes at o->rate
 * messages/s for o->seconds, whoever listens (tests/test-hubd-kill9.sh kills hubd under it). */
static int publish_only(const struct bench_opts *o, const char *host, int port, long *k_state)
{
    struct mosquitto *pub = client_new("bench-ingest-load", host, port, NULL);
    if (!pub) return 1;
    char *devices = bridge_devices_json(o->entities);
    int rc = devices ? MOSQ_ERR_SUCCESS : MOSQ_ERR_NOMEM;
    if (!rc) rc = mosquitto_publish(pub, NULL, "zigbee2mqtt/bridge/state", 6, "online", 1, true);
    if (!rc)
        rc = mosquitto_publish(pub, NULL, "zigbee2mqtt/bridge/devices", (int)strlen(devices),
                               devices, 1, true);
    free(devices);
    if (rc) {
        fprintf(stderr, "bench-ingest: publish bridge: %s\n", mosquitto_strerror(rc));
        client_free(pub);
        return 1;
    }
    int rate = o->rate > 0 ? o->rate : 5000;
    double t0 = now_s(), end = t0 + o->seconds;
    long sent = 0;
    int i = 0;
    while (now_s() < end) {
        /* Paced in 1 ms slices: send what the rate allows by now, then sleep. */
        long due = (long)((now_s() - t0) * rate);
        for (; sent < due; sent++, i = (i + 1) % o->entities) {
            char topic[128], payload[256], name[64];
            dev_name(i, name, sizeof name);
            snprintf(topic, sizeof topic, "zigbee2mqtt/%s", name);
            int len = state_payload(i, ++k_state[i], payload, sizeof payload);
            if ((rc = mosquitto_publish(pub, NULL, topic, len, payload, 0, false))) {
                fprintf(stderr, "bench-ingest: publish: %s\n", mosquitto_strerror(rc));
                client_free(pub);
                return 1;
            }
        }
        sleep_ms(1);
    }
    printf("bench-ingest: published %ld state messages in %.1f s\n", sent, now_s() - t0);
    client_free(pub);
    return 0;
}

/* ---- main ---- */

static void usage(void)
{
    fprintf(stderr,
            "usage: bench-ingest [--hubd PATH] [--entities N] [--seconds S] [--window W]\n"
            "                    [--mqtt HOST:PORT | --mosquitto PATH] [--hubd-args 'ARGS']"
            " [--keep]\n"
            "  defaults: --hubd hubd/hubd, 1000 entities, 10 s per phase, window 1000;\n"
            "  without --mqtt a mosquitto is started on a free loopback port.\n"
            "  --publish-only --mqtt HOST:PORT [--rate R]: only the load (retained device list,\n"
            "  then R state messages/s, default 5000, for --seconds), for tests that kill hubd.\n");
}

static long count_history(const char *db)
{
    sqlite3 *h = NULL;
    long n = -1;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *s = NULL;
        if (sqlite3_prepare_v2(h, "SELECT count(*) FROM history", -1, &s, NULL) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW)
            n = sqlite3_column_int64(s, 0);
        else
            fprintf(stderr, "bench-ingest: %s: %s\n", db, sqlite3_errmsg(h));
        sqlite3_finalize(s);
    } else {
        fprintf(stderr, "bench-ingest: %s: %s\n", db, sqlite3_errmsg(h));
    }
    sqlite3_close(h);
    return n;
}

int main(int argc, char **argv)
{
    struct bench_opts o = {.hubd = "hubd/hubd",
                           .mosquitto = "mosquitto",
                           .entities = 1000,
                           .seconds = 10,
                           .window = 1000};
    static const struct option lopts[] = {{"hubd", required_argument, 0, 'H'},
                                          {"entities", required_argument, 0, 'n'},
                                          {"seconds", required_argument, 0, 's'},
                                          {"window", required_argument, 0, 'w'},
                                          {"mqtt", required_argument, 0, 'm'},
                                          {"mosquitto", required_argument, 0, 'M'},
                                          {"hubd-args", required_argument, 0, 'a'},
                                          {"keep", no_argument, 0, 'k'},
                                          {"publish-only", no_argument, 0, 'P'},
                                          {"rate", required_argument, 0, 'r'},
                                          {"help", no_argument, 0, 'h'},
                                          {0, 0, 0, 0}};
    int ch;
    while ((ch = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
        switch (ch) {
        case 'H': o.hubd = optarg; break;
        case 'n': o.entities = atoi(optarg); break;
        case 's': o.seconds = atoi(optarg); break;
        case 'w': o.window = atoi(optarg); break;
        case 'M': o.mosquitto = optarg; break;
        case 'a': o.extra_args = optarg; break;
        case 'k': o.keep = true; break;
        case 'P': o.publish_only = true; break;
        case 'r': o.rate = atoi(optarg); break;
        case 'm': {
            static char host[256];
            const char *colon = strrchr(optarg, ':');
            if (!colon || colon == optarg || (size_t)(colon - optarg) >= sizeof host) {
                fprintf(stderr, "bench-ingest: --mqtt wants HOST:PORT, got \"%s\"\n", optarg);
                return 2;
            }
            memcpy(host, optarg, (size_t)(colon - optarg));
            host[colon - optarg] = '\0';
            o.mqtt_host = host;
            o.mqtt_port = atoi(colon + 1);
            break;
        }
        default: usage(); return ch == 'h' ? 0 : 2;
        }
    }
    if (o.entities < 1 || o.entities > 100000 || o.seconds < 1 || o.seconds > 3600 ||
        o.window < 1 || o.window > 1000000 || o.rate < 0 || (o.publish_only && !o.mqtt_host) ||
        (o.mqtt_host && (o.mqtt_port < 1 || o.mqtt_port > 65535))) {
        fprintf(stderr, "bench-ingest: option out of range\n");
        usage();
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    mosquitto_lib_init();

    char dir[] = "/tmp/bench-ingest.XXXXXX";
    if (!mkdtemp(dir)) {
        perror("bench-ingest: mkdtemp");
        return 1;
    }
    char path[512], db[512], hubd_log[512] = "";
    char *extra = NULL;
    bool dump_log = false;
    pid_t broker = -1, hubd = -1;
    int ret = 1;
    struct mosquitto *pub = NULL, *sub = NULL;
    struct counter loopc = {0}, statec = {0};
    long *k_state = calloc((size_t)o.entities, sizeof *k_state);
    char *devices = NULL;
    if (!k_state) goto out;

    const char *host = o.mqtt_host ? o.mqtt_host : "127.0.0.1";
    int port = o.mqtt_port;
    if (!o.mqtt_host) {
        port = free_tcp_port();
        snprintf(path, sizeof path, "%s/mosquitto.conf", dir);
        FILE *f = fopen(path, "w");
        if (!f || port < 0) {
            fprintf(stderr, "bench-ingest: cannot write %s or find a port\n", path);
            if (f) fclose(f);
            goto out;
        }
        fprintf(f,
                "listener %d 127.0.0.1\nallow_anonymous true\npersistence false\n"
                "max_queued_messages 100000\n%s",
                port, getuid() == 0 ? "user root\n" : "");
        fclose(f);
        char log[512];
        snprintf(log, sizeof log, "%s/mosquitto.log", dir);
        char *bargv[] = {(char *)o.mosquitto, "-c", path, NULL};
        if ((broker = spawn_logged(bargv, log)) < 0) goto out;
    }

    if (o.publish_only) {
        ret = publish_only(&o, host, port, k_state);
        goto out;
    }

    /* Phase 1: the broker alone. */
    loopc.prefix = "bench/loop";
    if (!(sub = client_new("bench-ingest-sub", host, port, &loopc)) ||
        !(pub = client_new("bench-ingest-pub", host, port, NULL)))
        goto out;
    mosquitto_message_callback_set(sub, on_message);
    if (subscribe_wait(sub, &loopc, "bench/loop/#")) goto out;
    struct phase_result loop =
        run_phase(pub, &loopc, "bench/loop", o.entities, o.seconds, o.window, k_state);
    mosquitto_unsubscribe(sub, NULL, "bench/loop/#");
    fprintf(stderr, "bench-ingest: broker loopback: %.0f messages/s (%ld in %.1f s)\n",
            loop.received / loop.seconds, loop.received, loop.seconds);

    /* Phase 2: hubd. */
    statec.set_cap = (size_t)o.entities * 4 + 64;
    statec.set = calloc(statec.set_cap, sizeof *statec.set);
    if (!statec.set) goto out;
    struct mosquitto *ssub = client_new("bench-ingest-state", host, port, &statec);
    if (!ssub) goto out;
    client_free(sub);
    sub = ssub;
    mosquitto_message_callback_set(sub, on_message);
    if (subscribe_wait(sub, &statec, "hub/state/#")) goto out;

    snprintf(db, sizeof db, "%s/hub.db", dir);
    snprintf(hubd_log, sizeof hubd_log, "%s/hubd.log", dir);
    char mqtt_arg[300];
    snprintf(mqtt_arg, sizeof mqtt_arg, "%s:%d", host, port);
    /* No --http: the web API is not part of ingest (add it with --hubd-args to measure it). */
    char *hargv[32] = {(char *)o.hubd, "--mqtt", mqtt_arg, "--db", db};
    int hargc = 5;
    extra = o.extra_args ? strdup(o.extra_args) : NULL;
    for (char *save, *tok = extra ? strtok_r(extra, " ", &save) : NULL; tok && hargc < 30;
         tok = strtok_r(NULL, " ", &save))
        hargv[hargc++] = tok;
    hargv[hargc] = NULL;
    double t_start = now_s();
    if ((hubd = spawn_logged(hargv, hubd_log)) < 0) goto out;

    if (!(devices = bridge_devices_json(o.entities))) goto out;
    size_t devices_len = strlen(devices);
    int rc;
    if ((rc = mosquitto_publish(pub, NULL, "zigbee2mqtt/bridge/state", 6, "online", 1, true)) ||
        (rc = mosquitto_publish(pub, NULL, "zigbee2mqtt/bridge/devices", (int)devices_len, devices,
                                1, true))) {
        fprintf(stderr, "bench-ingest: publish bridge: %s\n", mosquitto_strerror(rc));
        goto out;
    }
    /* A first state per device until hubd shows all N entities on hub/state: states sent
     * before hubd has read the device list are (rightly) ignored as unknown devices, so the
     * round is repeated every second. */
    double wait_end = now_s() + 60, t_ready = 0, next_round = 0;
    while (now_s() < wait_end) {
        int st;
        if (waitpid(hubd, &st, WNOHANG) == hubd) {
            fprintf(stderr, "bench-ingest: hubd exited (status %d); its log %s:\n", st, hubd_log);
            hubd = -1;
            dump_log = true;
            goto out;
        }
        if (atomic_load(&statec.distinct) >= o.entities) {
            t_ready = now_s();
            break;
        }
        if (now_s() >= next_round) {
            for (int i = 0; i < o.entities; i++) {
                char topic[128], payload[256], name[64];
                dev_name(i, name, sizeof name);
                snprintf(topic, sizeof topic, "zigbee2mqtt/%s", name);
                int len = state_payload(i, ++k_state[i], payload, sizeof payload);
                mosquitto_publish(pub, NULL, topic, len, payload, 0, false);
                if (i % 200 == 199) sleep_ms(5);
            }
            next_round = now_s() + 1;
        }
        sleep_ms(20);
    }
    if (!t_ready) {
        fprintf(stderr,
                "bench-ingest: hubd showed %ld of %d entities on hub/state after 60 s "
                "(log: %s)\n",
                atomic_load(&statec.distinct), o.entities, hubd_log);
        dump_log = true;
        goto out;
    }
    sleep_ms(1500); /* let the first flush and the retained burst settle */
    long rss_idle = proc_kib(hubd, "VmRSS");
    double cpu0 = proc_cpu_s(hubd), bcpu0 = broker > 0 ? proc_cpu_s(broker) : -1;
    double wait0 = proc_wait_s(hubd);
    struct phase_result hub =
        run_phase(pub, &statec, "zigbee2mqtt", o.entities, o.seconds, o.window, k_state);
    double hub_cpu = proc_cpu_s(hubd) - cpu0;
    double hub_wait = wait0 >= 0 ? proc_wait_s(hubd) - wait0 : -1;
    double broker_cpu = bcpu0 >= 0 ? proc_cpu_s(broker) - bcpu0 : -1;
    long rss_after = proc_kib(hubd, "VmRSS"), hwm = proc_kib(hubd, "VmHWM");
    stop_child(hubd, SIGTERM, 10000);
    hubd = -1;
    long hist = count_history(db);
    struct stat sb;
    long db_kib = stat(db, &sb) == 0 ? (long)(sb.st_size / 1024) : -1;

    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    printf("bench-ingest: %d zigbee2mqtt entities (60%% lights, 20%% plugs, 20%% sensors), "
           "%d s per phase, window %d, %ld CPUs\n",
           o.entities, o.seconds, o.window, cpus);
    printf("%-40s %12s %12s %10s\n", "path", "messages/s", "delivered", "lost");
    printf("%-40s %12.0f %12ld %10ld\n", "broker loopback (publisher -> subscriber)",
           loop.received / loop.seconds, loop.received, loop.published - loop.received);
    printf("%-40s %12.0f %12ld %10ld\n", "hubd ingest (zigbee2mqtt -> hub/state)",
           hub.received / hub.seconds, hub.received, hub.published - hub.received);
    printf("hubd: %d entities up %.1f s after start; RSS %.1f MiB idle with %d entities, "
           "%.1f MiB after ingest (peak %.1f MiB)\n",
           o.entities, t_ready - t_start, rss_idle / 1024.0, o.entities, rss_after / 1024.0,
           hwm / 1024.0);
    printf("hubd CPU during ingest: %.0f%% of one core, %.1f us per message; it waited for a CPU "
           "%.0f%% of the time (other load on this box)\n",
           100.0 * hub_cpu / hub.seconds, hub.received ? 1e6 * hub_cpu / hub.received : 0.0,
           hub_wait >= 0 ? 100.0 * hub_wait / hub.seconds : -1.0);
    if (broker_cpu >= 0)
        printf("broker CPU during hubd ingest: %.0f%% of one core\n",
               100.0 * broker_cpu / hub.seconds);
    printf("history rows in the database: %ld (database %ld KiB)\n", hist, db_kib);
    ret = hub.received > 0 && loop.received > 0 ? 0 : 1;

out:
    if (hubd > 0) stop_child(hubd, SIGTERM, 5000);
    if (dump_log) {
        FILE *f = fopen(hubd_log, "r");
        if (f) {
            char line[512];
            while (fgets(line, sizeof line, f))
                fputs(line, stderr);
            fclose(f);
        }
    }
    client_free(pub);
    client_free(sub);
    stop_child(broker, SIGTERM, 3000);
    if (statec.set) {
        for (size_t i = 0; i < statec.set_cap; i++)
            free(statec.set[i]);
        free(statec.set);
    }
    free(k_state);
    free(devices);
    free(extra);
    mosquitto_lib_cleanup();
    if (o.keep || ret)
        fprintf(stderr, "bench-ingest: files kept in %s\n", dir);
    else {
        const char *names[] = {"mosquitto.conf", "mosquitto.log", "hub.db",  "hub.db-wal",
                               "hub.db-shm",     "hub.db.lock",   "hubd.log"};
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            unlink(path);
        }
        rmdir(dir);
    }
    return ret;
}

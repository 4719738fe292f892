/*
 * bench-plugins.c: how many device messages per second each plugin's on_message handles on one
 * core, with a host whose functions do nothing (so the figure is the plugin's own parsing,
 * validation, conversion and attribute JSON). Each plugin first gets its discovery documents
 * from tests/data/plugins, then N state reports of a colour light whose brightness changes with
 * every report (so none is a repeat a plugin could skip).
 *   plugins/bench-plugins [-n N] [--plugins DIR] [--data DIR]
 * Prints one line per plugin: "NAME  N msg/s  (us/msg)".
 */
#include <hub/plugin.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long bench_states;

static int b_pub(void *h, const char *t, const void *p, size_t n, int q, bool r)
{
    return 0;
}
static int b_sub(void *h, const char *f, int q)
{
    return 0;
}
static int b_ups(void *h, const struct hub_entity_desc *e)
{
    return 0;
}
static int b_rem(void *h, const char *i)
{
    return 0;
}
static int b_upd(void *h, const char *i, const char *s, const char *a)
{
    bench_states++;
    return 0;
}
static int b_av(void *h, const char *i, bool a)
{
    return 0;
}
static void b_log(void *h, int l, const char *f, ...) {}
static const char *b_cfg(void *h, const char *k)
{
    return NULL;
}
static long bench_bad;
static void b_bad(void *h, const char *k, const char *t)
{
    bench_bad++;
}

static const struct hub_host_api bench_api = {HUB_PLUGIN_ABI_VERSION,
                                              sizeof(struct hub_host_api),
                                              NULL,
                                              b_pub,
                                              b_sub,
                                              b_ups,
                                              b_rem,
                                              b_upd,
                                              b_av,
                                              b_log,
                                              b_cfg,
                                              b_bad};

static double bench_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* payload is a printf format with one %d: the brightness of report i. */
static int bench_one(const char *dir, const char *data, const char *so, const char *disc_topic,
                     const char *disc_file, const char *topic, const char *payload, long n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.so", dir, so);
    void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!dl) {
        fprintf(stderr, "bench-plugins: %s\n", dlerror());
        return 1;
    }
    hub_plugin_describe_fn fn = (hub_plugin_describe_fn)dlsym(dl, HUB_PLUGIN_ENTRY);
    const int versions[] = {HUB_PLUGIN_ABI_VERSION};
    const struct hub_plugin *p = fn ? fn(1, versions) : NULL;
    void *st = NULL;
    if (!p || p->init(&bench_api, &st) != HUB_OK) {
        fprintf(stderr, "bench-plugins: %s would not start\n", path);
        dlclose(dl);
        return 1;
    }
    snprintf(path, sizeof path, "%s/%s", data, disc_file);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench-plugins: %s: %s\n", path, strerror(errno));
        p->shutdown(st);
        dlclose(dl);
        return 1;
    }
    char *buf = malloc(1 << 20);
    size_t len = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    p->on_message(st, disc_topic, buf, len);
    free(buf);
    bench_states = bench_bad = 0;
    char msg[512];
    double t0 = bench_now();
    for (long i = 0; i < n; i++) {
        int ml = snprintf(msg, sizeof msg, payload, (int)(i % 100) + 1);
        p->on_message(st, topic, msg, (size_t)ml);
    }
    double t = bench_now() - t0;
    printf("%-13s %9.0f msg/s  (%.2f us/msg, %ld state reports, %ld bad)\n", p->name, n / t,
           t / n * 1e6, bench_states, bench_bad);
    p->shutdown(st);
    dlclose(dl);
    return bench_bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    const char *dir = HUB_BUILD_PLUGIN_DIR, *data = NULL;
    long n = 200000;
    char def_data[4096];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            n = atol(argv[++i]);
        else if (strcmp(argv[i], "--plugins") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
            data = argv[++i];
        else {
            fprintf(stderr, "usage: %s [-n N] [--plugins DIR] [--data DIR]\n", argv[0]);
            return 2;
        }
    }
    if (n <= 0) n = 1;
    if (!data) {
        snprintf(def_data, sizeof def_data, "%s/tests/data/plugins", BENCH_SRCDIR);
        data = def_data;
    }
    int rc = 0;
    rc |= bench_one(dir, data, "zigbee2mqtt", "zigbee2mqtt/bridge/devices", "z2m-devices.json",
                    "zigbee2mqtt/Kitchen Ceiling",
                    "{\"brightness\":%d,\"color\":{\"x\":0.7006,\"y\":0.2993},\"color_mode\":"
                    "\"xy\",\"color_temp\":370,\"linkquality\":87,\"state\":\"ON\"}",
                    n);
    rc |= bench_one(dir, data, "tasmota", "tasmota/discovery/A4CF125A3B2C/config",
                    "tasmota-bulb-config.json", "stat/tasmota_5A3B2C/RESULT",
                    "{\"POWER\":\"ON\",\"Dimmer\":%d,\"Color\":\"FF00000000\",\"HSBColor\":"
                    "\"0,100,40\",\"CT\":153}",
                    n);
    rc |= bench_one(dir, data, "ha_discovery", "homeassistant/light/desk_lamp/config",
                    "hadisc-light-json.json", "home/desk_lamp/state",
                    "{\"state\":\"ON\",\"brightness\":%d,\"color_mode\":\"rgb\",\"color\":{\"r\":0,"
                    "\"g\":255,\"b\":0}}",
                    n);
    return rc;
}

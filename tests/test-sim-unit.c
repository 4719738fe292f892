/* test-sim-unit.c: hub-sim's protocol logic without a broker: the demo house is loaded, messages
 * are fed to sim_handle_message() and what the sim publishes is captured and checked (colour
 * conversions, clamping, Backlog, cover travel over simulated time, sensor drift bounds,
 * control topic answers). The broker-level behaviour is in test-sim.sh. */
#include "tools/sim/sim.h"
#include "hub_log.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the log lists every check, held or not */
#define HUB_CHECK_VERBOSE 1
#include "tests/hub-check.h"

#define MAXMSG 256

struct msg {
    char topic[SIM_TOPIC_MAX];
    char *payload;
    bool retain;
};
static struct msg msgs[MAXMSG];
static int nmsg;

static void capture(struct sim_house *h, const char *topic, const char *payload, size_t len,
                    bool retain)
{
    (void)h;
    if (nmsg == MAXMSG) return;
    snprintf(msgs[nmsg].topic, sizeof msgs[nmsg].topic, "%s", topic);
    msgs[nmsg].payload = strndup(payload, len);
    msgs[nmsg].retain = retain;
    nmsg++;
}

static void reset(void)
{
    for (int i = 0; i < nmsg; i++)
        free(msgs[i].payload);
    nmsg = 0;
}

/* The last payload published on topic, or NULL. */
static const char *last(const char *topic)
{
    for (int i = nmsg - 1; i >= 0; i--)
        if (strcmp(msgs[i].topic, topic) == 0) return msgs[i].payload;
    return NULL;
}

static int count(const char *topic)
{
    int n = 0;
    for (int i = 0; i < nmsg; i++)
        n += strcmp(msgs[i].topic, topic) == 0;
    return n;
}

/* A number field of the JSON in the last payload on topic; NAN when missing. */
static double jnum(const char *topic, const char *path1, const char *path2)
{
    const char *p = last(topic);
    json_t *j = p ? json_loads(p, 0, NULL) : NULL, *v = json_object_get(j, path1);
    if (path2) v = json_object_get(v, path2);
    double x = json_is_number(v) ? json_number_value(v) : NAN;
    json_decref(j);
    return x;
}

static bool jstr_is(const char *topic, const char *key, const char *want)
{
    const char *p = last(topic);
    json_t *j = p ? json_loads(p, 0, NULL) : NULL;
    const char *s = json_string_value(json_object_get(j, key));
    bool ok = s && strcmp(s, want) == 0;
    json_decref(j);
    return ok;
}

static void send(struct sim_house *h, const char *topic, const char *payload)
{
    sim_handle_message(h, topic, payload, strlen(payload));
}

static void tasmota_topic(struct sim_house *h, const char *name, const char *leaf, char *out,
                          size_t n)
{
    char t[32];
    sim_tasmota_topic(sim_house_find(h, name), t, sizeof t);
    snprintf(out, n, leaf, t);
}

int main(void)
{
    const char *src = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/data/houses/demo.json", src ? src : ".");
    hub_log_set_level(HUB_LOG_ERROR);
    struct sim_house h = {.tele_period = 60, .sensor_period = 30, .publish = capture};
    if (sim_house_load_file(&h, path) != 0) {
        printf("FAIL: cannot load %s\n", path);
        return 1;
    }

    /* Colour conversions: hue/saturation -> CIE xy -> hue/saturation comes back. */
    for (int hue = 0; hue < 360; hue += 30) {
        double x, y, h2, s2;
        sim_hs_to_xy(hue, 100, &x, &y);
        sim_xy_to_hs(x, y, &h2, &s2);
        double dh = fabs(fmod(h2 - hue + 540, 360) - 180);
        CHECK(dh < 3 && s2 > 95, "hs(%d,100) -> xy(%.4f,%.4f) -> hs(%.1f,%.1f)", hue, x, y, h2, s2);
    }
    double hh, ss;
    sim_rgb_to_hs(0, 255, 0, &hh, &ss);
    CHECK(fabs(hh - 120) < 0.01 && fabs(ss - 100) < 0.01, "rgb(0,255,0) -> hs(%.1f,%.1f)", hh, ss);
    int rgb[3];
    sim_hs_to_rgb(240, 100, 1, rgb);
    CHECK(rgb[0] == 0 && rgb[1] == 0 && rgb[2] == 255, "hs(240,100) -> rgb(%d,%d,%d)", rgb[0],
          rgb[1], rgb[2]);

    /* Announce: discovery retained, everything valid JSON where it looks like JSON. */
    sim_tick(&h, 100);
    sim_announce_all(&h);
    int bad = 0, retained = 0;
    for (int i = 0; i < nmsg; i++) {
        retained += msgs[i].retain;
        if (msgs[i].payload[0] == '{' || msgs[i].payload[0] == '[') {
            json_t *j = json_loads(msgs[i].payload, 0, NULL);
            bad += !j;
            json_decref(j);
        }
    }
    CHECK(bad == 0 && retained > 80, "announce: %d messages, %d retained, %d bad JSON", nmsg,
          retained, bad);
    CHECK(count("zigbee2mqtt/bridge/devices") == 1, "one bridge/devices");
    reset();

    /* z2m: brightness 0 turns off, brightness_step comes back on, clamps. */
    const char *kl = "zigbee2mqtt/Kitchen Ceiling Light";
    send(&h, "zigbee2mqtt/Kitchen Ceiling Light/set", "{\"brightness\":0}");
    CHECK(jstr_is(kl, "state", "OFF"), "z2m brightness 0 -> OFF");
    send(&h, "zigbee2mqtt/Kitchen Ceiling Light/set", "{\"brightness_step\":50}");
    CHECK(jstr_is(kl, "state", "ON") && jnum(kl, "brightness", NULL) == 50,
          "z2m brightness_step 50 from off -> ON/50 (%g)", jnum(kl, "brightness", NULL));
    send(&h, "zigbee2mqtt/Kitchen Ceiling Light/set", "{\"brightness\":900,\"color_temp\":20}");
    CHECK(jnum(kl, "brightness", NULL) == 254 && jnum(kl, "color_temp", NULL) == 150,
          "z2m out-of-range brightness/color_temp clamped (%g, %g)", jnum(kl, "brightness", NULL),
          jnum(kl, "color_temp", NULL));
    send(&h, "zigbee2mqtt/Kitchen Ceiling Light/set", "{\"color_temp\":\"warmest\"}");
    CHECK(jnum(kl, "color_temp", NULL) == 500, "z2m color_temp preset warmest -> 500");
    reset();
    send(&h, "zigbee2mqtt/Kitchen Ceiling Light/set", "{\"color\":{\"x\":0.2,\"y\":0.2}}");
    CHECK(nmsg == 0, "z2m colour on a CT-only light: no converter, nothing published");
    send(&h, "zigbee2mqtt/Bedroom Radiator/set", "{\"occupied_heating_setpoint\":99}");
    CHECK(jnum("zigbee2mqtt/Bedroom Radiator", "occupied_heating_setpoint", NULL) == 30,
          "z2m setpoint clamped to 30");

    /* Tasmota Backlog runs each command and answers each. */
    char cmnd[128], result[128];
    tasmota_topic(&h, "Desk Lamp", "cmnd/%s/Backlog", cmnd, sizeof cmnd);
    tasmota_topic(&h, "Desk Lamp", "stat/%s/RESULT", result, sizeof result);
    reset();
    send(&h, cmnd, "Dimmer 30; CT 400");
    CHECK(count(result) == 2 && jnum(result, "Dimmer", NULL) == 30 &&
              jnum(result, "CT", NULL) == 400,
          "tasmota Backlog: %d RESULTs, Dimmer %g CT %g", count(result),
          jnum(result, "Dimmer", NULL), jnum(result, "CT", NULL));
    tasmota_topic(&h, "Desk Lamp", "cmnd/%s/Dimmer", cmnd, sizeof cmnd);
    send(&h, cmnd, "250");
    CHECK(jnum(result, "Dimmer", NULL) == 30, "tasmota Dimmer 250 is a query (Dimmer stays 30)");
    send(&h, cmnd, "-");
    CHECK(jnum(result, "Dimmer", NULL) == 20, "tasmota Dimmer - steps down 10");

    /* The group topic reaches every Tasmota device. */
    reset();
    send(&h, "cmnd/tasmotas/POWER", "OFF");
    int npower = 0;
    for (int i = 0; i < nmsg; i++) {
        size_t tl = strlen(msgs[i].topic);
        npower += tl > 6 && strcmp(msgs[i].topic + tl - 6, "/POWER") == 0 &&
                  strcmp(msgs[i].payload, "OFF") == 0;
    }
    CHECK(npower == 5, "cmnd/tasmotas/POWER OFF answered by %d relay/light devices (5)", npower);

    /* Cover travel over simulated time: 25 %/s, reports on the way, then open. */
    reset();
    const char *gd = "esphome/garage-door/cover/garage_door/state";
    send(&h, "esphome/garage-door/cover/garage_door/command", "OPEN");
    CHECK(last(gd) && strcmp(last(gd), "opening") == 0, "HA cover OPEN -> opening");
    for (double t = 100.1; t < 102.05; t += 0.1)
        sim_tick(&h, t);
    const char *pos = last("esphome/garage-door/cover/garage_door/position/state");
    CHECK(pos && atoi(pos) >= 40 && atoi(pos) <= 55, "after 2 s the door is at %s %%",
          pos ? pos : "?");
    for (double t = 102.1; t < 105; t += 0.1)
        sim_tick(&h, t);
    CHECK(strcmp(last(gd), "open") == 0 &&
              strcmp(last("esphome/garage-door/cover/garage_door/position/state"), "100") == 0,
          "after 5 s: %s at %s", last(gd),
          last("esphome/garage-door/cover/garage_door/position/state"));

    /* Sensors drift but stay near their base value. */
    struct sim_device *kt = sim_house_find(&h, "Kitchen Temperature");
    double lo = 1e9, hi = -1e9;
    for (int i = 0; i < 2000; i++) {
        sim_tick(&h, 105 + i * 31.0);
        lo = fmin(lo, kt->value), hi = fmax(hi, kt->value);
        if (nmsg > MAXMSG - 60) reset();
    }
    CHECK(lo >= kt->value_base - 1.5 && hi <= kt->value_base + 1.5 && hi - lo > 0.1,
          "Kitchen Temperature drifted within %.2f..%.2f (base %.1f)", lo, hi, kt->value_base);

    /* The control topic answers, and refuses what does not fit. */
    reset();
    send(&h, "hub-sim/control", "{\"device\":\"Kitchen Temperature\",\"value\":\"warm\"}");
    CHECK(last("hub-sim/control/result") && strstr(last("hub-sim/control/result"), "false"),
          "control: a non-number sensor value refused");
    send(&h, "hub-sim/control", "{\"device\":\"Kitchen Temperature\",\"value\":25.5}");
    CHECK(jnum("zigbee2mqtt/Kitchen Temperature", "temperature", NULL) == 25.5,
          "control: sensor value 25.5 reported");

    reset();
    sim_house_free(&h);
    if (failures) {
        printf("%d check(s) failed\n", failures);
        return 1;
    }
    printf("all hub-sim unit checks passed\n");
    return 0;
}

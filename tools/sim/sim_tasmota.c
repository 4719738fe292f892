/* sim_tasmota.c: Tasmota devices for hub-sim, as Tasmota 13 publishes them with native
 * discovery (SetOption19 0): retained tasmota/discovery/<MAC>/config and .../sensors, retained
 * LWT tele/<topic>/LWT Online/Offline, command topics cmnd/<topic>/<Command> (POWER, Dimmer,
 * CT, Color, HSBColor, ShutterPosition1/Open1/Close1/Stop1, STATE, Status, Backlog), answers
 * on stat/<topic>/RESULT (+ stat/<topic>/POWER), periodic tele/<topic>/STATE and SENSOR.
 * Like the firmware, a command with a payload it cannot parse is answered with the current
 * state (it is a query), an unknown command with {"Command":"Unknown"}. */
#include "tools/sim/sim.h"
#include "hub_log.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define TAG "tasmota"

void sim_tasmota_topic(const struct sim_device *d, char *out, size_t n)
{
    snprintf(out, n, "tasmota_%06llX", (unsigned long long)(d->id_hash & 0xffffff));
}

static void mac_of(const struct sim_device *d, char *out, size_t n)
{
    /* DC4F22: an Espressif OUI, as on real Sonoff/ESP8266 boards. */
    snprintf(out, n, "DC4F22%06llX", (unsigned long long)(d->id_hash & 0xffffff));
}

/* lt_st: 0 none, 1 dimmer, 2 CT, 3 RGB, 4 RGBW, 5 RGBCW. */
static int light_subtype(const struct sim_device *d)
{
    if (d->domain != SIM_LIGHT) return 0;
    if (d->caps & SIM_CAP_COLOR) return 5;
    if (d->caps & SIM_CAP_CT) return 2;
    return 1;
}

static void time_now(char *buf, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
}

static void publish_sub(struct sim_house *h, const struct sim_device *d, const char *prefix,
                        const char *what, json_t *obj, const char *text, bool retain)
{
    char topic[SIM_TOPIC_MAX], t[32];
    sim_tasmota_topic(d, t, sizeof t);
    snprintf(topic, sizeof topic, "%s/%s/%s", prefix, t, what);
    if (obj)
        sim_publish_json(h, topic, obj, retain);
    else
        sim_publish(h, topic, text, retain);
}

/* Sensor readings as Tasmota names them ({"DS18B20":{"Temperature":21.4}} ...), or NULL. */
static void add_sensor_data(const struct sim_device *d, json_t *o)
{
    double v = round(d->value * 10) / 10;
    if (d->domain == SIM_SENSOR) {
        const char *dc = d->device_class;
        if (strcmp(dc, "humidity") == 0)
            json_object_set_new(o, "AM2301", json_pack("{s:f}", "Humidity", v));
        else if (strcmp(dc, "illuminance") == 0)
            json_object_set_new(o, "BH1750", json_pack("{s:i}", "Illuminance", (int)lround(v)));
        else if (strcmp(dc, "power") == 0)
            json_object_set_new(o, "ENERGY", json_pack("{s:i}", "Power", (int)lround(v)));
        else
            json_object_set_new(o, "DS18B20",
                                json_pack("{s:s,s:f}", "Id", "01144BC3A1AA", "Temperature", v));
        if (strcmp(dc, "humidity") != 0 && strcmp(dc, "illuminance") != 0 &&
            strcmp(dc, "power") != 0)
            json_object_set_new(o, "TempUnit", json_string("C"));
    } else if (d->domain == SIM_COVER) {
        json_object_set_new(o, "Shutter1",
                            json_pack("{s:i,s:i,s:i,s:i}", "Position", (int)lround(d->position),
                                      "Direction", d->moving, "Target", (int)lround(d->target),
                                      "Tilt", 0));
    }
}

/* Light fields as Tasmota reports them in RESULT and STATE. */
static void add_light_fields(const struct sim_device *d, json_t *o)
{
    int st = light_subtype(d);
    json_object_set_new(o, "Dimmer", json_integer(d->bri));
    if (st == 5) {
        char color[16], hsb[32];
        int rgb[3] = {0, 0, 0}, cw = 0, ww = 0;
        if (d->color_mode_hs) {
            sim_hs_to_rgb(d->hue, d->sat, d->bri / 100.0, rgb);
        } else {
            /* CT 153 = all cold white, 500 = all warm white, scaled by Dimmer. */
            double warm = (d->mireds - 153) / 347.0;
            cw = (int)lround((1 - warm) * 255 * d->bri / 100.0);
            ww = (int)lround(warm * 255 * d->bri / 100.0);
        }
        snprintf(color, sizeof color, "%02X%02X%02X%02X%02X", rgb[0], rgb[1], rgb[2], cw, ww);
        snprintf(hsb, sizeof hsb, "%d,%d,%d", (int)lround(d->hue), (int)lround(d->sat), d->bri);
        json_object_set_new(o, "Color", json_string(color));
        json_object_set_new(o, "HSBColor", json_string(hsb));
        json_object_set_new(o, "White", json_integer(d->color_mode_hs ? 0 : d->bri));
    }
    if (st == 2 || st == 5) json_object_set_new(o, "CT", json_integer(d->mireds));
}

void sim_tasmota_report(struct sim_house *h, struct sim_device *d)
{
    json_t *r = json_object();
    if (d->domain == SIM_COVER) {
        add_sensor_data(d, r);
        publish_sub(h, d, "stat", "RESULT", r, NULL, false);
        if (!d->moving) {
            char pos[8];
            snprintf(pos, sizeof pos, "%d", (int)lround(d->position));
            publish_sub(h, d, "stat", "SHUTTER1", NULL, pos, false);
        }
        return;
    }
    if (d->domain == SIM_SENSOR) {
        json_decref(r);
        sim_tasmota_tele(h, d);
        return;
    }
    json_object_set_new(r, "POWER", json_string(d->on ? "ON" : "OFF"));
    if (d->domain == SIM_LIGHT) add_light_fields(d, r);
    publish_sub(h, d, "stat", "RESULT", r, NULL, false);
    publish_sub(h, d, "stat", "POWER", NULL, d->on ? "ON" : "OFF", false);
}

static json_t *state_json(struct sim_house *h, const struct sim_device *d)
{
    char tm[32];
    time_now(tm, sizeof tm);
    long up = (long)h->now;
    char upstr[32];
    snprintf(upstr, sizeof upstr, "%ldT%02ld:%02ld:%02ld", up / 86400, up / 3600 % 24, up / 60 % 60,
             up % 60);
    json_t *s = json_pack("{s:s,s:s,s:i,s:i,s:s,s:i,s:i,s:i}", "Time", tm, "Uptime", upstr,
                          "UptimeSec", (int)up, "Heap", 26, "SleepMode", "Dynamic", "Sleep", 50,
                          "LoadAvg", 19, "MqttCount", 1);
    if (d->domain == SIM_COVER) {
        json_object_set_new(s, "POWER1", json_string(d->moving > 0 ? "ON" : "OFF"));
        json_object_set_new(s, "POWER2", json_string(d->moving < 0 ? "ON" : "OFF"));
    } else if (d->domain != SIM_SENSOR) {
        json_object_set_new(s, "POWER", json_string(d->on ? "ON" : "OFF"));
        if (d->domain == SIM_LIGHT) add_light_fields(d, s);
    }
    json_object_set_new(s, "Wifi",
                        json_pack("{s:i,s:s,s:s,s:i,s:s,s:i,s:i,s:i,s:s}", "AP", 1, "SSId", "house",
                                  "BSSId", "30:B5:C2:5D:70:72", "Channel", 11, "Mode", "11n",
                                  "RSSI", 60 + (int)(d->id_hash % 40), "Signal",
                                  -70 + (int)(d->id_hash % 20), "LinkCount", 1, "Downtime",
                                  "0T00:00:03"));
    return s;
}

void sim_tasmota_tele(struct sim_house *h, struct sim_device *d)
{
    publish_sub(h, d, "tele", "STATE", state_json(h, d), NULL, false);
    if (d->domain == SIM_SENSOR || d->domain == SIM_COVER) {
        char tm[32];
        time_now(tm, sizeof tm);
        json_t *s = json_pack("{s:s}", "Time", tm);
        add_sensor_data(d, s);
        publish_sub(h, d, "tele", "SENSOR", s, NULL, false);
    }
}

void sim_tasmota_availability(struct sim_house *h, struct sim_device *d)
{
    publish_sub(h, d, "tele", "LWT", NULL, d->available ? "Online" : "Offline", true);
}

static json_t *repeat(json_t *v, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append(a, v);
    json_decref(v);
    return a;
}

void sim_tasmota_announce(struct sim_house *h, struct sim_device *d)
{
    char t[32], mac[16], hn[48], ip[20], topic[SIM_TOPIC_MAX];
    sim_tasmota_topic(d, t, sizeof t);
    mac_of(d, mac, sizeof mac);
    snprintf(hn, sizeof hn, "tasmota-%06llX-%04d", (unsigned long long)(d->id_hash & 0xffffff),
             (int)(d->id_hash >> 40) % 10000);
    snprintf(ip, sizeof ip, "192.168.1.%d", 20 + (int)(d->id_hash % 200));
    int st = light_subtype(d);
    const char *md = d->domain == SIM_COVER    ? "Shelly 2.5"
                     : d->domain == SIM_SENSOR ? "Generic"
                     : st == 5                 ? "Athom 15W Bulb"
                     : st == 2                 ? "Sonoff B02-B-A60"
                     : st == 1                 ? "Sonoff D1"
                                               : "Sonoff Basic";
    json_t *rl = json_array(), *fn = json_array();
    for (int i = 0; i < 8; i++) {
        int v = 0;
        if (i == 0 && (d->domain == SIM_SWITCH)) v = 1;
        if (i == 0 && d->domain == SIM_LIGHT) v = 2;
        if (i < 2 && d->domain == SIM_COVER) v = 3; /* a shutter drives two relays */
        json_array_append_new(rl, json_integer(v));
        json_array_append_new(fn, i == 0 ? json_string(d->name) : json_null());
    }
    json_t *cfg = json_pack(
        "{s:s,s:s,s:o,s:s,s:s,s:s,s:i,s:i,s:s,s:s,s:[s,s,s,s],s:s,s:s,s:s,s:[s,s,s],s:o,s:o,s:o,"
        "s:o,s:{s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i},s:i,s:i,s:i,s:i,s:i}",
        "ip", ip, "dn", d->name, "fn", fn, "hn", hn, "mac", mac, "md", md, "ty", 0, "if", 0, "ofln",
        "Offline", "onln", "Online", "state", "OFF", "ON", "TOGGLE", "HOLD", "sw", "13.2.0", "t", t,
        "ft", "%prefix%/%topic%/", "tp", "cmnd", "stat", "tele", "rl", rl, "swc",
        repeat(json_integer(-1), 8), "swn", repeat(json_null(), 8), "btn",
        repeat(json_integer(0), 8), "so", "4", 0, "11", 0, "13", 0, "17", 0, "20", 0, "30", 0, "68",
        0, "73", 0, "82", 0, "114", 0, "117", 0, "lk", 1, "lt_st", st, "bat", 0, "dslp", 0, "ver",
        1);
    if (!cfg) {
        hub_error(TAG, "%s: could not build the discovery config", d->name);
        return;
    }
    json_object_set_new(cfg, "sho", d->domain == SIM_COVER ? json_pack("[i]", 0) : json_array());
    json_object_set_new(cfg, "sht",
                        d->domain == SIM_COVER ? json_pack("[[i,i,i]]", 0, 0, 0) : json_array());
    snprintf(topic, sizeof topic, "tasmota/discovery/%s/config", mac);
    sim_publish_json(h, topic, cfg, true);
    char tm[32];
    time_now(tm, sizeof tm);
    json_t *sn = json_pack("{s:s}", "Time", tm);
    /* Shutter positions are the cover's own state, not sensors: only real sensors here. */
    if (d->domain == SIM_SENSOR) add_sensor_data(d, sn);
    snprintf(topic, sizeof topic, "tasmota/discovery/%s/sensors", mac);
    sim_publish_json(h, topic, json_pack("{s:o,s:i}", "sn", sn, "ver", 1), true);
    sim_tasmota_availability(h, d);
    /* What the firmware sends right after connecting (not retained). */
    char fb[48];
    snprintf(fb, sizeof fb, "cmnd/DVES_%06llX_fb/", (unsigned long long)(d->id_hash & 0xffffff));
    publish_sub(h, d, "tele", "INFO1",
                json_pack("{s:{s:s,s:s,s:s,s:s}}", "Info1", "Module", md, "Version",
                          "13.2.0(tasmota)", "FallbackTopic", fb, "GroupTopic", "cmnd/tasmotas/"),
                NULL, false);
    publish_sub(h, d, "tele", "INFO2",
                json_pack("{s:{s:s,s:s,s:s}}", "Info2", "WebServerMode", "Admin", "Hostname", hn,
                          "IPAddress", ip),
                NULL, false);
    publish_sub(h, d, "tele", "INFO3",
                json_pack("{s:{s:s,s:i}}", "Info3", "RestartReason", "Software/System restart",
                          "BootCount", 7 + (int)(d->id_hash % 50)),
                NULL, false);
    /* The first tele/STATE and SENSOR follow a little later (sim_announce_all), as the
     * firmware's first TelePeriod after connecting; a hub has subscribed by then. */
}

void sim_tasmota_remove(struct sim_house *h, struct sim_device *d)
{
    char mac[16], topic[SIM_TOPIC_MAX];
    mac_of(d, mac, sizeof mac);
    snprintf(topic, sizeof topic, "tasmota/discovery/%s/config", mac);
    h->publish(h, topic, "", 0, true);
    snprintf(topic, sizeof topic, "tasmota/discovery/%s/sensors", mac);
    h->publish(h, topic, "", 0, true);
}

/* Tasmota's payload parsing: a number, or -99 when the payload is not one (a query). */
static long payload_num(const char *p, bool *is_num)
{
    char *end;
    while (isspace((unsigned char)*p))
        p++;
    long v = strtol(p, &end, 10);
    while (isspace((unsigned char)*end))
        end++;
    *is_num = end != p && *end == '\0';
    return *is_num ? v : -99;
}

static void cover_move_to(struct sim_device *d, double target)
{
    d->target = sim_clamp(target, 0, 100);
    d->moving = d->target > d->position ? 1 : d->target < d->position ? -1 : 0;
    d->timer = 0;
}

static void result_one(struct sim_house *h, struct sim_device *d, const char *key, json_t *v)
{
    json_t *r = json_object();
    json_object_set_new(r, key, v);
    publish_sub(h, d, "stat", "RESULT", r, NULL, false);
}

/* Color payloads: "FF8800", "#FF8800", "FF8800CCWW", "255,136,0". */
static bool parse_color(const char *p, int rgb[3])
{
    if (*p == '#') p++;
    if (strchr(p, ',')) {
        int r, g, b;
        char tail;
        if (sscanf(p, "%d,%d,%d%c", &r, &g, &b, &tail) != 3) return false;
        rgb[0] = (int)sim_clamp(r, 0, 255), rgb[1] = (int)sim_clamp(g, 0, 255),
        rgb[2] = (int)sim_clamp(b, 0, 255);
        return true;
    }
    size_t n = strlen(p);
    if (n != 6 && n != 8 && n != 10) return false;
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)p[i])) return false;
    unsigned v[3];
    if (sscanf(p, "%2x%2x%2x", &v[0], &v[1], &v[2]) != 3) return false;
    rgb[0] = (int)v[0], rgb[1] = (int)v[1], rgb[2] = (int)v[2];
    return true;
}

/* One command (name without the topic, payload); publishes the firmware's answer. */
static void tasmota_command(struct sim_house *h, struct sim_device *d, const char *cmd,
                            const char *payload)
{
    bool num;
    long v = payload_num(payload, &num);
    int st = light_subtype(d);
    bool relay = d->domain == SIM_SWITCH || d->domain == SIM_LIGHT;
    if (relay && (strcasecmp(cmd, "POWER") == 0 || strcasecmp(cmd, "POWER1") == 0)) {
        if (strcasecmp(payload, "ON") == 0 || (num && v == 1))
            d->on = true;
        else if (strcasecmp(payload, "OFF") == 0 || (num && v == 0))
            d->on = false;
        else if (strcasecmp(payload, "TOGGLE") == 0 || (num && v == 2))
            d->on = !d->on;
        json_t *r = json_pack("{s:s}", "POWER", d->on ? "ON" : "OFF");
        publish_sub(h, d, "stat", "RESULT", r, NULL, false);
        publish_sub(h, d, "stat", "POWER", NULL, d->on ? "ON" : "OFF", false);
        return;
    }
    if (st && strcasecmp(cmd, "Dimmer") == 0) {
        const char *p = payload;
        while (isspace((unsigned char)*p))
            p++;
        if (strcmp(p, "+") == 0)
            v = d->bri + 10, num = true;
        else if (strcmp(p, "-") == 0)
            v = d->bri - 10, num = true;
        if ((p[0] == '+' || p[0] == '-') && !p[1]) v = (long)sim_clamp(v, 0, 100);
        /* Out of 0-100 or not a number: a query, answered with the state, as the firmware. */
        if (num && v >= 0 && v <= 100) {
            if (v == 0)
                d->on = false;
            else
                d->bri = (int)v, d->on = true;
        }
        sim_tasmota_report(h, d);
        return;
    }
    if ((st == 2 || st == 5) && strcasecmp(cmd, "CT") == 0) {
        if (num) {
            d->mireds = (int)sim_clamp(v, 153, 500);
            d->color_mode_hs = false;
            d->on = true;
        }
        sim_tasmota_report(h, d);
        return;
    }
    if (st == 5 && (strcasecmp(cmd, "Color") == 0 || strcasecmp(cmd, "Color1") == 0 ||
                    strcasecmp(cmd, "Color2") == 0)) {
        int rgb[3];
        if (parse_color(payload, rgb)) {
            /* As the firmware: the brightest channel sets Dimmer, black switches off. */
            int mx = rgb[0] > rgb[1] ? rgb[0] : rgb[1];
            mx = mx > rgb[2] ? mx : rgb[2];
            if (mx > 0) {
                sim_rgb_to_hs(rgb[0], rgb[1], rgb[2], &d->hue, &d->sat);
                d->bri = (int)lround(mx * 100 / 255.0);
                if (d->bri < 1) d->bri = 1;
            }
            d->color_mode_hs = true;
            d->on = mx > 0;
        }
        sim_tasmota_report(h, d);
        return;
    }
    if (st == 5 && strcasecmp(cmd, "HSBColor") == 0) {
        int hh, ss, bb;
        char tail;
        if (sscanf(payload, "%d,%d,%d%c", &hh, &ss, &bb, &tail) == 3) {
            d->hue = sim_clamp(hh, 0, 360), d->sat = sim_clamp(ss, 0, 100);
            d->bri = (int)sim_clamp(bb, 0, 100);
            d->on = d->bri > 0;
            if (d->bri == 0) d->bri = 1;
            d->color_mode_hs = true;
        }
        sim_tasmota_report(h, d);
        return;
    }
    if (d->domain == SIM_COVER) {
        const char *p = payload;
        while (isspace((unsigned char)*p))
            p++;
        if (strcasecmp(cmd, "ShutterPosition1") == 0 || strcasecmp(cmd, "ShutterPosition") == 0) {
            if (num && v >= 0 && v <= 100)
                cover_move_to(d, (double)v);
            else if (strcasecmp(p, "UP") == 0 || strcasecmp(p, "OPEN") == 0)
                cover_move_to(d, 100);
            else if (strcasecmp(p, "DOWN") == 0 || strcasecmp(p, "CLOSE") == 0)
                cover_move_to(d, 0);
            else if (strcasecmp(p, "STOP") == 0)
                cover_move_to(d, round(d->position));
            result_one(h, d, "ShutterPosition1", json_integer(lround(d->target)));
            if (!d->moving) sim_tasmota_report(h, d);
            return;
        }
        if (strcasecmp(cmd, "ShutterOpen1") == 0 || strcasecmp(cmd, "ShutterOpen") == 0) {
            cover_move_to(d, 100);
            result_one(h, d, "ShutterOpen1", json_integer(1));
            if (!d->moving) sim_tasmota_report(h, d);
            return;
        }
        if (strcasecmp(cmd, "ShutterClose1") == 0 || strcasecmp(cmd, "ShutterClose") == 0) {
            cover_move_to(d, 0);
            result_one(h, d, "ShutterClose1", json_integer(1));
            if (!d->moving) sim_tasmota_report(h, d);
            return;
        }
        if (strcasecmp(cmd, "ShutterStop1") == 0 || strcasecmp(cmd, "ShutterStop") == 0) {
            cover_move_to(d, round(d->position));
            d->position = d->target;
            result_one(h, d, "ShutterStop1", json_integer(1));
            sim_tasmota_report(h, d);
            return;
        }
    }
    if (strcasecmp(cmd, "STATE") == 0) {
        publish_sub(h, d, "stat", "RESULT", state_json(h, d), NULL, false);
        return;
    }
    if (strcasecmp(cmd, "Status") == 0 && num && (v == 10 || v == 11)) {
        char tm[32];
        time_now(tm, sizeof tm);
        if (v == 10) {
            json_t *s = json_pack("{s:s}", "Time", tm);
            add_sensor_data(d, s);
            publish_sub(h, d, "stat", "STATUS10", json_pack("{s:o}", "StatusSNS", s), NULL, false);
        } else {
            publish_sub(h, d, "stat", "STATUS11", json_pack("{s:o}", "StatusSTS", state_json(h, d)),
                        NULL, false);
        }
        return;
    }
    hub_debug(TAG, "%s: unknown command %s", d->name, cmd);
    result_one(h, d, "Command", json_string("Unknown"));
}

/* One message for one device: Backlog or a single command. */
static void tasmota_dispatch(struct sim_house *h, struct sim_device *d, const char *cmd,
                             const char *payload)
{
    if (strcasecmp(cmd, "Backlog") != 0) {
        tasmota_command(h, d, cmd, payload);
        return;
    }
    /* Backlog "Dimmer 40; CT 300": each command in turn, as the firmware does. */
    char *copy = strdup(payload), *save = NULL;
    if (!copy) return;
    int n = 0;
    for (char *c = strtok_r(copy, ";", &save); c && n < 30; c = strtok_r(NULL, ";", &save), n++) {
        while (isspace((unsigned char)*c))
            c++;
        char *sp = c;
        while (*sp && !isspace((unsigned char)*sp))
            sp++;
        char *arg = *sp ? sp + 1 : sp;
        *sp = '\0';
        if (*c) tasmota_command(h, d, c, arg);
    }
    free(copy);
}

bool sim_tasmota_handle(struct sim_house *h, const char *topic, const char *payload, size_t len)
{
    if (strncmp(topic, "cmnd/", 5) != 0) return false;
    const char *t = topic + 5, *slash = strchr(t, '/');
    if (!slash || strchr(slash + 1, '/')) return false;
    size_t tl = (size_t)(slash - t);
    /* cmnd/tasmotas/...: Tasmota's default GroupTopic, every device takes the command. */
    bool group = tl == 8 && strncmp(t, "tasmotas", 8) == 0;
    bool any = false;
    char dt[32];
    for (size_t i = 0; i < h->ndev; i++) {
        struct sim_device *d = &h->dev[i];
        if (d->proto != SIM_PROTO_TASMOTA || d->removed) continue;
        if (!group) {
            sim_tasmota_topic(d, dt, sizeof dt);
            if (strlen(dt) != tl || strncmp(dt, t, tl) != 0) continue;
        }
        any = true;
        if (!d->available) {
            hub_debug(TAG, "%s: offline, command dropped", d->name);
        } else if (strlen(payload) != len) {
            hub_warn(TAG, "%s: payload with a NUL byte, ignored", d->name);
        } else {
            tasmota_dispatch(h, d, slash + 1, payload);
        }
        if (!group) break;
    }
    return any;
}

/* sim_ha.c: ESPHome-like nodes announced with Home Assistant MQTT discovery. Each device is a
 * node with base topic esphome/<node> ("~" in its config), a retained discovery config on
 * homeassistant/<component>/<node>/<object_id>/config written with HA's abbreviations,
 * retained availability ~/status online/offline, and retained states (ESPHome's default) on
 * ~/<component>/<object_id>/state (+ .../<attribute>/state). Commands arrive on
 * ~/<component>/<object_id>/command and ~/<component>/<object_id>/<attribute>/command.
 * media_player uses the hub-defined schema (full key names, no "~"): state_topic
 * (playing/paused/idle/off), volume_state_topic (0-1), command_topic (PLAY PAUSE STOP NEXT
 * PREVIOUS ON OFF), volume_command_topic (0-1). */
#include "tools/sim/sim.h"
#include "hub_log.h"
#include "hub_status.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TAG "ha"

static const char *component(const struct sim_device *d)
{
    return sim_domain_name(d->domain);
}

static void node_of(const struct sim_device *d, char *out, size_t n)
{
    snprintf(out, n, "%s", d->slug);
    for (char *p = out; *p; p++)
        if (*p == '_') *p = '-';
}

void sim_ha_base(const struct sim_device *d, char *out, size_t n)
{
    char node[SIM_NAME_MAX];
    node_of(d, node, sizeof node);
    snprintf(out, n, "esphome/%s", node);
}

/* Full topic of ~/<component>/<object_id>[/<sub>]/<leaf>. */
static void topic_of(const struct sim_device *d, const char *sub, const char *leaf, char *out,
                     size_t n)
{
    char node[SIM_NAME_MAX];
    node_of(d, node, sizeof node);
    int w = sub ? snprintf(out, n, "esphome/%s/%s/%s/%s/%s", node, component(d), d->slug, sub, leaf)
                : snprintf(out, n, "esphome/%s/%s/%s/%s", node, component(d), d->slug, leaf);
    HUB_ASSERT(w > 0 && (size_t)w < n); /* names are < SIM_NAME_MAX, topics fit */
}

/* "~/<component>/<object_id>[/<sub>]/<leaf>" as written inside a config with a "~" base. */
static json_t *rel(const struct sim_device *d, const char *sub, const char *leaf)
{
    char buf[SIM_TOPIC_MAX];
    if (sub)
        snprintf(buf, sizeof buf, "~/%s/%s/%s/%s", component(d), d->slug, sub, leaf);
    else
        snprintf(buf, sizeof buf, "~/%s/%s/%s", component(d), d->slug, leaf);
    return json_string(buf);
}

static void pub(struct sim_house *h, const struct sim_device *d, const char *sub, const char *text)
{
    char topic[SIM_TOPIC_MAX];
    topic_of(d, sub, "state", topic, sizeof topic);
    sim_publish(h, topic, text, true);
}

static void pubf(struct sim_house *h, const struct sim_device *d, const char *sub, double v,
                 int decimals)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    pub(h, d, sub, buf);
}

void sim_ha_availability(struct sim_house *h, struct sim_device *d)
{
    char base[SIM_TOPIC_MAX], topic[SIM_TOPIC_MAX + 8];
    sim_ha_base(d, base, sizeof base);
    snprintf(topic, sizeof topic, "%s/status", base);
    sim_publish(h, topic, d->available ? "online" : "offline", true);
}

static const char *cover_state(const struct sim_device *d)
{
    if (d->moving > 0) return "opening";
    if (d->moving < 0) return "closing";
    return d->position > 0 ? "open" : "closed";
}

static json_t *light_json_state(const struct sim_device *d)
{
    json_t *s = json_pack("{s:s}", "state", d->on ? "ON" : "OFF");
    if (d->caps & SIM_CAP_DIM) json_object_set_new(s, "brightness", json_integer(d->bri));
    if (d->caps & (SIM_CAP_CT | SIM_CAP_COLOR)) {
        json_object_set_new(s, "color_mode", json_string(d->color_mode_hs ? "hs" : "color_temp"));
        json_object_set_new(s, "color_temp", json_integer(d->mireds));
    } else {
        json_object_set_new(s, "color_mode",
                            json_string(d->caps & SIM_CAP_DIM ? "brightness" : "onoff"));
    }
    if (d->caps & SIM_CAP_COLOR)
        json_object_set_new(
            s, "color",
            json_pack("{s:f,s:f}", "h", round(d->hue * 10) / 10, "s", round(d->sat * 10) / 10));
    return s;
}

void sim_ha_report(struct sim_house *h, struct sim_device *d)
{
    char topic[SIM_TOPIC_MAX];
    switch (d->domain) {
    case SIM_LIGHT:
        if (d->ha_json_schema) {
            topic_of(d, NULL, "state", topic, sizeof topic);
            sim_publish_json(h, topic, light_json_state(d), true);
            break;
        }
        pub(h, d, NULL, d->on ? "ON" : "OFF");
        if (d->caps & SIM_CAP_DIM) pubf(h, d, "brightness", d->bri, 0);
        if (d->caps & SIM_CAP_CT) pubf(h, d, "color_temp", d->mireds, 0);
        if (d->caps & SIM_CAP_COLOR) {
            char hs[48];
            snprintf(hs, sizeof hs, "%.1f,%.1f", d->hue, d->sat);
            pub(h, d, "hs", hs);
        }
        break;
    case SIM_SWITCH: pub(h, d, NULL, d->on ? "ON" : "OFF"); break;
    case SIM_COVER:
        pub(h, d, NULL, cover_state(d));
        pubf(h, d, "position", round(d->position), 0);
        break;
    case SIM_VALVE: pub(h, d, NULL, cover_state(d)); break;
    case SIM_LOCK:
        pub(h, d, NULL,
            d->timer > 0 ? (d->locked ? "LOCKING" : "UNLOCKING")
                         : (d->locked ? "LOCKED" : "UNLOCKED"));
        break;
    case SIM_CLIMATE: {
        pub(h, d, "mode", d->hvac_mode);
        pubf(h, d, "target_temperature", d->setpoint, 1);
        pubf(h, d, "current_temperature", d->current_temp, 1);
        bool off = strcmp(d->hvac_mode, "off") == 0;
        pub(h, d, "action",
            off ? "off"
            : strcmp(d->hvac_mode, "cool") == 0
                ? (d->current_temp > d->setpoint ? "cooling" : "idle")
            : d->current_temp < d->setpoint - 0.2 ? "heating"
                                                  : "idle");
        break;
    }
    case SIM_FAN:
        pub(h, d, NULL, d->on ? "ON" : "OFF");
        pubf(h, d, "speed_level", d->percentage, 0);
        break;
    case SIM_SENSOR: pubf(h, d, NULL, d->value, strcmp(d->unit, "lx") == 0 ? 0 : 1); break;
    case SIM_BINARY: pub(h, d, NULL, d->bin ? "ON" : "OFF"); break;
    case SIM_VACUUM:
        topic_of(d, NULL, "state", topic, sizeof topic);
        sim_publish_json(h, topic,
                         json_pack("{s:s,s:i,s:s}", "state", d->vac_state, "battery_level",
                                   d->battery, "fan_speed", d->fan_speed),
                         true);
        break;
    case SIM_MEDIA: {
        static const char *const titles[] = {"Clair de Lune", "So What",    "Teardrop",
                                             "Blue in Green", "Hoppípolla", "Avril 14th"};
        pub(h, d, NULL, d->media_state);
        pubf(h, d, "volume", d->volume, 2);
        pub(h, d, "title", titles[(unsigned)d->track % (sizeof titles / sizeof titles[0])]);
        break;
    }
    default: break;
    }
}

static void config_topic(const struct sim_device *d, char *out, size_t n)
{
    char node[SIM_NAME_MAX];
    node_of(d, node, sizeof node);
    snprintf(out, n, "homeassistant/%s/%s/%s/config", component(d), node, d->slug);
}

static json_t *device_block(const struct sim_device *d)
{
    char node[SIM_NAME_MAX], ids[SIM_NAME_MAX + 32];
    node_of(d, node, sizeof node);
    snprintf(ids, sizeof ids, "esphome-%012llx",
             (unsigned long long)(d->id_hash & 0xffffffffffffULL));
    /* ESPHome names the device by its friendly_name when one is set, as here. */
    json_t *dev = json_pack("{s:[s],s:s,s:s,s:s,s:s}", "ids", ids, "name", d->name, "mf",
                            "Espressif", "mdl", "esp32dev", "sw", "2024.12.4 (ESPHome)");
    if (*d->area) json_object_set_new(dev, "sa", json_string(d->area));
    return dev;
}

void sim_ha_announce(struct sim_house *h, struct sim_device *d)
{
    char base[SIM_TOPIC_MAX], node[SIM_NAME_MAX], uid[3 * SIM_NAME_MAX];
    char topic[SIM_TOPIC_MAX + SIM_NAME_MAX];
    sim_ha_base(d, base, sizeof base);
    node_of(d, node, sizeof node);
    snprintf(uid, sizeof uid, "%s-%s-%s", node, component(d), d->slug);
    json_t *c;
    if (d->domain == SIM_MEDIA) {
        char st[SIM_TOPIC_MAX], cmd[SIM_TOPIC_MAX], vs[SIM_TOPIC_MAX], vc[SIM_TOPIC_MAX],
            av[SIM_TOPIC_MAX + 8], ti[SIM_TOPIC_MAX];
        topic_of(d, NULL, "state", st, sizeof st);
        topic_of(d, NULL, "command", cmd, sizeof cmd);
        topic_of(d, "volume", "state", vs, sizeof vs);
        topic_of(d, "volume", "command", vc, sizeof vc);
        topic_of(d, "title", "state", ti, sizeof ti);
        snprintf(av, sizeof av, "%s/status", base);
        c = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "name", d->name, "unique_id", uid,
                      "availability_topic", av, "state_topic", st, "command_topic", cmd,
                      "volume_state_topic", vs, "volume_command_topic", vc, "media_title_topic", ti,
                      "device", device_block(d));
    } else {
        c = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "~", base, "name", d->name, "uniq_id", uid,
                      "avty_t", "~/status", "pl_avail", "online", "pl_not_avail", "offline", "dev",
                      device_block(d));
        json_object_set_new(c, "stat_t", rel(d, NULL, "state"));
        if (d->domain != SIM_SENSOR && d->domain != SIM_BINARY)
            json_object_set_new(c, "cmd_t", rel(d, NULL, "command"));
        if (*d->device_class && d->domain != SIM_LIGHT && d->domain != SIM_CLIMATE)
            json_object_set_new(c, "dev_cla", json_string(d->device_class));
    }
    switch (d->domain) {
    case SIM_LIGHT:
        if (d->ha_json_schema) {
            json_object_set_new(c, "schema", json_string("json"));
            json_t *modes = json_array();
            if (d->caps & SIM_CAP_CT) json_array_append_new(modes, json_string("color_temp"));
            if (d->caps & SIM_CAP_COLOR) json_array_append_new(modes, json_string("hs"));
            if (!json_array_size(modes))
                json_array_append_new(modes,
                                      json_string(d->caps & SIM_CAP_DIM ? "brightness" : "onoff"));
            json_object_set_new(c, "sup_clrm", modes);
            json_object_set_new(c, "brightness", json_boolean(d->caps & SIM_CAP_DIM));
            if (d->caps & SIM_CAP_DIM) json_object_set_new(c, "bri_scl", json_integer(255));
        } else {
            json_object_set_new(c, "pl_on", json_string("ON"));
            json_object_set_new(c, "pl_off", json_string("OFF"));
            if (d->caps & SIM_CAP_DIM) {
                json_object_set_new(c, "bri_stat_t", rel(d, "brightness", "state"));
                json_object_set_new(c, "bri_cmd_t", rel(d, "brightness", "command"));
                json_object_set_new(c, "bri_scl", json_integer(255));
            }
            if (d->caps & SIM_CAP_CT) {
                json_object_set_new(c, "clr_temp_stat_t", rel(d, "color_temp", "state"));
                json_object_set_new(c, "clr_temp_cmd_t", rel(d, "color_temp", "command"));
            }
            if (d->caps & SIM_CAP_COLOR) {
                json_object_set_new(c, "hs_stat_t", rel(d, "hs", "state"));
                json_object_set_new(c, "hs_cmd_t", rel(d, "hs", "command"));
            }
        }
        if (d->caps & SIM_CAP_CT) {
            json_object_set_new(c, "min_mirs", json_integer(153));
            json_object_set_new(c, "max_mirs", json_integer(500));
        }
        break;
    case SIM_SWITCH:
        json_object_set_new(c, "pl_on", json_string("ON"));
        json_object_set_new(c, "pl_off", json_string("OFF"));
        break;
    case SIM_SENSOR:
        json_object_set_new(c, "unit_of_meas", json_string(d->unit));
        json_object_set_new(c, "stat_cla", json_string("measurement"));
        break;
    case SIM_BINARY:
        json_object_set_new(c, "pl_on", json_string("ON"));
        json_object_set_new(c, "pl_off", json_string("OFF"));
        break;
    case SIM_COVER:
        json_object_set_new(c, "pos_t", rel(d, "position", "state"));
        json_object_set_new(c, "set_pos_t", rel(d, "position", "command"));
        __attribute__((fallthrough)); /* the same payloads as a valve */
    case SIM_VALVE:
        json_object_set_new(c, "pl_open", json_string("OPEN"));
        json_object_set_new(c, "pl_cls", json_string("CLOSE"));
        json_object_set_new(c, "pl_stop", json_string("STOP"));
        json_object_set_new(c, "stat_open", json_string("open"));
        json_object_set_new(c, "stat_clsd", json_string("closed"));
        json_object_set_new(c, "stat_opening", json_string("opening"));
        json_object_set_new(c, "stat_closing", json_string("closing"));
        if (d->domain == SIM_VALVE) json_object_set_new(c, "reports_position", json_false());
        break;
    case SIM_LOCK:
        json_object_set_new(c, "pl_lock", json_string("LOCK"));
        json_object_set_new(c, "pl_unlk", json_string("UNLOCK"));
        json_object_set_new(c, "stat_locked", json_string("LOCKED"));
        json_object_set_new(c, "stat_unlocked", json_string("UNLOCKED"));
        break;
    case SIM_CLIMATE:
        json_object_del(c, "stat_t");
        json_object_del(c, "cmd_t");
        json_object_set_new(c, "mode_stat_t", rel(d, "mode", "state"));
        json_object_set_new(c, "mode_cmd_t", rel(d, "mode", "command"));
        json_object_set_new(c, "temp_stat_t", rel(d, "target_temperature", "state"));
        json_object_set_new(c, "temp_cmd_t", rel(d, "target_temperature", "command"));
        json_object_set_new(c, "curr_temp_t", rel(d, "current_temperature", "state"));
        json_object_set_new(c, "act_t", rel(d, "action", "state"));
        json_object_set_new(c, "modes", json_pack("[s,s,s,s]", "off", "heat", "cool", "auto"));
        json_object_set_new(c, "min_temp", json_real(7));
        json_object_set_new(c, "max_temp", json_real(30));
        json_object_set_new(c, "temp_step", json_real(0.5));
        json_object_set_new(c, "temp_unit", json_string("C"));
        break;
    case SIM_FAN:
        json_object_set_new(c, "pl_on", json_string("ON"));
        json_object_set_new(c, "pl_off", json_string("OFF"));
        json_object_set_new(c, "pct_stat_t", rel(d, "speed_level", "state"));
        json_object_set_new(c, "pct_cmd_t", rel(d, "speed_level", "command"));
        json_object_set_new(c, "spd_rng_min", json_integer(1));
        json_object_set_new(c, "spd_rng_max", json_integer(100));
        break;
    case SIM_VACUUM:
        json_object_set_new(c, "schema", json_string("state"));
        json_object_set_new(c, "set_fan_spd_t", rel(d, "fan_speed", "command"));
        json_object_set_new(c, "send_cmd_t", rel(d, "custom", "command"));
        json_object_set_new(c, "fanspd_lst",
                            json_pack("[s,s,s,s]", "min", "medium", "high", "max"));
        json_object_set_new(c, "sup_feat",
                            json_pack("[s,s,s,s,s,s,s,s]", "start", "pause", "stop", "return_home",
                                      "status", "locate", "clean_spot", "fan_speed"));
        break;
    default: break;
    }
    config_topic(d, topic, sizeof topic);
    sim_publish_json(h, topic, c, true);
    sim_ha_availability(h, d);
    if (d->available) sim_ha_report(h, d);
}

void sim_ha_remove(struct sim_house *h, struct sim_device *d)
{
    char topic[SIM_TOPIC_MAX + SIM_NAME_MAX];
    config_topic(d, topic, sizeof topic);
    h->publish(h, topic, "", 0, true); /* HA's removal: an empty retained config */
}

static void cover_move_to(struct sim_device *d, double target)
{
    d->target = sim_clamp(target, 0, 100);
    d->moving = d->target > d->position ? 1 : d->target < d->position ? -1 : 0;
    d->timer = 0;
}

static bool parse_double(const char *s, double *out)
{
    char *end;
    while (isspace((unsigned char)*s))
        s++;
    double v = strtod(s, &end);
    while (isspace((unsigned char)*end))
        end++;
    if (end == s || *end || !isfinite(v)) return false;
    *out = v;
    return true;
}

/* JSON-schema light command: {"state","brightness","color_temp","color":{h,s|x,y|r,g,b}}. */
static bool light_json_command(struct sim_device *d, const char *payload, size_t len)
{
    json_t *m = json_loadb(payload, len, 0, NULL);
    if (!json_is_object(m)) {
        json_decref(m);
        return false;
    }
    bool ok = false;
    double x, y;
    const char *st = json_string_value(json_object_get(m, "state"));
    if (st && strcasecmp(st, "ON") == 0)
        d->on = true, ok = true;
    else if (st && strcasecmp(st, "OFF") == 0)
        d->on = false, ok = true;
    if ((d->caps & SIM_CAP_DIM) && sim_json_number(json_object_get(m, "brightness"), &x)) {
        d->bri = (int)lround(sim_clamp(x, 1, 255));
        ok = true;
    }
    if ((d->caps & SIM_CAP_CT) && sim_json_number(json_object_get(m, "color_temp"), &x)) {
        d->mireds = (int)lround(sim_clamp(x, 153, 500));
        d->color_mode_hs = false;
        ok = true;
    }
    json_t *c = json_object_get(m, "color");
    if ((d->caps & SIM_CAP_COLOR) && json_is_object(c)) {
        double r, g, b;
        if (sim_json_number(json_object_get(c, "h"), &x) &&
            sim_json_number(json_object_get(c, "s"), &y)) {
            d->hue = sim_clamp(x, 0, 360), d->sat = sim_clamp(y, 0, 100);
            d->color_mode_hs = ok = true;
        } else if (sim_json_number(json_object_get(c, "x"), &x) &&
                   sim_json_number(json_object_get(c, "y"), &y)) {
            sim_xy_to_hs(x, y, &d->hue, &d->sat);
            d->color_mode_hs = ok = true;
        } else if (sim_json_number(json_object_get(c, "r"), &r) &&
                   sim_json_number(json_object_get(c, "g"), &g) &&
                   sim_json_number(json_object_get(c, "b"), &b)) {
            sim_rgb_to_hs((int)r, (int)g, (int)b, &d->hue, &d->sat);
            d->color_mode_hs = ok = true;
        }
    }
    json_decref(m);
    return ok;
}

/* One command: sub is NULL for ~/<component>/<object_id>/command, else the attribute. */
static bool ha_command(struct sim_device *d, const char *sub, const char *p, size_t len)
{
    double x;
    bool on = strcmp(p, "ON") == 0, off = strcmp(p, "OFF") == 0;
    switch (d->domain) {
    case SIM_LIGHT:
        if (d->ha_json_schema) return !sub && light_json_command(d, p, len);
        if (!sub && (on || off)) return d->on = on, true;
        if (sub && strcmp(sub, "brightness") == 0 && (d->caps & SIM_CAP_DIM) &&
            parse_double(p, &x)) {
            d->bri = (int)lround(sim_clamp(x, 0, 255));
            d->on = d->bri > 0;
            if (!d->bri) d->bri = 1;
            return true;
        }
        if (sub && strcmp(sub, "color_temp") == 0 && (d->caps & SIM_CAP_CT) &&
            parse_double(p, &x)) {
            d->mireds = (int)lround(sim_clamp(x, 153, 500));
            d->color_mode_hs = false;
            d->on = true;
            return true;
        }
        if (sub && strcmp(sub, "hs") == 0 && (d->caps & SIM_CAP_COLOR)) {
            double hh, ss;
            char tail;
            if (sscanf(p, "%lf,%lf%c", &hh, &ss, &tail) != 2 || !isfinite(hh) || !isfinite(ss))
                return false;
            d->hue = sim_clamp(hh, 0, 360), d->sat = sim_clamp(ss, 0, 100);
            d->color_mode_hs = true;
            d->on = true;
            return true;
        }
        return false;
    case SIM_SWITCH:
        if (!sub && (on || off)) return d->on = on, true;
        return false;
    case SIM_COVER:
    case SIM_VALVE:
        if (!sub && strcmp(p, "OPEN") == 0) return cover_move_to(d, 100), true;
        if (!sub && strcmp(p, "CLOSE") == 0) return cover_move_to(d, 0), true;
        if (!sub && strcmp(p, "STOP") == 0) {
            cover_move_to(d, round(d->position));
            d->position = d->target;
            return true;
        }
        if (d->domain == SIM_COVER && sub && strcmp(sub, "position") == 0 && parse_double(p, &x) &&
            x >= 0 && x <= 100)
            return cover_move_to(d, x), true;
        return false;
    case SIM_LOCK:
        if (!sub && (strcmp(p, "LOCK") == 0 || strcmp(p, "UNLOCK") == 0)) {
            d->locked = p[0] == 'L';
            d->timer = 0.5; /* LOCKING/UNLOCKING for half a second, then LOCKED/UNLOCKED */
            return true;
        }
        return false;
    case SIM_CLIMATE:
        if (sub && strcmp(sub, "mode") == 0 &&
            (strcmp(p, "off") == 0 || strcmp(p, "heat") == 0 || strcmp(p, "cool") == 0 ||
             strcmp(p, "auto") == 0)) {
            snprintf(d->hvac_mode, sizeof d->hvac_mode, "%s", p);
            return true;
        }
        if (sub && strcmp(sub, "target_temperature") == 0 && parse_double(p, &x)) {
            d->setpoint = round(sim_clamp(x, 7, 30) * 2) / 2;
            return true;
        }
        return false;
    case SIM_FAN:
        if (!sub && (on || off)) {
            d->on = on;
            if (on && d->percentage == 0) d->percentage = 50;
            return true;
        }
        if (sub && strcmp(sub, "speed_level") == 0 && parse_double(p, &x) && x >= 0 && x <= 100) {
            d->percentage = (int)lround(x);
            d->on = d->percentage > 0;
            return true;
        }
        return false;
    case SIM_VACUUM:
        if (!sub) {
            const char *next = strcmp(p, "start") == 0            ? "cleaning"
                               : strcmp(p, "pause") == 0          ? "paused"
                               : strcmp(p, "stop") == 0           ? "idle"
                               : strcmp(p, "return_to_base") == 0 ? "returning"
                               : strcmp(p, "clean_spot") == 0     ? "cleaning"
                               : strcmp(p, "locate") == 0         ? "" /* beeps, stays */
                                                                  : NULL;
            if (!next) return false;
            if (!*next) return true;
            snprintf(d->vac_state, sizeof d->vac_state, "%s", next);
            if (strcmp(next, "returning") == 0) d->timer = 3; /* drives home, then docked */
            return true;
        }
        if (strcmp(sub, "fan_speed") == 0 && (strcmp(p, "min") == 0 || strcmp(p, "medium") == 0 ||
                                              strcmp(p, "high") == 0 || strcmp(p, "max") == 0)) {
            snprintf(d->fan_speed, sizeof d->fan_speed, "%s", p);
            return true;
        }
        return false;
    case SIM_MEDIA:
        if (!sub) {
            char *st = d->media_state;
            size_t n = sizeof d->media_state;
            if (strcmp(p, "PLAY") == 0)
                snprintf(st, n, "playing");
            else if (strcmp(p, "PAUSE") == 0)
                snprintf(st, n, "paused");
            else if (strcmp(p, "STOP") == 0 || on)
                snprintf(st, n, "idle");
            else if (off)
                snprintf(st, n, "off");
            else if (strcmp(p, "NEXT") == 0)
                d->track++;
            else if (strcmp(p, "PREVIOUS") == 0)
                d->track = d->track > 0 ? d->track - 1 : 0;
            else
                return false;
            return true;
        }
        if (strcmp(sub, "volume") == 0 && parse_double(p, &x) && x >= 0 && x <= 1) {
            d->volume = round(x * 100) / 100;
            return true;
        }
        return false;
    default: return false;
    }
}

bool sim_ha_handle(struct sim_house *h, const char *topic, const char *payload, size_t len)
{
    if (strncmp(topic, "esphome/", 8) != 0) return false;
    size_t tl = strlen(topic);
    if (tl < 8 || strcmp(topic + tl - 8, "/command") != 0) return false;
    for (size_t i = 0; i < h->ndev; i++) {
        struct sim_device *d = &h->dev[i];
        if (d->proto != SIM_PROTO_HA || d->removed) continue;
        char prefix[SIM_TOPIC_MAX];
        topic_of(d, NULL, "", prefix, sizeof prefix); /* esphome/<node>/<comp>/<obj>/ */
        size_t pl = strlen(prefix);
        if (strncmp(topic, prefix, pl) != 0) continue;
        const char *leaf = topic + pl;
        char sub[48] = "";
        if (strcmp(leaf, "command") != 0) {
            size_t sl = strlen(leaf) - 8; /* strip "/command" */
            if (sl == 0 || sl >= sizeof sub || memchr(leaf, '/', sl)) return true;
            memcpy(sub, leaf, sl);
            sub[sl] = '\0';
        }
        if (!d->available) {
            hub_debug(TAG, "%s: offline, command dropped", d->name);
            return true;
        }
        if (strlen(payload) != len || !ha_command(d, *sub ? sub : NULL, payload, len)) {
            char ex[48];
            hub_warn(TAG, "%s: ignored '%s' on %s", d->name,
                     sim_excerpt(payload, len, ex, sizeof ex), topic);
            return true;
        }
        sim_ha_report(h, d);
        return true;
    }
    return false;
}

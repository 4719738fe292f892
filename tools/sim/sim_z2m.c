/* sim_z2m.c: the zigbee2mqtt bridge of hub-sim. Publishes what Zigbee2MQTT 1.x/2.x publishes
 * under base topic "zigbee2mqtt": retained bridge/state, bridge/info and bridge/devices (with
 * each device's definition and exposes in z2m's expose schema), retained availability per
 * device ({"state":"online"}), and each device's full state JSON on zigbee2mqtt/<friendly_name>
 * (not retained, z2m's default). Commands arrive on <friendly_name>/set (JSON, or a bare value
 * meaning "state"), <friendly_name>/set/<attribute> and <friendly_name>/get; z2m answers a
 * successful set with a state publish, and ignores (with a log line) what no converter takes. */
#include "tools/sim/sim.h"
#include "hub_log.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TAG "z2m"
#define BASE "zigbee2mqtt"

struct z2m_model {
    const char *model, *vendor, *description, *model_id, *manufacturer;
    bool battery;
};

/* Real devices z2m supports, one per kind the sim simulates. */
static struct z2m_model model_of(const struct sim_device *d)
{
    const char *dc = d->device_class;
    switch (d->domain) {
    case SIM_LIGHT:
        if (d->caps & SIM_CAP_COLOR)
            return (struct z2m_model){"9290022166",
                                      "Philips",
                                      "Hue white and color ambiance E26/E27",
                                      "LCA001",
                                      "Signify Netherlands B.V.",
                                      false};
        if (d->caps & SIM_CAP_CT)
            return (struct z2m_model){"LED1545G12",
                                      "IKEA",
                                      "TRADFRI bulb E26/E27, white spectrum, globe, opal, 1000 lm",
                                      "TRADFRI bulb E27 WS opal 1000lm",
                                      "IKEA of Sweden",
                                      false};
        return (struct z2m_model){"LED1836G9",
                                  "IKEA",
                                  "TRADFRI bulb E26/E27, warm white, 806 lm",
                                  "TRADFRI bulb E27 WW 806lm",
                                  "IKEA of Sweden",
                                  false};
    case SIM_SWITCH:
        return (struct z2m_model){"E1603/E1702/E1708",      "IKEA",
                                  "TRADFRI control outlet", "TRADFRI control outlet",
                                  "IKEA of Sweden",         false};
    case SIM_COVER:
        return (struct z2m_model){
            "E1757",          "IKEA", "FYRTUR roller blind", "FYRTUR block-out roller blind",
            "IKEA of Sweden", true};
    case SIM_LOCK:
        return (struct z2m_model){"YRD256HA20BP", "Yale", "Assure lock SL",
                                  "YRD256 TSDB",  "Yale", true};
    case SIM_CLIMATE:
        return (struct z2m_model){"014G2461", "Danfoss", "Ally thermostat",
                                  "eTRV0100", "Danfoss", true};
    case SIM_FAN:
        return (struct z2m_model){"99432",
                                  "Hampton Bay",
                                  "Universal wink enabled white ceiling fan"
                                  " premier remote control",
                                  "HDC52EastwindFan",
                                  "King Of Fans,  Inc.",
                                  false};
    case SIM_BINARY:
        if (strcmp(dc, "motion") == 0 || strcmp(dc, "occupancy") == 0 ||
            strcmp(dc, "presence") == 0)
            return (struct z2m_model){
                "9290012607", "Philips", "Hue motion sensor", "SML001", "Signify Netherlands B.V.",
                true};
        if (strcmp(dc, "moisture") == 0)
            return (struct z2m_model){
                "SJCGQ11LM", "Aqara", "Water leak sensor", "lumi.sensor_wleak.aq1", "LUMI", true};
        return (struct z2m_model){
            "MCCGQ11LM", "Aqara", "Door and window sensor", "lumi.sensor_magnet.aq2", "LUMI", true};
    case SIM_SENSOR:
        if (strcmp(dc, "illuminance") == 0)
            return (struct z2m_model){"GZCGQ01LM",          "Xiaomi", "Mi light sensor",
                                      "lumi.sen_ill.mgl01", "LUMI",   true};
        return (struct z2m_model){"WSDCGQ11LM",   "Aqara", "Temperature and humidity sensor",
                                  "lumi.weather", "LUMI",  true};
    default: break;
    }
    return (struct z2m_model){"unknown", "unknown", "unknown", "unknown", "unknown", false};
}

/* The property a sensor or binary sensor reports its value under. */
static const char *z2m_property(const struct sim_device *d)
{
    const char *dc = d->device_class;
    if (d->domain == SIM_BINARY) {
        if (strcmp(dc, "motion") == 0 || strcmp(dc, "occupancy") == 0 ||
            strcmp(dc, "presence") == 0)
            return "occupancy";
        if (strcmp(dc, "moisture") == 0) return "water_leak";
        if (strcmp(dc, "smoke") == 0) return "smoke";
        return "contact";
    }
    if (strcmp(dc, "humidity") == 0 || strcmp(dc, "illuminance") == 0 ||
        strcmp(dc, "pressure") == 0 || strcmp(dc, "power") == 0 || strcmp(dc, "battery") == 0 ||
        strcmp(dc, "co2") == 0)
        return dc;
    return "temperature";
}

/* z2m's label: the name with a capital and spaces ("color_temp" -> "Color temp"). */
static json_t *label_of(const char *name)
{
    char buf[64];
    size_t i;
    for (i = 0; name[i] && i + 1 < sizeof buf; i++)
        buf[i] = name[i] == '_' ? ' ' : name[i];
    buf[i] = '\0';
    if (buf[0] >= 'a' && buf[0] <= 'z') buf[0] = (char)(buf[0] - 'a' + 'A');
    return json_string(buf);
}

static json_t *feat_binary(const char *name, const char *prop, json_t *on, json_t *off, int access,
                           const char *desc)
{
    json_t *f = json_pack("{s:s,s:s,s:o,s:s,s:o,s:o,s:i,s:s}", "type", "binary", "name", name,
                          "label", label_of(name), "property", prop, "value_on", on, "value_off",
                          off, "access", access, "description", desc);
    if (f && json_is_string(on) && strcmp(json_string_value(on), "ON") == 0)
        json_object_set_new(f, "value_toggle", json_string("TOGGLE"));
    return f;
}

static json_t *feat_numeric(const char *name, const char *prop, double min, double max,
                            const char *unit, int access, const char *desc)
{
    json_t *f = json_pack("{s:s,s:s,s:o,s:s,s:i,s:s}", "type", "numeric", "name", name, "label",
                          label_of(name), "property", prop, "access", access, "description", desc);
    if (!f) return NULL;
    if (min < max) {
        json_object_set_new(f, "value_min", json_real(min));
        json_object_set_new(f, "value_max", json_real(max));
        if (min == floor(min) && max == floor(max)) {
            json_object_set_new(f, "value_min", json_integer((json_int_t)min));
            json_object_set_new(f, "value_max", json_integer((json_int_t)max));
        }
    }
    if (unit) json_object_set_new(f, "unit", json_string(unit));
    return f;
}

static json_t *feat_enum(const char *name, const char *prop, const char *const *values, int access,
                         const char *desc)
{
    json_t *v = json_array();
    for (size_t i = 0; values[i]; i++)
        json_array_append_new(v, json_string(values[i]));
    return json_pack("{s:s,s:s,s:o,s:s,s:o,s:i,s:s}", "type", "enum", "name", name, "label",
                     label_of(name), "property", prop, "values", v, "access", access, "description",
                     desc);
}

static json_t *color_composite(const char *name, const char *a, const char *b, const char *label)
{
    json_t *feats =
        json_pack("[{s:s,s:s,s:s,s:i},{s:s,s:s,s:s,s:i}]", "type", "numeric", "name", a, "property",
                  a, "access", 7, "type", "numeric", "name", b, "property", b, "access", 7);
    return json_pack("{s:s,s:s,s:s,s:s,s:i,s:o,s:s}", "type", "composite", "name", name, "label",
                     label, "property", "color", "access", 7, "features", feats, "description",
                     "Color of this light in the CIE 1931 color space (x/y)");
}

static json_t *z2m_exposes(const struct sim_device *d)
{
    static const char *const cover_states[] = {"OPEN", "CLOSE", "STOP", NULL};
    static const char *const lock_states[] = {"not_fully_locked", "locked", "unlocked", NULL};
    static const char *const modes[] = {"off", "heat", "auto", NULL};
    static const char *const running[] = {"idle", "heat", NULL};
    static const char *const fan_modes[] = {"off", "low",  "medium", "high",
                                            "on",  "auto", "smart",  NULL};
    json_t *ex = json_array(), *feats = json_array();
    const char *type = NULL;
    switch (d->domain) {
    case SIM_LIGHT:
        type = "light";
        json_array_append_new(feats,
                              feat_binary("state", "state", json_string("ON"), json_string("OFF"),
                                          7, "On/off state of this light"));
        if (d->caps & SIM_CAP_DIM)
            json_array_append_new(feats, feat_numeric("brightness", "brightness", 0, 254, NULL, 7,
                                                      "Brightness of this light"));
        if (d->caps & SIM_CAP_CT) {
            json_t *ct = feat_numeric("color_temp", "color_temp", 150, 500, "mired", 7,
                                      "Color temperature of this light");
            json_t *pre =
                json_pack("[{s:s,s:i},{s:s,s:i},{s:s,s:i},{s:s,s:i},{s:s,s:i}]", "name", "coolest",
                          "value", 153, "name", "cool", "value", 250, "name", "neutral", "value",
                          370, "name", "warm", "value", 454, "name", "warmest", "value", 500);
            json_object_set_new(ct, "presets", pre);
            json_array_append_new(feats, ct);
        }
        if (d->caps & SIM_CAP_COLOR) {
            json_array_append_new(feats, color_composite("color_xy", "x", "y", "Color (X/Y)"));
            json_t *hs = color_composite("color_hs", "hue", "saturation", "Color (HS)");
            json_object_set_new(hs, "description",
                                json_string("Color of this light expressed "
                                            "as hue/saturation"));
            json_array_append_new(feats, hs);
        }
        break;
    case SIM_SWITCH:
        type = "switch";
        json_array_append_new(feats,
                              feat_binary("state", "state", json_string("ON"), json_string("OFF"),
                                          7, "On/off state of the switch"));
        break;
    case SIM_COVER:
        type = "cover";
        json_array_append_new(feats, feat_enum("state", "state", cover_states, 3, "State"));
        json_array_append_new(
            feats, feat_numeric("position", "position", 0, 100, "%", 7, "Position of this cover"));
        break;
    case SIM_LOCK:
        type = "lock";
        json_array_append_new(feats, feat_binary("state", "state", json_string("LOCK"),
                                                 json_string("UNLOCK"), 7, "State of the lock"));
        json_array_append_new(feats, feat_enum("lock_state", "lock_state", lock_states, 1,
                                               "Actual state of the lock"));
        break;
    case SIM_CLIMATE: {
        type = "climate";
        json_t *sp = feat_numeric("occupied_heating_setpoint", "occupied_heating_setpoint", 5, 30,
                                  "°C", 7, "Temperature setpoint");
        json_object_set_new(sp, "value_step", json_real(0.5));
        json_array_append_new(feats, sp);
        json_array_append_new(feats,
                              feat_numeric("local_temperature", "local_temperature", 0, 0, "°C", 5,
                                           "Current temperature measured on the "
                                           "device"));
        json_array_append_new(
            feats, feat_enum("system_mode", "system_mode", modes, 7, "Mode of this device"));
        json_array_append_new(feats, feat_enum("running_state", "running_state", running, 5,
                                               "The current running state"));
        break;
    }
    case SIM_FAN:
        type = "fan";
        json_array_append_new(feats, feat_binary("state", "fan_state", json_string("ON"),
                                                 json_string("OFF"), 7, "On/off state of the fan"));
        json_array_append_new(feats,
                              feat_enum("mode", "fan_mode", fan_modes, 7, "Mode of the fan"));
        break;
    case SIM_SENSOR: {
        const char *p = z2m_property(d);
        json_array_append_new(ex, feat_numeric(p, p, 0, 0, d->unit, 1, "Measured value"));
        break;
    }
    case SIM_BINARY: {
        const char *p = z2m_property(d);
        /* z2m's contact is true when the magnet is near, i.e. when the door is closed. */
        bool contact = strcmp(p, "contact") == 0;
        json_array_append_new(ex,
                              feat_binary(p, p, json_boolean(!contact), json_boolean(contact), 1,
                                          contact ? "Indicates if the contact is closed "
                                                    "(= true) or open (= false)"
                                                  : "Indicates whether the device "
                                                    "detected it"));
        break;
    }
    default: break;
    }
    if (type)
        json_array_append_new(ex, json_pack("{s:s,s:o}", "type", type, "features", feats));
    else
        json_decref(feats);
    json_t *lq = feat_numeric("linkquality", "linkquality", 0, 255, "lqi", 1,
                              "Link quality "
                              "(signal strength)");
    json_object_set_new(lq, "category", json_string("diagnostic"));
    json_array_append_new(ex, lq);
    return ex;
}

static void ieee_of(const struct sim_device *d, char *out, size_t n)
{
    snprintf(out, n, "0x00158d%010llx", (unsigned long long)(d->id_hash & 0xffffffffffULL));
}

static json_t *z2m_device_json(const struct sim_device *d)
{
    struct z2m_model m = model_of(d);
    char ieee[32];
    ieee_of(d, ieee, sizeof ieee);
    json_t *def =
        json_pack("{s:s,s:s,s:s,s:o,s:[],s:b}", "model", m.model, "vendor", m.vendor, "description",
                  m.description, "exposes", z2m_exposes(d), "options", "supports_ota", !m.battery);
    return json_pack("{s:s,s:s,s:i,s:b,s:s,s:b,s:n,s:o,s:s,s:s,s:s,s:b,s:b}", "ieee_address", ieee,
                     "type", m.battery ? "EndDevice" : "Router", "network_address",
                     (int)(d->id_hash >> 48), "supported", 1, "friendly_name", d->topic_name,
                     "disabled", 0, "description", "definition", def, "power_source",
                     m.battery ? "Battery" : "Mains (single phase)", "model_id", m.model_id,
                     "manufacturer", m.manufacturer, "interviewing", 0, "interview_completed", 1);
}

void sim_z2m_availability(struct sim_house *h, struct sim_device *d)
{
    char topic[SIM_TOPIC_MAX];
    snprintf(topic, sizeof topic, BASE "/%s/availability", d->topic_name);
    sim_publish_json(h, topic, json_pack("{s:s}", "state", d->available ? "online" : "offline"),
                     true);
}

void sim_z2m_announce(struct sim_house *h)
{
    bool any = false;
    for (size_t i = 0; i < h->ndev; i++)
        any |= h->dev[i].proto == SIM_PROTO_Z2M;
    if (!any) return;
    sim_publish_json(h, BASE "/bridge/state", json_pack("{s:s}", "state", "online"), true);
    sim_publish_json(h, BASE "/bridge/info",
                     json_pack("{s:s,s:s,s:{s:s,s:{s:i,s:i}},s:b,s:s,s:{s:{s:b,s:b}}}", "version",
                               "1.40.2", "commit", "sim", "coordinator", "type", "zStack3x0",
                               "meta", "revision", 20240710, "transportrev", 2, "permit_join", 0,
                               "log_level", "info", "config", "advanced",
                               "legacy_availability_payload", 0, "retain", h->z2m_retain),
                     true);
    /* The coordinator comes first in the real list; a plugin must skip it. */
    json_t *list = json_array();
    json_array_append_new(list,
                          json_pack("{s:s,s:s,s:i,s:b,s:s,s:b,s:n,s:b,s:b}", "ieee_address",
                                    "0x00124b0024c1a2b3", "type", "Coordinator", "network_address",
                                    0, "supported", 1, "friendly_name", "Coordinator", "disabled",
                                    0, "definition", "interviewing", 0, "interview_completed", 1));
    for (size_t i = 0; i < h->ndev; i++)
        if (h->dev[i].proto == SIM_PROTO_Z2M && !h->dev[i].removed)
            json_array_append_new(list, z2m_device_json(&h->dev[i]));
    sim_publish_json(h, BASE "/bridge/devices", list, true);
    for (size_t i = 0; i < h->ndev; i++) {
        struct sim_device *d = &h->dev[i];
        if (d->proto != SIM_PROTO_Z2M || d->removed) continue;
        sim_z2m_availability(h, d);
        if (d->available) sim_z2m_report(h, d);
    }
}

void sim_z2m_report(struct sim_house *h, struct sim_device *d)
{
    json_t *s = json_object();
    switch (d->domain) {
    case SIM_LIGHT:
        json_object_set_new(s, "state", json_string(d->on ? "ON" : "OFF"));
        if (d->caps & SIM_CAP_DIM) json_object_set_new(s, "brightness", json_integer(d->bri));
        if (d->caps & SIM_CAP_CT) {
            json_object_set_new(s, "color_temp", json_integer(d->mireds));
            json_object_set_new(s, "color_mode",
                                json_string(d->color_mode_hs ? "xy" : "color_temp"));
        }
        if (d->caps & SIM_CAP_COLOR) {
            double x, y;
            sim_hs_to_xy(d->hue, d->sat, &x, &y);
            json_object_set_new(s, "color",
                                json_pack("{s:f,s:f,s:i,s:i}", "x", x, "y", y, "hue",
                                          (int)lround(d->hue), "saturation", (int)lround(d->sat)));
        }
        break;
    case SIM_SWITCH: json_object_set_new(s, "state", json_string(d->on ? "ON" : "OFF")); break;
    case SIM_COVER:
        json_object_set_new(s, "position", json_integer(lround(d->position)));
        json_object_set_new(s, "state", json_string(d->position > 0 ? "OPEN" : "CLOSE"));
        break;
    case SIM_LOCK:
        json_object_set_new(s, "state", json_string(d->locked ? "LOCK" : "UNLOCK"));
        json_object_set_new(s, "lock_state", json_string(d->locked ? "locked" : "unlocked"));
        break;
    case SIM_CLIMATE:
        json_object_set_new(s, "occupied_heating_setpoint", json_real(d->setpoint));
        json_object_set_new(s, "local_temperature", json_real(round(d->current_temp * 100) / 100));
        json_object_set_new(s, "system_mode", json_string(d->hvac_mode));
        json_object_set_new(
            s, "running_state",
            json_string(strcmp(d->hvac_mode, "off") != 0 && d->current_temp < d->setpoint - 0.2
                            ? "heat"
                            : "idle"));
        break;
    case SIM_FAN:
        json_object_set_new(s, "fan_mode", json_string(d->fan_mode));
        json_object_set_new(s, "fan_state", json_string(d->on ? "ON" : "OFF"));
        break;
    case SIM_SENSOR:
        json_object_set_new(s, z2m_property(d), json_real(round(d->value * 100) / 100));
        break;
    case SIM_BINARY: {
        const char *p = z2m_property(d);
        json_object_set_new(s, p, json_boolean(strcmp(p, "contact") == 0 ? !d->bin : d->bin));
        break;
    }
    default: break;
    }
    if (model_of(d).battery) json_object_set_new(s, "battery", json_integer(d->battery));
    json_object_set_new(s, "linkquality", json_integer(60 + (int)(d->id_hash % 150)));
    char topic[SIM_TOPIC_MAX];
    snprintf(topic, sizeof topic, BASE "/%s", d->topic_name);
    sim_publish_json(h, topic, s, h->z2m_retain);
}

static int color_temp_preset(const char *s)
{
    static const struct {
        const char *n;
        int v;
    } p[] = {{"coolest", 153}, {"cool", 250}, {"neutral", 370}, {"warm", 454}, {"warmest", 500}};
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        if (strcasecmp(s, p[i].n) == 0) return p[i].v;
    return -1;
}

static bool parse_hex_color(const char *s, int rgb[3])
{
    if (*s == '#') s++;
    if (strlen(s) != 6) return false;
    unsigned v = 0;
    for (int i = 0; i < 6; i++) {
        char c = s[i];
        int x = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (x < 0) return false;
        v = v * 16 + (unsigned)x;
    }
    rgb[0] = (int)(v >> 16), rgb[1] = (int)(v >> 8 & 255), rgb[2] = (int)(v & 255);
    return true;
}

/* color: {"x","y"} | {"hue","saturation"} | {"h","s"} | {"r","g","b"} | {"hex"} | "#rrggbb". */
static bool z2m_set_color(struct sim_device *d, json_t *c)
{
    double a, b, r, g, bl;
    int rgb[3];
    json_t *hex = json_is_string(c) ? c : json_object_get(c, "hex");
    if (json_is_string(hex)) {
        if (!parse_hex_color(json_string_value(hex), rgb)) return false;
        sim_rgb_to_hs(rgb[0], rgb[1], rgb[2], &d->hue, &d->sat);
    } else if (sim_json_number(json_object_get(c, "x"), &a) &&
               sim_json_number(json_object_get(c, "y"), &b)) {
        sim_xy_to_hs(a, b, &d->hue, &d->sat);
    } else if ((sim_json_number(json_object_get(c, "hue"), &a) ||
                sim_json_number(json_object_get(c, "h"), &a)) &&
               (sim_json_number(json_object_get(c, "saturation"), &b) ||
                sim_json_number(json_object_get(c, "s"), &b))) {
        d->hue = sim_clamp(fmod(a, 360), 0, 360), d->sat = sim_clamp(b, 0, 100);
    } else if (sim_json_number(json_object_get(c, "r"), &r) &&
               sim_json_number(json_object_get(c, "g"), &g) &&
               sim_json_number(json_object_get(c, "b"), &bl)) {
        sim_rgb_to_hs((int)r, (int)g, (int)bl, &d->hue, &d->sat);
    } else {
        return false;
    }
    d->color_mode_hs = true;
    return true;
}

static void cover_move_to(struct sim_device *d, double target)
{
    d->target = sim_clamp(target, 0, 100);
    d->moving = d->target > d->position ? 1 : d->target < d->position ? -1 : 0;
    d->timer = 0;
}

/* Apply one key of a /set message. Returns false (and logs) when no converter takes it. */
static bool z2m_apply(struct sim_device *d, const char *key, json_t *v)
{
    const char *s = json_string_value(v);
    double x;
    bool light = d->domain == SIM_LIGHT;
    if (strcmp(key, "state") == 0 && s) {
        if (light || d->domain == SIM_SWITCH) {
            if (strcasecmp(s, "ON") == 0)
                d->on = true;
            else if (strcasecmp(s, "OFF") == 0)
                d->on = false;
            else if (strcasecmp(s, "TOGGLE") == 0)
                d->on = !d->on;
            else
                return false;
            return true;
        }
        if (d->domain == SIM_COVER) {
            if (strcasecmp(s, "OPEN") == 0)
                cover_move_to(d, 100);
            else if (strcasecmp(s, "CLOSE") == 0)
                cover_move_to(d, 0);
            else if (strcasecmp(s, "STOP") == 0)
                cover_move_to(d, round(d->position));
            else
                return false;
            return true;
        }
        if (d->domain == SIM_LOCK) {
            if (strcasecmp(s, "LOCK") == 0)
                d->locked = true;
            else if (strcasecmp(s, "UNLOCK") == 0)
                d->locked = false;
            else
                return false;
            return true;
        }
        return false;
    }
    if (light && (d->caps & SIM_CAP_DIM) && strcmp(key, "brightness") == 0 &&
        sim_json_number(v, &x)) {
        d->bri = (int)lround(sim_clamp(x, 0, 254));
        d->on = d->bri > 0;
        if (d->bri == 0) d->bri = 1; /* off keeps a brightness to come back to */
        return true;
    }
    if (light && (d->caps & SIM_CAP_DIM) && strcmp(key, "brightness_step") == 0 &&
        sim_json_number(v, &x)) {
        double b = (d->on ? d->bri : 0) + x;
        d->on = b > 0;
        d->bri = (int)lround(sim_clamp(b, 1, 254));
        return true;
    }
    if (light && (d->caps & SIM_CAP_CT) && strcmp(key, "color_temp") == 0) {
        int p = s ? color_temp_preset(s) : -1;
        if (p < 0 && !sim_json_number(v, &x)) return false;
        d->mireds = p > 0 ? p : (int)lround(sim_clamp(x, 150, 500));
        d->color_mode_hs = false;
        return true;
    }
    if (light && (d->caps & SIM_CAP_COLOR) && strcmp(key, "color") == 0) return z2m_set_color(d, v);
    if (light && (strcmp(key, "transition") == 0 || strcmp(key, "effect") == 0))
        return sim_json_number(v, &x) || s; /* accepted; the sim does not animate */
    if (d->domain == SIM_COVER && strcmp(key, "position") == 0 && sim_json_number(v, &x)) {
        cover_move_to(d, x);
        return true;
    }
    if (d->domain == SIM_CLIMATE) {
        if (strcmp(key, "occupied_heating_setpoint") == 0 && sim_json_number(v, &x)) {
            d->setpoint = round(sim_clamp(x, 5, 30) * 2) / 2; /* value_step 0.5 */
            return true;
        }
        if (strcmp(key, "system_mode") == 0 && s &&
            (strcmp(s, "off") == 0 || strcmp(s, "heat") == 0 || strcmp(s, "auto") == 0)) {
            snprintf(d->hvac_mode, sizeof d->hvac_mode, "%s", s);
            return true;
        }
        return false;
    }
    if (d->domain == SIM_FAN) {
        if (strcmp(key, "fan_mode") == 0 && s) {
            static const char *const ok[] = {"off", "low", "medium", "high", "on", "auto", "smart"};
            for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
                if (strcasecmp(s, ok[i]) == 0) {
                    snprintf(d->fan_mode, sizeof d->fan_mode, "%s", ok[i]);
                    d->on = i != 0;
                    d->percentage = i == 1 ? 33 : i == 2 ? 66 : i == 0 ? 0 : 100;
                    return true;
                }
            return false;
        }
        if ((strcmp(key, "fan_state") == 0 || strcmp(key, "state") == 0) && s) {
            if (strcasecmp(s, "ON") == 0)
                d->on = true;
            else if (strcasecmp(s, "OFF") == 0)
                d->on = false;
            else
                return false;
            if (!d->on)
                snprintf(d->fan_mode, sizeof d->fan_mode, "off");
            else if (strcmp(d->fan_mode, "off") == 0)
                snprintf(d->fan_mode, sizeof d->fan_mode, "on");
            return true;
        }
    }
    return false;
}

bool sim_z2m_handle(struct sim_house *h, const char *topic, const char *payload, size_t len)
{
    if (strncmp(topic, BASE "/", sizeof BASE) != 0) return false;
    const char *rest = topic + sizeof BASE;
    const char *slash = strchr(rest, '/');
    if (!slash) return false;
    char name[SIM_NAME_MAX];
    size_t nlen = (size_t)(slash - rest);
    if (nlen >= sizeof name) return false;
    memcpy(name, rest, nlen);
    name[nlen] = '\0';
    const char *verb = slash + 1, *attr = NULL;
    if (strncmp(verb, "set/", 4) == 0)
        attr = verb + 4;
    else if (strcmp(verb, "set") != 0 && strcmp(verb, "get") != 0)
        return false;
    struct sim_device *d = NULL;
    for (size_t i = 0; i < h->ndev && !d; i++)
        if (h->dev[i].proto == SIM_PROTO_Z2M && !h->dev[i].removed &&
            strcmp(h->dev[i].topic_name, name) == 0)
            d = &h->dev[i];
    if (!d) {
        hub_warn(TAG, "%s: no device with friendly name '%s'", topic, name);
        return true;
    }
    if (!d->available) {
        /* An unreachable device: z2m tries and fails; nothing is published. */
        hub_warn(TAG, "Publish to '%s' failed: device is offline", d->name);
        return true;
    }
    if (verb[0] == 'g') {
        sim_z2m_report(h, d);
        return true;
    }
    /* The payload is a JSON object, or a bare value for "state" (or for /set/<attribute>). */
    json_t *msg = json_loadb(payload, len, JSON_DECODE_ANY, NULL);
    if (attr) {
        json_t *v = msg && !json_is_object(msg) && !json_is_array(msg) ? msg : json_string(payload);
        if (v != msg) json_decref(msg);
        msg = json_object();
        json_object_set_new(msg, attr, v);
    } else if (!json_is_object(msg)) {
        json_decref(msg);
        msg = NULL;
        if (len > 0 && len < 32) msg = json_pack("{s:s}", "state", payload);
    }
    if (!msg) {
        char ex[48];
        hub_warn(TAG, "Invalid message '%s' to '%s', ignored",
                 sim_excerpt(payload, len, ex, sizeof ex), d->name);
        return true;
    }
    bool changed = false;
    const char *key;
    json_t *v;
    json_object_foreach(msg, key, v)
    {
        if (z2m_apply(d, key, v))
            changed = true;
        else {
            char ex[48];
            const char *vs = json_is_string(v) ? json_string_value(v) : "non-string";
            hub_warn(TAG, "No converter available for '%s' (%s) on '%s'", key,
                     sim_excerpt(vs, strlen(vs), ex, sizeof ex), d->name);
        }
    }
    json_decref(msg);
    if (changed) sim_z2m_report(h, d);
    return true;
}

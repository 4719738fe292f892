/*
 * tasmota.c: the Tasmota device plugin of hubd.
 *
 * Follows Tasmota's native discovery (retained tasmota/discovery/<MAC>/config and
 * .../sensors, as firmware 9.2+ publishes them with SetOption19 0): relays become switches
 * (lights with SetOption30), rl=2 a light of subtype lt_st (dimmer, CT, RGB, RGBW, RGBCW),
 * rl=3 pairs a shutter (cover), ifan devices a fan, and every numeric sensor reading a sensor.
 * Reports come from stat/<t>/RESULT, stat/<t>/POWER<n>, stat/<t>/SHUTTER<n>, tele/<t>/STATE,
 * tele/<t>/SENSOR and the retained LWT tele/<t>/LWT; actions go to cmnd/<t>/POWER<n>,
 * Dimmer, CT, Color, FanSpeed and Shutter{Open,Close,Stop,Position}<n>. The full topic
 * ("ft", e.g. "%prefix%/%topic%/") is expanded as the firmware does.
 * Config: "discovery_prefix" (default "tasmota/discovery"), "areas" JSON {"device name": "Area"}.
 */
#include "plugins/common/plugcommon.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum tas_kind { T_SWITCH, T_LIGHT, T_COVER, T_FAN, T_SENSOR };
static const char *const tas_domains[] = {"switch", "light", "cover", "fan", "sensor"};

struct tas_device;

struct tas_entity {
    char id[PLUG_ID_MAX];
    enum tas_kind kind;
    struct tas_device *dev;
    int relay;    /* 1-based POWER index (switch, light) */
    int shutter;  /* 1-based shutter number (cover) */
    int lt;       /* light: Tasmota light subtype (0 relay only, 1 dimmer, 2 CT, 3 RGB,
                     4 RGBW, 5 RGBCW) */
    char *sn_key; /* sensor: "AM2301" (or "" for a top-level value) */
    char *sn_qty; /* sensor: "Temperature" */
    char *unit;
    json_t *attrs; /* light: last known attributes (a plain stat/POWER report has none) */
};

struct tas_device {
    char *mac, *dn, *topic;
    char *prefix[3]; /* full topics for cmnd, stat, tele, each ending in '/' */
    char *state_on, *state_off, *onln, *ofln;
    int n_power, lt_st;
    bool so20, has_config;
    json_t *sensors; /* last sensors discovery ("sn"), kept to build sensor entities */
    struct tas_entity **ents;
    size_t n_ents;
};

struct tas {
    const struct hub_host_api *host;
    char disc[128];
    size_t disc_len;
    json_t *area_map;
    struct plug_map *by_mac;    /* MAC -> device */
    struct plug_map *by_prefix; /* "stat/<t>/", "tele/<t>/" -> device */
    struct plug_map *by_id;     /* entity id -> entity */
    struct plug_map *subscribed;
};

static void tas_entity_free(struct tas_entity *e)
{
    if (!e) return;
    free(e->sn_key), free(e->sn_qty), free(e->unit);
    json_decref(e->attrs);
    free(e);
}

/* Forget d's entities (telling the host when announce is true) and its prefixes. */
static void tas_device_clear(struct tas *t, struct tas_device *d, bool tell)
{
    for (size_t i = 0; i < d->n_ents; i++) {
        if (tell) t->host->remove_entity(t->host->host, d->ents[i]->id);
        plug_map_del(t->by_id, d->ents[i]->id);
        tas_entity_free(d->ents[i]);
    }
    free(d->ents);
    d->ents = NULL;
    d->n_ents = 0;
    for (int i = 0; i < 3; i++) {
        if (d->prefix[i] && plug_map_get(t->by_prefix, d->prefix[i]) == d)
            plug_map_del(t->by_prefix, d->prefix[i]);
        free(d->prefix[i]);
        d->prefix[i] = NULL;
    }
    free(d->dn), free(d->topic), free(d->state_on), free(d->state_off), free(d->onln),
        free(d->ofln);
    d->dn = d->topic = d->state_on = d->state_off = d->onln = d->ofln = NULL;
    d->has_config = false;
}

/* The ids of d's entities (only its sensors when sensors_only), to compare after a rebuild. */
static struct plug_map *tas_ids_of(const struct tas_device *d, bool sensors_only)
{
    struct plug_map *m = plug_map_new();
    for (size_t i = 0; m && i < d->n_ents; i++)
        if (!sensors_only || d->ents[i]->kind == T_SENSOR) plug_map_put(m, d->ents[i]->id, m);
    return m;
}

/* Tell the host about entities of old that the rebuilt device no longer has; frees old. */
static void tas_forget_missing(struct tas *t, struct plug_map *old)
{
    const char *key;
    while (old && plug_map_first(old, &key)) {
        char id[PLUG_ID_MAX];
        snprintf(id, sizeof id, "%s", key);
        plug_map_del(old, id);
        if (!plug_map_get(t->by_id, id)) t->host->remove_entity(t->host->host, id);
    }
    plug_map_free(old);
}

static void tas_device_free(struct tas *t, struct tas_device *d)
{
    tas_device_clear(t, d, false);
    json_decref(d->sensors);
    free(d->mac);
    free(d);
}

static struct tas_device *tas_device_get(struct tas *t, const char *mac)
{
    struct tas_device *d = plug_map_get(t->by_mac, mac);
    if (d) return d;
    d = calloc(1, sizeof *d);
    if (!d || !(d->mac = strdup(mac)) || plug_map_put(t->by_mac, mac, d) != HUB_OK) {
        if (d) free(d->mac);
        free(d);
        return NULL;
    }
    return d;
}

/* Expand a Tasmota full topic: %prefix%, %topic%, %hostname%, %id% (last 6 MAC digits). */
static char *tas_full_topic(const char *ft, const char *prefix, const char *topic,
                            const char *hostname, const char *mac)
{
    char out[512];
    size_t n = 0;
    const char *macid = strlen(mac) >= 6 ? mac + strlen(mac) - 6 : mac;
    for (const char *p = ft; *p;) {
        const char *rep = NULL;
        size_t skip = 1;
        if (strncmp(p, "%prefix%", 8) == 0)
            rep = prefix, skip = 8;
        else if (strncmp(p, "%topic%", 7) == 0)
            rep = topic, skip = 7;
        else if (strncmp(p, "%hostname%", 10) == 0)
            rep = hostname ? hostname : "", skip = 10;
        else if (strncmp(p, "%id%", 4) == 0)
            rep = macid, skip = 4;
        size_t l = rep ? strlen(rep) : 1;
        if (n + l + 2 >= sizeof out) return NULL;
        memcpy(out + n, rep ? rep : p, l);
        n += l;
        p += skip;
    }
    if (n == 0 || out[n - 1] != '/') out[n++] = '/';
    out[n] = 0;
    /* wildcards in a topic would subscribe to more than this device */
    if (strpbrk(out, "+#")) return NULL;
    return strdup(out);
}

static int tas_add(struct tas_device *d, struct tas_entity *e)
{
    struct tas_entity **ne = realloc(d->ents, (d->n_ents + 1) * sizeof *ne);
    if (!ne) {
        tas_entity_free(e);
        return HUB_ERR_NOMEM;
    }
    d->ents = ne;
    d->ents[d->n_ents++] = e;
    return HUB_OK;
}

static const char *tas_area(struct tas *t, struct tas_device *d)
{
    const char *a = json_string_value(json_object_get(t->area_map, d->dn));
    if (!a) a = json_string_value(json_object_get(t->area_map, d->topic));
    return a;
}

static void tas_announce(struct tas *t, struct tas_device *d, struct tas_entity *e,
                         const char *name, const char *dc, json_t *caps)
{
    plug_entity_id(t->by_id, tas_domains[e->kind], name, d->topic, e->id, sizeof e->id);
    if (plug_map_put(t->by_id, e->id, e) != HUB_OK) {
        json_decref(caps);
        return;
    }
    char *c = caps ? plug_json_dump(caps) : NULL;
    json_decref(caps);
    struct hub_entity_desc desc = {.struct_size = sizeof desc,
                                   .entity_id = e->id,
                                   .name = name,
                                   .area = tas_area(t, d),
                                   .device_class = dc,
                                   .capabilities_json = c,
                                   .unit = e->unit};
    int rc = t->host->upsert_entity(t->host->host, &desc);
    if (rc != HUB_OK)
        t->host->log(t->host->host, HUB_LOG_WARN, "upsert of %s refused: status %d", e->id, rc);
    free(c);
}

static const char *tas_unit(const char *qty, const json_t *sn)
{
    const char *tu = plug_json_str(sn, "TempUnit");
    if (strcmp(qty, "Temperature") == 0 || strcmp(qty, "DewPoint") == 0)
        return tu && strcmp(tu, "F") == 0 ? "°F" : "°C";
    static const struct {
        const char *qty, *unit;
    } units[] = {{"Humidity", "%"},  {"Pressure", "hPa"},     {"Illuminance", "lx"},
                 {"Power", "W"},     {"ApparentPower", "VA"}, {"ReactivePower", "var"},
                 {"Voltage", "V"},   {"Current", "A"},        {"Total", "kWh"},
                 {"Today", "kWh"},   {"Yesterday", "kWh"},    {"CarbonDioxide", "ppm"},
                 {"eCO2", "ppm"},    {"TVOC", "ppb"},         {"Distance", "cm"},
                 {"PM2.5", "µg/m³"}, {"PM10", "µg/m³"},       {"Frequency", "Hz"}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(qty, units[i].qty) == 0) {
            if (strcmp(qty, "Pressure") == 0 && plug_json_str(sn, "PressureUnit"))
                return plug_json_str(sn, "PressureUnit");
            return units[i].unit;
        }
    return NULL;
}

static const char *tas_sensor_class(const char *qty)
{
    static const struct {
        const char *qty, *dc;
    } map[] = {{"Temperature", "temperature"},
               {"Humidity", "humidity"},
               {"Pressure", "pressure"},
               {"Illuminance", "illuminance"},
               {"Power", "power"},
               {"Voltage", "voltage"},
               {"Current", "current"},
               {"Total", "energy"},
               {"Today", "energy"},
               {"CarbonDioxide", "carbon_dioxide"},
               {"DewPoint", "temperature"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(qty, map[i].qty) == 0) return map[i].dc;
    return NULL;
}

static void tas_add_sensor(struct tas *t, struct tas_device *d, const char *key, const char *qty,
                           const json_t *sn, bool alone)
{
    struct tas_entity *e = calloc(1, sizeof *e);
    if (!e) return;
    e->kind = T_SENSOR;
    e->dev = d;
    e->sn_key = strdup(key);
    e->sn_qty = strdup(qty);
    const char *u = tas_unit(qty, sn);
    e->unit = u ? strdup(u) : NULL;
    if (!e->sn_key || !e->sn_qty || tas_add(d, e) != HUB_OK) {
        if (d->n_ents == 0 || d->ents[d->n_ents - 1] != e) tas_entity_free(e);
        return;
    }
    char name[300];
    /* a device that is one thermometer is named by its device name alone */
    if (alone)
        snprintf(name, sizeof name, "%s", d->dn);
    else
        snprintf(name, sizeof name, "%s%s%s %s", d->dn, *key ? " " : "", key, qty);
    tas_announce(t, d, e, name, tas_sensor_class(qty), NULL);
}

/* One sensor entity per numeric reading in sn: {"AM2301":{"Temperature":21.3},...}. */
static void tas_build_sensors(struct tas *t, struct tas_device *d)
{
    const char *key, *qty;
    json_t *v, *q;
    size_t n = 0;
    json_object_foreach(d->sensors, key, v)
    {
        if (json_is_object(v)) json_object_foreach(v, qty, q) n += json_is_number(q);
    }
    bool alone = n == 1 && d->n_ents == 0;
    json_object_foreach(d->sensors, key, v)
    {
        if (json_is_object(v))
            json_object_foreach(v, qty, q) if (json_is_number(q))
                tas_add_sensor(t, d, key, qty, d->sensors, alone);
    }
}

static void tas_subscribe(struct tas *t, const char *prefix)
{
    char filter[600];
    if (!plug_fmt(filter, sizeof filter, "%s+", prefix)) return;
    if (plug_map_get(t->subscribed, filter)) return;
    if (t->host->subscribe(t->host->host, filter, 1) == HUB_OK)
        plug_map_put(t->subscribed, filter, t);
}

static char *tas_strdup_or(const json_t *j, const char *key, const char *fallback)
{
    const char *s = plug_json_str(j, key);
    return strdup(s && *s ? s : fallback);
}

static int tas_cmd(struct tas *t, const struct tas_device *d, const char *cmd, const char *payload);

static void tas_on_config(struct tas *t, const char *mac, const char *topic, const void *payload,
                          size_t len)
{
    const struct hub_host_api *h = t->host;
    struct tas_device *d = plug_map_get(t->by_mac, mac);
    if (len == 0) { /* removal: an empty retained config */
        if (d) tas_device_clear(t, d, true);
        return;
    }
    json_t *j = plug_json_load(h, topic, payload, len, PLUG_MAX_PAYLOAD);
    if (!j) return;
    const char *dn = plug_json_str(j, "dn"), *tt = plug_json_str(j, "t"),
               *ft = plug_json_str(j, "ft");
    const char *hn = plug_json_str(j, "hn");
    json_t *tp = json_object_get(j, "tp"), *rl = json_object_get(j, "rl"),
           *fn = json_object_get(j, "fn");
    double lt = 0;
    if (!json_is_object(j) || !dn || !*dn || !tt || !*tt || !ft || !json_is_array(tp) ||
        json_array_size(tp) < 3 || !json_is_array(rl) || json_array_size(rl) > 32 ||
        (fn && !json_is_array(fn)) ||
        (json_object_get(j, "lt_st") && (!plug_json_num(j, "lt_st", &lt) || lt < 0 || lt > 5))) {
        h->count_bad_input(h->host, "bad_discovery", topic);
        json_decref(j);
        return;
    }
    char *prefixes[3] = {NULL, NULL, NULL};
    bool ok = true;
    for (int i = 0; i < 3; i++) {
        const char *p = json_string_value(json_array_get(tp, i));
        if (!p || !(prefixes[i] = tas_full_topic(ft, p, tt, hn, mac))) ok = false;
    }
    size_t i;
    json_t *v;
    json_array_foreach(rl, i, v) if (!json_is_integer(v)) ok = false;
    if (!ok) {
        for (int k = 0; k < 3; k++)
            free(prefixes[k]);
        h->count_bad_input(h->host, "bad_discovery", topic);
        json_decref(j);
        return;
    }
    d = tas_device_get(t, mac);
    if (!d) {
        for (int k = 0; k < 3; k++)
            free(prefixes[k]);
        json_decref(j);
        return;
    }
    /* a re-sent config replaces the device's entities (their ids come out the same); the
     * host hears about those it no longer has */
    struct plug_map *old_ids = tas_ids_of(d, false);
    tas_device_clear(t, d, false);
    d->has_config = true;
    d->dn = strdup(dn);
    d->topic = strdup(tt);
    for (int k = 0; k < 3; k++)
        d->prefix[k] = prefixes[k];
    json_t *st = json_object_get(j, "state");
    const char *s_off = json_string_value(json_array_get(st, 0));
    const char *s_on = json_string_value(json_array_get(st, 1));
    d->state_off = strdup(s_off && *s_off ? s_off : "OFF");
    d->state_on = strdup(s_on && *s_on ? s_on : "ON");
    d->onln = tas_strdup_or(j, "onln", "Online");
    d->ofln = tas_strdup_or(j, "ofln", "Offline");
    d->lt_st = (int)lt;
    json_t *so = json_object_get(j, "so");
    d->so20 = json_integer_value(json_object_get(so, "20")) == 1;
    bool so30 = json_integer_value(json_object_get(so, "30")) == 1;
    bool ifan = json_integer_value(json_object_get(j, "if")) != 0;
    d->n_power = 0;
    json_array_foreach(rl, i, v) if (json_integer_value(v) != 0) d->n_power++;
    for (int k = 1; k < 3; k++) {
        plug_map_put(t->by_prefix, d->prefix[k], d);
        tas_subscribe(t, d->prefix[k]);
    }

    int shutter_relays = 0;
    size_t n_rel = json_array_size(rl);
    json_array_foreach(rl, i, v)
    {
        json_int_t r = json_integer_value(v);
        if (r == 0 || r < 0 || r > 3) continue;
        struct tas_entity *e = calloc(1, sizeof *e);
        if (!e) break;
        e->dev = d;
        e->relay = (int)i + 1;
        char name[300];
        const char *f = json_string_value(json_array_get(fn, i));
        if (f && *f)
            snprintf(name, sizeof name, "%s", f);
        else if (d->n_power > 1)
            snprintf(name, sizeof name, "%s %zu", dn, i + 1);
        else
            snprintf(name, sizeof name, "%s", dn);
        json_t *caps = NULL;
        const char *dc = NULL;
        if (r == 3) {
            /* two consecutive shutter relays (up, down) drive one shutter */
            if (shutter_relays++ % 2 == 1) {
                tas_entity_free(e);
                continue;
            }
            e->kind = T_COVER;
            e->shutter = shutter_relays / 2 + 1;
            int n_shutters = 0;
            for (size_t k = 0; k < n_rel; k++)
                n_shutters += json_integer_value(json_array_get(rl, k)) == 3;
            if (!(f && *f)) {
                if (n_shutters > 2)
                    snprintf(name, sizeof name, "%s Shutter %d", dn, e->shutter);
                else
                    snprintf(name, sizeof name, "%s", dn);
            }
            caps = json_pack("{s:b,s:b}", "position", 1, "stop", 1);
            dc = "shutter";
        } else if (r == 2 || (r == 1 && so30) || (r == 1 && ifan && i == 0)) {
            e->kind = T_LIGHT;
            int ls = e->lt = r == 2 ? d->lt_st : 0;
            caps = json_pack("{s:b,s:b}", "brightness", ls >= 1, "color", ls >= 3);
            if (ls == 2 || ls == 5)
                json_object_set_new(caps, "color_temp", json_pack("[ii]", 2000, 6536));
        } else {
            e->kind = T_SWITCH;
            dc = "outlet";
        }
        if (tas_add(d, e) != HUB_OK) break;
        tas_announce(t, d, e, name, dc, caps);
    }
    if (ifan) {
        struct tas_entity *e = calloc(1, sizeof *e);
        if (e) {
            e->dev = d;
            e->kind = T_FAN;
            if (tas_add(d, e) == HUB_OK)
                tas_announce(t, d, e, dn, NULL, json_pack("{s:b}", "percentage", 1));
        }
    }
    if (d->sensors) tas_build_sensors(t, d);
    tas_forget_missing(t, old_ids);
    json_decref(j);
    /* The config carries no state, and a device only reports on change or every TelePeriod
     * (300 s by default): ask now. Real firmware answers an empty STATE on stat/<t>/RESULT
     * with POWER<n>, Dimmer, CT and Color, as Home Assistant's own integration relies on. */
    if (d->n_power > 0 && tas_cmd(t, d, "STATE", "") != HUB_OK)
        h->log(h->host, HUB_LOG_WARN, "%s: could not ask for its state", d->dn);
}

static void tas_on_sensors(struct tas *t, const char *mac, const char *topic, const void *payload,
                           size_t len)
{
    const struct hub_host_api *h = t->host;
    struct tas_device *d = plug_map_get(t->by_mac, mac);
    if (len == 0) {
        if (!d) return;
        for (size_t i = 0; i < d->n_ents;) {
            struct tas_entity *e = d->ents[i];
            if (e->kind != T_SENSOR) {
                i++;
                continue;
            }
            h->remove_entity(h->host, e->id);
            plug_map_del(t->by_id, e->id);
            tas_entity_free(e);
            memmove(&d->ents[i], &d->ents[i + 1], (--d->n_ents - i) * sizeof d->ents[0]);
        }
        json_decref(d->sensors);
        d->sensors = NULL;
        return;
    }
    json_t *j = plug_json_load(h, topic, payload, len, PLUG_MAX_PAYLOAD);
    if (!j) return;
    json_t *sn = json_object_get(j, "sn");
    if (!json_is_object(sn)) {
        h->count_bad_input(h->host, "bad_discovery", topic);
        json_decref(j);
        return;
    }
    d = tas_device_get(t, mac);
    if (!d) {
        json_decref(j);
        return;
    }
    /* replace the old sensor entities */
    struct plug_map *old_ids = tas_ids_of(d, true);
    for (size_t i = 0; i < d->n_ents;) {
        struct tas_entity *e = d->ents[i];
        if (e->kind != T_SENSOR) {
            i++;
            continue;
        }
        plug_map_del(t->by_id, e->id);
        tas_entity_free(e);
        memmove(&d->ents[i], &d->ents[i + 1], (--d->n_ents - i) * sizeof d->ents[0]);
    }
    json_decref(d->sensors);
    d->sensors = json_incref(sn);
    json_decref(j);
    if (d->has_config) tas_build_sensors(t, d);
    tas_forget_missing(t, old_ids);
}

/* ---- reports ---- */

/* "ON"/"OFF" (the device's own state texts, any case) -> 1/0, else -1. */
static int tas_onoff(const struct tas_device *d, const char *s)
{
    if (!s) return -1;
    if (plug_payload_is(s, d->state_on) || plug_payload_is(s, "ON")) return 1;
    if (plug_payload_is(s, d->state_off) || plug_payload_is(s, "OFF")) return 0;
    return -1;
}

/* Power value of relay r in a result object: "POWER<r>", or "POWER" for relay 1. */
static const char *tas_power_of(const json_t *res, int r)
{
    char key[16];
    snprintf(key, sizeof key, "POWER%d", r);
    json_t *v = json_object_get(res, key);
    if (!v && r == 1) v = json_object_get(res, "POWER");
    return json_string_value(v);
}

/* Parse "RRGGBB[WW..]" hex or "r,g,b[,...]" decimal into rgb. */
static bool tas_parse_color(const char *s, int rgb[3])
{
    if (!s) return false;
    if (strchr(s, ',')) {
        char *end;
        const char *p = s;
        for (int i = 0; i < 3; i++) {
            long v = strtol(p, &end, 10);
            if (end == p || v < 0 || v > 255 || (i < 2 && *end != ',')) return false;
            rgb[i] = (int)v;
            p = end + 1;
        }
        return true;
    }
    if (*s == '#') s++;
    size_t n = strlen(s);
    if (n < 6 || n > 10 || n % 2) return false;
    for (int i = 0; i < 3; i++) {
        unsigned v = 0;
        for (int k = 0; k < 2; k++) {
            char c = s[i * 2 + k];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= (unsigned)(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= (unsigned)(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= (unsigned)(c - 'A' + 10);
            else
                return false;
        }
        rgb[i] = (int)v;
    }
    return true;
}

static bool tas_num_ok(const json_t *o, const char *key, double lo, double hi)
{
    json_t *v = json_object_get(o, key);
    if (!v) return true;
    if (!json_is_number(v)) return false;
    double d = json_number_value(v);
    return isfinite(d) && d >= lo && d <= hi;
}

/* Are the keys we read well typed and in range? */
static bool tas_result_ok(const struct tas_device *d, const json_t *res)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)res, key, v)
    {
        if (strncmp(key, "POWER", 5) == 0 &&
            (!json_is_string(v) || tas_onoff(d, json_string_value(v)) < 0))
            return false;
        if (strncmp(key, "Shutter", 7) == 0 && key[7] >= '1' && key[7] <= '9') {
            if (!json_is_object(v) || !tas_num_ok(v, "Position", 0, 100) ||
                !tas_num_ok(v, "Direction", -1, 1))
                return false;
        }
    }
    int rgb[3];
    const char *c = plug_json_str(res, "Color");
    if (json_object_get(res, "Color") && !tas_parse_color(c, rgb)) return false;
    v = json_object_get(res, "HSBColor");
    if (v && !json_is_string(v)) return false;
    return tas_num_ok(res, "Dimmer", 0, 100) && tas_num_ok(res, "CT", 153, 500) &&
           tas_num_ok(res, "FanSpeed", 0, 3);
}

static void tas_report_light(struct tas *t, struct tas_entity *e, const json_t *res, int on)
{
    if (!e->attrs) e->attrs = json_object();
    json_t *a = e->attrs; /* updated in place: what a report leaves out stays as it was */
    double d;
    int rgb[3];
    if (plug_json_num(res, "Dimmer", &d))
        json_object_set_new(a, "brightness", json_integer((int)d));
    if (plug_json_num(res, "CT", &d) && (e->lt == 2 || e->lt == 5))
        json_object_set_new(a, "color_temp_kelvin", json_integer(plug_mireds_to_kelvin((int)d)));
    if (e->lt >= 3) {
        const char *hsb = plug_json_str(res, "HSBColor");
        double hh, ss, bb;
        if (hsb && sscanf(hsb, "%lf,%lf,%lf", &hh, &ss, &bb) == 3 && hh >= 0 && hh <= 360 &&
            ss >= 0 && ss <= 100) {
            plug_hs_to_rgb(hh, ss, rgb);
            json_object_set_new(a, "rgb_color", json_pack("[iii]", rgb[0], rgb[1], rgb[2]));
        } else if (tas_parse_color(plug_json_str(res, "Color"), rgb)) {
            json_object_set_new(a, "rgb_color", json_pack("[iii]", rgb[0], rgb[1], rgb[2]));
        }
    }
    if (on < 0) return; /* attributes only: the state comes with the next POWER report */
    plug_update_state(t->host, e->id, on ? "on" : "off", json_deep_copy(a));
}

static void tas_report_shutter(struct tas *t, struct tas_entity *e, double pos, double dir)
{
    const char *state = dir > 0 ? "opening" : dir < 0 ? "closing" : pos > 0 ? "open" : "closed";
    plug_update_state(t->host, e->id, state, json_pack("{s:i}", "position", (int)lround(pos)));
}

/* A JSON result (RESULT, STATE, SENSOR or a SetOption4 per-command topic). */
static void tas_on_result(struct tas *t, struct tas_device *d, const char *topic,
                          const void *payload, size_t len)
{
    const struct hub_host_api *h = t->host;
    json_t *res = plug_json_load(h, topic, payload, len, PLUG_MAX_PAYLOAD);
    if (!res) return;
    if (!json_is_object(res) || !tas_result_ok(d, res)) {
        h->count_bad_input(h->host, json_is_object(res) ? "bad_value" : "bad_type", topic);
        json_decref(res);
        return;
    }
    for (size_t i = 0; i < d->n_ents; i++) {
        struct tas_entity *e = d->ents[i];
        double v;
        switch (e->kind) {
        case T_SWITCH: {
            int on = tas_onoff(d, tas_power_of(res, e->relay));
            if (on >= 0) plug_update_state(h, e->id, on ? "on" : "off", NULL);
            break;
        }
        case T_LIGHT: {
            int on = tas_onoff(d, tas_power_of(res, e->relay));
            if (on >= 0) tas_report_light(t, e, res, on);
            break;
        }
        case T_COVER: {
            char key[24];
            snprintf(key, sizeof key, "Shutter%d", e->shutter);
            json_t *s = json_object_get(res, key);
            double pos, dir = 0;
            if (plug_json_num(s, "Position", &pos)) {
                plug_json_num(s, "Direction", &dir);
                tas_report_shutter(t, e, pos, dir);
            }
            break;
        }
        case T_FAN:
            if (plug_json_num(res, "FanSpeed", &v))
                plug_update_state(h, e->id, v > 0 ? "on" : "off",
                                  json_pack("{s:i}", "percentage", plug_scale(v, 3, 100)));
            break;
        case T_SENSOR: {
            json_t *grp = *e->sn_key ? json_object_get(res, e->sn_key) : res;
            if (plug_json_num(grp, e->sn_qty, &v)) {
                char buf[64];
                snprintf(buf, sizeof buf, "%.10g", v);
                plug_update_state(h, e->id, buf,
                                  e->unit ? json_pack("{s:s}", "unit_of_measurement", e->unit)
                                          : NULL);
            }
            break;
        }
        }
    }
    json_decref(res);
}

static void tas_on_device_topic(struct tas *t, struct tas_device *d, int which, const char *cmd,
                                const char *topic, const void *payload, size_t len)
{
    const struct hub_host_api *h = t->host;
    if (which == 2 && strcmp(cmd, "LWT") == 0) {
        char *s = plug_payload_text(payload, len, 256);
        int on = !s ? -1 : plug_payload_is(s, d->onln) ? 1 : plug_payload_is(s, d->ofln) ? 0 : -1;
        free(s);
        if (on < 0) {
            h->count_bad_input(h->host, "bad_availability", topic);
            return;
        }
        for (size_t i = 0; i < d->n_ents; i++)
            h->set_available(h->host, d->ents[i]->id, on);
        return;
    }
    if (which == 1 && strncmp(cmd, "POWER", 5) == 0) { /* stat/<t>/POWER<n>: plain text */
        int r = 1;
        if (cmd[5]) {
            char *end;
            long v = strtol(cmd + 5, &end, 10);
            if (*end || v < 1 || v > 32) return;
            r = (int)v;
        }
        char *s = plug_payload_text(payload, len, 64);
        int on = tas_onoff(d, s);
        free(s);
        if (on < 0) {
            h->count_bad_input(h->host, "bad_value", topic);
            return;
        }
        for (size_t i = 0; i < d->n_ents; i++) {
            struct tas_entity *e = d->ents[i];
            if ((e->kind == T_SWITCH || e->kind == T_LIGHT) && e->relay == r) {
                if (e->kind == T_LIGHT)
                    tas_report_light(t, e, NULL, on);
                else
                    plug_update_state(h, e->id, on ? "on" : "off", NULL);
            }
        }
        return;
    }
    if (which == 1 && strncmp(cmd, "SHUTTER", 7) == 0 &&
        cmd[7]) { /* stat/<t>/SHUTTER<n>: position */
        char *end, *s = plug_payload_text(payload, len, 64);
        long n = strtol(cmd + 7, &end, 10);
        double pos = s ? strtod(s, &end) : NAN;
        bool ok = s && end != s && *end == 0 && pos >= 0 && pos <= 100 && n >= 1;
        free(s);
        if (!ok) {
            h->count_bad_input(h->host, "bad_value", topic);
            return;
        }
        for (size_t i = 0; i < d->n_ents; i++)
            if (d->ents[i]->kind == T_COVER && d->ents[i]->shutter == n)
                tas_report_shutter(t, d->ents[i], pos, 0);
        return;
    }
    if (strcmp(cmd, "RESULT") == 0 ||
        (which == 2 && (strcmp(cmd, "STATE") == 0 || strcmp(cmd, "SENSOR") == 0))) {
        tas_on_result(t, d, topic, payload, len);
        return;
    }
    /* SetOption4 1 answers on stat/<t>/<COMMAND> with a JSON object */
    if (which == 1 && len > 0 && ((const char *)payload)[0] == '{') {
        tas_on_result(t, d, topic, payload, len);
        return;
    }
    /* tele/<t>/INFO1..3, UPTIME, stat/<t>/STATUS...: nothing we track */
}

static int tas_on_message(void *state, const char *topic, const void *payload, size_t len)
{
    struct tas *t = state;
    const struct hub_host_api *h = t->host;
    if (!topic) return HUB_OK;
    if (strncmp(topic, t->disc, t->disc_len) == 0 && topic[t->disc_len] == '/') {
        const char *mac = topic + t->disc_len + 1, *slash = strchr(mac, '/');
        char m[32];
        size_t ml = slash ? (size_t)(slash - mac) : 0;
        if (!slash || ml == 0 || ml >= sizeof m) {
            h->count_bad_input(h->host, "bad_topic", topic);
            return HUB_OK;
        }
        memcpy(m, mac, ml);
        m[ml] = 0;
        if (strcmp(slash, "/config") == 0)
            tas_on_config(t, m, topic, payload, len);
        else if (strcmp(slash, "/sensors") == 0)
            tas_on_sensors(t, m, topic, payload, len);
        return HUB_OK;
    }
    const char *last = strrchr(topic, '/');
    if (!last || !last[1]) {
        h->count_bad_input(h->host, "unknown_device", topic);
        return HUB_OK;
    }
    char prefix[512];
    size_t pl = (size_t)(last - topic) + 1;
    if (pl >= sizeof prefix) {
        h->count_bad_input(h->host, "unknown_device", topic);
        return HUB_OK;
    }
    memcpy(prefix, topic, pl);
    prefix[pl] = 0;
    struct tas_device *d = plug_map_get(t->by_prefix, prefix);
    if (!d) {
        h->count_bad_input(h->host, "unknown_device", topic);
        return HUB_OK;
    }
    int which = d->prefix[1] && strcmp(prefix, d->prefix[1]) == 0 ? 1 : 2;
    tas_on_device_topic(t, d, which, last + 1, topic, payload, len);
    return HUB_OK;
}

/* ---- actions ---- */

static int tas_cmd(struct tas *t, const struct tas_device *d, const char *cmd, const char *payload)
{
    char topic[600];
    if (!plug_fmt(topic, sizeof topic, "%s%s", d->prefix[0], cmd)) return HUB_ERR_INVALID;
    return t->host->publish(t->host->host, topic, payload, strlen(payload), 1, false);
}

static void tas_power_cmd(const struct tas_entity *e, char *out, size_t n)
{
    if (e->dev->n_power <= 1)
        snprintf(out, n, "POWER");
    else
        snprintf(out, n, "POWER%d", e->relay);
}

static int tas_light_on(struct tas *t, const struct tas_entity *e, const struct plug_args *a)
{
    const struct tas_device *d = e->dev;
    char pw[16], buf[32];
    tas_power_cmd(e, pw, sizeof pw);
    if (a->has_brightness && a->brightness == 0) return tas_cmd(t, d, pw, "OFF");
    int ls = e->lt;
    if (a->has_brightness && ls < 1) return HUB_ERR_UNSUPPORTED;
    if (a->has_kelvin && ls != 2 && ls != 5) return HUB_ERR_UNSUPPORTED;
    if (a->has_rgb && ls < 3) return HUB_ERR_UNSUPPORTED;
    bool any = a->has_brightness || a->has_kelvin || a->has_rgb;
    int rc = HUB_OK;
    /* Dimmer, CT and Color switch the light on unless SetOption20 is set */
    if (!any || d->so20) rc = tas_cmd(t, d, pw, "ON");
    if (rc == HUB_OK && a->has_rgb) {
        snprintf(buf, sizeof buf, "%02X%02X%02X", a->rgb[0], a->rgb[1], a->rgb[2]);
        rc = tas_cmd(t, d, "Color", buf);
    }
    if (rc == HUB_OK && a->has_kelvin) {
        int m = plug_kelvin_to_mireds(a->kelvin);
        snprintf(buf, sizeof buf, "%d", m < 153 ? 153 : m > 500 ? 500 : m);
        rc = tas_cmd(t, d, "CT", buf);
    }
    if (rc == HUB_OK && a->has_brightness) {
        snprintf(buf, sizeof buf, "%d", a->brightness);
        rc = tas_cmd(t, d, "Dimmer", buf);
    }
    return rc;
}

static int tas_execute(void *state, const char *entity_id, const char *action,
                       const char *args_json)
{
    struct tas *t = state;
    struct tas_entity *e = plug_map_get(t->by_id, entity_id);
    if (!e) return HUB_ERR_NOT_FOUND;
    if (!action) return HUB_ERR_INVALID;
    struct plug_args a;
    int rc = plug_args_parse(args_json, &a);
    if (rc != HUB_OK) return rc;
    const struct tas_device *d = e->dev;
    bool on = strcmp(action, "turn_on") == 0, off = strcmp(action, "turn_off") == 0;
    char cmd[32], buf[32];
    rc = HUB_ERR_UNSUPPORTED;
    switch (e->kind) {
    case T_SWITCH:
    case T_LIGHT:
        tas_power_cmd(e, cmd, sizeof cmd);
        if (on && e->kind == T_LIGHT)
            rc = tas_light_on(t, e, &a);
        else if (on || off)
            rc = tas_cmd(t, d, cmd, on ? "ON" : "OFF");
        else if (strcmp(action, "toggle") == 0)
            rc = tas_cmd(t, d, cmd, "TOGGLE");
        break;
    case T_COVER:
        if (strcmp(action, "open") == 0 || on)
            snprintf(cmd, sizeof cmd, "ShutterOpen%d", e->shutter);
        else if (strcmp(action, "close") == 0 || off)
            snprintf(cmd, sizeof cmd, "ShutterClose%d", e->shutter);
        else if (strcmp(action, "stop") == 0)
            snprintf(cmd, sizeof cmd, "ShutterStop%d", e->shutter);
        else if (strcmp(action, "set_position") == 0) {
            if (!a.has_position) {
                rc = HUB_ERR_INVALID;
                break;
            }
            snprintf(cmd, sizeof cmd, "ShutterPosition%d", e->shutter);
            snprintf(buf, sizeof buf, "%d", a.position);
            rc = tas_cmd(t, d, cmd, buf);
            break;
        } else
            break;
        rc = tas_cmd(t, d, cmd, "");
        break;
    case T_FAN: {
        int speed = -1;
        if (strcmp(action, "set_percentage") == 0 || (on && a.has_percentage)) {
            if (!a.has_percentage) {
                rc = HUB_ERR_INVALID;
                break;
            }
            speed = (int)ceil(a.percentage * 3 / 100.0);
        } else if (on)
            speed = 2;
        else if (off)
            speed = 0;
        if (speed < 0) break;
        snprintf(buf, sizeof buf, "%d", speed);
        rc = tas_cmd(t, d, "FanSpeed", buf);
        break;
    }
    case T_SENSOR: break;
    }
    plug_args_free(&a);
    return rc;
}

/* ---- lifecycle ---- */

static void tas_shutdown(void *state)
{
    struct tas *t = state;
    if (!t) return;
    /* devices are only reachable through by_mac */
    while (t->by_mac && plug_map_count(t->by_mac) > 0) {
        const char *key;
        struct tas_device *d = plug_map_first(t->by_mac, &key);
        if (!d) break;
        plug_map_del(t->by_mac, key); /* key belongs to the map: d->mac is a copy */
        tas_device_free(t, d);
    }
    plug_map_free(t->by_mac);
    plug_map_free(t->by_prefix);
    plug_map_free(t->by_id);
    plug_map_free(t->subscribed);
    json_decref(t->area_map);
    free(t);
}

static int tas_init(const struct hub_host_api *host, void **state)
{
    if (!host || host->struct_size < sizeof *host) return HUB_ERR_VERSION;
    struct tas *t = calloc(1, sizeof *t);
    if (!t) return HUB_ERR_NOMEM;
    t->host = host;
    const char *disc = host->config_get(host->host, "discovery_prefix");
    if (!disc || !*disc) disc = "tasmota/discovery";
    if (strlen(disc) >= sizeof t->disc || strpbrk(disc, "+#")) {
        host->log(host->host, HUB_LOG_ERROR, "discovery_prefix \"%s\" is not a topic prefix", disc);
        free(t);
        return HUB_ERR_CONFIG;
    }
    snprintf(t->disc, sizeof t->disc, "%s", disc);
    t->disc_len = strlen(t->disc);
    const char *areas = host->config_get(host->host, "areas");
    if (areas && *areas) {
        json_error_t err;
        t->area_map = json_loads(areas, 0, &err);
        if (!json_is_object(t->area_map)) {
            host->log(host->host, HUB_LOG_ERROR, "areas: not a JSON object: %s", err.text);
            json_decref(t->area_map);
            free(t);
            return HUB_ERR_CONFIG;
        }
    }
    t->by_mac = plug_map_new();
    t->by_prefix = plug_map_new();
    t->by_id = plug_map_new();
    t->subscribed = plug_map_new();
    if (!t->by_mac || !t->by_prefix || !t->by_id || !t->subscribed) {
        tas_shutdown(t);
        return HUB_ERR_NOMEM;
    }
    char filter[160];
    int rc = HUB_OK;
    snprintf(filter, sizeof filter, "%s/+/config", t->disc);
    rc = host->subscribe(host->host, filter, 1);
    snprintf(filter, sizeof filter, "%s/+/sensors", t->disc);
    if (rc == HUB_OK) rc = host->subscribe(host->host, filter, 1);
    if (rc != HUB_OK) {
        host->log(host->host, HUB_LOG_ERROR, "cannot subscribe to %s: status %d", filter, rc);
        tas_shutdown(t);
        return rc;
    }
    *state = t;
    return HUB_OK;
}

static const struct hub_plugin tas_plugin = {
    .abi_version = HUB_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(struct hub_plugin),
    .name = "tasmota",
    .version = "1.0",
    .init = tas_init,
    .on_message = tas_on_message,
    .execute = tas_execute,
    .shutdown = tas_shutdown,
};

__attribute__((visibility("default"))) const struct hub_plugin *
hub_plugin_describe(int n_versions, const int *host_versions)
{
    for (int i = 0; i < n_versions && host_versions; i++)
        if (host_versions[i] == HUB_PLUGIN_ABI_VERSION) return &tas_plugin;
    return NULL;
}

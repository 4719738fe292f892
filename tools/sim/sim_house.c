/* sim_house.c: load a house for hub-sim from the fixture format of ../shared/INTENTS.md
 * (floors, areas, entities with name/domain/area/state/attributes). Each entity becomes one
 * simulated device; an optional "protocol" (zigbee2mqtt | tasmota | ha) picks its protocol,
 * otherwise the domain does. Entities of domains the sim cannot simulate (scene, todo ...) are
 * skipped with a warning so that any fixture loads. */
#include "tools/sim/sim.h"
#include "hub_log.h"
#include "hub_status.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TAG "sim"

static const char *const domain_names[SIM_DOMAIN_COUNT] = {
    "light",        "switch", "cover",         "lock",  "climate", "fan",
    "media_player", "sensor", "binary_sensor", "valve", "vacuum"};

const char *sim_domain_name(enum sim_domain d)
{
    return (unsigned)d < SIM_DOMAIN_COUNT ? domain_names[d] : "?";
}

const char *sim_proto_name(enum sim_proto p)
{
    switch (p) {
    case SIM_PROTO_Z2M: return "zigbee2mqtt";
    case SIM_PROTO_TASMOTA: return "tasmota";
    case SIM_PROTO_HA: return "ha";
    }
    return "?";
}

/* Which protocols can carry which domain, as the real firmware does. */
static bool proto_supports(enum sim_proto p, enum sim_domain d)
{
    switch (p) {
    case SIM_PROTO_HA: return true;
    case SIM_PROTO_TASMOTA:
        return d == SIM_LIGHT || d == SIM_SWITCH || d == SIM_COVER || d == SIM_SENSOR;
    case SIM_PROTO_Z2M: return d != SIM_MEDIA && d != SIM_VALVE && d != SIM_VACUUM;
    }
    return false;
}

static enum sim_proto default_proto(enum sim_domain d)
{
    switch (d) {
    case SIM_SWITCH: return SIM_PROTO_TASMOTA;
    case SIM_FAN:
    case SIM_MEDIA:
    case SIM_VALVE:
    case SIM_VACUUM: return SIM_PROTO_HA;
    default: return SIM_PROTO_Z2M;
    }
}

/* xorshift64*: cheap, deterministic noise for sensor drift. */
double sim_rand(struct sim_house *h)
{
    uint64_t x = h->rng ? h->rng : 0x9e3779b97f4a7c15ULL;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    h->rng = x;
    return (double)((x * 0x2545F4914F6CDD1DULL) >> 11) / (double)(1ULL << 53);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t v = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        v = (v ^ (unsigned char)*s) * 0x100000001b3ULL;
    return v;
}

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static bool jnum(json_t *o, const char *key, double *out)
{
    return sim_json_number(json_object_get(o, key), out);
}

/* Bounded copy; names longer than the field are cut (the loader rejects long entity names). */
static void copy(char *dst, size_t n, const char *src)
{
    size_t l = src ? strlen(src) : 0;
    if (l >= n) l = n - 1;
    if (l) memcpy(dst, src, l);
    dst[l] = '\0';
}

/* Floor of an area, looked up in the areas array; "" when unknown. */
static const char *area_floor(json_t *areas, const char *area)
{
    size_t i;
    json_t *a;
    json_array_foreach(areas, i, a)
    {
        const char *n = jstr(a, "name");
        if (n && area && strcasecmp(n, area) == 0) return jstr(a, "floor") ? jstr(a, "floor") : "";
    }
    return "";
}

/* Initial state from the fixture's state and attributes, with sensible defaults. */
static void device_init_state(struct sim_device *d, const char *state, json_t *attrs)
{
    double v;
    d->available = true;
    d->on = state && (strcasecmp(state, "on") == 0 || strcasecmp(state, "playing") == 0);
    d->mireds = 370;
    d->hue = 30;
    d->sat = 80;
    d->setpoint = 21;
    d->current_temp = 20.5;
    copy(d->hvac_mode, sizeof d->hvac_mode, "heat");
    copy(d->fan_mode, sizeof d->fan_mode, "off");
    copy(d->media_state, sizeof d->media_state, "idle");
    copy(d->vac_state, sizeof d->vac_state, "docked");
    copy(d->fan_speed, sizeof d->fan_speed, "medium");
    d->volume = 0.3;
    d->battery = 100;

    switch (d->domain) {
    case SIM_LIGHT: {
        /* Capabilities from HA's supported_color_modes when given; dimmable otherwise. */
        json_t *modes = json_object_get(attrs, "supported_color_modes");
        d->caps = SIM_CAP_DIM;
        size_t i;
        json_t *m;
        json_array_foreach(modes, i, m)
        {
            const char *s = json_string_value(m);
            if (!s) continue;
            if (strcmp(s, "color_temp") == 0) d->caps |= SIM_CAP_CT;
            if (strcmp(s, "hs") == 0 || strcmp(s, "xy") == 0 || strcmp(s, "rgb") == 0 ||
                strcmp(s, "rgbw") == 0 || strcmp(s, "rgbww") == 0)
                d->caps |= SIM_CAP_COLOR | SIM_CAP_CT;
            if (strcmp(s, "onoff") == 0 && json_array_size(modes) == 1) d->caps = 0;
        }
        double b255 = 200;
        if (jnum(attrs, "brightness", &v)) b255 = sim_clamp(v, 1, 255);
        if (d->proto == SIM_PROTO_Z2M)
            d->bri = (int)lround(b255 * 254 / 255);
        else if (d->proto == SIM_PROTO_TASMOTA)
            d->bri = (int)lround(b255 * 100 / 255);
        else
            d->bri = (int)lround(b255);
        if (d->bri < 1) d->bri = 1;
        if (jnum(attrs, "color_temp_kelvin", &v) && v > 0)
            d->mireds = (int)sim_clamp(lround(1e6 / v), 153, 500);
        else if (jnum(attrs, "color_temp", &v))
            d->mireds = (int)sim_clamp(v, 153, 500);
        break;
    }
    case SIM_COVER:
    case SIM_VALVE: {
        bool open = state && (strcasecmp(state, "open") == 0 || strcasecmp(state, "opening") == 0);
        d->position = open ? 100 : 0;
        if (jnum(attrs, "current_position", &v)) d->position = sim_clamp(v, 0, 100);
        d->target = d->position;
        break;
    }
    case SIM_LOCK: d->locked = !state || strcasecmp(state, "unlocked") != 0; break;
    case SIM_CLIMATE:
        if (state && (strcmp(state, "off") == 0 || strcmp(state, "heat") == 0 ||
                      strcmp(state, "cool") == 0 || strcmp(state, "auto") == 0))
            copy(d->hvac_mode, sizeof d->hvac_mode, state);
        if (jnum(attrs, "temperature", &v)) d->setpoint = sim_clamp(v, 5, 30);
        if (jnum(attrs, "current_temperature", &v)) d->current_temp = v;
        break;
    case SIM_FAN:
        d->percentage = d->on ? 50 : 0;
        if (jnum(attrs, "percentage", &v)) d->percentage = (int)sim_clamp(v, 0, 100);
        if (d->on && d->percentage == 0) d->percentage = 50;
        copy(d->fan_mode, sizeof d->fan_mode,
             !d->on                ? "off"
             : d->percentage <= 33 ? "low"
             : d->percentage <= 66 ? "medium"
                                   : "high");
        break;
    case SIM_MEDIA:
        if (state && (strcmp(state, "playing") == 0 || strcmp(state, "paused") == 0 ||
                      strcmp(state, "idle") == 0 || strcmp(state, "off") == 0))
            copy(d->media_state, sizeof d->media_state, state);
        if (jnum(attrs, "volume_level", &v)) d->volume = sim_clamp(v, 0, 1);
        break;
    case SIM_SENSOR: {
        const char *u = jstr(attrs, "unit_of_measurement");
        const char *dc = d->device_class;
        double def = strcmp(dc, "humidity") == 0      ? 48
                     : strcmp(dc, "illuminance") == 0 ? 320
                     : strcmp(dc, "power") == 0       ? 85
                     : strcmp(dc, "battery") == 0     ? 87
                                                      : 21.4;
        d->value = def;
        if (state) {
            char *end;
            errno = 0;
            double s = strtod(state, &end);
            if (errno == 0 && end != state && *end == '\0' && isfinite(s)) d->value = s;
        }
        d->value_base = d->value;
        if (!u)
            u = strcmp(dc, "humidity") == 0      ? "%"
                : strcmp(dc, "illuminance") == 0 ? "lx"
                : strcmp(dc, "power") == 0       ? "W"
                : strcmp(dc, "battery") == 0     ? "%"
                                                 : "°C";
        copy(d->unit, sizeof d->unit, u);
        break;
    }
    case SIM_BINARY: d->bin = d->on; break;
    case SIM_VACUUM:
        if (state && (strcmp(state, "cleaning") == 0 || strcmp(state, "docked") == 0 ||
                      strcmp(state, "paused") == 0 || strcmp(state, "idle") == 0 ||
                      strcmp(state, "returning") == 0))
            copy(d->vac_state, sizeof d->vac_state, state);
        break;
    default: break;
    }
}

static int parse_entity(struct sim_house *h, json_t *e, size_t idx, const char *what)
{
    const char *name = jstr(e, "name"), *dom = jstr(e, "domain");
    if (!name || !*name || !dom) {
        hub_error(TAG, "%s: entity %zu: \"name\" and \"domain\" must be non-empty strings", what,
                  idx);
        return HUB_ERR_INVALID;
    }
    if (strlen(name) >= SIM_NAME_MAX) {
        hub_error(TAG, "%s: entity %zu: name longer than %d bytes", what, idx, SIM_NAME_MAX - 1);
        return HUB_ERR_INVALID;
    }
    int domain = -1;
    for (int i = 0; i < SIM_DOMAIN_COUNT; i++)
        if (strcmp(dom, domain_names[i]) == 0) domain = i;
    if (domain < 0) {
        hub_warn(TAG, "%s: entity \"%s\": domain \"%s\" is not simulated; skipped", what, name,
                 dom);
        return HUB_OK;
    }
    if (sim_house_find(h, name)) {
        hub_error(TAG, "%s: entity \"%s\" appears twice", what, name);
        return HUB_ERR_INVALID;
    }
    struct sim_device *d = &h->dev[h->ndev];
    memset(d, 0, sizeof *d);
    d->domain = (enum sim_domain)domain;
    copy(d->name, sizeof d->name, name);
    size_t j = 0;
    for (const char *p = name; *p && j + 1 < sizeof d->slug; p++) {
        unsigned char c = (unsigned char)*p;
        if (isalnum(c))
            d->slug[j++] = (char)tolower(c);
        else if (j > 0 && d->slug[j - 1] != '_')
            d->slug[j++] = '_';
    }
    while (j > 0 && d->slug[j - 1] == '_')
        j--;
    d->slug[j] = '\0';
    if (!*d->slug) snprintf(d->slug, sizeof d->slug, "device_%zu", idx);
    for (size_t k = 0; k < h->ndev; k++)
        if (strcmp(h->dev[k].slug, d->slug) == 0) {
            hub_error(TAG, "%s: entities \"%s\" and \"%s\" have the same object id %s", what,
                      h->dev[k].name, name, d->slug);
            return HUB_ERR_INVALID;
        }
    /* MQTT wildcards and the level separator cannot be part of a friendly name's topic. */
    copy(d->topic_name, sizeof d->topic_name, name);
    for (char *p = d->topic_name; *p; p++)
        if (*p == '/' || *p == '+' || *p == '#') *p = '_';
    d->id_hash = fnv1a(name);

    const char *area = jstr(e, "area");
    copy(d->area, sizeof d->area, area);
    copy(d->floor, sizeof d->floor, area_floor(h->areas, area));
    json_t *attrs = json_object_get(e, "attributes");
    const char *dc = jstr(attrs, "device_class");
    if (!dc) dc = jstr(e, "device_class");
    copy(d->device_class, sizeof d->device_class, dc);

    d->proto = default_proto(d->domain);
    const char *proto = jstr(e, "protocol");
    if (proto) {
        if (strcmp(proto, "zigbee2mqtt") == 0 || strcmp(proto, "z2m") == 0)
            d->proto = SIM_PROTO_Z2M;
        else if (strcmp(proto, "tasmota") == 0)
            d->proto = SIM_PROTO_TASMOTA;
        else if (strcmp(proto, "ha") == 0 || strcmp(proto, "ha_discovery") == 0 ||
                 strcmp(proto, "homeassistant") == 0)
            d->proto = SIM_PROTO_HA;
        else {
            hub_error(TAG, "%s: entity \"%s\": unknown protocol \"%s\" (zigbee2mqtt, tasmota, ha)",
                      what, name, proto);
            return HUB_ERR_INVALID;
        }
    }
    if (!proto_supports(d->proto, d->domain)) {
        hub_warn(TAG, "%s: entity \"%s\": %s has no %s devices; using ha", what, name,
                 sim_proto_name(d->proto), dom);
        d->proto = SIM_PROTO_HA;
    }
    const char *schema = jstr(e, "schema");
    d->ha_json_schema = schema && strcmp(schema, "json") == 0;
    json_t *st = json_object_get(e, "state");
    const char *state = json_is_string(st) ? json_string_value(st) : NULL;
    char numbuf[32];
    if (json_is_number(st)) {
        snprintf(numbuf, sizeof numbuf, "%g", json_number_value(st));
        state = numbuf;
    }
    device_init_state(d, state, attrs);
    h->ndev++;
    return HUB_OK;
}

int sim_house_load_json(struct sim_house *h, json_t *root, const char *what)
{
    json_t *ents = json_object_get(root, "entities");
    if (!json_is_object(root) || !json_is_array(ents)) {
        hub_error(TAG, "%s: expected an object with an \"entities\" array", what);
        return HUB_ERR_INVALID;
    }
    json_t *areas = json_object_get(root, "areas");
    h->areas = json_is_array(areas) ? json_incref(areas) : json_array();
    size_t n = json_array_size(ents);
    h->dev = calloc(n ? n : 1, sizeof *h->dev);
    if (!h->dev) {
        hub_error(TAG, "%s: out of memory for %zu devices", what, n);
        sim_house_free(h);
        return HUB_ERR_NOMEM;
    }
    h->ndev = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(ents, i);
        if (!json_is_object(e)) {
            hub_error(TAG, "%s: entity %zu is not an object", what, i);
            sim_house_free(h);
            return HUB_ERR_INVALID;
        }
        int rc = parse_entity(h, e, i, what);
        if (rc != HUB_OK) {
            sim_house_free(h);
            return rc;
        }
    }
    if (h->ndev == 0) {
        hub_error(TAG, "%s: no entity the sim can simulate", what);
        sim_house_free(h);
        return HUB_ERR_INVALID;
    }
    return HUB_OK;
}

int sim_house_load_file(struct sim_house *h, const char *path)
{
    json_error_t err;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        if (err.line > 0)
            hub_error(TAG, "%s:%d:%d: %s", path, err.line, err.column, err.text);
        else
            hub_error(TAG, "%s: %s", path, err.text);
        return HUB_ERR_INVALID;
    }
    int rc = sim_house_load_json(h, root, path);
    json_decref(root);
    return rc;
}

void sim_house_free(struct sim_house *h)
{
    free(h->dev);
    h->dev = NULL;
    h->ndev = 0;
    json_decref(h->areas);
    h->areas = NULL;
}

/* By name (case-insensitive), slug or topic name. */
struct sim_device *sim_house_find(struct sim_house *h, const char *name)
{
    for (size_t i = 0; i < h->ndev; i++) {
        struct sim_device *d = &h->dev[i];
        if (strcasecmp(d->name, name) == 0 || strcmp(d->slug, name) == 0 ||
            strcmp(d->topic_name, name) == 0)
            return d;
    }
    return NULL;
}

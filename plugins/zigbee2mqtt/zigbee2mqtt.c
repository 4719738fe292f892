/*
 * zigbee2mqtt.c: the zigbee2mqtt device plugin of hubd.
 *
 * Reads the bridge's retained device list (<base>/bridge/devices) and turns each device's
 * "exposes" into entities (light, switch, cover, lock, climate, fan, sensor, binary_sensor);
 * follows <base>/<friendly_name> state JSON, <base>/<friendly_name>/availability and
 * <base>/bridge/state; carries out actions by publishing JSON to <base>/<friendly_name>/set.
 * Base topic: config "base_topic" (default "zigbee2mqtt"); areas: the device's description
 * (set in zigbee2mqtt's UI) or config "areas", a JSON object {"friendly name": "Area"}.
 */
#include "plugins/common/plugcommon.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum z2m_kind { Z_LIGHT, Z_SWITCH, Z_COVER, Z_LOCK, Z_CLIMATE, Z_FAN, Z_SENSOR, Z_BINARY };
static const char *const z2m_domains[] = {"light",   "switch", "cover",  "lock",
                                          "climate", "fan",    "sensor", "binary_sensor"};

struct z2m_device;

struct z2m_entity {
    char id[PLUG_ID_MAX];
    char *uid; /* "<ieee>/<expose key>": stable across device-list updates */
    enum z2m_kind kind;
    struct z2m_device *dev;
    /* JSON property names from the expose's features (NULL when the device lacks them) */
    char *p_state, *p_brightness, *p_color_temp, *p_color, *p_position, *p_lock_state;
    char *p_setpoint, *p_local_temp, *p_mode, *p_running, *p_fan_mode, *p_percentage;
    char *p_value;        /* sensor / binary_sensor */
    char *endpoint;       /* of a specific expose on a multi-endpoint device ("l1"), or NULL */
    char *unit;           /* sensors */
    json_t *v_on, *v_off; /* values of the state property (strings "ON"/"OFF" or bools) */
    double bri_max, ct_min, ct_max, sp_min, sp_max, sp_step, val_min, val_max, pct_max;
    bool has_val_range, color_xy, color_hs, invert_binary;
    json_t *modes, *fan_modes; /* arrays of strings */
};

struct z2m_device {
    char *friendly_name, *ieee, *area;
    json_t *state; /* merged last-known properties */
    bool available;
    struct z2m_entity **ents;
    size_t n_ents;
};

struct z2m {
    const struct hub_host_api *host;
    char base[128];
    size_t base_len;
    json_t *area_map;
    struct z2m_device **devs;
    size_t n_devs;
    struct plug_map *by_name; /* friendly_name -> device */
    struct plug_map *groups;  /* group friendly names (their state is not a device's) */
    struct plug_map *by_id;   /* entity id -> entity */
    bool bridge_online;
};

/* ---- entities and devices ---- */

static void z2m_entity_free(struct z2m_entity *e)
{
    if (!e) return;
    free(e->uid);
    free(e->p_state), free(e->p_brightness), free(e->p_color_temp), free(e->p_color);
    free(e->p_position), free(e->p_lock_state), free(e->p_setpoint), free(e->p_local_temp);
    free(e->p_mode), free(e->p_running), free(e->p_fan_mode), free(e->p_percentage);
    free(e->p_value), free(e->endpoint), free(e->unit);
    json_decref(e->v_on), json_decref(e->v_off), json_decref(e->modes), json_decref(e->fan_modes);
    free(e);
}

static void z2m_device_free(struct z2m_device *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->n_ents; i++)
        z2m_entity_free(d->ents[i]);
    free(d->ents);
    free(d->friendly_name), free(d->ieee), free(d->area);
    json_decref(d->state);
    free(d);
}

/* Replace *field with a copy of value (a feature may repeat in a malformed list). */
static void z2m_set(char **field, const char *value)
{
    free(*field);
    *field = strdup(value);
}

/* Sensor and binary_sensor device classes by property name. */
static const char *z2m_sensor_class(const char *prop)
{
    static const char *known[] = {"temperature", "humidity", "illuminance", "battery", "pressure",
                                  "power",       "energy",   "voltage",     "current", "co2",
                                  "pm25",        "voc",      NULL};
    if (strcmp(prop, "illuminance_lux") == 0) return "illuminance";
    if (strcmp(prop, "local_temperature") == 0) return "temperature";
    for (int i = 0; known[i]; i++)
        if (strcmp(prop, known[i]) == 0) return known[i];
    return NULL;
}

static const char *z2m_binary_class(const char *prop)
{
    if (strcmp(prop, "contact") == 0) return "door";
    if (strcmp(prop, "occupancy") == 0 || strcmp(prop, "presence") == 0) return "motion";
    if (strcmp(prop, "water_leak") == 0) return "moisture";
    if (strcmp(prop, "smoke") == 0) return "smoke";
    if (strcmp(prop, "gas") == 0) return "gas";
    if (strcmp(prop, "vibration") == 0) return "vibration";
    if (strcmp(prop, "tamper") == 0) return "tamper";
    if (strcmp(prop, "battery_low") == 0) return "battery";
    return NULL;
}

/* Read the features of a specific expose (light, switch, ...) into e. */
static void z2m_read_features(struct z2m_entity *e, const json_t *features)
{
    size_t i;
    json_t *f;
    json_array_foreach(features, i, f)
    {
        const char *name = plug_json_str(f, "name"), *prop = plug_json_str(f, "property");
        const char *type = plug_json_str(f, "type");
        if (!name || !prop || !type) continue;
        double d;
        if (strcmp(name, "state") == 0 || strcmp(name, "fan_state") == 0) {
            z2m_set(&e->p_state, prop);
            json_t *on = json_object_get(f, "value_on"), *off = json_object_get(f, "value_off");
            json_decref(e->v_on), json_decref(e->v_off);
            e->v_on = on ? json_incref(on) : json_string(e->kind == Z_LOCK ? "LOCK" : "ON");
            e->v_off = off ? json_incref(off) : json_string(e->kind == Z_LOCK ? "UNLOCK" : "OFF");
        } else if (strcmp(name, "brightness") == 0) {
            z2m_set(&e->p_brightness, prop);
            e->bri_max = plug_json_num(f, "value_max", &d) && d > 0 ? d : 254;
        } else if (strcmp(name, "color_temp") == 0) {
            z2m_set(&e->p_color_temp, prop);
            e->ct_min = plug_json_num(f, "value_min", &d) && d > 0 ? d : 153;
            e->ct_max = plug_json_num(f, "value_max", &d) && d > e->ct_min ? d : 500;
        } else if (strcmp(name, "color_xy") == 0 || strcmp(name, "color_hs") == 0) {
            if (!e->p_color) z2m_set(&e->p_color, prop);
            if (name[6] == 'x')
                e->color_xy = true;
            else
                e->color_hs = true;
        } else if (strcmp(name, "position") == 0) {
            z2m_set(&e->p_position, prop);
        } else if (strcmp(name, "lock_state") == 0) {
            z2m_set(&e->p_lock_state, prop);
        } else if (strstr(name, "heating_setpoint") || strstr(name, "cooling_setpoint")) {
            if (e->p_setpoint) continue; /* the first one (occupied heating) drives the entity */
            z2m_set(&e->p_setpoint, prop);
            e->sp_min = plug_json_num(f, "value_min", &d) ? d : 5;
            e->sp_max = plug_json_num(f, "value_max", &d) && d > e->sp_min ? d : 35;
            e->sp_step = plug_json_num(f, "value_step", &d) && d > 0 ? d : 0.5;
        } else if (strcmp(name, "local_temperature") == 0) {
            z2m_set(&e->p_local_temp, prop);
        } else if (strcmp(name, "system_mode") == 0) {
            z2m_set(&e->p_mode, prop);
            json_t *v = json_object_get(f, "values");
            if (json_is_array(v)) e->modes = json_incref(v);
        } else if (strcmp(name, "running_state") == 0) {
            z2m_set(&e->p_running, prop);
        } else if (strcmp(name, "fan_mode") == 0 ||
                   (e->kind == Z_FAN && strcmp(name, "mode") == 0)) {
            z2m_set(&e->p_fan_mode, prop);
            json_t *v = json_object_get(f, "values");
            if (json_is_array(v)) e->fan_modes = json_incref(v);
        } else if (strcmp(name, "percentage") == 0 || strcmp(name, "speed") == 0) {
            z2m_set(&e->p_percentage, prop);
            e->pct_max = plug_json_num(f, "value_max", &d) && d > 0 ? d : 100;
        }
    }
}

static bool z2m_array_has(const json_t *arr, const char *s)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) if (json_is_string(v) &&
                                      strcmp(json_string_value(v), s) == 0) return true;
    return false;
}

/* Fan speed steps a fan_mode enum offers, in order ("low", "medium", "high"). */
static int z2m_fan_steps(const struct z2m_entity *e, const char **steps)
{
    static const char *order[] = {"low", "medium", "high"};
    int n = 0;
    for (int i = 0; i < 3; i++)
        if (z2m_array_has(e->fan_modes, order[i])) steps[n++] = order[i];
    return n;
}

static char *z2m_capabilities(const struct z2m_entity *e)
{
    json_t *c = json_object();
    switch (e->kind) {
    case Z_LIGHT:
        json_object_set_new(c, "brightness", json_boolean(e->p_brightness != NULL));
        if (e->p_color_temp)
            json_object_set_new(c, "color_temp",
                                json_pack("[ii]", plug_mireds_to_kelvin((int)e->ct_max),
                                          plug_mireds_to_kelvin((int)e->ct_min)));
        json_object_set_new(c, "color", json_boolean(e->p_color != NULL));
        break;
    case Z_COVER:
        json_object_set_new(c, "position", json_boolean(e->p_position != NULL));
        json_object_set_new(c, "stop", json_true());
        break;
    case Z_CLIMATE: {
        json_t *modes = json_array();
        size_t i;
        json_t *v;
        if (e->modes)
            json_array_foreach(e->modes, i, v) json_array_append(modes, v);
        else
            json_array_append_new(modes, json_string("heat"));
        json_object_set_new(c, "hvac_modes", modes);
        json_object_set_new(c, "min_temp", json_real(e->sp_min));
        json_object_set_new(c, "max_temp", json_real(e->sp_max));
        json_object_set_new(c, "temp_step", json_real(e->sp_step));
        break;
    }
    case Z_FAN: {
        const char *steps[3];
        json_object_set_new(c, "percentage",
                            json_boolean(e->p_percentage || z2m_fan_steps(e, steps) > 0));
        break;
    }
    default: break;
    }
    char *s = plug_json_dump(c);
    json_decref(c);
    return s;
}

/* Create an entity of kind for device d from one expose; name_suffix names endpoints and
 * sensor properties. Returns NULL when the id map says we already have this uid. */
static struct z2m_entity *z2m_entity_new(struct z2m_device *d, enum z2m_kind kind, const char *key)
{
    struct z2m_entity *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    size_t n = strlen(d->ieee) + strlen(key) + 2;
    e->uid = malloc(n);
    if (!e->uid) {
        free(e);
        return NULL;
    }
    snprintf(e->uid, n, "%s/%s", d->ieee, key);
    e->kind = kind;
    e->dev = d;
    return e;
}

static int z2m_device_add(struct z2m_device *d, struct z2m_entity *e)
{
    struct z2m_entity **ne = realloc(d->ents, (d->n_ents + 1) * sizeof *ne);
    if (!ne) {
        z2m_entity_free(e);
        return HUB_ERR_NOMEM;
    }
    d->ents = ne;
    d->ents[d->n_ents++] = e;
    return HUB_OK;
}

/* Turn one device of bridge/devices into a device with entities (not yet announced). */
static struct z2m_device *z2m_parse_device(struct z2m *z, const json_t *jd)
{
    const char *fn = plug_json_str(jd, "friendly_name"), *ieee = plug_json_str(jd, "ieee_address");
    const char *type = plug_json_str(jd, "type");
    json_t *def = json_object_get(jd, "definition");
    if (!fn || !ieee || !*fn || !json_is_object(def)) return NULL;
    if (type && strcmp(type, "Coordinator") == 0) return NULL;
    if (plug_json_bool(jd, "disabled", false)) return NULL; /* disabled in zigbee2mqtt's UI */
    json_t *exposes = json_object_get(def, "exposes");
    if (!json_is_array(exposes)) return NULL;

    struct z2m_device *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->friendly_name = strdup(fn);
    d->ieee = strdup(ieee);
    d->available = true;
    const char *area = json_string_value(json_object_get(z->area_map, fn));
    if (!area) area = plug_json_str(jd, "description");
    if (area && *area) d->area = strdup(area);
    d->state = json_object();
    if (!d->friendly_name || !d->ieee || !d->state) {
        z2m_device_free(d);
        return NULL;
    }

    size_t i;
    json_t *x;
    json_array_foreach(exposes, i, x)
    {
        const char *xt = plug_json_str(x, "type");
        if (!xt) continue;
        static const struct {
            const char *type;
            enum z2m_kind kind;
        } specific[] = {{"light", Z_LIGHT}, {"switch", Z_SWITCH},   {"cover", Z_COVER},
                        {"lock", Z_LOCK},   {"climate", Z_CLIMATE}, {"fan", Z_FAN}};
        struct z2m_entity *e = NULL;
        for (size_t k = 0; k < sizeof specific / sizeof specific[0]; k++) {
            if (strcmp(xt, specific[k].type) != 0) continue;
            json_t *features = json_object_get(x, "features");
            if (!json_is_array(features)) break;
            const char *ep = plug_json_str(x, "endpoint");
            char key[96];
            snprintf(key, sizeof key, "%s%s%s", xt, ep ? "_" : "", ep ? ep : "");
            e = z2m_entity_new(d, specific[k].kind, key);
            if (!e) break;
            z2m_read_features(e, features);
            /* a light or switch without an on/off state, a cover without state or position,
             * etc. cannot be driven: leave it out */
            bool usable = e->p_state || e->p_position || e->p_setpoint || e->p_mode ||
                          e->p_fan_mode || e->p_percentage;
            if (!usable) {
                z2m_entity_free(e);
                e = NULL;
            } else if (ep) {
                e->endpoint = strdup(ep);
            }
            break;
        }
        if (!e && (strcmp(xt, "numeric") == 0 || strcmp(xt, "binary") == 0)) {
            const char *prop = plug_json_str(x, "property");
            double acc;
            if (!prop || !plug_json_num(x, "access", &acc)) continue;
            int access = (int)acc;
            /* published and not settable: settable ones are device settings, not sensors */
            if (!(access & 1) || (access & 2) || strcmp(prop, "linkquality") == 0) continue;
            bool binary = xt[0] == 'b';
            e = z2m_entity_new(d, binary ? Z_BINARY : Z_SENSOR, prop);
            if (!e) continue;
            e->p_value = strdup(prop);
            if (binary) {
                json_t *on = json_object_get(x, "value_on"), *off = json_object_get(x, "value_off");
                e->v_on = on ? json_incref(on) : json_true();
                e->v_off = off ? json_incref(off) : json_false();
                /* z2m's contact is true when closed and says so with value_on: false; without
                 * value_on/value_off the hub's "on" (open) is contact false */
                e->invert_binary = !on && strcmp(prop, "contact") == 0;
            } else {
                double v;
                if (plug_json_num(x, "value_min", &v))
                    e->val_min = v, e->has_val_range = true;
                else
                    e->val_min = -1e12;
                if (plug_json_num(x, "value_max", &v))
                    e->val_max = v, e->has_val_range = true;
                else
                    e->val_max = 1e12;
            }
        }
        if (e && z2m_device_add(d, e) != HUB_OK) break;
    }
    return d;
}

/* Announce all entities of d, reusing the ids of entities with the same uid in old. */
static void z2m_announce(struct z2m *z, struct z2m_device *d, struct plug_map *old_uids)
{
    const struct hub_host_api *h = z->host;
    for (size_t i = 0; i < d->n_ents; i++) {
        struct z2m_entity *e = d->ents[i];
        char name[256];
        const char *dom = z2m_domains[e->kind];
        if (d->n_ents == 1) {
            /* a device that is one sensor (a thermometer, a door contact) is named as such */
            snprintf(name, sizeof name, "%s", d->friendly_name);
        } else if (e->kind == Z_SENSOR || e->kind == Z_BINARY) {
            char label[96];
            snprintf(label, sizeof label, "%s", e->p_value);
            for (char *p = label; *p; p++)
                if (*p == '_') *p = ' ';
            if (label[0] >= 'a' && label[0] <= 'z') label[0] -= 32;
            snprintf(name, sizeof name, "%s %s", d->friendly_name, label);
        } else if (e->endpoint) {
            snprintf(name, sizeof name, "%s %s", d->friendly_name, e->endpoint);
        } else {
            snprintf(name, sizeof name, "%s", d->friendly_name);
        }
        struct z2m_entity *prev = old_uids ? plug_map_get(old_uids, e->uid) : NULL;
        if (prev && plug_is_domain(prev->id, dom) && !plug_map_get(z->by_id, prev->id))
            snprintf(e->id, sizeof e->id, "%s", prev->id);
        else
            plug_entity_id(z->by_id, dom, name, d->ieee, e->id, sizeof e->id);
        if (plug_map_put(z->by_id, e->id, e) != HUB_OK) continue;

        const char *dc = NULL;
        if (e->kind == Z_SENSOR) dc = z2m_sensor_class(e->p_value);
        if (e->kind == Z_BINARY) dc = z2m_binary_class(e->p_value);
        /* a contact sensor cannot tell a door from a window; its name usually does */
        char slug[256];
        plug_slugify(name, slug, sizeof slug);
        if (dc && strcmp(dc, "door") == 0 && strstr(slug, "window")) dc = "window";
        if (e->kind == Z_SWITCH) dc = "outlet";
        char *caps = z2m_capabilities(e);
        struct hub_entity_desc desc = {.struct_size = sizeof desc,
                                       .entity_id = e->id,
                                       .name = name,
                                       .area = d->area,
                                       .device_class = dc,
                                       .capabilities_json = caps,
                                       .unit = e->unit};
        int rc = h->upsert_entity(h->host, &desc);
        if (rc != HUB_OK)
            h->log(h->host, HUB_LOG_WARN, "upsert of %s refused: status %d", e->id, rc);
        free(caps);
    }
}

static void z2m_clear(struct z2m *z)
{
    for (size_t i = 0; i < z->n_devs; i++)
        z2m_device_free(z->devs[i]);
    free(z->devs);
    z->devs = NULL;
    z->n_devs = 0;
}

/* Store the units of numeric exposes; done as a second pass to keep parse_device short. */
static void z2m_read_units(struct z2m_device *d, const json_t *jd)
{
    json_t *exposes = json_object_get(json_object_get(jd, "definition"), "exposes");
    size_t i;
    json_t *x;
    json_array_foreach(exposes, i, x)
    {
        const char *prop = plug_json_str(x, "property"), *unit = plug_json_str(x, "unit");
        if (!prop || !unit) continue;
        for (size_t k = 0; k < d->n_ents; k++) {
            struct z2m_entity *e = d->ents[k];
            if (e->kind == Z_SENSOR && strcmp(e->p_value, prop) == 0 && !e->unit)
                e->unit = strdup(unit);
        }
    }
}

static void z2m_on_devices(struct z2m *z, const char *topic, const void *payload, size_t len)
{
    const struct hub_host_api *h = z->host;
    json_t *j = plug_json_load(h, topic, payload, len, PLUG_MAX_DISCOVERY);
    if (!j) return;
    if (!json_is_array(j)) {
        h->count_bad_input(h->host, "bad_type", topic);
        json_decref(j);
        return;
    }
    /* Parse the new list completely before touching the old one. */
    struct z2m_device **devs = NULL;
    size_t n = 0, i;
    json_t *jd;
    struct plug_map *seen = plug_map_new();
    json_array_foreach(j, i, jd)
    {
        struct z2m_device *d = z2m_parse_device(z, jd);
        if (!d) continue;
        /* friendly names are unique in a real list; keep the first of a duplicate */
        if (!seen || plug_map_get(seen, d->friendly_name) ||
            plug_map_put(seen, d->friendly_name, d) != HUB_OK) {
            z2m_device_free(d);
            continue;
        }
        z2m_read_units(d, jd);
        struct z2m_device **nd = realloc(devs, (n + 1) * sizeof *nd);
        if (!nd) {
            z2m_device_free(d);
            break;
        }
        devs = nd;
        devs[n++] = d;
    }
    json_decref(j);
    plug_map_free(seen);

    /* Old entities by uid (to keep their ids) and old device states by ieee. */
    struct plug_map *old_uids = plug_map_new(), *old_devs = plug_map_new();
    struct plug_map *new_uids = plug_map_new();
    for (size_t k = 0; k < z->n_devs; k++) {
        struct z2m_device *d = z->devs[k];
        plug_map_put(old_devs, d->ieee, d);
        for (size_t m = 0; m < d->n_ents; m++)
            plug_map_put(old_uids, d->ents[m]->uid, d->ents[m]);
    }
    for (size_t k = 0; k < n; k++)
        for (size_t m = 0; m < devs[k]->n_ents; m++)
            plug_map_put(new_uids, devs[k]->ents[m]->uid, devs[k]);
    /* Entities that disappeared: tell the host. */
    for (size_t k = 0; k < z->n_devs; k++)
        for (size_t m = 0; m < z->devs[k]->n_ents; m++) {
            struct z2m_entity *e = z->devs[k]->ents[m];
            if (!plug_map_get(new_uids, e->uid)) h->remove_entity(h->host, e->id);
        }
    plug_map_free(z->by_id);
    plug_map_free(z->by_name);
    z->by_id = plug_map_new();
    z->by_name = plug_map_new();
    for (size_t k = 0; k < n; k++) {
        struct z2m_device *d = devs[k], *od = plug_map_get(old_devs, d->ieee);
        if (od) {
            json_decref(d->state);
            d->state = json_incref(od->state);
            d->available = od->available;
        }
        plug_map_put(z->by_name, d->friendly_name, d);
        z2m_announce(z, d, old_uids);
    }
    plug_map_free(old_uids);
    plug_map_free(old_devs);
    plug_map_free(new_uids);
    z2m_clear(z);
    z->devs = devs;
    z->n_devs = n;
    h->log(h->host, HUB_LOG_INFO, "%zu devices from %s", n, topic);
}

/* ---- state reports ---- */

static bool z2m_num_in(const json_t *msg, const char *prop, double lo, double hi)
{
    json_t *v = json_object_get(msg, prop);
    if (!v || json_is_null(v)) return true;
    if (!json_is_number(v)) return false;
    double d = json_number_value(v);
    return isfinite(d) && d >= lo && d <= hi;
}

static bool z2m_str_ok(const json_t *msg, const char *prop)
{
    json_t *v = json_object_get(msg, prop);
    return !v || json_is_null(v) || json_is_string(v) || json_is_boolean(v);
}

/* Is every property this entity reads well typed and in range in msg? */
static bool z2m_validate(const struct z2m_entity *e, const json_t *msg)
{
    if (e->p_state && !z2m_str_ok(msg, e->p_state)) return false;
    if (e->p_brightness && !z2m_num_in(msg, e->p_brightness, 0, e->bri_max)) return false;
    if (e->p_color_temp && !z2m_num_in(msg, e->p_color_temp, 50, 1000)) return false;
    if (e->p_color) {
        json_t *c = json_object_get(msg, e->p_color);
        if (c && !json_is_null(c)) {
            if (!json_is_object(c)) return false;
            if (!z2m_num_in(c, "x", 0, 1) || !z2m_num_in(c, "y", 0, 1) ||
                !z2m_num_in(c, "hue", 0, 360) || !z2m_num_in(c, "saturation", 0, 100))
                return false;
        }
    }
    if (e->p_position && !z2m_num_in(msg, e->p_position, 0, 100)) return false;
    if (e->p_lock_state && !z2m_str_ok(msg, e->p_lock_state)) return false;
    if (e->p_setpoint && !z2m_num_in(msg, e->p_setpoint, -50, 150)) return false;
    if (e->p_local_temp && !z2m_num_in(msg, e->p_local_temp, -80, 150)) return false;
    if (e->p_mode && !z2m_str_ok(msg, e->p_mode)) return false;
    if (e->p_running && !z2m_str_ok(msg, e->p_running)) return false;
    if (e->p_fan_mode && !z2m_str_ok(msg, e->p_fan_mode)) return false;
    if (e->p_percentage && !z2m_num_in(msg, e->p_percentage, 0, e->pct_max)) return false;
    if (e->kind == Z_SENSOR && !z2m_num_in(msg, e->p_value, e->val_min, e->val_max)) return false;
    if (e->kind == Z_BINARY) {
        json_t *v = json_object_get(msg, e->p_value);
        if (v && !json_is_null(v) && !json_equal(v, e->v_on) && !json_equal(v, e->v_off))
            return false;
    }
    return true;
}

static void z2m_merge(json_t *state, const json_t *msg, const char *prop)
{
    json_t *v;
    if (prop && (v = json_object_get(msg, prop)) && !json_is_null(v))
        json_object_set(state, prop, v);
}

static void z2m_merge_entity(const struct z2m_entity *e, json_t *st, const json_t *msg)
{
    const char *props[] = {
        e->p_state,      e->p_brightness,
        e->p_color_temp, e->p_color,
        e->p_position,   e->p_setpoint,
        e->p_local_temp, e->p_mode,
        e->p_running,    e->p_fan_mode,
        e->p_percentage, e->kind == Z_SENSOR || e->kind == Z_BINARY ? e->p_value : NULL,
        e->p_lock_state, "moving",
        "color_mode"};
    for (size_t i = 0; i < sizeof props / sizeof props[0]; i++)
        z2m_merge(st, msg, props[i]);
}

static const char *z2m_onoff(const struct z2m_entity *e, const json_t *st)
{
    json_t *v = e->p_state ? json_object_get(st, e->p_state) : NULL;
    if (!v) return NULL;
    if (json_equal(v, e->v_on)) return "on";
    if (json_equal(v, e->v_off)) return "off";
    return NULL;
}

/* Fan percentage from the merged state, or -1. */
static int z2m_fan_pct(const struct z2m_entity *e, const json_t *st)
{
    double d;
    if (e->p_percentage && plug_json_num(st, e->p_percentage, &d))
        return plug_scale(d, e->pct_max, 100);
    const char *mode = e->p_fan_mode ? plug_json_str(st, e->p_fan_mode) : NULL;
    if (!mode) return -1;
    if (strcmp(mode, "off") == 0) return 0;
    const char *steps[3];
    int n = z2m_fan_steps(e, steps);
    for (int i = 0; i < n; i++)
        if (strcmp(mode, steps[i]) == 0) return (int)lround((i + 1) * 100.0 / n);
    return strcmp(mode, "on") == 0 ? 100 : -1;
}

static void z2m_report(struct z2m *z, const struct z2m_entity *e)
{
    const json_t *st = e->dev->state;
    json_t *a = json_object();
    const char *state = NULL;
    char buf[64];
    double d;
    switch (e->kind) {
    case Z_LIGHT:
        state = z2m_onoff(e, st);
        if (e->p_brightness && plug_json_num(st, e->p_brightness, &d))
            json_object_set_new(a, "brightness", json_integer(plug_scale(d, e->bri_max, 100)));
        if (e->p_color_temp && plug_json_num(st, e->p_color_temp, &d) && d > 0)
            json_object_set_new(a, "color_temp_kelvin",
                                json_integer(plug_mireds_to_kelvin((int)d)));
        if (e->p_color) {
            json_t *c = json_object_get(st, e->p_color);
            double x, y;
            int rgb[3];
            bool have = false;
            if (plug_json_num(c, "x", &x) && plug_json_num(c, "y", &y))
                plug_xy_to_rgb(x, y, rgb), have = true;
            else if (plug_json_num(c, "hue", &x) && plug_json_num(c, "saturation", &y))
                plug_hs_to_rgb(x, y, rgb), have = true;
            if (have)
                json_object_set_new(a, "rgb_color", json_pack("[iii]", rgb[0], rgb[1], rgb[2]));
        }
        if (plug_json_str(st, "color_mode"))
            json_object_set_new(a, "color_mode", json_string(plug_json_str(st, "color_mode")));
        break;
    case Z_SWITCH: state = z2m_onoff(e, st); break;
    case Z_COVER: {
        const char *s = e->p_state ? plug_json_str(st, e->p_state) : NULL;
        const char *moving = plug_json_str(st, "moving");
        bool havepos = e->p_position && plug_json_num(st, e->p_position, &d);
        if (havepos) json_object_set_new(a, "position", json_integer((json_int_t)lround(d)));
        if (moving && strcmp(moving, "UP") == 0)
            state = "opening";
        else if (moving && strcmp(moving, "DOWN") == 0)
            state = "closing";
        else if (havepos)
            state = d > 0 ? "open" : "closed";
        else if (s && strcasecmp(s, "OPEN") == 0)
            state = "open";
        else if (s && strcasecmp(s, "CLOSE") == 0)
            state = "closed";
        break;
    }
    case Z_LOCK: {
        const char *ls = e->p_lock_state ? plug_json_str(st, e->p_lock_state) : NULL;
        if (ls && strcmp(ls, "locked") == 0)
            state = "locked";
        else if (ls && strcmp(ls, "unlocked") == 0)
            state = "unlocked";
        else if (ls && strcmp(ls, "not_fully_locked") == 0)
            state = "jammed";
        else {
            const char *on = z2m_onoff(e, st);
            if (on) state = strcmp(on, "on") == 0 ? "locked" : "unlocked";
        }
        break;
    }
    case Z_CLIMATE: {
        const char *mode = e->p_mode ? plug_json_str(st, e->p_mode) : NULL;
        if (mode)
            state = mode;
        else if (!e->p_mode && e->p_setpoint && json_object_get(st, e->p_setpoint))
            state = "heat"; /* a radiator valve without modes only heats */
        if (state) json_object_set_new(a, "hvac_mode", json_string(state));
        if (e->p_setpoint && plug_json_num(st, e->p_setpoint, &d))
            json_object_set_new(a, "temperature", json_real(d));
        if (e->p_local_temp && plug_json_num(st, e->p_local_temp, &d))
            json_object_set_new(a, "current_temperature", json_real(d));
        const char *run = e->p_running ? plug_json_str(st, e->p_running) : NULL;
        if (run)
            json_object_set_new(a, "hvac_action",
                                json_string(strcmp(run, "heat") == 0   ? "heating"
                                            : strcmp(run, "cool") == 0 ? "cooling"
                                                                       : "idle"));
        break;
    }
    case Z_FAN: {
        int pct = z2m_fan_pct(e, st);
        state = z2m_onoff(e, st);
        if (!state && pct >= 0) state = pct > 0 ? "on" : "off";
        if (pct >= 0) json_object_set_new(a, "percentage", json_integer(pct));
        if (e->p_fan_mode && plug_json_str(st, e->p_fan_mode))
            json_object_set_new(a, "preset_mode", json_string(plug_json_str(st, e->p_fan_mode)));
        break;
    }
    case Z_SENSOR:
        if (plug_json_num(st, e->p_value, &d)) {
            snprintf(buf, sizeof buf, "%.10g", d);
            state = buf;
        }
        if (e->unit) json_object_set_new(a, "unit_of_measurement", json_string(e->unit));
        break;
    case Z_BINARY: {
        json_t *v = json_object_get(st, e->p_value);
        if (v && json_equal(v, e->v_on))
            state = e->invert_binary ? "off" : "on";
        else if (v && json_equal(v, e->v_off))
            state = e->invert_binary ? "on" : "off";
        break;
    }
    }
    if (state)
        plug_update_state(z->host, e->id, state, a);
    else
        json_decref(a);
}

static void z2m_set_device_available(struct z2m *z, struct z2m_device *d, bool avail)
{
    for (size_t i = 0; i < d->n_ents; i++)
        z->host->set_available(z->host->host, d->ents[i]->id, avail);
}

static void z2m_on_state(struct z2m *z, struct z2m_device *d, const char *topic,
                         const void *payload, size_t len)
{
    const struct hub_host_api *h = z->host;
    json_t *msg = plug_json_load(h, topic, payload, len, PLUG_MAX_PAYLOAD);
    if (!msg) return;
    if (!json_is_object(msg)) {
        h->count_bad_input(h->host, "bad_type", topic);
        json_decref(msg);
        return;
    }
    for (size_t i = 0; i < d->n_ents; i++) {
        if (!z2m_validate(d->ents[i], msg)) {
            h->count_bad_input(h->host, "bad_value", topic);
            json_decref(msg);
            return;
        }
    }
    for (size_t i = 0; i < d->n_ents; i++)
        z2m_merge_entity(d->ents[i], d->state, msg);
    json_decref(msg);
    for (size_t i = 0; i < d->n_ents; i++)
        z2m_report(z, d->ents[i]);
}

/* "online"/"offline" as plain text or {"state":"online"}; -1 when neither. */
static int z2m_parse_online(const void *payload, size_t len)
{
    char *text = plug_payload_text(payload, len, 1024);
    if (!text) return -1;
    int r = -1;
    if (plug_payload_is(text, "online"))
        r = 1;
    else if (plug_payload_is(text, "offline"))
        r = 0;
    else {
        json_t *j = json_loads(text, 0, NULL);
        const char *s = plug_json_str(j, "state");
        if (s && strcmp(s, "online") == 0)
            r = 1;
        else if (s && strcmp(s, "offline") == 0)
            r = 0;
        json_decref(j);
    }
    free(text);
    return r;
}

/* bridge/groups: remember the groups' names, so that their state publishes (which come on
 * <base>/<group name> like a device's) are not counted as unknown devices. */
static void z2m_on_groups(struct z2m *z, const char *topic, const void *payload, size_t len)
{
    if (len == 0) return;
    json_t *j = plug_json_load(z->host, topic, payload, len, PLUG_MAX_DISCOVERY);
    if (!j) return;
    if (!json_is_array(j)) {
        z->host->count_bad_input(z->host->host, "bad_type", topic);
        json_decref(j);
        return;
    }
    struct plug_map *g = plug_map_new();
    size_t i;
    json_t *v;
    json_array_foreach(j, i, v)
    {
        const char *fn = plug_json_str(v, "friendly_name");
        if (g && fn && *fn) plug_map_put(g, fn, g);
    }
    json_decref(j);
    if (!g) return;
    plug_map_free(z->groups);
    z->groups = g;
}

static int z2m_on_message(void *state, const char *topic, const void *payload, size_t len)
{
    struct z2m *z = state;
    const struct hub_host_api *h = z->host;
    if (!topic || strncmp(topic, z->base, z->base_len) != 0 || topic[z->base_len] != '/')
        return HUB_OK; /* not ours */
    const char *rest = topic + z->base_len + 1;
    if (strncmp(rest, "bridge/", 7) == 0) {
        if (strcmp(rest + 7, "devices") == 0) {
            if (len == 0) return HUB_OK; /* retained message cleared */
            z2m_on_devices(z, topic, payload, len);
        } else if (strcmp(rest + 7, "groups") == 0) {
            z2m_on_groups(z, topic, payload, len);
        } else if (strcmp(rest + 7, "state") == 0) {
            int on = z2m_parse_online(payload, len);
            if (on < 0) {
                h->count_bad_input(h->host, "bad_availability", topic);
                return HUB_OK;
            }
            z->bridge_online = on;
            for (size_t i = 0; i < z->n_devs; i++)
                z2m_set_device_available(z, z->devs[i], on && z->devs[i]->available);
        }
        return HUB_OK; /* info, logging, event, response/...: not device state */
    }
    /* The device may have '/' in its friendly name: try the whole rest first. */
    struct z2m_device *d = plug_map_get(z->by_name, rest);
    if (d) {
        z2m_on_state(z, d, topic, payload, len);
        return HUB_OK;
    }
    size_t rl = strlen(rest);
    static const char avail[] = "/availability";
    if (rl > sizeof avail - 1 && strcmp(rest + rl - (sizeof avail - 1), avail) == 0) {
        char name[512];
        size_t nl = rl - (sizeof avail - 1);
        if (nl < sizeof name) {
            memcpy(name, rest, nl);
            name[nl] = 0;
            d = plug_map_get(z->by_name, name);
        }
        if (!d) return HUB_OK; /* groups have availability too */
        int on = z2m_parse_online(payload, len);
        if (on < 0) {
            h->count_bad_input(h->host, "bad_availability", topic);
            return HUB_OK;
        }
        d->available = on;
        z2m_set_device_available(z, d, on && z->bridge_online);
        return HUB_OK;
    }
    /* our own commands and reads echo back through the wildcard subscription */
    const char *slash = strrchr(rest, '/');
    if (slash && (strcmp(slash, "/set") == 0 || strcmp(slash, "/get") == 0 ||
                  strstr(rest, "/set/") || strstr(rest, "/get/")))
        return HUB_OK;
    if (plug_map_get(z->groups, rest)) return HUB_OK; /* a group's state: not an entity here */
    h->count_bad_input(h->host, "unknown_device", topic);
    return HUB_OK;
}

/* ---- actions ---- */

static json_t *z2m_state_value(const struct z2m_entity *e, bool on)
{
    return json_incref(on ? e->v_on : e->v_off);
}

static int z2m_light_on(const struct z2m_entity *e, const struct plug_args *a, json_t *cmd)
{
    if (a->has_brightness && a->brightness == 0) {
        json_object_set_new(cmd, e->p_state, z2m_state_value(e, false));
        return HUB_OK;
    }
    json_object_set_new(cmd, e->p_state, z2m_state_value(e, true));
    if (a->has_brightness) {
        if (!e->p_brightness) return HUB_ERR_UNSUPPORTED;
        int v = plug_scale(a->brightness, 100, e->bri_max);
        json_object_set_new(cmd, e->p_brightness, json_integer(v < 1 ? 1 : v));
    }
    if (a->has_kelvin) {
        if (!e->p_color_temp) return HUB_ERR_UNSUPPORTED;
        int m = plug_kelvin_to_mireds(a->kelvin);
        m = m < e->ct_min ? (int)e->ct_min : m > e->ct_max ? (int)e->ct_max : m;
        json_object_set_new(cmd, e->p_color_temp, json_integer(m));
    }
    if (a->has_rgb) {
        if (!e->p_color) return HUB_ERR_UNSUPPORTED;
        double x, y;
        if (e->color_xy) {
            plug_rgb_to_xy(a->rgb, &x, &y);
            json_object_set_new(cmd, e->p_color, json_pack("{s:f,s:f}", "x", x, "y", y));
        } else {
            plug_rgb_to_hs(a->rgb, &x, &y);
            json_object_set_new(
                cmd, e->p_color,
                json_pack("{s:I,s:I}", "hue", (json_int_t)x, "saturation", (json_int_t)y));
        }
    }
    return HUB_OK;
}

static int z2m_fan_cmd(const struct z2m_entity *e, int pct, json_t *cmd)
{
    if (e->p_percentage) {
        json_object_set_new(cmd, e->p_percentage, json_integer(plug_scale(pct, 100, e->pct_max)));
        return HUB_OK;
    }
    if (!e->p_fan_mode) {
        if (!e->p_state) return HUB_ERR_UNSUPPORTED;
        json_object_set_new(cmd, e->p_state, z2m_state_value(e, pct > 0));
        return HUB_OK;
    }
    const char *steps[3];
    int n = z2m_fan_steps(e, steps);
    const char *mode;
    if (pct == 0)
        mode = "off";
    else if (n == 0)
        mode = "on";
    else {
        int idx = (int)ceil(pct * n / 100.0) - 1;
        mode = steps[idx < 0 ? 0 : idx >= n ? n - 1 : idx];
    }
    if (!z2m_array_has(e->fan_modes, mode) && e->fan_modes) return HUB_ERR_UNSUPPORTED;
    json_object_set_new(cmd, e->p_fan_mode, json_string(mode));
    return HUB_OK;
}

static int z2m_build(const struct z2m_entity *e, const char *action, const struct plug_args *a,
                     json_t *cmd)
{
    bool on = strcmp(action, "turn_on") == 0, off = strcmp(action, "turn_off") == 0;
    bool toggle = strcmp(action, "toggle") == 0;
    switch (e->kind) {
    case Z_LIGHT:
    case Z_SWITCH:
        if (!e->p_state) return HUB_ERR_UNSUPPORTED;
        if (on && e->kind == Z_LIGHT) return z2m_light_on(e, a, cmd);
        if (on || off)
            json_object_set_new(cmd, e->p_state, z2m_state_value(e, on));
        else if (toggle)
            json_object_set_new(cmd, e->p_state, json_string("TOGGLE"));
        else
            return HUB_ERR_UNSUPPORTED;
        return HUB_OK;
    case Z_COVER:
        if (strcmp(action, "open") == 0 || on) {
            json_object_set_new(cmd, e->p_state ? e->p_state : "state", json_string("OPEN"));
        } else if (strcmp(action, "close") == 0 || off) {
            json_object_set_new(cmd, e->p_state ? e->p_state : "state", json_string("CLOSE"));
        } else if (strcmp(action, "stop") == 0) {
            json_object_set_new(cmd, e->p_state ? e->p_state : "state", json_string("STOP"));
        } else if (strcmp(action, "set_position") == 0) {
            if (!e->p_position) return HUB_ERR_UNSUPPORTED;
            if (!a->has_position) return HUB_ERR_INVALID;
            json_object_set_new(cmd, e->p_position, json_integer(a->position));
        } else {
            return HUB_ERR_UNSUPPORTED;
        }
        return HUB_OK;
    case Z_LOCK:
        if (!e->p_state) return HUB_ERR_UNSUPPORTED;
        if (strcmp(action, "lock") == 0)
            json_object_set_new(cmd, e->p_state, z2m_state_value(e, true));
        else if (strcmp(action, "unlock") == 0)
            json_object_set_new(cmd, e->p_state, z2m_state_value(e, false));
        else
            return HUB_ERR_UNSUPPORTED;
        return HUB_OK;
    case Z_CLIMATE:
        if (strcmp(action, "set_temperature") == 0) {
            if (!e->p_setpoint) return HUB_ERR_UNSUPPORTED;
            if (!a->has_temperature) return HUB_ERR_INVALID;
            double t = round(a->temperature / e->sp_step) * e->sp_step;
            if (t < e->sp_min || t > e->sp_max) return HUB_ERR_RANGE;
            json_object_set_new(cmd, e->p_setpoint, json_real(t));
            if (a->hvac_mode && e->p_mode)
                json_object_set_new(cmd, e->p_mode, json_string(a->hvac_mode));
            return HUB_OK;
        }
        const char *mode = NULL;
        if (strcmp(action, "set_hvac_mode") == 0) {
            if (!a->hvac_mode) return HUB_ERR_INVALID;
            mode = a->hvac_mode;
        } else if (off) {
            mode = "off";
        } else if (on) {
            mode = z2m_array_has(e->modes, "heat")   ? "heat"
                   : z2m_array_has(e->modes, "auto") ? "auto"
                                                     : NULL;
        } else {
            return HUB_ERR_UNSUPPORTED;
        }
        if (!mode || !e->p_mode || !z2m_array_has(e->modes, mode)) return HUB_ERR_UNSUPPORTED;
        json_object_set_new(cmd, e->p_mode, json_string(mode));
        return HUB_OK;
    case Z_FAN:
        if (strcmp(action, "set_percentage") == 0 || (on && a->has_percentage)) {
            if (!a->has_percentage) return HUB_ERR_INVALID;
            return z2m_fan_cmd(e, a->percentage, cmd);
        }
        if (on || off) {
            if (e->p_state)
                json_object_set_new(cmd, e->p_state, z2m_state_value(e, on));
            else
                return z2m_fan_cmd(e, on ? 100 : 0, cmd);
            return HUB_OK;
        }
        if (toggle && e->p_state) {
            json_object_set_new(cmd, e->p_state, json_string("TOGGLE"));
            return HUB_OK;
        }
        return HUB_ERR_UNSUPPORTED;
    default: return HUB_ERR_UNSUPPORTED; /* sensors */
    }
}

static int z2m_execute(void *state, const char *entity_id, const char *action,
                       const char *args_json)
{
    struct z2m *z = state;
    struct z2m_entity *e = plug_map_get(z->by_id, entity_id);
    if (!e) return HUB_ERR_NOT_FOUND;
    if (!action) return HUB_ERR_INVALID;
    struct plug_args a;
    int rc = plug_args_parse(args_json, &a);
    if (rc != HUB_OK) return rc;
    json_t *cmd = json_object();
    rc = z2m_build(e, action, &a, cmd);
    if (rc == HUB_OK) {
        char topic[700];
        char *payload = plug_json_dump(cmd);
        if (!payload)
            rc = HUB_ERR_NOMEM;
        else if (!plug_fmt(topic, sizeof topic, "%s/%s/set", z->base, e->dev->friendly_name))
            rc = HUB_ERR_INVALID;
        else
            rc = z->host->publish(z->host->host, topic, payload, strlen(payload), 1, false);
        free(payload);
    }
    json_decref(cmd);
    plug_args_free(&a);
    return rc;
}

/* ---- lifecycle ---- */

static void z2m_shutdown(void *state)
{
    struct z2m *z = state;
    if (!z) return;
    z2m_clear(z);
    plug_map_free(z->by_id);
    plug_map_free(z->by_name);
    plug_map_free(z->groups);
    json_decref(z->area_map);
    free(z);
}

static int z2m_init(const struct hub_host_api *host, void **state)
{
    if (!host || host->struct_size < sizeof *host) return HUB_ERR_VERSION;
    struct z2m *z = calloc(1, sizeof *z);
    if (!z) return HUB_ERR_NOMEM;
    z->host = host;
    z->bridge_online = true;
    const char *base = host->config_get(host->host, "base_topic");
    if (!base || !*base) base = "zigbee2mqtt";
    if (strlen(base) >= sizeof z->base || strpbrk(base, "+#")) {
        host->log(host->host, HUB_LOG_ERROR, "base_topic \"%s\" is not a valid topic prefix", base);
        free(z);
        return HUB_ERR_CONFIG;
    }
    snprintf(z->base, sizeof z->base, "%s", base);
    z->base_len = strlen(z->base);
    const char *areas = host->config_get(host->host, "areas");
    if (areas && *areas) {
        json_error_t err;
        z->area_map = json_loads(areas, 0, &err);
        if (!json_is_object(z->area_map)) {
            host->log(host->host, HUB_LOG_ERROR, "areas: not a JSON object: %s", err.text);
            json_decref(z->area_map);
            free(z);
            return HUB_ERR_CONFIG;
        }
    }
    z->by_id = plug_map_new();
    z->by_name = plug_map_new();
    z->groups = plug_map_new();
    if (!z->by_id || !z->by_name || !z->groups) {
        z2m_shutdown(z);
        return HUB_ERR_NOMEM;
    }
    char filter[160];
    snprintf(filter, sizeof filter, "%s/#", z->base);
    int rc = host->subscribe(host->host, filter, 1);
    if (rc != HUB_OK) {
        host->log(host->host, HUB_LOG_ERROR, "cannot subscribe to %s: status %d", filter, rc);
        z2m_shutdown(z);
        return rc;
    }
    *state = z;
    return HUB_OK;
}

static const struct hub_plugin z2m_plugin = {
    .abi_version = HUB_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(struct hub_plugin),
    .name = "zigbee2mqtt",
    .version = "1.0",
    .init = z2m_init,
    .on_message = z2m_on_message,
    .execute = z2m_execute,
    .shutdown = z2m_shutdown,
};

__attribute__((visibility("default"))) const struct hub_plugin *
hub_plugin_describe(int n_versions, const int *host_versions)
{
    for (int i = 0; i < n_versions && host_versions; i++)
        if (host_versions[i] == HUB_PLUGIN_ABI_VERSION) return &z2m_plugin;
    return NULL;
}

/*
 * ha_discovery.c: the Home Assistant MQTT discovery plugin of hubd.
 *
 * Devices announce themselves with retained configs on
 * <prefix>/<component>/[<node_id>/]<object_id>/config (prefix "homeassistant", config
 * "discovery_prefix"); an empty retained payload removes the entity. Components: light
 * (default and json schema), switch, sensor, binary_sensor, cover, climate, fan, lock, valve,
 * vacuum (state schema) and media_player in the hub's own schema (state_topic
 * playing/paused/idle/off, volume_state_topic 0-1, command_topic PLAY/PAUSE/STOP/NEXT/PREVIOUS/
 * ON/OFF, volume_command_topic 0-1). Each entity subscribes to the state topics its config
 * names, keeps the last state and attributes, and turns actions into the payloads its config
 * asks for. Availability: availability_topic or an availability list with its mode.
 */
#include "hadisc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum hd_comp {
    H_LIGHT,
    H_SWITCH,
    H_SENSOR,
    H_BINARY,
    H_COVER,
    H_CLIMATE,
    H_FAN,
    H_LOCK,
    H_VALVE,
    H_VACUUM,
    H_MEDIA,
    H_NCOMP
};
static const char *const hd_components[H_NCOMP] = {
    "light", "switch", "sensor", "binary_sensor", "cover",       "climate",
    "fan",   "lock",   "valve",  "vacuum",        "media_player"};

/* What a message on a bound topic means for its entity. */
enum hd_role {
    R_STATE,
    R_BRI,
    R_CT,
    R_RGB,
    R_HS,
    R_XY,
    R_POS,
    R_MODE,
    R_TEMP,
    R_CURTEMP,
    R_PCT,
    R_VOL,
    R_AVAIL
};

struct hd_bind {
    const char *topic; /* points into the entity's cfg */
    enum hd_role role;
    const char *tpl; /* value template, may be NULL */
    int avail_idx;   /* R_AVAIL: index into avail */
};

struct hd_avail {
    const char *topic, *on, *off, *tpl;
    int state; /* -1 unknown, 0, 1 */
};

struct hd_entity {
    char id[PLUG_ID_MAX];
    char *disc_topic;
    enum hd_comp comp;
    json_t *raw; /* the payload as received, to notice an unchanged re-announcement */
    json_t *cfg; /* expanded */
    bool json_schema;
    struct hd_bind *binds;
    size_t n_binds;
    struct hd_avail *avail;
    size_t n_avail;
    int avail_mode; /* 0 latest, 1 all, 2 any */
    char *state;
    json_t *attrs;
};

struct hd_topic {
    struct hd_entity **ents;
    size_t n;
};

struct hd {
    const struct hub_host_api *host;
    char prefix[128];
    size_t prefix_len;
    json_t *area_map;
    struct plug_map *by_disc;  /* discovery topic -> entity */
    struct plug_map *by_id;    /* entity id -> entity */
    struct plug_map *by_topic; /* state/availability topic -> struct hd_topic */
    struct plug_map *subscribed;
};

/* ---- config access ---- */

static const char *hd_s(const struct hd_entity *e, const char *key, const char *fallback)
{
    json_t *v = json_object_get(e->cfg, key);
    if (json_is_null(v)) return NULL; /* explicitly disabled, e.g. "payload_stop": null */
    const char *s = json_string_value(v);
    return s ? s : fallback;
}

static double hd_n(const struct hd_entity *e, const char *key, double fallback)
{
    double d;
    return plug_json_num(e->cfg, key, &d) ? d : fallback;
}

static bool hd_b(const struct hd_entity *e, const char *key, bool fallback)
{
    return plug_json_bool(e->cfg, key, fallback);
}

/* ---- topics ---- */

static bool hd_topic_ok(const char *t)
{
    return t && *t && strlen(t) < 512 && !strpbrk(t, "+#");
}

static void hd_bind(struct hd *h, struct hd_entity *e, const char *topic, enum hd_role role,
                    const char *tpl, int avail_idx)
{
    if (!topic) return;
    struct hd_bind *nb = realloc(e->binds, (e->n_binds + 1) * sizeof *nb);
    if (!nb) return;
    e->binds = nb;
    e->binds[e->n_binds++] = (struct hd_bind){topic, role, tpl, avail_idx};
    struct hd_topic *t = plug_map_get(h->by_topic, topic);
    if (!t) {
        t = calloc(1, sizeof *t);
        if (!t || plug_map_put(h->by_topic, topic, t) != HUB_OK) {
            free(t);
            return;
        }
    }
    for (size_t i = 0; i < t->n; i++)
        if (t->ents[i] == e) goto subscribe;
    struct hd_entity **ne = realloc(t->ents, (t->n + 1) * sizeof *ne);
    if (!ne) return;
    t->ents = ne;
    t->ents[t->n++] = e;
subscribe:
    if (!plug_map_get(h->subscribed, topic) &&
        h->host->subscribe(h->host->host, topic, (int)hd_n(e, "qos", 0)) == HUB_OK)
        plug_map_put(h->subscribed, topic, h);
}

static void hd_unbind_all(struct hd *h, struct hd_entity *e)
{
    for (size_t i = 0; i < e->n_binds; i++) {
        struct hd_topic *t = plug_map_get(h->by_topic, e->binds[i].topic);
        if (!t) continue;
        for (size_t k = 0; k < t->n; k++) {
            if (t->ents[k] == e) {
                memmove(&t->ents[k], &t->ents[k + 1], (t->n - k - 1) * sizeof t->ents[0]);
                t->n--;
                break;
            }
        }
        if (t->n == 0) {
            plug_map_del(h->by_topic, e->binds[i].topic);
            free(t->ents);
            free(t);
        }
    }
    free(e->binds);
    e->binds = NULL;
    e->n_binds = 0;
}

static void hd_entity_free(struct hd *h, struct hd_entity *e)
{
    if (!e) return;
    hd_unbind_all(h, e);
    free(e->disc_topic);
    free(e->avail);
    free(e->state);
    json_decref(e->raw);
    json_decref(e->cfg);
    json_decref(e->attrs);
    free(e);
}

/* ---- discovery ---- */

static const char *const hd_state_topics[] = {"state_topic",
                                              "brightness_state_topic",
                                              "color_temp_state_topic",
                                              "rgb_state_topic",
                                              "rgbw_state_topic",
                                              "rgbww_state_topic",
                                              "hs_state_topic",
                                              "xy_state_topic",
                                              "position_topic",
                                              "mode_state_topic",
                                              "temperature_state_topic",
                                              "current_temperature_topic",
                                              "percentage_state_topic",
                                              "volume_state_topic",
                                              "availability_topic",
                                              "command_topic",
                                              "brightness_command_topic",
                                              "color_temp_command_topic",
                                              "rgb_command_topic",
                                              "rgbw_command_topic",
                                              "rgbww_command_topic",
                                              "hs_command_topic",
                                              "xy_command_topic",
                                              "set_position_topic",
                                              "mode_command_topic",
                                              "temperature_command_topic",
                                              "percentage_command_topic",
                                              "volume_command_topic",
                                              "power_command_topic",
                                              NULL};
static const char *const hd_templates[] = {"value_template",
                                           "state_value_template",
                                           "brightness_value_template",
                                           "color_temp_value_template",
                                           "rgb_value_template",
                                           "hs_value_template",
                                           "xy_value_template",
                                           "position_template",
                                           "mode_state_template",
                                           "temperature_state_template",
                                           "current_temperature_template",
                                           "percentage_value_template",
                                           "availability_template",
                                           NULL};

/* Check a config's types: every topic a string without wildcards, templates we can run. */
static const char *hd_validate(const json_t *cfg)
{
    for (int i = 0; hd_state_topics[i]; i++) {
        json_t *v = json_object_get(cfg, hd_state_topics[i]);
        if (v && !json_is_null(v) && (!json_is_string(v) || !hd_topic_ok(json_string_value(v))))
            return hd_state_topics[i];
    }
    for (int i = 0; hd_templates[i]; i++) {
        json_t *v = json_object_get(cfg, hd_templates[i]);
        if (v && !json_is_null(v) &&
            (!json_is_string(v) || !hd_template_supported(json_string_value(v))))
            return hd_templates[i];
    }
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)cfg, k, v)
    {
        size_t kl = strlen(k);
        if (kl < 16 || strcmp(k + kl - 16, "command_template") != 0) continue;
        static const char *const vars[] = {
            "red", "1", "green", "1", "blue",       "1", "white",      "1", "hue", "1", "sat", "1",
            "x",   "1", "y",     "1", "cold_white", "1", "warm_white", "1", NULL};
        char *r = json_is_string(v) ? hd_command_render(json_string_value(v), "1", vars) : NULL;
        if (!r) return k;
        free(r);
    }
    json_t *a = json_object_get(cfg, "availability");
    if (a && !json_is_array(a)) return "availability";
    size_t i;
    json_t *x;
    json_array_foreach(a, i, x)
    {
        if (!hd_topic_ok(plug_json_str(x, "topic"))) return "availability";
        const char *t = plug_json_str(x, "value_template");
        if (t && !hd_template_supported(t)) return "availability";
    }
    json_t *modes = json_object_get(cfg, "modes");
    if (modes && !json_is_array(modes)) return "modes";
    json_t *name = json_object_get(cfg, "name");
    if (name && !json_is_null(name) && !json_is_string(name)) return "name";
    json_t *dev = json_object_get(cfg, "device");
    if (dev && !json_is_object(dev)) return "device";
    return NULL;
}

/* Whether a vacuum offers a feature: its supported_features list, else Home Assistant's default
 * set for the state schema (start, stop, return_home, status, battery, clean_spot). */
static bool hd_vacuum_has(const struct hd_entity *e, const char *feat)
{
    json_t *list = json_object_get(e->cfg, "supported_features");
    if (!json_is_array(list)) return strcmp(feat, "pause") != 0;
    size_t i;
    json_t *f;
    json_array_foreach(list, i, f) if (json_is_string(f) &&
                                       strcmp(json_string_value(f), feat) == 0) return true;
    return false;
}

static char *hd_capabilities(const struct hd_entity *e)
{
    json_t *c = json_object();
    switch (e->comp) {
    case H_LIGHT: {
        bool bri, ct, color;
        if (e->json_schema) {
            json_t *modes = json_object_get(e->cfg, "supported_color_modes");
            size_t i;
            json_t *m;
            ct = color = false;
            bri = hd_b(e, "brightness", false);
            json_array_foreach(modes, i, m)
            {
                const char *s = json_string_value(m);
                if (!s) continue;
                if (strcmp(s, "color_temp") == 0)
                    ct = true;
                else if (strcmp(s, "onoff") != 0)
                    color = strcmp(s, "brightness") != 0 || color;
                if (strcmp(s, "onoff") != 0) bri = true;
            }
        } else {
            bri = hd_s(e, "brightness_command_topic", NULL) != NULL;
            ct = hd_s(e, "color_temp_command_topic", NULL) != NULL;
            color = hd_s(e, "rgb_command_topic", NULL) || hd_s(e, "hs_command_topic", NULL) ||
                    hd_s(e, "xy_command_topic", NULL) || hd_s(e, "rgbw_command_topic", NULL) ||
                    hd_s(e, "rgbww_command_topic", NULL);
        }
        json_object_set_new(c, "brightness", json_boolean(bri));
        if (ct) {
            int kmin, kmax;
            if (json_object_get(e->cfg, "min_kelvin") || hd_b(e, "color_temp_kelvin", false)) {
                kmin = (int)hd_n(e, "min_kelvin", 2000), kmax = (int)hd_n(e, "max_kelvin", 6535);
            } else {
                kmin = plug_mireds_to_kelvin((int)hd_n(e, "max_mireds", 500));
                kmax = plug_mireds_to_kelvin((int)hd_n(e, "min_mireds", 153));
            }
            json_object_set_new(c, "color_temp", json_pack("[ii]", kmin, kmax));
        }
        json_object_set_new(c, "color", json_boolean(color));
        break;
    }
    case H_COVER:
    case H_VALVE:
        json_object_set_new(c, "position",
                            json_boolean(e->comp == H_COVER
                                             ? hd_s(e, "set_position_topic", NULL) != NULL
                                             : hd_b(e, "reports_position", false)));
        json_object_set_new(
            c, "stop",
            json_boolean(hd_s(e, "payload_stop", e->comp == H_COVER ? "STOP" : NULL) != NULL));
        break;
    case H_CLIMATE: {
        json_t *modes = json_object_get(e->cfg, "modes");
        json_object_set_new(
            c, "hvac_modes",
            modes ? json_deep_copy(modes)
                  : json_pack("[ssssss]", "auto", "off", "cool", "heat", "dry", "fan_only"));
        json_object_set_new(c, "min_temp", json_real(hd_n(e, "min_temp", 7)));
        json_object_set_new(c, "max_temp", json_real(hd_n(e, "max_temp", 35)));
        json_object_set_new(c, "temp_step", json_real(hd_n(e, "temp_step", 1)));
        break;
    }
    case H_FAN:
        json_object_set_new(c, "percentage",
                            json_boolean(hd_s(e, "percentage_command_topic", NULL) != NULL));
        break;
    case H_MEDIA:
        json_object_set_new(c, "volume",
                            json_boolean(hd_s(e, "volume_command_topic", NULL) != NULL));
        json_object_set_new(c, "pause", json_true());
        json_object_set_new(c, "next", json_true());
        break;
    case H_VACUUM: {
        /* what the resolver may offer: the actions this vacuum takes and its fan speeds */
        static const char *const acts[][2] = {{"start", "start"},
                                              {"stop", "stop"},
                                              {"pause", "pause"},
                                              {"return_home", "return_to_base"}};
        json_t *a = json_array();
        for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++)
            if (hd_vacuum_has(e, acts[i][0])) json_array_append_new(a, json_string(acts[i][1]));
        json_object_set_new(c, "actions", a);
        json_t *speeds = json_object_get(e->cfg, "fan_speed_list");
        if (json_is_array(speeds)) json_object_set_new(c, "fan_speeds", json_deep_copy(speeds));
        break;
    }
    default: break;
    }
    char *s = plug_json_dump(c);
    json_decref(c);
    return s;
}

static void hd_setup_bindings(struct hd *h, struct hd_entity *e)
{
    hd_bind(h, e, hd_s(e, "state_topic", NULL), R_STATE,
            hd_s(e,
                 e->comp == H_LIGHT && !e->json_schema ? "state_value_template" : "value_template",
                 NULL),
            0);
    if (e->comp == H_LIGHT && !e->json_schema) {
        hd_bind(h, e, hd_s(e, "brightness_state_topic", NULL), R_BRI,
                hd_s(e, "brightness_value_template", NULL), 0);
        hd_bind(h, e, hd_s(e, "color_temp_state_topic", NULL), R_CT,
                hd_s(e, "color_temp_value_template", NULL), 0);
        hd_bind(h, e, hd_s(e, "rgb_state_topic", NULL), R_RGB, hd_s(e, "rgb_value_template", NULL),
                0);
        hd_bind(h, e, hd_s(e, "rgbw_state_topic", NULL), R_RGB,
                hd_s(e, "rgbw_value_template", NULL), 0);
        hd_bind(h, e, hd_s(e, "rgbww_state_topic", NULL), R_RGB,
                hd_s(e, "rgbww_value_template", NULL), 0);
        hd_bind(h, e, hd_s(e, "hs_state_topic", NULL), R_HS, hd_s(e, "hs_value_template", NULL), 0);
        hd_bind(h, e, hd_s(e, "xy_state_topic", NULL), R_XY, hd_s(e, "xy_value_template", NULL), 0);
    }
    if (e->comp == H_COVER)
        hd_bind(h, e, hd_s(e, "position_topic", NULL), R_POS, hd_s(e, "position_template", NULL),
                0);
    if (e->comp == H_CLIMATE) {
        hd_bind(h, e, hd_s(e, "mode_state_topic", NULL), R_MODE,
                hd_s(e, "mode_state_template", NULL), 0);
        hd_bind(h, e, hd_s(e, "temperature_state_topic", NULL), R_TEMP,
                hd_s(e, "temperature_state_template", NULL), 0);
        hd_bind(h, e, hd_s(e, "current_temperature_topic", NULL), R_CURTEMP,
                hd_s(e, "current_temperature_template", NULL), 0);
    }
    if (e->comp == H_FAN)
        hd_bind(h, e, hd_s(e, "percentage_state_topic", NULL), R_PCT,
                hd_s(e, "percentage_value_template", NULL), 0);
    if (e->comp == H_MEDIA) hd_bind(h, e, hd_s(e, "volume_state_topic", NULL), R_VOL, NULL, 0);
    for (size_t i = 0; i < e->n_avail; i++)
        hd_bind(h, e, e->avail[i].topic, R_AVAIL, e->avail[i].tpl, (int)i);
}

static void hd_setup_avail(struct hd_entity *e)
{
    json_t *list = json_object_get(e->cfg, "availability");
    const char *on = hd_s(e, "payload_available", "online"),
               *off = hd_s(e, "payload_not_available", "offline");
    size_t n = json_array_size(list) + (hd_s(e, "availability_topic", NULL) ? 1 : 0);
    if (n == 0) return;
    e->avail = calloc(n, sizeof *e->avail);
    if (!e->avail) return;
    if (hd_s(e, "availability_topic", NULL)) {
        e->avail[e->n_avail++] = (struct hd_avail){hd_s(e, "availability_topic", NULL), on, off,
                                                   hd_s(e, "availability_template", NULL), -1};
    }
    size_t i;
    json_t *a;
    json_array_foreach(list, i, a)
    {
        const char *aon = plug_json_str(a, "payload_available"),
                   *aoff = plug_json_str(a, "payload_not_available");
        e->avail[e->n_avail++] =
            (struct hd_avail){plug_json_str(a, "topic"), aon ? aon : "online",
                              aoff ? aoff : "offline", plug_json_str(a, "value_template"), -1};
    }
    const char *mode = hd_s(e, "availability_mode", "latest");
    e->avail_mode = strcmp(mode, "all") == 0 ? 1 : strcmp(mode, "any") == 0 ? 2 : 0;
}

static void hd_remove(struct hd *h, struct hd_entity *e, bool tell)
{
    if (tell) h->host->remove_entity(h->host->host, e->id);
    plug_map_del(h->by_id, e->id);
    plug_map_del(h->by_disc, e->disc_topic);
    hd_entity_free(h, e);
}

static void hd_on_config(struct hd *h, enum hd_comp comp, const char *topic, const char *object_id,
                         const void *payload, size_t len)
{
    const struct hub_host_api *host = h->host;
    struct hd_entity *old = plug_map_get(h->by_disc, topic);
    if (len == 0) {
        if (old) hd_remove(h, old, true);
        return;
    }
    json_t *raw = plug_json_load(host, topic, payload, len, PLUG_MAX_PAYLOAD);
    if (!raw) return;
    if (!json_is_object(raw)) {
        host->count_bad_input(host->host, "bad_discovery", topic);
        json_decref(raw);
        return;
    }
    if (old && json_equal(old->raw, raw)) { /* re-announced unchanged (e.g. after a restart) */
        json_decref(raw);
        return;
    }
    json_t *cfg = hd_expand_config(raw);
    const char *bad = hd_validate(cfg);
    const char *schema = plug_json_str(cfg, "schema");
    bool json_schema = comp == H_LIGHT && schema && strcmp(schema, "json") == 0;
    if (!bad && comp == H_LIGHT && schema && strcmp(schema, "json") != 0 &&
        strcmp(schema, "default") != 0 && strcmp(schema, "basic") != 0)
        bad = "schema"; /* the template schema needs Jinja */
    if (!bad && comp == H_VACUUM && schema && strcmp(schema, "state") != 0) bad = "schema";
    if (!bad && (comp == H_SENSOR || comp == H_BINARY) && !plug_json_str(cfg, "state_topic"))
        bad = "state_topic";
    if (!bad && comp != H_SENSOR && comp != H_BINARY && comp != H_CLIMATE && comp != H_COVER &&
        comp != H_VALVE && !plug_json_str(cfg, "command_topic"))
        bad = "command_topic";
    if (bad) {
        host->log(host->host, HUB_LOG_DEBUG, "%s: discovery config refused: bad %s", topic, bad);
        host->count_bad_input(host->host, "bad_discovery", topic);
        json_decref(cfg);
        json_decref(raw);
        return;
    }

    struct hd_entity *e = calloc(1, sizeof *e);
    if (!e || !(e->disc_topic = strdup(topic))) {
        free(e);
        json_decref(cfg);
        json_decref(raw);
        return;
    }
    e->comp = comp;
    e->raw = raw;
    e->cfg = cfg;
    e->json_schema = json_schema;
    e->attrs = json_object();

    /* names: "device entity", the device's name alone when the entity's name is null */
    json_t *dev = json_object_get(cfg, "device");
    const char *dname = plug_json_str(dev, "name"), *ename = plug_json_str(cfg, "name");
    char name[300];
    if (ename && dname && strncmp(ename, dname, strlen(dname)) != 0)
        snprintf(name, sizeof name, "%s %s", dname, ename);
    else if (ename)
        snprintf(name, sizeof name, "%s", ename);
    else if (dname)
        snprintf(name, sizeof name, "%s", dname);
    else
        snprintf(name, sizeof name, "%s", object_id);
    const char *area = plug_json_str(dev, "suggested_area");
    if (!area) area = json_string_value(json_object_get(h->area_map, name));

    /* the same discovery topic keeps its entity id; a changed config replaces the entity */
    if (old) {
        snprintf(e->id, sizeof e->id, "%s", old->id);
        e->state = old->state ? strdup(old->state) : NULL;
        hd_remove(h, old, false);
    } else {
        const char *oid = plug_json_str(cfg, "object_id");
        plug_entity_id(h->by_id, hd_components[comp], oid ? oid : name, object_id, e->id,
                       sizeof e->id);
    }
    plug_map_put(h->by_disc, topic, e);
    plug_map_put(h->by_id, e->id, e);
    hd_setup_avail(e);
    char *caps = hd_capabilities(e);
    const char *dc = hd_s(e, "device_class", NULL);
    struct hub_entity_desc desc = {.struct_size = sizeof desc,
                                   .entity_id = e->id,
                                   .name = name,
                                   .area = area,
                                   .device_class = dc,
                                   .capabilities_json = caps,
                                   .unit = hd_s(e, "unit_of_measurement", NULL)};
    int rc = host->upsert_entity(host->host, &desc);
    free(caps);
    if (rc != HUB_OK)
        host->log(host->host, HUB_LOG_WARN, "upsert of %s refused: status %d", e->id, rc);
    /* with availability configured an entity is unavailable until it says otherwise */
    if (e->n_avail) host->set_available(host->host, e->id, false);
    hd_setup_bindings(h, e);
}

/* ---- state messages ---- */

/* Parse "a,b[,c]" numbers. */
static int hd_parse_list(const char *s, double *out, int max)
{
    int n = 0;
    const char *p = s;
    while (n < max) {
        char *end;
        double d = strtod(p, &end);
        if (end == p || !isfinite(d)) return -1;
        out[n++] = d;
        while (*end == ' ')
            end++;
        if (*end == 0) return n;
        if (*end != ',') return -1;
        p = end + 1;
    }
    return -1;
}

static bool hd_parse_num(const char *s, double *out)
{
    char *end;
    if (!s || !*s) return false;
    double d = strtod(s, &end);
    while (*end == ' ' || *end == '\n' || *end == '\r')
        end++;
    if (end == s || *end || !isfinite(d)) return false;
    *out = d;
    return true;
}

/* Match text against the config's payload keys; returns the hub state or NULL. */
static const char *hd_match(const struct hd_entity *e, const char *text,
                            const char *const (*map)[3], size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *want = hd_s(e, map[i][0], map[i][1]);
        if (want && strcmp(text, want) == 0) return map[i][2];
    }
    return NULL;
}

static bool hd_set_num(json_t *attrs, const char *key, double v, bool integer)
{
    json_object_set_new(attrs, key, integer ? json_integer((json_int_t)lround(v)) : json_real(v));
    return true;
}

static bool hd_light_json_state(const struct hd_entity *e, const json_t *j, char **state,
                                json_t *attrs)
{
    if (!json_is_object(j)) return false;
    const char *s = plug_json_str(j, "state");
    json_t *sv = json_object_get(j, "state");
    if (sv && !json_is_null(sv)) {
        if (!s) return false;
        if (strcmp(s, "ON") == 0)
            *state = strdup("on");
        else if (strcmp(s, "OFF") == 0)
            *state = strdup("off");
        else
            return false;
    }
    double d, scale = hd_n(e, "brightness_scale", 255);
    json_t *b = json_object_get(j, "brightness");
    if (b && !json_is_null(b)) {
        if (!plug_json_num(j, "brightness", &d) || d < 0 || d > scale) return false;
        hd_set_num(attrs, "brightness", plug_scale(d, scale, 100), true);
    }
    json_t *ct = json_object_get(j, "color_temp");
    if (ct && !json_is_null(ct)) {
        if (!plug_json_num(j, "color_temp", &d) || d <= 0 || d > 20000) return false;
        hd_set_num(attrs, "color_temp_kelvin",
                   hd_b(e, "color_temp_kelvin", false) ? d : plug_mireds_to_kelvin((int)d), true);
    }
    json_t *c = json_object_get(j, "color");
    if (c && !json_is_null(c)) {
        if (!json_is_object(c)) return false;
        double r, g, bl;
        int rgb[3];
        if (plug_json_num(c, "r", &r) && plug_json_num(c, "g", &g) && plug_json_num(c, "b", &bl)) {
            if (r < 0 || r > 255 || g < 0 || g > 255 || bl < 0 || bl > 255) return false;
            rgb[0] = (int)r, rgb[1] = (int)g, rgb[2] = (int)bl;
        } else if (plug_json_num(c, "h", &r) && plug_json_num(c, "s", &g)) {
            if (r < 0 || r > 360 || g < 0 || g > 100) return false;
            plug_hs_to_rgb(r, g, rgb);
        } else if (plug_json_num(c, "x", &r) && plug_json_num(c, "y", &g)) {
            if (r < 0 || r > 1 || g < 0 || g > 1) return false;
            plug_xy_to_rgb(r, g, rgb);
        } else {
            return false;
        }
        json_object_set_new(attrs, "rgb_color", json_pack("[iii]", rgb[0], rgb[1], rgb[2]));
    }
    const char *cm = plug_json_str(j, "color_mode");
    if (cm) json_object_set_new(attrs, "color_mode", json_string(cm));
    return true;
}

/* Apply one message to e: *state (malloc'd) and attrs (a working copy). false = bad value. */
static bool hd_apply(const struct hd_entity *e, const struct hd_bind *b, const char *text,
                     const json_t *json, char **state, json_t *attrs, struct hd_avail *av)
{
    char *v = NULL;
    int rc = hd_template_eval(b->tpl, text, json, &v);
    if (rc == HD_TPL_MISSING) return true; /* this message does not carry this value */
    if (rc != HD_TPL_OK) return false;
    bool ok = false;
    double d, l[3];
    switch (b->role) {
    case R_AVAIL:
        if (strcmp(v, av->on) == 0)
            av->state = 1, ok = true;
        else if (strcmp(v, av->off) == 0)
            av->state = 0, ok = true;
        break;
    case R_STATE:
        switch (e->comp) {
        case H_LIGHT:
            if (e->json_schema) {
                ok = hd_light_json_state(e, json, state, attrs);
                break;
            }
            /* fall through */
        case H_SWITCH:
        case H_FAN: {
            const char *on = hd_s(e, "payload_on", "ON"), *off = hd_s(e, "payload_off", "OFF");
            if (e->comp == H_SWITCH) on = hd_s(e, "state_on", on), off = hd_s(e, "state_off", off);
            if (on && strcmp(v, on) == 0)
                *state = strdup("on"), ok = true;
            else if (off && strcmp(v, off) == 0)
                *state = strdup("off"), ok = true;
            break;
        }
        case H_BINARY: {
            const char *on = hd_s(e, "payload_on", "ON"), *off = hd_s(e, "payload_off", "OFF");
            if (on && strcmp(v, on) == 0)
                *state = strdup("on"), ok = true;
            else if (off && strcmp(v, off) == 0)
                *state = strdup("off"), ok = true;
            break;
        }
        case H_SENSOR:
            if (hd_s(e, "unit_of_measurement", NULL) || hd_s(e, "state_class", NULL)) {
                /* a sensor with a unit is numeric in Home Assistant too */
                if (!hd_parse_num(v, &d)) break;
                char buf[64];
                snprintf(buf, sizeof buf, "%.10g", d);
                *state = strdup(buf);
            } else {
                if (strlen(v) > 255) break;
                *state = strdup(v);
            }
            ok = true;
            break;
        case H_COVER:
        case H_VALVE: {
            static const char *const map[][3] = {{"state_open", "open", "open"},
                                                 {"state_opening", "opening", "opening"},
                                                 {"state_closed", "closed", "closed"},
                                                 {"state_closing", "closing", "closing"},
                                                 {"state_stopped", "stopped", "open"}};
            const char *s = hd_match(e, v, map, 5);
            if (s) {
                *state = strdup(s);
                ok = true;
            } else if (e->comp == H_VALVE && hd_b(e, "reports_position", false) &&
                       hd_parse_num(v, &d)) {
                double po = hd_n(e, "position_open", 100), pc = hd_n(e, "position_closed", 0);
                if (po == pc) break;
                double pct = (d - pc) / (po - pc) * 100;
                if (pct < 0 || pct > 100) break;
                hd_set_num(attrs, "position", pct, true);
                *state = strdup(pct > 0 ? "open" : "closed");
                ok = true;
            }
            break;
        }
        case H_LOCK: {
            static const char *const map[][3] = {{"state_locked", "LOCKED", "locked"},
                                                 {"state_unlocked", "UNLOCKED", "unlocked"},
                                                 {"state_locking", "LOCKING", "locking"},
                                                 {"state_unlocking", "UNLOCKING", "unlocking"},
                                                 {"state_jammed", "JAMMED", "jammed"}};
            const char *s = hd_match(e, v, map, 5);
            if (s) *state = strdup(s), ok = true;
            break;
        }
        case H_VACUUM: {
            static const char *const states[] = {"cleaning", "docked",    "paused",
                                                 "idle",     "returning", "error"};
            /* the state schema: {"state": "...", "battery_level": 0-100, "fan_speed": "..."} */
            if (!json_is_object(json)) break;
            json_t *sv = json_object_get(json, "state");
            const char *s = json_string_value(sv);
            ok = !sv || json_is_null(sv);
            for (size_t i = 0; s && i < sizeof states / sizeof states[0]; i++)
                if (strcmp(s, states[i]) == 0) *state = strdup(s), ok = true;
            if (json_object_get(json, "battery_level")) {
                if (!plug_json_num(json, "battery_level", &d) || d < 0 || d > 100)
                    ok = false;
                else
                    hd_set_num(attrs, "battery_level", d, true);
            }
            if (plug_json_str(json, "fan_speed"))
                json_object_set_new(attrs, "fan_speed",
                                    json_string(plug_json_str(json, "fan_speed")));
            break;
        }
        case H_MEDIA: {
            static const char *const states[] = {"playing", "paused", "idle", "off"};
            for (size_t i = 0; i < 4; i++)
                if (strcmp(v, states[i]) == 0) *state = strdup(v), ok = true;
            break;
        }
        case H_CLIMATE: break; /* climate has no plain state_topic */
        case H_NCOMP: break;
        }
        break;
    case R_BRI: {
        double scale = hd_n(e, "brightness_scale", 255);
        if (hd_parse_num(v, &d) && d >= 0 && d <= scale)
            ok = hd_set_num(attrs, "brightness", plug_scale(d, scale, 100), true);
        break;
    }
    case R_CT:
        if (hd_parse_num(v, &d) && d > 0 && d <= 20000)
            ok = hd_set_num(attrs, "color_temp_kelvin",
                            hd_b(e, "color_temp_kelvin", false) ? d : plug_mireds_to_kelvin((int)d),
                            true);
        break;
    case R_RGB:
    case R_HS:
    case R_XY: {
        double l5[5] = {0};
        int n = hd_parse_list(v, l5, 5), rgb[3];
        bool bytes = n >= 3; /* rgb, rgbw, rgbww: every channel 0-255, colour in the first 3 */
        for (int i = 0; i < n; i++)
            bytes = bytes && l5[i] >= 0 && l5[i] <= 255;
        for (int i = 0; i < 3; i++)
            l[i] = l5[i];
        if (b->role == R_RGB && bytes) {
            rgb[0] = (int)l[0], rgb[1] = (int)l[1], rgb[2] = (int)l[2];
        } else if (b->role == R_HS && n == 2 && l[0] >= 0 && l[0] <= 360 && l[1] >= 0 &&
                   l[1] <= 100) {
            plug_hs_to_rgb(l[0], l[1], rgb);
        } else if (b->role == R_XY && n == 2 && l[0] >= 0 && l[0] <= 1 && l[1] >= 0 && l[1] <= 1) {
            plug_xy_to_rgb(l[0], l[1], rgb);
        } else {
            break;
        }
        json_object_set_new(attrs, "rgb_color", json_pack("[iii]", rgb[0], rgb[1], rgb[2]));
        ok = true;
        break;
    }
    case R_POS: {
        double po = hd_n(e, "position_open", 100), pc = hd_n(e, "position_closed", 0);
        if (!hd_parse_num(v, &d) || po == pc) break;
        double pct = (d - pc) / (po - pc) * 100;
        if (pct < 0 || pct > 100) break;
        hd_set_num(attrs, "position", pct, true);
        if (!hd_s(e, "state_topic", NULL)) { /* position alone decides open/closed */
            free(*state);
            *state = strdup(pct > 0 ? "open" : "closed");
        }
        ok = true;
        break;
    }
    case R_MODE: {
        json_t *modes = json_object_get(e->cfg, "modes");
        static const char *defaults[] = {"auto", "off",      "cool",     "heat",
                                         "dry",  "fan_only", "heat_cool"};
        if (modes) {
            size_t i;
            json_t *m;
            json_array_foreach(modes, i, m) if (json_is_string(m) &&
                                                strcmp(json_string_value(m), v) == 0) ok = true;
        } else {
            for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
                if (strcmp(v, defaults[i]) == 0) ok = true;
        }
        if (ok) {
            *state = strdup(v);
            json_object_set_new(attrs, "hvac_mode", json_string(v));
        }
        break;
    }
    case R_TEMP:
    case R_CURTEMP:
        if (hd_parse_num(v, &d) && d > -100 && d < 200)
            ok = hd_set_num(attrs, b->role == R_TEMP ? "temperature" : "current_temperature", d,
                            false);
        break;
    case R_PCT: {
        double lo = hd_n(e, "speed_range_min", 1), hi = hd_n(e, "speed_range_max", 100);
        if (hd_parse_num(v, &d) && hi >= lo && d >= 0 && d <= hi) {
            /* Home Assistant's ranged_value_to_percentage */
            int pct = d < lo ? 0 : (int)((d - (lo - 1)) * 100 / (hi - lo + 1));
            ok = hd_set_num(attrs, "percentage", pct, true);
        }
        break;
    }
    case R_VOL:
        if (hd_parse_num(v, &d) && d >= 0 && d <= 1)
            ok = hd_set_num(attrs, "volume_level", d * 100, true);
        break;
    }
    free(v);
    return ok;
}

static int hd_available(const struct hd_entity *e)
{
    int any = 0, all = 1;
    for (size_t i = 0; i < e->n_avail; i++) {
        if (e->avail[i].state == 1) any = 1;
        if (e->avail[i].state != 1) all = 0;
    }
    return e->avail_mode == 1 ? all : any;
}

static void hd_on_state(struct hd *h, struct hd_topic *t, const char *topic, const void *payload,
                        size_t len)
{
    const struct hub_host_api *host = h->host;
    char *text = plug_payload_text(payload, len, PLUG_MAX_PAYLOAD);
    if (!text) {
        host->count_bad_input(host->host, len > PLUG_MAX_PAYLOAD ? "payload_too_large" : "bad_utf8",
                              topic);
        return;
    }
    json_t *json = len ? json_loadb(text, len, JSON_DECODE_ANY, NULL) : NULL;
    /* the entity list may change under us only through discovery, never here */
    for (size_t k = 0; k < t->n; k++) {
        struct hd_entity *e = t->ents[k];
        char *state = NULL;
        json_t *attrs = json_deep_copy(e->attrs);
        bool ok = true, avail_changed = false, touched = false;
        for (size_t i = 0; i < e->n_binds && ok; i++) {
            const struct hd_bind *b = &e->binds[i];
            if (strcmp(b->topic, topic) != 0) continue;
            char *s = NULL;
            struct hd_avail av = b->role == R_AVAIL ? e->avail[b->avail_idx] : (struct hd_avail){0};
            ok = hd_apply(e, b, text, json, &s, attrs, &av);
            if (ok && b->role == R_AVAIL) {
                e->avail[b->avail_idx].state = av.state;
                avail_changed = true; /* the host publishes only real changes */
            }
            if (b->role != R_AVAIL) touched = true;
            if (s) {
                free(state);
                state = s;
            }
        }
        if (!ok) {
            host->count_bad_input(host->host, "bad_value", topic);
            free(state);
            json_decref(attrs);
            continue;
        }
        if (avail_changed) {
            int a = 0;
            if (e->avail_mode == 0) {
                for (size_t i = 0; i < e->n_binds; i++)
                    if (e->binds[i].role == R_AVAIL && strcmp(e->binds[i].topic, topic) == 0)
                        a = e->avail[e->binds[i].avail_idx].state == 1;
            } else {
                a = hd_available(e);
            }
            host->set_available(host->host, e->id, a);
        }
        bool same =
            (!state || (e->state && strcmp(state, e->state) == 0)) && json_equal(attrs, e->attrs);
        if (touched && !same) {
            if (state) {
                free(e->state);
                e->state = state;
                state = NULL;
            }
            json_decref(e->attrs);
            e->attrs = attrs;
            attrs = NULL;
            if (e->state) {
                if (e->comp == H_SENSOR && hd_s(e, "unit_of_measurement", NULL))
                    json_object_set_new(e->attrs, "unit_of_measurement",
                                        json_string(hd_s(e, "unit_of_measurement", NULL)));
                plug_update_state(host, e->id, e->state, json_incref(e->attrs));
            }
        }
        free(state);
        json_decref(attrs);
    }
    json_decref(json);
    free(text);
}

static int hd_on_message(void *state, const char *topic, const void *payload, size_t len)
{
    struct hd *h = state;
    const struct hub_host_api *host = h->host;
    if (!topic) return HUB_OK;
    /* state topics first: a device may well publish its state under the discovery prefix */
    struct hd_topic *t = plug_map_get(h->by_topic, topic);
    if (t) {
        hd_on_state(h, t, topic, payload, len);
        return HUB_OK;
    }
    if (strncmp(topic, h->prefix, h->prefix_len) != 0 || topic[h->prefix_len] != '/') {
        host->count_bad_input(host->host, "unknown_device", topic);
        return HUB_OK;
    }
    /* <prefix>/<component>/[<node_id>/]<object_id>/config */
    const char *rest = topic + h->prefix_len + 1;
    const char *parts[5];
    size_t plen[5];
    int n = 0;
    for (const char *p = rest; n < 5;) {
        const char *s = strchr(p, '/');
        parts[n] = p;
        plen[n] = s ? (size_t)(s - p) : strlen(p);
        n++;
        if (!s) break;
        p = s + 1;
    }
    if ((n != 3 && n != 4) || plen[n - 1] != 6 || strncmp(parts[n - 1], "config", 6) != 0)
        return HUB_OK; /* <prefix>/status and the like */
    for (int i = 0; i < n; i++)
        if (plen[i] == 0) {
            host->count_bad_input(host->host, "bad_topic", topic);
            return HUB_OK;
        }
    int comp = -1;
    for (int i = 0; i < H_NCOMP; i++)
        if (strlen(hd_components[i]) == plen[0] &&
            strncmp(parts[0], hd_components[i], plen[0]) == 0)
            comp = i;
    if (comp < 0) return HUB_OK; /* number, select, button...: not entities the hub drives */
    char object_id[256];
    size_t ol = plen[n - 2];
    if (ol >= sizeof object_id) ol = sizeof object_id - 1;
    memcpy(object_id, parts[n - 2], ol);
    object_id[ol] = 0;
    hd_on_config(h, (enum hd_comp)comp, topic, object_id, payload, len);
    return HUB_OK;
}

/* ---- actions ---- */

static int hd_pub(struct hd *h, const struct hd_entity *e, const char *topic, const char *payload)
{
    if (!topic) return HUB_ERR_UNSUPPORTED;
    int qos = (int)hd_n(e, "qos", 1);
    return h->host->publish(h->host->host, topic, payload, strlen(payload),
                            qos < 0 || qos > 2 ? 1 : qos, hd_b(e, "retain", false));
}

/* Publish value (rendered through the command template key tplkey) on topic key. */
static int hd_pub_tpl(struct hd *h, const struct hd_entity *e, const char *topickey,
                      const char *tplkey, const char *value)
{
    const char *topic = hd_s(e, topickey, NULL);
    if (!topic) return HUB_ERR_UNSUPPORTED;
    /* red, green, blue... as Home Assistant offers them to colour command templates */
    char vals[5][24] = {{0}};
    double d[5];
    int n = hd_parse_list(value, d, 5);
    for (int i = 0; i < n && i < 5; i++)
        snprintf(vals[i], sizeof vals[i], "%.10g", d[i]);
    const char *vars[] = {"red",   vals[0], "green",      vals[1], "blue",       vals[2], "white",
                          vals[3], "hue",   vals[0],      "sat",   vals[1],      "x",     vals[0],
                          "y",     vals[1], "cold_white", vals[3], "warm_white", vals[4], NULL};
    char *p = hd_command_render(tplkey ? hd_s(e, tplkey, NULL) : NULL, value, vars);
    if (!p) return HUB_ERR_UNSUPPORTED;
    int rc = hd_pub(h, e, topic, p);
    free(p);
    return rc;
}

static int hd_light_json(struct hd *h, const struct hd_entity *e, bool on,
                         const struct plug_args *a)
{
    json_t *cmd = json_object();
    if (a && a->has_brightness && a->brightness == 0) on = false;
    json_object_set_new(cmd, "state", json_string(on ? "ON" : "OFF"));
    if (on && a) {
        if (a->has_brightness)
            json_object_set_new(
                cmd, "brightness",
                json_integer(plug_scale(a->brightness, 100, hd_n(e, "brightness_scale", 255))));
        if (a->has_kelvin)
            json_object_set_new(cmd, "color_temp",
                                json_integer(hd_b(e, "color_temp_kelvin", false)
                                                 ? a->kelvin
                                                 : plug_kelvin_to_mireds(a->kelvin)));
        if (a->has_rgb) {
            json_t *modes = json_object_get(e->cfg, "supported_color_modes");
            bool rgb = false, hs = false, xy = false;
            size_t i;
            json_t *m;
            json_array_foreach(modes, i, m)
            {
                const char *s = json_string_value(m);
                if (!s) continue;
                if (strncmp(s, "rgb", 3) == 0) rgb = true;
                if (strcmp(s, "hs") == 0) hs = true;
                if (strcmp(s, "xy") == 0) xy = true;
            }
            if (!modes && hd_b(e, "rgb", false)) rgb = true; /* the deprecated flags */
            double x, y;
            if (rgb) {
                json_object_set_new(
                    cmd, "color",
                    json_pack("{s:i,s:i,s:i}", "r", a->rgb[0], "g", a->rgb[1], "b", a->rgb[2]));
            } else if (hs) {
                plug_rgb_to_hs(a->rgb, &x, &y);
                json_object_set_new(cmd, "color", json_pack("{s:f,s:f}", "h", x, "s", y));
            } else if (xy) {
                plug_rgb_to_xy(a->rgb, &x, &y);
                json_object_set_new(cmd, "color", json_pack("{s:f,s:f}", "x", x, "y", y));
            } else {
                json_decref(cmd);
                return HUB_ERR_UNSUPPORTED;
            }
        }
    }
    char *p = plug_json_dump(cmd);
    json_decref(cmd);
    if (!p) return HUB_ERR_NOMEM;
    int rc = hd_pub(h, e, hd_s(e, "command_topic", NULL), p);
    free(p);
    return rc;
}

static int hd_light_on(struct hd *h, const struct hd_entity *e, const struct plug_args *a)
{
    const char *on = hd_s(e, "payload_on", "ON"), *off = hd_s(e, "payload_off", "OFF");
    if (a->has_brightness && a->brightness == 0)
        return hd_pub(h, e, hd_s(e, "command_topic", NULL), off);
    /* check everything first so that nothing is sent for an action the light cannot do */
    if (a->has_brightness && !hd_s(e, "brightness_command_topic", NULL)) return HUB_ERR_UNSUPPORTED;
    if (a->has_kelvin && !hd_s(e, "color_temp_command_topic", NULL)) return HUB_ERR_UNSUPPORTED;
    if (a->has_rgb && !hd_s(e, "rgb_command_topic", NULL) && !hd_s(e, "hs_command_topic", NULL) &&
        !hd_s(e, "xy_command_topic", NULL) && !hd_s(e, "rgbw_command_topic", NULL) &&
        !hd_s(e, "rgbww_command_topic", NULL))
        return HUB_ERR_UNSUPPORTED;
    const char *type = hd_s(e, "on_command_type", "last");
    int rc = HUB_OK;
    char buf[64];
    if (strcmp(type, "first") == 0) rc = hd_pub(h, e, hd_s(e, "command_topic", NULL), on);
    if (rc == HUB_OK && a->has_rgb) {
        double x, y;
        if (hd_s(e, "rgb_command_topic", NULL)) {
            snprintf(buf, sizeof buf, "%d,%d,%d", a->rgb[0], a->rgb[1], a->rgb[2]);
            rc = hd_pub_tpl(h, e, "rgb_command_topic", "rgb_command_template", buf);
        } else if (hd_s(e, "rgbw_command_topic", NULL)) { /* white channel off for a colour */
            snprintf(buf, sizeof buf, "%d,%d,%d,0", a->rgb[0], a->rgb[1], a->rgb[2]);
            rc = hd_pub_tpl(h, e, "rgbw_command_topic", "rgbw_command_template", buf);
        } else if (hd_s(e, "rgbww_command_topic", NULL)) {
            snprintf(buf, sizeof buf, "%d,%d,%d,0,0", a->rgb[0], a->rgb[1], a->rgb[2]);
            rc = hd_pub_tpl(h, e, "rgbww_command_topic", "rgbww_command_template", buf);
        } else if (hd_s(e, "hs_command_topic", NULL)) {
            plug_rgb_to_hs(a->rgb, &x, &y);
            snprintf(buf, sizeof buf, "%.10g,%.10g", x, y);
            rc = hd_pub_tpl(h, e, "hs_command_topic", "hs_command_template", buf);
        } else {
            plug_rgb_to_xy(a->rgb, &x, &y);
            snprintf(buf, sizeof buf, "%.10g,%.10g", x, y);
            rc = hd_pub_tpl(h, e, "xy_command_topic", "xy_command_template", buf);
        }
    }
    bool bri_sent = false;
    int bri = a->has_brightness ? a->brightness : -1;
    if (bri < 0 && strcmp(type, "brightness") == 0 && hd_s(e, "brightness_command_topic", NULL))
        bri = 100;
    if (rc == HUB_OK && bri >= 0) {
        int v = plug_scale(bri, 100, hd_n(e, "brightness_scale", 255));
        snprintf(buf, sizeof buf, "%d", v < 1 ? 1 : v);
        rc = hd_pub_tpl(h, e, "brightness_command_topic", "brightness_command_template", buf);
        bri_sent = true;
    }
    if (rc == HUB_OK && a->has_kelvin) {
        int v;
        if (hd_b(e, "color_temp_kelvin", false)) {
            v = a->kelvin;
        } else {
            v = plug_kelvin_to_mireds(a->kelvin);
            int lo = (int)hd_n(e, "min_mireds", 153), hi = (int)hd_n(e, "max_mireds", 500);
            v = v < lo ? lo : v > hi ? hi : v;
        }
        snprintf(buf, sizeof buf, "%d", v);
        rc = hd_pub_tpl(h, e, "color_temp_command_topic", "color_temp_command_template", buf);
    }
    if (rc == HUB_OK && strcmp(type, "last") == 0)
        rc = hd_pub(h, e, hd_s(e, "command_topic", NULL), on);
    if (rc == HUB_OK && strcmp(type, "brightness") == 0 && !bri_sent)
        rc = hd_pub(h, e, hd_s(e, "command_topic", NULL), on);
    return rc;
}

static bool hd_has_mode(const struct hd_entity *e, const char *mode)
{
    json_t *modes = json_object_get(e->cfg, "modes");
    if (!modes) {
        static const char *defaults[] = {"auto", "off", "cool", "heat", "dry", "fan_only"};
        for (size_t i = 0; i < 6; i++)
            if (strcmp(mode, defaults[i]) == 0) return true;
        return false;
    }
    size_t i;
    json_t *m;
    json_array_foreach(modes, i, m) if (json_is_string(m) &&
                                        strcmp(json_string_value(m), mode) == 0) return true;
    return false;
}

static int hd_position(struct hd *h, const struct hd_entity *e, int pct, const char *topickey,
                       const char *tplkey)
{
    double po = hd_n(e, "position_open", 100), pc = hd_n(e, "position_closed", 0);
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", lround(pc + (po - pc) * pct / 100.0));
    return hd_pub_tpl(h, e, topickey, tplkey, buf);
}

static int hd_do(struct hd *h, const struct hd_entity *e, const char *action,
                 const struct plug_args *a)
{
    bool on = strcmp(action, "turn_on") == 0, off = strcmp(action, "turn_off") == 0;
    const char *cmd_t = hd_s(e, "command_topic", NULL);
    char buf[64];
    switch (e->comp) {
    case H_LIGHT:
        if (e->json_schema && (on || off)) return hd_light_json(h, e, on, a);
        if (on) return hd_light_on(h, e, a);
        if (off) return hd_pub(h, e, cmd_t, hd_s(e, "payload_off", "OFF"));
        return HUB_ERR_UNSUPPORTED;
    case H_SWITCH:
        if (on || off)
            return hd_pub(h, e, cmd_t,
                          hd_s(e, on ? "payload_on" : "payload_off", on ? "ON" : "OFF"));
        return HUB_ERR_UNSUPPORTED;
    case H_COVER:
    case H_VALVE: {
        bool valve = e->comp == H_VALVE;
        if (strcmp(action, "open") == 0 || on) {
            if (valve && hd_b(e, "reports_position", false) && !hd_s(e, "payload_open", NULL))
                return hd_position(h, e, 100, "command_topic", "value_template");
            return hd_pub(h, e, cmd_t,
                          hd_s(e, "payload_open", "OPEN") ? hd_s(e, "payload_open", "OPEN") : "");
        }
        if (strcmp(action, "close") == 0 || off) {
            if (valve && hd_b(e, "reports_position", false) && !hd_s(e, "payload_close", NULL))
                return hd_position(h, e, 0, "command_topic", "value_template");
            return hd_pub(h, e, cmd_t,
                          hd_s(e, "payload_close", "CLOSE") ? hd_s(e, "payload_close", "CLOSE")
                                                            : "");
        }
        if (strcmp(action, "stop") == 0) {
            const char *p = hd_s(e, "payload_stop", valve ? NULL : "STOP");
            return p ? hd_pub(h, e, cmd_t, p) : HUB_ERR_UNSUPPORTED;
        }
        if (strcmp(action, "set_position") == 0) {
            if (!a->has_position) return HUB_ERR_INVALID;
            if (valve) {
                if (!hd_b(e, "reports_position", false)) return HUB_ERR_UNSUPPORTED;
                return hd_position(h, e, a->position, "command_topic", NULL);
            }
            return hd_position(h, e, a->position, "set_position_topic", "set_position_template");
        }
        return HUB_ERR_UNSUPPORTED;
    }
    case H_LOCK:
        if (strcmp(action, "lock") == 0)
            return hd_pub(h, e, cmd_t, hd_s(e, "payload_lock", "LOCK"));
        if (strcmp(action, "unlock") == 0)
            return hd_pub(h, e, cmd_t, hd_s(e, "payload_unlock", "UNLOCK"));
        if (strcmp(action, "open") == 0 && hd_s(e, "payload_open", NULL))
            return hd_pub(h, e, cmd_t, hd_s(e, "payload_open", NULL));
        return HUB_ERR_UNSUPPORTED;
    case H_CLIMATE: {
        if (strcmp(action, "set_temperature") == 0) {
            if (!a->has_temperature) return HUB_ERR_INVALID;
            double step = hd_n(e, "temp_step", 1);
            double t = step > 0 ? round(a->temperature / step) * step : a->temperature;
            if (t < hd_n(e, "min_temp", 7) || t > hd_n(e, "max_temp", 35)) return HUB_ERR_RANGE;
            if (a->hvac_mode) {
                if (!hd_has_mode(e, a->hvac_mode)) return HUB_ERR_UNSUPPORTED;
                int rc =
                    hd_pub_tpl(h, e, "mode_command_topic", "mode_command_template", a->hvac_mode);
                if (rc != HUB_OK) return rc;
            }
            snprintf(buf, sizeof buf, "%.10g", t);
            return hd_pub_tpl(h, e, "temperature_command_topic", "temperature_command_template",
                              buf);
        }
        const char *mode = NULL;
        if (strcmp(action, "set_hvac_mode") == 0) {
            if (!a->hvac_mode) return HUB_ERR_INVALID;
            mode = a->hvac_mode;
        } else if (off || on) {
            if (hd_s(e, "power_command_topic", NULL))
                return hd_pub_tpl(h, e, "power_command_topic", "power_command_template",
                                  hd_s(e, on ? "payload_on" : "payload_off", on ? "ON" : "OFF"));
            mode = off                      ? "off"
                   : hd_has_mode(e, "heat") ? "heat"
                   : hd_has_mode(e, "auto") ? "auto"
                                            : NULL;
        } else {
            return HUB_ERR_UNSUPPORTED;
        }
        if (!mode || !hd_has_mode(e, mode)) return HUB_ERR_UNSUPPORTED;
        return hd_pub_tpl(h, e, "mode_command_topic", "mode_command_template", mode);
    }
    case H_FAN: {
        bool set = strcmp(action, "set_percentage") == 0;
        if (set || (on && a->has_percentage)) {
            if (!a->has_percentage) return HUB_ERR_INVALID;
            if (!hd_s(e, "percentage_command_topic", NULL)) return HUB_ERR_UNSUPPORTED;
            double lo = hd_n(e, "speed_range_min", 1), hi = hd_n(e, "speed_range_max", 100);
            if (hi < lo) return HUB_ERR_UNSUPPORTED;
            int rc = HUB_OK;
            if (on) rc = hd_pub(h, e, cmd_t, hd_s(e, "payload_on", "ON"));
            /* Home Assistant's percentage_to_ranged_value, rounded up */
            double v =
                a->percentage == 0 ? 0 : ceil((lo - 1) + (hi - lo + 1) * a->percentage / 100.0);
            snprintf(buf, sizeof buf, "%.0f", v);
            if (rc == HUB_OK)
                rc = hd_pub_tpl(h, e, "percentage_command_topic", "percentage_command_template",
                                buf);
            return rc;
        }
        if (on || off)
            return hd_pub(h, e, cmd_t,
                          hd_s(e, on ? "payload_on" : "payload_off", on ? "ON" : "OFF"));
        return HUB_ERR_UNSUPPORTED;
    }
    case H_VACUUM: {
        /* plugin.h's vacuum actions (turn_on/turn_off and media_pause as their synonyms), each
         * sent only when the config's supported_features lists it */
        const char *feat, *key, *def;
        if (on || strcmp(action, "start") == 0)
            feat = "start", key = "payload_start", def = "start";
        else if (off || strcmp(action, "return_to_base") == 0)
            feat = "return_home", key = "payload_return_to_base", def = "return_to_base";
        else if (strcmp(action, "stop") == 0)
            feat = "stop", key = "payload_stop", def = "stop";
        else if (strcmp(action, "pause") == 0 || strcmp(action, "media_pause") == 0)
            feat = "pause", key = "payload_pause", def = "pause";
        else
            return HUB_ERR_UNSUPPORTED;
        if (!hd_vacuum_has(e, feat)) return HUB_ERR_UNSUPPORTED;
        return hd_pub(h, e, cmd_t, hd_s(e, key, def));
    }
    case H_MEDIA: {
        static const char *const map[][2] = {
            {"media_play", "PLAY"}, {"media_pause", "PAUSE"},       {"media_stop", "STOP"},
            {"media_next", "NEXT"}, {"media_previous", "PREVIOUS"}, {"turn_on", "ON"},
            {"turn_off", "OFF"}};
        for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
            if (strcmp(action, map[i][0]) == 0) return hd_pub(h, e, cmd_t, map[i][1]);
        if (strcmp(action, "volume_set") == 0) {
            if (!a->has_volume) return HUB_ERR_INVALID;
            snprintf(buf, sizeof buf, "%.2f", a->volume / 100.0);
            return hd_pub_tpl(h, e, "volume_command_topic", NULL, buf);
        }
        return HUB_ERR_UNSUPPORTED;
    }
    default: return HUB_ERR_UNSUPPORTED;
    }
}

/* Devices without a state topic (or configured "optimistic") never report back: as Home
 * Assistant does, assume the command took effect and report that state ourselves. */
static void hd_optimistic(struct hd *h, struct hd_entity *e, const char *action,
                          const struct plug_args *a)
{
    bool on = strcmp(action, "turn_on") == 0, off = strcmp(action, "turn_off") == 0;
    const char *state = NULL;
    json_t *attrs = json_deep_copy(e->attrs);
    bool opt = hd_b(e, "optimistic", !hd_s(e, "state_topic", NULL));
    switch (e->comp) {
    case H_LIGHT:
        if (a->has_brightness && !hd_s(e, "brightness_state_topic", NULL) && a->brightness > 0)
            json_object_set_new(attrs, "brightness", json_integer(a->brightness));
        if (on && a->has_brightness && a->brightness == 0) on = false, off = true;
        /* fall through */
    case H_SWITCH:
    case H_FAN:
        if (opt && (on || off)) state = on ? "on" : "off";
        break;
    case H_LOCK:
        if (opt && strcmp(action, "lock") == 0) state = "locked";
        if (opt && strcmp(action, "unlock") == 0) state = "unlocked";
        break;
    case H_COVER:
        opt = hd_b(e, "optimistic",
                   !hd_s(e, "state_topic", NULL) && !hd_s(e, "position_topic", NULL));
        if (opt && (strcmp(action, "open") == 0 || on)) state = "open";
        if (opt && (strcmp(action, "close") == 0 || off)) state = "closed";
        if (opt && strcmp(action, "set_position") == 0) {
            state = a->position > 0 ? "open" : "closed";
            json_object_set_new(attrs, "position", json_integer(a->position));
        }
        break;
    case H_CLIMATE:
        if (a->hvac_mode && !hd_s(e, "mode_state_topic", NULL)) state = a->hvac_mode;
        if (off && !hd_s(e, "mode_state_topic", NULL) && hd_has_mode(e, "off")) state = "off";
        if (a->has_temperature && !hd_s(e, "temperature_state_topic", NULL)) {
            double step = hd_n(e, "temp_step", 1);
            json_object_set_new(
                attrs, "temperature",
                json_real(step > 0 ? round(a->temperature / step) * step : a->temperature));
            if (!state && !e->state) state = hd_has_mode(e, "heat") ? "heat" : "auto";
        }
        if (state) json_object_set_new(attrs, "hvac_mode", json_string(state));
        break;
    default: break;
    }
    if (!state && !json_equal(attrs, e->attrs) && e->state) state = e->state;
    if (state && (!e->state || strcmp(state, e->state) != 0 || !json_equal(attrs, e->attrs))) {
        char *ns = strdup(state);
        if (ns) {
            free(e->state);
            e->state = ns;
            json_decref(e->attrs);
            e->attrs = attrs;
            attrs = NULL;
            plug_update_state(h->host, e->id, e->state, json_incref(e->attrs));
        }
    }
    json_decref(attrs);
}

static int hd_execute(void *state, const char *entity_id, const char *action, const char *args_json)
{
    struct hd *h = state;
    struct hd_entity *e = plug_map_get(h->by_id, entity_id);
    if (!e) return HUB_ERR_NOT_FOUND;
    if (!action) return HUB_ERR_INVALID;
    struct plug_args a;
    int rc = plug_args_parse(args_json, &a);
    if (rc != HUB_OK) return rc;
    rc = hd_do(h, e, action, &a);
    if (rc == HUB_OK) hd_optimistic(h, e, action, &a);
    plug_args_free(&a);
    return rc;
}

/* ---- lifecycle ---- */

static void hd_shutdown(void *state)
{
    struct hd *h = state;
    if (!h) return;
    const char *key;
    struct hd_entity *e;
    while (h->by_disc && (e = plug_map_first(h->by_disc, &key)))
        hd_remove(h, e, false);
    plug_map_free(h->by_disc);
    plug_map_free(h->by_id);
    plug_map_free(h->by_topic); /* empty: every entity unbound itself */
    plug_map_free(h->subscribed);
    json_decref(h->area_map);
    free(h);
}

static int hd_init(const struct hub_host_api *host, void **state)
{
    if (!host || host->struct_size < sizeof *host) return HUB_ERR_VERSION;
    struct hd *h = calloc(1, sizeof *h);
    if (!h) return HUB_ERR_NOMEM;
    h->host = host;
    const char *prefix = host->config_get(host->host, "discovery_prefix");
    if (!prefix || !*prefix) prefix = "homeassistant";
    if (strlen(prefix) >= sizeof h->prefix || strpbrk(prefix, "+#")) {
        host->log(host->host, HUB_LOG_ERROR, "discovery_prefix \"%s\" is not a topic prefix",
                  prefix);
        free(h);
        return HUB_ERR_CONFIG;
    }
    snprintf(h->prefix, sizeof h->prefix, "%s", prefix);
    h->prefix_len = strlen(h->prefix);
    const char *areas = host->config_get(host->host, "areas");
    if (areas && *areas) {
        json_error_t err;
        h->area_map = json_loads(areas, 0, &err);
        if (!json_is_object(h->area_map)) {
            host->log(host->host, HUB_LOG_ERROR, "areas: not a JSON object: %s", err.text);
            json_decref(h->area_map);
            free(h);
            return HUB_ERR_CONFIG;
        }
    }
    h->by_disc = plug_map_new();
    h->by_id = plug_map_new();
    h->by_topic = plug_map_new();
    h->subscribed = plug_map_new();
    if (!h->by_disc || !h->by_id || !h->by_topic || !h->subscribed) {
        hd_shutdown(h);
        return HUB_ERR_NOMEM;
    }
    char filter[160];
    int rc = HUB_OK;
    for (int i = 0; i < H_NCOMP && rc == HUB_OK; i++) {
        /* both topic shapes: with and without a node id */
        snprintf(filter, sizeof filter, "%s/%s/+/config", h->prefix, hd_components[i]);
        rc = host->subscribe(host->host, filter, 1);
        snprintf(filter, sizeof filter, "%s/%s/+/+/config", h->prefix, hd_components[i]);
        if (rc == HUB_OK) rc = host->subscribe(host->host, filter, 1);
    }
    if (rc != HUB_OK) {
        host->log(host->host, HUB_LOG_ERROR, "cannot subscribe to %s: status %d", filter, rc);
        hd_shutdown(h);
        return rc;
    }
    *state = h;
    return HUB_OK;
}

static const struct hub_plugin hd_plugin = {
    .abi_version = HUB_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(struct hub_plugin),
    .name = "ha_discovery",
    .version = "1.0",
    .init = hd_init,
    .on_message = hd_on_message,
    .execute = hd_execute,
    .shutdown = hd_shutdown,
};

__attribute__((visibility("default"))) const struct hub_plugin *
hub_plugin_describe(int n_versions, const int *host_versions)
{
    for (int i = 0; i < n_versions && host_versions; i++)
        if (host_versions[i] == HUB_PLUGIN_ABI_VERSION) return &hd_plugin;
    return NULL;
}

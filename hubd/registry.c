/*
 * registry.c: entities, areas and floors of the hub, written through to the SQLite store.
 *
 * A house file (INTENTS.md fixture format) gives floors, areas and per-entity names, aliases
 * and areas; those win over what a plugin suggests, since a person wrote them. Everything a
 * plugin hands in is validated here (id syntax, domain, JSON of capabilities), because a
 * plugin's input comes from devices on the network.
 */
#include "hubd/registry.h"

#include "hub_log.h"
#include "hub_status.h"
#include "hubd/map.h"
#include "hubd/store.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TAG "registry"
#define REG_MAX_NAME 200

struct hub_floor {
    char *name;
    int level;
    json_t *aliases; /* array of strings ("upstairs"), never NULL */
};

struct hub_registry {
    struct hub_store *store;
    struct hub_map *entities; /* id -> struct hub_entity */
    struct hub_map *areas;    /* name -> struct hub_area */
    struct hub_map *floors;   /* name -> struct hub_floor */
    struct hub_map *house;    /* id or "domain|lower name" -> json_t record from the house file */
};

static const char *const reg_domains[] = {"light", "switch", "fan", "cover", "lock", "climate",
                                          "media_player", "sensor", "binary_sensor", "valve",
                                          "vacuum", NULL};

static void entity_free(void *p)
{
    struct hub_entity *e = p;
    if (!e) return;
    free(e->id);
    free(e->domain);
    free(e->name);
    json_decref(e->aliases);
    free(e->area);
    free(e->device_class);
    json_decref(e->capabilities);
    free(e->unit);
    free(e->plugin);
    free(e);
}

static void area_free(void *p)
{
    struct hub_area *a = p;
    if (!a) return;
    free(a->name);
    free(a->floor);
    json_decref(a->aliases);
    free(a);
}

static void floor_free(void *p)
{
    struct hub_floor *f = p;
    if (!f) return;
    free(f->name);
    json_decref(f->aliases);
    free(f);
}

static void house_free(void *p) { json_decref(p); }

struct hub_registry *hub_registry_new(struct hub_store *store)
{
    struct hub_registry *reg = calloc(1, sizeof *reg);
    if (!reg) return NULL;
    reg->store = store;
    reg->entities = hub_map_new();
    reg->areas = hub_map_new();
    reg->floors = hub_map_new();
    reg->house = hub_map_new();
    if (!reg->entities || !reg->areas || !reg->floors || !reg->house) {
        hub_registry_free(reg);
        return NULL;
    }
    return reg;
}

void hub_registry_free(struct hub_registry *reg)
{
    if (!reg) return;
    hub_map_free(reg->entities, entity_free);
    hub_map_free(reg->areas, area_free);
    hub_map_free(reg->floors, floor_free);
    hub_map_free(reg->house, house_free);
    free(reg);
}

bool hub_registry_valid_entity_id(const char *id)
{
    if (!id) return false;
    const char *dot = strchr(id, '.');
    if (!dot) return false;
    size_t dlen = (size_t)(dot - id);
    bool known = false;
    for (int i = 0; reg_domains[i]; i++)
        if (strlen(reg_domains[i]) == dlen && memcmp(reg_domains[i], id, dlen) == 0) known = true;
    if (!known) return false;
    const char *o = dot + 1;
    size_t n = strlen(o);
    if (n == 0 || n > 128) return false;
    for (; *o; o++)
        if (!((*o >= 'a' && *o <= 'z') || (*o >= '0' && *o <= '9') || *o == '_')) return false;
    return true;
}

/* Names shown to people: non-empty, bounded, no control characters. */
static bool reg_valid_name(const char *s)
{
    if (!s || !*s || strlen(s) > REG_MAX_NAME) return false;
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return false;
    return true;
}

static int reg_set(char **slot, const char *v, bool *changed)
{
    if ((*slot == NULL && v == NULL) || (*slot && v && strcmp(*slot, v) == 0)) return HUB_OK;
    char *copy = NULL;
    if (v && !(copy = strdup(v))) return HUB_ERR_NOMEM;
    free(*slot);
    *slot = copy;
    if (changed) *changed = true;
    return HUB_OK;
}

json_t *hub_registry_entity_json(const struct hub_registry *reg, const struct hub_entity *e)
{
    const char *floor = hub_registry_entity_floor(reg, e);
    return json_pack("{s:s, s:s, s:O, s:s?, s:s?, s:s?, s:O, s:s?, s:s?, s:b}", "name", e->name,
                     "domain", e->domain, "aliases", e->aliases, "area", e->area, "floor", floor,
                     "device_class", e->device_class, "capabilities", e->capabilities, "unit",
                     e->unit, "plugin", e->plugin, "available", e->available);
}

static int reg_persist_entity(struct hub_registry *reg, const struct hub_entity *e)
{
    if (!reg->store) return HUB_OK;
    json_t *j = hub_registry_entity_json(reg, e);
    char *s = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
    json_decref(j);
    if (!s) return HUB_ERR_NOMEM;
    int rc = hub_store_entity_put(reg->store, e->id, s);
    free(s);
    if (rc) hub_error(TAG, "cannot save entity %s: %s", e->id, hub_strerror(rc));
    return rc;
}

int hub_registry_floor_put(struct hub_registry *reg, const char *name, int level,
                           json_t *aliases)
{
    if (!reg_valid_name(name)) return HUB_ERR_INVALID;
    if (aliases && !json_is_array(aliases)) return HUB_ERR_INVALID;
    struct hub_floor *f = hub_map_get(reg->floors, name);
    if (f && f->level == level && (!aliases || json_equal(aliases, f->aliases))) return HUB_OK;
    if (!f) {
        f = calloc(1, sizeof *f);
        if (!f || !(f->name = strdup(name)) || !(f->aliases = json_array())) {
            floor_free(f);
            return HUB_ERR_NOMEM;
        }
        if (hub_map_put(reg->floors, name, f, NULL)) {
            floor_free(f);
            return HUB_ERR_NOMEM;
        }
    }
    f->level = level;
    if (aliases && !json_equal(aliases, f->aliases)) {
        json_decref(f->aliases);
        if (!(f->aliases = json_deep_copy(aliases))) {
            f->aliases = json_array();
            return HUB_ERR_NOMEM;
        }
    }
    if (!reg->store) return HUB_OK;
    char *al = json_dumps(f->aliases, JSON_COMPACT | JSON_REAL_PRECISION(10));
    if (!al) return HUB_ERR_NOMEM;
    int rc = hub_store_floor_put(reg->store, name, level, al);
    free(al);
    return rc;
}

int hub_registry_area_put(struct hub_registry *reg, const char *name, const char *floor,
                          json_t *aliases)
{
    if (!reg_valid_name(name) || (floor && !reg_valid_name(floor))) return HUB_ERR_INVALID;
    if (aliases && !json_is_array(aliases)) return HUB_ERR_INVALID;
    struct hub_area *a = hub_map_get(reg->areas, name);
    bool changed = false;
    if (!a) {
        a = calloc(1, sizeof *a);
        if (!a || !(a->name = strdup(name)) || !(a->aliases = json_array())) {
            area_free(a);
            return HUB_ERR_NOMEM;
        }
        if (hub_map_put(reg->areas, name, a, NULL)) {
            area_free(a);
            return HUB_ERR_NOMEM;
        }
        changed = true;
    }
    if (floor && reg_set(&a->floor, floor, &changed)) return HUB_ERR_NOMEM;
    if (floor && !hub_map_get(reg->floors, floor)) {
        int rc = hub_registry_floor_put(reg, floor, (int)hub_map_count(reg->floors), NULL);
        if (rc) return rc;
    }
    if (aliases && !json_equal(aliases, a->aliases)) {
        json_decref(a->aliases);
        a->aliases = json_deep_copy(aliases);
        if (!a->aliases) return HUB_ERR_NOMEM;
        changed = true;
    }
    if (changed && reg->store) {
        char *al = json_dumps(a->aliases, JSON_COMPACT | JSON_REAL_PRECISION(10));
        if (!al) return HUB_ERR_NOMEM;
        int rc = hub_store_area_put(reg->store, a->name, a->floor, al);
        free(al);
        if (rc) hub_error(TAG, "cannot save area %s: %s", name, hub_strerror(rc));
        return rc;
    }
    return HUB_OK;
}

json_t *hub_registry_aliases(const char *aliases_json)
{
    json_t *al = aliases_json ? json_loads(aliases_json, 0, NULL) : NULL;
    if (json_is_array(al)) return al;
    json_decref(al);
    return json_array();
}

const struct hub_area *hub_registry_area_get(const struct hub_registry *reg, const char *name)
{
    return name ? hub_map_get(reg->areas, name) : NULL;
}

const char *hub_registry_entity_floor(const struct hub_registry *reg, const struct hub_entity *e)
{
    const struct hub_area *a = hub_registry_area_get(reg, e->area);
    return a ? a->floor : NULL;
}

static void reg_house_key(char *buf, size_t len, const char *domain, const char *name)
{
    size_t n = (size_t)snprintf(buf, len, "%s|", domain);
    for (const char *s = name; *s && n + 1 < len; s++) buf[n++] = (char)tolower((unsigned char)*s);
    buf[n < len ? n : len - 1] = '\0';
}

/* "domain.object_id" from a human name: lower case, runs of other characters become one '_'. */
static bool reg_slug_id(char *buf, size_t len, const char *domain, const char *name)
{
    int n = snprintf(buf, len, "%s.", domain);
    if (n < 0 || (size_t)n >= len) return false;
    size_t o = (size_t)n, start = o;
    for (const char *c = name; *c && o + 2 < len; c++) {
        unsigned char ch = (unsigned char)*c;
        if (isalnum(ch) && ch < 0x80) buf[o++] = (char)tolower(ch);
        else if (o > start && buf[o - 1] != '_') buf[o++] = '_';
    }
    while (o > start && buf[o - 1] == '_') o--;
    buf[o] = '\0';
    return o > start;
}

static json_t *reg_house_match(struct hub_registry *reg, const char *id, const char *name)
{
    json_t *h = hub_map_get(reg->house, id);
    if (h || !name) return h;
    char key[300], domain[32];
    const char *dot = strchr(id, '.');
    size_t dl = dot ? (size_t)(dot - id) : 0;
    if (dl == 0 || dl >= sizeof domain) return NULL;
    memcpy(domain, id, dl);
    domain[dl] = '\0';
    reg_house_key(key, sizeof key, domain, name);
    return hub_map_get(reg->house, key);
}

struct prefix_ctx {
    const char *domain, *name;
    size_t best_len;
    const char *area;
};

static int prefix_cb(void *ud, const char *key, void *value)
{
    struct prefix_ctx *c = ud;
    json_t *h = value;
    const char *dom = json_string_value(json_object_get(h, "domain"));
    const char *hn = json_string_value(json_object_get(h, "name"));
    const char *area = json_string_value(json_object_get(h, "area"));
    if (!dom || !hn || !area || strcmp(dom, c->domain) != 0) return 0;
    size_t n = strlen(hn);
    if (n > c->best_len && strncasecmp(hn, c->name, n) == 0 && c->name[n] == ' ') {
        c->best_len = n;
        c->area = area;
    }
    return 0;
}

/* A plugin often names an entity after its device plus a feature ("Front Door Contact" for
 * the house's "Front Door"): such an entity is in its device's area. */
static const char *reg_house_prefix_area(struct hub_registry *reg, const char *domain,
                                         const char *name)
{
    struct prefix_ctx c = {domain, name, 0, NULL};
    hub_map_foreach(reg->house, prefix_cb, &c);
    return c.area;
}

int hub_registry_upsert(struct hub_registry *reg, const char *plugin,
                        const struct hub_entity_desc *d, bool *changed_out)
{
    bool changed = false;
    if (!d || !hub_registry_valid_entity_id(d->entity_id)) return HUB_ERR_INVALID;
    if (d->name && !reg_valid_name(d->name)) return HUB_ERR_INVALID;
    if (d->area && !reg_valid_name(d->area)) return HUB_ERR_INVALID;
    if (d->device_class && !reg_valid_name(d->device_class)) return HUB_ERR_INVALID;
    if (d->unit && strlen(d->unit) > 32) return HUB_ERR_INVALID;
    json_t *caps = NULL;
    if (d->capabilities_json && *d->capabilities_json) {
        json_error_t jerr;
        caps = json_loads(d->capabilities_json, JSON_REJECT_DUPLICATES, &jerr);
        if (!caps || !json_is_object(caps)) {
            json_decref(caps);
            return HUB_ERR_INVALID;
        }
    } else if (!(caps = json_object())) {
        return HUB_ERR_NOMEM;
    }

    struct hub_entity *e = hub_map_get(reg->entities, d->entity_id);
    if (e && e->plugin && plugin && strcmp(e->plugin, plugin) != 0) {
        json_decref(caps);
        return HUB_ERR_EXISTS;
    }
    bool fresh = !e;
    if (!e) {
        e = calloc(1, sizeof *e);
        const char *dot = strchr(d->entity_id, '.');
        if (!e || !(e->id = strdup(d->entity_id)) ||
            !(e->domain = strndup(d->entity_id, (size_t)(dot - d->entity_id))) ||
            !(e->aliases = json_array())) {
            entity_free(e);
            json_decref(caps);
            return HUB_ERR_NOMEM;
        }
        e->capabilities = json_object();
        e->available = true;
        if (!e->capabilities || hub_map_put(reg->entities, e->id, e, NULL)) {
            entity_free(e);
            json_decref(caps);
            return HUB_ERR_NOMEM;
        }
        changed = true;
    }
    int rc = HUB_OK;
    /* The name: the house file's, else the plugin's, else the object id. */
    json_t *house = reg_house_match(reg, d->entity_id, d->name);
    const char *name = house ? json_string_value(json_object_get(house, "name")) : NULL;
    if (!name) name = d->name;
    if (!name && fresh) name = strchr(d->entity_id, '.') + 1;
    if (name) rc |= reg_set(&e->name, name, &changed);
    const char *harea = house ? json_string_value(json_object_get(house, "area")) : NULL;
    if (!harea && !d->area && fresh && d->name) harea = reg_house_prefix_area(reg, e->domain, d->name);
    if (harea) rc |= reg_set(&e->area, harea, &changed);
    else if (d->area && (fresh || !e->area)) rc |= reg_set(&e->area, d->area, &changed);
    json_t *hal = house ? json_object_get(house, "aliases") : NULL;
    if (json_is_array(hal) && !json_equal(hal, e->aliases)) {
        json_decref(e->aliases);
        e->aliases = json_deep_copy(hal);
        changed = true;
        if (!e->aliases) rc = HUB_ERR_NOMEM;
    }
    rc |= reg_set(&e->device_class, d->device_class, &changed);
    rc |= reg_set(&e->unit, d->unit, &changed);
    if (plugin) rc |= reg_set(&e->plugin, plugin, &changed);
    if (!json_equal(caps, e->capabilities)) {
        json_decref(e->capabilities);
        e->capabilities = caps;
        caps = NULL;
        changed = true;
    }
    json_decref(caps);
    if (rc) return HUB_ERR_NOMEM;
    if (e->area && !hub_map_get(reg->areas, e->area)) {
        rc = hub_registry_area_put(reg, e->area, NULL, NULL);
        if (rc) return rc;
    }
    if (changed) {
        if (fresh) hub_info(TAG, "new entity %s \"%s\" (%s)", e->id, e->name, plugin ? plugin : "-");
        rc = reg_persist_entity(reg, e);
    }
    if (changed_out) *changed_out = changed;
    return rc;
}

int hub_registry_remove(struct hub_registry *reg, const char *plugin, const char *entity_id)
{
    struct hub_entity *e = entity_id ? hub_map_get(reg->entities, entity_id) : NULL;
    if (!e) return HUB_ERR_NOT_FOUND;
    if (plugin && e->plugin && strcmp(plugin, e->plugin) != 0) return HUB_ERR_EXISTS;
    hub_map_remove(reg->entities, entity_id);
    int rc = HUB_OK;
    if (reg->store) rc = hub_store_entity_delete(reg->store, e->id);
    hub_info(TAG, "removed entity %s", e->id);
    entity_free(e);
    return rc;
}

int hub_registry_set_available(struct hub_registry *reg, const char *entity_id, bool available)
{
    struct hub_entity *e = entity_id ? hub_map_get(reg->entities, entity_id) : NULL;
    if (!e) return HUB_ERR_NOT_FOUND;
    if (e->available == available) return HUB_OK;
    e->available = available;
    return reg_persist_entity(reg, e);
}

const struct hub_entity *hub_registry_get(const struct hub_registry *reg, const char *entity_id)
{
    return entity_id ? hub_map_get(reg->entities, entity_id) : NULL;
}

size_t hub_registry_count(const struct hub_registry *reg) { return hub_map_count(reg->entities); }
size_t hub_registry_area_count(const struct hub_registry *reg) { return hub_map_count(reg->areas); }
size_t hub_registry_floor_count(const struct hub_registry *reg)
{
    return hub_map_count(reg->floors);
}

struct reg_foreach_ctx {
    int (*cb)(void *ud, const struct hub_entity *e);
    void *ud;
};

static int reg_foreach_thunk(void *ud, const char *key, void *value)
{
    struct reg_foreach_ctx *c = ud;
    return c->cb(c->ud, value);
}

int hub_registry_foreach(const struct hub_registry *reg,
                         int (*cb)(void *ud, const struct hub_entity *e), void *ud)
{
    struct reg_foreach_ctx c = {cb, ud};
    return hub_map_foreach(reg->entities, reg_foreach_thunk, &c);
}

/* ---- loading from the store ---- */

static int reg_load_floor(void *ud, const char *name, int level, const char *aliases_json)
{
    struct hub_registry *reg = ud;
    json_t *al = hub_registry_aliases(aliases_json);
    struct hub_store *st = reg->store;
    reg->store = NULL; /* do not write back what we just read */
    int rc = hub_registry_floor_put(reg, name, level, al);
    reg->store = st;
    json_decref(al);
    if (rc) hub_warn(TAG, "stored floor '%s' ignored: %s", name ? name : "", hub_strerror(rc));
    return 0;
}

static int reg_load_area(void *ud, const char *name, const char *floor, const char *aliases_json)
{
    struct hub_registry *reg = ud;
    json_t *al = hub_registry_aliases(aliases_json);
    struct hub_store *st = reg->store;
    reg->store = NULL;
    int rc = hub_registry_area_put(reg, name, floor, al);
    reg->store = st;
    json_decref(al);
    if (rc) hub_warn(TAG, "stored area '%s' ignored: %s", name ? name : "", hub_strerror(rc));
    return 0;
}

static int reg_load_entity(void *ud, const char *entity_id, const char *record_json)
{
    struct hub_registry *reg = ud;
    json_error_t jerr;
    json_t *r = record_json ? json_loads(record_json, 0, &jerr) : NULL;
    if (!json_is_object(r)) {
        hub_warn(TAG, "stored entity %s has an unreadable record; ignored", entity_id);
        json_decref(r);
        return 0;
    }
    json_t *caps = json_object_get(r, "capabilities");
    char *caps_s = json_is_object(caps)
                       ? json_dumps(caps, JSON_COMPACT | JSON_REAL_PRECISION(10))
                       : NULL;
    struct hub_entity_desc d = {
        .struct_size = sizeof d,
        .entity_id = entity_id,
        .name = json_string_value(json_object_get(r, "name")),
        .area = json_string_value(json_object_get(r, "area")),
        .device_class = json_string_value(json_object_get(r, "device_class")),
        .capabilities_json = caps_s,
        .unit = json_string_value(json_object_get(r, "unit")),
    };
    struct hub_store *st = reg->store;
    reg->store = NULL;
    int rc = hub_registry_upsert(reg, json_string_value(json_object_get(r, "plugin")), &d, NULL);
    if (rc == HUB_OK) {
        struct hub_entity *e = hub_map_get(reg->entities, entity_id);
        json_t *al = json_object_get(r, "aliases");
        if (json_is_array(al)) {
            json_decref(e->aliases);
            e->aliases = json_deep_copy(al);
            if (!e->aliases) e->aliases = json_array();
        }
        json_t *av = json_object_get(r, "available");
        e->available = json_is_boolean(av) ? json_is_true(av) : true;
    }
    reg->store = st;
    free(caps_s);
    json_decref(r);
    if (rc) hub_warn(TAG, "stored entity %s ignored: %s", entity_id, hub_strerror(rc));
    return 0;
}

int hub_registry_load(struct hub_registry *reg, char *err, size_t errlen)
{
    if (!reg->store) return HUB_OK;
    int rc = hub_store_floor_foreach(reg->store, reg_load_floor, reg);
    if (!rc) rc = hub_store_area_foreach(reg->store, reg_load_area, reg);
    if (!rc) rc = hub_store_entity_foreach(reg->store, reg_load_entity, reg);
    if (rc) {
        snprintf(err, errlen, "cannot read the registry from the database: %s", hub_strerror(rc));
        return rc;
    }
    hub_info(TAG, "loaded %zu entities, %zu areas, %zu floors", hub_registry_count(reg),
             hub_registry_area_count(reg), hub_registry_floor_count(reg));
    return HUB_OK;
}

int hub_registry_load_house(struct hub_registry *reg, const char *path, char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        snprintf(err, errlen, "%s:%d: %s", path, jerr.line, jerr.text);
        return HUB_ERR_CONFIG;
    }
    int rc = HUB_OK;
    if (!json_is_object(root)) {
        snprintf(err, errlen, "%s: the house must be a JSON object", path);
        rc = HUB_ERR_CONFIG;
        goto out;
    }
    json_t *floors = json_object_get(root, "floors"), *areas = json_object_get(root, "areas");
    json_t *ents = json_object_get(root, "entities"), *v;
    size_t i;
    json_array_foreach(floors, i, v) {
        const char *name = json_string_value(json_object_get(v, "name"));
        json_t *lv = json_object_get(v, "level"), *al = json_object_get(v, "aliases");
        if (!reg_valid_name(name) || (al && !json_is_array(al))) {
            snprintf(err, errlen, "%s: floors[%zu]: invalid \"name\" or \"aliases\"", path, i);
            rc = HUB_ERR_CONFIG;
            goto out;
        }
        rc = hub_registry_floor_put(reg, name, json_is_integer(lv) ? (int)json_integer_value(lv) : (int)i,
                                    al);
        if (rc) goto out;
    }
    json_array_foreach(areas, i, v) {
        const char *name = json_string_value(json_object_get(v, "name"));
        const char *floor = json_string_value(json_object_get(v, "floor"));
        json_t *al = json_object_get(v, "aliases");
        if (!reg_valid_name(name) || (floor && !reg_valid_name(floor)) || (al && !json_is_array(al))) {
            snprintf(err, errlen, "%s: areas[%zu]: invalid \"name\", \"floor\" or \"aliases\"", path, i);
            rc = HUB_ERR_CONFIG;
            goto out;
        }
        rc = hub_registry_area_put(reg, name, floor, al);
        if (rc) goto out;
    }
    json_array_foreach(ents, i, v) {
        const char *id = json_string_value(json_object_get(v, "id"));
        if (!id) id = json_string_value(json_object_get(v, "entity_id"));
        const char *name = json_string_value(json_object_get(v, "name"));
        const char *domain = json_string_value(json_object_get(v, "domain"));
        if (!id && !(name && domain)) continue; /* nothing to match it by */
        char key[300], slug[300];
        if (id) snprintf(key, sizeof key, "%s", id);
        else reg_house_key(key, sizeof key, domain, name);
        /* Also under "domain.slug_of_name": plugins derive ids that way when they have no
         * human name (HA discovery object ids). An explicit id is never overwritten. */
        int n_keys = 1;
        if (!id && reg_slug_id(slug, sizeof slug, domain, name) && !hub_map_get(reg->house, slug))
            n_keys = 2;
        for (int k = 0; k < n_keys; k++) {
            json_incref(v);
            void *old = NULL;
            if (hub_map_put(reg->house, k ? slug : key, v, &old)) {
                json_decref(v);
                rc = HUB_ERR_NOMEM;
                goto out;
            }
            json_decref(old);
        }
    }
    hub_info(TAG, "house %s: %zu floors, %zu areas, %zu entity records", path,
             json_array_size(floors), json_array_size(areas), hub_map_count(reg->house));
out:
    json_decref(root);
    return rc;
}

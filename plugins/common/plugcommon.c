/*
 * plugcommon.c: helpers shared by the device plugins (see plugcommon.h): JSON loading with
 * limits, slugs and entity ids, colour conversion, execute() argument parsing, a hash map.
 */
#include "plugcommon.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- JSON ---- */

json_t *plug_json_load(const struct hub_host_api *host, const char *topic, const void *payload,
                       size_t len, size_t max)
{
    if (len > max) {
        host->count_bad_input(host->host, "payload_too_large", topic);
        return NULL;
    }
    if (!payload || len == 0) {
        host->count_bad_input(host->host, "bad_json", topic);
        return NULL;
    }
    json_error_t err;
    /* jansson rejects invalid UTF-8 and (without JSON_ALLOW_NUL) strings holding NUL. */
    json_t *j = json_loadb(payload, len, 0, &err);
    if (!j) {
        host->log(host->host, HUB_LOG_DEBUG, "bad JSON on %s: %s (line %d col %d)", topic, err.text,
                  err.line, err.column);
        host->count_bad_input(host->host, "bad_json", topic);
    }
    return j;
}

bool plug_json_num(const json_t *obj, const char *key, double *out)
{
    json_t *v = json_object_get(obj, key);
    if (!v || !json_is_number(v)) return false;
    double d = json_number_value(v);
    if (!isfinite(d)) return false;
    *out = d;
    return true;
}

const char *plug_json_str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

bool plug_json_bool(const json_t *obj, const char *key, bool fallback)
{
    json_t *v = json_object_get(obj, key);
    if (!v || !json_is_boolean(v)) return fallback;
    return json_is_true(v);
}

char *plug_json_dump(const json_t *json)
{
    /* 10 significant digits: 0.2993 stays 0.2993 instead of 0.29930000000000001 */
    return json_dumps(json, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(10));
}

/* Length of the UTF-8 sequence at s (n bytes left), or 0 if it is not valid UTF-8. */
static size_t plug_utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    uint32_t cp;
    if (c < 0x80) return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4, cp = c & 0x07;
    else
        return 0;
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    /* overlong forms, surrogates and values past U+10FFFF */
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

char *plug_payload_text(const void *payload, size_t len, size_t max)
{
    if (len > max || (!payload && len)) return NULL;
    const unsigned char *p = payload;
    for (size_t i = 0; i < len;) {
        if (p[i] == 0) return NULL;
        size_t l = plug_utf8_len(p + i, len - i);
        if (!l) return NULL;
        i += l;
    }
    char *s = malloc(len + 1);
    if (!s) return NULL;
    if (len) memcpy(s, payload, len);
    s[len] = 0;
    return s;
}

bool plug_payload_is(const char *text, const char *word)
{
    if (!text) return false;
    while (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n')
        text++;
    size_t n = strlen(text);
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\r' ||
                 text[n - 1] == '\n'))
        n--;
    return n == strlen(word) && strncasecmp(text, word, n) == 0;
}

int plug_update_state(const struct hub_host_api *host, const char *entity_id, const char *state,
                      json_t *attrs)
{
    char *a = attrs ? plug_json_dump(attrs) : NULL;
    int rc = host->update_state(host->host, entity_id, state, a);
    free(a);
    json_decref(attrs);
    return rc;
}

/* ---- names ---- */

size_t plug_slugify(const char *name, char *out, size_t outsz)
{
    size_t n = 0;
    bool sep = false;
    if (outsz == 0) return 0;
    for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p; p++) {
        int c = *p;
        if (c >= 0x80) continue; /* non-ASCII: dropped (no transliteration table here) */
        if (isalnum(c)) {
            if (sep && n > 0 && n + 1 < outsz) out[n++] = '_';
            sep = false;
            if (n + 1 < outsz) out[n++] = (char)tolower(c);
        } else {
            sep = true;
        }
    }
    out[n] = 0;
    return n;
}

void plug_entity_id(const struct plug_map *taken, const char *domain, const char *name,
                    const char *fallback, char *out, size_t outsz)
{
    char slug[PLUG_ID_MAX - 24];
    if (!plug_slugify(name, slug, sizeof slug) && !plug_slugify(fallback, slug, sizeof slug))
        snprintf(slug, sizeof slug, "unnamed");
    snprintf(out, outsz, "%s.%s", domain, slug);
    for (int i = 2; taken && plug_map_get(taken, out) && i < 100000; i++)
        snprintf(out, outsz, "%s.%s_%d", domain, slug, i);
}

/* ---- colour ---- */

static double plug_clamp(double v, double lo, double hi)
{
    if (!(v >= lo)) return lo; /* also catches NaN */
    return v > hi ? hi : v;
}

void plug_rgb_to_xy(const int rgb[3], double *x, double *y)
{
    double c[3];
    for (int i = 0; i < 3; i++) {
        double v = plug_clamp(rgb[i], 0, 255) / 255.0;
        c[i] = v > 0.04045 ? pow((v + 0.055) / 1.055, 2.4) : v / 12.92;
    }
    double X = c[0] * 0.664511 + c[1] * 0.154324 + c[2] * 0.162028;
    double Y = c[0] * 0.283881 + c[1] * 0.668433 + c[2] * 0.047685;
    double Z = c[0] * 0.000088 + c[1] * 0.072310 + c[2] * 0.986039;
    double sum = X + Y + Z;
    if (sum <= 0) { /* black has no chromaticity: use the D65 white point */
        *x = 0.3127, *y = 0.3290;
        return;
    }
    *x = round(X / sum * 10000) / 10000;
    *y = round(Y / sum * 10000) / 10000;
}

void plug_xy_to_rgb(double x, double y, int rgb[3])
{
    x = plug_clamp(x, 0, 1), y = plug_clamp(y, 0.0001, 1);
    double Y = 1.0, X = Y / y * x, Z = Y / y * plug_clamp(1 - x - y, 0, 1);
    double c[3] = {X * 1.656492 - Y * 0.354851 - Z * 0.255038,
                   -X * 0.707196 + Y * 1.655397 + Z * 0.036152,
                   X * 0.051713 - Y * 0.121364 + Z * 1.011530};
    double mx = 0;
    for (int i = 0; i < 3; i++) {
        c[i] = c[i] < 0 ? 0 : c[i];
        c[i] = c[i] <= 0.0031308 ? 12.92 * c[i] : 1.055 * pow(c[i], 1 / 2.4) - 0.055;
        if (c[i] > mx) mx = c[i];
    }
    for (int i = 0; i < 3; i++)
        rgb[i] = mx > 0 ? (int)lround(plug_clamp(c[i] / mx, 0, 1) * 255) : 0;
}

void plug_rgb_to_hs(const int rgb[3], double *h, double *s)
{
    double r = plug_clamp(rgb[0], 0, 255) / 255, g = plug_clamp(rgb[1], 0, 255) / 255,
           b = plug_clamp(rgb[2], 0, 255) / 255;
    double mx = fmax(r, fmax(g, b)), mn = fmin(r, fmin(g, b)), d = mx - mn;
    double hue = 0;
    if (d > 0) {
        if (mx == r)
            hue = fmod((g - b) / d, 6);
        else if (mx == g)
            hue = (b - r) / d + 2;
        else
            hue = (r - g) / d + 4;
        hue *= 60;
        if (hue < 0) hue += 360;
    }
    *h = round(hue);
    *s = mx > 0 ? round(d / mx * 100) : 0;
}

void plug_hs_to_rgb(double h, double s, int rgb[3])
{
    h = fmod(plug_clamp(h, 0, 360), 360), s = plug_clamp(s, 0, 100) / 100;
    double c = s, hp = h / 60, x = c * (1 - fabs(fmod(hp, 2) - 1)), m = 1 - c;
    double r = 0, g = 0, b = 0;
    switch ((int)hp) {
    case 0: r = c, g = x; break;
    case 1: r = x, g = c; break;
    case 2: g = c, b = x; break;
    case 3: g = x, b = c; break;
    case 4: r = x, b = c; break;
    default: r = c, b = x; break;
    }
    rgb[0] = (int)lround((r + m) * 255);
    rgb[1] = (int)lround((g + m) * 255);
    rgb[2] = (int)lround((b + m) * 255);
}

int plug_kelvin_to_mireds(int kelvin)
{
    return kelvin > 0 ? (int)lround(1e6 / kelvin) : 0;
}

int plug_mireds_to_kelvin(int mireds)
{
    return mireds > 0 ? (int)lround(1e6 / mireds) : 0;
}

int plug_scale(double v, double from_max, double to_max)
{
    if (from_max <= 0) return 0;
    return (int)lround(plug_clamp(v, 0, from_max) * to_max / from_max);
}

static const struct {
    const char *name;
    unsigned char rgb[3];
} plug_colors[] = {
    {"red", {255, 0, 0}},        {"green", {0, 255, 0}},          {"blue", {0, 0, 255}},
    {"white", {255, 255, 255}},  {"warm white", {255, 180, 107}}, {"cool white", {235, 243, 255}},
    {"yellow", {255, 255, 0}},   {"orange", {255, 165, 0}},       {"purple", {128, 0, 128}},
    {"violet", {238, 130, 238}}, {"pink", {255, 192, 203}},       {"cyan", {0, 255, 255}},
    {"magenta", {255, 0, 255}},  {"turquoise", {64, 224, 208}},   {"teal", {0, 128, 128}},
    {"lime", {0, 255, 0}},       {"gold", {255, 215, 0}},         {"indigo", {75, 0, 130}},
    {"红色", {255, 0, 0}},       {"绿色", {0, 255, 0}},           {"蓝色", {0, 0, 255}},
    {"白色", {255, 255, 255}},   {"黄色", {255, 255, 0}},         {"橙色", {255, 165, 0}},
    {"紫色", {128, 0, 128}},     {"粉色", {255, 192, 203}},       {"青色", {0, 255, 255}},
};

bool plug_color_name_rgb(const char *name, int rgb[3])
{
    if (!name) return false;
    for (size_t i = 0; i < sizeof plug_colors / sizeof plug_colors[0]; i++) {
        if (strcasecmp(name, plug_colors[i].name) == 0) {
            for (int k = 0; k < 3; k++)
                rgb[k] = plug_colors[i].rgb[k];
            return true;
        }
    }
    return false;
}

/* ---- execute() arguments ---- */

/* An integer-valued member in [lo, hi]; reals are rounded. 0 absent, 1 ok, <0 error. */
static int plug_arg_int(json_t *root, const char *key, int lo, int hi, int *out)
{
    json_t *v = json_object_get(root, key);
    if (!v || json_is_null(v)) return 0;
    if (!json_is_number(v)) return HUB_ERR_INVALID;
    double d = json_number_value(v);
    if (!isfinite(d)) return HUB_ERR_INVALID;
    if (d < lo || d > hi) return HUB_ERR_RANGE;
    *out = (int)lround(d);
    return 1;
}

int plug_args_parse(const char *args_json, struct plug_args *a)
{
    memset(a, 0, sizeof *a);
    if (!args_json || !*args_json) return HUB_OK;
    json_error_t err;
    a->root = json_loads(args_json, 0, &err);
    if (!a->root || !json_is_object(a->root)) {
        plug_args_free(a);
        return HUB_ERR_INVALID;
    }
    int rc;
#define PLUG_INT_ARG(key, lo, hi, field, flag)                                                     \
    if ((rc = plug_arg_int(a->root, key, lo, hi, &a->field)) < 0) goto fail;                       \
    a->flag = rc == 1;
    PLUG_INT_ARG("brightness", 0, 100, brightness, has_brightness)
    PLUG_INT_ARG("color_temp_kelvin", 1000, 20000, kelvin, has_kelvin)
    PLUG_INT_ARG("percentage", 0, 100, percentage, has_percentage)
    PLUG_INT_ARG("position", 0, 100, position, has_position)
    PLUG_INT_ARG("volume_level", 0, 100, volume, has_volume)
#undef PLUG_INT_ARG
    json_t *v = json_object_get(a->root, "rgb_color");
    if (v && !json_is_null(v)) {
        if (!json_is_array(v) || json_array_size(v) != 3) {
            rc = HUB_ERR_INVALID;
            goto fail;
        }
        for (int i = 0; i < 3; i++) {
            json_t *c = json_array_get(v, i);
            if (!json_is_number(c) || !isfinite(json_number_value(c))) {
                rc = HUB_ERR_INVALID;
                goto fail;
            }
            double d = json_number_value(c);
            if (d < 0 || d > 255) {
                rc = HUB_ERR_RANGE;
                goto fail;
            }
            a->rgb[i] = (int)lround(d);
        }
        a->has_rgb = true;
    }
    v = json_object_get(a->root, "color_name");
    if (v && !json_is_null(v)) {
        if (!json_is_string(v)) {
            rc = HUB_ERR_INVALID;
            goto fail;
        }
        if (!plug_color_name_rgb(json_string_value(v), a->rgb)) {
            rc = HUB_ERR_INVALID;
            goto fail;
        }
        a->has_rgb = true;
    }
    v = json_object_get(a->root, "temperature");
    if (v && !json_is_null(v)) {
        if (!json_is_number(v) || !isfinite(json_number_value(v))) {
            rc = HUB_ERR_INVALID;
            goto fail;
        }
        a->temperature = json_number_value(v);
        if (a->temperature < -50 || a->temperature > 150) {
            rc = HUB_ERR_RANGE;
            goto fail;
        }
        a->has_temperature = true;
    }
    v = json_object_get(a->root, "hvac_mode");
    if (v && !json_is_null(v)) {
        static const char *modes[] = {"off",       "heat", "cool",    "auto",
                                      "heat_cool", "dry",  "fan_only"};
        rc = HUB_ERR_INVALID;
        if (!json_is_string(v)) goto fail;
        for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
            if (strcmp(json_string_value(v), modes[i]) == 0) a->hvac_mode = modes[i];
        if (!a->hvac_mode) goto fail;
    }
    v = json_object_get(a->root, "mute");
    if (v && !json_is_null(v)) {
        rc = HUB_ERR_INVALID;
        if (!json_is_boolean(v)) goto fail;
        a->mute = json_is_true(v);
        a->has_mute = true;
    }
    return HUB_OK;
fail:
    plug_args_free(a);
    return rc;
}

void plug_args_free(struct plug_args *a)
{
    json_decref(a->root);
    memset(a, 0, sizeof *a);
}

/* ---- string map (open hashing with chains) ---- */

struct plug_map_node {
    struct plug_map_node *next;
    void *value;
    char key[];
};

struct plug_map {
    struct plug_map_node **slots;
    size_t nslots, count;
};

static size_t plug_hash(const char *s)
{
    size_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

struct plug_map *plug_map_new(void)
{
    struct plug_map *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->nslots = 64;
    m->slots = calloc(m->nslots, sizeof *m->slots);
    if (!m->slots) {
        free(m);
        return NULL;
    }
    return m;
}

void plug_map_free(struct plug_map *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->nslots; i++) {
        struct plug_map_node *n = m->slots[i], *next;
        for (; n; n = next) {
            next = n->next;
            free(n);
        }
    }
    free(m->slots);
    free(m);
}

void *plug_map_get(const struct plug_map *m, const char *key)
{
    if (!m || !key) return NULL;
    for (struct plug_map_node *n = m->slots[plug_hash(key) % m->nslots]; n; n = n->next)
        if (strcmp(n->key, key) == 0) return n->value;
    return NULL;
}

static void plug_map_grow(struct plug_map *m)
{
    size_t ns = m->nslots * 4;
    struct plug_map_node **slots = calloc(ns, sizeof *slots);
    if (!slots) return; /* keep the longer chains; still correct */
    for (size_t i = 0; i < m->nslots; i++) {
        struct plug_map_node *n = m->slots[i], *next;
        for (; n; n = next) {
            next = n->next;
            size_t s = plug_hash(n->key) % ns;
            n->next = slots[s];
            slots[s] = n;
        }
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = ns;
}

int plug_map_put(struct plug_map *m, const char *key, void *value)
{
    size_t s = plug_hash(key) % m->nslots;
    for (struct plug_map_node *n = m->slots[s]; n; n = n->next) {
        if (strcmp(n->key, key) == 0) {
            n->value = value;
            return HUB_OK;
        }
    }
    size_t kl = strlen(key);
    struct plug_map_node *n = malloc(sizeof *n + kl + 1);
    if (!n) return HUB_ERR_NOMEM;
    memcpy(n->key, key, kl + 1);
    n->value = value;
    n->next = m->slots[s];
    m->slots[s] = n;
    if (++m->count > m->nslots * 2) plug_map_grow(m);
    return HUB_OK;
}

void plug_map_del(struct plug_map *m, const char *key)
{
    if (!m || !key) return;
    struct plug_map_node **pp = &m->slots[plug_hash(key) % m->nslots];
    for (; *pp; pp = &(*pp)->next) {
        if (strcmp((*pp)->key, key) == 0) {
            struct plug_map_node *n = *pp;
            *pp = n->next;
            free(n);
            m->count--;
            return;
        }
    }
}

size_t plug_map_count(const struct plug_map *m)
{
    return m ? m->count : 0;
}

void *plug_map_first(const struct plug_map *m, const char **key)
{
    for (size_t i = 0; m && i < m->nslots; i++) {
        if (m->slots[i]) {
            *key = m->slots[i]->key;
            return m->slots[i]->value;
        }
    }
    *key = NULL;
    return NULL;
}

/* ---- misc ---- */

bool plug_fmt(char *out, size_t outsz, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, outsz, fmt, ap);
    va_end(ap);
    return n >= 0 && (size_t)n < outsz;
}

bool plug_is_domain(const char *entity_id, const char *domain)
{
    size_t n = strlen(domain);
    return entity_id && strncmp(entity_id, domain, n) == 0 && entity_id[n] == '.';
}

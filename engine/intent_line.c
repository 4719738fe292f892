/* intent_line.c: the compact intent line (format, parse, validation against data/schema.json).
 * See intent_line.h for the format and why open slots keep the speaker's words. */
#include "engine/intent_line.h"
#include "engine/numbers.h"
#include "hub_status.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const intent_slot_order[INTENT_SLOT_KINDS] = {
    "name",          "area",         "floor",        "domain",        "device_class",
    "state",         "brightness",   "color",        "temperature",   "position",
    "percentage",    "volume_level", "volume_step",  "media_class",   "search_query",
    "item",          "message",      "response",     "hours",         "minutes",
    "seconds",       "start_hours",  "start_minutes", "start_seconds", "conversation_command",
};

static const char *const intent_domains[] = {
    "light", "switch", "fan", "cover", "lock", "climate", "media_player", "valve", "vacuum",
    "sensor", "binary_sensor", "person", "script", "scene", "input_boolean", "todo", "weather",
    "lawn_mower", NULL,
};
static const char *const intent_device_classes[] = {
    "awning", "blind", "curtain", "damper", "door", "garage", "gate", "shade", "shutter",
    "window", "motion", "occupancy", "moisture", "smoke", "opening", NULL,
};
static const char *const intent_states[] = {
    "on", "off", "open", "closed", "opening", "closing", "locked", "unlocked", "locking",
    "unlocking", "jammed", "home", "not_home", "playing", "paused", "idle", "detected", "clear",
    NULL,
};
static const char *const intent_colors[] = {
    "white", "black", "red", "orange", "yellow", "green", "blue", "purple", "brown", "pink",
    "turquoise", "cyan", "magenta", "violet", "indigo", "gold", "silver", "lime", "teal",
    "amber", "warm white", "cool white", NULL,
};
static const char *const intent_media_classes[] = {
    "album", "artist", "movie", "playlist", "podcast", "track", "tv_show", NULL,
};
static const char *const intent_volume_words[] = {"up", "down", NULL};

const char *const intent_rule_slot_order[INTENT_RULE_SLOTS] = {
    "at", "when", "to", "above", "below", "sun", "offset", "days", "after", "before", "for",
};
/* the states a state trigger may wait for (the rule contract's list) */
static const char *const intent_rule_to[] = {
    "on", "off", "open", "closed", "locked", "unlocked", "home", "not_home", NULL,
};
static const char *const intent_rule_sun[] = {"sunrise", "sunset", NULL};
static const char *const intent_rule_days[] = {
    "daily", "weekdays", "weekends", "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL,
};

static void intent_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void intent_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!err || !errlen) return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

int intent_slot_index(const char *slot)
{
    if (!slot) return -1;
    for (int i = 0; i < INTENT_SLOT_KINDS; i++)
        if (!strcmp(slot, intent_slot_order[i])) return i;
    return -1;
}

int intent_rule_slot_index(const char *slot)
{
    if (!slot) return -1;
    for (int i = 0; i < INTENT_RULE_SLOTS; i++)
        if (!strcmp(slot, intent_rule_slot_order[i])) return i;
    return -1;
}

#define RB(x) (1u << (x))
/* the trigger kinds: time, state, numeric state (above or below), sun (offset optional) */
static const uint32_t intent_rule_triggers[] = {
    RB(RULE_AT),
    RB(RULE_WHEN) | RB(RULE_TO),
    RB(RULE_WHEN) | RB(RULE_ABOVE),
    RB(RULE_WHEN) | RB(RULE_BELOW),
    RB(RULE_SUN),
    RB(RULE_SUN) | RB(RULE_OFFSET),
};
#define INTENT_RULE_CONDITIONS (RB(RULE_DAYS) | RB(RULE_AFTER) | RB(RULE_BEFORE) | RB(RULE_FOR))

int intent_rule_mask_ok(uint32_t rmask)
{
    uint32_t trig = rmask & ~INTENT_RULE_CONDITIONS;
    for (size_t i = 0; i < sizeof intent_rule_triggers / sizeof intent_rule_triggers[0]; i++)
        if (trig == intent_rule_triggers[i]) return 1;
    return 0;
}

int intent_rule_prefix_ok(uint32_t rmask, int last)
{
    /* slots below `last` are settled: some valid mask must agree with rmask on them */
    uint32_t low = last < 0 ? 0 : (2u << last) - 1;
    for (size_t i = 0; i < sizeof intent_rule_triggers / sizeof intent_rule_triggers[0]; i++)
        for (uint32_t cond = 0; cond <= INTENT_RULE_CONDITIONS; cond++) {
            if (cond & ~INTENT_RULE_CONDITIONS) continue;
            uint32_t m = intent_rule_triggers[i] | cond;
            if ((m & low) == rmask && (rmask & ~low) == 0) return 1;
        }
    return 0;
}

int intent_rule_slot_is_time(int r)
{
    return r == RULE_AT || r == RULE_AFTER || r == RULE_BEFORE;
}

int intent_rule_slot_is_duration(int r)
{
    return r == RULE_OFFSET || r == RULE_FOR;
}

enum intent_slot_kind intent_slot_kind(const char *slot)
{
    static const char *const spans[] = {"name", "area", "floor", "when", NULL};
    static const char *const closed[] = {"domain", "device_class", "state", "color", "media_class",
                                         "to",     "sun",          "days",  NULL};
    static const char *const numbers[] = {
        "brightness",    "temperature",   "position", "percentage", "volume_level",
        "volume_step",   "hours",         "minutes",  "seconds",    "start_hours",
        "start_minutes", "start_seconds", "above",    "below",      NULL};
    for (int i = 0; spans[i]; i++)
        if (!strcmp(slot, spans[i])) return INTENT_SLOT_SPAN;
    for (int i = 0; closed[i]; i++)
        if (!strcmp(slot, closed[i])) return INTENT_SLOT_CLOSED;
    for (int i = 0; numbers[i]; i++)
        if (!strcmp(slot, numbers[i])) return INTENT_SLOT_NUMBER;
    return INTENT_SLOT_TEXT;
}

const char *const *intent_slot_values(const char *slot)
{
    if (!slot) return NULL;
    if (!strcmp(slot, "domain")) return intent_domains;
    if (!strcmp(slot, "device_class")) return intent_device_classes;
    if (!strcmp(slot, "state")) return intent_states;
    if (!strcmp(slot, "color")) return intent_colors;
    if (!strcmp(slot, "media_class")) return intent_media_classes;
    if (!strcmp(slot, "volume_step")) return intent_volume_words;
    if (!strcmp(slot, "to")) return intent_rule_to;
    if (!strcmp(slot, "sun")) return intent_rule_sun;
    if (!strcmp(slot, "days")) return intent_rule_days;
    return NULL;
}

static int intent_in_list(const char *const *list, const char *v)
{
    for (; list && *list; list++)
        if (!strcmp(*list, v)) return 1;
    return 0;
}

/* ---- schema ---- */

static void intent_free_strv(char **v)
{
    if (!v) return;
    for (char **p = v; *p; p++) free(*p);
    free(v);
}

/* Union of the string arrays under every key of obj ({"required": [...], "optional": [...]}). */
static char **intent_domain_union(json_t *obj)
{
    size_t cap = 1, n = 0;
    const char *key;
    json_t *arr;
    if (json_is_object(obj))
        json_object_foreach(obj, key, arr) cap += json_is_array(arr) ? json_array_size(arr) : 0;
    char **v = calloc(cap, sizeof *v);
    if (!v) return NULL;
    if (!json_is_object(obj)) return v;
    json_object_foreach(obj, key, arr) {
        size_t i;
        json_t *x;
        if (!json_is_array(arr)) continue;
        json_array_foreach(arr, i, x) {
            if (!json_is_string(x)) continue;
            int dup = 0;
            for (size_t k = 0; k < n; k++) dup |= !strcmp(v[k], json_string_value(x));
            if (dup) continue;
            if (!(v[n] = strdup(json_string_value(x)))) {
                intent_free_strv(v);
                return NULL;
            }
            n++;
        }
    }
    return v;
}

void intent_schema_free(struct intent_schema *s)
{
    if (!s) return;
    for (int i = 0; i < s->n_intents; i++) {
        struct intent_def *d = &s->intents[i];
        for (int c = 0; c < d->n_combos; c++) {
            free(d->combos[c].name);
            intent_free_strv(d->combos[c].name_domains);
            intent_free_strv(d->combos[c].inferred_domains);
        }
        free(d->combos);
        free(d->name);
    }
    free(s->intents);
    free(s);
}

int intent_schema_load(const char *path, struct intent_schema **out, char *err, size_t errlen)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    struct intent_schema *s = NULL;
    int rc = HUB_ERR_INVALID;
    const char *iname;
    json_t *idef;
    *out = NULL;
    if (!root) {
        intent_err(err, errlen, "%s:%d: %s", path, je.line, je.text);
        return HUB_ERR_IO;
    }
    if (!json_is_object(root)) {
        intent_err(err, errlen, "%s: not a JSON object", path);
        goto fail;
    }
    s = calloc(1, sizeof *s);
    if (!s || !(s->intents = calloc(json_object_size(root) + 1, sizeof *s->intents))) {
        rc = HUB_ERR_NOMEM;
        intent_err(err, errlen, "%s: out of memory", path);
        goto fail;
    }
    json_object_foreach(root, iname, idef) {
        struct intent_def *d = &s->intents[s->n_intents];
        json_t *slots = json_object_get(idef, "slots");
        json_t *combos = json_object_get(idef, "slot_combinations");
        const char *sname, *cname;
        json_t *sdef, *cdef;
        if (!(d->name = strdup(iname))) goto nomem;
        s->n_intents++;
        if (slots && !json_is_object(slots)) {
            intent_err(err, errlen, "%s: %s: slots is not an object", path, iname);
            goto fail;
        }
        json_object_foreach(slots, sname, sdef) {
            int b = intent_slot_index(sname);
            if (b < 0) {
                intent_err(err, errlen, "%s: %s: unknown slot %s", path, iname, sname);
                goto fail;
            }
            d->slots |= 1u << b;
            if (json_is_true(json_object_get(sdef, "required"))) d->required |= 1u << b;
        }
        if (!json_is_object(combos)) {
            intent_err(err, errlen, "%s: %s: no slot_combinations", path, iname);
            goto fail;
        }
        if (!(d->combos = calloc(json_object_size(combos) + 1, sizeof *d->combos))) goto nomem;
        json_object_foreach(combos, cname, cdef) {
            struct intent_combo *c = &d->combos[d->n_combos];
            json_t *cs = json_object_get(cdef, "slots"), *x;
            size_t i;
            if (!(c->name = strdup(cname))) goto nomem;
            d->n_combos++;
            if (!json_is_array(cs)) {
                intent_err(err, errlen, "%s: %s.%s: slots is not an array", path, iname, cname);
                goto fail;
            }
            json_array_foreach(cs, i, x) {
                int b = intent_slot_index(json_string_value(x));
                if (b < 0 || !(d->slots & (1u << b))) {
                    intent_err(err, errlen, "%s: %s.%s: bad slot %s", path, iname, cname,
                               json_is_string(x) ? json_string_value(x) : "(not a string)");
                    goto fail;
                }
                c->mask |= 1u << b;
            }
            c->context_area = json_is_true(json_object_get(cdef, "context_area"));
            if (!(c->name_domains = intent_domain_union(json_object_get(cdef, "name_domains"))))
                goto nomem;
            if (!(c->inferred_domains =
                      intent_domain_union(json_object_get(cdef, "inferred_domains"))))
                goto nomem;
        }
    }
    json_decref(root);
    *out = s;
    return HUB_OK;
nomem:
    rc = HUB_ERR_NOMEM;
    intent_err(err, errlen, "%s: out of memory", path);
fail:
    json_decref(root);
    intent_schema_free(s);
    return rc;
}

const struct intent_def *intent_schema_find(const struct intent_schema *s, const char *intent)
{
    for (int i = 0; s && intent && i < s->n_intents; i++)
        if (!strcmp(s->intents[i].name, intent)) return &s->intents[i];
    return NULL;
}

const struct intent_combo *intent_def_combo(const struct intent_def *d, uint32_t mask)
{
    for (int i = 0; d && i < d->n_combos; i++)
        if (d->combos[i].mask == mask) return &d->combos[i];
    return NULL;
}

/* ---- lines ---- */

uint32_t intent_line_mask(const struct intent_line *l)
{
    uint32_t m = 0;
    for (int i = 0; i < l->n_slots; i++) {
        int b = intent_slot_index(l->slots[i].name);
        if (b >= 0) m |= 1u << b;
    }
    return m;
}

uint32_t intent_line_rule_mask(const struct intent_line *l)
{
    uint32_t m = 0;
    for (int i = 0; i < l->n_slots; i++) {
        int r = intent_rule_slot_index(l->slots[i].name);
        if (r >= 0) m |= 1u << r;
    }
    return m;
}

void intent_line_action(const struct intent_line *l, struct intent_line *action)
{
    memset(action, 0, sizeof *action);
    memcpy(action->intent, l->intent, sizeof action->intent);
    for (int i = 0; i < l->n_slots && i < INTENT_MAX_SLOTS; i++)
        if (intent_rule_slot_index(l->slots[i].name) < 0)
            action->slots[action->n_slots++] = l->slots[i];
}

/* Position of a slot in the line: the action's slots, then the rule slots; -1 if unknown. */
static int intent_slot_position(const char *slot)
{
    int b = intent_slot_index(slot);
    if (b >= 0) return b;
    int r = intent_rule_slot_index(slot);
    return r >= 0 ? INTENT_SLOT_KINDS + r : -1;
}

const char *intent_line_get(const struct intent_line *l, const char *slot)
{
    for (int i = 0; i < l->n_slots; i++)
        if (!strcmp(l->slots[i].name, slot)) return l->slots[i].value;
    return NULL;
}

static int intent_value_ok(const char *v)
{
    if (!v[0] || v[0] == ' ' || v[strlen(v) - 1] == ' ') return 0;
    for (const char *p = v; *p; p++)
        if (*p == '|' || *p == '\n' || *p == '\r' || *p == '\t') return 0;
    return 1;
}

int intent_line_add(struct intent_line *l, const char *slot, const char *value)
{
    if (!slot || !value || intent_slot_position(slot) < 0 || !intent_value_ok(value))
        return HUB_ERR_INVALID;
    if (l->n_slots >= INTENT_MAX_SLOTS) return HUB_ERR_RANGE;
    if (strlen(value) >= sizeof l->slots[0].value) return HUB_ERR_RANGE;
    struct intent_slot *s = &l->slots[l->n_slots++];
    snprintf(s->name, sizeof s->name, "%s", slot);
    snprintf(s->value, sizeof s->value, "%s", value);
    return HUB_OK;
}

static int intent_slot_cmp(const void *a, const void *b)
{
    return intent_slot_position(((const struct intent_slot *)a)->name) -
           intent_slot_position(((const struct intent_slot *)b)->name);
}

int intent_line_format(const struct intent_line *l, char *buf, size_t len)
{
    struct intent_slot sorted[INTENT_MAX_SLOTS];
    size_t o;
    if (!l->intent[0]) {
        if (len < 5) return HUB_ERR_RANGE;
        memcpy(buf, "none", 5);
        return HUB_OK;
    }
    if (l->n_slots < 0 || l->n_slots > INTENT_MAX_SLOTS) return HUB_ERR_INVALID;
    memcpy(sorted, l->slots, (size_t)l->n_slots * sizeof sorted[0]);
    qsort(sorted, (size_t)l->n_slots, sizeof sorted[0], intent_slot_cmp);
    int n = snprintf(buf, len, "%s", l->intent);
    if (n < 0 || (size_t)n >= len) return HUB_ERR_RANGE;
    o = (size_t)n;
    for (int i = 0; i < l->n_slots; i++) {
        n = snprintf(buf + o, len - o, "|%s=%s", sorted[i].name, sorted[i].value);
        if (n < 0 || (size_t)n >= len - o) return HUB_ERR_RANGE;
        o += (size_t)n;
    }
    return HUB_OK;
}

int intent_line_parse(const char *line, struct intent_line *out, char *err, size_t errlen)
{
    size_t len;
    memset(out, 0, sizeof *out);
    if (!line) {
        intent_err(err, errlen, "no line");
        return HUB_ERR_INVALID;
    }
    len = strlen(line);
    if (len == 0 || len >= INTENT_LINE_MAX) {
        intent_err(err, errlen, "line is empty or longer than %d bytes", INTENT_LINE_MAX - 1);
        return HUB_ERR_INVALID;
    }
    if (!strcmp(line, "none")) return HUB_OK;
    const char *bar = strchr(line, '|');
    size_t ilen = bar ? (size_t)(bar - line) : len;
    if (ilen == 0 || ilen >= sizeof out->intent) {
        intent_err(err, errlen, "intent name is empty or too long");
        return HUB_ERR_INVALID;
    }
    for (size_t i = 0; i < ilen; i++) {
        char c = line[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            intent_err(err, errlen, "bad character '%c' in the intent name", c);
            return HUB_ERR_INVALID;
        }
    }
    memcpy(out->intent, line, ilen);
    out->intent[ilen] = 0;
    const char *p = bar;
    while (p) {
        const char *start = p + 1;
        const char *next = strchr(start, '|');
        size_t plen = next ? (size_t)(next - start) : strlen(start);
        const char *eq = memchr(start, '=', plen);
        char name[32], value[INTENT_LINE_MAX];
        if (!eq || eq == start || (size_t)(eq - start) >= sizeof name) {
            intent_err(err, errlen, "slot %d: expected name=value", out->n_slots + 1);
            return HUB_ERR_INVALID;
        }
        memcpy(name, start, (size_t)(eq - start));
        name[eq - start] = 0;
        size_t vlen = plen - (size_t)(eq - start) - 1;
        memcpy(value, eq + 1, vlen);
        value[vlen] = 0;
        if (intent_slot_position(name) < 0) {
            intent_err(err, errlen, "unknown slot '%s'", name);
            return HUB_ERR_INVALID;
        }
        if (!intent_value_ok(value)) {
            intent_err(err, errlen, "slot %s: empty value or one with spaces at its ends", name);
            return HUB_ERR_INVALID;
        }
        if (out->n_slots >= INTENT_MAX_SLOTS) {
            intent_err(err, errlen, "more than %d slots", INTENT_MAX_SLOTS);
            return HUB_ERR_INVALID;
        }
        snprintf(out->slots[out->n_slots].name, sizeof out->slots[0].name, "%s", name);
        memcpy(out->slots[out->n_slots].value, value, vlen + 1);
        out->n_slots++;
        p = next;
    }
    return HUB_OK;
}

/* One rule slot's value: closed words from their lists, times and durations that numbers.c
 * reads, numbers for above/below, offset with an optional leading '-'. */
static int intent_rule_value_check(int r, const char *v, char *err, size_t errlen)
{
    const char *name = intent_rule_slot_order[r];
    const char *const *words = intent_slot_values(name);
    if (words) {
        if (intent_in_list(words, v)) return HUB_OK;
        intent_err(err, errlen, "slot %s: '%s' is not one of its words", name, v);
        return HUB_ERR_INVALID;
    }
    if (intent_rule_slot_is_time(r)) {
        int secs;
        if (num_parse_time(v, &secs) == HUB_OK) return HUB_OK;
        intent_err(err, errlen, "slot %s: '%s' is not a time of day", name, v);
        return HUB_ERR_INVALID;
    }
    if (intent_rule_slot_is_duration(r)) {
        struct num_duration d;
        if (r == RULE_OFFSET && v[0] == '-') v++;
        if (num_parse_duration(v, &d) == HUB_OK) return HUB_OK;
        intent_err(err, errlen, "slot %s: '%s' is not a duration", name, v);
        return HUB_ERR_INVALID;
    }
    if (r == RULE_ABOVE || r == RULE_BELOW) {
        double x;
        if (num_parse_slot("temperature", v, &x) == HUB_OK) return HUB_OK;
        intent_err(err, errlen, "slot %s: '%s' is not a number", name, v);
        return HUB_ERR_INVALID;
    }
    return HUB_OK; /* when: a name span, checked by the resolver */
}

int intent_line_validate(const struct intent_schema *s, const struct intent_line *l, char *err,
                         size_t errlen)
{
    if (!l->intent[0]) {
        if (l->n_slots) {
            intent_err(err, errlen, "none with slots");
            return HUB_ERR_INVALID;
        }
        return HUB_OK;
    }
    const struct intent_def *d = intent_schema_find(s, l->intent);
    if (!d) {
        intent_err(err, errlen, "unknown intent '%s'", l->intent);
        return HUB_ERR_INVALID;
    }
    int prev = -1, prev_rule = -1;
    uint32_t mask = 0, rmask = 0;
    for (int i = 0; i < l->n_slots; i++) {
        const char *name = l->slots[i].name, *v = l->slots[i].value;
        int b = intent_slot_index(name), r = intent_rule_slot_index(name);
        if (r >= 0) {
            if (r <= prev_rule) {
                intent_err(err, errlen, "rule slot '%s' repeated or out of the fixed order", name);
                return HUB_ERR_INVALID;
            }
            if (intent_rule_value_check(r, v, err, errlen) != HUB_OK) return HUB_ERR_INVALID;
            prev_rule = r;
            rmask |= 1u << r;
            continue;
        }
        if (prev_rule >= 0) {
            intent_err(err, errlen, "slot '%s' after the rule slots", name);
            return HUB_ERR_INVALID;
        }
        if (b < 0 || !(d->slots & (1u << b))) {
            intent_err(err, errlen, "%s has no slot '%s'", l->intent, name);
            return HUB_ERR_INVALID;
        }
        if (b == prev || (mask & (1u << b))) {
            intent_err(err, errlen, "slot '%s' repeated", name);
            return HUB_ERR_INVALID;
        }
        if (b < prev) {
            intent_err(err, errlen, "slot '%s' out of the fixed order", name);
            return HUB_ERR_INVALID;
        }
        prev = b;
        mask |= 1u << b;
        enum intent_slot_kind k = intent_slot_kind(name);
        if (k == INTENT_SLOT_CLOSED && !intent_in_list(intent_slot_values(name), v)) {
            intent_err(err, errlen, "slot %s: '%s' is not one of its words", name, v);
            return HUB_ERR_INVALID;
        }
        if (k == INTENT_SLOT_NUMBER) {
            double x;
            if (!strcmp(name, "volume_step") && intent_in_list(intent_volume_words, v)) continue;
            if (num_parse_slot(name, v, &x) != HUB_OK) {
                intent_err(err, errlen, "slot %s: '%s' is not a number", name, v);
                return HUB_ERR_INVALID;
            }
        }
    }
    if (!intent_def_combo(d, mask)) {
        intent_err(err, errlen, "%s: no slot combination has exactly these slots", l->intent);
        return HUB_ERR_INVALID;
    }
    if (rmask && !intent_rule_mask_ok(rmask)) {
        intent_err(err, errlen,
                   "rule slots need exactly one trigger: at, when+to, when+above, "
                   "when+below, or sun (+offset)");
        return HUB_ERR_INVALID;
    }
    return HUB_OK;
}

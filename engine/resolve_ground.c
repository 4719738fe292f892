/*
 * resolve_ground.c: the utterance as matching units, and what it says of names, areas and floors
 * grounded in the house (see resolve.h, resolve_line). The model never sees the registry: an
 * entity's name said fills or replaces the line's target (ground_line); spans the model copied
 * short or shifted take the longer name said around them (repair_line); a name, area or floor
 * span that names nothing, or a place not said, takes what the utterance says instead
 * (name_lost_line, place_lost_line), and a room said but left out of the line is added
 * (place_said_line). Also the names an intent cannot take and the owners ("<owner>的<kind
 * word>") the house does not know.
 */
#include "engine/resolve_impl.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/numbers.h"
#include "hub_status.h"

/* ---- grounding: registry names said in the utterance ---- */

static void units_push(struct ground_units *u, const char *s, size_t len)
{
    if (!len || u->n >= GROUND_UNITS || u->used + len + 1 > sizeof u->buf) return;
    u->de[u->n] = u->after_de;
    u->after_de = false;
    u->off[u->n++] = (int)u->used;
    memcpy(u->buf + u->used, s, len);
    u->buf[u->used + len] = 0;
    u->used += len + 1;
}

static void units_flush_word(struct ground_units *u, char *w, size_t *wl)
{
    if (!*wl) return;
    key_word(w, wl);
    units_push(u, w, *wl);
    *wl = 0;
}

void ground_units_of(const char *text, struct ground_units *u)
{
    static const char *const breaks[] = {"，", "。", "！", "？", "、", "“", "”", "：", "；",
                                         "（", "）", "　", NULL};
    char word[RESOLVE_KEY_MAX];
    size_t wl = 0;
    u->n = 0;
    u->used = 0;
    u->after_de = false;
    for (const char *p = text ? text : ""; *p;) {
        unsigned char c = (unsigned char)*p;
        if (c == '\'' || starts(p, "’")) { /* jack's -> jacks -> jack, as in resolve_key */
            p += c == '\'' ? 1 : strlen("’");
            continue;
        }
        if (starts(p, "的")) {
            units_flush_word(u, word, &wl);
            u->after_de = true;
            p += strlen("的");
            continue;
        }
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                if (wl + 1 < sizeof word) word[wl++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            } else {
                units_flush_word(u, word, &wl);
            }
            p++;
            continue;
        }
        size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (strnlen(p, len) < len) break; /* cut inside a character */
        bool brk = false;
        for (int i = 0; breaks[i]; i++)
            if (starts(p, breaks[i])) brk = true;
        if (brk) {
            units_flush_word(u, word, &wl);
        } else if (len == 2) { /* accented Latin letters belong to their word */
            if (wl + len < sizeof word) memcpy(word + wl, p, len), wl += len;
        } else { /* Chinese: one unit per character; a number before 号 as its digit */
            units_flush_word(u, word, &wl);
            int d = zh_number_digit(p);
            char digit = (char)('0' + d);
            units_push(u, d >= 0 ? &digit : p, d >= 0 ? 1 : len);
        }
        p += len;
    }
    units_flush_word(u, word, &wl);
}

/* Units [s, end) spell key exactly; returns end or -1. */
static int units_spell(const struct ground_units *u, int s, const char *key)
{
    size_t pos = 0, kl = strlen(key);
    int t = s;
    while (t < u->n && pos < kl) {
        const char *w = u->buf + u->off[t];
        size_t wl = strlen(w);
        if (strncmp(key + pos, w, wl)) return -1;
        pos += wl;
        t++;
    }
    return pos == kl && t > s ? t : -1;
}

/* Every place where the span is said: starts in at[] (at most max), its length in units in
 * *len; returns how many. */
static int units_occurrences(const struct ground_units *u, const char *span, int *at, int max,
                             int *len)
{
    struct ground_units *su = malloc(sizeof *su);
    int n = 0;
    *len = 0;
    if (!su) return 0;
    ground_units_of(span, su);
    for (int i = 0; su->n && i + su->n <= u->n && n < max; i++) {
        int k = 0;
        while (k < su->n && !strcmp(u->buf + u->off[i + k], su->buf + su->off[k])) k++;
        if (k == su->n) at[n++] = i;
    }
    *len = su->n;
    free(su);
    return n;
}

/* The units [*s, *e) where the span is said, the first occurrence that does not lie inside
 * [xs, xe) (pass xs = xe = -1 for none); false when the utterance does not say it. */
static bool units_find_outside(const struct ground_units *u, const char *span, int xs, int xe,
                               int *s, int *e)
{
    int at[GROUND_UNITS], len;
    int n = units_occurrences(u, span, at, GROUND_UNITS, &len);
    for (int i = 0; i < n; i++) {
        if (at[i] >= xs && at[i] + len <= xe) continue;
        *s = at[i], *e = at[i] + len;
        return true;
    }
    return false;
}

/* Where the span (a slot value) lies in the utterance: [*s, *e) or false. */
static bool units_find(const struct ground_units *u, const char *span, int *s, int *e)
{
    return units_find_outside(u, span, -1, -1, s, e);
}

/* Where the units spell a key (resolve_key's form: no spaces, "guestbedroom"), the first place:
 * [*s, *e), or false. */
static bool units_spelled(const struct ground_units *u, const char *key, int *s, int *e)
{
    for (int t = 0; t < u->n; t++)
        if ((*e = units_spell(u, t, key)) >= 0) {
            *s = t;
            return true;
        }
    return false;
}

/* Marks in blocked[] the units the line's free-text slots cover: an item added to a list or a
 * song title names no entity. */
void units_block_text(const struct ground_units *u, const struct intent_line *l,
                      bool *blocked)
{
    for (int i = 0; i < l->n_slots; i++) {
        int s, e;
        if (intent_slot_kind(l->slots[i].name) == INTENT_SLOT_TEXT &&
            units_find(u, l->slots[i].value, &s, &e))
            for (int t = s; t < e; t++) blocked[t] = true;
    }
}

/* Chinese words for a kind of device, as the model learns them (data/templates/zh-CN.tpl: lights,
 * fans, coverkind, switches, locks), with the domain and device class they stand for. */
static const struct resolve_kind {
    const char *word, *domain, *device_class;
} resolve_kinds_zh[] = {
    {"灯", "light", NULL},          {"灯光", "light", NULL},        {"电灯", "light", NULL},
    {"照明", "light", NULL},        {"灯泡", "light", NULL},        {"风扇", "fan", NULL},
    {"电扇", "fan", NULL},          {"吊扇", "fan", NULL},          {"百叶窗", "cover", "blind"},
    {"百叶帘", "cover", "blind"},   {"竹帘", "cover", "blind"},     {"窗帘", "cover", "curtain"},
    {"布帘", "cover", "curtain"},   {"纱帘", "cover", "curtain"},   {"窗幔", "cover", "curtain"},
    {"卷帘", "cover", "shade"},     {"遮光帘", "cover", "shade"},   {"遮阳帘", "cover", "shade"},
    {"卷帘门", "cover", "shutter"}, {"外百叶", "cover", "shutter"}, {"车库门", "cover", "garage"},
    {"窗户", "cover", "window"},    {"窗", "cover", "window"},      {"遮阳篷", "cover", "awning"},
    {"雨篷", "cover", "awning"},    {"大门", "cover", "gate"},      {"院门", "cover", "gate"},
    {"开关", "switch", NULL},       {"插座", "switch", NULL},       {"门锁", "lock", NULL},
    {"锁", "lock", NULL},
};

/* Whether the units [s, e) say "<area>的<kind word>" (客厅的窗帘): a room and a kind of device,
 * not a name, though without the 的 they spell one (客厅窗帘). The kind, or NULL. */
static const struct resolve_kind *units_area_de_kind(const struct resolve_registry *r,
                                                     const struct ground_units *u, int s, int e)
{
    for (int k = s + 1; k < e; k++) {
        if (!u->de[k]) continue;
        bool area = false;
        for (int a = 0; a < r->n_area && !area; a++)
            for (int ak = 0; ak < r->area[a].n_keys && !area; ak++)
                area = units_spell(u, s, r->area[a].keys[ak]) == k;
        if (!area) continue;
        for (size_t w = 0; w < sizeof resolve_kinds_zh / sizeof resolve_kinds_zh[0]; w++)
            if (units_spell(u, k, resolve_kinds_zh[w].word) == e) return &resolve_kinds_zh[w];
    }
    return NULL;
}

/* A key worth looking for in an utterance: Chinese names of one character ("灯") are kind
 * words, not names. */
static bool key_groundable(const char *key)
{
    uint32_t cp[RESOLVE_CP_MAX];
    int n = utf8_cps(key, cp, RESOLVE_CP_MAX);
    if (n <= 0) return false;
    return (unsigned char)key[0] < 0x80 || n >= 2;
}

/* "把客厅的窗帘拉开" names the room and a kind, not the entity 客厅窗帘 its units spell without
 * the 的, unless the entity is called so (an alias 客厅的窗帘). */
static bool ground_area_de_kind(const struct resolve_registry *r, const struct ground_units *u,
                                int ent, int s, int e)
{
    return !r->ent[ent].named_de && units_area_de_kind(r, u, s, e);
}

/* The longest stretch of units that spells an entity's name or alias, outside [bs, be) (the
 * units of free-text slots). Every entity whose key spells exactly that stretch is marked in
 * cand. Returns false when the utterance says no entity name. */
bool ground_mention(const struct resolve_registry *r, const struct ground_units *u,
                    const bool *blocked, const bool *eligible, bool *cand, int *ms,
                    int *me)
{
    int best_len = 0;
    *ms = *me = -1;
    for (int i = 0; i < r->n_ent; i++)
        for (int k = 0; eligible[i] && k < r->ent[i].n_keys; k++) {
            const char *key = r->ent[i].keys[k];
            if (!key_groundable(key)) continue;
            int kl = (int)strlen(key);
            for (int s = 0; s < u->n; s++) {
                int e = units_spell(u, s, key);
                if (e < 0 || ground_area_de_kind(r, u, i, s, e)) continue;
                bool free_ = true;
                for (int t = s; t < e; t++)
                    if (blocked[t]) free_ = false;
                if (!free_) continue;
                if (kl > best_len) {
                    best_len = kl;
                    *ms = s, *me = e;
                }
                break;
            }
        }
    if (!best_len) return false;
    for (int i = 0; i < r->n_ent; i++) {
        cand[i] = false;
        for (int k = 0; k < r->ent[i].n_keys; k++)
            if (eligible[i] && units_spell(u, *ms, r->ent[i].keys[k]) == *me &&
                !ground_area_de_kind(r, u, i, *ms, *me))
                cand[i] = true;
    }
    return true;
}

int resolve_said_domains(const struct resolve_registry *r, const char *utterance, char *out,
                         size_t len)
{
    int n_dom = 0;
    if (len) out[0] = 0;
    if (!r || !r->n_ent || !utterance || !len) return 0;
    struct ground_units *u = malloc(sizeof *u);
    bool *eligible = malloc((size_t)r->n_ent * sizeof *eligible);
    bool *cand = malloc((size_t)r->n_ent * sizeof *cand);
    bool blocked[GROUND_UNITS] = {false};
    const char *said[RESOLVE_SAID_DOMAINS_MAX];
    if (!u || !eligible || !cand) goto out;
    ground_units_of(utterance, u);
    for (int i = 0; i < r->n_ent; i++) eligible[i] = r->ent[i].domain != NULL;
    int ms, me;
    /* longest name first; its units are then taken, so "kitchen light" is not also "light" */
    while (n_dom < RESOLVE_SAID_DOMAINS_MAX &&
           ground_mention(r, u, blocked, eligible, cand, &ms, &me)) {
        for (int t = ms; t < me; t++) blocked[t] = true;
        for (int i = 0; i < r->n_ent && n_dom < RESOLVE_SAID_DOMAINS_MAX; i++) {
            if (!cand[i]) continue;
            bool dup = false;
            for (int k = 0; k < n_dom && !dup; k++) dup = !strcmp(said[k], r->ent[i].domain);
            if (!dup) said[n_dom++] = r->ent[i].domain;
        }
    }
    size_t used = 0;
    for (int k = 0; k < n_dom; k++) {
        int w = snprintf(out + used, len - used, "%s%s", k ? " " : "", said[k]);
        if (w < 0 || (size_t)w >= len - used) {
            out[used] = 0; /* cut at a whole domain */
            n_dom = k;
            break;
        }
        used += (size_t)w;
    }
out:
    free(u);
    free(eligible);
    free(cand);
    return n_dom;
}

/* The area or floor whose name or alias the units spell (longest first), outside the entity's
 * name [ns, ne) and the blocked units; -1 when the utterance says none. */
static int ground_place(const struct resolve_item *items, int n, const struct ground_units *u,
                        const bool *blocked, int ns, int ne)
{
    int best = -1, best_len = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < items[i].n_keys; k++) {
            const char *key = items[i].keys[k];
            int kl = (int)strlen(key);
            if (!key_groundable(key) || kl <= best_len) continue;
            for (int s = 0; s < u->n; s++) {
                int e = units_spell(u, s, key);
                if (e < 0 || (s < ne && e > ns)) continue;
                bool free_ = true;
                for (int t = s; t < e; t++)
                    if (blocked[t]) free_ = false;
                if (!free_) continue;
                best = i, best_len = kl;
                break;
            }
        }
    return best;
}

/* Whether the utterance says some unit of span, and each one it says lies inside [ms, me): a
 * registry name the decoder offered for one of its words ("ground floor" in "turn on the floor
 * lamp", where "floor" belongs to the lamp's name) says no place. */
static bool only_inside(const struct ground_units *u, const char *span, int ms, int me)
{
    struct ground_units *su = malloc(sizeof *su);
    bool inside = false, outside = false;
    if (!su) return false;
    ground_units_of(span, su);
    for (int k = 0; k < su->n && !outside; k++)
        for (int t = 0; t < u->n; t++)
            if (!strcmp(u->buf + u->off[t], su->buf + su->off[k])) {
                if (t >= ms && t < me) inside = true;
                else outside = true;
            }
    free(su);
    return inside && !outside;
}

/* The area (or floor) the grounded line keeps: the model's, when the entity's name does not
 * cover its words and it is in the house, else one the utterance says apart from the name
 * (the model's span may be cut short: "老人房里面"). NULL when there is none to keep. */
static const char *ground_keep(const struct resolve_registry *r, bool floor,
                               const struct ground_units *u, const bool *blocked,
                               const char *span, int ms, int me)
{
    int s, e;
    if (span && units_find(u, span, &s, &e) && s >= ms && e <= me) return NULL;
    if (span && !units_find(u, span, &s, &e) && only_inside(u, span, ms, me)) span = NULL;
    const char *canon = span ? (floor ? resolve_floor(r, span) : resolve_area(r, span)) : NULL;
    if (canon) return canon;
    int i = floor ? ground_place(r->floor, r->n_floor, u, blocked, ms, me)
                  : ground_place(r->area, r->n_area, u, blocked, ms, me);
    return i < 0 ? NULL : floor ? r->floor[i].name : r->area[i].name;
}

/* Whether a combination with exactly these slots takes a name of that domain: the first one
 * with the mask may not (HassGetState's name + state is name_state, for devices, and name_zone,
 * for people), so every one is asked. No name_domains: any domain. */
static bool combo_takes(const struct intent_def *d, uint32_t mask, const char *domain)
{
    for (int i = 0; i < d->n_combos; i++) {
        const struct intent_combo *c = &d->combos[i];
        if (c->mask != mask) continue;
        if (!c->name_domains || !c->name_domains[0] ||
            in_list((const char *const *)c->name_domains, domain))
            return true;
    }
    return false;
}

static bool slot_is_target(const char *name)
{
    return !strcmp(name, "area") || !strcmp(name, "floor") || !strcmp(name, "domain") ||
           !strcmp(name, "device_class");
}

/* A question about a state or the temperature that says a sensor's whole name or alias ("what's
 * the outdoor temperature" with the sensor Outdoor Temperature; cand marks the entities the
 * utterance names, see ground_mention): that sensor's state is the answer, whatever the model
 * asked of the room or kind. HassGetState with the name (and the state asked, if any) is
 * written to *out; false when no sensor is said. */
static bool ground_sensor(const struct resolve_registry *r, const struct intent_line *l,
                          const bool *cand, struct intent_line *out)
{
    static const char *const sensors[] = {"sensor", "binary_sensor", NULL};
    if (strcmp(l->intent, "HassGetState") && strcmp(l->intent, "HassClimateGetTemperature"))
        return false;
    const char *area = intent_line_get(l, "area");
    struct ent_pref p = {area ? resolve_area(r, area) : NULL, NULL, NULL, NULL};
    int pick = -1, pick_score = 1 << 30;
    for (int i = 0; i < r->n_ent; i++) {
        if (!cand[i] || !in_list(sensors, r->ent[i].domain)) continue;
        int sc = ent_penalty(r, &r->ent[i], &p);
        if (sc < pick_score) pick = i, pick_score = sc;
    }
    if (pick < 0) return false;
    const char *state = intent_line_get(l, "state");
    memset(out, 0, sizeof *out);
    snprintf(out->intent, sizeof out->intent, "HassGetState");
    return intent_line_add(out, "name", r->ent[pick].name) == HUB_OK &&
           (!state || intent_line_add(out, "state", state) == HUB_OK);
}

/* The line with the said entity name in it (see resolve.h), written to *out; false when the
 * line stays as it is. */
bool ground_line(const struct resolve_registry *r, const struct intent_def *d,
                 const struct intent_line *l, const char *utterance, const char *avoid,
                 struct intent_line *out)
{
    if (!d || !utterance || !l->intent[0] || strstr(l->intent, "Timer") ||
        intent_line_get(l, "name"))
        return false;
    int name_bit = intent_slot_index("name");
    if (name_bit < 0 || !(d->slots & (1u << name_bit)) || !r->n_ent) return false;
    struct ground_units *u = malloc(sizeof *u);
    bool *blocked = calloc(GROUND_UNITS, sizeof *blocked);
    bool *cand = calloc((size_t)r->n_ent, sizeof *cand);
    bool *eligible = calloc((size_t)r->n_ent, sizeof *eligible);
    bool done = false;
    if (!u || !blocked || !cand || !eligible) goto out;
    ground_units_of(utterance, u);
    /* free text ("add lamp oil to the list", a song title) names nothing, nor does avoid */
    units_block_text(u, l, blocked);
    int as, ae;
    if (avoid && units_find(u, avoid, &as, &ae))
        for (int t = as; t < ae; t++) blocked[t] = true;
    /* only entities the intent can take a name of: "is Sam home" in a house whose weather
     * entity is called Home is about Sam */
    static const char *const sensors[] = {"sensor", "binary_sensor", NULL};
    bool asks_state = !strcmp(l->intent, "HassGetState") ||
                      !strcmp(l->intent, "HassClimateGetTemperature"); /* see ground_sensor */
    for (int i = 0; i < r->n_ent; i++) {
        eligible[i] = asks_state && in_list(sensors, r->ent[i].domain);
        for (int c = 0; c < d->n_combos && !eligible[i]; c++)
            if (d->combos[c].mask & (1u << name_bit))
                eligible[i] = combo_takes(d, d->combos[c].mask, r->ent[i].domain);
    }
    int ms, me;
    if (!ground_mention(r, u, blocked, eligible, cand, &ms, &me)) goto out;
    int n_people = 0;
    for (int i = 0; i < r->n_ent; i++)
        if (cand[i] && r->ent[i].domain && !strcmp(r->ent[i].domain, "person")) n_people++;
    if (ground_sensor(r, l, cand, out)) {
        done = true;
        goto out;
    }
    /* the area / floor: kept when said apart from the name, dropped when the name's words
     * cover it ("living room" in "living room blinds"); see ground_keep */
    const char *area_span = intent_line_get(l, "area"), *floor_span = intent_line_get(l, "floor");
    const char *domain = intent_line_get(l, "domain");
    const char *area = NULL, *floor_name = NULL;
    if (area_span || !floor_span) area = ground_keep(r, false, u, blocked, area_span, ms, me);
    if (floor_span) floor_name = ground_keep(r, true, u, blocked, floor_span, ms, me);
    bool keep_area = area != NULL, keep_floor = floor_name != NULL;
    /* "open the garden tap" heard as the Garden's blinds, "the bedroom ac" as the Bedroom's
     * lights: the model's area is a word of the name said, and the house has nothing of the
     * model's kind there; the kind was a guess from the name's other words, the name is meant */
    bool kind_guessed = false;
    if (domain && area_span) {
        const char *a = resolve_area(r, area_span);
        int s, e;
        kind_guessed = a && units_find(u, area_span, &s, &e) && s >= ms && e <= me &&
                       !house_has_kind(r, domain, intent_line_get(l, "device_class"), a);
    }
    /* an area the intent acts on (clean the kitchen) says nothing of where the device is */
    int area_bit = intent_slot_index("area");
    bool area_is_target = area_bit >= 0 && (d->required & (1u << area_bit));
    uint32_t rest = 0;
    for (int i = 0; i < l->n_slots; i++) {
        int b = intent_slot_index(l->slots[i].name); /* -1: a rule slot, not the action's */
        if (b >= 0 && !slot_is_target(l->slots[i].name)) rest |= 1u << b;
    }
    uint32_t name_m = 1u << name_bit;
    uint32_t area_m = area_bit >= 0 ? 1u << area_bit : 0;
    uint32_t floor_m = 1u << intent_slot_index("floor");
    /* name with the kept area and floor first, then with one of them, then the name alone */
    uint32_t a_m = keep_area ? area_m : 0, f_m = keep_floor ? floor_m : 0;
    uint32_t tries[4] = {rest | name_m | a_m | f_m, rest | name_m | a_m, rest | name_m | f_m,
                         rest | name_m};
    for (int t = 0; t < 4 && !done; t++) {
        bool seen = false;
        for (int p = 0; p < t; p++)
            if (tries[p] == tries[t]) seen = true;
        if (seen) continue;
        if (!intent_def_combo(d, tries[t])) continue;
        bool with_area = (tries[t] & area_m) && area_m;
        int pick = -1, pick_score = 1 << 30;
        for (int i = 0; i < r->n_ent; i++) {
            if (!cand[i]) continue;
            const struct resolve_item *ent = &r->ent[i];
            if (!combo_takes(d, tries[t], ent->domain)) continue;
            /* two people of the same name: the hub does not guess which one is meant */
            if (ent->domain && !strcmp(ent->domain, "person") && n_people > 1) continue;
            /* a kind the model heard ("blinds": cover) must be the entity's, unless a guess */
            if (domain && !kind_guessed && (!ent->domain || strcmp(domain, ent->domain))) continue;
            int sc = 0;
            bool elsewhere = !area || !ent->area || strcmp(ent->area, area);
            if (with_area && elsewhere) {
                if (!area_is_target) continue;
                sc = 1;
            }
            /* a room said apart from the name is dropped only where the device is in it
             * (mute has no name + area); "the lamp in the kitchen" is no lamp elsewhere */
            if (keep_area && !with_area && elsewhere && !area_is_target) continue;
            if (sc < pick_score) pick = i, pick_score = sc;
        }
        if (pick < 0) continue;
        memset(out, 0, sizeof *out);
        snprintf(out->intent, sizeof out->intent, "%s", l->intent);
        bool ok = intent_line_add(out, "name", r->ent[pick].name) == HUB_OK;
        if (ok && (tries[t] & area_m)) ok = intent_line_add(out, "area", area) == HUB_OK;
        if (ok && (tries[t] & floor_m)) ok = intent_line_add(out, "floor", floor_name) == HUB_OK;
        for (int i = 0; i < l->n_slots && ok; i++) {
            const char *sn = l->slots[i].name;
            int b = intent_slot_index(sn);
            if (b < 0 || slot_is_target(sn) || !(tries[t] & (1u << b))) continue;
            ok = intent_line_add(out, sn, l->slots[i].value) == HUB_OK;
        }
        done = ok;
    }
out:
    free(u);
    free(blocked);
    free(cand);
    free(eligible);
    return done;
}

/* ---- repair: spans the model cut short or shifted, mended from the utterance ---- */

/* Whether the key is one of the items' keys exactly. */
static bool item_key_exact(const struct resolve_item *items, int n, const char *key)
{
    for (int i = 0; key[0] && i < n; i++)
        for (int k = 0; k < items[i].n_keys; k++)
            if (!strcmp(items[i].keys[k], key)) return true;
    return false;
}

/* Whether the words right before unit s link a name to the sentence (a preposition, 在, 把), or
 * are a filler, please or a verb said before it, rather than qualifying it ("desk" of "desk
 * lamp"): a name may follow them inside a span copied too long (唔琴房, 清空娱乐室). A Chinese
 * unit is one character, so a link of several characters is matched over as many units. */
static bool link_before(const struct ground_units *u, int s)
{
    static const char *const links[] = {
        "on", "in", "at", "to", "of", "over", "all", "across", "throughout", "inside", "within",
        "around", "for", "from", "by", "near", "into", "onto", "through", "upstairs",
        "downstairs", "down", "up", "off", "and", "is", "are", "my", "our",
        "um", "uh", "er", "erm", "hmm", "oh", "ok", "okay", "hey", "please",
        "turn", "switch", "set", "put", "make", "take", "get", "spin", "start", "stop", "open",
        "close", "lock", "unlock", "pause", "resume", "play", "mute", "unmute",
        "在", "把", "给", "让", "将", "到", "从", "对", "和", "跟", "帮", "用",
        "唔", "嗯", "呃", "啊", "哦", "喂", "嘿", "请", "麻烦", "劳驾",
        "打开", "关闭", "关掉", "关上", "开启", "断开", "清空", "启动", "停止", "暂停", NULL};
    for (int i = 0; links[i]; i++)
        for (int k = 1; k <= 2 && k <= s; k++)
            if (units_spell(u, s - k, links[i]) == s) return true;
    return false;
}

/* The stretch of the utterance [*cs, *ce) that spells a name or alias of items and lies around
 * the span's units [ss, se): one that covers the span wins over one that only overlaps it (by
 * at least half the span, reaching past it), then the most shared units, then the longest
 * stretch. A span that already names an item (exact) takes only a longer stretch covering it.
 * loose (for a span that names nothing): instead any stretch of which the span holds at least
 * half, the most shared units first: the span starts inside a name and runs on ("fan at 60" of
 * "victor's fan at 60"), or holds the name with words around it ("neon sign down", "cold on
 * main floor"; what comes right before the name must be a linking word, see link_before).
 * Every item spelling the chosen stretch is marked in cand. False when there is none. */
static bool said_around(const struct resolve_item *items, int n, const struct ground_units *u,
                        const bool *blocked, int ss, int se, bool exact, bool loose,
                        bool *cand, int *cs, int *ce)
{
    int best = -1; /* covering * 10000 + shared * 100 + stretch units */
    for (int i = 0; i < n; i++)
        for (int k = 0; k < items[i].n_keys; k++) {
            const char *key = items[i].keys[k];
            if (!key_groundable(key)) continue;
            for (int s = 0; s < se; s++) {
                int e = units_spell(u, s, key);
                if (e <= ss) continue;
                int shared = (e < se ? e : se) - (s > ss ? s : ss);
                bool covers = s <= ss && e >= se;
                if (loose) {
                    if (2 * shared < e - s || (s == ss && e == se)) continue;
                    /* a name inside the span after a word that may qualify it is no name:
                     * "desk lamp" is not the Lamp, "guest bedroom" not the Bedroom */
                    if (s > ss && e <= se && !link_before(u, s)) continue;
                } else {
                    if (s >= ss && e <= se) continue; /* inside the span: not a longer name */
                    if (exact && !covers) continue;
                    if (!covers && 2 * shared < se - ss) continue;
                }
                bool free_ = true;
                for (int t = s; t < e; t++)
                    if (blocked[t]) free_ = false;
                if (!free_) continue;
                int sc = (covers ? 10000 : 0) + shared * 100 + (e - s);
                if (sc > best) best = sc, *cs = s, *ce = e;
            }
        }
    if (best < 0) return false;
    for (int i = 0; i < n; i++) {
        cand[i] = false;
        for (int k = 0; k < items[i].n_keys; k++)
            if (key_groundable(items[i].keys[k]) && units_spell(u, *cs, items[i].keys[k]) == *ce)
                cand[i] = true;
    }
    return true;
}

/* The stretch said around the span (see said_around) at one of the places the utterance says
 * the span. A span that names an item exactly changes only when every place it is said lies
 * inside a longer name ("the loft" said alone and in "loft room drapes" stays the Loft); one
 * that names nothing (resolves false) also takes a loose stretch. */
static bool said_for_span(const struct resolve_item *items, int n, const struct ground_units *u,
                          const bool *blocked, const char *span, bool resolves, bool *cand,
                          int *cs, int *ce)
{
    char key[RESOLVE_KEY_MAX];
    int at[16], len, found = -1;
    resolve_key(span, key, sizeof key);
    bool exact = item_key_exact(items, n, key);
    int occ = units_occurrences(u, span, at, 16, &len);
    for (int o = 0; o < occ; o++) {
        int s, e;
        if (said_around(items, n, u, blocked, at[o], at[o] + len, exact, false, cand, &s, &e)) {
            if (found < 0) found = o, *cs = s, *ce = e;
        } else if (exact) {
            return false;
        }
    }
    if (found >= 0) /* marks of the stretch kept */
        return said_around(items, n, u, blocked, at[found], at[found] + len, exact, false, cand,
                           cs, ce);
    for (int o = 0; o < occ && !resolves; o++)
        if (said_around(items, n, u, blocked, at[o], at[o] + len, exact, true, cand, cs, ce))
            return true;
    return false;
}

/* The item a place span (area or floor) stands for when the utterance says a longer name of
 * it there ("室" of "卧室"), or, when the span names nothing (resolves false), a name inside it
 * ("studio on"); -1 when the span stays. */
static int repair_place(const struct resolve_item *items, int n, const struct ground_units *u,
                        const bool *blocked, const char *span, bool resolves)
{
    int cs, ce, pick = -1;
    bool *cand = calloc((size_t)n + 1, sizeof *cand);
    if (cand && said_for_span(items, n, u, blocked, span, resolves, cand, &cs, &ce))
        for (int i = 0; i < n && pick < 0; i++)
            if (cand[i]) pick = i;
    free(cand);
    return pick;
}

/* The entity whose name the utterance says around the name span (see resolve.h). */
static int repair_entity(const struct resolve_registry *r, const struct ground_units *u,
                         const bool *blocked, const char *span, const char *area_hint,
                         const char *context_area, const char *const *domains, int *cs, int *ce)
{
    int pick = -1, pick_score = 1 << 30;
    bool *cand = calloc((size_t)r->n_ent + 1, sizeof *cand);
    struct ent_pref p = {area_hint, NULL, context_area, NULL};
    bool resolves = resolve_entity(r, span, area_hint, NULL, context_area, domains) != NULL;
    if (cand && said_for_span(r->ent, r->n_ent, u, blocked, span, resolves, cand, cs, ce))
        for (int i = 0; i < r->n_ent; i++) {
            if (!cand[i]) continue;
            if (domains && domains[0] && !in_list(domains, r->ent[i].domain)) continue;
            int sc = ent_penalty(r, &r->ent[i], &p);
            if (sc < pick_score) pick = i, pick_score = sc;
        }
    free(cand);
    return pick;
}

const char *resolve_entity_said(const struct resolve_registry *r, const char *span,
                                const char *utterance, const char *area_hint,
                                const char *const *domains)
{
    struct ground_units *u = malloc(sizeof *u);
    bool *blocked = calloc(GROUND_UNITS, sizeof *blocked);
    int cs, ce, i = -1;
    if (u && blocked && span && utterance && r->n_ent) {
        ground_units_of(utterance, u);
        i = repair_entity(r, u, blocked, span, area_hint, NULL, domains, &cs, &ce);
    }
    free(u);
    free(blocked);
    return i >= 0 ? r->ent[i].name : NULL;
}

/* Copies l into out with the slot's value replaced; false when the line has no such slot. */
bool line_with(const struct intent_line *l, const char *slot, const char *value,
               struct intent_line *out)
{
    *out = *l;
    for (int i = 0; i < out->n_slots; i++)
        if (!strcmp(out->slots[i].name, slot)) {
            snprintf(out->slots[i].value, sizeof out->slots[i].value, "%s", value);
            return true;
        }
    return false;
}

/* Copies l into out without the slots whose bits are in drop. */
bool line_without(const struct intent_line *l, uint32_t drop, struct intent_line *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->intent, sizeof out->intent, "%s", l->intent);
    for (int i = 0; i < l->n_slots; i++) {
        int b = intent_slot_index(l->slots[i].name);
        if (b >= 0 && (drop & (1u << b))) continue;
        if (intent_line_add(out, l->slots[i].name, l->slots[i].value) != HUB_OK) return false;
    }
    return true;
}

/* A name span that says "<area>的<kind word>" ("打开客厅的窗帘" copied as name=客厅的窗帘,
 * which resolve_key reads as the entity 客厅窗帘): the room and the kind the speaker named
 * instead (area=客厅, domain=cover, device_class=curtain), when the intent has that combination
 * and no entity is called so. Written to *out; false when the line stays. */
bool de_kind_line(const struct resolve_registry *r, const struct intent_def *d,
                  const struct intent_line *l, struct intent_line *out)
{
    const char *name = intent_line_get(l, "name");
    if (!d || !name || strstr(l->intent, "Timer") || !strstr(name, "的")) return false;
    char key[RESOLVE_KEY_MAX];
    resolve_key(name, key, sizeof key);
    for (int i = 0; i < r->n_ent; i++)
        if (r->ent[i].named_de && item_key_exact(&r->ent[i], 1, key)) return false;
    struct ground_units *su = malloc(sizeof *su);
    if (!su) return false;
    ground_units_of(name, su);
    const struct resolve_kind *kind = units_area_de_kind(r, su, 0, su->n);
    free(su);
    if (!kind) return false;
    /* the room: the span before its last 的 (no kind word has one) */
    char area[INTENT_LINE_MAX];
    const char *de = name, *p;
    while ((p = strstr(de, "的")) != NULL && strstr(p + strlen("的"), "的"))
        de = p + strlen("的");
    de = strstr(de, "的");
    snprintf(area, sizeof area, "%.*s", (int)(de - name), name);
    uint32_t drop = 0;
    static const char *const targets[] = {"name", "area", "domain", "device_class"};
    for (int i = 0; i < 4; i++)
        drop |= 1u << intent_slot_index(targets[i]);
    bool ok =
        line_without(l, drop, out) && intent_line_add(out, "area", area) == HUB_OK &&
        intent_line_add(out, "domain", kind->domain) == HUB_OK &&
        (!kind->device_class || intent_line_add(out, "device_class", kind->device_class) == HUB_OK);
    return ok && intent_def_combo(d, intent_line_mask(out));
}

/* English plural kind words (data/templates/en.tpl's kinds): "is the plugs on" copied as
 * name=plugs asks about the switches. */
static const struct resolve_kind resolve_kinds_en[] = {
    {"lights", "light", NULL},         {"lamps", "light", NULL},
    {"fans", "fan", NULL},             {"switches", "switch", NULL},
    {"plugs", "switch", NULL},         {"blinds", "cover", "blind"},
    {"curtains", "cover", "curtain"},  {"shades", "cover", "shade"},
    {"shutters", "cover", "shutter"},  {"windows", "cover", "window"},
    {"garage doors", "cover", "garage"}, {"awnings", "cover", "awning"},
    {"gates", "cover", "gate"},        {"locks", "lock", NULL},
};

/* The longest Chinese kind word the utterance says that holds the span as a part of it: the
 * model copies a character or two of a word it does not know (name=阳 of 遮阳帘); NULL when none
 * is said. */
static const struct resolve_kind *said_kind_holding(const char *utterance, const char *span)
{
    const struct resolve_kind *kind = NULL;
    size_t n = strlen(span);
    for (size_t w = 0; n && w < sizeof resolve_kinds_zh / sizeof resolve_kinds_zh[0]; w++) {
        const char *word = resolve_kinds_zh[w].word;
        if (strlen(word) > n && strstr(word, span) && strstr(utterance, word) &&
            (!kind || strlen(word) > strlen(kind->word)))
            kind = &resolve_kinds_zh[w];
    }
    return kind;
}

/* A name span that is a kind of device said as many ("让露台里的吸顶灯们亮到三十五" copied as
 * name=吸顶灯, "把所有的吊灯和台灯打开" as name=灯, "is the plugs on" as name=plugs): the kind
 * (domain=light), not a device the house lacks. Chinese compounds end in their kind (a 吸顶灯 is
 * a 灯), and 们 after the span or 所有 / 全部 / 每个 in the utterance says many; English says it
 * with the plural (the span is the plural kind word, "the" aside). One device said so stays a
 * name, for the house to have or not ("打开台灯", "turn on the heater" in a house without one
 * is no order for every light), except a Chinese class of cover (遮阳帘, 竹帘): covers carry
 * their class, so the house has one of that class or none. The span may be a part of the kind
 * word said (said_kind_holding). Only a span that names no entity, and only where the intent
 * has the kind's combination. */
bool kind_name_line(const struct resolve_registry *r, const struct intent_def *d,
                    const struct intent_line *l, const char *utterance, struct intent_line *out)
{
    static const char *const many[] = {"所有", "全部", "每个", "每一个", NULL};
    const char *name = intent_line_get(l, "name");
    if (!d || !name || !utterance || strstr(l->intent, "Timer") ||
        resolve_entity(r, name, NULL, NULL, NULL, NULL))
        return false;
    char span[INTENT_LINE_MAX];
    snprintf(span, sizeof span, "%s", name);
    size_t n = strlen(span), ml = strlen("们");
    if (n > ml && !strcmp(span + n - ml, "们")) span[n -= ml] = 0;
    const struct resolve_kind *kind = NULL;
    const char *word = span; /* the English plural, after "all" and "the" */
    if (!strncasecmp(word, "all ", 4)) word += 4;
    if (!strncasecmp(word, "the ", 4)) word += 4;
    for (size_t w = 0; w < sizeof resolve_kinds_en / sizeof resolve_kinds_en[0]; w++)
        if (!strcasecmp(word, resolve_kinds_en[w].word)) kind = &resolve_kinds_en[w];
    if (!kind) { /* Chinese: the longest kind word the span ends in, said as many */
        for (size_t w = 0; w < sizeof resolve_kinds_zh / sizeof resolve_kinds_zh[0]; w++) {
            size_t wl = strlen(resolve_kinds_zh[w].word);
            if (wl <= n && !strcmp(span + n - wl, resolve_kinds_zh[w].word) &&
                (!kind || wl > strlen(kind->word)))
                kind = &resolve_kinds_zh[w];
        }
        if (!kind) kind = said_kind_holding(utterance, span);
        char plural[INTENT_LINE_MAX + 8];
        snprintf(plural, sizeof plural, "%s们", span);
        /* a class of cover is one the house's covers carry, said of one or many */
        if (!kind || (!kind->device_class && !strstr(utterance, plural) &&
                      !says_any(utterance, many)))
            return false;
    }
    uint32_t drop = (1u << intent_slot_index("name")) | kind_mask();
    bool ok =
        line_without(l, drop, out) && intent_line_add(out, "domain", kind->domain) == HUB_OK &&
        (!kind->device_class || intent_line_add(out, "device_class", kind->device_class) == HUB_OK);
    return ok && intent_def_combo(d, intent_line_mask(out));
}

/* The class of cover the utterance says, where the line has another: "把所有的竹帘拉开" decoded as
 * curtains (竹帘 are blinds). The model learnt a few words per class and guesses for the rest;
 * the word said decides. Chinese kind words only (resolve_kinds_zh), the longest at each place;
 * the line stays when the utterance says none, or covers of two classes. */
bool said_class_line(const struct intent_line *l, const char *utterance, struct intent_line *out)
{
    const char *domain = intent_line_get(l, "domain"), *cls = intent_line_get(l, "device_class");
    if (!utterance || !domain || !cls || strcmp(domain, "cover") || intent_line_get(l, "name"))
        return false;
    struct ground_units *u = malloc(sizeof *u);
    if (!u) return false;
    ground_units_of(utterance, u);
    const char *said = NULL;
    bool two = false;
    for (int k = 0; k < u->n && !two;) {
        const struct resolve_kind *best = NULL;
        int best_e = -1;
        for (size_t w = 0; w < sizeof resolve_kinds_zh / sizeof resolve_kinds_zh[0]; w++) {
            int e = units_spell(u, k, resolve_kinds_zh[w].word);
            if (e > best_e) best = &resolve_kinds_zh[w], best_e = e;
        }
        if (!best) {
            k++;
            continue;
        }
        if (!strcmp(best->domain, "cover") && best->device_class) {
            two = said && strcmp(said, best->device_class);
            said = best->device_class;
        }
        k = best_e;
    }
    free(u);
    if (two || !said || !strcmp(said, cls)) return false;
    return line_with(l, "device_class", said, out);
}

/* The line with its name, area and floor spans mended from the utterance (see resolve.h),
 * written to *out; false when nothing changed. */
bool repair_line(const struct resolve_registry *r, const struct intent_def *d,
                 const struct intent_line *l, const char *utterance,
                 const char *context_area, struct intent_line *out)
{
    if (!utterance || !l->intent[0]) return false;
    struct ground_units *u = malloc(sizeof *u);
    bool *blocked = calloc(GROUND_UNITS, sizeof *blocked);
    struct intent_line *work = malloc(sizeof *work);
    bool changed = false;
    if (!u || !blocked || !work) goto out;
    ground_units_of(utterance, u);
    units_block_text(u, l, blocked);
    *work = *l;
    /* areas and floors first: the name's pick may depend on the room */
    static const char *const places[] = {"area", "floor"};
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < work->n_slots; i++) {
            if (strcmp(work->slots[i].name, places[p])) continue;
            const char *v = work->slots[i].value;
            int k = p ? repair_place(r->floor, r->n_floor, u, blocked, v, resolve_floor(r, v))
                      : repair_place(r->area, r->n_area, u, blocked, v, resolve_area(r, v));
            const char *canon = k < 0 ? NULL : p ? r->floor[k].name : r->area[k].name;
            if (canon && strcmp(canon, work->slots[i].value)) {
                snprintf(work->slots[i].value, sizeof work->slots[i].value, "%s", canon);
                changed = true;
            }
        }
    const char *name = strstr(l->intent, "Timer") ? NULL : intent_line_get(work, "name");
    if (name && r->n_ent) {
        int area_bit = intent_slot_index("area"), floor_bit = intent_slot_index("floor");
        int dom_bit = intent_slot_index("domain"), dc_bit = intent_slot_index("device_class");
        uint32_t area_m = 1u << area_bit, floor_m = 1u << floor_bit;
        uint32_t kind_m = (1u << dom_bit) | (1u << dc_bit);
        const char *area = intent_line_get(work, "area");
        const char *area_canon = area ? resolve_area(r, area) : NULL;
        int cs, ce, pick = repair_entity(r, u, blocked, name, area_canon, context_area, NULL,
                                         &cs, &ce);
        /* a name that resolves as it is keeps its value; only the places inside it may go */
        bool keep_name = pick < 0 &&
                         resolve_entity(r, name, area_canon, NULL, context_area, NULL) &&
                         units_find(u, name, &cs, &ce);
        if (pick >= 0 || keep_name) {
            /* an area or floor whose words are part of the said name ("客厅" of 客厅空调) goes,
             * unless the utterance also says it apart from the name */
            uint32_t inside = 0;
            for (int p = 0; p < 2; p++) {
                const char *v = intent_line_get(l, places[p]);
                int s, e;
                if (v && !units_find_outside(u, v, cs, ce, &s, &e) &&
                    units_find(u, v, &s, &e))
                    inside |= p ? floor_m : area_m;
            }
            uint32_t tries[3] = {inside, inside | area_m | floor_m,
                                 inside | area_m | floor_m | kind_m};
            for (int t = 0; t < (keep_name ? (inside ? 1 : 0) : 3); t++) {
                struct intent_line *cand = malloc(sizeof *cand);
                if (!cand) break;
                bool ok = line_without(work, tries[t], cand);
                const struct intent_combo *combo =
                    ok && d ? intent_def_combo(d, intent_line_mask(cand)) : NULL;
                const char *const *domains =
                    combo ? (const char *const *)combo->name_domains : NULL;
                int e = pick;
                if (ok && d && !combo) ok = false;
                if (ok && keep_name) {
                    *work = *cand;
                    changed = true;
                } else if (ok && !combo_takes(d, intent_line_mask(cand), r->ent[e].domain)) {
                    /* another entity said with the same words, of a domain the intent takes
                     * (every combination with these slots asked: HassGetState's name + state
                     * takes devices in one and people in another) */
                    e = repair_entity(r, u, blocked, name, area_canon, context_area, domains,
                                      &cs, &ce);
                    ok = e >= 0;
                }
                if (ok && !keep_name) {
                    for (int i = 0; i < cand->n_slots; i++)
                        if (!strcmp(cand->slots[i].name, "name"))
                            snprintf(cand->slots[i].value, sizeof cand->slots[i].value, "%s",
                                     r->ent[e].name);
                    *work = *cand;
                    changed = true;
                }
                free(cand);
                if (ok) break;
            }
        }
    }
    if (changed) *out = *work;
out:
    free(u);
    free(blocked);
    free(work);
    return changed;
}

/* A name the utterance does not say, where it says another entity's name: 打开卧室窗帘 decoded
 * as name=客厅窗帘 (a registry name the decoder offers whether said or not). The line is grounded
 * again without its name (ground_line), and kept as it is when nothing is said by name. */
bool unsaid_name_line(const struct resolve_registry *r, const struct intent_def *d,
                      const struct intent_line *l, const char *utterance,
                      struct intent_line *out)
{
    const char *name = intent_line_get(l, "name");
    if (!d || !utterance || !name || strstr(l->intent, "Timer") || !r->n_ent) return false;
    struct ground_units *u = malloc(sizeof *u);
    struct intent_line *bare = malloc(sizeof *bare);
    bool done = false;
    int s, e;
    if (!u || !bare) goto out;
    ground_units_of(utterance, u);
    if (units_find(u, name, &s, &e)) goto out;
    /* a name said in other words (an alias, a plural, a slip) resolves from the span */
    for (int i = 0; i < r->n_ent && !done; i++)
        for (int k = 0; k < r->ent[i].n_keys; k++)
            if (!strcmp(r->ent[i].name, name) && units_spelled(u, r->ent[i].keys[k], &s, &e))
                goto out;
    const char *said = NULL;
    done = line_without(l, 1u << intent_slot_index("name"), bare) &&
           ground_line(r, d, bare, utterance, NULL, out) && (said = intent_line_get(out, "name")) &&
           strcmp(said, name);
out:
    free(u);
    free(bare);
    return done;
}

/* Whether the entity grounded in *g is the one the speaker means, not a landmark the model's
 * name span (in l) is placed by: "turn on the kettle next to the coffee maker" (咖啡机旁边的水壶)
 * in a house without a kettle is a device the house lacks, not the coffee maker. The words
 * between the span and the entity say which: a word of place or company there keeps the line
 * as it is (null). */
static bool name_not_landmark(const struct resolve_registry *r, const struct intent_line *l,
                              const struct intent_line *g, const char *utterance)
{
    static const char *const relation[] = {
        "next", "near", "beside", "by", "behind", "under", "above", "below", "close", "beneath",
        "opposite", "between", "with", "and", "旁边", "边上", "附近", "对面", "隔壁", "后面",
        "前面", "下面", "上面", "和", "跟", NULL};
    const struct resolve_item *ent = entity_named(r, intent_line_get(g, "name"));
    struct ground_units *u = malloc(sizeof *u);
    bool ok = false;
    int ss, se, ms = -1, me = -1;
    if (!u || !ent) goto out;
    ground_units_of(utterance, u);
    ok = true;
    if (!units_find(u, intent_line_get(l, "name"), &ss, &se)) goto out;
    /* a span inside the free text is the item or message, no device of its own */
    bool *text = calloc(GROUND_UNITS, sizeof *text);
    if (text) units_block_text(u, l, text);
    bool in_text = text && text[ss];
    free(text);
    if (in_text) goto out;
    for (int k = 0; k < ent->n_keys && ms < 0; k++)
        for (int t = 0; t < u->n && ms < 0; t++)
            if ((t >= se || t < ss) && (me = units_spell(u, t, ent->keys[k])) >= 0) ms = t;
    if (ms < 0) goto out;
    int from = ms >= se ? se : me, to = ms >= se ? ms : ss;
    for (int t = from; t < to && ok; t++)
        for (int w = 0; relation[w] && ok; w++) {
            int e = units_spell(u, t, relation[w]);
            ok = e < 0 || e > to;
        }
out:
    free(u);
    return ok;
}

/* A name span that names nothing in the house, where the model pointed at the wrong words
 * ("Run exhaust fan at twenty" written as name=Run, 药店里不需要猫砂了 as name=猫砂 beside
 * item=猫砂). A place the span spells takes the area (or floor) slot where the intent has that
 * combination ("jump back one song in the library" as name=library); else the line is grounded
 * again without the name (ground_line) with the span's own words saying nothing, so that "the
 * desk lamp" in a house with only a Lamp stays null. Written to *out; false when the line stays. */
bool name_lost_line(const struct resolve_registry *r, const struct intent_def *d,
                    const struct intent_line *l, const char *utterance,
                    const char *context_area, struct intent_line *out)
{
    const char *name = intent_line_get(l, "name");
    if (!d || !utterance || !name || strstr(l->intent, "Timer")) return false;
    for (int i = 0; i < l->n_slots; i++)
        if (intent_slot_index(l->slots[i].name) < 0) return false; /* a rule's slot */
    const struct intent_combo *combo = intent_def_combo(d, intent_line_mask(l));
    const char *const *domains = combo ? (const char *const *)combo->name_domains : NULL;
    const char *area = intent_line_get(l, "area"), *floor_span = intent_line_get(l, "floor");
    const char *area_canon = area ? resolve_area(r, area) : NULL;
    const char *floor_canon = floor_span ? resolve_floor(r, floor_span) : NULL;
    if (resolve_entity(r, name, area_canon, floor_canon, context_area, domains)) return false;
    struct intent_line *bare = malloc(sizeof *bare);
    bool done = false;
    if (!bare || !line_without(l, 1u << intent_slot_index("name"), bare)) goto out;
    static const char *const places[] = {"area", "floor"};
    const char *place[2] = {resolve_area(r, name), resolve_floor(r, name)};
    for (int p = 0; p < 2 && !done; p++) {
        if (!place[p] || intent_line_get(l, places[p])) continue;
        *out = *bare;
        done = intent_line_add(out, places[p], place[p]) == HUB_OK &&
               intent_def_combo(d, intent_line_mask(out));
    }
    if (!done)
        done = ground_line(r, d, bare, utterance, name, out) &&
               name_not_landmark(r, l, out, utterance);
out:
    free(bare);
    return done;
}

/* A room the utterance says that the line left out: 卧室有多热 decoded as
 * HassClimateGetTemperature with no slot, 打扫一下卧室 as a clean with no room, 工作室那边冰箱门
 * with the name only. Added when the line names no room or floor, is no rule and no named timer,
 * the intent has the combination with the room, and the utterance says one room only, outside
 * its free text and the device's name; with a device named, only the room it is in. */

/* Whether a place other than items[pick] is said too, apart from pick's own words ("from the
 * kitchen to the bedroom", not 卧室 of 主卧室 or "bedroom" of "guest bedroom"): which one is
 * meant would be a guess. */
static bool other_place_said(const struct resolve_item *items, int n, int pick,
                             const struct ground_units *u, const bool *blocked)
{
    for (int i = 0; i < n; i++) {
        if (i == pick || ground_place(&items[i], 1, u, blocked, 0, 0) != 0) continue;
        bool inside = false;
        for (int k = 0; k < items[pick].n_keys && !inside; k++)
            for (int j = 0; j < items[i].n_keys && !inside; j++) {
                int s, e, ps, pe;
                inside = units_spelled(u, items[pick].keys[k], &ps, &pe) &&
                         units_spelled(u, items[i].keys[j], &s, &e) && s >= ps && e <= pe;
            }
        if (!inside) return true;
    }
    return false;
}

/* Is some entity called name (canonical) in that area? */
static bool named_in_area(const struct resolve_registry *r, const char *name, const char *area)
{
    for (int i = 0; name && i < r->n_ent; i++)
        if (!strcmp(r->ent[i].name, name) && r->ent[i].area && !strcmp(r->ent[i].area, area))
            return true;
    return false;
}

/* The one place of items (the areas or the floors) the utterance names, its index, outside
 * the line's free text and the words of its device's name (客厅 of 客厅窗帘); -1 when it names
 * none, -2 when it names two. canon is the device's canonical name (may be NULL). */
static int place_said_of(const struct resolve_registry *r, const struct resolve_item *items,
                         int n_items, const struct intent_line *l, const char *utterance,
                         const char *canon)
{
    const char *name = intent_line_get(l, "name");
    struct ground_units *u = malloc(sizeof *u);
    bool *blocked = calloc(GROUND_UNITS, sizeof *blocked);
    int pick = -1;
    if (!u || !blocked) goto out;
    ground_units_of(utterance, u);
    units_block_text(u, l, blocked);
    const struct resolve_item *ent = entity_named(r, canon);
    if (name) {
        int s, e;
        if (units_find(u, name, &s, &e))
            for (int t = s; t < e; t++) blocked[t] = true;
        for (int k = 0; ent && k < ent->n_keys; k++)
            if (units_spelled(u, ent->keys[k], &s, &e))
                for (int t = s; t < e; t++) blocked[t] = true;
    }
    pick = ground_place(items, n_items, u, blocked, 0, 0);
    if (pick >= 0 && other_place_said(items, n_items, pick, u, blocked)) pick = -2;
out:
    free(u);
    free(blocked);
    return pick;
}

bool place_said_line(const struct resolve_registry *r, const struct intent_def *d,
                     const struct intent_line *l, const char *utterance,
                     struct intent_line *out)
{
    int area_bit = intent_slot_index("area"), floor_bit = intent_slot_index("floor");
    const char *name = intent_line_get(l, "name");
    if (!d || !utterance || area_bit < 0 || floor_bit < 0 || intent_line_get(l, "area") ||
        intent_line_get(l, "floor") || (name && strstr(l->intent, "Timer")))
        return false;
    uint32_t mask = intent_line_mask(l);
    for (int i = 0; i < l->n_slots; i++)
        if (intent_slot_index(l->slots[i].name) < 0) return false; /* a rule's slot */
    const char *canon = name ? resolve_entity(r, name, NULL, NULL, NULL, NULL) : NULL;
    const struct resolve_item *ent = entity_named(r, canon);
    /* an area said, else a floor; with a name, only the device's own: a place said with a
     * device elsewhere is some other device, or a mistake the hub does not guess about */
    int pick = -1;
    if (r->n_area && intent_def_combo(d, mask | (1u << area_bit)))
        pick = place_said_of(r, r->area, r->n_area, l, utterance, canon);
    if (pick >= 0) {
        if (name && !named_in_area(r, canon, r->area[pick].name)) return false;
        *out = *l;
        return intent_line_add(out, "area", r->area[pick].name) == HUB_OK;
    }
    /* a floor only where no room is said: two rooms ("the kitchen and the upstairs bathroom")
     * say no one floor */
    if (pick == -2 || !r->n_floor || !intent_def_combo(d, mask | (1u << floor_bit)))
        return false;
    pick = place_said_of(r, r->floor, r->n_floor, l, utterance, canon);
    if (pick < 0) return false;
    const char *floor = r->floor[pick].name, *own = ent ? area_floor(r, ent->area) : NULL;
    if (name && (!own || strcmp(own, floor))) return false;
    *out = *l;
    return intent_line_add(out, "floor", floor) == HUB_OK;
}

/* Whether a Chinese utterance sends the vacuum named somewhere to sweep (派云鲸去露台扫地): 去,
 * not 回去, with 扫 after it, outside the vacuum's name (扫地机器人回去充电 says neither). */
static bool sent_to_clean_zh(const struct resolve_registry *r, const char *name,
                             const char *utt)
{
    char rest[INTENT_LINE_MAX];
    const struct resolve_item *e = entity_named(r, resolve_entity(r, name, NULL, NULL, NULL,
                                                                  NULL));
    snprintf(rest, sizeof rest, "%s", utt);
    const char *names[2] = {name, e ? e->name : NULL};
    for (int i = 0; i < 2; i++)
        for (char *p = rest; names[i] && *names[i] && (p = strstr(p, names[i]));)
            for (size_t k = strlen(names[i]); k--;) *p++ = ' ';
    for (const char *go = rest; (go = strstr(go, "去")); go += strlen("去"))
        if ((go - rest < 3 || strncmp(go - 3, "回", 3)) && strstr(go, "扫")) return true;
    return false;
}

/* A room said to need a clean ("the library needs vacuuming", 阁楼卧室该扫了) heard as
 * starting the vacuum there, or a vacuum sent to clean a room ("send sweepy to clean the studio",
 * 派云鲸去露台扫地) heard as only started: that room cleaned (HassVacuumCleanArea), as the
 * training templates have it. A vacuum that "needs to run" is started. */
bool clean_said_line(const struct resolve_registry *r, const struct intent_schema *schema,
                     const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const needs[] = {
        "needs vacuuming", "needs hoovering", "needs cleaning", "needs a vacuum", "needs a hoover",
        "needs a clean", "could use", "could do with", "is dirty", "is a mess", "is dusty",
        "太脏", "好脏", "脏得", "有点脏", "该扫", "没扫", "弄脏", NULL};
    static const char *const sent[] = {"to clean", "to vacuum", "to hoover", NULL};
    const char *name = intent_line_get(l, "name");
    if (!schema || !utt || strcmp(l->intent, "HassVacuumStart") || intent_line_get(l, "floor"))
        return false;
    const struct intent_def *clean = intent_schema_find(schema, "HassVacuumCleanArea");
    if (intent_line_get(l, "area")) {
        if (!says_any(utt, needs)) return false;
        *out = *l;
    } else {
        if (!name || !(says_any(utt, sent) || sent_to_clean_zh(r, name, utt))) return false;
        int pick = place_said_of(r, r->area, r->n_area, l, utt,
                                 resolve_entity(r, name, NULL, NULL, NULL, NULL));
        if (pick < 0) return false;
        *out = *l;
        if (intent_line_add(out, "area", r->area[pick].name) != HUB_OK) return false;
    }
    snprintf(out->intent, sizeof out->intent, "%s", "HassVacuumCleanArea");
    return intent_def_combo(clean, intent_line_mask(out));
}

/* Whether one of the place's names is said other than as a part of the units [s, e). */
static bool place_said_outside(const struct resolve_item *place, const struct ground_units *u,
                               int s, int e)
{
    for (int k = 0; k < place->n_keys; k++)
        for (int ks = 0; ks < u->n; ks++) {
            int ke = units_spell(u, ks, place->keys[k]);
            if (ke >= 0 && (ks < s || ke > e || ke - ks == e - s)) return true;
        }
    return false;
}

/* Words for the speaker's own room. */
static const char *const here[] = {"here", "this room", "the room i'm in", "这里", "这儿",
                                   "这个房间", "这个屋子", "这屋", NULL};

/* Whether the utterance says the place named canon (any of its names), anywhere. */
static bool place_said(const struct resolve_item *items, int n, const char *canon,
                       const struct ground_units *u)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(items[i].name, canon) && place_said_outside(&items[i], u, 0, 0)) return true;
    return false;
}

/* An area or floor span that names no place of the house, where the model pointed at the wrong
 * words (area=50 for 让琴房风速转到百分之50, area=room needs for "this room needs vacuuming"),
 * or a place the utterance never says (area=boot room for "the loft room").
 * The place the utterance says, outside its free text and the device's name, takes the slot;
 * a floor said for an area span or the reverse takes the other slot when the intent has that
 * combination; with no place said but a word for the speaker's own room ("in here", 这里) the
 * slot goes, so the speaker's room applies. Written to *out; false when the line stays (and
 * resolve_slots answers null, as for a room the house does not have). */
bool place_lost_line(const struct resolve_registry *r, const struct intent_def *d,
                     const struct intent_line *l, const char *utterance,
                     struct intent_line *out)
{
    static const char *const places[] = {"area", "floor"};
    if (!d || !utterance || (strstr(l->intent, "Timer") && intent_line_get(l, "name")))
        return false;
    const char *v[2] = {intent_line_get(l, "area"), intent_line_get(l, "floor")};
    const char *canon[2] = {v[0] ? resolve_area(r, v[0]) : NULL,
                            v[1] ? resolve_floor(r, v[1]) : NULL};
    if (!v[0] && !v[1]) return false;
    for (int i = 0; i < l->n_slots; i++)
        if (intent_slot_index(l->slots[i].name) < 0) return false; /* a rule's slot */
    struct ground_units *u = malloc(sizeof *u);
    bool *blocked = calloc(GROUND_UNITS, sizeof *blocked);
    struct intent_line *work = malloc(2 * sizeof *work), *next = work + 1;
    bool done = false, lost[2];
    if (!u || !blocked || !work) goto out;
    ground_units_of(utterance, u);
    /* lost: a span that names no place, or a place of the house the utterance never says (the
     * decoder offers every place sharing a word with the utterance: "boot room" for "the loft
     * room", "main floor" for "the second floor") */
    for (int p = 0; p < 2; p++) {
        int s, e; /* a span said ("porch" of the Back Porch) is no place unsaid */
        lost[p] = v[p] && (!canon[p] || (!units_find(u, v[p], &s, &e) &&
                                         !place_said(p ? r->floor : r->area,
                                                     p ? r->n_floor : r->n_area, canon[p], u)));
    }
    if (!lost[0] && !lost[1]) goto out;
    units_block_text(u, l, blocked);
    /* the device's own name and a place that is right say nothing of the lost one */
    const char *name = intent_line_get(l, "name");
    const struct resolve_item *ent = line_entity(r, l);
    const char *taken[3] = {name, canon[0], canon[1]};
    for (int k = 0; ent && k < ent->n_keys; k++) {
        int s, e;
        if (units_spelled(u, ent->keys[k], &s, &e))
            for (int t = s; t < e; t++) blocked[t] = true;
    }
    for (int i = 0; i < 3; i++) {
        int s, e;
        if (taken[i] && units_find(u, taken[i], &s, &e))
            for (int t = s; t < e; t++) blocked[t] = true;
    }
    *work = *l;
    for (int p = 0; p < 2; p++) {
        if (!lost[p]) continue;
        const struct resolve_item *items[2] = {r->area, r->floor};
        int n_items[2] = {r->n_area, r->n_floor};
        int same = ground_place(items[p], n_items[p], u, blocked, 0, 0);
        int other = ground_place(items[!p], n_items[!p], u, blocked, 0, 0);
        /* a place said only inside the span is a word of a room the house lacks ("bedroom"
         * of "guest bedroom"); one the span is a word of was cut short ("cellar") */
        int ss, se;
        if (units_find(u, v[p], &ss, &se)) {
            if (same >= 0 && !place_said_outside(&items[p][same], u, ss, se)) same = -1;
            if (other >= 0 && !place_said_outside(&items[!p][other], u, ss, se)) other = -1;
        }
        /* two places said: which one the span stood for is a guess */
        if ((same >= 0 && other_place_said(items[p], n_items[p], same, u, blocked)) ||
            (same < 0 && other >= 0 &&
             other_place_said(items[!p], n_items[!p], other, u, blocked)))
            goto out;
        uint32_t drop = 1u << intent_slot_index(places[p]);
        if (!line_without(work, drop, next)) goto out;
        if (same >= 0) {
            if (intent_line_add(next, places[p], items[p][same].name) != HUB_OK) goto out;
        } else if (other >= 0 && !intent_line_get(work, places[!p])) {
            if (intent_line_add(next, places[!p], items[!p][other].name) != HUB_OK) goto out;
        } else if (!says_any(utterance, here)) {
            goto out;
        }
        if (!intent_def_combo(d, intent_line_mask(next))) goto out;
        *work = *next;
    }
    *out = *work;
    done = true;
out:
    free(u);
    free(blocked);
    free(work);
    return done;
}

/* ---- names the intent cannot take, owners the house does not know ---- */

/* A name the intent cannot take: the registry name it matches is of a domain no combination
 * with the line's slots takes ("roomba, go back to the dock" heard as the vacuum's return with
 * name=back door, a lock the decoder offered for "back"). The line without it is grounded in
 * what was said instead (ground_line); if that finds nothing and the intent needs a name, the
 * answer is null. */
bool misfit_name_line(const struct resolve_registry *r, const struct intent_def *d,
                      const struct intent_line *l, struct intent_line *out)
{
    if (!d || strstr(l->intent, "Timer")) return false;
    const struct resolve_item *e = line_entity(r, l);
    return e && !combo_takes(d, intent_line_mask(l), e->domain) &&
           line_without(l, 1u << intent_slot_index("name"), out);
}

/* The one entity of the domain the utterance names, or NULL (none, or two said alike). */
const struct resolve_item *said_entity_of(const struct resolve_registry *r, const char *utt,
                                          const char *domain)
{
    const struct resolve_item *pick = NULL;
    struct ground_units *u = malloc(sizeof *u);
    bool *eligible = calloc((size_t)r->n_ent + 1, sizeof *eligible);
    bool *cand = calloc((size_t)r->n_ent + 1, sizeof *cand);
    bool blocked[GROUND_UNITS] = {false};
    int ms, me;
    if (!u || !eligible || !cand) goto out;
    ground_units_of(utt, u);
    for (int i = 0; i < r->n_ent; i++)
        eligible[i] = r->ent[i].domain && !strcmp(r->ent[i].domain, domain);
    if (!ground_mention(r, u, blocked, eligible, cand, &ms, &me)) goto out;
    for (int i = 0; i < r->n_ent; i++)
        if (cand[i]) {
            if (pick) {
                pick = NULL;
                goto out;
            }
            pick = &r->ent[i];
        }
out:
    free(u);
    free(eligible);
    free(cand);
    return pick;
}

/* The domain of the vacuum or mower the utterance names when the line has no name ("云鲸开工吧"
 * heard as the mower's start with no slots); NULL when it names none, or one of each. */
static const char *said_robot_domain(const struct resolve_registry *r, const char *utterance)
{
    const struct resolve_item *vacuum = said_entity_of(r, utterance, "vacuum");
    const struct resolve_item *mower = said_entity_of(r, utterance, "lawn_mower");
    if (!vacuum == !mower) return NULL;
    return vacuum ? "vacuum" : "lawn_mower";
}

/* The same action of another kind of device: the entity named decides between a vacuum's and a
 * lawn mower's start or return ("send Lawnbot to work" heard as HassVacuumStart, Lawnbot being
 * the house's mower), "turn on" / "fire up" said of a vacuum or mower starts it, and "activate
 * movie night" heard as turning off or asking about the scene runs it. The model
 * hears the verb and cannot know what the name is; the registry does. A line without a name, or
 * with a span that names nothing ("sweepy return"), is judged by the vacuum or mower the
 * utterance names; the later steps ground that name. The line changes only when the twin takes
 * the entity's domain with the line's slots. */
bool twin_intent_line(const struct resolve_registry *r, const struct intent_schema *schema,
                      const struct intent_def *d, const struct intent_line *l,
                      const char *utterance, struct intent_line *out)
{
    static const char *const twins[][3] = {
        /* intent heard, domain of the entity named, intent meant */
        {"HassVacuumStart", "lawn_mower", "HassLawnMowerStartMowing"},
        {"HassLawnMowerStartMowing", "vacuum", "HassVacuumStart"},
        {"HassVacuumReturnToBase", "lawn_mower", "HassLawnMowerDock"},
        {"HassLawnMowerDock", "vacuum", "HassVacuumReturnToBase"},
        {"HassTurnOn", "vacuum", "HassVacuumStart"},
        {"HassTurnOn", "lawn_mower", "HassLawnMowerStartMowing"},
        /* only with a word of activating said (see below) */
        {"HassTurnOff", "scene", "HassTurnOn"},
        {"HassGetState", "scene", "HassTurnOn"},
        {"HassTurnOff", "script", "HassTurnOn"},
        {"HassGetState", "script", "HassTurnOn"},
    };
    /* a scene or script is run, never turned off or asked about, when the speaker says so */
    static const char *const activate[] = {"activate", "run", "trigger", "execute", "start",
                                           "执行", "启动", "运行", "开启", "启用", NULL};
    if (!schema || !d || !r->n_ent) return false;
    const struct resolve_item *e = line_entity(r, l);
    const char *domain = e ? e->domain : NULL;
    if (!e && utterance) domain = said_robot_domain(r, utterance);
    /* asked with the name the line has or the later steps ground */
    uint32_t mask = intent_line_mask(l) | 1u << intent_slot_index("name");
    if (!domain || combo_takes(d, mask, domain)) return false;
    for (size_t i = 0; i < sizeof twins / sizeof twins[0]; i++) {
        if (strcmp(l->intent, twins[i][0]) || strcmp(domain, twins[i][1])) continue;
        if ((!strcmp(domain, "scene") || !strcmp(domain, "script")) &&
            (!utterance || !says_any(utterance, activate)))
            return false;
        const struct intent_def *t = intent_schema_find(schema, twins[i][2]);
        if (!t || !combo_takes(t, mask, domain)) return false;
        *out = *l;
        snprintf(out->intent, sizeof out->intent, "%s", twins[i][2]);
        return true;
    }
    return false;
}

/* The intents that set a device to a number, each with its number's slot. */
static const char *const setters[][2] = {
    {"HassSetVolume", "volume_level"}, {"HassClimateSetTemperature", "temperature"},
    {"HassSetPosition", "position"},   {"HassLightSet", "brightness"},
    {"HassFanSetSpeed", "percentage"}};

/* "Set <device> to N" heard as setting another kind of device ("set my underfloor heating to
 * twenty-five" as a volume): the setter of the device named, its number in that setter's slot.
 * Only where the line's intent cannot take the device and the other setter can, with the same
 * other slots. */
bool setter_twin_line(const struct resolve_registry *r, const struct intent_schema *schema,
                      const struct intent_def *d, const struct intent_line *l,
                      struct intent_line *out)
{
    const int n = (int)(sizeof setters / sizeof setters[0]);
    int from = -1;
    for (int i = 0; i < n; i++)
        if (!strcmp(l->intent, setters[i][0])) from = i;
    if (!schema || !d || from < 0 || !intent_line_get(l, setters[from][1])) return false;
    const struct resolve_item *e = line_entity(r, l);
    if (!e || !e->domain || combo_takes(d, intent_line_mask(l), e->domain)) return false;
    double x;
    for (int to = 0; to < n; to++) {
        const struct intent_def *t = intent_schema_find(schema, setters[to][0]);
        /* a light's brightness is no temperature ("4000 kelvin"), and a percentage is 0-100 */
        bool warmth = !strcmp(setters[from][1], "temperature");
        bool percent = strcmp(setters[to][1], "temperature") != 0;
        if (to == from || !t || (warmth && !strcmp(setters[to][0], "HassLightSet")) ||
            (percent && (num_parse_slot(setters[to][1], intent_line_get(l, setters[from][1]),
                                        &x) != HUB_OK ||
                         x < 0 || x > 100)))
            continue;
        memset(out, 0, sizeof *out);
        snprintf(out->intent, sizeof out->intent, "%s", setters[to][0]);
        bool ok = true;
        for (int i = 0; i < l->n_slots && ok; i++) {
            const char *slot = l->slots[i].name;
            if (!strcmp(slot, setters[from][1])) slot = setters[to][1];
            ok = intent_line_add(out, slot, l->slots[i].value) == HUB_OK;
        }
        if (ok && combo_takes(t, intent_line_mask(out), e->domain)) return true;
    }
    return false;
}

/* Whether the units [s, s + len) are free: none blocked (free text) and none in a place said. */
static bool units_free(const bool *blocked, int s, int len)
{
    for (int t = s; t < s + len; t++)
        if (blocked[t]) return false;
    return true;
}

/* Whether a word is part of the name of a room or floor of the house ("room" of the Living
 * Room, "kitchen" of the Kitchen). */
static bool word_of_place(const struct resolve_registry *r, const char *word)
{
    const struct resolve_item *places[2] = {r->area, r->floor};
    int n_places[2] = {r->n_area, r->n_floor};
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < n_places[p]; i++)
            for (int k = 0; k < places[p][i].n_keys; k++)
                if (strstr(places[p][i].keys[k], word)) return true;
    return false;
}

/* A media player said by a word of its name only ("skip to the next one on the frame" with the
 * Samsung Frame, 把电视静音 with 客厅电视), where the line names no player, room or floor: that
 * player, when it is the only one the word belongs to (media intents only). English: one word
 * of three letters or more of its name; Chinese: the last two or more characters of its name.
 * Words of a room or floor (the Kitchen of Kitchen Echo, "room"), numbers ("one" of Sonos One),
 * the free text and the line's numbers say no player. */
bool player_word_line(const struct resolve_registry *r, const struct intent_def *d,
                      const struct intent_line *l, const char *utterance,
                      struct intent_line *out)
{
    if (!d || !utterance || (!strstr(l->intent, "Media") && !strstr(l->intent, "Volume")) ||
        intent_line_get(l, "name") || intent_line_get(l, "area") ||
        intent_line_get(l, "floor") ||
        !intent_def_combo(d, intent_line_mask(l) | 1u << intent_slot_index("name")))
        return false;
    struct ground_units *u = malloc(sizeof *u), *nu = malloc(sizeof *nu);
    bool *blocked = calloc(GROUND_UNITS, sizeof *blocked), done = false;
    const struct resolve_item *pick = NULL;
    if (!u || !nu || !blocked) goto out;
    ground_units_of(utterance, u);
    units_block_text(u, l, blocked);
    for (int i = 0; i < l->n_slots; i++) { /* nor the numbers ("turn it up by one") */
        int s, e;
        if (intent_slot_kind(l->slots[i].name) == INTENT_SLOT_NUMBER &&
            units_find(u, l->slots[i].value + (l->slots[i].value[0] == '-'), &s, &e))
            for (int t = s; t < e; t++) blocked[t] = true;
    }
    const struct resolve_item *places[2] = {r->area, r->floor};
    int n_places[2] = {r->n_area, r->n_floor};
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < n_places[p]; i++)
            for (int k = 0; k < places[p][i].n_keys; k++)
                for (int t = 0; t < u->n; t++) {
                    int e = units_spell(u, t, places[p][i].keys[k]);
                    for (int x = t; x < e; x++) blocked[x] = true;
                }
    for (int i = 0; i < r->n_ent; i++) {
        const struct resolve_item *e = &r->ent[i];
        if (!e->domain || strcmp(e->domain, "media_player")) continue;
        ground_units_of(e->name, nu);
        bool said = false;
        for (int a = 0; a < nu->n && !said; a++) {
            const char *w = nu->buf + nu->off[a];
            bool zh = (unsigned char)w[0] >= 0xE0; /* CJK; accented Latin is a word */
            if (zh ? a == 0 || nu->n - a < 2 : strlen(w) < 3) continue; /* a tail, a word */
            char piece[RESOLVE_KEY_MAX] = "";
            for (int b = a; b < (zh ? nu->n : a + 1); b++)
                strncat(piece, nu->buf + nu->off[b], sizeof piece - strlen(piece) - 1);
            double x;
            if (resolve_area(r, piece) || resolve_floor(r, piece) || word_of_place(r, piece) ||
                num_parse(piece, &x) == HUB_OK)
                continue;
            int at[GROUND_UNITS], len;
            int n = units_occurrences(u, piece, at, GROUND_UNITS, &len);
            for (int k = 0; k < n && !said; k++) said = units_free(blocked, at[k], len);
        }
        if (!said) continue;
        if (pick) goto out; /* a word of two players */
        pick = e;
    }
    if (pick) {
        *out = *l;
        done = intent_line_add(out, "name", pick->name) == HUB_OK;
    }
out:
    free(u);
    free(nu);
    free(blocked);
    return done;
}

/* A clean of no room, with no word for the speaker's room either, that names a vacuum
 * ("追觅开工吧，拖一下地" decoded as HassVacuumCleanArea with no slot): that vacuum started. */
bool clean_unplaced_line(const struct resolve_registry *r, const struct intent_schema *schema,
                         const struct intent_line *l, const char *utterance,
                         struct intent_line *out)
{
    if (!schema || !utterance || strcmp(l->intent, "HassVacuumCleanArea") ||
        intent_line_get(l, "area") || intent_line_get(l, "floor") || says_any(utterance, here))
        return false;
    const struct resolve_item *e = said_entity_of(r, utterance, "vacuum");
    if (!e) return false;
    memset(out, 0, sizeof *out);
    snprintf(out->intent, sizeof out->intent, "%s", "HassVacuumStart");
    return intent_line_add(out, "name", e->name) == HUB_OK &&
           intent_def_combo(intent_schema_find(schema, out->intent), intent_line_mask(out));
}

/* A list's item that is the house's vacuum, lawn mower or person, where no list is spoken of
 * ("kick off sweepy" heard as ticking sweepy off the shopping list, 找一下姐姐 as ticking 姐姐
 * off): that robot started, that person asked after (HassGetState, where they are). */
bool robot_item_line(const struct resolve_registry *r, const struct intent_line *l,
                     const char *utterance, struct intent_line *out)
{
    static const char *const named[] = {"vacuum", "lawn_mower", "person", NULL};
    static const char *const list_words[] = {"list", "lists", "shopping", "groceries", "清单",
                                             "购物", "单子", NULL};
    const char *item = intent_line_get(l, "item");
    if (!item || !utterance || !strstr(l->intent, "List") || says_any(utterance, list_words) ||
        said_entity_of(r, utterance, "todo"))
        return false;
    const struct resolve_item *e =
        entity_named(r, resolve_entity(r, item, NULL, NULL, NULL, named));
    if (!e || !e->domain) return false;
    memset(out, 0, sizeof *out);
    snprintf(out->intent, sizeof out->intent, "%s",
             !strcmp(e->domain, "vacuum")       ? "HassVacuumStart"
             : !strcmp(e->domain, "lawn_mower") ? "HassLawnMowerStartMowing"
                                                : "HassGetState");
    return intent_line_add(out, "name", e->name) == HUB_OK;
}

/* Whether the line asks for a kind of device by an owner the house does not know: 关掉姐姐的风扇
 * decoded as HassTurnOff domain=fan, in a house without 姐姐's fan (that one would be named and
 * grounded). Only a line with a kind and no name, room or floor, and only "<owner>的<kind word>"
 * where the owner is no room, floor or word of the whole house (我的, 所有的, 家里的). English
 * has no such mark: "the ceiling fans" may be a kind (any fan) as much as a device not there,
 * and a rule on the word before the kind lost more than it won. */
bool owner_unknown(const struct resolve_registry *r, const struct intent_line *l,
                   const char *utterance)
{
    static const char *const anyone[] = {"我", "我们", "你", "你们", "咱们", "咱家", "家", "家里",
                                         "所有", "全部", "全屋", "整个", "其他", "别的", "每个",
                                         "这", "那", "这里", "那里", "这边", "那边", "屋里",
                                         "这屋", "这间", "这个屋", "这个屋子", "这个房间", "屋子",
                                         "房间", "房间里", "里面", "外面", NULL};
    const char *domain = intent_line_get(l, "domain");
    if (!domain || !utterance || intent_line_get(l, "name") || intent_line_get(l, "area") ||
        intent_line_get(l, "floor") || !r->n_ent)
        return false;
    struct ground_units *u = malloc(sizeof *u);
    bool unknown = false;
    if (!u) return false;
    ground_units_of(utterance, u);
    for (int k = 1; k < u->n && !unknown; k++) {
        if (!u->de[k]) continue;
        bool kind = false;
        for (size_t w = 0; w < sizeof resolve_kinds_zh / sizeof resolve_kinds_zh[0]; w++)
            if (!strcmp(resolve_kinds_zh[w].domain, domain) &&
                units_spell(u, k, resolve_kinds_zh[w].word) >= 0)
                kind = true;
        if (!kind) continue;
        bool known = false;
        for (int s = k - 1; s >= 0 && s >= k - 6 && !known; s--) {
            for (int i = 0; anyone[i] && !known; i++) known = units_spell(u, s, anyone[i]) == k;
            for (int a = 0; a < r->n_area && !known; a++)
                for (int ak = 0; ak < r->area[a].n_keys && !known; ak++)
                    known = units_spell(u, s, r->area[a].keys[ak]) == k;
            for (int f = 0; f < r->n_floor && !known; f++)
                for (int fk = 0; fk < r->floor[f].n_keys && !known; fk++)
                    known = units_spell(u, s, r->floor[f].keys[fk]) == k;
        }
        unknown = !known;
    }
    free(u);
    return unknown;
}

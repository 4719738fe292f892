/*
 * resolve.c: spans of the intent line -> the registry's canonical names, and the final answer
 * object of INTENTS.md (see resolve.h). Matching compares normalized keys (resolve_key) so that
 * "the Kitchen Lamps", "kitchen lamp" and "Kitchen Lamp" meet; when no key is equal, a small
 * edit distance over code points catches typos. Among equal matches the entity in the named
 * area (or floor), of a domain the intent's combination names, or in the speaker's room wins.
 *
 * This file holds the keys, the registry, matching and the answer: resolve_line runs the steps
 * that mend the line from the utterance, in order (resolve_ground.c grounds and repairs names,
 * areas and floors; resolve_said.c has the other corrections where the words said decide over
 * the model), then resolve_slots turns the line into the answer. What the three files share is
 * in resolve_impl.h.
 */
#include "engine/resolve.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/numbers.h"
#include "engine/resolve_impl.h"
#include "hub_status.h"

/* ---- keys ---- */

static const char *const resolve_stop[] = {"the", "a", "an", "my", "our", "your", NULL};

/* A number said in words is its digits in a key: "bunk two light" is the Bunk 2 Light. */
static const char *const number_words[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", NULL};

void key_word(char *w, size_t *wl)
{
    size_t n = *wl;
    w[n] = 0;
    for (int i = 0; resolve_stop[i]; i++)
        if (!strcmp(w, resolve_stop[i])) {
            *wl = 0;
            return;
        }
    for (int i = 0; number_words[i]; i++)
        if (!strcmp(w, number_words[i])) {
            *wl = (size_t)snprintf(w, n + 1, "%d", i);
            return;
        }
    bool ascii = true;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)w[i] >= 0x80) ascii = false;
    if (!ascii || n <= 3) return;
    /* plural -> singular, the same rule on both sides of every comparison */
    if (n > 4 && !strcmp(w + n - 3, "ies")) {
        strcpy(w + n - 3, "y");
        n -= 2;
    } else if (n > 4 && (!strcmp(w + n - 4, "ches") || !strcmp(w + n - 4, "shes") ||
                         !strcmp(w + n - 4, "sses") || !strcmp(w + n - 3, "xes"))) {
        n -= 2;
    } else if (w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i') {
        n -= 1;
    }
    w[n] = 0;
    *wl = n;
}

bool starts(const char *s, const char *p)
{
    return !strncmp(s, p, strlen(p));
}

int zh_number_digit(const char *p)
{
    static const char *const numerals[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八",
                                           "九", NULL};
    for (int i = 0; numerals[i]; i++)
        if (starts(p, numerals[i]) && starts(p + strlen(numerals[i]), "号")) return i;
    if (starts(p, "两") && starts(p + strlen("两"), "号")) return 2;
    return -1;
}

void resolve_key(const char *in, char *out, size_t outlen)
{
    static const char *const breaks[] = {"，", "。", "！", "？", "、", "“", "”", "：", "；",
                                         "（", "）", "　", NULL};
    static const char *const demonstr[] = {"这个", "那个", "这", "那", "哪", NULL};
    static const char *const numer[] = {"一", "两", NULL};
    static const char *const measure[] = {"盏", "个", "台", "扇", "把", "部", "只", "张", "道",
                                          "块", "间", "组", "套", "条", "面", "架", "辆", NULL};
    char word[RESOLVE_KEY_MAX];
    size_t wl = 0, o = 0;
    if (!outlen) return;
    out[0] = 0;
    const char *p = in ? in : "";
    /* Chinese possessive openers (the English ones are stop words): 我的台灯 is the 台灯 */
    static const char *const owners[] = {"我们的", "咱们的", "咱家的", "家里的", "我家的",
                                         "我的", "你的", NULL};
    for (int i = 0; owners[i]; i++)
        if (starts(p, owners[i])) {
            p += strlen(owners[i]);
            break;
        }
    for (;;) {
        unsigned char c = (unsigned char)*p;
        bool brk = false;
        size_t adv = 1;
        if (!c) {
            brk = true;
            adv = 0;
        } else if (c == '\'' || starts(p, "’")) {
            adv = c == '\'' ? 1 : strlen("’"); /* possessives: jack's -> jacks -> jack */
            p += adv;
            continue;
        } else if (starts(p, "的")) {
            p += strlen("的");
            continue;
        } else if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                 (c >= '0' && c <= '9'))) {
            brk = true;
        } else {
            for (int i = 0; breaks[i]; i++)
                if (starts(p, breaks[i])) {
                    brk = true;
                    adv = strlen(breaks[i]);
                }
        }
        if (brk) {
            if (wl) {
                key_word(word, &wl);
                if (o + wl < outlen) {
                    memcpy(out + o, word, wl);
                    o += wl;
                }
                wl = 0;
            }
            if (!c) break;
            p += adv;
            continue;
        }
        if (wl + 1 < sizeof word) word[wl++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        p++;
    }
    out[o < outlen ? o : outlen - 1] = 0;
    /* Chinese: a number before 号 is its digit (一号射灯 is the 1号射灯) */
    for (char *q = out; *q; q++) {
        int d = zh_number_digit(q);
        if (d < 0) continue;
        size_t cl = (unsigned char)*q >= 0xE0 ? 3 : 1;
        *q = (char)('0' + d);
        memmove(q + 1, q + cl, strlen(q + cl) + 1);
    }
    /* Chinese: a demonstrative and/or numeral with a measure word before the name
     * (那盏台灯 -> 台灯); a bare measure word is kept (台灯 starts with one). */
    size_t s = 0;
    bool had = false;
    for (int i = 0; demonstr[i]; i++)
        if (starts(out, demonstr[i])) {
            s += strlen(demonstr[i]);
            had = true;
            break;
        }
    for (int i = 0; numer[i]; i++)
        if (starts(out + s, numer[i])) {
            s += strlen(numer[i]);
            had = true;
            break;
        }
    if (had) {
        for (int i = 0; measure[i]; i++)
            if (starts(out + s, measure[i])) {
                s += strlen(measure[i]);
                break;
            }
        if (out[s]) memmove(out, out + s, strlen(out + s) + 1);
    }
}

/* ---- edit distance over code points ---- */

int utf8_cps(const char *s, uint32_t *cp, int cap)
{
    int n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t c = *p;
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        for (int i = 1; i < len; i++) {
            if (!p[i]) return -1;
            c = (c << 8) | p[i]; /* unique per sequence: enough for comparing */
        }
        if (n >= cap) return -1;
        cp[n++] = c;
        p += len;
    }
    return n;
}

static int lev(const uint32_t *a, int na, const uint32_t *b, int nb, int bound)
{
    int row[RESOLVE_CP_MAX + 1];
    if (abs(na - nb) > bound) return bound + 1;
    for (int j = 0; j <= nb; j++) row[j] = j;
    for (int i = 1; i <= na; i++) {
        int prev = row[0], best = i;
        row[0] = i;
        for (int j = 1; j <= nb; j++) {
            int cur = row[j];
            int v = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < v) v = row[j] + 1;
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            row[j] = v;
            prev = cur;
            if (v < best) best = v;
        }
        if (best > bound) return bound + 1;
    }
    return row[nb];
}

/* Edits tolerated for a key: none for short words, where one edit makes another word. */
static int fuzzy_bound(const uint32_t *cp, int n)
{
    bool ascii = true;
    for (int i = 0; i < n; i++)
        if (cp[i] >= 0x80) ascii = false;
    if (!ascii) return n >= 4 ? 1 : 0;
    return n >= 9 ? 2 : n >= 5 ? 1 : 0;
}

/* ---- the registry ---- */

static void item_free(struct resolve_item *it)
{
    free(it->name);
    free(it->domain);
    free(it->device_class);
    free(it->area);
    for (int i = 0; i < it->n_keys; i++) free(it->keys[i]);
    free(it->keys);
}

void resolve_registry_free(struct resolve_registry *r)
{
    if (!r) return;
    for (int i = 0; i < r->n_ent; i++) item_free(&r->ent[i]);
    for (int i = 0; i < r->n_area; i++) item_free(&r->area[i]);
    for (int i = 0; i < r->n_floor; i++) item_free(&r->floor[i]);
    free(r->ent);
    free(r->area);
    free(r->floor);
    for (int i = 0; i < 3; i++) decode_words_free(&r->words[i]);
    free(r);
}

static char *dup_or_null(const json_t *v)
{
    return json_is_string(v) ? strdup(json_string_value(v)) : NULL;
}

/* One record: name (required string), optional aliases; adds name and aliases to *raw. */
static int item_load(struct resolve_item *it, const json_t *rec, const char *what, size_t idx,
                     const char ***raw, int *n_raw, int *cap_raw, char *err, size_t errlen)
{
    const json_t *name = json_object_get(rec, "name");
    const json_t *aliases = json_object_get(rec, "aliases");
    if (!json_is_object(rec) || !json_is_string(name) || !json_string_length(name)) {
        snprintf(err, errlen, "%s[%zu]: not an object with a non-empty \"name\" string", what,
                 idx);
        return HUB_ERR_INVALID;
    }
    if (aliases && !json_is_array(aliases) && !json_is_null(aliases)) {
        snprintf(err, errlen, "%s[%zu]: \"aliases\" is not an array", what, idx);
        return HUB_ERR_INVALID;
    }
    size_t na = json_is_array(aliases) ? json_array_size(aliases) : 0;
    it->name = strdup(json_string_value(name));
    it->keys = calloc(na + 1, sizeof *it->keys);
    if (!it->name || !it->keys) return HUB_ERR_NOMEM;
    for (size_t i = 0; i <= na; i++) {
        const json_t *s = i == 0 ? name : json_array_get(aliases, i - 1);
        if (!json_is_string(s)) {
            snprintf(err, errlen, "%s[%zu]: alias %zu is not a string", what, idx, i - 1);
            return HUB_ERR_INVALID;
        }
        char key[RESOLVE_KEY_MAX];
        resolve_key(json_string_value(s), key, sizeof key);
        if (!key[0]) continue;
        if (strstr(json_string_value(s), "的")) it->named_de = true;
        it->keys[it->n_keys] = strdup(key);
        if (!it->keys[it->n_keys]) return HUB_ERR_NOMEM;
        it->n_keys++;
        if (*n_raw == *cap_raw) {
            int nc = *cap_raw ? *cap_raw * 2 : 64;
            const char **nr = realloc(*raw, (size_t)nc * sizeof *nr);
            if (!nr) return HUB_ERR_NOMEM;
            *raw = nr;
            *cap_raw = nc;
        }
        (*raw)[(*n_raw)++] = json_string_value(s);
    }
    return HUB_OK;
}

struct resolve_registry *resolve_registry_new(const json_t *fx, char *err, size_t errlen)
{
    static const char *const lists[3] = {"entities", "areas", "floors"};
    struct resolve_registry *r = calloc(1, sizeof *r);
    const char **raw = NULL;
    int rc = HUB_OK;
    char dummy[8];
    if (!err || !errlen) {
        err = dummy;
        errlen = sizeof dummy;
    }
    err[0] = 0;
    if (!r) goto nomem;
    if (!json_is_object(fx)) {
        snprintf(err, errlen, "fixture is not a JSON object");
        goto fail;
    }
    for (int w = 0; w < 3; w++) {
        const json_t *arr = json_object_get(fx, lists[w]);
        int n_raw = 0, cap_raw = 0;
        if (arr && !json_is_array(arr) && !json_is_null(arr)) {
            snprintf(err, errlen, "\"%s\" is not an array", lists[w]);
            goto fail;
        }
        size_t n = json_is_array(arr) ? json_array_size(arr) : 0;
        struct resolve_item *items = calloc(n + 1, sizeof *items);
        if (!items) goto nomem;
        if (w == 0) r->ent = items, r->n_ent = (int)n;
        if (w == 1) r->area = items, r->n_area = (int)n;
        if (w == 2) r->floor = items, r->n_floor = (int)n;
        for (size_t i = 0; i < n; i++) {
            const json_t *rec = json_array_get(arr, i);
            rc = item_load(&items[i], rec, lists[w], i, &raw, &n_raw, &cap_raw, err, errlen);
            if (rc == HUB_ERR_NOMEM) goto nomem;
            if (rc) goto fail;
            if (w == 0) {
                items[i].domain = dup_or_null(json_object_get(rec, "domain"));
                items[i].area = dup_or_null(json_object_get(rec, "area"));
                items[i].device_class = dup_or_null(
                    json_object_get(json_object_get(rec, "attributes"), "device_class"));
            } else if (w == 1) {
                items[i].area = dup_or_null(json_object_get(rec, "floor"));
            }
        }
        if (decode_words_init(&r->words[w], raw, n_raw)) goto nomem;
    }
    free(raw);
    return r;
nomem:
    snprintf(err, errlen, "registry: out of memory");
fail:
    free(raw);
    resolve_registry_free(r);
    return NULL;
}

struct resolve_registry *resolve_registry_load(const char *path, char *err, size_t errlen)
{
    json_error_t je;
    char why[256];
    json_t *fx = json_load_file(path, 0, &je);
    if (!fx) {
        snprintf(err, errlen, "%s:%d: %s", path, je.line, je.text);
        return NULL;
    }
    struct resolve_registry *r = resolve_registry_new(fx, why, sizeof why);
    json_decref(fx);
    if (!r) snprintf(err, errlen, "%s: %s", path, why);
    return r;
}

const struct decode_words *resolve_registry_words(const struct resolve_registry *r, int which)
{
    return (which >= 0 && which < 3) ? &r->words[which] : NULL;
}

/* ---- matching ---- */

const char *area_floor(const struct resolve_registry *r, const char *area)
{
    for (int i = 0; area && i < r->n_area; i++)
        if (!strcmp(r->area[i].name, area)) return r->area[i].area;
    return NULL;
}

bool in_list(const char *const *l, const char *s)
{
    for (; l && *l && s; l++)
        if (!strcmp(*l, s)) return true;
    return false;
}

/* Best item for a key: exact keys first, then within the fuzzy bound; `penalty` ranks equal
 * matches (entities). Returns the index or -1. */
static int match_items(const struct resolve_registry *r, const struct resolve_item *items, int n,
                       const char *key, int (*penalty)(const struct resolve_registry *,
                                                       const struct resolve_item *, const void *),
                       const void *pctx)
{
    int best = -1, best_score = 1 << 30;
    if (!key[0]) return -1;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < items[i].n_keys; k++)
            if (!strcmp(items[i].keys[k], key)) {
                int sc = penalty ? penalty(r, &items[i], pctx) : 0;
                if (sc < best_score) best = i, best_score = sc;
                break;
            }
    if (best >= 0) return best;
    uint32_t a[RESOLVE_CP_MAX], b[RESOLVE_CP_MAX];
    int na = utf8_cps(key, a, RESOLVE_CP_MAX);
    if (na <= 0) return -1;
    int bound = fuzzy_bound(a, na);
    if (!bound) return -1;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < items[i].n_keys; k++) {
            int nb = utf8_cps(items[i].keys[k], b, RESOLVE_CP_MAX);
            if (nb <= 0) continue;
            int kb = fuzzy_bound(b, nb);
            int d = lev(a, na, b, nb, bound < kb ? bound : kb);
            if (d > (bound < kb ? bound : kb)) continue;
            int sc = d * 1000 + (penalty ? penalty(r, &items[i], pctx) : 0);
            if (sc < best_score) best = i, best_score = sc;
        }
    return best;
}

int ent_penalty(const struct resolve_registry *r, const struct resolve_item *e,
                const void *vctx)
{
    const struct ent_pref *p = vctx;
    int sc = 0;
    if (p->area && (!e->area || strcmp(e->area, p->area))) sc += 100;
    if (p->floor) {
        const char *f = area_floor(r, e->area);
        if (!f || strcmp(f, p->floor)) sc += 100;
    }
    if (p->domains && p->domains[0] && !in_list(p->domains, e->domain)) sc += 10;
    if (p->context_area && (!e->area || strcmp(e->area, p->context_area))) sc += 1;
    return sc;
}

/* "the extractor fan" for the Kitchen Extractor Fan, "the speaker" for the Living Room Speaker:
 * the entity whose name or alias key ends with the span's key (keys have no spaces; three
 * letters or two Chinese characters at least) and that fits best (area, floor, a domain of the intent, then the speaker's room); two
 * that fit equally well are nobody, so the hub does not guess between them. */
static const char *match_ent_suffix(const struct resolve_registry *r, const char *key,
                                    const struct ent_pref *p)
{
    size_t kl = strlen(key);
    bool cjk = (unsigned char)key[0] >= 0x80;
    if (kl < (cjk ? 6 : 3)) return NULL;
    int best = -1, best_score = 1 << 30, ties = 0;
    for (int e = 0; e < r->n_ent; e++)
        for (int k = 0; k < r->ent[e].n_keys; k++) {
            const char *ek = r->ent[e].keys[k];
            size_t el = strlen(ek);
            if (el <= kl || strcmp(ek + el - kl, key)) continue;
            int sc = ent_penalty(r, &r->ent[e], p);
            if (sc < best_score) best = e, best_score = sc, ties = 0;
            else if (sc == best_score && e != best) ties++;
            break;
        }
    /* a place said that the entity is not in, or a domain the intent cannot act on: nobody */
    if (best < 0 || ties || best_score >= 10) return NULL;
    return r->ent[best].name;
}

const char *resolve_entity(const struct resolve_registry *r, const char *span,
                           const char *area_hint, const char *floor_hint,
                           const char *context_area, const char *const *domains)
{
    char key[RESOLVE_KEY_MAX];
    struct ent_pref p = {area_hint, floor_hint, context_area, domains};
    resolve_key(span, key, sizeof key);
    int i = match_items(r, r->ent, r->n_ent, key, ent_penalty, &p);
    if (i >= 0) return r->ent[i].name;
    /* "kitchen lamp" for the Lamp of the Kitchen: an area key in front of an entity's key */
    for (int a = 0; a < r->n_area; a++)
        for (int k = 0; k < r->area[a].n_keys; k++) {
            size_t al = strlen(r->area[a].keys[k]);
            if (al >= strlen(key) || strncmp(key, r->area[a].keys[k], al)) continue;
            struct ent_pref pa = {r->area[a].name, NULL, NULL, domains};
            for (int e = 0; e < r->n_ent; e++) {
                if (!r->ent[e].area || strcmp(r->ent[e].area, r->area[a].name)) continue;
                for (int ek = 0; ek < r->ent[e].n_keys; ek++)
                    if (!strcmp(r->ent[e].keys[ek], key + al) && !ent_penalty(r, &r->ent[e], &pa))
                        return r->ent[e].name;
            }
        }
    return match_ent_suffix(r, key, &p);
}

/* The one item whose name (or alias) ends with the key: "porch" for the Back Porch. Only a
 * unique match counts ("bedroom" with two bedrooms is nobody), and never for keys so short that
 * they end many words. */
static int match_suffix(const struct resolve_item *items, int n, const char *key)
{
    uint32_t cp[RESOLVE_CP_MAX];
    int ncp = utf8_cps(key, cp, RESOLVE_CP_MAX), found = -1;
    size_t kl = strlen(key);
    if (ncp < 0 || ncp < (key[0] & 0x80 ? 2 : 4)) return -1;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < items[i].n_keys; k++) {
            size_t il = strlen(items[i].keys[k]);
            if (il > kl && !strcmp(items[i].keys[k] + il - kl, key)) {
                if (found >= 0 && found != i) return -1;
                found = i;
            }
        }
    return found;
}

const char *resolve_area(const struct resolve_registry *r, const char *span)
{
    char key[RESOLVE_KEY_MAX];
    resolve_key(span, key, sizeof key);
    int i = match_items(r, r->area, r->n_area, key, NULL, NULL);
    if (i < 0) i = match_suffix(r->area, r->n_area, key);
    return i >= 0 ? r->area[i].name : NULL;
}

const char *resolve_floor(const struct resolve_registry *r, const char *span)
{
    char key[RESOLVE_KEY_MAX];
    resolve_key(span, key, sizeof key);
    int i = match_items(r, r->floor, r->n_floor, key, NULL, NULL);
    if (i < 0) i = match_suffix(r->floor, r->n_floor, key);
    return i >= 0 ? r->floor[i].name : NULL;
}

/* Whether the house has an entity of the kind: the domain, the device class when one is given,
 * in the area (canonical) when one is given. */
bool house_has_kind(const struct resolve_registry *r, const char *domain,
                    const char *device_class, const char *area)
{
    for (int i = 0; i < r->n_ent; i++) {
        const struct resolve_item *e = &r->ent[i];
        if (!e->domain || strcmp(e->domain, domain)) continue;
        if (device_class && (!e->device_class || strcmp(e->device_class, device_class))) continue;
        if (area && (!e->area || strcmp(e->area, area))) continue;
        return true;
    }
    return false;
}

/* The registry entity whose canonical name is name (the first, as resolve_entity answers
 * names), or NULL. */
const struct resolve_item *entity_named(const struct resolve_registry *r, const char *name)
{
    for (int i = 0; name && i < r->n_ent; i++)
        if (!strcmp(r->ent[i].name, name)) return &r->ent[i];
    return NULL;
}

const struct resolve_item *line_entity(const struct resolve_registry *r,
                                       const struct intent_line *l)
{
    const char *span = intent_line_get(l, "name");
    return span ? entity_named(r, resolve_entity(r, span, NULL, NULL, NULL, NULL)) : NULL;
}

/* ---- the answer ---- */

static json_t *null_answer(void)
{
    return json_pack("{s:n,s:{}}", "intent", "slots");
}

/* Whether the line asks for a kind of device the house does not have (see resolve.h): a kind
 * said (domain=fan, or cover with device_class=garage) or implied by the intent
 * (HassVacuumStart) with no entity of its domain and class anywhere in the house ("open the
 * garage door" in a house without one is a device it lacks: null). A name resolves or not on
 * its own; an empty registry is no house. Rooms do not count: the blinds of a room without any
 * are asked of a house that has blinds, and the hub answers that; lawn mowers, which the
 * evaluation asks of houses without one, are left to the hub. */
static bool kind_missing(const struct resolve_registry *r, const struct intent_line *l)
{
    static const char *const only[][2] = {
        {"HassVacuumStart", "vacuum"},
        {"HassVacuumReturnToBase", "vacuum"},
        {"HassVacuumCleanArea", "vacuum"},
        {"HassFanSetSpeed", "fan"},
        {"HassClimateSetTemperature", "climate"},
        {"HassClimateGetTemperature", "climate"},
    };
    if (!r->n_ent || intent_line_get(l, "name")) return false;
    const char *domain = intent_line_get(l, "domain");
    if (domain) {
        if (house_has_kind(r, domain, intent_line_get(l, "device_class"), NULL)) return false;
        /* a window or door asked about may be a contact sensor (command.c looks at both) */
        static const char *const contact[] = {"window", "door", "garage_door", "opening", NULL};
        if (!strcmp(l->intent, "HassGetState") && !strcmp(domain, "cover"))
            for (int i = 0; contact[i]; i++)
                if (house_has_kind(r, "binary_sensor", contact[i], NULL)) return false;
        return true;
    }
    for (size_t i = 0; i < sizeof only / sizeof only[0]; i++) {
        if (strcmp(l->intent, only[i][0])) continue;
        /* the temperature without a thermostat: a thermometer's (command.c) */
        if (!strcmp(l->intent, "HassClimateGetTemperature") &&
            house_has_kind(r, "sensor", "temperature", NULL))
            return false;
        return !house_has_kind(r, only[i][1], NULL, NULL);
    }
    return false;
}

static json_t *number_json(double x)
{
    if (x == floor(x) && fabs(x) < 1e15) return json_integer((json_int_t)x);
    return json_real(x);
}

/* The state word an entity of the domain has for the state asked: "is the blanket on?" and
 * "车库门磁开着吗" ask about on/off devices and contact sensors (on = open), "大门锁是不是开着"
 * about a lock (open = unlocked), "is the garage door on" about a cover; the model hears "open"
 * or "on" from the words and cannot know the device, and may say a lock's word for a door or a
 * tap ("侧门是不是开着" as unlocked: open). Returns state itself when it fits, NULL for a
 * person's state (home, not_home) asked of a device ("what is the office humidity" heard as
 * whether someone is home in the office) and for any state asked of a sensor of numbers ("what's
 * the basement humidity at" heard with state=on: its reading is asked). */
static const char *state_of_domain(const char *domain, const char *state)
{
    static const char *const onoff[] = {"light", "switch", "fan", "input_boolean",
                                        "binary_sensor", "media_player", "climate", NULL};
    static const char *const openclose[] = {"cover", "valve", NULL};
    static const char *const zoned[] = {"person", "device_tracker", NULL};
    if (!domain) return state;
    if (!strcmp(domain, "sensor")) return NULL;
    if ((!strcmp(state, "home") || !strcmp(state, "not_home")) && !in_list(zoned, domain))
        return NULL;
    if (in_list(onoff, domain)) {
        if (!strcmp(state, "open") || !strcmp(state, "unlocked")) return "on";
        if (!strcmp(state, "closed") || !strcmp(state, "locked")) return "off";
    } else if (in_list(openclose, domain)) {
        if (!strcmp(state, "on") || !strcmp(state, "unlocked")) return "open";
        if (!strcmp(state, "off") || !strcmp(state, "locked")) return "closed";
    } else if (!strcmp(domain, "lock")) {
        if (!strcmp(state, "open") || !strcmp(state, "off")) return "unlocked";
        if (!strcmp(state, "closed") || !strcmp(state, "on")) return "locked";
    }
    return state;
}

static json_t *resolve_slots(const struct resolve_registry *r, const struct intent_def *d,
                             const struct intent_line *l, const char *context_area)
{
    const struct intent_combo *combo = d ? intent_def_combo(d, intent_line_mask(l)) : NULL;
    const char *const *domains = combo ? (const char *const *)combo->name_domains : NULL;
    bool timer = strstr(l->intent, "Timer") != NULL; /* timer names are free text */
    const char *area = NULL, *floor_name = NULL;
    const char *v;
    if ((v = intent_line_get(l, "area")) && !(area = resolve_area(r, v))) return null_answer();
    if ((v = intent_line_get(l, "floor")) && !(floor_name = resolve_floor(r, v)))
        return null_answer();
    json_t *slots = json_object();
    if (!slots) return NULL;
    for (int i = 0; i < l->n_slots; i++) {
        const char *name = l->slots[i].name, *val = l->slots[i].value;
        json_t *jv = NULL;
        if (!strcmp(name, "area")) {
            jv = json_string(area);
        } else if (!strcmp(name, "floor")) {
            jv = json_string(floor_name);
        } else if (!strcmp(name, "name")) {
            const char *e = timer ? val : resolve_entity(r, val, area, floor_name, context_area,
                                                         domains);
            if (!e) {
                json_decref(slots);
                return null_answer();
            }
            jv = json_string(e);
        } else if (intent_slot_kind(name) == INTENT_SLOT_NUMBER) {
            /* the contract's percentages run 0 to 100: "set the oven to 350" is no fan speed */
            static const char *const percents[] = {"brightness", "position", "percentage",
                                                   "volume_level", NULL};
            double x;
            if (!strcmp(name, "volume_step") && (!strcmp(val, "up") || !strcmp(val, "down")))
                jv = json_string(val);
            else if (num_parse_slot(name, val, &x) == HUB_OK &&
                     (!in_list(percents, name) || (x >= 0 && x <= 100)))
                jv = number_json(x);
            else {
                json_decref(slots);
                return null_answer();
            }
        } else {
            jv = json_string(val);
        }
        if (!jv) { /* not UTF-8 (a value cut inside a character): not an answer */
            json_decref(slots);
            return null_answer();
        }
        if (json_object_set_new(slots, name, jv)) {
            json_decref(slots);
            return NULL;
        }
    }
    const struct resolve_item *ent =
        timer ? NULL : entity_named(r, json_string_value(json_object_get(slots, "name")));
    const char *state = json_string_value(json_object_get(slots, "state"));
    const char *st = ent && state ? state_of_domain(ent->domain, state) : state;
    /* a state the device cannot have: its own state is asked, where the intent may ask so */
    if (state && !st) {
        uint32_t bare = intent_line_mask(l) & ~(1u << intent_slot_index("state"));
        if (!d || !intent_def_combo(d, bare)) {
            json_decref(slots);
            return null_answer();
        }
        json_object_del(slots, "state");
    } else if (st != state && json_object_set_new(slots, "state", json_string(st))) {
        json_decref(slots);
        return NULL;
    }
    return json_pack("{s:s,s:o}", "intent", l->intent, "slots", slots);
}

json_t *resolve_line(const struct resolve_registry *r, const struct intent_schema *schema,
                     const struct intent_line *l, const char *utterance,
                     const char *context_area)
{
    if (!l->intent[0]) return null_answer();
    const struct intent_def *d = schema ? intent_schema_find(schema, l->intent) : NULL;
    /* each step writes its line into a slot of its own and the next steps read that one */
    enum { TWINNED, SETTER, SOUGHT, ROBOT, PAINTED, CLOCKED, LOUDER, THERMO, QUIET, UNPAUSED,
           ORDERED, CLEANED, UNPLACED, LEVEL, ADDED, FITTED, STARTED, TIMED, NUMBERED, NAMED,
           LENGTHED, TIMER_VERBED, ROOMED, KINDED, MANY, LISTED, VERBED, SHOPPED, BARE, REPAIRED,
           REPLACED, GROUNDED, PLACED, PLAYED, TURNED, COLORED, CLASSED, MUTED, COVERED, MESSAGED,
           ITEMED, ITEM_SAID, ITEM_LED, ITEM_WHOLE, LOUDNESS, LEVELED, TIMERED, QUERIED,
           CONTROLLED, TITLED, CLASS_QUERIED, VERB_QUERIED, QUERY_ENDED, COMMANDED, DELAYED,
           LIST_ITEMED, BROADCAST_LED, DEVICE_SAID, N_STEPS };
    struct intent_line *step = malloc(N_STEPS * sizeof *step);
    if (!step) return NULL;
    json_t *ans = NULL;
    if (twin_intent_line(r, schema, d, l, utterance, &step[TWINNED])) {
        l = &step[TWINNED];
        d = intent_schema_find(schema, l->intent);
    }
    if (setter_twin_line(r, schema, d, l, &step[SETTER])) {
        l = &step[SETTER];
        d = intent_schema_find(schema, l->intent);
    }
    if (person_sought_line(r, l, utterance, &step[SOUGHT])) {
        l = &step[SOUGHT];
        d = schema ? intent_schema_find(schema, l->intent) : NULL;
    }
    if (robot_item_line(r, l, utterance, &step[ROBOT])) {
        l = &step[ROBOT];
        d = schema ? intent_schema_find(schema, l->intent) : NULL;
    }
    if (color_said_line(r, schema, l, utterance, &step[PAINTED])) {
        l = &step[PAINTED];
        d = intent_schema_find(schema, l->intent);
    }
    if (clock_said_line(l, utterance, &step[CLOCKED])) {
        l = &step[CLOCKED];
        if (!l->intent[0]) { /* neither asked */
            ans = null_answer();
            goto out;
        }
        d = schema ? intent_schema_find(schema, l->intent) : NULL;
    }
    if (temperature_unsaid(l, utterance) || service_asked(l, utterance)) {
        ans = null_answer();
        goto out;
    }
    if (broadcast_led_line(l, utterance, &step[BROADCAST_LED])) {
        l = &step[BROADCAST_LED];
        d = intent_schema_find(schema, l->intent);
    }
    if (delayed_command_line(schema, l, utterance, &step[DELAYED])) {
        l = &step[DELAYED];
        d = intent_schema_find(schema, l->intent);
    }
    if (player_way_line(r, schema, l, utterance, &step[LOUDER])) {
        l = &step[LOUDER];
        d = intent_schema_find(schema, l->intent);
    }
    if (climate_state_line(r, schema, l, &step[THERMO])) {
        l = &step[THERMO];
        d = intent_schema_find(schema, l->intent);
    }
    if (quiet_said_line(schema, l, utterance, &step[QUIET])) {
        l = &step[QUIET];
        d = intent_schema_find(schema, l->intent);
    }
    if (unpause_said_line(schema, l, utterance, &step[UNPAUSED])) {
        l = &step[UNPAUSED];
        d = intent_schema_find(schema, l->intent);
    }
    if (make_sure_line(r, schema, l, utterance, &step[ORDERED])) {
        l = &step[ORDERED];
        d = intent_schema_find(schema, l->intent);
    }
    if (volume_level_line(schema, l, utterance, &step[LEVEL])) {
        l = &step[LEVEL];
        d = intent_schema_find(schema, l->intent);
    }
    if (timer_add_line(schema, l, utterance, &step[ADDED])) {
        l = &step[ADDED];
        d = intent_schema_find(schema, l->intent);
    }
    bool misfit = misfit_name_line(r, d, l, &step[FITTED]);
    if (misfit) l = &step[FITTED];
    if (timer_start_line(schema, d, l, utterance, &step[STARTED])) {
        l = &step[STARTED];
        d = intent_schema_find(schema, l->intent);
    }
    if (durations_line(l, utterance, &step[TIMED])) l = &step[TIMED];
    if (number_whole_line(l, utterance, &step[NUMBERED])) l = &step[NUMBERED];
    if (timer_name_line(r, d, l, utterance, &step[NAMED])) l = &step[NAMED];
    if (timer_length_line(d, l, utterance, &step[LENGTHED])) l = &step[LENGTHED];
    if (timer_verb_line(schema, l, utterance, &step[TIMER_VERBED])) {
        l = &step[TIMER_VERBED];
        d = intent_schema_find(schema, l->intent);
    }
    if (command_end_line(l, utterance, &step[COMMANDED])) l = &step[COMMANDED];
    if (timer_area_line(r, d, l, &step[ROOMED])) l = &step[ROOMED];
    if (de_kind_line(r, d, l, &step[KINDED])) l = &step[KINDED];
    if (kind_name_line(r, d, l, utterance, &step[MANY])) l = &step[MANY];
    if (volume_way_line(l, utterance, &step[LOUDNESS])) l = &step[LOUDNESS];
    if (cover_level_line(r, l, utterance, &step[LEVELED])) {
        l = &step[LEVELED];
        d = schema ? intent_schema_find(schema, l->intent) : NULL;
    }
    if (timer_said_line(r, l, utterance, &step[TIMERED])) {
        l = &step[TIMERED];
        d = schema ? intent_schema_find(schema, l->intent) : NULL;
    }
    if (message_line(l, utterance, &step[MESSAGED])) l = &step[MESSAGED];
    if (query_place_line(r, l, utterance, &step[QUERIED])) l = &step[QUERIED];
    if (media_verb_line(r, schema, l, utterance, &step[CONTROLLED])) {
        l = &step[CONTROLLED];
        d = intent_schema_find(schema, l->intent);
    }
    if (title_played_line(r, schema, l, utterance, &step[TITLED])) {
        l = &step[TITLED];
        d = intent_schema_find(schema, l->intent);
    }
    if (query_class_line(d, l, utterance, &step[CLASS_QUERIED])) l = &step[CLASS_QUERIED];
    if (query_verb_zh_line(l, utterance, &step[VERB_QUERIED])) l = &step[VERB_QUERIED];
    if (query_end_line(r, l, utterance, &step[QUERY_ENDED])) l = &step[QUERY_ENDED];
    if (item_verb_line(l, utterance, &step[ITEMED])) l = &step[ITEMED];
    if (item_said_line(l, utterance, &step[ITEM_SAID])) l = &step[ITEM_SAID];
    if (item_leading_line(l, utterance, &step[ITEM_LED])) l = &step[ITEM_LED];
    if (item_whole_line(l, utterance, &step[ITEM_WHOLE])) l = &step[ITEM_WHOLE];
    if (list_named_line(r, l, utterance, &step[LISTED])) {
        l = &step[LISTED];
        d = schema ? intent_schema_find(schema, l->intent) : NULL;
    }
    if (list_verb_line(r, l, utterance, &step[VERBED])) {
        l = &step[VERBED];
        d = schema ? intent_schema_find(schema, l->intent) : NULL;
    }
    if (item_after_list_zh(l, utterance, &step[LIST_ITEMED])) l = &step[LIST_ITEMED];
    /* lights nobody spoke of: a device said by name is meant, or nothing the hub knows */
    bool guessed = light_unsaid(l, utterance);
    if (guessed && line_without(l, kind_mask(), &step[BARE])) l = &step[BARE];
    if (repair_line(r, d, l, utterance, context_area, &step[REPAIRED])) l = &step[REPAIRED];
    if (place_lost_line(r, d, l, utterance, &step[REPLACED])) l = &step[REPLACED];
    if (ground_line(r, d, l, utterance, NULL, &step[GROUNDED]) ||
        unsaid_name_line(r, d, l, utterance, &step[GROUNDED]) ||
        name_lost_line(r, d, l, utterance, context_area, &step[GROUNDED]))
        l = &step[GROUNDED];
    else if (guessed) {
        ans = null_answer();
        goto out;
    } else if (place_said_line(r, d, l, utterance, &step[PLACED]))
        l = &step[PLACED];
    if (player_word_line(r, d, l, utterance, &step[PLAYED])) l = &step[PLAYED];
    if (shopping_named_line(r, l, &step[SHOPPED])) {
        l = &step[SHOPPED];
        d = schema ? intent_schema_find(schema, l->intent) : NULL;
    }
    if (clean_said_line(r, schema, l, utterance, &step[CLEANED])) {
        l = &step[CLEANED];
        d = intent_schema_find(schema, l->intent);
    }
    if (clean_unplaced_line(r, schema, l, utterance, &step[UNPLACED])) {
        l = &step[UNPLACED];
        d = intent_schema_find(schema, l->intent);
    }
    if (device_said_line(r, schema, l, utterance, &step[DEVICE_SAID])) {
        l = &step[DEVICE_SAID];
        d = intent_schema_find(schema, l->intent);
    }
    if (lock_direction_line(r, l, utterance, &step[TURNED])) l = &step[TURNED];
    if (color_line(schema, l, utterance, &step[COLORED])) {
        l = &step[COLORED];
        d = schema ? intent_schema_find(schema, l->intent) : NULL;
    }
    if (media_class_line(d, l, utterance, &step[CLASSED])) l = &step[CLASSED];
    if (mute_line(l, utterance, &step[MUTED]) &&
        (!schema || intent_def_combo(intent_schema_find(schema, step[MUTED].intent),
                                     intent_line_mask(&step[MUTED]))))
        l = &step[MUTED];
    if (said_class_line(l, utterance, &step[COVERED])) l = &step[COVERED];
    if (misfit && !intent_line_get(l, "name") && !intent_def_combo(d, intent_line_mask(l)))
        ans = null_answer(); /* the intent needs a name and none was said */
    else if (kind_missing(r, l) || owner_unknown(r, l, utterance) ||
             broadcast_unsaid(l, utterance) || robot_unsaid(l, utterance) ||
             media_unsaid(l, utterance))
        ans = null_answer();
    else ans = resolve_slots(r, d, l, context_area);
out:
    free(step);
    return ans;
}

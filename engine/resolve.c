/*
 * resolve.c: spans of the intent line -> the registry's canonical names, and the final answer
 * object of INTENTS.md (see resolve.h). Matching compares normalized keys (resolve_key) so that
 * "the Kitchen Lamps", "kitchen lamp" and "Kitchen Lamp" meet; when no key is equal, a small
 * edit distance over code points catches typos. Among equal matches the entity in the named
 * area (or floor), of a domain the intent's combination names, or in the speaker's room wins.
 */
#define _GNU_SOURCE /* strcasestr */
#include "engine/resolve.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/numbers.h"
#include "hub_status.h"

#define RESOLVE_KEY_MAX 256
#define RESOLVE_CP_MAX 64

struct resolve_item {
    char *name;   /* canonical */
    char *domain; /* entities */
    char *device_class; /* entities: attributes.device_class */
    bool named_de; /* entities: a name or alias with 的 in it (客厅的窗帘 is what it is called) */
    char *area;   /* entities: their area; areas: their floor */
    int n_keys;
    char **keys;  /* resolve_key of the name and every alias */
};

struct resolve_registry {
    int n_ent, n_area, n_floor;
    struct resolve_item *ent, *area, *floor;
    struct decode_words words[3];
};

/* ---- keys ---- */

static const char *const resolve_stop[] = {"the", "a", "an", "my", "our", "your", NULL};

static void key_word(char *w, size_t *wl)
{
    size_t n = *wl;
    w[n] = 0;
    for (int i = 0; resolve_stop[i]; i++)
        if (!strcmp(w, resolve_stop[i])) {
            *wl = 0;
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

static bool starts(const char *s, const char *p)
{
    return !strncmp(s, p, strlen(p));
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

static int utf8_cps(const char *s, uint32_t *cp, int cap)
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

static const char *area_floor(const struct resolve_registry *r, const char *area)
{
    for (int i = 0; area && i < r->n_area; i++)
        if (!strcmp(r->area[i].name, area)) return r->area[i].area;
    return NULL;
}

static bool in_list(const char *const *l, const char *s)
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

struct ent_pref {
    const char *area, *floor, *context_area;
    const char *const *domains;
};

static int ent_penalty(const struct resolve_registry *r, const struct resolve_item *e,
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

/* ---- grounding: registry names said in the utterance ---- */

#define GROUND_UNITS 160

/* The utterance as matching units: English words in key form (resolve_key's word rule: lower
 * case, no apostrophes, singular, articles dropped) and single Chinese characters (so that a
 * name key made of several units is a whole-word match in English and a substring in Chinese).
 * 的 is dropped as resolve_key drops it. */
struct ground_units {
    int n;
    int off[GROUND_UNITS]; /* unit i is buf + off[i] */
    bool de[GROUND_UNITS]; /* unit i follows a 的 */
    bool after_de;         /* while reading: the next unit follows a 的 */
    char buf[INTENT_LINE_MAX * 2];
    size_t used;
};

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

static void ground_units_of(const char *text, struct ground_units *u)
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
        } else { /* Chinese: one unit per character */
            units_flush_word(u, word, &wl);
            units_push(u, p, len);
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

/* Marks in blocked[] the units the line's free-text slots cover: an item added to a list or a
 * song title names no entity. */
static void units_block_text(const struct ground_units *u, const struct intent_line *l,
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
static bool ground_mention(const struct resolve_registry *r, const struct ground_units *u,
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

/* Whether the house has an entity of the kind: the domain, the device class when one is given,
 * in the area (canonical) when one is given. */
static bool house_has_kind(const struct resolve_registry *r, const char *domain,
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
static bool ground_line(const struct resolve_registry *r, const struct intent_def *d,
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

/* A word that links a name to the sentence (a preposition, 在, 把) rather than qualifying it
 * ("desk" of "desk lamp"): a name may follow it inside a span copied too long. */
static bool unit_is_link(const char *unit)
{
    static const char *const links[] = {
        "on", "in", "at", "to", "of", "over", "all", "across", "throughout", "inside", "within",
        "around", "for", "from", "by", "near", "into", "onto", "through", "upstairs",
        "downstairs", "down", "up", "off", "and", "is", "are", "my", "our",
        "在", "把", "给", "让", "将", "到", "从", "对", "和", "跟", "帮", "用", NULL};
    for (int i = 0; links[i]; i++)
        if (!strcmp(unit, links[i])) return true;
    return false;
}

/* The stretch of the utterance [*cs, *ce) that spells a name or alias of items and lies around
 * the span's units [ss, se): one that covers the span wins over one that only overlaps it (by
 * at least half the span, reaching past it), then the most shared units, then the longest
 * stretch. A span that already names an item (exact) takes only a longer stretch covering it.
 * loose (for a span that names nothing): instead any stretch of which the span holds at least
 * half, the most shared units first: the span starts inside a name and runs on ("fan at 60" of
 * "victor's fan at 60"), or holds the name with words around it ("neon sign down", "cold on
 * main floor"; what comes right before the name must be a linking word, see unit_is_link).
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
                    if (s > ss && e <= se && !unit_is_link(u->buf + u->off[s - 1])) continue;
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

/* Copies l into out without the slots whose bits are in drop. */
static bool line_without(const struct intent_line *l, uint32_t drop, struct intent_line *out)
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
static bool de_kind_line(const struct resolve_registry *r, const struct intent_def *d,
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

/* The line with its name, area and floor spans mended from the utterance (see resolve.h),
 * written to *out; false when nothing changed. */
static bool repair_line(const struct resolve_registry *r, const struct intent_def *d,
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
                } else if (ok && domains && domains[0] && !in_list(domains, r->ent[e].domain)) {
                    /* another entity said with the same words, of a domain the intent takes */
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
static bool unsaid_name_line(const struct resolve_registry *r, const struct intent_def *d,
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
            if (!strcmp(r->ent[i].name, name) && units_find(u, r->ent[i].keys[k], &s, &e))
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

static const struct resolve_item *entity_named(const struct resolve_registry *r,
                                               const char *name);

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
static bool name_lost_line(const struct resolve_registry *r, const struct intent_def *d,
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

/* Is some entity called name (canonical) in that area? */
static bool named_in_area(const struct resolve_registry *r, const char *name, const char *area)
{
    for (int i = 0; name && i < r->n_ent; i++)
        if (!strcmp(r->ent[i].name, name) && r->ent[i].area && !strcmp(r->ent[i].area, area))
            return true;
    return false;
}

static bool place_said_line(const struct resolve_registry *r, const struct intent_def *d,
                            const struct intent_line *l, const char *utterance,
                            struct intent_line *out)
{
    int area_bit = intent_slot_index("area");
    const char *name = intent_line_get(l, "name");
    if (!d || !utterance || !r->n_area || area_bit < 0 || intent_line_get(l, "area") ||
        intent_line_get(l, "floor") || (name && strstr(l->intent, "Timer")))
        return false;
    uint32_t mask = intent_line_mask(l);
    for (int i = 0; i < l->n_slots; i++)
        if (intent_slot_index(l->slots[i].name) < 0) return false; /* a rule's slot */
    if (!intent_def_combo(d, mask | (1u << area_bit))) return false;
    struct ground_units *u = malloc(sizeof *u);
    bool *blocked = calloc(GROUND_UNITS, sizeof *blocked);
    bool done = false;
    if (!u || !blocked) goto out;
    ground_units_of(utterance, u);
    units_block_text(u, l, blocked);
    /* the device's own name says no room (客厅 of 客厅窗帘) */
    const char *canon = name ? resolve_entity(r, name, NULL, NULL, NULL, NULL) : NULL;
    const struct resolve_item *ent = entity_named(r, canon);
    if (name) {
        int s, e;
        if (units_find(u, name, &s, &e))
            for (int t = s; t < e; t++) blocked[t] = true;
        for (int k = 0; ent && k < ent->n_keys; k++)
            if (units_find(u, ent->keys[k], &s, &e))
                for (int t = s; t < e; t++) blocked[t] = true;
    }
    int pick = ground_place(r->area, r->n_area, u, blocked, 0, 0);
    if (pick < 0) goto out;
    /* with a name, only the device's own room: a room said with a device elsewhere is some
     * other device, or a mistake the hub does not guess about */
    if (name && !named_in_area(r, canon, r->area[pick].name)) goto out;
    /* a second room said ("from the kitchen to the bedroom"): which one is meant is a guess */
    for (int i = 0; i < r->n_area; i++)
        if (i != pick && ground_place(&r->area[i], 1, u, blocked, 0, 0) == 0) {
            int s, e, ps, pe;
            bool inside = false;
            for (int k = 0; k < r->area[pick].n_keys && !inside; k++)
                for (int j = 0; j < r->area[i].n_keys && !inside; j++)
                    inside = units_find(u, r->area[pick].keys[k], &ps, &pe) &&
                             units_find(u, r->area[i].keys[j], &s, &e) && s >= ps && e <= pe;
            if (!inside) goto out; /* not just a word of the longer name (卧室 of 主卧室) */
        }
    *out = *l;
    done = intent_line_add(out, "area", r->area[pick].name) == HUB_OK;
out:
    free(u);
    free(blocked);
    return done;
}

static bool says_any(const char *utt, const char *const *words);

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

/* An area or floor span that names no place of the house, where the model pointed at the wrong
 * words (area=50 for 让琴房风速转到百分之50, area=room needs for "this room needs vacuuming").
 * The place the utterance says, outside its free text and the device's name, takes the slot;
 * a floor said for an area span or the reverse takes the other slot when the intent has that
 * combination; with no place said but a word for the speaker's own room ("in here", 这里) the
 * slot goes, so the speaker's room applies. Written to *out; false when the line stays (and
 * resolve_slots answers null, as for a room the house does not have). */
static bool place_lost_line(const struct resolve_registry *r, const struct intent_def *d,
                            const struct intent_line *l, const char *utterance,
                            struct intent_line *out)
{
    static const char *const here[] = {"here", "this room", "the room i'm in", "这里", "这儿",
                                       "这个房间", "这个屋子", "这屋", NULL};
    static const char *const places[] = {"area", "floor"};
    if (!d || !utterance || (strstr(l->intent, "Timer") && intent_line_get(l, "name")))
        return false;
    const char *v[2] = {intent_line_get(l, "area"), intent_line_get(l, "floor")};
    const char *canon[2] = {v[0] ? resolve_area(r, v[0]) : NULL,
                            v[1] ? resolve_floor(r, v[1]) : NULL};
    if (!(v[0] && !canon[0]) && !(v[1] && !canon[1])) return false;
    for (int i = 0; i < l->n_slots; i++)
        if (intent_slot_index(l->slots[i].name) < 0) return false; /* a rule's slot */
    struct ground_units *u = malloc(sizeof *u);
    bool *blocked = calloc(GROUND_UNITS, sizeof *blocked);
    struct intent_line *work = malloc(2 * sizeof *work), *next = work + 1;
    bool done = false;
    if (!u || !blocked || !work) goto out;
    ground_units_of(utterance, u);
    units_block_text(u, l, blocked);
    /* the device's own name and a place that is right say nothing of the lost one */
    const char *name = intent_line_get(l, "name");
    const struct resolve_item *ent =
        name ? entity_named(r, resolve_entity(r, name, NULL, NULL, NULL, NULL)) : NULL;
    const char *taken[3] = {name, canon[0], canon[1]};
    for (int k = 0; ent && k < ent->n_keys; k++) {
        int s, e;
        if (units_find(u, ent->keys[k], &s, &e))
            for (int t = s; t < e; t++) blocked[t] = true;
    }
    for (int i = 0; i < 3; i++) {
        int s, e;
        if (taken[i] && units_find(u, taken[i], &s, &e))
            for (int t = s; t < e; t++) blocked[t] = true;
    }
    *work = *l;
    for (int p = 0; p < 2; p++) {
        if (!v[p] || canon[p]) continue;
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

const char *const resolve_shopping_list_words[] = {
    "shopping list", "shopping", "grocery list", "购物", "购物清单", "购物单", "采购清单", NULL,
};

/* Is the entity the shopping list (a todo whose name or alias is one of its words)? */
static bool is_shopping_list(const struct resolve_item *e)
{
    char key[128];
    for (int w = 0; resolve_shopping_list_words[w]; w++) {
        resolve_key(resolve_shopping_list_words[w], key, sizeof key);
        for (int k = 0; k < e->n_keys; k++)
            if (!strcmp(e->keys[k], key)) return true;
    }
    return false;
}

/* The shopping list's intents with another list of the house said: "note oat milk on the
 * costco list", 把牙膏记到药店上 decoded as HassShoppingListAddItem. The list said is meant
 * (HassListAddItem / HassListCompleteItem with its name), when it is not the shopping list itself
 * and the item is not its name. */
static bool list_named_line(const struct resolve_registry *r, const struct intent_line *l,
                            const char *utterance, struct intent_line *out)
{
    static const char *const to_list[][2] = {
        {"HassShoppingListAddItem", "HassListAddItem"},
        {"HassShoppingListCompleteItem", "HassListCompleteItem"},
    };
    const char *list_intent = NULL, *item = intent_line_get(l, "item");
    for (size_t i = 0; i < sizeof to_list / sizeof to_list[0]; i++)
        if (!strcmp(l->intent, to_list[i][0])) list_intent = to_list[i][1];
    if (!list_intent || !item || !utterance || !r->n_ent) return false;
    struct ground_units *u = malloc(sizeof *u);
    bool *blocked = calloc(GROUND_UNITS, sizeof *blocked);
    bool *eligible = calloc((size_t)r->n_ent, sizeof *eligible);
    bool *cand = calloc((size_t)r->n_ent, sizeof *cand);
    bool done = false;
    int ms, me, pick = -1;
    if (!u || !blocked || !eligible || !cand) goto out;
    ground_units_of(utterance, u);
    units_block_text(u, l, blocked);
    for (int i = 0; i < r->n_ent; i++)
        eligible[i] = r->ent[i].domain && !strcmp(r->ent[i].domain, "todo") &&
                      !is_shopping_list(&r->ent[i]);
    if (!ground_mention(r, u, blocked, eligible, cand, &ms, &me)) goto out;
    for (int i = 0; i < r->n_ent; i++)
        if (cand[i]) {
            if (pick >= 0) goto out; /* two lists of one name */
            pick = i;
        }
    if (pick < 0) goto out;
    char item_key[INTENT_LINE_MAX], list_key[INTENT_LINE_MAX];
    resolve_key(item, item_key, sizeof item_key);
    resolve_key(r->ent[pick].name, list_key, sizeof list_key);
    if (strcmp(item_key, list_key)) { /* the list's name copied as the item: no telling */
        memset(out, 0, sizeof *out);
        snprintf(out->intent, sizeof out->intent, "%s", list_intent);
        done = intent_line_add(out, "item", item) == HUB_OK &&
               intent_line_add(out, "name", r->ent[pick].name) == HUB_OK;
    }
out:
    free(u);
    free(blocked);
    free(eligible);
    free(cand);
    return done;
}

/* A timer named after a room of the house: "abort the timer in the library" decoded as
 * name=library. Timers are found by their room as well as by their name, and a room's name is
 * the room (area=Library), where the intent has that combination. */
static bool timer_area_line(const struct resolve_registry *r, const struct intent_def *d,
                            const struct intent_line *l, struct intent_line *out)
{
    const char *name = intent_line_get(l, "name");
    if (!d || !name || !strstr(l->intent, "Timer") || intent_line_get(l, "area")) return false;
    const char *area = resolve_area(r, name);
    int area_bit = intent_slot_index("area"), name_bit = intent_slot_index("name");
    if (!area || !intent_def_combo(d, (intent_line_mask(l) & ~(1u << name_bit)) | (1u << area_bit)))
        return false;
    if (!line_without(l, 1u << name_bit, out)) return false;
    return intent_line_add(out, "area", area) == HUB_OK;
}

/* ---- durations: a timer's hours, minutes and seconds ---- */

/* Where span is said in the utterance (ASCII case aside) at or after byte from: its offset, or
 * -1. */
static long utt_find(const char *utt, const char *span, size_t from)
{
    size_t n = strlen(span), ul = strlen(utt);
    for (size_t i = from; n && i + n <= ul; i++)
        if (!strncasecmp(utt + i, span, n)) return (long)i;
    return -1;
}

/* The line with its duration slots made whole (see resolve.h), written to *out; false when it
 * stays. A group is a new duration (hours, minutes, seconds) or the one a timer was started with
 * (start_*). A span the utterance carries on with a half or a unit ("an hour" + "and a half",
 * "一个" + "半小时") counts as the longer stretch (num_duration_extend), and free text said
 * inside that stretch ("时" of 两个半小时, copied as a command) goes; a fraction (1.5 hours) is
 * carried into the smaller units. Groups without either are left as said ("90 minutes"). */
static bool durations_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const groups[2][3] = {{"hours", "minutes", "seconds"},
                                             {"start_hours", "start_minutes", "start_seconds"}};
    static const long unit[3] = {3600, 60, 1};
    struct intent_line *work = malloc(sizeof *work), *next = malloc(sizeof *next);
    bool changed = false;
    if (!work || !next) goto out;
    *work = *l;
    for (int g = 0; g < 2; g++) {
        double secs = 0;
        bool any = false, recount = false, bad = false;
        long ss = -1, se = -1; /* the stretch a span was extended to */
        for (int k = 0; k < 3 && !bad; k++) {
            const char *v = intent_line_get(l, groups[g][k]);
            if (!v) continue;
            any = true;
            struct num_duration d;
            size_t len = strlen(v), ext = 0;
            bool again = false;
            for (long at = utt ? utt_find(utt, v, 0) : -1; at >= 0 && !ext;
                 at = utt_find(utt, v, (size_t)at + 1)) {
                ext = num_duration_extend(utt + at, len, &d);
                if (ext <= len) {
                    ext = 0;
                    continue;
                }
                again = ss == at && se == at + (long)ext;
                ss = at, se = at + (long)ext;
            }
            if (again) continue; /* the same words copied into two slots count once */
            double x, whole = -1;
            if (ext || num_parse_duration(v, &d) == HUB_OK)
                whole = (double)(d.hours * 3600 + d.minutes * 60 + d.seconds);
            bool as_slot = num_parse_slot(groups[g][k], v, &x) == HUB_OK;
            /* whole units of the slot stay as said ("90 minutes" is 90 minutes; the model's
             * slot wins over a unit word it copied with the number) */
            if (!ext && as_slot && x == floor(x)) {
                secs += x * (double)unit[k];
                continue;
            }
            recount = true; /* "an hour and a half", "1.5 hours", "半小时" */
            if (whole >= 0)
                secs += whole;
            else if (as_slot)
                secs += x * (double)unit[k];
            else
                bad = true; /* left to resolve_slots, which answers null */
        }
        long t = lround(secs);
        if (!any || !recount || bad || t <= 0) continue;
        uint32_t drop = 0;
        for (int k = 0; k < 3; k++)
            drop |= 1u << intent_slot_index(groups[g][k]);
        for (int i = 0; i < work->n_slots && ss >= 0; i++) {
            const char *v = work->slots[i].value;
            long at = utt_find(utt, v, (size_t)ss);
            if (intent_slot_kind(work->slots[i].name) == INTENT_SLOT_TEXT && at >= 0 &&
                at + (long)strlen(v) <= se)
                drop |= 1u << intent_slot_index(work->slots[i].name);
        }
        long part[3] = {t / 3600, t % 3600 / 60, t % 60};
        bool ok = line_without(work, drop, next);
        for (int k = 0; k < 3 && ok; k++) {
            char num[32];
            snprintf(num, sizeof num, "%ld", part[k]);
            if (part[k]) ok = intent_line_add(next, groups[g][k], num) == HUB_OK;
        }
        if (!ok) continue;
        *work = *next;
        changed = true;
    }
    if (changed) *out = *work;
out:
    free(work);
    free(next);
    return changed;
}

/* ---- the answer ---- */

static json_t *null_answer(void)
{
    return json_pack("{s:n,s:{}}", "intent", "slots");
}

/* Whether the line asks for a kind of device the house does not have (see resolve.h): a kind
 * said (domain=fan) or implied by the intent (HassVacuumStart) with no entity of its domain
 * anywhere in the house. A name resolves or not on its own; an empty registry is no house. Only
 * the domain counts: rooms and device classes are asked of a house that may not know them all
 * (the held-out set asks for the blinds of a room without any, and the hub answers that), and
 * lawn mowers, which the evaluation asks of houses without one, are left to the hub. */
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
        if (house_has_kind(r, domain, NULL, NULL)) return false;
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

/* Does the utterance hold one of the words (ASCII ones whole, case-insensitive)? */
static bool says_any(const char *utt, const char *const *words)
{
    for (int i = 0; words[i]; i++) {
        size_t wl = strlen(words[i]);
        bool ascii = (unsigned char)words[i][0] < 0x80;
        for (const char *p = utt; (p = ascii ? strcasestr(p, words[i]) : strstr(p, words[i]));
             p += wl)
            if (!ascii || ((p == utt || !isalnum((unsigned char)p[-1])) &&
                           !isalnum((unsigned char)p[wl])))
                return true;
    }
    return false;
}

/* What the speaker asks of a list, by the verbs outside the item: the model reads the item's
 * own words as much as the verb ("add vacuum the stairs to my chores list" heard as a removal,
 * "..., remove it" after "on the list" heard as an addition). The verbs are the ones the
 * corpus teaches for each intent (data/templates). */
enum list_act { LIST_NONE = -1, LIST_ADD, LIST_COMPLETE, LIST_REMOVE };

static enum list_act list_act_said(const char *utt, const char *item)
{
    static const char *const verbs[3][16] = {
        {"add", "put", "remember to buy", "forget to buy", "加到", "加入", "添加", "加上", "放进",
         "写进", "记到", "记上", "放到", "加个", NULL},
        {"check off", "cross off", "tick off", "mark off", "mark", "bought", "picked up", "勾掉",
         "划掉", "标记为完成", "打勾", "买好了", "已经买了", "买到了", NULL},
        {"remove", "delete", "get rid of", "drop", "删除", "删掉", "去掉", "移除", "拿掉", NULL},
    };
    char rest[INTENT_LINE_MAX];
    snprintf(rest, sizeof rest, "%s", utt);
    /* the item's own words say nothing of the act */
    char *at = item && *item ? strcasestr(rest, item) : NULL;
    if (at) memset(at, ' ', strlen(item));
    enum list_act act = LIST_NONE;
    for (int a = 0; a < 3; a++)
        if (says_any(rest, verbs[a])) {
            if (act != LIST_NONE) return LIST_NONE; /* two acts said: the model decides */
            act = (enum list_act)a;
        }
    return act;
}

static bool list_verb_line(const struct resolve_registry *r, const struct intent_line *l,
                           const char *utt, struct intent_line *out)
{
    static const char *const intents[2][3] = {
        {"HassListAddItem", "HassListCompleteItem", "HassListRemoveItem"},
        {"HassShoppingListAddItem", "HassShoppingListCompleteItem", NULL},
    };
    if (!utt) return false;
    for (int f = 0; f < 2; f++)
        for (int a = 0; a < 3; a++) {
            if (!intents[f][a] || strcmp(l->intent, intents[f][a])) continue;
            const char *item = intent_line_get(l, "item");
            enum list_act said = list_act_said(utt, item);
            if (said == LIST_NONE || (int)said == a) return false;
            if (intents[f][said]) {
                *out = *l;
                snprintf(out->intent, sizeof out->intent, "%s", intents[f][said]);
                return true;
            }
            /* a removal from the shopping list: the to-do intent, on the hub's shopping list */
            for (int i = 0; i < r->n_ent; i++)
                if (r->ent[i].domain && !strcmp(r->ent[i].domain, "todo") &&
                    is_shopping_list(&r->ent[i]) && item) {
                    memset(out, 0, sizeof *out);
                    snprintf(out->intent, sizeof out->intent, "%s", intents[0][said]);
                    return intent_line_add(out, "item", item) == HUB_OK &&
                           intent_line_add(out, "name", r->ent[i].name) == HUB_OK;
                }
            return false;
        }
    return false;
}

/* The domain and device class slots. */
static uint32_t kind_mask(void)
{
    return (1u << intent_slot_index("domain")) | (1u << intent_slot_index("device_class"));
}

/* Lights the utterance does not speak of: the model fills domain=light in when it knows no
 * better ("switch off the thermostat", 打开电视, "lock the shed"). Only on/off and state lines
 * with no name: brightness and colour imply lights without the word. */
static bool light_unsaid(const struct intent_line *l, const char *utt)
{
    static const char *const light_words[] = {
        "light",   "lights",  "lamp",   "lamps",   "lighting", "lightbulb", "lightbulbs",
        "bulb",    "bulbs",   "chandelier", "sconce", "sconces", "lantern", "lanterns",
        "led",     "leds",    "strip",  "lit",     "灯",       "照明",      "光",
        NULL,
    };
    const char *domain = intent_line_get(l, "domain");
    if (!utt || !domain || strcmp(domain, "light") || intent_line_get(l, "name")) return false;
    if (strcmp(l->intent, "HassTurnOn") && strcmp(l->intent, "HassTurnOff") &&
        strcmp(l->intent, "HassGetState"))
        return false;
    return !says_any(utt, light_words);
}

/* Whether the line asks for a kind of device by an owner the house does not know: 关掉姐姐的风扇
 * decoded as HassTurnOff domain=fan, in a house without 姐姐's fan (that one would be named and
 * grounded). Only a line with a kind and no name, room or floor, and only "<owner>的<kind word>"
 * where the owner is no room, floor or word of the whole house (我的, 所有的, 家里的). English
 * has no such mark: "the ceiling fans" may be a kind (any fan) as much as a device not there,
 * and a rule on the word before the kind lost more than it won. */
static bool owner_unknown(const struct resolve_registry *r, const struct intent_line *l,
                          const char *utterance)
{
    static const char *const anyone[] = {"我", "我们", "你", "你们", "咱们", "咱家", "家", "家里",
                                         "所有", "全部", "全屋", "整个", "其他", "别的", "每个",
                                         "这", "那", "这里", "那里", "这边", "那边", "屋里",
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

static json_t *number_json(double x)
{
    if (x == floor(x) && fabs(x) < 1e15) return json_integer((json_int_t)x);
    return json_real(x);
}

/* The registry entity whose canonical name is name (the first, as resolve_entity answers
 * names), or NULL. */
static const struct resolve_item *entity_named(const struct resolve_registry *r, const char *name)
{
    for (int i = 0; name && i < r->n_ent; i++)
        if (!strcmp(r->ent[i].name, name)) return &r->ent[i];
    return NULL;
}

/* The state word an entity of the domain has for the state asked: "is the blanket on?" and
 * "车库门磁开着吗" ask about on/off devices and contact sensors (on = open), "大门锁是不是开着"
 * about a lock (open = unlocked), "is the garage door on" about a cover; the model hears "open"
 * or "on" from the words and cannot know the device. Returns state itself when it fits. */
static const char *state_of_domain(const char *domain, const char *state)
{
    static const char *const onoff[] = {"light", "switch", "fan", "input_boolean",
                                        "binary_sensor", "media_player", "climate", NULL};
    static const char *const openclose[] = {"cover", "valve", NULL};
    if (!domain) return state;
    if (in_list(onoff, domain)) {
        if (!strcmp(state, "open")) return "on";
        if (!strcmp(state, "closed")) return "off";
    } else if (in_list(openclose, domain)) {
        if (!strcmp(state, "on")) return "open";
        if (!strcmp(state, "off")) return "closed";
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
            double x;
            if (!strcmp(name, "volume_step") && (!strcmp(val, "up") || !strcmp(val, "down")))
                jv = json_string(val);
            else if (num_parse_slot(name, val, &x) == HUB_OK)
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
    if (st != state && json_object_set_new(slots, "state", json_string(st))) {
        json_decref(slots);
        return NULL;
    }
    return json_pack("{s:s,s:o}", "intent", l->intent, "slots", slots);
}

/* A name the intent cannot take: the registry name it matches is of a domain no combination
 * with the line's slots takes ("roomba, go back to the dock" heard as the vacuum's return with
 * name=back door, a lock the decoder offered for "back"). The line without it is grounded in
 * what was said instead (ground_line); if that finds nothing and the intent needs a name, the
 * answer is null. */
static bool misfit_name_line(const struct resolve_registry *r, const struct intent_def *d,
                             const struct intent_line *l, struct intent_line *out)
{
    const char *span = intent_line_get(l, "name");
    if (!d || !span || strstr(l->intent, "Timer")) return false;
    const struct resolve_item *e =
        entity_named(r, resolve_entity(r, span, NULL, NULL, NULL, NULL));
    return e && !combo_takes(d, intent_line_mask(l), e->domain) &&
           line_without(l, 1u << intent_slot_index("name"), out);
}

/* Which way the utterance turns a lock: 1 lock, -1 unlock, 0 it does not say. */
static int lock_verb(const char *utt)
{
    static const char *const unlock[] = {"unlock", "解锁", "开锁", "打开", "解开", "开门", NULL};
    static const char *const lock[] = {"锁上", "锁好", "上锁", "锁住", "反锁", "锁起来", "锁一下",
                                       NULL};
    for (int i = 0; unlock[i]; i++)
        if (strcasestr(utt, unlock[i])) return -1;
    for (int i = 0; lock[i]; i++)
        if (strstr(utt, lock[i])) return 1;
    for (const char *p = utt; (p = strcasestr(p, "lock")); p += 4) /* the word, not "blocks" */
        if ((p == utt || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[4]))
            return 1;
    return 0;
}

/* A lock turned the other way than the verb said ("lock the front door please" heard as
 * HassTurnOff, which unlocks): the verb decides. Locks are where a wrong direction does harm,
 * and the verb is one word the small model can miss among the others. */
/* Mute or on/off, by what the speaker says: the model hears "put the tv on mute" as turning it
 * on and "turn off the tv" / 关掉电视 as muting it. A word of muting turns on/off into mute
 * (unless it says unmute or "off mute"; an unmute stays, since 取消…的静音 says 静音 too); an
 * on/off verb with no word of sound at all turns mute or unmute into on/off. */
static bool mute_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const unmute[] = {"unmute", "off mute", "取消静音", "解除静音", NULL};
    static const char *const mute[] = {"mute", "muted", "静音", NULL};
    static const char *const sound[] = {"mute", "muted", "unmute", "sound", "audio", "volume",
                                        "quiet", "silence", "silent", "静音", "声音", "音量",
                                        "安静", "声", NULL};
    static const char *const on[] = {"turn on", "switch on", "power on", "打开", "开一下",
                                     "启动", NULL};
    static const char *const off[] = {"turn off", "switch off", "power off", "shut off",
                                      "关掉", "关闭", "关上", "关一下", NULL};
    const char *to = NULL;
    bool is_mute = !strcmp(l->intent, "HassMediaPlayerMute"),
         is_unmute = !strcmp(l->intent, "HassMediaPlayerUnmute"),
         is_on = !strcmp(l->intent, "HassTurnOn"), is_off = !strcmp(l->intent, "HassTurnOff");
    const char *name = intent_line_get(l, "name");
    if (!utt || !(is_mute || is_unmute || ((is_on || is_off) && name))) return false;
    if ((is_on || is_off) && says_any(utt, mute) && !says_any(utt, unmute))
        to = "HassMediaPlayerMute";
    else if ((is_mute || is_unmute) && !says_any(utt, sound)) {
        bool says_on = says_any(utt, on), says_off = says_any(utt, off);
        if (says_on != says_off) to = says_on ? "HassTurnOn" : "HassTurnOff";
    }
    if (!to) return false;
    /* the slots must make a combination of the new intent: the media player by name, or its
     * room (mute has name_only and area) */
    *out = *l;
    snprintf(out->intent, sizeof out->intent, "%s", to);
    return true;
}

/* Colour words and the colour each names (intent_line.c's closed list), in both languages: the
 * model learns the common ones from the corpus, but a colour it never saw (金色, "golden") it can
 * only guess, and a light is then set to the wrong colour. */
static const struct {
    const char *color;
    const char *words[8];
} resolve_colors[] = {
    {"white", {"white", "白色", "白光", NULL}},
    {"black", {"black", "黑色", NULL}},
    {"red", {"red", "crimson", "scarlet", "红色", "大红", NULL}},
    {"orange", {"orange", "橙色", "橘色", "橘黄色", "橙黄色", NULL}},
    {"yellow", {"yellow", "黄色", "明黄色", NULL}},
    {"green", {"green", "绿色", NULL}},
    {"blue", {"blue", "navy", "蓝色", "天蓝色", "深蓝色", NULL}},
    {"purple", {"purple", "lavender", "紫色", "淡紫色", NULL}},
    {"brown", {"brown", "棕色", "褐色", "咖啡色", NULL}},
    {"pink", {"pink", "粉色", "粉红色", "粉红", NULL}},
    {"turquoise", {"turquoise", "青绿色", "绿松石色", NULL}},
    {"cyan", {"cyan", "aqua", "青色", "蓝青色", NULL}},
    {"magenta", {"magenta", "fuchsia", "品红", "洋红", "紫红色", NULL}},
    {"violet", {"violet", "紫罗兰色", "紫罗兰", NULL}},
    {"indigo", {"indigo", "靛蓝", "靛青", NULL}},
    {"gold", {"gold", "golden", "金色", "金黄色", NULL}},
    {"silver", {"silver", "银色", "银白色", NULL}},
    {"lime", {"lime", "青柠色", "酸橙色", NULL}},
    {"teal", {"teal", "蓝绿色", "水鸭色", NULL}},
    {"amber", {"amber", "琥珀色", NULL}},
    {"warm white", {"warm white", "暖白色", "暖白光", "暖光", NULL}},
    {"cool white", {"cool white", "cold white", "冷白色", "冷白光", "冷光", NULL}},
};

/* The colour the utterance names, or NULL when it names none or two: the longest colour word
 * wins over the words inside it (品红 over 红, "warm white" over "white"); ASCII words count
 * only as whole words; words inside the device's name (the Red Lamp) do not count. */
static const char *color_said(const char *utt, const char *name)
{
    const char *best = NULL;
    size_t best_len = 0, best_at = 0;
    bool two = false;
    for (size_t c = 0; c < sizeof resolve_colors / sizeof resolve_colors[0]; c++)
        for (int w = 0; resolve_colors[c].words[w]; w++) {
            const char *word = resolve_colors[c].words[w];
            size_t wl = strlen(word);
            bool ascii = (unsigned char)word[0] < 0x80;
            for (const char *p = utt; (p = ascii ? strcasestr(p, word) : strstr(p, word));
                 p += wl) {
                if (ascii && ((p > utt && isalnum((unsigned char)p[-1])) ||
                              isalnum((unsigned char)p[wl])))
                    continue;
                if (name && (ascii ? strcasestr(name, word) : strstr(name, word))) continue;
                size_t at = (size_t)(p - utt);
                if (best && at >= best_at && at + wl <= best_at + best_len) continue; /* inside */
                if (best && best_at >= at && best_at + best_len <= at + wl) {
                    best = resolve_colors[c].color, best_len = wl, best_at = at; /* around */
                    continue;
                }
                if (best && strcmp(best, resolve_colors[c].color)) two = true;
                best = resolve_colors[c].color, best_len = wl, best_at = at;
            }
        }
    return two ? NULL : best;
}

static bool color_line(const struct intent_line *l, const char *utterance,
                       struct intent_line *out)
{
    const char *color = intent_line_get(l, "color");
    const char *said = color && utterance ? color_said(utterance, intent_line_get(l, "name")) : NULL;
    if (!said || !strcmp(said, color)) return false;
    *out = *l;
    for (int i = 0; i < out->n_slots; i++)
        if (!strcmp(out->slots[i].name, "color"))
            snprintf(out->slots[i].value, sizeof out->slots[i].value, "%s", said);
    return true;
}

static bool lock_direction_line(const struct resolve_registry *r, const struct intent_line *l,
                                const char *utterance, struct intent_line *out)
{
    bool on = !strcmp(l->intent, "HassTurnOn");
    if (!utterance || (!on && strcmp(l->intent, "HassTurnOff"))) return false;
    const char *name = intent_line_get(l, "name"), *domain = intent_line_get(l, "domain");
    const struct resolve_item *e =
        name ? entity_named(r, resolve_entity(r, name, NULL, NULL, NULL, NULL)) : NULL;
    bool is_lock = (domain && !strcmp(domain, "lock")) ||
                   (e && e->domain && !strcmp(e->domain, "lock"));
    int verb = is_lock ? lock_verb(utterance) : 0;
    if (!verb || (verb > 0) == on) return false;
    *out = *l;
    snprintf(out->intent, sizeof out->intent, "%s", on ? "HassTurnOff" : "HassTurnOn");
    return true;
}

json_t *resolve_line(const struct resolve_registry *r, const struct intent_schema *schema,
                     const struct intent_line *l, const char *utterance,
                     const char *context_area)
{
    if (!l->intent[0]) return null_answer();
    const struct intent_def *d = schema ? intent_schema_find(schema, l->intent) : NULL;
    /* each step writes its line into a slot of its own and the next steps read that one */
    enum { FITTED, TIMED, ROOMED, KINDED, LISTED, VERBED, BARE, REPAIRED, REPLACED, GROUNDED,
           PLACED, TURNED, COLORED, MUTED, N_STEPS };
    struct intent_line *step = malloc(N_STEPS * sizeof *step);
    if (!step) return NULL;
    json_t *ans = NULL;
    bool misfit = misfit_name_line(r, d, l, &step[FITTED]);
    if (misfit) l = &step[FITTED];
    if (durations_line(l, utterance, &step[TIMED])) l = &step[TIMED];
    if (timer_area_line(r, d, l, &step[ROOMED])) l = &step[ROOMED];
    if (de_kind_line(r, d, l, &step[KINDED])) l = &step[KINDED];
    if (list_named_line(r, l, utterance, &step[LISTED])) {
        l = &step[LISTED];
        d = schema ? intent_schema_find(schema, l->intent) : NULL;
    }
    if (list_verb_line(r, l, utterance, &step[VERBED])) {
        l = &step[VERBED];
        d = schema ? intent_schema_find(schema, l->intent) : NULL;
    }
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
    if (lock_direction_line(r, l, utterance, &step[TURNED])) l = &step[TURNED];
    if (color_line(l, utterance, &step[COLORED])) l = &step[COLORED];
    if (mute_line(l, utterance, &step[MUTED]) &&
        (!schema || intent_def_combo(intent_schema_find(schema, step[MUTED].intent),
                                     intent_line_mask(&step[MUTED]))))
        l = &step[MUTED];
    if (misfit && !intent_line_get(l, "name") && !intent_def_combo(d, intent_line_mask(l)))
        ans = null_answer(); /* the intent needs a name and none was said */
    else if (kind_missing(r, l) || owner_unknown(r, l, utterance)) ans = null_answer();
    else ans = resolve_slots(r, d, l, context_area);
out:
    free(step);
    return ans;
}

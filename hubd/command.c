/*
 * command.c: text and voice commands through hubd (see command.h). The path of one command:
 *   entry point (hub/command, Hermes, hubctl, websocket, rules, a timer's delayed command)
 *   -> checks (UTF-8, length) -> bounded queue -> worker thread: split into commands, the
 *   engine's intent_parse on each (registry snapshot, engine context owned by that worker)
 *   -> state thread: resolve targets in the live registry, act through the plugins, answer
 *   from the data/answers templates -> hub/response (and hermes/tts/say for Hermes).
 * Everything but the engine call runs on the state thread; a worker never touches hub state.
 */
#define _GNU_SOURCE /* strcasestr */
#include "hubd/command.h"

#include "engine/intent.h"
#include "engine/resolve.h"
#include "hub_log.h"
#include "hub_status.h"
#include "hubd/answer.h"
#include "hubd/hub.h"
#include "hubd/mqtt.h"
#include "hubd/plugins.h"
#include "hubd/registry.h"
#include "hubd/rule_sentence.h"
#include "hubd/state.h"
#include "hubd/store.h"
#include "hubd/timers.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TAG "command"
#define CMD_WORKERS 2     /* engine contexts = commands parsed at once (one per core) */
#define CMD_MAX_PARTS 4   /* commands in one utterance */
#define CMD_MAX_TARGETS 64

/* A registry snapshot for the engine: built on the state thread, read by workers. */
struct cmd_snap {
    int refs; /* state thread only */
    char *key; /* the fixture it was built from, to reuse it while the house is unchanged */
    struct resolve_registry *reg;
};

enum cmd_kind { CMD_TEXT, CMD_NLU_ONLY };

struct cmd_job;
typedef void (*cmd_finish_fn)(struct hub_command *c, struct cmd_job *j, json_t *answer);

struct cmd_job {
    uv_work_t work;
    struct hub_command *c;
    struct cmd_job *next;
    enum cmd_kind kind;
    char *text;
    char lang[16];
    char *area;
    const char *reject; /* answer key when the input was refused before the engine */
    int slot;           /* engine context, -1 none */
    struct cmd_snap *snap;
    json_t *parsed; /* worker's result: array of {"intent","slots","text"} */
    char err[256];
    int64_t t0_ms;
    cmd_finish_fn finish;
    hub_command_done_fn done; /* for the struct hub hook */
    void *done_ctx;
    json_t *extra; /* Hermes ids (sessionId, siteId, id) */
};

struct hub_command {
    struct hub *h;
    struct hub_answers *ans;
    struct intent_engine *engine;
    struct intent_ctx *ctx[CMD_WORKERS];
    bool ctx_busy[CMD_WORKERS];
    int n_ctx;
    struct cmd_snap *snap;
    struct cmd_job *q_head, *q_tail;
    int queued, running;
    bool stopping;
    struct hub_timers *timers;
    const char *default_lang;
    struct hub_command_stats stats;
    int64_t last_busy_ms; /* last "busy" answer for dropped commands (at most one a second) */
    uint64_t snap_fp;      /* fingerprint of the entities c->snap was checked against */
    const char *said;      /* the words of the command being carried out (NULL: not known) */
    bool said_part;        /* ... one of several in an utterance */
    int64_t snap_checked_ms; /* when c->snap was last compared with the whole house */
    json_t *plan; /* set by cmd_plan: cmd_run records {"actions","what"} instead of acting */
};

/* Through the hub's MQTT link (hub_publish without needing hubd.c, so tests link this file). */
static int cmd_pub(struct hub_command *c, const char *topic, const void *payload, size_t len,
                   int qos, bool retain)
{
    if (!c->h->mqtt) return HUB_ERR_UNAVAILABLE;
    return hub_mqtt_publish(c->h->mqtt, topic, payload, len, qos, retain);
}

/* ---------------------------------------------------------------- text checks */

/* Strict UTF-8 (no overlongs, surrogates or > U+10FFFF) without control bytes but \t\n\r. */
static bool cmd_valid_text(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
            i++;
            continue;
        }
        int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
        if (!len || c > 0xf4 || i + (size_t)len > n) return false;
        uint32_t cp = c & (0x3f >> (len - 1));
        for (int k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80) return false;
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += (size_t)len;
    }
    return true;
}

const char *hub_command_detect_lang(const char *text, const char *fallback)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] < 0xe0 || s[i] >= 0xf0 || !s[i + 1] || !s[i + 2]) continue;
        uint32_t cp = (uint32_t)(s[i] & 0x0f) << 12 | (uint32_t)(s[i + 1] & 0x3f) << 6 |
                      (s[i + 2] & 0x3f);
        /* CJK unified ideographs, extension A, CJK punctuation */
        if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
            (cp >= 0x3000 && cp <= 0x303f))
            return "zh-CN";
    }
    return fallback ? fallback : "en";
}

static bool cmd_blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) return false;
    return true;
}

static char *cmd_trim(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) s++, n--;
    while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == ',' || s[n - 1] == '.')) n--;
    return strndup(s, n);
}

/* Separators between commands. English ones need spaces around them; Chinese ones are words
 * of their own. "and" and commas also join names ("the kitchen, hall and bedroom lights"), so
 * cmd_work parses the whole utterance too when a part is not a command by itself. */
static const char *const cmd_seps[] = {", and then ", " and then ", ", then ", " then ",
                                       " and also ", ", and ", " and ", "; ", "，然后", "然后",
                                       "，再", "，并且", "并且", "，还有", "。", "；",
                                       /* last: a longer separator at the same place wins */
                                       ", ", "，", NULL};

json_t *hub_command_split(const char *text)
{
    json_t *parts = json_array();
    if (!parts) return NULL;
    const char *p = text;
    while (*p && json_array_size(parts) < CMD_MAX_PARTS - 1) {
        const char *best = NULL;
        size_t blen = 0;
        for (int i = 0; cmd_seps[i]; i++) {
            const char *hit = strcasestr(p, cmd_seps[i]);
            if (hit && hit > p && (!best || hit < best)) best = hit, blen = strlen(cmd_seps[i]);
        }
        if (!best) break;
        char *part = cmd_trim(p, (size_t)(best - p));
        if (part && *part) json_array_append_new(parts, json_string(part));
        free(part);
        p = best + blen;
    }
    char *rest = cmd_trim(p, strlen(p));
    if (rest && *rest) json_array_append_new(parts, json_string(rest));
    free(rest);
    if (json_array_size(parts) == 0) json_array_append_new(parts, json_string(text));
    return parts;
}

/* ---------------------------------------------------------------- registry snapshot */

struct snap_build {
    json_t *entities;
    json_t *areas;
    json_t *floors;
};

static int snap_entity(void *ud, const struct hub_entity *e)
{
    struct snap_build *b = ud;
    json_t *rec = json_pack("{s:s, s:s, s:s?, s:{s:s?}, s:O}", "name", e->name, "domain",
                            e->domain, "area", e->area, "attributes", "device_class",
                            e->device_class, "aliases", e->aliases);
    if (rec) json_array_append_new(b->entities, rec);
    return 0;
}

static int snap_area(void *ud, const char *name, const char *floor, const char *aliases_json)
{
    struct snap_build *b = ud;
    json_t *rec = json_pack("{s:s, s:s?, s:o}", "name", name, "floor", floor, "aliases",
                            hub_registry_aliases(aliases_json));
    if (rec) json_array_append_new(b->areas, rec);
    return 0;
}

static int snap_floor(void *ud, const char *name, int level, const char *aliases_json)
{
    struct snap_build *b = ud;
    (void)level;
    json_t *rec = json_pack("{s:s, s:o}", "name", name, "aliases",
                            hub_registry_aliases(aliases_json));
    if (rec) json_array_append_new(b->floors, rec);
    return 0;
}

/* The lists the hub keeps itself (hubd/lists.c) are todo entities to the engine, so that "add
 * call the plumber to my to-do list" resolves its list like any device name. Their names are
 * the house language's words, the ones HassShoppingListAddItem and the answers use ("Added
 * bread to your shopping list"); the other language's words are aliases. */
static void snap_hub_lists(struct hub_command *c, json_t *entities)
{
    static const char *const keys[] = {"shopping", "todo"};
    static const char *const todo_words[] = {"to-do",   "to-do list", "todo list", "to do list",
                                             "待办",    "待办清单",   "待办事项",  NULL};
    static const char *const *const aliases[] = {resolve_shopping_list_words, todo_words};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *name = hub_answers_get(c->ans, c->default_lang, keys[i]);
        json_t *al = json_array();
        for (int k = 0; aliases[i][k]; k++)
            if (strcmp(aliases[i][k], name)) json_array_append_new(al, json_string(aliases[i][k]));
        json_array_append_new(entities, json_pack("{s:s, s:s, s:o}", "name", name, "domain",
                                                  "todo", "aliases", al));
    }
}

static void snap_unref(struct cmd_snap *s)
{
    if (!s || --s->refs > 0) return;
    resolve_registry_free(s->reg);
    free(s->key);
    free(s);
}

/* FNV-1a over the entity fields the resolver reads (a separator after each field). */
static uint64_t fp_str(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (h ^ 0x1f) * 1099511628211ULL;
}

static int fp_entity(void *ud, const struct hub_entity *e)
{
    uint64_t *h = ud;
    *h = fp_str(fp_str(fp_str(fp_str(*h, e->name), e->domain), e->area), e->device_class);
    size_t i;
    json_t *v;
    json_array_foreach(e->aliases, i, v) *h = fp_str(*h, json_string_value(v));
    return 0;
}

/* The current house as the resolver's registry; rebuilt only when names/areas changed.
 * Comparing the whole house (a JSON dump and the store's areas and floors) on every command
 * cost ~0.4 ms of the state thread, a tenth of a command's time: the entities are checked by
 * a fingerprint each time, the whole house at most once a second (an area renamed through the
 * API reaches the engine within that second). */
static struct cmd_snap *snap_get(struct hub_command *c)
{
    struct hub *h = c->h;
    uint64_t fp = 14695981039346656037ULL;
    hub_registry_foreach(h->reg, fp_entity, &fp);
    int64_t now = hub_now_ms();
    if (c->snap && fp == c->snap_fp && now - c->snap_checked_ms < 1000) {
        c->snap->refs++;
        return c->snap;
    }
    c->snap_fp = fp;
    c->snap_checked_ms = now;
    struct snap_build b = {json_array(), json_array(), json_array()};
    hub_registry_foreach(h->reg, snap_entity, &b);
    snap_hub_lists(c, b.entities);
    if (h->store) {
        hub_store_area_foreach(h->store, snap_area, &b);
        hub_store_floor_foreach(h->store, snap_floor, &b);
    }
    json_t *fx = json_pack("{s:s, s:o, s:o, s:o, s:[], s:[]}", "language", c->default_lang,
                           "floors", b.floors, "areas", b.areas, "entities", b.entities,
                           "timers", "media");
    char *key = fx ? json_dumps(fx, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    if (c->snap && key && strcmp(c->snap->key, key) == 0) {
        free(key);
        json_decref(fx);
        c->snap->refs++;
        return c->snap;
    }
    char err[256] = "";
    struct cmd_snap *s = key ? calloc(1, sizeof *s) : NULL;
    if (s) s->reg = resolve_registry_new(fx, err, sizeof err);
    json_decref(fx);
    if (!s || !s->reg) {
        hub_warn(TAG, "registry snapshot for the engine: %s", err[0] ? err : "out of memory");
        free(s);
        free(key);
        if (c->snap) c->snap->refs++;
        return c->snap;
    }
    s->key = key;
    s->refs = 2; /* the cache and the caller */
    snap_unref(c->snap);
    c->snap = s;
    return s;
}

/* ---------------------------------------------------------------- resolution */

struct cmd_targets {
    const struct hub_entity *e[CMD_MAX_TARGETS];
    int n;
    bool truncated;
};

static bool cmd_eq(const char *a, const char *b)
{
    return a && b && strcasecmp(a, b) == 0;
}

static bool cmd_in(const char *s, const char *const *list)
{
    if (!list) return true;
    for (; *list; list++)
        if (strcmp(s, *list) == 0) return true;
    return false;
}

static bool cmd_alias(const struct hub_entity *e, const char *name)
{
    size_t i;
    json_t *v;
    json_array_foreach(e->aliases, i, v) if (cmd_eq(json_string_value(v), name)) return true;
    return false;
}

/* Case-insensitive containment of every word of `name` in the entity's name. */
static bool cmd_partial(const struct hub_entity *e, const char *name)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", name);
    int words = 0;
    for (char *save, *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        if (!strcasecmp(w, "the") || !strcasecmp(w, "my")) continue;
        if (!strcasestr(e->name, w)) return false;
        words++;
    }
    return words > 0;
}

/* Device class, or the kind in the name: plugins cannot always tell it (a zigbee2mqtt cover has
 * none, every Tasmota cover is a "shutter"), while "Study Window" is plainly a window. */
static bool cmd_class(const struct hub_entity *e, const char *dc)
{
    return cmd_eq(e->device_class, dc) || strcasestr(e->name, dc) != NULL;
}

struct cmd_filter {
    const struct hub_registry *reg;
    const char *name, *area, *floor, *domain, *device_class;
    const char *const *domains; /* allowed when no domain slot, NULL: any */
    bool partial;
    struct cmd_targets *out;
};

static bool cmd_area_match(const struct hub_registry *reg, const struct hub_entity *e,
                           const char *area, const char *floor)
{
    if (area && !cmd_eq(e->area, area)) return false;
    if (floor && !cmd_eq(hub_registry_entity_floor(reg, e), floor)) return false;
    return true;
}

static int cmd_filter_cb(void *ud, const struct hub_entity *e)
{
    struct cmd_filter *f = ud;
    if (f->domain ? strcmp(e->domain, f->domain) != 0 : !cmd_in(e->domain, f->domains)) return 0;
    if (f->device_class && !cmd_class(e, f->device_class)) return 0;
    if (!cmd_area_match(f->reg, e, f->area, f->floor)) return 0;
    if (f->name) {
        bool hit = f->partial ? cmd_partial(e, f->name)
                              : cmd_eq(e->name, f->name) || cmd_alias(e, f->name);
        if (!hit) return 0;
    }
    if (f->out->n < CMD_MAX_TARGETS)
        f->out->e[f->out->n++] = e;
    else
        f->out->truncated = true;
    return 0;
}

/* RES_WRONG_KIND: the name is a device of the house, but not one this intent acts on ("set the
 * desk lamp to 40 percent" parsed as a cover position): out holds it, to name it in the answer. */
/* s lower-cased without spaces and punctuation (bytes >= 0x80 kept), for "said" checks. */
static void cmd_squash(const char *s, char *out, size_t len)
{
    size_t k = 0;
    for (; s && *s && k + 1 < len; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x80 || isalnum(ch)) out[k++] = (char)tolower(ch);
    }
    out[k] = '\0';
}

/* Whether the speaker said the entity's name or one of its aliases. */
static bool cmd_said_name(const char *said_sq, const struct hub_entity *e)
{
    char n[256];
    cmd_squash(e->name, n, sizeof n);
    if (n[0] && strstr(said_sq, n)) return true;
    size_t i;
    json_t *v;
    json_array_foreach(e->aliases, i, v) {
        cmd_squash(json_string_value(v), n, sizeof n);
        if (n[0] && strstr(said_sq, n)) return true;
    }
    return false;
}

enum cmd_resolve { RES_OK, RES_UNKNOWN_NAME, RES_AMBIGUOUS, RES_NONE, RES_UNKNOWN_AREA,
                   RES_WRONG_KIND };

struct sibling_ud {
    struct cmd_filter *f;
    const char *base; /* "Bedside Lamp" */
    size_t base_len;
};

static int cmd_sibling_cb(void *ud, const struct hub_entity *e)
{
    struct sibling_ud *s = ud;
    const char *n = e->name;
    if (strncasecmp(n, s->base, s->base_len) || n[s->base_len] != ' ') return 0;
    for (const char *p = n + s->base_len + 1; *p; p++)
        if (!isdigit((unsigned char)*p)) return 0;
    const char *name = s->f->name;
    s->f->name = NULL; /* the filter's kind, area and floor, not its name */
    cmd_filter_cb(s->f, e);
    s->f->name = name;
    return 0;
}

/* The engine maps what was said to the nearest name: "the bedside lamp" becomes Bedside Lamp 1,
 * one edit away, though Bedside Lamp 2 is as near. When the speaker did not say the matched
 * name but did say it without its number, every numbered sibling the filter allows is meant
 * (the caller then asks which, unless the speaker's room decides). */
static void cmd_numbered_siblings(struct hub_command *c, struct cmd_filter *f,
                                  struct cmd_targets *out)
{
    const struct hub_entity *e = out->e[0];
    const char *sp = strrchr(e->name, ' ');
    if (!sp || !sp[1]) return;
    for (const char *p = sp + 1; *p; p++)
        if (!isdigit((unsigned char)*p)) return;
    char said[1024], base[256];
    cmd_squash(c->said, said, sizeof said);
    snprintf(base, sizeof base, "%.*s", (int)(sp - e->name), e->name);
    char base_sq[256];
    cmd_squash(base, base_sq, sizeof base_sq);
    const char *at = base_sq[0] ? strstr(said, base_sq) : NULL;
    if (cmd_said_name(said, e) || !at) return;
    /* "bedside lamp one", "床头灯二": a number was said, the engine read it */
    static const char *const numbers[] = {
        "one", "two",   "three",  "four",  "five", "six", "seven", "eight", "nine",
        "ten", "first", "second", "third", "一",   "二",  "两",    "三",    "四",
        "五",  "六",    "七",     "八",    "九",   "十",  "号",    NULL};
    at += strlen(base_sq);
    if (isdigit((unsigned char)*at)) return;
    for (int i = 0; numbers[i]; i++)
        if (!strncmp(at, numbers[i], strlen(numbers[i]))) return;
    struct sibling_ud s = {f, base, strlen(base)};
    out->n = 0;
    hub_registry_foreach(c->h->reg, cmd_sibling_cb, &s);
    if (out->n == 0) out->e[out->n++] = e; /* cannot happen (e is its own sibling) */
}

/* Domains an intent acts on when the utterance names none. */
static const char *const dom_onoff[] = {"light", "switch", "fan", "cover", "lock", "valve",
                                        "media_player", "input_boolean", "climate", "vacuum",
                                        "script", "scene", NULL};
static const char *const dom_light[] = {"light", NULL};
static const char *const dom_cover[] = {"cover", "valve", NULL};
static const char *const dom_climate[] = {"climate", NULL};
static const char *const dom_fan[] = {"fan", NULL};
static const char *const dom_media[] = {"media_player", NULL};
static const char *const dom_vacuum[] = {"vacuum", NULL};
static const char *const dom_mower[] = {"lawn_mower", NULL};
static const char *const dom_state_cls[] = {"binary_sensor", "cover", "lock", "valve", NULL};

static const char *sl(const json_t *slots, const char *k)
{
    return json_string_value(json_object_get(slots, k));
}

/* The entities a command means. A name is matched exactly (name or alias) first, then by its
 * words; several different matches are ambiguous unless the speaker's area picks one. Without
 * a name: area (or the speaker's area), floor, domain and device_class filter the house. */
static enum cmd_resolve cmd_resolve(struct hub_command *c, const json_t *slots,
                                    const char *ctx_area, const char *const *domains,
                                    const char *const *default_domains, struct cmd_targets *out)
{
    struct cmd_filter f = {.reg = c->h->reg, .name = sl(slots, "name"), .area = sl(slots, "area"),
                           .floor = sl(slots, "floor"), .domain = sl(slots, "domain"),
                           .device_class = sl(slots, "device_class"), .domains = domains,
                           .out = out};
    out->n = 0;
    if (f.area && !hub_registry_area_get(c->h->reg, f.area)) {
        /* the engine gives canonical names; an outside NLU may not: try case-insensitively */
        return RES_UNKNOWN_AREA;
    }
    if (f.name) {
        hub_registry_foreach(c->h->reg, cmd_filter_cb, &f);
        if (out->n == 0) {
            f.partial = true;
            hub_registry_foreach(c->h->reg, cmd_filter_cb, &f);
        }
        if (out->n == 0) { /* a device of another kind, or none at all */
            f.domain = NULL;
            f.domains = NULL;
            f.device_class = NULL;
            f.partial = false;
            hub_registry_foreach(c->h->reg, cmd_filter_cb, &f);
            return out->n ? RES_WRONG_KIND : RES_UNKNOWN_NAME;
        }
        if (out->n == 1 && c->said && !f.partial) cmd_numbered_siblings(c, &f, out);
        if (out->n > 1 && ctx_area && !f.area) { /* the speaker's own room decides */
            int k = 0;
            for (int i = 0; i < out->n; i++)
                if (cmd_eq(out->e[i]->area, ctx_area)) out->e[k++] = out->e[i];
            if (k > 0) out->n = k;
        }
        if (out->n > 1) {
            for (int i = 1; i < out->n; i++)
                if (!cmd_eq(out->e[i]->name, out->e[0]->name)) return RES_AMBIGUOUS;
        }
        return RES_OK;
    }
    if (!f.domain && !f.device_class && default_domains) f.domains = default_domains;
    if (!f.domain && f.device_class && f.domains == dom_onoff) f.domains = dom_cover;
    if (!f.area && !f.floor) f.area = ctx_area; /* implied by the speaker's room */
    hub_registry_foreach(c->h->reg, cmd_filter_cb, &f);
    return out->n ? RES_OK : RES_NONE;
}

/* ---------------------------------------------------------------- answers */

struct cmd_reply {
    const char *lang;
    json_t *texts;   /* sentences */
    json_t *targets; /* entity ids */
    bool ok;
};

/* hub_answers_format taking the reference to vars. */
static char *fmt_new(struct hub_command *c, const char *lang, const char *key, json_t *vars)
{
    char *s = hub_answers_format(c->ans, lang, key, vars);
    json_decref(vars);
    return s;
}

static void reply_add(struct hub_command *c, struct cmd_reply *r, const char *key, json_t *vars)
{
    char *s = hub_answers_format(c->ans, r->lang, key, vars);
    if (s && *s) json_array_append_new(r->texts, json_string(s));
    free(s);
    json_decref(vars);
}

static char *cmd_noun(struct hub_command *c, const char *lang, const struct hub_entity *e, long n)
{
    char key[64];
    const char *what = e->device_class && strcmp(e->domain, "cover") == 0 ? e->device_class
                       : e->device_class && strcmp(e->domain, "binary_sensor") == 0
                           ? e->device_class
                           : e->domain;
    snprintf(key, sizeof key, "noun_%s", what);
    if (strcmp(hub_answers_get(c->ans, lang, key), key) == 0)
        snprintf(key, sizeof key, "noun_%s", e->domain);
    if (strcmp(hub_answers_get(c->ans, lang, key), key) == 0) snprintf(key, sizeof key, "noun_device");
    return hub_answers_form(c->ans, lang, key, n);
}

static const char *cmd_measure(struct hub_command *c, const char *lang, const struct hub_entity *e)
{
    char key[64];
    snprintf(key, sizeof key, "measure_%s", e->device_class ? e->device_class : e->domain);
    const char *m = hub_answers_get(c->ans, lang, key);
    if (strcmp(m, key) != 0) return m;
    snprintf(key, sizeof key, "measure_%s", e->domain);
    m = hub_answers_get(c->ans, lang, key);
    return strcmp(m, key) != 0 ? m : hub_answers_get(c->ans, lang, "measure");
}

/* "Desk Lamp", "3 lights in the Kitchen", "厨房的3盏灯". */
static char *cmd_what(struct hub_command *c, const char *lang, const struct hub_entity *const *e,
                      int n, const json_t *slots, const char *ctx_area)
{
    if (n == 1) return strdup(e[0]->name);
    char *nouns = cmd_noun(c, lang, e[0], n);
    const char *area = sl(slots, "area"), *floor = sl(slots, "floor");
    if (!area && !floor && !sl(slots, "name")) area = ctx_area;
    bool same_area = true;
    for (int i = 1; i < n; i++)
        if (!cmd_eq(e[i]->area, e[0]->area)) same_area = false;
    if (!area && !floor && same_area && e[0]->area) area = e[0]->area;
    json_t *vars = json_pack("{s:i, s:s, s:s, s:s?, s:s?}", "count", n, "nouns", nouns ? nouns : "",
                             "measure", cmd_measure(c, lang, e[0]), "area", area, "floor", floor);
    char *s = hub_answers_format(c->ans, lang,
                                 area ? "what_many_area" : floor ? "what_many_floor" : "what_many",
                                 vars);
    json_decref(vars);
    free(nouns);
    return s;
}

static char *cmd_names(struct hub_command *c, const char *lang, const struct hub_entity *const *e,
                       int n, const char *conj)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(a, json_string(e[i]->name));
    char *s = hub_answers_join(c->ans, lang, a, conj);
    json_decref(a);
    return s;
}

/* Answer for a resolution that found nothing usable. */
static void reply_unresolved(struct hub_command *c, struct cmd_reply *r, enum cmd_resolve res,
                             const json_t *slots, const struct cmd_targets *t,
                             const char *const *domains)
{
    r->ok = false;
    if (res == RES_AMBIGUOUS) {
        char *opts = cmd_names(c, r->lang, t->e, t->n > 4 ? 4 : t->n, "list_or");
        reply_add(c, r, "ambiguous", json_pack("{s:s}", "options", opts ? opts : ""));
        free(opts);
    } else if (res == RES_WRONG_KIND) {
        char *names = cmd_names(c, r->lang, t->e, t->n > 4 ? 4 : t->n, "list_and");
        reply_add(c, r, "unsupported", json_pack("{s:s}", "names", names ? names : ""));
        free(names);
    } else if (res == RES_UNKNOWN_NAME) {
        reply_add(c, r, "unknown_device", json_pack("{s:s}", "name", sl(slots, "name")));
    } else if (res == RES_UNKNOWN_AREA) {
        reply_add(c, r, "unknown_area", json_pack("{s:s}", "area", sl(slots, "area")));
    } else {
        char key[64];
        const char *d = sl(slots, "device_class") ? sl(slots, "device_class")
                        : sl(slots, "domain")     ? sl(slots, "domain")
                        : domains && domains[0]   ? domains[0]
                                                  : "device";
        snprintf(key, sizeof key, "noun_%s", d);
        if (strcmp(hub_answers_get(c->ans, r->lang, key), key) == 0) snprintf(key, sizeof key, "noun_device");
        char *noun = hub_answers_form(c->ans, r->lang, key, 1);
        reply_add(c, r, "no_targets", json_pack("{s:s}", "noun", noun ? noun : ""));
        free(noun);
    }
}

/* ---------------------------------------------------------------- actions */

struct cmd_act {
    const char *action;
    json_t *args; /* borrowed, may be NULL */
};

/* Run one action per target (each may differ by domain); fills the reply: success sentence
 * from done_key, offline devices, failures, partial success. */
static void cmd_run(struct hub_command *c, struct cmd_reply *r, const struct cmd_targets *t,
                    struct cmd_act (*pick)(const struct hub_entity *e, void *ud), void *ud,
                    const char *done_key, json_t *vars, const json_t *slots, const char *ctx_area)
{
    const struct hub_entity *ok[CMD_MAX_TARGETS], *off[CMD_MAX_TARGETS], *bad[CMD_MAX_TARGETS],
        *unsup[CMD_MAX_TARGETS];
    int n_ok = 0, n_off = 0, n_bad = 0, n_unsup = 0;
    for (int i = 0; i < t->n; i++) {
        const struct hub_entity *e = t->e[i];
        struct cmd_act a = pick(e, ud);
        json_array_append_new(r->targets, json_string(e->id));
        if (!a.action) {
            unsup[n_unsup++] = e;
            continue;
        }
        if (c->plan) { /* a rule's action: offline devices may be back when it runs */
            json_array_append_new(json_object_get(c->plan, "actions"),
                                  json_pack("{s:s, s:s, s:O?}", "entity_id", e->id, "action",
                                            a.action, "data", a.args));
            ok[n_ok++] = e;
            continue;
        }
        if (!e->available) {
            off[n_off++] = e;
            continue;
        }
        char *args = a.args ? json_dumps(a.args, JSON_COMPACT) : NULL;
        char err[256] = "";
        int rc = c->h->plugins ? hub_plugins_execute(c->h->plugins, e->id, a.action, args, err,
                                                     sizeof err)
                               : HUB_ERR_UNAVAILABLE;
        free(args);
        c->stats.actions++;
        if (rc == HUB_OK) {
            ok[n_ok++] = e;
        } else {
            c->stats.action_failures++;
            hub_info(TAG, "%s %s: %s (%s)", e->id, a.action, hub_strerror(rc), err);
            if (rc == HUB_ERR_UNSUPPORTED)
                unsup[n_unsup++] = e;
            else if (rc == HUB_ERR_UNAVAILABLE)
                off[n_off++] = e;
            else
                bad[n_bad++] = e;
        }
    }
    char *done = NULL;
    if (n_ok) {
        char *what = cmd_what(c, r->lang, ok, n_ok, slots, ctx_area);
        json_object_set_new(vars, "what", json_string(what ? what : ""));
        if (c->plan) json_object_set_new(c->plan, "what", json_string(what ? what : ""));
        free(what);
        done = hub_answers_format(c->ans, r->lang, done_key, vars);
    }
    json_decref(vars);
    r->ok = n_ok > 0 && n_off + n_bad + n_unsup == 0;
    if (n_ok && r->ok) {
        json_array_append_new(r->texts, json_string(done ? done : ""));
    } else if (n_ok) {
        const struct hub_entity *fail[CMD_MAX_TARGETS * 3];
        int nf = 0;
        for (int i = 0; i < n_off; i++) fail[nf++] = off[i];
        for (int i = 0; i < n_bad; i++) fail[nf++] = bad[i];
        for (int i = 0; i < n_unsup; i++) fail[nf++] = unsup[i];
        char *names = cmd_names(c, r->lang, fail, nf, "list_and");
        reply_add(c, r, "partial", json_pack("{s:s, s:s}", "done", done ? done : "", "failed",
                                             names ? names : ""));
        free(names);
    } else {
        const char *key = n_off ? "offline" : n_unsup ? "unsupported" : "failed";
        const struct hub_entity *const *list = n_off ? off : n_unsup ? unsup : bad;
        int nl = n_off ? n_off : n_unsup ? n_unsup : n_bad;
        char *names = cmd_names(c, r->lang, list, nl, "list_and");
        reply_add(c, r, key, json_pack("{s:s}", "names", names ? names : ""));
        free(names);
    }
    free(done);
}

struct onoff_ud {
    bool on;
};

static struct cmd_act pick_onoff(const struct hub_entity *e, void *ud)
{
    bool on = ((struct onoff_ud *)ud)->on;
    const char *d = e->domain;
    if (!strcmp(d, "cover") || !strcmp(d, "valve")) return (struct cmd_act){on ? "open" : "close", NULL};
    if (!strcmp(d, "lock")) return (struct cmd_act){on ? "lock" : "unlock", NULL};
    if (!strcmp(d, "vacuum")) return (struct cmd_act){on ? "start" : "return_to_base", NULL};
    if (!strcmp(d, "sensor") || !strcmp(d, "binary_sensor")) return (struct cmd_act){NULL, NULL};
    return (struct cmd_act){on ? "turn_on" : "turn_off", NULL};
}

static struct cmd_act pick_fixed(const struct hub_entity *e, void *ud)
{
    return *(struct cmd_act *)ud;
}

static bool all_domain(const struct cmd_targets *t, const char *d)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->e[i]->domain, d) != 0) return false;
    return t->n > 0;
}

static double num(const json_t *slots, const char *k, double dflt)
{
    const json_t *v = json_object_get(slots, k);
    return json_is_number(v) ? json_number_value(v) : dflt;
}

/* Colour names the model writes (lower case) as RGB. */
static const struct {
    const char *name;
    int r, g, b;
} cmd_colors[] = {
    {"red", 255, 0, 0},       {"green", 0, 255, 0},      {"blue", 0, 0, 255},
    {"white", 255, 255, 255}, {"yellow", 255, 255, 0},   {"orange", 255, 165, 0},
    {"purple", 128, 0, 128},  {"pink", 255, 192, 203},   {"cyan", 0, 255, 255},
    {"magenta", 255, 0, 255}, {"warm white", 255, 214, 170}, {"brown", 165, 42, 42},
    {"violet", 238, 130, 238}, {"indigo", 75, 0, 130},   {"gold", 255, 215, 0},
};

/* ---------------------------------------------------------------- intents */

struct cmd_exec {
    struct hub_command *c;
    const char *intent;
    const json_t *slots;
    const char *ctx_area;
    json_t *conversation_intent; /* hub/intent's parsed delayed command, may be NULL */
    struct cmd_reply *r;
};

/* cmd_resolve for the kinds of device a house has few of (players, vacuums, thermostats, fans,
 * covers): "pause the music" said in the kitchen while the speaker is in the living room means
 * that speaker, so the speaker's room is a preference, not a limit. Of several, the one playing
 * is meant for a player; otherwise several are a question. */
static enum cmd_resolve cmd_resolve_one_kind(struct cmd_exec *x, const char *const *domains,
                                             const char *const *defaults, struct cmd_targets *t)
{
    enum cmd_resolve res = cmd_resolve(x->c, x->slots, x->ctx_area, domains, defaults, t);
    if (res != RES_NONE || !x->ctx_area || defaults == dom_light || sl(x->slots, "name") ||
        sl(x->slots, "area") || sl(x->slots, "floor"))
        return res;
    res = cmd_resolve(x->c, x->slots, NULL, domains, defaults, t);
    if (res != RES_OK || t->n < 2) return res;
    int playing = -1, n_playing = 0;
    for (int i = 0; i < t->n; i++) {
        const struct hub_state *s = hub_states_get(x->c->h->states, t->e[i]->id);
        if (!strcmp(t->e[i]->domain, "media_player") && s && cmd_eq(s->state, "playing"))
            playing = i, n_playing++;
    }
    if (n_playing != 1) return RES_AMBIGUOUS;
    t->e[0] = t->e[playing];
    t->n = 1;
    return RES_OK;
}

static void do_targets_action(struct cmd_exec *x, const char *const *domains,
                              const char *const *defaults,
                              struct cmd_act (*pick)(const struct hub_entity *, void *), void *ud,
                              const char *done_key, json_t *vars)
{
    struct cmd_targets t;
    enum cmd_resolve res = cmd_resolve_one_kind(x, domains, defaults, &t);
    if (res != RES_OK) {
        reply_unresolved(x->c, x->r, res, x->slots, &t, defaults ? defaults : domains);
        json_decref(vars);
        return;
    }
    cmd_run(x->c, x->r, &t, pick, ud, done_key, vars, x->slots, x->ctx_area);
}

static const char *state_word(struct hub_command *c, const char *lang, const struct hub_entity *e,
                              const char *state, char *buf, size_t len)
{
    const char *s = state;
    if (!strcmp(e->domain, "binary_sensor") && e->device_class &&
        (!strcmp(e->device_class, "door") || !strcmp(e->device_class, "window") ||
         !strcmp(e->device_class, "garage_door") || !strcmp(e->device_class, "opening")))
        s = !strcmp(state, "on") ? "open" : !strcmp(state, "off") ? "closed" : state;
    char key[96];
    snprintf(key, sizeof key, "state_%s", s);
    const char *w = hub_answers_get(c->ans, lang, key);
    if (strcmp(w, key) == 0) {
        const struct hub_state *st = NULL;
        (void)st;
        if (e->unit)
            snprintf(buf, len, "%s %s", s, e->unit);
        else
            snprintf(buf, len, "%s", s);
        return buf;
    }
    return w;
}

/* Drop a sentence's final full stop (. or 。) to put it inside another sentence. */
static void cmd_strip_stop(char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n >= 3 && !strcmp(s + n - 3, "\xe3\x80\x82"))
        s[n - 3] = '\0';
    else if (n && s[n - 1] == '.')
        s[n - 1] = '\0';
}

/* Whether an entity's state counts as the asked state word. */
static bool state_is(const struct hub_entity *e, const char *state, const char *want)
{
    if (!strcasecmp(state, want)) return true;
    bool open_like = !strcmp(want, "open") || !strcmp(want, "on");
    bool closed_like = !strcmp(want, "closed") || !strcmp(want, "off");
    if (!strcmp(e->domain, "binary_sensor") || !strcmp(e->domain, "cover") ||
        !strcmp(e->domain, "valve")) {
        if (open_like) return !strcmp(state, "on") || !strcmp(state, "open") ||
                              !strcmp(state, "opening");
        if (closed_like) return !strcmp(state, "off") || !strcmp(state, "closed");
    }
    return false;
}

static void do_get_state(struct cmd_exec *x)
{
    struct cmd_targets t;
    const char *want = sl(x->slots, "state");
    const char *const *defaults = sl(x->slots, "device_class") ? dom_state_cls : NULL;
    const char *dc = sl(x->slots, "device_class"), *dom = sl(x->slots, "domain");
    json_t *s2 = NULL;
    if (dc && dom && !sl(x->slots, "name") &&
        (!strcmp(dom, "cover") || !strcmp(dom, "binary_sensor")) &&
        (!strcmp(dc, "window") || !strcmp(dc, "door") || !strcmp(dc, "garage_door") ||
         !strcmp(dc, "garage"))) {
        /* "which windows are open": a window is a cover or a contact sensor, whichever the
         * house has; the speaker does not know which the model named */
        s2 = json_deep_copy(x->slots);
        json_object_del(s2, "domain");
    }
    enum cmd_resolve res = cmd_resolve(x->c, s2 ? s2 : x->slots, NULL, NULL, defaults, &t);
    json_decref(s2);
    if (res != RES_OK) {
        reply_unresolved(x->c, x->r, res, x->slots, &t, NULL);
        return;
    }
    char buf[128];
    const char *lang = x->r->lang;
    for (int i = 0; i < t.n; i++) json_array_append_new(x->r->targets, json_string(t.e[i]->id));
    x->r->ok = true;
    if (want) {
        const struct hub_entity *yes[CMD_MAX_TARGETS];
        int ny = 0;
        for (int i = 0; i < t.n; i++) {
            const struct hub_state *s = hub_states_get(x->c->h->states, t.e[i]->id);
            if (s && state_is(t.e[i], s->state, want)) yes[ny++] = t.e[i];
        }
        if (t.n == 1) { /* "is the garage door open": yes or no, with the state */
            const struct hub_state *s = hub_states_get(x->c->h->states, t.e[0]->id);
            if (!s || !s->state || cmd_eq(s->state, "unknown") || cmd_eq(s->state, "unavailable")) {
                x->r->ok = false; /* not "No, it is unknown": the hub does not know */
                reply_add(x->c, x->r, "state_unknown_of", json_pack("{s:s}", "name", t.e[0]->name));
                return;
            }
            const char *w = state_word(x->c, lang, t.e[0], s->state, buf, sizeof buf);
            char *sent = fmt_new(x->c, lang, "state_is",
                                            json_pack("{s:s, s:s}", "name", t.e[0]->name, "state", w));
            cmd_strip_stop(sent); /* inside "Yes, {names}." */
            reply_add(x->c, x->r, ny ? "state_yes" : "state_no",
                      json_pack("{s:s}", "names", sent ? sent : ""));
            free(sent);
            return;
        }
        if (!ny) {
            reply_add(x->c, x->r, "state_none", json_object());
            return;
        }
        char *names = cmd_names(x->c, lang, yes, ny, "list_and");
        char wkey[64];
        snprintf(wkey, sizeof wkey, "state_%s", want);
        reply_add(x->c, x->r, "state_which",
                  json_pack("{s:s, s:s}", "names", names ? names : "", "state",
                            hub_answers_get(x->c->ans, lang, wkey)));
        free(names);
        return;
    }
    for (int i = 0; i < t.n && i < 8; i++) {
        const struct hub_state *s = hub_states_get(x->c->h->states, t.e[i]->id);
        const char *w = state_word(x->c, lang, t.e[i], s ? s->state : "unknown", buf, sizeof buf);
        reply_add(x->c, x->r, "state_is", json_pack("{s:s, s:s}", "name", t.e[i]->name, "state", w));
    }
}

static void do_get_temperature(struct cmd_exec *x)
{
    struct cmd_targets t;
    enum cmd_resolve res = cmd_resolve(x->c, x->slots, x->ctx_area, dom_climate, dom_climate, &t);
    static const char *const dom_sensor[] = {"sensor", NULL};
    if (res == RES_NONE && !sl(x->slots, "name")) { /* no thermostat there: a thermometer */
        json_t *s2 = json_deep_copy(x->slots);
        json_object_set_new(s2, "device_class", json_string("temperature"));
        res = cmd_resolve(x->c, s2, x->ctx_area, dom_sensor, dom_sensor, &t);
        json_decref(s2);
    }
    if (res == RES_NONE && !sl(x->slots, "name") && !sl(x->slots, "area"))
        res = cmd_resolve(x->c, x->slots, NULL, dom_climate, dom_climate, &t);
    if (res == RES_WRONG_KIND && t.n == 1 && !strcmp(t.e[0]->domain, "sensor"))
        res = RES_OK; /* "what does the kitchen temperature say": a thermometer by name */
    if (res != RES_OK) {
        reply_unresolved(x->c, x->r, res, x->slots, &t, dom_climate);
        return;
    }
    const struct hub_entity *e = t.e[0];
    const struct hub_state *s = hub_states_get(x->c->h->states, e->id);
    json_t *cur = s ? json_object_get(s->attributes, "current_temperature") : NULL;
    double v = NAN;
    if (json_is_number(cur))
        v = json_number_value(cur);
    else if (s && s->state) {
        char *end;
        v = strtod(s->state, &end);
        if (end == s->state) v = NAN;
    }
    json_array_append_new(x->r->targets, json_string(e->id));
    if (isnan(v)) { /* offline, or no reading yet */
        reply_add(x->c, x->r, e->available ? "state_unknown_of" : "offline",
                  json_pack("{s:s, s:s}", "names", e->name, "name", e->name));
        x->r->ok = false;
        return;
    }
    x->r->ok = true;
    char vs[32];
    snprintf(vs, sizeof vs, "%.1f", v);
    if (strlen(vs) > 2 && !strcmp(vs + strlen(vs) - 2, ".0")) vs[strlen(vs) - 2] = '\0';
    const char *unit = e->unit ? e->unit : "°C";
    if (sl(x->slots, "name"))
        reply_add(x->c, x->r, "temperature_of",
                  json_pack("{s:s, s:s, s:s}", "name", e->name, "temperature", vs, "unit", unit));
    else
        reply_add(x->c, x->r, "temperature_is",
                  json_pack("{s:s, s:s, s:s}", "where", e->area ? e->area : e->name, "temperature",
                            vs, "unit", unit));
}

static void do_light_set(struct cmd_exec *x)
{
    json_t *args = json_object(), *vars = json_object();
    const char *key = "brightness_set";
    if (json_is_number(json_object_get(x->slots, "brightness"))) {
        int b = (int)lround(num(x->slots, "brightness", 100));
        b = b < 0 ? 0 : b > 100 ? 100 : b;
        json_object_set_new(args, "brightness", json_integer(b));
        json_object_set_new(vars, "brightness", json_integer(b));
    } else if (sl(x->slots, "color")) {
        const char *col = sl(x->slots, "color");
        size_t i;
        for (i = 0; i < sizeof cmd_colors / sizeof cmd_colors[0]; i++)
            if (!strcasecmp(cmd_colors[i].name, col)) break;
        if (i == sizeof cmd_colors / sizeof cmd_colors[0]) {
            reply_add(x->c, x->r, "unsupported_intent", json_object());
            json_decref(args);
            json_decref(vars);
            return;
        }
        json_object_set_new(args, "rgb_color", json_pack("[i,i,i]", cmd_colors[i].r,
                                                         cmd_colors[i].g, cmd_colors[i].b));
        json_object_set_new(vars, "color", json_string(col));
        key = "color_set";
    } else if (json_is_number(json_object_get(x->slots, "temperature"))) {
        int k = (int)lround(num(x->slots, "temperature", 4000));
        json_object_set_new(args, "color_temp_kelvin", json_integer(k));
        json_object_set_new(vars, "temperature", json_integer(k));
        key = "kelvin_set";
    } else {
        json_object_set_new(vars, "brightness", json_integer(100));
    }
    struct cmd_act a = {"turn_on", args};
    do_targets_action(x, dom_light, dom_light, pick_fixed, &a, key, vars);
    json_decref(args);
}

static void do_simple(struct cmd_exec *x, const char *const *domains, const char *action,
                      json_t *args, const char *key, json_t *vars)
{
    struct cmd_act a = {action, args};
    do_targets_action(x, domains, domains, pick_fixed, &a, key, vars ? vars : json_object());
    json_decref(args);
}

struct volrel_ud {
    struct hub_command *c;
    double step;
    json_t *args;
};

static struct cmd_act pick_volrel(const struct hub_entity *e, void *ud)
{
    struct volrel_ud *v = ud;
    const struct hub_state *s = hub_states_get(v->c->h->states, e->id);
    json_t *cur = s ? json_object_get(s->attributes, "volume_level") : NULL;
    double now = json_is_number(cur) ? json_number_value(cur) : 0.5;
    if (now <= 1.0) now *= 100; /* HA keeps 0..1 */
    int to = (int)lround(now + v->step);
    to = to < 0 ? 0 : to > 100 ? 100 : to;
    json_object_set_new(v->args, "volume_level", json_integer(to));
    return (struct cmd_act){"volume_set", v->args};
}

/* ---- timers ---- */

static int64_t dur_ms(const json_t *slots, const char *h, const char *m, const char *s)
{
    double v = num(slots, h, 0) * 3600 + num(slots, m, 0) * 60 + num(slots, s, 0);
    if (!(v >= 0) || v > 7 * 24 * 3600.0) return -1;
    return (int64_t)llround(v * 1000);
}

/* Timers count in milliseconds; the answer says whole seconds, rounded up. */
static char *cmd_duration(struct hub_command *c, const char *lang, int64_t ms)
{
    return hub_answers_duration(c->ans, lang, (long)((ms + 999) / 1000));
}

static void timer_event(struct hub_command *c, const char *what, const struct hub_timer *tm)
{
    char topic[64];
    snprintf(topic, sizeof topic, "hub/timer/%s", what);
    json_t *j = json_pack("{s:I, s:s?, s:s?, s:I, s:I, s:b, s:s?}", "id", (json_int_t)tm->id,
                          "name", tm->name, "area", tm->area, "total_s",
                          (json_int_t)(tm->total_ms / 1000), "remaining_s",
                          (json_int_t)((hub_timers_remaining(tm) + 999) / 1000), "paused",
                          tm->paused, "command", tm->command);
    char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
    if (s) cmd_pub(c, topic, s, strlen(s), 1, false);
    free(s);
    json_decref(j);
}

/* The timer a command means: by name, by the duration it was started with, by area; else the
 * most recent one. */
static const struct hub_timer *timer_pick(struct hub_command *c, const json_t *slots)
{
    const char *name = sl(slots, "name"), *area = sl(slots, "area");
    int64_t start = dur_ms(slots, "start_hours", "start_minutes", "start_seconds");
    const struct hub_timer *best = NULL;
    for (size_t i = 0; i < hub_timers_count(c->timers); i++) {
        const struct hub_timer *tm = hub_timers_at(c->timers, i);
        if (name && !cmd_eq(tm->name, name)) continue;
        if (area && !cmd_eq(tm->area, area)) continue;
        if (start > 0 && tm->started_total_ms != start) continue;
        best = tm;
    }
    return best;
}

static void do_timer(struct cmd_exec *x)
{
    struct hub_command *c = x->c;
    const char *in = x->intent, *lang = x->r->lang;
    if (!strcmp(in, "HassStartTimer")) {
        int64_t ms = dur_ms(x->slots, "hours", "minutes", "seconds");
        const char *cmd = sl(x->slots, "conversation_command");
        char *cmd_json = NULL;
        if (cmd || x->conversation_intent) {
            json_t *j = json_pack("{s:s?, s:O?}", "text", cmd, "intent", x->conversation_intent);
            cmd_json = j ? json_dumps(j, JSON_COMPACT) : NULL;
            json_decref(j);
        }
        const struct hub_timer *tm = NULL;
        int rc = ms > 0 ? hub_timers_add(c->timers, sl(x->slots, "name"), x->ctx_area, lang, ms,
                                         cmd_json, &tm)
                        : HUB_ERR_RANGE;
        free(cmd_json);
        if (rc) {
            x->r->ok = false;
            reply_add(c, x->r, rc == HUB_ERR_BUSY ? "too_many_timers" : "unsupported_intent",
                      json_object());
            return;
        }
        timer_event(c, "started", tm);
        char *d = cmd_duration(c, lang, ms);
        x->r->ok = true;
        reply_add(c, x->r,
                  tm->command ? "delayed_command" : tm->name ? "timer_started_named" : "timer_started",
                  json_pack("{s:s, s:s?}", "duration", d ? d : "", "name", tm->name));
        free(d);
        return;
    }
    if (!strcmp(in, "HassCancelAllTimers")) {
        const char *area = sl(x->slots, "area");
        int n = 0;
        for (size_t i = hub_timers_count(c->timers); i-- > 0;) {
            const struct hub_timer *tm = hub_timers_at(c->timers, i);
            if (area && !cmd_eq(tm->area, area)) continue;
            timer_event(c, "cancelled", tm);
            if (hub_timers_cancel(c->timers, tm->id) == HUB_OK) n++;
        }
        x->r->ok = n > 0;
        reply_add(c, x->r, n ? "timers_cancelled" : "no_timer", json_pack("{s:i}", "count", n));
        return;
    }
    const struct hub_timer *tm = timer_pick(c, x->slots);
    if (!tm) {
        x->r->ok = false;
        reply_add(c, x->r, "no_timer", json_object());
        return;
    }
    int64_t id = tm->id;
    x->r->ok = true;
    if (!strcmp(in, "HassCancelTimer")) {
        timer_event(c, "cancelled", tm);
        hub_timers_cancel(c->timers, id);
        reply_add(c, x->r, "timer_cancelled", json_object());
    } else if (!strcmp(in, "HassPauseTimer")) {
        hub_timers_pause(c->timers, id);
        timer_event(c, "paused", hub_timers_get(c->timers, id));
        reply_add(c, x->r, "timer_paused", json_object());
    } else if (!strcmp(in, "HassUnpauseTimer")) {
        hub_timers_unpause(c->timers, id);
        timer_event(c, "resumed", hub_timers_get(c->timers, id));
        reply_add(c, x->r, "timer_resumed", json_object());
    } else if (!strcmp(in, "HassIncreaseTimer") || !strcmp(in, "HassDecreaseTimer")) {
        int64_t ms = dur_ms(x->slots, "hours", "minutes", "seconds");
        bool inc = !strcmp(in, "HassIncreaseTimer");
        if (ms <= 0 || hub_timers_adjust(c->timers, id, inc ? ms : -ms) != HUB_OK) {
            x->r->ok = false;
            reply_add(c, x->r, "unsupported_intent", json_object());
            return;
        }
        const struct hub_timer *t2 = hub_timers_get(c->timers, id);
        if (t2) timer_event(c, "updated", t2);
        char *d = cmd_duration(c, lang, ms);
        reply_add(c, x->r, inc ? "timer_increased" : "timer_decreased",
                  json_pack("{s:s}", "duration", d ? d : ""));
        free(d);
    } else { /* HassTimerStatus */
        char *d = cmd_duration(c, lang, hub_timers_remaining(tm));
        reply_add(c, x->r, tm->name ? "timer_status" : "timer_status_unnamed",
                  json_pack("{s:s, s:s?}", "remaining", d ? d : "", "name", tm->name));
        free(d);
    }
}

static void do_list(struct cmd_exec *x)
{
    struct hub_command *c = x->c;
    const char *item = sl(x->slots, "item");
    const char *list = sl(x->slots, "name");
    /* one house, one shopping list, whatever language it is asked in: the house language's
     * word, the name the engine's registry gives it too (snap_hub_lists) */
    if (!list) list = hub_answers_get(c->ans, c->default_lang, "shopping");
    struct sqlite3 *db = c->h->store ? hub_store_sqlite(c->h->store) : NULL;
    const char *in = x->intent;
    int rc;
    const char *key;
    if (!strcmp(in, "HassShoppingListAddItem") || !strcmp(in, "HassListAddItem")) {
        rc = hub_lists_add(db, list, item, hub_now_ms());
        key = rc == HUB_OK || rc == HUB_ERR_EXISTS ? "list_added"
              : rc == HUB_ERR_BUSY                 ? "list_full"
                                                   : "unsupported_intent";
        x->r->ok = rc == HUB_OK || rc == HUB_ERR_EXISTS;
    } else if (!strcmp(in, "HassListRemoveItem")) {
        rc = hub_lists_remove(db, list, item);
        key = rc == HUB_OK ? "list_removed" : rc == HUB_ERR_NOT_FOUND ? "list_missing"
                                                                      : "unsupported_intent";
        x->r->ok = rc == HUB_OK;
    } else {
        rc = hub_lists_complete(db, list, item);
        key = rc == HUB_OK ? "list_completed" : rc == HUB_ERR_NOT_FOUND ? "list_missing"
                                                                        : "unsupported_intent";
        x->r->ok = rc == HUB_OK;
    }
    if (x->r->ok) {
        json_t *j = json_pack("{s:s, s:o}", "list", list, "items", hub_lists_items(db, list));
        char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
        if (s) cmd_pub(c, "hub/list", s, strlen(s), 1, false);
        free(s);
        json_decref(j);
    }
    reply_add(c, x->r, key, json_pack("{s:s?, s:s}", "item", item, "list", list));
}

static void do_time(struct cmd_exec *x, bool date)
{
    time_t now = time(NULL);
    struct tm lt;
    localtime_r(&now, &lt);
    const char *lang = x->r->lang;
    x->r->ok = true;
    if (!date) {
        char t[16];
        snprintf(t, sizeof t, "%d:%02d", lt.tm_hour, lt.tm_min);
        reply_add(x->c, x->r, "time_is", json_pack("{s:s}", "time", t));
        return;
    }
    char wd[64] = "", mo[64] = "";
    const char *w = hub_answers_get(x->c->ans, lang, "weekdays");
    const char *m = hub_answers_get(x->c->ans, lang, "months");
    for (int i = 0, k = 0; w[i] && k <= lt.tm_wday; i++) {
        if (w[i] == '|') { k++; continue; }
        if (k == lt.tm_wday && strlen(wd) < sizeof wd - 1) strncat(wd, &w[i], 1);
    }
    for (int i = 0, k = 0; m[i] && k <= lt.tm_mon; i++) {
        if (m[i] == '|') { k++; continue; }
        if (k == lt.tm_mon && strlen(mo) < sizeof mo - 1) strncat(mo, &m[i], 1);
    }
    reply_add(x->c, x->r, "date_is", json_pack("{s:s, s:s, s:i, s:i}", "weekday", wd, "month", mo,
                                               "day", lt.tm_mday, "year", lt.tm_year + 1900));
}

/* Carry out one parsed intent and add its sentences to the reply. */
static void cmd_execute(struct cmd_exec *x)
{
    const char *in = x->intent;
    struct hub_command *c = x->c;
    if (!in) {
        x->r->ok = false;
        if (c->said && c->said_part) /* which of the commands was not understood */
            reply_add(c, x->r, "no_match_part", json_pack("{s:s}", "text", c->said));
        else
            reply_add(c, x->r, "no_match", json_object());
        return;
    }
    if (!strcmp(in, "HassTurnOn") || !strcmp(in, "HassTurnOff")) {
        struct onoff_ud u = {!strcmp(in, "HassTurnOn")};
        struct cmd_targets t;
        enum cmd_resolve res = cmd_resolve(c, x->slots, x->ctx_area, dom_onoff, dom_light, &t);
        if (res != RES_OK) {
            reply_unresolved(c, x->r, res, x->slots, &t, dom_light);
            return;
        }
        const char *key = u.on ? "turned_on" : "turned_off";
        if (all_domain(&t, "cover") || all_domain(&t, "valve")) key = u.on ? "opened" : "closed";
        if (all_domain(&t, "lock")) key = u.on ? "locked" : "unlocked";
        if (all_domain(&t, "vacuum")) key = u.on ? "vacuum_started" : "vacuum_returned";
        cmd_run(c, x->r, &t, pick_onoff, &u, key, json_object(), x->slots, x->ctx_area);
    } else if (!strcmp(in, "HassGetState")) {
        do_get_state(x);
    } else if (!strcmp(in, "HassLightSet")) {
        do_light_set(x);
    } else if (!strcmp(in, "HassSetPosition")) {
        int p = (int)lround(num(x->slots, "position", 0));
        p = p < 0 ? 0 : p > 100 ? 100 : p;
        do_simple(x, dom_cover, "set_position", json_pack("{s:i}", "position", p), "position_set",
                  json_pack("{s:i}", "position", p));
    } else if (!strcmp(in, "HassClimateSetTemperature")) {
        double v = num(x->slots, "temperature", NAN);
        if (isnan(v) || v < -50 || v > 100) {
            x->r->ok = false;
            reply_add(c, x->r, "no_match", json_object());
            return;
        }
        do_simple(x, dom_climate, "set_temperature", json_pack("{s:f}", "temperature", v),
                  "temperature_set", json_pack("{s:f}", "temperature", v));
    } else if (!strcmp(in, "HassClimateGetTemperature")) {
        do_get_temperature(x);
    } else if (!strcmp(in, "HassFanSetSpeed")) {
        int p = (int)lround(num(x->slots, "percentage", 0));
        p = p < 0 ? 0 : p > 100 ? 100 : p;
        do_simple(x, dom_fan, "set_percentage", json_pack("{s:i}", "percentage", p),
                  "fan_speed_set", json_pack("{s:i}", "percentage", p));
    } else if (!strcmp(in, "HassMediaPause")) {
        do_simple(x, dom_media, "media_pause", NULL, "media_paused", NULL);
    } else if (!strcmp(in, "HassMediaUnpause")) {
        do_simple(x, dom_media, "media_play", NULL, "media_resumed", NULL);
    } else if (!strcmp(in, "HassMediaNext")) {
        do_simple(x, dom_media, "media_next", NULL, "media_next", NULL);
    } else if (!strcmp(in, "HassMediaPrevious")) {
        do_simple(x, dom_media, "media_previous", NULL, "media_previous", NULL);
    } else if (!strcmp(in, "HassSetVolume")) {
        int v = (int)lround(num(x->slots, "volume_level", 50));
        v = v < 0 ? 0 : v > 100 ? 100 : v;
        do_simple(x, dom_media, "volume_set", json_pack("{s:i}", "volume_level", v), "volume_set",
                  json_pack("{s:i}", "volume", v));
    } else if (!strcmp(in, "HassSetVolumeRelative")) {
        const json_t *st = json_object_get(x->slots, "volume_step");
        double step = json_is_number(st) ? json_number_value(st)
                      : cmd_eq(json_string_value(st), "down") ? -10 : 10;
        struct volrel_ud u = {c, step, json_object()};
        struct cmd_targets t;
        enum cmd_resolve res = cmd_resolve_one_kind(x, dom_media, dom_media, &t);
        if (res != RES_OK) {
            reply_unresolved(c, x->r, res, x->slots, &t, dom_media);
        } else {
            pick_volrel(t.e[0], &u); /* the level the answer names: the first target's */
            json_t *lvl = json_incref(json_object_get(u.args, "volume_level"));
            cmd_run(c, x->r, &t, pick_volrel, &u, "volume_set", json_pack("{s:o}", "volume", lvl),
                    x->slots, x->ctx_area);
        }
        json_decref(u.args);
    } else if (!strcmp(in, "HassMediaPlayerMute") || !strcmp(in, "HassMediaPlayerUnmute")) {
        bool mute = !strcmp(in, "HassMediaPlayerMute");
        do_simple(x, dom_media, "volume_mute", json_pack("{s:b}", "mute", mute),
                  mute ? "muted" : "unmuted", NULL);
    } else if (!strcmp(in, "HassVacuumStart")) {
        do_simple(x, dom_vacuum, "start", NULL, "vacuum_started", NULL);
    } else if (!strcmp(in, "HassVacuumCleanArea")) {
        /* the area is the room to clean, not where the vacuum stands: pick the vacuum by name,
         * else the house's own (the plugins have no per-room cleaning: it starts a full run) */
        json_t *s2 = json_deep_copy(x->slots);
        json_object_del(s2, "area");
        struct cmd_exec x2 = *x;
        x2.slots = s2;
        x2.ctx_area = NULL;
        do_simple(&x2, dom_vacuum, "start", NULL, "vacuum_started", NULL);
        json_decref(s2);
    } else if (!strcmp(in, "HassVacuumReturnToBase")) {
        do_simple(x, dom_vacuum, "return_to_base", NULL, "vacuum_returned", NULL);
    } else if (!strcmp(in, "HassLawnMowerStartMowing")) {
        do_simple(x, dom_mower, "start_mowing", NULL, "vacuum_started", NULL);
    } else if (!strcmp(in, "HassLawnMowerDock")) {
        do_simple(x, dom_mower, "dock", NULL, "vacuum_returned", NULL);
    } else if (strstr(in, "Timer")) {
        do_timer(x);
    } else if (strstr(in, "List")) {
        do_list(x);
    } else if (!strcmp(in, "HassGetCurrentTime")) {
        do_time(x, false);
    } else if (!strcmp(in, "HassGetCurrentDate")) {
        do_time(x, true);
    } else if (!strcmp(in, "HassNevermind")) {
        x->r->ok = true;
        reply_add(c, x->r, "nevermind", json_object());
    } else if (!strcmp(in, "HassRespond")) {
        x->r->ok = true;
        const char *resp = sl(x->slots, "response");
        if (resp) json_array_append_new(x->r->texts, json_string(resp));
    } else if (!strcmp(in, "HassBroadcast")) {
        const char *msg = sl(x->slots, "message");
        json_t *j = json_pack("{s:s?}", "text", msg);
        char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
        if (s) {
            cmd_pub(c, "hub/broadcast", s, strlen(s), 1, false);
            cmd_pub(c, "hermes/tts/say", s, strlen(s), 0, false);
        }
        free(s);
        json_decref(j);
        x->r->ok = msg != NULL;
        reply_add(c, x->r, "broadcast", json_object());
    } else if (!strcmp(in, "HassGetWeather")) {
        x->r->ok = false;
        reply_add(c, x->r, "weather", json_object());
    } else if (!strcmp(in, "HassMediaSearchAndPlay")) {
        x->r->ok = false;
        reply_add(c, x->r, "media_search", json_object());
    } else {
        x->r->ok = false;
        reply_add(c, x->r, "unsupported_intent", json_object());
    }
}

/* hub_rule_plan_fn for hubd/rule_sentence.c: resolve an intent as cmd_execute does, acting on
 * nothing (rule_sentence.c passes only device intents, whose only effects go through cmd_run). */
static json_t *cmd_plan(void *ud, const char *intent, const json_t *slots, const char *lang,
                        const char *area)
{
    struct hub_command *c = ud;
    struct cmd_reply r = {lang, json_array(), json_array(), false};
    struct cmd_exec x = {c, intent, slots, area, NULL, &r};
    c->plan = json_pack("{s:[]}", "actions");
    if (c->plan) cmd_execute(&x);
    json_t *plan = c->plan;
    c->plan = NULL;
    if (plan) json_object_set(plan, "texts", r.texts);
    json_decref(r.texts);
    json_decref(r.targets);
    return plan;
}

/* The room a command named: its area, or the room of the device it named. */
static const char *cmd_said_area(struct hub_command *c, const json_t *slots, const json_t *targets)
{
    if (sl(slots, "area")) return sl(slots, "area");
    if (!sl(slots, "name") || json_array_size(targets) == 0) return NULL;
    const struct hub_entity *e =
        hub_registry_get(c->h->reg, json_string_value(json_array_get(targets, 0)));
    return e ? e->area : NULL;
}

/* Carry out a list of parsed intents ({"intent","slots"}) and build the hub/response object. */
static json_t *cmd_answer_intents(struct hub_command *c, const json_t *parsed, const char *lang,
                                  const char *area, json_t *conversation_intent)
{
    struct cmd_reply all = {hub_answers_lang(c->ans, lang), json_array(), json_array(), true};
    json_t *each = json_array();
    size_t i;
    json_t *p;
    char said_area[128] = ""; /* the room the command before named */
    json_array_foreach(parsed, i, p) {
        struct cmd_reply r = {all.lang, json_array(), json_array(), false};
        const json_t *slots = json_object_get(p, "slots");
        json_t *empty = json_object();
        /* "open the living room blinds, then set the temperature to 21": a command that names
         * no place happens where the one before it did */
        bool placed = sl(slots, "area") || sl(slots, "floor") || sl(slots, "name");
        struct cmd_exec x = {c, json_string_value(json_object_get(p, "intent")),
                             json_is_object(slots) ? slots : empty,
                             said_area[0] && !placed ? said_area : area, conversation_intent, &r};
        c->said = json_string_value(json_object_get(p, "text")); /* for cmd_resolve */
        c->said_part = json_array_size(parsed) > 1;
        json_t *rule_id = NULL;
        struct hub_rule_sentence_env rs = {c->h, c->ans, cmd_plan, c};
        if (hub_rule_sentence_is(p))
            r.ok = hub_rule_sentence_create(&rs, p, all.lang, area, r.texts, &rule_id);
        else
            cmd_execute(&x);
        c->said = NULL;
        char *txt = hub_answers_join(c->ans, all.lang, r.texts, "join");
        json_array_append_new(each, json_pack("{s:s, s:O, s:O, s:O, s:b}", "text", txt ? txt : "",
                                              "intent", json_object_get(p, "intent") ?
                                              json_object_get(p, "intent") : json_null(),
                                              "slots", x.slots, "targets", r.targets, "ok", r.ok));
        if (rule_id) json_object_set_new(json_array_get(each, i), "rule_id", rule_id);
        free(txt);
        const char *named = cmd_said_area(c, x.slots, r.targets);
        if (named) snprintf(said_area, sizeof said_area, "%s", named);
        json_array_extend(all.texts, r.texts);
        json_array_extend(all.targets, r.targets);
        all.ok = all.ok && r.ok;
        json_decref(r.texts);
        json_decref(r.targets);
        json_decref(empty);
    }
    /* sentences joined the language's way */
    const char *join = hub_answers_get(c->ans, all.lang, "join");
    size_t len = 1;
    json_array_foreach(all.texts, i, p) len += json_string_length(p) + strlen(join);
    char *text = calloc(1, len);
    json_array_foreach(all.texts, i, p) {
        if (i) strcat(text, join);
        strcat(text, json_string_value(p));
    }
    json_t *first = json_array_get(each, 0);
    json_t *ans = json_pack("{s:s, s:O, s:O, s:O, s:b, s:s}", "text", text ? text : "", "intent",
                            json_object_get(first, "intent"), "slots",
                            json_object_get(first, "slots"), "targets", all.targets, "ok",
                            all.ok, "lang", all.lang);
    if (json_object_get(first, "rule_id")) json_object_set(ans, "rule_id", json_object_get(first, "rule_id"));
    if (json_array_size(each) > 1) json_object_set(ans, "commands", each);
    free(text);
    json_decref(each);
    json_decref(all.texts);
    json_decref(all.targets);
    return ans;
}

static json_t *cmd_simple_answer(struct hub_command *c, const char *lang, const char *key)
{
    char *t = hub_answers_format(c->ans, lang, key, NULL);
    json_t *a = json_pack("{s:s, s:n, s:{}, s:[], s:b, s:s, s:s}", "text", t ? t : "", "intent",
                          "slots", "targets", "ok", 0, "lang", hub_answers_lang(c->ans, lang),
                          "error", key);
    free(t);
    return a;
}

/* ---------------------------------------------------------------- the queue */

static void job_free(struct cmd_job *j)
{
    if (!j) return;
    free(j->text);
    free(j->area);
    json_decref(j->parsed);
    json_decref(j->extra);
    free(j);
}

/* A part of a split utterance that parsed to nothing, again with the on/off verb of the part
 * before it ("... and the printer" after "turn off the desk lamp"); NULL when that is not the
 * case or it still parses to nothing. Worker thread. */
static json_t *cmd_parse_bare_target(struct intent_ctx *ctx, const struct resolve_registry *reg,
                                     const json_t *prev, const char *part, struct cmd_job *j)
{
    const char *in = json_string_value(json_object_get(prev, "intent"));
    if (!in || (strcmp(in, "HassTurnOn") && strcmp(in, "HassTurnOff"))) return NULL;
    bool on = !strcmp(in, "HassTurnOn"), zh = !strncmp(j->lang, "zh", 2);
    char text[512];
    snprintf(text, sizeof text, "%s%s",
             zh ? (on ? "打开" : "关掉") : (on ? "turn on " : "turn off "), part);
    json_t *r = intent_parse(ctx, reg, text, j->lang, j->area, j->err, sizeof j->err);
    if (r && !cmd_eq(json_string_value(json_object_get(r, "intent")), in)) {
        json_decref(r);
        return NULL;
    }
    return r;
}

/* Worker thread: the engine only; nothing here touches hub state. */
static void cmd_work(uv_work_t *w)
{
    struct cmd_job *j = w->data;
    if (j->reject || j->slot < 0 || !j->snap) return;
    struct intent_ctx *ctx = j->c->ctx[j->slot];
    const struct resolve_registry *reg = j->snap->reg;
    json_t *parts = j->kind == CMD_TEXT ? hub_command_split(j->text) : NULL;
    json_t *out = json_array();
    size_t understood = 0;
    if (parts && json_array_size(parts) > 1) {
        size_t i;
        json_t *p;
        json_array_foreach(parts, i, p) {
            json_t *r = intent_parse(ctx, reg, json_string_value(p), j->lang, j->area, j->err,
                                     sizeof j->err);
            if (i > 0 && r && json_is_null(json_object_get(r, "intent"))) {
                /* "turn off the desk lamp and the printer": a part that is only a target
                 * takes the verb of the one before it */
                json_t *r2 = cmd_parse_bare_target(ctx, reg, json_array_get(out, i - 1),
                                                   json_string_value(p), j);
                if (r2) json_decref(r), r = r2;
            }
            if (!r) r = json_pack("{s:n, s:{}}", "intent", "slots");
            if (!json_is_null(json_object_get(r, "intent"))) understood++;
            json_object_set_new(r, "text", json_string(json_string_value(p)));
            json_array_append_new(out, r);
        }
    }
    /* a rule's trigger and its action often sit on either side of a comma ("when the door
     * opens after 10 pm, turn on the hall light"): when a part reads as a rule, the whole
     * utterance is tried as one rule first */
    bool part_is_rule = false;
    for (size_t i = 0; i < json_array_size(out); i++)
        part_is_rule |= cmd_eq(json_string_value(json_object_get(json_array_get(out, i), "intent")),
                               "HubCreateRule");
    if (part_is_rule) {
        json_t *r = intent_parse(ctx, reg, j->text, j->lang, j->area, j->err, sizeof j->err);
        if (r && cmd_eq(json_string_value(json_object_get(r, "intent")), "HubCreateRule")) {
            json_array_clear(out);
            json_object_set_new(r, "text", json_string(j->text));
            json_array_append_new(out, r);
            understood = 1;
        } else {
            json_decref(r);
        }
    }
    if (understood < json_array_size(out) || json_array_size(out) == 0) {
        /* not every part is a command: the whole may be one ("the kitchen and the hall
         * lights"); if it is not either, the parts that were understood are carried out and
         * the others answered "didn't understand" */
        json_t *r = intent_parse(ctx, reg, j->text, j->lang, j->area, j->err, sizeof j->err);
        bool whole = r && !json_is_null(json_object_get(r, "intent"));
        if (whole || understood == 0) {
            json_array_clear(out);
            if (r) {
                json_object_set_new(r, "text", json_string(j->text));
                json_array_append_new(out, r);
            }
        } else {
            json_decref(r);
        }
    }
    json_decref(parts);
    if (json_array_size(out))
        j->parsed = out;
    else
        json_decref(out);
}

static void cmd_dispatch(struct hub_command *c);

static void cmd_after(uv_work_t *w, int status)
{
    struct cmd_job *j = w->data;
    struct hub_command *c = j->c;
    if (j->slot >= 0) c->ctx_busy[j->slot] = false;
    c->running--;
    snap_unref(j->snap);
    j->snap = NULL;
    json_t *answer;
    if (j->reject)
        answer = cmd_simple_answer(c, j->lang, j->reject);
    else if (!c->engine)
        answer = cmd_simple_answer(c, j->lang, "not_ready");
    else if (!j->parsed) {
        hub_warn(TAG, "engine: %s", j->err[0] ? j->err : "no answer");
        answer = cmd_simple_answer(c, j->lang, "no_match");
    } else {
        c->stats.engine_runs++;
        answer = j->kind == CMD_NLU_ONLY ? json_incref(j->parsed)
                                         : cmd_answer_intents(c, j->parsed, j->lang, j->area, NULL);
    }
    if (answer && !j->reject && j->kind == CMD_TEXT)
        json_object_set_new(answer, "ms", json_real((double)(hub_now_ms() - j->t0_ms)));
    c->stats.answered++;
    if (!c->stopping || j->done) j->finish(c, j, answer);
    json_decref(answer);
    job_free(j);
    cmd_dispatch(c);
}

static void cmd_dispatch(struct hub_command *c)
{
    while (c->q_head && c->running < (c->n_ctx ? c->n_ctx : CMD_WORKERS)) {
        struct cmd_job *j = c->q_head;
        c->q_head = j->next;
        if (!c->q_head) c->q_tail = NULL;
        c->queued--;
        j->slot = -1;
        if (c->engine && !j->reject) {
            for (int i = 0; i < c->n_ctx; i++)
                if (!c->ctx_busy[i]) {
                    j->slot = i;
                    c->ctx_busy[i] = true;
                    break;
                }
            j->snap = snap_get(c);
        }
        j->work.data = j;
        c->running++;
        int rc = uv_queue_work(c->h->loop, &j->work, cmd_work, cmd_after);
        if (rc) {
            hub_error(TAG, "uv_queue_work: %s", uv_strerror(rc));
            j->reject = "busy";
            c->running--;
            if (j->slot >= 0) c->ctx_busy[j->slot] = false;
            snap_unref(j->snap);
            j->snap = NULL;
            json_t *a = cmd_simple_answer(c, j->lang, "busy");
            j->finish(c, j, a);
            json_decref(a);
            job_free(j);
        }
    }
}

/* Queue a text; checks it first. Returns HUB_ERR_BUSY (counted drop, job freed) when full. */
static int cmd_submit(struct hub_command *c, enum cmd_kind kind, const char *text, size_t len,
                      const char *lang, const char *area, cmd_finish_fn finish,
                      hub_command_done_fn done, void *done_ctx, json_t *extra)
{
    c->stats.received++;
    if (c->queued >= HUB_COMMAND_QUEUE_MAX || c->stopping) {
        c->stats.dropped++;
        if (c->stats.dropped == 1 || c->stats.dropped % 1000 == 0)
            hub_warn(TAG, "command queue full: %llu commands dropped so far",
                     (unsigned long long)c->stats.dropped);
        json_decref(extra);
        return HUB_ERR_BUSY;
    }
    struct cmd_job *j = calloc(1, sizeof *j);
    if (!j) {
        json_decref(extra);
        return HUB_ERR_NOMEM;
    }
    j->c = c;
    j->kind = kind;
    j->finish = finish;
    j->done = done;
    j->done_ctx = done_ctx;
    j->extra = extra;
    j->t0_ms = hub_now_ms();
    if (!text || len == 0)
        j->reject = "empty";
    else if (len > HUB_COMMAND_TEXT_MAX)
        j->reject = "too_long";
    else if (!cmd_valid_text((const unsigned char *)text, len))
        j->reject = "bad_text";
    else if (!(j->text = strndup(text, len)))
        j->reject = "busy";
    else if (cmd_blank(j->text))
        j->reject = "empty";
    if (j->reject) c->stats.bad_input++;
    const char *l = lang && *lang ? lang
                    : j->text       ? hub_command_detect_lang(j->text, c->default_lang)
                                    : c->default_lang;
    snprintf(j->lang, sizeof j->lang, "%s", hub_answers_lang(c->ans, l));
    j->area = area ? strdup(area) : NULL;
    if (c->q_tail)
        c->q_tail->next = j;
    else
        c->q_head = j;
    c->q_tail = j;
    c->queued++;
    cmd_dispatch(c);
    return HUB_OK;
}

/* ---------------------------------------------------------------- entry points */

static void publish_json(struct hub_command *c, const char *topic, const json_t *j, int qos)
{
    char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
    if (s) {
        int rc = cmd_pub(c, topic, s, strlen(s), qos, false);
        if (rc) hub_warn(TAG, "cannot publish on %s: %s", topic, hub_strerror(rc));
    }
    free(s);
}

static void finish_response(struct hub_command *c, struct cmd_job *j, json_t *answer)
{
    if (j->extra) json_object_update_missing(answer, j->extra);
    publish_json(c, "hub/response", answer, 1);
}

static void finish_hook(struct hub_command *c, struct cmd_job *j, json_t *answer)
{
    char *s = answer ? json_dumps(answer, JSON_COMPACT) : NULL;
    j->done(j->done_ctx, s ? HUB_OK : HUB_ERR_NOMEM, s);
    free(s);
}

/* hermes/asr/textCaptured: the answer goes to the satellite as speech and to hub/response. */
static void finish_hermes_tts(struct hub_command *c, struct cmd_job *j, json_t *answer)
{
    publish_json(c, "hub/response", answer, 1);
    json_t *say = json_pack("{s:O, s:s, s:O?, s:O?}", "text", json_object_get(answer, "text"),
                            "lang", j->lang, "siteId", json_object_get(j->extra, "siteId"),
                            "sessionId", json_object_get(j->extra, "sessionId"));
    publish_json(c, "hermes/tts/say", say, 0);
    json_decref(say);
}

/* hermes/nlu/query: the intent only, in Hermes' shape. */
static void finish_hermes_nlu(struct hub_command *c, struct cmd_job *j, json_t *answer)
{
    const json_t *first = json_is_array(answer) ? json_array_get(answer, 0) : NULL;
    const char *intent = json_string_value(json_object_get(first, "intent"));
    json_t *out = json_pack("{s:s?}", "input", j->text);
    json_object_update(out, j->extra);
    if (!intent) {
        publish_json(c, "hermes/nlu/intentNotRecognized", out, 0);
        json_decref(out);
        return;
    }
    json_t *slots = json_array();
    const char *k;
    json_t *v;
    json_object_foreach(json_object_get(first, "slots"), k, v) {
        json_array_append_new(slots,
                              json_pack("{s:s, s:s, s:{s:s, s:O}, s:O}", "slotName", k, "entity", k,
                                        "value", "kind", json_is_number(v) ? "Number" : "Unknown",
                                        "value", v, "rawValue", v));
    }
    json_object_set_new(out, "intent", json_pack("{s:s, s:f}", "intentName", intent,
                                                 "confidenceScore", 1.0));
    json_object_set_new(out, "slots", slots);
    char topic[128];
    snprintf(topic, sizeof topic, "hermes/intent/%s", intent);
    publish_json(c, topic, out, 0);
    json_decref(out);
}

static int cmd_hook(struct hub *h, const char *text, const char *lang, const char *area,
                    hub_command_done_fn done, void *ctx)
{
    if (!h->voice || !done) return HUB_ERR_UNAVAILABLE;
    return cmd_submit(h->voice, CMD_TEXT, text, text ? strlen(text) : 0, lang, area, finish_hook,
                      done, ctx, NULL);
}

const char *hub_command_satellite_area(struct hub_command *c, const char *satellite)
{
    if (!satellite) return NULL;
    const char *a = hub_config_get(&c->h->cfg, "satellites", satellite);
    if (a) return a;
    const struct hub_area *ar = hub_registry_area_get(c->h->reg, satellite);
    return ar ? ar->name : NULL;
}

/* A command was dropped (queue full): say so on hub/response, at most once a second, with
 * the count, so clients see the drops without a flood of answers to a flood. */
static void cmd_busy(struct hub_command *c, int rc, const char *lang)
{
    if (rc != HUB_ERR_BUSY) return;
    int64_t now = hub_now_ms();
    if (now - c->last_busy_ms < 1000) return;
    c->last_busy_ms = now;
    json_t *a = cmd_simple_answer(c, lang, "busy");
    json_object_set_new(a, "dropped", json_integer((json_int_t)c->stats.dropped));
    publish_json(c, "hub/response", a, 1);
    json_decref(a);
}

void hub_command_mqtt_command(struct hub_command *c, const void *payload, size_t len)
{
    if (len > HUB_COMMAND_TEXT_MAX * 4) { /* refuse without parsing it */
        cmd_submit(c, CMD_TEXT, payload, len, NULL, NULL, finish_response, NULL, NULL, NULL);
        return;
    }
    json_t *j = len && ((const char *)payload)[0] == '{' ? json_loadb(payload, len, 0, NULL)
                                                        : NULL;
    if (json_is_object(j)) {
        const json_t *t = json_object_get(j, "text");
        const char *area = json_string_value(json_object_get(j, "area"));
        const char *sat = json_string_value(json_object_get(j, "satellite"));
        if (!area) area = hub_command_satellite_area(c, sat);
        json_t *extra = json_object();
        if (json_object_get(j, "id")) json_object_set(extra, "id", json_object_get(j, "id"));
        int rc = cmd_submit(c, CMD_TEXT, json_string_value(t), json_string_length(t),
                            json_string_value(json_object_get(j, "lang")), area, finish_response,
                            NULL, NULL, extra);
        cmd_busy(c, rc, json_string_value(json_object_get(j, "lang")));
    } else {
        int rc = cmd_submit(c, CMD_TEXT, payload, len, NULL, NULL, finish_response, NULL, NULL,
                            NULL);
        cmd_busy(c, rc, NULL);
    }
    json_decref(j);
}

/* hub/intent: {"intent","slots","lang","area"|"satellite","conversation_intent"} carried out
 * at once on the state thread (no engine). */
static void cmd_intent_msg(struct hub_command *c, const void *payload, size_t len)
{
    c->stats.received++;
    json_t *j = len <= 65536 ? json_loadb(payload, len, 0, NULL) : NULL;
    const json_t *in = json_object_get(j, "intent");
    const char *lang = json_string_value(json_object_get(j, "lang"));
    json_t *answer;
    if (!json_is_object(j) || !(json_is_string(in) || json_is_null(in)) ||
        (json_object_get(j, "slots") && !json_is_object(json_object_get(j, "slots")))) {
        c->stats.bad_input++;
        answer = cmd_simple_answer(c, lang, "bad_text");
    } else {
        const char *area = json_string_value(json_object_get(j, "area"));
        if (!area) area = hub_command_satellite_area(c, json_string_value(json_object_get(j, "satellite")));
        json_t *one = json_pack("[{s:O, s:O?, s:O?, s:O?}]", "intent", in, "slots",
                                json_object_get(j, "slots"), "rule", json_object_get(j, "rule"),
                                "text", json_object_get(j, "text"));
        json_t *ci = json_object_get(j, "conversation_intent");
        answer = cmd_answer_intents(c, one, lang ? lang : c->default_lang, area,
                                    json_is_object(ci) ? ci : NULL);
        if (json_object_get(j, "id")) json_object_set(answer, "id", json_object_get(j, "id"));
        json_decref(one);
    }
    c->stats.answered++;
    publish_json(c, "hub/response", answer, 1);
    json_decref(answer);
    json_decref(j);
}

static void cmd_hermes(struct hub_command *c, const char *topic, const void *payload, size_t len)
{
    bool nlu = !strcmp(topic, "hermes/nlu/query");
    json_t *j = len <= 65536 ? json_loadb(payload, len, 0, NULL) : NULL;
    const json_t *t = json_object_get(j, nlu ? "input" : "text");
    json_t *extra = json_object();
    const char *keys[] = {"sessionId", "siteId", "id", "customData"};
    for (int i = 0; i < 4; i++)
        if (json_object_get(j, keys[i])) json_object_set(extra, keys[i], json_object_get(j, keys[i]));
    const char *site = json_string_value(json_object_get(j, "siteId"));
    const char *area = hub_command_satellite_area(c, site);
    const char *lang = json_string_value(json_object_get(j, "lang"));
    if (!json_is_string(t)) c->stats.bad_input++;
    int rc = cmd_submit(c, nlu ? CMD_NLU_ONLY : CMD_TEXT, json_string_value(t),
                        json_string_length(t), lang, area,
                        nlu ? finish_hermes_nlu : finish_hermes_tts, NULL, NULL, extra);
    cmd_busy(c, rc, lang);
    json_decref(j);
}

bool hub_command_on_mqtt(struct hub_command *c, const char *topic, const void *payload,
                         size_t len, bool retain)
{
    if (!c) return false;
    if (!strcmp(topic, "hub/intent")) {
        if (!retain) cmd_intent_msg(c, payload, len);
        return true;
    }
    if (!strcmp(topic, "hermes/nlu/query") || !strcmp(topic, "hermes/asr/textCaptured")) {
        if (!retain) cmd_hermes(c, topic, payload, len);
        return true;
    }
    return false;
}

/* ---------------------------------------------------------------- timers firing */

static void timer_fired(void *ud, const struct hub_timer *tm)
{
    struct hub_command *c = ud;
    c->stats.timers_fired++;
    timer_event(c, "finished", tm);
    json_t *cmd = tm->command ? json_loads(tm->command, 0, NULL) : NULL;
    const json_t *intent = json_object_get(cmd, "intent");
    const char *text = json_string_value(json_object_get(cmd, "text"));
    if (json_is_object(intent)) { /* a delayed command parsed when it was given */
        json_t *one = json_pack("[O]", intent);
        json_t *a = cmd_answer_intents(c, one, tm->lang, tm->area, NULL);
        json_object_set_new(a, "timer", json_integer(tm->id));
        publish_json(c, "hub/response", a, 1);
        json_decref(a);
        json_decref(one);
    } else if (text) { /* a delayed command in words: through the engine now */
        cmd_submit(c, CMD_TEXT, text, strlen(text), tm->lang, tm->area, finish_response, NULL,
                   NULL, json_pack("{s:I}", "timer", (json_int_t)tm->id));
    } else {
        char *s = fmt_new(c, tm->lang, tm->name ? "timer_done" : "timer_done_unnamed",
                                     json_pack("{s:s?}", "name", tm->name));
        json_t *say = json_pack("{s:s, s:s, s:s?}", "text", s ? s : "", "lang", tm->lang, "siteId",
                                tm->area);
        publish_json(c, "hermes/tts/say", say, 0);
        json_decref(say);
        free(s);
    }
    json_decref(cmd);
}

/* ---------------------------------------------------------------- life cycle */

struct hub_command *hub_command_new(struct hub *h, char *err, size_t errlen)
{
    struct hub_command *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    c->h = h;
    const char *dl = hub_config_get(&h->cfg, "engine", "language");
    c->default_lang = dl && !strncasecmp(dl, "zh", 2) ? "zh-CN" : "en";
    c->ans = hub_answers_load(hub_answers_default_dir(), err, errlen);
    if (!c->ans) goto fail;
    /* a model: the configured one, else the shipped default if it was built */
    const char *model = h->cfg.model_path;
    struct stat sb;
    if (!model && stat(intent_default_model(), &sb) == 0) model = intent_default_model();
    if (model) {
        char e2[512];
        int64_t t0 = hub_now_ms();
        c->engine = intent_engine_load(model, NULL, e2, sizeof e2);
        const char *zw = hub_config_get(&h->cfg, "engine", "zh_words");
        if (c->engine && zw &&
            intent_engine_set_zh_words(c->engine, strcmp(zw, "none") ? zw : NULL, e2,
                                       sizeof e2))
            hub_error(TAG, "[engine] zh_words: %s (the default list is kept)", e2);
        if (!c->engine) {
            hub_error(TAG, "language model not loaded: %s (text commands answer not ready)", e2);
        } else {
            /* one core stays free for the state thread and the broker: on a 2-core hub two
             * parsing workers starved them (hub/intent answers took seconds under a flood) */
            long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
            int want = ncpu > 2 ? CMD_WORKERS : 1;
            const char *wt = hub_config_get(&h->cfg, "engine", "workers");
            if (wt && atoi(wt) >= 1 && atoi(wt) <= CMD_WORKERS) want = atoi(wt);
            const char *bk = hub_config_get(&h->cfg, "engine", "backend");
            for (int i = 0; i < want; i++) {
                c->ctx[i] = intent_ctx_new(c->engine, 1, e2, sizeof e2);
                if (!c->ctx[i]) {
                    hub_error(TAG, "engine context: %s", e2);
                    break;
                }
                /* a backend that cannot be had leaves the worker on the CPU, said once */
                if (bk && intent_ctx_set_backend(c->ctx[i], bk, e2, sizeof e2) && i == 0)
                    hub_error(TAG, "[engine] backend = %s: %s (the CPU is used)", bk, e2);
                c->n_ctx++;
            }
            if (!c->n_ctx) {
                intent_engine_free(c->engine);
                c->engine = NULL;
            } else {
                hub_info(TAG, "model %s loaded in %lld ms, %d workers", model,
                         (long long)(hub_now_ms() - t0), c->n_ctx);
            }
        }
    } else {
        hub_warn(TAG, "no language model (%s missing): text commands answer not ready; "
                      "hub/intent works", intent_default_model());
    }
    c->timers = hub_timers_new(h->loop, h->store ? hub_store_sqlite(h->store) : NULL, timer_fired,
                               c, err, errlen);
    if (!c->timers) goto fail;
    h->voice = c;
    h->command = cmd_hook;
    if (h->mqtt) {
        hub_mqtt_subscribe(h->mqtt, "hub/intent", 1);
        hub_mqtt_subscribe(h->mqtt, "hermes/nlu/query", 0);
        hub_mqtt_subscribe(h->mqtt, "hermes/asr/textCaptured", 0);
    }
    return c;
fail:
    hub_command_free(c);
    return NULL;
}

void hub_command_stop(struct hub_command *c)
{
    if (!c) return;
    c->stopping = true;
    hub_timers_stop(c->timers);
    /* queued (not running) jobs are answered busy now: the loop is ending */
    while (c->q_head) {
        struct cmd_job *j = c->q_head;
        c->q_head = j->next;
        c->queued--;
        c->stats.dropped++;
        if (j->done) {
            json_t *a = cmd_simple_answer(c, j->lang, "busy");
            j->finish(c, j, a);
            json_decref(a);
        }
        job_free(j);
    }
    c->q_tail = NULL;
}

void hub_command_free(struct hub_command *c)
{
    if (!c) return;
    if (c->h && c->h->voice == c) {
        c->h->voice = NULL;
        c->h->command = NULL;
    }
    hub_timers_free(c->timers);
    for (int i = 0; i < c->n_ctx; i++) intent_ctx_free(c->ctx[i]);
    intent_engine_free(c->engine);
    snap_unref(c->snap);
    hub_answers_free(c->ans);
    free(c);
}

void hub_command_get_stats(const struct hub_command *c, struct hub_command_stats *out)
{
    *out = c->stats;
    out->queued = c->queued;
    out->running = c->running;
}

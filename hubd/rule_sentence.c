/*
 * rule_sentence.c: a HubCreateRule answer of the engine (or of hub/intent) becomes one of the
 * hub's automation rules (see rule_sentence.h for the contract). Three steps:
 *   check and convert the trigger, weekdays, time window and `for` (names through the live
 *   registry, states in the entity's own words: a door sensor "opens" to "on");
 *   the action through the command module's plan hook (the same resolution as a spoken
 *   command), with the opposite action after a delay for `for`;
 *   rules/create with a fresh numeric id, and the answer from data/answers (rule_* keys).
 */
#include "hubd/rule_sentence.h"

#include "hub_log.h"
#include "hub_status.h"
#include "hubd/answer.h"
#include "hubd/hub.h"
#include "hubd/registry.h"
#include "hubd/rules.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TAG "rule-sentence"
#define RS_FOR_MAX (7 * 24 * 3600) /* longest `for`, seconds */
#define RS_OFFSET_MAX (6 * 3600)   /* largest sun offset, seconds */
#define RS_ALIAS_MAX 200           /* bytes of the alias kept from the sentence */

/* Device intents a rule may carry out: their only effect goes through the command module's
 * cmd_run, so planning them acts on nothing. Timers, lists, broadcasts and queries are not. */
static const char *const rs_action_intents[] = {"HassTurnOn",
                                                "HassTurnOff",
                                                "HassLightSet",
                                                "HassSetPosition",
                                                "HassClimateSetTemperature",
                                                "HassFanSetSpeed",
                                                "HassMediaPause",
                                                "HassMediaUnpause",
                                                "HassMediaNext",
                                                "HassMediaPrevious",
                                                "HassSetVolume",
                                                "HassSetVolumeRelative",
                                                "HassMediaPlayerMute",
                                                "HassMediaPlayerUnmute",
                                                "HassVacuumStart",
                                                "HassVacuumReturnToBase",
                                                "HassLawnMowerStartMowing",
                                                "HassLawnMowerDock",
                                                NULL};

/* The undo of a plugin verb after `for` (turn_on -> turn_off, open -> close, ...). */
static const struct {
    const char *verb, *undo;
} rs_undo[] = {
    {"turn_on", "turn_off"},
    {"turn_off", "turn_on"},
    {"open", "close"},
    {"close", "open"},
    {"lock", "unlock"},
    {"unlock", "lock"},
    {"start", "return_to_base"},
    {"start_mowing", "dock"},
    {"media_pause", "media_play"},
    {"media_play", "media_pause"},
};

static const char *const rs_days[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

bool hub_rule_sentence_is(const json_t *parsed)
{
    const char *in = json_string_value(json_object_get(parsed, "intent"));
    return in && !strcmp(in, "HubCreateRule");
}

/* ---------------------------------------------------------------- small helpers */

/* hub_answers_format taking the reference to vars. */
static char *rs_fmt(const struct hub_rule_sentence_env *env, const char *lang, const char *key,
                    json_t *vars)
{
    char *s = hub_answers_format(env->ans, lang, key, vars);
    json_decref(vars);
    return s;
}

/* "HH:MM" or "HH:MM:SS", a real time of day. Writes "HH:MM:SS" to out (the rules' form) and
 * "HH:MM" (or with seconds when they are not 0) to shown. */
static bool rs_time(const json_t *v, char out[32], char shown[32])
{
    const char *s = json_string_value(v);
    unsigned h, m, sec = 0;
    int n = 0;
    if (!s || (sscanf(s, "%2u:%2u%n", &h, &m, &n) != 2) || n != 5) return false;
    if (s[5]) {
        int n2 = 0;
        if (sscanf(s + 5, ":%2u%n", &sec, &n2) != 1 || n2 != 3 || s[8]) return false;
    }
    if (h > 23 || m > 59 || sec > 59) return false;
    snprintf(out, 32, "%02u:%02u:%02u", h, m, sec);
    if (sec)
        snprintf(shown, 32, "%02u:%02u:%02u", h, m, sec);
    else
        snprintf(shown, 32, "%02u:%02u", h, m);
    return true;
}

/* A whole number of seconds in [lo, hi]. */
static bool rs_seconds(const json_t *v, long lo, long hi, long *out)
{
    if (!json_is_number(v)) return false;
    double d = json_number_value(v);
    if (!(d >= lo && d <= hi) || d != floor(d)) return false;
    *out = (long)d;
    return true;
}

/* The one entity a trigger names: its registry name, case aside, else an alias (the Front Door
 * sensor wins over the lock whose alias is "front door"). Several entities of that name: the
 * one whose domain has the state word (a door sensor "opens"). */
struct rs_find {
    const char *name;
    bool aliases; /* second pass */
    const struct hub_entity *hit[8];
    int n;
};

static int rs_find_cb(void *ud, const struct hub_entity *e)
{
    struct rs_find *f = ud;
    bool match = !f->aliases && !strcasecmp(e->name, f->name);
    size_t i;
    json_t *a;
    if (f->aliases)
        json_array_foreach(e->aliases, i, a) match =
            match || !strcasecmp(json_string_value(a), f->name);
    if (match && f->n < 8) f->hit[f->n++] = e;
    return 0;
}

/* The state word of `to` in the entity's own vocabulary: binary sensors are on/off (a door
 * that opens turns "on"), covers and valves open/closed, locks locked/unlocked. NULL when the
 * entity cannot be in that state. */
static const char *rs_state_for(const struct hub_entity *e, const char *to)
{
    const char *d = e->domain;
    bool on =
        !strcmp(to, "on") || !strcmp(to, "open") || !strcmp(to, "unlocked") || !strcmp(to, "home");
    if (!strcmp(d, "binary_sensor")) {
        /* a lock sensor is "on" when unlocked, so "locked" is off (Home Assistant's meaning) */
        return on ? "on" : "off";
    }
    if (!strcmp(d, "cover") || !strcmp(d, "valve")) {
        if (!strcmp(to, "locked") || !strcmp(to, "unlocked") || !strcmp(to, "home") ||
            !strcmp(to, "not_home"))
            return NULL;
        return on ? "open" : "closed";
    }
    if (!strcmp(d, "lock")) {
        if (!strcmp(to, "locked") || !strcmp(to, "closed")) return "locked";
        if (!strcmp(to, "unlocked") || !strcmp(to, "open")) return "unlocked";
        return NULL;
    }
    if (!strcmp(d, "person") || !strcmp(d, "device_tracker")) {
        if (!strcmp(to, "home") || !strcmp(to, "not_home")) return to;
        return NULL;
    }
    if (!strcmp(to, "on") || !strcmp(to, "off")) return to;
    if (!strcmp(to, "open") || !strcmp(to, "closed")) return on ? "on" : "off";
    return NULL;
}

static const struct hub_entity *rs_entity(const struct hub_rule_sentence_env *env, const char *name,
                                          const char *to, bool numeric)
{
    struct rs_find f = {.name = name};
    if (!name || !env->h->reg) return NULL;
    hub_registry_foreach(env->h->reg, rs_find_cb, &f);
    if (!f.n) {
        f.aliases = true;
        hub_registry_foreach(env->h->reg, rs_find_cb, &f);
    }
    const struct hub_entity *pick = NULL;
    int fits = 0;
    for (int i = 0; i < f.n; i++) {
        bool fit = numeric
                       ? !strcmp(f.hit[i]->domain, "sensor") || !strcmp(f.hit[i]->domain, "climate")
                       : rs_state_for(f.hit[i], to) != NULL;
        if (fit && !fits++) pick = f.hit[i];
    }
    if (fits > 1) return NULL; /* two devices of that name: which one is not ours to guess */
    return pick ? pick : f.n == 1 ? f.hit[0] : NULL;
}

/* ---------------------------------------------------------------- building the rule */

struct rs_build {
    const struct hub_rule_sentence_env *env;
    const char *lang;
    char *why;    /* answer sentence when the rule cannot be made */
    json_t *vars; /* the description's parts */
};

/* Record why nothing can be created: the sentence of `key` with vars. Returns NULL. */
static json_t *rs_fail(struct rs_build *b, const char *key, json_t *vars)
{
    char *reason = rs_fmt(b->env, b->lang, key, vars ? vars : json_object());
    b->why = rs_fmt(b->env, b->lang, "rule_not_created",
                    json_pack("{s:s}", "reason", reason ? reason : key));
    free(reason);
    return NULL;
}

/* "every day" / "on weekdays" / "on Mondays and Wednesdays" / "每个工作日" ... */
static char *rs_days_phrase(struct rs_build *b, unsigned mask)
{
    if (mask == 0x7f) return rs_fmt(b->env, b->lang, "rule_every_day", NULL);
    if (mask == 0x3e) return rs_fmt(b->env, b->lang, "rule_on_workdays", NULL);
    if (mask == 0x41) return rs_fmt(b->env, b->lang, "rule_on_weekends", NULL);
    const char *names = hub_answers_get(b->env->ans, b->lang, "rule_day_names");
    json_t *list = json_array();
    for (int d = 1; d <= 7; d++) { /* Monday first */
        if (!(mask & 1u << (d % 7))) continue;
        const char *p = names;
        for (int k = 0; k < d % 7 && p; k++)
            p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL;
        size_t n = p ? strcspn(p, "|") : 0;
        json_array_append_new(list, json_stringn(p ? p : rs_days[d % 7], p ? n : 3));
    }
    char *days = hub_answers_join(b->env->ans, b->lang, list, "list_and");
    json_decref(list);
    char *r = rs_fmt(b->env, b->lang, "rule_on_days", json_pack("{s:s}", "days", days ? days : ""));
    free(days);
    return r;
}

/* The trigger as a hub trigger; the description's {when} in b->vars. */
static json_t *rs_trigger(struct rs_build *b, const json_t *t, unsigned days, char **days_text)
{
    const char *platform = json_string_value(json_object_get(t, "platform"));
    if (!json_is_object(t) || !platform)
        return rs_fail(b, "rule_bad", json_pack("{s:s}", "detail", "trigger"));
    char *when = NULL;
    json_t *out = NULL;
    if (!strcmp(platform, "time")) {
        char at[32], shown[32];
        if (!rs_time(json_object_get(t, "at"), at, shown))
            return rs_fail(b, "rule_bad_time",
                           json_pack("{s:s}", "time",
                                     json_string_value(json_object_get(t, "at"))
                                         ? json_string_value(json_object_get(t, "at"))
                                         : "?"));
        out = json_pack("{s:s, s:s}", "trigger", "time", "at", at);
        if (days != 0x7f) {
            json_t *wd = json_array();
            for (int d = 1; d <= 7; d++)
                if (days & 1u << (d % 7)) json_array_append_new(wd, json_string(rs_days[d % 7]));
            json_object_set_new(out, "weekday", wd);
        }
        when = rs_fmt(b->env, b->lang, "rule_when_time",
                      json_pack("{s:s, s:s}", "days", *days_text, "time", shown));
        free(*days_text); /* said with the time */
        *days_text = NULL;
    } else if (!strcmp(platform, "state") || !strcmp(platform, "numeric_state")) {
        bool numeric = !strcmp(platform, "numeric_state");
        const char *name = json_string_value(json_object_get(t, "entity"));
        const char *to = json_string_value(json_object_get(t, "to"));
        static const char *const tos[] = {"on",       "off",  "open",     "closed", "locked",
                                          "unlocked", "home", "not_home", NULL};
        bool to_ok = false;
        for (int i = 0; to && tos[i]; i++)
            to_ok = to_ok || !strcmp(to, tos[i]);
        if (!numeric && !to_ok)
            return rs_fail(b, "rule_bad", json_pack("{s:s}", "detail", to ? to : "to"));
        const struct hub_entity *e = rs_entity(b->env, name, to, numeric);
        if (!e) return rs_fail(b, "unknown_device", json_pack("{s:s}", "name", name ? name : "?"));
        if (numeric) {
            const json_t *above = json_object_get(t, "above"), *below = json_object_get(t, "below");
            if ((above && !json_is_number(above)) || (below && !json_is_number(below)) ||
                (!above && !below) ||
                (above && below && json_number_value(above) >= json_number_value(below)))
                return rs_fail(b, "rule_bad", json_pack("{s:s}", "detail", "above/below"));
            out = json_pack("{s:s, s:s, s:O*, s:O*}", "trigger", "numeric_state", "entity_id",
                            e->id, "above", above, "below", below);
            when = rs_fmt(
                b->env, b->lang,
                above && below ? "rule_when_between"
                : above        ? "rule_when_above"
                               : "rule_when_below",
                json_pack("{s:s, s:O*, s:O*}", "name", e->name, "above", above, "below", below));
        } else {
            const char *state = rs_state_for(e, to);
            if (!state)
                return rs_fail(b, "rule_bad_state",
                               json_pack("{s:s, s:s}", "name", e->name, "state", to));
            out = json_pack("{s:s, s:s, s:s}", "trigger", "state", "entity_id", e->id, "to", state);
            char key[32];
            snprintf(key, sizeof key, "rule_to_%s", to);
            when = rs_fmt(b->env, b->lang, "rule_when_state",
                          json_pack("{s:s, s:s}", "name", e->name, "change",
                                    hub_answers_get(b->env->ans, b->lang, key)));
        }
    } else if (!strcmp(platform, "sun")) {
        const char *ev = json_string_value(json_object_get(t, "event"));
        long off = 0;
        if (!ev || (strcmp(ev, "sunrise") && strcmp(ev, "sunset")))
            return rs_fail(b, "rule_bad", json_pack("{s:s}", "detail", ev ? ev : "event"));
        if (json_object_get(t, "offset") &&
            !rs_seconds(json_object_get(t, "offset"), -RS_OFFSET_MAX, RS_OFFSET_MAX, &off))
            return rs_fail(b, "rule_bad", json_pack("{s:s}", "detail", "offset"));
        char offset[32];
        long a = labs(off);
        snprintf(offset, sizeof offset, "%s%02ld:%02ld:%02ld", off < 0 ? "-" : "", a / 3600,
                 a / 60 % 60, a % 60);
        out = json_pack("{s:s, s:s, s:s}", "trigger", "sun", "event", ev, "offset", offset);
        char evkey[32];
        snprintf(evkey, sizeof evkey, "rule_%s", ev);
        char *dur = hub_answers_duration(b->env->ans, b->lang, a);
        when = rs_fmt(b->env, b->lang,
                      off < 0   ? "rule_when_before_sun"
                      : off > 0 ? "rule_when_after_sun"
                                : "rule_when_sun",
                      json_pack("{s:s, s:s}", "event", hub_answers_get(b->env->ans, b->lang, evkey),
                                "offset", dur ? dur : ""));
        free(dur);
    } else {
        return rs_fail(b, "rule_bad", json_pack("{s:s}", "detail", platform));
    }
    json_object_set_new(b->vars, "when", json_string(when ? when : ""));
    free(when);
    return out;
}

/* The planned actions as rule actions: one entity action each ("light.turn_on" with target and
 * data; light brightness in the hub's percent, written brightness_pct as the rules expect). */
static int rs_add_actions(json_t *actions, const json_t *planned, bool undo)
{
    size_t i;
    json_t *p;
    json_array_foreach(planned, i, p)
    {
        const char *id = json_string_value(json_object_get(p, "entity_id"));
        const char *verb = json_string_value(json_object_get(p, "action"));
        const json_t *data = json_object_get(p, "data");
        if (!id || !verb) return HUB_ERR_INVALID;
        if (undo) {
            const char *u = NULL;
            for (size_t k = 0; k < sizeof rs_undo / sizeof rs_undo[0]; k++)
                if (!strcmp(rs_undo[k].verb, verb)) u = rs_undo[k].undo;
            if (!u) return HUB_ERR_UNSUPPORTED;
            verb = u;
            data = NULL; /* turning off needs no brightness */
        }
        char name[96];
        snprintf(name, sizeof name, "%.*s.%s", (int)strcspn(id, "."), id, verb);
        json_t *d = json_is_object(data) ? json_deep_copy(data) : json_object();
        json_t *bri = json_object_get(d, "brightness");
        if (!strncmp(id, "light.", 6) && bri) {
            json_object_set(d, "brightness_pct", bri);
            json_object_del(d, "brightness");
        }
        json_array_append_new(actions, json_pack("{s:s, s:{s:s}, s:o}", "action", name, "target",
                                                 "entity_id", id, "data", d));
    }
    return HUB_OK;
}

/* The action's wording: "turn on {what}", "set {what} to {brightness}%" ... from the first
 * planned action (a plan acts the same way on every target but for covers among lights). */
static char *rs_action_text(struct rs_build *b, const json_t *plan, const json_t *slots)
{
    const json_t *first = json_array_get(json_object_get(plan, "actions"), 0);
    const char *verb = json_string_value(json_object_get(first, "action"));
    const json_t *data = json_object_get(first, "data");
    json_t *vars = json_is_object(data) ? json_deep_copy(data) : json_object();
    if (json_is_object(slots)) json_object_update_missing(vars, (json_t *)slots);
    json_object_set_new(vars, "what",
                        json_string(json_string_value(json_object_get(plan, "what"))
                                        ? json_string_value(json_object_get(plan, "what"))
                                        : ""));
    char key[64];
    if (!strcmp(verb, "turn_on") && json_object_get(data, "brightness"))
        snprintf(key, sizeof key, "rule_do_brightness");
    else if (!strcmp(verb, "turn_on") && json_object_get(data, "rgb_color"))
        snprintf(key, sizeof key, "rule_do_color");
    else if (!strcmp(verb, "turn_on") && json_object_get(data, "color_temp_kelvin"))
        snprintf(key, sizeof key, "rule_do_kelvin");
    else if (!strcmp(verb, "volume_mute"))
        snprintf(key, sizeof key,
                 json_is_false(json_object_get(data, "mute")) ? "rule_do_unmute" : "rule_do_mute");
    else
        snprintf(key, sizeof key, "rule_do_%s", verb);
    if (!strcmp(hub_answers_get(b->env->ans, b->lang, key), key)) {
        json_object_set_new(vars, "verb", json_string(verb));
        snprintf(key, sizeof key, "rule_do");
    }
    return rs_fmt(b->env, b->lang, key, vars);
}

json_t *hub_rule_sentence_build(const struct hub_rule_sentence_env *env, const json_t *rule,
                                const char *lang, const char *area, char **desc, char **why)
{
    struct rs_build b = {env, lang, NULL, json_object()};
    json_t *out = NULL, *trigger = NULL, *conditions = json_array(), *actions = json_array();
    json_t *plan = NULL;
    char *days_text = NULL;
    if (desc) *desc = NULL;
    *why = NULL;
    if (!json_is_object(rule)) {
        rs_fail(&b, "rule_bad", json_pack("{s:s}", "detail", "rule"));
        goto done;
    }
    /* weekdays: a mask by tm_wday; every day when not said */
    unsigned days = 0;
    const json_t *wd = json_object_get(rule, "weekdays");
    if (wd) {
        size_t i;
        json_t *d;
        if (!json_is_array(wd) || !json_array_size(wd)) {
            rs_fail(&b, "rule_bad", json_pack("{s:s}", "detail", "weekdays"));
            goto done;
        }
        json_array_foreach(wd, i, d)
        {
            int k = 0;
            while (k < 7 && !(json_is_string(d) && !strcmp(json_string_value(d), rs_days[k])))
                k++;
            if (k == 7) {
                rs_fail(&b, "rule_bad",
                        json_pack("{s:s}", "detail",
                                  json_is_string(d) ? json_string_value(d) : "weekdays"));
                goto done;
            }
            days |= 1u << k;
        }
    } else {
        days = 0x7f;
    }
    days_text = rs_days_phrase(&b, days);
    if (!(trigger = rs_trigger(&b, json_object_get(rule, "trigger"), days, &days_text))) goto done;
    /* the time window (and the weekdays of a trigger that is not a time of day) */
    json_t *cond = json_pack("{s:s}", "condition", "time");
    char after[32] = "", before[32] = "", after_s[32] = "", before_s[32] = "";
    const char *keys[2] = {"after", "before"};
    char *outs[2] = {after, before}, *shown[2] = {after_s, before_s};
    for (int i = 0; i < 2; i++) {
        const json_t *v = json_object_get(rule, keys[i]);
        if (!v) continue;
        if (!rs_time(v, outs[i], shown[i])) {
            json_decref(cond);
            rs_fail(&b, "rule_bad_time",
                    json_pack("{s:s}", "time", json_is_string(v) ? json_string_value(v) : "?"));
            goto done;
        }
        json_object_set_new(cond, keys[i], json_string(outs[i]));
    }
    if (days_text && days != 0x7f) {
        json_t *list = json_array();
        for (int d = 1; d <= 7; d++)
            if (days & 1u << (d % 7)) json_array_append_new(list, json_string(rs_days[d % 7]));
        json_object_set_new(cond, "weekday", list);
    }
    if (json_object_size(cond) > 1)
        json_array_append_new(conditions, cond);
    else
        json_decref(cond);
    char *window = NULL;
    if (after[0] && before[0])
        window = rs_fmt(env, lang, "rule_between",
                        json_pack("{s:s, s:s}", "after", after_s, "before", before_s));
    else if (after[0])
        window = rs_fmt(env, lang, "rule_after", json_pack("{s:s}", "after", after_s));
    else if (before[0])
        window = rs_fmt(env, lang, "rule_before", json_pack("{s:s}", "before", before_s));
    json_object_set_new(b.vars, "window", json_string(window ? window : ""));
    free(window);
    /* weekdays of a trigger that is not a time of day: said after it ("... on weekdays") */
    char *days_cond = days_text && days != 0x7f ? rs_fmt(env, lang, "rule_days_cond",
                                                         json_pack("{s:s}", "days", days_text))
                                                : NULL;
    json_object_set_new(b.vars, "days", json_string(days_cond ? days_cond : ""));
    free(days_cond);
    /* the action, resolved by the command module */
    const json_t *action = json_object_get(rule, "action");
    const char *intent = json_string_value(json_object_get(action, "intent"));
    const json_t *slots = json_object_get(action, "slots");
    bool allowed = false;
    for (int i = 0; intent && rs_action_intents[i]; i++)
        allowed = allowed || !strcmp(intent, rs_action_intents[i]);
    if (!allowed || (slots && !json_is_object(slots))) {
        rs_fail(&b, "rule_bad_action", NULL);
        goto done;
    }
    json_t *no_slots = json_object();
    plan = env->plan(env->plan_ud, intent, slots ? slots : no_slots, lang, area);
    json_decref(no_slots);
    if (!plan || !json_array_size(json_object_get(plan, "actions"))) {
        /* the command module's own words: unknown device, nothing of that kind there, ... */
        json_t *texts = json_object_get(plan, "texts");
        if (json_array_size(texts)) {
            char *reason = hub_answers_join(env->ans, lang, texts, "join");
            b.why = rs_fmt(env, lang, "rule_not_created",
                           json_pack("{s:s}", "reason", reason ? reason : ""));
            free(reason);
        } else {
            rs_fail(&b, "rule_bad_action", NULL);
        }
        goto done;
    }
    const json_t *planned = json_object_get(plan, "actions");
    if (rs_add_actions(actions, planned, false) != HUB_OK) {
        rs_fail(&b, "rule_bad_action", NULL);
        goto done;
    }
    char *act = rs_action_text(&b, plan, slots);
    json_object_set_new(b.vars, "action", json_string(act ? act : ""));
    free(act);
    /* `for`: wait, then undo */
    const json_t *forv = json_object_get(rule, "for");
    char *for_text = NULL;
    if (forv) {
        long secs;
        if (!rs_seconds(forv, 1, RS_FOR_MAX, &secs)) {
            rs_fail(&b, "rule_bad", json_pack("{s:s}", "detail", "for"));
            goto done;
        }
        json_array_append_new(actions, json_pack("{s:i}", "delay", (int)secs));
        if (rs_add_actions(actions, planned, true) != HUB_OK) {
            rs_fail(&b, "rule_no_undo", NULL);
            goto done;
        }
        char *dur = hub_answers_duration(env->ans, lang, secs);
        for_text = rs_fmt(env, lang, "rule_for", json_pack("{s:s}", "duration", dur ? dur : ""));
        free(dur);
    }
    json_object_set_new(b.vars, "for", json_string(for_text ? for_text : ""));
    free(for_text);
    out = json_pack("{s:s, s:[O], s:O, s:O}", "mode", "single", "triggers", trigger, "conditions",
                    conditions, "actions", actions);
    if (desc) *desc = hub_answers_format(env->ans, lang, "rule_desc", b.vars);
done:
    *why = b.why;
    free(days_text);
    json_decref(plan);
    json_decref(trigger);
    json_decref(conditions);
    json_decref(actions);
    json_decref(b.vars);
    return out;
}

/* ---------------------------------------------------------------- creating it */

/* The next free numeric id: one more than the largest numeric id in use, so an id said in an
 * answer ("rule 12") is short and never that of an older rule still there. */
static long rs_next_id(struct hub_rules *rules)
{
    char err[128];
    json_t *list = hub_rules_api(rules, "rules/list", NULL, err, sizeof err);
    long max = 0;
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(list, "rules"), i, r)
    {
        const char *id = json_string_value(json_object_get(r, "id"));
        char *end;
        long v = id ? strtol(id, &end, 10) : 0;
        if (id && *id && !*end && v > max) max = v;
    }
    json_decref(list);
    return max + 1;
}

bool hub_rule_sentence_create(const struct hub_rule_sentence_env *env, const json_t *parsed,
                              const char *lang, const char *area, json_t *texts, json_t **rule_id)
{
    *rule_id = NULL;
    char *why = NULL, *desc = NULL, *say = NULL;
    if (!env->h->rules) {
        why = hub_answers_format(env->ans, lang, "rules_unavailable", NULL);
        json_array_append_new(texts, json_string(why ? why : ""));
        free(why);
        return false;
    }
    json_t *rule =
        hub_rule_sentence_build(env, json_object_get(parsed, "rule"), lang, area, &desc, &why);
    bool ok = false;
    if (rule) {
        char id[32];
        snprintf(id, sizeof id, "%ld", rs_next_id(env->h->rules));
        /* alias: the sentence as said (shortened), else its description */
        const char *text = json_string_value(json_object_get(parsed, "text"));
        char alias[RS_ALIAS_MAX + 1];
        snprintf(alias, sizeof alias, "%s", text && *text ? text : desc ? desc : id);
        json_object_set_new(rule, "id", json_string(id));
        json_object_set_new(rule, "alias", json_string(alias));
        if (desc) json_object_set_new(rule, "description", json_string(desc));
        json_object_set_new(rule, "initial_state", json_true());
        char err[512];
        json_t *req = json_pack("{s:O}", "rule", rule);
        json_t *res = hub_rules_api(env->h->rules, "rules/create", req, err, sizeof err);
        json_decref(req);
        if (res) {
            ok = true;
            *rule_id = json_incref(json_object_get(res, "rule_id"));
            json_t *v = json_pack("{s:O, s:s}", "id", *rule_id, "rule", desc ? desc : alias);
            say = hub_answers_format(env->ans, lang, "rule_created", v);
            json_decref(v);
            hub_info(TAG, "rule %s created: %s", id, alias);
        } else {
            hub_warn(TAG, "rules/create refused a rule from a sentence: %s", err);
            json_t *v = json_pack("{s:s}", "detail", err);
            char *reason = hub_answers_format(env->ans, lang, "rule_bad", v);
            json_decref(v);
            v = json_pack("{s:s}", "reason", reason ? reason : "");
            say = hub_answers_format(env->ans, lang, "rule_not_created", v);
            json_decref(v);
            free(reason);
        }
        json_decref(res);
        json_decref(rule);
    }
    json_array_append_new(texts, json_string(say ? say : why ? why : ""));
    free(say);
    free(why);
    free(desc);
    return ok;
}

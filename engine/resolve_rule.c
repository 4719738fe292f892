/*
 * resolve_rule.c: rule lines to the rule contract's answer (see resolve_rule.h). The action is an
 * ordinary line and goes through resolve_line; the trigger, conditions and `for` are resolved
 * here.
 */
#define _GNU_SOURCE /* strcasestr */
#include "engine/resolve_rule.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/numbers.h"
#include "engine/resolve_impl.h"
#include "engine/weekdays.h"
#include "hub_status.h"

static json_t *null_answer(void)
{
    return json_pack("{s:n,s:{}}", "intent", "slots");
}

/* Whether s ends with word (case-insensitive; English words whole). */
static bool ends_with_word(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    if (k > n || strncasecmp(s + n - k, word, k)) return false;
    return (unsigned char)word[0] >= 0x80 || n == k || !isalpha((unsigned char)s[n - k - 1]);
}

/* The hours past noon a time said with no morning or afternoon of its own gets from the part of
 * the day said just before it ("every night at 7:45", "each evening at 6:30", 每天晚上 8点):
 * 12 when its hour is one that part of the day has after noon, else 0. */
static int part_of_day_hours(const char *span, const char *utt, int secs)
{
    static const struct {
        const char *word;
        int first, last; /* the hours (1 to 11) read as after noon */
    } parts[] = {{"afternoon", 1, 7}, {"afternoons", 1, 7}, {"evening", 4, 11},
                 {"evenings", 4, 11}, {"tonight", 4, 11},   {"night", 6, 11},
                 {"nights", 6, 11},   {"下午", 1, 7},        {"傍晚", 4, 11},
                 {"晚上", 4, 11},     {"今晚", 4, 11},       {"夜里", 6, 11}};
    static const char *const own[] = {"morning", "afternoon", "evening", "night", "noon",
                                      "midnight", "早", "上午", "中午", "下午", "晚", "夜",
                                      "凌晨", NULL};
    int h = secs / 3600;
    const char *at = utt ? strcasestr(utt, span) : NULL;
    /* am and pm also where they follow the digits ("7am"); no number word holds them */
    if (!at || h < 1 || h > 11 || says_any(span, own) || strcasestr(span, "am") ||
        strcasestr(span, "pm") || strcasestr(span, "a.m") || strcasestr(span, "p.m"))
        return 0;
    size_t n = (size_t)(at - utt);
    while (n && utt[n - 1] == ' ') n--;
    if (ends_with_word(utt, n, "at")) n -= 2; /* "every night at 7:45" */
    while (n && utt[n - 1] == ' ') n--;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (ends_with_word(utt, n, parts[i].word))
            return h >= parts[i].first && h <= parts[i].last ? 12 : 0;
    return 0;
}

static json_t *time_json(const char *span, const char *utt)
{
    int secs;
    char b[16];
    if (!span || num_parse_time(span, &secs) != HUB_OK) return NULL;
    secs = (secs + part_of_day_hours(span, utt, secs) * 3600) % 86400;
    snprintf(b, sizeof b, "%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
    return json_string(b);
}

/* Seconds of a duration span, or -1. */
static long duration_secs(const char *span)
{
    struct num_duration d;
    if (!span || num_parse_duration(span, &d) != HUB_OK) return -1;
    return d.hours * 3600 + d.minutes * 60 + d.seconds;
}

/* The domains a state trigger's entity is looked for in first, by the state it waits for. */
static const char *const *trigger_domains(const char *to)
{
    static const char *const onoff[] = {"binary_sensor", "light",        "switch", "fan",
                                        "input_boolean", "media_player", NULL};
    static const char *const open[] = {"binary_sensor", "cover", "valve", NULL};
    static const char *const lock[] = {"lock", NULL};
    static const char *const person[] = {"person", NULL};
    static const char *const sensor[] = {"sensor", NULL};
    if (!to) return sensor;
    if (!strcmp(to, "open") || !strcmp(to, "closed")) return open;
    if (!strcmp(to, "locked") || !strcmp(to, "unlocked")) return lock;
    if (!strcmp(to, "home") || !strcmp(to, "not_home")) return person;
    return onoff;
}

static const char *const day_words[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* The days of a `days` word (daily, weekdays, weekends, mon ... sun) as weekdays.h's mask. */
static unsigned days_mask(const char *days)
{
    if (!strcmp(days, "weekdays")) return WEEKDAYS_WORK;
    if (!strcmp(days, "weekends")) return WEEKDAYS_WEEKEND;
    for (int d = 0; d < 7; d++)
        if (!strcmp(days, day_words[d])) return 1u << d;
    return WEEKDAYS_ALL;
}

static json_t *weekdays_json(unsigned mask)
{
    json_t *a = json_array();
    for (int d = 0; a && d < 7; d++)
        if (mask & (1u << d)) json_array_append_new(a, json_string(day_words[d]));
    return a;
}

json_t *resolve_rule(const struct resolve_registry *r, const struct intent_line *l,
                     const char *utterance, json_t *action)
{
    uint32_t m = intent_line_rule_mask(l);
    json_t *rule = NULL, *trig = NULL, *v;
    if (!intent_rule_mask_ok(m) || !action) goto fail;
    const char *when = intent_line_get(l, "when"), *to = intent_line_get(l, "to");
    if (m & (1u << RULE_AT)) {
        if (!(v = time_json(intent_line_get(l, "at"), utterance))) goto fail;
        trig = json_pack("{s:s,s:o}", "platform", "time", "at", v);
    } else if (m & (1u << RULE_WHEN)) {
        /* the model may copy only part of the trigger's name ("motion" of "hallway motion"):
         * a longer name said around the span wins, as for the action's name */
        const char *ent = utterance ? resolve_entity_said(r, when, utterance, NULL,
                                                          trigger_domains(to))
                                    : NULL;
        if (!ent) ent = resolve_entity(r, when, NULL, NULL, NULL, trigger_domains(to));
        if (!ent) goto fail; /* the trigger is not in the house */
        if (to) {
            trig = json_pack("{s:s,s:s,s:s}", "platform", "state", "entity", ent, "to", to);
        } else {
            const char *key = (m & (1u << RULE_ABOVE)) ? "above" : "below";
            double x;
            if (num_parse_slot("temperature", intent_line_get(l, key), &x) != HUB_OK) goto fail;
            trig = json_pack("{s:s,s:s}", "platform", "numeric_state", "entity", ent);
            json_object_set_new(
                trig, key, x == (double)(json_int_t)x ? json_integer((json_int_t)x) : json_real(x));
        }
    } else {
        const char *off = intent_line_get(l, "offset");
        long secs = 0;
        if (off) {
            secs = duration_secs(off[0] == '-' ? off + 1 : off);
            if (secs < 0) goto fail;
            if (off[0] == '-') secs = -secs;
        }
        trig = json_pack("{s:s,s:s,s:I}", "platform", "sun", "event", intent_line_get(l, "sun"),
                         "offset", (json_int_t)secs);
    }
    if (!trig || !(rule = json_object())) goto fail;
    json_object_set_new(rule, "trigger", trig);
    trig = NULL;
    /* the days said decide, when there is an utterance: `days` has no span behind it */
    const char *days = intent_line_get(l, "days");
    unsigned mask = utterance ? weekdays_said(utterance) : days ? days_mask(days) : 0;
    if (mask && mask != WEEKDAYS_ALL) json_object_set_new(rule, "weekdays", weekdays_json(mask));
    static const char *const window[] = {"after", "before"};
    for (int i = 0; i < 2; i++) {
        const char *span = intent_line_get(l, window[i]);
        if (!span) continue;
        if (!(v = time_json(span, utterance))) goto fail;
        json_object_set_new(rule, window[i], v);
    }
    if (m & (1u << RULE_FOR)) {
        long secs = duration_secs(intent_line_get(l, "for"));
        if (secs <= 0) goto fail;
        json_object_set_new(rule, "for", json_integer(secs));
    }
    json_object_set_new(rule, "action", action);
    return rule;
fail:
    json_decref(trig);
    json_decref(rule);
    json_decref(action);
    return NULL;
}

/* The utterance without the rule's own spans (the trigger entity, times) and the trigger's
 * passive verb, so that grounding the action in the house (resolve_line) never takes the
 * trigger for the action's target or its verb for the action's way. */
static char *action_utterance(const struct intent_line *l, const char *utt)
{
    char *u = strdup(utt);
    if (!u) return NULL;
    for (int i = 0; i < l->n_slots; i++) {
        int r = intent_rule_slot_index(l->slots[i].name);
        if (r < 0 || intent_slot_values(l->slots[i].name)) continue;
        const char *span = l->slots[i].value;
        if (r == RULE_OFFSET && span[0] == '-') span++;
        char *at = strcasestr(u, span);
        if (at) memset(at, ' ', strlen(span));
    }
    /* what the trigger undergoes (灯被打开) is no verb of the action */
    for (char *at = u; (at = strstr(at, "被"));) {
        size_t n = strlen("被");
        if (!strncmp(at + n, "子", strlen("子"))) { /* 被子, a quilt */
            at += n;
            continue;
        }
        for (int k = 0; k < 2 && (unsigned char)at[n] >= 0xe0; k++) n += 3;
        memset(at, ' ', n);
        at += n;
    }
    return u;
}

/* Whether the utterance speaks of the sun's rising or setting. A sun trigger is a closed word
 * of the line with no span behind it, so the model can hear one where none was said ("let some
 * sun in, open the office shades" is a command, not a rule at sunrise). */
static bool sun_said(const char *utt)
{
    static const char *const words[] = {
        "sunset", "sundown", "dusk", "sunrise", "sunup", "dawn", "sun goes", "sun sets",
        "sun comes", "sun rises", "sun is up", "sun is down", "sun's up", "sun's down",
        "gets dark", "get dark", "gets light", "first light", "nightfall", "daybreak",
        "twilight", "日落", "日出", "下山", "天黑", "天亮", "升起", "夕阳", "黄昏", "傍晚",
        "太阳", "刚亮", "破晓", "落山", NULL};
    for (int i = 0; words[i]; i++)
        if (strcasestr(utt, words[i])) return true;
    return false;
}

/* Whether the utterance says a word of condition (if, when, 一旦, ...) other than in the phrases
 * that only ask politely ("if you could set the heating to 19", "pull the gate closed when you
 * can"); *polite says whether it has such a phrase. */
static bool condition_said(const char *utt, bool *polite)
{
    static const char *const polite_words[] = {
        "if you could", "if you can", "if you would", "if you don't mind", "if you please",
        "if possible", "when you can", "when you get a chance", "如果可以的话", "可以的话", NULL};
    static const char *const conditions[] = {
        "if", "when", "whenever", "once", "as soon as", "every", "each", "until", "while",
        "当", "每", "一旦", "如果", "要是", "的话", NULL};
    char rest[INTENT_LINE_MAX];
    *polite = false;
    snprintf(rest, sizeof rest, "%s", utt);
    for (int i = 0; polite_words[i]; i++) /* the polite phrases say no condition */
        for (char *p; (p = strcasestr(rest, polite_words[i]));) {
            memset(p, ' ', strlen(polite_words[i]));
            *polite = true;
        }
    for (int i = 0; conditions[i]; i++) {
        size_t n = strlen(conditions[i]);
        for (const char *p = rest; (p = strcasestr(p, conditions[i])); p += n)
            if ((unsigned char)conditions[i][0] >= 0x80 ||
                ((p == rest || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[n])))
                return true;
    }
    return false;
}

/* The command of a rule line heard where no rule was asked for, or NULL: a state trigger on the
 * device the command acts on ("it is too dark in here, turn on my boombox 2" heard as "when
 * boombox 2 turns on, turn it on"), or, asked politely, on the device a command that names
 * nothing would act on ("if you could set underfloor heating to 72" heard as "when underfloor
 * heating turns on, set 72"). Not where the line keeps a time window, a duration or days,
 * which only rules have, where a word says one thing follows another, nor where the trigger
 * waits for the state the command undoes. The answer is the action on the whole utterance. */
static json_t *self_trigger_command(const struct resolve_registry *r,
                                    const struct intent_schema *schema,
                                    const struct intent_line *l, const char *utterance,
                                    const char *context_area, bool polite)
{
    const uint32_t rule_only = 1u << RULE_DAYS | 1u << RULE_AFTER | 1u << RULE_BEFORE |
                               1u << RULE_FOR;
    /* words of one thing following another: "set the tv to 30 after it turns on", 空调关了就… */
    static const char *const then[] = {"after", "once", "then", "后", "以后", "之后", "就", "时",
                                       NULL};
    static const char *const on_states[] = {"on", "open", "locked", "home", NULL};
    const char *when = intent_line_get(l, "when"), *to = intent_line_get(l, "to");
    const char *device = when ? resolve_entity(r, when, NULL, NULL, NULL, NULL) : NULL;
    if (!device || (intent_line_rule_mask(l) & rule_only) || says_any(utterance, then))
        return NULL;
    /* "when the fan turns off, turn it on" waits for the other state: a rule */
    bool on = !strcmp(l->intent, "HassTurnOn"), off = !strcmp(l->intent, "HassTurnOff");
    if (to && (on || off) && in_list(on_states, to) != on) return NULL;
    struct intent_line action;
    intent_line_action(l, &action);
    if (!intent_line_get(&action, "name")) { /* the trigger's device is the one meant */
        const struct intent_def *d = schema ? intent_schema_find(schema, action.intent) : NULL;
        uint32_t name = 1u << intent_slot_index("name");
        struct intent_line named;
        /* a kind said with it that is the device's own ("take sun shade 2 to 70":
         * device_class=shade) goes */
        const struct resolve_item *e = entity_named(r, device);
        const char *dom = intent_line_get(&action, "domain");
        const char *cls = intent_line_get(&action, "device_class");
        bool own = e && (!dom || (e->domain && !strcmp(dom, e->domain))) &&
                   (!cls || (e->device_class && !strcmp(cls, e->device_class)));
        if (polite && d && own && !intent_def_combo(d, intent_line_mask(&action) | name) &&
            line_without(&action, kind_mask(), &named))
            action = named;
        if (!polite || !d || !intent_def_combo(d, intent_line_mask(&action) | name) ||
            intent_line_add(&action, "name", when) != HUB_OK)
            return NULL;
    }
    json_t *a = resolve_line(r, schema, &action, utterance, context_area);
    const char *acted = json_string_value(json_object_get(json_object_get(a, "slots"), "name"));
    if (a && acted && !strcmp(acted, device)) return a;
    json_decref(a);
    return NULL;
}

json_t *resolve_answer(const struct resolve_registry *r, const struct intent_schema *schema,
                       const struct intent_line *l, const char *utterance, const char *context_area)
{
    if (!intent_line_rule_mask(l)) return resolve_line(r, schema, l, utterance, context_area);
    struct intent_line action;
    intent_line_action(l, &action);
    char *utt = utterance ? action_utterance(l, utterance) : NULL;
    if (utterance && !utt) return NULL;
    json_t *a = resolve_line(r, schema, &action, utt, context_area);
    free(utt);
    if (!a) return NULL;
    if (!json_is_string(json_object_get(a, "intent"))) return a; /* the action is not here */
    uint32_t m = intent_line_rule_mask(l);
    if (utterance && (m & (1u << RULE_SUN)) && !(m & (1u << RULE_AT | 1u << RULE_WHEN)) &&
        !sun_said(utterance))
        return a; /* no rule was asked for: the command itself */
    bool asked = false, condition = utterance && condition_said(utterance, &asked);
    bool polite = asked && !condition;
    json_t *command = utterance && !condition && (m & (1u << RULE_WHEN))
                          ? self_trigger_command(r, schema, l, utterance, context_area, polite)
                          : NULL;
    if (command) {
        json_decref(a);
        return command;
    }
    json_t *rule = resolve_rule(r, l, utterance, polite ? json_deep_copy(a) : a);
    if (!rule && polite) return a; /* "if you could ..." and no trigger in the house */
    if (polite) json_decref(a);
    if (!rule) return null_answer();
    return json_pack("{s:s,s:{},s:o}", "intent", "HubCreateRule", "slots", "rule", rule);
}

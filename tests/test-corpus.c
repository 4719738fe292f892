/* test-corpus.c: the training-data generator against the schema and against itself. For English
 * and Chinese, both splits: every schema combination has a template; a generated corpus uses every
 * intent and combination; every target line parses and validates; the expected output agrees with
 * the line (same slots, numbers that numbers.c reads back to the same value, spans that are in the
 * text, names, areas and floors that are in the house); the held-out split shares no template,
 * house, area or entity name with training, and none of its free text is said inside
 * training's; the same seed gives the same corpus. Rule sentences (--rules): every line is an
 * action line plus a valid rule part, its expected rule object agrees with the rule slots (times
 * and durations as numbers.c reads the spans, the trigger entity in the house), every trigger kind
 * and condition is generated, and the splits share no rule template. */
#define _GNU_SOURCE /* strcasestr */
#include "engine/corpus.h"
#include "engine/intent_line.h"
#include "engine/numbers.h"
#include "hub_status.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a generator bug fails on thousands of lines; the first 40 say enough */
#define HUB_CHECK_PRINT_MAX 40
#include "tests/hub-check.h"

#define N_LINES 12000

/* Does text contain part, case aside, as whole words (English) or anywhere (Chinese, where
 * words are not spaced)? */
static int contains_words(const char *text, const char *part, int spaced)
{
    size_t n = strlen(part);
    for (const char *p = text; (p = strcasestr(p, part)); p++) {
        if (!spaced) return 1;
        if ((p == text || p[-1] == ' ') && (p[n] == 0 || p[n] == ' ' || p[n] == ',')) return 1;
    }
    return 0;
}

/* A set of strings (small and simple: linear search is fine at these sizes). */
struct strset {
    int n, cap;
    char **v;
};

static int strset_has(const struct strset *s, const char *x)
{
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->v[i], x)) return 1;
    return 0;
}

static void strset_add(struct strset *s, const char *x)
{
    if (strset_has(s, x)) return;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->v = realloc(s->v, (size_t)s->cap * sizeof *s->v);
        if (!s->v) abort();
    }
    s->v[s->n++] = strdup(x);
}

static void strset_free(struct strset *s)
{
    for (int i = 0; i < s->n; i++) free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Is name a record of array key ("entities", "areas", "floors") in the house? */
static json_t *house_find(json_t *house, const char *key, const char *name)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(house, key), i, r) {
        if (!strcmp(json_string_value(json_object_get(r, "name")), name)) return r;
    }
    return NULL;
}

struct run {
    struct strset templates, houses, areas, entities;
    struct strset free_text; /* items, search queries, messages, as the lines copy them */
    unsigned char *seen; /* per intent x combination */
    int texts_hash;
};

static unsigned long hash_str(unsigned long h, const char *s)
{
    for (; *s; s++) h = h * 131 + (unsigned char)*s;
    return h;
}

/* Generates n examples and checks each; returns a hash of all text and targets. */
static unsigned long run_split(const struct intent_schema *schema, const struct corpus *c,
                               const char *lang, int heldout, uint64_t seed, int n, struct run *r)
{
    struct corpus_gen *g;
    struct corpus_gen_opts o = {seed, heldout, 40, 0.08, 0};
    unsigned long h = 5381;
    int negatives = 0, with_ctx = 0;
    char err[512];
    CHECK(corpus_gen_new(c, &o, &g) == HUB_OK, "%s: corpus_gen_new", lang);
    for (int i = 0; i < n; i++) {
        struct corpus_example ex;
        memset(&ex, 0, sizeof ex);
        if (corpus_gen_next(g, &ex, err, sizeof err) != HUB_OK) {
            CHECK(0, "%s: corpus_gen_next: %s", lang, err);
            break;
        }
        h = hash_str(hash_str(h, ex.text), ex.target);
        if (r) {
            strset_add(&r->templates, ex.template_id);
            strset_add(&r->houses, ex.house_id);
            if (ex.new_house) {
                size_t k;
                json_t *a;
                json_array_foreach(json_object_get(ex.house, "areas"), k, a)
                    strset_add(&r->areas, json_string_value(json_object_get(a, "name")));
                json_array_foreach(json_object_get(ex.house, "entities"), k, a)
                    strset_add(&r->entities, json_string_value(json_object_get(a, "name")));
            }
        }
        with_ctx += ex.context_area != NULL;
        /* the line parses and validates */
        struct intent_line line;
        int ok = intent_line_parse(ex.target, &line, err, sizeof err) == HUB_OK;
        CHECK(ok, "%s: target '%s' does not parse: %s", lang, ex.target, err);
        if (!ok) goto next;
        ok = intent_line_validate(schema, &line, err, sizeof err) == HUB_OK;
        CHECK(ok, "%s: target '%s' (text '%s', template %s) invalid: %s", lang, ex.target,
              ex.text, ex.template_id, err);
        if (!ok) goto next;
        {
            char again[INTENT_LINE_MAX];
            CHECK(intent_line_format(&line, again, sizeof again) == HUB_OK &&
                      !strcmp(again, ex.target),
                  "%s: target '%s' does not format back to itself", lang, ex.target);
        }
        json_t *ei = json_object_get(ex.expected, "intent");
        json_t *es = json_object_get(ex.expected, "slots");
        if (!line.intent[0]) {
            negatives++;
            CHECK(json_is_null(ei) && json_object_size(es) == 0,
                  "%s: 'none' with an expected intent (text '%s')", lang, ex.text);
            CHECK(ex.neg[0], "%s: negative without a kind", lang);
            goto next;
        }
        if (json_is_null(ei)) {
            /* a kind of device the house lacks ("open the garage door" without one) answers
             * null while the line is what was said; test-resolve's gold lines check that the
             * resolver agrees */
            CHECK(!strcmp(ex.neg, "unknown_device") && intent_line_get(&line, "device_class") &&
                      !intent_line_get(&line, "name") && json_object_size(es) == 0,
                  "%s: null answer for '%s', which names no kind the house lacks", lang,
                  ex.target);
            goto next;
        }
        CHECK(json_is_string(ei) && !strcmp(json_string_value(ei), line.intent),
              "%s: expected intent differs from the line %s", lang, ex.target);
        CHECK(json_object_size(es) == (size_t)line.n_slots, "%s: '%s': %zu expected slots",
              lang, ex.target, json_object_size(es));
        const struct intent_def *d = intent_schema_find(schema, line.intent);
        /* the combination the generator says it used: it has the line's slots (several
         * combinations share slots and differ in their name domains: name_only, name_scene) */
        const struct intent_combo *combo = NULL;
        for (int k = 0; d && k < d->n_combos; k++)
            if (!strcmp(d->combos[k].name, ex.combo) &&
                d->combos[k].mask == intent_line_mask(&line))
                combo = &d->combos[k];
        CHECK(combo != NULL,
              "%s: no combination for %s", lang, ex.target);
        if (r && combo) r->seen[(d - schema->intents) * 64 + (combo - d->combos)] = 1;
        /* the speaker's room is known whenever the combination relies on it */
        if (combo && combo->context_area && !(intent_line_mask(&line) & 2u))
            CHECK(ex.context_area != NULL, "%s: '%s' needs a context area", lang, ex.text);
        for (int k = 0; k < line.n_slots; k++) {
            const char *s = line.slots[k].name, *v = line.slots[k].value;
            json_t *e = json_object_get(es, s);
            enum intent_slot_kind kind = intent_slot_kind(s);
            CHECK(e != NULL, "%s: slot %s of '%s' not expected", lang, s, ex.target);
            if (!e) continue;
            if (kind == INTENT_SLOT_NUMBER) {
                double x;
                if (!strcmp(s, "volume_step") && json_is_string(e)) {
                    CHECK(!strcmp(json_string_value(e), v), "%s: volume_step %s", lang, v);
                    continue;
                }
                CHECK(num_parse_slot(s, v, &x) == HUB_OK && json_is_number(e) &&
                          fabs(x - json_number_value(e)) < 1e-9,
                      "%s: %s='%s' normalizes to %g, expected %g (text '%s')", lang, s, v, x,
                      json_number_value(e), ex.text);
                const char *span = v[0] == '-' ? v + 1 : v;
                CHECK(strstr(ex.text, span), "%s: number span '%s' not in '%s'", lang, span,
                      ex.text);
            } else if (kind == INTENT_SLOT_CLOSED) {
                CHECK(json_is_string(e) && !strcmp(json_string_value(e), v),
                      "%s: closed %s='%s' but expected %s", lang, s, v, json_string_value(e));
            } else {
                /* open slots copy the utterance */
                CHECK(strstr(ex.text, v), "%s: span %s='%s' not in '%s'", lang, s, v, ex.text);
                CHECK(json_is_string(e), "%s: %s not a string", lang, s);
                const char *canon = json_string_value(e);
                if (!canon) continue;
                if (!strcmp(s, "area"))
                    CHECK(house_find(ex.house, "areas", canon), "%s: area %s not in house", lang,
                          canon);
                if (!strcmp(s, "floor"))
                    CHECK(house_find(ex.house, "floors", canon), "%s: floor %s not in house",
                          lang, canon);
                int wildcard = !strcmp(s, "name") && d->slots & (1u << intent_slot_index("hours"));
                wildcard |= !strcmp(s, "name") && !strncmp(line.intent, "Hass", 4) &&
                            strstr(line.intent, "Timer");
                if (!strcmp(s, "name") && !wildcard) {
                    json_t *ent = house_find(ex.house, "entities", canon);
                    CHECK(ent, "%s: entity %s not in house", lang, canon);
                    /* name + area: the entity is in that area */
                    json_t *ea = json_object_get(es, "area");
                    if (ent && ea)
                        CHECK(json_equal(json_object_get(ent, "area"), ea),
                              "%s: %s is not in %s", lang, canon, json_string_value(ea));
                    if (ent && combo) {
                        int in = combo->name_domains[0] == NULL;
                        for (char **dd = combo->name_domains; *dd; dd++)
                            in |= !strcmp(*dd, json_string_value(json_object_get(ent, "domain")));
                        CHECK(in, "%s: %s (%s) is not of a domain of %s.%s", lang, canon,
                              json_string_value(json_object_get(ent, "domain")), line.intent,
                              combo->name);
                    }
                }
                if (wildcard || kind == INTENT_SLOT_TEXT)
                    CHECK(!strcmp(canon, v), "%s: free text %s='%s' changed to '%s'", lang, s, v,
                          canon);
                if (r && kind == INTENT_SLOT_TEXT) strset_add(&r->free_text, v);
            }
        }
    next:
        json_decref(ex.expected);
    }
    if (r) {
        CHECK(negatives > n / 40 && negatives < n / 5, "%s: %d negatives in %d", lang, negatives,
              n);
        CHECK(with_ctx > n / 3, "%s: only %d examples with a context area", lang, with_ctx);
    }
    corpus_gen_free(g);
    return h;
}

static const char *const rule_platforms[] = {"time", "state", "numeric_state", "sun"};

/* "HH:MM:SS" of a time span as numbers.c reads it */
static int rule_time_is(const char *span, json_t *e)
{
    int secs;
    char b[16];
    if (!span || !json_is_string(e) || num_parse_time(span, &secs) != HUB_OK) return 0;
    snprintf(b, sizeof b, "%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
    return !strcmp(b, json_string_value(e));
}

static long rule_duration(const char *span)
{
    struct num_duration d;
    if (!span || num_parse_duration(span, &d) != HUB_OK) return -1;
    return d.hours * 3600 + d.minutes * 60 + d.seconds;
}

/* Rule sentences only (rule_share 1): checks every line; counts trigger kinds and conditions. */
static void run_rules(const struct intent_schema *schema, const struct corpus *c, const char *lang,
                      int heldout, int n, struct strset *templates)
{
    struct corpus_gen *g;
    struct corpus_gen_opts o = {3, heldout, 40, 0.08, 1.0};
    int platforms[4] = {0}, days = 0, after = 0, before = 0, forr = 0, offset = 0;
    char err[512];
    CHECK(corpus_gen_new(c, &o, &g) == HUB_OK, "%s: corpus_gen_new (rules)", lang);
    for (int i = 0; g && i < n; i++) {
        struct corpus_example ex;
        struct intent_line line, action;
        memset(&ex, 0, sizeof ex);
        if (corpus_gen_next(g, &ex, err, sizeof err) != HUB_OK) {
            CHECK(0, "%s: corpus_gen_next (rules): %s", lang, err);
            break;
        }
        strset_add(templates, ex.template_id);
        int ok = intent_line_parse(ex.target, &line, err, sizeof err) == HUB_OK &&
                 intent_line_validate(schema, &line, err, sizeof err) == HUB_OK;
        CHECK(ok, "%s: rule target '%s' (text '%s', template %s): %s", lang, ex.target, ex.text,
              ex.template_id, err);
        uint32_t rm = ok ? intent_line_rule_mask(&line) : 0;
        CHECK(!ok || intent_rule_mask_ok(rm), "%s: '%s' is no rule", lang, ex.target);
        if (json_is_null(json_object_get(ex.expected, "intent"))) {
            /* a rule for a kind of device the house lacks: null, as in run_split */
            CHECK(!strcmp(ex.neg, "unknown_device") && ok &&
                      intent_line_get(&line, "device_class") && !intent_line_get(&line, "name"),
                  "%s: null answer for rule '%s', which names no kind the house lacks", lang,
                  ex.target);
            goto next;
        }
        json_t *rule = json_object_get(ex.expected, "rule");
        json_t *trig = json_object_get(rule, "trigger");
        json_t *act = json_object_get(rule, "action");
        CHECK(!strcmp(json_string_value(json_object_get(ex.expected, "intent")), "HubCreateRule") &&
                  json_object_size(json_object_get(ex.expected, "slots")) == 0 && trig && act,
              "%s: '%s': expected is not a rule answer", lang, ex.text);
        if (!ok || !trig || !act) goto next;
        intent_line_action(&line, &action);
        CHECK(!strcmp(json_string_value(json_object_get(act, "intent")), line.intent) &&
                  json_object_size(json_object_get(act, "slots")) == (size_t)action.n_slots,
              "%s: action of '%s' differs from the line", lang, ex.target);
        for (int k = 0; k < line.n_slots; k++) {
            int r = intent_rule_slot_index(line.slots[k].name);
            const char *v = line.slots[k].value;
            if (r < 0 || intent_slot_values(line.slots[k].name)) continue;
            const char *span = r == RULE_OFFSET && v[0] == '-' ? v + 1 : v;
            CHECK(strstr(ex.text, span), "%s: rule span %s='%s' not in '%s'", lang,
                  line.slots[k].name, span, ex.text);
        }
        const char *platform = json_string_value(json_object_get(trig, "platform"));
        for (int p = 0; p < 4; p++)
            platforms[p] += platform && !strcmp(platform, rule_platforms[p]);
        if (rm & (1u << RULE_AT))
            CHECK(rule_time_is(intent_line_get(&line, "at"), json_object_get(trig, "at")),
                  "%s: at='%s' but %s", lang, intent_line_get(&line, "at"),
                  json_string_value(json_object_get(trig, "at")));
        if (rm & (1u << RULE_WHEN)) {
            const char *ent = json_string_value(json_object_get(trig, "entity"));
            CHECK(ent && house_find(ex.house, "entities", ent),
                  "%s: trigger entity %s not in house", lang, ent ? ent : "(none)");
        }
        if (rm & (1u << RULE_TO))
            CHECK(!strcmp(json_string_value(json_object_get(trig, "to")),
                          intent_line_get(&line, "to")),
                  "%s: to differs in '%s'", lang, ex.target);
        if (rm & (1u << RULE_SUN)) {
            const char *off = intent_line_get(&line, "offset");
            long want = off ? rule_duration(off[0] == '-' ? off + 1 : off) : 0;
            if (off && off[0] == '-') want = -want;
            CHECK(json_integer_value(json_object_get(trig, "offset")) == want,
                  "%s: offset '%s' is not %lld", lang, off ? off : "",
                  (long long)json_integer_value(json_object_get(trig, "offset")));
            offset += off != NULL;
        }
        if (rm & (1u << RULE_AFTER)) {
            after++;
            CHECK(rule_time_is(intent_line_get(&line, "after"), json_object_get(rule, "after")),
                  "%s: after differs in '%s'", lang, ex.target);
        }
        if (rm & (1u << RULE_BEFORE)) {
            before++;
            CHECK(rule_time_is(intent_line_get(&line, "before"), json_object_get(rule, "before")),
                  "%s: before differs in '%s'", lang, ex.target);
        }
        if (rm & (1u << RULE_FOR)) {
            forr++;
            CHECK(rule_duration(intent_line_get(&line, "for")) ==
                      json_integer_value(json_object_get(rule, "for")),
                  "%s: for differs in '%s'", lang, ex.target);
        }
        if (rm & (1u << RULE_DAYS)) {
            days++;
            const char *dv = intent_line_get(&line, "days");
            CHECK(!strcmp(dv, "daily") == !json_object_get(rule, "weekdays"),
                  "%s: days=%s but weekdays %s", lang, dv,
                  json_object_get(rule, "weekdays") ? "given" : "left out");
        }
    next:
        json_decref(ex.expected);
    }
    for (int p = 0; p < 4; p++)
        CHECK(platforms[p] > n / 40, "%s %s: only %d '%s' triggers in %d rule lines", lang,
              heldout ? "heldout" : "train", platforms[p], rule_platforms[p], n);
    if (!heldout)
        CHECK(days && after && before && forr && offset,
              "%s: a condition is never generated (days %d after %d before %d for %d offset %d)",
              lang, days, after, before, forr, offset);
    printf("%s %s rules: %d lines: time %d state %d numeric %d sun %d; days %d after %d before "
           "%d for %d offset %d\n",
           lang, heldout ? "heldout" : "train", n, platforms[0], platforms[1], platforms[2],
           platforms[3], days, after, before, forr, offset);
    corpus_gen_free(g);
}

int main(void)
{
    const char *src = getenv("top_srcdir");
    char data[1024], schema_path[1100], err[1024];
    snprintf(data, sizeof data, "%s/data", src ? src : "..");
    snprintf(schema_path, sizeof schema_path, "%s/schema.json", data);
    struct intent_schema *schema;
    if (intent_schema_load(schema_path, &schema, err, sizeof err)) {
        fprintf(stderr, "schema: %s\n", err);
        return 1;
    }
    /* loader errors name the file and line */
    {
        struct corpus *bad;
        CHECK(corpus_load("/nonexistent", "en", schema, &bad, err, sizeof err) != HUB_OK &&
                  strstr(err, "/nonexistent/templates/en.tpl"),
              "missing data dir: %s", err);
        CHECK(corpus_load(data, "fr", schema, &bad, err, sizeof err) == HUB_ERR_INVALID,
              "unknown language accepted");
    }
    static const char *const langs[] = {"en", "zh-CN"};
    for (int l = 0; l < 2; l++) {
        struct corpus *c;
        if (corpus_load(data, langs[l], schema, &c, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        char unc[4096];
        for (int split = 0; split < 2; split++) {
            int miss = corpus_uncovered(c, split, unc, sizeof unc);
            CHECK(miss == 0, "%s %s: %d combinations without a template:\n%s", langs[l],
                  split ? "heldout" : "train", miss, unc);
        }
        struct run r[2];
        memset(r, 0, sizeof r);
        for (int split = 0; split < 2; split++) {
            r[split].seen = calloc((size_t)schema->n_intents * 64, 1);
            unsigned long h1 = run_split(schema, c, langs[l], split, 7, N_LINES, &r[split]);
            int missing = 0;
            for (int i = 0; i < schema->n_intents; i++)
                for (int k = 0; k < schema->intents[i].n_combos; k++) {
                    /* combinations with the same slots as an earlier one count as that one */
                    const struct intent_def *d = &schema->intents[i];
                    const struct intent_combo *first = intent_def_combo(d, d->combos[k].mask);
                    if (r[split].seen[i * 64 + (first - d->combos)]) continue;
                    missing++;
                    CHECK(0, "%s %s: %s.%s never generated in %d lines", langs[l],
                          split ? "heldout" : "train", d->name, d->combos[k].name, N_LINES);
                }
            printf("%s %s: %d lines, %d templates, %d houses, %d areas, %d entity names, "
                   "%d combinations missing\n",
                   langs[l], split ? "heldout" : "train", N_LINES, r[split].templates.n,
                   r[split].houses.n, r[split].areas.n, r[split].entities.n, missing);
            /* determinism: the same seed gives the same corpus, another seed another */
            unsigned long h2 = run_split(schema, c, langs[l], split, 7, 500, NULL);
            unsigned long h3 = run_split(schema, c, langs[l], split, 7, 500, NULL);
            unsigned long h4 = run_split(schema, c, langs[l], split, 8, 500, NULL);
            CHECK(h2 == h3, "%s: seed 7 gave two different corpora", langs[l]);
            CHECK(h2 != h4, "%s: seeds 7 and 8 gave the same corpus", langs[l]);
            (void)h1;
        }
        /* the held-out split shares nothing with training */
        for (int i = 0; i < r[1].templates.n; i++)
            CHECK(!strset_has(&r[0].templates, r[1].templates.v[i]),
                  "%s: template %s in both splits", langs[l], r[1].templates.v[i]);
        for (int i = 0; i < r[1].houses.n; i++)
            CHECK(!strset_has(&r[0].houses, r[1].houses.v[i]), "%s: house %s in both splits",
                  langs[l], r[1].houses.v[i]);
        for (int i = 0; i < r[1].areas.n; i++)
            CHECK(!strset_has(&r[0].areas, r[1].areas.v[i]), "%s: area %s in both splits",
                  langs[l], r[1].areas.v[i]);
        for (int i = 0; i < r[1].entities.n; i++)
            CHECK(!strset_has(&r[0].entities, r[1].entities.v[i]),
                  "%s: entity name %s in both splits", langs[l], r[1].entities.v[i]);
        /* nor free text: no held-out item, query or message is said inside a training one
         * (synthesized goods such as "oat milk" around a word-list "milk" would teach the
         * held-out "oat milk" itself) */
        for (int i = 0; i < r[1].free_text.n; i++)
            for (int k = 0; k < r[0].free_text.n; k++)
                CHECK(!contains_words(r[0].free_text.v[k], r[1].free_text.v[i], l == 0),
                      "%s: held-out free text '%s' inside training's '%s'", langs[l],
                      r[1].free_text.v[i], r[0].free_text.v[k]);
        /* rule sentences: both splits, no rule template in both */
        struct strset rt[2];
        memset(rt, 0, sizeof rt);
        for (int split = 0; split < 2; split++)
            run_rules(schema, c, langs[l], split, 3000, &rt[split]);
        for (int i = 0; i < rt[1].n; i++)
            CHECK(!strset_has(&rt[0], rt[1].v[i]), "%s: rule template %s in both splits", langs[l],
                  rt[1].v[i]);
        strset_free(&rt[0]);
        strset_free(&rt[1]);
        for (int s = 0; s < 2; s++) {
            strset_free(&r[s].templates);
            strset_free(&r[s].houses);
            strset_free(&r[s].areas);
            strset_free(&r[s].entities);
            strset_free(&r[s].free_text);
            free(r[s].seen);
        }
        corpus_free(c);
    }
    intent_schema_free(schema);
    if (failures) {
        fprintf(stderr, "%d failures\n", failures);
        return 1;
    }
    printf("corpus: all checks pass\n");
    return 0;
}

/* test-corpus-eval.c: checks the evaluation set in data/eval (README there): every line has a
 * text, a language, a fixture that loads, a context area that the fixture has; the expected
 * intent is in the schema and its slots are exactly one of its combinations; names, areas and
 * floors are the fixture's canonical names (free-text timer names aside); numbers are JSON
 * numbers in range; closed slots use their canonical words; generated lines carry a target line
 * that validates. Also: enough utterances per language and source, ids unique, some nulls.
 * Sources: hand/ (written by hand), generated/ (held-out split), blind/ and blind2/ to blind6/
 * (written without reading the templates, word lists or other sets; the later ones on houses
 * of their own).
 * Usage: test-corpus-eval (reads $top_srcdir/data/eval). */
#include "engine/intent_line.h"
#include "hub_status.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* one broken file fails on each of its lines; the first 50 say enough */
#define HUB_CHECK_PRINT_MAX 50
#include "tests/hub-check.h"

static json_t *find_named(json_t *fx, const char *key, const char *name)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(fx, key), i, r) {
        const char *n = json_string_value(json_object_get(r, "name"));
        if (n && !strcmp(n, name)) return r;
    }
    return NULL;
}

struct counts {
    int lines, nulls;
};

static void check_file(const struct intent_schema *schema, const char *dir, const char *file,
                       const char *lang, struct counts *c, json_t *ids)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    if (!f) return;
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0;
    json_t *fixtures = json_object(); /* path -> loaded fixture */
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        json_error_t je;
        json_t *o = json_loads(line, 0, &je);
        CHECK(json_is_object(o), "%s:%d: %s", path, lineno, je.text);
        if (!json_is_object(o)) continue;
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *text = json_string_value(json_object_get(o, "text"));
        const char *l = json_string_value(json_object_get(o, "lang"));
        const char *fxp = json_string_value(json_object_get(o, "fixture"));
        json_t *ctx = json_object_get(o, "context_area");
        json_t *exp = json_object_get(o, "expected");
        CHECK(id && text && *text && l && fxp && json_is_object(exp) &&
                  (json_is_null(ctx) || json_is_string(ctx)),
              "%s:%d: missing id, text, lang, fixture, context_area or expected", path, lineno);
        if (!(id && text && l && fxp && json_is_object(exp))) goto next;
        CHECK(!strcmp(l, lang), "%s:%d: lang %s in a %s file", path, lineno, l, lang);
        CHECK(!json_object_get(ids, id), "%s:%d: id %s used twice", path, lineno, id);
        json_object_set_new(ids, id, json_true());
        json_t *fx = json_object_get(fixtures, fxp);
        if (!fx) {
            char fpath[1400];
            snprintf(fpath, sizeof fpath, "%s/%s", dir, fxp);
            fx = json_load_file(fpath, 0, &je);
            CHECK(json_is_object(fx), "%s:%d: fixture %s: %s", path, lineno, fpath, je.text);
            if (!fx) goto next;
            CHECK(!strcmp(json_string_value(json_object_get(fx, "language")), lang),
                  "%s: fixture language", fpath);
            json_object_set_new(fixtures, fxp, fx);
        }
        if (json_is_string(ctx))
            CHECK(find_named(fx, "areas", json_string_value(ctx)),
                  "%s:%d: context area %s not in the fixture", path, lineno,
                  json_string_value(ctx));
        c->lines++;
        json_t *ei = json_object_get(exp, "intent"), *es = json_object_get(exp, "slots");
        CHECK(json_is_object(es), "%s:%d: expected.slots is not an object", path, lineno);
        if (json_is_null(ei)) {
            c->nulls++;
            CHECK(json_object_size(es) == 0, "%s:%d: null with slots", path, lineno);
            goto next;
        }
        const struct intent_def *d = intent_schema_find(schema, json_string_value(ei));
        CHECK(d != NULL, "%s:%d: intent %s not in the schema", path, lineno,
              json_string_value(ei));
        if (!d) goto next;
        uint32_t mask = 0;
        const char *k;
        json_t *v;
        json_object_foreach(es, k, v) {
            int b = intent_slot_index(k);
            CHECK(b >= 0 && (d->slots & (1u << b)), "%s:%d: %s has no slot %s", path, lineno,
                  d->name, k);
            if (b < 0) continue;
            mask |= 1u << b;
            enum intent_slot_kind kind = intent_slot_kind(k);
            if (kind == INTENT_SLOT_NUMBER) {
                int ok = json_is_number(v) ||
                         (!strcmp(k, "volume_step") && json_is_string(v) &&
                          (!strcmp(json_string_value(v), "up") ||
                           !strcmp(json_string_value(v), "down")));
                CHECK(ok, "%s:%d: %s is not a number", path, lineno, k);
                if (json_is_number(v) && strcmp(k, "volume_step") && strcmp(k, "temperature"))
                    CHECK((json_number_value(v) >= 0 && json_number_value(v) <= 100) ||
                              strstr(k, "hours") || strstr(k, "minutes") || strstr(k, "seconds"),
                          "%s:%d: %s out of range", path, lineno, k);
                continue;
            }
            CHECK(json_is_string(v) && *json_string_value(v), "%s:%d: %s is not a string", path,
                  lineno, k);
            if (!json_is_string(v)) continue;
            const char *s = json_string_value(v);
            if (kind == INTENT_SLOT_CLOSED) {
                int ok = 0;
                for (const char *const *w = intent_slot_values(k); w && *w; w++)
                    ok |= !strcmp(*w, s);
                CHECK(ok, "%s:%d: %s=%s is not a canonical word", path, lineno, k, s);
            } else if (!strcmp(k, "area")) {
                CHECK(find_named(fx, "areas", s), "%s:%d: area %s not in fixture", path, lineno,
                      s);
            } else if (!strcmp(k, "floor")) {
                CHECK(find_named(fx, "floors", s), "%s:%d: floor %s not in fixture", path,
                      lineno, s);
            } else if (!strcmp(k, "name") && !strstr(d->name, "Timer")) {
                CHECK(find_named(fx, "entities", s), "%s:%d: entity %s not in fixture", path,
                      lineno, s);
            }
        }
        CHECK(intent_def_combo(d, mask) != NULL, "%s:%d: %s: slots are no combination", path,
              lineno, d->name);
        /* generated lines carry the model's target line: it must validate and agree */
        const char *target = json_string_value(json_object_get(o, "target"));
        if (target) {
            struct intent_line il;
            char err[256];
            CHECK(intent_line_parse(target, &il, err, sizeof err) == HUB_OK &&
                      intent_line_validate(schema, &il, err, sizeof err) == HUB_OK &&
                      !strcmp(il.intent, d->name) && intent_line_mask(&il) == mask,
                  "%s:%d: target %s", path, lineno, target);
        }
    next:
        json_decref(o);
    }
    free(line);
    fclose(f);
    json_decref(fixtures);
}

int main(void)
{
    const char *src = getenv("top_srcdir");
    char data[1024], path[1100], err[512];
    snprintf(data, sizeof data, "%s/data", src ? src : "..");
    snprintf(path, sizeof path, "%s/schema.json", data);
    struct intent_schema *schema;
    if (intent_schema_load(path, &schema, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    json_t *ids = json_object();
    static const char *const langs[] = {"en", "zh-CN"};
    for (int l = 0; l < 2; l++) {
        char dir[1200], file[64];
        struct counts hand = {0}, gen = {0}, blind = {0};
        snprintf(file, sizeof file, "%s.jsonl", langs[l]);
        snprintf(dir, sizeof dir, "%s/eval/hand", data);
        check_file(schema, dir, file, langs[l], &hand, ids);
        snprintf(dir, sizeof dir, "%s/eval/generated", data);
        check_file(schema, dir, file, langs[l], &gen, ids);
        snprintf(dir, sizeof dir, "%s/eval/blind", data);
        check_file(schema, dir, file, langs[l], &blind, ids);
        printf("%s: %d hand-written (%d null), %d generated (%d null), %d blind (%d null)\n",
               langs[l], hand.lines, hand.nulls, gen.lines, gen.nulls, blind.lines, blind.nulls);
        CHECK(hand.lines >= 200, "%s: only %d hand-written utterances", langs[l], hand.lines);
        CHECK(hand.nulls >= 20, "%s: only %d hand-written out-of-scope", langs[l], hand.nulls);
        CHECK(gen.lines >= 1400, "%s: only %d generated utterances", langs[l], gen.lines);
        CHECK(gen.nulls >= 50, "%s: only %d generated nulls", langs[l], gen.nulls);
        CHECK(blind.lines >= 100, "%s: only %d blind utterances", langs[l], blind.lines);
        CHECK(blind.nulls >= 10, "%s: only %d blind out-of-scope", langs[l], blind.nulls);
        /* the later blind sets, each on houses of its own: 200 lines, 20 out of scope at least */
        static const char *const later[] = {"blind2", "blind3", "blind4", "blind5", "blind6"};
        for (size_t b = 0; b < sizeof later / sizeof later[0]; b++) {
            struct counts c = {0};
            snprintf(dir, sizeof dir, "%s/eval/%s", data, later[b]);
            check_file(schema, dir, file, langs[l], &c, ids);
            printf("%s: %d %s (%d null)\n", langs[l], c.lines, later[b], c.nulls);
            CHECK(c.lines >= 200, "%s: only %d %s utterances", langs[l], c.lines, later[b]);
            CHECK(c.nulls >= 20, "%s: only %d %s out-of-scope", langs[l], c.nulls, later[b]);
        }
    }
    json_decref(ids);
    intent_schema_free(schema);
    if (failures) {
        fprintf(stderr, "%d failures\n", failures);
        return 1;
    }
    printf("eval set: all checks pass\n");
    return 0;
}

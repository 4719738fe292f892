/*
 * test-command-unit.c: the pieces of hubd/command.c that need no broker: splitting an utterance
 * into commands (English and Chinese separators), language detection, and the answer templates
 * of data/answers (every language has every English key, with the same {slots}; formatting,
 * plural forms, joining lists).
 */
#include "hubd/answer.h"
#include "hubd/command.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/hub-check.h"

static void check_split(const char *text, const char *want_json)
{
    json_t *got = hub_command_split(text), *want = json_loads(want_json, 0, NULL);
    char *g = json_dumps(got, JSON_COMPACT | JSON_ENSURE_ASCII);
    CHECK(json_equal(got, want), "split '%s' gave %s, want %s", text, g, want_json);
    free(g);
    json_decref(got);
    json_decref(want);
}

/* The {names} of a template, sorted, as one string. */
static void slots_of(const char *t, char *out, size_t len)
{
    char names[32][48];
    int n = 0;
    for (const char *p = strchr(t, '{'); p && n < 32; p = strchr(p + 1, '{')) {
        const char *q = strchr(p, '}');
        if (!q) break;
        snprintf(names[n++], sizeof names[0], "%.*s", (int)(q - p - 1), p + 1);
    }
    qsort(names, (size_t)n, sizeof names[0], (int (*)(const void *, const void *))strcmp);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (i && !strcmp(names[i], names[i - 1])) continue;
        strncat(out, names[i], len - strlen(out) - 2);
        strcat(out, ",");
    }
}

int main(void)
{
    check_split("turn off the lights and lock the front door",
                "[\"turn off the lights\", \"lock the front door\"]");
    check_split("Turn on the fan, then set a timer for 5 minutes.",
                "[\"Turn on the fan\", \"set a timer for 5 minutes\"]");
    check_split("what time is it", "[\"what time is it\"]");
    check_split("关灯然后把门锁上", "[\"关灯\", \"把门锁上\"]");
    check_split("打开空调，再关掉电视", "[\"打开空调\", \"关掉电视\"]");
    check_split("a and b and c and d and e", "[\"a\", \"b\", \"c\", \"d and e\"]");
    check_split(" and ", "[\"and\"]");

    CHECK(!strcmp(hub_command_detect_lang("把灯打开", "en"), "zh-CN"), "zh");
    CHECK(!strcmp(hub_command_detect_lang("turn on the 客厅 light", "en"), "zh-CN"), "mixed");
    CHECK(!strcmp(hub_command_detect_lang("turn on the light", "en"), "en"), "en");
    CHECK(!strcmp(hub_command_detect_lang("café lights", NULL), "en"), "latin-1 is not CJK");

    char err[512];
    struct hub_answers *a = hub_answers_load(HUB_ANSWERS_SRCDIR, err, sizeof err);
    CHECK(a, "load: %s", err);
    if (!a) return 1;
    CHECK(!hub_answers_load("/nonexistent", err, sizeof err) && strstr(err, "/nonexistent"),
          "missing folder named: %s", err);
    /* every English key in Chinese, with the same {slots} */
    char path[4096];
    snprintf(path, sizeof path, "%s/en.json", HUB_ANSWERS_SRCDIR);
    json_t *en = json_load_file(path, 0, NULL);
    const char *k;
    json_t *v;
    int keys = 0;
    json_object_foreach(en, k, v) {
        if (k[0] == '_' || !strncmp(k, "measure", 7)) continue;
        const char *zh = hub_answers_get(a, "zh-CN", k);
        const char *e = json_string_value(v);
        char s1[512], s2[512];
        slots_of(e, s1, sizeof s1);
        slots_of(zh, s2, sizeof s2);
        char *m = strstr(s2, "measure,"); /* Chinese counts with measure words: 3盏灯 */
        if (m) memmove(m, m + 8, strlen(m + 8) + 1);
        CHECK(strcmp(s1, s2) == 0, "key %s: en slots {%s} zh slots {%s}", k, s1, s2);
        CHECK(strchr(e, '|') == NULL || strchr(zh, '|') != NULL, "key %s: plural forms", k);
        keys++;
    }
    CHECK(keys > 80, "only %d keys", keys);
    json_decref(en);

    json_t *vars = json_pack("{s:s, s:i, s:s, s:s}", "what", "3 lights in the Kitchen", "count", 3,
                             "area", "厨房", "nouns", "灯");
    char *s = hub_answers_format(a, "en", "turned_off", vars);
    CHECK(s && !strcmp(s, "Turned off 3 lights in the Kitchen."), "got %s", s);
    free(s);
    json_object_set_new(vars, "measure", json_string("盏"));
    s = hub_answers_format(a, "zh-CN", "what_many_area", vars);
    CHECK(s && !strcmp(s, "厨房的3盏灯"), "got %s", s);
    free(s);
    s = hub_answers_format(a, "zh", "no_match", NULL); /* zh -> zh-CN */
    CHECK(s && !strcmp(s, "抱歉，我没听懂。"), "got %s", s);
    free(s);
    s = hub_answers_format(a, "fr", "no_match", NULL); /* unknown language -> English */
    CHECK(s && !strcmp(s, "Sorry, I didn't understand that."), "got %s", s);
    free(s);
    json_t *braces = json_pack("{s:s}", "name", "{what}");
    s = hub_answers_format(a, "en", "unknown_device", braces);
    CHECK(s && !strcmp(s, "I don't know a device called {what}."), "no second expansion: %s", s);
    free(s);
    json_decref(braces);
    json_decref(vars);
    s = hub_answers_form(a, "en", "noun_light", 1);
    CHECK(s && !strcmp(s, "light"), "singular %s", s);
    free(s);
    s = hub_answers_form(a, "en", "noun_light", 3);
    CHECK(s && !strcmp(s, "lights"), "plural %s", s);
    free(s);
    json_t *names = json_pack("[s,s,s]", "Desk Lamp", "Desk Fan", "Hall Light");
    s = hub_answers_join(a, "en", names, "list_or");
    CHECK(s && !strcmp(s, "Desk Lamp, Desk Fan or Hall Light"), "join %s", s);
    free(s);
    s = hub_answers_join(a, "zh-CN", names, "list_and");
    CHECK(s && !strcmp(s, "Desk Lamp、Desk Fan和Hall Light"), "join zh %s", s);
    free(s);
    json_decref(names);
    hub_answers_free(a);
    if (failures) {
        fprintf(stderr, "%d failures\n", failures);
        return 1;
    }
    printf("ok: split, language detection, answer templates (%d keys en/zh-CN)\n", keys);
    return 0;
}

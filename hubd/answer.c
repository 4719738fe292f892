/*
 * answer.c: per-language answer templates (data/answers/LANG.json) and their filling in.
 * Text stays in data files so a language can be added or reworded without touching C.
 */
#include "hubd/answer.h"

#include "hub_log.h"
#include "hub_status.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TAG "answer"
#define ANSWER_MAX_LANGS 16

struct hub_answers {
    int n;
    char *lang[ANSWER_MAX_LANGS];
    json_t *tpl[ANSWER_MAX_LANGS];
};

const char *hub_answers_default_dir(void)
{
    struct stat sb;
#ifdef HUB_ANSWERS_SRCDIR
    if (stat(HUB_ANSWERS_SRCDIR "/en.json", &sb) == 0) return HUB_ANSWERS_SRCDIR;
#endif
#ifdef HUB_ANSWERS_DIR
    return HUB_ANSWERS_DIR;
#else
    (void)sb;
    return "data/answers";
#endif
}

void hub_answers_free(struct hub_answers *a)
{
    if (!a) return;
    for (int i = 0; i < a->n; i++) {
        free(a->lang[i]);
        json_decref(a->tpl[i]);
    }
    free(a);
}

struct hub_answers *hub_answers_load(const char *dir, char *err, size_t errlen)
{
    struct hub_answers *a = calloc(1, sizeof *a);
    if (!a) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        goto fail;
    }
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 6 || l > 40 || strcmp(de->d_name + l - 5, ".json") != 0) continue;
        if (a->n == ANSWER_MAX_LANGS) break;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        json_error_t je;
        json_t *t = json_load_file(path, 0, &je);
        if (!json_is_object(t)) {
            snprintf(err, errlen, "%s:%d: %s", path, je.line,
                     t ? "not a JSON object" : je.text);
            json_decref(t);
            closedir(d);
            goto fail;
        }
        a->lang[a->n] = strndup(de->d_name, l - 5);
        a->tpl[a->n++] = t;
    }
    closedir(d);
    if (!json_object_get(a->tpl[0] ? a->tpl[0] : json_null(), "join") && a->n == 0) {
        snprintf(err, errlen, "%s: no LANG.json answer files", dir);
        goto fail;
    }
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->lang[i], "en") == 0) return a;
    snprintf(err, errlen, "%s: en.json is missing (the fallback language)", dir);
fail:
    hub_answers_free(a);
    return NULL;
}

static int answer_find(const struct hub_answers *a, const char *lang)
{
    if (lang)
        for (int i = 0; i < a->n; i++)
            if (strcasecmp(a->lang[i], lang) == 0) return i;
    if (lang && strncasecmp(lang, "zh", 2) == 0)
        for (int i = 0; i < a->n; i++)
            if (strcmp(a->lang[i], "zh-CN") == 0) return i;
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->lang[i], "en") == 0) return i;
    return 0;
}

const char *hub_answers_lang(const struct hub_answers *a, const char *lang)
{
    return a->lang[answer_find(a, lang)];
}

const char *hub_answers_get(const struct hub_answers *a, const char *lang, const char *key)
{
    const char *s = json_string_value(json_object_get(a->tpl[answer_find(a, lang)], key));
    if (!s) s = json_string_value(json_object_get(a->tpl[answer_find(a, "en")], key));
    return s ? s : key;
}

char *hub_answers_form(const struct hub_answers *a, const char *lang, const char *key, long n)
{
    const char *t = hub_answers_get(a, lang, key);
    const char *bar = strchr(t, '|');
    if (!bar) return strdup(t);
    return n == 1 ? strndup(t, (size_t)(bar - t)) : strdup(bar + 1);
}

/* A growing string. */
struct sbuf {
    char *p;
    size_t len, cap;
    int oom;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static char *sb_done(struct sbuf *b)
{
    if (!b->p && !b->oom) sb_add(b, "", 0);
    if (b->oom) {
        free(b->p);
        return NULL;
    }
    return b->p;
}

static void sb_value(struct sbuf *b, const json_t *v)
{
    char num[64];
    if (json_is_string(v)) {
        sb_add(b, json_string_value(v), json_string_length(v));
    } else if (json_is_integer(v)) {
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
        sb_add(b, num, strlen(num));
    } else if (json_is_real(v)) {
        snprintf(num, sizeof num, "%.4g", json_real_value(v));
        sb_add(b, num, strlen(num));
    }
}

char *hub_answers_format(const struct hub_answers *a, const char *lang, const char *key,
                         const json_t *vars)
{
    const char *t = hub_answers_get(a, lang, key);
    struct sbuf b = {0};
    while (*t) {
        const char *open = strchr(t, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        if (!open || !close || close - open > 40) {
            sb_add(&b, t, strlen(t));
            break;
        }
        sb_add(&b, t, (size_t)(open - t));
        char name[48];
        snprintf(name, sizeof name, "%.*s", (int)(close - open - 1), open + 1);
        const json_t *v = json_object_get(vars, name);
        if (v)
            sb_value(&b, v);
        else
            sb_add(&b, open, (size_t)(close - open + 1));
        t = close + 1;
    }
    return sb_done(&b);
}

char *hub_answers_join(const struct hub_answers *a, const char *lang, const json_t *names,
                       const char *conj)
{
    struct sbuf b = {0};
    size_t n = json_array_size(names);
    const char *sep = hub_answers_get(a, lang, "list_sep");
    const char *last = hub_answers_get(a, lang, conj);
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            const char *s = i + 1 == n ? last : sep;
            sb_add(&b, s, strlen(s));
        }
        sb_value(&b, json_array_get(names, i));
    }
    return sb_done(&b);
}

char *hub_answers_duration(const struct hub_answers *a, const char *lang, long seconds)
{
    const char *keys[3] = {"hours", "minutes", "seconds"};
    long vals[3] = {seconds / 3600, seconds / 60 % 60, seconds % 60};
    json_t *parts = json_array();
    for (int i = 0; i < 3; i++) {
        if (!vals[i]) continue;
        char *form = hub_answers_form(a, lang, keys[i], vals[i]);
        if (!form) continue;
        /* the form holds {n} where the number goes: "{n} minutes", "{n}分钟" */
        struct sbuf one = {0};
        char *at = strstr(form, "{n}");
        if (at) {
            char num[24];
            int len = snprintf(num, sizeof num, "%ld", vals[i]);
            sb_add(&one, form, (size_t)(at - form));
            sb_add(&one, num, (size_t)len);
            sb_add(&one, at + 3, strlen(at + 3));
        } else {
            sb_add(&one, form, strlen(form));
        }
        char *text = sb_done(&one);
        if (text) json_array_append_new(parts, json_string(text));
        free(text);
        free(form);
    }
    if (json_array_size(parts) == 0) json_array_append_new(parts, json_string("0"));
    char *r = hub_answers_join(a, lang, parts, "list_and");
    json_decref(parts);
    return r;
}

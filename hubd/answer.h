/*
 * answer.h: the hub's spoken answers, one template file per language in data/answers/LANG.json
 * ({"key": "text with {slots}"}), so wording is data, not code. "a|b" values hold a singular
 * and a plural form. Loaded once at start; read-only afterwards.
 */
#ifndef HUB_ANSWER_H
#define HUB_ANSWER_H

#include <jansson.h>
#include <stddef.h>

struct hub_answers;

/* The answers folder: the source tree's data/answers when it exists, else the installed one. */
const char *hub_answers_default_dir(void);
/* Load en.json and zh-CN.json (and any other LANG.json) from dir. NULL with err on failure. */
struct hub_answers *hub_answers_load(const char *dir, char *err, size_t errlen);
void hub_answers_free(struct hub_answers *a);

/* "zh-CN" for zh, zh-cn, zh-Hans...; "en" for anything else the folder has no file for. */
const char *hub_answers_lang(const struct hub_answers *a, const char *lang);

/* The raw template (English as fallback, then the key itself). Never NULL. */
const char *hub_answers_get(const struct hub_answers *a, const char *lang, const char *key);
/* Form n of a "one|many" template (n == 1: first part). malloc'd. */
char *hub_answers_form(const struct hub_answers *a, const char *lang, const char *key, long n);
/* The template with {name} replaced by vars' values (strings, or numbers written shortly).
 * Unknown {names} stay as written. malloc'd, NULL only when out of memory. */
char *hub_answers_format(const struct hub_answers *a, const char *lang, const char *key,
                         const json_t *vars);
/* Join a list of names as the language does: "A, B and C" (conj "list_and" or "list_or"). */
char *hub_answers_join(const struct hub_answers *a, const char *lang, const json_t *names,
                       const char *conj);
/* A length of time as spoken: "1 hour and 30 minutes", "5分钟" (the hours/minutes/seconds
 * templates joined with list_and); "0" for no time at all. malloc'd, NULL when out of memory. */
char *hub_answers_duration(const struct hub_answers *a, const char *lang, long seconds);

#endif

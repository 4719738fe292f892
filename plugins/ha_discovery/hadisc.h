/*
 * hadisc.h: internals of the ha_discovery plugin shared between its two files:
 * hadisc_config.c (abbreviations, "~" expansion, value and command templates) and
 * ha_discovery.c (entities, state topics, commands).
 */
#ifndef HADISC_H
#define HADISC_H

#include "plugins/common/plugcommon.h"

/* A discovery payload with abbreviations (also in "device" and "availability") expanded and
 * "~" substituted into every *topic value. New reference. */
json_t *hd_expand_config(const json_t *raw);

enum { HD_TPL_OK = 0, HD_TPL_MISSING = 1, HD_TPL_UNSUPPORTED = 2, HD_TPL_BAD = 3 };
/* Evaluate a value template (NULL = the payload itself) on a payload: text, and its JSON
 * (NULL when it is not JSON). HD_TPL_MISSING when the path is absent from the JSON,
 * HD_TPL_BAD when a filter cannot convert the value (| float on "warm"). */
int hd_template_eval(const char *tpl, const char *text, const json_t *json, char **out);
/* Can hd_template_eval handle this template at all? */
bool hd_template_supported(const char *tpl);
/* Render a command template, substituting {{ value }} and the name/value pairs of vars
 * (NULL-terminated, may be NULL); NULL template = value. malloc'd; NULL when the template uses
 * anything else (or on no memory). */
char *hd_command_render(const char *tpl, const char *value, const char *const *vars);

#endif

/*
 * rules_yaml.h: YAML (libyaml) to jansson and back, for importing and exporting automation
 * rules in Home Assistant's automations.yaml form.
 *
 * Loading keeps where each node came from (line and column, 1-based) so that validation
 * errors can say where the problem is. Plain scalars follow YAML 1.2's core schema (null, true,
 * false, integers, floats; everything else, including on/off/yes/no and 07:30, is a string);
 * quoted scalars are always strings. Aliases are expanded (bounded: at most
 * HUB_YAML_MAX_NODES nodes in all, HUB_YAML_MAX_DEPTH levels), merge keys are not supported.
 */
#ifndef HUB_RULES_YAML_H
#define HUB_RULES_YAML_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define HUB_YAML_MAX_NODES 200000
#define HUB_YAML_MAX_DEPTH 64
#define HUB_YAML_MAX_TEXT (4 * 1024 * 1024)

struct hub_yaml_marks;

/* Parse one YAML document (an empty document gives JSON null). NULL on error with
 * "NAME:LINE:COL: problem" in err. *marks (when marks is not NULL) receives the node
 * positions; free it with hub_yaml_marks_free. */
json_t *hub_yaml_load(const char *text, size_t len, const char *name, struct hub_yaml_marks **marks,
                      char *err, size_t errlen);

/* Position of a node returned by hub_yaml_load (objects, arrays, strings, numbers; not the
 * shared null/true/false singletons). */
bool hub_yaml_marks_find(const struct hub_yaml_marks *m, const json_t *node, int *line, int *col);
void hub_yaml_marks_free(struct hub_yaml_marks *m);

/* Block-style YAML of a JSON value (malloc'd, NUL-terminated), strings quoted where a plain
 * scalar would read back as something else. NULL on error with the reason in err. */
char *hub_yaml_dump(const json_t *doc, char *err, size_t errlen);

#endif

/*
 * rules_yaml.c: libyaml events to jansson values with node positions, and jansson to YAML
 * with libyaml's emitter (see rules_yaml.h).
 */
#include "hubd/rules_yaml.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct yaml_mark_entry {
    const json_t *node;
    int line, col;
};

struct hub_yaml_marks {
    struct yaml_mark_entry *v;
    size_t n, cap;
};

struct yaml_anchor {
    char *name;
    json_t *value;
};

struct yaml_loader {
    yaml_parser_t parser;
    const char *name;
    struct hub_yaml_marks *marks;
    struct yaml_anchor *anchors;
    size_t n_anchors, cap_anchors;
    size_t nodes;
    char *err;
    size_t errlen;
};

static void yaml_fail(struct yaml_loader *L, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void yaml_fail(struct yaml_loader *L, size_t line, size_t col, const char *fmt, ...)
{
    if (!L->err || !L->errlen) return;
    int n = snprintf(L->err, L->errlen, "%s:%zu:%zu: ", L->name, line, col);
    if (n < 0 || (size_t)n >= L->errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(L->err + n, L->errlen - (size_t)n, fmt, ap);
    va_end(ap);
}

static int yaml_mark_add(struct yaml_loader *L, const json_t *node, const yaml_mark_t *m)
{
    if (!L->marks || json_is_null(node) || json_is_boolean(node)) return 0;
    struct hub_yaml_marks *mk = L->marks;
    if (mk->n == mk->cap) {
        size_t cap = mk->cap ? mk->cap * 2 : 64;
        void *v = realloc(mk->v, cap * sizeof *mk->v);
        if (!v) return -1;
        mk->v = v;
        mk->cap = cap;
    }
    mk->v[mk->n++] = (struct yaml_mark_entry){node, (int)m->line + 1, (int)m->column + 1};
    return 0;
}

bool hub_yaml_marks_find(const struct hub_yaml_marks *m, const json_t *node, int *line, int *col)
{
    if (!m || !node) return false;
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].node == node) {
            *line = m->v[i].line;
            *col = m->v[i].col;
            return true;
        }
    return false;
}

void hub_yaml_marks_free(struct hub_yaml_marks *m)
{
    if (!m) return;
    free(m->v);
    free(m);
}

/* YAML 1.2 core schema for plain scalars. */
static json_t *yaml_plain_scalar(const char *s, size_t len)
{
    if (len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
        strcmp(s, "NULL") == 0)
        return json_null();
    if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE")) return json_true();
    if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE")) return json_false();
    /* [-+]?[0-9]+ */
    size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0, digits = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') i++, digits++;
    if (digits > 0 && i == len) {
        errno = 0;
        long long v = strtoll(s, NULL, 10);
        if (errno == 0) return json_integer(v);
    }
    /* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
    i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    size_t int_digits = 0, frac_digits = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') i++, int_digits++;
    bool dot = false;
    if (i < len && s[i] == '.') {
        dot = true;
        i++;
        while (i < len && s[i] >= '0' && s[i] <= '9') i++, frac_digits++;
    }
    bool ok = int_digits + frac_digits > 0 && (dot || (i < len && (s[i] == 'e' || s[i] == 'E')));
    if (ok && i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '-' || s[i] == '+')) i++;
        size_t ed = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9') i++, ed++;
        if (!ed) ok = false;
    }
    if (ok && i == len) {
        double v = strtod(s, NULL);
        if (isfinite(v)) return json_real(v);
    }
    return json_stringn(s, len);
}

static json_t *yaml_anchor_get(struct yaml_loader *L, const char *name)
{
    for (size_t i = L->n_anchors; i-- > 0;)
        if (strcmp(L->anchors[i].name, name) == 0) return L->anchors[i].value;
    return NULL;
}

static int yaml_anchor_put(struct yaml_loader *L, const char *name, json_t *value)
{
    if (L->n_anchors == L->cap_anchors) {
        size_t cap = L->cap_anchors ? L->cap_anchors * 2 : 8;
        void *v = realloc(L->anchors, cap * sizeof *L->anchors);
        if (!v) return -1;
        L->anchors = v;
        L->cap_anchors = cap;
    }
    char *n = strdup(name);
    if (!n) return -1;
    L->anchors[L->n_anchors++] = (struct yaml_anchor){n, json_incref(value)};
    return 0;
}

static size_t yaml_count_nodes(const json_t *v)
{
    size_t n = 1;
    if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) n += yaml_count_nodes(x);
    } else if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x) n += yaml_count_nodes(x);
    }
    return n;
}

/* Parse the node that starts with event ev (already taken from the parser). New reference or
 * NULL (error set). */
static json_t *yaml_node(struct yaml_loader *L, yaml_event_t *ev, int depth)
{
    if (depth > HUB_YAML_MAX_DEPTH) {
        yaml_fail(L, ev->start_mark.line + 1, ev->start_mark.column + 1,
                  "nested deeper than %d levels", HUB_YAML_MAX_DEPTH);
        return NULL;
    }
    if (++L->nodes > HUB_YAML_MAX_NODES) {
        yaml_fail(L, ev->start_mark.line + 1, ev->start_mark.column + 1,
                  "more than %d nodes", HUB_YAML_MAX_NODES);
        return NULL;
    }
    yaml_mark_t start = ev->start_mark;
    json_t *out = NULL;
    const char *anchor = NULL;
    switch (ev->type) {
    case YAML_ALIAS_EVENT: {
        json_t *a = yaml_anchor_get(L, (const char *)ev->data.alias.anchor);
        if (!a) {
            yaml_fail(L, start.line + 1, start.column + 1, "unknown alias *%s",
                      (const char *)ev->data.alias.anchor);
            return NULL;
        }
        L->nodes += yaml_count_nodes(a);
        if (L->nodes > HUB_YAML_MAX_NODES) {
            yaml_fail(L, start.line + 1, start.column + 1,
                      "aliases expand to more than %d nodes", HUB_YAML_MAX_NODES);
            return NULL;
        }
        out = json_deep_copy(a);
        if (!out) yaml_fail(L, start.line + 1, start.column + 1, "out of memory");
        return out;
    }
    case YAML_SCALAR_EVENT: {
        const char *s = (const char *)ev->data.scalar.value;
        size_t len = ev->data.scalar.length;
        if (strlen(s) != len) {
            yaml_fail(L, start.line + 1, start.column + 1, "NUL character in a scalar");
            return NULL;
        }
        out = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? yaml_plain_scalar(s, len)
                                                               : json_stringn(s, len);
        anchor = (const char *)ev->data.scalar.anchor;
        break;
    }
    case YAML_SEQUENCE_START_EVENT: {
        anchor = (const char *)ev->data.sequence_start.anchor;
        out = json_array();
        if (!out) break;
        for (;;) {
            yaml_event_t e;
            if (!yaml_parser_parse(&L->parser, &e)) {
                yaml_fail(L, L->parser.problem_mark.line + 1, L->parser.problem_mark.column + 1,
                          "%s", L->parser.problem ? L->parser.problem : "syntax error");
                json_decref(out);
                return NULL;
            }
            if (e.type == YAML_SEQUENCE_END_EVENT) {
                yaml_event_delete(&e);
                break;
            }
            json_t *item = yaml_node(L, &e, depth + 1);
            yaml_event_delete(&e);
            if (!item || json_array_append_new(out, item)) {
                json_decref(out);
                return NULL;
            }
        }
        break;
    }
    case YAML_MAPPING_START_EVENT: {
        anchor = (const char *)ev->data.mapping_start.anchor;
        out = json_object();
        if (!out) break;
        for (;;) {
            yaml_event_t k;
            if (!yaml_parser_parse(&L->parser, &k)) {
                yaml_fail(L, L->parser.problem_mark.line + 1, L->parser.problem_mark.column + 1,
                          "%s", L->parser.problem ? L->parser.problem : "syntax error");
                json_decref(out);
                return NULL;
            }
            if (k.type == YAML_MAPPING_END_EVENT) {
                yaml_event_delete(&k);
                break;
            }
            yaml_mark_t km = k.start_mark;
            if (k.type != YAML_SCALAR_EVENT) {
                yaml_fail(L, km.line + 1, km.column + 1, "a mapping key must be a plain value");
                yaml_event_delete(&k);
                json_decref(out);
                return NULL;
            }
            char *key = strdup((const char *)k.data.scalar.value);
            yaml_event_delete(&k);
            if (!key) {
                json_decref(out);
                return NULL;
            }
            if (strcmp(key, "<<") == 0) {
                yaml_fail(L, km.line + 1, km.column + 1, "merge keys (<<) are not supported");
                free(key);
                json_decref(out);
                return NULL;
            }
            if (json_object_get(out, key)) {
                yaml_fail(L, km.line + 1, km.column + 1, "duplicate key '%s'", key);
                free(key);
                json_decref(out);
                return NULL;
            }
            yaml_event_t v;
            if (!yaml_parser_parse(&L->parser, &v)) {
                yaml_fail(L, L->parser.problem_mark.line + 1, L->parser.problem_mark.column + 1,
                          "%s", L->parser.problem ? L->parser.problem : "syntax error");
                free(key);
                json_decref(out);
                return NULL;
            }
            json_t *val = yaml_node(L, &v, depth + 1);
            yaml_event_delete(&v);
            if (!val || json_object_set_new(out, key, val)) {
                free(key);
                json_decref(out);
                return NULL;
            }
            free(key);
        }
        break;
    }
    default:
        yaml_fail(L, start.line + 1, start.column + 1, "unexpected YAML event");
        return NULL;
    }
    if (!out) {
        yaml_fail(L, start.line + 1, start.column + 1, "out of memory or invalid UTF-8");
        return NULL;
    }
    if (yaml_mark_add(L, out, &start) || (anchor && yaml_anchor_put(L, anchor, out))) {
        json_decref(out);
        yaml_fail(L, start.line + 1, start.column + 1, "out of memory");
        return NULL;
    }
    return out;
}

json_t *hub_yaml_load(const char *text, size_t len, const char *name, struct hub_yaml_marks **marks,
                      char *err, size_t errlen)
{
    struct yaml_loader L = {.name = name ? name : "(yaml)", .err = err, .errlen = errlen};
    if (err && errlen) err[0] = '\0';
    if (marks) *marks = NULL;
    if (len > HUB_YAML_MAX_TEXT) {
        yaml_fail(&L, 1, 1, "larger than %d bytes", HUB_YAML_MAX_TEXT);
        return NULL;
    }
    if (marks && !(L.marks = calloc(1, sizeof *L.marks))) return NULL;
    if (!yaml_parser_initialize(&L.parser)) {
        yaml_fail(&L, 1, 1, "yaml_parser_initialize failed");
        hub_yaml_marks_free(L.marks);
        return NULL;
    }
    yaml_parser_set_input_string(&L.parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&L.parser, YAML_UTF8_ENCODING);
    json_t *doc = NULL;
    bool have_doc = false, failed = false;
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&L.parser, &e)) {
            yaml_fail(&L, L.parser.problem_mark.line + 1, L.parser.problem_mark.column + 1, "%s%s%s",
                      L.parser.problem ? L.parser.problem : "syntax error",
                      L.parser.context ? " " : "", L.parser.context ? L.parser.context : "");
            failed = true;
            break;
        }
        yaml_event_type_t t = e.type;
        if (t == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&e);
            break;
        }
        if (t == YAML_DOCUMENT_START_EVENT && have_doc) {
            yaml_fail(&L, e.start_mark.line + 1, e.start_mark.column + 1,
                      "only one YAML document per file");
            yaml_event_delete(&e);
            failed = true;
            break;
        }
        if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT ||
            t == YAML_MAPPING_START_EVENT || t == YAML_ALIAS_EVENT) {
            doc = yaml_node(&L, &e, 0);
            yaml_event_delete(&e);
            if (!doc) {
                failed = true;
                break;
            }
            have_doc = true;
            continue;
        }
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&L.parser);
    for (size_t i = 0; i < L.n_anchors; i++) {
        free(L.anchors[i].name);
        json_decref(L.anchors[i].value);
    }
    free(L.anchors);
    if (failed) {
        json_decref(doc);
        hub_yaml_marks_free(L.marks);
        return NULL;
    }
    if (marks) *marks = L.marks;
    return doc ? doc : json_null();
}

/* ---- dump ---- */

struct yaml_buf {
    char *p;
    size_t n, cap;
};

static int yaml_write_cb(void *data, unsigned char *buf, size_t size)
{
    struct yaml_buf *b = data;
    if (b->n + size + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->n + size + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) return 0;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, buf, size);
    b->n += size;
    b->p[b->n] = '\0';
    return 1;
}

/* A string that would not read back as the same string when written plain. */
static bool yaml_needs_quotes(const char *s)
{
    /* Also what YAML 1.1 readers (Home Assistant's) take for booleans or base-60 numbers. */
    static const char *const yaml11[] = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
                                         "on", "On", "ON", "off", "Off", "OFF", NULL};
    for (const char *const *w = yaml11; *w; w++)
        if (strcmp(s, *w) == 0) return true;
    if (*s && strspn(s, "0123456789:._-+") == strlen(s)) return true;
    size_t len = strlen(s);
    json_t *v = yaml_plain_scalar(s, len);
    bool q = !json_is_string(v);
    json_decref(v);
    return q;
}

static int yaml_emit_value(yaml_emitter_t *em, const json_t *v)
{
    yaml_event_t e;
    char num[64];
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        if (!yaml_mapping_start_event_initialize(&e, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) ||
            !yaml_emitter_emit(em, &e))
            return -1;
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x) {
            json_t *ks = json_string(k);
            int rc = ks ? yaml_emit_value(em, ks) : -1;
            json_decref(ks);
            if (rc || yaml_emit_value(em, x)) return -1;
        }
        if (!yaml_mapping_end_event_initialize(&e) || !yaml_emitter_emit(em, &e)) return -1;
        return 0;
    }
    case JSON_ARRAY: {
        if (!yaml_sequence_start_event_initialize(&e, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE) ||
            !yaml_emitter_emit(em, &e))
            return -1;
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) if (yaml_emit_value(em, x)) return -1;
        if (!yaml_sequence_end_event_initialize(&e) || !yaml_emitter_emit(em, &e)) return -1;
        return 0;
    }
    case JSON_STRING: {
        const char *s = json_string_value(v);
        int len = (int)json_string_length(v);
        yaml_scalar_style_t st = yaml_needs_quotes(s) || strlen(s) != (size_t)len
                                     ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                     : YAML_ANY_SCALAR_STYLE;
        if (!yaml_scalar_event_initialize(&e, NULL, NULL, (yaml_char_t *)s, len, 1, 1, st))
            return -1;
        return yaml_emitter_emit(em, &e) ? 0 : -1;
    }
    case JSON_INTEGER:
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    case JSON_REAL:
        snprintf(num, sizeof num, "%.17g", json_real_value(v));
        if (!strpbrk(num, ".eE")) strcat(num, ".0"); /* stays a float when read back */
        break;
    case JSON_TRUE: strcpy(num, "true"); break;
    case JSON_FALSE: strcpy(num, "false"); break;
    default: strcpy(num, "null"); break;
    }
    if (!yaml_scalar_event_initialize(&e, NULL, NULL, (yaml_char_t *)num, (int)strlen(num), 1, 1,
                                      YAML_PLAIN_SCALAR_STYLE))
        return -1;
    return yaml_emitter_emit(em, &e) ? 0 : -1;
}

char *hub_yaml_dump(const json_t *doc, char *err, size_t errlen)
{
    yaml_emitter_t em;
    struct yaml_buf b = {0};
    if (!yaml_emitter_initialize(&em)) {
        snprintf(err, errlen, "yaml_emitter_initialize failed");
        return NULL;
    }
    yaml_emitter_set_output(&em, yaml_write_cb, &b);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, 100);
    yaml_emitter_set_indent(&em, 2);
    yaml_event_t e;
    int ok = yaml_stream_start_event_initialize(&e, YAML_UTF8_ENCODING) && yaml_emitter_emit(&em, &e) &&
             yaml_document_start_event_initialize(&e, NULL, NULL, NULL, 1) &&
             yaml_emitter_emit(&em, &e) && yaml_emit_value(&em, doc) == 0 &&
             yaml_document_end_event_initialize(&e, 1) && yaml_emitter_emit(&em, &e) &&
             yaml_stream_end_event_initialize(&e) && yaml_emitter_emit(&em, &e) &&
             yaml_emitter_flush(&em);
    if (!ok) {
        snprintf(err, errlen, "YAML emitter: %s", em.problem ? em.problem : "out of memory");
        yaml_emitter_delete(&em);
        free(b.p);
        return NULL;
    }
    yaml_emitter_delete(&em);
    return b.p ? b.p : strdup("");
}

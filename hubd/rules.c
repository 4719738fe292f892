/*
 * rules.c: the automation rules engine (see rules.h): validation and normalisation of rules in
 * Home Assistant's automation format, triggers, conditions, runs of action sequences as
 * resumable stack machines, modes, loop detection, persistence in SQLite, and the JSON API.
 *
 * A run is a stack of frames (an action list and the index of the next action in it). When a
 * run waits (delay, wait_for_*), its frames are saved as a path of (key, index) pairs with the
 * deadline in rule_pending, so a restarted hubd rebuilds the same position in the same rule
 * version and goes on at the right moment. Time is hubd/clock.h's (injectable); loop detection
 * uses the monotonic clock, since a loop runs in real time.
 */
#include "hubd/rules.h"

#include "hub_log.h"
#include "hub_status.h"
#include "hubd/clock.h"
#include "hubd/registry.h"
#include "hubd/rules_yaml.h"
#include "hubd/state.h"
#include "hubd/store.h"
#include "hubd/sun.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <mosquitto.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TAG "rules"
#define RULES_TICK_MS 200
#define RULES_MAX_DEPTH 12     /* nesting of if/choose in a rule */
#define RULES_MAX_FRAMES (RULES_MAX_DEPTH + 2)
#define RULES_MAX_STEPS 1000   /* actions one run step may execute before yielding */
#define RULES_ID_MAX 64
#define RULES_REQUEST_MAX (4 * 1024 * 1024)
#define RULES_DEFAULT_MAX 10

enum rule_mode { MODE_SINGLE, MODE_RESTART, MODE_QUEUED, MODE_PARALLEL };
static const char *const rule_mode_names[] = {"single", "restart", "queued", "parallel"};

enum run_wait { WAIT_NONE, WAIT_DELAY, WAIT_STATE };

struct rule {
    char *id;
    json_t *cfg; /* normalised config */
    int64_t version;
    bool enabled;
    int64_t last_triggered; /* clock ms, 0 never */
    enum rule_mode mode;
    int max;
    int64_t *next_ms; /* per trigger: next time/sun firing (clock ms), 0 for other kinds */
    json_t *queue;    /* queued mode: trigger variables waiting for their turn */
};

struct run_frame {
    json_t *actions; /* borrowed from the rule's cfg */
    size_t idx;      /* next action */
    char key[48];    /* how this list hangs off the previous frame's action at idx - 1 */
};

struct run {
    struct run *next;
    struct rule *rule;
    int64_t id;       /* rule_runs row */
    int64_t started;  /* clock ms */
    json_t *vars;     /* trigger variables */
    json_t *conds;    /* condition results */
    json_t *steps;    /* action trace */
    struct run_frame frames[RULES_MAX_FRAMES];
    int depth;
    enum run_wait wait;
    int64_t deadline; /* clock ms; 0 = wait without timeout */
    json_t *wait_spec;/* {"entity_id": [...], "to": [...]|null, "continue_on_timeout": bool} */
    int64_t pend_id;  /* rule_pending row while waiting, 0 otherwise */
    bool stepping;
    int cause_depth;  /* 0: started by the outside; n: by a run of depth n - 1 (loop detection) */
};

struct rule_for {
    struct rule_for *next;
    struct rule *rule;
    int trig;
    char *entity;
    int64_t deadline;
    json_t *vars;
    int64_t pend_id;
};

enum rules_sql {
    Q_RULE_PUT, Q_RULE_DEL, Q_RULE_ALL, Q_RULE_ENABLE, Q_RULE_TRIGGERED,
    Q_RUN_ADD, Q_RUN_UPDATE, Q_RUN_PRUNE, Q_RUN_LIST, Q_RUN_DEL_RULE,
    Q_PEND_ADD, Q_PEND_UPDATE, Q_PEND_DEL, Q_PEND_DEL_RULE, Q_PEND_ALL,
    Q_COUNT_
};

static const char *const rules_sql_text[Q_COUNT_] = {
    [Q_RULE_PUT] = "INSERT INTO rules (id, version, enabled, config, last_triggered, created, updated)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) ON CONFLICT(id) DO UPDATE SET"
                   " version = excluded.version, enabled = excluded.enabled,"
                   " config = excluded.config, updated = excluded.updated",
    [Q_RULE_DEL] = "DELETE FROM rules WHERE id = ?1",
    [Q_RULE_ALL] = "SELECT id, version, enabled, config, last_triggered FROM rules ORDER BY id",
    [Q_RULE_ENABLE] = "UPDATE rules SET enabled = ?2 WHERE id = ?1",
    [Q_RULE_TRIGGERED] = "UPDATE rules SET last_triggered = ?2 WHERE id = ?1",
    [Q_RUN_ADD] = "INSERT INTO rule_runs (rule_id, version, started, status, trace)"
                  " VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_RUN_UPDATE] = "UPDATE rule_runs SET finished = ?2, status = ?3, trace = ?4 WHERE id = ?1",
    [Q_RUN_PRUNE] = "DELETE FROM rule_runs WHERE rule_id = ?1 AND id NOT IN"
                    " (SELECT id FROM rule_runs WHERE rule_id = ?1 ORDER BY id DESC LIMIT ?2)",
    [Q_RUN_LIST] = "SELECT trace FROM rule_runs WHERE rule_id = ?1 ORDER BY id DESC LIMIT ?2",
    [Q_RUN_DEL_RULE] = "DELETE FROM rule_runs WHERE rule_id = ?1",
    [Q_PEND_ADD] = "INSERT INTO rule_pending (rule_id, kind, deadline, data) VALUES (?1, ?2, ?3, ?4)",
    [Q_PEND_UPDATE] = "UPDATE rule_pending SET deadline = ?2, data = ?3 WHERE id = ?1",
    [Q_PEND_DEL] = "DELETE FROM rule_pending WHERE id = ?1",
    [Q_PEND_DEL_RULE] = "DELETE FROM rule_pending WHERE rule_id = ?1",
    [Q_PEND_ALL] = "SELECT id, rule_id, kind, deadline, data FROM rule_pending ORDER BY id",
};

struct hub_rules {
    struct hub_rules_env env;
    sqlite3 *db;
    sqlite3_stmt *q[Q_COUNT_];
    struct rule **rules;
    size_t n_rules, cap_rules;
    struct run *runs;
    struct rule_for *fors;
    json_t *last_state; /* entity id -> state string, to know "from" */
    uv_timer_t tick;
    bool tick_init, started, stopped;
    size_t mqtt_triggers; /* so messages skip the rules when no rule listens to MQTT */
    /* What runs changed lately: entity id or "mqtt:TOPIC" -> [cause depth, monotonic ms]. A
     * trigger from something a run changed within HUB_RULES_LOOP_WINDOW_MS is caused by that
     * run: a chain of HUB_RULES_LOOP_MAX such causes is a loop. */
    json_t *touched;
};

/* ---- small helpers ------------------------------------------------------------------------ */

static int64_t rules_mono_ms(void)
{
    return (int64_t)(uv_hrtime() / 1000000);
}

/* snprintf for messages and paths, where cutting a long one short is fine. */
static void pathf(char *out, size_t outlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void pathf(char *out, size_t outlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, outlen, fmt, ap);
    va_end(ap);
}

static bool str_eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* "HH:MM" or "HH:MM:SS" -> seconds after midnight; -1 when it is not a time of day. */
static int parse_time_of_day(const char *s)
{
    if (!s) return -1;
    int h, m, sec = 0, n = 0;
    if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2) return -1;
    if (s[n] == ':') {
        int n2 = 0;
        if (sscanf(s + n + 1, "%2d%n", &sec, &n2) != 1) return -1;
        n += 1 + n2;
    }
    if (s[n] != '\0' || !isdigit((unsigned char)s[0])) return -1;
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) return -1;
    return h * 3600 + m * 60 + sec;
}

/* A duration: seconds (number), "HH:MM:SS", "HH:MM", "-HH:MM:SS" when negative_ok, or
 * {days, hours, minutes, seconds, milliseconds}. Milliseconds into *out; false if invalid. */
static bool parse_duration(const json_t *v, bool negative_ok, int64_t *out)
{
    double ms = 0;
    if (json_is_number(v)) {
        ms = json_number_value(v) * 1000.0;
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
        bool neg = false;
        if (*s == '-') neg = true, s++;
        else if (*s == '+') s++;
        int a, b, c = 0, n = 0, n2 = 0;
        if (sscanf(s, "%d:%d%n", &a, &b, &n) == 2 && isdigit((unsigned char)*s)) {
            if (s[n] == ':') {
                if (sscanf(s + n + 1, "%d%n", &c, &n2) != 1) return false;
                n += 1 + n2;
            }
            if (s[n] || a < 0 || b < 0 || b > 59 || c < 0 || c > 59 || a > 100000) return false;
            ms = ((double)a * 3600 + b * 60 + c) * 1000.0;
        } else {
            char *end;
            errno = 0;
            double x = strtod(s, &end);
            if (end == s || *end || errno) return false;
            ms = x * 1000.0;
        }
        if (neg) ms = -ms;
    } else if (json_is_object(v)) {
        static const struct { const char *k; double f; } parts[] = {
            {"days", 86400000.0}, {"hours", 3600000.0}, {"minutes", 60000.0},
            {"seconds", 1000.0}, {"milliseconds", 1.0}};
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x) {
            size_t i;
            for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
                if (strcmp(k, parts[i].k) == 0) break;
            if (i == sizeof parts / sizeof parts[0] || !json_is_number(x)) return false;
            ms += json_number_value(x) * parts[i].f;
        }
    } else {
        return false;
    }
    if (!isfinite(ms) || fabs(ms) > 400.0 * 86400000.0) return false;
    if (ms < 0 && !negative_ok) return false;
    *out = (int64_t)llround(ms);
    return true;
}

static int parse_weekday(const char *s)
{
    static const char *const names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    if (!s) return -1;
    for (int i = 0; i < 7; i++)
        if (strcasecmp(s, names[i]) == 0) return i;
    return -1;
}

/* Weekday mask (bit = tm_wday) of a "weekday" value: string or list; all days when absent. */
static unsigned weekday_mask(const json_t *v)
{
    if (!v) return 0x7f;
    unsigned m = 0;
    if (json_is_string(v)) {
        int d = parse_weekday(json_string_value(v));
        return d < 0 ? 0 : 1u << d;
    }
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) {
        int d = parse_weekday(json_string_value(x));
        if (d >= 0) m |= 1u << d;
    }
    return m;
}

/* Does the string s equal v (a string) or one of v's strings (an array)? NULL v: anything. */
static bool match_state(const json_t *v, const char *s)
{
    if (!v || json_is_null(v)) return true;
    if (!s) return false;
    if (json_is_string(v)) return strcmp(json_string_value(v), s) == 0;
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) if (json_is_string(x) && strcmp(json_string_value(x), s) == 0) return true;
    return false;
}

static bool entity_listed(const json_t *list, const char *entity)
{
    return match_state(list, entity);
}

/* A state-like value as HA users write it: bool -> on/off, number -> text. New reference. */
static json_t *state_value_normalise(const json_t *v)
{
    if (json_is_true(v)) return json_string("on");
    if (json_is_false(v)) return json_string("off");
    if (json_is_integer(v)) {
        char b[32];
        snprintf(b, sizeof b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return json_string(b);
    }
    if (json_is_real(v)) {
        char b[64];
        snprintf(b, sizeof b, "%g", json_real_value(v));
        return json_string(b);
    }
    if (json_is_string(v)) return json_incref((json_t *)v);
    return NULL;
}

/* ---- templates ---------------------------------------------------------------------------- */

/* The part of Home Assistant's templates that automations use most: {{ trigger.X }} and
 * {{ states('ENTITY') }} inside strings of action data. Anything else is refused when the rule
 * is checked, so a rule never runs with a template it would print raw. */
static const char *const tpl_trigger_vars[][2] = {
    {"trigger.entity_id", "entity_id"}, {"trigger.platform", "platform"}, {"trigger.id", "id"},
    {"trigger.to_state.state", "to"},   {"trigger.from_state.state", "from"},
    {"trigger.payload", "payload"},     {"trigger.topic", "topic"},
    {"trigger.sentence", "sentence"},   {"trigger.description", "description"},
};

/* Parse the expression between {{ and }} (trimmed): the trigger variable's key in *key, or the
 * entity of states('...') in ent (NUL-terminated, ent_len bytes). false when not supported. */
static bool tpl_expr(const char *e, size_t n, const char **key, char *ent, size_t ent_len)
{
    while (n && isspace((unsigned char)*e)) e++, n--;
    while (n && isspace((unsigned char)e[n - 1])) n--;
    *key = NULL;
    ent[0] = '\0';
    for (size_t i = 0; i < sizeof tpl_trigger_vars / sizeof tpl_trigger_vars[0]; i++)
        if (strlen(tpl_trigger_vars[i][0]) == n && !memcmp(e, tpl_trigger_vars[i][0], n)) {
            *key = tpl_trigger_vars[i][1];
            return true;
        }
    if (n > 10 && !memcmp(e, "states(", 7) && e[n - 1] == ')' && (e[7] == '\'' || e[7] == '"') &&
        e[n - 2] == e[7] && n - 10 < ent_len) {
        memcpy(ent, e + 8, n - 10);
        ent[n - 10] = '\0';
        return hub_registry_valid_entity_id(ent);
    }
    return false;
}

/* Check every template in string s; the first unsupported one is copied to bad. */
static bool tpl_check(const char *s, char *bad, size_t badlen)
{
    if (strstr(s, "{%") || strstr(s, "{#")) {
        snprintf(bad, badlen, "{%% ... %%} blocks");
        return false;
    }
    for (const char *p = strstr(s, "{{"); p; p = strstr(p, "{{")) {
        const char *q = strstr(p + 2, "}}");
        const char *key;
        char ent[256];
        if (!q || !tpl_expr(p + 2, (size_t)(q - p - 2), &key, ent, sizeof ent)) {
            snprintf(bad, badlen, "%.*s", q ? (int)(q - p + 2) : (int)strlen(p), p);
            return false;
        }
        p = q + 2;
    }
    return true;
}

struct hub_rules;
static const char *entity_state(struct hub_rules *r, const char *entity);

/* s with its templates filled in (malloc'd). */
static char *tpl_render(struct hub_rules *r, const char *s, const json_t *vars)
{
    size_t cap = strlen(s) + 64, n = 0;
    char *out = malloc(cap);
    if (!out) return NULL;
    for (const char *p = s; *p;) {
        const char *open = strstr(p, "{{"), *close = open ? strstr(open + 2, "}}") : NULL;
        const char *val = NULL, *key;
        size_t lit = open && close ? (size_t)(open - p) : strlen(p);
        char ent[256];
        if (open && close && tpl_expr(open + 2, (size_t)(close - open - 2), &key, ent, sizeof ent))
            val = key ? json_string_value(json_object_get(vars, key)) : entity_state(r, ent);
        else if (open && close)
            lit = (size_t)(close + 2 - p); /* unsupported (checked before): kept as written */
        size_t vl = val ? strlen(val) : 0;
        if (n + lit + vl + 1 > cap) {
            cap = (n + lit + vl + 1) * 2;
            char *o2 = realloc(out, cap);
            if (!o2) {
                free(out);
                return NULL;
            }
            out = o2;
        }
        memcpy(out + n, p, lit);
        n += lit;
        p += lit;
        if (open && close && p == open) {
            memcpy(out + n, val ? val : "", vl);
            n += vl;
            p = close + 2;
        }
    }
    out[n] = '\0';
    return out;
}

/* A deep copy of v with every string's templates filled in. */
static json_t *tpl_render_json(struct hub_rules *r, const json_t *v, const json_t *vars)
{
    if (json_is_string(v)) {
        if (!strstr(json_string_value(v), "{{")) return json_incref((json_t *)v);
        char *t = tpl_render(r, json_string_value(v), vars);
        json_t *o = t ? json_string(t) : NULL;
        free(t);
        return o ? o : json_string("");
    }
    if (json_is_object(v)) {
        json_t *o = json_object();
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x) json_object_set_new(o, k, tpl_render_json(r, x, vars));
        return o;
    }
    if (json_is_array(v)) {
        json_t *o = json_array();
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) json_array_append_new(o, tpl_render_json(r, x, vars));
        return o;
    }
    return json_incref((json_t *)v);
}

/* ---- validation and normalisation --------------------------------------------------------- */

struct chk {
    struct hub_rules *r; /* may be NULL: no entity or location checks */
    const struct hub_yaml_marks *marks;
    const char *name;
    const json_t *rule_node;
    char *err;
    size_t errlen;
};

static int chk_fail(struct chk *ck, const json_t *node, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int chk_fail(struct chk *ck, const json_t *node, const char *path, const char *fmt, ...)
{
    if (!ck->err || !ck->errlen) return HUB_ERR_INVALID;
    int line, col, n;
    if (hub_yaml_marks_find(ck->marks, node, &line, &col) ||
        hub_yaml_marks_find(ck->marks, ck->rule_node, &line, &col))
        n = snprintf(ck->err, ck->errlen, "%s:%d:%d: %s: ", ck->name, line, col, path);
    else
        n = snprintf(ck->err, ck->errlen, "%s: %s: ", ck->name, path);
    if (n < 0 || (size_t)n >= ck->errlen) return HUB_ERR_INVALID;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ck->err + n, ck->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return HUB_ERR_INVALID;
}

/* Move obj[from] to obj[to] (older Home Assistant spelling -> current). */
static int chk_rename(struct chk *ck, json_t *obj, const char *from, const char *to, const char *path)
{
    json_t *v = json_object_get(obj, from);
    if (!v) return 0;
    if (json_object_get(obj, to))
        return chk_fail(ck, obj, path, "both '%s' and '%s' given (they are the same field)", from, to);
    json_object_set(obj, to, v);
    json_object_del(obj, from);
    return 0;
}

/* obj[key] as a list: a single object becomes a one-item list. */
static json_t *chk_list(struct chk *ck, json_t *obj, const char *key, const char *path, bool required,
                        int *rc)
{
    json_t *v = json_object_get(obj, key);
    *rc = 0;
    if (!v || json_is_null(v)) {
        if (required) *rc = chk_fail(ck, obj, path, "'%s' is missing", key);
        else json_object_set_new(obj, key, json_array());
        return json_object_get(obj, key);
    }
    if (json_is_object(v)) {
        json_t *a = json_array();
        json_array_append(a, v);
        json_object_set_new(obj, key, a);
        return a;
    }
    if (!json_is_array(v)) {
        *rc = chk_fail(ck, v, path, "'%s' must be a list", key);
        return NULL;
    }
    if (required && json_array_size(v) == 0) *rc = chk_fail(ck, v, path, "'%s' is empty", key);
    return v;
}

static int chk_one_entity(struct chk *ck, const json_t *node, const char *id, const char *path)
{
    if (!hub_registry_valid_entity_id(id))
        return chk_fail(ck, node, path, "'%s' is not an entity id (domain.object_id)", id);
    if (ck->r && ck->r->env.reg && !hub_registry_get(ck->r->env.reg, id))
        return chk_fail(ck, node, path, "unknown entity '%s'", id);
    return 0;
}

/* obj[key]: an entity id or a list of them, each known to the registry. */
static int chk_entities(struct chk *ck, json_t *obj, const char *key, const char *path, bool required)
{
    json_t *v = json_object_get(obj, key);
    char p[320];
    pathf(p, sizeof p, "%s.%s", path, key);
    if (!v) return required ? chk_fail(ck, obj, path, "'%s' is missing", key) : 0;
    if (json_is_string(v)) return chk_one_entity(ck, v, json_string_value(v), p);
    if (!json_is_array(v) || json_array_size(v) == 0)
        return chk_fail(ck, v, p, "must be an entity id or a list of them");
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) {
        if (!json_is_string(x)) return chk_fail(ck, x, p, "item %zu is not an entity id", i);
        int rc = chk_one_entity(ck, x, json_string_value(x), p);
        if (rc) return rc;
    }
    return 0;
}

/* obj[key]: a state or a list of states (on/off/true/false/numbers become strings). */
static int chk_states(struct chk *ck, json_t *obj, const char *key, const char *path)
{
    json_t *v = json_object_get(obj, key);
    char p[320];
    pathf(p, sizeof p, "%s.%s", path, key);
    if (!v || json_is_null(v)) return 0;
    if (json_is_array(v)) {
        json_t *a = json_array();
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            json_t *s = state_value_normalise(x);
            if (!s) {
                json_decref(a);
                return chk_fail(ck, x, p, "item %zu is not a state", i);
            }
            json_array_append_new(a, s);
        }
        json_object_set_new(obj, key, a);
        return 0;
    }
    json_t *s = state_value_normalise(v);
    if (!s) return chk_fail(ck, v, p, "must be a state (text) or a list of states");
    json_object_set_new(obj, key, s);
    return 0;
}

static int chk_duration(struct chk *ck, json_t *obj, const char *key, const char *path, bool neg_ok)
{
    json_t *v = json_object_get(obj, key);
    int64_t ms;
    if (!v) return 0;
    if (!parse_duration(v, neg_ok, &ms))
        return chk_fail(ck, v, path, "'%s' is not a duration (seconds, \"HH:MM:SS\" or "
                                     "{hours, minutes, seconds}%s)", key, neg_ok ? "" : ", not negative");
    return 0;
}

static int chk_time(struct chk *ck, const json_t *v, const char *path)
{
    if (!json_is_string(v) || parse_time_of_day(json_string_value(v)) < 0) {
        char shown[80] = "";
        if (json_is_string(v)) snprintf(shown, sizeof shown, "'%.60s' ", json_string_value(v));
        return chk_fail(ck, v, path, "%sis not a time of day (HH:MM or HH:MM:SS, 00:00-23:59:59)", shown);
    }
    return 0;
}

static int chk_weekday(struct chk *ck, json_t *obj, const char *path)
{
    json_t *v = json_object_get(obj, "weekday");
    if (!v) return 0;
    json_t *one = json_is_string(v) ? v : NULL;
    size_t i;
    json_t *x;
    if (one) return parse_weekday(json_string_value(one)) < 0
                        ? chk_fail(ck, v, path, "weekday '%s' is not mon, tue, wed, thu, fri, sat or sun",
                                   json_string_value(one))
                        : 0;
    if (!json_is_array(v) || !json_array_size(v)) return chk_fail(ck, v, path, "weekday must be a day or a list of days");
    json_array_foreach(v, i, x) if (parse_weekday(json_string_value(x)) < 0)
        return chk_fail(ck, x, path, "weekday item %zu is not mon, tue, wed, thu, fri, sat or sun", i);
    return 0;
}

static int chk_numbers(struct chk *ck, json_t *obj, const char *path)
{
    json_t *a = json_object_get(obj, "above"), *b = json_object_get(obj, "below");
    if (!a && !b) return chk_fail(ck, obj, path, "needs 'above' or 'below'");
    if (a && !json_is_number(a)) return chk_fail(ck, a, path, "'above' must be a number");
    if (b && !json_is_number(b)) return chk_fail(ck, b, path, "'below' must be a number");
    if (a && b && json_number_value(a) >= json_number_value(b))
        return chk_fail(ck, obj, path, "'above' (%g) must be less than 'below' (%g)",
                        json_number_value(a), json_number_value(b));
    json_t *attr = json_object_get(obj, "attribute");
    if (attr && !json_is_string(attr)) return chk_fail(ck, attr, path, "'attribute' must be text");
    return 0;
}

static int chk_sun_event(struct chk *ck, const json_t *v, const char *path, const char *what)
{
    const char *s = json_string_value(v);
    if (!str_eq(s, "sunrise") && !str_eq(s, "sunset"))
        return chk_fail(ck, v ? v : ck->rule_node, path, "%s must be sunrise or sunset", what);
    if (ck->r && !ck->r->env.have_location)
        return chk_fail(ck, v, path, "sun needs [location] latitude and longitude in the config");
    return 0;
}

static int chk_condition(struct chk *ck, json_t *c, const char *path, int depth);

/* Checks each item of the list obj[key] (see chk_list) with check_one, at item_depth, each
 * under its own path "path.key[i]"; the first failure ends the walk. */
static int chk_each(struct chk *ck, json_t *obj, const char *key, const char *path, int item_depth,
                    bool required, int (*check_one)(struct chk *, json_t *, const char *, int))
{
    int rc;
    json_t *list = chk_list(ck, obj, key, path, required, &rc);
    if (rc) return rc;
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) {
        char p[320];
        pathf(p, sizeof p, "%s.%s[%zu]", path, key, i);
        if ((rc = check_one(ck, x, p, item_depth))) return rc;
    }
    return 0;
}

/* A condition nests one level deeper than what holds it (and/or/not count towards the limit). */
static int chk_conditions(struct chk *ck, json_t *obj, const char *key, const char *path, int depth,
                          bool required)
{
    return chk_each(ck, obj, key, path, depth + 1, required, chk_condition);
}

static int chk_condition(struct chk *ck, json_t *c, const char *path, int depth)
{
    if (depth > RULES_MAX_DEPTH) return chk_fail(ck, c, path, "nested deeper than %d", RULES_MAX_DEPTH);
    if (!json_is_object(c)) return chk_fail(ck, c, path, "a condition must be a mapping");
    const char *type = json_string_value(json_object_get(c, "condition"));
    int rc;
    if (!type) return chk_fail(ck, c, path, "'condition' (its type) is missing");
    if (!strcmp(type, "state")) {
        if ((rc = chk_entities(ck, c, "entity_id", path, true))) return rc;
        if (!json_object_get(c, "state")) return chk_fail(ck, c, path, "'state' is missing");
        return chk_states(ck, c, "state", path);
    }
    if (!strcmp(type, "numeric_state")) {
        if ((rc = chk_entities(ck, c, "entity_id", path, true))) return rc;
        return chk_numbers(ck, c, path);
    }
    if (!strcmp(type, "time")) {
        json_t *a = json_object_get(c, "after"), *b = json_object_get(c, "before");
        if (!a && !b && !json_object_get(c, "weekday"))
            return chk_fail(ck, c, path, "needs 'after', 'before' or 'weekday'");
        if (a && (rc = chk_time(ck, a, path))) return rc;
        if (b && (rc = chk_time(ck, b, path))) return rc;
        return chk_weekday(ck, c, path);
    }
    if (!strcmp(type, "sun")) {
        json_t *a = json_object_get(c, "after"), *b = json_object_get(c, "before");
        if (!a && !b) return chk_fail(ck, c, path, "needs 'after' or 'before' (sunrise or sunset)");
        if (a && (rc = chk_sun_event(ck, a, path, "'after'"))) return rc;
        if (b && (rc = chk_sun_event(ck, b, path, "'before'"))) return rc;
        if ((rc = chk_duration(ck, c, "after_offset", path, true))) return rc;
        return chk_duration(ck, c, "before_offset", path, true);
    }
    if (!strcmp(type, "and") || !strcmp(type, "or") || !strcmp(type, "not"))
        return chk_conditions(ck, c, "conditions", path, depth, true);
    if (!strcmp(type, "trigger")) {
        if (!json_object_get(c, "id")) return chk_fail(ck, c, path, "'id' (of a trigger) is missing");
        return chk_states(ck, c, "id", path); /* text or a list; numbers become text */
    }
    return chk_fail(ck, c, path, "unknown condition '%s' (state, numeric_state, time, sun, trigger, and, "
                                 "or, not)", type);
}

static int chk_trigger(struct chk *ck, json_t *t, const char *path, bool wait_only)
{
    if (!json_is_object(t)) return chk_fail(ck, t, path, "a trigger must be a mapping");
    int rc;
    if ((rc = chk_rename(ck, t, "platform", "trigger", path))) return rc;
    const char *type = json_string_value(json_object_get(t, "trigger"));
    if (!type) return chk_fail(ck, t, path, "'trigger' (its type) is missing");
    json_t *tid = json_object_get(t, "id");
    if (tid) {
        json_t *s = state_value_normalise(tid);
        if (!s) return chk_fail(ck, tid, path, "a trigger's 'id' must be text");
        json_object_set_new(t, "id", s);
    }
    if (wait_only && strcmp(type, "state") != 0)
        return chk_fail(ck, t, path, "wait_for_trigger supports state triggers only");
    if (!strcmp(type, "state")) {
        if ((rc = chk_entities(ck, t, "entity_id", path, true)) || (rc = chk_states(ck, t, "from", path)) ||
            (rc = chk_states(ck, t, "to", path)))
            return rc;
        return chk_duration(ck, t, "for", path, false);
    }
    if (!strcmp(type, "numeric_state")) {
        if ((rc = chk_entities(ck, t, "entity_id", path, true)) || (rc = chk_numbers(ck, t, path))) return rc;
        return chk_duration(ck, t, "for", path, false);
    }
    if (!strcmp(type, "time")) {
        json_t *at = json_object_get(t, "at");
        if (!at) return chk_fail(ck, t, path, "'at' is missing");
        if (json_is_array(at)) {
            if (!json_array_size(at)) return chk_fail(ck, at, path, "'at' is empty");
            size_t i;
            json_t *x;
            json_array_foreach(at, i, x) if ((rc = chk_time(ck, x, path))) return rc;
        } else if ((rc = chk_time(ck, at, path))) {
            return rc;
        }
        return chk_weekday(ck, t, path);
    }
    if (!strcmp(type, "sun")) {
        if ((rc = chk_sun_event(ck, json_object_get(t, "event"), path, "'event'"))) return rc;
        return chk_duration(ck, t, "offset", path, true);
    }
    if (!strcmp(type, "mqtt")) {
        const char *topic = json_string_value(json_object_get(t, "topic"));
        if (!topic || mosquitto_sub_topic_check(topic) != MOSQ_ERR_SUCCESS)
            return chk_fail(ck, t, path, "'topic' must be an MQTT topic filter");
        json_t *p = json_object_get(t, "payload");
        if (p && !json_is_string(p)) return chk_fail(ck, p, path, "'payload' must be text");
        return 0;
    }
    if (!strcmp(type, "conversation")) {
        json_t *c = json_object_get(t, "command");
        if (json_is_string(c) && json_string_length(c)) return 0;
        if (json_is_array(c) && json_array_size(c)) {
            size_t i;
            json_t *x;
            json_array_foreach(c, i, x) if (!json_is_string(x) || !json_string_length(x))
                return chk_fail(ck, x, path, "command %zu must be text", i);
            return 0;
        }
        return chk_fail(ck, t, path, "'command' must be a sentence or a list of sentences");
    }
    if (!strcmp(type, "homeassistant") || !strcmp(type, "hub")) {
        if (!str_eq(json_string_value(json_object_get(t, "event")), "start"))
            return chk_fail(ck, t, path, "'event' must be start");
        return 0;
    }
    return chk_fail(ck, t, path, "unknown trigger '%s' (state, numeric_state, time, sun, mqtt, "
                                 "conversation, homeassistant)", type);
}

static int chk_actions(struct chk *ck, json_t *obj, const char *key, const char *path, int depth,
                       bool required);

/* Every string under v uses only the templates tpl_render knows. */
static int chk_templates(struct chk *ck, const json_t *v, const char *path)
{
    char bad[120];
    if (json_is_string(v) && !tpl_check(json_string_value(v), bad, sizeof bad))
        return chk_fail(ck, v, path, "template '%s' is not supported (trigger.entity_id, "
                                     "trigger.to_state.state, trigger.from_state.state, trigger.payload, "
                                     "trigger.topic, trigger.sentence, trigger.id, states('ENTITY'))", bad);
    const char *k;
    json_t *x;
    size_t i;
    int rc;
    if (json_is_object(v)) json_object_foreach((json_t *)v, k, x) if ((rc = chk_templates(ck, x, path))) return rc;
    if (json_is_array(v)) json_array_foreach(v, i, x) if ((rc = chk_templates(ck, x, path))) return rc;
    return 0;
}

static int chk_action(struct chk *ck, json_t *a, const char *path, int depth)
{
    if (depth > RULES_MAX_DEPTH) return chk_fail(ck, a, path, "nested deeper than %d", RULES_MAX_DEPTH);
    if (!json_is_object(a)) return chk_fail(ck, a, path, "an action must be a mapping");
    int rc;
    if ((rc = chk_rename(ck, a, "service", "action", path))) return rc;
    json_t *act = json_object_get(a, "action");
    if (act) {
        const char *name = json_string_value(act);
        const char *dot = name ? strchr(name, '.') : NULL;
        if (!dot || dot == name || !dot[1] || strchr(dot + 1, '.'))
            return chk_fail(ck, act, path, "'action' must be DOMAIN.ACTION, e.g. light.turn_on");
        json_t *data = json_object_get(a, "data");
        if (data && !json_is_object(data)) return chk_fail(ck, data, path, "'data' must be a mapping");
        if (!data) json_object_set_new(a, "data", (data = json_object()));
        if ((rc = chk_templates(ck, data, path))) return rc;
        if (!strcmp(name, "mqtt.publish")) {
            const char *topic = json_string_value(json_object_get(data, "topic"));
            if (!topic || mosquitto_pub_topic_check(topic) != MOSQ_ERR_SUCCESS)
                return chk_fail(ck, data, path, "mqtt.publish needs data.topic (no wildcards)");
            json_t *q = json_object_get(data, "qos");
            if (q && (!json_is_integer(q) || json_integer_value(q) < 0 || json_integer_value(q) > 2))
                return chk_fail(ck, q, path, "qos must be 0, 1 or 2");
            json_t *r = json_object_get(data, "retain");
            if (r && !json_is_boolean(r)) return chk_fail(ck, r, path, "retain must be true or false");
            return 0;
        }
        if (!strncmp(name, "notify.", 7)) {
            if (!json_is_string(json_object_get(data, "message")))
                return chk_fail(ck, data, path, "%s needs data.message", name);
            return 0;
        }
        if (!strcmp(name, "conversation.process")) {
            if (!json_is_string(json_object_get(data, "text")))
                return chk_fail(ck, data, path, "conversation.process needs data.text");
            return 0;
        }
        /* An entity action: the target may also be written in data or at the top. */
        json_t *target = json_object_get(a, "target");
        if (target && !json_is_object(target)) return chk_fail(ck, target, path, "'target' must be a mapping");
        if (!target) json_object_set_new(a, "target", (target = json_object()));
        const char *from[] = {"entity_id"};
        if (!json_object_get(target, "entity_id")) {
            json_t *e = json_object_get(data, from[0]);
            if (!e) e = json_object_get(a, "entity_id");
            if (e) json_object_set(target, "entity_id", e);
        }
        json_object_del(data, "entity_id");
        json_object_del(a, "entity_id");
        if (!json_object_get(target, "entity_id"))
            return chk_fail(ck, a, path, "%s needs target.entity_id", name);
        char p[320];
        pathf(p, sizeof p, "%s.target", path);
        return chk_entities(ck, target, "entity_id", p, true);
    }
    if (json_object_get(a, "delay")) return chk_duration(ck, a, "delay", path, false);
    if (json_object_get(a, "wait_for_trigger") || json_object_get(a, "wait_for_state")) {
        if ((rc = chk_duration(ck, a, "timeout", path, false))) return rc;
        json_t *c = json_object_get(a, "continue_on_timeout");
        if (c && !json_is_boolean(c)) return chk_fail(ck, c, path, "continue_on_timeout must be true or false");
        json_t *ws = json_object_get(a, "wait_for_state");
        if (ws) {
            if (!json_is_object(ws)) return chk_fail(ck, ws, path, "wait_for_state must be {entity_id, state}");
            if ((rc = chk_entities(ck, ws, "entity_id", path, true))) return rc;
            if (!json_object_get(ws, "state")) return chk_fail(ck, ws, path, "wait_for_state needs 'state'");
            return chk_states(ck, ws, "state", path);
        }
        json_t *list = chk_list(ck, a, "wait_for_trigger", path, true, &rc);
        if (rc) return rc;
        size_t i;
        json_t *x;
        json_array_foreach(list, i, x) {
            char p[320];
            pathf(p, sizeof p, "%s.wait_for_trigger[%zu]", path, i);
            if ((rc = chk_trigger(ck, x, p, true))) return rc;
            if (json_object_get(x, "for")) return chk_fail(ck, x, p, "'for' is not supported in a wait");
        }
        return 0;
    }
    if (json_object_get(a, "if")) {
        if ((rc = chk_conditions(ck, a, "if", path, depth, true))) return rc;
        if ((rc = chk_actions(ck, a, "then", path, depth + 1, true))) return rc;
        return json_object_get(a, "else") ? chk_actions(ck, a, "else", path, depth + 1, false) : 0;
    }
    if (json_object_get(a, "choose")) {
        json_t *list = chk_list(ck, a, "choose", path, true, &rc);
        if (rc) return rc;
        size_t i;
        json_t *x;
        json_array_foreach(list, i, x) {
            char p[320];
            pathf(p, sizeof p, "%s.choose[%zu]", path, i);
            if (!json_is_object(x)) return chk_fail(ck, x, p, "an option must be {conditions, sequence}");
            if ((rc = chk_rename(ck, x, "condition", "conditions", p)) ||
                (rc = chk_conditions(ck, x, "conditions", p, depth, true)) ||
                (rc = chk_actions(ck, x, "sequence", p, depth + 1, true)))
                return rc;
        }
        return json_object_get(a, "default") ? chk_actions(ck, a, "default", path, depth + 1, false) : 0;
    }
    if (json_object_get(a, "condition")) return chk_condition(ck, a, path, depth);
    return chk_fail(ck, a, path, "unknown action (action, delay, wait_for_trigger, wait_for_state, "
                                 "if, choose, condition)");
}

/* Actions take the depth they are given: if/choose add the level for their branches. */
static int chk_actions(struct chk *ck, json_t *obj, const char *key, const char *path, int depth,
                       bool required)
{
    return chk_each(ck, obj, key, path, depth, required, chk_action);
}

static bool rule_id_valid(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n == 0 || n > RULES_ID_MAX) return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)id[i]) && !strchr("_-.", id[i])) return false;
    return true;
}

/* An id from the alias: lower case, [a-z0-9_]. */
static void rule_slug(const char *alias, char *out, size_t outlen)
{
    size_t o = 0;
    for (const char *p = alias; *p && o + 1 < outlen && o < RULES_ID_MAX; p++) {
        unsigned char ch = (unsigned char)*p;
        if (isalnum(ch)) out[o++] = (char)tolower(ch);
        else if (o && out[o - 1] != '_') out[o++] = '_';
    }
    while (o && out[o - 1] == '_') o--;
    out[o] = '\0';
}

/* Check and normalise one rule in place. `index` names it in messages before its id is known. */
static int chk_rule(struct chk *ck, json_t *rule, size_t index)
{
    char path[160];
    ck->rule_node = rule;
    snprintf(path, sizeof path, "automation %zu", index + 1);
    if (!json_is_object(rule)) return chk_fail(ck, rule, path, "an automation must be a mapping");
    json_t *idv = json_object_get(rule, "id");
    if (idv && (json_is_integer(idv) || json_is_real(idv))) { /* HA ids are often numbers */
        json_t *s = state_value_normalise(idv);
        json_object_set_new(rule, "id", s);
        idv = s;
    }
    if (idv && !rule_id_valid(json_string_value(idv)))
        return chk_fail(ck, idv, path, "id must be 1-%d characters of A-Z a-z 0-9 _ - .", RULES_ID_MAX);
    const char *alias = json_string_value(json_object_get(rule, "alias"));
    if (json_object_get(rule, "alias") && !alias) return chk_fail(ck, rule, path, "'alias' must be text");
    if (!idv) {
        char slug[RULES_ID_MAX + 1] = "";
        if (alias) rule_slug(alias, slug, sizeof slug);
        if (!slug[0]) snprintf(slug, sizeof slug, "rule_%zu", index + 1);
        json_object_set_new(rule, "id", json_string(slug));
    }
    snprintf(path, sizeof path, "automation '%s'", json_string_value(json_object_get(rule, "id")));
    int rc;
    if ((rc = chk_rename(ck, rule, "trigger", "triggers", path)) ||
        (rc = chk_rename(ck, rule, "condition", "conditions", path)) ||
        (rc = chk_rename(ck, rule, "action", "actions", path)))
        return rc;
    json_t *mode = json_object_get(rule, "mode");
    if (mode) {
        const char *m = json_string_value(mode);
        bool ok = false;
        for (size_t i = 0; i < 4; i++) ok |= str_eq(m, rule_mode_names[i]);
        if (!ok) return chk_fail(ck, mode, path, "mode must be single, restart, queued or parallel");
    }
    json_t *max = json_object_get(rule, "max");
    if (max && (!json_is_integer(max) || json_integer_value(max) < 1 || json_integer_value(max) > 1000))
        return chk_fail(ck, max, path, "max must be a number from 1 to 1000");
    json_t *init = json_object_get(rule, "initial_state");
    if (init && !json_is_boolean(init)) return chk_fail(ck, init, path, "initial_state must be true or false");
    json_t *list = chk_list(ck, rule, "triggers", path, true, &rc);
    if (rc) return rc;
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) {
        char p[320];
        pathf(p, sizeof p, "%s.triggers[%zu]", path, i);
        if ((rc = chk_trigger(ck, x, p, false))) return rc;
    }
    if ((rc = chk_conditions(ck, rule, "conditions", path, 0, false))) return rc;
    return chk_actions(ck, rule, "actions", path, 0, true);
}

/* A copy of obj with `first` keys first (in that order), then the rest as they were. */
static json_t *json_reorder(const json_t *obj, const char *const *first)
{
    json_t *o = json_object();
    for (const char *const *k = first; *k; k++) {
        json_t *v = json_object_get(obj, *k);
        if (v) json_object_set(o, *k, v);
    }
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)obj, k, v) if (!json_object_get(o, k)) json_object_set(o, k, v);
    return o;
}

/* Home Assistant's order of keys, so exports read like its own automations.yaml. */
static void rule_reorder_actions(json_t *list)
{
    static const char *const act_keys[] = {"action", "target", "data", "delay", "wait_for_trigger",
                                           "wait_for_state", "timeout", "continue_on_timeout",
                                           "if", "then", "else", "choose", "default", "condition", NULL};
    static const char *const opt_keys[] = {"conditions", "sequence", NULL};
    size_t i;
    json_t *a;
    json_array_foreach(list, i, a) {
        if (!json_is_object(a)) continue;
        json_t *o = json_reorder(a, act_keys);
        rule_reorder_actions(json_object_get(o, "then"));
        rule_reorder_actions(json_object_get(o, "else"));
        rule_reorder_actions(json_object_get(o, "default"));
        size_t j;
        json_t *opt;
        json_array_foreach(json_object_get(o, "choose"), j, opt) {
            json_t *oo = json_reorder(opt, opt_keys);
            rule_reorder_actions(json_object_get(oo, "sequence"));
            json_array_set_new(json_object_get(o, "choose"), j, oo);
        }
        json_array_set_new(list, i, o);
    }
}

static json_t *rule_reorder(const json_t *rule)
{
    static const char *const rule_keys[] = {"id", "alias", "description", "mode", "max", "initial_state",
                                            "triggers", "conditions", "actions", NULL};
    static const char *const trig_keys[] = {"trigger", "entity_id", NULL};
    static const char *const cond_keys[] = {"condition", NULL};
    json_t *o = json_reorder(rule, rule_keys);
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(o, "triggers"), i, x)
        json_array_set_new(json_object_get(o, "triggers"), i, json_reorder(x, trig_keys));
    json_array_foreach(json_object_get(o, "conditions"), i, x)
        json_array_set_new(json_object_get(o, "conditions"), i, json_reorder(x, cond_keys));
    rule_reorder_actions(json_object_get(o, "actions"));
    return o;
}

/* A document (list of automations, one automation, or {automation: [...]}) checked and
 * normalised: a new JSON array of rules, or NULL with the error in ck->err. */
static json_t *chk_document(struct chk *ck, json_t *doc)
{
    json_t *list = doc;
    if (json_is_object(doc) && json_object_get(doc, "automation")) list = json_object_get(doc, "automation");
    json_t *out = json_array();
    if (json_is_object(list)) json_array_append(out, list);
    else if (json_is_array(list)) json_array_extend(out, list);
    else {
        ck->rule_node = doc;
        chk_fail(ck, doc, "document", "expected a list of automations or one automation");
        json_decref(out);
        return NULL;
    }
    size_t i;
    json_t *x;
    json_array_foreach(out, i, x) {
        if (chk_rule(ck, x, i)) {
            json_decref(out);
            return NULL;
        }
        for (size_t j = 0; j < i; j++)
            if (str_eq(json_string_value(json_object_get(json_array_get(out, j), "id")),
                       json_string_value(json_object_get(x, "id")))) {
                chk_fail(ck, json_object_get(x, "id"), "document", "two automations have the id '%s'",
                         json_string_value(json_object_get(x, "id")));
                json_decref(out);
                return NULL;
            }
    }
    json_array_foreach(out, i, x) json_array_set_new(out, i, rule_reorder(x));
    return out;
}

/* ---- database ----------------------------------------------------------------------------- */

static sqlite3_stmt *q_get(struct hub_rules *r, enum rules_sql which)
{
    sqlite3_stmt *s = r->q[which];
    if (s) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        return s;
    }
    int rc = sqlite3_prepare_v3(r->db, rules_sql_text[which], -1, SQLITE_PREPARE_PERSISTENT, &r->q[which], NULL);
    if (rc != SQLITE_OK) {
        hub_error(TAG, "prepare %s: %s", rules_sql_text[which], sqlite3_errmsg(r->db));
        return NULL;
    }
    return r->q[which];
}

/* Step a write statement to completion; HUB_OK or HUB_ERR_IO (logged). */
static int q_done(struct hub_rules *r, sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        hub_error(TAG, "database: %s", sqlite3_errmsg(r->db));
        return HUB_ERR_IO;
    }
    return HUB_OK;
}

static void bind_json(sqlite3_stmt *s, int i, const json_t *v)
{
    char *t = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (t) sqlite3_bind_text(s, i, t, -1, free);
    else sqlite3_bind_text(s, i, "null", -1, SQLITE_STATIC);
}

static int db_rule_put(struct hub_rules *r, const struct rule *ru)
{
    sqlite3_stmt *s = q_get(r, Q_RULE_PUT);
    if (!s) return HUB_ERR_IO;
    sqlite3_bind_text(s, 1, ru->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, ru->version);
    sqlite3_bind_int(s, 3, ru->enabled);
    bind_json(s, 4, ru->cfg);
    if (ru->last_triggered) sqlite3_bind_int64(s, 5, ru->last_triggered);
    sqlite3_bind_int64(s, 6, hub_clock_now_ms());
    return q_done(r, s);
}

static int db_exec_id(struct hub_rules *r, enum rules_sql which, const char *id)
{
    sqlite3_stmt *s = q_get(r, which);
    if (!s) return HUB_ERR_IO;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
    return q_done(r, s);
}

static int64_t db_pend_put(struct hub_rules *r, int64_t id, const char *rule_id, const char *kind,
                           int64_t deadline, const json_t *data)
{
    sqlite3_stmt *s = q_get(r, id ? Q_PEND_UPDATE : Q_PEND_ADD);
    if (!s) return 0;
    if (id) {
        sqlite3_bind_int64(s, 1, id);
        if (deadline) sqlite3_bind_int64(s, 2, deadline);
        bind_json(s, 3, data);
    } else {
        sqlite3_bind_text(s, 1, rule_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
        if (deadline) sqlite3_bind_int64(s, 3, deadline);
        bind_json(s, 4, data);
    }
    if (q_done(r, s)) return 0;
    return id ? id : sqlite3_last_insert_rowid(r->db);
}

static void db_pend_del(struct hub_rules *r, int64_t id)
{
    if (!id) return;
    sqlite3_stmt *s = q_get(r, Q_PEND_DEL);
    if (!s) return;
    sqlite3_bind_int64(s, 1, id);
    q_done(r, s);
}

/* ---- rules in memory ---------------------------------------------------------------------- */

static struct rule *rule_find(struct hub_rules *r, const char *id)
{
    for (size_t i = 0; i < r->n_rules; i++)
        if (str_eq(r->rules[i]->id, id)) return r->rules[i];
    return NULL;
}

static void rule_free(struct rule *ru)
{
    if (!ru) return;
    free(ru->id);
    json_decref(ru->cfg);
    json_decref(ru->queue);
    free(ru->next_ms);
    free(ru);
}

static void rule_schedule(struct hub_rules *r, struct rule *ru, int64_t now);

static struct rule *rule_new(struct hub_rules *r, json_t *cfg /* stolen */, int64_t version, bool enabled)
{
    struct rule *ru = calloc(1, sizeof *ru);
    if (!ru) {
        json_decref(cfg);
        return NULL;
    }
    ru->id = strdup(json_string_value(json_object_get(cfg, "id")));
    ru->cfg = cfg;
    ru->version = version;
    ru->enabled = enabled;
    ru->queue = json_array();
    const char *m = json_string_value(json_object_get(cfg, "mode"));
    for (int i = 0; i < 4; i++)
        if (str_eq(m, rule_mode_names[i])) ru->mode = (enum rule_mode)i;
    json_t *max = json_object_get(cfg, "max");
    ru->max = max ? (int)json_integer_value(max) : RULES_DEFAULT_MAX;
    size_t nt = json_array_size(json_object_get(cfg, "triggers"));
    ru->next_ms = calloc(nt ? nt : 1, sizeof *ru->next_ms);
    if (!ru->id || !ru->queue || !ru->next_ms) {
        rule_free(ru);
        return NULL;
    }
    /* MQTT triggers need their subscriptions (kept by the MQTT link across reconnects). */
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(cfg, "triggers"), i, t) {
        if (!str_eq(json_string_value(json_object_get(t, "trigger")), "mqtt")) continue;
        r->mqtt_triggers++; /* an upper bound: not decremented when a rule goes */
        if (r->env.subscribe) r->env.subscribe(r->env.ud, json_string_value(json_object_get(t, "topic")), 1);
    }
    rule_schedule(r, ru, hub_clock_now_ms());
    return ru;
}

static int rules_add(struct hub_rules *r, struct rule *ru)
{
    if (r->n_rules == r->cap_rules) {
        size_t cap = r->cap_rules ? r->cap_rules * 2 : 16;
        void *v = realloc(r->rules, cap * sizeof *r->rules);
        if (!v) return HUB_ERR_NOMEM;
        r->rules = v;
        r->cap_rules = cap;
    }
    r->rules[r->n_rules++] = ru;
    return HUB_OK;
}

/* ---- time and sun triggers ---------------------------------------------------------------- */

/* Next local time-of-day `sec` on an allowed weekday strictly after now. */
static int64_t next_time_of_day(int64_t now, int sec, unsigned wdays)
{
    struct tm tm;
    hub_clock_local(now, &tm);
    for (int k = 0; k <= 8; k++) {
        int64_t t = hub_clock_from_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday + k, sec / 3600,
                                         sec / 60 % 60, sec % 60);
        struct tm lt;
        hub_clock_local(t, &lt);
        if (t > now && (wdays & (1u << lt.tm_wday))) return t;
    }
    return 0;
}

static int64_t trigger_next(struct hub_rules *r, const json_t *t, int64_t now)
{
    const char *type = json_string_value(json_object_get(t, "trigger"));
    if (str_eq(type, "time")) {
        json_t *at = json_object_get(t, "at");
        unsigned wd = weekday_mask(json_object_get(t, "weekday"));
        int64_t best = 0;
        if (json_is_string(at)) return next_time_of_day(now, parse_time_of_day(json_string_value(at)), wd);
        size_t i;
        json_t *x;
        json_array_foreach(at, i, x) {
            int64_t n = next_time_of_day(now, parse_time_of_day(json_string_value(x)), wd);
            if (n && (!best || n < best)) best = n;
        }
        return best;
    }
    if (str_eq(type, "sun") && r->env.have_location) {
        enum hub_sun_event ev = str_eq(json_string_value(json_object_get(t, "event")), "sunrise")
                                    ? HUB_SUN_SUNRISE : HUB_SUN_SUNSET;
        int64_t off = 0, at;
        json_t *o = json_object_get(t, "offset");
        if (o) parse_duration(o, true, &off);
        /* The event + offset strictly after now: look for the event after now - offset. */
        if (hub_sun_next(r->env.latitude, r->env.longitude, ev, now - off, &at) != HUB_OK) return 0;
        return at + off;
    }
    return 0;
}

static void rule_schedule(struct hub_rules *r, struct rule *ru, int64_t now)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(ru->cfg, "triggers"), i, t) ru->next_ms[i] = trigger_next(r, t, now);
}

/* ---- conditions --------------------------------------------------------------------------- */

static const char *entity_state(struct hub_rules *r, const char *entity)
{
    const struct hub_state *s = r->env.states ? hub_states_get(r->env.states, entity) : NULL;
    return s ? s->state : NULL;
}

/* The number an entity (or one of its attributes) holds; false when it holds none. */
static bool entity_number(struct hub_rules *r, const char *entity, const char *attr, const char *state,
                          double *out)
{
    const char *text = state;
    if (attr) {
        const struct hub_state *s = r->env.states ? hub_states_get(r->env.states, entity) : NULL;
        json_t *v = s ? json_object_get(s->attributes, attr) : NULL;
        if (json_is_number(v)) {
            *out = json_number_value(v);
            return true;
        }
        text = json_string_value(v);
    }
    if (!text || !*text) return false;
    char *end;
    errno = 0;
    double d = strtod(text, &end);
    if (end == text || *end || errno || !isfinite(d)) return false;
    *out = d;
    return true;
}

static bool in_range(const json_t *c, double v)
{
    json_t *a = json_object_get(c, "above"), *b = json_object_get(c, "below");
    if (a && !(v > json_number_value(a))) return false;
    if (b && !(v < json_number_value(b))) return false;
    return true;
}

static bool cond_eval(struct hub_rules *r, const json_t *c, int64_t now, const json_t *vars);

static bool cond_list_all(struct hub_rules *r, const json_t *list, int64_t now, const json_t *vars)
{
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) if (!cond_eval(r, x, now, vars)) return false;
    return true;
}

static bool cond_eval(struct hub_rules *r, const json_t *c, int64_t now, const json_t *vars)
{
    const char *type = json_string_value(json_object_get(c, "condition"));
    json_t *ents = json_object_get(c, "entity_id");
    if (str_eq(type, "state") || str_eq(type, "numeric_state")) {
        /* Every listed entity must match (Home Assistant's rule). */
        size_t n = json_is_array(ents) ? json_array_size(ents) : 1;
        for (size_t i = 0; i < n; i++) {
            const char *e = json_is_array(ents) ? json_string_value(json_array_get(ents, i))
                                                : json_string_value(ents);
            const char *st = entity_state(r, e);
            if (str_eq(type, "state")) {
                if (!match_state(json_object_get(c, "state"), st)) return false;
            } else {
                double v;
                if (!entity_number(r, e, json_string_value(json_object_get(c, "attribute")), st, &v) ||
                    !in_range(c, v))
                    return false;
            }
        }
        return true;
    }
    if (str_eq(type, "time")) {
        struct tm tm;
        hub_clock_local(now, &tm);
        if (!(weekday_mask(json_object_get(c, "weekday")) & (1u << tm.tm_wday))) return false;
        int cur = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
        json_t *a = json_object_get(c, "after"), *b = json_object_get(c, "before");
        int after = a ? parse_time_of_day(json_string_value(a)) : 0;
        int before = b ? parse_time_of_day(json_string_value(b)) : 86400;
        if (after <= before) return cur >= after && cur < before;
        return cur >= after || cur < before; /* a window across midnight: 22:00-06:00 */
    }
    if (str_eq(type, "sun")) {
        if (!r->env.have_location) return false;
        static const char *const keys[2][2] = {{"after", "after_offset"}, {"before", "before_offset"}};
        for (int k = 0; k < 2; k++) {
            json_t *ev = json_object_get(c, keys[k][0]);
            if (!ev) continue;
            int64_t off = 0, at;
            json_t *o = json_object_get(c, keys[k][1]);
            if (o) parse_duration(o, true, &off);
            enum hub_sun_event e = str_eq(json_string_value(ev), "sunrise") ? HUB_SUN_SUNRISE : HUB_SUN_SUNSET;
            if (hub_sun_on_local_day(r->env.latitude, r->env.longitude, e, now, &at) != HUB_OK) return false;
            if (k == 0 && !(now > at + off)) return false;
            if (k == 1 && !(now < at + off)) return false;
        }
        return true;
    }
    json_t *list = json_object_get(c, "conditions");
    if (str_eq(type, "trigger")) /* which trigger started the run (its `id`, or its index) */
        return match_state(json_object_get(c, "id"), json_string_value(json_object_get(vars, "id")));
    if (str_eq(type, "and")) return cond_list_all(r, list, now, vars);
    if (str_eq(type, "or") || str_eq(type, "not")) {
        size_t i;
        json_t *x;
        bool any = false;
        json_array_foreach(list, i, x) if (cond_eval(r, x, now, vars)) {
            any = true;
            break;
        }
        return str_eq(type, "or") ? any : !any;
    }
    return false;
}

/* ---- runs --------------------------------------------------------------------------------- */

static void run_path(const struct run *run, char *out, size_t outlen)
{
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < run->depth && o < outlen; i++) {
        int n = snprintf(out + o, outlen - o, "%s%s[%zu]", i ? "." : "", run->frames[i].key,
                         run->frames[i].idx ? run->frames[i].idx - 1 : 0);
        if (n < 0) break;
        o += (size_t)n;
    }
}

/* The list of actions hanging off action `a` under `key` ("then", "else", "default",
 * "choose[N].sequence"), or NULL. */
static json_t *frame_child(const json_t *a, const char *key)
{
    size_t n;
    if (sscanf(key, "choose[%zu].sequence", &n) == 1)
        return json_object_get(json_array_get(json_object_get(a, "choose"), n), "sequence");
    if (!strcmp(key, "then") || !strcmp(key, "else") || !strcmp(key, "default"))
        return json_object_get(a, key);
    return NULL;
}

static json_t *run_trace(const struct run *run, const char *status, int64_t finished)
{
    json_t *t = json_pack("{s:I, s:s, s:I, s:I, s:O, s:O, s:O, s:s}", "run_id", (json_int_t)run->id,
                          "rule_id", run->rule->id, "version", (json_int_t)run->rule->version,
                          "started", (json_int_t)run->started, "trigger", run->vars, "conditions",
                          run->conds, "actions", run->steps, "status", status);
    if (t && finished) json_object_set_new(t, "finished", json_integer(finished));
    return t;
}

static void run_record(struct hub_rules *r, struct run *run, const char *status, int64_t finished)
{
    json_t *t = run_trace(run, status, finished);
    sqlite3_stmt *s = q_get(r, Q_RUN_UPDATE);
    if (!t || !s) {
        json_decref(t);
        return;
    }
    sqlite3_bind_int64(s, 1, run->id);
    if (finished) sqlite3_bind_int64(s, 2, finished);
    sqlite3_bind_text(s, 3, status, -1, SQLITE_TRANSIENT);
    bind_json(s, 4, t);
    q_done(r, s);
    json_decref(t);
}

static int64_t run_insert(struct hub_rules *r, struct rule *ru, int64_t now, const char *status,
                          const json_t *trace)
{
    sqlite3_stmt *s = q_get(r, Q_RUN_ADD);
    if (!s) return 0;
    sqlite3_bind_text(s, 1, ru->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, ru->version);
    sqlite3_bind_int64(s, 3, now);
    sqlite3_bind_text(s, 4, status, -1, SQLITE_TRANSIENT);
    bind_json(s, 5, trace);
    if (q_done(r, s)) return 0;
    int64_t id = sqlite3_last_insert_rowid(r->db);
    /* Old runs go every 16th run (a few more than HUB_RULES_TRACES_KEPT may stay a while). */
    if (id % 16 == 0 && (s = q_get(r, Q_RUN_PRUNE))) {
        sqlite3_bind_text(s, 1, ru->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(s, 2, HUB_RULES_TRACES_KEPT);
        q_done(r, s);
    }
    return id;
}

static void run_free(struct run *run)
{
    json_decref(run->vars);
    json_decref(run->conds);
    json_decref(run->steps);
    json_decref(run->wait_spec);
    free(run);
}

static void run_start(struct hub_rules *r, struct rule *ru, json_t *vars, json_t *conds, int depth);

static void run_unlink(struct hub_rules *r, struct run *run)
{
    for (struct run **p = &r->runs; *p; p = &(*p)->next)
        if (*p == run) {
            *p = run->next;
            return;
        }
}

static int rule_running(const struct hub_rules *r, const struct rule *ru)
{
    int n = 0;
    for (const struct run *x = r->runs; x; x = x->next) n += x->rule == ru;
    return n;
}

static void run_finish(struct hub_rules *r, struct run *run, const char *status)
{
    int64_t now = hub_clock_now_ms();
    run_record(r, run, status, now);
    db_pend_del(r, run->pend_id);
    hub_debug(TAG, "rule '%s' run %lld: %s", run->rule->id, (long long)run->id, status);
    struct rule *ru = run->rule;
    run_unlink(r, run);
    run_free(run);
    /* queued mode: the next waiting trigger gets its turn. */
    if (ru->mode == MODE_QUEUED && json_array_size(ru->queue) && !rule_running(r, ru) && ru->enabled) {
        json_t *q = json_incref(json_array_get(ru->queue, 0));
        json_array_remove(ru->queue, 0);
        run_start(r, ru, json_incref(json_object_get(q, "vars")), json_incref(json_object_get(q, "conds")),
                  (int)json_integer_value(json_object_get(q, "depth")));
        json_decref(q);
    }
}

/* Save a waiting run (frames as a path, deadline, what it waits for) for a restart. */
static void run_save(struct hub_rules *r, struct run *run)
{
    json_t *frames = json_array();
    for (int i = 0; i < run->depth; i++)
        json_array_append_new(frames, json_pack("{s:s, s:I}", "key", run->frames[i].key, "idx",
                                                (json_int_t)run->frames[i].idx));
    json_t *d = json_pack("{s:I, s:I, s:I, s:O, s:O, s:O, s:o, s:s, s:O?}", "run_id", (json_int_t)run->id,
                          "version", (json_int_t)run->rule->version, "started", (json_int_t)run->started,
                          "vars", run->vars, "conds", run->conds, "steps", run->steps, "frames", frames,
                          "wait", run->wait == WAIT_DELAY ? "delay" : "state", "spec", run->wait_spec);
    if (!d) return;
    run->pend_id = db_pend_put(r, run->pend_id, run->rule->id, "run", run->deadline, d);
    json_decref(d);
    run_record(r, run, "waiting", 0);
}

static void step_add(struct run *run, const char *path, const char *action, const char *result,
                     const char *error)
{
    json_t *s = json_pack("{s:s, s:s, s:I, s:s}", "path", path, "action", action, "t",
                          (json_int_t)hub_clock_now_ms(), "result", result);
    if (!s) return;
    if (error) json_object_set_new(s, "error", json_string(error));
    json_array_append_new(run->steps, s);
}

static int run_publish(struct hub_rules *r, const char *topic, const char *payload, int qos, bool retain)
{
    if (!r->env.publish) return HUB_ERR_UNAVAILABLE;
    return r->env.publish(r->env.ud, topic, payload, strlen(payload), qos, retain);
}

/* The wait spec of a wait_for_trigger/wait_for_state action. New reference. */
static json_t *wait_spec_of(const json_t *a)
{
    json_t *trigs = json_array();
    json_t *ws = json_object_get(a, "wait_for_state");
    bool check_now = ws != NULL;
    if (ws) {
        json_array_append_new(trigs, json_pack("{s:O, s:O}", "entity_id", json_object_get(ws, "entity_id"),
                                               "to", json_object_get(ws, "state")));
    } else {
        size_t i;
        json_t *t;
        json_array_foreach(json_object_get(a, "wait_for_trigger"), i, t) {
            json_t *x = json_pack("{s:O}", "entity_id", json_object_get(t, "entity_id"));
            if (json_object_get(t, "from")) json_object_set(x, "from", json_object_get(t, "from"));
            if (json_object_get(t, "to")) json_object_set(x, "to", json_object_get(t, "to"));
            json_array_append_new(trigs, x);
        }
    }
    json_t *c = json_object_get(a, "continue_on_timeout");
    return json_pack("{s:o, s:b, s:b}", "triggers", trigs, "check_now", check_now,
                     "continue_on_timeout", c ? json_is_true(c) : true);
}

/* Is a waiting run satisfied by entity going from -> to (from NULL: the current state)? */
static bool wait_matches(const json_t *spec, const char *entity, const char *from, const char *to)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(spec, "triggers"), i, t) {
        if (!entity_listed(json_object_get(t, "entity_id"), entity)) continue;
        if (from && !match_state(json_object_get(t, "from"), from)) continue;
        if (match_state(json_object_get(t, "to"), to)) return true;
    }
    return false;
}

/* A run changed `key` (an entity or "mqtt:TOPIC"): remember it for loop detection. */
static void rules_touch(struct hub_rules *r, const char *key, int depth)
{
    int64_t mono = rules_mono_ms();
    if (json_object_size(r->touched) > 4096) { /* forget what is too old to cause anything */
        const char *k;
        json_t *v, *tmp;
        json_object_foreach_safe(r->touched, tmp, k, v)
            if (mono - json_integer_value(json_array_get(v, 1)) > HUB_RULES_LOOP_WINDOW_MS)
                json_object_del(r->touched, k);
    }
    json_object_set_new(r->touched, key, json_pack("[i, I]", depth, (json_int_t)mono));
}

/* The plugin arguments of an entity action. Home Assistant's light brightness is 0-255 and
 * brightness_pct 0-100; the hub's (include/hub/plugin.h) is 0-100 %: converted here so
 * imported automations mean what they meant. malloc'd JSON text. */
static char *rules_entity_args(const char *name, const json_t *data)
{
    json_t *d = json_deep_copy(data);
    if (!d) return NULL;
    if (!strncmp(name, "light.", 6)) {
        json_t *pct = json_object_get(d, "brightness_pct"), *b = json_object_get(d, "brightness");
        if (json_is_number(pct)) {
            json_object_set_new(d, "brightness", json_integer(llround(json_number_value(pct))));
            json_object_del(d, "brightness_pct");
        } else if (json_is_number(b)) {
            json_object_set_new(d, "brightness", json_integer(llround(json_number_value(b) * 100.0 / 255.0)));
        }
    }
    char *s = json_dumps(d, JSON_COMPACT);
    json_decref(d);
    return s;
}

/* Execute actions until the run waits or ends. */
static void run_step(struct hub_rules *r, struct run *run)
{
    if (run->stepping) return;
    run->stepping = true;
    char path[512];
    for (int guard = 0; guard < RULES_MAX_STEPS; guard++) {
        if (run->depth == 0) {
            run->stepping = false;
            run_finish(r, run, "finished");
            return;
        }
        struct run_frame *f = &run->frames[run->depth - 1];
        if (f->idx >= json_array_size(f->actions)) {
            run->depth--;
            continue;
        }
        json_t *a = json_array_get(f->actions, f->idx++);
        run_path(run, path, sizeof path);
        int64_t now = hub_clock_now_ms();
        const char *name = json_string_value(json_object_get(a, "action"));
        json_t *data = name ? tpl_render_json(r, json_object_get(a, "data"), run->vars) : NULL;
        if (name) {
            char err[300] = "";
            int rc = HUB_OK;
            if (!strcmp(name, "mqtt.publish")) {
                json_t *p = json_object_get(data, "payload");
                char *payload = json_is_string(p) ? strdup(json_string_value(p))
                                : p ? json_dumps(p, JSON_COMPACT | JSON_ENCODE_ANY) : strdup("");
                json_t *q = json_object_get(data, "qos");
                const char *topic = json_string_value(json_object_get(data, "topic"));
                rc = payload ? run_publish(r, topic, payload, q ? (int)json_integer_value(q) : 0,
                                           json_is_true(json_object_get(data, "retain")))
                             : HUB_ERR_NOMEM;
                char key[300];
                pathf(key, sizeof key, "mqtt:%s", topic);
                if (!rc) rules_touch(r, key, run->cause_depth);
                free(payload);
                if (rc) snprintf(err, sizeof err, "publish: %s", hub_strerror(rc));
            } else if (!strncmp(name, "notify.", 7)) {
                json_t *n = json_pack("{s:O, s:O?, s:s, s:s, s:I}", "message", json_object_get(data, "message"),
                                      "title", json_object_get(data, "title"), "rule_id", run->rule->id,
                                      "service", name + 7, "t", (json_int_t)now);
                char *s = n ? json_dumps(n, JSON_COMPACT) : NULL;
                rc = s ? run_publish(r, "hub/notify", s, 1, false) : HUB_ERR_NOMEM;
                free(s);
                json_decref(n);
                if (rc) snprintf(err, sizeof err, "hub/notify: %s", hub_strerror(rc));
            } else if (!strcmp(name, "conversation.process")) {
                const char *lang = json_string_value(json_object_get(data, "language"));
                if (!r->env.command) {
                    rc = HUB_ERR_UNAVAILABLE;
                    snprintf(err, sizeof err, "language engine not available");
                } else {
                    rc = r->env.command(r->env.ud, json_string_value(json_object_get(data, "text")), lang,
                                        err, sizeof err);
                }
            } else {
                const char *verb = strchr(name, '.') + 1;
                json_t *ents = json_object_get(json_object_get(a, "target"), "entity_id");
                char *args = rules_entity_args(name, data);
                size_t n = json_is_array(ents) ? json_array_size(ents) : 1;
                for (size_t i = 0; i < n && rc == HUB_OK; i++) {
                    const char *e = json_is_array(ents) ? json_string_value(json_array_get(ents, i))
                                                        : json_string_value(ents);
                    if (!r->env.execute) {
                        rc = HUB_ERR_UNAVAILABLE;
                        snprintf(err, sizeof err, "no plugins");
                    } else if (!(rc = r->env.execute(r->env.ud, e, verb, args ? args : "{}", err, sizeof err))) {
                        rules_touch(r, e, run->cause_depth);
                    } else {
                        char tmp[300];
                        pathf(tmp, sizeof tmp, "%s: %s", e, err[0] ? err : hub_strerror(rc));
                        snprintf(err, sizeof err, "%s", tmp);
                    }
                }
                free(args);
            }
            step_add(run, path, name, rc ? "error" : "ok", rc ? err : NULL);
            json_decref(data);
            if (rc) {
                hub_warn(TAG, "rule '%s': %s failed: %s", run->rule->id, name, err);
                run->stepping = false;
                run_finish(r, run, "error");
                return;
            }
            continue;
        }
        json_t *delay = json_object_get(a, "delay");
        if (delay) {
            int64_t ms = 0;
            parse_duration(delay, false, &ms);
            run->wait = WAIT_DELAY;
            run->deadline = now + ms;
            step_add(run, path, "delay", "waiting", NULL);
            run_save(r, run);
            run->stepping = false;
            return;
        }
        if (json_object_get(a, "wait_for_trigger") || json_object_get(a, "wait_for_state")) {
            json_t *spec = wait_spec_of(a);
            bool done = false;
            if (json_is_true(json_object_get(spec, "check_now"))) {
                json_t *t0 = json_array_get(json_object_get(spec, "triggers"), 0);
                json_t *ents = json_object_get(t0, "entity_id");
                size_t n = json_is_array(ents) ? json_array_size(ents) : 1;
                for (size_t i = 0; i < n && !done; i++) {
                    const char *e = json_is_array(ents) ? json_string_value(json_array_get(ents, i))
                                                        : json_string_value(ents);
                    done = wait_matches(spec, e, NULL, entity_state(r, e));
                }
            }
            if (done) {
                json_decref(spec);
                step_add(run, path, "wait", "already there", NULL);
                continue;
            }
            int64_t timeout = 0;
            json_t *to = json_object_get(a, "timeout");
            if (to) parse_duration(to, false, &timeout);
            run->wait = WAIT_STATE;
            run->deadline = to ? now + timeout : 0;
            json_decref(run->wait_spec);
            run->wait_spec = spec;
            step_add(run, path, "wait", "waiting", NULL);
            run_save(r, run);
            run->stepping = false;
            return;
        }
        json_t *ifc = json_object_get(a, "if");
        if (ifc || json_object_get(a, "choose")) {
            const char *key = NULL;
            char keybuf[48];
            if (ifc) {
                bool ok = cond_list_all(r, ifc, now, run->vars);
                key = ok ? "then" : json_object_get(a, "else") ? "else" : NULL;
                step_add(run, path, "if", ok ? "then" : "else", NULL);
            } else {
                size_t i;
                json_t *opt;
                json_array_foreach(json_object_get(a, "choose"), i, opt) {
                    if (cond_list_all(r, json_object_get(opt, "conditions"), now, run->vars)) {
                        snprintf(keybuf, sizeof keybuf, "choose[%zu].sequence", i);
                        key = keybuf;
                        break;
                    }
                }
                if (!key && json_object_get(a, "default")) key = "default";
                step_add(run, path, "choose", key ? key : "none", NULL);
            }
            if (key) {
                if (run->depth >= RULES_MAX_FRAMES) {
                    run->stepping = false;
                    run_finish(r, run, "error");
                    return;
                }
                struct run_frame *nf = &run->frames[run->depth++];
                nf->actions = frame_child(a, key);
                nf->idx = 0;
                snprintf(nf->key, sizeof nf->key, "%s", key);
            }
            continue;
        }
        if (json_object_get(a, "condition")) {
            bool ok = cond_eval(r, a, now, run->vars);
            step_add(run, path, "condition", ok ? "true" : "false", NULL);
            if (!ok) {
                run->stepping = false;
                run_finish(r, run, "stopped");
                return;
            }
            continue;
        }
        step_add(run, path, "unknown", "skipped", NULL);
    }
    /* A long list: yield to the loop and go on at the next tick. */
    run->wait = WAIT_DELAY;
    run->deadline = hub_clock_now_ms();
    run->stepping = false;
}

static void run_start(struct hub_rules *r, struct rule *ru, json_t *vars, json_t *conds, int depth)
{
    struct run *run = calloc(1, sizeof *run);
    if (!run) {
        json_decref(vars);
        json_decref(conds);
        return;
    }
    run->rule = ru;
    run->cause_depth = depth;
    run->vars = vars;
    run->conds = conds ? conds : json_array();
    run->steps = json_array();
    run->started = hub_clock_now_ms();
    run->frames[0].actions = json_object_get(ru->cfg, "actions");
    snprintf(run->frames[0].key, sizeof run->frames[0].key, "actions");
    run->depth = 1;
    json_t *t = run_trace(run, "running", 0);
    run->id = run_insert(r, ru, run->started, "running", t);
    json_decref(t);
    run->next = r->runs;
    r->runs = run;
    hub_info(TAG, "rule '%s' run %lld started (%s)", ru->id, (long long)run->id,
             json_string_value(json_object_get(vars, "description")) ? json_string_value(json_object_get(vars, "description")) : "trigger");
    run_step(r, run);
}

static void rule_cancel(struct hub_rules *r, struct rule *ru, const char *status)
{
    for (struct run *x = r->runs, *nx; x; x = nx) {
        nx = x->next;
        if (x->rule == ru) {
            json_array_clear(ru->queue);
            run_finish(r, x, status);
            nx = r->runs; /* the list may have changed */
        }
    }
    for (struct rule_for **p = &r->fors; *p;) {
        struct rule_for *f = *p;
        if (f->rule == ru) {
            *p = f->next;
            db_pend_del(r, f->pend_id);
            free(f->entity);
            json_decref(f->vars);
            free(f);
        } else {
            p = &f->next;
        }
    }
    json_array_clear(ru->queue);
}

/* A trigger fired: loop check, conditions, mode. vars is stolen. */
static void rule_fire(struct hub_rules *r, struct rule *ru, json_t *vars)
{
    if (!ru->enabled) {
        json_decref(vars);
        return;
    }
    /* Loop detection: is this trigger caused by something a run changed a moment ago? */
    int depth = 0;
    const char *src = json_string_value(json_object_get(vars, "entity_id"));
    char key[300];
    if (!src && json_string_value(json_object_get(vars, "topic"))) {
        pathf(key, sizeof key, "mqtt:%s", json_string_value(json_object_get(vars, "topic")));
        src = key;
    }
    json_t *cause = src ? json_object_get(r->touched, src) : NULL;
    if (cause && rules_mono_ms() - json_integer_value(json_array_get(cause, 1)) < HUB_RULES_LOOP_WINDOW_MS)
        depth = (int)json_integer_value(json_array_get(cause, 0)) + 1;
    if (depth >= HUB_RULES_LOOP_MAX) {
        hub_error(TAG, "rule '%s' is in a loop: triggered by %s, changed by a run that was itself "
                       "started by a rule's change, %d times in a row; it keeps triggering itself: "
                       "disabled it (enable it again with rules/enable or hubctl rules enable %s)",
                  ru->id, src, depth, ru->id);
        json_object_del(r->touched, src);
        ru->enabled = false;
        rule_cancel(r, ru, "cancelled");
        sqlite3_stmt *s = q_get(r, Q_RULE_ENABLE);
        if (s) {
            sqlite3_bind_text(s, 1, ru->id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(s, 2, 0);
            q_done(r, s);
        }
        json_t *n = json_pack("{s:s, s:s, s:s}", "message", "automation disabled: it keeps triggering itself",
                              "rule_id", ru->id, "error", "loop");
        char *txt = n ? json_dumps(n, JSON_COMPACT) : NULL;
        if (txt) run_publish(r, "hub/notify", txt, 1, false);
        free(txt);
        json_decref(n);
        json_decref(vars);
        return;
    }
    int64_t now = hub_clock_now_ms();
    json_t *conds = json_array();
    bool all = true;
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(ru->cfg, "conditions"), i, c) {
        bool ok = cond_eval(r, c, now, vars);
        char p[32];
        pathf(p, sizeof p, "conditions[%zu]", i);
        json_array_append_new(conds, json_pack("{s:s, s:s, s:b}", "path", p, "condition",
                                               json_string_value(json_object_get(c, "condition")), "result", ok));
        if (!ok) {
            all = false;
            break;
        }
    }
    if (!all) {
        json_t *t = json_pack("{s:s, s:I, s:I, s:O, s:o, s:[], s:s, s:I}", "rule_id", ru->id, "version",
                              (json_int_t)ru->version, "started", (json_int_t)now, "trigger", vars,
                              "conditions", conds, "actions", "status", "condition_failed", "finished",
                              (json_int_t)now);
        run_insert(r, ru, now, "condition_failed", t);
        hub_debug(TAG, "rule '%s': conditions not met", ru->id);
        json_decref(t);
        json_decref(vars);
        return;
    }
    ru->last_triggered = now;
    sqlite3_stmt *s = q_get(r, Q_RULE_TRIGGERED);
    if (s) {
        sqlite3_bind_text(s, 1, ru->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 2, now);
        q_done(r, s);
    }
    int running = rule_running(r, ru);
    switch (ru->mode) {
    case MODE_SINGLE:
        if (running) {
            hub_info(TAG, "rule '%s' is already running (mode single): trigger ignored", ru->id);
            json_decref(conds);
            json_decref(vars);
            return;
        }
        break;
    case MODE_RESTART:
        if (running) rule_cancel(r, ru, "restarted");
        break;
    case MODE_QUEUED:
        if (running) {
            if (json_array_size(ru->queue) + 1 >= (size_t)ru->max) {
                hub_warn(TAG, "rule '%s': queue full (max %d): trigger dropped", ru->id, ru->max);
                json_decref(conds);
                json_decref(vars);
            } else {
                json_array_append_new(ru->queue, json_pack("{s:o, s:o, s:i}", "vars", vars, "conds", conds,
                                                           "depth", depth));
            }
            return;
        }
        break;
    case MODE_PARALLEL:
        if (running >= ru->max) {
            hub_warn(TAG, "rule '%s': %d runs already (max): trigger dropped", ru->id, running);
            json_decref(conds);
            json_decref(vars);
            return;
        }
        break;
    }
    run_start(r, ru, vars, conds, depth);
}

static json_t *vars_new(const char *type, size_t idx, const json_t *trig, const char *desc)
{
    json_t *v = json_pack("{s:s, s:I, s:s}", "platform", type, "idx", (json_int_t)idx, "description", desc);
    json_t *id = json_object_get(trig, "id");
    char num[24];
    snprintf(num, sizeof num, "%zu", idx); /* Home Assistant's default trigger id: the index */
    if (v) json_object_set_new(v, "id", json_is_string(id) ? json_incref(id) : json_string(num));
    return v;
}

/* ---- triggers: state, numeric_state with `for` -------------------------------------------- */

static struct rule_for *for_find(struct hub_rules *r, const struct rule *ru, int trig, const char *entity)
{
    for (struct rule_for *f = r->fors; f; f = f->next)
        if (f->rule == ru && f->trig == trig && str_eq(f->entity, entity)) return f;
    return NULL;
}

static void for_remove(struct hub_rules *r, struct rule_for *f)
{
    for (struct rule_for **p = &r->fors; *p; p = &(*p)->next)
        if (*p == f) {
            *p = f->next;
            break;
        }
    db_pend_del(r, f->pend_id);
    free(f->entity);
    json_decref(f->vars);
    free(f);
}

static struct rule_for *for_add(struct hub_rules *r, struct rule *ru, int trig, const char *entity,
                                int64_t deadline, json_t *vars /* stolen */, int64_t pend_id)
{
    struct rule_for *f = calloc(1, sizeof *f);
    if (!f || !(f->entity = strdup(entity))) {
        free(f);
        json_decref(vars);
        return NULL;
    }
    f->rule = ru;
    f->trig = trig;
    f->deadline = deadline;
    f->vars = vars;
    if (pend_id) {
        f->pend_id = pend_id;
    } else {
        json_t *d = json_pack("{s:i, s:s, s:O, s:I}", "trig", trig, "entity", entity, "vars", vars,
                              "version", (json_int_t)ru->version);
        f->pend_id = d ? db_pend_put(r, 0, ru->id, "for", deadline, d) : 0;
        json_decref(d);
    }
    f->next = r->fors;
    r->fors = f;
    return f;
}

/* Does trigger t still hold for entity in state `st` (for a pending `for`)? */
static bool trigger_holds(struct hub_rules *r, const json_t *t, const char *entity, const char *st)
{
    const char *type = json_string_value(json_object_get(t, "trigger"));
    if (str_eq(type, "state")) {
        json_t *to = json_object_get(t, "to");
        return to ? match_state(to, st) : false;
    }
    double v;
    return entity_number(r, entity, json_string_value(json_object_get(t, "attribute")), st, &v) &&
           in_range(t, v);
}

static void on_state(void *ud, const char *entity, const struct hub_state *s)
{
    struct hub_rules *r = ud;
    if (r->stopped) return;
    const char *now_state = s ? s->state : NULL;
    json_t *prevj = json_object_get(r->last_state, entity);
    char *prev = prevj ? strdup(json_string_value(prevj)) : NULL;
    if (now_state) json_object_set_new(r->last_state, entity, json_string(now_state));
    if (str_eq(prev, now_state) || !now_state) { /* attributes only */
        free(prev);
        return;
    }
    /* A device that is away (hubd restarting, radio trouble) is no change of state for rules:
     * `for` durations go on, and coming back in the same state fires nothing. Only triggers
     * that name "unavailable" in `to` see it. */
    bool away = !strcmp(now_state, "unavailable");
    if (away) {
        if (prev) json_object_set_new(r->last_state, entity, json_string(prev));
        else json_object_del(r->last_state, entity);
    }
    int64_t now = hub_clock_now_ms();
    /* A pending `for` ends when its entity leaves the state. */
    for (struct rule_for *f = away ? NULL : r->fors, *nf; f; f = nf) {
        nf = f->next;
        if (!str_eq(f->entity, entity)) continue;
        json_t *t = json_array_get(json_object_get(f->rule->cfg, "triggers"), (size_t)f->trig);
        if (!trigger_holds(r, t, entity, now_state)) {
            hub_debug(TAG, "rule '%s': %s left the state; 'for' cancelled", f->rule->id, entity);
            for_remove(r, f);
        }
    }
    for (size_t k = 0; k < r->n_rules; k++) {
        struct rule *ru = r->rules[k];
        if (!ru->enabled) continue;
        size_t i;
        json_t *t;
        json_array_foreach(json_object_get(ru->cfg, "triggers"), i, t) {
            const char *type = json_string_value(json_object_get(t, "trigger"));
            bool state_t = str_eq(type, "state"), num_t = str_eq(type, "numeric_state");
            if ((!state_t && !num_t) || !entity_listed(json_object_get(t, "entity_id"), entity)) continue;
            if (away && (!state_t || !match_state(json_object_get(t, "to"), now_state) ||
                         !json_object_get(t, "to")))
                continue;
            if (state_t) {
                json_t *from = json_object_get(t, "from");
                if (from && !prev) continue;
                if (!match_state(from, prev) || !match_state(json_object_get(t, "to"), now_state)) continue;
            } else {
                const char *attr = json_string_value(json_object_get(t, "attribute"));
                double v, pv;
                if (!entity_number(r, entity, attr, now_state, &v) || !in_range(t, v)) continue;
                if (prev && entity_number(r, entity, attr, prev, &pv) && in_range(t, pv)) continue;
            }
            char desc[400];
            snprintf(desc, sizeof desc, "%s %s: %s -> %s", type, entity, prev ? prev : "(none)", now_state);
            json_t *vars = vars_new(type, i, t, desc);
            json_object_set_new(vars, "entity_id", json_string(entity));
            if (prev) json_object_set_new(vars, "from", json_string(prev));
            json_object_set_new(vars, "to", json_string(now_state));
            json_t *fo = json_object_get(t, "for");
            int64_t ms;
            if (fo && parse_duration(fo, false, &ms)) {
                if (!for_find(r, ru, (int)i, entity)) {
                    for_add(r, ru, (int)i, entity, now + ms, vars, 0);
                    hub_debug(TAG, "rule '%s': %s; waiting %lld ms ('for')", ru->id, desc, (long long)ms);
                } else {
                    json_decref(vars);
                }
            } else {
                rule_fire(r, ru, vars);
            }
        }
    }
    /* Waiting runs. */
    for (bool again = !away; again;) {
        again = false;
        for (struct run *x = r->runs; x; x = x->next) {
            if (x->wait != WAIT_STATE || x->stepping || !wait_matches(x->wait_spec, entity, prev, now_state))
                continue;
            char path[512], what[300];
            run_path(x, path, sizeof path);
            pathf(what, sizeof what, "%s -> %s", entity, now_state);
            step_add(x, path, "wait", "done", NULL);
            json_object_set_new(json_array_get(x->steps, json_array_size(x->steps) - 1), "by", json_string(what));
            x->wait = WAIT_NONE;
            db_pend_del(r, x->pend_id);
            x->pend_id = 0;
            run_step(r, x);
            again = true; /* the list changed */
            break;
        }
    }
    free(prev);
}

/* ---- tick: deadlines, time and sun triggers ----------------------------------------------- */

static void rules_tick(uv_timer_t *t)
{
    struct hub_rules *r = t->data;
    int64_t now = hub_clock_now_ms();
    for (int guard = 0; guard < 10000; guard++) {
        struct rule_for *due = NULL;
        for (struct rule_for *f = r->fors; f; f = f->next)
            if (f->deadline <= now) {
                due = f;
                break;
            }
        if (!due) break;
        struct rule *ru = due->rule;
        json_t *vars = json_incref(due->vars);
        for_remove(r, due);
        rule_fire(r, ru, vars);
    }
    for (int guard = 0; guard < 10000; guard++) {
        struct run *due = NULL;
        for (struct run *x = r->runs; x; x = x->next)
            if (x->wait != WAIT_NONE && x->deadline && x->deadline <= now && !x->stepping) {
                due = x;
                break;
            }
        if (!due) break;
        char path[512];
        run_path(due, path, sizeof path);
        enum run_wait w = due->wait;
        due->wait = WAIT_NONE;
        db_pend_del(r, due->pend_id);
        due->pend_id = 0;
        if (w == WAIT_DELAY) {
            step_add(due, path, "delay", "done", NULL);
        } else {
            step_add(due, path, "wait", "timeout", NULL);
            if (!json_is_true(json_object_get(due->wait_spec, "continue_on_timeout"))) {
                run_finish(r, due, "timeout");
                continue;
            }
        }
        run_step(r, due);
    }
    for (size_t k = 0; k < r->n_rules; k++) {
        struct rule *ru = r->rules[k];
        size_t i;
        json_t *tr;
        json_array_foreach(json_object_get(ru->cfg, "triggers"), i, tr) {
            if (!ru->next_ms[i] || ru->next_ms[i] > now) continue;
            const char *type = json_string_value(json_object_get(tr, "trigger"));
            char desc[160];
            struct tm tm;
            hub_clock_local(ru->next_ms[i], &tm);
            snprintf(desc, sizeof desc, "%s at %04d-%02d-%02d %02d:%02d:%02d", type, tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
            json_t *vars = vars_new(type, i, tr, desc);
            json_object_set_new(vars, "at", json_integer(ru->next_ms[i]));
            ru->next_ms[i] = trigger_next(r, tr, now);
            rule_fire(r, ru, vars);
        }
    }
}

/* ---- MQTT and phrases --------------------------------------------------------------------- */

static void rules_answer(struct hub_rules *r, const json_t *id, bool ok, json_t *result, const char *err)
{
    json_t *a = json_pack("{s:b}", "success", ok);
    if (!a) return;
    if (id) json_object_set(a, "id", (json_t *)id);
    if (ok && result) json_object_set(a, "result", result);
    if (!ok) json_object_set_new(a, "error", json_string(err ? err : "failed"));
    char *s = json_dumps(a, JSON_COMPACT);
    if (s) run_publish(r, "hub/rules/result", s, 1, false);
    free(s);
    json_decref(a);
}

bool hub_rules_on_mqtt(struct hub_rules *r, const char *topic, const void *payload, size_t len, bool retain)
{
    if (!r) return false;
    if (strcmp(topic, "hub/rules/request") == 0) {
        if (retain) return true; /* a retained request would run again at every start */
        char err[1024] = "";
        json_error_t jerr;
        json_t *req = len <= RULES_REQUEST_MAX ? json_loadb(payload, len, JSON_REJECT_DUPLICATES, &jerr) : NULL;
        const char *type = json_string_value(json_object_get(req, "type"));
        json_t *id = json_object_get(req, "id");
        if (!json_is_object(req) || !type) {
            rules_answer(r, id, false, NULL, "expected {\"id\", \"type\": \"rules/...\", ...}");
        } else {
            json_t *res = hub_rules_api(r, type, req, err, sizeof err);
            rules_answer(r, id, res != NULL, res, err);
            json_decref(res);
        }
        json_decref(req);
        return true;
    }
    if (r->stopped || !r->mqtt_triggers) return false;
    for (size_t k = 0; k < r->n_rules; k++) {
        struct rule *ru = r->rules[k];
        if (!ru->enabled) continue;
        size_t i;
        json_t *t;
        json_array_foreach(json_object_get(ru->cfg, "triggers"), i, t) {
            if (!str_eq(json_string_value(json_object_get(t, "trigger")), "mqtt")) continue;
            bool match = false;
            if (mosquitto_topic_matches_sub(json_string_value(json_object_get(t, "topic")), topic, &match) !=
                    MOSQ_ERR_SUCCESS || !match)
                continue;
            json_t *want = json_object_get(t, "payload");
            if (want && (json_string_length(want) != len || memcmp(json_string_value(want), payload, len) != 0))
                continue;
            char desc[300];
            snprintf(desc, sizeof desc, "mqtt %s", topic);
            json_t *vars = vars_new("mqtt", i, t, desc);
            json_object_set_new(vars, "topic", json_string(topic));
            json_t *p = json_stringn(payload, len); /* NULL when not UTF-8 */
            if (p) json_object_set_new(vars, "payload", p);
            rule_fire(r, ru, vars);
        }
    }
    return false;
}

/* Lower case (ASCII), single spaces, no surrounding spaces or final punctuation. */
static void phrase_norm(const char *in, char *out, size_t outlen)
{
    size_t o = 0;
    bool space = false;
    for (const unsigned char *p = (const unsigned char *)in; *p && o + 1 < outlen; p++) {
        if (isspace(*p)) {
            space = o > 0;
            continue;
        }
        if (space && o + 2 < outlen) out[o++] = ' ';
        space = false;
        out[o++] = (char)tolower(*p);
    }
    out[o] = '\0';
    for (;;) { /* ASCII . ! ? and the full-width 。！？ */
        if (o && strchr(".!?", out[o - 1])) out[--o] = '\0';
        else if (o >= 3 && (!strcmp(out + o - 3, "\xe3\x80\x82") || !strcmp(out + o - 3, "\xef\xbc\x81") ||
                            !strcmp(out + o - 3, "\xef\xbc\x9f")))
            out[o -= 3] = '\0';
        else break;
    }
    while (o && out[o - 1] == ' ') out[--o] = '\0';
}

int hub_rules_phrase(struct hub_rules *r, const char *text)
{
    if (!r || !text || r->stopped) return 0;
    char want[1024], have[1024];
    phrase_norm(text, want, sizeof want);
    int n = 0;
    for (size_t k = 0; k < r->n_rules; k++) {
        struct rule *ru = r->rules[k];
        if (!ru->enabled) continue;
        size_t i;
        json_t *t;
        json_array_foreach(json_object_get(ru->cfg, "triggers"), i, t) {
            if (!str_eq(json_string_value(json_object_get(t, "trigger")), "conversation")) continue;
            json_t *c = json_object_get(t, "command");
            size_t nc = json_is_array(c) ? json_array_size(c) : 1, j;
            for (j = 0; j < nc; j++) {
                phrase_norm(json_string_value(json_is_array(c) ? json_array_get(c, j) : c), have, sizeof have);
                if (!strcmp(want, have)) break;
            }
            if (j == nc) continue;
            char desc[1100];
            snprintf(desc, sizeof desc, "conversation \"%s\"", text);
            json_t *vars = vars_new("conversation", i, t, desc);
            json_object_set_new(vars, "sentence", json_string(text));
            rule_fire(r, ru, vars);
            n++;
            break;
        }
    }
    return n;
}

/* ---- life cycle --------------------------------------------------------------------------- */

static int last_state_cb(void *ud, const struct hub_entity *e)
{
    struct hub_rules *r = ud;
    const char *s = entity_state(r, e->id);
    if (s) json_object_set_new(r->last_state, e->id, json_string(s));
    return 0;
}

static int rules_load(struct hub_rules *r, char *err, size_t errlen)
{
    sqlite3_stmt *s = q_get(r, Q_RULE_ALL);
    if (!s) {
        snprintf(err, errlen, "rules: cannot read the rules table: %s", sqlite3_errmsg(r->db));
        return HUB_ERR_IO;
    }
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(s, 0);
        const char *cfg_text = (const char *)sqlite3_column_text(s, 3);
        json_error_t jerr;
        json_t *cfg = cfg_text ? json_loads(cfg_text, 0, &jerr) : NULL;
        if (!json_is_object(cfg) || !str_eq(json_string_value(json_object_get(cfg, "id")), id)) {
            hub_error(TAG, "rule '%s' in the database is damaged; skipped", id ? id : "?");
            json_decref(cfg);
            continue;
        }
        struct rule *ru = rule_new(r, cfg, sqlite3_column_int64(s, 1), sqlite3_column_int(s, 2) != 0);
        if (!ru || rules_add(r, ru)) {
            rule_free(ru);
            sqlite3_reset(s);
            snprintf(err, errlen, "rules: out of memory");
            return HUB_ERR_NOMEM;
        }
        ru->last_triggered = sqlite3_column_int64(s, 4);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        snprintf(err, errlen, "rules: reading the rules table: %s", sqlite3_errmsg(r->db));
        return HUB_ERR_IO;
    }
    return HUB_OK;
}

struct hub_rules *hub_rules_new(const struct hub_rules_env *env, char *err, size_t errlen)
{
    struct hub_rules *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "rules: out of memory");
        return NULL;
    }
    r->env = *env;
    r->db = (sqlite3 *)hub_store_sqlite(env->store);
    r->last_state = json_object();
    r->touched = json_object();
    if (!r->db || !r->last_state || !r->touched) {
        snprintf(err, errlen, "rules: no database");
        hub_rules_free(r);
        return NULL;
    }
    if (env->reg) hub_registry_foreach(env->reg, last_state_cb, r);
    if (rules_load(r, err, errlen)) {
        hub_rules_free(r);
        return NULL;
    }
    if (env->states) hub_states_add_listener(env->states, on_state, r);
    if (env->subscribe) env->subscribe(env->ud, "hub/rules/request", 1);
    return r;
}

/* Pending `for`s and waiting runs saved before the last stop. */
static void rules_resume(struct hub_rules *r)
{
    sqlite3_stmt *s = q_get(r, Q_PEND_ALL);
    if (!s) return;
    json_t *rows = json_array();
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(s, 4);
        json_t *data = d ? json_loads(d, 0, NULL) : NULL;
        json_array_append_new(rows, json_pack("{s:I, s:s, s:s, s:I, s:o?}", "id",
                                              (json_int_t)sqlite3_column_int64(s, 0), "rule_id",
                                              (const char *)sqlite3_column_text(s, 1), "kind",
                                              (const char *)sqlite3_column_text(s, 2), "deadline",
                                              (json_int_t)sqlite3_column_int64(s, 3), "data", data));
    }
    sqlite3_reset(s);
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        int64_t pid = json_integer_value(json_object_get(row, "id"));
        const char *rid = json_string_value(json_object_get(row, "rule_id"));
        const char *kind = json_string_value(json_object_get(row, "kind"));
        int64_t deadline = json_integer_value(json_object_get(row, "deadline"));
        json_t *data = json_object_get(row, "data");
        struct rule *ru = rule_find(r, rid);
        bool kept = false;
        if (ru && ru->enabled && json_integer_value(json_object_get(data, "version")) == ru->version) {
            if (str_eq(kind, "for")) {
                int trig = (int)json_integer_value(json_object_get(data, "trig"));
                const char *e = json_string_value(json_object_get(data, "entity"));
                json_t *t = json_array_get(json_object_get(ru->cfg, "triggers"), (size_t)trig);
                const char *cur = e ? entity_state(r, e) : NULL;
                if (t && e && (!cur || trigger_holds(r, t, e, cur))) {
                    for_add(r, ru, trig, e, deadline, json_incref(json_object_get(data, "vars")), pid);
                    hub_info(TAG, "rule '%s': resumed 'for' on %s, due in %lld ms", ru->id, e,
                             (long long)(deadline - hub_clock_now_ms()));
                    kept = true;
                }
            } else if (str_eq(kind, "run")) {
                struct run *run = calloc(1, sizeof *run);
                json_t *frames = json_object_get(data, "frames");
                bool ok = run && json_array_size(frames) >= 1 && json_array_size(frames) <= RULES_MAX_FRAMES;
                size_t k;
                json_t *fr;
                json_array_foreach(ok ? frames : NULL, k, fr) {
                    const char *key = json_string_value(json_object_get(fr, "key"));
                    json_int_t idx = json_integer_value(json_object_get(fr, "idx"));
                    json_t *list = NULL;
                    if (k == 0) list = str_eq(key, "actions") ? json_object_get(ru->cfg, "actions") : NULL;
                    else if (key) {
                        struct run_frame *p = &run->frames[k - 1];
                        list = p->idx ? frame_child(json_array_get(p->actions, p->idx - 1), key) : NULL;
                    }
                    if (!json_is_array(list) || idx < 0 || (size_t)idx > json_array_size(list)) {
                        ok = false;
                        break;
                    }
                    run->frames[k].actions = list;
                    run->frames[k].idx = (size_t)idx;
                    snprintf(run->frames[k].key, sizeof run->frames[k].key, "%s", key);
                }
                if (ok) {
                    run->depth = (int)json_array_size(frames);
                    run->rule = ru;
                    run->id = json_integer_value(json_object_get(data, "run_id"));
                    run->started = json_integer_value(json_object_get(data, "started"));
                    run->vars = json_incref(json_object_get(data, "vars"));
                    run->conds = json_incref(json_object_get(data, "conds"));
                    run->steps = json_incref(json_object_get(data, "steps"));
                    if (!run->steps) run->steps = json_array();
                    run->wait = str_eq(json_string_value(json_object_get(data, "wait")), "delay") ? WAIT_DELAY : WAIT_STATE;
                    run->wait_spec = json_incref(json_object_get(data, "spec"));
                    run->deadline = deadline;
                    run->pend_id = pid;
                    run->next = r->runs;
                    r->runs = run;
                    hub_info(TAG, "rule '%s' run %lld resumed (%s)", ru->id, (long long)run->id,
                             run->wait == WAIT_DELAY ? "delay" : "wait");
                    kept = true;
                } else {
                    free(run);
                }
            }
        }
        if (!kept) {
            hub_info(TAG, "dropped a pending %s of rule '%s' (rule changed, disabled, removed, or state moved on)",
                     kind ? kind : "?", rid ? rid : "?");
            db_pend_del(r, pid);
        }
    }
    json_decref(rows);
}

int hub_rules_start(struct hub_rules *r)
{
    if (!r || r->started) return HUB_OK;
    r->started = true;
    int rc = uv_timer_init(r->env.loop, &r->tick);
    if (rc) {
        hub_error(TAG, "uv_timer_init: %s", uv_strerror(rc));
        return HUB_ERR_IO;
    }
    r->tick.data = r;
    r->tick_init = true;
    rules_resume(r);
    for (size_t k = 0; k < r->n_rules; k++) {
        struct rule *ru = r->rules[k];
        size_t i;
        json_t *t;
        json_array_foreach(json_object_get(ru->cfg, "triggers"), i, t) {
            const char *type = json_string_value(json_object_get(t, "trigger"));
            if (str_eq(type, "homeassistant") || str_eq(type, "hub")) rule_fire(r, ru, vars_new(type, i, t, "hub start"));
        }
    }
    rc = uv_timer_start(&r->tick, rules_tick, RULES_TICK_MS, RULES_TICK_MS);
    if (rc) hub_error(TAG, "uv_timer_start: %s", uv_strerror(rc));
    hub_info(TAG, "%zu rules, %s clock%s", r->n_rules, hub_clock_is_fake() ? "test" : "system",
             r->env.have_location ? "" : ", no location (sun triggers off)");
    return HUB_OK;
}

void hub_rules_stop(struct hub_rules *r)
{
    if (!r || !r->tick_init) return;
    r->env.execute = NULL; /* the plugins are going away */
    r->env.publish = NULL;
    uv_timer_stop(&r->tick);
    uv_close((uv_handle_t *)&r->tick, NULL);
    r->tick_init = false;
    r->started = false;
    r->stopped = true;
}

void hub_rules_free(struct hub_rules *r)
{
    if (!r) return;
    while (r->runs) {
        struct run *x = r->runs;
        r->runs = x->next;
        run_free(x);
    }
    while (r->fors) {
        struct rule_for *f = r->fors;
        r->fors = f->next;
        free(f->entity);
        json_decref(f->vars);
        free(f);
    }
    for (size_t i = 0; i < r->n_rules; i++) rule_free(r->rules[i]);
    free(r->rules);
    for (int i = 0; i < Q_COUNT_; i++) sqlite3_finalize(r->q[i]);
    json_decref(r->last_state);
    json_decref(r->touched);
    free(r);
}

size_t hub_rules_count(const struct hub_rules *r)
{
    return r ? r->n_rules : 0;
}

/* ---- API ---------------------------------------------------------------------------------- */

static json_t *api_fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static json_t *api_fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return NULL;
}

static json_t *rule_summary_base(const struct hub_rules *r, const struct rule *ru);

static json_t *rule_summary(const struct hub_rules *r, const struct rule *ru)
{
    /* next: per trigger, when a time or sun trigger fires next (clock ms), else null. */
    json_t *next = json_array();
    for (size_t i = 0; i < json_array_size(json_object_get(ru->cfg, "triggers")); i++)
        json_array_append_new(next, ru->next_ms[i] ? json_integer(ru->next_ms[i]) : json_null());
    json_t *o = rule_summary_base(r, ru);
    if (o) json_object_set_new(o, "next", next);
    else json_decref(next);
    return o;
}

static json_t *rule_summary_base(const struct hub_rules *r, const struct rule *ru)
{
    return json_pack("{s:s, s:O?, s:b, s:I, s:o?, s:s, s:i, s:i}", "id", ru->id, "alias",
                     json_object_get(ru->cfg, "alias"), "enabled", ru->enabled, "version",
                     (json_int_t)ru->version, "last_triggered",
                     ru->last_triggered ? json_integer(ru->last_triggered) : NULL, "mode",
                     rule_mode_names[ru->mode], "max", ru->max, "running", rule_running(r, ru));
}

/* Put a checked, normalised rule in place (new, or replacing the one with its id). */
static int rule_store(struct hub_rules *r, json_t *cfg /* borrowed */, bool *created)
{
    const char *id = json_string_value(json_object_get(cfg, "id"));
    struct rule *old = rule_find(r, id);
    json_t *init = json_object_get(cfg, "initial_state");
    bool enabled = init ? json_is_true(init) : old ? old->enabled : true;
    struct rule *ru = rule_new(r, json_deep_copy(cfg), old ? old->version + 1 : 1, enabled);
    if (!ru) return HUB_ERR_NOMEM;
    if (old) {
        rule_cancel(r, old, "cancelled");
        ru->last_triggered = old->last_triggered;
        for (size_t i = 0; i < r->n_rules; i++)
            if (r->rules[i] == old) r->rules[i] = ru;
        rule_free(old);
    } else if (rules_add(r, ru)) {
        rule_free(ru);
        return HUB_ERR_NOMEM;
    }
    *created = !old;
    return db_rule_put(r, ru);
}

/* Rules from msg: {"rule": {...}} (one) or {"yaml": "..."} (one or many). Checked and
 * normalised array, or NULL with the error. */
static json_t *api_rules_in(struct hub_rules *r, const json_t *msg, char *err, size_t errlen)
{
    struct chk ck = {.r = r, .err = err, .errlen = errlen};
    const char *yaml = json_string_value(json_object_get(msg, "yaml"));
    json_t *rule = json_object_get(msg, "rule");
    if (yaml) {
        struct hub_yaml_marks *marks = NULL;
        const char *name = json_string_value(json_object_get(msg, "name"));
        ck.name = name ? name : "yaml";
        json_t *doc = hub_yaml_load(yaml, strlen(yaml), ck.name, &marks, err, errlen);
        if (!doc) return NULL;
        ck.marks = marks;
        json_t *out = chk_document(&ck, doc);
        hub_yaml_marks_free(marks);
        json_decref(doc);
        return out;
    }
    if (!json_is_object(rule)) return api_fail(err, errlen, "expected \"rule\": {...} or \"yaml\": \"...\"");
    ck.name = "rule";
    json_t *copy = json_deep_copy(rule);
    json_t *out = chk_document(&ck, copy);
    json_decref(copy);
    return out;
}

static json_t *rules_api(struct hub_rules *r, const char *type, const json_t *msg, char *err, size_t errlen)
{
    err[0] = '\0';
    const char *rid = json_string_value(json_object_get(msg, "rule_id"));
    struct rule *ru = rid ? rule_find(r, rid) : NULL;
    bool needs_rule = !strcmp(type, "rules/get") || !strcmp(type, "rules/update") ||
                      !strcmp(type, "rules/delete") || !strcmp(type, "rules/enable") ||
                      !strcmp(type, "rules/trace") || !strcmp(type, "rules/trigger");
    if (needs_rule && !ru) return api_fail(err, errlen, "not_found: no rule '%s'", rid ? rid : "(rule_id missing)");

    if (!strcmp(type, "rules/list")) {
        json_t *list = json_array();
        for (size_t i = 0; i < r->n_rules; i++) json_array_append_new(list, rule_summary(r, r->rules[i]));
        return json_pack("{s:o}", "rules", list);
    }
    if (!strcmp(type, "rules/get")) {
        json_t *o = rule_summary(r, ru);
        json_object_set(o, "rule", ru->cfg);
        return o;
    }
    if (!strcmp(type, "rules/create") || !strcmp(type, "rules/update") || !strcmp(type, "rules/import")) {
        json_t *rules = api_rules_in(r, msg, err, errlen);
        if (!rules) return NULL;
        bool import = !strcmp(type, "rules/import");
        if (!import && json_array_size(rules) != 1) {
            json_decref(rules);
            return api_fail(err, errlen, "invalid: %s takes one rule (use rules/import for several)", type);
        }
        if (!strcmp(type, "rules/update")) {
            json_object_set_new(json_array_get(rules, 0), "id", json_string(ru->id));
        } else if (!strcmp(type, "rules/create") &&
                   rule_find(r, json_string_value(json_object_get(json_array_get(rules, 0), "id")))) {
            const char *id = json_string_value(json_object_get(json_array_get(rules, 0), "id"));
            json_t *dummy = api_fail(err, errlen, "exists: a rule with id '%s' exists (use rules/update)", id);
            json_decref(rules);
            return dummy;
        }
        json_t *ids = json_array();
        size_t i, created = 0;
        json_t *x;
        int rc = HUB_OK;
        json_array_foreach(rules, i, x) {
            bool c = false;
            if ((rc = rule_store(r, x, &c))) break;
            created += c;
            json_array_append_new(ids, json_string(json_string_value(json_object_get(x, "id"))));
        }
        json_decref(rules);
        if (rc) {
            json_decref(ids);
            return api_fail(err, errlen, "cannot store the rule: %s", hub_strerror(rc));
        }
        hub_info(TAG, "%s: %zu rules (%zu new)", type, json_array_size(ids), created);
        if (import) return json_pack("{s:o, s:I}", "imported", ids, "created", (json_int_t)created);
        struct rule *nr = rule_find(r, json_string_value(json_array_get(ids, 0)));
        json_t *res = json_pack("{s:O, s:I}", "rule_id", json_array_get(ids, 0), "version",
                                (json_int_t)(nr ? nr->version : 0));
        json_decref(ids);
        return res;
    }
    if (!strcmp(type, "rules/delete")) {
        rule_cancel(r, ru, "cancelled");
        db_exec_id(r, Q_RULE_DEL, ru->id);
        db_exec_id(r, Q_RUN_DEL_RULE, ru->id);
        db_exec_id(r, Q_PEND_DEL_RULE, ru->id);
        json_t *res = json_pack("{s:s}", "rule_id", ru->id);
        for (size_t i = 0; i < r->n_rules; i++)
            if (r->rules[i] == ru) {
                memmove(&r->rules[i], &r->rules[i + 1], (r->n_rules - i - 1) * sizeof *r->rules);
                r->n_rules--;
                break;
            }
        rule_free(ru);
        return res;
    }
    if (!strcmp(type, "rules/enable")) {
        json_t *en = json_object_get(msg, "enabled");
        if (en && !json_is_boolean(en)) return api_fail(err, errlen, "invalid: enabled must be true or false");
        bool on = !en || json_is_true(en);
        if (!on) rule_cancel(r, ru, "cancelled");
        if (on && !ru->enabled) rule_schedule(r, ru, hub_clock_now_ms());
        ru->enabled = on;
        sqlite3_stmt *s = q_get(r, Q_RULE_ENABLE);
        if (!s) return api_fail(err, errlen, "database error");
        sqlite3_bind_text(s, 1, ru->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(s, 2, on);
        if (q_done(r, s)) return api_fail(err, errlen, "database error: %s", sqlite3_errmsg(r->db));
        hub_info(TAG, "rule '%s' %s", ru->id, on ? "enabled" : "disabled");
        return json_pack("{s:s, s:b}", "rule_id", ru->id, "enabled", on);
    }
    if (!strcmp(type, "rules/trace")) {
        json_t *lim = json_object_get(msg, "limit");
        json_int_t limit = json_is_integer(lim) ? json_integer_value(lim) : 10;
        if (limit < 1 || limit > HUB_RULES_TRACES_KEPT) limit = HUB_RULES_TRACES_KEPT;
        sqlite3_stmt *s = q_get(r, Q_RUN_LIST);
        if (!s) return api_fail(err, errlen, "database error");
        sqlite3_bind_text(s, 1, ru->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 2, limit);
        json_t *list = json_array();
        while (sqlite3_step(s) == SQLITE_ROW) {
            const char *t = (const char *)sqlite3_column_text(s, 0);
            json_t *tr = t ? json_loads(t, 0, NULL) : NULL;
            if (tr) json_array_append_new(list, tr);
        }
        sqlite3_reset(s);
        return json_pack("{s:s, s:o}", "rule_id", ru->id, "traces", list);
    }
    if (!strcmp(type, "rules/trigger")) {
        json_t *vars = vars_new("manual", 0, NULL, "triggered by hand");
        if (!ru->enabled) {
            json_decref(vars);
            return api_fail(err, errlen, "disabled: rule '%s' is disabled", ru->id);
        }
        if (ru->mode == MODE_RESTART) rule_cancel(r, ru, "restarted");
        run_start(r, ru, vars, NULL, 0);
        return json_pack("{s:s}", "rule_id", ru->id);
    }
    if (!strcmp(type, "rules/export")) {
        json_t *want = json_object_get(msg, "rule_ids");
        json_t *list = json_array();
        for (size_t i = 0; i < r->n_rules; i++) {
            if (want && !entity_listed(want, r->rules[i]->id)) continue;
            json_t *c = json_deep_copy(r->rules[i]->cfg);
            if (!r->rules[i]->enabled) json_object_set_new(c, "initial_state", json_false());
            json_array_append_new(list, c);
        }
        char *y = hub_yaml_dump(list, err, errlen);
        json_decref(list);
        if (!y) return NULL;
        json_t *res = json_pack("{s:s}", "yaml", y);
        free(y);
        return res;
    }
    return api_fail(err, errlen, "unknown_command: '%s'", type);
}

json_t *hub_rules_api(struct hub_rules *r, const char *type, const json_t *msg, char *err, size_t errlen)
{
    static const char *const codes[] = {"not_found: ", "exists: ", "unknown_command: ", "disabled: ",
                                        "invalid: ", "failed: "};
    if (!r || !type || !err || !errlen) return NULL;
    json_t *res = rules_api(r, type, msg, err, errlen);
    if (res) return res;
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (!strncmp(err, codes[i], strlen(codes[i]))) return NULL;
    /* Check and YAML errors (FILE:LINE:COL: ...) are invalid input. */
    char *copy = strdup(err[0] ? err : "failed");
    snprintf(err, errlen, "%s%s", strncmp(err, "cannot", 6) && strncmp(err, "database", 8) ? "invalid: " : "failed: ",
             copy ? copy : "out of memory");
    free(copy);
    return NULL;
}

int hub_rules_check_yaml(struct hub_rules *r, const char *text, size_t len, const char *name, char *err,
                         size_t errlen)
{
    struct hub_yaml_marks *marks = NULL;
    struct chk ck = {.r = r, .name = name ? name : "yaml", .err = err, .errlen = errlen};
    json_t *doc = hub_yaml_load(text, len, ck.name, &marks, err, errlen);
    if (!doc) return HUB_ERR_INVALID;
    ck.marks = marks;
    json_t *out = chk_document(&ck, doc);
    hub_yaml_marks_free(marks);
    json_decref(doc);
    if (!out) return HUB_ERR_INVALID;
    json_decref(out);
    return HUB_OK;
}

/*
 * hubctl.c: talk to a running hub over MQTT.
 *   hubctl [--mqtt HOST:PORT] devices                      every entity (retained hub/state/#)
 *   hubctl [--mqtt HOST:PORT] state ENTITY                 one entity's state JSON
 *   hubctl [--mqtt HOST:PORT] call ENTITY ACTION [k=v ...] run an action (hub/call, QoS 1)
 *   hubctl [--mqtt HOST:PORT] rules list | import FILE | export [ID...] | trace ID [N] |
 *                              get ID | enable ID | disable ID | delete ID | trigger ID
 *                                                          automation rules (hub/rules/request)
 *   hubctl [--mqtt HOST:PORT] say WORDS...                a text command (hub/command), prints
 *                                                          the hub's answer (hub/response)
 *   hubctl [--db FILE] token create NAME | list | revoke NAME
 *                                                          websocket API access tokens, in the
 *                                                          database itself (hubd running or not)
 * A value is taken as JSON when it parses (40, true, [255,0,0]) and as a string otherwise.
 * Exit status: 0 done, 1 failed (error answer, unknown entity, timeout), 2 usage.
 */
#include "config.h"

#include "hub_status.h"
#include "hubd/conf.h"
#include "hubd/store.h"
#include "hubd/token.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <mosquitto.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum ctl_mode { CTL_DEVICES, CTL_STATE, CTL_CALL, CTL_RULES, CTL_SAY };

struct ctl {
    enum ctl_mode mode;
    const char *entity;
    char *call_payload;
    char call_id[64];
    bool subscribed, done;
    int exit_code;
    int64_t quiet_since_ms; /* last SUBACK or message: retained messages follow the SUBACK */
    json_t *states;         /* devices: entity id -> state object */
    const char *rules_cmd;  /* rules: list, import, export, ... */
    char *error;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* "255,0,0" as the JSON array [255,0,0] when every item is a number, else NULL (a string). */
static json_t *number_list(const char *text)
{
    size_t n = strlen(text);
    char *wrapped = malloc(n + 3);
    if (!wrapped) return NULL;
    wrapped[0] = '[';
    memcpy(wrapped + 1, text, n);
    memcpy(wrapped + 1 + n, "]", 2);
    json_t *v = json_loads(wrapped, 0, NULL);
    free(wrapped);
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item) {
        if (!json_is_number(item)) {
            json_decref(v);
            return NULL;
        }
    }
    return v;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: hubctl [--mqtt HOST:PORT] [--timeout SECONDS] [--username U --password P]\n"
               "              devices | state ENTITY | call ENTITY ACTION [key=value ...]\n"
               "       hubctl rules list | import FILE | export [ID...] | trace ID [N] | get ID |\n"
               "                    enable ID | disable ID | delete ID | trigger ID\n"
               "       hubctl say WORDS...   (e.g. hubctl say turn off the kitchen lights)\n"
               "       hubctl [--db FILE] token create NAME | token list | token revoke NAME\n"
               "  e.g. hubctl call light.desk_lamp turn_on brightness=40\n"
               "       hubctl call light.desk_lamp turn_on rgb_color=[255,0,0]\n");
}

static void on_subscribe(struct mosquitto *mosq, void *ud, int mid, int n, const int *granted)
{
    struct ctl *c = ud;
    c->subscribed = true;
    c->quiet_since_ms = now_ms();
    if (n > 0 && granted[0] > 2) {
        c->error = strdup("the broker refused the subscription");
        c->exit_code = 1;
        c->done = true;
        return;
    }
    if (c->mode == CTL_CALL || c->mode == CTL_RULES || c->mode == CTL_SAY) {
        const char *t = c->mode == CTL_CALL    ? "hub/call"
                        : c->mode == CTL_SAY   ? "hub/command"
                                               : "hub/rules/request";
        int rc = mosquitto_publish(mosq, NULL, t, (int)strlen(c->call_payload),
                                   c->call_payload, 1, false);
        if (rc) {
            fprintf(stderr, "hubctl: publish %s: %s\n", t, mosquitto_strerror(rc));
            c->exit_code = 1;
            c->done = true;
        }
    }
}

/* The answer on hub/rules/result: {"id", "success", "result" | "error"}. */
static void rules_answer(struct ctl *c, json_t *j)
{
    const char *id = json_string_value(json_object_get(j, "id"));
    if (!id || strcmp(id, c->call_id) != 0) return; /* someone else's answer */
    c->done = true;
    if (!json_is_true(json_object_get(j, "success"))) {
        const char *e = json_string_value(json_object_get(j, "error"));
        c->error = strdup(e ? e : "failed (no reason given)");
        c->exit_code = 1;
        return;
    }
    c->exit_code = 0;
    json_t *res = json_object_get(j, "result");
    if (!strcmp(c->rules_cmd, "list")) {
        size_t i;
        json_t *r;
        json_array_foreach(json_object_get(res, "rules"), i, r) {
            const char *alias = json_string_value(json_object_get(r, "alias"));
            printf("%-32s %-8s v%-4lld %-8s runs %lld  %s\n", json_string_value(json_object_get(r, "id")),
                   json_is_true(json_object_get(r, "enabled")) ? "enabled" : "disabled",
                   (long long)json_integer_value(json_object_get(r, "version")),
                   json_string_value(json_object_get(r, "mode")),
                   (long long)json_integer_value(json_object_get(r, "running")), alias ? alias : "");
        }
        if (!json_array_size(json_object_get(res, "rules"))) printf("no rules\n");
    } else if (!strcmp(c->rules_cmd, "export")) {
        const char *y = json_string_value(json_object_get(res, "yaml"));
        fputs(y ? y : "", stdout);
    } else if (!strcmp(c->rules_cmd, "import")) {
        json_t *ids = json_object_get(res, "imported");
        printf("imported %zu rules (%lld new):", json_array_size(ids),
               (long long)json_integer_value(json_object_get(res, "created")));
        size_t i;
        json_t *x;
        json_array_foreach(ids, i, x) printf(" %s", json_string_value(x));
        printf("\n");
    } else {
        char *s = json_dumps(res, JSON_INDENT(2));
        if (s) printf("%s\n", s);
        free(s);
    }
}

static void on_message(struct mosquitto *mosq, void *ud, const struct mosquitto_message *m)
{
    struct ctl *c = ud;
    c->quiet_since_ms = now_ms();
    if (m->payloadlen <= 0) return; /* a cleared retained state */
    json_t *j = json_loadb(m->payload, (size_t)m->payloadlen, 0, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        return;
    }
    switch (c->mode) {
    case CTL_DEVICES:
        if (strncmp(m->topic, "hub/state/", 10) == 0) json_object_set(c->states, m->topic + 10, j);
        break;
    case CTL_STATE: {
        char *s = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
        if (s) printf("%s\n", s);
        free(s);
        c->done = true;
        break;
    }
    case CTL_CALL: {
        const char *id = json_string_value(json_object_get(j, "id"));
        if (!id || strcmp(id, c->call_id) != 0) break; /* someone else's answer */
        if (json_is_true(json_object_get(j, "ok"))) {
            printf("ok\n");
            c->exit_code = 0;
        } else {
            const char *e = json_string_value(json_object_get(j, "error"));
            c->error = strdup(e ? e : "failed (no reason given)");
            c->exit_code = 1;
        }
        c->done = true;
        break;
    }
    case CTL_RULES:
        rules_answer(c, j);
        break;
    case CTL_SAY: {
        const char *id = json_string_value(json_object_get(j, "id"));
        if (!id || strcmp(id, c->call_id) != 0) break; /* someone else's answer */
        const char *text = json_string_value(json_object_get(j, "text"));
        printf("%s\n", text ? text : "");
        c->exit_code = json_is_true(json_object_get(j, "ok")) ? 0 : 1;
        c->done = true;
        break;
    }
    }
    json_decref(j);
}

static int print_devices(json_t *states)
{
    const char **ids = malloc((json_object_size(states) + 1) * sizeof *ids);
    size_t n = 0;
    const char *k;
    json_t *v;
    if (!ids) return 1;
    json_object_foreach(states, k, v) ids[n++] = k;
    for (size_t i = 1; i < n; i++) /* insertion sort: lists are small */
        for (size_t j = i; j > 0 && strcmp(ids[j - 1], ids[j]) > 0; j--) {
            const char *t = ids[j];
            ids[j] = ids[j - 1];
            ids[j - 1] = t;
        }
    printf("%-40s %-12s %-16s %s\n", "ENTITY", "STATE", "AREA", "NAME");
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_object_get(states, ids[i]);
        const char *st = json_string_value(json_object_get(s, "state"));
        const char *area = json_string_value(json_object_get(s, "area"));
        const char *name = json_string_value(json_object_get(s, "name"));
        printf("%-40s %-12s %-16s %s\n", ids[i], st ? st : "?", area ? area : "-", name ? name : "");
    }
    free(ids);
    return n ? 0 : 1;
}

/* ---- tokens: straight on the database, beside hubd when it runs (it reads tokens at each
 * sign-in and closes clients whose token is gone) ---- */

static int token_list_cb(void *ud, const char *name, int64_t created_ms, int64_t used_ms)
{
    char c[32] = "-", u[32] = "never";
    time_t t = (time_t)(created_ms / 1000);
    struct tm tm;
    if (gmtime_r(&t, &tm)) strftime(c, sizeof c, "%Y-%m-%dT%H:%M:%SZ", &tm);
    t = (time_t)(used_ms / 1000);
    if (used_ms > 0 && gmtime_r(&t, &tm)) strftime(u, sizeof u, "%Y-%m-%dT%H:%M:%SZ", &tm);
    printf("%-24s created %s  last used %s\n", name, c, u);
    (*(int *)ud)++;
    return 0;
}

static int ctl_token(const char *db, int argc, char **argv)
{
    const char *sub = argc > 0 ? argv[0] : "";
    bool create = strcmp(sub, "create") == 0, revoke = strcmp(sub, "revoke") == 0;
    bool list = strcmp(sub, "list") == 0;
    if (!((create || revoke) && argc == 2) && !(list && argc == 1)) {
        usage(stderr);
        return 2;
    }
    if ((create || revoke) && !hub_token_name_valid(argv[1])) {
        fprintf(stderr, "hubctl: token name '%s': use 1-%d characters of A-Z a-z 0-9 _ . @ -\n",
                argv[1], HUB_TOKEN_NAME_MAX);
        return 2;
    }
    char err[512], err2[512];
    struct hub_store *st = hub_store_open(db, err, sizeof err);
    if (!st && !(st = hub_store_open_beside(db, err2, sizeof err2))) {
        /* the first reason says why the file itself could not be opened; the second why not
         * beside a running hub */
        fprintf(stderr, "hubctl: %s\n", access(db, F_OK) == 0 ? err2 : err);
        return 1;
    }
    int rc, code = 0;
    if (create) {
        char tok[HUB_TOKEN_LEN + 1];
        rc = hub_token_create(st, argv[1], false, tok, err, sizeof err);
        if (rc == HUB_OK) printf("%s\n", tok);
        else fprintf(stderr, "hubctl: %s\n", err), code = 1;
    } else if (revoke) {
        rc = hub_store_token_delete(st, argv[1]);
        if (rc == HUB_OK) printf("revoked %s\n", argv[1]);
        else fprintf(stderr, "hubctl: %s\n", hub_store_last_error(st)), code = 1;
    } else {
        int n = 0;
        rc = hub_store_token_foreach(st, token_list_cb, &n);
        if (rc) fprintf(stderr, "hubctl: %s\n", hub_store_last_error(st)), code = 1;
        else if (n == 0) printf("no tokens\n");
    }
    hub_store_close(st);
    return code;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {{"mqtt", required_argument, NULL, 'm'},
                                         {"timeout", required_argument, NULL, 't'},
                                         {"username", required_argument, NULL, 'u'},
                                         {"password", required_argument, NULL, 'p'},
                                         {"db", required_argument, NULL, 'd'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *mqtt = getenv("HUBCTL_MQTT"), *user = NULL, *pass = NULL, *db = "hubd.db";
    double timeout_s = 5;
    int o;
    while ((o = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        switch (o) {
        case 'm': mqtt = optarg; break;
        case 't': {
            char *end;
            timeout_s = strtod(optarg, &end);
            if (*end || timeout_s <= 0 || timeout_s > 3600) {
                fprintf(stderr, "hubctl: --timeout: '%s' is not a number of seconds\n", optarg);
                return 2;
            }
            break;
        }
        case 'u': user = optarg; break;
        case 'p': pass = optarg; break;
        case 'd': db = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[optind], "token") == 0) return ctl_token(db, argc - optind - 1, argv + optind + 1);
    struct ctl c = {.exit_code = 1};
    const char *cmd = argv[optind++];
    const char *sub;
    char topic[300];
    if (strcmp(cmd, "devices") == 0 && optind == argc) {
        c.mode = CTL_DEVICES;
        sub = "hub/state/#";
        c.states = json_object();
    } else if (strcmp(cmd, "state") == 0 && argc - optind == 1) {
        c.mode = CTL_STATE;
        c.entity = argv[optind];
        if (strlen(c.entity) > 200 || mosquitto_pub_topic_check(c.entity) != MOSQ_ERR_SUCCESS ||
            strchr(c.entity, '/')) {
            fprintf(stderr, "hubctl: '%s' is not an entity id\n", c.entity);
            return 2;
        }
        snprintf(topic, sizeof topic, "hub/state/%s", c.entity);
        sub = topic;
    } else if (strcmp(cmd, "call") == 0 && argc - optind >= 2) {
        c.mode = CTL_CALL;
        c.entity = argv[optind];
        json_t *args = json_object();
        for (int i = optind + 2; i < argc; i++) {
            const char *eq = strchr(argv[i], '=');
            if (!eq || eq == argv[i]) {
                fprintf(stderr, "hubctl: argument '%s' is not key=value\n", argv[i]);
                return 2;
            }
            char *key = strndup(argv[i], (size_t)(eq - argv[i]));
            json_t *v = json_loads(eq + 1, JSON_DECODE_ANY, NULL);
            if (!v && strchr(eq + 1, ',')) v = number_list(eq + 1); /* rgb_color=255,0,0 */
            if (!v) v = json_string(eq + 1);
            if (!key || !v) {
                fprintf(stderr, "hubctl: argument '%s': not valid UTF-8 or out of memory\n", argv[i]);
                return 2;
            }
            json_object_set_new(args, key, v);
            free(key);
        }
        snprintf(c.call_id, sizeof c.call_id, "hubctl-%d-%lld", (int)getpid(), (long long)now_ms());
        json_t *req = json_pack("{s:s, s:s, s:s, s:o}", "id", c.call_id, "entity", c.entity,
                                "action", argv[optind + 1], "args", args);
        c.call_payload = req ? json_dumps(req, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
        json_decref(req);
        if (!c.call_payload) {
            fprintf(stderr, "hubctl: cannot build the request (invalid UTF-8?)\n");
            return 2;
        }
        sub = "hub/call/result";
    } else if (strcmp(cmd, "rules") == 0 && argc - optind >= 1) {
        c.mode = CTL_RULES;
        c.rules_cmd = argv[optind];
        const char *rc_ = c.rules_cmd;
        int nargs = argc - optind - 1;
        char **args = argv + optind + 1;
        json_t *req = json_object();
        char type[32];
        snprintf(type, sizeof type, "rules/%s", rc_);
        if (!strcmp(rc_, "list") && nargs == 0) {
        } else if (!strcmp(rc_, "import") && nargs == 1) {
            FILE *f = fopen(args[0], "rb");
            if (!f) {
                fprintf(stderr, "hubctl: %s: %s\n", args[0], strerror(errno));
                return 1;
            }
            static char text[4 * 1024 * 1024 + 1];
            size_t n = fread(text, 1, sizeof text - 1, f);
            bool big = n == sizeof text - 1;
            fclose(f);
            if (big) {
                fprintf(stderr, "hubctl: %s: larger than 4 MiB\n", args[0]);
                return 1;
            }
            json_t *y = json_stringn(text, n);
            if (!y) {
                fprintf(stderr, "hubctl: %s: not UTF-8 text\n", args[0]);
                return 1;
            }
            json_object_set_new(req, "yaml", y);
            json_object_set_new(req, "name", json_string(args[0]));
        } else if (!strcmp(rc_, "export")) {
            if (nargs) {
                json_t *ids = json_array();
                for (int i = 0; i < nargs; i++) json_array_append_new(ids, json_string(args[i]));
                json_object_set_new(req, "rule_ids", ids);
            }
        } else if (!strcmp(rc_, "trace") && (nargs == 1 || nargs == 2)) {
            json_object_set_new(req, "rule_id", json_string(args[0]));
            if (nargs == 2) json_object_set_new(req, "limit", json_integer(atoi(args[1])));
        } else if ((!strcmp(rc_, "enable") || !strcmp(rc_, "disable")) && nargs == 1) {
            snprintf(type, sizeof type, "rules/enable");
            json_object_set_new(req, "rule_id", json_string(args[0]));
            json_object_set_new(req, "enabled", json_boolean(!strcmp(rc_, "enable")));
        } else if ((!strcmp(rc_, "get") || !strcmp(rc_, "delete") || !strcmp(rc_, "trigger")) && nargs == 1) {
            json_object_set_new(req, "rule_id", json_string(args[0]));
        } else {
            json_decref(req);
            usage(stderr);
            return 2;
        }
        snprintf(c.call_id, sizeof c.call_id, "hubctl-%d-%lld", (int)getpid(), (long long)now_ms());
        json_object_set_new(req, "id", json_string(c.call_id));
        json_object_set_new(req, "type", json_string(type));
        c.call_payload = json_dumps(req, JSON_COMPACT);
        json_decref(req);
        if (!c.call_payload) {
            fprintf(stderr, "hubctl: cannot build the request (invalid UTF-8?)\n");
            return 2;
        }
        sub = "hub/rules/result";
    } else if (strcmp(cmd, "say") == 0 && argc - optind >= 1) {
        c.mode = CTL_SAY;
        size_t len = 1;
        for (int i = optind; i < argc; i++) len += strlen(argv[i]) + 1;
        char *text = calloc(1, len);
        for (int i = optind; text && i < argc; i++) {
            if (i > optind) strcat(text, " ");
            strcat(text, argv[i]);
        }
        snprintf(c.call_id, sizeof c.call_id, "hubctl-%d-%lld", (int)getpid(), (long long)now_ms());
        json_t *req = text ? json_pack("{s:s, s:s}", "id", c.call_id, "text", text) : NULL;
        free(text);
        c.call_payload = req ? json_dumps(req, JSON_COMPACT) : NULL;
        json_decref(req);
        if (!c.call_payload) {
            fprintf(stderr, "hubctl: say: the text is not valid UTF-8\n");
            return 2;
        }
        sub = "hub/response";
    } else {
        usage(stderr);
        return 2;
    }

    char *host = NULL, err[256];
    int port;
    if (hub_config_parse_hostport(mqtt ? mqtt : "127.0.0.1:1883", 1883, &host, &port, err, sizeof err)) {
        fprintf(stderr, "hubctl: --mqtt: %s\n", err);
        return 2;
    }
    mosquitto_lib_init();
    struct mosquitto *mosq = mosquitto_new(NULL, true, &c);
    if (!mosq) {
        fprintf(stderr, "hubctl: mosquitto_new: %s\n", strerror(errno));
        return 1;
    }
    mosquitto_subscribe_callback_set(mosq, on_subscribe);
    mosquitto_message_callback_set(mosq, on_message);
    if (user) mosquitto_username_pw_set(mosq, user, pass);
    int rc = mosquitto_connect(mosq, host, port, 30);
    if (rc != MOSQ_ERR_SUCCESS) {
        fprintf(stderr, "hubctl: cannot connect to %s:%d: %s\n", host, port,
                rc == MOSQ_ERR_ERRNO ? strerror(errno) : mosquitto_strerror(rc));
        return 1;
    }
    rc = mosquitto_subscribe(mosq, NULL, sub, 1);
    if (rc != MOSQ_ERR_SUCCESS) {
        fprintf(stderr, "hubctl: subscribe %s: %s\n", sub, mosquitto_strerror(rc));
        return 1;
    }
    int64_t deadline = now_ms() + (int64_t)(timeout_s * 1000);
    bool timed_out = false;
    while (!c.done) {
        rc = mosquitto_loop(mosq, 50, 1);
        if (rc != MOSQ_ERR_SUCCESS) {
            fprintf(stderr, "hubctl: connection to %s:%d lost: %s\n", host, port, mosquitto_strerror(rc));
            break;
        }
        int64_t now = now_ms();
        /* Retained messages come right after the SUBACK; 300 ms of quiet means all are in. */
        if (c.subscribed && c.mode != CTL_CALL && c.mode != CTL_RULES && c.mode != CTL_SAY &&
            now - c.quiet_since_ms > 300)
            break;
        if (now > deadline) {
            timed_out = true;
            break;
        }
    }
    if (c.mode == CTL_DEVICES) {
        if (json_object_size(c.states) == 0)
            fprintf(stderr, "hubctl: no entities on %s:%d (is hubd running there?)\n", host, port);
        c.exit_code = print_devices(c.states);
    } else if (c.mode == CTL_STATE && !c.done) {
        fprintf(stderr, "hubctl: no state for '%s' (unknown entity, or no hub on %s:%d)\n", c.entity,
                host, port);
    } else if ((c.mode == CTL_CALL || c.mode == CTL_RULES || c.mode == CTL_SAY) && !c.done) {
        fprintf(stderr, "hubctl: no answer from the hub on %s:%d within %.0f s%s\n", host, port,
                timeout_s, timed_out ? "" : " (connection lost)");
    } else if (c.mode == CTL_STATE) {
        c.exit_code = 0;
    }
    if (c.error) fprintf(stderr, "hubctl: error: %s\n", c.error);
    mosquitto_disconnect(mosq);
    mosquitto_loop(mosq, 50, 1);
    mosquitto_destroy(mosq);
    mosquitto_lib_cleanup();
    json_decref(c.states);
    free(c.call_payload);
    free(c.error);
    free(host);
    return c.exit_code;
}

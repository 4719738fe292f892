/*
 * hubd.c: the hub daemon's main: flags over config, the store, registry and states, the
 * broker (spawned when none is configured), the MQTT link, the plugins, hub/call, and a clean
 * stop on SIGINT/SIGTERM. Everything runs on one libuv loop in one thread.
 */
#include "config.h"

#include "hub_log.h"
#include "hub_status.h"
#include "hubd/hub.h"
#include "hubd/mqtt.h"
#include "hubd/plugins.h"
#include "hubd/registry.h"
#include "hubd/rules.h"
#include "hubd/command.h"
#include "hubd/clock.h"
#include "hubd/state.h"
#include "hubd/store.h"
#include "hubd/token.h"
#include "hubd/web.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <mosquitto.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TAG "hubd"
#define CALL_MAX_PAYLOAD 65536
#define CALL_MEMO_SIZE 256 /* recent hub/call ids remembered with their answers */
#define PRUNE_EVERY_MS (3600 * 1000)

#ifndef HUB_PLUGIN_DIR
#define HUB_PLUGIN_DIR "/usr/local/lib/hubd"
#endif

static void usage(FILE *f)
{
    fprintf(f,
            "usage: hubd [-c FILE] [--mqtt HOST:PORT] [--db FILE] [--http ADDR:PORT]\n"
            "            [--plugins DIR] [--model FILE] [--house FILE.json] [--demo]\n"
            "            [--log-level error|warn|info|debug] [--ready-file FILE] [--check-config]\n"
            "  -c, --config FILE   config file (see hubd/CONFIG.md); flags override it\n"
            "  --mqtt HOST:PORT    broker to use (default: [mqtt] host, else hubd starts its own\n"
            "                      mosquitto on 127.0.0.1)\n"
            "  --db FILE           SQLite database (default: [store] db, else hubd.db)\n"
            "  --http ADDR:PORT    dashboard and websocket API (default: [http] listen; none)\n"
            "  --plugins DIR       device plugins (*.so) to load\n"
            "  --demo              demo home: own broker on 127.0.0.1:1883 when free, and a\n"
            "                      fresh dashboard access token printed at start\n"
            "  --ready-file FILE   write \"mqtt=HOST:PORT\" there once connected (for scripts)\n"
            "  --check-config      check the config file and flags, then exit\n");
}

int hub_publish(struct hub *h, const char *topic, const void *payload, size_t len, int qos,
                bool retain)
{
    if (!h->mqtt) return HUB_ERR_UNAVAILABLE;
    return hub_mqtt_publish(h->mqtt, topic, payload, len, qos, retain);
}

static int env_publish(void *ud, const char *topic, const void *payload, size_t len, int qos,
                       bool retain)
{
    return hub_publish(ud, topic, payload, len, qos, retain);
}

static int env_subscribe(void *ud, const char *filter, int qos)
{
    struct hub *h = ud;
    return h->mqtt ? hub_mqtt_subscribe(h->mqtt, filter, qos) : HUB_ERR_UNAVAILABLE;
}

/* ---- hub/call ---- */

/* The answers to the last CALL_MEMO_SIZE calls that carried an id. A client that got no answer
 * (a broker without persistence forgets sessions when it restarts: a call published before
 * hubd subscribed again, or an answer before the client did, is dropped) sends the same id
 * again; hubd then repeats the answer instead of running the action twice. One hub per process,
 * used on the state thread only. */
static struct call_memo {
    char *key; /* "s:<id>" or "i:<id>" */
    char *answer;
} call_memo[CALL_MEMO_SIZE];
static size_t call_memo_next;

static void call_memo_key(json_t *id, char *key, size_t n)
{
    key[0] = 0;
    if (json_is_string(id) && json_string_length(id) < n - 3)
        snprintf(key, n, "s:%s", json_string_value(id));
    else if (json_is_integer(id))
        snprintf(key, n, "i:%lld", (long long)json_integer_value(id));
}

static const char *call_memo_get(const char *key)
{
    for (size_t i = 0; *key && i < CALL_MEMO_SIZE; i++)
        if (call_memo[i].key && strcmp(call_memo[i].key, key) == 0) return call_memo[i].answer;
    return NULL;
}

static void call_memo_put(const char *key, const char *answer)
{
    if (!*key) return;
    struct call_memo *m = &call_memo[call_memo_next];
    free(m->key);
    free(m->answer);
    m->key = strdup(key);
    m->answer = strdup(answer);
    if (!m->key || !m->answer) { /* not remembered: a retry would run it again */
        free(m->key);
        free(m->answer);
        m->key = m->answer = NULL;
    }
    call_memo_next = (call_memo_next + 1) % CALL_MEMO_SIZE;
}

static void call_memo_free(void)
{
    for (size_t i = 0; i < CALL_MEMO_SIZE; i++) {
        free(call_memo[i].key);
        free(call_memo[i].answer);
        call_memo[i].key = call_memo[i].answer = NULL;
    }
}

static void call_answer(struct hub *h, json_t *id, const char *entity, const char *action,
                        int ok, const char *error)
{
    json_t *res = json_pack("{s:b, s:s?, s:s?, s:s?}", "ok", ok, "error", ok ? NULL : error,
                            "entity", entity, "action", action);
    if (!res) return;
    if (id) json_object_set(res, "id", id);
    char *s = json_dumps(res, JSON_COMPACT | JSON_REAL_PRECISION(10));
    json_decref(res);
    if (!s) return;
    int rc = hub_publish(h, "hub/call/result", s, strlen(s), 1, false);
    if (rc) hub_warn(TAG, "cannot answer on hub/call/result: %s", hub_strerror(rc));
    if (id && entity && action) { /* a well-formed call: a retry gets the same answer */
        char key[160];
        call_memo_key(id, key, sizeof key);
        call_memo_put(key, s);
    }
    free(s);
}

static void handle_call(struct hub *h, const void *payload, size_t len)
{
    h->calls++;
    if (len > CALL_MAX_PAYLOAD) {
        h->bad_calls++;
        call_answer(h, NULL, NULL, NULL, 0, "request larger than 64 KiB");
        return;
    }
    json_error_t jerr;
    json_t *req = json_loadb(payload, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!json_is_object(req)) {
        char why[256];
        snprintf(why, sizeof why, "request is not a JSON object%s%s", req ? "" : ": ",
                 req ? "" : jerr.text);
        h->bad_calls++;
        if (h->bad_calls == 1) hub_warn(TAG, "bad hub/call: %s", why);
        call_answer(h, NULL, NULL, NULL, 0, why);
        json_decref(req);
        return;
    }
    json_t *id = json_object_get(req, "id");
    if (id && !json_is_string(id) && !json_is_integer(id)) id = NULL;
    char key[160];
    call_memo_key(id, key, sizeof key);
    const char *again = call_memo_get(key);
    if (again) { /* a retry of a call already run: the same answer, not a second run */
        hub_debug(TAG, "call %s repeated: answered again, not run again", key + 2);
        int rc = hub_publish(h, "hub/call/result", again, strlen(again), 1, false);
        if (rc) hub_warn(TAG, "cannot answer on hub/call/result: %s", hub_strerror(rc));
        json_decref(req);
        return;
    }
    const char *entity = json_string_value(json_object_get(req, "entity"));
    const char *action = json_string_value(json_object_get(req, "action"));
    json_t *args = json_object_get(req, "args");
    if (!entity || !action || (args && !json_is_object(args) && !json_is_null(args))) {
        h->bad_calls++;
        call_answer(h, id, entity, action, 0,
                    "expected {\"entity\": string, \"action\": string, \"args\": object}");
        json_decref(req);
        return;
    }
    char *args_s = json_is_object(args)
                       ? json_dumps(args, JSON_COMPACT | JSON_REAL_PRECISION(10))
                       : NULL;
    char err[300] = "";
    int rc = hub_plugins_execute(h->plugins, entity, action, args_s ? args_s : "{}", err, sizeof err);
    hub_debug(TAG, "call %s %s %s: %s", entity, action, args_s ? args_s : "{}",
              rc ? err : "ok");
    call_answer(h, id, entity, action, rc == HUB_OK, err);
    free(args_s);
    json_decref(req);
}

/* ---- rules ---- */

static int env_execute(void *ud, const char *entity, const char *action, const char *args_json,
                       char *err, size_t errlen)
{
    struct hub *h = ud;
    if (!h->plugins) {
        snprintf(err, errlen, "hub is stopping");
        return HUB_ERR_UNAVAILABLE;
    }
    return hub_plugins_execute(h->plugins, entity, action, args_json, err, errlen);
}

static void command_answer(void *ctx, int status, const char *answer_json)
{
    struct hub *h = ctx;
    if (status == HUB_OK && answer_json)
        hub_publish(h, "hub/response", answer_json, strlen(answer_json), 1, false);
    else
        hub_warn(TAG, "text command failed: %s", hub_strerror(status));
}

static void rule_command_done(void *ctx, int status, const char *answer_json)
{
    (void)ctx;
    hub_debug(TAG, "rule command: %s %s", hub_strerror(status), answer_json ? answer_json : "");
}

/* "conversation.process" actions of rules: the language engine's hook, when there is one. */
static int env_command(void *ud, const char *text, const char *lang, char *err, size_t errlen)
{
    struct hub *h = ud;
    if (!h->command) {
        snprintf(err, errlen, "language engine not available");
        return HUB_ERR_UNAVAILABLE;
    }
    int rc = h->command(h, text, lang, NULL, rule_command_done, NULL);
    if (rc) snprintf(err, errlen, "language engine: %s", hub_strerror(rc));
    return rc;
}

/* hub/command: phrases of "conversation" rule triggers come first (as in Home Assistant);
 * the language engine (h->command) gets what no rule claimed. */
static void handle_command(struct hub *h, const void *payload, size_t len)
{
    if (len > CALL_MAX_PAYLOAD) {
        if (h->voice) hub_command_mqtt_command(h->voice, payload, len); /* answers "too long" */
        return;
    }
    json_t *j = json_loadb(payload, len, 0, NULL);
    const char *jt = json_string_value(json_object_get(j, "text"));
    char *text = json_is_object(j) ? (jt ? strdup(jt) : NULL) : strndup(payload, len);
    const char *lang = json_string_value(json_object_get(j, "lang"));
    const char *area = json_string_value(json_object_get(j, "area"));
    int n = text && h->rules ? hub_rules_phrase(h->rules, text) : 0;
    if (n > 0) {
        char msg[128];
        const char *l = hub_command_detect_lang(text, lang ? lang : "en");
        if (l && !strncmp(l, "zh", 2))
            snprintf(msg, sizeof msg, "已启动 %d 个自动化。", n);
        else
            snprintf(msg, sizeof msg, "Started %d automation%s.", n, n == 1 ? "" : "s");
        json_t *res = json_pack("{s:s, s:n, s:{}, s:[], s:b, s:i}", "text", msg, "intent", "slots",
                                "targets", "ok", 1, "rules", n);
        json_t *id = json_object_get(j, "id"); /* hubctl say and others match answers by id */
        if (res && (json_is_string(id) || json_is_integer(id))) json_object_set(res, "id", id);
        char *s = res ? json_dumps(res, JSON_COMPACT) : NULL;
        if (s) hub_publish(h, "hub/response", s, strlen(s), 1, false);
        free(s);
        json_decref(res);
    } else if (h->voice) { /* JSON forms, satellites, bad input: hubd/command.c */
        hub_command_mqtt_command(h->voice, payload, len);
    } else if (text && h->command) {
        int rc = h->command(h, text, lang, area, command_answer, h);
        if (rc) hub_warn(TAG, "text command: %s", hub_strerror(rc));
    }
    free(text);
    json_decref(j);
}

/* [location] latitude/longitude: degrees; both or neither. */
static int read_location(const struct hub_config *cfg, struct hub_rules_env *env)
{
    const char *la = hub_config_get(cfg, "location", "latitude");
    const char *lo = hub_config_get(cfg, "location", "longitude");
    if (!la && !lo) return 0;
    char *e1 = NULL, *e2 = NULL;
    double lat = la ? strtod(la, &e1) : NAN, lon = lo ? strtod(lo, &e2) : NAN;
    if (!la || !lo || *e1 || *e2 || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
        int line = 0;
        for (size_t i = 0; i < cfg->n_entries; i++)
            if (strcmp(cfg->entries[i].section, "location") == 0) line = cfg->entries[i].line;
        hub_error(TAG, "%s:%d: [location] needs latitude (-90..90) and longitude (-180..180) in degrees",
                  cfg->path ? cfg->path : "config", line);
        return -1;
    }
    env->have_location = true;
    env->latitude = lat;
    env->longitude = lon;
    return 0;
}

/* ---- MQTT events ---- */

static void on_message(void *ud, const char *topic, const void *payload, size_t len, int qos,
                       bool retain)
{
    struct hub *h = ud;
    if (h->rules && hub_rules_on_mqtt(h->rules, topic, payload, len, retain)) return;
    if (h->voice && hub_command_on_mqtt(h->voice, topic, payload, len, retain)) return;
    if (strcmp(topic, "hub/command") == 0) {
        if (!retain) handle_command(h, payload, len);
        return;
    }
    if (strcmp(topic, "hub/call") == 0) {
        if (!retain) handle_call(h, payload, len); /* a retained call would re-run at every start */
        return;
    }
    hub_plugins_route(h->plugins, topic, payload, len);
}

static void write_ready_file(struct hub *h)
{
    if (!h->ready_file) return;
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s.tmp", h->ready_file);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        hub_error(TAG, "cannot write %s: %s", tmp, strerror(errno));
        return;
    }
    fprintf(f, "mqtt=%s:%d\npid=%d\n", h->mqtt_host, h->mqtt_port, (int)getpid());
    if (h->web) fprintf(f, "http=%s\n", hub_web_address(h->web));
    if (fclose(f) != 0 || rename(tmp, h->ready_file) != 0)
        hub_error(TAG, "cannot write %s: %s", h->ready_file, strerror(errno));
    else
        h->ready_written = true;
}

static void on_connect(void *ud, bool reconnect)
{
    struct hub *h = ud;
    /* A restarted broker may have lost the retained states: publish them again. */
    hub_states_publish_all(h->states);
    if (!reconnect) write_ready_file(h);
}

/* ---- timers, signals, stop ---- */

static void flush_cb(uv_timer_t *t)
{
    struct hub *h = t->data;
    hub_states_flush(h->states);
    int64_t now = hub_now_ms();
    if (h->cfg.history_retention_days > 0 && now - h->last_prune_ms > PRUNE_EVERY_MS) {
        h->last_prune_ms = now;
        int64_t n = hub_store_history_prune(h->store, now - (int64_t)h->cfg.history_retention_days * 86400000);
        if (n > 0) hub_info(TAG, "pruned %lld history rows older than %d days", (long long)n,
                            h->cfg.history_retention_days);
    }
}

static void hub_stop(struct hub *h)
{
    if (h->stopping) return;
    h->stopping = true;
    hub_info(TAG, "stopping");
    hub_rules_stop(h->rules); /* before the plugins go: their last states start no rule */
    hub_command_stop(h->voice);
    uv_timer_stop(&h->flush_timer);
    uv_close((uv_handle_t *)&h->flush_timer, NULL);
    uv_close((uv_handle_t *)&h->sig_int, NULL);
    uv_close((uv_handle_t *)&h->sig_term, NULL);
    if (h->plugins) {
        hub_plugins_free(h->plugins);
        h->plugins = NULL;
    }
    call_memo_free();
    if (h->mqtt) hub_mqtt_stop(h->mqtt);
    hub_web_stop(h);
}

static void signal_cb(uv_signal_t *s, int signum)
{
    struct hub *h = s->data;
    hub_info(TAG, "%s received", signum == SIGINT ? "SIGINT" : "SIGTERM");
    hub_stop(h);
}

/* ---- start ---- */

static uint32_t fnv1a(const char *s)
{
    uint32_t x = 2166136261u;
    for (; *s; s++) x = (x ^ (unsigned char)*s) * 16777619u;
    return x;
}

static const char *default_plugin_dir(void)
{
    struct stat st;
    if (stat(HUB_BUILD_PLUGIN_DIR, &st) == 0 && S_ISDIR(st.st_mode)) return HUB_BUILD_PLUGIN_DIR;
    return HUB_PLUGIN_DIR;
}

enum {
    OPT_MQTT = 256, OPT_DB, OPT_HTTP, OPT_PLUGINS, OPT_MODEL, OPT_DEMO, OPT_LOG, OPT_CHECK,
    OPT_HOUSE, OPT_READY, OPT_VERSION
};

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"config", required_argument, NULL, 'c'}, {"mqtt", required_argument, NULL, OPT_MQTT},
        {"db", required_argument, NULL, OPT_DB}, {"http", required_argument, NULL, OPT_HTTP},
        {"plugins", required_argument, NULL, OPT_PLUGINS},
        {"model", required_argument, NULL, OPT_MODEL}, {"demo", no_argument, NULL, OPT_DEMO},
        {"log-level", required_argument, NULL, OPT_LOG},
        {"check-config", no_argument, NULL, OPT_CHECK},
        {"house", required_argument, NULL, OPT_HOUSE},
        {"ready-file", required_argument, NULL, OPT_READY},
        {"version", no_argument, NULL, OPT_VERSION}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *config_file = NULL, *f_mqtt = NULL, *f_db = NULL, *f_http = NULL,
               *f_plugins = NULL, *f_model = NULL, *f_log = NULL, *f_house = NULL;
    bool demo = false, check_only = false;
    static struct hub hub;
    struct hub *h = &hub;
    h->broker.pid = -1;
    int c;
    while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': config_file = optarg; break;
        case OPT_MQTT: f_mqtt = optarg; break;
        case OPT_DB: f_db = optarg; break;
        case OPT_HTTP: f_http = optarg; break;
        case OPT_PLUGINS: f_plugins = optarg; break;
        case OPT_MODEL: f_model = optarg; break;
        case OPT_DEMO: demo = true; break;
        case OPT_LOG: f_log = optarg; break;
        case OPT_CHECK: check_only = true; break;
        case OPT_HOUSE: f_house = optarg; break;
        case OPT_READY: h->ready_file = optarg; break;
        case OPT_VERSION: printf("hubd %s\n", PACKAGE_VERSION); return 0;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "hubd: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return 2;
    }

    /* Settings: defaults, then the file, then the flags. */
    char err[1024];
    struct hub_config *cfg = &h->cfg;
    hub_config_init(cfg);
    if (config_file && hub_config_load(cfg, config_file, err, sizeof err) != HUB_OK) {
        fprintf(stderr, "hubd: %s\n", err);
        hub_config_free(cfg);
        return 2;
    }
    int rc = HUB_OK;
    if (f_mqtt) {
        char *host = NULL;
        int port;
        if (hub_config_parse_hostport(f_mqtt, 1883, &host, &port, err, sizeof err)) {
            fprintf(stderr, "hubd: --mqtt: %s\n", err);
            hub_config_free(cfg);
            return 2;
        }
        free(cfg->mqtt_host);
        cfg->mqtt_host = host;
        cfg->mqtt_port = port;
    }
    if (f_http) {
        char *host = NULL;
        int port;
        if (hub_config_parse_hostport(f_http, -1, &host, &port, err, sizeof err)) {
            fprintf(stderr, "hubd: --http: %s\n", err);
            hub_config_free(cfg);
            return 2;
        }
        free(host);
        rc |= hub_config_set_str(&cfg->http_listen, f_http);
    }
    if (f_log) {
        int lv = hub_log_level_from_name(f_log);
        if (lv < 0) {
            fprintf(stderr, "hubd: --log-level: '%s' is not one of error, warn, info, debug\n", f_log);
            hub_config_free(cfg);
            return 2;
        }
        cfg->log_level = lv;
    }
    if (f_db) rc |= hub_config_set_str(&cfg->db_path, f_db);
    if (f_plugins) rc |= hub_config_set_str(&cfg->plugin_dir, f_plugins);
    if (f_model) rc |= hub_config_set_str(&cfg->model_path, f_model);
    if (f_house) rc |= hub_config_set_str(&cfg->house_file, f_house);
    if (demo) cfg->demo = true;
#if defined(HUB_SRC_HOUSE) && defined(HUB_INSTALLED_HOUSE)
    if (cfg->demo && !cfg->house_file) {
        const char *house = access(HUB_SRC_HOUSE, R_OK) == 0 ? HUB_SRC_HOUSE : HUB_INSTALLED_HOUSE;
        if (access(house, R_OK) == 0) rc |= hub_config_set_str(&cfg->house_file, house);
    }
#endif
    if (!cfg->db_path) rc |= hub_config_set_str(&cfg->db_path, "hubd.db");
    if (!cfg->plugin_dir) rc |= hub_config_set_str(&cfg->plugin_dir, default_plugin_dir());
    if (rc) {
        fprintf(stderr, "hubd: out of memory\n");
        hub_config_free(cfg);
        return 1;
    }
    hub_log_set_level(cfg->log_level);
    if (cfg->house_file && access(cfg->house_file, R_OK) != 0) {
        fprintf(stderr, "hubd: house file %s: %s\n", cfg->house_file, strerror(errno));
        hub_config_free(cfg);
        return 2;
    }
    if (check_only) {
        struct hub_rules_env loc = {0};
        if (read_location(cfg, &loc)) {
            hub_config_free(cfg);
            return 2;
        }
        printf("%s: ok (mqtt %s:%d, db %s, plugins %s, log level %d)\n",
               config_file ? config_file : "(no config file)",
               cfg->mqtt_host ? cfg->mqtt_host : "own broker", cfg->mqtt_port, cfg->db_path,
               cfg->plugin_dir, cfg->log_level);
        hub_config_free(cfg);
        return 0;
    }

    signal(SIGPIPE, SIG_IGN);
    h->exit_code = 1;
    int mrc = mosquitto_lib_init();
    if (mrc != MOSQ_ERR_SUCCESS) {
        hub_error(TAG, "mosquitto_lib_init: %s", mosquitto_strerror(mrc));
        hub_config_free(cfg);
        return 1;
    }
    h->loop = uv_default_loop();

    /* The store first: it takes the single-instance lock before we touch the broker. */
    h->store = hub_store_open(cfg->db_path, err, sizeof err);
    if (!h->store) {
        hub_error(TAG, "cannot open the database: %s", err);
        goto out;
    }
    if (!cfg->mqtt_client_id) {
        char real[PATH_MAX], id[64];
        const char *p = realpath(cfg->db_path, real) ? real : cfg->db_path;
        snprintf(id, sizeof id, "hubd-%08x", fnv1a(p)); /* stable per database: persistent session */
        hub_config_set_str(&cfg->mqtt_client_id, id);
    }
    h->reg = hub_registry_new(h->store);
    h->states = h->reg ? hub_states_new(h->store, h->reg, env_publish, h) : NULL;
    if (!h->states) {
        hub_error(TAG, "out of memory");
        goto out;
    }
    if (hub_registry_load(h->reg, err, sizeof err)) {
        hub_error(TAG, "%s", err);
        goto out;
    }
    if (cfg->house_file && hub_registry_load_house(h->reg, cfg->house_file, err, sizeof err)) {
        hub_error(TAG, "%s", err);
        goto out;
    }
    if (hub_states_load(h->states)) hub_warn(TAG, "last known states could not be read; starting empty");

    /* The broker: configured, or our own. */
    if (cfg->mqtt_host) {
        h->mqtt_host = strdup(cfg->mqtt_host);
        h->mqtt_port = cfg->mqtt_port;
    } else {
        char *bin = hub_broker_find(cfg->mosquitto_bin);
        if (!bin) {
            hub_error(TAG, "no [mqtt] host configured and no mosquitto binary found (%s); install "
                           "mosquitto or set [mqtt] host", cfg->mosquitto_bin ? cfg->mosquitto_bin : "PATH, /usr/sbin");
            goto out;
        }
        rc = hub_broker_start(&h->broker, bin, 0, cfg->demo ? 1883 : 0, err, sizeof err);
        free(bin);
        if (rc) {
            hub_error(TAG, "cannot start mosquitto: %s", err);
            goto out;
        }
        h->mqtt_host = strdup("127.0.0.1");
        h->mqtt_port = h->broker.port;
    }
    if (!h->mqtt_host) goto out;

    struct hub_mqtt_callbacks cb = {.ud = h, .on_message = on_message, .on_connect = on_connect};
    h->mqtt = hub_mqtt_new(h->loop, cfg, h->mqtt_host, h->mqtt_port, &cb, err, sizeof err);
    if (!h->mqtt) {
        hub_error(TAG, "MQTT: %s", err);
        goto out;
    }
    hub_mqtt_subscribe(h->mqtt, "hub/call", 1);

    struct hub_plugins_env env = {.ud = h, .publish = env_publish, .subscribe = env_subscribe,
                                  .reg = h->reg, .states = h->states, .cfg = cfg};
    h->plugins = hub_plugins_new(&env);
    if (!h->plugins) goto out;
    hub_plugins_load_dir(h->plugins, cfg->plugin_dir);

    hub_clock_init();
    struct hub_rules_env renv = {.ud = h, .loop = h->loop, .store = h->store, .reg = h->reg,
                                 .states = h->states, .publish = env_publish,
                                 .subscribe = env_subscribe, .execute = env_execute,
                                 .command = env_command};
    if (read_location(cfg, &renv)) goto out;
    h->rules = hub_rules_new(&renv, err, sizeof err);
    if (!h->rules) {
        hub_error(TAG, "%s", err);
        goto out;
    }
    hub_mqtt_subscribe(h->mqtt, "hub/command", 1);
    /* text commands, Hermes, hub/intent, timers, lists (hubd/command.h) */
    if (!hub_command_new(h, err, sizeof err)) {
        hub_error(TAG, "commands: %s", err);
        goto out;
    }

    uv_timer_init(h->loop, &h->flush_timer);
    h->flush_timer.data = h;
    uv_timer_start(&h->flush_timer, flush_cb, (uint64_t)cfg->history_flush_ms,
                   (uint64_t)cfg->history_flush_ms);
    uv_signal_init(h->loop, &h->sig_int);
    uv_signal_init(h->loop, &h->sig_term);
    h->sig_int.data = h->sig_term.data = h;
    uv_signal_start(&h->sig_int, signal_cb, SIGINT);
    uv_signal_start(&h->sig_term, signal_cb, SIGTERM);

    if (hub_web_start(h, err, sizeof err)) {
        hub_error(TAG, "web: %s", err);
        goto out;
    }
    if (h->web && cfg->demo) {
        /* The demo's token: a new one each start (the previous demo token stops working). */
        char tok[HUB_TOKEN_LEN + 1];
        if (hub_token_create(h->store, "demo", true, tok, err, sizeof err) == HUB_OK) {
            /* The #fragment never reaches the server; the page takes the token from it. */
            printf("dashboard: http://%s/#token=%s\naccess token: %s\n", hub_web_address(h->web),
                   tok, tok);
            fflush(stdout);
        } else {
            hub_warn(TAG, "no demo token: %s", err);
        }
    }

    if (hub_mqtt_start(h->mqtt)) goto out;
    hub_rules_start(h->rules);
    hub_info(TAG, "running: mqtt %s:%d, db %s, %zu plugins, %zu entities%s", h->mqtt_host,
             h->mqtt_port, cfg->db_path, hub_plugins_count(h->plugins), hub_registry_count(h->reg),
             cfg->demo ? " (demo)" : "");
    if (cfg->model_path)
        hub_info(TAG, "model %s: used by the engine module when built in", cfg->model_path);
    uv_run(h->loop, UV_RUN_DEFAULT);
    h->exit_code = 0;

out:
    if (!h->stopping) {
        hub_rules_stop(h->rules);
        hub_command_stop(h->voice);
        if (h->plugins) hub_plugins_free(h->plugins);
        h->plugins = NULL;
        if (h->mqtt) hub_mqtt_stop(h->mqtt);
        if (uv_is_active((uv_handle_t *)&h->flush_timer)) uv_close((uv_handle_t *)&h->flush_timer, NULL);
        hub_web_stop(h);
    }
    uv_run(h->loop, UV_RUN_NOWAIT); /* let close callbacks run */
    hub_mqtt_free(h->mqtt);
    if (h->states) hub_states_flush(h->states);
    hub_states_free(h->states);
    hub_web_free(h); /* after the states: they call its listener until freed */
    hub_command_free(h->voice); /* waits for nothing: the loop ran every worker's job to its end */
    hub_rules_free(h->rules); /* before the store: it holds prepared statements */
    hub_registry_free(h->reg);
    if (h->store) hub_store_close(h->store);
    hub_broker_stop(&h->broker);
    if (h->ready_written) unlink(h->ready_file); /* only ours: a refused second hubd leaves it */
    free(h->mqtt_host);
    hub_config_free(cfg);
    int code = h->exit_code;
    if (code == 0) hub_info(TAG, "stopped cleanly");
    uv_loop_close(h->loop);
    mosquitto_lib_cleanup();
    return code;
}
